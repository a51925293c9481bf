"""The AKIP evaluation in a real browser (issue 18): the office completes its self-assessment
(one answer against the system's suggestion needs a note; an evidence file is uploaded), the
sekretaris submits, the province's reviewer scores, recommends and finalises, the office follows
the recommendation up and the reviewer closes it; the LHE downloads, and the PK 2025 row of
"Nilai Akuntabilitas Kinerja" shows the grade as computed. Pages fit a phone."""

from pathlib import Path

import pytest
from django.urls import reverse

from evaluasi.models import Evaluasi, Jawaban, Rekomendasi
from kinerja.models import IndikatorKinerja
from tests.e2e.conftest import halaman_baru
from tests.factories import BarisPKFactory, PerjanjianFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LAYAR = Path(__file__).resolve().parents[2] / "var" / "layar"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _isi_semua(page, awalan: str, jawab_yt: str, jawab_ae: str) -> None:
    """Answer every select of the page ending in `awalan` that has no system suggestion."""
    for sel in page.locator(f"select[name$='-{awalan}']").all():
        if "ikuti usulan sistem" in sel.locator("option").first.inner_text():
            continue
        pilihan = [o.get_attribute("value") for o in sel.locator("option").all()]
        sel.select_option(jawab_yt if jawab_yt in pilihan else jawab_ae)


def test_lke_dari_penilaian_mandiri_sampai_predikat_di_pk(personas, live_server, browser, tmp_path):
    ik = IndikatorKinerja.objects.get(kode="IK3.15", sasaran__renstra__tahun_awal=2025)
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2025, jenis="KPU")
    BarisPKFactory(perjanjian=pk, indikator=ik.nama, target="B", indikator_kinerja=ik)
    url = live_server.url
    LAYAR.mkdir(parents=True, exist_ok=True)

    op = halaman_baru(browser, url, "operator_a")
    op.goto(url + reverse("evaluasi:daftar", args=["1672"]))
    op.click("button:has-text('Mulai LKE Tahun 2024')")
    op.wait_for_selector("text=LKE Tahun 2024 dibuat")
    ev = Evaluasi.objects.get(satker=personas.satker_a, tahun=2024)
    for i, k in enumerate(ev.instrumen.komponen.order_by("urutan")):
        op.goto(url + reverse("evaluasi:lke", args=["1672", 2024]))
        op.click(f"a:has-text('Isi penilaian mandiri {k.kode}')")
        _isi_semua(op, "mandiri", "Y", "A")
        if i == 0:
            # 1.a.4: the system says T (no PK 2024 signed); Y needs a note
            j = Jawaban.objects.get(evaluasi=ev, kriteria__kode="1.a.4")
            op.select_option(f"select[name='k{j.kriteria_id}-mandiri']", "Y")
            op.set_input_files(
                f"input[name='k{j.kriteria_id}-berkas']",
                {"name": "pk-2024.pdf", "mimeType": "application/pdf", "buffer": PDF},
            )
            op.click("button:has-text('Simpan komponen 1')")
            op.wait_for_selector("text=tulis catatan mengapa jawaban Anda berbeda")
            assert not Jawaban.objects.filter(evaluasi=ev).exclude(mandiri="").exists()
            op.screenshot(path=str(LAYAR / "lke-isi-1366.png"), full_page=True)
            op.fill(f"textarea[name='k{j.kriteria_id}-catatan']", "PK ditandatangani 15 Januari.")
            op.set_input_files(
                f"input[name='k{j.kriteria_id}-berkas']",
                {"name": "pk-2024.pdf", "mimeType": "application/pdf", "buffer": PDF},
            )
        op.click(f"button:has-text('Simpan komponen {k.kode}')")
        op.wait_for_selector(f"text=Komponen {k.kode} disimpan.")
    j = Jawaban.objects.get(evaluasi=ev, kriteria__kode="1.a.4")
    assert j.mandiri == "Y" and j.berkas.name.endswith(".pdf")
    assert "berkas bukti" in op.content()

    sek = halaman_baru(browser, url, "sekretaris_a")
    sek.goto(url + reverse("evaluasi:lke", args=["1672", 2024]))
    sek.click("button:has-text('Ajukan kepada evaluator')")
    sek.wait_for_selector("text=LKE diajukan kepada evaluator.")

    rev = halaman_baru(browser, url, "reviewer")
    for k in ev.instrumen.komponen.order_by("urutan"):
        rev.goto(url + reverse("evaluasi:lke", args=["1672", 2024]))
        rev.click(f"a:has-text('Nilai komponen {k.kode}')")
        _isi_semua(rev, "evaluator", "Y", "B")
        rev.click(f"button:has-text('Simpan komponen {k.kode}')")
        rev.wait_for_selector(f"text=Komponen {k.kode} disimpan.")
    rev.fill("textarea[name=uraian]", "Tetapkan pedoman evaluasi internal berjenjang.")
    rev.click("button:has-text('Tambah rekomendasi')")
    rev.wait_for_selector("text=Rekomendasi dicatat.")
    rev.fill("textarea[name=simpulan]", "Implementasi SAKIP sudah baik.")
    rev.click("button:has-text('Selesai dievaluasi')")
    rev.wait_for_selector("text=Evaluasi selesai.")
    rev.click("button:has-text('Finalkan LKE')")
    rev.wait_for_selector("text=LKE final; nilai dan predikat terkunci.")
    ev.refresh_from_db()
    assert ev.status == "FINAL" and ev.predikat_akhir
    rev.screenshot(path=str(LAYAR / "lke-final-1366.png"), full_page=True)

    op.goto(url + reverse("evaluasi:lke", args=["1672", 2024]))
    op.click("a:has-text('Tindak lanjut')")
    op.fill("textarea[name=tindak_lanjut]", "Pedoman ditetapkan dengan Keputusan Sekretaris.")
    op.click("button:has-text('Simpan tindak lanjut')")
    op.wait_for_selector("text=Tindak lanjut dicatat")
    rev.goto(url + reverse("evaluasi:lke", args=["1672", 2024]))
    rev.click("button:has-text('Nyatakan selesai')")
    rev.wait_for_selector("text=Status rekomendasi diperbarui.")
    assert Rekomendasi.objects.get(evaluasi=ev).status == "SELESAI"

    for nama, jenis in (("lhe_pdf", "application/pdf"), ("lhe_xlsx", "spreadsheetml")):
        resp = op.request.get(url + reverse(f"evaluasi:{nama}", args=["1672", 2024]))
        assert resp.ok and jenis in resp.headers["content-type"]

    op.goto(url + reverse("kinerja:realisasi_grid", args=["1672", 2025, "TAHUNAN"]))
    baris = op.locator("tr", has_text="Nilai Akuntabilitas Kinerja")
    assert "evaluasi AKIP (LKE final)" in baris.inner_text()
    assert ev.predikat_akhir in baris.inner_text()

    ponsel = halaman_baru(browser, url, "reviewer", lebar=390)
    for nama, alamat in (
        ("lke", reverse("evaluasi:lke", args=["1672", 2024])),
        ("rekap-lke", reverse("evaluasi:rekap", args=["16", 2024])),
    ):
        ponsel.goto(url + alamat)
        lebar = ponsel.evaluate("document.documentElement.scrollWidth")
        assert lebar <= 390, (nama, lebar)
        ponsel.screenshot(path=str(LAYAR / f"{nama}-390.png"), full_page=True)

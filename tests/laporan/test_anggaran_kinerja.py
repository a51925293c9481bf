"""Budget tied to performance in the report and on its pages (issue 17), on the demo: Pagar
Alam's 2024 kegiatan split over outputs and akun, its 16 revisions with their lines, RO months,
and PK rows linked to kegiatan/outputs."""

import io
import re
import zipfile

import pdfplumber
import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from openpyxl import load_workbook

from common import format as fmt
from kinerja import capaian as engine
from kinerja.models import BarisPK, OutputRO, RevisiDipa, TautanAnggaran
from laporan.pemeriksaan import periksa
from laporan.render import render_docx, render_html, render_pdf, render_xlsx
from laporan.selectors import build_laporan
from satker.models import Satker


@pytest.fixture
def demo(demo_modul, db):
    return demo_modul


def _pagar_alam(tahun=2024):
    return build_laporan(Satker.objects.get(kode="1672"), tahun)


def _rapat(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


def test_per_sasaran_anggaran_dari_tautan(demo):
    lap = _pagar_alam()
    g = {s.nama: lap.anggaran_sasaran[s.kunci] for s in lap.semua_sasaran}
    # Sasaran 2 (three participation rows) is served by half of 6870.QGE.001, counted once.
    partisipasi = next(v for k, v in g.items() if k.startswith("Terwujudnya kesadaran pemilih"))
    assert partisipasi.total.pagu == 183_537_000 == engine.bagian(367_074_000, 50)
    assert [s.kode for s in partisipasi.sumber] == ["6870.QGE.001"]
    assert partisipasi.efisiensi.label == "cukup efisien"
    # Figures differ per sasaran: no sentence repeated under every one.
    assert len({v.total.pagu for v in g.values() if v.ada}) >= 8
    tanpa = [k for k, v in g.items() if not v.ada]
    assert tanpa  # rows without a link stay visible as such, and so do lines
    catatan = " ".join(lap.tabel["anggaran_sasaran"].catatan)
    assert "baris anggaran (pagu Rp 20.118.521.770) belum ditautkan" in catatan  # the NPHD grant
    html = render_html(lap)
    assert html.count("6. Efisiensi penggunaan sumber daya") == sum(v.ada for v in g.values())
    assert (
        "Sasaran ini didukung oleh 6870.QGE.001 Pengelolaan Kampanye Pemilu "
        "(porsi 50%: pagu Rp 183.537.000" in html
    )
    assert "belum ditautkan ke anggaran" in html


def test_bab_iii_b_ro_akun_revisi_hibah_di_semua_keluaran(demo):
    lap = _pagar_alam()
    judul = {
        k: lap.tabel[k].judul
        for k in ("anggaran_sasaran", "akun", "ro", "revisi", "revisi_baris", "hibah")
    }
    akun = lap.tabel["akun"]
    assert [r[0].nilai for r in akun.baris] == ["51", "52", "53", ""]
    assert sum(r[2].nilai for r in akun.baris) == lap.anggaran.total.pagu
    revisi = lap.tabel["revisi"]
    assert len(revisi.baris) == 16 and revisi.kolom[-1] == "Baris Berubah"
    assert all(r.baris.jumlah_baris == r.pagu for r in lap.anggaran.revisi)  # demo lines add up
    ubah = lap.tabel["revisi_baris"]
    assert {r[0].nilai.split(" (")[0] for r in ubah.baris if r[0]} >= {"Revisi 8", "Revisi 15"}
    ro = {r.kode: r for r in lap.ro}
    assert ro["6867.QGE.002"].satuan == "Orang" and ro["6867.QGE.002"].capaian is not None
    assert all(r.uang_bulanan == r.anggaran.realisasi for r in lap.ro)
    pdf = render_pdf(lap)
    with pdfplumber.open(io.BytesIO(pdf.isi)) as dok:
        teks = "\n".join(p.extract_text() or "" for p in dok.pages)
    for j in judul.values():
        assert _rapat(j) in _rapat(teks), j
    assert fmt.rupiah(ro["6867.QGE.002"].anggaran.pagu).removeprefix("Rp ") in teks
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    isi = " ".join(str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value)
    for j in judul.values():
        assert j in isi, j
    with zipfile.ZipFile(io.BytesIO(render_docx(lap))) as z:
        dokumen = z.read("word/document.xml").decode()
    for j in judul.values():
        assert j in dokumen, j


def test_perbandingan_tahun_lalu_bila_ada(demo):
    assert _pagar_alam(2024).anggaran_lalu is None  # no DIPA 2023 in the seeds
    lap = _pagar_alam(2025)
    t = lap.tabel["banding_anggaran"]
    assert t.kolom[2] == "Pagu 2024" and t.kolom[4] == "Pagu 2025"
    assert (
        t.kaki[0][2].nilai == lap.anggaran_lalu.total.pagu == _pagar_alam(2024).anggaran.total.pagu
    )
    assert "Perbandingan Anggaran Tahun 2024 dan 2025" in render_html(lap)


def test_anggaran_pk_berbeda_dengan_dipa_saat_ditandatangani(demo):
    temuan = [t for t in periksa(_pagar_alam()) if t.jenis == "Anggaran PK dan DIPA"]
    # The PK prints the final DIPA's program amounts, not the DIPA Awal's in force in January.
    assert temuan and all("DIPA Awal" in t.pesan for t in temuan)


def test_porsi_lebih_dari_100_dan_ro_tidak_cocok(demo):
    lap = _pagar_alam()
    assert not [t for t in periksa(lap) if t.jenis.startswith(("Anggaran dibagi", "Realisasi RO"))]
    tautan = TautanAnggaran.objects.filter(output_kode="QGE.001", kegiatan__kode="6870").first()
    lain = BarisPK.objects.get(perjanjian__satker__kode="1672", perjanjian__tahun=2024, no="3")
    TautanAnggaran.objects.create(
        baris=lain, kegiatan=tautan.kegiatan, output_kode="QGE.001", porsi=80
    )
    ro = OutputRO.objects.get(
        dipa__satker__kode="1672", output_kode="QGE.002", kegiatan__kode="6867"
    )
    ro.bulanan.filter(bulan=12).update(uang=0)
    jenis = {t.jenis for t in periksa(_pagar_alam())}
    assert {"Anggaran dibagi lebih dari 100%", "Realisasi RO dan baris anggaran"} <= jenis


def test_halaman_tautan_ro_revisi_per_peran(demo, client):
    baris = BarisPK.objects.get(perjanjian__satker__kode="1672", perjanjian__tahun=2024, no="3")
    ro = OutputRO.objects.filter(dipa__satker__kode="1672").first()
    revisi = RevisiDipa.objects.get(dipa__satker__kode="1672", dipa__tahun=2024, label="Revisi 8")
    halaman = [
        reverse("kinerja:tautan_anggaran", args=[baris.pk]),
        reverse("kinerja:output_ro", args=[ro.pk]),
        reverse("kinerja:revisi_dipa_baris", args=[revisi.pk]),
    ]
    for nama, boleh in (
        ("operator.pagaralam", 200),
        ("reviewer.sumsel", 200),
        ("operator.oki", 404),
        ("reviewer.sumut", 404),
    ):
        client.force_login(User.objects.get(username=nama))
        for url in halaman:
            assert client.get(url).status_code == boleh, (nama, url)
    client.logout()
    assert client.get(halaman[0]).status_code == 302
    # A reviewer reads but cannot link.
    client.force_login(User.objects.get(username="reviewer.sumsel"))
    data = {"sasaran": f"{ro.kegiatan_id}|{ro.output_kode}", "porsi": "25"}
    assert client.post(halaman[0], data).status_code == 403
    assert not baris.tautan_anggaran.filter(
        kegiatan=ro.kegiatan, output_kode=ro.output_kode
    ).exists()
    client.force_login(User.objects.get(username="operator.pagaralam"))
    r = client.post(halaman[0], {**data, "porsi": "25,5 %"})
    assert r.status_code == 302
    assert baris.tautan_anggaran.get(kegiatan=ro.kegiatan, output_kode=ro.output_kode).porsi == 25.5
    sebelum = TautanAnggaran.objects.count()
    for salah in ("0", "150", "-5", "abc", "=1+1"):
        r = client.post(halaman[0], {**data, "porsi": salah})
        assert r.status_code == 200 and 'class="field-error"' in r.content.decode(), salah
    assert TautanAnggaran.objects.count() == sebelum
    r = client.post(
        halaman[1],
        {"satuan": "Orang", "volume": "1.600", "bulan_1_volume": "10", "bulan_1_uang": "1.000"},
    )
    assert r.status_code == 200 and "ambigu" in r.content.decode()
    r = client.post(
        halaman[1],
        {
            "satuan": "Orang",
            "volume": "1600",
            "kumulatif": "on",
            "bulan_1_volume": "10",
            "bulan_1_uang": "1.000",
            "bulan_1_progres": "5,5",
        },
    )
    assert r.status_code == 302
    ro.refresh_from_db()
    assert ro.volume == 1600 and list(ro.bulanan.values_list("bulan", "uang")) == [(1, 1000)]

"""The final LKE grade is the realisasi of "Nilai Akuntabilitas Kinerja" in the PKs of the year
it is announced, computed and never typed, and the LKjIP prints the grade's history (issue 18)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.models import IndikatorKinerja, Realisasi
from kinerja.selectors import pengukuran_pk
from laporan.render import render_docx, render_html, render_xlsx
from laporan.selectors import build_laporan
from tests.factories import BarisPKFactory, PerjanjianFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def baris_akip(personas):
    """PK 2025 of office A with the catalogue indicator IK3.15 (target B)."""
    ik = IndikatorKinerja.objects.get(kode="IK3.15", sasaran__renstra__tahun_awal=2025)
    assert ik.data_pemilu == "AKIP"
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2025, jenis="KPU")
    return BarisPKFactory(
        perjanjian=pk,
        indikator="Nilai Akuntabilitas Kinerja",
        target="B",
        satuan="predikat",
        indikator_kinerja=ik,
    )


def test_the_grade_becomes_the_realisasi_of_the_announcement_year(baris_akip, lke_final):
    # LKE 2024, final 80,02 A, announced 2025
    u = pengukuran_pk(baris_akip.perjanjian)[0]
    assert u.masukan.dari_lke
    assert u.realisasi_tahun.kode == "A"
    assert u.capaian.nilai == 100  # a grade at or above its target


def test_nothing_is_computed_before_the_lke_is_final(baris_akip, lke_diajukan):
    u = pengukuran_pk(baris_akip.perjanjian)[0]
    assert not u.masukan.dari_lke and u.realisasi_tahun is None


def test_a_typed_realisasi_must_repeat_the_grade(baris_akip, lke_final):
    r = Realisasi(baris=baris_akip, periode="TW4", teks="BB")
    with pytest.raises(ValidationError, match="predikat evaluasi AKIP .* 2025: A\\."):
        r.full_clean()
    Realisasi(baris=baris_akip, periode="TW4", teks="A").full_clean()


def test_the_realisasi_page_says_where_the_figure_comes_from(personas, baris_akip, lke_final):
    c = Client()
    c.force_login(personas.operator_a)
    url = reverse("kinerja:realisasi_grid", args=["1672", 2025, "TAHUNAN"])
    halaman = c.get(url).content.decode()
    assert "evaluasi AKIP (LKE final)" in halaman


def test_the_lkjip_prints_the_grade_and_its_history(personas, baris_akip, lke_final):
    lap = build_laporan(personas.satker_a, 2025)
    tabel = lap.tabel["akip"]
    assert [[s.nilai for s in b] for b in tabel.baris] == [
        ["2024", "2025", lke_final.nilai_akhir, "A"]
    ]
    html = render_html(lap)
    assert "Riwayat Nilai Akuntabilitas Kinerja" in html
    assert "predikat hasil evaluasi AKIP, bukan diketik" in html
    assert "diumumkan pada Tahun 2025 adalah A (nilai 80,02)" in html
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    teks = [str(c.value) for ws in wb for row in ws.iter_rows() for c in row if c.value]
    assert any("Riwayat Nilai Akuntabilitas Kinerja" in t for t in teks)
    from docx import Document

    doc = Document(io.BytesIO(render_docx(lap)))
    assert any("Riwayat Nilai Akuntabilitas Kinerja" in p.text for p in doc.paragraphs)


def test_the_rekap_sees_the_grade_as_soon_as_the_lke_is_final(personas, baris_akip, lke_diajukan):
    from evaluasi import services
    from rekap import selectors as rekap
    from tests.evaluasi.conftest import nilai_semua

    def capaian() -> tuple:
        (b,) = [
            b
            for b in rekap.rekap_satker(user=personas.admin, tahun=2025)
            if b.satker.kode == "1672"
        ]
        return b.pk["KPU"].capaian

    assert capaian() == (None,)  # no grade yet; the figure is now cached
    nilai_semua(lke_diajukan, personas.reviewer)
    services.selesai_evaluasi(evaluasi=lke_diajukan, simpulan="", by=personas.reviewer)
    services.finalkan(evaluasi=lke_diajukan, by=personas.reviewer)
    assert capaian() == (100,)

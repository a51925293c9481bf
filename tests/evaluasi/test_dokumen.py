"""The LHE as PDF and XLSX, and the LKE worksheet, through the pages and `manage.py lhe`."""

import io
import re

import pdfplumber
import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

pytestmark = pytest.mark.django_db


def _unduh(user, nama: str, ev) -> bytes:
    c = Client()
    c.force_login(user)
    resp = c.get(reverse(f"evaluasi:{nama}", args=[ev.satker.kode, ev.tahun]))
    assert resp.status_code == 200
    return resp.content


def _teks_pdf(isi: bytes) -> str:
    with pdfplumber.open(io.BytesIO(isi)) as pdf:
        return "\n".join(p.extract_text() or "" for p in pdf.pages)


def test_the_lhe_pdf_states_the_score_grade_and_recommendations(personas, lke_final):
    teks = _teks_pdf(_unduh(personas.operator_a, "lhe_pdf", lke_final))
    assert "LAPORAN HASIL EVALUASI" in teks and "KPU KOTA PAGAR ALAM" in teks
    assert 'nilai80,02denganpredikat"A"(Memuaskan)' in re.sub(r"\s+", "", teks)
    assert "Perencanaan Kinerja" in teks and "Perkuat evaluasi internal." in teks
    assert "DRAF" not in teks


def test_a_draft_lhe_says_it_is_not_final(personas, lke_diajukan):
    teks = _teks_pdf(_unduh(personas.reviewer, "lhe_pdf", lke_diajukan))
    assert "DRAF" in teks and "belum final" in teks


def test_the_lhe_xlsx_has_the_same_figures(personas, lke_final):
    wb = load_workbook(io.BytesIO(_unduh(personas.operator_a, "lhe_xlsx", lke_final)))
    assert wb.sheetnames == ["Ringkasan", "Rekomendasi", "Riwayat", "LKE"]
    ringkasan = {r[0]: r[1:] for r in wb["Ringkasan"].iter_rows(values_only=True) if r[0]}
    nilai = ringkasan["Nilai akuntabilitas kinerja"]
    assert nilai[0] == 100 and nilai[2] == 80.02 and nilai[1] < nilai[2]  # self-assessment lower
    assert ringkasan["Predikat"][2] == "A"
    assert wb["Rekomendasi"]["B2"].value == "Perkuat evaluasi internal."
    assert list(wb["Riwayat"].iter_rows(min_row=2, values_only=True)) == [(2024, 2025, 80.02, "A")]


def test_the_lke_worksheet_lists_every_criterion_with_both_answers(personas, lke_final):
    ws = load_workbook(io.BytesIO(_unduh(personas.reviewer, "lke_xlsx", lke_final)))["LKE"]
    baris = list(ws.iter_rows(min_row=5, values_only=True))
    kriteria = [b for b in baris if b[0] and str(b[0]).count(".") == 2]
    assert len(kriteria) == 36
    pk = next(b for b in kriteria if b[0] == "1.a.4")
    assert pk[3] == "T" and pk[6] == "Y" and "belum ditandatangani" in pk[5]
    assert baris[-2][1] == "Nilai akuntabilitas kinerja" and baris[-2][7] == 80.02


def test_formulas_in_text_are_disarmed(personas, lke_draf):
    from evaluasi import services

    j = lke_draf.jawaban.get(kriteria__kode="1.a.1")
    services.jawaban_mandiri_save(
        jawaban=j, data={"mandiri": "Y", "catatan": '=HYPERLINK("x")'}, by=personas.operator_a
    )
    ws = load_workbook(io.BytesIO(_unduh(personas.operator_a, "lke_xlsx", lke_draf)))["LKE"]
    sel = [c.value for r in ws.iter_rows() for c in r if c.value and "HYPERLINK" in str(c.value)]
    assert sel and all(s.startswith("'=") for s in sel)


def test_the_lhe_command_writes_pdf_and_xlsx(lke_final, tmp_path):
    out = io.StringIO()
    call_command(
        "lhe", "1672", "2024", "--format", "pdf", "-o", str(tmp_path / "a.pdf"), stdout=out
    )
    assert "LHE KPU Kota Pagar Alam Tahun 2024 (Final)" in out.getvalue()
    assert 'predikat "A"' in _teks_pdf((tmp_path / "a.pdf").read_bytes())
    call_command(
        "lhe", "1672", "2024", "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"), stdout=out
    )
    assert load_workbook(tmp_path / "a.xlsx").sheetnames[0] == "Ringkasan"
    with pytest.raises(CommandError, match="Tidak ada LKE Tahun 2023"):
        call_command("lhe", "1672", "2023", stdout=out)

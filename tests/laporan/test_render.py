"""The rendered report: XLSX figures, the lkjip command (the demo offices: test_demo_pdf.py)."""

import io
import re

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from kinerja.selectors import kebijakan_untuk, pengukuran_pk
from laporan.render import render_xlsx
from laporan.selectors import build_laporan

DEMO = {
    "1672": "KPU Kota Pagar Alam",
    "1602": "KPU Kabupaten Ogan Komering Ilir",
    "1272": "KPU Kota Pematangsiantar",
}


def _rapat(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


def test_xlsx_sama_dengan_engine(kantor):
    lap = build_laporan(kantor.satker, 2024)
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    ws = wb[f"Tabel {lap.tabel['ukur:KPU'].nomor}"]
    kolom = [c.value for c in ws[2]]
    no, capaian = kolom.index("No"), kolom.index("Capaian (%)")
    nilai = {r[no]: r[capaian] for r in ws.iter_rows(min_row=3, values_only=True) if r[no]}
    for u in pengukuran_pk(kantor.pk_kpu, kebijakan_untuk(kantor.satker, 2024)):
        assert nilai[u.baris.no] == float(u.capaian.nilai)
    assert ws.cell(row=3, column=capaian + 1).number_format.endswith('"%"')
    ws = wb[f"Tabel {lap.tabel['anggaran'].nomor}"]
    total = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[1] == "Jumlah"][0]
    assert total[2:4] == (1_200_000_000, 1_140_000_000)
    assert isinstance(total[2], int)


@pytest.mark.parametrize("format", ["html", "xlsx", "pdf"])
def test_perintah_lkjip(kantor, tmp_path, format):
    keluaran = tmp_path / f"lkjip.{format}"
    call_command("lkjip", "1672", "2024", "--format", format, "-o", str(keluaran))
    isi = keluaran.read_bytes()
    assert isi.startswith({"html": b"<!doctype html>", "xlsx": b"PK", "pdf": b"%PDF"}[format])

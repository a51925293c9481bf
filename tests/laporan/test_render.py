"""The rendered report: PDF text of every demo office, XLSX figures, the lkjip command."""

import io
import re

import pdfplumber
import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from common import format as fmt
from kinerja.selectors import kebijakan_untuk, pengukuran_pk, perjanjian_terbaru, ringkasan_anggaran
from laporan.render import render_pdf, render_xlsx
from laporan.selectors import build_laporan
from satker.models import Satker

DEMO = {
    "1672": "KPU Kota Pagar Alam",
    "1602": "KPU Kabupaten Ogan Komering Ilir",
    "1272": "KPU Kota Pematangsiantar",
}


def _rapat(teks: str) -> str:
    return re.sub(r"\s+", "", teks)


@pytest.fixture
def demo(db):
    call_command("demo", verbosity=0)


@pytest.mark.parametrize("kode", DEMO)
def test_pdf_kantor_demo(demo, kode):
    satker = Satker.objects.get(kode=kode)
    pdf = render_pdf(build_laporan(satker, 2024))
    with pdfplumber.open(io.BytesIO(pdf.isi)) as dok:
        halaman = [p.extract_text() or "" for p in dok.pages]
    teks = "\n".join(halaman)
    rapat = _rapat(teks)
    assert pdf.halaman == len(halaman) > 20
    assert satker.nama in teks and "TAHUN 2024" in teks
    for lain in set(DEMO.values()) - {satker.nama}:
        assert _rapat(lain.split(" ", 2)[2]) not in rapat, lain
    kebijakan = kebijakan_untuk(satker, 2024)
    for pk in perjanjian_terbaru(satker, 2024).values():
        for u in pengukuran_pk(pk, kebijakan):
            if u.capaian.nilai is None:
                capaian = u.capaian.keterangan
            else:
                capaian = fmt.persen(u.capaian.nilai)
            assert _rapat(f"{u.baris.indikator}: target {u.baris.target}") in rapat
            assert _rapat(f"capaian {capaian}") in rapat
    total = ringkasan_anggaran(satker, 2024).total
    for angka in (total.pagu, total.realisasi, total.sisa):
        assert fmt.rupiah(angka) in teks
    assert f"serapan anggaran {fmt.persen(total.serapan)}" in " ".join(teks.split())
    assert halaman[1].strip().endswith("i")  # Kata Pengantar: roman page number


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

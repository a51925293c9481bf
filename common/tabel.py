"""The one table shape of the system, and its XLSX writer.

The report's tables, the rekap pages' exports and every other table written to a spreadsheet
are a `Tabel` of `Sel`: a value and how it is formatted. The HTML and PDF templates and
`tulis_xlsx` read the same shape, so a figure is formatted the same way in every output.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from common import xlsx


@dataclass(frozen=True)
class Sel:
    """A table cell: a value and how it is formatted (teks, angka, persen, rupiah, tanggal)."""

    nilai: object
    jenis: str = "teks"
    rowspan: int = 1
    kosong: str = "–"
    tebal: bool = False
    tanda: str = ""


@dataclass(frozen=True)
class Tabel:
    nomor: str
    judul: str
    kolom: list[str]
    baris: list[list[Sel | None]]
    kaki: list[list[Sel]] = field(default_factory=list)
    catatan: list[str] = field(default_factory=list)
    lebar: list[int] = field(default_factory=list)

    @property
    def anchor(self) -> str:
        return "tabel-" + self.nomor.replace(".", "-")

    @property
    def judul_lengkap(self) -> str:
        return f"Tabel {self.nomor} {self.judul}" if self.nomor else self.judul


FORMAT = {
    "rupiah": xlsx.FORMAT_RUPIAH,
    "persen": xlsx.FORMAT_PERSEN,
    "angka": xlsx.FORMAT_ANGKA,
    "tanggal": xlsx.FORMAT_TANGGAL,
}
_TIPIS = Side(style="thin", color="999999")
_KOTAK = Border(left=_TIPIS, right=_TIPIS, top=_TIPIS, bottom=_TIPIS)


def nilai_xlsx(sel: Sel) -> object:
    """A cell's value as written to a spreadsheet (numbers as numbers, text disarmed)."""
    if sel.nilai is None or sel.nilai == "":
        return xlsx.teks_aman(sel.kosong) if sel.kosong not in ("–", "") else None
    if sel.jenis == "rupiah":
        return int(sel.nilai)
    return xlsx.nilai_sel(sel.nilai)


def tulis_sheet(ws: Worksheet, tabel: Tabel) -> None:
    """A table on a sheet: its title (when it has one), the header, rows, footer and notes,
    numbers with Indonesian formats, merged cells where a cell spans rows."""
    if tabel.judul_lengkap:
        ws.append([xlsx.teks_aman(tabel.judul_lengkap)])
        ws.cell(row=ws.max_row, column=1).font = Font(bold=True)
    ws.append([xlsx.teks_aman(k) for k in tabel.kolom])
    kepala = ws.max_row
    for c in ws[kepala]:
        c.font = Font(bold=True)
        c.fill = PatternFill("solid", fgColor="DDE6F0")
        c.border = _KOTAK
        c.alignment = Alignment(wrap_text=True, vertical="center")
    for r, baris in enumerate([*tabel.baris, *tabel.kaki], start=kepala + 1):
        for k, sel in enumerate(baris, start=1):
            cell = ws.cell(row=r, column=k)
            cell.border = _KOTAK
            if sel is None:
                continue
            cell.value = nilai_xlsx(sel)
            if sel.jenis in FORMAT and not isinstance(cell.value, str):
                cell.number_format = FORMAT[sel.jenis]
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if sel.tebal:
                cell.font = Font(bold=True)
            if sel.rowspan > 1:
                ws.merge_cells(
                    start_row=r, start_column=k, end_row=r + sel.rowspan - 1, end_column=k
                )
    for catatan in tabel.catatan:
        ws.append([xlsx.teks_aman(catatan)])
    for k, judul in enumerate(tabel.kolom, start=1):
        lebar = tabel.lebar[k - 1] * 0.9 if tabel.lebar else max(12, len(judul) + 2)
        ws.column_dimensions[get_column_letter(k)].width = max(8, lebar)
    ws.freeze_panes = ws.cell(row=kepala + 1, column=1)


def xlsx_tabel(tabel: Tabel, nama_sheet: str = "Rekap") -> bytes:
    """A workbook of one table."""
    wb = Workbook()
    ws = wb.active
    ws.title = nama_sheet
    tulis_sheet(ws, tabel)
    keluaran = io.BytesIO()
    wb.save(keluaran)
    return keluaran.getvalue()


def sel_baris(nilai: Iterable[object], jenis: Iterable[str]) -> list[Sel]:
    """A row of cells from values and the format of each column."""
    return [Sel(v, j, kosong="") for v, j in zip(nilai, jenis, strict=True)]

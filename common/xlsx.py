"""What every XLSX this system writes or reads has in common (report tables, workbook format).

Text that a spreadsheet program would run as a formula (starting with = + - @, or a tab or a
carriage return) is written with a leading apostrophe and read back without it, so exports are
safe to open and round trips give back the same text.
"""

from __future__ import annotations

from decimal import Decimal

# Number formats with the Indonesian locale tag, so 1234567.5 shows as 1.234.567,50.
FORMAT_RUPIAH = '[$-421]"Rp "#,##0'
FORMAT_ANGKA = "[$-421]#,##0.##"
FORMAT_PERSEN = '[$-421]#,##0.00"%"'
FORMAT_TANGGAL = "[$-421]d mmmm yyyy"

_BERBAHAYA = ("=", "+", "-", "@", "\t", "\r")


def teks_aman(teks: str) -> str:
    """Text as written to a cell: a leading apostrophe disarms formula-like text."""
    return "'" + teks if teks.startswith(_BERBAHAYA) else teks


def teks_asli(teks: str) -> str:
    """Undo `teks_aman` on a value read from a cell."""
    if teks.startswith("'") and teks[1:].startswith(_BERBAHAYA):
        return teks[1:]
    return teks


def nilai_sel(nilai: object) -> object:
    """A Python value as it should be written to a cell (Decimal as float, text made safe)."""
    if isinstance(nilai, Decimal):
        return float(nilai)
    if isinstance(nilai, str):
        return teks_aman(nilai)
    return nilai

"""Indonesian formatting of numbers, money and dates: the one place output is formatted."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

BULAN = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)
ROMAWI = (
    (1000, "M"),
    (900, "CM"),
    (500, "D"),
    (400, "CD"),
    (100, "C"),
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
)


def angka(x: int | Decimal | None, tempat: int | None = None, kosong: str = "–") -> str:
    """`1234567.5` -> `1.234.567,5`; `tempat` fixes the number of decimals."""
    if x is None or x == "":
        return kosong
    x = Decimal(x)
    if tempat is not None:
        teks = f"{x:,.{tempat}f}"
    else:
        teks = f"{x.normalize():,f}" if x != x.to_integral_value() else f"{int(x):,}"
    return teks.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


def persen(x: Decimal | None, kosong: str = "–") -> str:
    """`98.95` -> `98,95%`."""
    return kosong if x is None or x == "" else f"{angka(x, 2)}%"


def rupiah(x: int | None, kosong: str = "–") -> str:
    """`33353847000` -> `Rp 33.353.847.000`."""
    return kosong if x is None or x == "" else f"Rp {angka(int(x))}"


def sel(v) -> str:
    """A value of a data table on a page: numbers in Indonesian format, nothing as a dash."""
    if v is None or v == "":
        return "–"
    if isinstance(v, Decimal):
        return angka(v, 2)
    if isinstance(v, int) and not isinstance(v, bool):
        return angka(v)
    return str(v)


def nama_orang(user) -> str:
    """A person as people know them: the full name, the username only when there is none."""
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


def tanggal(d: dt.date | dt.datetime | None, kosong: str = "–") -> str:
    """`2025-01-17` -> `17 Januari 2025`."""
    if d is None or d == "":
        return kosong
    if isinstance(d, dt.datetime) and timezone.is_aware(d):
        d = timezone.localtime(d)
    return f"{d.day} {BULAN[d.month - 1]} {d.year}"


def romawi(n: int) -> str:
    hasil = ""
    for nilai, huruf in ROMAWI:
        while n >= nilai:
            hasil += huruf
            n -= nilai
    return hasil


_SATUAN = (
    "",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
)


def terbilang(n: int) -> str:
    """Amount in words: 2880554000 -> `dua miliar delapan ratus delapan puluh juta ...`."""
    if n < 0:
        return "minus " + terbilang(-n)
    if n == 0:
        return "nol"
    return _terbilang(n).strip()


def _terbilang(n: int) -> str:
    if n < 12:
        return " " + _SATUAN[n] if n else ""
    if n < 20:
        return _terbilang(n - 10) + " belas"
    if n < 100:
        return _terbilang(n // 10) + " puluh" + _terbilang(n % 10)
    if n < 200:
        return " seratus" + _terbilang(n - 100)
    if n < 1000:
        return _terbilang(n // 100) + " ratus" + _terbilang(n % 100)
    if n < 2000:
        return " seribu" + _terbilang(n - 1000)
    for besar, nama in ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"), (10**3, "ribu")):
        if n >= besar:
            return _terbilang(n // besar) + f" {nama}" + _terbilang(n % besar)
    raise AssertionError(n)

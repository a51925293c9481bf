"""The SAKIP calendar: when each part of a year's work is due (domain.md section 2).

The home page (what is due) and the rekap (who is late) both read these dates.
"""

import datetime as dt
from functools import cache

from kinerja.capaian import TRIWULAN

# No regulation fixes when a quarter's realisasi is due; ten days after the quarter is our default.
HARI_SETELAH_TRIWULAN = 10


def batas_pk(tahun: int) -> dt.date:
    """A PK is signed in January of its year."""
    return dt.date(tahun, 1, 31)


# The dates are pure functions of the year (and quarter), read for every satker of a rekap.
@cache
def akhir_triwulan(tahun: int, periode: str) -> dt.date:
    bulan = 3 * (TRIWULAN.index(periode) + 1)
    return dt.date(tahun + (bulan == 12), bulan % 12 + 1, 1) - dt.timedelta(days=1)


@cache
def batas_realisasi(tahun: int, periode: str) -> dt.date:
    return akhir_triwulan(tahun, periode) + dt.timedelta(days=HARI_SETELAH_TRIWULAN)


def batas_laporan(tahun: int) -> dt.date:
    """The LKjIP is due two months after the year ends (Perpres 29/2014): end of February."""
    return dt.date(tahun + 1, 3, 1) - dt.timedelta(days=1)


def tahun_kerja(hari_ini: dt.date) -> int:
    """The year whose PK and realisasi are being worked on: this year, except in the first days
    of January, until last year's TW IV realisasi is due."""
    lalu = hari_ini.year - 1
    return lalu if hari_ini <= batas_realisasi(lalu, "TW4") else hari_ini.year


def tahun_laporan(hari_ini: dt.date, lalu_final: bool) -> int:
    """The year whose LKjIP is being worked on: last year's until it is final, then this
    year's (its draft grows with the realisasi)."""
    return hari_ini.year if lalu_final else hari_ini.year - 1


def triwulan_kerja(tahun: int, hari_ini: dt.date) -> str:
    """The quarter whose realisasi is being entered: the first whose deadline has not passed
    (TW IV for a year gone by)."""
    return next((p for p in TRIWULAN if hari_ini <= batas_realisasi(tahun, p)), TRIWULAN[-1])


def tanggal_laporan(tahun: int, hari_ini: dt.date) -> dt.date:
    """The date an LKjIP is given when its office chose none: today within the time it is
    written (January and February of the following year), else the deadline. Never the date a
    draft happens to be rendered in another season."""
    awal, batas = dt.date(tahun + 1, 1, 1), batas_laporan(tahun)
    return hari_ini if awal <= hari_ini <= batas else batas

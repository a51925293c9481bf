"""The SAKIP calendar: when each part of a year's work is due (domain.md section 2).

The home page (what is due) and the rekap (who is late) both read these dates.
"""

import datetime as dt

from kinerja.capaian import TRIWULAN

# No regulation fixes when a quarter's realisasi is due; ten days after the quarter is our default.
HARI_SETELAH_TRIWULAN = 10


def batas_pk(tahun: int) -> dt.date:
    """A PK is signed in January of its year."""
    return dt.date(tahun, 1, 31)


def akhir_triwulan(tahun: int, periode: str) -> dt.date:
    bulan = 3 * (TRIWULAN.index(periode) + 1)
    return dt.date(tahun + (bulan == 12), bulan % 12 + 1, 1) - dt.timedelta(days=1)


def batas_realisasi(tahun: int, periode: str) -> dt.date:
    return akhir_triwulan(tahun, periode) + dt.timedelta(days=HARI_SETELAH_TRIWULAN)


def batas_laporan(tahun: int) -> dt.date:
    """The LKjIP is due two months after the year ends (Perpres 29/2014): end of February."""
    return dt.date(tahun + 1, 3, 1) - dt.timedelta(days=1)

import datetime as dt

from kinerja import jadwal


def test_kalender_sakip():
    assert jadwal.batas_pk(2024) == dt.date(2024, 1, 31)
    assert [jadwal.akhir_triwulan(2024, p) for p in ("TW1", "TW2", "TW3", "TW4")] == [
        dt.date(2024, 3, 31),
        dt.date(2024, 6, 30),
        dt.date(2024, 9, 30),
        dt.date(2024, 12, 31),
    ]
    assert jadwal.batas_realisasi(2024, "TW4") == dt.date(2025, 1, 10)
    assert jadwal.batas_laporan(2024) == dt.date(2025, 2, 28)
    assert jadwal.batas_laporan(2023) == dt.date(2024, 2, 29)

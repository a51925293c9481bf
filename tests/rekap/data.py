"""Rollup test data: N kab/kota in a province, each with both PKs, realisasi and a budget."""

from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanKinerja
from satker.models import Satker
from tests.factories import (
    BarisAnggaranFactory,
    BarisPKFactory,
    DipaFactory,
    PerjanjianFactory,
    RealisasiFactory,
    RevisiDipaFactory,
    SatkerFactory,
    tandatangani,
)

TAHUN = 2024


def isi_satker(satker: Satker, *, i: int = 0, baris: int = 2) -> None:
    """Both PKs (the KPU one signed), `baris` rows each, TW1-TW2 realisasi, 2 budget lines."""
    for jenis in PerjanjianKinerja.Jenis:
        ditandatangani = jenis == PerjanjianKinerja.Jenis.KPU
        pk = PerjanjianFactory(satker=satker, tahun=TAHUN, jenis=jenis)
        for n in range(baris):
            b = BarisPKFactory(perjanjian=pk, no=str(n + 1), target="80%")
            RealisasiFactory(baris=b, periode="TW1", teks=f"{70 + i % 20}%")
            RealisasiFactory(baris=b, periode="TW2", teks=f"{75 + i % 20}%")
        if ditandatangani:
            tandatangani(pk)
    dipa = DipaFactory(satker=satker, tahun=TAHUN)
    RevisiDipaFactory(dipa=dipa, label="DIPA Awal", pagu=200_000_000)
    BarisAnggaranFactory(dipa=dipa, output_kode="EBA.001", pagu=100_000_000, realisasi=60_000_000)
    BarisAnggaranFactory(dipa=dipa, output_kode="EBA.002", pagu=100_000_000, realisasi=30_000_000)
    LaporanKinerja.objects.create(satker=satker, tahun=TAHUN)


def buat_provinsi(provinsi: Satker, jumlah: int, *, mulai: int = 0) -> list[Satker]:
    """`jumlah` kab/kota under `provinsi`, filled; the province itself is filled too."""
    if not provinsi.perjanjian.exists():
        isi_satker(provinsi)
    hasil = []
    for i in range(mulai, mulai + jumlah):
        s = SatkerFactory(induk=provinsi, kode=f"{provinsi.kode}{i + 10:02d}")
        isi_satker(s, i=i)
        hasil.append(s)
    return hasil

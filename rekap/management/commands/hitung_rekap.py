"""`manage.py hitung_rekap [--tahun Y ...] [--semua]`: measure the rekap figures of every satker
whose data changed and store them in the cache, as the worker does after each change
(rekap/latar.py). Run it after a deploy and from cron (docs/deployment.md); `--semua` measures
every satker again, which also refreshes figures changed by writes no fingerprint sees."""

import time

from django.core.management.base import BaseCommand

from rekap.latar import sapu


class Command(BaseCommand):
    help = "Hitung ulang rekap satker yang datanya berubah dan simpan di cache."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, nargs="*", help="bawaan: dua tahun PK terakhir")
        parser.add_argument(
            "--semua", action="store_true", help="hitung ulang semua satker, berubah atau tidak"
        )

    def handle(self, *args, tahun=None, semua=False, **options):
        mulai = time.perf_counter()
        hasil = sapu(tahun or None, paksa=semua)
        for t, n in hasil.items():
            self.stdout.write(f"Tahun {t}: {n} satker dihitung ulang.")
        self.stdout.write(f"Selesai dalam {time.perf_counter() - mulai:.1f} detik.")

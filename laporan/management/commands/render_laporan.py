"""`manage.py render_laporan --tahun 2024 (--provinsi 16 | --satker 1672 ... | --semua)`

Renders the draft PDFs of many reports (a province, or the whole country) through the task
queue, with a progress bar and a summary. Reports whose data has not changed since their last
render are not rendered again. With TASK_BACKEND=database the renders are queued for the
workers (bin/worker, on any machine) and the command follows them; `--langsung` renders in this
process instead.
"""

from __future__ import annotations

import statistics
import sys
import time

from django.core.management.base import BaseCommand, CommandError
from django.db.models import Q

from laporan.models import PdfLaporan
from laporan.services import laporan_request_draft_pdf
from satker.models import Satker

S = PdfLaporan.Status


class Bilah:
    """A one-line progress bar on stderr (redrawn in place on a terminal)."""

    def __init__(self, judul: str, jumlah: int, keluaran=None) -> None:
        self.judul, self.jumlah, self.mulai = judul, jumlah, time.monotonic()
        self.keluaran = keluaran or sys.stderr
        self.tty = self.keluaran.isatty()
        self._terakhir = -1.0

    def tampil(self, n: int, catatan: str = "") -> None:
        sekarang = time.monotonic()
        if not self.tty and n < self.jumlah and sekarang - self._terakhir < 10:
            return  # in a log: one line every 10 s
        self._terakhir = sekarang
        lebar = 30
        isi = int(lebar * n / self.jumlah) if self.jumlah else lebar
        lewat = sekarang - self.mulai
        sisa = lewat / n * (self.jumlah - n) if n else 0
        baris = (
            f"{self.judul} [{'#' * isi}{'.' * (lebar - isi)}] {n}/{self.jumlah}"
            f" {lewat:5.0f} s, sisa ~{sisa:4.0f} s {catatan}"
        )
        self.keluaran.write(("\r" + baris + "\033[K") if self.tty else baris + "\n")
        if self.tty and n >= self.jumlah:
            self.keluaran.write("\n")
        self.keluaran.flush()


class Command(BaseCommand):
    help = "Render PDF draf LKjIP banyak satker (satu provinsi atau seluruh Indonesia)."

    def add_arguments(self, parser):
        parser.add_argument("--tahun", type=int, required=True)
        pilih = parser.add_mutually_exclusive_group(required=True)
        pilih.add_argument("--provinsi", help="kode KPU Provinsi: provinsi itu dan kab/kotanya")
        pilih.add_argument("--satker", nargs="+", help="kode satker")
        pilih.add_argument("--semua", action="store_true", help="seluruh satker")
        parser.add_argument(
            "--langsung", action="store_true", help="render di proses ini, bukan lewat antrean"
        )
        parser.add_argument(
            "--tanpa-tunggu",
            action="store_true",
            help="hanya antrekan, jangan tunggu worker selesai",
        )

    def handle(self, *args, tahun, provinsi, satker, semua, langsung, tanpa_tunggu, **opsi):
        qs = Satker.objects.order_by("kode")
        if provinsi:
            induk = Satker.objects.filter(kode=provinsi, tingkat=Satker.Tingkat.PROVINSI).first()
            if induk is None:
                raise CommandError(f"KPU Provinsi dengan kode {provinsi} tidak ditemukan.")
            qs = qs.filter(Q(pk=induk.pk) | Q(induk=induk))
        elif satker:
            qs = qs.filter(kode__in=satker)
        daftar = list(qs)
        if not daftar:
            raise CommandError("Tidak ada satker yang dipilih.")
        mulai = time.monotonic()

        # 1. the fingerprint of each report; unchanged ones are already there
        bilah = Bilah("periksa" if not langsung else "render", len(daftar))
        ids, sudah = [], 0
        for i, s in enumerate(daftar, 1):
            sebelum = PdfLaporan.objects.filter(satker=s, tahun=tahun, status=S.SIAP).first()
            berkas = laporan_request_draft_pdf(satker=s, tahun=tahun, langsung=langsung)
            sudah += bool(sebelum and sebelum.pk == berkas.pk)
            ids.append(berkas.pk)
            bilah.tampil(i, s.kode)

        # 2. follow the workers
        if not tanpa_tunggu:
            selesai = [S.SIAP, S.GAGAL, S.USANG]
            bilah = Bilah("render ", len(ids))
            while True:
                n = PdfLaporan.objects.filter(pk__in=ids, status__in=selesai).count()
                proses = PdfLaporan.objects.filter(pk__in=ids, status=S.PROSES).count()
                bilah.tampil(n, f"({proses} sedang dirender)")
                if n >= len(ids):
                    break
                time.sleep(1)

        self._ringkasan(ids, sudah, time.monotonic() - mulai)

    def _ringkasan(self, ids: list[int], sudah: int, detik: float) -> None:
        baris = list(PdfLaporan.objects.filter(pk__in=ids).select_related("satker"))
        hitung = {st: sum(1 for b in baris if b.status == st) for st in S.values}
        render = sorted(b.detik for b in baris if b.status == S.SIAP and b.detik is not None)
        w = self.stdout.write
        w(
            f"{len(ids)} laporan: {hitung[S.SIAP]} siap ({sudah} tanpa render ulang karena "
            f"datanya tidak berubah), {hitung[S.ANTRI] + hitung[S.PROSES]} masih di antrean, "
            f"{hitung[S.GAGAL]} gagal, {hitung[S.USANG]} usang (data berubah selama render)."
        )
        if render:
            p95 = render[min(len(render) - 1, int(0.95 * len(render)))]
            w(
                f"Lama render per laporan: median {statistics.median(render):.1f} s, "
                f"p95 {p95:.1f} s, terlama {render[-1]:.1f} s; "
                f"{sum(b.halaman or 0 for b in baris)} halaman; total {detik:.0f} s."
            )
        for b in baris:
            if b.status == S.GAGAL:
                w(f"  GAGAL {b.satker.kode} {b.satker.nama}: {b.galat[:200]}")

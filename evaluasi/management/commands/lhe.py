"""`manage.py lhe <kode> <tahun> --format pdf|xlsx -o file`: an office's Laporan Hasil Evaluasi
AKIP, the same document as the LHE page's download."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from evaluasi import dokumen
from evaluasi.models import Evaluasi


class Command(BaseCommand):
    help = "Tulis Laporan Hasil Evaluasi (LHE) AKIP satu satker sebagai PDF atau XLSX."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="kode satker, mis. 1672")
        parser.add_argument("tahun", type=int, help="tahun yang dievaluasi")
        parser.add_argument("--format", choices=["pdf", "xlsx"], default="pdf")
        parser.add_argument(
            "-o", "--output", help="berkas tujuan (bawaan: LHE-<kode>-<tahun>.<format>)"
        )

    def handle(self, *args, kode, tahun, format, output, **options):
        ev = (
            Evaluasi.objects.select_related("satker__induk", "instrumen")
            .filter(satker__kode=kode, tahun=tahun)
            .first()
        )
        if ev is None:
            raise CommandError(f"Tidak ada LKE Tahun {tahun} untuk satker {kode}.")
        isi = dokumen.lhe_pdf(ev) if format == "pdf" else dokumen.lhe_xlsx(ev)
        tujuan = Path(output or dokumen.nama_berkas(ev, "LHE", format))
        tujuan.write_bytes(isi)
        self.stdout.write(
            f"{tujuan}: LHE {ev.satker.nama} Tahun {tahun} ({ev.get_status_display()}), "
            f"{len(isi):,} bita".replace(",", ".")
        )

from django.core.management.base import BaseCommand

from kinerja.models import IndikatorKinerja, Program
from workbook.exporter import ekspor_katalog


class Command(BaseCommand):
    help = (
        "Ekspor katalog nasional (kode program, kegiatan dan output; Renstra nasional dengan "
        "sasaran, indikator dan target) ke satu workbook; impor kembali dengan import_workbook."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="Berkas .xlsx tujuan")

    def handle(self, *args, output, **options):
        ekspor_katalog(output)
        self.stdout.write(
            f"{Program.objects.count()} program, "
            f"{IndikatorKinerja.objects.filter(sasaran__renstra__satker=None).count()} indikator "
            f"nasional: {output}"
        )

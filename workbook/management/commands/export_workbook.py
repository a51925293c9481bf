from django.core.management.base import BaseCommand, CommandError

from satker.models import Satker
from workbook.exporter import ekspor_workbook


class Command(BaseCommand):
    help = "Ekspor data satu satker (atau satu provinsi dengan --provinsi) dan satu tahun."

    def add_arguments(self, parser):
        parser.add_argument("kode", help="Kode satker: 1672, 16, RI")
        parser.add_argument("tahun", type=int)
        parser.add_argument("-o", "--output", required=True, help="Berkas .xlsx tujuan")
        parser.add_argument(
            "--provinsi",
            action="store_true",
            help="Provinsi beserta semua kabupaten/kota di bawahnya.",
        )

    def handle(self, *args, kode, tahun, output, provinsi, **options):
        try:
            satker = Satker.objects.get(kode=kode)
        except Satker.DoesNotExist as exc:
            raise CommandError(f"Satker '{kode}' tidak ada.") from exc
        daftar = Satker.objects.filter(pk=satker.pk)
        if provinsi:
            if satker.tingkat != Satker.Tingkat.PROVINSI:
                raise CommandError(f"{satker} bukan KPU Provinsi.")
            daftar = daftar | satker.anak.all()
        ekspor_workbook(daftar, tahun, output)
        self.stdout.write(f"{daftar.count()} satker, tahun {tahun}: {output}")

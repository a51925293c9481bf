from django.contrib.auth.models import User
from django.core.management.base import BaseCommand, CommandError

from workbook.importer import impor_workbook


class Command(BaseCommand):
    help = (
        "Impor workbook data (spec/workbook.md). Mencetak laporan yang sama dengan pratinjau di "
        "peramban; keluar dengan kode bukan nol bila ada galat."
    )

    def add_arguments(self, parser):
        parser.add_argument("berkas")
        parser.add_argument(
            "--dry-run", action="store_true", help="Periksa dan laporkan saja, tanpa menyimpan."
        )
        parser.add_argument(
            "--user",
            help="Impor atas nama pengguna ini (dengan haknya). Tanpa --user: impor sistem "
            "yang boleh menulis semua satker.",
        )

    def handle(self, *args, berkas, dry_run, user, **options):
        pengguna = None
        if user:
            try:
                pengguna = User.objects.get(username=user)
            except User.DoesNotExist as exc:
                raise CommandError(f"Pengguna '{user}' tidak ada.") from exc
        try:
            with open(berkas, "rb") as f:
                laporan = impor_workbook(f, user=pengguna, nama_berkas=berkas, terapkan=not dry_run)
        except OSError as exc:
            raise CommandError(f"Berkas tidak dapat dibuka: {exc}") from exc
        self.stdout.write(laporan.teks())
        if laporan.ada_galat:
            raise CommandError(f"{laporan.jumlah_galat} galat; tidak ada data yang disimpan.")

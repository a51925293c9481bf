from django.apps import AppConfig
from django.core import checks


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan kinerja"

    def ready(self) -> None:
        from laporan.tasks import cek_antrean

        checks.register(cek_antrean, checks.Tags.compatibility, deploy=True)

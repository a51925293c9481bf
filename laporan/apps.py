from django.apps import AppConfig
from django.core import checks


class LaporanConfig(AppConfig):
    name = "laporan"
    verbose_name = "Laporan kinerja"

    def ready(self) -> None:
        from common.kunci import hubungkan_pemicu
        from laporan.kunci import PEMICU
        from laporan.tasks import cek_antrean

        checks.register(cek_antrean, checks.Tags.compatibility, deploy=True)
        hubungkan_pemicu(self, PEMICU)

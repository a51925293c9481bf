from django.apps import AppConfig


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja dan anggaran"

    def ready(self) -> None:
        from common.kunci import hubungkan_pemicu
        from kinerja.kunci import PEMICU

        hubungkan_pemicu(self, PEMICU)

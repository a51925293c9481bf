from django.apps import AppConfig


class RekapConfig(AppConfig):
    name = "rekap"
    verbose_name = "Rekap provinsi dan nasional"

    def ready(self):
        from rekap import latar

        latar.sambungkan()

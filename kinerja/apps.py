from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


class KinerjaConfig(AppConfig):
    name = "kinerja"
    verbose_name = "Kinerja dan anggaran"

    def ready(self) -> None:
        from common.kunci import hubungkan_pemicu
        from kinerja.kunci import PEMICU

        hubungkan_pemicu(self, PEMICU)
        post_migrate.connect(_pasang_katalog, sender=self)


def _pasang_katalog(app_config, using, apps=global_apps, **kwargs) -> None:
    """The national catalogue, after every migration and flush (kinerja/katalog.py); skipped
    for a migration state older than the catalogue's tables."""
    from kinerja.katalog import KELAS, pasang_katalog

    try:
        ik = apps.get_model("kinerja", "IndikatorKinerja")
        [apps.get_model("kinerja", n) for n in KELAS]
    except LookupError:
        return
    if "tingkat" in {f.name for f in ik._meta.get_fields()}:
        pasang_katalog(apps, using)

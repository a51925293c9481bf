from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


class EvaluasiConfig(AppConfig):
    name = "evaluasi"
    verbose_name = "Evaluasi AKIP (LKE)"

    def ready(self) -> None:
        post_migrate.connect(_pasang_instrumen, sender=self)


def _pasang_instrumen(app_config, using, apps=global_apps, **kwargs) -> None:
    """The default LKE instrument (evaluasi/bawaan.py) after every migration and flush; only
    when none exists, so KPU RI's own instrument is never overwritten."""
    from evaluasi.bawaan import pasang_instrumen

    try:
        apps.get_model("evaluasi", "Predikat")
    except LookupError:
        return
    pasang_instrumen(apps, using)

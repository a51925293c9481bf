from django.apps import AppConfig
from django.apps import apps as global_apps
from django.db.models.signals import post_migrate


class EvaluasiConfig(AppConfig):
    name = "evaluasi"
    verbose_name = "Evaluasi AKIP (LKE)"

    def ready(self) -> None:
        from common.kunci import hubungkan_pemicu
        from evaluasi.kunci import PEMICU
        from evaluasi.selectors import predikat_diumumkan
        from kinerja.models import DataPemilu
        from kinerja.selectors import SUMBER_REALISASI

        post_migrate.connect(_pasang_instrumen, sender=self)
        hubungkan_pemicu(self, PEMICU)
        # The grade of a final LKE is the realisasi of "Nilai Akuntabilitas Kinerja" in the
        # PKs of the year it is announced (issue 18).
        SUMBER_REALISASI[DataPemilu.AKIP] = predikat_diumumkan


def _pasang_instrumen(app_config, using, apps=global_apps, **kwargs) -> None:
    """The default LKE instrument (evaluasi/bawaan.py) after every migration and flush; only
    when none exists, so KPU RI's own instrument is never overwritten."""
    from evaluasi.bawaan import pasang_instrumen

    try:
        apps.get_model("evaluasi", "Predikat")
    except LookupError:
        return
    pasang_instrumen(apps, using)

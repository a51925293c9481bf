"""The rekap is computed by the worker after each change, not by its first reader.

A saved or deleted row that the rekap's figures read (`MODEL_REKAP`) queues one sweep when its
transaction commits: `hitung_rekap` measures again, for the recent years, every satker whose
fingerprint changed, and stores the figures in the shared cache, where every web process finds
them. One sweep at a time is queued, a few seconds ahead (a cache key held until the sweep
starts), so a burst of saves costs one sweep that measures all the satker changed meanwhile.
An import says so by a signal of its own; `manage.py hitung_rekap` sweeps on demand (after a
deploy, from cron, after scripts that write without signals).

Only with a queue of workers (`TASK_BACKEND=database`) and a cache they share with the web
processes (`CACHE_BACKEND=database|redis`); otherwise (development, tests) the first reader
computes, as before. `settings.REKAP_LATAR` says which.
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django_tasks import task

from evaluasi.models import Evaluasi
from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Dipa,
    KebijakanCapaian,
    OutputRO,
    PerjanjianKinerja,
    Realisasi,
    RealisasiRO,
    RevisiDipa,
)
from rekap.selectors import perbarui_cache
from workbook.importer import impor_diterapkan

logger = logging.getLogger(__name__)

MODEL_REKAP = (
    PerjanjianKinerja,
    BarisPK,
    Realisasi,
    KebijakanCapaian,
    Dipa,
    RevisiDipa,
    BarisAnggaran,
    OutputRO,
    RealisasiRO,
    Evaluasi,
)
KUNCI_ANTRE = "rekap:sapu:antre"
BATAS_ANTRE = 300  # seconds: a sweep queued to a dead worker is queued again after this
# seconds a sweep waits, so that the saves of a busy minute share a few sweeps: each reads the
# fingerprints of every satker (about 0.1 s of PostgreSQL for 553), and at the peak offices
# save several times a second
JEDA_SAPU = 5
TAHUN_DISAPU = 2  # the latest years with PKs: the year being reported and the year being run


def minta_hitung() -> None:
    """Queue one sweep, in JEDA_SAPU seconds, unless one is already waiting."""
    if not settings.REKAP_LATAR or cache.get(KUNCI_ANTRE) is not None:
        return  # the usual case at the peak: one read (add() costs several queries on a database)
    if cache.add(KUNCI_ANTRE, 1, BATAS_ANTRE):
        tugas = hitung_rekap
        if tugas.get_backend().supports_defer:
            tugas = tugas.using(run_after=timezone.now() + dt.timedelta(seconds=JEDA_SAPU))
        tugas.enqueue()


def _berubah(sender, **kwargs) -> None:
    if settings.REKAP_LATAR and not kwargs.get("raw"):
        transaction.on_commit(minta_hitung)


def _diimpor(sender, **kwargs) -> None:
    minta_hitung()


def sambungkan() -> None:
    impor_diterapkan.connect(_diimpor, dispatch_uid="rekap-impor")
    for model in MODEL_REKAP:
        post_save.connect(_berubah, sender=model, dispatch_uid=f"rekap-{model.__name__}")
        post_delete.connect(_berubah, sender=model, dispatch_uid=f"rekap-{model.__name__}-hapus")


def sapu(tahun: list[int] | None = None, *, paksa: bool = False) -> dict[int, int]:
    """Measure again the satker whose data changed (all with `paksa`), for `tahun` or the recent
    years; returns per year how many satker were measured."""
    if tahun is None:
        tahun = list(
            PerjanjianKinerja.objects.order_by("-tahun")
            .values_list("tahun", flat=True)
            .distinct()[:TAHUN_DISAPU]
        )
    return {t: perbarui_cache(t, paksa=paksa) for t in tahun}


@task()
def hitung_rekap() -> dict[int, int]:
    cache.delete(KUNCI_ANTRE)  # a change from now on queues the next sweep
    mulai = time.perf_counter()
    hasil = sapu()
    logger.info(
        "Rekap dihitung ulang: %s satker per tahun, %.2f s", hasil, time.perf_counter() - mulai
    )
    return hasil

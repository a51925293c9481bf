"""The rekap is computed by the worker after each change, not by its first reader.

A saved or deleted row that the rekap's figures read (`MODEL_REKAP`) marks its satker as changed
(`SatkerBerubah`) and queues one sweep when its transaction commits: `hitung_rekap` reads again,
for the recent years, the fingerprints of the satker marked since the last sweep, measures those
whose fingerprint changed, and stores the figures in the shared cache, where every web process
finds them. One sweep at a time is queued, a few seconds ahead (a cache key held until the sweep
starts), so a burst of saves costs one sweep that measures all the satker changed meanwhile.
An import says so by a signal of its own; `manage.py hitung_rekap` sweeps every satker's
fingerprint on demand (after a deploy, from cron, after scripts that write without signals),
and so does a sweep when the last whole sweep is older than `UMUR_SIDIK / 2`.

Only with a queue of workers (`TASK_BACKEND=database`) and a cache they share with the web
processes (`CACHE_BACKEND=database|redis`); otherwise (development, tests) the first reader
computes, as before. `settings.REKAP_LATAR` says which.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from functools import partial
from operator import attrgetter

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ObjectDoesNotExist
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
    Pemilihan,
    PemilihKecamatan,
    PerjanjianKinerja,
    Realisasi,
    RealisasiRO,
    RevisiDipa,
)
from rekap.models import SatkerBerubah
from rekap.selectors import perbarui_cache
from workbook.importer import impor_diterapkan

logger = logging.getLogger(__name__)

# The models the rekap reads, and how a row leads to its satker (a national policy: every satker)
MODEL_REKAP = {
    PerjanjianKinerja: "satker_id",
    BarisPK: "perjanjian.satker_id",
    Realisasi: "baris.perjanjian.satker_id",
    KebijakanCapaian: "satker_id",
    Dipa: "satker_id",
    RevisiDipa: "dipa.satker_id",
    BarisAnggaran: "dipa.satker_id",
    OutputRO: "dipa.satker_id",
    RealisasiRO: "output.dipa.satker_id",
    Evaluasi: "satker_id",
    # the voters: the realisasi of the participation rows (kinerja.selectors.partisipasi_baris)
    Pemilihan: "satker_id",
    PemilihKecamatan: "pemilihan.satker_id",
}
KUNCI_ANTRE = "rekap:sapu:antre"
KUNCI_JALAN = "rekap:sapu:jalan"  # held by the sweep running, so that two never overlap
BATAS_ANTRE = 300  # seconds: a sweep queued to a dead worker is queued again after this
# seconds a sweep waits, so that the saves of a busy minute share a few sweeps: at the peak
# offices save several times a second
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


def tandai(*satker_id: int) -> None:
    """Mark these satker (`SatkerBerubah.SEMUA`: every one) for the next sweep, and queue it."""
    baru = [SatkerBerubah(satker_id=s) for s in satker_id]
    SatkerBerubah.objects.bulk_create(baru, ignore_conflicts=True)
    minta_hitung()


def ambil_tanda() -> set[int] | None:
    """The satker marked since the last sweep, unmarked; None: every satker. A mark added
    meanwhile stays for the next sweep; one removed here was written after its change committed,
    which the fingerprints read after this call therefore see."""
    ids = set(SatkerBerubah.objects.values_list("satker_id", flat=True))
    if ids:
        SatkerBerubah.objects.filter(satker_id__in=ids).delete()
    return None if SatkerBerubah.SEMUA in ids else ids


def _satker_dari(instance) -> int:
    try:
        return attrgetter(MODEL_REKAP[type(instance)])(instance) or SatkerBerubah.SEMUA
    except ObjectDoesNotExist:  # its parent deleted with it
        return SatkerBerubah.SEMUA


def _berubah(sender, instance, **kwargs) -> None:
    if settings.REKAP_LATAR and not kwargs.get("raw"):
        transaction.on_commit(partial(tandai, _satker_dari(instance)))


def _diimpor(sender, **kwargs) -> None:
    if settings.REKAP_LATAR:
        tandai(SatkerBerubah.SEMUA)


def sambungkan() -> None:
    impor_diterapkan.connect(_diimpor, dispatch_uid="rekap-impor")
    for model in MODEL_REKAP:
        post_save.connect(_berubah, sender=model, dispatch_uid=f"rekap-{model.__name__}")
        post_delete.connect(_berubah, sender=model, dispatch_uid=f"rekap-{model.__name__}-hapus")


def sapu(
    tahun: list[int] | None = None, *, paksa: bool = False, satker: set[int] | None = None
) -> dict[int, int]:
    """Measure again the satker whose data changed (all with `paksa`), among `satker` (None:
    every one), for `tahun` or the recent years; returns per year how many were measured."""
    if tahun is None:
        tahun = list(
            PerjanjianKinerja.objects.order_by("-tahun")
            .values_list("tahun", flat=True)
            .distinct()[:TAHUN_DISAPU]
        )
    return {t: perbarui_cache(t, paksa=paksa, satker_id=satker) for t in tahun}


@task()
def hitung_rekap() -> dict[int, int]:
    cache.delete(KUNCI_ANTRE)  # a change from now on queues the next sweep
    if not cache.add(KUNCI_JALAN, 1, BATAS_ANTRE):
        # another worker is sweeping: sweep after it (the marks wait in the table)
        if hitung_rekap.get_backend().supports_defer:
            minta_hitung()
        return {}
    try:
        mulai = time.perf_counter()
        hasil = sapu(satker=ambil_tanda())
    finally:
        cache.delete(KUNCI_JALAN)
    logger.info(
        "Rekap dihitung ulang: %s satker per tahun, %.2f s", hasil, time.perf_counter() - mulai
    )
    return hasil

"""Background jobs of the laporan app (Django's tasks framework, django-tasks backport).

`render_pdf_draf` renders one cached draft PDF (`PdfLaporan`). It is idempotent: it does
nothing for a PDF that is already ready, and it checks that the data still has the fingerprint
it was queued for, so running it twice, or again after a worker died halfway, is harmless.
`laporan.services.laporan_request_draft_pdf` creates the row and queues the task.
"""

from __future__ import annotations

import logging
import time

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task

from laporan.models import PdfLaporan
from laporan.render import pdf_dari_html, render_html, sidik_html
from laporan.selectors import build_laporan

logger = logging.getLogger(__name__)


def _mulai(pdf_id: int) -> PdfLaporan | None:
    """The job row as it was (None when gone); unless it is done already, marked as running."""
    tugas = PdfLaporan.objects.select_related("satker", "final_oleh").filter(pk=pdf_id).first()
    if tugas is not None and tugas.status != PdfLaporan.Status.SIAP:
        PdfLaporan.objects.filter(pk=pdf_id).update(
            status=PdfLaporan.Status.PROSES,
            mulai=timezone.now(),
            percobaan=F("percobaan") + 1,
            galat="",
        )
    return tugas


@task()
def render_pdf_draf(pdf_id: int) -> str:
    """Render the draft PDF of a `PdfLaporan` row; returns its new status."""
    berkas = _mulai(pdf_id)
    if berkas is None or berkas.status == PdfLaporan.Status.SIAP:
        return berkas.status if berkas else "HILANG"
    mulai = time.perf_counter()
    try:
        lap = build_laporan(berkas.satker, berkas.tahun)
        html = render_html(lap, untuk_pdf=True)
        if sidik_html(html) != berkas.sidik:
            # The data changed after the request: the next request queues the new fingerprint.
            PdfLaporan.objects.filter(pk=pdf_id).update(
                status=PdfLaporan.Status.USANG, selesai=timezone.now()
            )
            return PdfLaporan.Status.USANG
        pdf = pdf_dari_html(html)
    except Exception as exc:
        logger.exception("Render PDF %s %s gagal", berkas.satker.kode, berkas.tahun)
        PdfLaporan.objects.filter(pk=pdf_id).update(
            status=PdfLaporan.Status.GAGAL, selesai=timezone.now(), galat=repr(exc)[:2000]
        )
        raise
    detik = time.perf_counter() - mulai
    with transaction.atomic():
        berkas = PdfLaporan.objects.select_for_update().select_related("satker").get(pk=pdf_id)
        try:
            berkas.berkas.save(
                f"lkjip-{berkas.satker.kode}-{berkas.tahun}-{berkas.sidik[:16]}.pdf",
                ContentFile(pdf.isi),
                save=False,
            )
        except ValidationError as exc:  # the disk is full (common.penyimpanan)
            PdfLaporan.objects.filter(pk=pdf_id).update(
                status=PdfLaporan.Status.GAGAL, selesai=timezone.now(), galat=exc.messages[0]
            )
            return PdfLaporan.Status.GAGAL
        berkas.status = PdfLaporan.Status.SIAP
        berkas.halaman, berkas.ukuran, berkas.detik = pdf.halaman, len(pdf.isi), detik
        berkas.selesai = timezone.now()
        berkas.save()
    _buang_yang_lama(berkas)
    logger.info(
        "PDF %s %s: %d halaman, %.2f s", berkas.satker.kode, berkas.tahun, pdf.halaman, detik
    )
    return PdfLaporan.Status.SIAP


@task()
def finalkan_laporan(pdf_id: int) -> str:
    """Finalise a report in the worker: `laporan_finalise` renders the PDF and writes the final
    version, its PDF and SHA-256 in one transaction, only when the render succeeds. The job row
    says how it went; a refusal (a new finding meanwhile, a failed render) is kept as its
    message and leaves earlier final versions as they were."""
    from laporan.services import laporan_finalise

    tugas = _mulai(pdf_id)
    if tugas is None or tugas.status == PdfLaporan.Status.SIAP:
        return tugas.status if tugas else "HILANG"
    mulai = time.perf_counter()
    try:
        final = laporan_finalise(satker=tugas.satker, tahun=tugas.tahun, oleh=tugas.final_oleh)
    except (ValidationError, PermissionDenied) as exc:
        pesan = " ".join(getattr(exc, "messages", None) or [str(exc)])
        PdfLaporan.objects.filter(pk=pdf_id).update(
            status=PdfLaporan.Status.GAGAL, selesai=timezone.now(), galat=pesan[:2000]
        )
        return PdfLaporan.Status.GAGAL
    PdfLaporan.objects.filter(pk=pdf_id).update(
        status=PdfLaporan.Status.SIAP,
        hasil=final,
        selesai=timezone.now(),
        detik=time.perf_counter() - mulai,
    )
    logger.info("LKjIP %s %s versi %d final", tugas.satker.kode, tugas.tahun, final.versi)
    return PdfLaporan.Status.SIAP


def _buang_yang_lama(berkas: PdfLaporan) -> None:
    """Drop the older finished PDFs of the same report: only the newest is ever served."""
    lama = PdfLaporan.objects.filter(
        satker_id=berkas.satker_id,
        tahun=berkas.tahun,
        diminta__lt=berkas.diminta,
        final_oleh__isnull=True,
    ).exclude(status__in=[PdfLaporan.Status.ANTRI, PdfLaporan.Status.PROSES])
    for row in lama:
        if row.berkas:
            row.berkas.delete(save=False)
        row.delete()


def cek_antrean(app_configs=None, **kwargs) -> list:
    """`check --deploy`: in production the PDFs must render in a worker, not in the request."""
    from django.conf import settings
    from django.core import checks

    if settings.TASKS["default"]["BACKEND"].endswith("ImmediateBackend"):
        return [
            checks.Warning(
                "Tugas latar belakang (render PDF) berjalan di dalam request web.",
                hint="Set TASK_BACKEND=database dan jalankan bin/worker (docs/deployment.md).",
                id="laporan.W001",
            )
        ]
    return []

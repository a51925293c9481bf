"""Writes of the laporan app: narrative text, justifications, and finalising a report version.

Keyword-only, atomic; they raise ValidationError (for the user) or PermissionDenied.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import uuid
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from common.versi import pastikan_belum_diubah
from kinerja import jadwal
from kinerja.capaian import TRIWULAN, Periode
from laporan.models import (
    IsiBab,
    JustifikasiPemeriksaan,
    KomentarReviu,
    LaporanKinerja,
    NarasiLaporan,
    PdfLaporan,
    ReviuAPIP,
)
from laporan.narasi import daftar_bagian
from laporan.pemeriksaan import belum_dijustifikasi, periksa
from laporan.render import render_html, render_pdf, sidik_html
from laporan.selectors import build_laporan
from satker import notifikasi
from satker.models import Peran, Satker
from satker.selectors import can_review, can_write, is_apip, peran_di

log = logging.getLogger(__name__)


def can_finalise(user: User, satker: Satker, oleh: str = LaporanKinerja.Penanda.KETUA) -> bool:
    """Who signs the report finalises it: the Ketua for an LK Ketua, the Sekretaris for an LK
    Sekretariat (or an admin)."""
    penanda = Peran.Jenis.SEKRETARIS if oleh == LaporanKinerja.Penanda.SEKRETARIS else "KETUA"
    return bool(peran_di(user, satker) & {penanda, Peran.Jenis.ADMIN})


def _pesan_finalkan(oleh: str) -> str:
    jabatan = "Sekretaris" if oleh == LaporanKinerja.Penanda.SEKRETARIS else "Ketua"
    return f"Hanya {jabatan} yang dapat menandatangani dan memfinalkan laporan ini."


def penanda_laporan(satker: Satker, tahun: int) -> str:
    """Who signs the version being worked on (the latest one's choice)."""
    terakhir = LaporanKinerja.objects.filter(satker=satker, tahun=tahun).order_by("-versi").first()
    return terakhir.ditandatangani if terakhir else LaporanKinerja.Penanda.KETUA


@transaction.atomic
def laporan_identitas_save(
    *, satker: Satker, tahun: int, data: Mapping[str, Any], oleh: User
) -> LaporanKinerja:
    """The report's date and who signs it (LK Ketua or LK Sekretariat), on the draft version."""
    if not can_write(oleh, satker):
        raise PermissionDenied("Anda tidak berhak mengubah laporan satker ini.")
    laporan = laporan_get_or_create_draft(satker=satker, tahun=tahun)
    for k, v in data.items():
        setattr(laporan, k, v)
    laporan.full_clean(exclude=["satker"], validate_unique=False, validate_constraints=False)
    laporan._change_reason = "Identitas laporan"
    laporan.save()
    return laporan


@transaction.atomic
def laporan_get_or_create_draft(*, satker: Satker, tahun: int) -> LaporanKinerja:
    """The version being worked on; after a final version, a new one that keeps its
    justifications (they still apply until the findings change)."""
    terakhir = (
        LaporanKinerja.objects.select_for_update()
        .filter(satker=satker, tahun=tahun)
        .order_by("-versi")
        .first()
    )
    if terakhir is not None and not terakhir.final:
        return terakhir
    baru = LaporanKinerja.objects.create(
        satker=satker,
        tahun=tahun,
        versi=terakhir.versi + 1 if terakhir else 1,
        # the next version keeps who signs; its date is chosen again (it is signed later)
        ditandatangani=terakhir.ditandatangani if terakhir else LaporanKinerja.Penanda.KETUA,
    )
    if terakhir is not None:
        JustifikasiPemeriksaan.objects.bulk_create(
            JustifikasiPemeriksaan(laporan=baru, kunci=j.kunci, teks=j.teks, oleh=j.oleh)
            for j in terakhir.justifikasi.all()
        )
    return baru


@transaction.atomic
def narasi_save(
    *, satker: Satker, tahun: int, bagian: str, teks: str, oleh: User, diperbarui=None
) -> None:
    """Store a section's text; empty text goes back to the default text. `diperbarui` is the
    version the writer saw (`baru`: the default text): another person's save meanwhile is
    refused, never overwritten."""
    teks = teks.replace("\r\n", "\n").strip()
    narasi = NarasiLaporan.objects.filter(satker=satker, tahun=tahun, bagian=bagian).first()
    if narasi is not None:
        pastikan_belum_diubah(narasi, diperbarui)
    if not teks:
        if narasi is not None:
            narasi.delete()
        return
    narasi = narasi or NarasiLaporan(satker=satker, tahun=tahun, bagian=bagian)
    narasi.teks, narasi.disalin_dari, narasi.diubah_oleh = teks, None, oleh
    narasi.full_clean(exclude=["satker", "diubah_oleh"], validate_unique=False)
    narasi.save()


@transaction.atomic
def narasi_copy_previous_year(*, satker: Satker, tahun: int, oleh: User) -> int:
    """Copy last year's stored texts into sections not yet written; each copy must be reviewed."""
    ada = set(
        NarasiLaporan.objects.filter(satker=satker, tahun=tahun).values_list("bagian", flat=True)
    )
    salinan = [
        NarasiLaporan(
            satker=satker,
            tahun=tahun,
            bagian=n.bagian,
            teks=n.teks,
            disalin_dari=tahun - 1,
            diubah_oleh=oleh,
        )
        for n in NarasiLaporan.objects.filter(satker=satker, tahun=tahun - 1)
        if n.bagian not in ada
    ]
    for n in salinan:
        n.save()
    return len(salinan)


@transaction.atomic
def justifikasi_save(*, satker: Satker, tahun: int, kunci: str, teks: str, oleh: User) -> None:
    """Write the justification of a finding: a written reason, not an empty box (the model's
    rule, the same in the admin; withdrawing one is `justifikasi_delete`)."""
    j = JustifikasiPemeriksaan(teks=teks)
    j.clean()  # refused before a draft version is created for it
    laporan = laporan_get_or_create_draft(satker=satker, tahun=tahun)
    JustifikasiPemeriksaan.objects.update_or_create(
        laporan=laporan, kunci=kunci, defaults={"teks": j.teks, "oleh": oleh}
    )


@transaction.atomic
def justifikasi_delete(*, satker: Satker, tahun: int, kunci: str) -> bool:
    """Withdraw the justification of a finding of the draft; False when there was none."""
    laporan = laporan_get_or_create_draft(satker=satker, tahun=tahun)
    dihapus, _ = JustifikasiPemeriksaan.objects.filter(laporan=laporan, kunci=kunci).delete()
    return bool(dihapus)


@transaction.atomic
def laporan_finalise(*, satker: Satker, tahun: int, oleh: User) -> LaporanKinerja:
    """Sign the report: render the PDF once, store it with its SHA-256; it never changes again.

    Refused while a finding has no written justification.
    """
    laporan = laporan_get_or_create_draft(satker=satker, tahun=tahun)
    laporan = LaporanKinerja.objects.select_for_update().get(pk=laporan.pk)
    if not can_finalise(oleh, satker, laporan.ditandatangani):
        raise PermissionDenied(_pesan_finalkan(laporan.ditandatangani))
    sekarang = timezone.now()
    hari_ini = timezone.localdate(sekarang)
    # A final report keeps its date: the chosen one, else the day it is signed (once the year
    # it reports has ended), else the default of the calendar.
    laporan.tanggal_laporan = laporan.tanggal_laporan or (
        hari_ini if hari_ini.year > tahun else jadwal.tanggal_laporan(tahun, hari_ini)
    )
    laporan.status = LaporanKinerja.Status.FINAL
    lap = build_laporan(satker, tahun, laporan=laporan)
    _pastikan_siap_final(lap)
    try:
        pdf = render_pdf(lap)
    except Exception as exc:
        # Everything this call wrote is rolled back; earlier final versions are untouched.
        log.exception("Render PDF final %s %s gagal", satker.kode, tahun)
        raise ValidationError(
            f"PDF laporan gagal dirender ({type(exc).__name__}: {str(exc)[:200]}). Laporan "
            "belum difinalkan; versi final sebelumnya tetap berlaku. Coba lagi atau hubungi admin.",
            code="render_gagal",
        ) from exc
    laporan.sha256 = hashlib.sha256(pdf.isi).hexdigest()
    laporan.pdf.save(
        f"lkjip-{satker.kode}-{tahun}-v{laporan.versi}.pdf", ContentFile(pdf.isi), save=False
    )
    laporan.difinalkan_oleh = oleh
    laporan.difinalkan_pada = sekarang
    laporan.penandatangan = lap.penandatangan.nama
    laporan.save()
    J = Peran.Jenis
    notifikasi.kirim(
        penerima=[
            *notifikasi.staf(satker, J.OPERATOR, J.SEKRETARIS, J.KETUA),
            *notifikasi.reviewer_provinsi(satker),
        ],
        jenis=notifikasi.J.FINAL,
        judul=f"LKjIP {satker.nama} {tahun} versi {laporan.versi} sudah final",
        tautan=reverse("laporan:pratinjau", args=[satker.kode, tahun]),
    )
    return laporan


def _periksa_sebelum_final(satker: Satker, tahun: int, oleh: User) -> None:
    """Who may finalise, and whether every finding has its justification (refused at once)."""
    penanda = penanda_laporan(satker, tahun)
    if not can_finalise(oleh, satker, penanda):
        raise PermissionDenied(_pesan_finalkan(penanda))
    _pastikan_siap_final(build_laporan(satker, tahun))


def _pastikan_siap_final(lap) -> None:
    """Every finding justified, and the APIP review recorded when the year's policy asks."""
    sisa = belum_dijustifikasi(lap, periksa(lap))
    if sisa:
        raise ValidationError(
            [f"{t.pesan} (belum dijustifikasi)" for t in sisa],
            code="temuan_belum_dijustifikasi",
        )
    if lap.kebijakan.wajib_reviu_apip and lap.reviu_apip is None:
        raise ValidationError(
            f"LKjIP {lap.tahun} wajib direviu APIP sebelum difinalkan; reviu versi {lap.versi} "
            "belum dicatat.",
            code="belum_direviu",
        )


def laporan_request_finalise(*, satker: Satker, tahun: int, oleh: User) -> PdfLaporan:
    """Finalise in the background: the checks now, the render and the final version in the
    worker (`laporan.tasks.finalkan_laporan`), whose progress the page follows. A finalisation
    already queued or running for the report is returned instead of a second one."""
    from laporan.tasks import finalkan_laporan

    _periksa_sebelum_final(satker, tahun, oleh)
    S = PdfLaporan.Status
    berjalan = PdfLaporan.objects.filter(
        satker=satker,
        tahun=tahun,
        final_oleh__isnull=False,
        status__in=[S.ANTRI, S.PROSES],
        diminta__gt=timezone.now() - BATAS_RENDER,
    ).first()
    if berjalan is not None:
        return berjalan
    tugas = PdfLaporan.objects.create(
        satker=satker, tahun=tahun, sidik=f"final-{uuid.uuid4().hex}", final_oleh=oleh
    )
    hasil = finalkan_laporan.enqueue(tugas.pk)
    PdfLaporan.objects.filter(pk=tugas.pk).update(tugas=str(hasil.id)[:64])
    tugas.refresh_from_db()
    return tugas


# A render still queued or running after this long is taken to have died with its worker.
BATAS_RENDER = dt.timedelta(seconds=settings.RENDER_MACET_DETIK)


def laporan_request_draft_pdf(*, satker: Satker, tahun: int, langsung: bool = False) -> PdfLaporan:
    """The cached draft PDF of the report as its data stands now; queued when missing.

    Keyed on the fingerprint of the report's HTML: unchanged data reuses the PDF, any change
    asks for a new one. Asking again for a PDF that failed, or whose render has been queued or
    running for longer than BATAS_RENDER (a worker that died), queues it again. `langsung`
    renders in this process instead of the queue (the render_laporan command).
    """
    from laporan.tasks import render_pdf_draf

    html = render_html(build_laporan(satker, tahun), untuk_pdf=True)
    berkas, baru = PdfLaporan.objects.get_or_create(
        satker=satker, tahun=tahun, sidik=sidik_html(html)
    )
    macet = (
        berkas.status in (PdfLaporan.Status.ANTRI, PdfLaporan.Status.PROSES)
        and timezone.now() - (berkas.mulai or berkas.diminta) > BATAS_RENDER
    )
    if baru or macet or berkas.status == PdfLaporan.Status.GAGAL:
        PdfLaporan.objects.filter(pk=berkas.pk).update(
            status=PdfLaporan.Status.ANTRI, diminta=timezone.now(), mulai=None
        )
        if langsung:
            with contextlib.suppress(Exception):  # recorded on the row as GAGAL
                render_pdf_draf.call(berkas.pk)
        else:
            hasil = render_pdf_draf.enqueue(berkas.pk)
            PdfLaporan.objects.filter(pk=berkas.pk).update(tugas=str(hasil.id))
        berkas.refresh_from_db()
    return berkas


# ---------------------------------------------------------------- content added to a chapter


def _pastikan_penulis(by: User, satker: Satker) -> None:
    if not can_write(by, satker):
        raise PermissionDenied("Anda tidak berhak mengubah laporan satker ini.")


@transaction.atomic
def isi_bab_save(*, obj: IsiBab, data: Mapping[str, Any], by: User) -> IsiBab:
    """Add or change a sub-section, picture or table of a chapter; a replaced picture's file
    goes once the change is committed."""
    _pastikan_penulis(by, obj.satker)
    lama = obj.gambar.name if obj.pk and obj.gambar else ""
    if data.get("urutan") is None:
        data = {k: v for k, v in data.items() if k != "urutan"}
        if obj.pk is None:
            obj.urutan = IsiBab.objects.filter(satker=obj.satker, tahun=obj.tahun).count() + 1
    for k, v in data.items():
        setattr(obj, k, v)
    if obj.jenis != IsiBab.Jenis.GAMBAR:
        obj.gambar, obj.bukti = "", None
    obj.full_clean()
    obj._history_user = by
    obj.save()
    if lama and obj.gambar.name != lama:
        penyimpanan = obj.gambar.storage
        transaction.on_commit(lambda: penyimpanan.delete(lama))
    return obj


@transaction.atomic
def isi_bab_delete(*, obj: IsiBab, by: User) -> None:
    _pastikan_penulis(by, obj.satker)
    berkas = obj.gambar.name if obj.gambar else ""
    obj._history_user = by
    obj.delete()
    if berkas:
        penyimpanan = obj.gambar.storage
        transaction.on_commit(lambda: penyimpanan.delete(berkas))


# ---------------------------------------------------------------- review comments (issue 16)

KOMENTAR_MIN = 10


def tempat_komentar(lap, temuan: list | None = None) -> list[tuple[str, str, str]]:
    """Every place of a report a reviewer can comment on: (kind, key, label); `temuan` are
    the report's findings when the caller has them already."""
    T = KomentarReviu.Tempat
    hasil = [(T.UMUM, "umum", "Laporan secara umum")]
    hasil += [
        (T.BARIS, f"baris:{b.id}", f"{pk.label} {b.no}: {b.indikator}")
        for pk in lap.pk
        for b in pk.baris
    ]
    hasil += [
        (T.TRIWULAN, f"triwulan:{p}", f"Realisasi {Periode(p).label} {lap.tahun}") for p in TRIWULAN
    ]
    hasil += [(T.BAGIAN, f"bagian:{b.kunci}", b.judul) for b in daftar_bagian(lap)]
    if lap.anggaran:
        hasil += [
            (T.ANGGARAN, f"anggaran:{b.id}", f"{b.kegiatan_kode} {b.kegiatan_nama} {b.output}")
            for b in lap.anggaran.baris
        ]
    temuan = periksa(lap) if temuan is None else temuan
    hasil += [(T.TEMUAN, f"temuan:{t.kunci}", t.pesan[:250]) for t in temuan]
    return hasil


def _teks_cukup(teks: str, apa: str) -> str:
    teks = (teks or "").strip()
    if len(teks) < KOMENTAR_MIN:
        raise ValidationError(f"Tulis {apa} yang jelas (paling sedikit {KOMENTAR_MIN} karakter).")
    return teks


def _tautan_komentar(k: KomentarReviu) -> str:
    return reverse("laporan:pemeriksaan", args=[k.satker.kode, k.tahun]) + f"#komentar-{k.pk}"


@transaction.atomic
def komentar_add(*, satker: Satker, tahun: int, acuan: str, teks: str, by: User) -> KomentarReviu:
    """A reviewer returns the report (or a quarter's data) with a comment on one place; the
    office is told. Reviewers comment; they never edit the office's data."""
    if not can_review(by, satker):
        raise PermissionDenied("Hanya reviewer provinsi yang dapat memberi komentar reviu.")
    teks = _teks_cukup(teks, "komentar")
    lap = build_laporan(satker, tahun)
    tempat = {a: (t, label) for t, a, label in tempat_komentar(lap)}
    if acuan not in tempat:
        raise ValidationError("Tempat yang dikomentari tidak ada pada laporan ini.")
    jenis, label = tempat[acuan]
    k = KomentarReviu(
        satker=satker,
        tahun=tahun,
        versi=lap.versi,
        tempat=jenis,
        acuan=acuan,
        label_tempat=label[:300],
        teks=teks,
        oleh=by,
    )
    k.full_clean()
    k.save()
    J = Peran.Jenis
    notifikasi.kirim(
        penerima=notifikasi.staf(satker, J.OPERATOR, J.SEKRETARIS, J.KETUA),
        jenis=notifikasi.J.DIKEMBALIKAN,
        judul=f"Reviewer mengembalikan LKjIP {satker.nama} {tahun} dengan komentar pada "
        f"{label[:120]}",
        tautan=_tautan_komentar(k),
    )
    return k


@transaction.atomic
def komentar_answer(*, komentar: KomentarReviu, jenis: str, jawaban: str, by: User) -> None:
    """The office answers a comment: fixed, or explained. The reviewer is told."""
    if not can_write(by, komentar.satker):
        raise PermissionDenied("Hanya staf satker yang dapat menjawab komentar reviu.")
    if komentar.status == KomentarReviu.Status.DITUTUP:
        raise ValidationError("Komentar ini sudah diselesaikan reviewer.")
    if jenis not in KomentarReviu.Jawaban.values:
        raise ValidationError("Pilih: sudah diperbaiki atau dijelaskan.")
    komentar.jawaban = _teks_cukup(jawaban, "jawaban")
    komentar.jenis_jawaban = jenis
    komentar.status = KomentarReviu.Status.DIJAWAB
    komentar.dijawab_oleh, komentar.dijawab_pada = by, timezone.now()
    komentar.save()
    notifikasi.kirim(
        penerima=[komentar.oleh],
        jenis=notifikasi.J.DIJAWAB,
        judul=f"{komentar.satker.nama} menjawab komentar Anda pada {komentar.label_tempat[:120]}",
        tautan=_tautan_komentar(komentar),
    )


@transaction.atomic
def komentar_close(*, komentar: KomentarReviu, by: User) -> None:
    """The reviewer accepts the answer and closes the comment."""
    if not can_review(by, komentar.satker):
        raise PermissionDenied("Hanya reviewer yang dapat menyelesaikan komentar reviu.")
    if komentar.status != KomentarReviu.Status.DIJAWAB:
        raise ValidationError("Komentar ini belum dijawab satker.")
    komentar.status = KomentarReviu.Status.DITUTUP
    komentar.ditutup_oleh, komentar.ditutup_pada = by, timezone.now()
    komentar.save()


@transaction.atomic
def reviu_apip_record(*, satker: Satker, tahun: int, pernyataan: str, by: User) -> ReviuAPIP:
    """The inspectorate records its review of the current draft; the report then prints the
    "Pernyataan Telah Direviu" page, and the office is told."""
    if not is_apip(by):
        raise PermissionDenied("Hanya reviewer APIP (Inspektorat) yang dapat mencatat reviu.")
    lap = build_laporan(satker, tahun)
    if lap.final:
        raise ValidationError("Laporan ini sudah final; reviu dicatat pada draf versi berikutnya.")
    pernyataan = _teks_cukup(pernyataan, "pernyataan reviu")
    if ReviuAPIP.objects.filter(satker=satker, tahun=tahun, versi=lap.versi).exists():
        raise ValidationError(f"Reviu APIP versi {lap.versi} sudah dicatat.")
    r = ReviuAPIP(
        satker=satker,
        tahun=tahun,
        versi=lap.versi,
        pernyataan=pernyataan,
        oleh=by,
        nama=(by.get_full_name() or by.get_username())[:200],
        jabatan="Pereviu APIP",
    )
    r.full_clean()
    r.save()
    J = Peran.Jenis
    notifikasi.kirim(
        penerima=notifikasi.staf(satker, J.OPERATOR, J.SEKRETARIS, J.KETUA),
        jenis=notifikasi.J.DIREVIU,
        judul=f"Reviu APIP atas LKjIP {satker.nama} {tahun} versi {lap.versi} sudah dicatat",
        tautan=reverse("laporan:pemeriksaan", args=[satker.kode, tahun]),
    )
    return r


PERNYATAAN_BAKU = (
    "Kami telah mereviu Laporan Kinerja {satker} Tahun {tahun} sesuai Pedoman Reviu atas "
    "Laporan Kinerja. Substansi informasi yang dimuat dalam Laporan Kinerja menjadi tanggung "
    "jawab manajemen {satker}.\n\nReviu bertujuan untuk memberikan keyakinan terbatas bahwa "
    "Laporan Kinerja telah disajikan secara akurat, andal, dan valid.\n\nBerdasarkan reviu "
    "kami, tidak terdapat kondisi atau hal-hal yang menimbulkan perbedaan dalam meyakini "
    "keandalan informasi yang disajikan di dalam Laporan Kinerja ini."
)

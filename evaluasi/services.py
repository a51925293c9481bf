"""Every change of an AKIP evaluation goes through here (issue 18): the office fills and submits
its self-assessment, the evaluator scores it, returns it or finalises it, and recommendations are
followed up until the evaluator closes them. The workflow's rules are here once; the lock of a
final LKE is on the models and in the database (evaluasi/kunci.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from evaluasi.models import Evaluasi, Jawaban, KebijakanEvaluasi, Rekomendasi
from evaluasi.otomatis import isian_sistem
from evaluasi.selectors import baca_lke, instrumen_untuk, struktur
from satker import notifikasi
from satker.models import Peran, Satker
from satker.selectors import can_submit_pk, can_write, is_admin, is_apip, peran_di

S = Evaluasi.Status


# ---------------------------------------------------------------- who may do what


def jenis_evaluator(tahun: int) -> str:
    """Who evaluates a year's LKE: the province's reviewers unless KPU RI chose the
    inspectorate for that year (KebijakanEvaluasi)."""
    k = KebijakanEvaluasi.objects.filter(tahun=tahun).first()
    return k.evaluator if k else Peran.Jenis.REVIEWER


def boleh_evaluasi(user: User, satker: Satker, tahun: int) -> bool:
    """The evaluator of an office's LKE: a reviewer of its province (or of KPU RI, above a
    province), or the inspectorate when the year's policy says so; admins always."""
    if is_admin(user):
        return True
    if jenis_evaluator(tahun) == Peran.Jenis.APIP:
        return is_apip(user)
    return satker.induk is not None and Peran.Jenis.REVIEWER in peran_di(user, satker.induk)


def _pastikan(boleh: bool, pesan: str) -> None:
    if not boleh:
        raise PermissionDenied(pesan)


def _status(ev: Evaluasi, *status: str, pesan: str) -> None:
    if ev.status not in status:
        raise ValidationError(pesan)


def _catat(obj, by: User, alasan: str = "") -> None:
    obj._history_user = by
    if alasan:
        obj._change_reason = alasan


def _tautan(ev: Evaluasi) -> str:
    return reverse("evaluasi:lke", args=[ev.satker.kode, ev.tahun])


def _kabari(ev: Evaluasi, penerima: list[User], judul: str) -> None:
    notifikasi.kirim(penerima=penerima, jenis=notifikasi.J.LKE, judul=judul, tautan=_tautan(ev))


def _evaluator(ev: Evaluasi) -> list[User]:
    if jenis_evaluator(ev.tahun) == Peran.Jenis.APIP:
        return [p.user for p in Peran.objects.filter(jenis=Peran.Jenis.APIP).select_related("user")]
    return notifikasi.reviewer_provinsi(ev.satker)


def _kantor(ev: Evaluasi) -> list[User]:
    return notifikasi.staf(
        ev.satker, Peran.Jenis.OPERATOR, Peran.Jenis.SEKRETARIS, Peran.Jenis.KETUA
    )


# ---------------------------------------------------------------- the office


@transaction.atomic
def evaluasi_mulai(*, satker: Satker, tahun: int, by: User) -> Evaluasi:
    """Open an office's LKE of a year with every criterion of the instrument in force."""
    _pastikan(can_write(by, satker), "Anda tidak berhak mengisi LKE satker ini.")
    if Evaluasi.objects.filter(satker=satker, tahun=tahun).exists():
        raise ValidationError(f"LKE Tahun {tahun} satker ini sudah ada.")
    instrumen = instrumen_untuk(tahun)
    if instrumen is None:
        raise ValidationError("Belum ada instrumen LKE; KPU RI perlu menetapkannya dahulu.")
    ev = Evaluasi(satker=satker, tahun=tahun, tahun_pengumuman=tahun + 1, instrumen=instrumen)
    ev.full_clean()
    _catat(ev, by, "Dimulai")
    ev.save()
    kriteria = struktur(instrumen).kriteria.values()
    Jawaban.objects.bulk_create(Jawaban(evaluasi=ev, kriteria=k) for k in kriteria)
    return ev


def _simpan_jawaban(j: Jawaban, data: Mapping[str, Any], by: User, alasan: str) -> Jawaban:
    for k, v in data.items():
        setattr(j, k, v)
    j.full_clean()
    _catat(j, by, alasan)
    j.save()
    return j


@transaction.atomic
def jawaban_mandiri_save(*, jawaban: Jawaban, data: Mapping[str, Any], by: User) -> Jawaban:
    """The office's answer of a criterion with its note and evidence, while it is a draft. An
    answer other than the system's suggestion needs a note saying why."""
    ev = jawaban.evaluasi
    _pastikan(can_write(by, ev.satker), "Anda tidak berhak mengisi LKE satker ini.")
    _status(ev, S.DRAF, pesan="Penilaian mandiri hanya dapat diubah selama LKE masih draf.")
    otomatis = jawaban.kriteria.otomatis
    usulan, alasan = isian_sistem(ev, [otomatis]).get(otomatis, ("", ""))
    jawab, catatan = data.get("mandiri", jawaban.mandiri), data.get("catatan", jawaban.catatan)
    if usulan and jawab and jawab != usulan and not catatan.strip():
        raise ValidationError(
            {
                "catatan": f"Sistem mengusulkan {usulan} ({alasan}); tulis catatan mengapa "
                "jawaban Anda berbeda."
            }
        )
    return _simpan_jawaban(jawaban, data, by, "Penilaian mandiri")


@transaction.atomic
def ajukan(*, evaluasi: Evaluasi, by: User) -> Evaluasi:
    """Submit the self-assessment: every criterion answered; the system's suggestions the
    office kept are recorded as its answers, with their reasons."""
    ev = evaluasi
    _pastikan(can_submit_pk(by, ev.satker), "Hanya sekretaris atau ketua yang mengajukan LKE.")
    _status(ev, S.DRAF, pesan="LKE ini sudah diajukan.")
    lke = baca_lke(ev)
    kosong = [b.kriteria.kode for b in lke.baris if not b.mandiri]
    if kosong:
        raise ValidationError(
            f"{len(kosong)} kriteria belum dijawab: {', '.join(kosong[:10])}"
            + (" dan lainnya." if len(kosong) > 10 else ".")
        )
    for b in lke.baris:
        if b.usulan and not b.jawaban.mandiri:
            _simpan_jawaban(
                b.jawaban,
                {"mandiri": b.usulan, "alasan_sistem": b.alasan[:300]},
                by,
                "Diisi sistem saat diajukan",
            )
        elif b.usulan and b.alasan != b.jawaban.alasan_sistem:
            _simpan_jawaban(b.jawaban, {"alasan_sistem": b.alasan[:300]}, by, "Alasan sistem")
    ev.status, ev.diajukan_pada, ev.diajukan_oleh = S.DIAJUKAN, timezone.now(), by
    _catat(ev, by, "Diajukan")
    ev.save()
    _kabari(ev, _evaluator(ev), f"LKE {ev.satker.nama} Tahun {ev.tahun} menunggu evaluasi")
    return ev


@transaction.atomic
def tindak_lanjut_save(*, rekomendasi: Rekomendasi, data: Mapping[str, Any], by: User):
    """The office's follow-up of a recommendation; the evaluator then closes it."""
    r = rekomendasi
    _pastikan(can_write(by, r.evaluasi.satker), "Anda tidak berhak menindaklanjuti.")
    if r.status == Rekomendasi.Status.SELESAI:
        raise ValidationError("Rekomendasi ini sudah selesai.")
    if not (data.get("tindak_lanjut") or "").strip():
        raise ValidationError({"tindak_lanjut": "Tuliskan tindak lanjutnya."})
    r.tindak_lanjut, r.tautan = data["tindak_lanjut"], data.get("tautan", "")
    r.status, r.ditindaklanjuti_pada = Rekomendasi.Status.DITINDAKLANJUTI, timezone.now()
    r.full_clean()
    _catat(r, by, "Ditindaklanjuti")
    r.save(update_fields=["tindak_lanjut", "tautan", "status", "ditindaklanjuti_pada"])
    _kabari(
        r.evaluasi,
        _evaluator(r.evaluasi),
        f"Rekomendasi LKE {r.evaluasi.satker.nama} ditindaklanjuti",
    )
    return r


# ---------------------------------------------------------------- the evaluator


def _pastikan_evaluator(ev: Evaluasi, by: User) -> None:
    _pastikan(
        boleh_evaluasi(by, ev.satker, ev.tahun), "Hanya evaluator yang berwenang dapat menilai LKE."
    )


@transaction.atomic
def jawaban_evaluator_save(*, jawaban: Jawaban, data: Mapping[str, Any], by: User) -> Jawaban:
    ev = jawaban.evaluasi
    _pastikan_evaluator(ev, by)
    _status(ev, S.DIAJUKAN, pesan="Evaluator menilai LKE yang sudah diajukan dan belum selesai.")
    return _simpan_jawaban(jawaban, data, by, "Penilaian evaluator")


@transaction.atomic
def kembalikan(*, evaluasi: Evaluasi, alasan: str, by: User) -> Evaluasi:
    """Send a submitted self-assessment back to the office to complete, with the reason."""
    ev = evaluasi
    _pastikan_evaluator(ev, by)
    _status(ev, S.DIAJUKAN, pesan="Hanya LKE yang diajukan yang dapat dikembalikan.")
    if not alasan.strip():
        raise ValidationError({"alasan": "Tuliskan alasan pengembalian."})
    ev.status = S.DRAF
    _catat(ev, by, f"Dikembalikan: {alasan.strip()[:90]}")
    ev.save()
    _kabari(ev, _kantor(ev), f"LKE Tahun {ev.tahun} dikembalikan: {alasan.strip()[:200]}")
    return ev


@transaction.atomic
def selesai_evaluasi(*, evaluasi: Evaluasi, simpulan: str, by: User) -> Evaluasi:
    ev = evaluasi
    _pastikan_evaluator(ev, by)
    _status(ev, S.DIAJUKAN, pesan="Hanya LKE yang diajukan yang dapat diselesaikan evaluasinya.")
    kosong = [b.kriteria.kode for b in baca_lke(ev).baris if not b.jawaban.evaluator]
    if kosong:
        raise ValidationError(
            f"{len(kosong)} kriteria belum dinilai evaluator: {', '.join(kosong[:10])}"
            + (" dan lainnya." if len(kosong) > 10 else ".")
        )
    ev.simpulan = simpulan
    ev.status, ev.dievaluasi_pada, ev.dievaluasi_oleh = S.DIEVALUASI, timezone.now(), by
    ev.full_clean()
    _catat(ev, by, "Dievaluasi")
    ev.save()
    _kabari(ev, _kantor(ev), f"LKE Tahun {ev.tahun} sudah dievaluasi")
    return ev


@transaction.atomic
def finalkan(*, evaluasi: Evaluasi, by: User) -> Evaluasi:
    """Finalise: the total and grade are sealed and the LKE is locked."""
    ev = evaluasi
    _pastikan_evaluator(ev, by)
    _status(ev, S.DIEVALUASI, pesan="Selesaikan evaluasi dahulu sebelum memfinalkan.")
    lke = baca_lke(ev)
    ev.nilai_akhir, ev.predikat_akhir = lke.evaluator.total, lke.evaluator.predikat
    ev.status, ev.difinalkan_pada = S.FINAL, timezone.now()
    _catat(ev, by, "Final")
    ev.save()
    _kabari(ev, _kantor(ev), f"LKE Tahun {ev.tahun} final: {ev.predikat_akhir} ({ev.nilai_akhir})")
    return ev


@transaction.atomic
def rekomendasi_save(
    *, evaluasi: Evaluasi, rekomendasi: Rekomendasi | None, data: Mapping[str, Any], by: User
) -> Rekomendasi:
    ev = evaluasi
    _pastikan_evaluator(ev, by)
    _status(
        ev, S.DIAJUKAN, S.DIEVALUASI, pesan="Rekomendasi ditulis selama evaluasi, sebelum final."
    )
    r = rekomendasi or Rekomendasi(evaluasi=ev)
    for k, v in data.items():
        setattr(r, k, v)
    r.full_clean()
    _catat(r, by, "Rekomendasi")
    r.save()
    return r


@transaction.atomic
def rekomendasi_tutup(*, rekomendasi: Rekomendasi, selesai: bool, by: User) -> Rekomendasi:
    """The evaluator closes a followed-up recommendation, or reopens it as not yet done."""
    r = rekomendasi
    _pastikan_evaluator(r.evaluasi, by)
    if selesai and r.status != Rekomendasi.Status.DITINDAKLANJUTI:
        raise ValidationError("Rekomendasi yang belum ditindaklanjuti tidak dapat diselesaikan.")
    r.status = Rekomendasi.Status.SELESAI if selesai else Rekomendasi.Status.TERBUKA
    r.ditutup_pada = timezone.now() if selesai else None
    _catat(r, by, "Selesai" if selesai else "Dibuka kembali")
    r.save(update_fields=["status", "ditutup_pada"])
    keadaan = "selesai" if selesai else "perlu ditindaklanjuti lagi"
    _kabari(r.evaluasi, _kantor(r.evaluasi), f"Rekomendasi LKE Tahun {r.evaluasi.tahun} {keadaan}")
    return r

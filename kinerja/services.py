"""Writes to PKs, realisasi and budget. Every status change goes through here.

Services are keyword-only, atomic, and raise ValidationError (for the user) or PermissionDenied.
They take the acting user as `by` (never a request), so the workbook importer can call them too;
`by` is also written into the history record.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model
from django.urls import reverse
from django.utils import timezone

from common.versi import pastikan_belum_diubah
from kinerja.capaian import Periode
from kinerja.katalog import teks_untuk_satker
from kinerja.models import (
    AnggaranPK,
    BarisAnggaran,
    BarisPK,
    Dipa,
    IndikatorKinerja,
    Kegiatan,
    OutputRO,
    Pemilihan,
    PemilihKecamatan,
    PengembalianPK,
    PenutupanPeriode,
    PerjanjianKinerja,
    Realisasi,
    RealisasiRO,
    RencanaAksi,
    RevisiBaris,
    RevisiDipa,
    TargetRenstra,
    TargetTriwulan,
    TautanAnggaran,
)
from kinerja.selectors import cocokkan_katalog
from satker import notifikasi
from satker.models import Pejabat, Peran, Satker
from satker.selectors import can_close_periode, can_sign_pk, can_submit_pk, can_write, is_admin

Status = PerjanjianKinerja.Status


def perjanjian_ensure_editable(perjanjian: PerjanjianKinerja) -> None:
    """Refuse any change to a signed PK: changes after signing need a new version (Revisi PK)."""
    if perjanjian.terkunci:
        raise ValidationError(
            f"{perjanjian} sudah ditandatangani dan terkunci. "
            "Buat Revisi PK dengan alasan untuk mengubahnya."
        )


def periode_ensure_open(*, satker: Satker, tahun: int, periode: str) -> None:
    """Refuse changes to realisasi of a closed quarter."""
    if PenutupanPeriode.objects.filter(satker=satker, tahun=tahun, periode=periode).exists():
        raise ValidationError(
            f"Realisasi {periode} {tahun} {satker} sudah ditutup. "
            "Minta sekretaris membukanya kembali dengan alasan."
        )


# ---------------------------------------------------------------- helpers


def _pastikan_penulis(by: User, satker: Satker) -> None:
    if not can_write(by, satker):
        raise PermissionDenied("Anda tidak berhak mengubah data satker ini.")


def _catat(obj: Model, by: User, alasan: str = "") -> None:
    """Who (and why) for the history record of the next save or delete."""
    obj._history_user = by
    if alasan:
        obj._change_reason = alasan


def _pk_terbaru(perjanjian: PerjanjianKinerja) -> bool:
    return not PerjanjianKinerja.objects.filter(
        satker=perjanjian.satker_id,
        tahun=perjanjian.tahun,
        jenis=perjanjian.jenis,
        versi__gt=perjanjian.versi,
    ).exists()


# ---------------------------------------------------------------- Perjanjian Kinerja

SUMBER_KOSONG, SUMBER_TAHUN_LALU, SUMBER_RENSTRA = "kosong", "tahun_lalu", "renstra"


def _pejabat(satker: Satker, kata: str) -> Pejabat | None:
    return (
        satker.pejabat.filter(jabatan__icontains=kata, selesai__isnull=True)
        .order_by("-mulai")
        .first()
    )


def _isi_pihak(pk: PerjanjianKinerja) -> None:
    ketua, sekretaris = _pejabat(pk.satker, "ketua"), _pejabat(pk.satker, "sekretaris")
    nama_satker = pk.satker.nama
    pertama = ketua if pk.jenis == PerjanjianKinerja.Jenis.KPU else sekretaris
    if pertama:
        pk.pihak_pertama_nama, pk.pihak_pertama_nip = pertama.nama, pertama.nip
        pk.pihak_pertama_jabatan = f"{pertama.jabatan} {nama_satker}"
    if pk.jenis == PerjanjianKinerja.Jenis.SEKRETARIAT and ketua:
        pk.pihak_kedua_nama, pk.pihak_kedua_nip = ketua.nama, ketua.nip
        pk.pihak_kedua_jabatan = f"{ketua.jabatan} {nama_satker}"
    pk.tempat = pk.satker.kota


@transaction.atomic
def perjanjian_create(
    *, satker: Satker, tahun: int, jenis: str, sumber: str = SUMBER_KOSONG, by: User
) -> PerjanjianKinerja:
    """A new PK (versi 1), empty or copied from last year's PK or from the Renstra targets."""
    _pastikan_penulis(by, satker)
    if PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun, jenis=jenis).exists():
        raise ValidationError(
            f"{PerjanjianKinerja.Jenis(jenis).label} {tahun} sudah ada; buka dan ubah PK itu."
        )
    pk = PerjanjianKinerja(satker=satker, tahun=tahun, jenis=jenis)
    _isi_pihak(pk)
    _catat(pk, by)
    pk.save()
    if sumber == SUMBER_TAHUN_LALU:
        lalu = (
            PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun - 1, jenis=jenis)
            .order_by("-versi")
            .first()
        )
        if lalu is None:
            raise ValidationError(f"Tidak ada PK {tahun - 1} dengan jenis yang sama untuk disalin.")
        _salin_isi(lalu, pk, by=by, realisasi=False)
    elif sumber == SUMBER_RENSTRA:
        _isi_dari_renstra(pk, by=by)
    return pk


def _isi_dari_renstra(pk: PerjanjianKinerja, *, by: User) -> None:
    """Rows from the Renstra of the year: the satker's own (before 2025), else the national
    catalogue's indicators for this PK and the office's level, worded for the office, with the
    national target. Rows are numbered per sasaran: 1, 2.1, 2.2, ..."""
    semua = TargetRenstra.objects.filter(
        tahun=pk.tahun,
        indikator__sasaran__renstra__tahun_awal__lte=pk.tahun,
        indikator__sasaran__renstra__tahun_akhir__gte=pk.tahun,
    ).select_related("indikator__sasaran")
    urut = ("indikator__sasaran__urutan", "indikator__urutan", "indikator__kode")
    targets = list(semua.filter(indikator__sasaran__renstra__satker=pk.satker).order_by(*urut))
    if not targets:
        nasional = semua.filter(indikator__sasaran__renstra__satker__isnull=True)
        targets = [
            t
            for t in nasional.filter(indikator__sasaran__jenis_pk__in=["", pk.jenis]).order_by(
                *urut
            )
            if t.indikator.berlaku_untuk(pk.satker.tingkat)
        ]
    if not targets:
        raise ValidationError(f"Renstra tidak memuat target untuk tahun {pk.tahun}.")
    per_sasaran: dict[int, list[TargetRenstra]] = {}
    for t in targets:
        per_sasaran.setdefault(t.indikator.sasaran_id, []).append(t)
    urutan = 0
    for i, daftar in enumerate(per_sasaran.values(), start=1):
        for j, t in enumerate(daftar, start=1):
            ind, urutan = t.indikator, urutan + 1
            satker = pk.satker
            baris = BarisPK(
                perjanjian=pk,
                no=str(i) if len(daftar) == 1 else f"{i}.{j}",
                urutan=urutan,
                sasaran=ind.sasaran.nama,
                indikator=teks_untuk_satker(ind.nama, satker.nama, satker.tingkat),
                indikator_kinerja=ind,
                satuan=ind.satuan,
                jenis_nilai=ind.jenis_nilai,
                arah=ind.arah,
                agregasi=ind.agregasi,
                rumus_turun=ind.rumus_turun,
                target=t.target,
            )
            _catat(baris, by)
            baris.save()


def _salin(obj: Model, by: User, **ubah: Any) -> Model:
    obj.pk = obj.id = None
    obj._state.adding = True
    for k, v in ubah.items():
        setattr(obj, k, v)
    _catat(obj, by)
    obj.save()
    return obj


def _salin_isi(dari: PerjanjianKinerja, ke: PerjanjianKinerja, *, by: User, realisasi: bool):
    for baris in dari.baris.prefetch_related("target_triwulan", "realisasi").order_by("urutan"):
        tw, real = list(baris.target_triwulan.all()), list(baris.realisasi.all())
        baru = _salin(baris, by, perjanjian=ke)
        for t in tw:
            _salin(t, by, baris=baru)
        for r in real if realisasi else []:
            _salin(r, by, baris=baru)
    for a in dari.anggaran.all():
        _salin(a, by, perjanjian=ke)


@transaction.atomic
def perjanjian_update(
    *, perjanjian: PerjanjianKinerja, data: Mapping[str, Any], diperbarui=None, by: User
) -> PerjanjianKinerja:
    """Change the parties, place and date of a PK that is not signed."""
    _pastikan_penulis(by, perjanjian.satker)
    perjanjian_ensure_editable(perjanjian)
    pastikan_belum_diubah(perjanjian, diperbarui)
    for k, v in data.items():
        setattr(perjanjian, k, v)
    perjanjian.full_clean(exclude=["satker"], validate_unique=False)
    _catat(perjanjian, by)
    perjanjian.save()
    return perjanjian


@transaction.atomic
def perjanjian_submit(*, perjanjian: PerjanjianKinerja, by: User) -> PerjanjianKinerja:
    if not can_submit_pk(by, perjanjian.satker):
        raise PermissionDenied("Hanya sekretaris atau ketua yang dapat mengajukan PK.")
    if perjanjian.status != Status.DRAFT:
        raise ValidationError("Hanya PK berstatus draf yang dapat diajukan.")
    masalah = []
    if not perjanjian.baris.exists():
        masalah.append("PK belum memiliki baris indikator.")
    if not perjanjian.pihak_pertama_nama:
        masalah.append("Nama pihak pertama belum diisi.")
    if perjanjian.jenis == PerjanjianKinerja.Jenis.SEKRETARIAT and not perjanjian.pihak_kedua_nama:
        masalah.append("Nama pihak kedua belum diisi.")
    if masalah:
        raise ValidationError(masalah)
    perjanjian.status = Status.DIAJUKAN
    perjanjian.diajukan_pada = timezone.now()
    _catat(perjanjian, by, "Diajukan")
    perjanjian.save()
    notifikasi.kirim(
        penerima=notifikasi.staf(perjanjian.satker, Peran.Jenis.KETUA),
        jenis=notifikasi.J.PK_DIAJUKAN,
        judul=f"{perjanjian} menunggu tanda tangan Anda",
        tautan=reverse("kinerja:pk_detail", args=[perjanjian.pk]),
    )
    return perjanjian


@transaction.atomic
def perjanjian_sign(*, perjanjian: PerjanjianKinerja, by: User) -> PerjanjianKinerja:
    if not can_sign_pk(by, perjanjian.satker):
        raise PermissionDenied("Hanya ketua yang dapat menandatangani PK.")
    if perjanjian.terkunci:
        raise ValidationError("PK ini sudah ditandatangani.")
    if perjanjian.status != Status.DIAJUKAN:
        raise ValidationError("PK harus diajukan dahulu sebelum ditandatangani.")
    perjanjian.status = Status.DITANDATANGANI
    perjanjian.ditandatangani_oleh = by
    perjanjian.ditandatangani_pada = timezone.now()
    perjanjian.tanggal = perjanjian.tanggal or timezone.localdate()
    _catat(perjanjian, by, "Ditandatangani")
    perjanjian.save()
    notifikasi.kirim(
        penerima=notifikasi.staf(perjanjian.satker, Peran.Jenis.SEKRETARIS, Peran.Jenis.OPERATOR),
        jenis=notifikasi.J.DITANDATANGANI,
        judul=f"{perjanjian} sudah ditandatangani",
        tautan=reverse("kinerja:pk_detail", args=[perjanjian.pk]),
    )
    return perjanjian


@transaction.atomic
def perjanjian_return(*, perjanjian: PerjanjianKinerja, alasan: str, by: User) -> PengembalianPK:
    """The ketua sends a submitted PK back to the sekretaris with the reason; it is a draft
    again, to be corrected and submitted again. Every return is kept with its reason."""
    if not can_sign_pk(by, perjanjian.satker):
        raise PermissionDenied("Hanya ketua yang dapat mengembalikan PK.")
    if perjanjian.status != Status.DIAJUKAN:
        raise ValidationError("Hanya PK yang diajukan yang dapat dikembalikan.")
    kembali = PengembalianPK(perjanjian=perjanjian, alasan=alasan.strip(), oleh=by)
    kembali.full_clean()
    kembali.save()
    perjanjian.status = Status.DRAFT
    perjanjian.diajukan_pada = None
    _catat(perjanjian, by, "Dikembalikan kepada sekretaris")
    perjanjian.save()
    notifikasi.kirim(
        penerima=notifikasi.staf(perjanjian.satker, Peran.Jenis.SEKRETARIS, Peran.Jenis.OPERATOR),
        jenis=notifikasi.J.DIKEMBALIKAN,
        judul=f"{perjanjian} dikembalikan untuk diperbaiki: {kembali.alasan}",
        tautan=reverse("kinerja:pk_detail", args=[perjanjian.pk]),
    )
    return kembali


@transaction.atomic
def perjanjian_revise(*, perjanjian: PerjanjianKinerja, alasan: str, by: User) -> PerjanjianKinerja:
    """A new draft version of a signed PK, with its rows, targets, budget and realisasi."""
    if not can_submit_pk(by, perjanjian.satker):
        raise PermissionDenied("Hanya sekretaris atau ketua yang dapat membuat Revisi PK.")
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan revisi wajib diisi."})
    if not perjanjian.terkunci:
        raise ValidationError(
            "Hanya PK yang sudah ditandatangani yang direvisi; ubah saja draf ini."
        )
    if not _pk_terbaru(perjanjian):
        raise ValidationError("Sudah ada versi yang lebih baru dari PK ini; revisi versi terbaru.")
    lama = PerjanjianKinerja.objects.get(pk=perjanjian.pk)
    baru = _salin(
        PerjanjianKinerja.objects.get(pk=perjanjian.pk),
        by,
        versi=lama.versi + 1,
        alasan_revisi=alasan,
        status=Status.DRAFT,
        diajukan_pada=None,
        ditandatangani_oleh=None,
        ditandatangani_pada=None,
        tanggal=None,
    )
    _salin_isi(lama, baru, by=by, realisasi=True)
    return baru


# ---------------------------------------------------------------- PK rows and budget


def _pastikan_pk_dapat_diubah(perjanjian: PerjanjianKinerja, by: User) -> None:
    _pastikan_penulis(by, perjanjian.satker)
    perjanjian_ensure_editable(perjanjian)


@transaction.atomic
def baris_save(
    *,
    perjanjian: PerjanjianKinerja,
    baris: BarisPK | None = None,
    data: Mapping[str, Any],
    target_triwulan: Mapping[str, str] | None = None,
    diperbarui=None,
    by: User,
) -> BarisPK:
    """Create or change a PK row and its quarterly targets (empty text removes a quarter)."""
    _pastikan_pk_dapat_diubah(perjanjian, by)
    baris = baris or BarisPK(perjanjian=perjanjian)
    if baris.perjanjian_id != perjanjian.pk:
        raise ValidationError("Baris ini bukan bagian dari PK tersebut.")
    pastikan_belum_diubah(baris, diperbarui)
    no = data.get("no", baris.no)
    if perjanjian.baris.filter(no=no).exclude(pk=baris.pk).exists():
        raise ValidationError({"no": f"Nomor {no} sudah dipakai baris lain di PK ini."})
    for k, v in data.items():
        setattr(baris, k, v)
    if baris.urutan == 0 and baris.pk is None:
        baris.urutan = perjanjian.baris.count() + 1
    baris.full_clean(exclude=["perjanjian", "indikator_kinerja"], validate_unique=False)
    ada = {t.periode: t for t in baris.target_triwulan.all()} if baris.pk else {}
    simpan, hapus = [], []
    for periode, teks in (target_triwulan or {}).items():
        if not (teks or "").strip():
            hapus += [ada[periode]] if periode in ada else []
            continue
        t = ada.get(periode) or TargetTriwulan(baris=baris, periode=periode)
        if t.teks != teks:
            t.teks = teks
            t.full_clean(exclude=["baris"], validate_unique=False)
            simpan.append(t)
    _catat(baris, by)
    baris.save()
    for t in hapus:
        _catat(t, by)
        t.delete()
    for t in simpan:
        t.baris = baris
        _catat(t, by)
        t.save()
    return baris


def pastikan_boleh_link(by: User, satker: Satker) -> None:
    """KPU RI's admins link any row; an office, its own."""
    if not (is_admin(by) or can_write(by, satker)):
        raise PermissionDenied("Anda tidak berhak menghubungkan baris PK satker ini.")


@transaction.atomic
def baris_link(
    *, baris: BarisPK, indikator: IndikatorKinerja | None, lokal: bool = False, by: User
) -> BarisPK:
    """Link a PK row to a catalogue indicator, or mark it local (an indicator of the office's
    own). Open on a signed PK too: it classifies the row and changes nothing that was signed."""
    pastikan_boleh_link(by, baris.perjanjian.satker)
    baris.indikator_kinerja, baris.lokal = indikator, lokal and indikator is None
    baris.clean_katalog()
    _catat(baris, by, "Dihubungkan ke katalog" if indikator else "Ditandai lokal")
    baris.save(update_fields=["indikator_kinerja", "lokal", "diperbarui"])
    return baris


def baris_link_auto(baris: Iterable[BarisPK], *, by: User | None = None) -> int:
    """Link every given row that is neither linked nor local and whose wording matches the
    catalogue; return how many were linked."""
    belum = [b for b in baris if b.indikator_kinerja_id is None and not b.lokal]
    cocok = cocokkan_katalog(belum)
    for b in belum:
        if b.pk in cocok:
            b.indikator_kinerja = cocok[b.pk]
            if by is not None:
                _catat(b, by, "Dihubungkan ke katalog (otomatis)")
            b.save(update_fields=["indikator_kinerja", "diperbarui"])
    return len(cocok)


@transaction.atomic
def baris_delete(*, baris: BarisPK, by: User) -> None:
    _pastikan_pk_dapat_diubah(baris.perjanjian, by)
    _catat(baris, by)
    baris.delete()


@transaction.atomic
def anggaran_pk_save(
    *,
    perjanjian: PerjanjianKinerja,
    anggaran: AnggaranPK | None = None,
    program: str,
    jumlah: int,
    by: User,
) -> AnggaranPK:
    _pastikan_pk_dapat_diubah(perjanjian, by)
    anggaran = anggaran or AnggaranPK(perjanjian=perjanjian, urutan=perjanjian.anggaran.count() + 1)
    if perjanjian.anggaran.filter(program=program).exclude(pk=anggaran.pk).exists():
        raise ValidationError({"program": "Program ini sudah ada di anggaran PK."})
    anggaran.program, anggaran.jumlah = program, jumlah
    anggaran.full_clean(exclude=["perjanjian"], validate_unique=False)
    _catat(anggaran, by)
    anggaran.save()
    return anggaran


@transaction.atomic
def anggaran_pk_delete(*, anggaran: AnggaranPK, by: User) -> None:
    _pastikan_pk_dapat_diubah(anggaran.perjanjian, by)
    _catat(anggaran, by)
    anggaran.delete()


# ---------------------------------------------------------------- realisasi and quarters


@transaction.atomic
def realisasi_save(
    *,
    baris: BarisPK,
    periode: str,
    data: Mapping[str, Any],
    bukti_file: UploadedFile | None = None,
    hapus_bukti: bool = False,
    diperbarui=None,
    by: User,
) -> Realisasi:
    """Record what a PK row achieved in a quarter, with kendala, tindak lanjut and evidence."""
    pk = baris.perjanjian
    _pastikan_penulis(by, pk.satker)
    # One writer per row at a time: two first entries of the same cell meet here, not in the
    # unique constraint.
    BarisPK.objects.select_for_update().filter(pk=baris.pk).exists()
    periode_ensure_open(satker=pk.satker, tahun=pk.tahun, periode=periode)
    if not _pk_terbaru(pk):
        raise ValidationError(
            "PK ini sudah direvisi; isi realisasi pada versi terbaru (realisasinya sudah disalin)."
        )
    obj = Realisasi.objects.filter(baris=baris, periode=periode).first()
    obj = obj or Realisasi(periode=periode)
    obj.baris = baris  # the row in hand: its kind of value is read without another query
    pastikan_belum_diubah(obj, diperbarui)
    for k, v in data.items():
        setattr(obj, k, v)
    obj.full_clean(exclude=["baris", "bukti_file"], validate_unique=False)
    lama = obj.bukti_file.name if obj.bukti_file else ""
    if hapus_bukti:
        obj.bukti_file = ""
    if bukti_file is not None:
        obj.bukti_file = bukti_file
    if lama and (hapus_bukti or bukti_file is not None):
        # The replaced file goes once the change is committed (never while it may roll back).
        penyimpanan = obj.bukti_file.storage
        transaction.on_commit(lambda: penyimpanan.delete(lama))
    _catat(obj, by)
    obj.save()
    return obj


@dataclass(frozen=True)
class HasilIsiSekaligus:
    """What a grid save did: rows saved, rows left as they were, and why each refused cell was
    refused (by row id, in the engine's words)."""

    disimpan: list[int]
    tetap: int
    galat: dict[int, str]


def realisasi_save_banyak(
    *,
    satker: Satker,
    tahun: int,
    periode: str,
    nilai: Mapping[int, str],
    diperbarui: Mapping[int, Any] | None = None,
    by: User,
) -> HasilIsiSekaligus:
    """Save a quarter's realisasi for many rows at once (the spreadsheet grid, a pasted block):
    every valid changed cell is saved, each one alone through `realisasi_save` (same checks,
    locks and history as one cell); a refused cell changes nothing and says why."""
    diperbarui = diperbarui or {}
    baris = {
        b.pk: b
        for b in BarisPK.objects.filter(
            pk__in=list(nilai), perjanjian__satker=satker, perjanjian__tahun=tahun
        ).select_related("perjanjian__satker")
    }
    lama = {
        r.baris_id: r.teks
        for r in Realisasi.objects.filter(baris_id__in=list(baris), periode=periode)
    }
    disimpan, galat, tetap = [], {}, 0
    for baris_id, teks in nilai.items():
        teks = (teks or "").strip()
        if baris_id not in baris:
            galat[baris_id] = "Baris ini bukan bagian dari PK satker dan tahun ini."
            continue
        if teks == lama.get(baris_id, ""):
            tetap += 1
            continue
        try:
            with transaction.atomic():
                realisasi_save(
                    baris=baris[baris_id],
                    periode=periode,
                    data={"teks": teks},
                    diperbarui=diperbarui.get(baris_id),
                    by=by,
                )
        except ValidationError as exc:
            galat[baris_id] = " ".join(exc.messages)
        else:
            disimpan.append(baris_id)
    return HasilIsiSekaligus(disimpan, tetap, galat)


@transaction.atomic
def periode_close(*, satker: Satker, tahun: int, periode: str, by: User) -> PenutupanPeriode:
    if not can_close_periode(by, satker):
        raise PermissionDenied("Hanya sekretaris yang dapat menutup triwulan.")
    if periode not in Periode.values:
        raise ValidationError("Periode tidak dikenal.")
    if PenutupanPeriode.objects.filter(satker=satker, tahun=tahun, periode=periode).exists():
        raise ValidationError(f"{periode} {tahun} sudah ditutup.")
    obj = PenutupanPeriode(satker=satker, tahun=tahun, periode=periode, ditutup_oleh=by)
    _catat(obj, by, "Ditutup")
    obj.save()
    return obj


@transaction.atomic
def periode_reopen(*, satker: Satker, tahun: int, periode: str, alasan: str, by: User) -> None:
    """Reopen a closed quarter; the reason stays in the history of the closure."""
    if not can_close_periode(by, satker):
        raise PermissionDenied("Hanya sekretaris yang dapat membuka kembali triwulan.")
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan membuka kembali wajib diisi."})
    obj = PenutupanPeriode.objects.filter(satker=satker, tahun=tahun, periode=periode).first()
    if obj is None:
        raise ValidationError(f"{periode} {tahun} tidak sedang ditutup.")
    _catat(obj, by, alasan)
    obj.delete()


# ---------------------------------------------------------------- DIPA and budget lines


@transaction.atomic
def dipa_get_or_create(*, satker: Satker, tahun: int, by: User) -> Dipa:
    _pastikan_penulis(by, satker)
    dipa = Dipa.objects.filter(satker=satker, tahun=tahun).first()
    if dipa is None:
        dipa = Dipa(satker=satker, tahun=tahun)
        _catat(dipa, by)
        dipa.save()
    return dipa


@transaction.atomic
def revisi_dipa_save(
    *, dipa: Dipa, revisi: RevisiDipa | None = None, data: Mapping[str, Any], by: User
) -> RevisiDipa:
    """Create or change a DIPA revision (label, date, total)."""
    _pastikan_penulis(by, dipa.satker)
    revisi = revisi or RevisiDipa(dipa=dipa, urutan=dipa.revisi.count())
    label = data.get("label", revisi.label)
    if dipa.revisi.filter(label=label).exclude(pk=revisi.pk).exists():
        raise ValidationError({"label": f"Label '{label}' sudah dipakai revisi lain."})
    tanggal = data.get("tanggal", revisi.tanggal)
    sebelum = dipa.revisi.exclude(pk=revisi.pk).filter(urutan__lt=revisi.urutan)
    if tanggal and sebelum.filter(tanggal__gt=tanggal).exists():
        raise ValidationError({"tanggal": "Tanggal revisi tidak boleh sebelum revisi sebelumnya."})
    for k, v in data.items():
        setattr(revisi, k, v)
    revisi.full_clean(exclude=["dipa"], validate_unique=False)
    _catat(revisi, by)
    revisi.save()
    return revisi


@transaction.atomic
def baris_anggaran_save(
    *,
    dipa: Dipa,
    baris: BarisAnggaran | None = None,
    data: Mapping[str, Any],
    diperbarui=None,
    by: User,
) -> BarisAnggaran:
    """Create or change a budget line (pagu, realisasi and where the figure comes from)."""
    _pastikan_penulis(by, dipa.satker)
    baris = baris or BarisAnggaran(dipa=dipa, urutan=dipa.baris.count() + 1)
    pastikan_belum_diubah(baris, diperbarui)
    for k, v in data.items():
        setattr(baris, k, v)
    baris.full_clean(exclude=["dipa"], validate_unique=False)
    kunci = {f: getattr(baris, f) for f in ("program", "kegiatan", "output_kode", "akun_kode")}
    if dipa.baris.filter(**kunci, sumber=baris.sumber).exclude(pk=baris.pk).exists():
        raise ValidationError("Baris anggaran dengan kode dan sumber dana yang sama sudah ada.")
    _catat(baris, by)
    baris.save()
    return baris


# ---------------------------------------------------------------- budget tied to performance


@transaction.atomic
def tautan_anggaran_save(
    *, baris: BarisPK, kegiatan: Kegiatan, output_kode: str, porsi, by: User
) -> TautanAnggaran:
    """Link a PK row to a kegiatan (or one output of it) with the share that serves it; a
    second link to the same kegiatan/output changes its share. Open on a signed PK: the link
    classifies the row and changes nothing that was signed."""
    _pastikan_penulis(by, baris.perjanjian.satker)
    tautan = TautanAnggaran.objects.filter(
        baris=baris, kegiatan=kegiatan, output_kode=output_kode
    ).first() or TautanAnggaran(baris=baris, kegiatan=kegiatan, output_kode=output_kode)
    tautan.porsi = porsi
    tautan.full_clean(validate_unique=False)
    _catat(tautan, by)
    tautan.save()
    return tautan


@transaction.atomic
def tautan_anggaran_delete(*, tautan: TautanAnggaran, by: User) -> None:
    _pastikan_penulis(by, tautan.baris.perjanjian.satker)
    _catat(tautan, by)
    tautan.delete()


@transaction.atomic
def output_ro_save(
    *,
    dipa: Dipa,
    ro: OutputRO | None = None,
    data: Mapping[str, Any],
    bulan: Mapping[int, Mapping[str, Any] | None] | None = None,
    by: User,
) -> OutputRO:
    """Create or change an output (RO) and its months: `bulan` maps a month to its volume,
    money, progress and kendala, or to None to remove that month."""
    _pastikan_penulis(by, dipa.satker)
    ro = ro or OutputRO(dipa=dipa, urutan=dipa.output_ro.count())
    for k, v in data.items():
        setattr(ro, k, v)
    ro.full_clean(exclude=["dipa"], validate_unique=False)
    ada = OutputRO.objects.filter(dipa=dipa, kegiatan=ro.kegiatan, output_kode=ro.output_kode)
    if ada.exclude(pk=ro.pk).exists():
        raise ValidationError({"output_kode": "Output ini sudah dicatat untuk DIPA ini."})
    _catat(ro, by)
    ro.save()
    lama = {m.bulan: m for m in ro.bulanan.all()}
    galat = {}
    for b, isi in (bulan or {}).items():
        m = lama.get(b)
        if isi is None:
            if m is not None:
                _catat(m, by)
                m.delete()
            continue
        m = m or RealisasiRO(output=ro, bulan=b)
        if all(getattr(m, k) == v for k, v in isi.items()) and m.pk:
            continue
        for k, v in isi.items():
            setattr(m, k, v)
        try:
            m.full_clean(exclude=["output"], validate_unique=False)
        except ValidationError as exc:
            galat.update({f"bulan_{b}_{f}": p for f, p in exc.message_dict.items()})
            continue
        _catat(m, by)
        m.save()
    if galat:
        raise ValidationError(galat)
    return ro


@transaction.atomic
def revisi_baris_save(*, revisi: RevisiDipa, data: Mapping[str, Any], by: User) -> RevisiBaris:
    """Record the pagu of one budget line after a DIPA revision (a second record of the same
    line in the revision changes its pagu)."""
    _pastikan_penulis(by, revisi.dipa.satker)
    kunci = {f: data[f] for f in ("program", "kegiatan", "output_kode", "akun_kode", "sumber")}
    baris = RevisiBaris.objects.filter(revisi=revisi, **kunci).first() or RevisiBaris(
        revisi=revisi, **kunci
    )
    baris.pagu = data["pagu"]
    baris.full_clean(exclude=["revisi"], validate_unique=False)
    _catat(baris, by)
    baris.save()
    return baris


@transaction.atomic
def revisi_baris_dari_dipa(*, revisi: RevisiDipa, by: User) -> int:
    """Record every current budget line of the DIPA with its pagu in the revision (for the
    latest revision, or the DIPA Awal typed from the current lines); returns how many."""
    for b in revisi.dipa.baris.all():
        revisi_baris_save(
            revisi=revisi,
            data={
                "program": b.program,
                "kegiatan": b.kegiatan,
                "output_kode": b.output_kode,
                "akun_kode": b.akun_kode,
                "sumber": b.sumber,
                "pagu": b.pagu,
            },
            by=by,
        )
    return revisi.dipa.baris.count()


@transaction.atomic
def revisi_baris_delete(*, baris: RevisiBaris, by: User) -> None:
    _pastikan_penulis(by, baris.revisi.dipa.satker)
    _catat(baris, by)
    baris.delete()


# ---------------------------------------------------------------- national catalogue


def _pastikan_admin(by: User) -> None:
    if not is_admin(by):
        raise PermissionDenied("Katalog nasional hanya dapat diubah admin KPU RI.")


@transaction.atomic
def katalog_save(*, obj: Model, data: Mapping[str, Any], by: User) -> Model:
    """Create or change an entry of the national catalogue (Renstra, sasaran, indicator, or the
    name of a program, kegiatan or output code); KPU RI's admins only."""
    _pastikan_admin(by)
    for k, v in data.items():
        setattr(obj, k, v)
    obj.full_clean()
    _catat(obj, by, "Katalog nasional")
    obj.save()
    return obj


@transaction.atomic
def target_nasional_save(*, indikator: IndikatorKinerja, target: Mapping[int, str], by: User):
    """The national targets of an indicator per year of its Renstra (empty text removes one)."""
    _pastikan_admin(by)
    renstra = indikator.sasaran.renstra
    ada = {t.tahun: t for t in indikator.target.all()}
    galat = {}
    for tahun, teks in target.items():
        if not renstra.tahun_awal <= tahun <= renstra.tahun_akhir:
            raise ValidationError(f"Tahun {tahun} di luar periode Renstra.")
        teks = (teks or "").strip()
        t = ada.get(tahun)
        if not teks:
            if t is not None:
                _catat(t, by, "Katalog nasional")
                t.delete()
            continue
        t = t or TargetRenstra(indikator=indikator, tahun=tahun)
        if t.pk and t.target == teks:
            continue
        t.target = teks
        try:
            t.full_clean(exclude=["indikator"], validate_unique=False)
        except ValidationError as exc:
            galat[f"target_{tahun}"] = exc.messages
            continue
        _catat(t, by, "Katalog nasional")
        t.save()
    if galat:
        raise ValidationError(galat)


# ---------------------------------------------------------------- election data


def _simpan(obj: Model, data: Mapping[str, Any], by: User) -> Model:
    """Write `data` to a row of an office (the caller checked who may), by the model's rules."""
    for k, v in data.items():
        setattr(obj, k, v)
    obj.full_clean()
    _catat(obj, by)
    obj.save()
    return obj


def _satker_dari(obj: Pemilihan | PemilihKecamatan) -> Satker:
    return obj.satker if isinstance(obj, Pemilihan) else obj.pemilihan.satker


@transaction.atomic
def pemilihan_save(
    *, obj: Pemilihan | PemilihKecamatan, data: Mapping[str, Any], by: User
) -> Pemilihan | PemilihKecamatan:
    """Create or change an election or one kecamatan's voters; the participation realisasi of
    the office's PK rows follows from them when they are next read."""
    _pastikan_penulis(by, _satker_dari(obj))
    return _simpan(obj, data, by)


@transaction.atomic
def pemilihan_delete(*, obj: Pemilihan | PemilihKecamatan, by: User) -> None:
    _pastikan_penulis(by, _satker_dari(obj))
    _catat(obj, by)
    obj.delete()


# ---------------------------------------------------------------- rencana aksi


@transaction.atomic
def rencana_aksi_save(*, obj: RencanaAksi, data: Mapping[str, Any], by: User) -> RencanaAksi:
    """Create or change an activity of a PK row's Rencana Aksi."""
    _pastikan_penulis(by, obj.baris.perjanjian.satker)
    if obj.pk is None:
        obj.urutan = obj.baris.rencana_aksi.count() + 1
    return _simpan(obj, data, by)


@transaction.atomic
def rencana_aksi_delete(*, obj: RencanaAksi, by: User) -> None:
    _pastikan_penulis(by, obj.baris.perjanjian.satker)
    _catat(obj, by)
    obj.delete()

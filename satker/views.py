from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from kinerja import format as fmt
from kinerja import jadwal
from kinerja.capaian import TRIWULAN
from kinerja.models import BarisAnggaran, BarisPK, PenutupanPeriode, PerjanjianKinerja, Realisasi
from kinerja.selectors import perjanjian_terbaru, tahun_aktif
from satker import services
from satker.forms import PejabatForm, SatkerForm
from satker.models import Pejabat, Satker
from satker.selectors import can_read, can_write, satker_utama, satker_visible

# ---------------------------------------------------------------- access helpers


def periksa_akses(request: HttpRequest, satker: Satker, *, tulis: bool = False) -> None:
    """404 for a stranger, PermissionDenied for a reader asking to write."""
    if not can_read(request.user, satker):
        raise Http404("Satker tidak ditemukan.")
    if tulis and not can_write(request.user, satker):
        raise PermissionDenied("Anda hanya dapat membaca data satker ini.")


def _get_satker(request: HttpRequest, kode: str, *, tulis: bool = False) -> Satker:
    satker = get_object_or_404(Satker, kode=kode)
    periksa_akses(request, satker, tulis=tulis)
    return satker


def _get_pejabat(request: HttpRequest, pejabat_id: int, *, tulis: bool = False) -> Pejabat:
    pejabat = get_object_or_404(Pejabat.objects.select_related("satker"), pk=pejabat_id)
    periksa_akses(request, pejabat.satker, tulis=tulis)
    return pejabat


def tahun_dari(request: HttpRequest, bawaan: int | None = None) -> int:
    """The `?tahun=` of the request when it is a plausible year, else `bawaan` (by default the
    latest year with data the user can see)."""
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = 0
    if 2000 <= tahun <= 2100:
        return tahun
    return bawaan or tahun_aktif(request.user)


# ---------------------------------------------------------------- history


@dataclass
class Perubahan:
    field: str
    sebelum: object
    sesudah: object


@dataclass
class EntriRiwayat:
    objek: str
    jenis: str
    oleh: str
    pada: dt.datetime
    alasan: str
    perubahan: list[Perubahan]


JENIS_RIWAYAT = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
ABAIKAN = {"diperbarui", "id"}


def _tampil(field, nilai):
    """A stored value as a user reads it: choice labels, related objects by name, local time."""
    if nilai in (None, ""):
        return nilai
    if field.choices:
        return dict(field.flatchoices).get(nilai, nilai)
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=nilai).first()
        return str(obj) if obj else nilai
    if isinstance(nilai, dt.datetime):
        lokal = timezone.localtime(nilai)
        return f"{fmt.tanggal(lokal)} {lokal:%H:%M}"
    if isinstance(nilai, dt.date):
        return fmt.tanggal(nilai)
    return nilai


def _entri(rec) -> EntriRiwayat:
    perubahan = []
    prev = rec.prev_record
    if rec.history_type == "~" and prev is not None:
        for c in rec.diff_against(prev).changes:
            if (
                c.field in ABAIKAN
                or c.field.endswith(("_angka", "_kode"))
                and c.field != "akun_kode"
            ):
                continue
            field = rec.instance._meta.get_field(c.field)
            perubahan.append(
                Perubahan(field.verbose_name, _tampil(field, c.old), _tampil(field, c.new))
            )
    user = rec.history_user
    return EntriRiwayat(
        objek=str(rec.instance),
        jenis=JENIS_RIWAYAT.get(rec.history_type, rec.history_type),
        oleh=(user.get_full_name() or user.username) if user else "sistem",
        pada=timezone.localtime(rec.history_date),
        alasan=rec.history_change_reason or "",
        perubahan=perubahan,
    )


def render_riwayat(
    request: HttpRequest, *, satker: Satker, judul: str, kembali: str, riwayat: list[QuerySet]
) -> HttpResponse:
    """The Riwayat page: history records of one object (and its parts), newest first."""
    records = sorted(
        (r for qs in riwayat for r in qs.select_related("history_user")[:500]),
        key=lambda r: r.history_date,
        reverse=True,
    )
    entri = [e for e in map(_entri, records) if e.jenis != "diubah" or e.perubahan or e.alasan]
    ctx = {"satker": satker, "judul": judul, "kembali": kembali, "entri": entri}
    return render(request, "satker/riwayat.html", ctx)


# ---------------------------------------------------------------- home page

ANGGARAN_BASI_HARI = 30


def _status_satker(satker: Satker, tahun: int, hari_ini: dt.date) -> dict:
    """What is missing and what is due for a satker in a year (the home page)."""
    kurang, tenggat = [], []
    pk = perjanjian_terbaru(satker, tahun)
    batas_pk = jadwal.batas_pk(tahun)
    for jenis, label in PerjanjianKinerja.Jenis.choices:
        if jenis not in pk:
            kurang.append((f"{label} {tahun} belum dibuat.", None))
        elif not pk[jenis].terkunci:
            kurang.append(
                (f"{label} belum ditandatangani ({pk[jenis].get_status_display()}).", pk[jenis])
            )
    if len(kurang) and hari_ini <= batas_pk:
        tenggat.append((batas_pk, "Penandatanganan PK"))
    baris = BarisPK.objects.filter(perjanjian__in=pk.values())
    tutup = set(
        PenutupanPeriode.objects.filter(satker=satker, tahun=tahun).values_list(
            "periode", flat=True
        )
    )
    for periode in TRIWULAN:
        akhir = jadwal.akhir_triwulan(tahun, periode)
        batas = jadwal.batas_realisasi(tahun, periode)
        if akhir > hari_ini:
            if akhir - hari_ini <= dt.timedelta(days=92):
                tenggat.append((batas, f"Realisasi {periode.label}"))
            continue
        isi = Realisasi.objects.filter(baris__in=baris, periode=periode).exclude(teks="").count()
        kosong = baris.count() - isi
        if kosong > 0:
            kurang.append(
                (
                    f"{periode.label}: {kosong} dari {baris.count()} indikator belum ada "
                    "realisasi.",
                    periode,
                )
            )
        elif periode not in tutup and baris.exists():
            kurang.append((f"{periode.label} lengkap tetapi belum ditutup.", periode))
    terakhir = BarisAnggaran.objects.filter(dipa__satker=satker, dipa__tahun=tahun).aggregate(
        m=Max("diperbarui")
    )["m"]
    if terakhir is None:
        kurang.append((f"Anggaran {tahun} belum diisi.", None))
    elif (hari_ini - timezone.localtime(terakhir).date()).days > ANGGARAN_BASI_HARI:
        sejak = fmt.tanggal(timezone.localtime(terakhir))
        kurang.append((f"Realisasi anggaran belum diperbarui sejak {sejak}.", None))
    return {
        "pk": pk,
        "kurang": kurang,
        "tenggat": sorted(tenggat),
        "anggaran_terakhir": terakhir,
        "hari_realisasi": jadwal.HARI_SETELAH_TRIWULAN,
    }


@login_required
def beranda(request: HttpRequest) -> HttpResponse:
    visible = satker_visible(request.user)
    satker = satker_utama(request.user) or visible.first()
    if kode := request.GET.get("satker"):
        satker = _get_satker(request, kode)
    tahun = tahun_dari(request)
    ctx = {"satker": satker, "tahun": tahun, "daftar_satker": visible[:200]}
    if satker:
        ctx |= _status_satker(satker, tahun, timezone.localdate())
        ctx["tahun_lain"] = (
            PerjanjianKinerja.objects.filter(satker=satker)
            .exclude(tahun=tahun)
            .values_list("tahun", flat=True)
            .distinct()
            .order_by("-tahun")
        )
        ctx["boleh_ubah"] = can_write(request.user, satker)
    return render(request, "satker/beranda.html", ctx)


# ---------------------------------------------------------------- satker and officials


@login_required
def satker_list(request: HttpRequest) -> HttpResponse:
    daftar = satker_visible(request.user).select_related("induk")
    return render(request, "satker/satker_list.html", {"daftar_satker": daftar})


@login_required
def satker_detail(request: HttpRequest, kode: str) -> HttpResponse:
    satker = _get_satker(request, kode)
    ctx = {
        "satker": satker,
        "pejabat": satker.pejabat.all(),
        "boleh_ubah": can_write(request.user, satker),
    }
    return render(request, "satker/satker_detail.html", ctx)


@login_required
def satker_update(request: HttpRequest, kode: str) -> HttpResponse:
    satker = _get_satker(request, kode, tulis=True)
    form = SatkerForm(request.POST or None, instance=Satker.objects.get(pk=satker.pk))
    if request.method == "POST" and form.is_valid():
        services.satker_update(satker=satker, data=form.cleaned_data, by=request.user)
        messages.success(request, "Profil satker disimpan.")
        return redirect("satker_detail", kode=satker.kode)
    return render(
        request,
        "satker/form.html",
        {"form": form, "satker": satker, "judul": f"Ubah profil {satker}"},
    )


def _simpan_pejabat(request, satker: Satker, pejabat: Pejabat | None) -> HttpResponse:
    form = PejabatForm(request.POST or None, instance=pejabat)
    if request.method == "POST" and form.is_valid():
        try:
            services.pejabat_save(
                satker=satker, pejabat=pejabat, data=form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Data pejabat disimpan.")
            return redirect("satker_detail", kode=satker.kode)
    judul = f"Ubah pejabat {pejabat.nama}" if pejabat else "Tambah pejabat"
    return render(request, "satker/form.html", {"form": form, "satker": satker, "judul": judul})


@login_required
def pejabat_create(request: HttpRequest, kode: str) -> HttpResponse:
    return _simpan_pejabat(request, _get_satker(request, kode, tulis=True), None)


@login_required
def pejabat_update(request: HttpRequest, pejabat_id: int) -> HttpResponse:
    pejabat = _get_pejabat(request, pejabat_id, tulis=True)
    return _simpan_pejabat(request, pejabat.satker, pejabat)


@login_required
@require_POST
def pejabat_delete(request: HttpRequest, pejabat_id: int) -> HttpResponse:
    pejabat = _get_pejabat(request, pejabat_id, tulis=True)
    services.pejabat_delete(pejabat=pejabat, by=request.user)
    messages.success(request, f"Pejabat {pejabat.nama} dihapus.")
    return redirect("satker_detail", kode=pejabat.satker.kode)


@login_required
def satker_riwayat(request: HttpRequest, kode: str) -> HttpResponse:
    satker = _get_satker(request, kode)
    return render_riwayat(
        request,
        satker=satker,
        judul=f"Riwayat {satker}",
        kembali=reverse("satker_detail", args=[satker.kode]),
        riwayat=[satker.history.all(), Pejabat.history.filter(satker_id=satker.pk)],
    )

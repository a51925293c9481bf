from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from common.riwayat import render_riwayat
from satker import daftar, services
from satker.akses import get_satker, periksa_akses
from satker.forms import AsetForm, PegawaiForm, PejabatForm, SatkerForm
from satker.models import Aset, Pegawai, Pejabat, Satker
from satker.selectors import can_write, ringkasan_sdm, satker_visible

# The office profile of a year: what each kind of row is, and its form.
PROFIL = {"pegawai": (Pegawai, PegawaiForm), "aset": (Aset, AsetForm)}

# ---------------------------------------------------------------- access helpers


def _get_pejabat(request: HttpRequest, pejabat_id: int, *, tulis: bool = False) -> Pejabat:
    pejabat = get_object_or_404(Pejabat.objects.select_related("satker"), pk=pejabat_id)
    periksa_akses(request, pejabat.satker, tulis=tulis)
    return pejabat


# ---------------------------------------------------------------- satker and officials


@login_required
def satker_list(request: HttpRequest) -> HttpResponse:
    terlihat = satker_visible(request.user)
    s = daftar.saringan(request.GET, terlihat)
    qs = daftar.saring(terlihat.select_related("induk").order_by("kode"), s)
    ctx = {"halaman": daftar.halaman(qs, request.GET), "saringan": s}
    return render(request, "satker/satker_list.html", ctx)


@login_required
def satker_detail(request: HttpRequest, kode: str) -> HttpResponse:
    satker = get_satker(request, kode)
    tahun = timezone.localdate().year
    ctx = {
        "satker": satker,
        "pejabat": satker.pejabat.all(),
        "boleh_ubah": can_write(request.user, satker),
        "tahun_profil": range(tahun, tahun - 4, -1),
    }
    return render(request, "satker/satker_detail.html", ctx)


@login_required
def profil(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """Staff and property of a year, with the SDM counts the report prints."""
    satker = get_satker(request, kode)
    pegawai = list(Pegawai.objects.filter(satker=satker, tahun=tahun))
    ctx = {
        "satker": satker,
        "tahun": tahun,
        "pegawai": pegawai,
        "sdm": ringkasan_sdm(pegawai),
        "aset": Aset.objects.filter(satker=satker, tahun=tahun),
        "boleh_ubah": can_write(request.user, satker),
        "ada_tahun_lalu": Pegawai.objects.filter(satker=satker, tahun=tahun - 1).exists()
        or Aset.objects.filter(satker=satker, tahun=tahun - 1).exists(),
    }
    return render(request, "satker/profil.html", ctx)


def _profil_obj(request: HttpRequest, jenis: str, obj_id: int):
    if jenis not in PROFIL:
        raise Http404("Jenis data tidak dikenal.")
    obj = get_object_or_404(PROFIL[jenis][0].objects.select_related("satker"), pk=obj_id)
    periksa_akses(request, obj.satker, tulis=True)
    return obj


def _simpan_profil(request: HttpRequest, jenis: str, obj) -> HttpResponse:
    form = PROFIL[jenis][1](request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.profil_save(obj=obj, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Data disimpan.")
            return redirect("satker:profil", kode=obj.satker.kode, tahun=obj.tahun)
    nama = obj._meta.verbose_name
    judul = f"Ubah {nama} {obj}" if obj.pk else f"Tambah {nama} {obj.tahun}"
    ctx = {"form": form, "satker": obj.satker, "judul": judul}
    return render(request, "satker/form.html", ctx)


@login_required
def profil_create(request: HttpRequest, kode: str, tahun: int, jenis: str) -> HttpResponse:
    if jenis not in PROFIL:
        raise Http404("Jenis data tidak dikenal.")
    satker = get_satker(request, kode, tulis=True)
    return _simpan_profil(request, jenis, PROFIL[jenis][0](satker=satker, tahun=tahun))


@login_required
def profil_update(request: HttpRequest, jenis: str, obj_id: int) -> HttpResponse:
    return _simpan_profil(request, jenis, _profil_obj(request, jenis, obj_id))


@login_required
@require_POST
def profil_delete(request: HttpRequest, jenis: str, obj_id: int) -> HttpResponse:
    obj = _profil_obj(request, jenis, obj_id)
    services.profil_delete(obj=obj, by=request.user)
    messages.success(request, f"{obj} dihapus.")
    return redirect("satker:profil", kode=obj.satker.kode, tahun=obj.tahun)


@login_required
@require_POST
def profil_salin(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    n = services.profil_salin(satker=satker, tahun=tahun, by=request.user)
    messages.success(request, f"{n} baris disalin dari tahun {tahun - 1}.")
    return redirect("satker:profil", kode=satker.kode, tahun=tahun)


@login_required
def satker_update(request: HttpRequest, kode: str) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    form = SatkerForm(request.POST or None, instance=Satker.objects.get(pk=satker.pk))
    if request.method == "POST" and form.is_valid():
        services.satker_update(satker=satker, data=form.cleaned_data, by=request.user)
        messages.success(request, "Profil satker disimpan.")
        return redirect("satker:detail", kode=satker.kode)
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
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Data pejabat disimpan.")
            return redirect("satker:detail", kode=satker.kode)
    judul = f"Ubah pejabat {pejabat.nama}" if pejabat else "Tambah pejabat"
    return render(request, "satker/form.html", {"form": form, "satker": satker, "judul": judul})


@login_required
def pejabat_create(request: HttpRequest, kode: str) -> HttpResponse:
    return _simpan_pejabat(request, get_satker(request, kode, tulis=True), None)


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
    return redirect("satker:detail", kode=pejabat.satker.kode)


@login_required
def satker_riwayat(request: HttpRequest, kode: str) -> HttpResponse:
    satker = get_satker(request, kode)
    return render_riwayat(
        request,
        satker=satker,
        judul=f"Riwayat {satker}",
        kembali=reverse("satker:detail", args=[satker.kode]),
        riwayat=[
            satker.history.all(),
            Pejabat.history.filter(satker_id=satker.pk),
            Pegawai.history.filter(satker_id=satker.pk),
            Aset.history.filter(satker_id=satker.pk),
        ],
    )

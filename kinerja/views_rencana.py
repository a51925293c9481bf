"""The Rencana Aksi of a PK row: activities, who carries them out, and in which quarters."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from kinerja import services
from kinerja.forms import RencanaAksiForm
from kinerja.models import BarisPK, RencanaAksi
from satker.akses import periksa_akses
from satker.selectors import can_write


def _get_aksi(request: HttpRequest, aksi_id: int) -> RencanaAksi:
    qs = RencanaAksi.objects.select_related("baris__perjanjian__satker")
    aksi = get_object_or_404(qs, pk=aksi_id)
    periksa_akses(request, aksi.baris.perjanjian.satker, tulis=True)
    return aksi


def _halaman(request: HttpRequest, baris: BarisPK, aksi: RencanaAksi) -> HttpResponse:
    """The row's activities with the form for a new one (or for the one being changed)."""
    satker = baris.perjanjian.satker
    boleh = can_write(request.user, satker)
    form = RencanaAksiForm(request.POST or None, instance=aksi) if boleh else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            services.rencana_aksi_save(obj=aksi, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Rencana aksi disimpan.")
            return redirect("kinerja:rencana_aksi", baris_id=baris.pk)
    ctx = {
        "baris": baris,
        "pk": baris.perjanjian,
        "satker": satker,
        "daftar": baris.rencana_aksi.all(),
        "form": form,
        "aksi": aksi,
        "boleh_ubah": boleh,
    }
    return render(request, "kinerja/rencana_aksi.html", ctx)


@login_required
def rencana_aksi(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = get_object_or_404(BarisPK.objects.select_related("perjanjian__satker"), pk=baris_id)
    periksa_akses(request, baris.perjanjian.satker, tulis=request.method == "POST")
    return _halaman(request, baris, RencanaAksi(baris=baris))


@login_required
def rencana_aksi_update(request: HttpRequest, aksi_id: int) -> HttpResponse:
    aksi = _get_aksi(request, aksi_id)
    return _halaman(request, aksi.baris, aksi)


@login_required
@require_POST
def rencana_aksi_delete(request: HttpRequest, aksi_id: int) -> HttpResponse:
    aksi = _get_aksi(request, aksi_id)
    services.rencana_aksi_delete(obj=aksi, by=request.user)
    messages.success(request, "Rencana aksi dihapus.")
    return redirect("kinerja:rencana_aksi", baris_id=aksi.baris_id)

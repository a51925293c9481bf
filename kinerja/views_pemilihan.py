"""Election data of an office: elections held in a year and voters per kecamatan. Their figures
are the realisasi of the participation indicators (kinerja.selectors.partisipasi_baris)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from kinerja import services
from kinerja.forms import PemilihanForm, PemilihKecamatanForm
from kinerja.models import BarisPK, DataPemilu, Pemilihan, PemilihKecamatan
from kinerja.selectors import (
    data_pemilih_per_satker,
    partisipasi_untuk,
    perjanjian_terbaru,
    rincian_pemilihan,
)
from satker.akses import get_satker, periksa_akses
from satker.selectors import can_write


def _get_pemilihan(request: HttpRequest, pemilihan_id: int) -> Pemilihan:
    obj = get_object_or_404(Pemilihan.objects.select_related("satker"), pk=pemilihan_id)
    periksa_akses(request, obj.satker, tulis=True)
    return obj


def _get_kecamatan(request: HttpRequest, kecamatan_id: int) -> PemilihKecamatan:
    qs = PemilihKecamatan.objects.select_related("pemilihan__satker")
    obj = get_object_or_404(qs, pk=kecamatan_id)
    periksa_akses(request, obj.pemilihan.satker, tulis=True)
    return obj


@login_required
def pemilihan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode)
    pk = perjanjian_terbaru(satker, tahun).values()
    baris = list(
        BarisPK.objects.filter(perjanjian__in=pk, indikator_kinerja__data_pemilu__gt="")
        .exclude(indikator_kinerja__data_pemilu=DataPemilu.AKIP)
        .select_related("perjanjian", "indikator_kinerja")
        .order_by("perjanjian__jenis", "urutan")
    )
    nilai = partisipasi_untuk(baris)
    ctx = {
        "satker": satker,
        "tahun": tahun,
        "rincian": rincian_pemilihan(satker, tahun),
        "tahunan": data_pemilih_per_satker([satker.pk], [tahun]).get((satker.pk, tahun)),
        "baris_pk": [(b, nilai.get(b.pk)) for b in baris],
        "boleh_ubah": can_write(request.user, satker),
    }
    return render(request, "kinerja/pemilihan.html", ctx)


def _simpan(request: HttpRequest, obj, form_class, satker, tahun: int, judul: str):
    form = form_class(request.POST or None, instance=obj)
    if request.method == "POST" and form.is_valid():
        try:
            services.pemilihan_save(obj=obj, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Data pemilihan disimpan.")
            return redirect("kinerja:pemilihan", kode=satker.kode, tahun=tahun)
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "satker": satker})


@login_required
def pemilihan_create(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    obj = Pemilihan(satker=satker, tahun=tahun)
    return _simpan(request, obj, PemilihanForm, satker, tahun, f"Tambah pemilihan {tahun}")


@login_required
def pemilihan_update(request: HttpRequest, pemilihan_id: int) -> HttpResponse:
    obj = _get_pemilihan(request, pemilihan_id)
    return _simpan(request, obj, PemilihanForm, obj.satker, obj.tahun, f"Ubah {obj}")


@login_required
def kecamatan_create(request: HttpRequest, pemilihan_id: int) -> HttpResponse:
    p = _get_pemilihan(request, pemilihan_id)
    obj = PemilihKecamatan(pemilihan=p, urutan=p.kecamatan.count() + 1)
    judul = f"Tambah kecamatan: {p}"
    return _simpan(request, obj, PemilihKecamatanForm, p.satker, p.tahun, judul)


@login_required
def kecamatan_update(request: HttpRequest, kecamatan_id: int) -> HttpResponse:
    obj = _get_kecamatan(request, kecamatan_id)
    p = obj.pemilihan
    judul = f"Ubah {obj.kecamatan}: {p}"
    return _simpan(request, obj, PemilihKecamatanForm, p.satker, p.tahun, judul)


@login_required
@require_POST
def pemilihan_delete(request: HttpRequest, pemilihan_id: int) -> HttpResponse:
    obj = _get_pemilihan(request, pemilihan_id)
    services.pemilihan_delete(obj=obj, by=request.user)
    messages.success(request, f"{obj} dihapus.")
    return redirect("kinerja:pemilihan", kode=obj.satker.kode, tahun=obj.tahun)


@login_required
@require_POST
def kecamatan_delete(request: HttpRequest, kecamatan_id: int) -> HttpResponse:
    obj = _get_kecamatan(request, kecamatan_id)
    services.pemilihan_delete(obj=obj, by=request.user)
    messages.success(request, f"Kecamatan {obj.kecamatan} dihapus.")
    p = obj.pemilihan
    return redirect("kinerja:pemilihan", kode=p.satker.kode, tahun=p.tahun)

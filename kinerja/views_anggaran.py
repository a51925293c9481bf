"""Pages of the budget tied to performance (issue 17): a PK row's links to kegiatan/outputs, the
outputs (RO) with their months, and the lines of a DIPA revision."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from kinerja import services
from kinerja.anggaran import baris_per_revisi
from kinerja.forms import (
    OutputROForm,
    RealisasiROForm,
    RevisiBarisForm,
    TautanAnggaranForm,
    pilihan_output,
)
from kinerja.models import Dipa, OutputRO, RevisiBaris, TautanAnggaran, kode_baris
from kinerja.views import _get_baris, _get_baris_anggaran, _get_revisi_dipa, _pesan_error
from satker.akses import get_satker, periksa_akses
from satker.selectors import can_write


def _dipa(satker, tahun: int) -> Dipa | None:
    return Dipa.objects.filter(satker=satker, tahun=tahun).first()


@login_required
def tautan_anggaran(request: HttpRequest, baris_id: int) -> HttpResponse:
    """A PK row's links to the kegiatan/outputs of its year's DIPA, and a form to add one."""
    baris = _get_baris(request, baris_id, tulis=request.method == "POST")
    pk = baris.perjanjian
    dipa = _dipa(pk.satker, pk.tahun)
    boleh = can_write(request.user, pk.satker)
    form = None
    if boleh and dipa is not None:
        form = TautanAnggaranForm(
            request.POST or None, pilihan=pilihan_output(dipa, seluruh_kegiatan=True)
        )
        if request.method == "POST" and form.is_valid():
            kegiatan, output = form.kegiatan_output()
            try:
                services.tautan_anggaran_save(
                    baris=baris,
                    kegiatan=kegiatan,
                    output_kode=output,
                    porsi=form.cleaned_data["porsi"],
                    by=request.user,
                )
            except ValidationError as exc:
                tampilkan_galat(form, exc)
            else:
                messages.success(request, "Tautan anggaran disimpan.")
                return redirect("kinerja:tautan_anggaran", baris_id=baris.pk)
    ctx = {
        "baris": baris,
        "pk": pk,
        "dipa": dipa,
        "tautan": baris.tautan_anggaran.select_related("kegiatan"),
        "form": form,
        "boleh_ubah": boleh,
    }
    return render(request, "kinerja/tautan_anggaran.html", ctx)


@login_required
@require_POST
def tautan_anggaran_hapus(request: HttpRequest, tautan_id: int) -> HttpResponse:
    tautan = get_object_or_404(
        TautanAnggaran.objects.select_related("baris__perjanjian__satker"), pk=tautan_id
    )
    periksa_akses(request, tautan.baris.perjanjian.satker, tulis=True)
    try:
        services.tautan_anggaran_delete(tautan=tautan, by=request.user)
        messages.success(request, "Tautan anggaran dihapus.")
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("kinerja:tautan_anggaran", baris_id=tautan.baris_id)


@login_required
def output_ro_tambah(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    dipa = _dipa(satker, tahun)
    if dipa is None:
        messages.error(request, f"DIPA {tahun} belum dicatat; tambahkan baris anggaran dulu.")
        return redirect("kinerja:anggaran_detail", kode=kode, tahun=tahun)
    form = OutputROForm(request.POST or None, pilihan=pilihan_output(dipa, seluruh_kegiatan=False))
    if request.method == "POST" and form.is_valid():
        kegiatan, output = form.kegiatan_output()
        data = {f: form.cleaned_data[f] for f in ("satuan", "volume", "kumulatif")}
        try:
            ro = services.output_ro_save(
                dipa=dipa,
                data={"kegiatan": kegiatan, "output_kode": output, **data},
                by=request.user,
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Output (RO) dicatat; isi realisasi bulanannya.")
            return redirect("kinerja:output_ro", ro_id=ro.pk)
    judul = f"Tambah output (RO) DIPA {tahun}"
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "satker": satker})


@login_required
def output_ro(request: HttpRequest, ro_id: int) -> HttpResponse:
    """An output's target and its twelve months, in one form."""
    ro = get_object_or_404(OutputRO.objects.select_related("dipa__satker", "kegiatan"), pk=ro_id)
    satker = ro.dipa.satker
    periksa_akses(request, satker)
    boleh = can_write(request.user, satker)
    awal = {"satuan": ro.satuan, "volume": ro.volume, "kumulatif": ro.kumulatif}
    for m in ro.bulanan.all():
        for f in ("volume", "uang", "progres", "kendala"):
            awal[f"bulan_{m.bulan}_{f}"] = getattr(m, f)
    form = RealisasiROForm(request.POST or None, initial=awal)
    if request.method == "POST":
        periksa_akses(request, satker, tulis=True)
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in ("satuan", "volume", "kumulatif")}
            try:
                services.output_ro_save(
                    dipa=ro.dipa, ro=ro, data=data, bulan=form.data_bulan(), by=request.user
                )
            except ValidationError as exc:
                tampilkan_galat(form, exc)
            else:
                messages.success(request, "Realisasi output (RO) disimpan.")
                return redirect("kinerja:output_ro", ro_id=ro.pk)
    ctx = {"ro": ro, "satker": satker, "form": form, "boleh_ubah": boleh}
    return render(request, "kinerja/output_ro.html", ctx)


@login_required
def revisi_dipa_baris(request: HttpRequest, revisi_id: int) -> HttpResponse:
    """The lines a DIPA revision recorded, what it changed, and a form to record one."""
    revisi = _get_revisi_dipa(request, revisi_id)
    satker = revisi.dipa.satker
    boleh = can_write(request.user, satker)
    form = RevisiBarisForm(request.POST or None, dipa=revisi.dipa) if boleh else None
    if request.method == "POST":
        periksa_akses(request, satker, tulis=True)
        try:
            if "semua" in request.POST:
                n = services.revisi_baris_dari_dipa(revisi=revisi, by=request.user)
                messages.success(
                    request, f"{n} baris anggaran saat ini dicatat pada {revisi.label}."
                )
                return redirect("kinerja:revisi_dipa_baris", revisi_id=revisi.pk)
            if form.is_valid():
                services.revisi_baris_save(revisi=revisi, data=form.data_baris(), by=request.user)
                messages.success(request, "Baris revisi disimpan.")
                return redirect("kinerja:revisi_dipa_baris", revisi_id=revisi.pk)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
    semua = list(revisi.dipa.revisi.order_by("urutan", "tanggal", "id"))
    ctx = {
        "revisi": revisi,
        "satker": satker,
        "data": baris_per_revisi(semua).get(revisi.pk),
        "dicatat": revisi.baris.select_related("program", "kegiatan"),
        "form": form,
        "boleh_ubah": boleh,
    }
    return render(request, "kinerja/revisi_baris.html", ctx)


@login_required
@require_POST
def revisi_baris_hapus(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = get_object_or_404(
        RevisiBaris.objects.select_related("revisi__dipa__satker"), pk=baris_id
    )
    periksa_akses(request, baris.revisi.dipa.satker, tulis=True)
    services.revisi_baris_delete(baris=baris, by=request.user)
    messages.success(request, "Baris revisi dihapus.")
    return redirect("kinerja:revisi_dipa_baris", revisi_id=baris.revisi_id)


@login_required
def baris_anggaran_revisi(request: HttpRequest, baris_id: int) -> HttpResponse:
    """The pagu of one budget line through the DIPA revisions that changed it."""
    baris = _get_baris_anggaran(request, baris_id)
    revisi = list(baris.dipa.revisi.order_by("urutan", "tanggal", "id"))
    data = baris_per_revisi(revisi)
    kode = kode_baris(baris)
    riwayat = [(r, p) for r in revisi for p in data[r.pk].perubahan if p.kunci == kode]
    ctx = {"baris": baris, "satker": baris.dipa.satker, "kode": kode, "riwayat": riwayat}
    return render(request, "kinerja/baris_anggaran_revisi.html", ctx)

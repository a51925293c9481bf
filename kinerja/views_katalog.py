"""The national catalogue in the application: every user reads it; KPU RI's admins maintain it
(the Renstra, its sasaran and indicators with their national targets, the names of budget
codes); and PK rows not linked to it yet are linked here."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from kinerja import services
from kinerja.forms_katalog import IndikatorForm, NamaForm, RenstraForm, SasaranForm, TautanForm
from kinerja.models import (
    BarisPK,
    IndikatorKinerja,
    Kegiatan,
    Output,
    Program,
    Renstra,
    SasaranStrategis,
    TargetRenstra,
)
from kinerja.selectors import baris_belum_terhubung, indikator_katalog, tahun_aktif
from satker.selectors import can_write, is_admin, satker_visible

KODE = {"program": Program, "kegiatan": Kegiatan, "output": Output}


def _pastikan_admin(request: HttpRequest) -> None:
    if not is_admin(request.user):
        raise PermissionDenied("Katalog nasional hanya dapat diubah admin KPU RI.")


def _renstra_dipilih(request: HttpRequest) -> tuple[list[Renstra], Renstra | None]:
    daftar = list(Renstra.objects.filter(satker__isnull=True).order_by("-tahun_awal"))
    try:
        awal = int(request.GET.get("renstra", ""))
    except ValueError:
        awal = 0
    tahun = tahun_aktif()
    pilih = next((r for r in daftar if r.tahun_awal == awal), None) or next(
        (r for r in daftar if r.tahun_awal <= tahun <= r.tahun_akhir), daftar[0] if daftar else None
    )
    return daftar, pilih


@login_required
def katalog(request: HttpRequest) -> HttpResponse:
    daftar, renstra = _renstra_dipilih(request)
    sasaran = []
    if renstra is not None:
        indikator = IndikatorKinerja.objects.order_by("urutan", "kode").prefetch_related(
            Prefetch("target", queryset=TargetRenstra.objects.order_by("tahun"))
        )
        sasaran = renstra.sasaran.order_by("urutan", "kode").prefetch_related(
            Prefetch("indikator", queryset=indikator)
        )
    tahun = list(range(renstra.tahun_awal, renstra.tahun_akhir + 1)) if renstra else []

    def target(ik: IndikatorKinerja) -> list[str]:
        per_tahun = {t.tahun: t.target for t in ik.target.all()}
        return [per_tahun.get(th, "") for th in tahun]

    baris = [(s, [(ik, target(ik)) for ik in s.indikator.all()]) for s in sasaran]
    tanpa_nama = {
        jenis: list(model.objects.filter(nama=F("kode")).order_by("kode"))
        for jenis, model in KODE.items()
    }
    return render(
        request,
        "kinerja/katalog/index.html",
        {
            "daftar": daftar,
            "renstra": renstra,
            "tahun": tahun,
            "baris": baris,
            "program": Program.objects.prefetch_related("kegiatan__output").order_by("kode"),
            "tanpa_nama": tanpa_nama,
            "jumlah_tanpa_nama": sum(len(v) for v in tanpa_nama.values()),
            "belum_terhubung": baris_belum_terhubung(satker_visible(request.user)).count(),
            "admin": is_admin(request.user),
        },
    )


def _simpan(request, form, judul: str, simpan, kembali: str) -> HttpResponse:
    if request.method == "POST" and form.is_valid():
        try:
            simpan(form)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Katalog nasional disimpan.")
            return redirect(kembali)
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "batal": kembali})


def _kembali(renstra: Renstra) -> str:
    return f"{reverse('kinerja:katalog')}?renstra={renstra.tahun_awal}"


@login_required
def renstra_update(request: HttpRequest, renstra_id: int) -> HttpResponse:
    _pastikan_admin(request)
    renstra = get_object_or_404(Renstra, pk=renstra_id, satker__isnull=True)
    form = RenstraForm(request.POST or None, instance=renstra)
    return _simpan(
        request,
        form,
        f"Ubah Renstra {renstra.tahun_awal}–{renstra.tahun_akhir}",
        lambda f: services.katalog_save(obj=renstra, data=f.cleaned_data, by=request.user),
        _kembali(renstra),
    )


@login_required
def sasaran_save(request: HttpRequest, renstra_id: int, sasaran_id: int | None = None):
    _pastikan_admin(request)
    renstra = get_object_or_404(Renstra, pk=renstra_id, satker__isnull=True)
    sasaran = (
        get_object_or_404(SasaranStrategis, pk=sasaran_id, renstra=renstra) if sasaran_id else None
    )
    obj = sasaran or SasaranStrategis(renstra=renstra, urutan=renstra.sasaran.count())
    form = SasaranForm(request.POST or None, instance=obj)
    return _simpan(
        request,
        form,
        f"Ubah sasaran {sasaran.kode}" if sasaran else "Tambah sasaran",
        lambda f: services.katalog_save(obj=obj, data=f.cleaned_data, by=request.user),
        _kembali(renstra),
    )


@login_required
def indikator_save(request: HttpRequest, renstra_id: int, indikator_id: int | None = None):
    _pastikan_admin(request)
    renstra = get_object_or_404(Renstra, pk=renstra_id, satker__isnull=True)
    indikator = (
        get_object_or_404(IndikatorKinerja, pk=indikator_id, sasaran__renstra=renstra)
        if indikator_id
        else None
    )
    obj = indikator or IndikatorKinerja()
    form = IndikatorForm(request.POST or None, instance=obj, renstra=renstra)

    def simpan(f):
        data = {k: v for k, v in f.cleaned_data.items() if not k.startswith("target_")}
        ik = services.katalog_save(obj=obj, data=data, by=request.user)
        services.target_nasional_save(indikator=ik, target=f.target(), by=request.user)

    judul = f"Ubah indikator {indikator.kode}" if indikator else "Tambah indikator"
    return _simpan(request, form, judul, simpan, _kembali(renstra))


@login_required
def kode_update(request: HttpRequest, jenis: str, obj_id: int) -> HttpResponse:
    """Name a program, kegiatan or output code (one imported without a name has its code)."""
    _pastikan_admin(request)
    if jenis not in KODE:
        raise PermissionDenied
    obj = get_object_or_404(KODE[jenis], pk=obj_id)
    form = NamaForm(request.POST or None, initial={"nama": obj.nama})
    return _simpan(
        request,
        form,
        f"Nama {KODE[jenis]._meta.verbose_name} {obj.kode}",
        lambda f: services.katalog_save(obj=obj, data=f.cleaned_data, by=request.user),
        reverse("kinerja:katalog") + "#kode",
    )


@login_required
def belum_terhubung(request: HttpRequest) -> HttpResponse:
    """PK rows neither linked to the catalogue nor marked local, of the satker the user sees;
    each with the catalogue indicators of its year to choose from."""
    qs = baris_belum_terhubung(satker_visible(request.user))
    if kode := request.GET.get("satker"):
        qs = qs.filter(perjanjian__satker__kode=kode)
    if tahun := request.GET.get("tahun", ""):
        qs = qs.filter(perjanjian__tahun=tahun) if tahun.isdigit() else qs.none()
    baris = list(qs[:200])
    pilihan = {t: indikator_katalog(t) for t in {b.perjanjian.tahun for b in baris}}
    formulir = [
        (b, TautanForm(baris=b, pilihan=pilihan[b.perjanjian.tahun], prefix=f"b{b.pk}"))
        for b in baris
    ]
    return render(
        request,
        "kinerja/katalog/belum_terhubung.html",
        {"formulir": formulir, "jumlah": qs.count(), "kode": kode or "", "tahun": tahun},
    )


@login_required
@require_POST
def baris_link(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = get_object_or_404(
        BarisPK.objects.select_related("perjanjian__satker"),
        pk=baris_id,
        perjanjian__satker__in=satker_visible(request.user),
    )
    services.pastikan_boleh_link(request.user, baris.perjanjian.satker)
    form = TautanForm(
        request.POST,
        baris=baris,
        pilihan=indikator_katalog(baris.perjanjian.tahun),
        prefix=f"b{baris.pk}",
    )
    kembali = request.POST.get("kembali") or reverse("kinerja:belum_terhubung")
    if not kembali.startswith("/"):
        kembali = reverse("kinerja:belum_terhubung")
    if not form.is_valid():
        messages.error(request, " ".join(m for pesan in form.errors.values() for m in pesan))
        return redirect(kembali)
    try:
        services.baris_link(
            baris=baris,
            indikator=form.cleaned_data["indikator"],
            lokal=form.cleaned_data["lokal"],
            by=request.user,
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        ik = form.cleaned_data["indikator"]
        messages.success(
            request,
            f"Baris {baris.no} {baris.perjanjian} "
            + (f"dihubungkan ke {ik.kode}." if ik else "ditandai indikator lokal."),
        )
    return redirect(kembali)


@login_required
@require_POST
def link_auto(request: HttpRequest) -> HttpResponse:
    """Link every row the user may write whose wording matches the catalogue."""
    qs = baris_belum_terhubung(satker_visible(request.user)).select_related("perjanjian__satker")
    baris = [
        b for b in qs if is_admin(request.user) or can_write(request.user, b.perjanjian.satker)
    ]
    jumlah = services.baris_link_auto(baris, by=request.user)
    messages.success(request, f"{jumlah} baris PK dihubungkan ke katalog menurut kalimatnya.")
    return redirect("kinerja:belum_terhubung")

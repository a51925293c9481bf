"""PK, realisasi and budget pages. Every view fetches its object through an access helper."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from common.penyimpanan import respon_berkas
from common.riwayat import render_riwayat
from common.versi import baca_versi, versi_dari
from kinerja import capaian as engine
from kinerja import jadwal, services
from kinerja.anggaran import output_ro_per_satker, porsi_dipa, tautan_per_baris
from kinerja.forms import (
    AlasanForm,
    AnggaranPKForm,
    BarisAnggaranForm,
    BarisPKForm,
    PerjanjianBaruForm,
    PerjanjianForm,
    RealisasiForm,
    RevisiDipaForm,
    versi_awal,
)
from kinerja.models import (
    AnggaranPK,
    BarisAnggaran,
    BarisPK,
    Dipa,
    PenutupanPeriode,
    PerjanjianKinerja,
    Realisasi,
    RevisiDipa,
    TargetTriwulan,
)
from kinerja.selectors import (
    Pengukuran,
    baris_queryset,
    kebijakan_untuk,
    muat_ulang_realisasi,
    pengukuran_per_pk,
    pengukuran_pk,
    perjanjian_terbaru,
    ringkasan_anggaran,
    tahun_dari,
    temuan_pk,
    ukur_baris,
)
from satker import daftar as saringan_satker
from satker.akses import get_satker, periksa_akses
from satker.models import Satker
from satker.selectors import (
    can_close_periode,
    can_sign_pk,
    can_submit_pk,
    can_write,
    satker_utama,
    satker_visible,
)

# ---------------------------------------------------------------- access helpers


def _get_pk(request: HttpRequest, pk_id: int, *, tulis: bool = False) -> PerjanjianKinerja:
    pk = get_object_or_404(PerjanjianKinerja.objects.select_related("satker"), pk=pk_id)
    periksa_akses(request, pk.satker, tulis=tulis)
    return pk


def _get_baris(request: HttpRequest, baris_id: int, *, tulis: bool = False) -> BarisPK:
    qs = baris_queryset().select_related("perjanjian__satker")
    baris = get_object_or_404(qs, pk=baris_id)
    periksa_akses(request, baris.perjanjian.satker, tulis=tulis)
    return baris


def _get_anggaran_pk(request: HttpRequest, anggaran_id: int, *, tulis: bool = False):
    qs = AnggaranPK.objects.select_related("perjanjian__satker")
    anggaran = get_object_or_404(qs, pk=anggaran_id)
    periksa_akses(request, anggaran.perjanjian.satker, tulis=tulis)
    return anggaran


def _get_realisasi(request: HttpRequest, realisasi_id: int) -> Realisasi:
    qs = Realisasi.objects.select_related("baris__perjanjian__satker")
    realisasi = get_object_or_404(qs, pk=realisasi_id)
    periksa_akses(request, realisasi.baris.perjanjian.satker)
    return realisasi


def _get_revisi_dipa(request: HttpRequest, revisi_id: int, *, tulis: bool = False) -> RevisiDipa:
    revisi = get_object_or_404(RevisiDipa.objects.select_related("dipa__satker"), pk=revisi_id)
    periksa_akses(request, revisi.dipa.satker, tulis=tulis)
    return revisi


def _get_baris_anggaran(request: HttpRequest, baris_id: int, *, tulis: bool = False):
    qs = BarisAnggaran.objects.select_related("dipa__satker", "program", "kegiatan")
    baris = get_object_or_404(qs, pk=baris_id)
    periksa_akses(request, baris.dipa.satker, tulis=tulis)
    return baris


def _periode(periode: str) -> engine.Periode:
    if periode not in engine.Periode.values:
        raise Http404("Periode tidak dikenal.")
    return engine.Periode(periode)


def _pesan_error(request: HttpRequest, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _tolak_jika_terkunci(request: HttpRequest, pk: PerjanjianKinerja) -> HttpResponse | None:
    """A signed PK is not edited: say so and go back to the PK instead of showing a form."""
    try:
        services.perjanjian_ensure_editable(pk)
    except ValidationError as exc:
        _pesan_error(request, exc)
        return redirect("kinerja:pk_detail", pk_id=pk.pk)
    return None


# ---------------------------------------------------------------- PK


@login_required
def pk_list(request: HttpRequest) -> HttpResponse:
    tahun = tahun_dari(request)
    terlihat = satker_visible(request.user)
    s = saringan_satker.saringan(request.GET, terlihat)
    qs = (
        PerjanjianKinerja.objects.filter(satker__in=terlihat, tahun=tahun)
        .select_related("satker")
        .order_by("satker__kode", "jenis", "-versi")
    )
    qs = saringan_satker.saring(qs, s, "satker__")
    status = request.GET.get("status", "")
    if status in PerjanjianKinerja.Status.values:
        qs = qs.filter(status=status)
    satker = satker_utama(request.user)
    ctx = {
        "halaman": saringan_satker.halaman(qs, request.GET),
        "saringan": s,
        "status": status,
        "pilihan_status": PerjanjianKinerja.Status.choices,
        "tahun": tahun,
        "satker": satker,
    }
    ctx["boleh_buat"] = satker is not None and can_write(request.user, satker)
    return render(request, "kinerja/pk_list.html", ctx)


@login_required
def pk_create(request: HttpRequest, kode: str) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    form = PerjanjianBaruForm(
        request.POST or None, initial={"tahun": tahun_dari(request, timezone.localdate().year)}
    )
    if request.method == "POST" and form.is_valid():
        try:
            pk = services.perjanjian_create(satker=satker, **form.cleaned_data, by=request.user)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, f"{pk} dibuat.")
            return redirect("kinerja:pk_detail", pk_id=pk.pk)
    ctx = {"form": form, "judul": "Perjanjian Kinerja baru", "satker": satker}
    return render(request, "kinerja/form.html", ctx)


def _versi(pk: PerjanjianKinerja):
    return PerjanjianKinerja.objects.filter(
        satker=pk.satker_id, tahun=pk.tahun, jenis=pk.jenis
    ).order_by("-versi")


def _target_tw(baris: BarisPK) -> list[str]:
    tw = {t.periode: t.teks for t in baris.target_triwulan.all()}
    return [tw.get(p, "") for p in engine.TRIWULAN]


@login_required
def pk_detail(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = _get_pk(request, pk_id)
    versi = list(_versi(pk))
    user = request.user
    ctx_pengukuran = [(m, _target_tw(m.baris)) for m in pengukuran_pk(pk)]
    ctx = {
        "pk": pk,
        "pengukuran": ctx_pengukuran,
        "anggaran": pk.anggaran.all(),
        "versi": versi,
        "terbaru": versi[0] == pk,
        "boleh_ubah": can_write(user, pk.satker) and not pk.terkunci,
        "boleh_ajukan": can_submit_pk(user, pk.satker),
        "boleh_tanda_tangan": can_sign_pk(user, pk.satker),
        "temuan": [] if pk.terkunci else temuan_pk(pk),
        "pengembalian": pk.pengembalian.select_related("oleh"),
        "tautan": tautan_per_baris(m.baris.pk for m, _ in ctx_pengukuran),
    }
    return render(request, "kinerja/pk_detail.html", ctx)


@login_required
def pk_update(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = _get_pk(request, pk_id, tulis=True)
    if tolak := _tolak_jika_terkunci(request, pk):
        return tolak
    form = PerjanjianForm(request.POST or None, instance=pk, initial=versi_awal(pk))
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in PerjanjianForm.Meta.fields}
        try:
            services.perjanjian_update(
                perjanjian=pk,
                data=data,
                diperbarui=form.cleaned_data["diperbarui"],
                by=request.user,
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Pihak dan tanggal PK disimpan.")
            return redirect("kinerja:pk_detail", pk_id=pk.pk)
    return render(request, "kinerja/form.html", {"form": form, "judul": f"Ubah {pk}", "pk": pk})


def _simpan_baris(request: HttpRequest, pk: PerjanjianKinerja, baris: BarisPK | None):
    if tolak := _tolak_jika_terkunci(request, pk):
        return tolak
    instance = baris or BarisPK(perjanjian=pk)
    form = BarisPKForm(request.POST or None, instance=instance, initial=versi_awal(baris))
    if request.method == "POST" and form.is_valid():
        try:
            services.baris_save(
                perjanjian=pk,
                baris=instance,
                data=form.data_baris(),
                target_triwulan=form.target_triwulan(),
                diperbarui=form.cleaned_data["diperbarui"],
                by=request.user,
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Baris PK disimpan.")
            return redirect("kinerja:pk_detail", pk_id=pk.pk)
    judul = f"Ubah baris {baris.no}" if baris else "Tambah baris PK"
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "pk": pk})


@login_required
def baris_create(request: HttpRequest, pk_id: int) -> HttpResponse:
    return _simpan_baris(request, _get_pk(request, pk_id, tulis=True), None)


@login_required
def baris_update(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = _get_baris(request, baris_id, tulis=True)
    return _simpan_baris(request, baris.perjanjian, baris)


@login_required
@require_POST
def baris_delete(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = _get_baris(request, baris_id, tulis=True)
    try:
        services.baris_delete(baris=baris, by=request.user)
        messages.success(request, f"Baris {baris.no} dihapus.")
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("kinerja:pk_detail", pk_id=baris.perjanjian_id)


def _simpan_anggaran_pk(request: HttpRequest, pk: PerjanjianKinerja, anggaran):
    if tolak := _tolak_jika_terkunci(request, pk):
        return tolak
    awal = {"program": anggaran.program, "jumlah": anggaran.jumlah} if anggaran else None
    form = AnggaranPKForm(
        request.POST or None,
        initial=awal,
        satker=pk.satker,
        tahun=pk.tahun,
        lama=anggaran.program if anggaran else "",
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.anggaran_pk_save(
                perjanjian=pk, anggaran=anggaran, **form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Anggaran program disimpan.")
            return redirect("kinerja:pk_detail", pk_id=pk.pk)
    judul = "Ubah anggaran program" if anggaran else "Tambah anggaran program"
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "pk": pk})


@login_required
def anggaran_pk_create(request: HttpRequest, pk_id: int) -> HttpResponse:
    return _simpan_anggaran_pk(request, _get_pk(request, pk_id, tulis=True), None)


@login_required
def anggaran_pk_update(request: HttpRequest, anggaran_id: int) -> HttpResponse:
    anggaran = _get_anggaran_pk(request, anggaran_id, tulis=True)
    return _simpan_anggaran_pk(request, anggaran.perjanjian, anggaran)


@login_required
@require_POST
def anggaran_pk_delete(request: HttpRequest, anggaran_id: int) -> HttpResponse:
    anggaran = _get_anggaran_pk(request, anggaran_id, tulis=True)
    try:
        services.anggaran_pk_delete(anggaran=anggaran, by=request.user)
        messages.success(request, f"Anggaran {anggaran.program} dihapus.")
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("kinerja:pk_detail", pk_id=anggaran.perjanjian_id)


def _aksi_pk(request: HttpRequest, pk_id: int, service, sukses: str) -> HttpResponse:
    pk = _get_pk(request, pk_id)
    try:
        service(perjanjian=pk, by=request.user)
        messages.success(request, sukses)
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("kinerja:pk_detail", pk_id=pk.pk)


@login_required
@require_POST
def pk_submit(request: HttpRequest, pk_id: int) -> HttpResponse:
    return _aksi_pk(request, pk_id, services.perjanjian_submit, "PK diajukan untuk ditandatangani.")


@login_required
@require_POST
def pk_sign(request: HttpRequest, pk_id: int) -> HttpResponse:
    return _aksi_pk(request, pk_id, services.perjanjian_sign, "PK ditandatangani dan dikunci.")


@login_required
def pk_return(request: HttpRequest, pk_id: int) -> HttpResponse:
    """The ketua returns a submitted PK to the sekretaris, with the reason."""
    pk = _get_pk(request, pk_id, tulis=True)
    if not can_sign_pk(request.user, pk.satker):
        raise PermissionDenied("Hanya ketua yang dapat mengembalikan PK.")
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.perjanjian_return(
                perjanjian=pk, alasan=form.cleaned_data["alasan"], by=request.user
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "PK dikembalikan kepada sekretaris untuk diperbaiki.")
            return redirect("kinerja:pk_detail", pk_id=pk.pk)
    judul = f"Kembalikan {pk} kepada sekretaris"
    ctx = {"form": form, "judul": judul, "pk": pk, "tombol": "Kembalikan ke sekretaris"}
    return render(request, "kinerja/form.html", ctx)


@login_required
def pk_revise(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = _get_pk(request, pk_id, tulis=True)
    if not can_submit_pk(request.user, pk.satker):
        raise PermissionDenied("Hanya sekretaris atau ketua yang dapat membuat Revisi PK.")
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            baru = services.perjanjian_revise(
                perjanjian=pk, alasan=form.cleaned_data["alasan"], by=request.user
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, f"Revisi PK versi {baru.versi} dibuat sebagai draf.")
            return redirect("kinerja:pk_detail", pk_id=baru.pk)
    return render(request, "kinerja/form.html", {"form": form, "judul": f"Revisi {pk}", "pk": pk})


def _per_sasaran(baris) -> list[tuple[BarisPK, int]]:
    """Rows with the rowspan of their sasaran cell (0: same sasaran as the row above)."""
    hasil: list[list] = []
    awal = None
    for b in baris:
        if awal is not None and hasil[awal][0].sasaran == b.sasaran:
            hasil[awal][1] += 1
            hasil.append([b, 0])
        else:
            awal = len(hasil)
            hasil.append([b, 1])
    return [(b, n) for b, n in hasil]


@login_required
def pk_cetak(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = _get_pk(request, pk_id)
    anggaran = list(pk.anggaran.all())
    ctx = {"pk": pk, "baris": _per_sasaran(pk.baris.order_by("urutan", "id")), "anggaran": anggaran}
    ctx["total_anggaran"] = engine.total_anggaran_pk(anggaran)
    return render(request, "kinerja/pk_cetak.html", ctx)


@login_required
def pk_riwayat(request: HttpRequest, pk_id: int) -> HttpResponse:
    pk = _get_pk(request, pk_id)
    return render_riwayat(
        request,
        satker=pk.satker,
        judul=f"Riwayat {pk}",
        kembali=reverse("kinerja:pk_detail", args=[pk.pk]),
        riwayat=[
            pk.history.all(),
            BarisPK.history.filter(perjanjian_id=pk.pk),
            TargetTriwulan.history.filter(baris__perjanjian_id=pk.pk),
            AnggaranPK.history.filter(perjanjian_id=pk.pk),
        ],
    )


@login_required
def baris_riwayat(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = _get_baris(request, baris_id)
    return render_riwayat(
        request,
        satker=baris.perjanjian.satker,
        judul=f"Riwayat baris {baris}",
        kembali=reverse("kinerja:pk_detail", args=[baris.perjanjian_id]),
        riwayat=[
            baris.history.all(),
            TargetTriwulan.history.filter(baris_id=baris.pk),
            Realisasi.history.filter(baris_id=baris.pk),
        ],
    )


# ---------------------------------------------------------------- realisasi


@dataclass
class BarisGrid:
    """A PK row as shown in the realisasi grid of one quarter."""

    baris: BarisPK
    target: str
    realisasi: Realisasi | None
    capaian: engine.Capaian
    kategori: str
    dari_pemilu: bool = False
    dari_lke: bool = False


def _baris_grid(m: Pengukuran, periode: str) -> BarisGrid:
    baris, kebijakan = m.baris, m.kebijakan
    tw = {t.periode: t.teks for t in baris.target_triwulan.all()}
    if periode == engine.Periode.TAHUNAN:
        capaian = m.capaian
    else:
        belum = engine.Capaian(None, engine.BELUM_ADA_REALISASI)
        capaian = m.capaian_triwulan.get(periode, belum)
    return BarisGrid(
        baris=baris,
        target=tw.get(periode) or baris.target,
        realisasi=m.rekaman.get(periode),
        capaian=capaian,
        kategori=engine.kategori(capaian, kebijakan.skala),
        dari_pemilu=m.masukan.dari_pemilu,
        dari_lke=m.masukan.dari_lke,
    )


@login_required
def realisasi_index(request: HttpRequest) -> HttpResponse:
    tahun = tahun_dari(request)
    satker = satker_utama(request.user)
    if satker and satker_visible(request.user).count() == 1:
        periode = jadwal.triwulan_kerja(tahun, timezone.localdate())
        return redirect("kinerja:realisasi_grid", kode=satker.kode, tahun=tahun, periode=periode)
    ctx = {"daftar_satker": satker_visible(request.user), "tahun": tahun, "tujuan": "realisasi"}
    return render(request, "kinerja/pilih_satker.html", ctx)


@login_required
def realisasi_grid(request: HttpRequest, kode: str, tahun: int, periode: str) -> HttpResponse:
    satker = get_satker(request, kode)
    periode = _periode(periode)
    kebijakan = kebijakan_untuk(satker, tahun)
    pk = perjanjian_terbaru(satker, tahun)
    ukuran = pengukuran_per_pk(pk.values(), kebijakan)
    bagian = [(p, [_baris_grid(m, periode) for m in ukuran[p.pk]]) for p in pk.values()]
    penutupan = PenutupanPeriode.objects.filter(satker=satker, tahun=tahun, periode=periode)
    ctx = {
        "satker": satker,
        "tahun": tahun,
        "periode": periode,
        "bagian": bagian,
        "triwulan": engine.Periode,
        "penutupan": penutupan.first(),
        "kebijakan": kebijakan,
        "boleh_ubah": can_write(request.user, satker),
        "boleh_tutup": can_close_periode(request.user, satker),
        "riwayat_buka": PenutupanPeriode.history.filter(
            satker_id=satker.pk, tahun=tahun, periode=periode, history_type="-"
        ).select_related("history_user")[:5],
    }
    return render(request, "kinerja/realisasi_grid.html", ctx)


@login_required
def realisasi_sekaligus(request: HttpRequest, kode: str, tahun: int, periode: str) -> HttpResponse:
    """A quarter's realisasi of every row in one grid, as in a spreadsheet: type or paste a
    column copied from Excel, save every valid cell at once; a refused cell keeps what was
    typed, with the engine's message. A plain form: it works without JavaScript."""
    satker = get_satker(request, kode, tulis=True)
    periode = _periode(periode)
    pk = perjanjian_terbaru(satker, tahun)
    semua = [
        b
        for p in pk.values()
        for b in p.baris.order_by("urutan", "id").prefetch_related("realisasi", "target_triwulan")
    ]
    ketik, galat, hasil = {}, {}, None
    if request.method == "POST":
        ketik = {b.pk: request.POST.get(f"r-{b.pk}", "") for b in semua}
        versi = {}
        for b in semua:
            try:
                versi[b.pk] = baca_versi(request.POST.get(f"v-{b.pk}"))
            except ValidationError:
                versi[b.pk] = None
        try:
            hasil = services.realisasi_save_banyak(
                satker=satker,
                tahun=tahun,
                periode=periode,
                nilai=ketik,
                diperbarui=versi,
                by=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            galat = hasil.galat
            if hasil.disimpan:
                messages.success(request, f"{len(hasil.disimpan)} realisasi disimpan.")
            if galat:
                messages.error(
                    request, f"{len(galat)} sel belum disimpan; perbaiki yang ditandai merah."
                )
            if not galat:
                return redirect("kinerja:realisasi_grid", kode, tahun, periode)
            semua = [
                b
                for p in perjanjian_terbaru(satker, tahun).values()
                for b in p.baris.order_by("urutan", "id").prefetch_related(
                    "realisasi", "target_triwulan"
                )
            ]
    baris = []
    for b in semua:
        rekaman = next((r for r in b.realisasi.all() if r.periode == periode), None)
        tw = {t.periode: t.teks for t in b.target_triwulan.all()}
        baris.append(
            {
                "baris": b,
                "target": tw.get(periode) or b.target,
                "nilai": ketik.get(b.pk, rekaman.teks if rekaman else "")
                if b.pk in galat
                else (rekaman.teks if rekaman else ""),
                "versi": versi_dari(rekaman),
                "galat": galat.get(b.pk, ""),
            }
        )
    ctx = {"satker": satker, "tahun": tahun, "periode": periode, "baris": baris, "hasil": hasil}
    return render(request, "kinerja/realisasi_sekaligus.html", ctx)


@login_required
def target_sekaligus(request: HttpRequest, pk_id: int) -> HttpResponse:
    """The quarterly targets of every row of a PK in one grid (rows x TW I-IV), as in a
    spreadsheet; each row is saved through `baris_save` with its checks, a refused row keeps
    what was typed. A signed PK is read-only here too."""
    pk = _get_pk(request, pk_id, tulis=True)
    semua = list(pk.baris.order_by("urutan", "id").prefetch_related("target_triwulan"))
    ketik, galat, disimpan = {}, {}, 0
    if request.method == "POST":
        for b in semua:
            lama = {t.periode: t.teks for t in b.target_triwulan.all()}
            baru = {p: request.POST.get(f"t-{b.pk}-{p}", "").strip() for p in engine.TRIWULAN}
            ketik[b.pk] = baru
            if all(baru[p] == lama.get(p, "") for p in engine.TRIWULAN):
                continue
            try:
                with transaction.atomic():
                    services.baris_save(
                        perjanjian=pk, baris=b, data={}, target_triwulan=baru, by=request.user
                    )
            except ValidationError as exc:
                galat[b.pk] = " ".join(exc.messages)
            else:
                disimpan += 1
        if disimpan:
            messages.success(request, f"Target triwulan {disimpan} baris disimpan.")
        if not galat:
            return redirect("kinerja:pk_detail", pk_id=pk.pk)
        messages.error(request, f"{len(galat)} baris belum disimpan; perbaiki yang ditandai merah.")
        semua = list(pk.baris.order_by("urutan", "id").prefetch_related("target_triwulan"))
    baris = []
    for b in semua:
        tersimpan = {t.periode: t.teks for t in b.target_triwulan.all()}
        nilai = ketik[b.pk] if b.pk in galat else tersimpan
        sel = [(p, f"t-{b.pk}-{p}", nilai.get(p, "")) for p in engine.TRIWULAN]
        baris.append({"baris": b, "sel": sel, "galat": galat.get(b.pk, "")})
    ctx = {"pk": pk, "baris": baris, "triwulan": [engine.Periode(p) for p in engine.TRIWULAN]}
    return render(request, "kinerja/target_sekaligus.html", ctx)


@login_required
def realisasi_update(request: HttpRequest, baris_id: int, periode: str) -> HttpResponse:
    baris = _get_baris(request, baris_id, tulis=True)
    periode, pk = _periode(periode), baris.perjanjian
    rekaman = next((r for r in baris.realisasi.all() if r.periode == periode), None)
    awal = versi_awal(rekaman) | (
        {
            f: getattr(rekaman, f)
            for f in ("teks", "kendala", "tindak_lanjut", "bukti_tautan", "bukti_catatan")
        }
        if rekaman
        else {}
    )
    form = RealisasiForm(
        request.POST or None, request.FILES or None, initial=awal, jenis_nilai=baris.jenis_nilai
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.realisasi_save(
                baris=baris,
                periode=periode,
                data=form.data_realisasi(),
                bukti_file=form.cleaned_data["bukti_file"],
                hapus_bukti=form.cleaned_data["hapus_bukti"],
                diperbarui=form.cleaned_data["diperbarui"],
                by=request.user,
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            if request.htmx:
                muat_ulang_realisasi(baris)
                return _baris_grid_response(request, baris, periode)
            messages.success(request, f"Realisasi {periode.label} baris {baris.no} disimpan.")
            return redirect(
                "kinerja:realisasi_grid", kode=pk.satker.kode, tahun=pk.tahun, periode=periode
            )
    tw = {t.periode: t.teks for t in baris.target_triwulan.all()}
    ctx = {"form": form, "baris": baris, "periode": periode, "pk": pk, "rekaman": rekaman}
    ctx["target"] = tw.get(periode) or baris.target
    tpl = "kinerja/_realisasi_form_row.html" if request.htmx else "kinerja/realisasi_form.html"
    return render(request, tpl, ctx)


def _baris_grid_response(request: HttpRequest, baris: BarisPK, periode: str) -> HttpResponse:
    """One grid row; `baris` as `_get_baris` reads it."""
    pk = baris.perjanjian
    item = _baris_grid(ukur_baris(baris, kebijakan_untuk(pk.satker, pk.tahun)), periode)
    ctx = {"item": item, "periode": periode, "boleh_ubah": True, "terkunci": False}
    return render(request, "kinerja/_realisasi_row.html", ctx)


@login_required
def realisasi_baris(request: HttpRequest, baris_id: int, periode: str) -> HttpResponse:
    """One grid row (htmx: cancel an inline edit)."""
    return _baris_grid_response(request, _get_baris(request, baris_id), _periode(periode))


@login_required
def realisasi_bukti(request: HttpRequest, realisasi_id: int) -> FileResponse:
    return respon_berkas(_get_realisasi(request, realisasi_id).bukti_file)


@login_required
def realisasi_riwayat(request: HttpRequest, realisasi_id: int) -> HttpResponse:
    realisasi = _get_realisasi(request, realisasi_id)
    pk = realisasi.baris.perjanjian
    return render_riwayat(
        request,
        satker=pk.satker,
        judul=f"Riwayat realisasi {realisasi.get_periode_display()} — {realisasi.baris}",
        kembali=reverse(
            "kinerja:realisasi_grid", args=[pk.satker.kode, pk.tahun, realisasi.periode]
        ),
        riwayat=[realisasi.history.all()],
    )


@login_required
@require_POST
def periode_close(request: HttpRequest, kode: str, tahun: int, periode: str) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    periode = _periode(periode)
    try:
        services.periode_close(satker=satker, tahun=tahun, periode=periode, by=request.user)
        messages.success(request, f"{periode.label} {tahun} ditutup; realisasi terkunci.")
    except ValidationError as exc:
        _pesan_error(request, exc)
    return redirect("kinerja:realisasi_grid", kode=kode, tahun=tahun, periode=periode)


@login_required
def periode_reopen(request: HttpRequest, kode: str, tahun: int, periode: str) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    periode = _periode(periode)
    if not can_close_periode(request.user, satker):
        raise PermissionDenied("Hanya sekretaris yang dapat membuka kembali triwulan.")
    form = AlasanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.periode_reopen(
                satker=satker,
                tahun=tahun,
                periode=periode,
                alasan=form.cleaned_data["alasan"],
                by=request.user,
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, f"{periode.label} {tahun} dibuka kembali.")
            return redirect("kinerja:realisasi_grid", kode=kode, tahun=tahun, periode=periode)
    judul = f"Buka kembali {periode.label} {tahun} — {satker}"
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "satker": satker})


# ---------------------------------------------------------------- budget


@login_required
def anggaran_index(request: HttpRequest) -> HttpResponse:
    tahun = tahun_dari(request)
    satker = satker_utama(request.user)
    if satker and satker_visible(request.user).count() == 1:
        return redirect("kinerja:anggaran_detail", kode=satker.kode, tahun=tahun)
    ctx = {"daftar_satker": satker_visible(request.user), "tahun": tahun, "tujuan": "anggaran"}
    return render(request, "kinerja/pilih_satker.html", ctx)


@login_required
def anggaran_detail(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode)
    ringkasan = ringkasan_anggaran(satker, tahun)
    lines = ringkasan.baris if ringkasan else []
    porsi = porsi_dipa(satker, tahun, lines)
    baris = [(b, engine.Total(b.pagu, b.realisasi), porsi.get(b.pk)) for b in lines]
    ctx = {
        "satker": satker,
        "tahun": tahun,
        "r": ringkasan,
        "baris": baris,
        "ro": output_ro_per_satker([satker.pk], tahun, {satker.pk: lines}).get(satker.pk, []),
        "boleh_ubah": can_write(request.user, satker),
    }
    return render(request, "kinerja/anggaran_detail.html", ctx)


def _simpan_revisi(request: HttpRequest, satker: Satker, tahun: int, revisi):
    awal = {"label": revisi.label, "tanggal": revisi.tanggal, "pagu": revisi.pagu} if revisi else {}
    form = RevisiDipaForm(request.POST or None, initial=awal)
    if request.method == "POST" and form.is_valid():
        try:
            dipa = (
                revisi.dipa
                if revisi
                else services.dipa_get_or_create(satker=satker, tahun=tahun, by=request.user)
            )
            services.revisi_dipa_save(
                dipa=dipa, revisi=revisi, data=form.cleaned_data, by=request.user
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Revisi DIPA disimpan.")
            return redirect("kinerja:anggaran_detail", kode=satker.kode, tahun=tahun)
    judul = f"Ubah {revisi.label}" if revisi else f"Tambah revisi DIPA {tahun}"
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "satker": satker})


@login_required
def revisi_dipa_create(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _simpan_revisi(request, get_satker(request, kode, tulis=True), tahun, None)


@login_required
def revisi_dipa_update(request: HttpRequest, revisi_id: int) -> HttpResponse:
    revisi = _get_revisi_dipa(request, revisi_id, tulis=True)
    return _simpan_revisi(request, revisi.dipa.satker, revisi.dipa.tahun, revisi)


def _simpan_baris_anggaran(request: HttpRequest, satker: Satker, tahun: int, baris):
    form = BarisAnggaranForm(request.POST or None, instance=baris, initial=versi_awal(baris))
    if request.method == "POST" and form.is_valid():
        try:
            dipa = (
                baris.dipa
                if baris
                else services.dipa_get_or_create(satker=satker, tahun=tahun, by=request.user)
            )
            services.baris_anggaran_save(
                dipa=dipa,
                baris=baris,
                data=form.data_baris(),
                diperbarui=form.cleaned_data["diperbarui"],
                by=request.user,
            )
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Baris anggaran disimpan.")
            return redirect("kinerja:anggaran_detail", kode=satker.kode, tahun=tahun)
    judul = f"Ubah baris anggaran {baris}" if baris else f"Tambah baris anggaran {tahun}"
    return render(request, "kinerja/form.html", {"form": form, "judul": judul, "satker": satker})


@login_required
def baris_anggaran_create(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _simpan_baris_anggaran(request, get_satker(request, kode, tulis=True), tahun, None)


@login_required
def baris_anggaran_update(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = _get_baris_anggaran(request, baris_id, tulis=True)
    return _simpan_baris_anggaran(request, baris.dipa.satker, baris.dipa.tahun, baris)


@login_required
def anggaran_riwayat(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode)
    dipa = Dipa.objects.filter(satker=satker, tahun=tahun).first()
    ids = [dipa.pk] if dipa else []
    return render_riwayat(
        request,
        satker=satker,
        judul=f"Riwayat anggaran {satker} {tahun}",
        kembali=reverse("kinerja:anggaran_detail", args=[kode, tahun]),
        riwayat=[
            Dipa.history.filter(id__in=ids),
            RevisiDipa.history.filter(dipa_id__in=ids),
            BarisAnggaran.history.filter(dipa_id__in=ids),
        ],
    )


@login_required
def baris_anggaran_riwayat(request: HttpRequest, baris_id: int) -> HttpResponse:
    baris = _get_baris_anggaran(request, baris_id)
    return render_riwayat(
        request,
        satker=baris.dipa.satker,
        judul=f"Riwayat baris anggaran {baris}",
        kembali=reverse("kinerja:anggaran_detail", args=[baris.dipa.satker.kode, baris.dipa.tahun]),
        riwayat=[baris.history.all()],
    )


@login_required
def revisi_dipa_riwayat(request: HttpRequest, revisi_id: int) -> HttpResponse:
    revisi = _get_revisi_dipa(request, revisi_id)
    return render_riwayat(
        request,
        satker=revisi.dipa.satker,
        judul=f"Riwayat {revisi.label} DIPA {revisi.dipa.tahun}",
        kembali=reverse(
            "kinerja:anggaran_detail", args=[revisi.dipa.satker.kode, revisi.dipa.tahun]
        ),
        riwayat=[revisi.history.all()],
    )


# ---------------------------------------------------------------- home page

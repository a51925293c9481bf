"""Pages of the AKIP evaluation (issue 18): the office's LKE, its self-assessment per
component, the evaluator's scoring, recommendations and follow-up, the LHE and LKE downloads,
the province rollup and the instrument."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from common.forms import tampilkan_galat
from common.penyimpanan import respon_berkas
from evaluasi import dokumen, services, skor
from evaluasi.forms import (
    AlasanForm,
    JawabanEvaluatorForm,
    JawabanMandiriForm,
    RekomendasiForm,
    SimpulanForm,
    TindakLanjutForm,
)
from evaluasi.models import Evaluasi, Instrumen, Jawaban, Rekomendasi
from evaluasi.selectors import baca_lke, dokumen_sistem, rekap_lke, riwayat, struktur
from kinerja.selectors import tahun_dari
from satker.akses import get_satker, periksa_akses
from satker.models import Satker
from satker.selectors import can_review, can_submit_pk, can_write, satker_utama, satker_visible

S = Evaluasi.Status


def _pesan(request: HttpRequest, exc: ValidationError) -> None:
    for m in exc.messages:
        messages.error(request, m)


def _evaluasi(request: HttpRequest, kode: str, tahun: int) -> Evaluasi:
    satker = get_satker(request, kode)
    return get_object_or_404(
        Evaluasi.objects.select_related("satker__induk", "instrumen"), satker=satker, tahun=tahun
    )


def _ke_lke(ev: Evaluasi):
    return redirect("evaluasi:lke", kode=ev.satker.kode, tahun=ev.tahun)


@login_required
def indeks(request: HttpRequest) -> HttpResponse:
    """A reviewer lands on the province's rollup, an office on its own LKE list."""
    satker = satker_utama(request.user)
    if satker is None:  # an administrator without a role at an office
        return redirect("evaluasi:instrumen")
    if can_review(request.user, satker) and satker.tingkat in (
        Satker.Tingkat.RI,
        Satker.Tingkat.PROVINSI,
    ):
        return redirect("evaluasi:rekap", kode=satker.kode, tahun=tahun_dari(request) - 1)
    return redirect("evaluasi:daftar", kode=satker.kode)


@login_required
def daftar(request: HttpRequest, kode: str) -> HttpResponse:
    satker = get_satker(request, kode)
    tahun = tahun_dari(request) - 1
    ada = list(satker.evaluasi_akip.order_by("-tahun"))
    ctx = {
        "satker": satker,
        "daftar": ada,
        "tahun_baru": [t for t in (tahun, tahun - 1) if t not in {e.tahun for e in ada}],
        "boleh_ubah": can_write(request.user, satker),
        "riwayat": riwayat(satker),
    }
    return render(request, "evaluasi/daftar.html", ctx)


@login_required
@require_POST
def mulai(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    satker = get_satker(request, kode, tulis=True)
    try:
        ev = services.evaluasi_mulai(satker=satker, tahun=tahun, by=request.user)
    except ValidationError as exc:
        _pesan(request, exc)
        return redirect("evaluasi:daftar", kode=kode)
    messages.success(request, f"LKE Tahun {tahun} dibuat; isi penilaian mandiri per komponen.")
    return _ke_lke(ev)


@login_required
def lke(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    ev = _evaluasi(request, kode, tahun)
    data = baca_lke(ev)
    evaluator = services.boleh_evaluasi(request.user, ev.satker, ev.tahun)
    ctx = {
        "satker": ev.satker,
        "ev": ev,
        "lke": data,
        "bagian": data.bagian(),
        "boleh_isi": ev.status == S.DRAF and can_write(request.user, ev.satker),
        "boleh_ajukan": ev.status == S.DRAF and can_submit_pk(request.user, ev.satker),
        "boleh_tindak_lanjut": can_write(request.user, ev.satker) and ev.status != S.DRAF,
        "evaluator": evaluator,
        "boleh_nilai": evaluator and ev.status == S.DIAJUKAN,
        "boleh_rekomendasi": evaluator and ev.status in (S.DIAJUKAN, S.DIEVALUASI),
        "form_rekomendasi": RekomendasiForm(evaluasi=ev),
        "form_alasan": AlasanForm(),
        "form_simpulan": SimpulanForm(initial={"simpulan": ev.simpulan}),
        "rekomendasi": ev.rekomendasi.select_related("komponen"),
        "jenis_evaluator": services.jenis_evaluator(ev.tahun),
    }
    return render(request, "evaluasi/lke.html", ctx)


def _isi_komponen(request, kode, tahun, komponen_id, *, evaluator: bool) -> HttpResponse:
    ev = _evaluasi(request, kode, tahun)
    if evaluator:
        if not services.boleh_evaluasi(request.user, ev.satker, ev.tahun):
            raise PermissionDenied("Hanya evaluator yang berwenang dapat menilai LKE.")
    else:
        periksa_akses(request, ev.satker, tulis=True)
    if ev.status != (S.DIAJUKAN if evaluator else S.DRAF):
        messages.error(
            request,
            "LKE ini sedang tidak dalam tahap "
            + ("evaluasi." if evaluator else "penilaian mandiri."),
        )
        return _ke_lke(ev)
    data = baca_lke(ev)
    komponen = next((k for k in data.struktur.model_komponen if k.pk == komponen_id), None)
    if komponen is None:
        raise Http404("Komponen tidak ditemukan.")
    baris = [b for b in data.baris if b.kriteria.sub.komponen_id == komponen.pk]
    post = (request.POST, request.FILES) if request.method == "POST" else ()
    if evaluator:
        forms_ = [JawabanEvaluatorForm(*post, baris=b) for b in baris]
        simpan = services.jawaban_evaluator_save
    else:
        dok = dokumen_sistem(ev.satker, ev.tahun)
        forms_ = [JawabanMandiriForm(*post, baris=b, dokumen=dok) for b in baris]
        simpan = services.jawaban_mandiri_save
    if request.method == "POST" and all([f.is_valid() for f in forms_]):
        gagal = forms_[0]
        try:
            with transaction.atomic():  # all criteria of the component, or none
                for gagal in forms_:
                    simpan(jawaban=gagal.baris.jawaban, data=gagal.isian(), by=request.user)
        except ValidationError as exc:
            tampilkan_galat(gagal, exc)
        else:
            messages.success(request, f"Komponen {komponen.kode} disimpan.")
            return _ke_lke(ev)
    ctx = {
        "satker": ev.satker,
        "ev": ev,
        "komponen": komponen,
        "forms": forms_,
        "evaluator": evaluator,
    }
    return render(request, "evaluasi/isi.html", ctx)


@login_required
def isi(request: HttpRequest, kode: str, tahun: int, komponen_id: int) -> HttpResponse:
    return _isi_komponen(request, kode, tahun, komponen_id, evaluator=False)


@login_required
def nilai(request: HttpRequest, kode: str, tahun: int, komponen_id: int) -> HttpResponse:
    return _isi_komponen(request, kode, tahun, komponen_id, evaluator=True)


def _aksi(request: HttpRequest, kode: str, tahun: int, fungsi, sukses: str, **kwargs):
    ev = _evaluasi(request, kode, tahun)
    try:
        fungsi(evaluasi=ev, by=request.user, **kwargs)
    except ValidationError as exc:
        _pesan(request, exc)
    else:
        messages.success(request, sukses)
    return _ke_lke(ev)


@login_required
@require_POST
def ajukan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _aksi(request, kode, tahun, services.ajukan, "LKE diajukan kepada evaluator.")


@login_required
@require_POST
def kembalikan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    form = AlasanForm(request.POST)
    alasan = form.cleaned_data["alasan"] if form.is_valid() else ""
    return _aksi(
        request, kode, tahun, services.kembalikan, "LKE dikembalikan kepada satker.", alasan=alasan
    )


@login_required
@require_POST
def selesai(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    form = SimpulanForm(request.POST)
    simpulan = form.cleaned_data["simpulan"] if form.is_valid() else ""
    return _aksi(
        request, kode, tahun, services.selesai_evaluasi, "Evaluasi selesai.", simpulan=simpulan
    )


@login_required
@require_POST
def finalkan(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    return _aksi(request, kode, tahun, services.finalkan, "LKE final; nilai dan predikat terkunci.")


@login_required
@require_POST
def rekomendasi_tambah(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    ev = _evaluasi(request, kode, tahun)
    if not services.boleh_evaluasi(request.user, ev.satker, ev.tahun):
        raise PermissionDenied("Hanya evaluator yang berwenang menulis rekomendasi.")
    form = RekomendasiForm(request.POST, evaluasi=ev)
    if not form.is_valid():
        for galat in form.errors.values():
            messages.error(request, " ".join(galat))
        return _ke_lke(ev)
    try:
        services.rekomendasi_save(
            evaluasi=ev, rekomendasi=None, data=form.cleaned_data, by=request.user
        )
    except ValidationError as exc:
        _pesan(request, exc)
    else:
        messages.success(request, "Rekomendasi dicatat.")
    return _ke_lke(ev)


def _rekomendasi(request: HttpRequest, rekomendasi_id: int) -> Rekomendasi:
    r = get_object_or_404(
        Rekomendasi.objects.select_related("evaluasi__satker__induk", "komponen"),
        pk=rekomendasi_id,
    )
    periksa_akses(request, r.evaluasi.satker)
    return r


@login_required
def tindak_lanjut(request: HttpRequest, rekomendasi_id: int) -> HttpResponse:
    r = _rekomendasi(request, rekomendasi_id)
    periksa_akses(request, r.evaluasi.satker, tulis=True)
    form = TindakLanjutForm(
        request.POST or None, initial={"tindak_lanjut": r.tindak_lanjut, "tautan": r.tautan}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.tindak_lanjut_save(rekomendasi=r, data=form.cleaned_data, by=request.user)
        except ValidationError as exc:
            tampilkan_galat(form, exc)
        else:
            messages.success(request, "Tindak lanjut dicatat; evaluator akan menilainya.")
            return _ke_lke(r.evaluasi)
    ctx = {"satker": r.evaluasi.satker, "ev": r.evaluasi, "r": r, "form": form}
    return render(request, "evaluasi/tindak_lanjut.html", ctx)


@login_required
@require_POST
def rekomendasi_tutup(request: HttpRequest, rekomendasi_id: int) -> HttpResponse:
    r = _rekomendasi(request, rekomendasi_id)
    try:
        services.rekomendasi_tutup(
            rekomendasi=r, selesai=request.POST.get("selesai") == "1", by=request.user
        )
    except ValidationError as exc:
        _pesan(request, exc)
    else:
        messages.success(request, "Status rekomendasi diperbarui.")
    return _ke_lke(r.evaluasi)


@login_required
def berkas(request: HttpRequest, jawaban_id: int) -> FileResponse:
    j = get_object_or_404(Jawaban.objects.select_related("evaluasi__satker"), pk=jawaban_id)
    periksa_akses(request, j.evaluasi.satker)
    return respon_berkas(j.berkas)


def _unduhan(isi: bytes, nama: str, jenis: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type=jenis)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


@login_required
def lhe_pdf(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    ev = _evaluasi(request, kode, tahun)
    return _unduhan(dokumen.lhe_pdf(ev), dokumen.nama_berkas(ev, "LHE", "pdf"), dokumen.PDF)


@login_required
def lhe_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    ev = _evaluasi(request, kode, tahun)
    return _unduhan(dokumen.lhe_xlsx(ev), dokumen.nama_berkas(ev, "LHE", "xlsx"), dokumen.XLSX)


@login_required
def lke_xlsx(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    ev = _evaluasi(request, kode, tahun)
    return _unduhan(dokumen.lke_xlsx(ev), dokumen.nama_berkas(ev, "LKE", "xlsx"), dokumen.XLSX)


@login_required
def rekap(request: HttpRequest, kode: str, tahun: int) -> HttpResponse:
    """The province's offices (or KPU RI's provinces) with their scores, grades and the spread
    per component."""
    induk = get_satker(request, kode)
    if not can_review(request.user, induk):
        raise PermissionDenied("Rekap LKE untuk reviewer satker ini.")
    anak = satker_visible(request.user).filter(induk=induk).order_by("kode")
    baris, sebaran = rekap_lke(anak, tahun)
    ctx = {
        "satker": induk,
        "tahun": tahun,
        "baris": baris,
        "sebaran": sebaran,
        "kolom_kosong": 4 + max(len(sebaran) - 1, 0),
        "tahun_lain": [t for t in range(tahun - 2, tahun + 2) if t != tahun],
    }
    return render(request, "evaluasi/rekap.html", ctx)


@login_required
def instrumen(request: HttpRequest) -> HttpResponse:
    """The instruments in force, each with its weights, criteria, answer values and bands."""
    daftar = []
    for i in Instrumen.objects.all():
        st = struktur(i)
        daftar.append((i, st, skor.periksa_struktur(st.komponen)))
    return render(request, "evaluasi/instrumen.html", {"daftar": daftar})

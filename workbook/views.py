"""Workbook pages: upload, preview of what would change, confirm; template; exports.

The uploaded file waits under MEDIA_ROOT/tmp/workbook with a random token that only the
uploader's session knows; confirming re-checks the file against the database and writes only
when the plan is still the one previewed.
"""

import io
import pickle
import secrets
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from satker.models import Satker
from satker.selectors import can_read, is_admin, satker_visible, satker_writable
from workbook.exporter import buat_template, ekspor_katalog, ekspor_workbook
from workbook.forms import EksporForm, UnggahForm
from workbook.importer import impor_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESI = "workbook_impor"
UMUR_BERKAS = 24 * 3600


def _dapat_impor(user) -> bool:
    # An admin may import into an empty database (the Satker sheet creates the offices).
    return is_admin(user) or satker_writable(user).exists()


def _pastikan_dapat_impor(request) -> None:
    if not _dapat_impor(request.user):
        raise PermissionDenied("Anda tidak berwenang mengubah data satker mana pun.")


def _satker_terbaca(request, kode: str) -> Satker:
    satker = get_object_or_404(Satker, kode=kode)
    if not can_read(request.user, satker):
        raise Http404
    return satker


def _berkas_unggahan(request, token: str) -> tuple[Path, str]:
    """The stored upload of this session's token; 404 for any other token."""
    nama = request.session.get(SESI, {}).get(token)
    path = _folder() / f"{token}.xlsx"
    if nama is None or not path.exists():
        raise Http404
    return path, nama


def _folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "tmp" / "workbook"


def _simpan(berkas) -> str:
    folder = _folder()
    folder.mkdir(parents=True, exist_ok=True)
    batas = time.time() - UMUR_BERKAS
    for lama in [*folder.glob("*.xlsx"), *folder.glob("*.pratinjau")]:
        if lama.stat().st_mtime < batas:
            lama.unlink(missing_ok=True)
    token = secrets.token_urlsafe(18)
    with open(folder / f"{token}.xlsx", "wb") as f:
        for potongan in berkas.chunks():
            f.write(potongan)
    return token


def _xlsx(isi: bytes, nama: str) -> HttpResponse:
    response = HttpResponse(isi, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{nama}"'
    return response


@login_required
def beranda(request):
    satker = satker_visible(request.user).order_by("kode")
    form = EksporForm(request.GET or None, satker=satker)
    if request.GET and form.is_valid():
        nama = "workbook:ekspor_provinsi" if form.cleaned_data["provinsi"] else "workbook:ekspor"
        return redirect(nama, form.cleaned_data["satker"], form.cleaned_data["tahun"])
    konteks = {
        "form": form,
        "dapat_impor": _dapat_impor(request.user),
        "batas_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024),
    }
    return render(request, "workbook/beranda.html", konteks)


@login_required
def template(request):
    f = io.BytesIO()
    buat_template(f)
    return _xlsx(f.getvalue(), "template-workbook-sakip.xlsx")


@login_required
def katalog(request):
    """The national catalogue as a workbook (every user may read it; KPU RI imports it back)."""
    f = io.BytesIO()
    ekspor_katalog(f)
    return _xlsx(f.getvalue(), "katalog-nasional-sakip.xlsx")


@login_required
def unggah(request):
    _pastikan_dapat_impor(request)
    form = UnggahForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        berkas = form.cleaned_data["berkas"]
        token = _simpan(berkas)
        unggahan = request.session.get(SESI, {})
        unggahan[token] = Path(berkas.name).name
        request.session[SESI] = unggahan
        return redirect("workbook:pratinjau", token)
    konteks = {"form": form, "batas_mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)}
    return render(request, "workbook/unggah.html", konteks)


def _impor(request, path: Path, nama: str, **kwargs):
    return impor_workbook(
        path,
        user=request.user,
        nama_berkas=nama,
        batas_byte=settings.MAX_UPLOAD_BYTES,
        **kwargs,
    )


@login_required
def pratinjau(request, token: str):
    _pastikan_dapat_impor(request)
    path, nama = _berkas_unggahan(request, token)
    tersimpan = path.with_suffix(".pratinjau")
    if tersimpan.exists():
        laporan = pickle.loads(tersimpan.read_bytes())  # written below, by this server only
    else:
        laporan = _impor(request, path, nama)
        tersimpan.write_bytes(pickle.dumps(laporan))
    return render(request, "workbook/pratinjau.html", {"laporan": laporan, "token": token})


@login_required
@require_POST
def terapkan(request, token: str):
    _pastikan_dapat_impor(request)
    path, nama = _berkas_unggahan(request, token)
    laporan = _impor(request, path, nama, terapkan=True, sidik=request.POST.get("sidik", ""))
    path.with_suffix(".pratinjau").unlink(missing_ok=True)
    if laporan.berubah_sejak_pratinjau:
        messages.warning(
            request, "Data berubah sejak pratinjau dibuat. Periksa lagi sebelum menyimpan."
        )
        return redirect("workbook:pratinjau", token)
    if not laporan.diterapkan:
        return render(request, "workbook/pratinjau.html", {"laporan": laporan, "token": token})
    path.unlink(missing_ok=True)
    unggahan = request.session.get(SESI, {})
    unggahan.pop(token, None)
    request.session[SESI] = unggahan
    ringkas = ", ".join(
        f"{s.nama}: {s.baru} baru, {s.berubah} berubah"
        for s in laporan.sheets.values()
        if s.baru or s.berubah
    )
    messages.success(request, f"Impor {nama} selesai. {ringkas or 'Tidak ada perubahan.'}")
    return redirect(reverse("workbook:beranda"))


@login_required
def ekspor_satker(request, kode: str, tahun: int):
    satker = _satker_terbaca(request, kode)
    f = io.BytesIO()
    ekspor_workbook(Satker.objects.filter(pk=satker.pk), tahun, f)
    return _xlsx(f.getvalue(), f"workbook-{satker.kode}-{tahun}.xlsx")


@login_required
def ekspor_provinsi(request, kode: str, tahun: int):
    provinsi = _satker_terbaca(request, kode)
    if provinsi.tingkat != Satker.Tingkat.PROVINSI:
        raise Http404
    anggota = Satker.objects.filter(pk=provinsi.pk) | provinsi.anak.all()
    terlihat = satker_visible(request.user).filter(pk__in=anggota.values("pk"))
    if terlihat.count() != anggota.count():
        raise PermissionDenied("Ekspor provinsi hanya untuk reviewer provinsi ini dan admin.")
    f = io.BytesIO()
    ekspor_workbook(anggota, tahun, f)
    return _xlsx(f.getvalue(), f"workbook-provinsi-{provinsi.kode}-{tahun}.xlsx")

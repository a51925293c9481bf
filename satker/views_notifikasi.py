"""The bell: a person's notifications, opening one (marks it read), marking all read, and which
kinds also come by e-mail. Each person sees only their own."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from satker import notifikasi
from satker.models import EmailMati, Notifikasi


@login_required
def daftar(request: HttpRequest) -> HttpResponse:
    semua = Notifikasi.objects.filter(penerima=request.user)[:100]
    mati = set(EmailMati.objects.filter(user=request.user).values_list("jenis", flat=True))
    jenis = [(k, label, k not in mati) for k, label in Notifikasi.Jenis.choices]
    ctx = {"daftar": semua, "jenis": jenis, "punya_email": bool(request.user.email)}
    return render(request, "satker/notifikasi.html", ctx)


@login_required
def buka(request: HttpRequest, notifikasi_id: int) -> HttpResponse:
    n = get_object_or_404(Notifikasi, pk=notifikasi_id, penerima=request.user)
    if n.dibaca is None:
        Notifikasi.objects.filter(pk=n.pk).update(dibaca=timezone.now())
    if not url_has_allowed_host_and_scheme(n.tautan, allowed_hosts=None):
        return redirect("satker:notifikasi")
    return redirect(n.tautan)


@login_required
@require_POST
def dibaca(request: HttpRequest) -> HttpResponse:
    n = notifikasi.tandai_dibaca(request.user)
    messages.success(request, f"{n} notifikasi ditandai sudah dibaca.")
    return redirect("satker:notifikasi")


@login_required
@require_POST
def atur_email(request: HttpRequest) -> HttpResponse:
    nyala = [j for j in request.POST.getlist("email") if j in Notifikasi.Jenis.values]
    notifikasi.atur_email(request.user, nyala)
    messages.success(request, "Pengaturan e-mail disimpan.")
    return redirect("satker:notifikasi")

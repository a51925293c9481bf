"""The access helpers every view calls first: 404 for a stranger, 403 for a reader who writes."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404

from satker.models import Satker
from satker.selectors import can_read, can_write


def periksa_akses(request: HttpRequest, satker: Satker, *, tulis: bool = False) -> None:
    """404 for a stranger, PermissionDenied for a reader asking to write."""
    if not can_read(request.user, satker):
        raise Http404("Satker tidak ditemukan.")
    if tulis and not can_write(request.user, satker):
        raise PermissionDenied("Anda hanya dapat membaca data satker ini.")


def get_satker(request: HttpRequest, kode: str, *, tulis: bool = False) -> Satker:
    satker = get_object_or_404(Satker, kode=kode)
    periksa_akses(request, satker, tulis=tulis)
    return satker

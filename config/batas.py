"""Request bodies are bounded before anything parses them: by size for every request (a 413
in Indonesian), and by nesting depth for JSON (a 400 from the API's parser)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpResponse, JsonResponse

PESAN_BESAR = "Isi permintaan terlalu besar ({ukuran} MB); batasnya {batas} MB."


def batas_untuk(request) -> int:
    """Uploads (multipart) may carry a workbook or evidence; anything else is small."""
    if request.content_type == "multipart/form-data":
        return settings.MAX_UPLOAD_BYTES + 1024 * 1024
    return settings.MAX_BODY_BYTES


class BatasPermintaanMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            ukuran = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            ukuran = 0
        batas = batas_untuk(request)
        if ukuran > batas:
            pesan = PESAN_BESAR.format(ukuran=f"{ukuran / 2**20:.1f}", batas=f"{batas / 2**20:.0f}")
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": pesan}, status=413)
            return HttpResponse(pesan, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


def alamat_klien(request) -> str | None:
    """The address of the person at the keyboard, for login throttling (django-axes).

    Behind TRUSTED_PROXY_COUNT reverse proxies, it is the address the outermost trusted proxy
    saw (from X-Forwarded-For, which only those proxies append to). Without it, every request
    would carry the proxy's address, and 5 wrong passwords from anyone would lock the owner of
    the username out as well."""
    jumlah = settings.TRUSTED_PROXY_COUNT
    if jumlah:
        diteruskan = [a.strip() for a in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        diteruskan = [a for a in diteruskan if a]
        if len(diteruskan) >= jumlah:
            return diteruskan[-jumlah]
    return request.META.get("REMOTE_ADDR")

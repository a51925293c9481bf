"""A clear page when the database cannot be reached, instead of a bare server error.

With ATOMIC_REQUESTS the request's transaction has already been rolled back when the error
reaches here, so nothing the request wrote before the connection broke is kept.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template.loader import render_to_string

log = logging.getLogger(__name__)
PESAN = (
    "Basis data sedang tidak dapat dihubungi; perubahan dari permintaan ini tidak disimpan. "
    "Coba lagi beberapa saat lagi."
)


class BasisDataTidakTersediaMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        log.error(
            "Basis data tidak tersedia pada %s %s: %s", request.method, request.path, exception
        )
        if request.path.startswith("/api/"):
            resp = JsonResponse({"detail": PESAN}, status=503)
        else:
            # Rendered without the request: the session and the user live in the database too.
            resp = HttpResponse(render_to_string("503.html"), status=503)
        resp["Retry-After"] = "30"
        return resp

"""The project's URLs plus /bench/kosong/: the cheapest Django view, the latency baseline."""

from django.http import HttpResponse
from django.urls import include, path


def kosong(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/kosong/", kosong), path("", include("config.urls"))]

"""WSGI entry point: `gunicorn config.wsgi` (bin/serve). Static files are served by WhiteNoise's
middleware (config/settings.py), so no separate static server is needed."""

import contextlib
import os

from django.core.wsgi import get_wsgi_application
from django.urls import NoReverseMatch, get_resolver, reverse

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()


def _isi_tabel_url(resolver, awalan: str = "") -> None:
    """Django builds the reverse table of the URLconf and of each namespace at the first
    `reverse()` into it in a process (75 ms for ours, measured on the national rekap after a
    restart, issue 19). Build them now, before a user's first request waits for it: a name that
    does not exist fills the table, then fails."""
    with contextlib.suppress(NoReverseMatch):
        reverse(f"{awalan}-")
    for namespace, (_, sub) in resolver.namespace_dict.items():
        _isi_tabel_url(sub, f"{awalan}{namespace}:")


_isi_tabel_url(get_resolver())

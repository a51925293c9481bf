from functools import cache

from django.http import HttpRequest

from satker.models import Peran
from satker.notifikasi import belum_dibaca
from satker.selectors import is_admin, peran_semua


def menu(request: HttpRequest) -> dict:
    """What the main menu offers: the rekap only to reviewers and admins; the bell's count,
    counted when a template shows it (a template calls a callable), once: a fragment that
    htmx swaps in (a saved grid row) has no menu and costs no query."""
    user = request.user
    reviewer = any(p.jenis == Peran.Jenis.REVIEWER for p in peran_semua(user))
    lonceng = cache(lambda: belum_dibaca(user) if user.is_authenticated else 0)
    return {"menu_rekap": is_admin(user) or reviewer, "notifikasi_baru": lonceng}

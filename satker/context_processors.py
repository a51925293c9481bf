from django.http import HttpRequest

from satker.models import Peran
from satker.notifikasi import belum_dibaca
from satker.selectors import is_admin, peran_semua


def menu(request: HttpRequest) -> dict:
    """What the main menu offers: the rekap only to reviewers and admins; the bell's count."""
    user = request.user
    reviewer = any(p.jenis == Peran.Jenis.REVIEWER for p in peran_semua(user))
    lonceng = belum_dibaca(user) if user.is_authenticated else 0
    return {"menu_rekap": is_admin(user) or reviewer, "notifikasi_baru": lonceng}

from django.http import HttpRequest

from satker.models import Peran
from satker.selectors import is_admin, peran_semua


def menu(request: HttpRequest) -> dict:
    """What the main menu offers: the rekap only to reviewers and admins."""
    user = request.user
    reviewer = any(p.jenis == Peran.Jenis.REVIEWER for p in peran_semua(user))
    return {"menu_rekap": is_admin(user) or reviewer}

"""Writes to PKs, realisasi and budget. Every status change goes through here.

Services are keyword-only, atomic, and raise ValidationError (for the user) or PermissionDenied.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError

from kinerja.models import PenutupanPeriode, PerjanjianKinerja
from satker.models import Satker


def pk_pastikan_dapat_diubah(perjanjian: PerjanjianKinerja) -> None:
    """Refuse any change to a signed PK: changes after signing need a new version (Revisi PK)."""
    if perjanjian.terkunci:
        raise ValidationError(
            f"{perjanjian} sudah ditandatangani dan terkunci. "
            "Buat Revisi PK dengan alasan untuk mengubahnya."
        )


def periode_pastikan_terbuka(*, satker: Satker, tahun: int, periode: str) -> None:
    """Refuse changes to realisasi of a closed quarter."""
    if PenutupanPeriode.objects.filter(satker=satker, tahun=tahun, periode=periode).exists():
        raise ValidationError(
            f"Realisasi {periode} {tahun} {satker} sudah ditutup. "
            "Minta sekretaris membukanya kembali dengan alasan."
        )

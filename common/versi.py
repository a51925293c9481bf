"""Optimistic locking for every write channel (form, inline grid, API): a save based on a stale
copy of a row, or the first entry of a cell someone else filled meanwhile, is refused with the
name of who changed it and when."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.utils import timezone

from common import format as fmt

# What a client sends as the version of a row it saw empty (not yet created).
BARU = "baru"


class KonflikVersi(ValidationError):
    """Someone else saved the row after the user opened it (HTTP 409 in the API)."""


def baca_versi(teks: object) -> dt.datetime | str | None:
    """The version a client sent: a timestamp, BARU for an empty cell, None for none."""
    if teks in (None, ""):
        return None
    if isinstance(teks, dt.datetime):
        return teks
    if str(teks).strip().lower() == BARU:
        return BARU
    try:
        return dt.datetime.fromisoformat(str(teks).strip())
    except ValueError as exc:
        raise ValidationError(
            {"diperbarui": "Versi data tidak dikenal; muat ulang halaman."}
        ) from exc


def versi_dari(obj: Model | None) -> str:
    """The version to hand to a client with a row (BARU when there is no row yet)."""
    return obj.diperbarui.isoformat() if obj is not None and obj.pk else BARU


def pastikan_belum_diubah(obj: Model, diperbarui: dt.datetime | str | None) -> None:
    """Refuse a save based on a stale copy of `obj` (locks the row until the transaction ends).

    `diperbarui` None: the client sent no version, nothing to compare (a new row by a form that
    has no cell, a script that does not lock)."""
    if diperbarui is None:
        return
    if obj.pk is None:
        return
    tersimpan = type(obj).objects.select_for_update().values_list("diperbarui", flat=True)
    tersimpan = tersimpan.get(pk=obj.pk)
    if diperbarui != BARU and tersimpan == diperbarui:
        return
    terakhir = obj.history.first()
    oleh = terakhir.history_user if terakhir and terakhir.history_user else None
    nama = f" oleh {oleh.get_full_name() or oleh.username}" if oleh else ""
    lokal = timezone.localtime(tersimpan)
    kapan = f"pada {fmt.tanggal(lokal)} pukul {lokal:%H.%M}"
    kata = "diisi" if diperbarui == BARU else "diubah"
    raise KonflikVersi(
        f"Data ini sudah {kata}{nama} {kapan} setelah Anda membukanya. Isian Anda belum "
        "disimpan: muat ulang halaman, lalu masukkan lagi perubahan Anda.",
        code="konflik",
    )

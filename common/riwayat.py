"""The Riwayat page: history records (django-simple-history) as a user reads them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from common import format as fmt


@dataclass
class Perubahan:
    field: str
    sebelum: object
    sesudah: object


@dataclass
class EntriRiwayat:
    objek: str
    jenis: str
    oleh: str
    pada: dt.datetime
    alasan: str
    perubahan: list[Perubahan]


JENIS_RIWAYAT = {"+": "dibuat", "~": "diubah", "-": "dihapus"}
ABAIKAN = {"diperbarui", "id"}


def _tampil(field, nilai):
    """A stored value as a user reads it: choice labels, related objects by name, local time."""
    if nilai in (None, ""):
        return nilai
    if field.choices:
        return dict(field.flatchoices).get(nilai, nilai)
    if field.is_relation:
        obj = field.related_model._default_manager.filter(pk=nilai).first()
        return str(obj) if obj else nilai
    if isinstance(nilai, dt.datetime):
        lokal = timezone.localtime(nilai)
        return f"{fmt.tanggal(lokal)} {lokal:%H:%M}"
    if isinstance(nilai, dt.date):
        return fmt.tanggal(nilai)
    return nilai


def _entri(rec) -> EntriRiwayat:
    perubahan = []
    prev = rec.prev_record
    if rec.history_type == "~" and prev is not None:
        for c in rec.diff_against(prev).changes:
            if (
                c.field in ABAIKAN
                or c.field.endswith(("_angka", "_kode"))
                and c.field != "akun_kode"
            ):
                continue
            field = rec.instance._meta.get_field(c.field)
            perubahan.append(
                Perubahan(field.verbose_name, _tampil(field, c.old), _tampil(field, c.new))
            )
    user = rec.history_user
    return EntriRiwayat(
        objek=str(rec.instance),
        jenis=JENIS_RIWAYAT.get(rec.history_type, rec.history_type),
        oleh=(user.get_full_name() or user.username) if user else "sistem",
        pada=timezone.localtime(rec.history_date),
        alasan=rec.history_change_reason or "",
        perubahan=perubahan,
    )


def render_riwayat(
    request: HttpRequest, *, satker, judul: str, kembali: str, riwayat: list[QuerySet]
) -> HttpResponse:
    """The Riwayat page: history records of one object (and its parts), newest first."""
    records = sorted(
        (r for qs in riwayat for r in qs.select_related("history_user")[:500]),
        key=lambda r: r.history_date,
        reverse=True,
    )
    entri = [e for e in map(_entri, records) if e.jenis != "diubah" or e.perubahan or e.alasan]
    ctx = {"satker": satker, "judul": judul, "kembali": kembali, "entri": entri}
    return render(request, "satker/riwayat.html", ctx)

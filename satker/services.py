"""Writes to a satker's profile and its officials."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Model

from satker.models import Aset, Pegawai, Pejabat, Satker
from satker.selectors import can_write


def _pastikan_penulis(by: User, satker: Satker) -> None:
    if not can_write(by, satker):
        raise PermissionDenied("Anda tidak berhak mengubah data satker ini.")


@transaction.atomic
def satker_update(*, satker: Satker, data: Mapping[str, Any], by: User) -> Satker:
    _pastikan_penulis(by, satker)
    for k, v in data.items():
        setattr(satker, k, v)
    satker._history_user = by
    satker.full_clean()
    satker.save()
    return satker


@transaction.atomic
def pejabat_save(
    *, satker: Satker, pejabat: Pejabat | None = None, data: Mapping[str, Any], by: User
) -> Pejabat:
    return profil_save(obj=pejabat or Pejabat(satker=satker), data=data, by=by)


@transaction.atomic
def pejabat_delete(*, pejabat: Pejabat, by: User) -> None:
    profil_delete(obj=pejabat, by=by)


@transaction.atomic
def profil_save(*, obj: Model, data: Mapping[str, Any], by: User) -> Model:
    """Create or change a row of the office profile (staff, property) of `obj.satker`."""
    _pastikan_penulis(by, obj.satker)
    for k, v in data.items():
        setattr(obj, k, v)
    obj._history_user = by
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def profil_delete(*, obj: Model, by: User) -> None:
    _pastikan_penulis(by, obj.satker)
    obj._history_user = by
    obj.delete()


@transaction.atomic
def profil_salin(*, satker: Satker, tahun: int, by: User) -> int:
    """Copy last year's staff and property to `tahun`, where that year has none yet; returns
    the number of rows copied."""
    _pastikan_penulis(by, satker)
    n = 0
    for model in (Pegawai, Aset):
        if model.objects.filter(satker=satker, tahun=tahun).exists():
            continue
        for obj in model.objects.filter(satker=satker, tahun=tahun - 1):
            obj.pk = None
            obj.tahun = tahun
            obj._history_user = by
            obj.save()
            n += 1
    return n

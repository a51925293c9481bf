"""Writes to a satker's profile and its officials."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from satker.models import Pejabat, Satker
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
    _pastikan_penulis(by, satker)
    pejabat = pejabat or Pejabat(satker=satker)
    for k, v in data.items():
        setattr(pejabat, k, v)
    pejabat._history_user = by
    pejabat.full_clean()
    pejabat.save()
    return pejabat


@transaction.atomic
def pejabat_delete(*, pejabat: Pejabat, by: User) -> None:
    _pastikan_penulis(by, pejabat.satker)
    pejabat._history_user = by
    pejabat.delete()

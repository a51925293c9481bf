"""Lists of offices at national scale (553 satker): one search box, a province filter and
pages of 50, the same on every list (satker, PK, LKjIP, rekap)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet

from satker.models import Satker

PER_HALAMAN = 50


@dataclass(frozen=True)
class Saringan:
    q: str
    provinsi: str
    pilihan_provinsi: list[Satker]

    @property
    def aktif(self) -> bool:
        return bool(self.q or self.provinsi)


def saringan(params, terlihat: QuerySet[Satker]) -> Saringan:
    """The search text and province asked for; the provinces offered are those of the offices
    the user may see (none when they are all in one)."""
    provinsi = list(
        Satker.objects.filter(tingkat=Satker.Tingkat.PROVINSI)
        .filter(Q(anak__in=terlihat) | Q(pk__in=terlihat))
        .distinct()
        .order_by("kode")
    )
    return Saringan(
        (params.get("q") or "").strip()[:100],
        (params.get("provinsi") or "").strip()[:10],
        provinsi if len(provinsi) > 1 else [],
    )


def saring(qs: QuerySet, s: Saringan, awalan: str = "") -> QuerySet:
    """`qs` narrowed to offices whose code or name contains the search text and that are in (or
    are) the province; `awalan` is the path to the satker ("satker__") for other models."""
    if s.q:
        qs = qs.filter(
            Q(**{f"{awalan}kode__icontains": s.q}) | Q(**{f"{awalan}nama__icontains": s.q})
        )
    if s.provinsi:
        qs = qs.filter(
            Q(**{f"{awalan}induk__kode": s.provinsi}) | Q(**{f"{awalan}kode": s.provinsi})
        )
    return qs


def halaman(daftar, params) -> Page:
    """One page of 50 (the last one when the number asked for is past the end)."""
    return Paginator(daftar, PER_HALAMAN).get_page(params.get("hal"))

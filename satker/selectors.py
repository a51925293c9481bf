"""Who may see and change which satker: the one place access is decided.

- operator, sekretaris, ketua: read and write their own satker;
- reviewer: read its satker and every satker below it (a province reviewer: the province and its
  kab/kota; a reviewer at KPU RI: everything), never write;
- admin (a Peran ADMIN, or a Django superuser): read and write everything.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count, Q, QuerySet, Sum

from satker.models import Aset, Pegawai, Peran, Satker

PENULIS = (Peran.Jenis.OPERATOR, Peran.Jenis.SEKRETARIS, Peran.Jenis.KETUA)


def _peran(user: User | AnonymousUser) -> list[Peran]:
    if not user.is_authenticated:
        return []
    cache = getattr(user, "_peran_cache", None)
    if cache is None:
        cache = list(Peran.objects.filter(user=user).select_related("satker"))
        user._peran_cache = cache
    return cache


def peran_semua(user: User | AnonymousUser) -> list[Peran]:
    """Every role of the user, at any satker."""
    return _peran(user)


def is_admin(user: User | AnonymousUser) -> bool:
    return user.is_authenticated and (
        user.is_superuser or any(p.jenis == Peran.Jenis.ADMIN for p in _peran(user))
    )


def satker_visible(user: User | AnonymousUser) -> QuerySet[Satker]:
    """Every satker the user may read."""
    if is_admin(user):
        return Satker.objects.all()
    peran = _peran(user)
    if not peran:
        return Satker.objects.none()
    cond = Q(pk__in=[p.satker_id for p in peran])
    for p in peran:
        if p.jenis == Peran.Jenis.APIP:  # the inspectorate reviews every office's report
            return Satker.objects.all()
        if p.jenis != Peran.Jenis.REVIEWER:
            continue
        if p.satker.tingkat == Satker.Tingkat.RI:
            return Satker.objects.all()
        cond |= Q(induk_id=p.satker_id)
    return Satker.objects.filter(cond)


def satker_writable(user: User | AnonymousUser) -> QuerySet[Satker]:
    """Every satker the user may change."""
    if is_admin(user):
        return Satker.objects.all()
    ids = [p.satker_id for p in _peran(user) if p.jenis in PENULIS]
    return Satker.objects.filter(pk__in=ids)


def peran_di(user: User | AnonymousUser, satker: Satker) -> set[str]:
    """The user's roles held directly at this satker (admins hold ADMIN everywhere)."""
    jenis = {p.jenis for p in _peran(user) if p.satker_id == satker.pk}
    if is_admin(user):
        jenis.add(Peran.Jenis.ADMIN)
    return jenis


def can_read(user: User | AnonymousUser, satker: Satker) -> bool:
    """`satker in satker_visible(user)`, decided from the user's roles without a query."""
    if is_admin(user):
        return True
    for p in _peran(user):
        if p.satker_id == satker.pk or p.jenis == Peran.Jenis.APIP:
            return True
        if p.jenis == Peran.Jenis.REVIEWER and (
            p.satker.tingkat == Satker.Tingkat.RI or satker.induk_id == p.satker_id
        ):
            return True
    return False


def can_write(user: User | AnonymousUser, satker: Satker) -> bool:
    return is_admin(user) or bool(peran_di(user, satker) & set(PENULIS))


def _berperan(user: User | AnonymousUser, satker: Satker, *jenis: str) -> bool:
    return is_admin(user) or bool(peran_di(user, satker) & set(jenis))


def can_submit_pk(user: User | AnonymousUser, satker: Satker) -> bool:
    """Submitting a PK (and drafting its revision) is for the sekretaris and the ketua."""
    return _berperan(user, satker, Peran.Jenis.SEKRETARIS, Peran.Jenis.KETUA)


def can_sign_pk(user: User | AnonymousUser, satker: Satker) -> bool:
    """Only the ketua signs: pihak pertama of the PK KPU, pihak kedua of the PK Sekretariat."""
    return _berperan(user, satker, Peran.Jenis.KETUA)


def can_close_periode(user: User | AnonymousUser, satker: Satker) -> bool:
    """Closing and reopening a quarter is the sekretaris's."""
    return _berperan(user, satker, Peran.Jenis.SEKRETARIS)


def satker_utama(user: User | AnonymousUser) -> Satker | None:
    """The satker a user works for: the first where they hold a role (None for none)."""
    peran = sorted(_peran(user), key=lambda p: (p.jenis == Peran.Jenis.REVIEWER, p.satker.kode))
    return peran[0].satker if peran else None


def can_review(user: User | AnonymousUser, satker: Satker) -> bool:
    """May the user see the rekap of this satker (a province, or KPU RI for the national one)?

    Admins, and reviewers at the satker or at the satker above it (KPU RI over a province).
    """
    if is_admin(user) or is_apip(user):
        return True
    return any(
        Peran.Jenis.REVIEWER in peran_di(user, s) for s in (satker, satker.induk) if s is not None
    )


def is_apip(user: User | AnonymousUser) -> bool:
    """The inspectorate (APIP): reviews any office's draft LKjIP; never edits data."""
    return any(p.jenis == Peran.Jenis.APIP for p in _peran(user))


# ---------------------------------------------------------------- office profile (BAB I)


@dataclass(frozen=True)
class RingkasanSDM:
    """Staff counted by status, education and rank group: the SDM tables of the report."""

    jumlah: int
    per_status: list[tuple[str, int]]
    per_pendidikan: list[tuple[str, int]]
    per_golongan: list[tuple[str, int]]


def _golongan(g: str) -> str:
    """`III/a` -> `III`; a PPPK grade (`IX`) or an empty one as written."""
    return g.split("/")[0].strip().upper()


def ringkasan_sdm(pegawai: Iterable[Pegawai]) -> RingkasanSDM:
    """Counts in the order of the choices; a status or level nobody has is left out."""
    daftar = list(pegawai)
    status = Counter(p.status for p in daftar)
    pendidikan = Counter(p.pendidikan for p in daftar)
    golongan = Counter(_golongan(p.golongan) for p in daftar if p.status == Pegawai.Status.PNS)
    urutan_gol = ("I", "II", "III", "IV")
    return RingkasanSDM(
        len(daftar),
        [(label, status[v]) for v, label in Pegawai.Status.choices if status[v]],
        [(label, pendidikan[v]) for v, label in Pegawai.Pendidikan.choices if pendidikan[v]],
        [
            (f"Golongan {g}" if g else "Tanpa golongan", n)
            for g, n in sorted(
                golongan.items(),
                key=lambda x: (urutan_gol.index(x[0]) if x[0] in urutan_gol else 9, x[0]),
            )
        ],
    )


def aset_per_jenis(satker_qs: QuerySet[Satker], tahun: int) -> dict[int, dict[str, int]]:
    """State property of many offices: items in good condition per kind (satker id -> kind ->
    count), in one query."""
    hasil: dict[int, dict[str, int]] = {}
    for r in (
        Aset.objects.filter(satker__in=satker_qs, tahun=tahun, kondisi=Aset.Kondisi.BAIK)
        .order_by()
        .values("satker_id", "jenis")
        .annotate(n=Sum("jumlah"))
    ):
        hasil.setdefault(r["satker_id"], {})[r["jenis"]] = r["n"]
    return hasil


def pegawai_per_status(satker_qs: QuerySet[Satker], tahun: int) -> dict[int, dict[str, int]]:
    """Staff of many offices by status (satker id -> status -> count), in one query."""
    hasil: dict[int, dict[str, int]] = {}
    for r in (
        Pegawai.objects.filter(satker__in=satker_qs, tahun=tahun)
        .order_by()
        .values("satker_id", "status")
        .annotate(n=Count("id"))
    ):
        hasil.setdefault(r["satker_id"], {})[r["status"]] = r["n"]
    return hasil

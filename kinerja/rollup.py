"""Rollups: every satker a user may read, side by side, in a fixed number of queries.

A provincial reviewer sees its province and its kab/kota, KPU RI sees everything. Each figure
comes from the capaian engine through the same selectors the report uses
(`kebijakan_per_satker`, `baris_queryset`, `ukur_baris`); nothing is computed here but counts.
The queries do not depend on the number of satker: tests assert it with 5 and with 50.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from types import SimpleNamespace

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q
from django.utils import timezone

from kinerja import capaian as engine
from kinerja.models import BarisAnggaran, Dipa, PerjanjianKinerja, RevisiDipa
from kinerja.selectors import (
    Kebijakan,
    Pengukuran,
    RingkasanAnggaran,
    baris_queryset,
    kebijakan_per_satker,
    ukur_baris,
)
from laporan import checks
from laporan import selectors as lap_sel
from laporan.models import LaporanKinerja
from satker.models import Peran, Satker
from satker.selectors import is_admin, peran_di, satker_visible

JENIS_PK = tuple(PerjanjianKinerja.Jenis)
ST = PerjanjianKinerja.Status
# Quarter ends; a quarter without realisasi after its end is late.
AKHIR_TRIWULAN = {
    engine.Periode.TW1: (3, 31),
    engine.Periode.TW2: (6, 30),
    engine.Periode.TW3: (9, 30),
    engine.Periode.TW4: (12, 31),
}


def dapat_rekap(user: User | AnonymousUser, satker: Satker) -> bool:
    """May the user see the rollup of this satker (a province, or KPU RI for the national one)?

    Admins, and reviewers at the satker or at the satker above it (KPU RI over a province).
    """
    if is_admin(user):
        return True
    return any(
        Peran.Jenis.REVIEWER in peran_di(user, s) for s in (satker, satker.induk) if s is not None
    )


def batas_pk(tahun: int) -> dt.date:
    """A PK is signed in January of its year (domain.md section 2)."""
    return dt.date(tahun, 1, 31)


def batas_laporan(tahun: int) -> dt.date:
    """The LKjIP is due two months after the year ends (Perpres 29/2014): end of February."""
    return dt.date(tahun + 1, 3, 1) - dt.timedelta(days=1)


def akhir_triwulan(tahun: int, periode: str) -> dt.date:
    bulan, hari = AKHIR_TRIWULAN[periode]
    return dt.date(tahun, bulan, hari)


@dataclass(frozen=True)
class RekapPK:
    """One PK of a satker in a rollup: its latest version, status and measured rows."""

    jenis: str
    perjanjian: PerjanjianKinerja | None
    pengukuran: list[Pengukuran]
    ringkasan: engine.RingkasanCapaian
    kategori: str

    @property
    def status(self) -> str:
        return self.perjanjian.status if self.perjanjian else ""

    @property
    def status_label(self) -> str:
        return self.perjanjian.get_status_display() if self.perjanjian else "Belum ada"

    @property
    def ditandatangani(self) -> bool:
        return self.status == ST.DITANDATANGANI


@dataclass(frozen=True)
class Kelengkapan:
    """How many PK rows have a realisasi for a quarter, and whether the quarter has ended."""

    periode: str
    terisi: int
    jumlah: int
    berakhir: bool

    @property
    def lengkap(self) -> bool:
        return self.terisi == self.jumlah

    @property
    def terlambat(self) -> bool:
        return self.berakhir and self.jumlah > 0 and not self.lengkap


@dataclass(frozen=True)
class BarisRekap:
    """One satker in a rollup."""

    satker: Satker
    provinsi: Satker | None
    pk: dict[str, RekapPK]
    ringkasan: engine.RingkasanCapaian
    kategori: str
    kelengkapan: list[Kelengkapan]
    anggaran: engine.Total
    pagu_dipa: int | None
    status_laporan: str
    status_laporan_label: str
    laporan_final: bool
    temuan: int
    terlambat: list[str] = field(default_factory=list)

    @property
    def di_bawah_target(self) -> int:
        return self.ringkasan.di_bawah_target

    @property
    def capaian(self) -> Decimal | None:
        return self.ringkasan.rata_rata

    @property
    def serapan(self) -> Decimal | None:
        return self.anggaran.serapan


def _provinsi(s: Satker) -> Satker | None:
    """`Satker.provinsi` without a query: `induk` is selected with the satker."""
    if s.tingkat == Satker.Tingkat.PROVINSI:
        return s
    if s.tingkat in (Satker.Tingkat.KABUPATEN, Satker.Tingkat.KOTA):
        return s.induk
    return None


def satker_rekap(
    *,
    user: User | AnonymousUser,
    provinsi: Satker | None = None,
    satker: Satker | None = None,
) -> list[Satker]:
    """The satker of a rollup: all the user may read, those of one province, or just one."""
    qs = satker_visible(user).select_related("induk")
    if provinsi is not None:
        qs = qs.filter(Q(pk=provinsi.pk) | Q(induk_id=provinsi.pk))
    if satker is not None:
        qs = qs.filter(pk=satker.pk)
    return list(qs.order_by("kode"))


def _pk_terbaru(satker_ids: list[int], tahun: int) -> dict[tuple[int, str], PerjanjianKinerja]:
    terbaru: dict[tuple[int, str], PerjanjianKinerja] = {}
    for pk in PerjanjianKinerja.objects.filter(satker_id__in=satker_ids, tahun=tahun).order_by(
        "satker_id", "jenis", "versi"
    ):
        terbaru[pk.satker_id, pk.jenis] = pk
    return terbaru


def _pengukuran_per_pk(
    perjanjian: Iterable[PerjanjianKinerja], kebijakan: dict[int, Kebijakan]
) -> dict[int, list[Pengukuran]]:
    satker_of = {pk.pk: pk.satker_id for pk in perjanjian}
    hasil: dict[int, list[Pengukuran]] = defaultdict(list)
    baris = (
        baris_queryset()
        .filter(perjanjian_id__in=list(satker_of))
        .order_by("perjanjian_id", "urutan", "id")
    )
    for b in baris:
        hasil[b.perjanjian_id].append(ukur_baris(b, kebijakan[satker_of[b.perjanjian_id]]))
    return hasil


def _ringkasan_anggaran(satker_ids: list[int], tahun: int) -> dict[int, RingkasanAnggaran]:
    """`kinerja.selectors.ringkasan_anggaran` for many satker at once, in three queries."""
    dipa = {d.pk: d for d in Dipa.objects.filter(satker_id__in=satker_ids, tahun=tahun)}
    revisi: dict[int, list[RevisiDipa]] = defaultdict(list)
    for r in RevisiDipa.objects.filter(dipa_id__in=list(dipa)).order_by(
        "dipa_id", "urutan", "tanggal", "id"
    ):
        revisi[r.dipa_id].append(r)
    baris: dict[int, list[BarisAnggaran]] = defaultdict(list)
    for b in (
        BarisAnggaran.objects.filter(dipa_id__in=list(dipa))
        .select_related("program", "kegiatan")
        .order_by("program__kode", "kegiatan__kode", "urutan", "output_kode", "akun_kode", "id")
    ):
        baris[b.dipa_id].append(b)
    return {
        d.satker_id: RingkasanAnggaran(
            dipa=d,
            revisi=revisi[d.pk],
            baris=baris[d.pk],
            total=engine.total(baris[d.pk]),
            per_program=engine.total_per(baris[d.pk], lambda b: b.program),
            per_kegiatan=engine.total_per(baris[d.pk], lambda b: (b.program, b.kegiatan)),
            per_sumber=engine.total_per(baris[d.pk], lambda b: b.sumber),
        )
        for d in dipa.values()
    }


def _label_laporan(lap: LaporanKinerja | None) -> str:
    return f"{lap.get_status_display()} v{lap.versi}" if lap else "Belum ada"


def _laporan_terbaru(satker_ids: list[int], tahun: int) -> dict[int, LaporanKinerja]:
    terbaru = {}
    for lap in (
        LaporanKinerja.objects.filter(satker_id__in=satker_ids, tahun=tahun)
        .prefetch_related("justifikasi")
        .order_by("satker_id", "versi")
    ):
        terbaru[lap.satker_id] = lap
    return terbaru


def _temuan_terbuka(
    satker: Satker,
    tahun: int,
    pk: dict[str, RekapPK],
    anggaran: RingkasanAnggaran | None,
    laporan: LaporanKinerja | None,
) -> int:
    """Open findings of the report's data checks (PK and budget), through laporan.checks."""
    data_pk = [
        SimpleNamespace(jenis=j, baris=[lap_sel._baris_ukur(u, j) for u in r.pengukuran])
        for j, r in pk.items()
        if r.perjanjian is not None
    ]
    data = SimpleNamespace(
        kode=satker.kode,
        tahun=tahun,
        pk=data_pk,
        semua_baris=[b for p in data_pk for b in p.baris],
        anggaran=lap_sel._anggaran(anggaran),
        justifikasi={j.kunci: j for j in laporan.justifikasi.all()} if laporan else {},
    )
    temuan = checks.cek_pk(data) + checks.cek_anggaran(data)
    return len(checks.belum_dijustifikasi(data, temuan))


def _rekap_pk(
    jenis: str, pk: PerjanjianKinerja | None, ukur: list[Pengukuran], kebijakan: Kebijakan
) -> RekapPK:
    ringkasan = engine.ringkas_capaian(p.capaian for p in ukur)
    return RekapPK(
        jenis=jenis,
        perjanjian=pk,
        pengukuran=ukur,
        ringkasan=ringkasan,
        kategori=engine.kategori(ringkasan.rata_rata, kebijakan.skala),
    )


def _kelengkapan(ukur: list[Pengukuran], tahun: int, today: dt.date) -> list[Kelengkapan]:
    return [
        Kelengkapan(
            periode=p,
            terisi=sum(1 for u in ukur if u.realisasi.get(p) is not None),
            jumlah=len(ukur),
            berakhir=today > akhir_triwulan(tahun, p),
        )
        for p in engine.TRIWULAN
    ]


def _terlambat(
    pk: dict[str, RekapPK],
    kelengkapan: list[Kelengkapan],
    laporan_final: bool,
    tahun: int,
    today: dt.date,
) -> list[str]:
    alasan = []
    if today > batas_pk(tahun):
        alasan += [
            f"{PerjanjianKinerja.Jenis(j).label} belum ditandatangani"
            for j, r in pk.items()
            if not r.ditandatangani
        ]
    alasan += [
        f"Realisasi {engine.Periode(k.periode).label} belum lengkap ({k.terisi}/{k.jumlah})"
        for k in kelengkapan
        if k.terlambat
    ]
    if today > batas_laporan(tahun) and not laporan_final:
        alasan.append("LKjIP belum final")
    return alasan


def rollup_satker(
    *,
    user: User | AnonymousUser,
    tahun: int,
    provinsi: Satker | None = None,
    satker: Satker | None = None,
    today: dt.date | None = None,
) -> list[BarisRekap]:
    """Each satker the user may read (in one province, or all, or one), with its figures."""
    today = today or timezone.localdate()
    daftar = satker_rekap(user=user, provinsi=provinsi, satker=satker)
    ids = [s.pk for s in daftar]
    kebijakan = kebijakan_per_satker(ids, tahun)
    pk_terbaru = _pk_terbaru(ids, tahun)
    ukur_per_pk = _pengukuran_per_pk(pk_terbaru.values(), kebijakan)
    anggaran = _ringkasan_anggaran(ids, tahun)
    laporan = _laporan_terbaru(ids, tahun)

    hasil = []
    for s in daftar:
        per_jenis = {}
        for j in JENIS_PK:
            pk = pk_terbaru.get((s.pk, j))
            ukur = ukur_per_pk.get(pk.pk, []) if pk else []
            per_jenis[j] = _rekap_pk(j, pk, ukur, kebijakan[s.pk])
        semua = [u for r in per_jenis.values() for u in r.pengukuran]
        ringkasan = engine.ringkas_capaian(u.capaian for u in semua)
        kelengkapan = _kelengkapan(semua, tahun, today)
        lap, ang = laporan.get(s.pk), anggaran.get(s.pk)
        final = bool(lap and lap.final)
        hasil.append(
            BarisRekap(
                satker=s,
                provinsi=_provinsi(s),
                pk=per_jenis,
                ringkasan=ringkasan,
                kategori=engine.kategori(ringkasan.rata_rata, kebijakan[s.pk].skala),
                kelengkapan=kelengkapan,
                anggaran=ang.total if ang else engine.Total(),
                pagu_dipa=ang.revisi_terakhir.pagu if ang and ang.revisi_terakhir else None,
                status_laporan=lap.status if lap else "",
                status_laporan_label=f"{lap.get_status_display()} v{lap.versi}"
                if lap
                else "Belum ada",
                laporan_final=final,
                temuan=_temuan_terbuka(s, tahun, per_jenis, ang, lap),
                terlambat=_terlambat(per_jenis, kelengkapan, final, tahun, today),
            )
        )
    return hasil


# ---------------------------------------------------------------- filters, order, groups

STATUS_FILTER = {
    "terlambat": ("Terlambat", lambda b: bool(b.terlambat)),
    "di-bawah-target": ("Ada indikator di bawah target", lambda b: b.di_bawah_target > 0),
    "pk-belum-ditandatangani": (
        "PK belum ditandatangani",
        lambda b: any(not r.ditandatangani for r in b.pk.values()),
    ),
    "laporan-belum-final": ("LKjIP belum final", lambda b: not b.laporan_final),
    "ada-temuan": ("Ada temuan konsistensi", lambda b: b.temuan > 0),
}

URUTAN = {
    "kode": ("Kode", lambda b: b.satker.kode),
    "nama": ("Nama", lambda b: b.satker.nama),
    "capaian": ("Capaian", lambda b: b.capaian),
    "di_bawah_target": ("Di bawah target", lambda b: b.di_bawah_target),
    "serapan": ("Serapan", lambda b: b.serapan),
    "pagu": ("Pagu", lambda b: b.anggaran.pagu),
    "terlambat": ("Terlambat", lambda b: len(b.terlambat)),
    "temuan": ("Temuan", lambda b: b.temuan),
}
URUTAN_BAKU = "-capaian"


def saring(baris: list[BarisRekap], status: str) -> list[BarisRekap]:
    """Only the rows with a status from STATUS_FILTER; an unknown status filters nothing."""
    if status not in STATUS_FILTER:
        return baris
    cocok = STATUS_FILTER[status][1]
    return [b for b in baris if cocok(b)]


def urutkan(baris: list[BarisRekap], urut: str) -> list[BarisRekap]:
    """Sort by a key of URUTAN, descending with a leading '-'; rows without a value go last."""
    kunci = urut.removeprefix("-")
    if kunci not in URUTAN:
        kunci, urut = URUTAN_BAKU.removeprefix("-"), URUTAN_BAKU
    ambil = URUTAN[kunci][1]
    ada = [b for b in baris if ambil(b) is not None]
    tanpa = [b for b in baris if ambil(b) is None]
    ada.sort(key=lambda b: (ambil(b), b.satker.kode), reverse=urut.startswith("-"))
    return ada + tanpa


@dataclass(frozen=True)
class RekapProvinsi:
    """The satker of one province (or KPU RI alone) taken together."""

    provinsi: Satker | None
    baris: list[BarisRekap]
    ringkasan: engine.RingkasanCapaian
    anggaran: engine.Total

    @property
    def jumlah_terlambat(self) -> int:
        return sum(1 for b in self.baris if b.terlambat)

    @property
    def jumlah_di_bawah_target(self) -> int:
        return sum(1 for b in self.baris if b.di_bawah_target)

    @property
    def jumlah_temuan(self) -> int:
        return sum(b.temuan for b in self.baris)


def per_provinsi(baris: list[BarisRekap]) -> list[RekapProvinsi]:
    """Group rollup rows by province (KPU RI first), each with its overall figures."""
    grup: dict[int | None, list[BarisRekap]] = defaultdict(list)
    provinsi: dict[int | None, Satker | None] = {}
    for b in baris:
        kunci = b.provinsi.pk if b.provinsi else None
        grup[kunci].append(b)
        provinsi[kunci] = b.provinsi
    urut = sorted(grup, key=lambda k: "" if k is None else provinsi[k].kode)
    return [
        RekapProvinsi(
            provinsi=provinsi[k],
            baris=grup[k],
            ringkasan=engine.ringkas_capaian(
                u.capaian for b in grup[k] for r in b.pk.values() for u in r.pengukuran
            ),
            anggaran=sum((b.anggaran for b in grup[k]), engine.Total()),
        )
        for k in urut
    ]


# ---------------------------------------------------------------- one indicator, many satker


@dataclass(frozen=True)
class PilihanIndikator:
    """An indicator to compare: a Renstra indicator (`ik:<id>`) or a row text (`teks:<text>`)."""

    kunci: str
    nama: str
    jumlah_satker: int


@dataclass(frozen=True)
class BarisIndikator:
    satker: Satker
    pengukuran: Pengukuran | None
    peringkat: int | None


def _kunci_baris(indikator_kinerja_id: int | None, indikator: str) -> str:
    return f"ik:{indikator_kinerja_id}" if indikator_kinerja_id else f"teks:{indikator.strip()}"


def pilihan_indikator(
    *, user: User | AnonymousUser, tahun: int, provinsi: Satker | None = None
) -> list[PilihanIndikator]:
    """The indicators measured in the latest PKs of the rollup's satker, most common first."""
    ids = [s.pk for s in satker_rekap(user=user, provinsi=provinsi)]
    pk_ids = [pk.pk for pk in _pk_terbaru(ids, tahun).values()]
    satker_per: dict[str, set[int]] = defaultdict(set)
    nama: dict[str, str] = {}
    for ik_id, ik_nama, teks, satker_id in (
        baris_queryset()
        .filter(perjanjian_id__in=pk_ids)
        .values_list(
            "indikator_kinerja_id", "indikator_kinerja__nama", "indikator", "perjanjian__satker_id"
        )
        .order_by()
    ):
        kunci = _kunci_baris(ik_id, teks)
        satker_per[kunci].add(satker_id)
        nama.setdefault(kunci, ik_nama or teks.strip())
    return sorted(
        (PilihanIndikator(k, nama[k], len(v)) for k, v in satker_per.items()),
        key=lambda p: (-p.jumlah_satker, p.nama),
    )


def rollup_indikator(
    *, user: User | AnonymousUser, tahun: int, kunci: str, provinsi: Satker | None = None
) -> list[BarisIndikator]:
    """One indicator across the rollup's satker, ranked by capaian (those without one last)."""
    daftar = satker_rekap(user=user, provinsi=provinsi)
    ids = [s.pk for s in daftar]
    kebijakan = kebijakan_per_satker(ids, tahun)
    pk_terbaru = _pk_terbaru(ids, tahun)
    satker_of = {pk.pk: pk.satker_id for pk in pk_terbaru.values()}
    jenis, _, nilai = kunci.partition(":")
    if jenis == "ik" and nilai.isdigit():
        cocok = Q(indikator_kinerja_id=int(nilai))
    elif jenis == "teks" and nilai:
        cocok = Q(indikator_kinerja__isnull=True, indikator__iexact=nilai)
    else:
        cocok = Q(pk__in=[])
    ukur: dict[int, Pengukuran] = {}
    for b in (
        baris_queryset()
        .filter(cocok, perjanjian_id__in=list(satker_of))
        .order_by("perjanjian__jenis", "urutan", "id")
    ):
        sid = satker_of[b.perjanjian_id]
        ukur.setdefault(sid, ukur_baris(b, kebijakan[sid]))
    ada = sorted(
        (s for s in daftar if s.pk in ukur and ukur[s.pk].capaian.ada),
        key=lambda s: (-ukur[s.pk].capaian.nilai, s.kode),
    )
    tanpa = [s for s in daftar if not (s.pk in ukur and ukur[s.pk].capaian.ada)]
    return [BarisIndikator(s, ukur[s.pk], i) for i, s in enumerate(ada, 1)] + [
        BarisIndikator(s, ukur.get(s.pk), None) for s in tanpa
    ]

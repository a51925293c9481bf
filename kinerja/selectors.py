"""Reads that feed the capaian engine: one place turns stored rows into engine inputs.

The web pages, the API, the report, the workbook export and the rekap all measure PK rows and
sum budget lines through these functions, so a figure is computed the same way everywhere.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from typing import Any

from django.db.models import Count, Max, Model, Prefetch, Q, QuerySet, Sum, prefetch_related_objects
from django.http import HttpRequest
from django.utils import timezone

from common import format as fmt
from kinerja import capaian as engine
from kinerja import jadwal
from kinerja.capaian import TRIWULAN
from kinerja.katalog import calon_katalog, indikator_baris
from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Dipa,
    IndikatorKinerja,
    KebijakanCapaian,
    Pemilihan,
    PemilihKecamatan,
    PenutupanPeriode,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    RevisiDipa,
    TargetRenstra,
)
from kinerja.nilai import Nilai, nilai_tersimpan
from satker.models import Satker


@dataclass(frozen=True)
class Kebijakan:
    """The capaian policy in force for a satker and year (defaults when none is set)."""

    skala: engine.Skala = engine.SKALA_STANDAR
    nama_skala: str = "Standar"
    rumus_turun: str = engine.RumusTurun.SELISIH
    batas_atas: Decimal | None = None
    wajib_reviu_apip: bool = False
    rencana_serapan: tuple[Decimal, ...] = engine.RENCANA_SERAPAN


def _kebijakan(obj: KebijakanCapaian | None) -> Kebijakan:
    if obj is None:
        return Kebijakan()
    return Kebijakan(
        obj.skala.as_skala(),
        obj.skala.nama,
        obj.rumus_turun,
        obj.batas_atas,
        obj.wajib_reviu_apip,
        tuple(getattr(obj, f"rencana_serapan_tw{i}") for i in range(1, 5)),
    )


def kebijakan_per_satker(satker_ids: Iterable[int], tahun: int) -> dict[int, Kebijakan]:
    """The policy of each satker for a year, in a fixed number of queries."""
    satker_ids = list(satker_ids)
    rows = KebijakanCapaian.objects.filter(tahun=tahun).prefetch_related("skala__tingkat")
    if len(satker_ids) <= 50:  # more: the year's few policies, not an IN of every satker
        rows = rows.filter(Q(satker__isnull=True) | Q(satker_id__in=satker_ids))
    dibuat = {k.satker_id: _kebijakan(k) for k in rows}  # policies are immutable: shared
    nasional = dibuat.get(None) or _kebijakan(None)
    return {sid: dibuat.get(sid, nasional) for sid in satker_ids}


def kebijakan_untuk(satker: Satker, tahun: int) -> Kebijakan:
    return kebijakan_per_satker([satker.pk], tahun)[satker.pk]


@dataclass(frozen=True)
class MasukanBaris:
    """The engine inputs of one PK row, read from its stored values."""

    target: Nilai | None
    realisasi: dict[str, Nilai | None]
    target_triwulan: dict[str, Nilai | None]
    arah: str
    agregasi: str
    rumus_turun: str
    # the year's realisasi computed from the office's election data (participation indicators)
    dari_pemilu: bool = False
    # the year's realisasi is the grade of the office's final AKIP evaluation (SUMBER_REALISASI)
    dari_lke: bool = False


# The stored fields `masukan_baris` reads: of a PK row, and of a realisasi or quarterly target.
KOLOM_BARIS = (
    "jenis_nilai",
    "arah",
    "agregasi",
    "rumus_turun",
    "target",
    "target_angka",
    "target_kode",
)
KOLOM_NILAI = ("periode", "teks", "teks_angka", "teks_kode")


def masukan_baris(
    baris: Mapping[str, Any],
    realisasi: Iterable[Mapping[str, Any]],
    target_triwulan: Iterable[Mapping[str, Any]] = (),
    pemilu: Decimal | Nilai | None = None,
) -> MasukanBaris:
    """The one path from stored values to engine inputs: `values()` rows or a model's `vars()`.

    `baris` holds KOLOM_BARIS, each realisasi and quarterly target KOLOM_NILAI. `pemilu` is the
    row's figure from the election data (`partisipasi_baris`): it is the year's realisasi, and
    whatever was typed for the year gives way to it.
    """
    jenis = baris["jenis_nilai"]

    def baca(r: Mapping[str, Any]) -> Nilai | None:
        return nilai_tersimpan(r["teks"], r["teks_angka"], r["teks_kode"], jenis)

    per_periode = {r["periode"]: baca(r) for r in realisasi}
    dari_lke = isinstance(pemilu, Nilai)
    if pemilu is not None:
        per_periode[engine.Periode.TAHUNAN] = (
            pemilu if dari_lke else Nilai(jenis, pemilu, satuan="%")
        )
    return MasukanBaris(
        target=nilai_tersimpan(baris["target"], baris["target_angka"], baris["target_kode"], jenis),
        realisasi=per_periode,
        target_triwulan={t["periode"]: baca(t) for t in target_triwulan},
        arah=baris["arah"],
        agregasi=baris["agregasi"],
        rumus_turun=baris["rumus_turun"],
        dari_pemilu=pemilu is not None and not dari_lke,
        dari_lke=dari_lke,
    )


# ---------------------------------------------------------------- election data


def data_pemilih_per_satker(
    satker_ids: Iterable[int] | QuerySet, tahun: Iterable[int]
) -> dict[tuple[int, int], engine.DataPemilih]:
    """Voter counts per (satker, year), summed over the elections held, in one query (the satker
    may be a queryset: a subquery)."""
    tahun = list(tahun)
    if not isinstance(satker_ids, QuerySet):
        satker_ids = list(satker_ids)
        if not satker_ids:
            return {}
    if not tahun:
        return {}
    qs = (
        Pemilihan.objects.filter(satker_id__in=satker_ids, tahun__in=tahun)
        .annotate(
            n=Count("kecamatan"),
            s_dpt_l=Sum("kecamatan__dpt_l"),
            s_dpt_p=Sum("kecamatan__dpt_p"),
            s_tps=Sum("kecamatan__tps"),
            s_pengguna_l=Sum("kecamatan__pengguna_l"),
            s_pengguna_p=Sum("kecamatan__pengguna_p"),
            kosong_l=Count("kecamatan", filter=Q(kecamatan__pengguna_l__isnull=True)),
            kosong_p=Count("kecamatan", filter=Q(kecamatan__pengguna_p__isnull=True)),
        )
        .filter(n__gt=0)
        .order_by()
    )
    per: dict[tuple[int, int], list[engine.DataPemilih]] = defaultdict(list)
    for p in qs:
        per[p.satker_id, p.tahun].append(
            engine.DataPemilih(
                dpt_l=p.s_dpt_l,
                dpt_p=p.s_dpt_p,
                tps=p.s_tps,
                pengguna_l=None if p.kosong_l else p.s_pengguna_l,
                pengguna_p=None if p.kosong_p else p.s_pengguna_p,
                dpt_disabilitas=p.dpt_disabilitas,
                pengguna_disabilitas=p.pengguna_disabilitas,
                dpt_pemula=p.dpt_pemula,
                pengguna_pemula=p.pengguna_pemula,
            )
        )
    return {k: engine.jumlah_pemilih(v) for k, v in per.items()}


@dataclass(frozen=True)
class RincianPemilihan:
    """An election with its kecamatan rows (each with its counts) and its totals."""

    pemilihan: Pemilihan
    kecamatan: list[tuple[PemilihKecamatan, engine.DataPemilih]]
    jumlah: engine.DataPemilih


def _data_kecamatan(k: PemilihKecamatan) -> engine.DataPemilih:
    return engine.DataPemilih(k.dpt_l, k.dpt_p, k.tps, k.pengguna_l, k.pengguna_p)


def rincian_pemilihan(satker: Satker, tahun: int) -> list[RincianPemilihan]:
    """The elections an office held in a year, for its page and its report (two queries)."""
    hasil = []
    for p in Pemilihan.objects.filter(satker=satker, tahun=tahun).prefetch_related("kecamatan"):
        kecamatan = [(k, _data_kecamatan(k)) for k in p.kecamatan.all()]
        jumlah = dataclasses.replace(
            engine.jumlah_pemilih(d for _, d in kecamatan),
            dpt_disabilitas=p.dpt_disabilitas,
            pengguna_disabilitas=p.pengguna_disabilitas,
            dpt_pemula=p.dpt_pemula,
            pengguna_pemula=p.pengguna_pemula,
        )
        hasil.append(RincianPemilihan(p, kecamatan, jumlah))
    return hasil


# Realisasi another app computes from its own data, by `IndikatorKinerja.data_pemilu` value:
# a function of {(satker id, year)} answering {(satker id, year): Nilai} for the pairs it knows.
# The app registers it when it is ready (evaluasi: "AKIP", the grade of the final evaluation).
SUMBER_REALISASI: dict[str, Callable[[set[tuple[int, int]]], dict[tuple[int, int], Nilai]]] = {}


def realisasi_dihitung(jenis: str, pasangan: Iterable[tuple[int, int]]) -> dict:
    """A registered source's values for (satker id, year) pairs; {} when none is registered."""
    sumber = SUMBER_REALISASI.get(jenis)
    pasangan = set(pasangan)
    return sumber(pasangan) if sumber and pasangan else {}


def partisipasi_baris(
    baris: Iterable[tuple[int, int, int, str]],
) -> dict[int, Decimal | Nilai]:
    """The realisasi of PK rows whose catalogue indicator the system computes.

    `baris` holds (row id, satker id, year, `IndikatorKinerja.data_pemilu`); rows of other
    indicators may be left out. A participation figure is a Decimal (one query, none when no row
    is a participation row), a registered source's value a Nilai (SUMBER_REALISASI); a row is
    missing from the answer when there is nothing to compute it from.
    """
    baris = [b for b in baris if b[3]]
    if not baris:
        return {}
    pemilu = [b for b in baris if b[3] not in SUMBER_REALISASI]
    data = data_pemilih_per_satker({b[1] for b in pemilu}, {b[2] for b in pemilu}) if pemilu else {}
    lain = {
        jenis: realisasi_dihitung(jenis, ((b[1], b[2]) for b in baris if b[3] == jenis))
        for jenis in {b[3] for b in baris} & set(SUMBER_REALISASI)
    }
    hasil: dict[int, Decimal | Nilai] = {}
    for bid, sid, tahun, jenis in baris:
        if jenis in lain:
            nilai = lain[jenis].get((sid, tahun))
        else:
            nilai = data[sid, tahun].partisipasi()[jenis] if (sid, tahun) in data else None
        if nilai is not None:
            hasil[bid] = nilai
    return hasil


def partisipasi_untuk(baris: Iterable[BarisPK]) -> dict[int, Decimal]:
    """`partisipasi_baris` of model rows (their indicator and PK are read for participation
    rows only: select them with the rows)."""
    return partisipasi_baris(
        (b.pk, b.perjanjian.satker_id, b.perjanjian.tahun, b.indikator_kinerja.data_pemilu)
        for b in baris
        if b.indikator_kinerja_id and b.indikator_kinerja.data_pemilu
    )


@dataclass(frozen=True)
class Pengukuran:
    """A PK row measured: its values per period, the year value, capaian and category.

    `baris` is the row when it was measured from a model instance (None from `values()` rows).
    """

    masukan: MasukanBaris
    kebijakan: Kebijakan
    realisasi_tahun: Nilai | None
    capaian: engine.Capaian
    kategori: str
    rumus: str
    baris: BarisPK | None = None

    @property
    def target(self) -> Nilai | None:
        return self.masukan.target

    @property
    def realisasi(self) -> dict[str, Nilai | None]:
        return self.masukan.realisasi

    def _hitung(self, target: Nilai | None, realisasi: Nilai | None) -> engine.Capaian:
        return engine.hitung_capaian(
            target,
            realisasi,
            arah=self.masukan.arah,
            rumus_turun=self.masukan.rumus_turun or self.kebijakan.rumus_turun,
            batas_atas=self.kebijakan.batas_atas,
        )

    @cached_property
    def capaian_triwulan(self) -> dict[str, engine.Capaian]:
        """Capaian per quarter with a realisasi, against the quarter's target (or the year's)."""
        m = self.masukan
        return {
            p: self._hitung(m.target_triwulan.get(p) or m.target, m.realisasi[p])
            for p in engine.TRIWULAN
            if m.realisasi.get(p) is not None
        }

    @property
    def rekaman(self) -> dict[str, Realisasi]:
        return {r.periode: r for r in _terambil(self.baris, "realisasi")}


def _terambil(obj: Model, relasi: str) -> Iterable[Model]:
    """A prefetched relation without the related manager and queryset clone `.all()` makes."""
    cache = getattr(obj, "_prefetched_objects_cache", {})
    return cache[relasi] if relasi in cache else getattr(obj, relasi).all()


def baris_queryset() -> QuerySet[BarisPK]:
    """PK rows with what measuring them needs, so a list of rows costs a fixed number of queries."""
    return BarisPK.objects.select_related("indikator_kinerja").prefetch_related(
        _realisasi_urut(), "target_triwulan"
    )


def _realisasi_urut() -> Prefetch:
    return Prefetch("realisasi", queryset=Realisasi.objects.order_by("periode"))


def muat_ulang_realisasi(baris: BarisPK) -> None:
    """After a save, read a row's realisasi again (one query); the rest stays as loaded."""
    baris._prefetched_objects_cache.pop("realisasi", None)
    prefetch_related_objects([baris], _realisasi_urut())


def ukur(masukan: MasukanBaris, kebijakan: Kebijakan, baris: BarisPK | None = None) -> Pengukuran:
    """Measure one row from its engine inputs; capaian per quarter is computed when first read."""
    tahun = engine.realisasi_tahunan(masukan.realisasi, masukan.agregasi)
    rumus_turun = masukan.rumus_turun or kebijakan.rumus_turun
    capaian = engine.hitung_capaian(
        masukan.target,
        tahun,
        arah=masukan.arah,
        rumus_turun=rumus_turun,
        batas_atas=kebijakan.batas_atas,
    )
    return Pengukuran(
        masukan=masukan,
        kebijakan=kebijakan,
        realisasi_tahun=tahun,
        capaian=capaian,
        kategori=engine.kategori(capaian, kebijakan.skala),
        rumus=engine.nama_rumus(masukan.arah, rumus_turun),
        baris=baris,
    )


_CARI = object()


def ukur_baris(baris: BarisPK, kebijakan: Kebijakan, pemilu: Any = _CARI) -> Pengukuran:
    """Measure one row; `baris` should come from `baris_queryset()`. A list of rows passes
    each row's `partisipasi_untuk` figure as `pemilu`; alone, a row looks it up."""
    if pemilu is _CARI:
        pemilu = partisipasi_untuk([baris]).get(baris.pk)
    masukan = masukan_baris(
        vars(baris),
        (vars(r) for r in _terambil(baris, "realisasi")),
        (vars(t) for t in _terambil(baris, "target_triwulan")),
        pemilu,
    )
    return ukur(masukan, kebijakan, baris)


def pengukuran_per_pk(
    perjanjian: Iterable[PerjanjianKinerja], kebijakan: Kebijakan
) -> dict[int, list[Pengukuran]]:
    """The measured rows of several PKs of one satker, in the queries of one list of rows."""
    hasil: dict[int, list[Pengukuran]] = {p.pk: [] for p in perjanjian}
    baris = list(
        baris_queryset()
        .filter(perjanjian__in=list(hasil))
        .select_related("perjanjian__satker")
        .order_by("urutan", "id")
    )
    pemilu = partisipasi_untuk(baris)
    for b in baris:
        hasil[b.perjanjian_id].append(ukur_baris(b, kebijakan, pemilu.get(b.pk)))
    return hasil


def pengukuran_pk(
    perjanjian: PerjanjianKinerja, kebijakan: Kebijakan | None = None
) -> list[Pengukuran]:
    kebijakan = kebijakan or kebijakan_untuk(perjanjian.satker, perjanjian.tahun)
    return pengukuran_per_pk([perjanjian], kebijakan)[perjanjian.pk]


def perjanjian_terbaru(satker: Satker, tahun: int) -> dict[str, PerjanjianKinerja]:
    """The latest version of each PK (KPU, SEKRETARIAT) of a satker and year."""
    hasil: dict[str, PerjanjianKinerja] = {}
    for pk in PerjanjianKinerja.objects.filter(satker=satker, tahun=tahun).order_by(
        "jenis", "versi"
    ):
        hasil[pk.jenis] = pk
    return hasil


@dataclass(frozen=True)
class RingkasanAnggaran:
    """A satker's budget for a year: lines, totals and the DIPA revisions."""

    dipa: Dipa
    revisi: list[RevisiDipa]
    baris: list[BarisAnggaran]
    total: engine.Total
    per_program: dict
    per_kegiatan: dict
    per_sumber: dict

    @property
    def revisi_terakhir(self) -> RevisiDipa | None:
        return self.revisi[-1] if self.revisi else None

    @property
    def total_apbn(self) -> engine.Total:
        return self.per_sumber.get(BarisAnggaran.Sumber.APBN, engine.Total())

    @property
    def selisih_dipa(self) -> int | None:
        """Latest DIPA total minus the sum of the lines (0 when they agree). An election grant
        (hibah, NPHD) may be registered in the DIPA or kept outside it: a DIPA equal to the APBN
        lines alone agrees too."""
        terakhir = self.revisi_terakhir
        if terakhir is None:
            return None
        if terakhir.pagu == self.total_apbn.pagu:
            return 0
        return terakhir.pagu - self.total.pagu


def ringkasan_anggaran_per_satker(
    satker: Iterable[int] | QuerySet, tahun: int
) -> dict[int, RingkasanAnggaran]:
    """The budget of many satker (ids, or a queryset of satker ids) for a year, in three queries.

    The one source of budget sums: `ringkasan_anggaran`, the report and the rekap use it.
    """
    dipa = {d.pk: d for d in Dipa.objects.filter(satker_id__in=satker, tahun=tahun)}
    per_dipa = Q(dipa__satker_id__in=satker, dipa__tahun=tahun)
    revisi: dict[int, list[RevisiDipa]] = defaultdict(list)
    for r in RevisiDipa.objects.filter(per_dipa).order_by("dipa_id", "urutan", "tanggal", "id"):
        revisi[r.dipa_id].append(r)
    baris: dict[int, list[BarisAnggaran]] = defaultdict(list)
    for b in (
        BarisAnggaran.objects.filter(per_dipa)
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


def ringkasan_anggaran(satker: Satker, tahun: int) -> RingkasanAnggaran | None:
    return ringkasan_anggaran_per_satker([satker.pk], tahun).get(satker.pk)


def tahun_aktif() -> int:
    """The year every page opens on: the working year of the SAKIP calendar for today
    (kinerja/jadwal.py), the same for every user and page. The LKjIP pages use
    `laporan.selectors.tahun_laporan_aktif`."""
    return jadwal.tahun_kerja(timezone.localdate())


def tahun_dari(request: HttpRequest, bawaan: int | None = None) -> int:
    """The `?tahun=` of the request when it is a plausible year, else `bawaan` (by default the
    working year of the SAKIP calendar)."""
    try:
        tahun = int(request.GET.get("tahun", ""))
    except ValueError:
        tahun = 0
    if 2000 <= tahun <= 2100:
        return tahun
    return bawaan or tahun_aktif()


# ---------------------------------------------------------------- home page

ANGGARAN_BASI_HARI = 30


def status_satker(satker: Satker, tahun: int, hari_ini: dt.date) -> dict:
    """What is missing and what is due for a satker in a year (the home page)."""
    kurang, tenggat = [], []
    pk = perjanjian_terbaru(satker, tahun)
    batas_pk = jadwal.batas_pk(tahun)
    for jenis, label in PerjanjianKinerja.Jenis.choices:
        if jenis not in pk:
            kurang.append((f"{label} {tahun} belum dibuat.", None))
        elif not pk[jenis].terkunci:
            kurang.append(
                (f"{label} belum ditandatangani ({pk[jenis].get_status_display()}).", pk[jenis])
            )
    if len(kurang) and hari_ini <= batas_pk:
        tenggat.append((batas_pk, "Penandatanganan PK"))
    baris = BarisPK.objects.filter(perjanjian__in=pk.values())
    tutup = set(
        PenutupanPeriode.objects.filter(satker=satker, tahun=tahun).values_list(
            "periode", flat=True
        )
    )
    for periode in TRIWULAN:
        akhir = jadwal.akhir_triwulan(tahun, periode)
        batas = jadwal.batas_realisasi(tahun, periode)
        if akhir > hari_ini:
            if akhir - hari_ini <= dt.timedelta(days=92):
                tenggat.append((batas, f"Realisasi {periode.label}"))
            continue
        isi = Realisasi.objects.filter(baris__in=baris, periode=periode).exclude(teks="").count()
        kosong = baris.count() - isi
        if kosong > 0:
            kurang.append(
                (
                    f"{periode.label}: {kosong} dari {baris.count()} indikator belum ada "
                    "realisasi.",
                    periode,
                )
            )
        elif periode not in tutup and baris.exists():
            kurang.append((f"{periode.label} lengkap tetapi belum ditutup.", periode))
    terakhir = BarisAnggaran.objects.filter(dipa__satker=satker, dipa__tahun=tahun).aggregate(
        m=Max("diperbarui")
    )["m"]
    if terakhir is None:
        kurang.append((f"Anggaran {tahun} belum diisi.", None))
    elif (hari_ini - timezone.localtime(terakhir).date()).days > ANGGARAN_BASI_HARI:
        sejak = fmt.tanggal(timezone.localtime(terakhir))
        kurang.append((f"Realisasi anggaran belum diperbarui sejak {sejak}.", None))
    return {
        "pk": pk,
        "kurang": kurang,
        "tenggat": sorted(tenggat),
        "anggaran_terakhir": terakhir,
        "hari_realisasi": jadwal.HARI_SETELAH_TRIWULAN,
    }


# ---------------------------------------------------------------- national catalogue


def renstra_nasional(tahun: int) -> Renstra | None:
    """The national Renstra whose period holds `tahun`."""
    return Renstra.objects.filter(
        satker__isnull=True, tahun_awal__lte=tahun, tahun_akhir__gte=tahun
    ).first()


def indikator_katalog(tahun: int) -> QuerySet[IndikatorKinerja]:
    """The national catalogue's indicators for a year, in catalogue order."""
    return (
        IndikatorKinerja.objects.filter(
            sasaran__renstra__satker__isnull=True,
            sasaran__renstra__tahun_awal__lte=tahun,
            sasaran__renstra__tahun_akhir__gte=tahun,
        )
        .select_related("sasaran__renstra")
        .order_by("sasaran__urutan", "urutan", "kode")
    )


def cocokkan_katalog(baris: Iterable[BarisPK]) -> dict[int, IndikatorKinerja]:
    """For each given row, the catalogue indicator its wording matches (kinerja/katalog.py),
    for the rows that match one. One query per catalogue year."""
    calon: dict[int, dict[str, IndikatorKinerja]] = {}
    hasil = {}
    for b in baris:
        pk = b.perjanjian
        if pk.tahun not in calon:
            calon[pk.tahun] = calon_katalog(indikator_katalog(pk.tahun))
        ik = indikator_baris(b.indikator, pk.satker.nama, pk.satker.tingkat, calon[pk.tahun])
        if ik is not None:
            hasil[b.pk] = ik
    return hasil


def baris_belum_terhubung(satker_qs: QuerySet[Satker]) -> QuerySet[BarisPK]:
    """PK rows neither linked to the catalogue nor marked local, latest PK versions first."""
    return (
        BarisPK.objects.filter(
            perjanjian__satker__in=satker_qs, indikator_kinerja__isnull=True, lokal=False
        )
        .select_related("perjanjian__satker")
        .order_by("-perjanjian__tahun", "perjanjian__satker__kode", "perjanjian__jenis", "urutan")
    )


def temuan_pk(pk: PerjanjianKinerja) -> list[str]:
    """What to look at before a PK is signed: rows not linked to the national catalogue, and
    targets below the national target of their indicator for the year. Two queries."""
    baris = list(pk.baris.select_related("indikator_kinerja").order_by("urutan", "id"))
    nasional = {
        t.indikator_id: t
        for t in TargetRenstra.objects.filter(
            tahun=pk.tahun, indikator_id__in=[b.indikator_kinerja_id for b in baris]
        ).select_related("indikator")
    }
    temuan = []
    belum = [b.no for b in baris if b.indikator_kinerja_id is None and not b.lokal]
    if belum:
        temuan.append(
            f"Baris {', '.join(belum)} belum terhubung ke katalog nasional: hubungkan ke indikator "
            "Renstra yang sama maknanya, atau tandai sebagai indikator lokal."
        )
    for b in baris:
        t = nasional.get(b.indikator_kinerja_id)
        if t and engine.di_bawah_target_nasional(b.nilai_target, t.nilai, arah=b.arah):
            temuan.append(
                f"Baris {b.no}: target {b.target} di bawah target nasional {t.target} "
                f"({t.indikator.kode}, {pk.tahun}); target daerah tidak boleh lebih rendah."
            )
    return temuan

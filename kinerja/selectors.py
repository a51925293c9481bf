"""Reads that feed the capaian engine: one place turns stored rows into engine inputs.

The web pages, the API, the report, the workbook export and the rollups all measure PK rows and
sum budget lines through these functions, so a figure is computed the same way everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Prefetch, Q, QuerySet

from kinerja import capaian as engine
from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Dipa,
    KebijakanCapaian,
    PerjanjianKinerja,
    Realisasi,
    RevisiDipa,
)
from kinerja.nilai import Nilai
from satker.models import Satker


@dataclass(frozen=True)
class Kebijakan:
    """The capaian policy in force for a satker and year (defaults when none is set)."""

    skala: engine.Skala = engine.SKALA_STANDAR
    nama_skala: str = "Standar"
    rumus_turun: str = engine.RumusTurun.SELISIH
    batas_atas: Decimal | None = None


def _kebijakan(obj: KebijakanCapaian | None) -> Kebijakan:
    if obj is None:
        return Kebijakan()
    return Kebijakan(obj.skala.as_skala(), obj.skala.nama, obj.rumus_turun, obj.batas_atas)


def kebijakan_per_satker(satker_ids: Iterable[int], tahun: int) -> dict[int, Kebijakan]:
    """The policy of each satker for a year, in a fixed number of queries."""
    satker_ids = list(satker_ids)
    rows = KebijakanCapaian.objects.filter(
        Q(satker__isnull=True) | Q(satker_id__in=satker_ids), tahun=tahun
    ).prefetch_related("skala__tingkat")
    nasional, sendiri = None, {}
    for k in rows:
        if k.satker_id is None:
            nasional = k
        else:
            sendiri[k.satker_id] = k
    return {sid: _kebijakan(sendiri.get(sid, nasional)) for sid in satker_ids}


def kebijakan_untuk(satker: Satker, tahun: int) -> Kebijakan:
    return kebijakan_per_satker([satker.pk], tahun)[satker.pk]


@dataclass(frozen=True)
class Pengukuran:
    """A PK row measured: its values per period, the year value, capaian and category."""

    baris: BarisPK
    target: Nilai | None
    realisasi: dict[str, Nilai | None]
    realisasi_tahun: Nilai | None
    capaian: engine.Capaian
    kategori: str
    rumus: str
    capaian_triwulan: dict[str, engine.Capaian] = field(default_factory=dict)

    @property
    def rekaman(self) -> dict[str, Realisasi]:
        return {r.periode: r for r in self.baris.realisasi.all()}


def baris_queryset() -> QuerySet[BarisPK]:
    """PK rows with what measuring them needs, so a list of rows costs a fixed number of queries."""
    return BarisPK.objects.prefetch_related(
        Prefetch("realisasi", queryset=Realisasi.objects.order_by("periode")),
        "target_triwulan",
    )


def ukur_baris(baris: BarisPK, kebijakan: Kebijakan) -> Pengukuran:
    """Measure one row; `baris` should come from `baris_queryset()`."""
    target = baris.nilai_target
    realisasi = {r.periode: r.nilai for r in baris.realisasi.all()}
    target_tw = {t.periode: t.nilai for t in baris.target_triwulan.all()}
    tahun = engine.realisasi_tahunan(realisasi, baris.agregasi)
    rumus_turun = baris.rumus_turun or kebijakan.rumus_turun

    def hitung(t: Nilai | None, r: Nilai | None) -> engine.Capaian:
        return engine.hitung_capaian(
            t, r, arah=baris.arah, rumus_turun=rumus_turun, batas_atas=kebijakan.batas_atas
        )

    capaian = hitung(target, tahun)
    per_tw = {
        p: hitung(target_tw.get(p) or target, realisasi[p])
        for p in engine.TRIWULAN
        if realisasi.get(p) is not None
    }
    return Pengukuran(
        baris=baris,
        target=target,
        realisasi=realisasi,
        realisasi_tahun=tahun,
        capaian=capaian,
        kategori=engine.kategori(capaian, kebijakan.skala),
        rumus=engine.nama_rumus(baris.arah, rumus_turun),
        capaian_triwulan=per_tw,
    )


def pengukuran_pk(
    perjanjian: PerjanjianKinerja, kebijakan: Kebijakan | None = None
) -> list[Pengukuran]:
    kebijakan = kebijakan or kebijakan_untuk(perjanjian.satker, perjanjian.tahun)
    baris = baris_queryset().filter(perjanjian=perjanjian).order_by("urutan", "id")
    return [ukur_baris(b, kebijakan) for b in baris]


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
    def selisih_dipa(self) -> int | None:
        """Latest DIPA total minus the sum of the lines (0 when they agree)."""
        terakhir = self.revisi_terakhir
        return None if terakhir is None else terakhir.pagu - self.total.pagu


def ringkasan_anggaran(satker: Satker, tahun: int) -> RingkasanAnggaran | None:
    dipa = Dipa.objects.filter(satker=satker, tahun=tahun).first()
    if dipa is None:
        return None
    revisi = list(dipa.revisi.order_by("urutan", "tanggal", "id"))
    baris = list(
        dipa.baris.select_related("program", "kegiatan").order_by(
            "program__kode", "kegiatan__kode", "urutan", "output_kode", "akun_kode", "id"
        )
    )
    return RingkasanAnggaran(
        dipa=dipa,
        revisi=revisi,
        baris=baris,
        total=engine.total(baris),
        per_program=engine.total_per(baris, lambda b: b.program),
        per_kegiatan=engine.total_per(baris, lambda b: (b.program, b.kegiatan)),
        per_sumber=engine.total_per(baris, lambda b: b.sumber),
    )


def tahun_aktif(user) -> int:
    """The year a user most likely works on: the latest year, up to this one, with a PK they can
    see; this year when there is none."""
    from django.db.models import Max
    from django.utils import timezone

    from satker.selectors import satker_visible

    tahun_ini = timezone.localdate().year
    terakhir = PerjanjianKinerja.objects.filter(
        satker__in=satker_visible(user), tahun__lte=tahun_ini
    ).aggregate(t=Max("tahun"))["t"]
    return terakhir or tahun_ini

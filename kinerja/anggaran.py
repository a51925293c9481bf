"""Budget tied to performance (issue 17): reads of the links from PK rows to DIPA lines, of the
outputs (RO) with their months, and of the lines each DIPA revision changed.

Every read returns plain data in a fixed number of queries whatever the number of offices; the
figures come from `kinerja.capaian` (shares, capaian RO, efficiency, revisions).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import QuerySet

from kinerja import capaian as engine
from kinerja.models import (
    BarisAnggaran,
    Output,
    OutputRO,
    RevisiBaris,
    RevisiDipa,
    TautanAnggaran,
    kode_baris,
)

# ---------------------------------------------------------------- links from PK rows


@dataclass(frozen=True)
class Tautan:
    id: int
    baris_id: int
    program_kode: str
    kegiatan_kode: str
    kegiatan_nama: str
    output_kode: str
    porsi: Decimal

    @property
    def kode(self) -> str:
        return ".".join(k for k in (self.kegiatan_kode, self.output_kode) if k)

    def cocok(self, b) -> bool:
        """Whether a budget line (anything with program_kode, kegiatan_kode, output_kode) is
        one this link names: the whole kegiatan, or its one output."""
        program = getattr(b, "program_kode", None) or b.program.kode
        kegiatan = getattr(b, "kegiatan_kode", None) or b.kegiatan.kode
        return (
            program == self.program_kode
            and kegiatan == self.kegiatan_kode
            and (not self.output_kode or b.output_kode == self.output_kode)
        )


def tautan_per_baris(baris_ids: Iterable[int]) -> dict[int, list[Tautan]]:
    """The budget links of PK rows, by row id (one query)."""
    hasil: dict[int, list[Tautan]] = defaultdict(list)
    qs = TautanAnggaran.objects.filter(baris_id__in=list(baris_ids)).select_related(
        "kegiatan__program"
    )
    for t in qs.order_by("baris_id", "kegiatan__kode", "output_kode", "id"):
        hasil[t.baris_id].append(
            Tautan(
                t.pk,
                t.baris_id,
                t.kegiatan.program.kode,
                t.kegiatan.kode,
                t.kegiatan.nama,
                t.output_kode,
                t.porsi,
            )
        )
    return dict(hasil)


@dataclass(frozen=True)
class SumberSasaran:
    """A kegiatan or output behind a sasaran, with the share of it that serves the sasaran."""

    kode: str
    nama: str
    porsi: Decimal
    total: engine.Total


@dataclass(frozen=True)
class AnggaranSasaran:
    """The budget that served a sasaran (from its rows' links), and its efficiency."""

    total: engine.Total
    capaian: Decimal | None
    efisiensi: engine.Efisiensi | None
    sumber: list[SumberSasaran]
    tanpa_tautan: list[str]  # numbers of the sasaran's rows without a link

    @property
    def ada(self) -> bool:
        return bool(self.sumber)


def anggaran_sasaran(
    baris: Sequence, capaian: Sequence[Decimal | None], lines: Sequence, tautan: dict
) -> AnggaranSasaran:
    """The budget of one sasaran: its rows' (`id`, `no`) links to budget lines (`id`, `pagu`,
    `realisasi`, codes), each line once at the largest share any of its rows claims."""
    porsi: dict[int, list[Decimal]] = defaultdict(list)
    per_kode: dict[str, tuple[str, list, list[Decimal]]] = {}
    for b in baris:
        for t in tautan.get(b.id, ()):
            cocok = [x for x in lines if t.cocok(x)]
            for x in cocok:
                porsi[x.id].append(t.porsi)
            nama = next((x.output_nama for x in cocok if x.output_nama), "") or t.kegiatan_nama
            per_kode.setdefault(t.kode, (nama, cocok, []))[2].append(t.porsi)
    sumber = []
    for kode, (nama, cocok, daftar) in per_kode.items():
        p = engine.porsi_gabungan(daftar)
        bagian = engine.total_porsi((x.pagu, x.realisasi, p) for x in cocok)
        sumber.append(SumberSasaran(kode, nama, p, bagian))
    total = engine.total_porsi(
        (x.pagu, x.realisasi, engine.porsi_gabungan(porsi[x.id])) for x in lines if x.id in porsi
    )
    rata = engine.ringkas_capaian(engine.Capaian(c) for c in capaian).rata_rata
    return AnggaranSasaran(
        total=total,
        capaian=rata,
        efisiensi=engine.efisiensi(rata, total.serapan) if sumber else None,
        sumber=sumber,
        tanpa_tautan=[b.no for b in baris if not tautan.get(b.id)],
    )


def porsi_dipa(satker, tahun: int, lines: Sequence) -> dict[int, Decimal]:
    """The share of each budget line claimed by the rows of the satker's latest PKs of the
    year (two queries), as the report counts it."""
    from kinerja.selectors import perjanjian_terbaru

    baris = [
        (b.pk, (b.perjanjian_id, " ".join(b.sasaran.casefold().split())))
        for pk in perjanjian_terbaru(satker, tahun).values()
        for b in pk.baris.all()
    ]
    kelompok = dict(baris)
    tautan = tautan_per_baris(kelompok)
    return porsi_per_baris(lines, [t for d in tautan.values() for t in d], kelompok.get)


def porsi_per_baris(lines: Sequence, tautan: Iterable[Tautan], kelompok) -> dict[int, Decimal]:
    """The share of each budget line claimed over all sasaran (`kelompok(row id)` names the
    sasaran of a row; a line counts once per sasaran): above 100 is a finding, 0 is a line no
    indicator is linked to."""
    per_kelompok: dict[tuple, Decimal] = {}
    for t in tautan:
        for x in lines:
            if t.cocok(x):
                k = (x.id, kelompok(t.baris_id))
                per_kelompok[k] = max(per_kelompok.get(k, engine.NOL), t.porsi)
    hasil = {x.id: engine.NOL for x in lines}
    for (line_id, _), p in per_kelompok.items():
        hasil[line_id] += p
    return hasil


_KODE_PROGRAM = re.compile(r"\b\d{3}\.\d{2}\.[A-Z]{2}\b")


def kode_program(teks: str, program: dict[str, str]) -> str | None:
    """The code of the program a PK's budget row names, among `program` ({code: name}): by
    its code (`076.01.CQ`, or `CQ` alone) or its name, case and spacing ignored."""
    kode = _KODE_PROGRAM.search(teks)
    if kode:
        return kode.group() if kode.group() in program else None
    normal = " ".join(teks.casefold().split())
    for k, nama in program.items():
        if normal in (
            k.casefold(),
            k.rsplit(".", 1)[-1].casefold(),
            " ".join(nama.casefold().split()),
        ):
            return k
    return None


# ---------------------------------------------------------------- outputs (RO)


@dataclass(frozen=True)
class Bulan:
    bulan: int
    volume: Decimal
    uang: int
    progres: Decimal | None
    kendala: str


@dataclass(frozen=True)
class DataRO:
    """An output (RO) of the DIPA with its months and the figures computed from them."""

    id: int
    program_kode: str
    kegiatan_kode: str
    output_kode: str
    nama: str
    satuan: str
    target: Decimal
    kumulatif: bool
    bulan: list[Bulan]
    anggaran: engine.Total  # pagu and realisasi of the DIPA lines of the output
    uang_bulanan: int = 0  # the months' realisasi of money, summed

    @property
    def kode(self) -> str:
        return f"{self.kegiatan_kode}.{self.output_kode}"

    @property
    def volume(self) -> Decimal | None:
        return engine.volume_ro({b.bulan: b.volume for b in self.bulan}, self.kumulatif)

    @property
    def capaian(self) -> Decimal | None:
        return engine.capaian_ro(self.target, self.volume)

    @property
    def progres(self) -> Decimal | None:
        return next((b.progres for b in reversed(self.bulan) if b.progres is not None), None)

    @property
    def serapan(self) -> Decimal | None:
        return engine.serapan(self.anggaran.pagu, self.uang_bulanan)

    @property
    def bulan_terakhir(self) -> int | None:
        return self.bulan[-1].bulan if self.bulan else None


def output_ro_per_satker(
    satker_ids: Iterable[int] | QuerySet, tahun: int, lines: dict[int, list[BarisAnggaran]]
) -> dict[int, list[DataRO]]:
    """The outputs (RO) of many satker for a year, by satker id (three queries); `lines` are the
    satker's budget lines (`RingkasanAnggaran.baris`), which give each output its pagu."""
    qs = (
        OutputRO.objects.filter(dipa__satker_id__in=satker_ids, dipa__tahun=tahun)
        .select_related("dipa", "kegiatan__program")
        .prefetch_related("bulanan")
        .order_by("dipa_id", "kegiatan__program__kode", "kegiatan__kode", "output_kode")
    )
    daftar = list(qs)
    nama_katalog = {
        (o.kegiatan_id, o.kode): o.nama
        for o in Output.objects.filter(kegiatan_id__in={r.kegiatan_id for r in daftar})
    }
    hasil: dict[int, list[DataRO]] = defaultdict(list)
    for r in daftar:
        milik = [
            b
            for b in lines.get(r.dipa.satker_id, ())
            if b.kegiatan_id == r.kegiatan_id and b.output_kode == r.output_kode
        ]
        bulan = [
            Bulan(m.bulan, m.volume, m.uang, m.progres, m.kendala)
            for m in sorted(r.bulanan.all(), key=lambda m: m.bulan)
        ]
        nama = next((b.output_nama for b in milik if b.output_nama), "") or nama_katalog.get(
            (r.kegiatan_id, r.output_kode), r.output_kode
        )
        hasil[r.dipa.satker_id].append(
            DataRO(
                r.pk,
                r.kegiatan.program.kode,
                r.kegiatan.kode,
                r.output_kode,
                nama,
                r.satuan,
                r.volume,
                r.kumulatif,
                bulan,
                engine.total(milik),
                sum(m.uang for m in bulan),
            )
        )
    return dict(hasil)


# ---------------------------------------------------------------- DIPA revisions with their lines


@dataclass(frozen=True)
class RevisiBarisData:
    """A revision's recorded lines: what it changed, and the total of every line after it."""

    dicatat: int  # lines recorded
    perubahan: list[engine.Perubahan] = field(default_factory=list)  # keys: line codes
    jumlah_baris: int | None = None  # sum of every line known after it (None: nothing recorded)
    per_program: dict[str, int] = field(default_factory=dict)  # pagu per program code after it


def _per_program(posisi: dict[str, int], program: dict[str, str]) -> dict[str, int]:
    hasil: dict[str, int] = defaultdict(int)
    for kode, pagu in posisi.items():
        hasil[program[kode]] += pagu
    return dict(hasil)


def baris_per_revisi(revisi: Sequence[RevisiDipa]) -> dict[int, RevisiBarisData]:
    """For revisions of one DIPA in order: the lines each changed (one query)."""
    per_revisi: dict[int, dict[str, int]] = {r.pk: {} for r in revisi}
    program: dict[str, str] = {}
    qs = RevisiBaris.objects.filter(revisi__in=[r.pk for r in revisi]).select_related(
        "program", "kegiatan"
    )
    for b in qs.order_by("program__kode", "kegiatan__kode", "output_kode", "akun_kode", "sumber"):
        kode = kode_baris(b)
        per_revisi[b.revisi_id][kode] = b.pagu
        program[kode] = b.program.kode
    urut = [per_revisi[r.pk] for r in revisi]
    posisi = engine.posisi_revisi(urut)
    hasil = {}
    for r, dicatat, ubah, setelah in zip(
        revisi, urut, engine.perubahan_revisi(urut), posisi, strict=True
    ):
        hasil[r.pk] = RevisiBarisData(
            len(dicatat),
            ubah,
            sum(setelah.values()) if setelah else None,
            _per_program(setelah, program),
        )
    return hasil

"""The LKE scores (issue 18): pure functions, one place.

A criterion's value is its answer's value on its scale (Y 1, T 0; A 1 ... E 0, from the
instrument); a sub-component scores its weight times the mean value of its criteria (a criterion
not answered counts 0); a component is the sum of its sub-components, the total the sum of the
components; the grade is the highest band whose lower limit the total is above. Sub-component
scores are rounded half up to two decimals first, so every printed sum adds up.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from statistics import mean, median

from kinerja.capaian import bulatkan

NOL = Decimal(0)
# What each grade says (PermenPANRB 88/2021), printed next to it in the LHE.
ARTI = {
    "AA": "Sangat Memuaskan",
    "A": "Memuaskan",
    "BB": "Sangat Baik",
    "B": "Baik",
    "CC": "Cukup (Memadai)",
    "C": "Kurang",
    "D": "Sangat Kurang",
}


def nilai_jawaban(
    skala: str, jawaban: str | None, tabel: Mapping[tuple[str, str], Decimal]
) -> Decimal | None:
    """The value of an answer; None for no answer or one the scale does not know."""
    if not jawaban:
        return None
    return tabel.get((skala, jawaban.strip().upper()))


def skor_sub(bobot: Decimal, nilai: Sequence[Decimal | None]) -> Decimal:
    """Weight × mean value of the criteria, unanswered as 0; 0 without criteria."""
    if not nilai:
        return NOL
    return bulatkan(bobot * sum((n or NOL for n in nilai), NOL) / len(nilai))


def predikat(total: Decimal, pita: Sequence[tuple[str, Decimal]]) -> str:
    """The grade of a total: the band with the highest limit the total is above; the lowest
    band when it is above none (D covers 0-30 inclusive)."""
    urut = sorted(pita, key=lambda p: p[1], reverse=True)
    for nama, batas in urut:
        if total > batas:
            return nama
    return urut[-1][0] if urut else ""


@dataclass(frozen=True)
class Kriteria:
    kode: str
    uraian: str
    skala: str


@dataclass(frozen=True)
class Sub:
    kode: str
    nama: str
    bobot: Decimal
    kriteria: tuple[Kriteria, ...]


@dataclass(frozen=True)
class Komponen:
    kode: str
    nama: str
    bobot: Decimal
    sub: tuple[Sub, ...]


@dataclass(frozen=True)
class SkorSub:
    sub: Sub
    nilai: tuple[Decimal | None, ...]
    skor: Decimal


@dataclass(frozen=True)
class SkorKomponen:
    komponen: Komponen
    sub: tuple[SkorSub, ...]
    skor: Decimal


@dataclass(frozen=True)
class Hasil:
    komponen: tuple[SkorKomponen, ...]
    total: Decimal
    predikat: str
    terjawab: int
    jumlah: int


def hitung(
    struktur: Sequence[Komponen],
    jawaban: Mapping[str, str | None],
    tabel: Mapping[tuple[str, str], Decimal],
    pita: Sequence[tuple[str, Decimal]],
) -> Hasil:
    """Every score of an evaluation from its answers (by criterion code)."""
    komponen, terjawab, jumlah = [], 0, 0
    for k in struktur:
        subs = []
        for s in k.sub:
            nilai = tuple(nilai_jawaban(c.skala, jawaban.get(c.kode), tabel) for c in s.kriteria)
            terjawab += sum(n is not None for n in nilai)
            jumlah += len(nilai)
            subs.append(SkorSub(s, nilai, skor_sub(s.bobot, nilai)))
        komponen.append(SkorKomponen(k, tuple(subs), sum((x.skor for x in subs), NOL)))
    total = sum((k.skor for k in komponen), NOL)
    return Hasil(tuple(komponen), total, predikat(total, pita), terjawab, jumlah)


def periksa_struktur(struktur: Sequence[Komponen]) -> list[str]:
    """What is wrong with an instrument's weights (each message in Bahasa Indonesia)."""
    galat = []
    total = sum((k.bobot for k in struktur), NOL)
    if total != 100:
        galat.append(f"Jumlah bobot komponen {total}, seharusnya 100.")
    for k in struktur:
        jumlah = sum((s.bobot for s in k.sub), NOL)
        if jumlah != k.bobot:
            galat.append(f"Komponen {k.kode}: jumlah bobot subkomponen {jumlah}, bukan {k.bobot}.")
        galat += [f"Subkomponen {s.kode} belum memiliki kriteria." for s in k.sub if not s.kriteria]
    return galat


def sebaran(nilai: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    """Minimum, median, mean and maximum of scores (the last three rounded half up)."""
    return min(nilai), bulatkan(Decimal(median(nilai))), bulatkan(mean(nilai)), max(nilai)


def jawaban_dari_porsi(porsi: Decimal) -> str:
    """An A-E answer from the share of items that meet a criterion (1 = all): A from 90%,
    B from 75%, C from 50%, D above 0, E none."""
    for batas, jawab in ((Decimal("0.9"), "A"), (Decimal("0.75"), "B"), (Decimal("0.5"), "C")):
        if porsi >= batas:
            return jawab
    return "D" if porsi > 0 else "E"

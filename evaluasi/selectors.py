"""Reads of the AKIP evaluation: the instrument as the score engine's input, the scores of an
evaluation, the grades announced per office and year, and the province's rollup."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Prefetch

from evaluasi import skor
from evaluasi.models import Evaluasi, Instrumen, Jawaban, Komponen, Kriteria, SubKomponen
from evaluasi.otomatis import isian_sistem
from kinerja.nilai import JenisNilai, Nilai
from satker.models import Satker


@dataclass(frozen=True)
class Struktur:
    """An instrument read once: what `skor.hitung` needs, and its criteria by id."""

    instrumen: Instrumen
    komponen: tuple[skor.Komponen, ...]
    tabel: dict[tuple[str, str], Decimal]
    pita: tuple[tuple[str, Decimal], ...]
    kriteria: dict[int, Kriteria]
    model_komponen: tuple[Komponen, ...]

    def pilihan(self, skala: str) -> list[str]:
        return sorted(j for s, j in self.tabel if s == skala)


def instrumen_untuk(tahun: int) -> Instrumen | None:
    """The instrument in force for an evaluation year (the latest that starts by then)."""
    qs = Instrumen.objects.all()
    return qs.filter(berlaku_dari__lte=tahun).first() or qs.order_by("berlaku_dari").first()


def struktur(instrumen: Instrumen) -> Struktur:
    """The instrument with its components, sub-components and criteria in four queries."""
    komponen = list(
        instrumen.komponen.prefetch_related(
            Prefetch(
                "sub",
                queryset=SubKomponen.objects.prefetch_related(
                    Prefetch("kriteria", queryset=Kriteria.objects.order_by("urutan", "kode"))
                ),
            )
        )
    )
    kriteria: dict[int, Kriteria] = {}
    hasil = []
    for k in komponen:
        subs = []
        for s in k.sub.all():
            for c in s.kriteria.all():
                kriteria[c.pk] = c
            subs.append(
                skor.Sub(
                    s.kode,
                    s.nama,
                    s.bobot,
                    tuple(skor.Kriteria(c.kode, c.uraian, c.skala) for c in s.kriteria.all()),
                )
            )
        hasil.append(skor.Komponen(k.kode, k.nama, k.bobot, tuple(subs)))
    tabel = {(n.skala, n.jawaban): n.nilai for n in instrumen.nilai.all()}
    pita = tuple((p.predikat, p.batas) for p in instrumen.predikat.all())
    return Struktur(instrumen, tuple(hasil), tabel, pita, kriteria, tuple(komponen))


@dataclass(frozen=True)
class BarisLKE:
    """A criterion of an evaluation as the worksheet shows it."""

    kriteria: Kriteria
    jawaban: Jawaban
    # what the system suggests for the office's answer, with its reason ("" when nothing)
    usulan: str
    alasan: str

    @property
    def mandiri(self) -> str:
        """The office's answer: what it chose, else the system's suggestion."""
        return self.jawaban.mandiri or self.usulan


@dataclass(frozen=True)
class BagianSub:
    mandiri: skor.SkorSub
    evaluator: skor.SkorSub
    baris: list[BarisLKE]


@dataclass(frozen=True)
class BagianKomponen:
    komponen: Komponen
    mandiri: skor.SkorKomponen
    evaluator: skor.SkorKomponen
    sub: list[BagianSub]


@dataclass(frozen=True)
class LKE:
    """An evaluation read whole: its rows per criterion and both scores."""

    evaluasi: Evaluasi
    struktur: Struktur
    baris: tuple[BarisLKE, ...]
    mandiri: skor.Hasil
    evaluator: skor.Hasil

    def bagian(self) -> list[BagianKomponen]:
        """Per component (with its model), both scores and its sub-components, each with both
        scores and its criteria rows: what every page and document of the LKE lays out."""
        per_sub: dict[int, list[BarisLKE]] = {}
        for b in self.baris:
            per_sub.setdefault(b.kriteria.sub_id, []).append(b)
        hasil = []
        for model, m, e in zip(
            self.struktur.model_komponen,
            self.mandiri.komponen,
            self.evaluator.komponen,
            strict=True,
        ):
            subs = [
                BagianSub(sm, se, per_sub.get(sub.pk, []))
                for sub, sm, se in zip(model.sub.all(), m.sub, e.sub, strict=True)
            ]
            hasil.append(BagianKomponen(model, m, e, subs))
        return hasil

    @property
    def dinilai(self) -> bool:
        """Whether the evaluator has scored anything (before that the LKE has no grade)."""
        return self.evaluasi.status == Evaluasi.Status.FINAL or self.evaluator.terjawab > 0

    @property
    def nilai(self) -> Decimal:
        """The total: the sealed one once final, else the evaluator's scores so far."""
        e = self.evaluasi
        return e.nilai_akhir if e.status == Evaluasi.Status.FINAL else self.evaluator.total

    @property
    def predikat(self) -> str:
        e = self.evaluasi
        return e.predikat_akhir if e.status == Evaluasi.Status.FINAL else self.evaluator.predikat


def baca_lke(evaluasi: Evaluasi, st: Struktur | None = None, *, usulan: bool = True) -> LKE:
    """An evaluation with its answers, the system's suggestions (while it is a draft; a rollup
    leaves them out to keep its queries fixed) and both scores."""
    st = st or struktur(evaluasi.instrumen)
    jawaban = {j.kriteria_id: j for j in evaluasi.jawaban.all()}
    draf = usulan and evaluasi.status == Evaluasi.Status.DRAF
    usulan = isian_sistem(evaluasi) if draf else {}
    baris = []
    for kid, k in st.kriteria.items():
        j = jawaban.get(kid) or Jawaban(evaluasi=evaluasi, kriteria=k)
        jawab, alasan = usulan.get(k.otomatis, ("", "")) if k.otomatis else ("", "")
        if not jawab and j.alasan_sistem:
            alasan = j.alasan_sistem
        baris.append(BarisLKE(k, j, jawab, alasan))
    mandiri = skor.hitung(
        st.komponen, {b.kriteria.kode: b.mandiri for b in baris}, st.tabel, st.pita
    )
    evaluator = skor.hitung(
        st.komponen, {b.kriteria.kode: b.jawaban.evaluator for b in baris}, st.tabel, st.pita
    )
    return LKE(evaluasi, st, tuple(baris), mandiri, evaluator)


def predikat_diumumkan(pasangan: set[tuple[int, int]]) -> dict[tuple[int, int], Nilai]:
    """The grade of each office's final LKE announced in a year, by (satker id, year of
    announcement): the realisasi of "Nilai Akuntabilitas Kinerja" (kinerja.SUMBER_REALISASI).
    One query."""
    qs = Evaluasi.objects.filter(
        status=Evaluasi.Status.FINAL,
        satker_id__in={s for s, _ in pasangan},
        tahun_pengumuman__in={t for _, t in pasangan},
    ).values_list("satker_id", "tahun_pengumuman", "nilai_akhir", "predikat_akhir")
    return {
        (s, t): Nilai(JenisNilai.PREDIKAT, angka=n, kode=p)
        for s, t, n, p in qs
        if (s, t) in pasangan
    }


# ---------------------------------------------------------------- province rollup


@dataclass(frozen=True)
class BarisRekapLKE:
    satker: Satker
    lke: LKE | None
    terbuka: int = 0  # recommendations not yet closed


@dataclass(frozen=True)
class Sebaran:
    """The spread of a component's scores over the evaluated offices."""

    kode: str
    nama: str
    bobot: Decimal
    minimum: Decimal | None
    median: Decimal | None
    rata: Decimal | None
    maksimum: Decimal | None


def rekap_lke(satker: Iterable[Satker], tahun: int) -> tuple[list[BarisRekapLKE], list[Sebaran]]:
    """Each office's LKE of a year (None when it has not started) and the spread per component
    and of the total over the offices the evaluator has scored. A fixed number of queries."""
    satker = list(satker)
    evaluasi = {
        e.satker_id: e
        for e in Evaluasi.objects.filter(satker__in=satker, tahun=tahun)
        .select_related("instrumen")
        .prefetch_related("jawaban", "rekomendasi")
    }
    cache: dict[int, Struktur] = {}
    baris = []
    for s in satker:
        e = evaluasi.get(s.pk)
        if e is None:
            baris.append(BarisRekapLKE(s, None))
            continue
        if e.instrumen_id not in cache:
            cache[e.instrumen_id] = struktur(e.instrumen)
        st = cache[e.instrumen_id]
        terbuka = sum(r.status != r.Status.SELESAI for r in e.rekomendasi.all())
        baris.append(BarisRekapLKE(s, baca_lke(e, st, usulan=False), terbuka))
    dinilai = [
        b.lke
        for b in baris
        if b.lke and b.lke.evaluasi.status in (Evaluasi.Status.DIEVALUASI, Evaluasi.Status.FINAL)
    ]
    sebaran = []
    if dinilai:
        for i, k in enumerate(dinilai[0].evaluator.komponen):
            nilai = [x.evaluator.komponen[i].skor for x in dinilai]
            sebaran.append(_sebaran(k.komponen.kode, k.komponen.nama, k.komponen.bobot, nilai))
        sebaran.append(_sebaran("", "Nilai total", Decimal(100), [x.nilai for x in dinilai]))
    return baris, sebaran


def _sebaran(kode: str, nama: str, bobot: Decimal, nilai: list[Decimal]) -> Sebaran:
    return Sebaran(kode, nama, bobot, *skor.sebaran(nilai))


def dokumen_sistem(satker: Satker, tahun: int) -> list[tuple[str, str]]:
    """The office's documents of the evaluated year the system already holds, as evidence to
    link (address, label): the signed PKs, the final LKjIP versions, the realisasi of each
    quarter and the LKjIP review records. Two queries."""
    from django.urls import reverse

    from kinerja.models import PerjanjianKinerja
    from laporan.models import LaporanKinerja

    hasil = []
    for pk in PerjanjianKinerja.objects.filter(
        satker=satker, tahun=tahun, status=PerjanjianKinerja.Status.DITANDATANGANI
    ).order_by("jenis", "versi"):
        hasil.append(
            (
                reverse("kinerja:pk_detail", args=[pk.pk]),
                f"{pk.get_jenis_display()} {tahun} versi {pk.versi} (ditandatangani)",
            )
        )
    for lap in LaporanKinerja.objects.filter(
        satker=satker, tahun=tahun, status=LaporanKinerja.Status.FINAL
    ).order_by("versi"):
        hasil.append(
            (
                reverse("laporan:versi_pdf", args=[satker.kode, tahun, lap.versi]),
                f"LKjIP {tahun} versi {lap.versi} final (PDF)",
            )
        )
    for p in ("TW1", "TW2", "TW3", "TW4"):
        hasil.append(
            (
                reverse("kinerja:realisasi_grid", args=[satker.kode, tahun, p]),
                f"Realisasi {p} {tahun} dengan bukti dukungnya",
            )
        )
    hasil.append(
        (reverse("laporan:pemeriksaan", args=[satker.kode, tahun]), f"Pemeriksaan LKjIP {tahun}")
    )
    return hasil


@dataclass(frozen=True)
class Predikat:
    tahun: int
    tahun_pengumuman: int
    nilai: Decimal
    predikat: str


def riwayat(satker: Satker, sampai: int | None = None) -> list[Predikat]:
    """The office's final grades, oldest first (up to an evaluated year). One query."""
    qs = Evaluasi.objects.filter(satker=satker, status=Evaluasi.Status.FINAL)
    if sampai is not None:
        qs = qs.filter(tahun__lte=sampai)
    return [
        Predikat(t, u, n, p)
        for t, u, n, p in qs.order_by("tahun").values_list(
            "tahun", "tahun_pengumuman", "nilai_akhir", "predikat_akhir"
        )
    ]

"""The capaian engine: every computed figure of the system, as pure functions.

Capaian (domain.md section 4) and the budget arithmetic (section 5). Web pages, the API, the
report (HTML, PDF, XLSX), the workbook and the rekap all call these functions; no figure is
computed anywhere else and none is stored. Money is `int` rupiah, ratios are `Decimal`; no float.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import models

from kinerja.nilai import JenisNilai, Nilai

SERATUS = Decimal(100)
NOL = Decimal(0)


class Arah(models.TextChoices):
    NAIK = "naik", "Naik (makin tinggi makin baik)"
    TURUN = "turun", "Turun (makin rendah makin baik)"


class Agregasi(models.TextChoices):
    TERAKHIR = "terakhir", "Terakhir (triwulan terakhir yang terisi)"
    KUMULATIF = "kumulatif", "Kumulatif (jumlah triwulan)"
    RATA_RATA = "rata-rata", "Rata-rata triwulan"


class RumusTurun(models.TextChoices):
    SELISIH = "selisih", "(2 × target − realisasi) / target × 100"
    RASIO = "rasio", "target / realisasi × 100"


class Periode(models.TextChoices):
    TW1 = "TW1", "Triwulan I"
    TW2 = "TW2", "Triwulan II"
    TW3 = "TW3", "Triwulan III"
    TW4 = "TW4", "Triwulan IV"
    TAHUNAN = "TAHUNAN", "Tahunan"


TRIWULAN = (Periode.TW1, Periode.TW2, Periode.TW3, Periode.TW4)

BELUM_ADA_REALISASI = "belum ada realisasi"
TIDAK_DAPAT_DIHITUNG = "tidak dapat dihitung"


def bulatkan(x: Decimal, tempat: int = 2) -> Decimal:
    """Round half up (98,955 -> 98,96); never truncate."""
    return x.quantize(Decimal(1).scaleb(-tempat), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Capaian:
    """A capaian: a number rounded to two decimals, or None with the reason there is none."""

    nilai: Decimal | None
    keterangan: str = ""
    dibatasi: bool = False

    @property
    def ada(self) -> bool:
        return self.nilai is not None


def _tanpa_angka(alasan: str) -> Capaian:
    return Capaian(None, f"{TIDAK_DAPAT_DIHITUNG}: {alasan}")


def hitung_capaian(
    target: Nilai | None,
    realisasi: Nilai | None,
    *,
    arah: str = Arah.NAIK,
    rumus_turun: str = RumusTurun.SELISIH,
    batas_atas: Decimal | None = None,
) -> Capaian:
    """Capaian of one realisasi against its target (domain.md 4.1)."""
    if realisasi is None:
        return Capaian(None, BELUM_ADA_REALISASI)
    if target is None:
        return _tanpa_angka("target belum diisi")
    if JenisNilai.TEKS in (target.jenis, realisasi.jenis):
        return _tanpa_angka("nilai berupa teks")
    if target.peringkat is not None or realisasi.peringkat is not None:
        if target.jenis != realisasi.jenis:
            return _tanpa_angka("jenis target dan realisasi berbeda")
        if realisasi.peringkat >= target.peringkat:
            nilai = SERATUS
        else:
            nilai = Decimal(realisasi.peringkat) / Decimal(target.peringkat) * SERATUS
        return _batasi(bulatkan(nilai), batas_atas)
    t, r = target.angka, realisasi.angka
    if t == 0:
        return _tanpa_angka("target 0")
    if arah == Arah.TURUN:
        if rumus_turun == RumusTurun.RASIO:
            if r == 0:
                return _tanpa_angka("realisasi 0 pada rumus target / realisasi")
            nilai = t / r * SERATUS
        else:
            nilai = max(NOL, (2 * t - r) / t * SERATUS)
    else:
        nilai = r / t * SERATUS
    return _batasi(bulatkan(nilai), batas_atas)


def _batasi(nilai: Decimal, batas_atas: Decimal | None) -> Capaian:
    if batas_atas is not None and nilai > batas_atas:
        return Capaian(bulatkan(batas_atas), dibatasi=True)
    return Capaian(nilai)


def di_bawah_target_nasional(
    target: Nilai | None, nasional: Nilai | None, *, arah: str = Arah.NAIK
) -> bool:
    """Whether a regional target asks less than the national target (a regional target may not
    be below it): the regional target, measured against the national one as a realisasi would
    be, falls short of 100. Targets that cannot be compared are not a finding."""
    c = hitung_capaian(nasional, target, arah=arah)
    return c.nilai is not None and c.nilai < SERATUS


def nama_rumus(arah: str, rumus_turun: str = RumusTurun.SELISIH) -> str:
    """The formula as printed next to a capaian, so a reader knows which one was used."""
    if arah == Arah.TURUN:
        return RumusTurun(rumus_turun).label
    return "realisasi / target × 100"


def realisasi_tahunan(per_periode: Mapping[str, Nilai | None], agregasi: str) -> Nilai | None:
    """The year value from the quarters (domain.md 4.3); a TAHUNAN value overrides them."""
    if per_periode.get(Periode.TAHUNAN) is not None:
        return per_periode[Periode.TAHUNAN]
    terisi = [per_periode[p] for p in TRIWULAN if per_periode.get(p) is not None]
    if not terisi:
        return None
    terakhir = terisi[-1]
    if agregasi == Agregasi.TERAKHIR or any(n.angka is None for n in terisi):
        return terakhir
    jumlah = sum((n.angka for n in terisi), NOL)
    if agregasi == Agregasi.RATA_RATA:
        jumlah = jumlah / len(terisi)
    return Nilai(terakhir.jenis, jumlah, satuan=terakhir.satuan)


# Category scales: each row is (lower bound, name). A scale is read from its highest lower
# bound down, so consecutive categories meet exactly: there can be no gap and no overlap.
Skala = Sequence[tuple[Decimal, str]]
SKALA_STANDAR: Skala = (
    (Decimal(91), "Sangat Baik"),
    (Decimal(76), "Baik"),
    (Decimal(55), "Cukup"),
    (NOL, "Kurang"),
)
SKALA_BERHASIL: Skala = ((SERATUS, "Berhasil"), (NOL, "Tidak Berhasil"))


def validasi_skala(skala: Skala) -> list[str]:
    """Problems with a scale, in Bahasa Indonesia; an empty list means it is usable."""
    masalah = []
    batas = [b for b, _ in skala]
    if not skala:
        masalah.append("Skala kategori kosong.")
    elif min(batas) != 0:
        masalah.append("Kategori terendah harus berlaku mulai capaian 0.")
    if len(set(batas)) != len(batas):
        masalah.append("Dua kategori memakai batas bawah yang sama.")
    if any(not nama.strip() for _, nama in skala):
        masalah.append("Setiap kategori harus bernama.")
    return masalah


def kategori(capaian: Capaian | Decimal | None, skala: Skala = SKALA_STANDAR) -> str:
    """The category of a capaian, or "" when there is no number."""
    nilai = capaian.nilai if isinstance(capaian, Capaian) else capaian
    if nilai is None:
        return ""
    for batas, nama in sorted(skala, key=lambda b: b[0], reverse=True):
        if nilai >= batas:
            return nama
    return ""


@dataclass(frozen=True)
class RingkasanCapaian:
    """Overall achievement of a PK: the mean of the capaian that have a number."""

    rata_rata: Decimal | None
    dihitung: int
    jumlah: int
    di_bawah_target: int


def ringkas_capaian(daftar: Iterable[Capaian]) -> RingkasanCapaian:
    return ringkas_nilai(c.nilai for c in daftar)


def ringkas_nilai(daftar: Iterable[Decimal | None]) -> RingkasanCapaian:
    """`ringkas_capaian` of capaian values (None: not computable), for many rows at once."""
    daftar = list(daftar)
    angka = [c for c in daftar if c is not None]
    rata = bulatkan(sum(angka, NOL) / len(angka)) if angka else None
    return RingkasanCapaian(rata, len(angka), len(daftar), sum(1 for a in angka if a < SERATUS))


# Budget (domain.md section 5). Amounts are whole rupiah.


def sisa(pagu: int, realisasi: int) -> int:
    return pagu - realisasi


def serapan(pagu: int, realisasi: int) -> Decimal | None:
    """Absorption in percent; None when there is no pagu to absorb."""
    if not pagu:
        return None
    return bulatkan(Decimal(realisasi) / Decimal(pagu) * SERATUS)


@dataclass(frozen=True)
class Total:
    pagu: int = 0
    realisasi: int = 0

    @property
    def sisa(self) -> int:
        return sisa(self.pagu, self.realisasi)

    @property
    def serapan(self) -> Decimal | None:
        return serapan(self.pagu, self.realisasi)

    def __add__(self, other: Total) -> Total:
        return Total(self.pagu + other.pagu, self.realisasi + other.realisasi)


def total(baris: Iterable) -> Total:
    """Sum of objects with `pagu` and `realisasi` attributes."""
    return sum((Total(b.pagu, b.realisasi) for b in baris), Total())


def total_anggaran_pk(baris: Iterable) -> int:
    """The budget stated in a PK: the sum of its program rows' `jumlah`."""
    return sum((b.jumlah for b in baris), 0)


def total_per(baris: Iterable, kunci: Callable[[object], Hashable]) -> dict[Hashable, Total]:
    """Totals grouped by `kunci(line)`, in the order keys first appear."""
    hasil: dict[Hashable, Total] = {}
    for b in baris:
        k = kunci(b)
        hasil[k] = hasil.get(k, Total()) + Total(b.pagu, b.realisasi)
    return hasil


@dataclass(frozen=True)
class Efisiensi:
    selisih: Decimal
    label: str


def efisiensi(capaian: Decimal | None, serapan_anggaran: Decimal | None) -> Efisiensi | None:
    """Capaian kinerja minus serapan anggaran, in points (domain.md section 5)."""
    if capaian is None or serapan_anggaran is None:
        return None
    selisih = bulatkan(capaian - serapan_anggaran)
    if selisih > 5:
        label = "efisien"
    elif selisih >= -5:
        label = "cukup efisien"
    else:
        label = "tidak efisien"
    return Efisiensi(selisih, label)


RUMUS_EFISIENSI = "efisiensi = capaian kinerja (%) − serapan anggaran (%)"


# Budget tied to performance (issue 17): shares, outputs (RO), account groups, revisions, plan.

KELOMPOK_AKUN = {"51": "Belanja Pegawai", "52": "Belanja Barang", "53": "Belanja Modal"}
TANPA_AKUN = "Tanpa kode akun"


def kelompok_akun(akun_kode: str) -> str:
    """The group of a 6-digit akun (`521211` -> `52`); "" for a line without akun."""
    kode = (akun_kode or "")[:2]
    return kode if kode in KELOMPOK_AKUN else ""


def bagian(jumlah: int, porsi: Decimal) -> int:
    """`porsi` percent of an amount of rupiah, rounded half up to whole rupiah."""
    return int((Decimal(jumlah) * porsi / SERATUS).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def total_porsi(baris: Iterable[tuple[int, int, Decimal]]) -> Total:
    """The budget served: the sum of (pagu, realisasi, porsi) each taken at its share."""
    return sum((Total(bagian(p, s), bagian(r, s)) for p, r, s in baris), Total())


def porsi_gabungan(daftar: Iterable[Decimal]) -> Decimal:
    """Shares of one line claimed by several indicators of one sasaran: the line serves the
    sasaran once, so the largest share counts (not the sum)."""
    return max(daftar, default=NOL)


def volume_ro(per_bulan: Mapping[int, Decimal | None], kumulatif: bool) -> Decimal | None:
    """The year's realisasi of an output's volume: the latest month filled when SAKTI reports it
    cumulatively, else the sum of the months; None when no month is filled."""
    isi = [(b, v) for b, v in sorted(per_bulan.items()) if v is not None]
    if not isi:
        return None
    return isi[-1][1] if kumulatif else sum((v for _, v in isi), NOL)


def capaian_ro(target: Decimal | None, realisasi: Decimal | None) -> Decimal | None:
    """Capaian RO: realisasi volume / target volume × 100; None without a target or realisasi."""
    if realisasi is None or not target:
        return None
    return bulatkan(realisasi / target * SERATUS)


Kunci = Hashable


def posisi_revisi(revisi: Sequence[Mapping[Kunci, int]]) -> list[dict[Kunci, int]]:
    """The pagu of every line after each revision: each revision records only the lines it
    changed, the others keep their pagu of the revision before."""
    hasil, posisi = [], {}
    for r in revisi:
        posisi = {**posisi, **r}
        hasil.append(posisi)
    return hasil


@dataclass(frozen=True)
class Perubahan:
    kunci: Kunci
    sebelum: int | None  # None: a line not recorded before (new, or the first record)
    sesudah: int

    @property
    def selisih(self) -> int | None:
        return None if self.sebelum is None else self.sesudah - self.sebelum


def perubahan_revisi(revisi: Sequence[Mapping[Kunci, int]]) -> list[list[Perubahan]]:
    """Per revision, the lines it changed with their pagu before and after (a line recorded
    with the pagu it already had is not a change)."""
    hasil, posisi = [], {}
    for r in revisi:
        hasil.append([Perubahan(k, posisi.get(k), v) for k, v in r.items() if posisi.get(k) != v])
        posisi = {**posisi, **r}
    return hasil


RENCANA_SERAPAN = (Decimal(20), Decimal(50), Decimal(75), Decimal(95))
AMBANG_SERAPAN = Decimal(10)  # points below the plan that mark an office in the rekap


def rencana_serapan(bulan: int, rencana: Sequence[Decimal] = RENCANA_SERAPAN) -> Decimal:
    """The cumulative serapan planned at the end of month `bulan` (1-12): the plan of the last
    quarter that has ended (0 before the end of March)."""
    tw = bulan // 3
    return rencana[tw - 1] if tw else NOL


def di_bawah_rencana(
    serapan_anggaran: Decimal | None, rencana: Decimal, ambang: Decimal = AMBANG_SERAPAN
) -> bool:
    """Serapan far below the plan: more than `ambang` points under it."""
    return serapan_anggaran is not None and serapan_anggaran < rencana - ambang


# Election figures (issue 14): participation is who voted over who is on the DPT.


def persentase(bagian: int | None, keseluruhan: int | None) -> Decimal | None:
    """`bagian` as a percent of `keseluruhan`, rounded; None when either is unknown or zero."""
    if bagian is None or not keseluruhan:
        return None
    return bulatkan(Decimal(bagian) / Decimal(keseluruhan) * SERATUS)


@dataclass(frozen=True)
class DataPemilih:
    """Voter counts of an office in a year, summed over the elections it held.

    A count is None when it is not known for every election (participation is then not
    computed, rather than computed from part of the voters).
    """

    dpt_l: int = 0
    dpt_p: int = 0
    tps: int = 0
    pengguna_l: int | None = None
    pengguna_p: int | None = None
    dpt_disabilitas: int | None = None
    pengguna_disabilitas: int | None = None
    dpt_pemula: int | None = None
    pengguna_pemula: int | None = None

    @property
    def dpt(self) -> int:
        return self.dpt_l + self.dpt_p

    @property
    def pengguna(self) -> int | None:
        if self.pengguna_l is None or self.pengguna_p is None:
            return None
        return self.pengguna_l + self.pengguna_p

    def partisipasi(self) -> dict[str, Decimal | None]:
        """Each participation figure by `kinerja.models.DataPemilu` value."""
        return {
            "PARTISIPASI": persentase(self.pengguna, self.dpt),
            "PEREMPUAN": persentase(self.pengguna_p, self.dpt_p),
            "DISABILITAS": persentase(self.pengguna_disabilitas, self.dpt_disabilitas),
            "PEMULA": persentase(self.pengguna_pemula, self.dpt_pemula),
        }


def jumlah_pemilih(daftar: Iterable[DataPemilih]) -> DataPemilih:
    """Counts added up (several elections in a year, offices of a province); an unknown count
    stays unknown."""

    def tambah(a: int | None, b: int | None) -> int | None:
        return None if a is None or b is None else a + b

    hasil: DataPemilih | None = None
    for d in daftar:
        if hasil is None:
            hasil = d
            continue
        hasil = DataPemilih(
            **{
                f: (getattr(hasil, f) + getattr(d, f))
                if f in ("dpt_l", "dpt_p", "tps")
                else tambah(getattr(hasil, f), getattr(d, f))
                for f in DataPemilih.__dataclass_fields__
            }
        )
    return hasil or DataPemilih()

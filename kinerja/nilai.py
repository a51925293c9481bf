"""Reading what users type as a target, a realisasi or an amount of money.

Pure functions, no Django. Every error message is Bahasa Indonesia and says what to write instead.
Indonesian style (`1.234.567,89`) and US style (`1,234,567.89`) are both read; a value that could
mean two different numbers (`1.234`, `1,234`) is refused instead of guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import models

# Ranks from worst (1) to best: domain.md section 4.1.
PREDIKAT = ("D", "C", "CC", "B", "BB", "A", "AA")
OPINI = ("TMP", "TW", "WDP", "WTP")
OPINI_PANJANG = {
    "WAJAR TANPA PENGECUALIAN": "WTP",
    "WAJAR DENGAN PENGECUALIAN": "WDP",
    "TIDAK WAJAR": "TW",
    "TIDAK MENYATAKAN PENDAPAT": "TMP",
}
BATAS_ANGKA = Decimal("1e15")
# What tables print for "no value".
KOSONG = {"", "-", "–", "—"}


class JenisNilai(models.TextChoices):
    PERSEN = "PERSEN", "Persentase"
    ANGKA = "ANGKA", "Angka (jumlah, indeks, nilai)"
    PREDIKAT = "PREDIKAT", "Predikat (AA–D)"
    OPINI = "OPINI", "Opini (WTP–TMP)"
    TEKS = "TEKS", "Teks (tidak dapat dihitung)"


class NilaiError(ValueError):
    """A value that cannot be read; the message is meant for the user."""


@dataclass(frozen=True)
class Nilai:
    jenis: str
    angka: Decimal | None = None
    kode: str = ""
    satuan: str = ""

    @property
    def peringkat(self) -> int | None:
        """Rank of a grade or opinion (1 = worst), None for other kinds."""
        if self.jenis == JenisNilai.PREDIKAT:
            return PREDIKAT.index(self.kode) + 1
        if self.jenis == JenisNilai.OPINI:
            return OPINI.index(self.kode) + 1
        return None


_RP = re.compile(r"^rp\.?\s*", re.IGNORECASE)
_NUMBER = re.compile(r"^(?P<sign>[-−–]?)\s*(?P<num>[0-9][0-9.,]*)\s*(?P<rest>.*)$")
_UNIT = re.compile(r"^[A-Za-z][A-Za-z./ ]{0,30}$")


def nilai_tersimpan(teks: str, angka: Decimal | None, kode: str, jenis: str) -> Nilai | None:
    """A stored value (the text as written, the number or code read from it) as a Nilai."""
    if not teks.strip():
        return None
    if jenis == JenisNilai.TEKS:
        return Nilai(JenisNilai.TEKS)
    if kode:
        return Nilai(jenis, kode=kode)
    if angka is None:
        return None
    return Nilai(jenis, angka)


def _normalise(teks: str) -> str:
    return re.sub(r"\s+", " ", teks.replace("\u00a0", " ")).strip()


def parse_angka(teks: str) -> Decimal:
    """Read a bare number in Indonesian or US style; raise NilaiError when ambiguous."""
    s = teks.strip()
    if not re.fullmatch(r"[0-9][0-9.,]*", s) or s.endswith((".", ",")):
        raise NilaiError(f"'{teks}' bukan angka yang dapat dibaca.")
    titik, koma = s.count("."), s.count(",")
    if titik and koma:
        desimal = "." if s.rfind(".") > s.rfind(",") else ","
        ribuan = "," if desimal == "." else "."
        bulat, _, pecahan = s.rpartition(desimal)
        if desimal in bulat:
            raise NilaiError(f"'{teks}' memakai pemisah desimal lebih dari sekali.")
        _cek_ribuan(bulat, ribuan, teks)
        return _decimal(bulat.replace(ribuan, "") + "." + pecahan, teks)
    if not titik and not koma:
        return _decimal(s, teks)
    pemisah = "." if titik else ","
    bagian = s.split(pemisah)
    if len(bagian) > 2:
        _cek_ribuan(s, pemisah, teks)
        return _decimal(s.replace(pemisah, ""), teks)
    bulat, pecahan = bagian
    if len(pecahan) == 3 and bulat != "0":
        raise NilaiError(
            f"'{teks}' ambigu: bisa berarti {bulat}{pecahan} atau {bulat},{pecahan}. "
            f"Tulis {bulat}{pecahan} untuk ribuan, atau {bulat},{pecahan}0 untuk desimal."
        )
    return _decimal(f"{bulat}.{pecahan}", teks)


def _cek_ribuan(bulat: str, pemisah: str, asli: str) -> None:
    kelompok = bulat.split(pemisah)
    if not (1 <= len(kelompok[0]) <= 3) or any(len(k) != 3 for k in kelompok[1:]):
        raise NilaiError(f"'{asli}': pemisah ribuan tidak pada tempatnya.")


def _decimal(s: str, asli: str) -> Decimal:
    try:
        hasil = Decimal(s)
    except InvalidOperation as exc:
        raise NilaiError(f"'{asli}' bukan angka yang dapat dibaca.") from exc
    if hasil >= BATAS_ANGKA:
        raise NilaiError(f"'{asli}' terlalu besar.")
    return hasil


def parse_nilai(teks: str | int | float | Decimal | None, *, jenis: str = "") -> Nilai | None:
    """Read a target or realisasi as written by a user.

    Returns None for an empty value. `jenis`, when given, is the kind the indicator expects: a
    value of another kind is an error (a grade where a percentage is expected), and for TEKS any
    text is kept as it is.
    """
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise NilaiError("Nilai ya/tidak tidak dapat dipakai; tulis angka atau teks.")
    if isinstance(teks, int | float | Decimal):
        nilai = _nilai_dari_angka(teks)
    else:
        s = _normalise(str(teks))
        if s in KOSONG:
            return None
        nilai = Nilai(JenisNilai.TEKS) if jenis == JenisNilai.TEKS else _parse_teks(s)
    if jenis and nilai.jenis != jenis and not _cocok(jenis, nilai.jenis):
        raise NilaiError(
            f"'{teks}' adalah {JenisNilai(nilai.jenis).label.lower()}, "
            f"sedangkan indikator ini memakai {JenisNilai(jenis).label.lower()}."
        )
    if jenis == JenisNilai.PERSEN and nilai.jenis == JenisNilai.ANGKA:
        nilai = Nilai(JenisNilai.PERSEN, nilai.angka, satuan="%")
    return nilai


def jenis_target(teks: object, *, satuan: str = "", jenis: str = "") -> tuple[str, Nilai]:
    """The value kind of a PK target and the target read as that kind: the one rule for every
    channel (form, API, workbook, admin).

    The kind asked for (`jenis`: the user's choice, or the row's kind once it has one) wins;
    without one, the text decides, and a plain number with satuan `%` is a percentage.
    """
    nilai = parse_nilai(teks, jenis=jenis)
    if nilai is None:
        raise NilaiError("Target wajib diisi dengan nilai, bukan tanda kosong.")
    if jenis:
        return jenis, nilai
    if nilai.jenis == JenisNilai.ANGKA and satuan.strip() == "%":
        return JenisNilai.PERSEN, parse_nilai(teks, jenis=JenisNilai.PERSEN)
    return nilai.jenis, nilai


def _cocok(diharapkan: str, didapat: str) -> bool:
    # A bare number is accepted for a percentage indicator ("77,5" means 77,5%).
    return diharapkan == JenisNilai.PERSEN and didapat == JenisNilai.ANGKA


def _nilai_dari_angka(x: int | float | Decimal) -> Nilai:
    try:
        angka = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    except InvalidOperation as exc:
        raise NilaiError(f"'{x}' bukan angka yang dapat dibaca.") from exc
    if not angka.is_finite():
        raise NilaiError(f"'{x}' bukan angka yang dapat dibaca.")
    if angka < 0:
        raise NilaiError(f"'{x}' negatif; nilai tidak boleh kurang dari 0.")
    if angka >= BATAS_ANGKA:
        raise NilaiError(f"'{x}' terlalu besar.")
    return Nilai(JenisNilai.ANGKA, angka)


def _parse_teks(s: str) -> Nilai:
    besar = s.upper()
    if besar in PREDIKAT:
        return Nilai(JenisNilai.PREDIKAT, kode=besar, satuan="predikat")
    if besar in OPINI:
        return Nilai(JenisNilai.OPINI, kode=besar, satuan="opini")
    if besar in OPINI_PANJANG:
        return Nilai(JenisNilai.OPINI, kode=OPINI_PANJANG[besar], satuan="opini")
    tanpa_rp = re.sub(r",[-–]$", "", _RP.sub("", s))
    m = _NUMBER.match(tanpa_rp)
    if not m:
        if re.search(r"[0-9]", s):
            raise NilaiError(
                f"'{s}' tidak dapat dibaca sebagai angka. Tulis angkanya saja, "
                "mis. 77,5 atau 77,5% atau 10 kali."
            )
        return Nilai(JenisNilai.TEKS)
    if m["sign"]:
        raise NilaiError(f"'{s}' negatif; nilai tidak boleh kurang dari 0.")
    angka = parse_angka(m["num"])
    rest = m["rest"].strip()
    if rest in {"%", "persen", "Persen"}:
        return Nilai(JenisNilai.PERSEN, angka, satuan="%")
    if rest in {"", ",-", ",–", "-"}:
        return Nilai(JenisNilai.ANGKA, angka)
    if _UNIT.match(rest):
        return Nilai(JenisNilai.ANGKA, angka, satuan=rest.lower().rstrip("."))
    raise NilaiError(
        f"'{s}' tidak dapat dibaca sebagai angka. Tulis angkanya saja, "
        "mis. 77,5 atau 77,5% atau 10 kali."
    )


def _parse_bulat(
    teks: str | int | float | Decimal | None, apa: str, contoh: str, pecahan: str
) -> int | None:
    """A whole number of `apa` (rupiah, voters); thousands separators may be dots or commas."""
    if teks is None:
        return None
    if isinstance(teks, bool):
        raise NilaiError(f"{apa.capitalize()} harus berupa angka.")
    if isinstance(teks, int | float | Decimal):
        angka = _nilai_dari_angka(teks).angka
    else:
        s = _normalise(str(teks))
        if not s:
            return None
        s = _RP.sub("", s)
        s = re.sub(r"(,-|,–|,00|\.00|-)$", "", s).strip()
        if s.startswith(("-", "−", "–")):
            raise NilaiError(f"'{teks}' negatif; {apa} tidak boleh kurang dari 0.")
        if not re.fullmatch(r"[0-9][0-9.,]*", s):
            raise NilaiError(f"'{teks}' bukan {apa}; tulis mis. {contoh}.")
        pemisah = {c for c in s if c in ".,"}
        if len(pemisah) > 1:
            raise NilaiError(f"'{teks}': {apa} ditulis tanpa {pecahan}, mis. {contoh}.")
        if pemisah:
            _cek_ribuan(s, pemisah.pop(), str(teks))
        angka = _decimal(re.sub(r"[.,]", "", s), str(teks))
    if angka != angka.to_integral_value():
        raise NilaiError(f"'{teks}': {apa} harus bilangan bulat.")
    return int(angka)


def parse_rupiah(teks: str | int | float | Decimal | None) -> int | None:
    """Read an amount of rupiah: `Rp 2.880.554.000,-`, `2,880,554,000`, 2880554000.

    Money is whole rupiah. Thousands separators may be dots or commas; `,00` or `,-` may end it.
    """
    return _parse_bulat(teks, "jumlah rupiah", "2.880.554.000", "sen")


def parse_desimal(teks: str | int | float | Decimal | None) -> Decimal | None:
    """Read a plain decimal that may not be negative: `77,5`, `77.5`, `77,5 %`, 1585."""
    if teks is None or (isinstance(teks, str) and not teks.strip()):
        return None
    if isinstance(teks, int | float | Decimal):
        angka = Decimal(str(teks))
    else:
        s = _normalise(teks).removesuffix("%").strip()
        if s.startswith("-"):
            raise NilaiError(f"'{teks}': tidak boleh negatif.")
        angka = parse_angka(s)
    if angka < 0:
        raise NilaiError(f"'{teks}': tidak boleh negatif.")
    if angka >= BATAS_ANGKA:
        raise NilaiError(f"'{teks}' terlalu besar.")
    return angka


def parse_bilangan(teks: str | int | float | Decimal | None) -> int | None:
    """Read a count (voters, TPS): `16.561`, `16,561`, 16561."""
    return _parse_bulat(teks, "jumlah", "16.561", "desimal")

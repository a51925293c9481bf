"""The import report: per sheet how many rows are new, changed and unchanged, the changes, and
every error with sheet, row, column and reason. The browser preview and the management command
show the same report.

The number of errors and changes kept is capped, so a file of 100.000 bad rows is reported with
a bounded amount of memory; the counts are always complete.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

MAKS_GALAT = 200
MAKS_PERUBAHAN = 300


@dataclass(frozen=True, slots=True)
class Galat:
    sheet: str
    baris: int | None
    kolom: str
    pesan: str

    def __str__(self) -> str:
        letak = [self.sheet or "berkas"]
        if self.baris:
            letak.append(f"baris {self.baris}")
        if self.kolom:
            letak.append(f"kolom {self.kolom}")
        return f"{', '.join(letak)}: {self.pesan}"


@dataclass(frozen=True, slots=True)
class Perubahan:
    sheet: str
    baris: int
    kunci: str
    kolom: str
    lama: str
    baru: str


@dataclass
class RingkasanSheet:
    nama: str
    baru: int = 0
    berubah: int = 0
    tetap: int = 0
    perubahan: list[Perubahan] = field(default_factory=list)
    perubahan_lain: int = 0

    @property
    def jumlah(self) -> int:
        return self.baru + self.berubah + self.tetap


@dataclass
class Laporan:
    nama_berkas: str = ""
    sheets: dict[str, RingkasanSheet] = field(default_factory=dict)
    galat: list[Galat] = field(default_factory=list)
    jumlah_galat: int = 0
    peringatan: list[Galat] = field(default_factory=list)
    diterapkan: bool = False
    berubah_sejak_pratinjau: bool = False
    _sidik: Any = field(default_factory=hashlib.sha256, repr=False)

    @property
    def ada_galat(self) -> bool:
        return self.jumlah_galat > 0

    @property
    def galat_lain(self) -> int:
        return self.jumlah_galat - len(self.galat)

    @property
    def ada_perubahan(self) -> bool:
        return any(s.baru or s.berubah for s in self.sheets.values())

    @property
    def sidik(self) -> str:
        """A fingerprint of what would be written, to notice data changed since the preview."""
        return self._sidik if isinstance(self._sidik, str) else self._sidik.hexdigest()

    def __getstate__(self) -> dict:
        # A stored preview is complete: its fingerprint is kept as text.
        return {**self.__dict__, "_sidik": self.sidik}

    def sheet(self, nama: str) -> RingkasanSheet:
        if nama not in self.sheets:
            self.sheets[nama] = RingkasanSheet(nama)
        return self.sheets[nama]

    def tambah_galat(self, sheet: str, baris: int | None, kolom: str, pesan: str) -> None:
        self.jumlah_galat += 1
        if len(self.galat) < MAKS_GALAT:
            self.galat.append(Galat(sheet, baris, kolom, pesan))

    def tambah_peringatan(self, sheet: str, baris: int | None, kolom: str, pesan: str) -> None:
        if len(self.peringatan) < MAKS_GALAT:
            self.peringatan.append(Galat(sheet, baris, kolom, pesan))

    def catat_baru(self, sheet: str, baris: int, kunci: str) -> None:
        self.sheet(sheet).baru += 1
        self._sidik.update(f"+{sheet}|{kunci}\n".encode())

    def catat_tetap(self, sheet: str) -> None:
        self.sheet(sheet).tetap += 1

    def catat_ubah(
        self, sheet: str, baris: int, kunci: str, beda: list[tuple[str, str, str]]
    ) -> None:
        ringkasan = self.sheet(sheet)
        ringkasan.berubah += 1
        for kolom, lama, baru in beda:
            self._sidik.update(f"~{sheet}|{kunci}|{kolom}|{lama}|{baru}\n".encode())
            if len(ringkasan.perubahan) < MAKS_PERUBAHAN:
                ringkasan.perubahan.append(Perubahan(sheet, baris, kunci, kolom, lama, baru))
            else:
                ringkasan.perubahan_lain += 1

    def teks(self) -> str:
        """The report as plain text, for the management command."""
        baris = [f"Impor workbook {self.nama_berkas}".rstrip()]
        for s in self.sheets.values():
            baris.append(f"  {s.nama}: {s.baru} baru, {s.berubah} berubah, {s.tetap} tidak berubah")
            for p in s.perubahan:
                baris.append(f"    baris {p.baris} {p.kunci} {p.kolom}: {p.lama!r} -> {p.baru!r}")
            if s.perubahan_lain:
                baris.append(f"    … dan {s.perubahan_lain} perubahan lain")
        for g in self.peringatan:
            baris.append(f"Peringatan: {g}")
        if self.ada_galat:
            baris.append(f"{self.jumlah_galat} galat; tidak ada data yang disimpan:")
            baris.extend(f"  {g}" for g in self.galat)
            if self.galat_lain:
                baris.append(f"  … dan {self.galat_lain} galat lain")
        elif self.diterapkan:
            baris.append("Selesai: perubahan disimpan.")
        else:
            baris.append("Tidak ada galat (uji coba: belum ada yang disimpan).")
        return "\n".join(baris)

"""Reading a workbook: checks on the file, then each known sheet as a stream of typed rows.

The file is recognised by its content (a ZIP holding `xl/workbook.xml`), not by its name. Sheets
are streamed (openpyxl read-only mode), so memory does not grow with the number of rows. Formulas
are read as their cached values; to tell "a formula without a cached value" from "an empty cell",
a second streaming pass reads the formulas, only when the file contains any.
"""

from __future__ import annotations

import datetime as dt
import re
import threading
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

import openpyxl
from django.conf import settings
from openpyxl.worksheet._read_only import ReadOnlyWorksheet

from common.format import BULAN
from common.format import tanggal as format_tanggal
from common.xlsx import teks_asli
from kinerja.nilai import NilaiError, parse_bilangan, parse_desimal, parse_rupiah
from workbook.laporan import Laporan
from workbook.skema import SHEETS, Jenis, Kolom, Sheet, cari_sheet, nama_kolom

# The XML inside a workbook may be much larger than the ZIP; beyond this it is refused rather
# than risking a decompression bomb.
# A zip bomb (a small file that inflates to gigabytes of XML) is refused before anything reads
# it, by the real sizes of its members: at most RASIO_ISI_MAKS times the file and
# settings.MAX_XLSX_ISI_BYTES in all, in at most ANGGOTA_MAKS members. A real workbook of all
# 553 satker inflates about 15 times.
RASIO_ISI_MAKS = 100
ANGGOTA_MAKS = 2000
_RUMUS = re.compile(rb"<(?:[A-Za-z]+:)?f[\s>/]")
_BULAN = {b.lower(): i + 1 for i, b in enumerate(BULAN)}


class BerkasError(Exception):
    """The file as a whole cannot be read; the message is meant for the user."""


@dataclass(slots=True)
class BarisMentah:
    """One non-empty row: its number in the sheet and a typed value per column present.

    Values are a tuple indexed through the sheet's shared column map, which keeps 100.000 rows
    small in memory.
    """

    nomor: int
    nilai: tuple
    indeks: dict[str, int]
    salah: bool = False

    def __getitem__(self, kolom: str) -> object:
        i = self.indeks.get(kolom)
        return None if i is None else self.nilai[i]

    def ada(self, kolom: str) -> bool:
        return kolom in self.indeks


Sumber = str | Path | BinaryIO


def _ukuran(sumber: Sumber) -> int:
    if isinstance(sumber, str | Path):
        return Path(sumber).stat().st_size
    posisi = sumber.tell()
    sumber.seek(0, 2)
    ukuran = sumber.tell()
    sumber.seek(posisi)
    return ukuran


def _awal(sumber: Sumber) -> bytes:
    if isinstance(sumber, str | Path):
        with open(sumber, "rb") as f:
            return f.read(8)
    sumber.seek(0)
    awal = sumber.read(8)
    sumber.seek(0)
    return awal


def periksa_berkas(sumber: Sumber, *, batas_byte: int | None) -> bool:
    """Refuse what is not a readable .xlsx; return whether any sheet holds a formula."""
    ukuran = _ukuran(sumber)
    if batas_byte is not None and ukuran > batas_byte:
        raise BerkasError(
            f"Berkas terlalu besar ({ukuran / 1024 / 1024:.1f} MB); "
            f"batasnya {batas_byte / 1024 / 1024:.0f} MB. Pecah workbook per satker atau per sheet."
        )
    if ukuran == 0:
        raise BerkasError("Berkas kosong.")
    awal = _awal(sumber)
    if awal.startswith(b"\xd0\xcf\x11\xe0"):
        raise BerkasError(
            "Berkas berformat Excel lama (.xls). Buka di program spreadsheet lalu simpan "
            "sebagai Excel Workbook (.xlsx)."
        )
    if not awal.startswith(b"PK\x03\x04"):
        raise BerkasError(
            "Berkas bukan workbook Excel (.xlsx); isinya tampak seperti teks atau CSV. "
            "Simpan sebagai Excel Workbook (.xlsx), bukan dengan mengganti nama berkas."
        )
    try:
        with zipfile.ZipFile(sumber) as arsip:
            isi = arsip.infolist()
            nama = {i.filename for i in isi}
            if "xl/workbook.xml" not in nama:
                raise BerkasError(
                    "Berkas ZIP ini bukan workbook Excel (.xlsx): tidak ada xl/workbook.xml."
                )
            if len(isi) > ANGGOTA_MAKS:
                raise BerkasError(
                    f"Workbook berisi {len(isi)} bagian; paling banyak {ANGGOTA_MAKS}. "
                    "Berkas ditolak."
                )
            terbuka = sum(i.file_size for i in isi)
            if terbuka > min(ukuran * RASIO_ISI_MAKS, settings.MAX_XLSX_ISI_BYTES):
                raise BerkasError(
                    f"Isi workbook terlalu besar setelah dibuka ({terbuka / 2**20:.0f} MB dari "
                    f"berkas {ukuran / 2**20:.1f} MB); berkas ditolak."
                )
            return any(
                _berisi_rumus(arsip, i)
                for i in isi
                if i.filename.startswith("xl/worksheets/") and i.filename.endswith(".xml")
            )
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, OSError) as exc:
        raise BerkasError(f"Berkas rusak atau bukan .xlsx yang utuh ({exc}).") from exc
    finally:
        if not isinstance(sumber, str | Path):
            sumber.seek(0)


def _berisi_rumus(arsip: zipfile.ZipFile, info: zipfile.ZipInfo) -> bool:
    sisa = b""
    with arsip.open(info) as f:
        while potongan := f.read(1 << 20):
            if _RUMUS.search(sisa + potongan):
                return True
            sisa = potongan[-16:]
    return False


# Opening a workbook read-only, openpyxl reads each sheet's size from its <dimension> record; a
# sheet without one (openpyxl's write-only mode, our own export, other generators write none) is
# parsed to the end just for that (10 s of 31 s for the 164 241 rows of bin/bench). Every sheet
# is read with reset_dimensions() anyway (a stated size may be wrong), so the size is not needed:
# skip it while this module opens a workbook (the only reader in this process that does).
_TANPA_UKURAN = threading.Lock()


@contextmanager
def _buka_openpyxl(sumber: Sumber, *, data_only: bool):
    if not isinstance(sumber, str | Path):
        sumber.seek(0)
    try:
        with _TANPA_UKURAN:
            asli, ReadOnlyWorksheet._get_size = ReadOnlyWorksheet._get_size, lambda self: None
            try:
                buku = openpyxl.load_workbook(sumber, read_only=True, data_only=data_only)
            finally:
                ReadOnlyWorksheet._get_size = asli
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise BerkasError(f"Workbook tidak dapat dibaca: {exc}.") from exc
    try:
        yield buku
    finally:
        buku.close()


def baca(
    sumber: Sumber, laporan: Laporan, *, batas_byte: int | None
) -> Iterator[tuple[Sheet, Iterator[BarisMentah]]]:
    """Yield each known sheet in the order of the format, with its rows; errors go to `laporan`.

    Raises BerkasError for a file that cannot be read at all.
    """
    ada_rumus = periksa_berkas(sumber, batas_byte=batas_byte)
    with _buka_openpyxl(sumber, data_only=True) as buku:
        judul = {}
        for ws in buku.worksheets:
            sheet = cari_sheet(ws.title)
            if sheet is None:
                laporan.tambah_peringatan(ws.title, None, "", "Sheet tidak dikenal; diabaikan.")
            elif sheet.nama not in judul:
                judul[sheet.nama] = ws.title
        if not judul:
            raise BerkasError(
                "Workbook tidak berisi satu pun sheet yang dikenal ("
                + ", ".join(s.nama for s in SHEETS)
                + ")."
            )
        for sheet in SHEETS:
            if sheet.nama in judul:
                yield (
                    sheet,
                    _baris_sheet(sumber, buku, judul[sheet.nama], sheet, laporan, ada_rumus),
                )


def _baris_sheet(
    sumber: Sumber, buku, judul: str, sheet: Sheet, laporan: Laporan, ada_rumus: bool
) -> Iterator[BarisMentah]:
    ws = buku[judul]
    ws.reset_dimensions()
    if not ada_rumus:
        yield from _baris(sheet, ws.iter_rows(), None, laporan)
        return
    with _buka_openpyxl(sumber, data_only=False) as buku_rumus:
        ws_rumus = buku_rumus[judul]
        ws_rumus.reset_dimensions()
        yield from _baris(sheet, ws.iter_rows(), ws_rumus.iter_rows(), laporan)


def _baris(sheet: Sheet, data, rumus, laporan: Laporan) -> Iterator[BarisMentah]:
    try:
        kepala = next(data, ())
        if rumus is not None:
            next(rumus, ())
        posisi = _kepala(sheet, kepala, laporan)
        if posisi is None:
            return
        indeks = {kolom.nama: i for i, kolom in enumerate(posisi)}
        for nomor, sel in enumerate(data, start=2):
            sel_rumus = next(rumus, ()) if rumus is not None else ()
            baris = _satu_baris(sheet, nomor, posisi, indeks, sel, sel_rumus, laporan)
            if baris is not None:
                yield baris
    except BerkasError:
        raise
    except Exception as exc:  # a damaged sheet part surfaces only while streaming
        raise BerkasError(f"Sheet {sheet.nama} rusak dan tidak dapat dibaca ({exc}).") from exc


def _kepala(sheet: Sheet, sel: tuple, laporan: Laporan) -> dict[Kolom, int] | None:
    dikenal = {k.nama: k for k in sheet.kolom}
    posisi: dict[Kolom, int] = {}
    for i, c in enumerate(sel):
        if c.value is None or str(c.value).strip() == "":
            continue
        nama = nama_kolom(c.value)
        kolom = dikenal.get(nama)
        if kolom is None:
            laporan.tambah_peringatan(
                sheet.nama, 1, str(c.value), "Kolom tidak dikenal; diabaikan."
            )
        elif kolom in posisi:
            laporan.tambah_peringatan(
                sheet.nama, 1, str(c.value), "Kolom ganda; hanya yang pertama dibaca."
            )
        else:
            posisi[kolom] = i
    hilang = [k.nama for k in sheet.kolom if k.wajib and k not in posisi]
    for nama in hilang:
        laporan.tambah_galat(sheet.nama, 1, nama, "Kolom wajib tidak ada di baris judul.")
    return None if hilang else posisi


def _satu_baris(
    sheet: Sheet,
    nomor: int,
    posisi: dict[Kolom, int],
    indeks: dict[str, int],
    sel: tuple,
    sel_rumus: tuple,
    laporan: Laporan,
) -> BarisMentah | None:
    nilai: list[object] = []
    galat: list[tuple[str, str]] = []
    kosong = True
    for kolom, i in posisi.items():
        c = sel[i] if i < len(sel) else None
        mentah = c.value if c is not None else None
        rumus = i < len(sel_rumus) and sel_rumus[i].data_type == "f"
        if isinstance(mentah, str) and not mentah.strip():
            mentah = None
        nilai.append(None)
        if mentah is None and not rumus:
            continue
        kosong = False
        if mentah is None:
            galat.append(
                (
                    kolom.nama,
                    "Rumus tanpa nilai tersimpan. Buka berkas di program spreadsheet, hitung "
                    "ulang, lalu simpan; atau tulis nilainya langsung.",
                )
            )
        elif c.data_type == "e":
            galat.append((kolom.nama, f"Sel berisi galat rumus {mentah}."))
        else:
            try:
                nilai[-1] = baca_sel(kolom, mentah, persen="%" in (c.number_format or ""))
            except NilaiError as exc:
                galat.append((kolom.nama, str(exc)))
    if kosong:
        return None
    salah = {nama for nama, _ in galat}
    for kolom in posisi:
        if kolom.wajib and nilai[indeks[kolom.nama]] is None and kolom.nama not in salah:
            galat.append((kolom.nama, "Wajib diisi."))
    for nama, pesan in galat:
        laporan.tambah_galat(sheet.nama, nomor, nama, pesan)
    return BarisMentah(nomor, tuple(nilai), indeks, salah=bool(galat))


def baca_sel(kolom: Kolom, nilai: object, *, persen: bool = False) -> object:
    """A cell's value as the column expects it; raise NilaiError with the reason otherwise."""
    if isinstance(nilai, bool):
        raise NilaiError("Nilai ya/tidak (TRUE/FALSE) tidak dapat dipakai di sini.")
    jenis = kolom.jenis
    if jenis in (Jenis.UANG, Jenis.BILANGAN):
        baca_bulat = parse_rupiah if jenis == Jenis.UANG else parse_bilangan
        return baca_bulat(nilai if not isinstance(nilai, str) else teks_asli(nilai.strip()))
    if jenis == Jenis.DESIMAL:
        return parse_desimal(nilai if not isinstance(nilai, str) else teks_asli(nilai.strip()))
    if jenis == Jenis.TANGGAL:
        return _tanggal(nilai)
    if jenis == Jenis.TAHUN:
        return _tahun(nilai)
    if isinstance(nilai, dt.datetime | dt.date | dt.time):
        raise NilaiError(f"Berisi tanggal ({nilai}); kolom ini tidak berisi tanggal.")
    if isinstance(nilai, int | float):
        teks = _angka_teks(nilai, persen=persen and jenis == Jenis.NILAI)
        if jenis != Jenis.NILAI:
            if abs(nilai) >= 1e15:
                raise NilaiError(
                    f"Angka {nilai:.0f} terlalu panjang untuk disimpan sebagai angka oleh program "
                    "spreadsheet (digit terakhir hilang); tulis sebagai teks."
                )
            teks = teks.replace(",", ".")  # a row number 2.1 typed as a number
    else:
        teks = teks_asli(str(nilai).replace("\r\n", "\n").strip())
    if jenis == Jenis.PILIHAN:
        cocok = next((p for p in kolom.pilihan if p.lower() == teks.lower()), None)
        if cocok is None:
            raise NilaiError(
                f"'{teks}' tidak dikenal; pilih salah satu: {', '.join(kolom.pilihan)}."
            )
        return cocok
    if kolom.maks and len(teks) > kolom.maks:
        raise NilaiError(f"Terlalu panjang ({len(teks)} karakter); paling banyak {kolom.maks}.")
    return teks


def _angka_teks(x: int | float, *, persen: bool) -> str:
    """A number cell as text that parse_nilai reads back to the same number (77.5 -> `77,5`)."""
    d = Decimal(repr(x)) if isinstance(x, float) else Decimal(x)
    if not d.is_finite():
        raise NilaiError(f"'{x}' bukan angka yang dapat dibaca.")
    if persen:
        d *= 100
    akhiran = "%" if persen else ""
    if d == d.to_integral_value():
        return f"{int(d)}{akhiran}"
    bulat, pecahan = f"{d.normalize():f}".split(".")
    if len(pecahan) == 3 and bulat not in ("0", "-0"):
        pecahan += "0"  # `12,345` would be ambiguous (thousands or decimals)
    return f"{bulat},{pecahan}{akhiran}"


def _tahun(nilai: object) -> int:
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    if isinstance(nilai, str) and nilai.strip().isdigit():
        nilai = int(nilai.strip())
    if not isinstance(nilai, int) or not 2000 <= nilai <= 2100:
        raise NilaiError(f"'{nilai}' bukan tahun (2000–2100).")
    return nilai


def _tanggal(nilai: object) -> dt.date:
    if isinstance(nilai, dt.datetime):
        return nilai.date()
    if isinstance(nilai, dt.date):
        return nilai
    if isinstance(nilai, str):
        s = nilai.strip()
        for pola in ("%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(s, pola).date()  # noqa: DTZ007 (a date, no time)
            except ValueError:
                pass
        bagian = s.split()
        if len(bagian) == 3 and bagian[1].lower() in _BULAN:
            try:
                return dt.date(int(bagian[2]), _BULAN[bagian[1].lower()], int(bagian[0]))
            except ValueError:
                pass
    contoh = format_tanggal(dt.date(2024, 1, 17))
    raise NilaiError(
        f"'{nilai}' bukan tanggal. Format sel sebagai tanggal, atau tulis 2024-01-17 atau {contoh}."
    )

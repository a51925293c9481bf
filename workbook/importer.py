"""Importing a workbook: read every sheet, compare with the database, write only if flawless.

1. `reader` streams each sheet into typed rows (errors per cell go to the report).
2. Planning loads what the file refers to in a fixed number of queries per sheet, and compares
   row by row: new, changed (with old -> new per column) or unchanged. Permissions, signed PKs,
   closed quarters and the kind of each value are checked here.
3. Only when there is no error at all, the plan is written in one transaction with bulk writes
   that also record history ("Impor workbook <file>").

Rows are matched on the natural keys of spec/workbook.md and never deleted. An optional column
left out of the header leaves that field as it is.
"""

from __future__ import annotations

import copy
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import partial
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.dispatch import Signal
from django.utils import timezone
from simple_history.utils import bulk_update_with_history

from common import format as fmt
from common.massal import buat_dengan_riwayat, tanpa_gc
from evaluasi.models import (
    JAWABAN,
    Instrumen,
    Komponen,
    Kriteria,
    NilaiJawaban,
    Predikat,
    SubKomponen,
)
from kinerja.capaian import Agregasi, Arah
from kinerja.katalog import calon_katalog, indikator_baris
from kinerja.models import (
    AnggaranPK,
    BarisAnggaran,
    BarisPK,
    Dipa,
    IndikatorKinerja,
    Kegiatan,
    Output,
    OutputRO,
    Pemilihan,
    PemilihKecamatan,
    PenutupanPeriode,
    PerjanjianKinerja,
    Program,
    Realisasi,
    RealisasiRO,
    RencanaAksi,
    Renstra,
    RevisiBaris,
    RevisiDipa,
    SasaranStrategis,
    TargetRenstra,
    TargetTriwulan,
    TautanAnggaran,
)
from kinerja.services import periode_ensure_open, perjanjian_ensure_editable
from satker.models import Aset, Pegawai, Pejabat, Satker
from satker.selectors import is_admin, satker_visible, satker_writable
from workbook import skema
from workbook.laporan import Laporan
from workbook.reader import BarisMentah, BerkasError, Sumber, baca

POTONGAN = 500
POTONGAN_TULIS = 5000  # new rows written at once: a few MB of instances, few round trips
_TINGKAT_URUT = {t: i for i, t in enumerate(skema.TINGKAT)}
_INDUK_TINGKAT = {
    Satker.Tingkat.PROVINSI: Satker.Tingkat.RI,
    Satker.Tingkat.KABUPATEN: Satker.Tingkat.PROVINSI,
    Satker.Tingkat.KOTA: Satker.Tingkat.PROVINSI,
}


def impor_workbook(
    sumber: Sumber,
    *,
    user: User | None,
    nama_berkas: str = "",
    terapkan: bool = False,
    batas_byte: int | None = None,
    sidik: str | None = None,
) -> Laporan:
    """Check a workbook and, with `terapkan`, write it; return the report either way.

    `user` None is a system import that may write every satker. With `sidik` (the fingerprint
    of a preview), nothing is written when the plan differs from what was previewed.
    """
    with tanpa_gc():
        return _impor(sumber, user, nama_berkas, terapkan, batas_byte, sidik)


def _impor(sumber, user, nama_berkas, terapkan, batas_byte, sidik) -> Laporan:
    laporan = Laporan(nama_berkas)
    impor = _Impor(laporan, user, nama_berkas)
    try:
        impor.baca(sumber, batas_byte)
    except BerkasError as exc:
        laporan.tambah_galat("", None, "", str(exc))
        return laporan
    with transaction.atomic():
        impor.rencanakan()
        if sidik is not None and sidik != laporan.sidik:
            laporan.berubah_sejak_pratinjau = True
        elif terapkan and not laporan.ada_galat:
            impor.terapkan()
            laporan.diterapkan = True
            # bulk writes send no post_save: say once that data changed (rekap.latar listens)
            transaction.on_commit(lambda: impor_diterapkan.send(sender=_Impor))
    return laporan


impor_diterapkan = Signal()  # sent when an import's writes are committed


@dataclass(frozen=True, slots=True)
class Ref:
    """A reference to an object by natural key, resolved when writing (it may not exist yet)."""

    kunci: tuple


@dataclass(slots=True)
class Buat:
    model: type[models.Model]
    nilai: dict[str, Any]
    kunci: tuple | None = None


def _sama(lama: object, baru: object) -> bool:
    if isinstance(lama, str) or isinstance(baru, str):
        return str(lama or "").replace("\r\n", "\n").strip() == str(baru or "")
    return lama == baru


def _tampil(nilai: object) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, int):
        return fmt.angka(nilai)
    if hasattr(nilai, "isoformat"):
        return fmt.tanggal(nilai)
    if isinstance(nilai, models.Model):
        return getattr(nilai, "kode", str(nilai))
    if isinstance(nilai, Ref):
        return nilai.kunci[-1]
    return str(nilai)


def _potong(nilai: Iterable) -> Iterable[list]:
    nilai = list(nilai)
    for i in range(0, len(nilai), POTONGAN):
        yield nilai[i : i + POTONGAN]


# What a model's clean() derives from the text; the importer writes it with the row (bulk writes
# bypass save()), so a value is parsed once per write.
TURUNAN: dict[type[models.Model], tuple[str, ...]] = {
    BarisPK: ("jenis_nilai", "satuan", "target_angka", "target_kode"),
    TargetTriwulan: ("teks_angka", "teks_kode"),
    Realisasi: ("teks_angka", "teks_kode"),
    TargetRenstra: ("target_angka", "target_kode"),
}
KATALOG_HANYA_ADMIN = "Katalog nasional hanya dapat diubah admin KPU RI."
LKE_HANYA_ADMIN = "Instrumen LKE hanya dapat diubah admin KPU RI."


# The sheets of the budget tied to performance (issue 17).
ANGGARAN_KINERJA = ("TautanAnggaran", "OutputRO", "RealisasiRO", "RevisiDIPABaris")

# The sheets of the office profile and its elections, and an election's voter counts.
PROFIL = ("Pegawai", "Aset", "Pemilihan", "PemilihKecamatan")
_PEMILIH_KHUSUS = ("dpt_disabilitas", "pengguna_disabilitas", "dpt_pemula", "pengguna_pemula")


class _Impor:
    def __init__(self, laporan: Laporan, user: User | None, nama_berkas: str):
        self.lap = laporan
        self.user = user
        self.alasan = f"Impor workbook {nama_berkas}".strip()[:100]
        self.baris: dict[str, list[BarisMentah]] = {}
        self.obj: dict[tuple, models.Model] = {}
        self.buat: dict[type[models.Model], list[Buat]] = defaultdict(list)
        self.ubah: dict[type[models.Model], dict[int, tuple[models.Model, set[str]]]] = defaultdict(
            dict
        )
        self.rencana: set[tuple] = set()
        self.jenis_baris_baru: dict[tuple, str] = {}
        self.pk_baru: dict[tuple, Buat] = {}
        self.terlihat: dict[str, dict[tuple, int]] = defaultdict(dict)
        self.urutan: dict[tuple, int] = {}
        self.ditemui: set[tuple] = set()
        self.baris_baru: dict[tuple, Buat] = {}
        self.renstra_nasional: list[Renstra] = []
        self.calon_katalog: dict[int, dict[str, IndikatorKinerja]] = {}
        self.jenis_ik_baru: dict[tuple, str] = {}
        self.satker_nama_baru: dict[str, tuple[str, str]] = {}
        self.contoh_realisasi: dict[str, Realisasi] = {}

    # ------------------------------------------------------------ reading

    def baca(self, sumber: Sumber, batas_byte: int | None) -> None:
        for sheet, baris in baca(sumber, self.lap, batas_byte=batas_byte):
            self.baris[sheet.nama] = [b for b in baris if not b.salah]
            self.lap.sheet(sheet.nama)

    def _ada(self, *sheets: str) -> bool:
        return any(self.baris.get(s) for s in sheets)

    def _semua(self, *sheets: str) -> Iterable[BarisMentah]:
        for s in sheets:
            yield from self.baris.get(s, ())

    # ------------------------------------------------------------ planning

    def rencanakan(self) -> None:
        self._muat_satker()
        if self.semua:
            for b in self.baris.get("Satker", ()):
                if b["kode"] not in self.satker:
                    self.satker_baru.setdefault(b["kode"], b["tingkat"])
        self._periksa("Satker", self._satker_baris)
        if self._ada(*(s.nama for s in skema.SHEETS_KATALOG), "PK", "PKIndikator"):
            self._muat_katalog()
            for sheet, fungsi in (
                ("Program", partial(self._kode_baris, "Program")),
                ("Kegiatan", partial(self._kode_baris, "Kegiatan")),
                ("Output", partial(self._kode_baris, "Output")),
                ("Renstra", self._renstra_baris),
                ("Sasaran", self._sasaran_baris),
                ("Indikator", self._indikator_baris),
                ("TargetNasional", self._target_nasional_baris),
            ):
                self._periksa(sheet, fungsi)
        if self._ada(*(s.nama for s in skema.SHEETS_LKE)):
            self._muat_lke()
            for sheet in skema.SHEETS_LKE:
                self._periksa(sheet.nama, partial(self._lke_baris, sheet.nama))
        self._muat_pejabat()
        self._periksa("Pejabat", self._pejabat_baris)
        if self._ada(
            "PK",
            "PKAnggaran",
            "PKPihak",
            "Realisasi",
            "PKIndikator",
            "RencanaAksi",
            "TautanAnggaran",
        ):
            self._muat_pk()
            self._periksa("PK", self._pk_baris)
            self._periksa("PKAnggaran", self._pk_anggaran_baris)
            self._periksa("PKPihak", self._pk_pihak_baris)
            self._periksa("Realisasi", self._realisasi_baris)
            self._periksa("PKIndikator", self._pk_indikator_baris)
            self._periksa("RencanaAksi", self._rencana_aksi_baris)
        if self._ada("Anggaran", "RevisiDIPA", *ANGGARAN_KINERJA):
            self._muat_anggaran()
            self._periksa("Anggaran", self._anggaran_baris)
            self._periksa("RevisiDIPA", self._revisi_baris)
            self._periksa("TautanAnggaran", self._tautan_baris)
            self._periksa("OutputRO", self._output_ro_baris)
            self._periksa("RealisasiRO", self._realisasi_ro_baris)
            self._periksa("RevisiDIPABaris", self._revisi_dipa_baris)
        if self._ada(*PROFIL):
            self._muat_profil()
            self._periksa("Pegawai", self._pegawai_baris)
            self._periksa("Aset", self._aset_baris)
            self._periksa("Pemilihan", self._pemilihan_baris)
            self._periksa("PemilihKecamatan", self._kecamatan_baris)

    def _periksa(self, sheet: str, fungsi) -> None:
        """Plan every row of a sheet, then let its rows go: the plan holds what is needed."""
        for b in self.baris.pop(sheet, ()):
            fungsi(b)

    def _galat(self, sheet: str, b: BarisMentah, kolom: str, pesan: str) -> None:
        self.lap.tambah_galat(sheet, b.nomor, kolom, pesan)

    def _ganda(self, sheet: str, b: BarisMentah, kunci: tuple) -> bool:
        pertama = self.terlihat[sheet].setdefault(kunci, b.nomor)
        if pertama != b.nomor:
            nama = " + ".join(skema.cari_sheet(sheet).kunci)
            self._galat(sheet, b, "", f"Kunci ganda ({nama}): sama dengan baris {pertama}.")
            return True
        return False

    def _urutan_berikut(self, grup: tuple) -> int:
        self.urutan[grup] = self.urutan.get(grup, -1) + 1
        return self.urutan[grup]

    def _catat_urutan(self, grup: tuple, urutan: int) -> None:
        self.urutan[grup] = max(self.urutan.get(grup, -1), urutan)

    def _bandingkan(
        self, obj: models.Model | None, baru: dict[str, tuple[str, Any]]
    ) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
        """Fields that differ from `obj`: {field: value} and [(column, old, new)] to show."""
        ubah, beda = {}, []
        for field, (kolom, nilai) in baru.items():
            if isinstance(nilai, Ref):
                lama_id = getattr(obj, f"{field}_id") if obj is not None else None
                tujuan = self.obj.get(nilai.kunci)
                sama = tujuan is not None and tujuan.pk == lama_id
                lama = self.kode_satker.get(lama_id, lama_id)
            else:
                lama = getattr(obj, field) if obj is not None else None
                sama = _sama(lama, nilai)
            if not sama:
                ubah[field] = nilai
                if kolom:
                    beda.append((kolom, _tampil(lama), _tampil(nilai)))
        return ubah, beda

    def _ubah(self, obj: models.Model, nilai: dict[str, Any]) -> None:
        if not nilai:
            return
        _, fields = self.ubah[type(obj)].setdefault(obj.pk, (obj, set()))
        for field, v in nilai.items():
            if isinstance(v, Ref):
                setattr(obj, f"_ref_{field}", v)
            else:
                setattr(obj, field, v)
            fields.add(field)

    def _buat(self, model: type[models.Model], nilai: dict, kunci: tuple | None = None) -> None:
        self.buat[model].append(Buat(model, nilai, kunci))
        if kunci is not None:
            self.rencana.add(kunci)

    def _kunci_teks(self, *bagian: object) -> str:
        return " / ".join(str(b) for b in bagian if b not in (None, ""))

    @staticmethod
    def _opsional(b: BarisMentah, *kolom: str) -> dict[str, tuple[str, Any]]:
        """Optional columns present in the sheet's header (a column left out changes nothing)."""
        return {k: (k, b[k] if b[k] is not None else "") for k in kolom if b.ada(k)}

    def _aturan(
        self,
        sheet: str,
        b: BarisMentah,
        obj: models.Model,
        baru: dict[str, tuple[str, Any]],
        kolom: dict[str, str] | None = None,
    ) -> models.Model | None:
        """The model's own field rules (validators and clean(), as for a form, the API and the
        admin) on the values a row would write; errors go to the row's columns. Returns the
        checked copy with what clean() derived (the kind and the parsed value), None on error."""
        cek = copy.copy(obj)
        for field, (_, nilai) in baru.items():
            if not isinstance(nilai, Ref):
                setattr(cek, field, nilai)
        diperiksa = {f for f, (_, v) in baru.items() if not isinstance(v, Ref)}
        lain = [f.name for f in cek._meta.concrete_fields if f.name not in diperiksa]
        try:
            cek.full_clean(exclude=lain, validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            nama = {f: k for f, (k, _) in baru.items()} | (kolom or {})
            for field, pesan in exc.message_dict.items():
                self._galat(sheet, b, nama.get(field) or field, " ".join(pesan))
            return None
        for field in TURUNAN.get(type(cek), ()):
            baru.setdefault(field, ("", getattr(cek, field)))
            baru[field] = (baru[field][0], getattr(cek, field))
        return cek

    def _upsert(
        self,
        sheet: str,
        b: BarisMentah,
        kunci: tuple,
        model: type[models.Model],
        lama: models.Model | None,
        baru: dict[str, tuple[str, Any]],
        tetap: dict[str, Any],
        ref: tuple | None = None,
        *,
        pk: PerjanjianKinerja | None = None,
        anak: list | None = None,
        tolak: str = "",
    ) -> Buat | None:
        """The one write path of every sheet: plan a new row, the changed fields of an existing
        one, or nothing; refused when it changes a signed PK, or with the message `tolak` when
        it changes anything (the national catalogue for anyone but an admin, a satker the user
        may only read). `tetap` holds what only a new row gets (callables are evaluated only
        then); `anak` rows hang off this one (TW targets). Returns the plan of a new row."""
        ubah, beda = self._bandingkan(lama, baru)
        rencana_anak = []
        for m, lama_anak, baru_anak, tetap_anak in anak or ():
            ubah_anak, beda_anak = self._bandingkan(lama_anak, baru_anak)
            beda += beda_anak
            if lama_anak is None or ubah_anak:
                rencana_anak.append((m, lama_anak, ubah_anak, baru_anak, tetap_anak))
        berubah = lama is None or ubah or rencana_anak
        if berubah and self._terkunci(sheet, b, pk):
            return None
        if berubah and tolak:
            self._galat(sheet, b, "", tolak)
            return None
        teks = self._kunci_teks(*kunci)
        rencana = None
        if lama is None:
            nilai = {f: v() if callable(v) else v for f, v in tetap.items()}
            self._buat(model, {**nilai, **{f: v for f, (_, v) in baru.items()}}, ref)
            rencana = self.buat[model][-1]
            self.lap.catat_baru(sheet, b.nomor, teks)
        elif berubah:
            self._ubah(lama, ubah)
            self.lap.catat_ubah(sheet, b.nomor, teks, beda)
        else:
            self.lap.catat_tetap(sheet)
        for m, lama_anak, ubah_anak, baru_anak, tetap_anak in rencana_anak:
            if lama_anak is not None:
                self._ubah(lama_anak, ubah_anak)
                continue
            induk = {"baris": Ref(ref)}
            self._buat(m, {**induk, **tetap_anak, **{f: v for f, (_, v) in baru_anak.items()}})
        return rencana

    # ------------------------------------------------------------ satker and access

    def _muat_satker(self) -> None:
        kode = set()
        for b in self._semua(*(s.nama for s in skema.SHEETS)):
            for kolom in ("satker", "kode", "induk"):
                if b[kolom]:
                    kode.add(b[kolom])
        self.satker: dict[str, Satker] = {}
        for potongan in _potong(kode):
            for s in Satker.objects.filter(kode__in=potongan):
                self.satker[s.kode] = s
                self.obj[("satker", s.kode)] = s
        self.kode_satker = {s.pk: kode for kode, s in self.satker.items()}
        self.semua = self.user is None or is_admin(self.user)
        if not self.semua:
            self.tulis_ids = set(satker_writable(self.user).values_list("pk", flat=True))
            self.lihat_ids = set(satker_visible(self.user).values_list("pk", flat=True))
        self.satker_baru: dict[str, str] = {}

    def _boleh_tulis(self, s: Satker) -> bool:
        return self.semua or s.pk in self.tulis_ids

    def _pesan_tidak_boleh(self, kode: str) -> str:
        s = self.satker.get(kode)
        if s is not None and not self.semua and s.pk in self.lihat_ids:
            return f"Anda tidak berwenang mengubah data {s.nama} ({kode})."
        if self.semua:
            return f"Satker '{kode}' tidak ditemukan; tambahkan di sheet Satker."
        return f"Satker '{kode}' tidak ditemukan atau tidak dapat Anda ubah."

    def _satker_tulis(self, sheet: str, b: BarisMentah) -> str | None:
        """The kode of the row's satker when the user may write it; an error otherwise."""
        kode = b["satker"]
        s = self.satker.get(kode)
        if (s is not None and self._boleh_tulis(s)) or kode in self.satker_baru:
            return kode
        self._galat(sheet, b, "satker", self._pesan_tidak_boleh(kode))
        return None

    def _tingkat(self, kode: str) -> str | None:
        """Tingkat of an existing or planned satker (asked only for admins and system imports)."""
        if kode in self.satker_baru:
            return self.satker_baru[kode]
        s = self.satker.get(kode)
        return s.tingkat if s is not None else None

    def _satker_baris(self, b: BarisMentah) -> None:
        S = "Satker"
        kode, tingkat, induk = b["kode"], b["tingkat"], b["induk"]
        if self._ganda(S, b, (kode,)):
            return
        s = self.satker.get(kode)
        if s is None and not self.semua:
            self._galat(S, b, "kode", self._pesan_tidak_boleh(kode))
            return
        # A satker the user may not write (the parents an export carries) may stay as it is.
        tolak = "" if s is None or self._boleh_tulis(s) else self._pesan_tidak_boleh(kode)
        if not re.fullmatch(r"RI|[0-9]{2,10}", kode):
            self._galat(S, b, "kode", f"'{kode}' bukan kode wilayah (angka saja, atau RI).")
            return
        baru = {"nama": ("nama", b["nama"]), **self._opsional(b, "alamat", "kota")}
        if s is not None and not self.semua:
            induk_ada = self.satker.get(induk) if induk else None
            if tingkat != s.tingkat or (induk_ada.pk if induk_ada else None) != s.induk_id:
                self._galat(S, b, "induk", "Tingkat dan induk satker hanya dapat diubah admin.")
                return
        else:
            galat = self._periksa_induk(kode, tingkat, induk)
            if galat:
                self._galat(S, b, "induk", galat)
                return
            baru["tingkat"] = ("tingkat", tingkat)
            baru["induk"] = ("induk", Ref(("satker", induk)) if induk else None)
        if s is None:
            self.satker_nama_baru[kode] = (b["nama"], tingkat)
        self._upsert(S, b, (kode,), Satker, s, baru, {"kode": kode}, ("satker", kode), tolak=tolak)

    def _periksa_induk(self, kode: str, tingkat: str, induk: str | None) -> str:
        if tingkat == Satker.Tingkat.RI:
            return "" if not induk else "KPU RI tidak punya induk; kosongkan kolom induk."
        if not induk:
            return f"Induk wajib diisi untuk satker tingkat {tingkat}."
        if induk == kode:
            return "Satker tidak boleh menjadi induk dirinya sendiri."
        tingkat_induk = self._tingkat(induk)
        if tingkat_induk is None:
            return f"Induk '{induk}' tidak ditemukan."
        if tingkat_induk != _INDUK_TINGKAT[tingkat]:
            return (
                f"Induk satker tingkat {tingkat} harus tingkat {_INDUK_TINGKAT[tingkat]}, "
                f"sedangkan '{induk}' tingkat {tingkat_induk}."
            )
        return ""

    def _ids_tulis(self) -> list[int]:
        return [s.pk for s in self.satker.values() if self._boleh_tulis(s)]

    # ------------------------------------------------------------ pejabat

    def _muat_pejabat(self) -> None:
        self.pejabat: dict[tuple, Pejabat] = {}
        if not self._ada("Pejabat"):
            return
        for potongan in _potong(self._ids_tulis()):
            for p in Pejabat.objects.filter(satker_id__in=potongan).select_related("satker"):
                self.pejabat[(p.satker.kode, p.jabatan, p.nama)] = p

    def _pejabat_baris(self, b: BarisMentah) -> None:
        S = "Pejabat"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["jabatan"], b["nama"])
        if self._ganda(S, b, kunci):
            return
        baru = self._opsional(b, "nip", "divisi", "tugas")
        lama = self.pejabat.get(kunci)
        if self._aturan(S, b, lama or Pejabat(), baru) is None:
            return
        tetap = {"satker": Ref(("satker", kode)), "jabatan": kunci[1], "nama": kunci[2]}
        self._upsert(S, b, kunci, Pejabat, lama, baru, tetap)

    # ------------------------------------------------------------ perjanjian kinerja

    def _muat_pk(self) -> None:
        sheets = ("PK", "PKAnggaran", "PKPihak", "Realisasi", "PKIndikator", "RencanaAksi")
        tahun = {b["tahun"] for b in self._semua(*sheets, "TautanAnggaran")}
        ids = self._ids_tulis()
        terbaru: dict[tuple, PerjanjianKinerja] = {}
        for potongan in _potong(ids):
            qs = PerjanjianKinerja.objects.filter(satker_id__in=potongan, tahun__in=tahun)
            for pk in qs.select_related("satker").order_by("versi"):
                terbaru[(pk.satker.kode, pk.tahun, pk.jenis)] = pk
        self.pk_ids = {pk.pk: kunci for kunci, pk in terbaru.items()}
        for kunci, pk in terbaru.items():
            self.obj[("pk", *kunci)] = pk
        self.baris_pk: dict[int, BarisPK] = {}
        self.tw: dict[tuple[int, str], TargetTriwulan] = {}
        self.realisasi: dict[tuple[int, str], Realisasi] = {}
        self.anggaran_pk: dict[tuple[int, str], AnggaranPK] = {}
        self.rencana_aksi: dict[tuple[int, str], RencanaAksi] = {}
        for potongan in _potong(self.pk_ids):
            qs = BarisPK.objects.filter(perjanjian_id__in=potongan)
            for baris in qs.select_related("indikator_kinerja"):
                kunci_pk = self.pk_ids[baris.perjanjian_id]
                baris.perjanjian = self.obj[("pk", *kunci_pk)]
                self.obj[("baris", *kunci_pk, baris.no)] = baris
                self.baris_pk[baris.pk] = baris
                self._catat_urutan(("baris", *kunci_pk), baris.urutan)
            for model, simpan in ((TargetTriwulan, self.tw), (Realisasi, self.realisasi)):
                for obj in model.objects.filter(baris__perjanjian_id__in=potongan):
                    obj.baris = self.baris_pk[obj.baris_id]
                    simpan[(obj.baris_id, obj.periode)] = obj
            for a in RencanaAksi.objects.filter(baris__perjanjian_id__in=potongan):
                self.rencana_aksi[(a.baris_id, a.kegiatan)] = a
                kunci_pk = self.pk_ids[self.baris_pk[a.baris_id].perjanjian_id]
                self._catat_urutan(("ra", *kunci_pk, self.baris_pk[a.baris_id].no), a.urutan)
            for a in AnggaranPK.objects.filter(perjanjian_id__in=potongan):
                self.anggaran_pk[(a.perjanjian_id, a.program)] = a
                self._catat_urutan(("apk", *self.pk_ids[a.perjanjian_id]), a.urutan)
        self.tutup: set[tuple] = set()
        for potongan in _potong(ids):
            qs = PenutupanPeriode.objects.filter(satker_id__in=potongan, tahun__in=tahun)
            self.tutup.update(qs.values_list("satker_id", "tahun", "periode"))

    def _pk(self, kode: str, tahun: int, jenis: str) -> tuple[tuple, PerjanjianKinerja | None]:
        """The key of the PK a row belongs to, planning a new versi 1 when there is none."""
        kunci = ("pk", kode, tahun, jenis)
        pk = self.obj.get(kunci)
        if pk is None and kunci not in self.rencana:
            nilai = {"satker": Ref(("satker", kode)), "tahun": tahun, "jenis": jenis, "versi": 1}
            self._buat(PerjanjianKinerja, nilai, kunci)
            self.pk_baru[kunci] = self.buat[PerjanjianKinerja][-1]
        return kunci, pk

    def _terkunci(self, sheet: str, b: BarisMentah, pk: PerjanjianKinerja | None) -> bool:
        if pk is None:
            return False
        try:
            perjanjian_ensure_editable(pk)
        except ValidationError as exc:
            self._galat(sheet, b, "", " ".join(exc.messages))
            return True
        return False

    def _pk_baris(self, b: BarisMentah) -> None:
        S = "PK"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["tahun"], b["jenis"], b["no"])
        if self._ganda(S, b, kunci):
            return
        baris = self.obj.get(("baris", *kunci))
        baru = {
            "sasaran": ("sasaran", b["sasaran"]),
            "indikator": ("indikator", b["indikator"]),
            "satuan": ("satuan", b["satuan"] or (baris.satuan if baris is not None else "")),
            "target": ("target", b["target"]),
            "jenis_nilai": ("", baris.jenis_nilai if baris is not None else ""),
        }
        for kolom, bawaan in (("arah", Arah.NAIK), ("agregasi", Agregasi.TERAKHIR)):
            if b.ada(kolom) or baris is None:
                baru[kolom] = (kolom, b[kolom] or bawaan)
        cek = self._aturan(S, b, baris or BarisPK(), baru)
        if cek is None:
            return
        triwulan = self._triwulan(b, baris, cek)
        if triwulan is None:
            return
        kunci_pk, pk = self._pk(kode, b["tahun"], b["jenis"])
        ref_baris = ("baris", *kunci)
        tetap = {
            "perjanjian": Ref(kunci_pk),
            "no": kunci[3],
            "urutan": lambda: self._urutan_berikut(("baris", *kunci[:3])),
        }
        if baris is None:
            self.jenis_baris_baru[kunci] = cek.jenis_nilai
            tetap["indikator_kinerja"] = self._cocok_katalog(kode, b["tahun"], b["indikator"])
        rencana = self._upsert(
            S, b, kunci, BarisPK, baris, baru, tetap, ref_baris, pk=pk, anak=triwulan
        )
        if rencana is not None:
            self.baris_baru[kunci] = rencana

    def _cocok_katalog(self, kode: str, tahun: int, teks: str) -> IndikatorKinerja | None:
        """A new PK row is linked to the catalogue indicator its wording matches, as the rows of
        the application are (kinerja/katalog.py)."""
        renstra = self._renstra_tahun(tahun)
        s = self.satker.get(kode)
        nama, tingkat = (s.nama, s.tingkat) if s else self.satker_nama_baru.get(kode, ("", ""))
        if renstra is None or not nama:
            return None
        if renstra.pk not in self.calon_katalog:
            self.calon_katalog[renstra.pk] = calon_katalog(
                ik for k, ik in self.obj.items() if k[0] == "ik" and k[1] == renstra.tahun_awal
            )
        return indikator_baris(teks, nama, tingkat, self.calon_katalog[renstra.pk])

    def _triwulan(self, b: BarisMentah, baris: BarisPK | None, cek: BarisPK) -> list | None:
        """The quarterly targets of a PK row as (model, old, values) children; None on error."""
        anak = []
        for i, tw in enumerate(skema.TRIWULAN):
            if b[tw] is None:
                continue
            periode = skema.PERIODE[i]
            lama = self.tw.get((baris.pk, periode)) if baris is not None else None
            baru = {"teks": (tw, b[tw])}
            uji = TargetTriwulan(baris=cek, periode=periode)
            if self._aturan("PK", b, lama or uji, baru, {"teks": tw}) is None:
                return None
            anak.append((TargetTriwulan, lama, baru, {"periode": periode}))
        return anak

    def _pk_anggaran_baris(self, b: BarisMentah) -> None:
        S = "PKAnggaran"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["tahun"], b["jenis"], b["program"])
        if self._ganda(S, b, kunci):
            return
        kunci_pk, pk = self._pk(kode, b["tahun"], b["jenis"])
        lama = self.anggaran_pk.get((pk.pk, b["program"])) if pk is not None else None
        tetap = {
            "perjanjian": Ref(kunci_pk),
            "program": b["program"],
            "urutan": lambda: self._urutan_berikut(("apk", *kunci[:3])),
        }
        baru = {"jumlah": ("anggaran", b["anggaran"])}
        self._upsert(S, b, kunci, AnggaranPK, lama, baru, tetap, pk=pk)

    def _pk_pihak_baris(self, b: BarisMentah) -> None:
        S = "PKPihak"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["tahun"], b["jenis"])
        if self._ganda(S, b, kunci):
            return
        kunci_pk, pk = self._pk(*kunci)
        baru = {
            k.nama: (k.nama, b[k.nama] if k.jenis == skema.Jenis.TANGGAL else b[k.nama] or "")
            for k in skema.PK_PIHAK.kolom[3:]
            if b.ada(k.nama)
        }
        for kolom in ("pihak_pertama_nama", "pihak_pertama_jabatan"):
            if b[kolom] == skema.KOSONG:
                baru[kolom] = (kolom, "")
        uji = pk or PerjanjianKinerja(tahun=b["tahun"], jenis=b["jenis"])
        if self._aturan(S, b, uji, baru) is None:
            return
        if pk is None:
            self.pk_baru[kunci_pk].nilai.update({f: v for f, (_, v) in baru.items()})
            self.lap.catat_baru(S, b.nomor, self._kunci_teks(*kunci))
            return
        self._upsert(S, b, kunci, PerjanjianKinerja, pk, baru, {}, pk=pk)

    def _realisasi_uji(self, baris: BarisPK | None, jenis: str, periode: str) -> Realisasi:
        """A new realisasi to check a row's values on: a copy of one made once per kind of value
        (a model instance costs far more to make than to copy, and there are 40 000 rows)."""
        contoh = self.contoh_realisasi.get(jenis)
        if contoh is None:
            contoh = self.contoh_realisasi[jenis] = Realisasi(baris=BarisPK(jenis_nilai=jenis))
        uji = copy.copy(contoh)
        if baris is not None:
            uji.baris = baris
        uji.periode = periode
        return uji

    def _realisasi_baris(self, b: BarisMentah) -> None:
        S = "Realisasi"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci_baris = (kode, b["tahun"], b["jenis"], b["no"])
        kunci = (*kunci_baris, b["periode"])
        if self._ganda(S, b, kunci):
            return
        baris = self.obj.get(("baris", *kunci_baris))
        jenis = baris.jenis_nilai if baris is not None else self.jenis_baris_baru.get(kunci_baris)
        if jenis is None:
            self._galat(
                S,
                b,
                "no",
                f"Baris PK no {b['no']} tidak ada di PK {b['jenis']} {b['tahun']} satker {kode}; "
                "tambahkan dulu di sheet PK.",
            )
            return
        lama = self.realisasi.get((baris.pk, b["periode"])) if baris is not None else None
        baru = {
            "teks": ("realisasi", b["realisasi"]),
            **self._opsional(b, "kendala", "tindak_lanjut"),
        }
        uji = lama or self._realisasi_uji(baris, jenis, b["periode"])
        if self._aturan(S, b, uji, baru) is None:
            return
        if lama is None or self._bandingkan(lama, baru)[0]:
            s = self.satker.get(kode)
            if s is not None and (s.pk, b["tahun"], b["periode"]) in self.tutup:
                try:
                    periode_ensure_open(satker=s, tahun=b["tahun"], periode=b["periode"])
                except ValidationError as exc:
                    self._galat(S, b, "periode", " ".join(exc.messages))
                    return
        tetap = {"baris": Ref(("baris", *kunci_baris)), "periode": b["periode"]}
        self._upsert(S, b, kunci, Realisasi, lama, baru, tetap)

    # ------------------------------------------------------------ budget

    def _muat_anggaran(self) -> None:
        tahun = {b["tahun"] for b in self._semua("Anggaran", "RevisiDIPA", *ANGGARAN_KINERJA)}
        self.dipa_ids: dict[int, tuple] = {}
        for potongan in _potong(self._ids_tulis()):
            qs = Dipa.objects.filter(satker_id__in=potongan, tahun__in=tahun).select_related(
                "satker"
            )
            for d in qs:
                self.obj[("dipa", d.satker.kode, d.tahun)] = d
                self.dipa_ids[d.pk] = (d.satker.kode, d.tahun)
        kode_program = {b["program_kode"] for b in self._semua("Anggaran", *ANGGARAN_KINERJA)}
        for potongan in _potong(kode_program):
            for p in Program.objects.filter(kode__in=potongan):
                self.obj[("program", p.kode)] = p
            for k in Kegiatan.objects.filter(program__kode__in=potongan).select_related("program"):
                self.obj[("kegiatan", k.program.kode, k.kode)] = k
        self.baris_anggaran: dict[tuple, BarisAnggaran] = {}
        self.revisi: dict[tuple, RevisiDipa] = {}
        for potongan in _potong(self.dipa_ids):
            qs = BarisAnggaran.objects.filter(dipa_id__in=potongan).select_related(
                "program", "kegiatan"
            )
            for ba in qs:
                kunci_dipa = self.dipa_ids[ba.dipa_id]
                kunci = (*kunci_dipa, ba.program.kode, ba.kegiatan.kode, ba.output_kode)
                self.baris_anggaran[(*kunci, ba.akun_kode, ba.sumber)] = ba
                self._catat_urutan(("ba", *kunci_dipa), ba.urutan)
            for r in RevisiDipa.objects.filter(dipa_id__in=potongan):
                kunci_dipa = self.dipa_ids[r.dipa_id]
                self.revisi[(*kunci_dipa, r.label)] = r
                self.obj[("revisi", *kunci_dipa, r.label)] = r
                self._catat_urutan(("rev", *kunci_dipa), r.urutan)
            for ro in OutputRO.objects.filter(dipa_id__in=potongan).select_related(
                "kegiatan__program"
            ):
                kunci = (*self.dipa_ids[ro.dipa_id], ro.kegiatan.program.kode, ro.kegiatan.kode)
                self.obj[("ro", *kunci, ro.output_kode)] = ro
                self._catat_urutan(("ro", *self.dipa_ids[ro.dipa_id]), ro.urutan)
            qs = RealisasiRO.objects.filter(output__dipa_id__in=potongan)
            for m in qs.select_related("output__kegiatan__program"):
                ro = m.output
                kunci = (*self.dipa_ids[ro.dipa_id], ro.kegiatan.program.kode, ro.kegiatan.kode)
                self.obj[("ro_bulan", *kunci, ro.output_kode, m.bulan)] = m
            qs = RevisiBaris.objects.filter(revisi__dipa_id__in=potongan)
            for rb in qs.select_related("revisi", "program", "kegiatan"):
                kunci = (*self.dipa_ids[rb.revisi.dipa_id], rb.revisi.label, rb.program.kode)
                self.obj[
                    ("rb", *kunci, rb.kegiatan.kode, rb.output_kode, rb.akun_kode, rb.sumber)
                ] = rb
        self.tautan: dict[tuple, TautanAnggaran] = {}
        if self._ada("TautanAnggaran"):
            qs = TautanAnggaran.objects.filter(baris_id__in=getattr(self, "baris_pk", {}))
            for t in qs.select_related("kegiatan__program"):
                b = self.baris_pk[t.baris_id]
                kunci = (*self.pk_ids[b.perjanjian_id], b.no, t.kegiatan.program.kode)
                self.tautan[(*kunci, t.kegiatan.kode, t.output_kode)] = t

    def _dipa(self, kode: str, tahun: int) -> tuple:
        kunci = ("dipa", kode, tahun)
        if kunci not in self.obj and kunci not in self.rencana:
            self._buat(Dipa, {"satker": Ref(("satker", kode)), "tahun": tahun}, kunci)
        return kunci

    def _master(self, b: BarisMentah, kunci: tuple, kolom: str, model, nilai: dict) -> None:
        """Find or plan a Program or Kegiatan of the national catalogue (spec: names are
        optional). An unknown code is added, named by the row or else by its code, with a
        warning; a name that differs from the catalogue's is a warning and the catalogue's stays."""
        S = "Anggaran"
        obj = self.obj.get(kunci)
        nama = b[kolom]
        jenis = model._meta.verbose_name
        if model is Output and obj is None and not self._output_dimuat:
            self._muat_output()
            obj = self.obj.get(kunci)
        if obj is None and kunci not in self.rencana:
            self._buat(model, {**nilai, "kode": kunci[-1], "nama": nama or kunci[-1]}, kunci)
            pesan = (
                f"{jenis.capitalize()} baru {kunci[-1]} {nama} akan ditambahkan ke katalog."
                if nama
                else f"Kode {jenis} {kunci[-1]} belum ada di katalog; ditambahkan dengan kodenya "
                "sebagai nama. Admin KPU RI dapat memberinya nama di halaman Katalog."
            )
            self.lap.tambah_peringatan(S, b.nomor, kolom, pesan)
        elif model is Output:
            return  # a budget line may name its output in its own words (output_nama)
        elif obj is not None and nama and not _sama(obj.nama, nama) and kunci not in self.ditemui:
            self.ditemui.add(kunci)
            self.lap.tambah_peringatan(
                S,
                b.nomor,
                kolom,
                f"Nama {kunci[-1]} berbeda dengan data ('{obj.nama}'); nama di data tetap dipakai.",
            )

    def _anggaran_baris(self, b: BarisMentah) -> None:
        S = "Anggaran"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        output, akun = b["output_kode"] or "", b["akun_kode"] or ""
        sumber = b["sumber"] or BarisAnggaran.Sumber.APBN
        kunci = (kode, b["tahun"], b["program_kode"], b["kegiatan_kode"], output, akun, sumber)
        if self._ganda(S, b, kunci):
            return
        lama = self.baris_anggaran.get(kunci)
        tetap = {"output_kode": output, "akun_kode": akun, "sumber": sumber}
        baru = {"pagu": ("pagu", b["pagu"]), "realisasi": ("realisasi", b["realisasi"])}
        baru |= {"output_nama": ("output", b["output"] or "")} if b.ada("output") else {}
        baru |= {"per_tanggal": ("per_tanggal", b["per_tanggal"])} if b.ada("per_tanggal") else {}
        uji = {f: (f, v) for f, v in tetap.items()} | baru
        if self._aturan(S, b, lama or BarisAnggaran(), uji) is None:
            return
        kunci_program = ("program", b["program_kode"])
        kunci_kegiatan = ("kegiatan", b["program_kode"], b["kegiatan_kode"])
        self._master(b, kunci_program, "program", Program, {})
        self._master(b, kunci_kegiatan, "kegiatan", Kegiatan, {"program": Ref(kunci_program)})
        if output:
            kunci_output = ("output", *kunci_kegiatan[1:], output)
            self._master(b, kunci_output, "output", Output, {"kegiatan": Ref(kunci_kegiatan)})
            katalog = self.obj.get(kunci_output)
            if lama is None and not b.ada("output") and katalog is not None:
                baru["output_nama"] = ("output", katalog.nama)
        if b["realisasi"] > b["pagu"]:
            self.lap.tambah_peringatan(S, b.nomor, "realisasi", "Realisasi melebihi pagu.")
        tetap |= {
            "dipa": lambda: Ref(self._dipa(kode, b["tahun"])),
            "program": Ref(kunci_program),
            "kegiatan": Ref(kunci_kegiatan),
            "urutan": lambda: self._urutan_berikut(("ba", kode, b["tahun"])),
        }
        self._upsert(S, b, kunci, BarisAnggaran, lama, baru, tetap)

    def _revisi_baris(self, b: BarisMentah) -> None:
        S = "RevisiDIPA"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["tahun"], b["label"])
        if self._ganda(S, b, kunci):
            return
        tetap = {
            "dipa": lambda: Ref(self._dipa(kode, b["tahun"])),
            "label": b["label"],
            "urutan": lambda: self._urutan_berikut(("rev", kode, b["tahun"])),
        }
        baru = {"tanggal": ("tanggal", b["tanggal"]), "pagu": ("pagu", b["pagu"])}
        self._upsert(
            S, b, kunci, RevisiDipa, self.revisi.get(kunci), baru, tetap, ("revisi", *kunci)
        )

    def _kegiatan_ada(self, S: str, b: BarisMentah) -> tuple | None:
        """The kegiatan of a row: in the catalogue or planned by the Anggaran sheet."""
        kunci = ("kegiatan", b["program_kode"], b["kegiatan_kode"])
        if kunci in self.obj or kunci in self.rencana:
            return kunci
        self._galat(
            S,
            b,
            "kegiatan_kode",
            f"Kegiatan {b['program_kode']}.{b['kegiatan_kode']} tidak dikenal.",
        )
        return None

    def _tautan_baris(self, b: BarisMentah) -> None:
        """A PK row's link to a kegiatan/output: open on a signed PK (it classifies the row)."""
        S = "TautanAnggaran"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        output = b["output_kode"] or ""
        kunci_baris = (kode, b["tahun"], b["jenis"], b["no"])
        kunci = (*kunci_baris, b["program_kode"], b["kegiatan_kode"], output)
        if self._ganda(S, b, kunci):
            return
        baris = self.obj.get(("baris", *kunci_baris))
        if baris is None and kunci_baris not in self.baris_baru:
            self._galat(S, b, "no", f"Baris PK no {b['no']} tidak ada; tambahkan dulu di sheet PK.")
            return
        kunci_kegiatan = self._kegiatan_ada(S, b)
        if kunci_kegiatan is None:
            return
        lama = self.tautan.get(kunci)
        baru = {"porsi": ("porsi", b["porsi"] if b["porsi"] is not None else Decimal(100))}
        if self._aturan(S, b, lama or TautanAnggaran(), baru) is None:
            return
        tetap = {
            "baris": baris if baris is not None else Ref(("baris", *kunci_baris)),
            "kegiatan": Ref(kunci_kegiatan),
            "output_kode": output,
        }
        self._upsert(S, b, kunci, TautanAnggaran, lama, baru, tetap)

    def _output_ro_baris(self, b: BarisMentah) -> None:
        S = "OutputRO"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["tahun"], b["program_kode"], b["kegiatan_kode"], b["output_kode"])
        if self._ganda(S, b, kunci) or (kunci_kegiatan := self._kegiatan_ada(S, b)) is None:
            return
        lama = self.obj.get(("ro", *kunci))
        baru = {"satuan": ("satuan", b["satuan"]), "volume": ("volume", b["volume"])}
        if b.ada("kumulatif") or lama is None:
            baru["kumulatif"] = ("kumulatif", b["kumulatif"] != "tidak")
        if self._aturan(S, b, lama or OutputRO(), baru) is None:
            return
        tetap = {
            "dipa": lambda: Ref(self._dipa(kode, b["tahun"])),
            "kegiatan": Ref(kunci_kegiatan),
            "output_kode": b["output_kode"],
            "urutan": lambda: self._urutan_berikut(("ro", kode, b["tahun"])),
        }
        self._upsert(S, b, kunci, OutputRO, lama, baru, tetap, ("ro", *kunci))

    def _realisasi_ro_baris(self, b: BarisMentah) -> None:
        S = "RealisasiRO"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci_ro = (kode, b["tahun"], b["program_kode"], b["kegiatan_kode"], b["output_kode"])
        kunci = (*kunci_ro, b["bulan"])
        if self._ganda(S, b, kunci):
            return
        ro = ("ro", *kunci_ro)
        if ro not in self.obj and ro not in self.rencana:
            self._galat(S, b, "output_kode", "Output ini belum ada; tambahkan di sheet OutputRO.")
            return
        lama = self.obj.get(("ro_bulan", *kunci))
        baru = {
            "bulan": ("bulan", b["bulan"]),
            "volume": ("volume", b["volume"]),
            "uang": ("realisasi", b["realisasi"]),
        }
        baru |= {"progres": ("progres", b["progres"])} if b.ada("progres") else {}
        baru |= {"kendala": ("kendala", b["kendala"] or "")} if b.ada("kendala") else {}
        if self._aturan(S, b, lama or RealisasiRO(), baru) is None:
            return
        self._upsert(S, b, kunci, RealisasiRO, lama, baru, {"output": Ref(ro)})

    def _revisi_dipa_baris(self, b: BarisMentah) -> None:
        S = "RevisiDIPABaris"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        output, akun = b["output_kode"] or "", b["akun_kode"] or ""
        sumber = b["sumber"] or BarisAnggaran.Sumber.APBN
        kunci_revisi = (kode, b["tahun"], b["label"])
        kunci = (*kunci_revisi, b["program_kode"], b["kegiatan_kode"], output, akun, sumber)
        if self._ganda(S, b, kunci):
            return
        revisi = ("revisi", *kunci_revisi)
        if revisi not in self.obj and revisi not in self.rencana:
            self._galat(S, b, "label", f"{b['label']} belum ada; tambahkan di sheet RevisiDIPA.")
            return
        if (kunci_kegiatan := self._kegiatan_ada(S, b)) is None:
            return
        lama = self.obj.get(("rb", *kunci))
        baru = {"pagu": ("pagu", b["pagu"])}
        tetap = {"output_kode": output, "akun_kode": akun, "sumber": sumber}
        if (
            self._aturan(S, b, lama or RevisiBaris(), {f: (f, v) for f, v in tetap.items()} | baru)
            is None
        ):
            return
        tetap |= {
            "revisi": Ref(revisi),
            "program": Ref(("program", b["program_kode"])),
            "kegiatan": Ref(kunci_kegiatan),
        }
        self._upsert(S, b, kunci, RevisiBaris, lama, baru, tetap)

    # ------------------------------------------------------------ the national catalogue

    _output_dimuat = False

    def _muat_output(self) -> None:
        self._output_dimuat = True
        for o in Output.objects.select_related("kegiatan__program"):
            self.obj[("output", o.kegiatan.program.kode, o.kegiatan.kode, o.kode)] = o

    def _muat_katalog(self) -> None:
        """The whole catalogue: a few hundred rows, one query per kind."""
        for p in Program.objects.all():
            self.obj[("program", p.kode)] = p
        for k in Kegiatan.objects.select_related("program"):
            self.obj[("kegiatan", k.program.kode, k.kode)] = k
        self._muat_output()
        renstra = {r.pk: r for r in Renstra.objects.filter(satker__isnull=True)}
        self.renstra_nasional = sorted(renstra.values(), key=lambda r: r.tahun_awal)
        for r in renstra.values():
            self.obj[("renstra", r.tahun_awal)] = r
        sasaran = {}
        for sa in SasaranStrategis.objects.filter(renstra__in=renstra):
            ta = renstra[sa.renstra_id].tahun_awal
            sasaran[sa.pk] = self.obj[("sasaran", ta, sa.kode)] = sa
            self._catat_urutan(("sasaran", ta), sa.urutan)
        ik_ta = {}
        for ik in IndikatorKinerja.objects.filter(sasaran__in=sasaran):
            ta = renstra[sasaran[ik.sasaran_id].renstra_id].tahun_awal
            self.obj[("ik", ta, ik.kode)] = ik
            ik_ta[ik.pk] = (ta, ik)
            self._catat_urutan(("ik", ta, sasaran[ik.sasaran_id].kode), ik.urutan)
        for t in TargetRenstra.objects.filter(indikator_id__in=ik_ta):
            ta, ik = ik_ta[t.indikator_id]
            t.indikator = ik
            self.obj[("tr", ta, ik.kode, t.tahun)] = t

    @property
    def _tolak_katalog(self) -> str:
        return "" if self.semua else KATALOG_HANYA_ADMIN

    def _renstra_tahun(self, tahun: int) -> Renstra | None:
        return next(
            (r for r in self.renstra_nasional if r.tahun_awal <= tahun <= r.tahun_akhir), None
        )

    def _ada_atau_direncanakan(self, kunci: tuple) -> bool:
        return kunci in self.obj or kunci in self.rencana

    _SHEET_INDUK = {
        "program": "Program",
        "kegiatan": "Kegiatan",
        "renstra": "Renstra",
        "sasaran": "Sasaran",
        "ik": "Indikator",
    }

    def _induk_katalog(
        self, sheet: str, b: BarisMentah, kunci: tuple, kolom: str, isi: str
    ) -> bool:
        """The catalogue entry a row hangs off exists, or is added by this workbook."""
        if self._ada_atau_direncanakan(kunci):
            return True
        induk = self._SHEET_INDUK[kunci[0]]
        self._galat(sheet, b, kolom, f"{isi} tidak ada di katalog; tambahkan di sheet {induk}.")
        return False

    # The named codes of the budget catalogue: sheet -> (model, key kind, parent), the parent as
    # (key kind, column, label, field).
    _KODE = {
        "Program": (Program, "program", None),
        "Kegiatan": (Kegiatan, "kegiatan", ("program", "program_kode", "Program", "program")),
        "Output": (Output, "output", ("kegiatan", "kegiatan_kode", "Kegiatan", "kegiatan")),
    }

    # ------------------------------------------------------------ the LKE instrument (issue 18)

    def _muat_lke(self) -> None:
        """Every instrument with its parts: a few hundred rows, one query per kind."""
        for i in Instrumen.objects.all():
            self.obj[("lke", i.berlaku_dari)] = i
        for k in Komponen.objects.select_related("instrumen"):
            self.obj[("lke_k", k.instrumen.berlaku_dari, k.kode)] = k
            self._catat_urutan(("lke_k", k.instrumen.berlaku_dari), k.urutan)
        for s in SubKomponen.objects.select_related("komponen__instrumen"):
            self.obj[("lke_s", s.komponen.instrumen.berlaku_dari, s.kode)] = s
            self._catat_urutan(
                ("lke_s", s.komponen.instrumen.berlaku_dari, s.komponen.kode), s.urutan
            )
        for c in Kriteria.objects.select_related("sub__komponen__instrumen"):
            ta = c.sub.komponen.instrumen.berlaku_dari
            self.obj[("lke_c", ta, c.kode)] = c
            self._catat_urutan(("lke_c", ta, c.sub.kode), c.urutan)
        for n in NilaiJawaban.objects.select_related("instrumen"):
            self.obj[("lke_n", n.instrumen.berlaku_dari, n.skala, n.jawaban)] = n
        for p in Predikat.objects.select_related("instrumen"):
            self.obj[("lke_p", p.instrumen.berlaku_dari, p.predikat)] = p

    # sheet -> (model, key kind, parent as (column, key kind, label, field) or None, the fields
    # a row sets as {field: column}, the optional ones)
    _LKE = {
        "LKEInstrumen": (Instrumen, "lke", None, {"nama": "nama", "dasar": "dasar"}, ("catatan",)),
        "LKEKomponen": (
            Komponen,
            "lke_k",
            ("instrumen", "lke", "Instrumen", "instrumen"),
            {"nama": "nama", "bobot": "bobot"},
            (),
        ),
        "LKESubkomponen": (
            SubKomponen,
            "lke_s",
            ("komponen", "lke_k", "Komponen", "komponen"),
            {"nama": "nama", "bobot": "bobot"},
            (),
        ),
        "LKEKriteria": (
            Kriteria,
            "lke_c",
            ("subkomponen", "lke_s", "Subkomponen", "sub"),
            {"uraian": "uraian", "skala": "skala"},
            ("otomatis",),
        ),
        "LKENilai": (
            NilaiJawaban,
            "lke_n",
            ("instrumen", "lke", "Instrumen", "instrumen"),
            {"nilai": "nilai"},
            (),
        ),
        "LKEPredikat": (
            Predikat,
            "lke_p",
            ("instrumen", "lke", "Instrumen", "instrumen"),
            {"batas": "batas"},
            (),
        ),
    }

    def _lke_baris(self, S: str, b: BarisMentah) -> None:
        """A part of an LKE instrument, under its parent of the same instrument."""
        model, jenis, induk, kolom, opsional = self._LKE[S]
        sheet = skema.cari_sheet(S)
        kunci = tuple(b[k] for k in sheet.kunci)
        if self._ganda(S, b, kunci):
            return
        if S == "LKENilai" and b["jawaban"] not in JAWABAN.get(b["skala"], ()):
            pilihan = " / ".join(JAWABAN.get(b["skala"], ()))
            self._galat(S, b, "jawaban", f"Jawaban skala {b['skala']} adalah {pilihan}.")
            return
        tetap: dict[str, Any] = {k: b[k] for k in sheet.kunci[1:]}
        if induk is None:
            tetap = {"berlaku_dari": kunci[0]}
        else:
            ref_induk = (induk[1], kunci[0]) + ((b[induk[0]],) if induk[1] != "lke" else ())
            if not self._ada_atau_direncanakan(ref_induk):
                self._galat(
                    S,
                    b,
                    induk[0],
                    f"{induk[2]} {ref_induk[-1]} tidak ada; tambahkan di sheet LKE{induk[2]}.",
                )
                return
            tetap[induk[3]] = Ref(ref_induk)
            if "kode" in tetap:
                tetap["urutan"] = partial(self._urutan_berikut, (jenis, *ref_induk[1:]))
        lama = self.obj.get((jenis, *kunci))
        baru = {f: (k, b[k]) for f, k in kolom.items()} | self._opsional(b, *opsional)
        uji = lama or model(**{k: v for k, v in tetap.items() if not isinstance(v, Ref | partial)})
        if self._aturan(S, b, uji, baru) is None:
            return
        tolak = "" if self.semua else LKE_HANYA_ADMIN
        self._upsert(S, b, kunci, model, lama, baru, tetap, (jenis, *kunci), tolak=tolak)

    def _kode_baris(self, S: str, b: BarisMentah) -> None:
        """A program, kegiatan or output code and its name."""
        model, jenis, induk = self._KODE[S]
        kunci = tuple(b[k] for k in skema.cari_sheet(S).kunci)
        if self._ganda(S, b, kunci):
            return
        tetap: dict[str, Any] = {"kode": kunci[-1]}
        if induk is not None:
            ref_induk = (induk[0], *kunci[:-1])
            if not self._induk_katalog(S, b, ref_induk, induk[1], f"{induk[2]} {kunci[-2]}"):
                return
            tetap[induk[3]] = Ref(ref_induk)
        lama = self.obj.get((jenis, *kunci))
        baru = {"nama": ("nama", b["nama"])}
        if self._aturan(S, b, lama or model(), baru) is not None:
            ref = (jenis, *kunci)
            self._upsert(S, b, kunci, model, lama, baru, tetap, ref, tolak=self._tolak_katalog)

    def _renstra_baris(self, b: BarisMentah) -> None:
        S, kunci = "Renstra", (b["tahun_awal"],)
        if self._ganda(S, b, kunci):
            return
        lama = self.obj.get(("renstra", *kunci))
        baru = {
            "tahun_akhir": ("tahun_akhir", b["tahun_akhir"]),
            "visi": ("visi", b["visi"]),
            "misi": ("misi", b["misi"]),
            **self._opsional(b, "tujuan"),
        }
        uji = lama or Renstra(tahun_awal=kunci[0])
        if self._aturan(S, b, uji, baru) is None:
            return
        if b["tahun_akhir"] < kunci[0]:
            self._galat(S, b, "tahun_akhir", "Tahun akhir sebelum tahun awal.")
            return
        tetap = {"satker": None, "tahun_awal": kunci[0]}
        if self._upsert(
            S, b, kunci, Renstra, lama, baru, tetap, ("renstra", *kunci), tolak=self._tolak_katalog
        ):
            self.renstra_nasional.append(Renstra(tahun_awal=kunci[0], tahun_akhir=b["tahun_akhir"]))

    def _sasaran_baris(self, b: BarisMentah) -> None:
        S, kunci = "Sasaran", (b["renstra"], b["kode"])
        if self._ganda(S, b, kunci):
            return
        if not self._induk_katalog(S, b, ("renstra", kunci[0]), "renstra", f"Renstra {kunci[0]}"):
            return
        lama = self.obj.get(("sasaran", *kunci))
        baru = {"nama": ("nama", b["nama"]), "jenis_pk": ("pk", b["pk"] or "")}
        if self._aturan(S, b, lama or SasaranStrategis(), baru) is None:
            return
        tetap = {
            "renstra": Ref(("renstra", kunci[0])),
            "kode": kunci[1],
            "urutan": lambda: self._urutan_berikut(("sasaran", kunci[0])),
        }
        ref = ("sasaran", *kunci)
        self._upsert(
            S, b, kunci, SasaranStrategis, lama, baru, tetap, ref, tolak=self._tolak_katalog
        )

    def _indikator_baris(self, b: BarisMentah) -> None:
        S, kunci = "Indikator", (b["renstra"], b["kode"])
        if self._ganda(S, b, kunci):
            return
        ref_sasaran = ("sasaran", kunci[0], b["sasaran"])
        if not self._induk_katalog(S, b, ref_sasaran, "sasaran", f"Sasaran {b['sasaran']}"):
            return
        lama = self.obj.get(("ik", *kunci))
        baru = {
            "nama": ("nama", b["nama"]),
            "satuan": ("satuan", b["satuan"] or ""),
            "jenis_nilai": ("jenis_nilai", b["jenis_nilai"]),
            "definisi_operasional": ("definisi", b["definisi"] or ""),
            "formula": ("formula", b["formula"] or ""),
            "sumber_data": ("sumber_data", b["sumber_data"] or ""),
        }
        for kolom, bawaan in (
            ("tingkat", "SEMUA"),
            ("arah", Arah.NAIK),
            ("agregasi", "terakhir"),
            ("data_pemilu", ""),
        ):
            if b.ada(kolom) or lama is None:
                baru[kolom] = (kolom, b[kolom] or bawaan)
        if self._aturan(S, b, lama or IndikatorKinerja(), baru) is None:
            return
        baru["sasaran"] = ("sasaran", Ref(ref_sasaran))
        if lama is not None and lama.jenis_nilai != b["jenis_nilai"] and lama.baris_pk.exists():
            self._galat(
                S,
                b,
                "jenis_nilai",
                "Jenis nilai tidak dapat diubah: indikator ini sudah dipakai PK.",
            )
            return
        self.jenis_ik_baru[kunci] = b["jenis_nilai"]
        tetap = {
            "kode": kunci[1],
            "urutan": lambda: self._urutan_berikut(("ik", *kunci)),
        }
        ref = ("ik", *kunci)
        self._upsert(
            S, b, kunci, IndikatorKinerja, lama, baru, tetap, ref, tolak=self._tolak_katalog
        )

    def _target_nasional_baris(self, b: BarisMentah) -> None:
        S, kunci = "TargetNasional", (b["renstra"], b["indikator"], b["tahun"])
        if self._ganda(S, b, kunci):
            return
        ref_ik = ("ik", *kunci[:2])
        if not self._induk_katalog(S, b, ref_ik, "indikator", f"Indikator {kunci[1]}"):
            return
        renstra = self.obj.get(("renstra", kunci[0]))
        akhir = renstra.tahun_akhir if renstra else None
        if akhir is not None and not kunci[0] <= kunci[2] <= akhir:
            self._galat(
                S, b, "tahun", f"Tahun {kunci[2]} di luar periode Renstra {kunci[0]}-{akhir}."
            )
            return
        ik = self.obj.get(ref_ik)
        jenis = self.jenis_ik_baru.get(kunci[:2]) or ik.jenis_nilai
        lama = self.obj.get(("tr", *kunci))
        baru = {"target": ("target", b["target"])}
        uji = lama or TargetRenstra(indikator=IndikatorKinerja(jenis_nilai=jenis), tahun=kunci[2])
        if lama is not None:
            uji.indikator.jenis_nilai = jenis
        if self._aturan(S, b, uji, baru) is None:
            return
        tetap = {"indikator": Ref(ref_ik), "tahun": kunci[2]}
        self._upsert(S, b, kunci, TargetRenstra, lama, baru, tetap, tolak=self._tolak_katalog)

    def _pk_indikator_baris(self, b: BarisMentah) -> None:
        """The link of a PK row to the catalogue: open on a signed PK too (BarisPK.KOLOM_BEBAS)."""
        S = "PKIndikator"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci = (kode, b["tahun"], b["jenis"], b["no"])
        if self._ganda(S, b, kunci):
            return
        baris, rencana = self.obj.get(("baris", *kunci)), self.baris_baru.get(kunci)
        if baris is None and rencana is None:
            self._galat(S, b, "no", f"Baris PK no {b['no']} tidak ada; tambahkan dulu di sheet PK.")
            return
        baru: dict[str, tuple[str, Any]] = {}
        if b.ada("indikator_kode"):
            ik = None
            if b["indikator_kode"]:
                renstra = self._renstra_tahun(b["tahun"])
                ref = ("ik", renstra.tahun_awal, b["indikator_kode"]) if renstra else None
                if ref is None or not self._ada_atau_direncanakan(ref):
                    self._galat(
                        S,
                        b,
                        "indikator_kode",
                        f"Kode {b['indikator_kode']} tidak ada di Renstra nasional yang berlaku "
                        f"untuk tahun {b['tahun']}.",
                    )
                    return
                ik = self.obj.get(ref) or Ref(ref)
            baru["indikator_kinerja"] = ("indikator_kode", ik)
        if b.ada("lokal"):
            baru["lokal"] = ("lokal", b["lokal"] == "ya")
            if b["lokal"] == "ya" and baru.get("indikator_kinerja", ("", None))[1] is not None:
                self._galat(S, b, "lokal", "Baris yang diberi kode katalog bukan indikator lokal.")
                return
        if rencana is not None:
            rencana.nilai.update({f: v for f, (_, v) in baru.items()})
            self.lap.catat_baru(S, b.nomor, self._kunci_teks(*kunci))
            return
        self._upsert(S, b, kunci, BarisPK, baris, baru, {})

    def _rencana_aksi_baris(self, b: BarisMentah) -> None:
        """An activity of a PK row's Rencana Aksi: open on a signed PK too (not part of it)."""
        S = "RencanaAksi"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        kunci_baris = (kode, b["tahun"], b["jenis"], b["no"])
        kunci = (*kunci_baris, b["kegiatan"])
        if self._ganda(S, b, kunci):
            return
        ref = ("baris", *kunci_baris)
        baris = self.obj.get(ref)
        if baris is None and kunci_baris not in self.baris_baru:
            self._galat(S, b, "no", f"Baris PK no {b['no']} tidak ada; tambahkan dulu di sheet PK.")
            return
        lama = self.rencana_aksi.get((baris.pk, b["kegiatan"])) if baris is not None else None
        baru = self._opsional(b, "pelaksana")
        for tw in skema.TRIWULAN:
            if b.ada(tw) or lama is None:
                baru[tw] = (tw, b[tw] == "ya")
        jadi = [baru[tw][1] if tw in baru else getattr(lama, tw) for tw in skema.TRIWULAN]
        if not any(jadi):
            self._galat(S, b, "tw1", "Pilih sedikitnya satu triwulan pelaksanaan (isi 'ya').")
            return
        if self._aturan(S, b, lama or RencanaAksi(), baru) is None:
            return
        grup = ("ra", *kunci_baris)
        tetap = {
            "baris": baris if baris is not None else Ref(ref),
            "kegiatan": b["kegiatan"],
            "urutan": lambda: self._urutan_berikut(grup) + 1,
        }
        self._upsert(S, b, kunci, RencanaAksi, lama, baru, tetap)

    # ------------------------------------------------------------ office profile and elections

    def _muat_profil(self) -> None:
        tahun = {b["tahun"] for b in self._semua(*PROFIL)}
        for potongan in _potong(self._ids_tulis()):
            for model in (Pegawai, Aset, Pemilihan):
                qs = model.objects.filter(satker_id__in=potongan, tahun__in=tahun)
                for obj in qs.select_related("satker"):
                    self.obj[(model.__name__, *self._kunci_profil(obj))] = obj
            qs = PemilihKecamatan.objects.filter(
                pemilihan__satker_id__in=potongan, pemilihan__tahun__in=tahun
            ).select_related("pemilihan__satker")
            for k in qs:
                p = k.pemilihan
                kunci = ("PemilihKecamatan", p.satker.kode, p.tahun, p.jenis, k.kecamatan)
                self.obj[kunci] = k
                self._catat_urutan(("kec", p.satker.kode, p.tahun, p.jenis), k.urutan)

    @staticmethod
    def _kunci_profil(obj: models.Model) -> tuple:
        kode, tahun = obj.satker.kode, obj.tahun
        if isinstance(obj, Pegawai):
            return (kode, tahun, obj.nama)
        if isinstance(obj, Aset):
            return (kode, tahun, obj.jenis, obj.uraian, obj.kondisi)
        return (kode, tahun, obj.jenis)

    def _profil_baris(
        self, sheet: str, model: type[models.Model], b: BarisMentah, kunci: dict, kolom: dict
    ) -> None:
        """A row of a sheet keyed by satker, year and its own key fields (`kunci`: field ->
        value, in key order): staff, property, an election."""
        kode = self._satker_tulis(sheet, b)
        tetap = {"satker": Ref(("satker", kode)), "tahun": b["tahun"], **kunci}
        kunci = (b["tahun"], *kunci.values())
        if kode is None or self._ganda(sheet, b, (kode, *kunci)):
            return
        lama = self.obj.get((model.__name__, kode, *kunci))
        baru = {
            f: (k, b[k] if b[k] is not None else model._meta.get_field(f).get_default())
            for f, k in kolom.items()
            if b.ada(k) or lama is None
        }
        if self._aturan(sheet, b, lama or model(tahun=b["tahun"]), baru) is None:
            return
        ref = (model.__name__, kode, *kunci)
        self._upsert(sheet, b, (kode, *kunci), model, lama, baru, tetap, ref)

    def _pegawai_baris(self, b: BarisMentah) -> None:
        kolom = {f: f for f in ("nip", "status", "golongan", "pendidikan", "jabatan", "unit")}
        self._profil_baris("Pegawai", Pegawai, b, {"nama": b["nama"]}, kolom)

    def _aset_baris(self, b: BarisMentah) -> None:
        kunci = {f: b[f] for f in ("jenis", "uraian", "kondisi")}
        kolom = {f: f for f in ("jumlah", "satuan", "nilai", "keterangan")}
        self._profil_baris("Aset", Aset, b, kunci, kolom)

    def _pemilihan_baris(self, b: BarisMentah) -> None:
        kolom = {f: f for f in ("nama", "tanggal", *_PEMILIH_KHUSUS)}
        self._profil_baris("Pemilihan", Pemilihan, b, {"jenis": b["pemilihan"]}, kolom)

    def _kecamatan_baris(self, b: BarisMentah) -> None:
        S = "PemilihKecamatan"
        kode = self._satker_tulis(S, b)
        if kode is None:
            return
        induk = ("Pemilihan", kode, b["tahun"], b["pemilihan"])
        kunci = (kode, b["tahun"], b["pemilihan"], b["kecamatan"])
        if self._ganda(S, b, kunci):
            return
        if induk not in self.obj and induk not in self.rencana:
            self._galat(
                S,
                b,
                "pemilihan",
                f"Pemilihan {b['pemilihan']} Tahun {b['tahun']} belum ada; isi dahulu di sheet "
                "Pemilihan.",
            )
            return
        lama = self.obj.get(("PemilihKecamatan", *kunci))
        kolom = ("desa", "tps", "dpt_l", "dpt_p", "pengguna_l", "pengguna_p")
        baru = {f: (f, b[f]) for f in kolom if b.ada(f) or lama is None}
        if self._aturan(S, b, lama or PemilihKecamatan(), baru) is None:
            return
        grup = ("kec", kode, b["tahun"], b["pemilihan"])
        tetap = {
            "pemilihan": Ref(induk),
            "kecamatan": b["kecamatan"],
            "urutan": lambda: self._urutan_berikut(grup) + 1,
        }
        self._upsert(S, b, kunci, PemilihKecamatan, lama, baru, tetap)

    # ------------------------------------------------------------ writing

    def _obj(self, nilai: Any) -> Any:
        return self.obj[nilai.kunci] if isinstance(nilai, Ref) else nilai

    def terapkan(self) -> None:
        satker = sorted(self.buat.pop(Satker, []), key=lambda x: _TINGKAT_URUT[x.nilai["tingkat"]])
        for tingkat in skema.TINGKAT:
            self._tulis_baru(Satker, [x for x in satker if x.nilai["tingkat"] == tingkat])
        self._tulis_ubah(Satker)
        for model in (
            Pejabat,
            Program,
            Kegiatan,
            Output,
            Renstra,
            SasaranStrategis,
            IndikatorKinerja,
            TargetRenstra,
            Instrumen,
            Komponen,
            SubKomponen,
            Kriteria,
            NilaiJawaban,
            Predikat,
            PerjanjianKinerja,
            BarisPK,
            TargetTriwulan,
            AnggaranPK,
            Realisasi,
            RencanaAksi,
            Dipa,
            BarisAnggaran,
            RevisiDipa,
            RevisiBaris,
            OutputRO,
            RealisasiRO,
            TautanAnggaran,
            Pegawai,
            Aset,
            Pemilihan,
            PemilihKecamatan,
        ):
            self._tulis_baru(model, self.buat.pop(model, []))
            self._tulis_ubah(model)

    def _tulis_baru(self, model: type[models.Model], rencana: list[Buat]) -> None:
        # In batches, so model and history instances of 100.000 rows are never all in memory.
        rencana.reverse()
        while rencana:
            potongan = [rencana.pop() for _ in range(min(POTONGAN_TULIS, len(rencana)))]
            objs = []
            for r in potongan:
                objs.append(model(**{k: self._obj(v) for k, v in r.nilai.items()}))
            buat_dengan_riwayat(objs, model, user=self.user, alasan=self.alasan)
            for r, obj in zip(potongan, objs, strict=True):
                if r.kunci is not None:
                    self.obj[r.kunci] = obj

    def _tulis_ubah(self, model: type[models.Model]) -> None:
        daftar = self.ubah.pop(model, {})
        if not daftar:
            return
        fields: set[str] = set()
        objs = []
        sekarang = timezone.now()
        for obj, nama in daftar.values():
            for field in nama:
                ref = getattr(obj, f"_ref_{field}", None)
                if ref is not None:
                    setattr(obj, field, self._obj(ref))
            fields.update(nama)
            if hasattr(obj, "diperbarui"):
                obj.diperbarui = sekarang
                fields.add("diperbarui")
            objs.append(obj)
        bulk_update_with_history(
            objs,
            model,
            sorted(fields),
            batch_size=POTONGAN,
            default_user=self.user,
            default_change_reason=self.alasan,
        )

"""The LKjIP as plain data: what `laporan.selectors.build_laporan` returns to the renderers.

Frozen dataclasses only; no queryset or model instance reaches a template.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from decimal import Decimal

from common.tabel import Tabel
from kinerja import capaian as engine
from kinerja.anggaran import AnggaranSasaran, DataRO, RevisiBarisData
from kinerja.models import PerjanjianKinerja
from kinerja.selectors import Kebijakan
from satker.selectors import RingkasanSDM

JENIS_PK = (PerjanjianKinerja.Jenis.KPU, PerjanjianKinerja.Jenis.SEKRETARIAT)


# ---------------------------------------------------------------- measured PKs


@dataclass(frozen=True)
class BarisUkur:
    """One PK row measured by the engine, ready to print."""

    id: int
    jenis_pk: str
    no: str
    sasaran: str
    indikator: str
    satuan: str
    target: str
    realisasi: str | None
    capaian: Decimal | None
    keterangan: str
    dibatasi: bool
    kategori: str
    rumus: str
    arah: str
    indikator_kinerja_id: int | None
    kode_indikator: str  # the national catalogue code ("" for a row not linked to it)
    kendala: list[str]
    tindak_lanjut: list[str]
    dari_pemilu: bool = False  # realisasi computed from the office's election data
    dari_lke: bool = False  # realisasi: the grade of the office's final AKIP evaluation


@dataclass(frozen=True)
class Sasaran:
    kunci: str
    jenis_pk: str
    nama: str
    baris: list[BarisUkur]


@dataclass(frozen=True)
class AnggaranProgramPK:
    program: str
    jumlah: int


@dataclass(frozen=True)
class DataPK:
    id: int
    jenis: str
    label: str
    versi: int
    status: str
    alasan_revisi: str
    pihak_pertama_nama: str
    pihak_pertama_nip: str
    pihak_pertama_jabatan: str
    pihak_kedua_nama: str
    pihak_kedua_nip: str
    pihak_kedua_jabatan: str
    tempat: str
    tanggal: dt.date | None
    baris: list[BarisUkur]
    sasaran: list[Sasaran]
    ringkasan: engine.RingkasanCapaian
    anggaran: list[AnggaranProgramPK]
    total_anggaran: int
    grafik: str
    per_kategori: list[tuple[str, int]]


# ---------------------------------------------------------------- other sections


@dataclass(frozen=True)
class NilaiTahun:
    tahun: int
    target: str
    realisasi: str | None
    capaian: Decimal | None
    keterangan: str


@dataclass(frozen=True)
class Riwayat:
    baris: BarisUkur
    tahun_lalu: list[NilaiTahun]


@dataclass(frozen=True)
class Progres:
    baris: BarisUkur
    tahun_akhir: int
    target_akhir: str
    capaian: Decimal | None
    keterangan: str


@dataclass(frozen=True)
class BarisBudget:
    id: int
    program_kode: str
    program_nama: str
    kegiatan_kode: str
    kegiatan_nama: str
    output: str
    akun: str
    sumber: str
    pagu: int
    realisasi: int
    output_kode: str = ""
    output_nama: str = ""

    @property
    def kode(self) -> str:
        return ".".join(k for k in (self.program_kode, self.kegiatan_kode, self.output_kode) if k)


@dataclass(frozen=True)
class RevisiDipa:
    id: int
    dipa_id: int
    label: str
    tanggal: dt.date
    pagu: int
    baris: RevisiBarisData = RevisiBarisData(0)  # the lines it changed (issue 17)


@dataclass(frozen=True)
class Anggaran:
    dipa_id: int
    nomor: str
    baris: list[BarisBudget]
    revisi: list[RevisiDipa]
    total: engine.Total
    per_program: list[tuple[str, str, engine.Total, list[tuple[str, str, engine.Total]]]]
    per_sumber: list[tuple[str, engine.Total]]
    selisih_dipa: int | None
    apbn: engine.Total = engine.Total()
    hibah: engine.Total | None = None  # a regional grant for an election (NPHD), outside the DIPA

    @property
    def pagu_dipa_terakhir(self) -> int | None:
        return self.revisi[-1].pagu if self.revisi else None


@dataclass(frozen=True)
class BarisEfisiensi:
    uraian: str
    capaian: Decimal | None
    dihitung: int
    serapan: Decimal | None
    efisiensi: engine.Efisiensi | None


@dataclass(frozen=True)
class SasaranRenstra:
    kode: str
    nama: str
    indikator: list[tuple[str, str, dict[int, str]]]


@dataclass(frozen=True)
class DataRenstra:
    id: int
    tahun_awal: int
    tahun_akhir: int
    visi: str
    misi: list[str]
    tujuan: list[str]
    sasaran: list[SasaranRenstra]
    nasional: bool


@dataclass(frozen=True)
class Pejabat_:
    nama: str
    nip: str
    jabatan: str
    divisi: str
    tugas: tuple[str, ...] = ()


@dataclass(frozen=True)
class IsiLaporan:
    """A sub-section, picture or table the office added to a chapter (laporan.models.IsiBab)."""

    id: int
    bab: int
    jenis: str
    judul: str
    teks: str
    gambar: str  # the picture as a data: URI (the same in the preview, the PDF and the XLSX)
    sumber: str
    tabel: list[list[str]]

    @property
    def kunci_tabel(self) -> str:
        return f"isi:{self.id}"

    kunci_gambar = kunci_tabel


@dataclass(frozen=True)
class AksiLaporan:
    """An activity of a PK row's Rencana Aksi."""

    kegiatan: str
    pelaksana: str
    triwulan: tuple[bool, ...]


@dataclass(frozen=True)
class AsetLaporan:
    jenis: str
    uraian: str
    jumlah: int
    satuan: str
    kondisi: str
    nilai: int | None


@dataclass(frozen=True)
class KecamatanPemilihan:
    nama: str
    desa: int | None
    data: engine.DataPemilih


@dataclass(frozen=True)
class DataPemilihan:
    """An election held in the report's year, with its voters per kecamatan."""

    nama: str
    jenis: str
    tanggal: dt.date | None
    kecamatan: list[KecamatanPemilihan]
    jumlah: engine.DataPemilih


@dataclass(frozen=True)
class Narasi:
    """A section's stored text (or None: the default is used), before placeholders are filled."""

    bagian: str
    teks: str
    tersimpan: bool
    disalin_dari: int | None


@dataclass(frozen=True)
class Justifikasi:
    kunci: str
    teks: str
    oleh: str
    pada: dt.datetime


@dataclass(frozen=True)
class Komentar:
    """A review comment as the report's annex prints it."""

    tempat: str
    label: str
    teks: str
    oleh: str
    versi: int
    status: str
    jawaban: str
    jenis_jawaban: str


@dataclass(frozen=True)
class Reviu:
    """The inspectorate's review of the version, printed as "Pernyataan Telah Direviu"."""

    pernyataan: str
    nama: str
    jabatan: str
    tanggal: dt.date


@dataclass(frozen=True)
class Pembanding:
    """One catalogue indicator of the report against the same indicator of other offices in the
    same year (the latest PK of each): averages and this office's rank in its province."""

    kode: str
    capaian: Decimal | None
    rata_provinsi: Decimal | None
    jumlah_provinsi: int
    peringkat: int | None
    rata_nasional: Decimal | None
    jumlah_nasional: int


@dataclass(frozen=True)
class NilaiAkip:
    """The grade of a final AKIP evaluation (LKE) of `tahun`, announced in `tahun_pengumuman`."""

    tahun: int
    tahun_pengumuman: int
    nilai: Decimal | None
    predikat: str


@dataclass(frozen=True)
class Laporan:
    satker_id: int
    kode: str
    nama: str
    nama_lengkap: str
    wilayah: str
    kota: str
    alamat: str
    provinsi: str
    tahun: int
    versi: int
    status: str
    tanggal: dt.date
    penandatangan: Pejabat_
    sekretaris: Pejabat_ | None
    pejabat: list[Pejabat_]
    kebijakan: Kebijakan
    pk: list[DataPK]
    riwayat: list[Riwayat]
    tahun_riwayat: list[int]
    progres: list[Progres]
    renstra: DataRenstra | None
    anggaran: Anggaran | None
    efisiensi: list[BarisEfisiensi]
    narasi_tersimpan: dict[str, Narasi]
    justifikasi: dict[str, Justifikasi]
    pembanding: dict[str, Pembanding] = field(default_factory=dict)
    sdm: RingkasanSDM | None = None
    aset: list[AsetLaporan] = field(default_factory=list)
    pemilihan: list[DataPemilihan] = field(default_factory=list)
    rencana_aksi: dict[int, list[AksiLaporan]] = field(default_factory=dict)
    pk_berikut: list[DataPK] = field(default_factory=list)  # next year's PKs, when signed
    isi: list[IsiLaporan] = field(default_factory=list)
    komentar: list[Komentar] = field(default_factory=list)  # review comments (issue 16)
    reviu_apip: Reviu | None = None
    # budget tied to performance (issue 17): per sasaran (by Sasaran.kunci), the outputs (RO),
    # the share of each budget line claimed by the indicators, and last year's budget
    anggaran_sasaran: dict[str, AnggaranSasaran] = field(default_factory=dict)
    ro: list[DataRO] = field(default_factory=list)
    porsi_baris: dict[int, Decimal] = field(default_factory=dict)
    anggaran_lalu: Anggaran | None = None
    riwayat_akip: list[NilaiAkip] = field(default_factory=list)  # issue 18
    tabel: dict[str, Tabel] = field(default_factory=dict)

    @property
    def final(self) -> bool:
        return self.status == "FINAL"

    @property
    def semua_baris(self) -> list[BarisUkur]:
        return [b for pk in self.pk for b in pk.baris]

    @property
    def semua_sasaran(self) -> list[Sasaran]:
        return [s for pk in self.pk for s in pk.sasaran]

    def pk_jenis(self, jenis: str) -> DataPK | None:
        return next((p for p in self.pk if p.jenis == jenis), None)

    @property
    def ringkasan(self) -> engine.RingkasanCapaian:
        return engine.ringkas_capaian(engine.Capaian(b.capaian) for b in self.semua_baris)


# ---------------------------------------------------------------- helpers


def nama_wilayah(nama: str) -> str:
    """`KPU Kota Pagar Alam` -> `Kota Pagar Alam`."""
    for awalan in ("KPU ", "KIP ", "Komisi Pemilihan Umum ", "Komisi Independen Pemilihan "):
        if nama.startswith(awalan):
            return nama[len(awalan) :]
    return nama


def nama_lengkap(nama: str) -> str:
    if nama.startswith("KIP "):
        return "Komisi Independen Pemilihan " + nama[4:]
    if nama.startswith("KPU "):
        return "Komisi Pemilihan Umum " + nama[4:]
    return nama


def kunci_sasaran(jenis: str, nama: str) -> str:
    """A stable key of a sasaran, the same in every year its text stays the same."""
    normal = " ".join(nama.lower().split())
    return f"{jenis}:{hashlib.sha1(normal.encode()).hexdigest()[:10]}"

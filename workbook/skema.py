"""The workbook format of spec/workbook.md as data: sheets, columns, keys and drop-down lists.

The reader, the importer, the exporter and the template all take the format from here, so a
column is added in one place.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from evaluasi.models import Otomatis, Skala
from kinerja.capaian import Agregasi, Arah, Periode
from kinerja.models import (
    BarisAnggaran,
    DataPemilu,
    Pemilihan,
    PerjanjianKinerja,
    TingkatIndikator,
)
from kinerja.nilai import JenisNilai
from satker.models import Aset, Pegawai, Satker


class Jenis:
    """How a cell is read."""

    TEKS = "teks"  # free text
    KODE = "kode"  # a code; a number cell 1672 is read as "1672"
    TAHUN = "tahun"
    UANG = "uang"  # whole rupiah, through parse_rupiah
    BILANGAN = "bilangan"  # a count (voters, staff), through parse_bilangan
    TANGGAL = "tanggal"
    NILAI = "nilai"  # a target or realisasi, kept as written and parsed later by kind
    PILIHAN = "pilihan"  # one of `pilihan`, case-insensitive
    DESIMAL = "desimal"  # a decimal that may not be negative (a volume, a share): `77,5`


@dataclass(frozen=True)
class Kolom:
    nama: str
    wajib: bool = False
    jenis: str = Jenis.TEKS
    maks: int | None = None
    pilihan: tuple[str, ...] = ()
    contoh: object = ""


@dataclass(frozen=True)
class Sheet:
    nama: str
    kolom: tuple[Kolom, ...]
    kunci: tuple[str, ...]

    @property
    def nama_kolom(self) -> tuple[str, ...]:
        return tuple(k.nama for k in self.kolom)


TINGKAT = tuple(Satker.Tingkat.values)
JENIS_PK = tuple(PerjanjianKinerja.Jenis.values)
ARAH = tuple(Arah.values)
AGREGASI = tuple(Agregasi.values)
PERIODE = tuple(Periode.values)
SUMBER = tuple(BarisAnggaran.Sumber.values)
TRIWULAN = ("tw1", "tw2", "tw3", "tw4")
# A required cell whose value is not known yet (a PK's first party not printed): read as empty.
KOSONG = "-"
YA_TIDAK = ("ya", "tidak")
TINGKAT_INDIKATOR = tuple(TingkatIndikator.values)
JENIS_NILAI = tuple(JenisNilai.values)
DATA_PEMILU = tuple(DataPemilu.values)
STATUS_PEGAWAI = tuple(Pegawai.Status.values)
PENDIDIKAN = tuple(Pegawai.Pendidikan.values)
JENIS_ASET = tuple(Aset.Jenis.values)
KONDISI_ASET = tuple(Aset.Kondisi.values)
JENIS_PEMILIHAN = tuple(Pemilihan.Jenis.values)

_SATKER = Kolom("satker", True, Jenis.KODE, 10, contoh="1672")
_TAHUN = Kolom("tahun", True, Jenis.TAHUN, contoh=2024)
_JENIS = Kolom("jenis", True, Jenis.PILIHAN, pilihan=JENIS_PK, contoh="KPU")

SATKER = Sheet(
    "Satker",
    (
        Kolom("kode", True, Jenis.KODE, 10, contoh="1672"),
        Kolom("nama", True, maks=200, contoh="KPU Kota Pagar Alam"),
        Kolom("tingkat", True, Jenis.PILIHAN, pilihan=TINGKAT, contoh="KOTA"),
        Kolom("induk", False, Jenis.KODE, 10, contoh="16"),
        Kolom("alamat", contoh="Jl. Contoh No. 1"),
        Kolom("kota", maks=100, contoh="Pagar Alam"),
    ),
    ("kode",),
)
PEJABAT = Sheet(
    "Pejabat",
    (
        _SATKER,
        Kolom("nama", True, maks=200, contoh="Nama Ketua"),
        Kolom("nip", False, Jenis.KODE, 30, contoh="198001012005011001"),
        Kolom("jabatan", True, maks=150, contoh="Ketua"),
        Kolom("divisi", maks=200, contoh="Divisi Hukum dan Pengawasan"),
        Kolom("tugas", maks=5000, contoh="Telaah hukum\nAdvokasi hukum"),
    ),
    ("satker", "jabatan", "nama"),
)
PK = Sheet(
    "PK",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("no", True, Jenis.KODE, 10, contoh="1"),
        Kolom("sasaran", True, contoh="Meningkatnya partisipasi pemilih"),
        Kolom("indikator", True, contoh="Persentase partisipasi pemilih"),
        Kolom("satuan", maks=30, contoh="%"),
        Kolom("arah", False, Jenis.PILIHAN, pilihan=ARAH, contoh="naik"),
        Kolom("agregasi", False, Jenis.PILIHAN, pilihan=AGREGASI, contoh="terakhir"),
        Kolom("target", True, Jenis.NILAI, 100, contoh="77,5%"),
        *(
            Kolom(tw, False, Jenis.NILAI, 100, contoh=f"{20 * (i + 1)}%")
            for i, tw in enumerate(TRIWULAN)
        ),
    ),
    ("satker", "tahun", "jenis", "no"),
)
PK_ANGGARAN = Sheet(
    "PKAnggaran",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("program", True, maks=300, contoh="076.01.WA"),
        Kolom("anggaran", True, Jenis.UANG, contoh=2_880_554_000),
    ),
    ("satker", "tahun", "jenis", "program"),
)
PK_PIHAK = Sheet(
    "PKPihak",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("pihak_pertama_nama", True, maks=200, contoh="Nama Ketua"),
        Kolom("pihak_pertama_jabatan", True, maks=200, contoh="Ketua KPU Kota Pagar Alam"),
        Kolom("pihak_kedua_nama", maks=200, contoh="Nama Ketua Provinsi"),
        Kolom("pihak_kedua_jabatan", maks=200, contoh="Ketua KPU Provinsi Sumatera Selatan"),
        Kolom("tempat", maks=100, contoh="Pagar Alam"),
        Kolom("tanggal", False, Jenis.TANGGAL, contoh=dt.date(2024, 1, 15)),
    ),
    ("satker", "tahun", "jenis"),
)
REALISASI = Sheet(
    "Realisasi",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("no", True, Jenis.KODE, 10, contoh="1"),
        Kolom("periode", True, Jenis.PILIHAN, pilihan=PERIODE, contoh="TW1"),
        Kolom("realisasi", True, Jenis.NILAI, 100, contoh="21,5%"),
        Kolom("kendala", contoh=""),
        Kolom("tindak_lanjut", contoh=""),
    ),
    ("satker", "tahun", "jenis", "no", "periode"),
)
ANGGARAN = Sheet(
    "Anggaran",
    (
        _SATKER,
        _TAHUN,
        Kolom("program_kode", True, Jenis.KODE, 20, contoh="076.01.WA"),
        Kolom("program", maks=300, contoh="Program Dukungan Manajemen"),
        Kolom("kegiatan_kode", True, Jenis.KODE, 10, contoh="3360"),
        Kolom("kegiatan", maks=300, contoh="Layanan Perkantoran"),
        Kolom("output_kode", False, Jenis.KODE, 20, contoh="EBA.994"),
        Kolom("output", maks=300, contoh="Layanan Perkantoran"),
        Kolom("akun_kode", False, Jenis.KODE, 20, contoh="521211"),
        Kolom("sumber", False, Jenis.PILIHAN, pilihan=SUMBER, contoh="APBN"),
        Kolom("pagu", True, Jenis.UANG, contoh=150_000_000),
        Kolom("realisasi", True, Jenis.UANG, contoh=120_500_000),
        Kolom("per_tanggal", False, Jenis.TANGGAL, contoh=dt.date(2024, 12, 31)),
    ),
    ("satker", "tahun", "program_kode", "kegiatan_kode", "output_kode", "akun_kode", "sumber"),
)
REVISI_DIPA = Sheet(
    "RevisiDIPA",
    (
        _SATKER,
        _TAHUN,
        Kolom("label", True, maks=50, contoh="DIPA Awal"),
        Kolom("tanggal", True, Jenis.TANGGAL, contoh=dt.date(2023, 12, 1)),
        Kolom("pagu", True, Jenis.UANG, contoh=12_500_000_000),
    ),
    ("satker", "tahun", "label"),
)

# ---------------------------------------------------------------- further sheets (docs/workbook.md)

PK_INDIKATOR = Sheet(
    "PKIndikator",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("no", True, Jenis.KODE, 10, contoh="1"),
        Kolom("indikator_kode", False, Jenis.KODE, 20, contoh="IK4.4"),
        Kolom("lokal", False, Jenis.PILIHAN, pilihan=YA_TIDAK, contoh="tidak"),
    ),
    ("satker", "tahun", "jenis", "no"),
)
_PROGRAM_KODE = Kolom("program_kode", True, Jenis.KODE, 20, contoh="076.01.WA")
_KEGIATAN_KODE = Kolom("kegiatan_kode", True, Jenis.KODE, 10, contoh="3360")
PROGRAM = Sheet(
    "Program",
    (
        Kolom("kode", True, Jenis.KODE, 20, contoh="076.01.WA"),
        Kolom("nama", True, maks=300, contoh="Program Dukungan Manajemen"),
    ),
    ("kode",),
)
KEGIATAN = Sheet(
    "Kegiatan",
    (
        _PROGRAM_KODE,
        Kolom("kode", True, Jenis.KODE, 10, contoh="3360"),
        Kolom("nama", True, maks=300, contoh="Operasional Perkantoran dan Dukungan Sarana"),
    ),
    ("program_kode", "kode"),
)
OUTPUT = Sheet(
    "Output",
    (
        _PROGRAM_KODE,
        _KEGIATAN_KODE,
        Kolom("kode", True, Jenis.KODE, 20, contoh="EBA.994"),
        Kolom("nama", True, maks=300, contoh="Layanan Perkantoran"),
    ),
    ("program_kode", "kegiatan_kode", "kode"),
)
_RENSTRA = Kolom("renstra", True, Jenis.TAHUN, contoh=2025)
RENSTRA = Sheet(
    "Renstra",
    (
        Kolom("tahun_awal", True, Jenis.TAHUN, contoh=2025),
        Kolom("tahun_akhir", True, Jenis.TAHUN, contoh=2029),
        Kolom("visi", True, maks=5000, contoh="Menjadi Penyelenggara Pemilu yang ..."),
        Kolom("misi", True, maks=5000, contoh="Satu misi per baris"),
        Kolom("tujuan", maks=5000, contoh="Satu tujuan per baris"),
    ),
    ("tahun_awal",),
)
SASARAN = Sheet(
    "Sasaran",
    (
        _RENSTRA,
        Kolom("kode", True, Jenis.KODE, 20, contoh="SS25.2"),
        Kolom("nama", True, maks=1000, contoh="Menyelenggarakan Pemilu/Pemilihan Serentak ..."),
        Kolom("pk", False, Jenis.PILIHAN, pilihan=JENIS_PK, contoh="KPU"),
    ),
    ("renstra", "kode"),
)
INDIKATOR = Sheet(
    "Indikator",
    (
        _RENSTRA,
        Kolom("sasaran", True, Jenis.KODE, 20, contoh="SS25.2"),
        Kolom("kode", True, Jenis.KODE, 20, contoh="IK4.4"),
        Kolom("nama", True, maks=1000, contoh="Persentase Partisipasi Pemilih dalam Pemilu"),
        Kolom("tingkat", False, Jenis.PILIHAN, pilihan=TINGKAT_INDIKATOR, contoh="SEMUA"),
        Kolom("satuan", maks=30, contoh="%"),
        Kolom("jenis_nilai", True, Jenis.PILIHAN, pilihan=JENIS_NILAI, contoh="PERSEN"),
        Kolom("arah", False, Jenis.PILIHAN, pilihan=ARAH, contoh="naik"),
        Kolom("agregasi", False, Jenis.PILIHAN, pilihan=AGREGASI, contoh="terakhir"),
        Kolom("definisi", maks=5000, contoh="Pemilih yang menggunakan hak pilihnya ..."),
        Kolom("formula", maks=1000, contoh="pengguna hak pilih / DPT x 100%"),
        Kolom("sumber_data", maks=200, contoh="Formulir Model D Hasil"),
        Kolom("data_pemilu", False, Jenis.PILIHAN, pilihan=DATA_PEMILU, contoh="PARTISIPASI"),
    ),
    ("renstra", "kode"),
)
TARGET_NASIONAL = Sheet(
    "TargetNasional",
    (
        _RENSTRA,
        Kolom("indikator", True, Jenis.KODE, 20, contoh="IK4.4"),
        _TAHUN,
        Kolom("target", True, Jenis.NILAI, 100, contoh="82,5%"),
    ),
    ("renstra", "indikator", "tahun"),
)

RENCANA_AKSI = Sheet(
    "RencanaAksi",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("no", True, Jenis.KODE, 10, contoh="2.1"),
        Kolom("kegiatan", True, maks=1000, contoh="Sosialisasi kepada pemilih pemula"),
        Kolom("pelaksana", maks=200, contoh="Sub Bagian Teknis dan Hupmas"),
        *(Kolom(tw, False, Jenis.PILIHAN, pilihan=YA_TIDAK, contoh="ya") for tw in TRIWULAN),
    ),
    ("satker", "tahun", "jenis", "no", "kegiatan"),
)
PEGAWAI = Sheet(
    "Pegawai",
    (
        _SATKER,
        _TAHUN,
        Kolom("nama", True, maks=200, contoh="Nama Pegawai"),
        Kolom("nip", False, Jenis.KODE, 30, contoh="198001012005011001"),
        Kolom("status", True, Jenis.PILIHAN, pilihan=STATUS_PEGAWAI, contoh="PNS"),
        Kolom("golongan", maks=10, contoh="III/a"),
        Kolom("pendidikan", True, Jenis.PILIHAN, pilihan=PENDIDIKAN, contoh="S1"),
        Kolom("jabatan", maks=200, contoh="Kepala Sub Bagian"),
        Kolom("unit", maks=200, contoh="Sub Bagian Hukum dan SDM"),
    ),
    ("satker", "tahun", "nama"),
)
ASET = Sheet(
    "Aset",
    (
        _SATKER,
        _TAHUN,
        Kolom("jenis", True, Jenis.PILIHAN, pilihan=JENIS_ASET, contoh="RODA4"),
        Kolom("uraian", True, maks=300, contoh="Kendaraan operasional"),
        Kolom("kondisi", True, Jenis.PILIHAN, pilihan=KONDISI_ASET, contoh="BAIK"),
        Kolom("jumlah", True, Jenis.BILANGAN, contoh=2),
        Kolom("satuan", True, maks=20, contoh="unit"),
        Kolom("nilai", False, Jenis.UANG, contoh=450_000_000),
        Kolom("keterangan", maks=300, contoh=""),
    ),
    ("satker", "tahun", "jenis", "uraian", "kondisi"),
)
_JENIS_PEMILIHAN = Kolom("pemilihan", True, Jenis.PILIHAN, pilihan=JENIS_PEMILIHAN, contoh="BUPATI")
PEMILIHAN = Sheet(
    "Pemilihan",
    (
        _SATKER,
        _TAHUN,
        _JENIS_PEMILIHAN,
        Kolom("nama", True, maks=300, contoh="Pemilihan Wali Kota dan Wakil Wali Kota 2024"),
        Kolom("tanggal", False, Jenis.TANGGAL, contoh=dt.date(2024, 11, 27)),
        Kolom("dpt_disabilitas", False, Jenis.BILANGAN, contoh=400),
        Kolom("pengguna_disabilitas", False, Jenis.BILANGAN, contoh=308),
        Kolom("dpt_pemula", False, Jenis.BILANGAN, contoh=12_500),
        Kolom("pengguna_pemula", False, Jenis.BILANGAN, contoh=9_625),
    ),
    ("satker", "tahun", "pemilihan"),
)
PEMILIH_KECAMATAN = Sheet(
    "PemilihKecamatan",
    (
        _SATKER,
        _TAHUN,
        _JENIS_PEMILIHAN,
        Kolom("kecamatan", True, maks=100, contoh="Pagaralam Utara"),
        Kolom("desa", False, Jenis.BILANGAN, contoh=10),
        Kolom("tps", True, Jenis.BILANGAN, contoh=70),
        Kolom("dpt_l", True, Jenis.BILANGAN, contoh=16_561),
        Kolom("dpt_p", True, Jenis.BILANGAN, contoh=16_133),
        Kolom("pengguna_l", False, Jenis.BILANGAN, contoh=12_835),
        Kolom("pengguna_p", False, Jenis.BILANGAN, contoh=12_422),
    ),
    ("satker", "tahun", "pemilihan", "kecamatan"),
)

# Budget tied to performance (issue 17)
_KODE_OUTPUT = (
    _PROGRAM_KODE,
    _KEGIATAN_KODE,
    Kolom("output_kode", True, Jenis.KODE, 20, contoh="QGE.001"),
)
TAUTAN_ANGGARAN = Sheet(
    "TautanAnggaran",
    (
        _SATKER,
        _TAHUN,
        _JENIS,
        Kolom("no", True, Jenis.KODE, 10, contoh="2.1"),
        _PROGRAM_KODE,
        _KEGIATAN_KODE,
        Kolom("output_kode", False, Jenis.KODE, 20, contoh="QGE.001"),
        Kolom("porsi", False, Jenis.DESIMAL, contoh=100),
    ),
    ("satker", "tahun", "jenis", "no", "program_kode", "kegiatan_kode", "output_kode"),
)
OUTPUT_RO = Sheet(
    "OutputRO",
    (
        _SATKER,
        _TAHUN,
        *_KODE_OUTPUT,
        Kolom("satuan", True, maks=50, contoh="Layanan"),
        Kolom("volume", True, Jenis.DESIMAL, contoh=12),
        Kolom("kumulatif", False, Jenis.PILIHAN, pilihan=YA_TIDAK, contoh="ya"),
    ),
    ("satker", "tahun", "program_kode", "kegiatan_kode", "output_kode"),
)
REALISASI_RO = Sheet(
    "RealisasiRO",
    (
        _SATKER,
        _TAHUN,
        *_KODE_OUTPUT,
        Kolom("bulan", True, Jenis.BILANGAN, contoh=3),
        Kolom("volume", True, Jenis.DESIMAL, contoh=3),
        Kolom("realisasi", True, Jenis.UANG, contoh=25_000_000),
        Kolom("progres", False, Jenis.DESIMAL, contoh=25),
        Kolom("kendala", maks=2000, contoh=""),
    ),
    ("satker", "tahun", "program_kode", "kegiatan_kode", "output_kode", "bulan"),
)
REVISI_DIPA_BARIS = Sheet(
    "RevisiDIPABaris",
    (
        _SATKER,
        _TAHUN,
        Kolom("label", True, maks=50, contoh="Revisi 1"),
        _PROGRAM_KODE,
        _KEGIATAN_KODE,
        Kolom("output_kode", False, Jenis.KODE, 20, contoh="QGE.001"),
        Kolom("akun_kode", False, Jenis.KODE, 20, contoh="521211"),
        Kolom("sumber", False, Jenis.PILIHAN, pilihan=SUMBER, contoh="APBN"),
        Kolom("pagu", True, Jenis.UANG, contoh=150_000_000),
    ),
    (
        "satker",
        "tahun",
        "label",
        "program_kode",
        "kegiatan_kode",
        "output_kode",
        "akun_kode",
        "sumber",
    ),
)

# The data of a satker and year, then the national catalogue (exported on its own).
# The AKIP evaluation instrument (issue 18): KPU RI's, like the catalogue.
_INSTRUMEN = Kolom("instrumen", True, Jenis.TAHUN, contoh=2021)
_BOBOT = Kolom("bobot", True, Jenis.DESIMAL, contoh="7,5")
LKE_INSTRUMEN = Sheet(
    "LKEInstrumen",
    (
        Kolom("berlaku_dari", True, Jenis.TAHUN, contoh=2021),
        Kolom("nama", True, maks=200, contoh="LKE AKIP PermenPANRB 88/2021"),
        Kolom("dasar", True, maks=300, contoh="Peraturan Menteri PANRB Nomor 88 Tahun 2021"),
        Kolom("catatan", maks=5000, contoh="Sumber bobot dan angka yang diasumsikan"),
    ),
    ("berlaku_dari",),
)
LKE_KOMPONEN = Sheet(
    "LKEKomponen",
    (
        _INSTRUMEN,
        Kolom("kode", True, Jenis.KODE, 10, contoh="1"),
        Kolom("nama", True, maks=200, contoh="Perencanaan Kinerja"),
        _BOBOT,
    ),
    ("instrumen", "kode"),
)
LKE_SUBKOMPONEN = Sheet(
    "LKESubkomponen",
    (
        _INSTRUMEN,
        Kolom("komponen", True, Jenis.KODE, 10, contoh="1"),
        Kolom("kode", True, Jenis.KODE, 10, contoh="1.a"),
        Kolom("nama", True, maks=200, contoh="Pemenuhan"),
        _BOBOT,
    ),
    ("instrumen", "kode"),
)
LKE_KRITERIA = Sheet(
    "LKEKriteria",
    (
        _INSTRUMEN,
        Kolom("subkomponen", True, Jenis.KODE, 10, contoh="1.a"),
        Kolom("kode", True, Jenis.KODE, 12, contoh="1.a.4"),
        Kolom(
            "uraian", True, maks=2000, contoh="Perjanjian Kinerja telah disusun dan ditandatangani."
        ),
        Kolom("skala", True, Jenis.PILIHAN, pilihan=tuple(Skala.values), contoh="YT"),
        Kolom(
            "otomatis",
            False,
            Jenis.PILIHAN,
            pilihan=tuple(Otomatis.values),
            contoh="PK_TEPAT_WAKTU",
        ),
    ),
    ("instrumen", "kode"),
)
LKE_NILAI = Sheet(
    "LKENilai",
    (
        _INSTRUMEN,
        Kolom("skala", True, Jenis.PILIHAN, pilihan=tuple(Skala.values), contoh="AE"),
        Kolom("jawaban", True, Jenis.KODE, 1, contoh="B"),
        Kolom("nilai", True, Jenis.DESIMAL, contoh="0,75"),
    ),
    ("instrumen", "skala", "jawaban"),
)
LKE_PREDIKAT = Sheet(
    "LKEPredikat",
    (
        _INSTRUMEN,
        Kolom("predikat", True, Jenis.KODE, 2, contoh="BB"),
        Kolom("batas", True, Jenis.DESIMAL, contoh="70"),
    ),
    ("instrumen", "predikat"),
)
SHEETS_LKE: tuple[Sheet, ...] = (
    LKE_INSTRUMEN,
    LKE_KOMPONEN,
    LKE_SUBKOMPONEN,
    LKE_KRITERIA,
    LKE_NILAI,
    LKE_PREDIKAT,
)

SHEETS_SATKER: tuple[Sheet, ...] = (
    SATKER,
    PEJABAT,
    PK,
    PK_ANGGARAN,
    PK_PIHAK,
    REALISASI,
    ANGGARAN,
    REVISI_DIPA,
    PK_INDIKATOR,
    RENCANA_AKSI,
    PEGAWAI,
    ASET,
    PEMILIHAN,
    PEMILIH_KECAMATAN,
    TAUTAN_ANGGARAN,
    OUTPUT_RO,
    REALISASI_RO,
    REVISI_DIPA_BARIS,
)
SHEETS_KATALOG: tuple[Sheet, ...] = (
    PROGRAM,
    KEGIATAN,
    OUTPUT,
    RENSTRA,
    SASARAN,
    INDIKATOR,
    TARGET_NASIONAL,
    *SHEETS_LKE,
)
SHEETS: tuple[Sheet, ...] = SHEETS_SATKER + SHEETS_KATALOG


def cari_sheet(judul: str) -> Sheet | None:
    """The sheet definition for a tab title (case-insensitive, surrounding spaces ignored)."""
    judul = judul.strip().lower()
    return next((s for s in SHEETS if s.nama.lower() == judul), None)


def nama_kolom(judul: object) -> str:
    """A header as written (`Tindak Lanjut`, ` TW1 `) in the form used by the format."""
    return "_".join(str(judul or "").strip().lower().replace("-", " ").split())

"""The workbook sheets of the budget tied to performance (docs/workbook.md, issue 17): a file
that creates a DIPA with lines, a revision with its lines, an output with months and a PK row's
link in one go; every mistake reported with sheet, row and column, and nothing written."""

from decimal import Decimal

import pytest

from kinerja.models import OutputRO, RealisasiRO, RevisiBaris, TautanAnggaran
from tests.factories import BarisPKFactory, KegiatanFactory, PerjanjianFactory
from tests.workbook.conftest import buat_xlsx
from workbook.importer import impor_workbook

pytestmark = pytest.mark.django_db

ANGGARAN = [
    "satker",
    "tahun",
    "program_kode",
    "kegiatan_kode",
    "output_kode",
    "akun_kode",
    "pagu",
    "realisasi",
]
REVISI = ["satker", "tahun", "label", "tanggal", "pagu"]
REVISI_BARIS = [
    "satker",
    "tahun",
    "label",
    "program_kode",
    "kegiatan_kode",
    "output_kode",
    "akun_kode",
    "pagu",
]
OUTPUT = [
    "satker",
    "tahun",
    "program_kode",
    "kegiatan_kode",
    "output_kode",
    "satuan",
    "volume",
    "kumulatif",
]
BULAN = [
    "satker",
    "tahun",
    "program_kode",
    "kegiatan_kode",
    "output_kode",
    "bulan",
    "volume",
    "realisasi",
    "progres",
]
TAUTAN = ["satker", "tahun", "jenis", "no", "program_kode", "kegiatan_kode", "output_kode", "porsi"]


@pytest.fixture
def kegiatan(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2024, jenis="KPU")
    BarisPKFactory(perjanjian=pk, no="1")
    return KegiatanFactory()


def _file(k, *, tautan=None, bulan=None, revisi_baris=None):
    p, g = k.program.kode, k.kode
    return buat_xlsx(
        {
            "Anggaran": [ANGGARAN, ["1672", 2024, p, g, "QGE.001", "521211", 1_000_000, 500_000]],
            "RevisiDIPA": [REVISI, ["1672", 2024, "DIPA Awal", "2023-12-01", 1_000_000]],
            "RevisiDIPABaris": [
                REVISI_BARIS,
                revisi_baris or ["1672", 2024, "DIPA Awal", p, g, "QGE.001", "521211", 1_000_000],
            ],
            "OutputRO": [OUTPUT, ["1672", 2024, p, g, "QGE.001", "Dokumen", "4", "ya"]],
            "RealisasiRO": [
                BULAN,
                bulan or ["1672", 2024, p, g, "QGE.001", 3, "1", "500.000", "25,5%"],
            ],
            "TautanAnggaran": [
                TAUTAN,
                tautan or ["1672", 2024, "KPU", "1", p, g, "QGE.001", "50%"],
            ],
        }
    )


def test_satu_berkas_membuat_semuanya_dan_impor_ulang_tidak_mengubah_apa_pun(personas, kegiatan):
    lap = impor_workbook(_file(kegiatan), user=personas.operator_a, terapkan=True)
    assert not lap.galat, lap.teks()
    assert TautanAnggaran.objects.get().porsi == Decimal(50)
    ro = OutputRO.objects.get()
    assert (ro.satuan, ro.volume, ro.kumulatif) == ("Dokumen", 4, True)
    m = RealisasiRO.objects.get()
    assert (m.bulan, m.volume, m.uang, m.progres) == (3, 1, 500_000, Decimal("25.5"))
    assert RevisiBaris.objects.get().pagu == 1_000_000
    lagi = impor_workbook(_file(kegiatan), user=personas.operator_a, terapkan=True)
    assert not lagi.galat and not lagi.ada_perubahan, lagi.teks()


# P and G stand for the program and kegiatan code of the fixture's kegiatan.
@pytest.mark.parametrize(
    ("ubah", "sheet", "kolom", "pesan"),
    [
        (
            {"tautan": ["1672", 2024, "KPU", "7", "P", "G", "", 100]},
            "TautanAnggaran",
            "no",
            "tidak ada",
        ),
        (
            {"tautan": ["1672", 2024, "KPU", "1", "P", "9999", "", 100]},
            "TautanAnggaran",
            "kegiatan_kode",
            "tidak dikenal",
        ),
        (
            {"bulan": ["1672", 2024, "P", "G", "XXX.001", 3, 1, 1, None]},
            "RealisasiRO",
            "output_kode",
            "OutputRO",
        ),
        (
            {"bulan": ["1672", 2024, "P", "G", "QGE.001", 13, 1, 1, None]},
            "RealisasiRO",
            "bulan",
            "",
        ),
        (
            {"revisi_baris": ["1672", 2024, "Revisi 9", "P", "G", "", "", 5]},
            "RevisiDIPABaris",
            "label",
            "RevisiDIPA",
        ),
    ],
)
def test_kesalahan_dilaporkan_dan_tidak_ada_yang_ditulis(
    personas, kegiatan, ubah, sheet, kolom, pesan
):
    kode = {"P": kegiatan.program.kode, "G": kegiatan.kode}
    ganti = {k: [kode.get(x, x) for x in v] for k, v in ubah.items()}
    lap = impor_workbook(_file(kegiatan, **ganti), user=personas.operator_a, terapkan=True)
    galat = [g for g in lap.galat if g.sheet == sheet]
    assert galat and galat[0].kolom == kolom and pesan in galat[0].pesan, lap.teks()
    assert not OutputRO.objects.exists() and not TautanAnggaran.objects.exists()


def test_porsi_ditolak_seperti_di_formulir(personas, kegiatan):
    p, g = kegiatan.program.kode, kegiatan.kode
    f = _file(kegiatan, tautan=["1672", 2024, "KPU", "1", p, g, "QGE.001", "150"])
    lap = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert [g.pesan for g in lap.galat] == ["Porsi harus lebih dari 0 dan paling banyak 100%."]

import io

import openpyxl
import pytest
from django.core.management import CommandError, call_command

from kinerja.models import Realisasi
from tests.workbook.conftest import buat_xlsx

REAL_KEPALA = ["satker", "tahun", "jenis", "no", "periode", "realisasi"]


def _berkas(tmp_path, baris):
    path = tmp_path / "realisasi.xlsx"
    path.write_bytes(buat_xlsx({"Realisasi": [REAL_KEPALA, *baris]}).getvalue())
    return str(path)


def _teks():
    return Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks


def test_dry_run_mencetak_laporan_tanpa_menyimpan(personas, data_lengkap, tmp_path):
    out = io.StringIO()
    call_command(
        "import_workbook",
        _berkas(tmp_path, [["1672", 2024, "KPU", "1", "TW1", "50%"]]),
        "--dry-run",
        stdout=out,
    )
    assert "Realisasi: 0 baru, 1 berubah, 0 tidak berubah" in out.getvalue()
    assert "'21,25%' -> '50%'" in out.getvalue()
    assert _teks() == "21,25%"


def test_impor_sistem_menyimpan(personas, data_lengkap, tmp_path):
    out = io.StringIO()
    call_command(
        "import_workbook", _berkas(tmp_path, [["1672", 2024, "KPU", "1", "TW1", "50%"]]), stdout=out
    )
    assert "Selesai" in out.getvalue() and _teks() == "50%"


def test_galat_keluar_bukan_nol(personas, data_lengkap, tmp_path):
    out = io.StringIO()
    with pytest.raises(CommandError, match="1 galat"):
        call_command(
            "import_workbook",
            _berkas(tmp_path, [["1672", 2024, "KPU", "1", "TW1", "50%"]]),
            "--user",
            "operator_b",
            stdout=out,
        )
    assert "Realisasi, baris 2, kolom satker: Satker '1672' tidak ditemukan" in out.getvalue()
    assert _teks() == "21,25%"


def test_berkas_bukan_xlsx(personas, tmp_path):
    path = tmp_path / "data.xlsx"
    path.write_text("a,b\n1,2\n")
    with pytest.raises(CommandError):
        call_command("import_workbook", str(path), stdout=io.StringIO())


def test_ekspor_provinsi(personas, data_lengkap, tmp_path):
    path = tmp_path / "provinsi.xlsx"
    call_command(
        "export_workbook", "16", "2024", "-o", str(path), "--provinsi", stdout=io.StringIO()
    )
    buku = openpyxl.load_workbook(path)
    assert buku["Satker"].max_row == 5  # KPU RI, the province and its two offices
    out = io.StringIO()
    call_command("import_workbook", str(path), "--dry-run", stdout=out)
    assert " 0 berubah" in out.getvalue() and " baru" in out.getvalue()
    assert all(
        " 0 baru, 0 berubah" in baris
        for baris in out.getvalue().splitlines()
        if ":" in baris and "baru" in baris
    )

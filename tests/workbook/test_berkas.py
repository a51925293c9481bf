"""Bad input: what is not a workbook, damaged files, formulas, size, and very many rows."""

import io
import re
import resource
import time
import zipfile

import openpyxl
import pytest

from tests.factories import KegiatanFactory
from tests.workbook.conftest import buat_xlsx
from workbook.importer import impor_workbook

REAL_KEPALA = ["satker", "tahun", "jenis", "no", "periode", "realisasi"]
ANGGARAN_KEPALA = [
    "satker",
    "tahun",
    "program_kode",
    "kegiatan_kode",
    "output_kode",
    "pagu",
    "realisasi",
]


def _satu_galat(f, user, batas_byte=None):
    laporan = impor_workbook(f, user=user, batas_byte=batas_byte)
    assert laporan.jumlah_galat == 1, laporan.teks()
    return laporan.galat[0].pesan


def test_csv_yang_diganti_namanya(personas):
    f = io.BytesIO(b"satker,tahun,jenis,no,periode,realisasi\n1672,2024,KPU,1,TW1,50%\n")
    assert "bukan workbook Excel" in _satu_galat(f, personas.operator_a)


def test_jenis_berkas_lain(personas):
    assert "bukan workbook Excel" in _satu_galat(io.BytesIO(b"%PDF-1.7\n..."), personas.operator_a)
    assert ".xls" in _satu_galat(
        io.BytesIO(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100), personas.operator_a
    )
    assert "kosong" in _satu_galat(io.BytesIO(b""), personas.operator_a)


def test_zip_rusak(personas):
    utuh = buat_xlsx({"Realisasi": [REAL_KEPALA]}).getvalue()
    assert "rusak" in _satu_galat(io.BytesIO(utuh[: len(utuh) // 2]), personas.operator_a)


def test_zip_yang_bukan_workbook(personas):
    f = io.BytesIO()
    with zipfile.ZipFile(f, "w") as z:
        z.writestr("dokumen.txt", "halo")
    assert "xl/workbook.xml" in _satu_galat(f, personas.operator_a)


def test_isi_sheet_rusak(personas):
    utuh = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "50%"]]})
    f = io.BytesIO()
    with zipfile.ZipFile(utuh) as asal, zipfile.ZipFile(f, "w") as z:
        for info in asal.infolist():
            isi = asal.read(info)
            if info.filename.startswith("xl/worksheets/"):
                isi = isi[: len(isi) // 2]
            z.writestr(info, isi)
    pesan = _satu_galat(f, personas.operator_a)
    assert "rusak" in pesan or "tidak dapat dibaca" in pesan


def test_tidak_ada_sheet_yang_dikenal(personas):
    f = buat_xlsx({"Sheet1": [["a", "b"]]})
    assert "tidak berisi satu pun sheet yang dikenal" in _satu_galat(f, personas.operator_a)


def test_berkas_terlalu_besar_ditolak_sebelum_dibaca(personas, settings):
    f = io.BytesIO(b"PK\x03\x04" + b"\0" * (settings.MAX_UPLOAD_BYTES + 1))
    mulai = time.perf_counter()
    pesan = _satu_galat(f, personas.operator_a, batas_byte=settings.MAX_UPLOAD_BYTES)
    assert "terlalu besar" in pesan and "10 MB" in pesan
    assert time.perf_counter() - mulai < 1


def _dengan_nilai_tersimpan(f, nilai):
    """Give every formula of the workbook a cached value, as a spreadsheet program would."""
    hasil = io.BytesIO()
    with zipfile.ZipFile(f) as asal, zipfile.ZipFile(hasil, "w") as z:
        for info in asal.infolist():
            isi = asal.read(info)
            if info.filename.startswith("xl/worksheets/"):
                isi = re.sub(
                    rb"(<f>[^<]*</f>)<v>\s*</v>|(<f>[^<]*</f>)(?!<v>)",
                    lambda m: (m.group(1) or m.group(2)) + b"<v>" + nilai + b"</v>",
                    isi,
                )
            z.writestr(info, isi)
    hasil.seek(0)
    return hasil


def test_rumus_tanpa_nilai_tersimpan_adalah_galat(personas, data_lengkap):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "=40+10"]]})
    laporan = impor_workbook(f, user=personas.operator_a)
    (g,) = laporan.galat
    assert (g.baris, g.kolom) == (2, "realisasi") and "Rumus tanpa nilai tersimpan" in g.pesan


def test_rumus_dibaca_sebagai_nilai_tersimpan(personas, data_lengkap):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "=40+10"]]})
    laporan = impor_workbook(_dengan_nilai_tersimpan(f, b"50"), user=personas.operator_a)
    assert not laporan.galat, laporan.teks()
    (p,) = laporan.sheets["Realisasi"].perubahan
    assert (p.lama, p.baru) == ("21,25%", "50")


def test_sel_tanggal_dan_boolean_di_kolom_nilai(personas, data_lengkap):
    import datetime as dt

    f = buat_xlsx(
        {
            "Realisasi": [
                REAL_KEPALA,
                ["1672", 2024, "KPU", "1", "TW1", dt.date(2024, 1, 1)],
                ["1672", 2024, "KPU", "1", "TW2", True],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a)
    assert [(g.baris, g.kolom) for g in laporan.galat] == [(2, "realisasi"), (3, "realisasi")]


def _tulis_banyak(n, baris):
    buku = openpyxl.Workbook(write_only=True)
    ws = buku.create_sheet("Anggaran")
    ws.append(ANGGARAN_KEPALA)
    for i in range(n):
        ws.append(baris(i))
    f = io.BytesIO()
    buku.save(f)
    f.seek(0)
    return f


@pytest.mark.parametrize("galat", [False, True], ids=["valid", "semua-galat"])
def test_seratus_ribu_baris_selesai_dengan_memori_terbatas(personas, galat):
    pagu = "Rp 1.000.000,-" if not galat else "satu juta"

    def baris(i):
        return ["1672", 2024, "076.01.WA", "3360", f"O{i // 1000:03d}.{i % 1000:03d}", pagu, 0]

    f = _tulis_banyak(100_000, baris)

    KegiatanFactory()
    # ru_maxrss is a high-water mark: its growth bounds what the import added at its peak.
    sebelum = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    laporan = impor_workbook(f, user=personas.operator_a)
    tambahan_mb = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - sebelum) / 1024
    if galat:
        assert laporan.jumlah_galat == 100_000 and len(laporan.galat) == 200
        assert "… dan 99800 galat lain" in laporan.teks()
    else:
        assert not laporan.galat, laporan.teks()
        assert laporan.sheets["Anggaran"].baru == 100_000
    assert tambahan_mb < 250, f"memori bertambah {tambahan_mb:.0f} MB"


def _bom_zip(megabyte: int) -> io.BytesIO:
    """A real workbook with one more sheet part of `megabyte` MB of XML that compresses to
    almost nothing (the issue's 613 KB file inflated to 209 MB)."""
    utuh = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "50%"]]})
    f = io.BytesIO()
    with zipfile.ZipFile(utuh) as asal, zipfile.ZipFile(f, "w", zipfile.ZIP_DEFLATED) as z:
        for info in asal.infolist():
            z.writestr(info, asal.read(info))
        isi = b"<worksheet>" + b" " * (megabyte * 2**20) + b"</worksheet>"
        z.writestr("xl/worksheets/sheet9.xml", isi, compress_type=zipfile.ZIP_DEFLATED)
    f.seek(0)
    return f


def test_zip_bom_ditolak_menurut_ukuran_sebenarnya(personas, settings):
    f = _bom_zip(60)
    assert len(f.getvalue()) < 300_000  # far below the 10 MB upload limit
    mulai = time.perf_counter()
    pesan = _satu_galat(f, personas.operator_a, batas_byte=settings.MAX_UPLOAD_BYTES)
    assert "terlalu besar setelah dibuka" in pesan and "60 MB" in pesan
    assert time.perf_counter() - mulai < 2


def test_terlalu_banyak_bagian_ditolak(personas):
    utuh = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "50%"]]})
    f = io.BytesIO()
    with zipfile.ZipFile(utuh) as asal, zipfile.ZipFile(f, "w") as z:
        for info in asal.infolist():
            z.writestr(info, asal.read(info))
        for i in range(2001):
            z.writestr(f"xl/media/gambar{i}.bin", b"")
    f.seek(0)
    assert "paling banyak 2000" in _satu_galat(f, personas.operator_a)

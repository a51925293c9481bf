"""A new office in one step (issue 13): the workbook of an office the demo does not hold, built
from scratch as the office would write it (spec/workbook.md: budget codes without names; its
PKs written from the Renstra 2025-2029 catalogue, wording and figures of the Rejang Lebong seed),
imported into a freshly migrated database with `manage.py import_workbook`, its LKjIP rendered
with `manage.py lkjip`, and the figures checked in the PDF text.

The realisasi and budget realisasi are the test's own (the seed prints none)."""

import datetime as dt
import io
import re

import openpyxl
import pdfplumber

from tests.proses import env_sqlite_baru, manage

RL = "KPU Kabupaten Rejang Lebong"
SASARAN_KPU = [
    "Mewujudkan Komisi Pemilihan Umum Yang Mandiri, Professional dan Berintegritas",
    "Menyelenggarakan Pemilu/Pemilihan Serentak Yang Demokratis, Tepat Waktu, Efisien dan Efektif",
    "Mewujudkan Pemilu Serentak yang Langsung, Umum, Bebas, Rahasia, Jujur dan Adil",
]
# (no, sasaran, indikator, target, arah) as printed in the PK KPU 2025.
PK_KPU = [
    ("1.1", 0, "Persentase naskah akademik regulasi sesuai dengan kerangka regulasi KPU yang "
     "berbasis riset kepemiluan", "85%", ""),
    ("1.2", 0, "Persentase informasi mengenai partai politik yang mutakhir dan dipublikasikan "
     "pada publik", "100%", ""),
    ("1.3", 0, "Indeks Reformasi Birokrasi", "79", ""),
    ("1.4", 0, "Nilai Akuntabilitas Kinerja", "B", ""),
    ("1.5", 0, "Opini BPK atas Laporan Keuangan", "WTP", ""),
    ("1.6", 0, "Nilai Keterbukaan Informasi Publik", "100%", ""),
    ("2.1", 1, "Persentase Partisipasi Pemilih dalam Pemilu/Pemilihan", "82.5%", ""),
    ("2.2", 1, "Persentase Partisipasi Pemilih Perempuan dalam Pemilu/Pemilihan", "85%", ""),
    ("2.3", 1, "Persentase Partisipasi Pemilih Disabilitas dalam Pemilu/Pemilihan", "95%", ""),
    ("2.4", 1, "Persentase Pemilih yang Berhak Memilih Tetapi Tidak Masuk dalam Daftar Pemilih "
     "Tetap", "0.1%", "turun"),
    ("2.5", 1, f"Persentase {RL} yang menyelenggarakan Pemilu/ Pemilihan sesuai dengan jadwal "
     "dan ketentuan yang berlaku", "100%", ""),
    ("3.1", 2, f"Persentase {RL} yang melaksanakan Pemilu/Pemilihan yang Aman dan Damai", "100%",
     ""),
    ("3.2", 2, "Persentase Sengketa Hukum yang dimenangkan KPU", "100%", ""),
]  # fmt: skip
PK_SEKRETARIAT = [
    ("1", "Meningkatnya Kapasitas SDM yang Berkompeten", "Persentase kesesuaian kompetensi "
     f"pegawai terhadap standar kompetensi penugasannya di {RL}", "100%"),
    ("2", "Terwujudnya Dukungan Sarana dan Prasarana Guna Meningkatkan Kelancaran Tugas KPU",
     "Persentase Tersedianya Sarana dan Prasarana untuk Memenuhi Kebutuhan Kerja Pegawai yang "
     f"Berfungsi dengan Baik di {RL}", "100%"),
    ("3.1", "Meningkatnya Akuntabilitas Keuangan dan Kinerja KPU",
     f"Nilai Evaluasi atas Akuntabilitas Kinerja {RL}", "B"),
    ("3.2", "Meningkatnya Akuntabilitas Keuangan dan Kinerja KPU",
     f"Persentase Opini BPK Atas Laporan Keuangan {RL}", "WTP"),
    ("3.3", "Meningkatnya Akuntabilitas Keuangan dan Kinerja KPU",
     f"Nilai Evaluasi atas Pelaksanaan Reformasi Birokrasi {RL}", "100%"),
    ("4", "Terwujudnya Data Pemilih secara Berkelanjutan",
     f"Persentase ketepatan waktu {RL} dalam pemutakhiran Data Pemilih", "100%"),
    ("5", "Terlaksananya penetapan Keputusan KPU sesuai dengan ketentuan peraturan "
     "perundang-undangan, serta pendokumentasian informasi hukum, dan penyuluhannya",
     f"Persentase Rancangan Keputusan {RL} yang disusun dan diharmonisasi dengan tepat waktu "
     "sesuai dengan Kerangka Regulasi KPU", "100%"),
    ("6", "Terwujudnya Dukungan Logistik dalam Penyelenggaraan Pemilu/Pemilihan",
     "Persentase keberhasilan distribusi logistik Pemilu / Pemilihan secara tepat jumlah, tepat "
     f"jenis, tepat mutu dan tepat waktu oleh Satker {RL}", "100%"),
    ("7", "Terwujudnya Tahapan Pemilu/Pemilihan Sesuai Jadwal",
     "Persentase keberhasilan penyelenggaraan Pemilu/Pemilihan yang sesuai jadwal oleh "
     f"{RL}", "100%"),
]  # fmt: skip
# The test's realisasi (TW IV): partisipasi 80,1% of 82,5% = 97,09; DPT 0,12% of 0,1% (lower is
# better) = 80,00; data pemilih 100% = 100,00.
REALISASI = [("KPU", "2.1", "80,1%"), ("KPU", "2.4", "0,12%"), ("SEKRETARIAT", "4", "100%")]
# Codes only, no names (the RKT 2025's kegiatan and pagu; realisasi the test's own).
ANGGARAN = [
    ("076.01.CQ", "6709", "QGE.001", 3_910_946_000, 3_850_000_000),
    ("076.01.WA", "3355", "EBA.962", 2_176_331_000, 2_100_000_000),
    ("076.01.WA", "3360", "EBA.994", 441_056_000, 430_000_000),
]


def _workbook(path) -> None:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)

    def sheet(nama, *baris):
        ws = wb.create_sheet(nama)
        for b in baris:
            ws.append(list(b))

    sheet(
        "Satker",
        ("kode", "nama", "tingkat", "induk", "alamat", "kota"),
        ("RI", "Komisi Pemilihan Umum", "RI", "", "", "Jakarta"),
        ("17", "KPU Provinsi Bengkulu", "PROVINSI", "RI", "", "Bengkulu"),
        ("1702", RL, "KABUPATEN", "17", "Jl. Basuki Rahmat No 71 Dwi Tunggal Curup", "Curup"),
    )
    sheet(
        "Pejabat",
        ("satker", "nama", "jabatan"),
        ("1702", "Ujang Maman", "Ketua"),
        ("1702", "Nopridho Ikhsan", "Sekretaris"),
    )
    kepala = ("satker", "tahun", "jenis", "no", "sasaran", "indikator", "arah", "target")
    sheet(
        "PK",
        kepala,
        *(
            ("1702", 2025, "KPU", no, SASARAN_KPU[s], ind, arah, t)
            for no, s, ind, t, arah in PK_KPU
        ),
        *(("1702", 2025, "SEKRETARIAT", no, sa, ind, "", t) for no, sa, ind, t in PK_SEKRETARIAT),
    )
    sheet(
        "PKAnggaran",
        ("satker", "tahun", "jenis", "program", "anggaran"),
        *(
            ("1702", 2025, jenis, program, jumlah)
            for jenis in ("KPU", "SEKRETARIAT")
            for program, jumlah in (
                ("Program Dukungan Manajemen", "Rp. 2.617.387.000"),
                ("Penyelenggaraan Pemilu dalam Proses Konsolidasi Demokrasi", "Rp. 3.910.953.000"),
            )
        ),
    )
    jabatan = "Ketua Komisi Pemilihan Umum Kabupaten Rejang Lebong"
    sheet(
        "PKPihak",
        ("satker", "tahun", "jenis", "pihak_pertama_nama", "pihak_pertama_jabatan",
         "pihak_kedua_nama", "pihak_kedua_jabatan", "tempat", "tanggal"),
        ("1702", 2025, "KPU", "Ujang Maman", jabatan, "", "", "Curup", dt.date(2025, 1, 3)),
        ("1702", 2025, "SEKRETARIAT", "Nopridho Ikhsan",
         "Sekretaris Komisi Pemilihan Umum Kabupaten Rejang Lebong", "Ujang Maman", jabatan,
         "Curup", dt.date(2025, 1, 3)),
    )  # fmt: skip
    sheet(
        "Realisasi",
        ("satker", "tahun", "jenis", "no", "periode", "realisasi"),
        *(("1702", 2025, jenis, no, "TW4", r) for jenis, no, r in REALISASI),
    )
    sheet(
        "Anggaran",
        ("satker", "tahun", "program_kode", "kegiatan_kode", "output_kode", "pagu", "realisasi",
         "per_tanggal"),
        *(("1702", 2025, *a, dt.date(2025, 12, 31)) for a in ANGGARAN),
    )  # fmt: skip
    sheet(
        "RevisiDIPA",
        ("satker", "tahun", "label", "tanggal", "pagu"),
        ("1702", 2025, "DIPA Awal", dt.date(2024, 12, 2), 6_528_333_000),
    )
    wb.save(path)


def test_a_new_office_is_imported_into_a_fresh_database_and_reported(tmp_path):
    env = env_sqlite_baru(tmp_path)
    assert manage(env, "migrate", "--noinput", "-v0").returncode == 0
    berkas = tmp_path / "rejang-lebong-2025.xlsx"
    _workbook(berkas)

    impor = manage(env, "import_workbook", str(berkas))
    assert impor.returncode == 0, impor.stdout + impor.stderr
    assert "PK: 22 baru" in impor.stdout and "Anggaran: 3 baru" in impor.stdout
    assert "galat" not in impor.stdout.split("\n", 1)[1].lower()
    assert "belum ada di katalog" not in impor.stdout  # the catalogue knows every code

    pdf = tmp_path / "lkjip.pdf"
    render = manage(env, "lkjip", "1702", "2025", "--format", "pdf", "-o", str(pdf))
    assert render.returncode == 0, render.stderr
    with pdfplumber.open(io.BytesIO(pdf.read_bytes())) as dok:
        teks = "\n".join(p.extract_text() or "" for p in dok.pages)
    rapat = re.sub(r"\s+", " ", teks)
    assert RL.upper() in teks.upper() and "TAHUN 2025" in teks
    assert "capaian 97,09%" in rapat  # partisipasi 80,1 / 82,5
    assert "capaian 80,00%" in rapat  # 0,12% where 0,1% is the most allowed
    # Budget: the lines' sum, and the names the catalogue gave the codes.
    assert "6.528.333.000" in teks and "6.380.000.000" in teks
    # DIPA Awal only; the revision table follows the ones per akun group and output
    assert re.search(r"menurut revisi DIPA terakhir, tanpa revisi \(Tabel 3\.\d+\)", rapat)
    assert "3355 Pengelolaan Keuangan dan Barang" in rapat and "6709 Perencanaan Program" in rapat

    # Every PK row was linked to the catalogue by its wording.
    ekspor = tmp_path / "ekspor.xlsx"
    assert manage(env, "export_workbook", "1702", "2025", "-o", str(ekspor)).returncode == 0
    ws = openpyxl.load_workbook(ekspor)["PKIndikator"]
    kode = [r[4] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert len(kode) == 22 and all(kode), kode
    assert kode[6] == "IK4.4" and kode[9] == "IK25.05"

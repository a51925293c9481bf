"""Import rules of spec/workbook.md: changes, permissions, signed PKs, closed quarters, values."""

import gc
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import BarisAnggaran, BarisPK, PenutupanPeriode, Realisasi, TargetTriwulan
from satker.models import Satker
from tests.workbook.conftest import buat_xlsx
from workbook import importer
from workbook.exporter import ekspor_workbook
from workbook.importer import impor_workbook

PK_KEPALA = ["satker", "tahun", "jenis", "no", "sasaran", "indikator", "target"]
REAL_KEPALA = ["satker", "tahun", "jenis", "no", "periode", "realisasi"]


def _ekspor_diubah(satker, ubah):
    f = io.BytesIO()
    ekspor_workbook(Satker.objects.filter(pk=satker.pk), 2024, f)
    f.seek(0)
    buku = openpyxl.load_workbook(f)
    ubah(buku)
    hasil = io.BytesIO()
    buku.save(hasil)
    hasil.seek(0)
    return hasil


def _sel(buku, sheet, cocok, kolom):
    ws = buku[sheet]
    kepala = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        nilai = {k: c for k, c in zip(kepala, row, strict=False)}
        if all(nilai[k].value == v for k, v in cocok.items()):
            return nilai[kolom]
    raise AssertionError(f"tidak ada baris {cocok} di {sheet}")


def test_perubahan_di_program_spreadsheet_terlihat_dan_hanya_itu_yang_disimpan(
    personas, data_lengkap
):
    def ubah(buku):
        _sel(buku, "Realisasi", {"no": "1", "periode": "TW4"}, "realisasi").value = 0.815
        _sel(buku, "Realisasi", {"no": "1", "periode": "TW4"}, "realisasi").number_format = "0.0%"
        _sel(buku, "Anggaran", {"sumber": "HIBAH"}, "realisasi").value = 2_100_000_000
        _sel(buku, "PK", {"jenis": "KPU", "no": "2"}, "target").value = "12 kali"
        _sel(buku, "PK", {"jenis": "KPU", "no": "1"}, "tw4").value = "78%"

    f = _ekspor_diubah(personas.satker_a, ubah)
    pratinjau = impor_workbook(f, user=personas.operator_a)
    assert not pratinjau.galat, pratinjau.teks()
    assert {n: (s.baru, s.berubah) for n, s in pratinjau.sheets.items() if s.baru or s.berubah} == {
        "PK": (0, 2),
        "Realisasi": (0, 1),
        "Anggaran": (0, 1),
    }
    perubahan = {
        (p.sheet, p.kolom, p.lama, p.baru) for s in pratinjau.sheets.values() for p in s.perubahan
    }
    assert ("Realisasi", "realisasi", "78%", "81,5%") in perubahan
    assert ("PK", "target", "10 kali", "12 kali") in perubahan
    assert ("PK", "tw4", "77,5%", "78%") in perubahan
    assert ("Anggaran", "realisasi", "2.000.000.000", "2.100.000.000") in perubahan
    assert Realisasi.objects.get(baris__no="1", periode="TW4").teks == "78%"

    f.seek(0)
    hasil = impor_workbook(f, user=personas.operator_a, terapkan=True, sidik=pratinjau.sidik)
    assert hasil.diterapkan
    r = Realisasi.objects.get(baris=data_lengkap["baris"]["1"], periode="TW4")
    assert (r.teks, r.teks_angka) == ("81,5%", 81.5)
    assert r.history.first().history_change_reason == "Impor workbook"
    assert r.history.first().history_user == personas.operator_a
    b = BarisPK.objects.get(pk=data_lengkap["baris"]["2"].pk)
    assert (b.target, b.target_angka) == ("12 kali", 12)
    assert (
        TargetTriwulan.objects.get(
            baris__no="1", baris__perjanjian__jenis="KPU", periode="TW4"
        ).teks
        == "78%"
    )
    assert BarisAnggaran.objects.get(sumber="HIBAH").realisasi == 2_100_000_000

    f.seek(0)
    lagi = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert not lagi.ada_perubahan


def test_sidik_berbeda_tidak_menyimpan(personas, data_lengkap):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "5", "TW1", "70"]]})
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True, sidik="lama")
    assert laporan.berubah_sejak_pratinjau and not laporan.diterapkan
    assert not Realisasi.objects.filter(baris__no="5").exists()


def test_baris_baru_dan_pk_baru_dibuat(personas):
    f = buat_xlsx(
        {
            "PK": [
                PK_KEPALA + ["satuan", "tw1"],
                ["1672", 2025, "KPU", "1", "Sasaran", "Partisipasi", "80", "%", "20"],
                ["1672", 2025, "KPU", "2", "Sasaran", "Nilai SAKIP", "BB", None, None],
            ],
            "Realisasi": [REAL_KEPALA, ["1672", 2025, "KPU", "1", "TW1", "21,5%"]],
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert not laporan.galat, laporan.teks()
    b1, b2 = BarisPK.objects.filter(perjanjian__tahun=2025).order_by("no")
    assert (b1.jenis_nilai, b1.satuan, b1.perjanjian.versi) == ("PERSEN", "%", 1)
    assert (b2.jenis_nilai, b2.satuan, b2.target_kode) == ("PREDIKAT", "predikat", "BB")
    assert b1.realisasi.get().teks_angka == 21.5


def test_baris_baru_tersimpan_persis_dengan_riwayatnya(personas):
    # New rows go in through COPY on PostgreSQL (common.massal): tabs, line breaks, backslashes
    # and quotes in a text, empty optional cells and the history of each row survive it.
    sulit = 'Baris 1\n\tdengan tab \\ garis miring "kutip" dan \\N'
    f = buat_xlsx(
        {
            "PK": [
                PK_KEPALA + ["satuan", "tw1"],
                ["1672", 2025, "KPU", "1", sulit, "Partisipasi", "80", "%", "20"],
            ],
            "Realisasi": [
                REAL_KEPALA + ["kendala"],
                ["1672", 2025, "KPU", "1", "TW1", "21,5%", sulit],
            ],
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True, nama_berkas="a.xlsx")
    assert not laporan.galat, laporan.teks()
    b = BarisPK.objects.get(perjanjian__tahun=2025)
    r = b.realisasi.get()
    assert (b.sasaran, r.kendala, r.bukti_file.name, r.teks_angka) == (sulit, sulit, "", 21.5)
    assert b.perjanjian.ditandatangani_pada is None
    for obj in (b.perjanjian, b, r):
        (h,) = obj.history.all()
        assert (h.history_type, h.history_user, h.history_change_reason) == (
            "+",
            personas.operator_a,
            "Impor workbook a.xlsx",
        )
        assert h.instance.diperbarui == obj.diperbarui
    assert r.history.get().kendala == sulit
    # the ids came from the tables' sequences: the next row saved the usual way follows them
    lagi = BarisPK.objects.create(perjanjian=b.perjanjian, no="2", indikator="x", target="1")
    assert lagi.pk > b.pk


def test_realisasi_berjenis_lain_ditolak(personas, data_lengkap):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "B"]]})
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True)
    (g,) = laporan.galat
    assert (g.sheet, g.baris, g.kolom) == ("Realisasi", 2, "realisasi")
    assert "predikat" in g.pesan and "persentase" in g.pesan
    assert (
        Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks
        == "21,25%"
    )


@pytest.mark.parametrize(
    "nilai,potongan",
    [
        ("1.234", "ambigu"),
        ("77,5,5%", "pemisah ribuan"),
        ("-5%", "negatif"),
        ("12 3 kali", "tidak dapat"),
    ],
)
def test_nilai_tidak_terbaca_ditolak_dengan_alasan(personas, data_lengkap, nilai, potongan):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", nilai]]})
    laporan = impor_workbook(f, user=personas.operator_a)
    assert len(laporan.galat) == 1 and potongan in laporan.galat[0].pesan, laporan.teks()


def test_semua_atau_tidak_sama_sekali(personas, data_lengkap):
    f = buat_xlsx(
        {
            "Realisasi": [
                REAL_KEPALA,
                ["1672", 2024, "KPU", "1", "TW1", "50%"],
                ["1672", 2024, "KPU", "1", "TW2", "tidak 1,2,3"],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert laporan.jumlah_galat == 1 and not laporan.diterapkan
    assert (
        Realisasi.objects.get(baris__no="1", periode="TW1", baris__perjanjian__jenis="KPU").teks
        == "21,25%"
    )


def test_satker_lain_ditolak_tanpa_membocorkan_data(personas, data_lengkap):
    f = buat_xlsx(
        {
            "Realisasi": [
                REAL_KEPALA,
                ["1672", 2024, "KPU", "1", "TW1", "50%"],
                ["9999", 2024, "KPU", "1", "TW1", "50%"],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_b, terapkan=True)
    pesan = [g.pesan for g in laporan.galat]
    assert pesan == [
        "Satker '1672' tidak ditemukan atau tidak dapat Anda ubah.",
        "Satker '9999' tidak ditemukan atau tidak dapat Anda ubah.",
    ]
    assert not laporan.sheets["Realisasi"].perubahan


def test_reviewer_tidak_dapat_menulis(personas, data_lengkap):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "50%"]]})
    laporan = impor_workbook(f, user=personas.reviewer, terapkan=True)
    assert laporan.galat[0].pesan == (
        "Anda tidak berwenang mengubah data KPU Kota Pagar Alam (1672)."
    )


def test_pk_ditandatangani_tidak_berubah_tetapi_realisasinya_boleh(personas, data_lengkap):
    f = buat_xlsx(
        {
            "PK": [
                PK_KEPALA,
                [
                    "1672",
                    2024,
                    "SEKRETARIAT",
                    "1",
                    "Meningkatnya partisipasi pemilih",
                    "x",
                    "3 laporan",
                ],
            ],
            "PKAnggaran": [
                ["satker", "tahun", "jenis", "program", "anggaran"],
                ["1672", 2024, "SEKRETARIAT", "076.01.WA", "Rp 600.000.000,-"],
            ],
            "PKPihak": [
                ["satker", "tahun", "jenis", "pihak_pertama_nama", "pihak_pertama_jabatan"],
                ["1672", 2024, "SEKRETARIAT", "Orang Lain", "Sekretaris"],
            ],
            "Realisasi": [REAL_KEPALA, ["1672", 2024, "SEKRETARIAT", "1", "TW2", "2 laporan"]],
        }
    )
    laporan = impor_workbook(f, user=personas.sekretaris_a, terapkan=True)
    assert [(g.sheet, g.baris) for g in laporan.galat] == [
        ("PK", 2),
        ("PKAnggaran", 2),
        ("PKPihak", 2),
    ]
    assert all("ditandatangani" in g.pesan for g in laporan.galat)

    f = buat_xlsx(
        {"Realisasi": [REAL_KEPALA, ["1672", 2024, "SEKRETARIAT", "1", "TW2", "2 laporan"]]}
    )
    laporan = impor_workbook(f, user=personas.sekretaris_a, terapkan=True)
    assert laporan.diterapkan, laporan.teks()
    assert Realisasi.objects.filter(
        baris__perjanjian=data_lengkap["sekretariat"], periode="TW2"
    ).exists()


def test_triwulan_tertutup_ditolak(personas, data_lengkap):
    PenutupanPeriode.objects.create(satker=personas.satker_a, tahun=2024, periode="TW1")
    f = buat_xlsx(
        {
            "Realisasi": [
                REAL_KEPALA,
                ["1672", 2024, "KPU", "1", "TW1", "21,25%"],
                ["1672", 2024, "KPU", "1", "TW2", "46%"],
                ["1672", 2024, "KPU", "2", "TW1", "4 kali"],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a)
    assert [(g.baris, g.kolom) for g in laporan.galat] == [(4, "periode")]
    assert "ditutup" in laporan.galat[0].pesan


def test_kunci_ganda_di_berkas(personas, data_lengkap):
    f = buat_xlsx(
        {
            "Realisasi": [
                REAL_KEPALA,
                ["1672", 2024, "KPU", "1", "TW1", "50%"],
                ["1672", 2024, "kpu", "1", "tw1", "55%"],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a)
    (g,) = laporan.galat
    assert g.baris == 3 and "sama dengan baris 2" in g.pesan


def test_baris_pk_tidak_ada(personas, data_lengkap):
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "99", "TW1", "50%"]]})
    (g,) = impor_workbook(f, user=personas.operator_a).galat
    assert g.kolom == "no" and "tidak ada" in g.pesan


def test_kolom_wajib_hilang_dan_kolom_tambahan(personas):
    f = buat_xlsx({"Realisasi": [["satker", "tahun", "jenis", "periode", "realisasi", "catatan"]]})
    laporan = impor_workbook(f, user=personas.operator_a)
    assert [(g.sheet, g.baris, g.kolom) for g in laporan.galat] == [("Realisasi", 1, "no")]
    assert laporan.peringatan[0].kolom == "catatan"


def test_nama_sheet_dan_kolom_tidak_peka_huruf_dan_spasi(personas, data_lengkap):
    f = buat_xlsx(
        {
            " realisasi ": [
                ["Satker", "TAHUN", "Jenis", "No", "Periode", "Realisasi", "Tindak Lanjut"],
                ["1672", "2024", "KPU", 1, "TW1", 21.25, "'=x"],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a)
    assert not laporan.galat, laporan.teks()
    assert laporan.sheets["Realisasi"].berubah == 1  # 21.25 is now 21,25 (no %), kendala unchanged


def test_satker_baru_hanya_oleh_admin(personas):
    kepala = ["kode", "nama", "tingkat", "induk"]
    f = buat_xlsx({"Satker": [kepala, ["1675", "KPU Kota Prabumulih", "KOTA", "16"]]})
    assert impor_workbook(f, user=personas.operator_a).jumlah_galat == 1
    f.seek(0)
    laporan = impor_workbook(f, user=personas.admin, terapkan=True)
    assert laporan.diterapkan, laporan.teks()
    assert Satker.objects.get(kode="1675").induk == personas.provinsi


def test_provinsi_dan_kabupaten_baru_dalam_urutan_apa_pun(personas):
    kepala = ["kode", "nama", "tingkat", "induk"]
    f = buat_xlsx(
        {
            "Satker": [
                kepala,
                ["1901", "KPU Kabupaten Bangka", "KABUPATEN", "19"],
                ["19", "KPU Provinsi Kepulauan Bangka Belitung", "PROVINSI", "RI"],
                ["1902", "KPU Kabupaten Belitung", "KABUPATEN", "1672"],
            ],
            "RevisiDIPA": [
                ["satker", "tahun", "label", "tanggal", "pagu"],
                ["1901", 2024, "DIPA Awal", "2023-12-01", "Rp 1.000.000,-"],
            ],
        }
    )
    laporan = impor_workbook(f, user=personas.admin, terapkan=True)
    assert [(g.baris, g.kolom) for g in laporan.galat] == [(4, "induk")]
    assert "harus tingkat PROVINSI" in laporan.galat[0].pesan
    f = buat_xlsx(
        {
            "Satker": [
                kepala,
                ["1901", "KPU Kabupaten Bangka", "KABUPATEN", "19"],
                ["19", "KPU Provinsi Kepulauan Bangka Belitung", "PROVINSI", "RI"],
            ],
            "RevisiDIPA": [
                ["satker", "tahun", "label", "tanggal", "pagu"],
                ["1901", 2024, "DIPA Awal", "2023-12-01", "Rp 1.000.000,-"],
            ],
        }
    )
    laporan = impor_workbook(f, user=personas.admin, terapkan=True)
    assert laporan.diterapkan, laporan.teks()
    assert Satker.objects.get(kode="1901").induk.kode == "19"
    assert Satker.objects.get(kode="1901").dipa.get().revisi.get().pagu == 1_000_000


def test_operator_tidak_dapat_memindah_induk(personas):
    kepala = ["kode", "nama", "tingkat", "induk"]
    f = buat_xlsx({"Satker": [kepala, ["1672", "KPU Kota Pagar Alam Baru", "KOTA", "RI"]]})
    (g,) = impor_workbook(f, user=personas.operator_a).galat
    assert "hanya dapat diubah admin" in g.pesan
    f = buat_xlsx({"Satker": [kepala, ["1672", "KPU Kota Pagar Alam Baru", "KOTA", "16"]]})
    assert impor_workbook(f, user=personas.operator_a, terapkan=True).diterapkan


def test_jumlah_query_tetap_tidak_per_baris(personas, data_lengkap):
    semua = [
        [*kunci, periode, "50"]
        for kunci in (["1672", 2024, "KPU", "1"], ["1672", 2024, "KPU", "5"])
        for periode in ("TW1", "TW2", "TW3", "TW4")
    ]

    def query(n):
        f = buat_xlsx({"Realisasi": [REAL_KEPALA, *semua[:n]]})
        with CaptureQueriesContext(connection) as ctx:
            impor_workbook(f, user=personas.operator_a)
        return len(ctx)

    query(1)
    assert query(1) == query(8)


def test_jenis_target_berubah_hanya_bila_belum_ada_realisasi(personas, data_lengkap):
    f = buat_xlsx(
        {
            "PK": [
                PK_KEPALA,
                ["1672", 2024, "KPU", "1", "Sasaran", "Partisipasi", "B"],
                ["1672", 2024, "KPU", "5", "Sasaran", "Indeks", "BB"],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert [(g.baris, g.kolom) for g in laporan.galat] == [(2, "target")]
    assert "sudah punya realisasi" in laporan.galat[0].pesan
    f = buat_xlsx({"PK": [PK_KEPALA, ["1672", 2024, "KPU", "5", "Sasaran", "Indeks", "BB"]]})
    assert impor_workbook(f, user=personas.operator_a, terapkan=True).diterapkan
    b = BarisPK.objects.get(pk=data_lengkap["baris"]["5"].pk)
    assert (b.jenis_nilai, b.target_kode, b.target_angka) == ("PREDIKAT", "BB", None)


def test_kode_tanpa_nama_diterima_dengan_peringatan(personas):
    """spec/workbook.md, "Names are optional": a code the catalogue does not know, without a
    name, is imported with its code as its name and a warning, not an error."""
    from kinerja.models import Kegiatan, Program

    f = buat_xlsx(
        {
            "Anggaran": [
                [
                    "satker",
                    "tahun",
                    "program_kode",
                    "kegiatan_kode",
                    "akun_kode",
                    "pagu",
                    "realisasi",
                ],
                ["1672", 2026, "076.01.CQ", "6709", "521211", 5_000_000, 0],
                ["1672", 2026, "076.01.WA", "6999", "522151", 2_000_000, 0],
                ["1672", 2026, "076.01.XX", "1234", "", 9_000_000, 1_000_000],
            ]
        }
    )
    laporan = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert not laporan.galat, laporan.teks()
    assert laporan.sheets["Anggaran"].baru == 3
    peringatan = [p.pesan for p in laporan.peringatan]
    # The shipped catalogue knows 076.01.CQ / 6709; 6999, 076.01.XX and 1234 are new.
    assert sum("belum ada di katalog" in p for p in peringatan) == 3, peringatan
    assert Program.objects.get(kode="076.01.CQ").nama.startswith("Program Penyelenggaraan")
    assert Program.objects.get(kode="076.01.XX").nama == "076.01.XX"
    assert Kegiatan.objects.get(kode="6999").program.kode == "076.01.WA"
    assert BarisAnggaran.objects.filter(dipa__tahun=2026).count() == 3


def test_pengumpul_sampah_berhenti_selama_impor_dan_kembali_sesudahnya(personas, monkeypatch):
    # common.massal.tanpa_gc: half the CPU of a large import was the cycle collector
    selama = []
    asli = importer._Impor.baca

    def baca(self, *args):
        selama.append(gc.isenabled())
        return asli(self, *args)

    monkeypatch.setattr(importer._Impor, "baca", baca)
    assert gc.isenabled()
    impor_workbook(io.BytesIO(b"bukan xlsx"), user=personas.operator_a)  # refused
    f = buat_xlsx({"Realisasi": [REAL_KEPALA, ["1672", 2024, "KPU", "1", "TW1", "50%"]]})
    impor_workbook(f, user=personas.operator_a)
    assert selama == [False, False] and gc.isenabled()

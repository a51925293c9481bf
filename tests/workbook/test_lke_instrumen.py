"""The LKE instrument in the catalogue workbook (issue 18): KPU RI exports it, changes a weight
or adds an instrument for a new year, and imports it back; an office may not change it."""

import io

from openpyxl import load_workbook

from evaluasi.models import Instrumen, Kriteria, SubKomponen
from tests.workbook.conftest import buat_xlsx
from workbook.exporter import ekspor_katalog
from workbook.importer import LKE_HANYA_ADMIN, impor_workbook

SHEETS = ["LKEInstrumen", "LKEKomponen", "LKESubkomponen", "LKEKriteria", "LKENilai", "LKEPredikat"]


def _ekspor() -> io.BytesIO:
    f = io.BytesIO()
    ekspor_katalog(f)
    f.seek(0)
    return f


def test_the_default_instrument_round_trips(personas):
    f = _ekspor()
    wb = load_workbook(f)
    assert all(s in wb.sheetnames for s in SHEETS)
    assert wb["LKEKriteria"].max_row == 37  # 36 criteria and the header
    f.seek(0)
    lap = impor_workbook(f, user=personas.admin, terapkan=True)
    assert not lap.galat, lap.teks()
    assert all(
        lap.sheets[s].baru == 0 and lap.sheets[s].berubah == 0 and lap.sheets[s].tetap > 0
        for s in SHEETS
    )


def _instrumen_2026(bobot_sub: str, nilai: list | None = None):
    return buat_xlsx(
        {
            "LKEInstrumen": [
                ["berlaku_dari", "nama", "dasar"],
                [2026, "LKE 2026", "Peraturan baru"],
            ],
            "LKEKomponen": [
                ["instrumen", "kode", "nama", "bobot"],
                [2026, "1", "Perencanaan", 100],
            ],
            "LKESubkomponen": [
                ["instrumen", "komponen", "kode", "nama", "bobot"],
                [2026, "1", "1.a", "Pemenuhan", bobot_sub],
            ],
            "LKEKriteria": [
                ["instrumen", "subkomponen", "kode", "uraian", "skala", "otomatis"],
                [2026, "1.a", "1.a.1", "PK ditandatangani.", "yt", "PK_TEPAT_WAKTU"],
            ],
            "LKENilai": [
                ["instrumen", "skala", "jawaban", "nilai"],
                *(nilai or [[2026, "YT", "Y", 1], [2026, "YT", "A", "0,5"]]),
            ],
            "LKEPredikat": [["instrumen", "predikat", "batas"], [2026, "A", 50], [2026, "B", 0]],
        }
    )


def test_kpu_ri_adds_an_instrument_and_every_row_is_checked(personas):
    lap = impor_workbook(_instrumen_2026(bobot_sub="150"), user=personas.admin, terapkan=True)
    pesan = {(g.sheet, g.baris, g.kolom): g.pesan for g in lap.galat}
    assert ("LKESubkomponen", 2, "bobot") in pesan
    assert "Jawaban skala YT adalah Y / T." in pesan[("LKENilai", 3, "jawaban")]
    # the refused sub-component leaves its criterion without a parent
    assert "tambahkan di sheet LKESubkomponen" in pesan[("LKEKriteria", 2, "subkomponen")]
    assert len(pesan) == 3
    assert not Instrumen.objects.filter(berlaku_dari=2026).exists()  # all or nothing


def test_a_new_instrument_is_written_whole(personas):
    f = _instrumen_2026(bobot_sub="100", nilai=[[2026, "YT", "Y", 1]])
    lap = impor_workbook(f, user=personas.admin, terapkan=True)
    assert not lap.galat, lap.teks()
    ins = Instrumen.objects.get(berlaku_dari=2026)
    c = Kriteria.objects.get(sub__komponen__instrumen=ins)
    assert (c.kode, c.skala, c.otomatis, c.sub.kode, c.sub.komponen.kode) == (
        "1.a.1",
        "YT",
        "PK_TEPAT_WAKTU",
        "1.a",
        "1",
    )
    assert list(ins.predikat.values_list("predikat", "batas")) == [("A", 50), ("B", 0)]


def test_an_office_cannot_change_the_instrument(personas):
    f = buat_xlsx(
        {
            "LKESubkomponen": [
                ["instrumen", "komponen", "kode", "nama", "bobot"],
                [2021, "1", "1.a", "Pemenuhan", "7,5"],
            ]
        }
    )
    lap = impor_workbook(f, user=personas.operator_a, terapkan=True)
    assert [g.pesan for g in lap.galat] == [LKE_HANYA_ADMIN]
    assert SubKomponen.objects.get(kode="1.a", komponen__instrumen__berlaku_dari=2021).bobot == 6
    lap = impor_workbook(f, user=personas.admin, terapkan=True)
    assert not lap.galat
    sub = SubKomponen.objects.get(kode="1.a", komponen__instrumen__berlaku_dari=2021)
    assert sub.bobot == 7.5 and sub.history.first().history_user == personas.admin

"""The engine's budget-to-performance formulas (issue 17), computed by hand."""

from decimal import Decimal as D

import pytest

from kinerja import capaian as engine
from kinerja.anggaran import kode_program
from kinerja.nilai import NilaiError, parse_desimal


def test_bagian_dibulatkan_setengah_ke_atas():
    assert engine.bagian(367_074_000, D(50)) == 183_537_000
    assert engine.bagian(3, D(50)) == 2  # 1,5 -> 2
    assert engine.bagian(1, D("33.33")) == 0


def test_total_porsi_dan_porsi_gabungan():
    t = engine.total_porsi([(1_000, 900, D(100)), (2_000, 1_000, D(25))])
    assert (t.pagu, t.realisasi, t.serapan) == (1_500, 1_150, D("76.67"))
    assert engine.porsi_gabungan([D(50), D(30), D(50)]) == D(50)  # a line counts once
    assert engine.porsi_gabungan([]) == 0


@pytest.mark.parametrize(
    "bulan,kumulatif,hasil",
    [
        ({1: D(2), 2: D(5), 3: None}, True, D(5)),
        ({1: D(2), 2: D(5), 3: None}, False, D(7)),
        ({1: None}, True, None),
        ({}, False, None),
    ],
)
def test_volume_ro(bulan, kumulatif, hasil):
    assert engine.volume_ro(bulan, kumulatif) == hasil


def test_capaian_ro():
    assert engine.capaian_ro(D(12), D(9)) == D(75)
    assert engine.capaian_ro(D(3), D(1)) == D("33.33")
    assert engine.capaian_ro(D(0), D(5)) is None  # target 0: not computable
    assert engine.capaian_ro(D(4), None) is None


def test_revisi_perubahan_dan_posisi():
    awal = {"a": 100, "b": 200}
    r1 = {"a": 150}
    r2 = {"b": 200, "c": 10}  # b recorded unchanged: not a change
    posisi = engine.posisi_revisi([awal, r1, r2])
    assert [sum(p.values()) for p in posisi] == [300, 350, 360]
    ubah = engine.perubahan_revisi([awal, r1, r2])
    assert [(p.kunci, p.sebelum, p.sesudah) for p in ubah[0]] == [
        ("a", None, 100),
        ("b", None, 200),
    ]
    assert [(p.kunci, p.selisih) for p in ubah[1]] == [("a", 50)]
    assert [(p.kunci, p.sebelum, p.selisih) for p in ubah[2]] == [("c", None, None)]


def test_kelompok_akun():
    assert engine.kelompok_akun("521211") == "52"
    assert engine.kelompok_akun("511111") == "51"
    assert engine.kelompok_akun("532111") == "53"
    assert engine.kelompok_akun("") == ""
    assert engine.kelompok_akun("571111") == ""


def test_rencana_serapan_dan_tanda():
    assert engine.rencana_serapan(2) == 0
    assert engine.rencana_serapan(3) == 20
    assert engine.rencana_serapan(8) == 50
    assert engine.rencana_serapan(12) == 95
    assert engine.di_bawah_rencana(D("39.99"), D(50))
    assert not engine.di_bawah_rencana(D(40), D(50))  # 10 points below: at the edge, not marked
    assert not engine.di_bawah_rencana(None, D(50))


def test_efisiensi_dengan_namanya():
    assert engine.efisiensi(D(100), D("99.54")).label == "cukup efisien"
    assert engine.efisiensi(D(90), D("99.54")).label == "tidak efisien"
    assert "capaian kinerja" in engine.RUMUS_EFISIENSI and "serapan" in engine.RUMUS_EFISIENSI


def test_kode_program_dari_kode_atau_nama():
    program = {
        "076.01.CQ": "Program Penyelenggaraan Pemilu",
        "076.01.WA": "Program Dukungan Manajemen",
    }
    assert kode_program("076.01.WA", program) == "076.01.WA"
    assert kode_program("Program Dukungan Manajemen (076.01.WA)", program) == "076.01.WA"
    assert kode_program("  program   dukungan manajemen ", program) == "076.01.WA"
    assert kode_program("CQ", program) == "076.01.CQ"
    assert kode_program("076.01.XX", program) is None
    assert kode_program("Program Lain", program) is None


@pytest.mark.parametrize(
    "teks,hasil", [("77,5", D("77.5")), ("77,5 %", D("77.5")), (12, D(12)), ("", None)]
)
def test_parse_desimal(teks, hasil):
    assert parse_desimal(teks) == hasil


@pytest.mark.parametrize("teks", ["-1", "abc", "1.585", "=SUM(A1)"])
def test_parse_desimal_ditolak(teks):
    with pytest.raises(NilaiError):
        parse_desimal(teks)

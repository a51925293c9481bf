from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja.nilai import JenisNilai, Nilai, NilaiError, parse_angka, parse_nilai, parse_rupiah


@pytest.mark.parametrize(
    ("teks", "jenis", "angka", "satuan"),
    [
        ("77%", JenisNilai.PERSEN, "77", "%"),
        ("77,5 %", JenisNilai.PERSEN, "77.5", "%"),
        ("82.5%", JenisNilai.PERSEN, "82.5", "%"),
        ("0,1%", JenisNilai.PERSEN, "0.1", "%"),
        ("10 kali", JenisNilai.ANGKA, "10", "kali"),
        ("2 laporan", JenisNilai.ANGKA, "2", "laporan"),
        ("1 dokumen", JenisNilai.ANGKA, "1", "dokumen"),
        ("2 Lap", JenisNilai.ANGKA, "2", "lap"),
        ("79", JenisNilai.ANGKA, "79", ""),
        ("71,70", JenisNilai.ANGKA, "71.70", ""),
        ("1.234.567,89", JenisNilai.ANGKA, "1234567.89", ""),
        ("1,234,567.89", JenisNilai.ANGKA, "1234567.89", ""),
        ("1.234.567", JenisNilai.ANGKA, "1234567", ""),
        ("0.125", JenisNilai.ANGKA, "0.125", ""),
        ("Rp 2.880.554.000,-", JenisNilai.ANGKA, "2880554000", ""),
        ("  100\u00a0%  ", JenisNilai.PERSEN, "100", "%"),
    ],
)
def test_angka_dibaca(teks, jenis, angka, satuan):
    assert parse_nilai(teks) == Nilai(jenis, Decimal(angka), satuan=satuan)


@pytest.mark.parametrize(
    ("teks", "jenis", "kode"),
    [
        ("B", JenisNilai.PREDIKAT, "B"),
        ("bb", JenisNilai.PREDIKAT, "BB"),
        ("AA", JenisNilai.PREDIKAT, "AA"),
        ("WTP", JenisNilai.OPINI, "WTP"),
        ("Wajar Tanpa Pengecualian", JenisNilai.OPINI, "WTP"),
        ("tmp", JenisNilai.OPINI, "TMP"),
    ],
)
def test_predikat_dan_opini(teks, jenis, kode):
    nilai = parse_nilai(teks)
    assert (nilai.jenis, nilai.kode, nilai.angka) == (jenis, kode, None)


def test_teks_tanpa_angka_tetap_teks():
    assert parse_nilai("BA dan SK").jenis == JenisNilai.TEKS
    assert parse_nilai("Tercapai").jenis == JenisNilai.TEKS


@pytest.mark.parametrize("teks", [None, "", "   ", "-", "–"])
def test_kosong(teks):
    assert parse_nilai(teks) is None


@pytest.mark.parametrize(
    ("teks", "pesan"),
    [
        ("1.234", "ambigu"),
        ("1,234", "ambigu"),
        ("-5", "negatif"),
        ("-5%", "negatif"),
        ("12 dari 15", "tidak dapat dibaca"),
        ("1.2.3,4,5", "desimal lebih dari sekali"),
        ("12.34.567", "ribuan"),
        ("9" * 20, "terlalu besar"),
        ("=SUM(A1:A3)", "tidak dapat dibaca"),
    ],
)
def test_nilai_yang_ditolak(teks, pesan):
    with pytest.raises(NilaiError, match=pesan):
        parse_nilai(teks)


def test_jenis_yang_diharapkan():
    assert parse_nilai("77,5", jenis=JenisNilai.PERSEN) == Nilai(
        JenisNilai.PERSEN, Decimal("77.5"), satuan="%"
    )
    with pytest.raises(NilaiError, match="predikat"):
        parse_nilai("B", jenis=JenisNilai.PERSEN)
    with pytest.raises(NilaiError, match="teks"):
        parse_nilai("belum", jenis=JenisNilai.ANGKA)
    assert parse_nilai("12 dari 15", jenis=JenisNilai.TEKS) == Nilai(JenisNilai.TEKS)


def test_angka_dari_sel_spreadsheet():
    assert parse_nilai(77.5) == Nilai(JenisNilai.ANGKA, Decimal("77.5"))
    assert parse_nilai(10) == Nilai(JenisNilai.ANGKA, Decimal(10))
    with pytest.raises(NilaiError):
        parse_nilai(float("nan"))
    with pytest.raises(NilaiError):
        parse_nilai(-1)


@pytest.mark.parametrize(
    ("teks", "hasil"),
    [
        ("Rp 2.880.554.000,-", 2880554000),
        ("Rp. 33.353.847.000", 33353847000),
        ("2,880,554,000", 2880554000),
        ("1.000", 1000),
        ("13.322.950.000,00", 13322950000),
        (2880554000, 2880554000),
        (12.0, 12),
        ("", None),
    ],
)
def test_rupiah(teks, hasil):
    assert parse_rupiah(teks) == hasil


@pytest.mark.parametrize("teks", ["-1.000", "1.000,50", "Rp abc", "12.5", "1.00.000", 1.5])
def test_rupiah_ditolak(teks):
    with pytest.raises(NilaiError):
        parse_rupiah(teks)


@given(st.decimals(min_value=0, max_value=Decimal("1e12"), places=2, allow_nan=False))
def test_angka_indonesia_bolak_balik(x):
    from common.format import angka

    assert parse_angka(angka(x, 2)) == x


@given(st.text(max_size=40))
def test_parser_tidak_pernah_crash(teks):
    try:
        parse_nilai(teks)
    except NilaiError as exc:
        assert str(exc)

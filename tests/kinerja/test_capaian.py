from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kinerja import capaian as c
from kinerja.nilai import JenisNilai, Nilai, parse_nilai


def n(teks):
    return parse_nilai(teks)


def test_naik():
    assert c.hitung_capaian(n("77%"), n("80,5%")).nilai == D("104.55")


def test_turun_default_selisih():
    # Pagar Alam: 15 revisions against a target of 10 is 50%, not the printed 150%.
    hasil = c.hitung_capaian(n("10 kali"), n("15 kali"), arah=c.Arah.TURUN)
    assert hasil.nilai == D("50.00")


def test_turun_rasio():
    hasil = c.hitung_capaian(
        n("10 kali"), n("15 kali"), arah=c.Arah.TURUN, rumus_turun=c.RumusTurun.RASIO
    )
    assert hasil.nilai == D("66.67")
    nol = c.hitung_capaian(
        n("10 kali"), n("0 kali"), arah=c.Arah.TURUN, rumus_turun=c.RumusTurun.RASIO
    )
    assert nol.nilai is None and "realisasi 0" in nol.keterangan


def test_turun_tidak_negatif():
    assert c.hitung_capaian(n("10"), n("35"), arah=c.Arah.TURUN).nilai == D("0.00")


@pytest.mark.parametrize(
    ("target", "realisasi", "hasil"),
    [
        ("BB", "A", "100.00"),
        ("BB", "BB", "100.00"),
        ("BB", "B", "80.00"),  # rank 4 / rank 5
        ("A", "CC", "50.00"),  # 3 / 6
        ("WTP", "WTP", "100.00"),
        ("WTP", "WDP", "75.00"),
        ("WDP", "WTP", "100.00"),
    ],
)
def test_predikat_dan_opini(target, realisasi, hasil):
    assert c.hitung_capaian(n(target), n(realisasi)).nilai == D(hasil)


@pytest.mark.parametrize(
    ("target", "realisasi", "keterangan"),
    [
        ("0", "5", "tidak dapat dihitung: target 0"),
        ("10", None, "belum ada realisasi"),
        (None, "10", "tidak dapat dihitung: target belum diisi"),
        ("BA dan SK", "Ada", "tidak dapat dihitung: nilai berupa teks"),
        ("WTP", "B", "tidak dapat dihitung: jenis target dan realisasi berbeda"),
        ("B", "80", "tidak dapat dihitung: jenis target dan realisasi berbeda"),
    ],
)
def test_tanpa_angka(target, realisasi, keterangan):
    hasil = c.hitung_capaian(n(target) if target else None, n(realisasi) if realisasi else None)
    assert hasil.nilai is None
    assert hasil.keterangan == keterangan
    assert c.kategori(hasil) == ""


def test_pembulatan_setengah_ke_atas_bukan_dipotong():
    assert c.bulatkan(D("98.955")) == D("98.96")
    assert c.bulatkan(D("98.954")) == D("98.95")
    # 197,9 of 200 is 98,95%: the seeds printed 98.
    assert c.hitung_capaian(n("200"), n("197,9")).nilai == D("98.95")


def test_batas_atas():
    hasil = c.hitung_capaian(n("80%"), n("100%"), batas_atas=D(100))
    assert (hasil.nilai, hasil.dibatasi) == (D("100.00"), True)
    assert c.hitung_capaian(n("80%"), n("100%")).nilai == D("125.00")


@pytest.mark.parametrize(
    ("nilai", "kategori"),
    [
        ("100", "Sangat Baik"),
        ("91", "Sangat Baik"),
        ("90.99", "Baik"),
        ("76", "Baik"),
        ("75.99", "Cukup"),
        ("55", "Cukup"),
        ("54.99", "Kurang"),
        ("0", "Kurang"),
    ],
)
def test_skala_standar_tanpa_celah(nilai, kategori):
    assert c.kategori(D(nilai)) == kategori


def test_skala_berhasil():
    assert c.kategori(D("100"), c.SKALA_BERHASIL) == "Berhasil"
    assert c.kategori(D("99.99"), c.SKALA_BERHASIL) == "Tidak Berhasil"


def test_validasi_skala():
    assert c.validasi_skala(c.SKALA_STANDAR) == []
    assert c.validasi_skala([(D(50), "A"), (D(10), "B")]) == [
        "Kategori terendah harus berlaku mulai capaian 0."
    ]
    assert "Dua kategori" in c.validasi_skala([(D(0), "A"), (D(0), "B")])[0]


def q(**kw):
    return {k.upper(): n(v) for k, v in kw.items()}


def test_agregasi():
    per = q(tw1="10", tw2="20", tw3="30")
    assert c.realisasi_tahunan(per, c.Agregasi.KUMULATIF).angka == D(60)
    assert c.realisasi_tahunan(per, c.Agregasi.TERAKHIR).angka == D(30)
    assert c.realisasi_tahunan(per, c.Agregasi.RATA_RATA).angka == D(20)
    assert c.realisasi_tahunan({}, c.Agregasi.KUMULATIF) is None
    tahunan = q(tw1="10", tahunan="99")
    assert c.realisasi_tahunan(tahunan, c.Agregasi.KUMULATIF).angka == D(99)
    assert c.realisasi_tahunan(q(tw1="B", tw3="BB"), c.Agregasi.KUMULATIF).kode == "BB"
    assert c.realisasi_tahunan(q(tw2="40%", tw4="80%"), c.Agregasi.TERAKHIR).angka == D(80)


def test_ringkasan_hanya_yang_berangka():
    daftar = [c.Capaian(D(100)), c.Capaian(D(50)), c.Capaian(None, "belum ada realisasi")]
    r = c.ringkas_capaian(daftar)
    assert (r.rata_rata, r.dihitung, r.jumlah, r.di_bawah_target) == (D("75.00"), 2, 3, 1)
    assert c.ringkas_capaian([]).rata_rata is None


class Baris:
    def __init__(self, program, pagu, realisasi):
        self.program, self.pagu, self.realisasi = program, pagu, realisasi


def test_anggaran():
    assert c.sisa(33353847000, 33323438007) == 30408993
    assert c.serapan(33353847000, 33323438007) == D("99.91")
    assert c.serapan(0, 0) is None
    baris = [Baris("WA", 100, 90), Baris("CQ", 200, 50), Baris("WA", 50, 50)]
    per = c.total_per(baris, lambda b: b.program)
    assert list(per) == ["WA", "CQ"]
    assert per["WA"] == c.Total(150, 140)
    assert c.total(baris).sisa == 160
    assert isinstance(c.total(baris).pagu, int)


def test_efisiensi():
    assert c.efisiensi(D(100), D("90")).label == "efisien"
    assert c.efisiensi(D(100), D("95")).label == "cukup efisien"
    assert c.efisiensi(D(80), D("99")).label == "tidak efisien"
    assert c.efisiensi(None, D(1)) is None


angka = st.decimals(min_value=0, max_value=10**9, places=2, allow_nan=False)


@given(angka.filter(lambda x: x > 0), angka, angka, st.sampled_from(list(c.Arah)))
def test_capaian_monoton(target, r1, r2, arah):
    lo, hi = sorted([r1, r2])
    a = c.hitung_capaian(Nilai(JenisNilai.ANGKA, target), Nilai(JenisNilai.ANGKA, lo), arah=arah)
    b = c.hitung_capaian(Nilai(JenisNilai.ANGKA, target), Nilai(JenisNilai.ANGKA, hi), arah=arah)
    assert a.nilai >= 0 and b.nilai >= 0
    assert (b.nilai >= a.nilai) if arah == c.Arah.NAIK else (b.nilai <= a.nilai)


def test_tanggal_timestamp_memakai_waktu_jakarta():
    import datetime as dt

    from common.format import tanggal

    # 20:00 UTC on 16 January is 03:00 WIB on 17 January.
    assert tanggal(dt.datetime(2025, 1, 16, 20, 0, tzinfo=dt.UTC)) == "17 Januari 2025"
    assert tanggal(dt.date(2025, 1, 17)) == "17 Januari 2025"


def test_format_nilai_kosong_dari_template():
    from django.template import Context, Template

    # A missing attribute reaches a filter as "": it prints the empty mark, not a server error.
    t = Template("{{ x.y|persen_id }} {{ x.y|rupiah }} {{ x.y|angka_id }} {{ x.y|tanggal_id }}")
    assert t.render(Context({})) == "– – – –"


def test_total_anggaran_pk():
    class Program:
        def __init__(self, jumlah):
            self.jumlah = jumlah

    assert c.total_anggaran_pk([Program(30473293000), Program(2880554000)]) == 33353847000
    assert c.total_anggaran_pk([]) == 0

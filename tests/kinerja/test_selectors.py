from decimal import Decimal as D

from kinerja import capaian as engine
from kinerja.models import KebijakanCapaian, SkalaKategori, TargetTriwulan, TingkatKategori
from kinerja.selectors import (
    kebijakan_untuk,
    pengukuran_pk,
    perjanjian_terbaru,
    ringkasan_anggaran,
)
from tests.factories import (
    BarisAnggaranFactory,
    BarisPKFactory,
    PerjanjianFactory,
    RealisasiFactory,
    RevisiDipaFactory,
)


def test_pengukuran_menggunakan_agregasi_dan_kebijakan(db, django_assert_num_queries):
    pk = PerjanjianFactory()
    naik = BarisPKFactory(perjanjian=pk, target="100 laporan", agregasi=engine.Agregasi.KUMULATIF)
    for p, v in [("TW1", "20 laporan"), ("TW2", "30 laporan"), ("TW3", "25 laporan")]:
        RealisasiFactory(baris=naik, periode=p, teks=v)
    TargetTriwulan.objects.create(baris=naik, periode="TW1", teks="25 laporan")
    turun = BarisPKFactory(perjanjian=pk, target="10 kali", arah=engine.Arah.TURUN)
    RealisasiFactory(baris=turun, periode="TAHUNAN", teks="15 kali")
    kosong = BarisPKFactory(perjanjian=pk, target="WTP")

    with django_assert_num_queries(4):
        hasil = pengukuran_pk(pk)
    a, b, c = hasil
    assert a.realisasi_tahun.angka == D(75)
    assert a.capaian.nilai == D("75.00") and a.kategori == "Cukup"
    assert a.capaian_triwulan["TW1"].nilai == D("80.00")
    assert b.capaian.nilai == D("50.00") and b.kategori == "Kurang"
    assert "2 × target" in b.rumus
    assert c.capaian.keterangan == engine.BELUM_ADA_REALISASI and c.kategori == ""
    assert kosong.nilai_target.kode == "WTP"


def test_kebijakan_satker_mengalahkan_nasional(db):
    pk = PerjanjianFactory()
    skala = SkalaKategori.objects.create(nama="Berhasil")
    TingkatKategori.objects.create(skala=skala, batas_bawah=100, nama="Berhasil")
    TingkatKategori.objects.create(skala=skala, batas_bawah=0, nama="Tidak Berhasil")
    standar = SkalaKategori.objects.create(nama="Standar")
    KebijakanCapaian.objects.create(tahun=2024, skala=standar)
    assert kebijakan_untuk(pk.satker, 2024).nama_skala == "Standar"
    KebijakanCapaian.objects.create(tahun=2024, satker=pk.satker, skala=skala, batas_atas=120)
    k = kebijakan_untuk(pk.satker, 2024)
    assert (k.nama_skala, k.batas_atas) == ("Berhasil", D(120))
    baris = BarisPKFactory(perjanjian=pk, target="50%")
    RealisasiFactory(baris=baris, teks="100%")
    (m,) = pengukuran_pk(pk)
    assert (m.capaian.nilai, m.capaian.dibatasi, m.kategori) == (D("120.00"), True, "Berhasil")


def test_perjanjian_terbaru_mengambil_versi_tertinggi(db):
    v1 = PerjanjianFactory()
    v2 = PerjanjianFactory(satker=v1.satker, versi=2, alasan_revisi="Pergantian ketua")
    sek = PerjanjianFactory(satker=v1.satker, jenis="SEKRETARIAT")
    assert perjanjian_terbaru(v1.satker, 2024) == {"KPU": v2, "SEKRETARIAT": sek}


def test_ringkasan_anggaran(db):
    rev = RevisiDipaFactory(pagu=250)
    RevisiDipaFactory(dipa=rev.dipa, label="Revisi 1", urutan=1, pagu=300)
    BarisAnggaranFactory(dipa=rev.dipa, pagu=100, realisasi=90)
    BarisAnggaranFactory(dipa=rev.dipa, pagu=150, realisasi=150, sumber="HIBAH")
    r = ringkasan_anggaran(rev.dipa.satker, 2024)
    assert r.total == engine.Total(250, 240)
    assert r.selisih_dipa == 50
    assert r.per_sumber["HIBAH"].serapan == D("100.00")
    assert ringkasan_anggaran(rev.dipa.satker, 2023) is None

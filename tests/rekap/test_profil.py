"""Staff and voters rolled up to the province and the nation, in a fixed number of queries."""

from decimal import Decimal

from django.urls import reverse

from kinerja.models import Pemilihan, PemilihKecamatan
from rekap.selectors import rekap_profil
from satker.models import Aset, Pegawai
from tests.factories import SatkerFactory

TAHUN = 2024


def _isi(satker, pns, pppk, dpt_p, pengguna_p):
    for i in range(pns):
        Pegawai.objects.create(
            satker=satker, tahun=TAHUN, nama=f"P{i}", status="PNS", pendidikan="S1"
        )
    for i in range(pppk):
        Pegawai.objects.create(
            satker=satker, tahun=TAHUN, nama=f"K{i}", status="PPPK", pendidikan="S1"
        )
    for kondisi, n in (("BAIK", pns), ("RUSAK_BERAT", 1)):
        Aset.objects.create(
            satker=satker,
            tahun=TAHUN,
            jenis="RODA4",
            uraian="Mobil",
            jumlah=n,
            satuan="unit",
            kondisi=kondisi,
        )
    p = Pemilihan.objects.create(satker=satker, tahun=TAHUN, jenis="BUPATI", nama="Pemilihan")
    PemilihKecamatan.objects.create(
        pemilihan=p,
        kecamatan="A",
        tps=5,
        dpt_l=1000,
        dpt_p=dpt_p,
        pengguna_l=800,
        pengguna_p=pengguna_p,
    )


def test_a_province_sums_its_offices(personas):
    _isi(personas.satker_a, 3, 1, 1000, 750)
    _isi(personas.satker_b, 2, 0, 1000, 850)
    baris, jumlah = rekap_profil(user=personas.reviewer, tahun=TAHUN, provinsi=personas.provinsi)
    per = {b.nama: b for b in baris}
    assert per["KPU Kota Pagar Alam"].pegawai == {"PNS": 3, "PPPK": 1}
    assert jumlah.pegawai == {"PNS": 5, "PPPK": 1} and jumlah.jumlah_pegawai == 6
    assert jumlah.pemilih.dpt == 4000 and jumlah.pemilih.pengguna == 3200
    assert jumlah.pemilih.partisipasi()["PEREMPUAN"] == Decimal("80.00")
    assert jumlah.aset == {"RODA4": 5}  # items in good condition only


def test_the_queries_do_not_grow_with_the_offices(personas, django_assert_max_num_queries):
    _isi(personas.satker_a, 1, 0, 1000, 750)
    with django_assert_max_num_queries(4) as q:
        rekap_profil(user=personas.admin, tahun=TAHUN)
    sebelum = len(q)
    for i in range(5):
        _isi(SatkerFactory(kode=f"169{i}", induk=personas.provinsi), 1, 1, 500, 400)
    with django_assert_max_num_queries(sebelum) as q:
        baris, jumlah = rekap_profil(user=personas.admin, tahun=TAHUN)
    assert [b.nama for b in baris] == ["KPU Provinsi Sumatera Selatan"]
    assert jumlah.jumlah_pegawai == 11


def test_the_page_shows_the_province(client, personas):
    _isi(personas.satker_a, 3, 1, 1000, 750)
    client.force_login(personas.reviewer)
    resp = client.get(reverse("rekap:profil", args=[personas.provinsi.kode]), {"tahun": TAHUN})
    teks = resp.content.decode()
    assert resp.status_code == 200 and "KPU Kota Pagar Alam" in teks
    assert "2.000" in teks and "77,50%" in teks  # (800 + 750) / 2.000
    resp = client.get(reverse("rekap:profil_nasional"), {"tahun": TAHUN})
    assert resp.status_code == 302  # a province's reviewer goes to its province

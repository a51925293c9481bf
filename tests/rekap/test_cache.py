"""The rekap's cache: a change to any figure's data is seen at the next request, and only the
satker whose data changed are measured again."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.cache import cache

from kinerja.models import (
    BarisAnggaran,
    BarisPK,
    Dipa,
    KebijakanCapaian,
    PerjanjianKinerja,
    Realisasi,
    RevisiDipa,
    SkalaKategori,
    TingkatKategori,
)
from laporan.models import JustifikasiPemeriksaan, LaporanKinerja
from rekap import selectors as rekap
from rekap.api import rekap_dict
from tests.factories import BarisAnggaranFactory, BarisPKFactory, RealisasiFactory
from tests.rekap.data import TAHUN
from tests.rekap.test_pages import _jumlah_query, _url

pytestmark = pytest.mark.django_db
HARI = dt.date(2024, 10, 15)


def _rekap(personas) -> dict[str, dict]:
    return {
        b.satker.kode: rekap_dict(b)
        for b in rekap.rekap_satker(user=personas.admin, tahun=TAHUN, today=HARI)
    }


def _realisasi(satker):
    # TW2, the last quarter filled: the one the year value (agregasi terakhir) is read from
    return (
        Realisasi.objects.filter(baris__perjanjian__satker=satker, periode="TW2")
        .order_by("id")
        .first()
    )


def _baris(satker):
    # a row of the draft PK: the signed one is locked
    baris = BarisPK.objects.filter(perjanjian__satker=satker, perjanjian__status="DRAFT")
    return baris.order_by("id").first()


def _anggaran(satker):
    return BarisAnggaran.objects.filter(dipa__satker=satker).order_by("id").first()


def ubah_teks_realisasi(s):
    r = _realisasi(s)
    r.teks = "10%"
    r.save()


def tambah_realisasi(s):
    RealisasiFactory(baris=_baris(s), periode="TW3", teks="90%")


def hapus_realisasi(s):
    _realisasi(s).delete()


def ubah_target(s):
    b = _baris(s)
    b.target = "50%"
    b.save()


def ubah_arah(s):
    b = _baris(s)
    b.arah = "turun"
    b.save()


def tambah_baris_pk(s):
    BarisPKFactory(perjanjian=_baris(s).perjanjian, no="9", target="10%")


def hapus_baris_pk(s):
    _baris(s).delete()


def tandatangani_pk(s):
    pk = PerjanjianKinerja.objects.get(satker=s, jenis="SEKRETARIAT")
    pk.status = "DITANDATANGANI"
    pk.ditandatangani_pada = dt.datetime(2024, 2, 1, tzinfo=dt.UTC)
    pk.save()


def revisi_pk(s):
    lama = PerjanjianKinerja.objects.get(satker=s, jenis="KPU")
    baru = PerjanjianKinerja.objects.create(
        satker=s, tahun=TAHUN, jenis="KPU", versi=2, alasan_revisi="Uji"
    )
    BarisPKFactory(perjanjian=baru, no="1", target=lama.baris.first().target)


def ubah_realisasi_anggaran(s):
    b = _anggaran(s)
    b.realisasi = 10_000_000
    b.save()


def update_realisasi_anggaran(s):
    # a write past save() (no `diperbarui`): the budget sums still see it
    BarisAnggaran.objects.filter(pk=_anggaran(s).pk).update(realisasi=150_000_000)


def tambah_baris_anggaran(s):
    BarisAnggaranFactory(dipa=Dipa.objects.get(satker=s), pagu=5_000_000, realisasi=0)


def hapus_baris_anggaran(s):
    _anggaran(s).delete()


def tambah_revisi_dipa(s):
    RevisiDipa.objects.create(
        dipa=Dipa.objects.get(satker=s),
        label="Revisi 1",
        tanggal=dt.date(2024, 6, 1),
        pagu=300_000_000,
        urutan=1,
    )


def ubah_pagu_revisi(s):
    r = RevisiDipa.objects.get(dipa__satker=s)
    r.pagu = 250_000_000
    r.save()


def hapus_dipa(s):
    Dipa.objects.get(satker=s).delete()


def kebijakan_satker(s):
    skala = SkalaKategori.objects.create(nama="Berhasil")
    TingkatKategori.objects.create(skala=skala, batas_bawah=Decimal(100), nama="Berhasil")
    TingkatKategori.objects.create(skala=skala, batas_bawah=Decimal(0), nama="Tidak Berhasil")
    KebijakanCapaian.objects.create(tahun=TAHUN, satker=s, skala=skala, batas_atas=Decimal(100))


def laporan_final(s):
    LaporanKinerja.objects.filter(satker=s).update(
        status="FINAL", difinalkan_pada=dt.datetime(2025, 2, 1, tzinfo=dt.UTC), sha256="x", pdf="x"
    )


PERUBAHAN = [
    ubah_teks_realisasi,
    tambah_realisasi,
    hapus_realisasi,
    ubah_target,
    ubah_arah,
    tambah_baris_pk,
    hapus_baris_pk,
    tandatangani_pk,
    revisi_pk,
    ubah_realisasi_anggaran,
    update_realisasi_anggaran,
    tambah_baris_anggaran,
    hapus_baris_anggaran,
    tambah_revisi_dipa,
    ubah_pagu_revisi,
    hapus_dipa,
    kebijakan_satker,
    laporan_final,
]


@pytest.mark.parametrize("ubah", PERUBAHAN, ids=lambda f: f.__name__)
def test_each_change_is_seen_at_once_and_only_its_satker_is_measured(dua, dihitung, ubah):
    sebelum = _rekap(dua)
    assert sorted(dihitung) == ["16", "1672", "1674", "RI"]  # an empty cache: everyone
    dihitung.clear()
    assert _rekap(dua) == sebelum and dihitung == []  # nothing changed: nobody

    ubah(dua.satker_a)
    sesudah = _rekap(dua)
    assert sesudah["1672"] != sebelum["1672"]
    assert sesudah["1674"] == sebelum["1674"]
    assert set(dihitung) <= {"1672"}
    cache.clear()
    assert _rekap(dua) == sesudah  # the cached figures are the figures


def test_one_realisasi_changes_the_rekap_immediately(client, dua):
    client.force_login(dua.reviewer)
    url = "/api/v1/rekap/?tahun=2024&provinsi=16"

    def capaian():
        return {r["satker"]: r["ringkasan"]["rata_rata"] for r in client.get(url).json()}

    awal = capaian()
    assert capaian() == awal
    r = _realisasi(dua.satker_a)
    r.teks = "99%"
    r.save()
    baru = capaian()
    assert baru["1672"] != awal["1672"] and baru["1674"] == awal["1674"]


def test_justification_and_report_status_are_read_every_time(dua):
    def baris():
        return next(
            b
            for b in rekap.rekap_satker(user=dua.admin, tahun=TAHUN, today=HARI)
            if b.satker == dua.satker_a
        )

    b = _anggaran(dua.satker_a)
    BarisAnggaran.objects.filter(pk=b.pk).update(realisasi=150_000_000)
    assert baris().temuan == 1
    lap = LaporanKinerja.objects.get(satker=dua.satker_a)
    JustifikasiPemeriksaan.objects.create(
        laporan=lap, kunci=f"realisasi_melebihi_pagu:{b.pk}", teks="Sudah dikoreksi SAKTI."
    )
    assert baris().temuan == 0
    LaporanKinerja.objects.create(satker=dua.satker_a, tahun=TAHUN, versi=2)
    assert baris().temuan == 1  # a new version starts without justifications
    assert baris().status_laporan_label == "Draf v2"


def test_late_is_computed_from_today_not_cached(dua):
    kwargs = {"user": dua.admin, "tahun": TAHUN, "satker": dua.satker_a}
    (awal,) = rekap.rekap_satker(**kwargs, today=dt.date(2024, 1, 10))
    (akhir,) = rekap.rekap_satker(**kwargs, today=HARI)
    assert awal.terlambat == [] and akhir.terlambat


@pytest.mark.parametrize("url", [_url("rekap:nasional"), _url("rekap:provinsi", "16")])
def test_warm_request_few_queries_for_5_and_50_satker(client, personas, url):
    from tests.rekap.data import buat_provinsi

    client.force_login(personas.admin)
    buat_provinsi(personas.provinsi, 5)
    dingin = _jumlah_query(client, url)
    hangat = _jumlah_query(client, url)
    buat_provinsi(personas.provinsi, 45, mulai=5)
    _jumlah_query(client, url)
    assert _jumlah_query(client, url) == hangat
    assert hangat < dingin and hangat <= 15

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.models import BarisAnggaran, BarisPK, PerjanjianKinerja
from rekap import selectors as rekap
from satker.models import Satker
from tests.api.conftest import masuk
from tests.rekap.data import TAHUN, buat_provinsi

pytestmark = pytest.mark.django_db


def _baris(kode, status):
    return BarisPK.objects.filter(perjanjian__satker__kode=kode, perjanjian__status=status).first()


def test_signed_pk_cannot_change(api, data):
    masuk(api, data.operator_a)
    baris = _baris("1672", "DITANDATANGANI")
    resp = api.patch(f"/api/v1/baris-pk/{baris.pk}/", {"target": "90%"}, format="json")
    assert resp.status_code == 400
    assert "sudah ditandatangani dan terkunci" in str(resp.json())
    resp = api.post(
        "/api/v1/baris-pk/",
        {"perjanjian": baris.perjanjian_id, "no": "9", "sasaran": "S", "indikator": "I",
         "target": "10%"},
        format="json",
    )  # fmt: skip
    assert resp.status_code == 400
    resp = api.patch(
        f"/api/v1/perjanjian/{baris.perjanjian_id}/", {"tempat": "Lain"}, format="json"
    )
    assert resp.status_code == 400
    baris.refresh_from_db()
    assert baris.target == "80%"


def test_values_are_parsed_with_indonesian_messages(api, data):
    masuk(api, data.operator_a)
    baris = _baris("1672", "DRAFT")
    resp = api.post(
        "/api/v1/realisasi/",
        {"baris": baris.pk, "periode": "TW3", "teks": "1.234"},
        format="json",
    )
    assert resp.status_code == 400
    assert "ambigu" in str(resp.json())
    b = BarisAnggaran.objects.filter(dipa__satker__kode="1672").first()
    resp = api.patch(f"/api/v1/baris-anggaran/{b.pk}/", {"pagu": "Rp 1,5 juta"}, format="json")
    assert resp.status_code == 400
    resp = api.patch(f"/api/v1/baris-anggaran/{b.pk}/", {"pagu": "Rp 120.000.000,-"}, format="json")
    assert resp.status_code == 200
    assert resp.json()["pagu"] == 120_000_000
    assert resp.json()["sisa"] == 120_000_000 - b.realisasi
    assert resp.json()["serapan"] == "50.00"


def test_pk_workflow_through_api(api, data):
    pk = PerjanjianKinerja.objects.get(satker__kode="1672", jenis="SEKRETARIAT")
    masuk(api, data.operator_a)
    assert api.post(f"/api/v1/perjanjian/{pk.pk}/ajukan/").status_code == 403
    masuk(api, data.sekretaris_a)
    resp = api.post(f"/api/v1/perjanjian/{pk.pk}/ajukan/")
    assert resp.status_code == 400 and "pihak kedua" in str(resp.json())
    api.patch(f"/api/v1/perjanjian/{pk.pk}/", {"pihak_kedua_nama": "Ketua A"}, format="json")
    assert api.post(f"/api/v1/perjanjian/{pk.pk}/ajukan/").json()["status"] == "DIAJUKAN"
    assert api.post(f"/api/v1/perjanjian/{pk.pk}/tandatangani/").status_code == 403
    masuk(api, data.ketua_a)
    assert api.post(f"/api/v1/perjanjian/{pk.pk}/tandatangani/").json()["status"] == (
        "DITANDATANGANI"
    )
    masuk(api, data.reviewer)
    assert api.post(f"/api/v1/perjanjian/{pk.pk}/revisi/", {"alasan": "x"}).status_code == 403
    masuk(api, data.sekretaris_a)
    resp = api.post(f"/api/v1/perjanjian/{pk.pk}/revisi/", {"alasan": "Pergantian pejabat"})
    assert resp.status_code == 201 and resp.json()["versi"] == 2


def test_pk_detail_has_engine_figures(api, data):
    masuk(api, data.reviewer)
    pk = PerjanjianKinerja.objects.get(satker__kode="1672", jenis="KPU")
    body = api.get(f"/api/v1/perjanjian/{pk.pk}/").json()
    assert body["ringkasan"]["rata_rata"] == "93.75"
    assert body["kategori"] == "Sangat Baik"
    assert body["baris"][0]["pengukuran"]["capaian"]["nilai"] == "93.75"


def test_rekap_api_has_page_figures(api, data):
    masuk(api, data.reviewer)
    body = api.get(f"/api/v1/rekap/?tahun={TAHUN}&provinsi=16&urut=kode").json()
    halaman = rekap.urutkan(
        rekap.rekap_satker(user=data.reviewer, tahun=TAHUN, provinsi=data.provinsi), "kode"
    )
    assert [b["satker"] for b in body] == [h.satker.kode for h in halaman]
    for b, h in zip(body, halaman, strict=True):
        assert b["ringkasan"]["rata_rata"] == str(h.capaian)
        assert b["anggaran"]["serapan"] == str(h.serapan)
        assert b["anggaran"]["pagu"] == h.anggaran.pagu
        assert b["ringkasan"]["di_bawah_target"] == h.di_bawah_target
        assert b["terlambat"] == h.terlambat
        assert b["temuan"] == h.temuan
        assert [k["terisi"] for k in b["kelengkapan"]] == [k.terisi for k in h.kelengkapan]


def test_laporan_download_only_when_final(api, data):
    masuk(api, data.reviewer)
    lap = data.satker_a.laporan.get()
    body = api.get(f"/api/v1/laporan/{lap.pk}/").json()
    assert body["status"] == "DRAFT" and body["unduh"] is None
    assert api.get(f"/api/v1/laporan/{lap.pk}/unduh/").status_code == 404


def _jumlah_query(api, url):
    with CaptureQueriesContext(connection) as ctx:
        resp = api.get(url)
    assert resp.status_code == 200, resp.content
    return len(ctx)


@pytest.mark.parametrize(
    "url",
    [
        f"/api/v1/rekap/?tahun={TAHUN}",
        f"/api/v1/rekap/?tahun={TAHUN}&provinsi=16",
        f"/api/v1/rekap/indikator/?tahun={TAHUN}&provinsi=16&indikator=teks:Indikator uji 0",
        "/api/v1/satker/",
        "/api/v1/perjanjian/",
        "/api/v1/baris-pk/",
        "/api/v1/realisasi/",
        "/api/v1/dipa/",
        "/api/v1/baris-anggaran/",
        "/api/v1/laporan/",
    ],
)
def test_fixed_queries_5_and_50_satker(api, personas, url):
    buat_provinsi(personas.provinsi, 5)
    masuk(api, personas.admin)
    lima = _jumlah_query(api, url)
    buat_provinsi(personas.provinsi, 45, mulai=5)
    assert Satker.objects.filter(induk=personas.provinsi).count() >= 50
    assert _jumlah_query(api, url) == lima


@pytest.mark.parametrize(
    "query",
    ["tahun=99999999999999999999", "perjanjian=99999999999999999999", "baris=99999999999999999999"],
)
def test_huge_filter_values_are_400_not_500(api, data, query):
    masuk(api, data.admin)
    assert api.get(f"/api/v1/realisasi/?{query}").status_code == 400


@pytest.mark.parametrize("endpoint", ["baris-anggaran", "revisi-dipa"])
def test_dipa_rows_cannot_move_to_another_dipa(api, data, endpoint):
    from kinerja.models import Dipa, RevisiDipa

    masuk(api, data.admin)
    model = BarisAnggaran if endpoint == "baris-anggaran" else RevisiDipa
    obj = model.objects.filter(dipa__satker__kode="1672").first()
    lain = Dipa.objects.get(satker__kode="1674", tahun=obj.dipa.tahun)
    resp = api.patch(f"/api/v1/{endpoint}/{obj.pk}/", {"dipa": lain.pk}, format="json")
    assert resp.status_code == 400
    assert "DIPA lain" in str(resp.json())
    obj.refresh_from_db()
    assert obj.dipa.satker.kode == "1672"

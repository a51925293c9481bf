"""The access matrix of every endpoint for every persona."""

import pytest

from kinerja.models import BarisAnggaran, BarisPK, Dipa, PerjanjianKinerja, Realisasi, RevisiDipa
from laporan.models import LaporanKinerja
from satker.models import Pejabat
from tests.api.conftest import masuk

pytestmark = pytest.mark.django_db

SEMUA = {"16", "1672", "1674"}
TERLIHAT = {
    "operator_a": {"1672"},
    "operator_b": {"1674"},
    "sekretaris_a": {"1672"},
    "ketua_a": {"1672"},
    "reviewer": SEMUA,
    "admin": SEMUA,
}
PERSONA = [*TERLIHAT, "anonim"]

# endpoint -> how to read the satker code of a result
DAFTAR = {
    "satker": lambda r: r["kode"],
    "pejabat": lambda r: r["satker"],
    "perjanjian": lambda r: r["satker"],
    "baris-pk": lambda r: PerjanjianKinerja.objects.get(pk=r["perjanjian"]).satker.kode,
    "realisasi": lambda r: Realisasi.objects.get(pk=r["id"]).baris.perjanjian.satker.kode,
    "dipa": lambda r: r["satker"],
    "revisi-dipa": lambda r: Dipa.objects.get(pk=r["dipa"]).satker.kode,
    "baris-anggaran": lambda r: Dipa.objects.get(pk=r["dipa"]).satker.kode,
    "laporan": lambda r: r["satker"],
}

# endpoint -> an object of satker B (1674)
OBJEK_B = {
    "satker": lambda: "1674",
    "pejabat": lambda: Pejabat.objects.get(satker__kode="1674").pk,
    "perjanjian": lambda: PerjanjianKinerja.objects.filter(satker__kode="1674").first().pk,
    "baris-pk": lambda: BarisPK.objects.filter(perjanjian__satker__kode="1674").first().pk,
    "realisasi": lambda: (
        Realisasi.objects.filter(baris__perjanjian__satker__kode="1674").first().pk
    ),
    "dipa": lambda: Dipa.objects.get(satker__kode="1674").pk,
    "revisi-dipa": lambda: RevisiDipa.objects.get(dipa__satker__kode="1674").pk,
    "baris-anggaran": lambda: BarisAnggaran.objects.filter(dipa__satker__kode="1674").first().pk,
    "laporan": lambda: LaporanKinerja.objects.get(satker__kode="1674").pk,
}


@pytest.fixture
def data_lengkap(data):
    for s in (data.provinsi, data.satker_a, data.satker_b):
        Pejabat.objects.create(satker=s, nama=f"Ketua {s.kode}", jabatan="Ketua")
    return data


@pytest.mark.parametrize("endpoint", DAFTAR)
@pytest.mark.parametrize("persona", PERSONA)
def test_list_shows_only_visible_satker(api, data_lengkap, endpoint, persona):
    user = data_lengkap.all()[persona]
    resp = masuk(api, user).get(f"/api/v1/{endpoint}/")
    if persona == "anonim":
        assert resp.status_code in (401, 403)
        return
    assert resp.status_code == 200
    hasil = resp.json()["results"]
    satker = {DAFTAR[endpoint](r) for r in hasil}
    assert satker - {"RI"} == TERLIHAT[persona]
    assert ("RI" in satker) == (persona == "admin" and endpoint == "satker")


@pytest.mark.parametrize("endpoint", OBJEK_B)
@pytest.mark.parametrize("persona", PERSONA)
def test_detail_of_satker_b(api, data_lengkap, endpoint, persona):
    user = data_lengkap.all()[persona]
    resp = masuk(api, user).get(f"/api/v1/{endpoint}/{OBJEK_B[endpoint]()}/")
    if persona == "anonim":
        assert resp.status_code in (401, 403)
    elif "1674" in TERLIHAT[persona]:
        assert resp.status_code == 200
    else:
        assert resp.status_code == 404


def _baris_draf(satker_kode):
    return BarisPK.objects.filter(
        perjanjian__satker__kode=satker_kode, perjanjian__status="DRAFT"
    ).first()


# writes on satker A's data: writers 2xx, reviewer 403, stranger 404 (or 400 on create)
TULIS = {
    "operator_a": "ok",
    "sekretaris_a": "ok",
    "ketua_a": "ok",
    "admin": "ok",
    "reviewer": 403,
    "operator_b": "asing",
    "anonim": "anonim",
}


def _harap(resp, persona, ok, asing):
    harapan = TULIS[persona]
    if harapan == "ok":
        assert resp.status_code == ok, resp.content
    elif harapan == "asing":
        assert resp.status_code == asing, resp.content
    elif harapan == "anonim":
        assert resp.status_code in (401, 403)
    else:
        assert resp.status_code == harapan, resp.content


@pytest.mark.parametrize("persona", PERSONA)
def test_realisasi_create_and_update(api, data, persona):
    masuk(api, data.all()[persona])
    baris = _baris_draf("1672")
    resp = api.post(
        "/api/v1/realisasi/", {"baris": baris.pk, "periode": "TW3", "teks": "81%"}, format="json"
    )
    _harap(resp, persona, 201, 400)
    r = Realisasi.objects.filter(baris=baris, periode="TW1").get()
    resp = api.patch(f"/api/v1/realisasi/{r.pk}/", {"teks": "79,5%"}, format="json")
    _harap(resp, persona, 200, 404)


@pytest.mark.parametrize("persona", PERSONA)
def test_baris_pk_update_and_delete(api, data, persona):
    masuk(api, data.all()[persona])
    baris = _baris_draf("1672")
    resp = api.patch(f"/api/v1/baris-pk/{baris.pk}/", {"target": "85%"}, format="json")
    _harap(resp, persona, 200, 404)
    resp = api.delete(f"/api/v1/baris-pk/{baris.pk}/")
    _harap(resp, persona, 204, 404)


@pytest.mark.parametrize("persona", PERSONA)
def test_baris_anggaran_update(api, data, persona):
    masuk(api, data.all()[persona])
    b = BarisAnggaran.objects.filter(dipa__satker__kode="1672").first()
    resp = api.patch(
        f"/api/v1/baris-anggaran/{b.pk}/", {"realisasi": "Rp 70.000.000"}, format="json"
    )
    _harap(resp, persona, 200, 404)


@pytest.mark.parametrize("persona", PERSONA)
def test_pejabat_create(api, data, persona):
    masuk(api, data.all()[persona])
    resp = api.post(
        "/api/v1/pejabat/",
        {"satker": "1672", "nama": "Sekretaris Baru", "jabatan": "Sekretaris"},
        format="json",
    )
    _harap(resp, persona, 201, 400)


@pytest.mark.parametrize(
    ("persona", "nasional", "provinsi"),
    [
        ("operator_a", 404, 404),
        ("operator_b", 404, 404),
        ("sekretaris_a", 404, 404),
        ("ketua_a", 404, 404),
        ("reviewer", 404, 200),
        ("admin", 200, 200),
    ],
)
def test_rekap_access(api, data, persona, nasional, provinsi):
    masuk(api, data.all()[persona])
    assert api.get("/api/v1/rekap/?tahun=2024").status_code == nasional
    assert api.get("/api/v1/rekap/?tahun=2024&provinsi=16").status_code == provinsi
    url = "/api/v1/rekap/indikator/?tahun=2024&provinsi=16&indikator=teks:x"
    assert api.get(url).status_code == provinsi


def test_rekap_anonymous(api, data):
    assert api.get("/api/v1/rekap/?tahun=2024&provinsi=16").status_code in (401, 403)

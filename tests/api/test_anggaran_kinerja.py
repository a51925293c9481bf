"""The REST API of the budget tied to performance (issue 17): outputs with months, revision
lines and PK row links; the office writes, the reviewer reads, another office sees nothing."""

import pytest

from kinerja.models import OutputRO, RevisiBaris
from tests.api.conftest import masuk
from tests.factories import BarisAnggaranFactory, DipaFactory, RevisiDipaFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dipa(personas):
    d = DipaFactory(satker=personas.satker_a, tahun=2024)
    line = BarisAnggaranFactory(dipa=d, output_kode="QGE.001")
    return d, line


def test_output_ro_dengan_bulan_dan_capaian(personas, api, dipa):
    d, line = dipa
    data = {
        "dipa": d.pk,
        "kegiatan": line.kegiatan_id,
        "output_kode": "QGE.001",
        "satuan": "Dokumen",
        "volume": "4",
        "kumulatif": True,
        "bulan": [
            {"bulan": 3, "volume": "1", "uang": "Rp 2.000.000"},
            {"bulan": 6, "volume": "3", "uang": 1_000_000, "progres": "75,5%"},
        ],
    }
    r = masuk(api, personas.operator_a).post("/api/v1/output-ro/", data, format="json")
    assert r.status_code == 201, r.json()
    assert r.json()["capaian_ro"] == "75.00" and r.json()["realisasi_volume"] == "3.00"
    ro = OutputRO.objects.get()
    assert sorted(ro.bulanan.values_list("bulan", "uang")) == [(3, 2_000_000), (6, 1_000_000)]
    buruk = dict(data, bulan=[{"bulan": 7, "volume": "-1", "uang": 0}], output_kode="QGE.002")
    r = api.post("/api/v1/output-ro/", buruk, format="json")
    assert r.status_code == 400 and "negatif" in str(r.json())
    assert OutputRO.objects.count() == 1
    r = masuk(api, personas.reviewer).post("/api/v1/output-ro/", data, format="json")
    assert r.status_code == 403
    assert masuk(api, personas.reviewer).get(f"/api/v1/output-ro/{ro.pk}/").status_code == 200
    assert masuk(api, personas.operator_b).get(f"/api/v1/output-ro/{ro.pk}/").status_code == 404


def test_baris_revisi(personas, api, dipa):
    d, line = dipa
    revisi = RevisiDipaFactory(dipa=d, label="Revisi 1")
    data = {
        "revisi": revisi.pk,
        "program": line.program_id,
        "kegiatan": line.kegiatan_id,
        "output_kode": "QGE.001",
        "akun_kode": "521211",
        "pagu": "Rp 150.000.000",
    }
    r = masuk(api, personas.operator_a).post("/api/v1/revisi-baris/", data, format="json")
    assert r.status_code == 201, r.json()
    assert RevisiBaris.objects.get().pagu == 150_000_000
    r = api.post("/api/v1/revisi-baris/", dict(data, akun_kode="52121"), format="json")
    assert r.status_code == 400
    assert masuk(api, personas.operator_b).get("/api/v1/revisi-baris/").json()["count"] == 0

"""Lists at national scale (issue 15, part 7): search, province and status filters and pages of
50 on the satker, PK and LKjIP lists, in a fixed number of queries whatever the number of
offices, and scoped to what the user may see."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from laporan.models import LaporanKinerja
from tests.factories import PerjanjianFactory, ProvinsiFactory, SatkerFactory


def _kantor(n: int, provinsi_kode: str = "51", mulai: int = 0):
    prov = ProvinsiFactory(kode=provinsi_kode, nama=f"KPU Provinsi Uji {provinsi_kode}")
    return [
        SatkerFactory(kode=f"{provinsi_kode}{i:02d}", nama=f"KPU Kabupaten Contoh {i}", induk=prov)
        for i in range(mulai, mulai + n)
    ]


def _baris(html: str) -> int:
    return len(re.findall(r"<tr>\s*<td>", html))


def test_satker_list_is_searchable_filterable_and_paged(client, personas):
    _kantor(60, "51")
    _kantor(10, "52")
    client.force_login(personas.admin)
    url = reverse("satker:daftar")
    html = client.get(url).content.decode()
    assert _baris(html) == 50 and "Halaman 1 dari 2" in html
    html = client.get(url + "?hal=2").content.decode()
    assert "Halaman 2 dari 2" in html and "← Sebelumnya" in html
    html = client.get(url + "?q=pagar").content.decode()
    assert _baris(html) == 1 and "KPU Kota Pagar Alam" in html
    html = client.get(url + "?provinsi=52").content.decode()
    assert _baris(html) == 11  # the province and its ten offices
    html = client.get(url + "?q=tidak-ada-yang-cocok").content.decode()
    assert "Tidak ada satker yang cocok dengan saringan." in html
    html = client.get(url + "?hal=banyak").content.decode()  # a bad page number: page 1
    assert "Halaman 1 dari 2" in html
    # a province's reviewer sees only its offices, and no province filter
    client.force_login(personas.reviewer)
    html = client.get(url + "?provinsi=51").content.decode()
    assert "Contoh" not in html and 'name="provinsi"' not in html


def test_pk_list_filters_by_status_and_pages(client, personas):
    for s in _kantor(55, "51"):
        PerjanjianFactory(satker=s, tahun=2024)
    PerjanjianFactory(satker=personas.satker_a, tahun=2024, status="DIAJUKAN")
    client.force_login(personas.admin)
    url = reverse("kinerja:pk_list") + "?tahun=2024"
    html = client.get(url).content.decode()
    assert "Halaman 1 dari 2 (56 baris)" in html
    html = client.get(url + "&status=DIAJUKAN").content.decode()
    assert _baris(html) == 1 and "KPU Kota Pagar Alam" in html
    html = client.get(url + "&q=contoh 7").content.decode()
    assert "KPU Kabupaten Contoh 7" in html and "Pagar Alam</td>" not in html


def test_report_list_filters_by_report_status(client, personas):
    kantor = _kantor(3, "51")
    final = {
        "status": "FINAL",
        "difinalkan_pada": timezone.now(),
        "sha256": "0" * 64,
        "pdf": "x.pdf",
    }
    LaporanKinerja.objects.create(satker=kantor[0], tahun=2024, versi=1, **final)
    LaporanKinerja.objects.create(satker=kantor[0], tahun=2024, versi=2, status="DRAFT")
    LaporanKinerja.objects.create(satker=kantor[1], tahun=2024, versi=1, **final)
    client.force_login(personas.admin)
    url = reverse("laporan:indeks") + "?tahun=2024&q=contoh"
    assert "Contoh 1" in client.get(url + "&status=FINAL").content.decode()
    html = client.get(url + "&status=FINAL").content.decode()
    assert _baris(html) == 1 and "Final (versi 1)" in html
    html = client.get(url + "&status=DRAFT").content.decode()
    assert _baris(html) == 1 and "Draf (versi 2)" in html
    html = client.get(url + "&status=BELUM").content.decode()
    assert _baris(html) == 1 and "Contoh 2" in html and "Belum dimulai" in html


@pytest.mark.parametrize(
    "nama, query",
    [("satker:daftar", ""), ("kinerja:pk_list", "?tahun=2024"), ("laporan:indeks", "?tahun=2024")],
)
def test_a_list_costs_the_same_queries_for_20_or_120_offices(client, personas, nama, query):
    client.force_login(personas.admin)

    def hitung() -> int:
        with CaptureQueriesContext(connection) as q:
            assert client.get(reverse(nama) + query).status_code == 200
        return len(q)

    for s in _kantor(20, "51"):
        PerjanjianFactory(satker=s, tahun=2024)
    sedikit = hitung()
    for s in _kantor(100, "53"):
        PerjanjianFactory(satker=s, tahun=2024)
    assert hitung() == sedikit

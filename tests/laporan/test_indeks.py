from django.urls import reverse

from laporan.models import LaporanKinerja
from tests.factories import PerjanjianFactory


def test_reviewer_sees_every_office_of_the_province_with_report_status(
    client, personas, desember_2026
):
    p = personas
    PerjanjianFactory(satker=p.satker_a, tahun=2025)
    LaporanKinerja.objects.create(satker=p.satker_a, tahun=2025)
    client.force_login(p.reviewer)
    html = client.get(reverse("laporan:indeks")).content.decode()
    assert "LKjIP) 2025" in html  # last year's, not final yet (kinerja/jadwal.py)
    assert p.satker_a.nama in html and p.satker_b.nama in html
    assert "Draf (versi 1)" in html and "Belum dimulai" in html


def test_operator_goes_straight_to_its_own_report(client, personas, desember_2026):
    PerjanjianFactory(satker=personas.satker_a, tahun=2024)
    client.force_login(personas.operator_a)
    resp = client.get(reverse("laporan:indeks"))
    assert resp.url == reverse("laporan:pratinjau", args=["1672", 2025])


def test_home_opens_on_the_working_year(client, personas, desember_2026):
    """Not the latest year with data (2024 here): the year the calendar says is worked on."""
    PerjanjianFactory(satker=personas.satker_a, tahun=2024)
    client.force_login(personas.operator_a)
    html = client.get(reverse("beranda")).content.decode()
    assert "Yang belum lengkap (2026)" in html
    html = client.get(reverse("beranda") + "?tahun=2024").content.decode()
    assert "Yang belum lengkap (2024)" in html

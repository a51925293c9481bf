"""The home page of each role (issue 15, part 2) and its agreement with the rekap: the same
calendar decides "late" in both (issue 16, part 4)."""

import io
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from kinerja.selectors import kebijakan_untuk, pengukuran_pk
from rekap import selectors as rekap
from tests.factories import ProvinsiFactory
from tests.laporan.conftest import isi_kantor
from tests.rekap.data import buat_provinsi

URL = reverse("beranda") + "?tahun=2024"


def test_office_home_shows_what_the_rekap_calls_late_in_red(client, personas):
    isi_kantor(personas.satker_a)
    (baris,) = rekap.rekap_satker(user=personas.admin, tahun=2024, satker=personas.satker_a)
    assert baris.terlambat  # 2024 is long past: its empty quarters are late
    client.force_login(personas.operator_a)
    html = client.get(URL).content.decode()
    kartu = html.split('class="card terlambat"', 1)[1].split("</section>", 1)[0]
    for alasan in baris.terlambat:
        assert alasan in kartu
    # the rekap of the province marks the same office late
    client.force_login(personas.reviewer)
    rekap_html = client.get(reverse("rekap:provinsi", args=["16"]) + "?tahun=2024").content
    assert "Terlambat</span>" in rekap_html.decode()


def test_office_home_charts_progress_and_capaian_and_gives_their_data(client, personas):
    kantor = isi_kantor(personas.satker_a)
    client.force_login(personas.operator_a)
    html = client.get(URL).content.decode()
    assert html.count('<svg xmlns="http://www.w3.org/2000/svg"') == 3  # quarters, two PKs
    assert "Realisasi terisi per triwulan" in html and "Capaian per indikator" in html
    assert 'fill="url(#arsir-' in html  # below-target bars are hatched, not only coloured
    resp = client.get(URL + "&format=xlsx")
    wb = load_workbook(io.BytesIO(resp.content))
    assert len(wb.sheetnames) == 3
    kebijakan = kebijakan_untuk(personas.satker_a, 2024)
    ukur = pengukuran_pk(kantor.pk_kpu, kebijakan)
    lembar = next(wb[n] for n in wb.sheetnames if "PK Komisioner" in wb[n]["A1"].value)
    data = list(lembar.iter_rows(min_row=3, values_only=True))
    assert [r[0] for r in data] == [u.baris.no for u in ukur]
    for r, u in zip(data, ukur, strict=True):
        if u.capaian.nilai is None:
            assert r[3] is None
        else:
            assert Decimal(str(r[3])) == u.capaian.nilai


def test_the_ketua_sees_what_awaits_signature(client, personas):
    kantor = isi_kantor(personas.satker_a)
    type(kantor.pk_sekretariat).objects.filter(pk=kantor.pk_sekretariat.pk).update(
        status="DIAJUKAN"
    )
    client.force_login(personas.ketua_a)
    html = client.get(URL).content.decode()
    assert "Menunggu tanda tangan Anda" in html
    assert reverse("kinerja:pk_detail", args=[kantor.pk_sekretariat.pk]) in html
    client.force_login(personas.operator_a)
    assert "Menunggu tanda tangan Anda" not in client.get(URL).content.decode()


def test_reviewer_sees_the_province_and_admin_the_nation(client, personas):
    buat_provinsi(personas.provinsi, 3)
    sumut = ProvinsiFactory(kode="12", nama="KPU Provinsi Sumatera Utara")
    buat_provinsi(sumut, 2)
    client.force_login(personas.reviewer)
    html = client.get(URL).content.decode()
    assert "Beranda — KPU Provinsi Sumatera Selatan" in html
    assert "Capaian per satker KPU Provinsi Sumatera Selatan" in html
    assert "Sumatera Utara" not in html
    baris = rekap.rekap_satker(user=personas.reviewer, tahun=2024, provinsi=personas.provinsi)
    terlambat = [b for b in baris if b.terlambat]
    assert f'<span class="label">Terlambat</span><strong>{len(terlambat)}</strong>' in html
    client.force_login(personas.admin)
    html = client.get(URL).content.decode()
    assert "Beranda — Nasional" in html and "Capaian per provinsi 2024" in html
    assert "KPU Provinsi Sumatera Utara" in html


@pytest.mark.parametrize("persona", ["admin", "reviewer"])
def test_the_home_page_costs_the_same_queries_for_more_offices(client, personas, persona):
    client.force_login(getattr(personas, persona))

    def hitung() -> int:
        with CaptureQueriesContext(connection) as q:
            assert client.get(URL).status_code == 200
        return len(q)

    buat_provinsi(personas.provinsi, 2)
    sedikit = hitung()
    buat_provinsi(personas.provinsi, 6, mulai=2)
    assert hitung() == sedikit

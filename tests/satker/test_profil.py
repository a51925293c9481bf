"""The office profile of a year: staff (counted into the SDM tables) and state property."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from laporan.render import render_html, render_xlsx
from laporan.selectors import build_laporan
from satker.models import Aset, Pegawai, Satker
from satker.selectors import pegawai_per_status, ringkasan_sdm

TAHUN = 2024


def _pegawai(satker, nama, status="PNS", pendidikan="S1", golongan="III/a", tahun=TAHUN):
    return Pegawai.objects.create(
        satker=satker,
        tahun=tahun,
        nama=nama,
        status=status,
        pendidikan=pendidikan,
        golongan=golongan,
    )


def test_staff_are_counted_by_status_education_and_rank(personas):
    a = personas.satker_a
    _pegawai(a, "A", golongan="III/a")
    _pegawai(a, "B", golongan="III/d", pendidikan="S2")
    _pegawai(a, "C", golongan="IV/a", pendidikan="S2")
    _pegawai(a, "D", status="PPPK", golongan="IX", pendidikan="SMA")
    s = ringkasan_sdm(Pegawai.objects.filter(satker=a))
    assert s.jumlah == 4
    assert s.per_status == [("PNS", 3), ("PPPK", 1)]
    assert s.per_pendidikan == [("SMA/SMK", 1), ("S-1", 1), ("S-2", 2)]
    assert s.per_golongan == [("Golongan III", 2), ("Golongan IV", 1)]


def test_staff_by_status_across_a_province_is_one_query(personas):
    _pegawai(personas.satker_a, "A")
    _pegawai(personas.satker_a, "B", status="PPPK")
    _pegawai(personas.satker_b, "C")
    with CaptureQueriesContext(connection) as q:
        hasil = pegawai_per_status(Satker.objects.filter(induk=personas.provinsi), TAHUN)
    assert len(q) == 1
    assert hasil == {
        personas.satker_a.pk: {"PNS": 1, "PPPK": 1},
        personas.satker_b.pk: {"PNS": 1},
    }


def test_the_page_adds_staff_and_refuses_a_bad_nip(client, personas):
    client.force_login(personas.operator_a)
    url = reverse("satker:profil_create", args=["1672", TAHUN, "pegawai"])
    data = {"nama": "Ani", "nip": "1980", "status": "PNS", "pendidikan": "S1"}
    resp = client.post(url, data)
    assert resp.status_code == 200 and "nip" in resp.context["form"].errors
    assert not Pegawai.objects.exists()
    resp = client.post(url, data | {"nip": "19800101 200501 2 002", "golongan": "III/a"})
    assert resp.status_code == 302
    assert Pegawai.objects.get().nip == "198001012005012002"
    halaman = client.get(reverse("satker:profil", args=["1672", TAHUN])).content.decode()
    assert "Ani" in halaman and "Pegawai (1 orang)" in halaman


def test_a_duplicate_name_is_refused_with_a_message(client, personas):
    _pegawai(personas.satker_a, "Ani")
    client.force_login(personas.operator_a)
    url = reverse("satker:profil_create", args=["1672", TAHUN, "pegawai"])
    resp = client.post(url, {"nama": "Ani", "status": "PNS", "pendidikan": "S1"})
    # Django's own Indonesian says "tidak ada" here (locale/id corrects it)
    assert "Pegawai dengan Satker, Tahun dan Nama ini sudah ada." in resp.content.decode()
    assert Pegawai.objects.count() == 1


@pytest.mark.parametrize("jumlah", ["0", "-1", "dua"])
def test_property_needs_a_positive_count(client, personas, jumlah):
    client.force_login(personas.operator_a)
    url = reverse("satker:profil_create", args=["1672", TAHUN, "aset"])
    data = {"jenis": "RODA4", "uraian": "Mobil", "jumlah": jumlah, "satuan": "unit"}
    resp = client.post(url, data | {"kondisi": "BAIK"})
    assert resp.status_code == 200 and "jumlah" in resp.context["form"].errors
    assert not Aset.objects.exists()


def test_last_years_list_is_copied_into_an_empty_year(client, personas):
    _pegawai(personas.satker_a, "Ani", tahun=TAHUN - 1)
    client.force_login(personas.operator_a)
    resp = client.post(reverse("satker:profil_salin", args=["1672", TAHUN]))
    assert resp.status_code == 302
    assert Pegawai.objects.filter(tahun=TAHUN, nama="Ani").exists()
    client.post(reverse("satker:profil_salin", args=["1672", TAHUN]))
    assert Pegawai.objects.filter(tahun=TAHUN).count() == 1  # a year with a list keeps it


def test_the_report_counts_the_staff_of_its_year(personas):
    a = personas.satker_a
    for i in range(3):
        _pegawai(a, f"P{i}")
    _pegawai(a, "Q", status="PPNPN", pendidikan="SMA", golongan="")
    _pegawai(a, "Lama", tahun=TAHUN - 1)
    Aset.objects.create(
        satker=a,
        tahun=TAHUN,
        jenis="RODA4",
        uraian="Mobil dinas",
        jumlah=2,
        satuan="unit",
        kondisi="RUSAK_RINGAN",
        nilai=450_000_000,
    )
    lap = build_laporan(a, TAHUN)
    html = render_html(lap)
    status = lap.tabel["sdm_status"]
    assert status.nomor.startswith("1.")
    assert "didukung oleh 4 (empat) orang pegawai: PNS 3 orang, PPNPN 1 orang" in html
    assert f"Tabel {status.nomor}" in html and "75,00" in html
    assert "Gambar 1.1 Pegawai menurut Tingkat Pendidikan Tahun 2024" in html
    assert "Mobil dinas" in html and "Rusak ringan" in html and "450.000.000" in html
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    judul = [wb[n]["A1"].value for n in wb.sheetnames[1:]]
    for kunci in ("sdm_status", "sdm_pendidikan", "aset"):
        t = lap.tabel[kunci]
        assert f"Tabel {t.nomor} {t.judul}" in judul

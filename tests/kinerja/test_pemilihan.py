"""Election data: voters per kecamatan, and the participation realisasi computed from them (one
source) that no channel can type differently."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kinerja import capaian as engine
from kinerja.models import IndikatorKinerja, Pemilihan, PemilihKecamatan, Realisasi, Renstra
from kinerja.selectors import (
    data_pemilih_per_satker,
    partisipasi_baris,
    pengukuran_pk,
)
from laporan.render import render_html, render_xlsx
from laporan.selectors import build_laporan
from satker.models import Satker
from tests.factories import BarisPKFactory, PerjanjianFactory, RealisasiFactory
from workbook.exporter import ekspor_workbook
from workbook.importer import impor_workbook

TAHUN = 2024


# ---------------------------------------------------------------- the pure figures


def test_persentase_rounds_half_up_and_needs_both_counts():
    assert engine.persentase(40_832, 53_028) == Decimal("77.00")
    assert engine.persentase(1, 8) == Decimal("12.50")
    assert engine.persentase(None, 100) is None
    assert engine.persentase(5, 0) is None


def test_counts_add_up_and_an_unknown_count_stays_unknown():
    a = engine.DataPemilih(100, 100, 2, 80, 70, 10, 8, None, None)
    b = engine.DataPemilih(50, 50, 1, 40, None, 10, 9, 20, 15)
    j = engine.jumlah_pemilih([a, b])
    assert (j.dpt, j.tps, j.pengguna_l, j.pengguna_p, j.pengguna) == (300, 3, 120, None, None)
    assert j.partisipasi() == {
        "PARTISIPASI": None,
        "PEREMPUAN": None,
        "DISABILITAS": Decimal("85.00"),
        "PEMULA": None,
    }
    assert engine.jumlah_pemilih([]) == engine.DataPemilih()


# ---------------------------------------------------------------- one source for the realisasi


@pytest.fixture
def ik_perempuan(db) -> IndikatorKinerja:
    ik = IndikatorKinerja.objects.get(
        kode="IK4.2", sasaran__renstra=Renstra.objects.get(satker=None, tahun_awal=2020)
    )
    assert ik.data_pemilu == "PEREMPUAN"  # set by the catalogue (and by the migration)
    return ik


@pytest.fixture
def baris(personas, ik_perempuan):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=TAHUN)
    return BarisPKFactory(
        perjanjian=pk,
        no="2.2",
        indikator="Persentase partisipasi pemilih perempuan",
        target="77%",
        indikator_kinerja=ik_perempuan,
    )


@pytest.fixture
def pemilihan(personas) -> Pemilihan:
    p = Pemilihan.objects.create(
        satker=personas.satker_a, tahun=TAHUN, jenis="BUPATI", nama="Pemilihan Wali Kota 2024"
    )
    PemilihKecamatan.objects.create(
        pemilihan=p,
        kecamatan="Utara",
        tps=70,
        dpt_l=16_561,
        dpt_p=16_133,
        pengguna_l=12_000,
        pengguna_p=12_422,
    )
    PemilihKecamatan.objects.create(
        pemilihan=p,
        kecamatan="Selatan",
        tps=73,
        dpt_l=18_215,
        dpt_p=18_166,
        pengguna_l=14_000,
        pengguna_p=14_000,
    )
    return p


def _ukur(baris):
    return next(u for u in pengukuran_pk(baris.perjanjian) if u.baris.pk == baris.pk)


def test_realisasi_is_computed_from_the_voters_not_typed(baris, pemilihan):
    # women who voted: (12.422 + 14.000) / (16.133 + 18.166) = 77,03%
    RealisasiFactory(baris=baris, periode="TW4", teks="77,03%")
    u = _ukur(baris)
    assert u.masukan.dari_pemilu
    assert u.realisasi_tahun.angka == Decimal("77.03")
    assert u.capaian.nilai == Decimal("100.04")


def test_a_value_written_below_the_rules_gives_way_to_the_voters(baris, pemilihan):
    """A bulk ORM write skips every check: the report still prints the computed figure."""
    Realisasi.objects.bulk_create([Realisasi(baris=baris, periode="TAHUNAN", teks="99%")])
    assert _ukur(baris).realisasi_tahun.angka == Decimal("77.03")
    lap = build_laporan(baris.perjanjian.satker, TAHUN)
    b = next(b for b in lap.semua_baris if b.id == baris.pk)
    assert (b.realisasi, b.dari_pemilu) == ("77,03%", True)
    html = render_html(lap)
    assert "dihitung dari data pemilih" in html and "99%" not in html


def test_without_election_data_the_typed_realisasi_counts(baris):
    RealisasiFactory(baris=baris, periode="TW4", teks="70%")
    u = _ukur(baris)
    assert not u.masukan.dari_pemilu and u.realisasi_tahun.angka == Decimal("70")


def test_incomplete_turnout_is_not_computed_from_part_of_the_voters(baris, pemilihan):
    PemilihKecamatan.objects.create(
        pemilihan=pemilihan, kecamatan="Tengah", tps=29, dpt_l=6_004, dpt_p=5_515
    )
    RealisasiFactory(baris=baris, periode="TW4", teks="70%")
    assert not _ukur(baris).masukan.dari_pemilu


def test_a_differing_realisasi_is_refused_by_the_form(client, personas, baris, pemilihan):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:realisasi_update", args=[baris.pk, "TW4"])
    isi = {"teks": "80%", "kendala": "", "tindak_lanjut": "", "bukti_tautan": ""}
    resp = client.post(url, isi)
    assert resp.status_code == 200
    assert "dihitung dari data pemilihan Tahun 2024: 77,03%" in resp.content.decode()
    assert not Realisasi.objects.exists()
    client.post(url, isi | {"teks": "77,03%"})
    assert Realisasi.objects.get().teks == "77,03%"


def test_a_differing_realisasi_is_refused_by_the_api(personas, baris, pemilihan):
    api = APIClient()
    api.force_authenticate(personas.operator_a)
    data = {"baris": baris.pk, "periode": "TAHUNAN", "teks": "80%"}
    resp = api.post("/api/v1/realisasi/", data, format="json")
    assert resp.status_code == 400
    assert "data pemilihan" in str(resp.json())
    assert not Realisasi.objects.exists()


def test_a_differing_realisasi_is_refused_by_the_workbook(personas, baris, pemilihan):
    f = io.BytesIO()
    ekspor_workbook(Satker.objects.filter(pk=personas.satker_a.pk), TAHUN, f)
    wb = load_workbook(io.BytesIO(f.getvalue()))
    ws = wb["Realisasi"]
    ws.append(["1672", TAHUN, baris.perjanjian.jenis, "2.2", "TAHUNAN", "80%", "", ""])
    keluar = io.BytesIO()
    wb.save(keluar)
    keluar.seek(0)
    lap = impor_workbook(keluar, user=personas.operator_a, nama_berkas="x.xlsx", terapkan=True)
    assert lap.ada_galat
    assert any("data pemilihan" in g.pesan for g in lap.galat), lap.galat
    assert not Realisasi.objects.exists()


def test_the_admin_refuses_it_too(client, personas, baris, pemilihan):
    client.force_login(personas.admin)
    url = reverse("admin:kinerja_realisasi_add")
    resp = client.post(url, {"baris": baris.pk, "periode": "TAHUNAN", "teks": "80%"})
    assert resp.status_code == 200 and "data pemilihan" in resp.content.decode()
    assert not Realisasi.objects.exists()


def test_the_database_refuses_more_voters_than_on_the_dpt(pemilihan):
    with pytest.raises(IntegrityError), transaction.atomic():
        PemilihKecamatan.objects.filter(kecamatan="Utara").update(pengguna_p=20_000)


def test_queries_do_not_grow_with_the_offices(personas, baris, pemilihan):
    with CaptureQueriesContext(connection) as q:
        data = data_pemilih_per_satker(Satker.objects.values_list("pk", flat=True), [TAHUN])
    assert len(q) == 1  # the aggregate, the satker a subquery
    assert data[personas.satker_a.pk, TAHUN].dpt == 69_075
    with CaptureQueriesContext(connection) as q:
        assert partisipasi_baris([(1, personas.satker_a.pk, TAHUN, "")]) == {}
    assert len(q) == 0


# ---------------------------------------------------------------- the pages


def test_the_page_takes_indonesian_numbers_and_shows_the_figures(client, personas, baris):
    client.force_login(personas.operator_a)
    resp = client.post(
        reverse("kinerja:pemilihan_create", args=["1672", TAHUN]),
        {
            "jenis": "BUPATI",
            "nama": "Pemilihan Wali Kota 2024",
            "tanggal": "2024-11-27",
            "dpt_disabilitas": "400",
            "pengguna_disabilitas": "308",
        },
    )
    assert resp.status_code == 302
    p = Pemilihan.objects.get()
    resp = client.post(
        reverse("kinerja:kecamatan_create", args=[p.pk]),
        {
            "kecamatan": "Pagaralam Utara",
            "desa": "10",
            "tps": "70",
            "dpt_l": "16.561",
            "dpt_p": "16.133",
            "pengguna_l": "12.000",
            "pengguna_p": "12.422",
        },
    )
    assert resp.status_code == 302
    assert PemilihKecamatan.objects.get().dpt_l == 16_561
    teks = client.get(reverse("kinerja:pemilihan", args=["1672", TAHUN])).content.decode()
    assert "32.694" in teks and "74,70%" in teks  # 24.422 / 32.694
    assert "77,00%" in teks  # disabilitas 308 / 400
    assert "Persentase partisipasi pemilih perempuan" in teks


@pytest.mark.parametrize(
    ("isi", "kolom", "pesan"),
    [
        ({"dpt_l": "abc"}, "dpt_l", "bukan jumlah"),
        ({"dpt_l": "-5"}, "dpt_l", "negatif"),
        ({"dpt_l": "16.561,5"}, "dpt_l", "tanpa desimal"),
        ({"pengguna_p": "20.000"}, "pengguna_p", "lebih banyak daripada DPT perempuan"),
        ({"tps": ""}, "tps", "harus diisi"),
    ],
)
def test_bad_kecamatan_input_is_refused_and_nothing_saved(
    client, personas, pemilihan, isi, kolom, pesan
):
    client.force_login(personas.operator_a)
    data = {"kecamatan": "Baru", "tps": "5", "dpt_l": "100", "dpt_p": "100"} | isi
    resp = client.post(reverse("kinerja:kecamatan_create", args=[pemilihan.pk]), data)
    assert resp.status_code == 200
    galat = " ".join(resp.context["form"].errors[kolom]).lower()
    assert pesan.lower() in galat
    assert not PemilihKecamatan.objects.filter(kecamatan="Baru").exists()


def test_the_report_prints_the_voters_and_the_xlsx_has_them(baris, pemilihan):
    lap = build_laporan(baris.perjanjian.satker, TAHUN)
    t = lap.tabel["pemilihan:1"]
    assert t.nomor.startswith("3.") and "Pemilihan Wali Kota 2024" in t.judul
    html = render_html(lap)
    assert f"Tabel {t.nomor}" in html and "69.075" in html
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    assert wb[f"Tabel {t.nomor}"]["A1"].value.startswith(f"Tabel {t.nomor} Rekapitulasi")


def test_the_realisasi_grid_says_where_the_figure_comes_from(client, personas, baris, pemilihan):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:realisasi_grid", args=["1672", TAHUN, "TAHUNAN"])
    teks = client.get(url).content.decode()
    assert "Realisasi tahunan dihitung dari" in teks
    assert reverse("kinerja:pemilihan", args=["1672", TAHUN]) in teks
    assert "77,03%" in teks or "100,04%" in teks

"""The province's rollup of LKE scores and grades, with the spread per component."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from evaluasi import services
from tests.evaluasi.conftest import jawab_semua, nilai_semua
from tests.factories import SatkerFactory, user_with_role

pytestmark = pytest.mark.django_db


def _final(satker, reviewer, ae: str):
    op = user_with_role(satker, "OPERATOR")
    sek = user_with_role(satker, "SEKRETARIS")
    ev = services.evaluasi_mulai(satker=satker, tahun=2024, by=op)
    jawab_semua(ev, op)
    services.ajukan(evaluasi=ev, by=sek)
    nilai_semua(ev, reviewer, ae=ae)
    services.selesai_evaluasi(evaluasi=ev, simpulan="", by=reviewer)
    return services.finalkan(evaluasi=ev, by=reviewer)


def _halaman(personas):
    c = Client()
    c.force_login(personas.reviewer)
    with CaptureQueriesContext(connection) as q:
        resp = c.get(reverse("evaluasi:rekap", args=["16", 2024]))
    assert resp.status_code == 200
    return resp.content.decode(), len(q)


def test_scores_grades_and_spread(personas, lke_final):
    _final(personas.satker_b, personas.reviewer, ae="C")
    halaman, _ = _halaman(personas)
    assert "KPU Kota Pagar Alam" in halaman and "KPU Kota Lubuk Linggau" in halaman
    # office A 80,02 (A), office B all C: 20 + 0,5 x 80 = 60,00 (CC)
    assert "80,02" in halaman and "60,00" in halaman and ">CC<" in halaman
    assert "Sebaran nilai per komponen" in halaman
    # the total's spread: lowest 60,00, median and mean 70,01, highest 80,02
    assert "70,01" in halaman


def test_the_rollup_reads_a_fixed_number_of_queries(personas, lke_final):
    _, sedikit = _halaman(personas)
    for i in range(3):
        s = SatkerFactory(kode=f"169{i}", induk=personas.provinsi)
        _final(s, personas.reviewer, ae="B")
    _, banyak = _halaman(personas)
    assert banyak == sedikit


def test_an_lke_not_yet_scored_has_no_grade(personas, lke_draf):
    halaman, _ = _halaman(personas)
    baris = halaman[halaman.index("KPU Kota Pagar Alam") :].split("</tr>")[0]
    assert "Penilaian mandiri" in baris and ">D<" not in baris and "0,00" not in baris


def test_an_office_sees_no_rollup(personas):
    c = Client()
    c.force_login(personas.operator_a)
    assert c.get(reverse("evaluasi:rekap", args=["16", 2024])).status_code in (403, 404)

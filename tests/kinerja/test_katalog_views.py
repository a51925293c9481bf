"""The catalogue pages: every user reads the catalogue; KPU RI's admin maintains it (history
kept); PK rows not linked yet are linked by their office or by KPU RI."""

import pytest
from django.urls import reverse

from kinerja import models as km
from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani


def _ik(kode="IK4.4", awal=2025):
    return km.IndikatorKinerja.objects.get(kode=kode, sasaran__renstra__tahun_awal=awal)


def test_every_user_reads_the_catalogue_in_a_fixed_number_of_queries(
    client, personas, django_assert_max_num_queries
):
    client.force_login(personas.operator_b)
    with django_assert_max_num_queries(20):
        html = client.get(reverse("kinerja:katalog"), {"renstra": 2025}).content.decode()
    assert "IK25.05" in html and "Persentase Partisipasi Pemilih Perempuan" in html
    assert "82,5%" in html and "Formula:" in html
    assert (
        reverse("kinerja:indikator_update", args=[_ik().sasaran.renstra_id, _ik().pk]) not in html
    )


def test_kpu_ri_edits_an_indicator_and_its_national_targets(client, personas):
    ik = _ik()
    client.force_login(personas.admin)
    url = reverse("kinerja:indikator_update", args=[ik.sasaran.renstra_id, ik.pk])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None and k != "id"}
    data |= {k: f.initial for k, f in form.fields.items() if k.startswith("target_")}
    data |= {"sasaran": ik.sasaran_id, "nama": ik.nama, "target_2026": "83%", "target_2029": ""}
    r = client.post(url, data)
    assert r.status_code == 302, r.context["form"].errors if r.context else r
    assert dict(ik.target.values_list("tahun", "target")) == {
        2025: "82,5%",
        2026: "83%",
        2027: "82,5%",
        2028: "82,5%",
    }
    t = ik.target.get(tahun=2026)
    assert t.history.first().history_user == personas.admin
    r = client.post(url, data | {"target_2027": "delapan puluh"})
    assert r.status_code == 200 and "target_2027" in r.context["form"].errors


def test_a_code_imported_without_a_name_is_named_on_the_catalogue_page(client, personas):
    program = km.Program.objects.create(kode="076.01.ZZ", nama="076.01.ZZ")
    client.force_login(personas.admin)
    html = client.get(reverse("kinerja:katalog")).content.decode()
    assert "1 kode belum bernama" in html
    url = reverse("kinerja:kode_update", args=["program", program.pk])
    assert client.post(url, {"nama": "Program Baru"}).status_code == 302
    program.refresh_from_db()
    assert program.nama == "Program Baru"
    client.force_login(personas.operator_a)
    assert client.post(url, {"nama": "Lain"}).status_code == 403


@pytest.fixture
def baris_ttd(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2025, jenis="KPU")
    b = BarisPKFactory(perjanjian=pk, no="1", indikator="Tingkat partisipasi warga", target="80%")
    tandatangani(pk)
    return b


def test_an_office_links_its_signed_row_to_the_catalogue(client, personas, baris_ttd):
    client.force_login(personas.operator_a)
    html = client.get(reverse("kinerja:belum_terhubung")).content.decode()
    assert "Tingkat partisipasi warga" in html and "IK4.4 · Persentase Partisipasi" in html
    url = reverse("kinerja:baris_link", args=[baris_ttd.pk])
    r = client.post(url, {f"b{baris_ttd.pk}-indikator": _ik().pk}, follow=True)
    assert "dihubungkan ke IK4.4" in r.content.decode()
    baris_ttd.refresh_from_db()
    assert baris_ttd.indikator_kinerja == _ik() and baris_ttd.target == "80%"
    html = client.get(reverse("kinerja:belum_terhubung")).content.decode()
    assert "Tingkat partisipasi warga" not in html


def test_linking_needs_a_choice_and_stays_within_the_year(client, personas, baris_ttd):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:baris_link", args=[baris_ttd.pk])
    r = client.post(url, {}, follow=True)
    assert "Pilih indikator katalog, atau tandai sebagai lokal." in r.content.decode()
    r = client.post(url, {f"b{baris_ttd.pk}-indikator": _ik("IK4.4", 2020).pk}, follow=True)
    assert "bukan salah satu dari pilihan yang tersedia" in r.content.decode()  # a 2020 code
    baris_ttd.refresh_from_db()
    assert baris_ttd.indikator_kinerja is None
    client.force_login(personas.operator_b)
    assert client.post(url, {f"b{baris_ttd.pk}-lokal": "on"}).status_code == 404

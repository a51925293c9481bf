"""What a user reads when something goes wrong, and in the admin: Indonesian, in the normal
layout, with names instead of usernames (issue 15, part 3)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from tests.laporan.conftest import isi_kantor

MENU = 'aria-label="Menu utama"'


def _teks(resp) -> str:
    html = re.sub(r"(?s)<script.*?</script>|<style.*?</style>", "", resp.content.decode())
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_404_is_indonesian_with_the_menu(client, personas):
    resp = client.get("/tidak-ada/")
    assert resp.status_code == 404
    assert "Halaman tidak ditemukan" in _teks(resp) and "Not Found" not in _teks(resp)
    client.force_login(personas.operator_b)
    resp = client.get(reverse("laporan:pratinjau", args=["1672", 2024]))  # another office
    assert resp.status_code == 404
    html = resp.content.decode()
    assert MENU in html and "Halaman tidak ditemukan" in html and "Ke Beranda" in html


def test_403_names_the_reason_in_the_normal_layout(client, personas):
    isi_kantor(personas.satker_a)
    client.force_login(personas.operator_a)
    resp = client.post(reverse("laporan:finalkan", args=["1672", 2024]))
    assert resp.status_code == 403
    html = resp.content.decode()
    assert MENU in html and "Akses ditolak" in html
    assert "Forbidden" not in html


def test_a_stale_form_gets_an_indonesian_csrf_page(personas):
    c = Client(enforce_csrf_checks=True)
    c.force_login(personas.operator_a)
    resp = c.post(reverse("laporan:finalkan", args=["1672", 2024]))
    assert resp.status_code == 403
    assert "Formulir kedaluwarsa" in _teks(resp) and "CSRF verification" not in _teks(resp)


def test_login_error_names_the_field_once(client, personas):
    resp = client.post(reverse("login"), {"username": "operator_a", "password": "salah-sekali"})
    teks = _teks(resp)
    assert "Nama pengguna atau sandi salah." in teks
    assert "nama pengguna nama pengguna" not in teks.lower()


@pytest.mark.parametrize("url", ["/admin/", "/admin/django_tasks_database/dbtaskresult/"])
def test_admin_has_no_english_section_names(client, personas, url):
    client.force_login(personas.admin)
    resp = client.get(url)
    assert resp.status_code == 200
    teks = _teks(resp)
    for inggris in ("Axes", "Task Result", "Tasks Database Backend", "Django", "Queue name"):
        assert inggris not in teks, inggris
    assert "Administrasi SAKIP KPU" in teks


def test_people_appear_by_name_and_reviewers_get_no_edit_links(client, personas):
    isi_kantor(personas.satker_a)
    personas.operator_a.first_name, personas.operator_a.last_name = "Sari", "Dewi"
    personas.operator_a.save()
    t = periksa(build_laporan(personas.satker_a, 2024))
    assert any(x.tautan for x in t)  # a finding with a link to fix it
    client.force_login(personas.operator_a)
    url = reverse("laporan:pemeriksaan", args=["1672", 2024])
    client.post(
        reverse("laporan:justifikasi", args=["1672", 2024]),
        {"kunci": t[0].kunci, "teks": "Data belum tersedia."},
    )
    html = client.get(url).content.decode()
    assert "(Sari Dewi)" in html and "(operator_a)" not in html
    assert ">Perbaiki</a>" in html
    client.force_login(personas.reviewer)
    html = client.get(url).content.decode()
    assert ">Perbaiki</a>" not in html

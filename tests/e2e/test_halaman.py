"""Issue 15 in a real browser, the parts not walked elsewhere: Indonesian error pages in the
normal layout (3), the role dashboards' charts (2), searching a list (7), and the Word export
downloaded from the preview's button (8)."""

import pytest
from django.urls import reverse
from docx import Document

from tests.laporan.conftest import isi_kantor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_errors_dashboard_search_and_word_in_the_browser(personas, masuk, live_server):
    isi_kantor(personas.satker_a)
    page = masuk("operator_a")

    resp = page.goto(f"{live_server.url}/tidak-ada/")
    assert resp.status == 404
    assert page.locator("h1").inner_text() == "Halaman tidak ditemukan"
    assert page.locator("nav.nav a", has_text="Beranda").count() == 1
    resp = page.goto(live_server.url + reverse("laporan:finalkan_progres", args=["1672", 2024, 1]))
    assert resp.status == 404 and "Ke Beranda" in page.inner_text("body")

    page.goto(f"{live_server.url}/?tahun=2024")
    assert page.locator("section.terlambat h2").inner_text() == "Terlambat"
    grafik = page.locator(".grafik-kartu svg")
    assert grafik.count() == 3 and grafik.first.is_visible()
    page.click("text=Data grafik >> nth=1")
    assert page.locator(".grafik-kartu details[open] table tbody tr").count() >= 3

    page.goto(live_server.url + reverse("satker:daftar"))
    page.fill("input[name=q]", "pagar")
    page.click("text=Terapkan")
    assert page.locator("main table tbody tr").count() == 1

    page.goto(live_server.url + reverse("laporan:pratinjau", args=["1672", 2024]))
    with page.expect_download() as unduh:
        page.click("text=Word (DOCX)")
    berkas = unduh.value
    assert berkas.suggested_filename == "lkjip-1672-2024.docx"
    doc = Document(str(berkas.path()))
    judul = [p.text for p in doc.paragraphs if p.style.name == "Heading 1"]
    assert "BAB III AKUNTABILITAS KINERJA" in judul

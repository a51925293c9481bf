"""Every main page on a phone (390 px, issue 15 part 4): the menu folds behind a button, and no
page is wider than the screen (wide tables scroll inside themselves)."""

import pytest
from django.urls import reverse

from tests.e2e.conftest import halaman_baru
from tests.laporan.conftest import isi_kantor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LEBAR = 390


def _halaman(kantor) -> dict[str, list[str]]:
    pk = kantor.pk_kpu.pk
    satu = ["1672", 2024]
    kantor_a = [
        reverse("beranda"),
        reverse("satker:daftar"),
        reverse("satker:detail", args=["1672"]),
        reverse("satker:profil", args=satu),
        reverse("kinerja:pemilihan", args=satu),
        reverse("kinerja:pk_list") + "?tahun=2024",
        reverse("kinerja:pk_detail", args=[pk]),
        reverse("kinerja:pk_cetak", args=[pk]),
        reverse("kinerja:realisasi_grid", args=[*satu, "TW1"]),
        reverse("kinerja:anggaran_detail", args=satu),
        reverse("kinerja:katalog"),
        reverse("laporan:indeks") + "?tahun=2024",
        reverse("laporan:pratinjau", args=satu),
        reverse("laporan:narasi_daftar", args=satu),
        reverse("laporan:narasi_ubah", args=[*satu, "penutup"]),
        reverse("laporan:pemeriksaan", args=satu),
        reverse("laporan:isi_daftar", args=satu),
        reverse("workbook:beranda"),
    ]
    provinsi = [
        reverse("rekap:provinsi", args=["16"]) + "?tahun=2024",
        reverse("rekap:profil", args=["16"]) + "?tahun=2024",
        reverse("rekap:satker", args=["1672"]) + "?tahun=2024",
        reverse("laporan:pemeriksaan", args=satu),
    ]
    return {"operator_a": kantor_a, "reviewer": provinsi}


def test_every_main_page_fits_a_phone(personas, browser, live_server):
    kantor = isi_kantor(personas.satker_a)
    terlalu_lebar = []
    for username, urls in _halaman(kantor).items():
        page = halaman_baru(browser, live_server.url, username, LEBAR)
        # the menu is folded: one tap opens it
        assert not page.locator("nav.nav").is_visible()
        page.click("label.menu-tombol")
        assert page.locator("nav.nav a", has_text="Laporan").is_visible()
        for url in urls:
            resp = page.goto(live_server.url + url)
            assert resp.status == 200, url
            lebar = page.evaluate("document.documentElement.scrollWidth")
            if lebar > LEBAR:
                terlalu_lebar.append((username, url, lebar))
        page.context.close()
    assert terlalu_lebar == []


def test_the_rekap_fits_1366_px(personas, browser, live_server):
    """The rekap's key columns need no sideways scrolling on a 1366 px screen."""
    from tests.rekap.data import TAHUN, buat_provinsi

    buat_provinsi(personas.provinsi, 4)
    page = halaman_baru(browser, live_server.url, "reviewer")
    page.goto(live_server.url + reverse("rekap:provinsi", args=["16"]) + f"?tahun={TAHUN}")
    lebar = page.evaluate(
        "() => { const t = document.querySelector('table.rekap');"
        " return [t.scrollWidth, t.parentElement.clientWidth]; }"
    )
    assert lebar[0] <= lebar[1], lebar
    assert page.evaluate("document.documentElement.scrollWidth") <= 1366
    page.context.close()

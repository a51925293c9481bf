"""Budget tied to performance in a real browser (issue 17): an operator links a PK row to an
output of the DIPA, records an output's month, and the report's sasaran shows its budget and
efficiency; the pages fit a phone."""

from pathlib import Path

import pytest
from django.urls import reverse

from kinerja.models import OutputRO
from tests.e2e.conftest import halaman_baru
from tests.laporan.conftest import isi_kantor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
LAYAR = Path(__file__).resolve().parents[2] / "var" / "layar"


def _muat(page) -> None:
    lebar = page.evaluate("document.documentElement.scrollWidth")
    assert lebar <= page.viewport_size["width"], lebar


def test_tautan_ro_dan_efisiensi_sasaran(personas, masuk, live_server, browser):
    kantor = isi_kantor(personas.satker_a)
    b1 = kantor.pk_kpu.baris.order_by("urutan").first()
    page = masuk("operator_a")
    page.goto(live_server.url + reverse("kinerja:pk_detail", args=[kantor.pk_kpu.pk]))
    page.locator(f"a[href='{reverse('kinerja:tautan_anggaran', args=[b1.pk])}']").click()
    page.wait_for_selector("text=Belum ditautkan ke anggaran.")
    pilihan = page.locator("select[name=sasaran] option").nth(1)
    nilai, teks = pilihan.get_attribute("value"), pilihan.inner_text()
    page.select_option("select[name=sasaran]", nilai)
    page.fill("input[name=porsi]", "60")
    page.click("button:has-text('Tautkan')")
    page.wait_for_selector("text=Tautan anggaran disimpan.")
    assert page.locator("td.num", has_text="60%").count() == 1
    LAYAR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(LAYAR / "tautan-anggaran-1366.png"), full_page=True)

    page.goto(live_server.url + reverse("laporan:pratinjau", args=["1672", 2024]))
    sasaran = page.locator("section.sasaran", has_text=b1.indikator)
    assert "6. Efisiensi penggunaan sumber daya" in sasaran.inner_text()
    assert teks.split(" ")[0] in sasaran.inner_text()  # the kegiatan/output behind it

    page.goto(live_server.url + reverse("kinerja:anggaran_detail", args=["1672", 2024]))
    page.click("text=Tambah output")
    page.select_option("select[name=sasaran]", index=0)
    page.fill("input[name=satuan]", "Dokumen")
    page.fill("input[name=volume]", "4")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Output (RO) dicatat")
    page.fill("input[name=bulan_1_volume]", "1")
    page.fill("input[name=bulan_1_uang]", "1.000.000")
    page.fill("input[name=bulan_2_volume]", "-2")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector(".field-error")  # a negative volume is refused, nothing is saved
    assert not OutputRO.objects.get().bulanan.exists()
    page.fill("input[name=bulan_2_volume]", "2")
    page.fill("input[name=bulan_2_uang]", "500.000")
    page.click("button:has-text('Simpan')")
    page.wait_for_selector("text=Realisasi output (RO) disimpan.")
    page.goto(live_server.url + reverse("kinerja:anggaran_detail", args=["1672", 2024]))
    assert "50,00%" in page.locator("table", has_text="Capaian RO").last.inner_text()
    page.screenshot(path=str(LAYAR / "anggaran-1366.png"), full_page=True)

    ro = OutputRO.objects.get()
    ponsel = halaman_baru(browser, live_server.url, "operator_a", lebar=390)
    for nama, url in (
        ("tautan", reverse("kinerja:tautan_anggaran", args=[b1.pk])),
        ("ro", reverse("kinerja:output_ro", args=[ro.pk])),
        ("anggaran", reverse("kinerja:anggaran_detail", args=["1672", 2024])),
    ):
        ponsel.goto(live_server.url + url)
        _muat(ponsel)
        ponsel.screenshot(path=str(LAYAR / f"{nama}-390.png"), full_page=True)

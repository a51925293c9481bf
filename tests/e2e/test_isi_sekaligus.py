"""The spreadsheet-style grid in a real browser (issue 15, part 5): a column copied from Excel
and pasted into the first cell fills the cells below, Enter moves down, one click saves all."""

import pytest
from django.urls import reverse

from kinerja.models import Realisasi
from tests.laporan.conftest import isi_kantor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _tempel(sel, teks: str) -> None:
    """Paste `teks` into the cell as the browser does with a block copied from Excel."""
    sel.evaluate(
        """(sel, teks) => {
          const data = new DataTransfer();
          data.setData("text/plain", teks);
          sel.dispatchEvent(new ClipboardEvent("paste", {clipboardData: data, bubbles: true,
                                                         cancelable: true}));
        }""",
        teks,
    )


def test_paste_a_column_from_excel_and_save_all(personas, masuk, live_server):
    kantor = isi_kantor(personas.satker_a)
    b1, b2, b3 = kantor.pk_kpu.baris.order_by("urutan")
    s1, kosong = kantor.pk_sekretariat.baris.order_by("urutan")
    page = masuk("operator_a")
    page.goto(live_server.url + reverse("kinerja:realisasi_grid", args=["1672", 2024, "TW2"]))
    page.click("text=Isi sekaligus (seperti Excel)")
    _tempel(page.locator(f"#r-{b1.pk}"), "70%\t(catatan)\r\n5 kali\r\nB\r\n")
    assert page.input_value(f"#r-{b1.pk}") == "70%"
    assert page.input_value(f"#r-{b2.pk}") == "5 kali"
    assert page.input_value(f"#r-{b3.pk}") == "B"
    assert page.input_value(f"#r-{s1.pk}") == ""  # the block had three lines
    page.focus(f"#r-{b3.pk}")
    page.keyboard.press("Enter")  # moves down instead of sending the form
    page.keyboard.type("93%")
    assert page.input_value(f"#r-{s1.pk}") == "93%"
    page.keyboard.press("ArrowDown")
    page.keyboard.type("bukan opini")
    page.click("text=Simpan semua")
    page.wait_for_selector("text=4 realisasi disimpan.")
    assert page.locator("tr.galat-sel").count() == 1  # "bukan opini" is not a BPK opinion
    tersimpan = dict(Realisasi.objects.filter(periode="TW2").values_list("baris_id", "teks"))
    assert tersimpan == {b1.pk: "70%", b2.pk: "5 kali", b3.pk: "B", s1.pk: "93%"}


def test_paste_a_block_of_quarterly_targets(personas, masuk, live_server):
    from kinerja.models import TargetTriwulan
    from tests.factories import BarisPKFactory, PerjanjianFactory

    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2025)
    a = BarisPKFactory(perjanjian=pk, no="1", urutan=1, target="80%")
    b = BarisPKFactory(perjanjian=pk, no="2", urutan=2, target="100%")
    page = masuk("operator_a")
    page.goto(live_server.url + reverse("kinerja:pk_detail", args=[pk.pk]))
    page.click("text=Target triwulan sekaligus")
    _tempel(page.locator(f"#t-{a.pk}-TW1"), "20%\t40%\t60%\t80%\r\n25%\t50%\t75%\t100%\r\n")
    assert page.input_value(f"#t-{b.pk}-TW3") == "75%"
    page.click("text=Simpan semua")
    page.wait_for_selector("text=Target triwulan 2 baris disimpan.")
    assert TargetTriwulan.objects.get(baris=b, periode="TW4").teks == "100%"
    assert TargetTriwulan.objects.filter(baris__perjanjian=pk).count() == 8

"""The narrative editor in a real browser (issue 15, part 6): pick a figure, insert its
placeholder at the cursor, and see the paragraph filled from the data while typing."""

import pytest

from laporan.models import NarasiLaporan
from tests.laporan.conftest import isi_kantor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_picker_inserts_a_placeholder_and_the_preview_follows_the_typing(
    personas, masuk, live_server
):
    kantor = isi_kantor(personas.satker_a)
    baris = kantor.pk_kpu.baris.order_by("id").first()
    page = masuk("operator_a")
    page.goto(f"{live_server.url}/laporan/1672/2024/narasi/penutup/")
    page.fill("#id_teks", "Capaian indikator pertama adalah ")
    page.select_option("#isian", "capaian")
    page.wait_for_function("() => document.querySelector('#kode-isian')")
    assert "sebutkan nomor baris PK" in page.locator("#pemilih-isian").inner_text()
    page.select_option("#baris", f"{baris.no}:KPU")
    ditulis = f"{{{{capaian:{baris.no}:KPU}}}}"
    page.wait_for_function(
        "k => document.querySelector('#kode-isian').innerText === k", arg=ditulis
    )
    nilai = page.locator("#pemilih-isian strong").inner_text()
    assert nilai.endswith("%")
    page.locator("#id_teks").press("End")
    page.click("text=Sisipkan ke teks")
    assert page.input_value("#id_teks") == f"Capaian indikator pertama adalah {ditulis}"
    page.locator("#id_teks").press("End")
    page.keyboard.type(".")
    page.wait_for_function(
        "t => document.querySelector('#hasil-narasi .pratinjau-narasi').innerText.includes(t)",
        arg=f"adalah {nilai}.",
    )
    assert "belum disimpan" in page.locator("#hasil-narasi h2").inner_text()
    assert not NarasiLaporan.objects.filter(bagian="penutup").exists()  # a preview saves nothing
    page.click("#form-narasi button:has-text('Simpan')")
    page.wait_for_url(f"{live_server.url}/laporan/1672/2024/narasi/#penutup")
    assert NarasiLaporan.objects.get(bagian="penutup").teks.endswith(f"{ditulis}.")

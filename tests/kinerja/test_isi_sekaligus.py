"""The spreadsheet-style grid (issue 15, part 5): a quarter's realisasi of every row in one
form; every valid changed cell is saved at once, a refused cell keeps what was typed with the
engine's message, and nothing else changes."""

import pytest
from django.urls import reverse

from kinerja.models import PenutupanPeriode, Realisasi
from tests.laporan.conftest import isi_kantor

URL = reverse("kinerja:realisasi_sekaligus", args=["1672", 2024, "TW1"])


@pytest.fixture
def kantor(personas):
    return isi_kantor(personas.satker_a)


def _baris(kantor):
    kpu = list(kantor.pk_kpu.baris.order_by("urutan"))
    sek = list(kantor.pk_sekretariat.baris.order_by("urutan"))
    return kpu + sek


def test_valid_cells_are_saved_and_refused_ones_keep_their_text(client, personas, kantor):
    b1, b2, b3, s1, kosong = _baris(kantor)
    client.force_login(personas.operator_a)
    html = client.get(URL).content.decode()
    assert html.count("data-sel-grid") == 5
    data = {
        f"r-{b1.pk}": "77,5%",
        f"r-{b2.pk}": "banyak sekali",
        f"r-{b3.pk}": "",
        f"r-{s1.pk}": "=SUM(A1:A2)",
        f"r-{kosong.pk}": "WTP",
    }
    resp = client.post(URL, data)
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "2 realisasi disimpan." in html and "2 sel belum disimpan" in html
    tersimpan = dict(Realisasi.objects.filter(periode="TW1").values_list("baris_id", "teks"))
    assert tersimpan == {b1.pk: "77,5%", kosong.pk: "WTP"}
    # the refused cells show what was typed, with the engine's reason beside them
    assert 'value="banyak sekali"' in html and 'value="=SUM(A1:A2)"' in html
    assert html.count('aria-invalid="true"') == 2
    # saving again with the same values changes nothing more
    data[f"r-{b2.pk}"] = "12 kali"
    data[f"r-{s1.pk}"] = "90%"
    for b in (b1, kosong):
        data[f"v-{b.pk}"] = Realisasi.objects.get(baris=b, periode="TW1").diperbarui.isoformat()
    resp = client.post(URL, data)
    assert resp.status_code == 302
    assert Realisasi.objects.filter(periode="TW1").count() == 4
    assert Realisasi.objects.get(baris=b1, periode="TW1").history.count() == 1


def test_a_stale_cell_is_refused_not_overwritten(client, personas, kantor):
    b1 = _baris(kantor)[0]
    client.force_login(personas.operator_a)
    client.post(URL, {f"r-{b1.pk}": "70%"})
    resp = client.post(URL, {f"r-{b1.pk}": "71%", f"v-{b1.pk}": "baru"})
    assert resp.status_code == 200 and "Data ini sudah diisi" in resp.content.decode()
    assert Realisasi.objects.get(baris=b1, periode="TW1").teks == "70%"


def test_a_closed_quarter_and_a_reader_change_nothing(client, personas, kantor):
    b1 = _baris(kantor)[0]
    client.force_login(personas.reviewer)
    assert client.post(URL, {f"r-{b1.pk}": "70%"}).status_code == 403
    client.force_login(personas.operator_b)
    assert client.post(URL, {f"r-{b1.pk}": "70%"}).status_code == 404
    PenutupanPeriode.objects.create(satker=personas.satker_a, tahun=2024, periode="TW1")
    client.force_login(personas.operator_a)
    resp = client.post(URL, {f"r-{b1.pk}": "70%"})
    assert "ditutup" in resp.content.decode()
    assert not Realisasi.objects.filter(periode="TW1").exists()


def test_quarterly_targets_grid_saves_valid_rows_and_keeps_refused_ones(client, personas):
    from kinerja.models import TargetTriwulan
    from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani

    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2025)
    a = BarisPKFactory(perjanjian=pk, no="1", urutan=1, target="80%")
    b = BarisPKFactory(perjanjian=pk, no="2", urutan=2, target="10 kali", satuan="kali")
    url = reverse("kinerja:target_sekaligus", args=[pk.pk])
    client.force_login(personas.operator_a)
    data = {f"t-{a.pk}-TW1": "20%", f"t-{a.pk}-TW2": "40 %", f"t-{a.pk}-TW4": "80%"}
    data |= {f"t-{b.pk}-TW1": "dua kali"}
    resp = client.post(url, data)
    html = resp.content.decode()
    assert "Target triwulan 1 baris disimpan." in html and 'value="dua kali"' in html
    tersimpan = dict(TargetTriwulan.objects.filter(baris=a).values_list("periode", "teks"))
    assert tersimpan == {"TW1": "20%", "TW2": "40 %", "TW4": "80%"}
    assert not TargetTriwulan.objects.filter(baris=b).exists()
    data[f"t-{b.pk}-TW1"] = "2 kali"
    data[f"t-{a.pk}-TW2"] = ""  # emptied: the quarter goes back to the year's target
    assert client.post(url, data).status_code == 302
    assert set(TargetTriwulan.objects.filter(baris=a).values_list("periode", flat=True)) == {
        "TW1",
        "TW4",
    }
    # a signed PK: the grid is read-only and a post changes nothing
    tandatangani(pk)
    html = client.get(url).content.decode()
    assert "sudah ditandatangani dan terkunci" in html and "Simpan semua" not in html
    client.post(url, {f"t-{a.pk}-TW1": "99%"})
    assert TargetTriwulan.objects.get(baris=a, periode="TW1").teks == "20%"

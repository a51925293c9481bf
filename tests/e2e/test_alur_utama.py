"""The main flows in a real browser: realisasi with evidence, signing, the lock, strangers."""

import datetime as dt

import pytest

from kinerja.models import PerjanjianKinerja, Realisasi, TargetTriwulan
from satker.models import Pejabat
from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def _pk(personas, status="DRAFT"):
    pk = PerjanjianFactory(
        satker=personas.satker_a,
        tahun=2024,
        pihak_pertama_nama="Ibrahim Putra",
        pihak_pertama_nip="197001012000031001",
        pihak_pertama_jabatan="Ketua KPU Kota Pagar Alam",
        tempat="Pagar Alam",
        tanggal=dt.date(2024, 1, 17),
    )
    b1 = BarisPKFactory(
        perjanjian=pk,
        no="1",
        sasaran="Terwujudnya kesadaran pemilih yang tinggi",
        indikator="Persentase partisipasi pemilih",
        target="77,5%",
    )
    TargetTriwulan.objects.create(baris=b1, periode="TW1", teks="20%")
    BarisPKFactory(
        perjanjian=pk,
        no="2",
        sasaran="Terwujudnya kesadaran pemilih yang tinggi",
        indikator="Jumlah revisi DIPA",
        target="10 kali",
        arah="turun",
    )
    pk.anggaran.create(program="Program Dukungan Manajemen", jumlah=2_880_554_000)
    if status == "DITANDATANGANI":
        tandatangani(pk, dt.datetime(2024, 1, 17, tzinfo=dt.UTC))
    elif status != "DRAFT":
        PerjanjianKinerja.objects.filter(pk=pk.pk).update(status=status)
        pk.refresh_from_db()
    return pk


def test_operator_mengisi_realisasi_tw1_dengan_bukti(personas, masuk, live_server, tmp_path):
    pk = _pk(personas, "DITANDATANGANI")
    page = masuk("operator_a")
    page.click("nav >> text=Realisasi")
    page.goto(f"{live_server.url}/satker/1672/realisasi/2024/TW1/")
    baris = pk.baris.get(no="1")
    page.click(f"#baris-{baris.pk} >> text=Isi/ubah")
    page.wait_for_selector(f"#baris-{baris.pk} form")
    page.fill(f"#baris-{baris.pk} [name=teks]", "25,5%")
    page.fill(f"#baris-{baris.pk} [name=kendala]", "Cuaca buruk di dua kecamatan")
    page.set_input_files(
        f"#baris-{baris.pk} [name=bukti_file]",
        files=[{"name": "Daftar Hadir TW1.pdf", "mimeType": "application/pdf", "buffer": PDF}],
    )
    page.click(f"#baris-{baris.pk} >> button:has-text('Simpan')")
    page.wait_for_selector(f"#baris-{baris.pk} >> text=127,50%")
    row = page.inner_text(f"#baris-{baris.pk}")
    assert "Sangat Baik" in row and "Cuaca buruk" in row and "Berkas" in row
    lain = page.inner_text(f"#baris-{pk.baris.get(no='2').pk}")
    assert "belum ada realisasi" in lain
    page.screenshot(path="/tmp/e2e-realisasi.png", full_page=True)
    r = Realisasi.objects.get()
    assert r.teks == "25,5%" and r.bukti_file.name.endswith("daftar-hadir-tw1.pdf")
    resp = page.request.get(f"{live_server.url}/realisasi/{r.pk}/bukti/")
    assert resp.headers["content-type"] == "application/pdf" and resp.body().startswith(b"%PDF")


def test_ketua_menandatangani_pk(personas, masuk, live_server):
    pk = _pk(personas, "DIAJUKAN")
    Pejabat.objects.create(satker=personas.satker_a, nama="Ibrahim Putra", jabatan="Ketua")
    page = masuk("ketua_a")
    page.click("nav >> text=PK")
    page.fill("input[name=tahun]", "2024")  # the list opens on the working year
    page.click("button:has-text('Terapkan')")
    page.click("text=PK Komisioner (KPU)")
    page.once("dialog", lambda d: d.accept())
    page.click("button:has-text('Tandatangani PK')")
    page.wait_for_selector("text=PK ditandatangani dan dikunci.")
    assert "Ditandatangani" in page.inner_text(".page-head")
    pk.refresh_from_db()
    assert pk.status == PerjanjianKinerja.Status.DITANDATANGANI
    page.goto(f"{live_server.url}/pk/{pk.pk}/cetak/")
    teks = page.inner_text("body")
    assert "PERJANJIAN KINERJA TAHUN 2024" in teks and "Rp 2.880.554.000" in teks
    assert "Pagar Alam, 17 Januari 2024" in teks and "NIP 197001012000031001" in teks
    page.screenshot(path="/tmp/e2e-pk-cetak.png", full_page=True)


def test_mengubah_pk_bertanda_tangan_ditolak(personas, masuk, live_server):
    pk = _pk(personas, "DITANDATANGANI")
    page = masuk("operator_a")
    page.goto(f"{live_server.url}/pk/{pk.pk}/")
    assert page.locator("text=Tambah baris").count() == 0
    assert page.locator("a:has-text('Ubah')").count() == 0
    baris = pk.baris.get(no="1")
    page.goto(f"{live_server.url}/pk/baris/{baris.pk}/ubah/")
    assert page.url.endswith(f"/pk/{pk.pk}/")
    assert "terkunci" in page.inner_text(".messages")
    assert pk.baris.get(no="1").target == "77,5%"


def test_operator_kantor_lain_tidak_dapat_membuka_halaman_kantor_pertama(
    personas, masuk, live_server
):
    pk = _pk(personas, "DITANDATANGANI")
    page = masuk("operator_b")
    assert "Pagar Alam" not in page.inner_text("body")
    for url in [
        f"/pk/{pk.pk}/",
        f"/pk/{pk.pk}/cetak/",
        "/satker/1672/realisasi/2024/TW1/",
        "/satker/1672/anggaran/2024/",
    ]:
        resp = page.goto(live_server.url + url)
        assert resp.status == 404, url
        assert "Pagar Alam" not in page.content()
    page.goto(f"{live_server.url}/pk/?tahun=2024")
    assert "Pagar Alam" not in page.inner_text("body")

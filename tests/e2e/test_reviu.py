"""The three review loops in Chromium (issue 16): a PK returned by the ketua and submitted
again; a quarter's realisasi returned by the province, answered and closed; an LKjIP commented
on by APIP, fixed, reviewed and finalised with the "Pernyataan Telah Direviu" page printed."""

import io
import re

import pdfplumber
import pytest
from django.urls import reverse

from kinerja.models import PerjanjianKinerja
from laporan import services as laporan_services
from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from satker.models import Notifikasi, Peran, Satker
from tests.e2e.conftest import halaman_baru
from tests.factories import user_with_role
from tests.laporan.conftest import isi_kantor

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _masuk(browser, live_server, username):
    return halaman_baru(browser, live_server.url, username)


def test_pk_returned_and_submitted_again(personas, browser, live_server):
    kantor = isi_kantor(personas.satker_a, tahun=2026)
    pk = kantor.pk_kpu
    PerjanjianKinerja.objects.filter(pk=pk.pk).update(status="DIAJUKAN")
    url = live_server.url + reverse("kinerja:pk_detail", args=[pk.pk])
    ketua = _masuk(browser, live_server, "ketua_a")
    ketua.goto(url)
    ketua.click("text=Kembalikan ke sekretaris")
    ketua.fill("textarea[name=alasan]", "Target baris 2 tidak sama dengan RKT.")
    ketua.click("main button[type=submit]")
    ketua.wait_for_selector("text=Dikembalikan oleh")
    sek = _masuk(browser, live_server, "sekretaris_a")
    assert sek.locator(".lonceng .jumlah").inner_text() == "1"
    sek.goto(live_server.url + reverse("satker:notifikasi"))
    sek.click("text=Target baris 2 tidak sama dengan RKT.")
    kembali = sek.locator(".alert.warn", has_text="Dikembalikan oleh").inner_text()
    assert "Target baris 2 tidak sama dengan RKT." in kembali
    sek.click("text=Ajukan PK")
    sek.wait_for_selector("text=PK diajukan untuk ditandatangani.")
    ketua.goto(url)
    ketua.once("dialog", lambda d: d.accept())
    ketua.click("text=Tandatangani PK")
    ketua.wait_for_selector("text=PK ditandatangani dan dikunci.")
    pk.refresh_from_db()
    assert pk.status == "DITANDATANGANI"
    assert pk.pengembalian.count() == 1


def test_realisasi_returned_by_the_province_answered_and_closed(personas, browser, live_server):
    isi_kantor(personas.satker_a)
    url = live_server.url + reverse("laporan:pemeriksaan", args=["1672", 2024])
    rev = _masuk(browser, live_server, "reviewer")
    rev.goto(url)
    rev.select_option("#acuan", "triwulan:TW4")
    rev.fill("#teks-komentar", "Realisasi TW IV indikator 1 tanpa bukti dukung.")
    rev.click("text=Kirim komentar ke satker")
    rev.wait_for_selector("text=Komentar disimpan; satker diberi tahu.")
    op = _masuk(browser, live_server, "operator_a")
    op.goto(url)
    assert op.locator(".alert.warn", has_text="1 komentar reviu belum dijawab").count() == 1
    kartu = op.locator("article.komentar").first
    assert "Realisasi Triwulan IV 2024" in kartu.inner_text()
    kartu.locator("textarea[name=jawaban]").fill("Daftar hadir sudah diunggah sebagai bukti.")
    kartu.locator("text=Kirim jawaban").click()
    op.wait_for_selector("text=Jawaban disimpan; reviewer diberi tahu.")
    rev.goto(url)
    rev.click("text=Selesaikan komentar")
    rev.wait_for_selector("text=Komentar diselesaikan.")
    assert "Selesai" in rev.locator("article.komentar").first.inner_text()


def test_lkjip_reviewed_by_apip_and_finalised_with_the_review_page(
    personas, browser, live_server, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    isi_kantor(personas.satker_a)
    apip = user_with_role(Satker.objects.get(kode="RI"), Peran.Jenis.APIP, "apip")
    apip.first_name = "Inspektur Uji"
    apip.save()
    for t in periksa(build_laporan(personas.satker_a, 2024)):
        laporan_services.justifikasi_save(
            satker=personas.satker_a, tahun=2024, kunci=t.kunci, teks="Data belum ada.", oleh=None
        )
    url = live_server.url + reverse("laporan:pemeriksaan", args=["1672", 2024])
    page = _masuk(browser, live_server, "apip")
    page.goto(url)
    page.select_option("#acuan", "bagian:penutup")
    page.fill("#teks-komentar", "Bab IV belum memuat langkah perbaikan.")
    page.click("text=Kirim komentar ke satker")
    op = _masuk(browser, live_server, "operator_a")
    op.goto(url)
    op.locator("article.komentar textarea[name=jawaban]").fill("Langkah perbaikan ditambahkan.")
    op.locator("article.komentar button", has_text="Kirim jawaban").click()
    op.wait_for_selector("text=Jawaban disimpan")
    page.goto(url)
    page.click("text=Selesaikan komentar")
    page.click("text=Catat reviu APIP versi 1")
    page.wait_for_selector("text=Reviu APIP dicatat")
    ketua = _masuk(browser, live_server, "ketua_a")
    ketua.goto(url)
    ketua.click("text=Tandatangani dan finalkan versi 1")
    ketua.wait_for_selector("text=Unduh PDF final")
    resp = ketua.request.get(live_server.url + reverse("laporan:final_pdf", args=["1672", 2024]))
    with pdfplumber.open(io.BytesIO(resp.body())) as pdf:
        teks = "\n".join(p.extract_text() or "" for p in pdf.pages)
    assert "PERNYATAAN TELAH DIREVIU" in teks and "Inspektur Uji" in teks
    rapat = re.sub(r"\s+", "", teks)  # the annex lists the comment (in a table cell)
    assert "BabIVbelummemuatlangkah" in rapat and "Sudahdiperbaiki" in rapat
    jenis = set(Notifikasi.objects.values_list("jenis", flat=True))
    assert {"DIKEMBALIKAN", "DIJAWAB", "DIREVIU", "FINAL"} <= jenis

"""The inspectorate's review (issue 16, part 1): an APIP reviewer reads any office's draft,
comments like a provincial reviewer, records the review; the report then prints the
"Pernyataan Telah Direviu" page, and when the year's policy says so the report cannot be
finalised before it. APIP never edits an office's data."""

import io

import pdfplumber
import pytest
from django.urls import reverse
from docx import Document

from kinerja.models import KebijakanCapaian, SkalaKategori
from laporan.models import KomentarReviu, LaporanKinerja, ReviuAPIP
from laporan.pemeriksaan import periksa
from laporan.render import render_docx, render_pdf
from laporan.selectors import build_laporan
from satker.models import Notifikasi, Peran, Satker
from tests.factories import user_with_role
from tests.laporan.conftest import isi_kantor


@pytest.fixture
def apip(personas):
    isi_kantor(personas.satker_a)
    u = user_with_role(Satker.objects.get(kode="RI"), Peran.Jenis.APIP, "apip")
    u.first_name, u.last_name = "Dewi", "Inspektur"
    u.save()
    return u


def _url(nama, *args):
    return reverse(f"laporan:{nama}", args=args or ["1672", 2024])


def test_apip_reviews_and_the_report_prints_the_statement(client, personas, apip):
    client.force_login(apip)
    html = client.get(_url("pemeriksaan")).content.decode()
    assert "Catat reviu APIP versi 1" in html and "Kami telah mereviu Laporan Kinerja" in html
    assert (
        client.post(_url("narasi_ubah", "1672", 2024, "penutup"), {"teks": "x"}).status_code == 403
    )
    client.post(_url("komentar_tambah"), {"acuan": "umum", "teks": "Lengkapi analisis efisiensi."})
    assert KomentarReviu.objects.get().oleh == apip
    client.post(
        _url("reviu_apip"), {"pernyataan": "Kami telah mereviu laporan ini dengan saksama."}
    )
    r = ReviuAPIP.objects.get()
    assert (r.versi, r.nama) == (1, "Dewi Inspektur")
    assert Notifikasi.objects.filter(jenis="DIREVIU", penerima=personas.ketua_a).exists()
    client.post(_url("reviu_apip"), {"pernyataan": "Kedua kalinya untuk versi yang sama."})
    assert ReviuAPIP.objects.count() == 1

    lap = build_laporan(personas.satker_a, 2024)
    with pdfplumber.open(io.BytesIO(render_pdf(lap).isi)) as pdf:
        teks = "\n".join(p.extract_text() or "" for p in pdf.pages[:6])
    assert "PERNYATAAN TELAH DIREVIU" in teks and "Dewi Inspektur" in teks
    judul = [p.text for p in Document(io.BytesIO(render_docx(lap))).paragraphs]
    assert "PERNYATAAN TELAH DIREVIU" in judul


def test_recording_the_review_mails_the_office(
    client, personas, apip, django_capture_on_commit_callbacks
):
    from django.core import mail

    personas.ketua_a.email = "ketua_a@kpu.example"
    personas.ketua_a.save()
    client.force_login(apip)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_url("reviu_apip"), {"pernyataan": "Kami telah mereviu laporan ini."})
    (surat,) = mail.outbox
    assert surat.to == ["ketua_a@kpu.example"]
    assert (
        surat.subject
        == "[SAKIP KPU] Reviu APIP atas LKjIP KPU Kota Pagar Alam 2024 versi 1 sudah dicatat"
    )
    assert "/laporan/1672/2024/pemeriksaan/" in surat.body


def test_only_apip_records_a_review(client, personas, apip):
    for persona in ("operator_a", "ketua_a", "reviewer"):
        client.force_login(getattr(personas, persona))
        resp = client.post(_url("reviu_apip"), {"pernyataan": "Pernyataan reviu yang panjang."})
        assert resp.status_code == 403, persona
    client.force_login(personas.operator_b)
    assert client.post(_url("reviu_apip"), {"pernyataan": "x" * 20}).status_code == 404
    assert not ReviuAPIP.objects.exists()


def test_the_policy_can_require_the_review_before_finalising(
    client, personas, apip, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    skala = SkalaKategori.objects.create(nama="Uji")
    for batas, nama in ((91, "Sangat Baik"), (76, "Baik"), (0, "Kurang")):
        skala.tingkat.create(batas_bawah=batas, nama=nama)
    KebijakanCapaian.objects.filter(tahun=2024, satker=None).delete()
    KebijakanCapaian.objects.create(tahun=2024, skala=skala, wajib_reviu_apip=True)
    client.force_login(personas.ketua_a)
    for t in periksa(build_laporan(personas.satker_a, 2024)):
        client.post(_url("justifikasi"), {"kunci": t.kunci, "teks": "Data belum tersedia."})
    resp = client.post(_url("finalkan"), follow=True)
    assert "wajib direviu APIP sebelum difinalkan" in resp.content.decode()
    assert not LaporanKinerja.objects.filter(status="FINAL").exists()
    client.force_login(apip)
    client.post(
        _url("reviu_apip"), {"pernyataan": "Kami telah mereviu laporan ini dengan saksama."}
    )
    client.force_login(personas.ketua_a)
    client.post(_url("finalkan"))
    assert LaporanKinerja.objects.filter(status="FINAL", versi=1).exists()

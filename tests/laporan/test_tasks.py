"""Draft PDFs rendered through the task queue and cached under the fingerprint of their data.

The tests run tasks with the immediate backend (the default); the queue's own behaviour (a
task waiting, its place in the queue) with the dummy backend, which stores and never runs.
"""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan import services
from laporan.models import PdfLaporan
from laporan.tasks import render_pdf_draf

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(nama: str, *extra) -> str:
    return reverse(f"laporan:{nama}", args=["1672", 2024, *extra])


@pytest.fixture
def hitung_render(monkeypatch):
    """Counts WeasyPrint renders."""
    from laporan import tasks

    jumlah = []
    asli = tasks.pdf_dari_html

    def pdf_dari_html(html):
        jumlah.append(1)
        return asli(html)

    monkeypatch.setattr(tasks, "pdf_dari_html", pdf_dari_html)
    return jumlah


def test_pdf_dirender_sekali_selama_data_sama(kantor, hitung_render):
    pertama = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert pertama.status == PdfLaporan.Status.SIAP and pertama.halaman > 5
    assert pertama.berkas.read(5) == b"%PDF-"
    kedua = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert kedua.pk == pertama.pk and len(hitung_render) == 1


def test_data_berubah_pdf_baru_dan_yang_lama_dibuang(kantor, personas, hitung_render):
    lama = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    path_lama = lama.berkas.path
    services.narasi_save(
        satker=kantor.satker, tahun=2024, bagian="penutup", teks="Teks baru.", oleh=personas.admin
    )
    baru = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert baru.sidik != lama.sidik and baru.status == PdfLaporan.Status.SIAP
    assert len(hitung_render) == 2
    assert not PdfLaporan.objects.filter(pk=lama.pk).exists()
    assert not __import__("os").path.exists(path_lama)


def test_realisasi_berubah_mengubah_sidik(kantor):
    lama = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    r = kantor.pk_kpu.baris.first().realisasi.first()
    r.teks = "12%"
    r.save()
    assert services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024).sidik != lama.sidik


def test_tugas_idempoten(kantor, hitung_render):
    berkas = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert render_pdf_draf.call(berkas.pk) == PdfLaporan.Status.SIAP
    assert len(hitung_render) == 1


def test_data_berubah_selama_antre_usang(kantor, settings, hitung_render):
    settings.TASKS = DUMMY
    berkas = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert berkas.status == PdfLaporan.Status.ANTRI and berkas.tugas
    PdfLaporan.objects.filter(pk=berkas.pk).update(sidik="0" * 64)
    assert render_pdf_draf.call(berkas.pk) == PdfLaporan.Status.USANG
    assert not hitung_render


def test_render_macet_diantrekan_lagi(kantor, settings):
    settings.TASKS = DUMMY
    berkas = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    lama = timezone.now() - services.BATAS_RENDER - dt.timedelta(minutes=1)
    PdfLaporan.objects.filter(pk=berkas.pk).update(
        status=PdfLaporan.Status.PROSES, mulai=lama, percobaan=1
    )
    lagi = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert lagi.pk == berkas.pk and lagi.status == PdfLaporan.Status.ANTRI
    assert lagi.tugas != berkas.tugas
    # a worker then finishes it
    assert render_pdf_draf.call(berkas.pk) == PdfLaporan.Status.SIAP
    berkas.refresh_from_db()
    assert berkas.percobaan == 2


def test_gagal_dicatat_dan_diminta_lagi(kantor, monkeypatch):
    from laporan import tasks

    def rusak(html):
        raise RuntimeError("font hilang")

    monkeypatch.setattr(tasks, "pdf_dari_html", rusak)
    berkas = services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024)
    assert berkas.status == PdfLaporan.Status.GAGAL and "font hilang" in berkas.galat
    monkeypatch.undo()
    assert services.laporan_request_draft_pdf(satker=kantor.satker, tahun=2024).status == "SIAP"


def test_halaman_progres(client, kantor, personas, settings):
    settings.TASKS = DUMMY
    client.force_login(personas.operator_a)
    resp = client.get(_url("draf_pdf"))
    assert resp.status_code == 302 and resp["Location"] == _url("pdf")
    resp = client.get(_url("pdf"))
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "Dalam antrean (urutan ke-1)" in teks and 'hx-trigger="every 2s"' in teks
    berkas = PdfLaporan.objects.get()
    PdfLaporan.objects.filter(pk=berkas.pk).update(
        status="PROSES", mulai=timezone.now() - dt.timedelta(seconds=2)
    )
    resp = client.get(_url("pdf_progres", berkas.pk))
    assert b"Sedang dirender" in resp.content and b"<progress" in resp.content
    render_pdf_draf.call(berkas.pk)
    resp = client.get(_url("pdf_progres", berkas.pk))
    assert b"PDF siap" in resp.content and b"hx-trigger" not in resp.content
    resp = client.get(_url("draf_pdf"))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    # another office's staff cannot follow or fetch it
    client.force_login(personas.operator_b)
    assert client.get(_url("pdf_progres", berkas.pk)).status_code == 404
    assert client.get(_url("pdf")).status_code == 404


def test_render_massal(kantor, capsys):
    from django.core.management import call_command

    call_command("render_laporan", "--tahun", "2024", "--satker", "1672")
    keluaran = capsys.readouterr()
    assert "1 siap" in keluaran.out
    assert PdfLaporan.objects.get().status == PdfLaporan.Status.SIAP


def test_finalisasi_berjalan_di_worker_bukan_di_request(client, kantor, personas, settings):
    """Finalising answers at once with the queued job; the worker renders and writes the final
    version, its PDF and SHA-256 together; the page then offers the final PDF."""
    import hashlib

    from laporan.models import LaporanKinerja
    from laporan.pemeriksaan import periksa
    from laporan.selectors import build_laporan
    from laporan.tasks import finalkan_laporan

    for t in periksa(build_laporan(kantor.satker, 2024)):
        services.justifikasi_save(
            satker=kantor.satker, tahun=2024, kunci=t.kunci, teks="Data belum ada.", oleh=None
        )
    settings.TASKS = DUMMY
    client.force_login(personas.ketua_a)
    resp = client.post(_url("finalkan"))
    tugas = PdfLaporan.objects.get(final_oleh=personas.ketua_a)
    assert resp["Location"] == _url("finalkan_progres", tugas.pk)
    assert tugas.status == "ANTRI" and not LaporanKinerja.objects.filter(status="FINAL").exists()
    teks = client.get(_url("finalkan_progres", tugas.pk)).content.decode()
    assert "Dalam antrean" in teks and 'hx-trigger="every 2s"' in teks
    # a second click while it waits does not queue a second finalisation
    client.post(_url("finalkan"))
    assert PdfLaporan.objects.filter(final_oleh__isnull=False).count() == 1

    assert finalkan_laporan.call(tugas.pk) == "SIAP"
    final = LaporanKinerja.objects.get(status="FINAL")
    assert hashlib.sha256(final.pdf.read()).hexdigest() == final.sha256
    teks = client.get(_url("pdf_progres", tugas.pk)).content.decode()
    assert f"Laporan versi {final.versi} difinalkan" in teks and "Unduh PDF final" in teks
    assert "hx-trigger" not in teks

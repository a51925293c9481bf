"""Behaviour under failure: the database going away mid-request, a PDF render that fails while
finalising, a worker that dies mid-render."""

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from kinerja import services as kinerja_services
from kinerja.models import Dipa, Realisasi, RevisiDipa
from laporan import services as laporan_services
from laporan.models import LaporanKinerja, PdfLaporan
from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from tests.laporan.conftest import isi_kantor

TAHUN = 2024
PUTUS = OperationalError("server closed the connection unexpectedly")


@pytest.fixture
def kantor(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return isi_kantor(personas.satker_a)


def test_db_hilang_di_tengah_permintaan_tanpa_tulisan_setengah(personas, monkeypatch):
    """Adding the first DIPA revision of a year writes the DIPA, then the revision. The
    connection breaks between the two: the user reads why, and the DIPA is not left behind."""

    def putus(**kwargs):
        assert Dipa.objects.filter(satker=personas.satker_a, tahun=2025).exists()  # written
        raise PUTUS

    monkeypatch.setattr(kinerja_services, "revisi_dipa_save", putus)
    c = Client()
    c.force_login(personas.operator_a)
    resp = c.post(
        reverse("kinerja:revisi_dipa_create", args=[personas.satker_a.kode, 2025]),
        {"label": "DIPA Awal", "tanggal": "2024-11-24", "pagu": "Rp 1.000.000.000"},
    )
    assert resp.status_code == 503
    assert resp["Retry-After"]
    teks = resp.content.decode()
    assert "Basis data sedang tidak dapat dihubungi" in teks
    assert "belum disimpan" in teks
    assert not Dipa.objects.filter(satker=personas.satker_a, tahun=2025).exists()
    assert not RevisiDipa.objects.exists()


def test_db_hilang_pada_api(kantor, personas, monkeypatch):
    asli = Realisasi.save

    def simpan_lalu_putus(self, *args, **kwargs):
        asli(self, *args, **kwargs)
        raise PUTUS

    monkeypatch.setattr(Realisasi, "save", simpan_lalu_putus)
    baris = kantor.pk_kpu.baris.get(no="1")
    api = APIClient()
    api.force_authenticate(personas.operator_a)
    resp = api.post(
        "/api/v1/realisasi/", {"baris": baris.pk, "periode": "TW1", "teks": "50%"}, format="json"
    )
    assert resp.status_code == 503
    assert "tidak disimpan" in resp.json()["detail"]
    assert not Realisasi.objects.filter(baris=baris, periode="TW1").exists()


def _final_v1(kantor, personas) -> LaporanKinerja:
    isi = b"%PDF-1.4 versi final pertama\n%%EOF\n"
    final = LaporanKinerja(
        satker=kantor.satker,
        tahun=TAHUN,
        versi=1,
        status=LaporanKinerja.Status.FINAL,
        sha256=hashlib.sha256(isi).hexdigest(),
        difinalkan_oleh=personas.ketua_a,
        difinalkan_pada=dt.datetime(2025, 1, 20, tzinfo=dt.UTC),
    )
    final.pdf.save("lkjip-1672-2024-v1.pdf", ContentFile(isi), save=False)
    final.save()
    return final


def test_render_gagal_saat_finalisasi_versi_lama_utuh(kantor, personas, monkeypatch):
    lama = _final_v1(kantor, personas)
    isi_lama = Path(lama.pdf.path).read_bytes()
    c = Client()
    c.force_login(personas.ketua_a)
    for t in periksa(build_laporan(kantor.satker, TAHUN)):
        laporan_services.justifikasi_save(
            satker=kantor.satker, tahun=TAHUN, kunci=t.kunci, teks="Data belum ada.", oleh=None
        )

    def gagal(lap):
        raise RuntimeError("WeasyPrint kehabisan memori")

    monkeypatch.setattr(laporan_services, "render_pdf", gagal)
    url = reverse("laporan:finalkan", args=[kantor.satker.kode, TAHUN])
    resp = c.post(url, follow=True)
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "PDF laporan gagal dirender" in teks and "kehabisan memori" in teks
    assert "versi final sebelumnya tetap berlaku" in teks
    # The previous final version, its file and its checksum are as they were.
    assert list(LaporanKinerja.objects.filter(status="FINAL")) == [lama]
    lama.refresh_from_db()
    assert Path(lama.pdf.path).read_bytes() == isi_lama
    assert hashlib.sha256(isi_lama).hexdigest() == lama.sha256
    unduh = c.get(reverse("laporan:final_pdf", args=[kantor.satker.kode, TAHUN]))
    assert b"".join(unduh.streaming_content) == isi_lama
    # No new final version, and no PDF file of one, was left behind.
    assert sorted(p.name for p in Path(lama.pdf.path).parent.iterdir()) == [
        "lkjip-1672-2024-v1.pdf"
    ]


def test_worker_mati_di_tengah_render_diulang(kantor, personas):
    """A worker died while rendering (the row says PROSES since long ago): the next request for
    the PDF queues it again and it is rendered (here by the immediate backend)."""
    c = Client()
    c.force_login(personas.operator_a)
    berkas = laporan_services.laporan_request_draft_pdf(satker=kantor.satker, tahun=TAHUN)
    assert berkas.status == PdfLaporan.Status.SIAP
    lama = timezone.now() - laporan_services.BATAS_RENDER - dt.timedelta(minutes=1)
    PdfLaporan.objects.filter(pk=berkas.pk).update(
        status=PdfLaporan.Status.PROSES, mulai=lama, berkas=""
    )
    resp = c.get(reverse("laporan:pdf", args=[kantor.satker.kode, TAHUN]))
    assert resp.status_code == 200
    berkas.refresh_from_db()
    assert berkas.status == PdfLaporan.Status.SIAP and berkas.percobaan == 2
    resp = c.get(reverse("laporan:draf_pdf", args=[kantor.satker.kode, TAHUN]))
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content).startswith(b"%PDF")


# ---------------------------------------------------------------- a full disk


@pytest.fixture
def disk_penuh(monkeypatch):
    """The disk fills up halfway through writing a file: part of it is on disk, then ENOSPC."""
    import errno

    from django.core.files.storage import FileSystemStorage

    ditulis = []

    def tulis_setengah(self, name, content):
        path = Path(self.path(name))
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%PDF-1.4 separuh")
        ditulis.append(path)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", tulis_setengah)
    return ditulis


def test_disk_penuh_saat_menyimpan_bukti(kantor, personas, disk_penuh, monkeypatch, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    baris = kantor.pk_kpu.baris.get(no="1")
    c = Client()
    c.force_login(personas.operator_a)
    url = reverse("kinerja:realisasi_update", args=[baris.pk, "TW1"])
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    data = {"teks": "50%", "diperbarui": "baru"}
    resp = c.post(url, {**data, "bukti_file": SimpleUploadedFile("b.pdf", pdf)})
    assert resp.status_code == 200
    assert "ruang penyimpanan server penuh" in resp.content.decode()
    assert not Realisasi.objects.filter(baris=baris, periode="TW1").exists()
    assert disk_penuh and not any(p.exists() for p in disk_penuh)
    monkeypatch.undo()
    resp = c.post(url, {**data, "bukti_file": SimpleUploadedFile("b.pdf", pdf)})
    assert resp.status_code == 302
    assert Path(Realisasi.objects.get(baris=baris, periode="TW1").bukti_file.path).exists()


@pytest.fixture
def final_v1(kantor, personas) -> LaporanKinerja:
    return _final_v1(kantor, personas)


def test_disk_penuh_saat_finalisasi(kantor, personas, final_v1, disk_penuh, monkeypatch):
    lama = final_v1
    isi_lama = Path(lama.pdf.path).read_bytes()
    for t in periksa(build_laporan(kantor.satker, TAHUN)):
        laporan_services.justifikasi_save(
            satker=kantor.satker, tahun=TAHUN, kunci=t.kunci, teks="Data belum ada.", oleh=None
        )
    c = Client()
    c.force_login(personas.ketua_a)
    url = reverse("laporan:finalkan", args=[kantor.satker.kode, TAHUN])
    teks = c.post(url, follow=True).content.decode()
    assert "Laporan belum difinalkan" in teks and "ruang penyimpanan server penuh" in teks
    assert list(LaporanKinerja.objects.filter(status="FINAL")) == [lama]
    assert Path(lama.pdf.path).read_bytes() == isi_lama
    assert not any(p.exists() for p in disk_penuh)
    monkeypatch.undo()
    c.post(url)
    assert LaporanKinerja.objects.filter(status="FINAL").count() == 2

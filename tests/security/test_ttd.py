"""Signed documents do not change: a PK signed through the workflow stays as signed whatever
channel tries to change it (staff forms, the API, a workbook import, the Django admin), and a
final LKjIP keeps its PDF and SHA-256 whatever changes afterwards."""

import hashlib
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from kinerja import services
from kinerja.models import PerjanjianKinerja
from laporan import services as laporan_services
from laporan.models import LaporanKinerja
from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from tests.laporan.conftest import isi_kantor
from tests.workbook.conftest import buat_xlsx
from workbook.importer import impor_workbook

TAHUN = 2024


def potret(pk: PerjanjianKinerja) -> dict:
    """Everything a signature covers: parties, rows, quarterly targets, budget."""
    pk = PerjanjianKinerja.objects.get(pk=pk.pk)
    return {
        "pk": {
            f.name: getattr(pk, f.attname)
            for f in pk._meta.concrete_fields
            if f.name not in {"diperbarui"}
        },
        "baris": [
            (b.no, b.sasaran, b.indikator, b.target, b.arah, b.agregasi)
            for b in pk.baris.order_by("no")
        ],
        "tw": sorted(
            (t.baris.no, t.periode, t.teks) for b in pk.baris.all() for t in b.target_triwulan.all()
        ),
        "anggaran": sorted((a.program, a.jumlah) for a in pk.anggaran.all()),
    }


@pytest.fixture
def pk_ttd(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    k = isi_kantor(personas.satker_a)
    pk = k.pk_kpu
    services.perjanjian_submit(perjanjian=pk, by=personas.sekretaris_a)
    services.perjanjian_sign(perjanjian=pk, by=personas.ketua_a)
    pk.refresh_from_db()
    assert pk.terkunci
    return pk


def test_formulir_tidak_mengubah_pk_bertanda_tangan(pk_ttd, personas):
    awal = potret(pk_ttd)
    baris = pk_ttd.baris.get(no="1")
    anggaran = pk_ttd.anggaran.first()
    c = Client()
    c.force_login(personas.ketua_a)
    percobaan = [
        (reverse("kinerja:pk_update", args=[pk_ttd.pk]), {"pihak_pertama_nama": "Orang Lain"}),
        (
            reverse("kinerja:baris_update", args=[baris.pk]),
            {
                "no": "1",
                "sasaran": "x",
                "indikator": "y",
                "target": "1%",
                "arah": "naik",
                "agregasi": "terakhir",
            },
        ),
        (
            reverse("kinerja:baris_create", args=[pk_ttd.pk]),
            {
                "no": "9",
                "sasaran": "x",
                "indikator": "y",
                "target": "1%",
                "arah": "naik",
                "agregasi": "terakhir",
            },
        ),
        (reverse("kinerja:baris_delete", args=[baris.pk]), {}),
        (
            reverse("kinerja:anggaran_pk_create", args=[pk_ttd.pk]),
            {"program": "Baru", "jumlah": "5"},
        ),
        (
            reverse("kinerja:anggaran_pk_update", args=[anggaran.pk]),
            {"program": "X", "jumlah": "5"},
        ),
        (reverse("kinerja:anggaran_pk_delete", args=[anggaran.pk]), {}),
    ]
    for url, data in percobaan:
        resp = c.post(url, data, follow=True)
        assert resp.status_code == 200, url
        assert "sudah ditandatangani dan terkunci" in resp.content.decode(), url
    assert potret(pk_ttd) == awal


def test_api_tidak_mengubah_pk_bertanda_tangan(pk_ttd, personas):
    awal = potret(pk_ttd)
    baris = pk_ttd.baris.get(no="1")
    api = APIClient()
    api.force_authenticate(personas.ketua_a)
    percobaan = [
        api.patch(f"/api/v1/perjanjian/{pk_ttd.pk}/", {"pihak_pertama_nama": "X"}, format="json"),
        api.patch(f"/api/v1/baris-pk/{baris.pk}/", {"target": "1%"}, format="json"),
        api.delete(f"/api/v1/baris-pk/{baris.pk}/"),
        api.post(
            "/api/v1/baris-pk/",
            {"perjanjian": pk_ttd.pk, "no": "9", "sasaran": "x", "indikator": "y", "target": "1%"},
            format="json",
        ),
        api.post(f"/api/v1/perjanjian/{pk_ttd.pk}/tandatangani/"),
        api.post(f"/api/v1/perjanjian/{pk_ttd.pk}/ajukan/"),
    ]
    for resp in percobaan:
        assert resp.status_code == 400, (resp.request["PATH_INFO"], resp.content[:300])
    assert potret(pk_ttd) == awal


def test_impor_tidak_mengubah_pk_bertanda_tangan(pk_ttd, personas):
    awal = potret(pk_ttd)
    f = buat_xlsx(
        {
            "PK": [
                ["satker", "tahun", "jenis", "no", "sasaran", "indikator", "target"],
                ["1672", TAHUN, "KPU", "1", "Meningkatnya partisipasi pemilih", "Lain", "99%"],
            ],
            "PKPihak": [
                ["satker", "tahun", "jenis", "pihak_pertama_nama", "pihak_pertama_jabatan"],
                ["1672", TAHUN, "KPU", "Orang Lain", "Ketua"],
            ],
        }
    )
    laporan = impor_workbook(f, user=personas.ketua_a, terapkan=True)
    assert laporan.galat and all("ditandatangani" in g.pesan for g in laporan.galat)
    assert potret(pk_ttd) == awal


def test_admin_tidak_mengubah_pk_bertanda_tangan(pk_ttd, personas):
    awal = potret(pk_ttd)
    baris = pk_ttd.baris.get(no="1")
    c = Client()
    c.force_login(personas.admin)
    url = reverse("admin:kinerja_perjanjiankinerja_change", args=[pk_ttd.pk])
    resp = c.get(url)
    assert resp.status_code == 200 and 'name="_save"' not in resp.content.decode()
    assert c.post(url, {"pihak_pertama_nama": "Orang Lain"}).status_code == 403
    hapus = reverse("admin:kinerja_perjanjiankinerja_delete", args=[pk_ttd.pk])
    assert c.post(hapus, {"post": "yes"}).status_code == 403
    url = reverse("admin:kinerja_barispk_change", args=[baris.pk])
    assert c.post(url, {"target": "1%"}).status_code == 403
    assert potret(pk_ttd) == awal
    # A draft PK stays editable in the admin.
    draf = PerjanjianKinerja.objects.get(satker=pk_ttd.satker, tahun=TAHUN, jenis="SEKRETARIAT")
    resp = c.get(reverse("admin:kinerja_perjanjiankinerja_change", args=[draf.pk]))
    assert 'name="_save"' in resp.content.decode()


def test_laporan_final_tidak_berubah_setelah_data_berubah(pk_ttd, personas):
    satker = pk_ttd.satker
    for t in periksa(build_laporan(satker, TAHUN)):
        laporan_services.justifikasi_save(
            satker=satker, tahun=TAHUN, kunci=t.kunci, teks="Data belum ada.", oleh=None
        )
    final = laporan_services.laporan_finalise(satker=satker, tahun=TAHUN, oleh=personas.ketua_a)
    isi = Path(final.pdf.path).read_bytes()
    assert hashlib.sha256(isi).hexdigest() == final.sha256
    # Later changes: narrative, realisasi, a new draft version.
    laporan_services.narasi_save(
        satker=satker, tahun=TAHUN, bagian="penutup", teks="Teks baru", oleh=personas.ketua_a
    )
    baris = pk_ttd.baris.get(no="1")
    services.realisasi_save(baris=baris, periode="TW4", data={"teks": "99%"}, by=personas.ketua_a)
    laporan_services.laporan_get_or_create_draft(satker=satker, tahun=TAHUN)
    final = LaporanKinerja.objects.get(pk=final.pk)
    assert final.final and Path(final.pdf.path).read_bytes() == isi
    c = Client()
    c.force_login(personas.reviewer)
    resp = c.get(reverse("laporan:versi_pdf", args=[satker.kode, TAHUN, final.versi]))
    assert b"".join(resp.streaming_content) == isi
    assert resp["X-Content-SHA256"] == final.sha256

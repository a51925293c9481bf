"""Backup and restore (`manage.py cadangan`): the restored database renders the same report.

Runs on SQLite and on PostgreSQL (bin/test runs the suite on both).
"""

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from kinerja.models import PerjanjianKinerja, Realisasi
from laporan.models import LaporanKinerja, PdfLaporan
from laporan.render import render_html, render_pdf
from laporan.selectors import build_laporan
from rekap.models import SatkerBerubah
from satker.models import Satker
from tests.laporan.conftest import isi_kantor

TAHUN = 2024


@pytest.fixture
def kantor(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    k = isi_kantor(personas.satker_a)
    r = Realisasi.objects.filter(baris__perjanjian=k.pk_kpu).first()
    r.bukti_file.save("bukti.pdf", ContentFile(b"%PDF-1.4 bukti\n%%EOF\n"))
    pdf = render_pdf(build_laporan(k.satker, TAHUN)).isi
    final = LaporanKinerja(
        satker=k.satker,
        tahun=TAHUN,
        versi=1,
        status=LaporanKinerja.Status.FINAL,
        sha256=hashlib.sha256(pdf).hexdigest(),
        difinalkan_oleh=personas.ketua_a,
        difinalkan_pada=dt.datetime(2025, 1, 20, tzinfo=dt.UTC),
        penandatangan="Ibrahim Putra",
    )
    final.pdf.save("lkjip-1672-2024-v1.pdf", ContentFile(pdf), save=False)
    final.save()
    return k


def _laporan_html(kode: str) -> str:
    return render_html(build_laporan(Satker.objects.get(kode=kode), TAHUN), untuk_pdf=True)


def test_pulihkan_menghasilkan_laporan_yang_sama(kantor, personas, settings, tmp_path):
    kode = kantor.satker.kode
    sebelum = _laporan_html(kode)
    final = LaporanKinerja.objects.get(satker=kantor.satker, status="FINAL")
    pdf_sebelum = Path(final.pdf.path).read_bytes()
    arsip = tmp_path / "cadangan" / "sakip.tar.gz"
    SatkerBerubah.objects.create(satker_id=kantor.satker.pk)  # the rekap's queue: not kept

    call_command("cadangan", "buat", str(arsip))
    with tarfile.open(arsip) as tar:
        nama = set(tar.getnames())
        data = json.load(tar.extractfile("data.json"))
    assert {"manifest.json", "data.json", f"media/{final.pdf.name}"} <= nama
    assert not [r for r in data if r["model"] == "rekap.satkerberubah"]

    # Lose everything: every row and every uploaded file.
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")  # TRUNCATE inside the test's transaction
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(settings.MEDIA_ROOT)
    assert not Satker.objects.exists() and not User.objects.exists()

    call_command("cadangan", "pulihkan", str(arsip), "--ya")

    assert _laporan_html(kode) == sebelum
    final = LaporanKinerja.objects.get(satker__kode=kode, status="FINAL")
    assert Path(final.pdf.path).read_bytes() == pdf_sebelum
    assert hashlib.sha256(pdf_sebelum).hexdigest() == final.sha256
    assert PerjanjianKinerja.objects.filter(satker__kode=kode).count() == 3
    r = Realisasi.objects.exclude(bukti_file="").get()
    assert r.bukti_file.open("rb").read().startswith(b"%PDF")
    # History and users come back; so does a login.
    assert User.objects.get(username="ketua_a").check_password("rahasia-uji-123")
    assert PerjanjianKinerja.history.filter(satker_id=kantor.satker.pk).exists()


def test_cadangan_rusak_ditolak_dan_data_tetap(kantor, tmp_path):
    arsip = tmp_path / "sakip.tar.gz"
    call_command("cadangan", "buat", str(arsip))
    # Change the data inside the archive without fixing its checksum.
    rusak = tmp_path / "rusak.tar.gz"
    with tarfile.open(arsip) as sumber, tarfile.open(rusak, "w:gz") as tujuan:
        for anggota in sumber.getmembers():
            isi = sumber.extractfile(anggota).read() if anggota.isfile() else None
            if anggota.name == "data.json":
                isi = isi.replace(b"Pagar Alam", b"Kota Palsu")
                anggota.size = len(isi)
            tujuan.addfile(anggota, None if isi is None else io.BytesIO(isi))
    with pytest.raises(CommandError, match="SHA-256"):
        call_command("cadangan", "pulihkan", str(rusak), "--ya")
    assert Satker.objects.get(kode="1672").nama == "KPU Kota Pagar Alam"


def test_arsip_dengan_path_traversal_ditolak(db, tmp_path):
    arsip = tmp_path / "jahat.tar.gz"
    with tarfile.open(arsip, "w:gz") as tar:
        for nama in ("manifest.json", "data.json", "../../luar.txt"):
            f = tmp_path / "x"
            f.write_text(json.dumps({}))
            tar.add(f, arcname=nama)
    with pytest.raises(CommandError, match="tidak aman"):
        call_command("cadangan", "pulihkan", str(arsip), "--ya")
    assert not (tmp_path.parent.parent / "luar.txt").exists()


def test_pemulihan_gagal_tidak_mengubah_apa_pun(kantor, tmp_path, monkeypatch):
    arsip = tmp_path / "sakip.tar.gz"
    call_command("cadangan", "buat", str(arsip))
    Satker.objects.filter(kode="1672").update(nama="Diubah setelah cadangan")

    def gagal(*args, **kwargs):
        raise RuntimeError("disk penuh")

    from satker.management.commands import cadangan

    asli = cadangan.call_command

    def call_command_gagal(nama, *args, **kwargs):
        if nama == "loaddata":
            gagal()
        return asli(nama, *args, **kwargs)

    monkeypatch.setattr(cadangan, "call_command", call_command_gagal)
    with pytest.raises(RuntimeError):
        call_command("cadangan", "pulihkan", str(arsip), "--ya")
    # The flush was rolled back with the failed load: the data is as it was.
    assert Satker.objects.get(kode="1672").nama == "Diubah setelah cadangan"
    assert PerjanjianKinerja.objects.count() == 3


def test_cadangan_lama_dipulihkan_ke_skema_yang_lebih_baru(kantor, settings, tmp_path):
    """A backup made before the newest migrations (without the fields they added) restores onto
    the upgraded database: the new fields take their defaults, every row comes back."""
    arsip = tmp_path / "sakip.tar.gz"
    call_command("cadangan", "buat", str(arsip))
    PdfLaporan.objects.create(satker=kantor.satker, tahun=2024, sidik="a" * 64)
    call_command("cadangan", "buat", str(arsip))
    lama = tmp_path / "lama.tar.gz"
    with tarfile.open(arsip) as sumber, tarfile.open(lama, "w:gz") as tujuan:
        anggota = {a.name: a for a in sumber.getmembers()}
        data = json.loads(sumber.extractfile("data.json").read())
        for obj in data:
            if obj["model"] == "laporan.pdflaporan":
                obj["fields"].pop("final_oleh"), obj["fields"].pop("hasil")
        isi = json.dumps(data).encode()
        manifest = json.loads(sumber.extractfile("manifest.json").read())
        manifest["migrasi"] = [
            m for m in manifest["migrasi"] if m != ["laporan", "0004_finalisasi_di_worker"]
        ]
        manifest["sha256_data"] = hashlib.sha256(isi).hexdigest()
        for nama, a in anggota.items():
            if nama == "data.json":
                a.size = len(isi)
                tujuan.addfile(a, io.BytesIO(isi))
            elif nama == "manifest.json":
                m = json.dumps(manifest).encode()
                a.size = len(m)
                tujuan.addfile(a, io.BytesIO(m))
            else:
                tujuan.addfile(a, sumber.extractfile(a) if a.isfile() else None)
    if connection.vendor == "postgresql":
        with connection.cursor() as c:
            c.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0)
    call_command("cadangan", "pulihkan", str(lama), "--ya")
    pdf = PdfLaporan.objects.get(sidik="a" * 64)
    assert pdf.final_oleh is None and pdf.hasil is None
    assert PerjanjianKinerja.objects.filter(satker__kode="1672").count() == 3

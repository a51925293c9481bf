"""Back up and restore the whole application: database rows and uploaded files, one archive.

    manage.py cadangan buat /srv/cadangan/sakip-2025-01-31.tar.gz
    manage.py cadangan pulihkan /srv/cadangan/sakip-2025-01-31.tar.gz --ya

The archive (tar.gz) holds `manifest.json` (format, time, database engine, the applied
migrations, row counts, the SHA-256 of the data), `data.json` (every row, Django's dumpdata
format) and `media/` (evidence files and report PDFs, the working files under tmp/ left out).

Why a JSON dump and not pg_dump or SQLite's file copy: the same command and the same archive
work on SQLite and PostgreSQL (an archive from one restores into the other), and the round trip
is tested on both. Consistency: the dump is read inside one transaction, REPEATABLE READ on
PostgreSQL and a read transaction on SQLite, so it is one snapshot even while users work.
Files are copied after the rows; files are never rewritten (a final PDF is stored once under its
version, evidence under a new name), so every file the rows name is in the archive.

Restoring replaces everything in one transaction (flush, then load): if loading fails, the
database is as it was. Files are written only after the rows are in. Sessions, login-attempt
records and queued background jobs are not backed up; users sign in again after a restore.
Backups hold password hashes and API tokens: keep them like the database itself.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder

from common.kunci import kunci_dilepas

FORMAT = 1
# Rebuilt by migrate (content types, permissions) or not worth keeping (sessions, lockouts,
# queued jobs and the rekap's queue of changed satker: a restored database starts with none).
DIKECUALIKAN = [
    "contenttypes",
    "auth.permission",
    "sessions",
    "axes",
    "django_tasks_database",
    "rekap.SatkerBerubah",
]
MEDIA_SEMENTARA = "tmp"


def _migrasi() -> list[list[str]]:
    return sorted([a, n] for a, n in MigrationRecorder(connection).applied_migrations())


def _jumlah_baris() -> dict[str, int]:
    lewati = {"contenttypes", "sessions", "axes", "django_tasks_database"}
    return {
        m._meta.label: m._default_manager.count()
        for m in apps.get_models()
        if m._meta.app_label not in lewati
        and m._meta.label not in ("auth.Permission", "rekap.SatkerBerubah")
    }


def buat_cadangan(tujuan: Path) -> dict:
    """Write the archive; returns its manifest."""
    data = io.StringIO()
    sudah_dalam_transaksi = connection.in_atomic_block  # called from code that opened one
    with transaction.atomic():
        if connection.vendor == "postgresql" and not sudah_dalam_transaksi:
            with connection.cursor() as c:
                c.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        call_command(
            "dumpdata",
            natural_foreign=True,
            exclude=DIKECUALIKAN,
            format="json",
            indent=None,
            stdout=data,
        )
        jumlah = _jumlah_baris()
        migrasi = _migrasi()
    isi = data.getvalue().encode()
    manifest = {
        "format": FORMAT,
        "dibuat": dt.datetime.now(dt.UTC).isoformat(),
        "basis_data": connection.vendor,
        "migrasi": migrasi,
        "jumlah_baris": jumlah,
        "sha256_data": hashlib.sha256(isi).hexdigest(),
    }
    media = Path(settings.MEDIA_ROOT)
    tujuan.parent.mkdir(parents=True, exist_ok=True)
    sementara = tujuan.with_name(tujuan.name + ".sebagian")
    with tarfile.open(sementara, "w:gz") as tar:
        _tambah(tar, "manifest.json", json.dumps(manifest, indent=2).encode())
        _tambah(tar, "data.json", isi)
        if media.exists():
            for f in sorted(media.rglob("*")):
                relatif = f.relative_to(media)
                if f.is_file() and relatif.parts[0] != MEDIA_SEMENTARA:
                    tar.add(f, arcname=str(PurePosixPath("media", *relatif.parts)))
    sementara.replace(tujuan)  # never a half-written archive under the real name
    return manifest


def _tambah(tar: tarfile.TarFile, nama: str, isi: bytes) -> None:
    info = tarfile.TarInfo(nama)
    info.size = len(isi)
    tar.addfile(info, io.BytesIO(isi))


def _anggota_aman(anggota: tarfile.TarInfo) -> PurePosixPath:
    path = PurePosixPath(anggota.name)
    if path.is_absolute() or ".." in path.parts or not (anggota.isfile() or anggota.isdir()):
        raise CommandError(f"Arsip memuat berkas yang tidak aman: {anggota.name}")
    return path


def pulihkan_cadangan(sumber: Path) -> dict:
    """Replace the database rows and the media files with the archive's; returns its manifest."""
    if not sumber.exists():
        raise CommandError(f"Berkas cadangan {sumber} tidak ada.")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        with tarfile.open(sumber, "r:gz") as tar:
            for anggota in tar.getmembers():
                _anggota_aman(anggota)
            tar.extractall(tmp, filter="data")
        try:
            manifest = json.loads((tmp / "manifest.json").read_text())
            isi = (tmp / "data.json").read_bytes()
        except (FileNotFoundError, ValueError) as exc:
            raise CommandError(
                "Bukan arsip cadangan SAKIP (manifest atau data tidak ada)."
            ) from exc
        if manifest.get("format") != FORMAT:
            raise CommandError(f"Format cadangan {manifest.get('format')} tidak dikenal.")
        if hashlib.sha256(isi).hexdigest() != manifest["sha256_data"]:
            raise CommandError("Data cadangan rusak: SHA-256 tidak cocok dengan manifest.")
        kurang = {tuple(m) for m in manifest["migrasi"]} - {tuple(m) for m in _migrasi()}
        if kurang:
            raise CommandError(
                "Cadangan dibuat oleh versi aplikasi yang lebih baru (migrasi belum ada di sini: "
                + ", ".join(f"{a}.{n}" for a, n in sorted(kurang))
                + "). Perbarui aplikasi dan jalankan migrate dahulu."
            )
        with transaction.atomic(), kunci_dilepas("pulihkan cadangan"):
            if connection.vendor == "postgresql":
                # TRUNCATE refuses while deferred foreign-key checks are pending (rows written
                # earlier in an enclosing transaction): run them now, defer again for the load.
                with connection.cursor() as c:
                    c.execute("SET CONSTRAINTS ALL IMMEDIATE")
            # No post_migrate: the backup brings its own content types and catalogue.
            call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
            if connection.vendor == "postgresql":
                with connection.cursor() as c:
                    c.execute("SET CONSTRAINTS ALL DEFERRED")
            call_command("loaddata", str(tmp / "data.json"), verbosity=0)
            jumlah = _jumlah_baris()
            beda = {
                k: (v, jumlah.get(k))
                for k, v in manifest["jumlah_baris"].items()
                if jumlah.get(k) != v
            }
            if beda:
                raise CommandError(f"Jumlah baris setelah pemulihan tidak cocok: {beda}")
        media = Path(settings.MEDIA_ROOT)
        if (tmp / "media").exists():
            media.mkdir(parents=True, exist_ok=True)
            shutil.copytree(tmp / "media", media, dirs_exist_ok=True)
    return manifest


class Command(BaseCommand):
    help = "Buat atau pulihkan cadangan lengkap (basis data dan berkas unggahan)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="aksi", required=True)
        buat = sub.add_parser("buat", help="Tulis cadangan ke berkas .tar.gz.")
        buat.add_argument("berkas", type=Path)
        pulih = sub.add_parser("pulihkan", help="Ganti seluruh data dengan isi cadangan.")
        pulih.add_argument("berkas", type=Path)
        pulih.add_argument(
            "--ya", action="store_true", help="Jangan bertanya; seluruh data saat ini diganti."
        )

    def handle(self, *args, aksi, berkas, **opts):
        if aksi == "buat":
            m = buat_cadangan(berkas)
            total = sum(m["jumlah_baris"].values())
            self.stdout.write(f"Cadangan {berkas} dibuat: {total} baris, {m['basis_data']}.")
            return
        if not opts["ya"]:
            jawab = input(f"Seluruh data saat ini akan diganti dengan isi {berkas}. Lanjut? [y/N] ")
            if jawab.strip().lower() not in {"y", "ya"}:
                raise CommandError("Dibatalkan.")
        m = pulihkan_cadangan(berkas)
        self.stdout.write(f"Cadangan {berkas} ({m['dibuat']}, {m['basis_data']}) dipulihkan.")

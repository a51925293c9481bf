"""Production settings: `manage.py check --deploy` is clean with a production environment."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _check(**env) -> subprocess.CompletedProcess:
    lingkungan = {
        k: v
        for k, v in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE: set by tests/e2e/conftest.py for the browser tests.
        if k
        not in {
            "DEBUG",
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "TASK_BACKEND",
            "HTTPS",
            "SECURE_SSL_REDIRECT",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        }
    }
    lingkungan.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=lingkungan,
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUKSI = {
    "SECRET_KEY": secrets.token_urlsafe(50),
    "DEBUG": "0",
    "ALLOWED_HOSTS": "sakip.example.org",
    "TASK_BACKEND": "database",
}


def test_check_deploy_bersih():
    hasil = _check(**PRODUKSI)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "no issues" in hasil.stdout


def test_check_deploy_di_balik_proxy():
    hasil = _check(**PRODUKSI, SECURE_PROXY_SSL_HEADER="1")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


@pytest.mark.parametrize(
    ("ubah", "kode"),
    [
        ({"TASK_BACKEND": "immediate"}, "laporan.W001"),
        ({"SECURE_SSL_REDIRECT": "0"}, "security.W008"),
        ({"SECRET_KEY": "pendek"}, "security.W009"),
    ],
)
def test_check_deploy_menangkap_kesalahan(ubah, kode):
    hasil = _check(**{**PRODUKSI, **ubah})
    assert hasil.returncode != 0 and kode in hasil.stderr + hasil.stdout


def test_percobaan_produksi_di_http_biasa_bila_dinyatakan():
    """docs/deployment.md: HTTPS=0 starts the production set-up on plain HTTP for a trial."""
    hasil = _check(**{**PRODUKSI, "HTTPS": "0", "ALLOWED_HOSTS": "127.0.0.1,localhost"})
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


def test_tanpa_secret_key_menolak_jalan():
    hasil = _check(DEBUG="0", ALLOWED_HOSTS="sakip.example.org")
    assert hasil.returncode != 0 and "SECRET_KEY" in hasil.stderr


def test_proses_web_menyiapkan_tabel_url_sebelum_permintaan_pertama():
    # config/wsgi.py (what gunicorn loads) builds every URL namespace's reverse table, so the
    # first page a user opens after a restart does not wait for it (issue 19)
    kode = """
import config.wsgi
from django.urls import reverse
from django.urls import resolvers
dipanggil = []
asli = resolvers.normalize
resolvers.normalize = lambda *a: dipanggil.append(a) or asli(*a)
for nama in ("rekap:nasional", "kinerja:realisasi_index", "laporan:indeks", "satker:notifikasi"):
    reverse(nama)
print(len(dipanggil))
"""
    env = {**os.environ, "SECRET_KEY": "uji", "DJANGO_SETTINGS_MODULE": "config.settings"}
    hasil = subprocess.run(
        [sys.executable, "-c", kode], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert hasil.returncode == 0, hasil.stderr
    assert hasil.stdout.strip() == "0"

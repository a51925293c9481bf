"""Security settings as a browser and an attacker meet them: headers, CSP, cookies, CSRF,
login throttling, password rules, sessions, uploads, and the production settings."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import get_resolver, reverse
from rest_framework.test import APIClient

from kinerja.models import Realisasi
from tests.kinerja.test_views_akses import PDF, bangun_dunia

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def dunia(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return bangun_dunia(personas)


# ---------------------------------------------------------------- headers and CSP


def _csp(resp) -> dict[str, list[str]]:
    hasil = {}
    for bagian in resp["Content-Security-Policy"].split(";"):
        kata = bagian.split()
        if kata:
            hasil[kata[0]] = kata[1:]
    return hasil


@pytest.mark.parametrize("url", ["/", "/akun/masuk/", "/api/docs/"])
def test_header_keamanan(client, personas, url):
    client.force_login(personas.operator_a)
    resp = client.get(url)
    assert resp.status_code == 200
    csp = _csp(resp)
    assert csp["script-src"] == ["'self'"]  # no inline script, no eval, no other host
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["form-action"] == ["'self'"]
    assert resp["X-Frame-Options"] == "DENY"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert resp["Referrer-Policy"] == "same-origin"


def test_bukti_dikirim_dalam_sandbox(client, dunia):
    client.force_login(dunia.personas.operator_a)
    resp = client.get(reverse("kinerja:realisasi_bukti", args=[dunia.realisasi.pk]))
    assert "sandbox" in resp["Content-Security-Policy"]
    assert resp["X-Content-Type-Options"] == "nosniff"


def _template():
    for folder in [ROOT / "templates", *ROOT.glob("*/templates")]:
        yield from folder.rglob("*.html")


def test_tidak_ada_skrip_inline_di_template():
    """CSP forbids inline script; catch it in review, not in a user's browser console."""
    salah = []
    for path in _template():
        teks = path.read_text()
        for m in re.finditer(r"<script(?![^>]*\bsrc=)[^>]*>", teks):
            if 'type="application/json"' not in m.group(0):
                salah.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
        for m in re.finditer(r"\son[a-z]+\s*=", teks):
            salah.append(f"{path.relative_to(ROOT)}: {m.group(0)}")
        if "javascript:" in teks:
            salah.append(f"{path.relative_to(ROOT)}: javascript:")
    assert not salah, "\n".join(salah)


# ---------------------------------------------------------------- CSRF


def test_csrf_diwajibkan_pada_formulir(personas):
    c = Client(enforce_csrf_checks=True)
    c.force_login(personas.operator_a)
    resp = c.post(reverse("kinerja:pk_create", args=[personas.satker_a.kode]), {"tahun": 2024})
    assert resp.status_code == 403


def test_csrf_diwajibkan_pada_api_dengan_sesi(personas):
    c = APIClient(enforce_csrf_checks=True)
    c.force_login(personas.operator_a)
    resp = c.post("/api/v1/perjanjian/", {"satker": "1672", "tahun": 2024, "jenis": "KPU"})
    assert resp.status_code == 403
    assert "CSRF" in resp.json()["detail"]


# ---------------------------------------------------------------- login throttling


def _masuk(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_login_dikunci_setelah_terlalu_banyak_salah(client, personas, settings):
    batas = settings.AXES_FAILURE_LIMIT
    for _ in range(batas - 1):
        resp = _masuk(client, "operator_a", "salah-salah")
        assert resp.status_code == 200  # the form again, with its error
    assert _masuk(client, "operator_a", "salah-salah").status_code == 429
    resp = _masuk(client, "operator_a", "rahasia-uji-123")  # even the right password
    assert resp.status_code == 429
    teks = resp.content.decode()
    assert "Terlalu banyak percobaan masuk" in teks
    # Another user from the same address is not locked out.
    resp = _masuk(client, "operator_b", "rahasia-uji-123")
    assert resp.status_code == 302


def test_di_balik_proxy_penyerang_tidak_mengunci_pemilik_akun(client, personas, settings):
    """Behind a reverse proxy every request comes from the proxy's address; the lock follows the
    address the proxy saw, so someone guessing a password elsewhere cannot lock the owner out."""
    settings.TRUSTED_PROXY_COUNT = 1
    proxy = {"REMOTE_ADDR": "127.0.0.1"}
    penyerang = {**proxy, "HTTP_X_FORWARDED_FOR": "203.0.113.9"}
    pemilik = {**proxy, "HTTP_X_FORWARDED_FOR": "198.51.100.7"}
    data = {"username": "operator_a", "password": "salah"}
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), data, **penyerang)
    assert client.post(reverse("login"), data, **penyerang).status_code == 429
    benar = {"username": "operator_a", "password": "rahasia-uji-123"}
    assert client.post(reverse("login"), benar, **pemilik).status_code == 302


def test_login_benar_mengatur_ulang_hitungan(client, personas, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _masuk(client, "operator_a", "salah")
    assert _masuk(client, "operator_a", "rahasia-uji-123").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _masuk(client, "operator_a", "salah")
    assert _masuk(client, "operator_a", "rahasia-uji-123").status_code == 302


def test_token_api_ikut_dikunci(personas, settings):
    api = APIClient()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        resp = api.post("/api/v1/token/", {"username": "ketua_a", "password": "salah"})
        assert resp.status_code in (400, 429)
    resp = api.post("/api/v1/token/", {"username": "ketua_a", "password": "rahasia-uji-123"})
    assert resp.status_code in (400, 403, 429)
    assert b'"token"' not in resp.content


# ---------------------------------------------------------------- passwords and sessions


@pytest.mark.parametrize("sandi", ["12345678", "password", "operator_a1", "pendek"])
def test_sandi_lemah_ditolak(client, personas, sandi):
    client.force_login(personas.operator_a)
    resp = client.post(
        reverse("password_change"),
        {"old_password": "rahasia-uji-123", "new_password1": sandi, "new_password2": sandi},
    )
    assert resp.status_code == 200  # the form again
    personas.operator_a.refresh_from_db()
    assert personas.operator_a.check_password("rahasia-uji-123")


def test_sesi_berakhir():
    assert django_settings.SESSION_COOKIE_AGE <= 8 * 3600
    assert django_settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert django_settings.SESSION_COOKIE_HTTPONLY


def _pengaturan_produksi(**tambahan) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        DEBUG="0",
        ALLOWED_HOSTS="sakip.example.go.id",
        TASK_BACKEND="database",
        **tambahan,
    )
    kode = (
        "import json; from django.conf import settings as s; print(json.dumps({k: getattr(s, k,"
        " None) for k in ['DEBUG', 'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE',"
        " 'SECURE_HSTS_SECONDS', 'SECURE_SSL_REDIRECT', 'SECRET_KEY']}))"
    )
    hasil = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", kode],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert hasil.returncode == 0, hasil.stderr
    return json.loads(hasil.stdout.strip().splitlines()[-1])


def test_pengaturan_produksi_aman():
    s = _pengaturan_produksi()
    assert s["DEBUG"] is False
    assert s["SESSION_COOKIE_SECURE"] and s["CSRF_COOKIE_SECURE"]
    assert s["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert s["SECURE_SSL_REDIRECT"]
    assert "dev-only" not in s["SECRET_KEY"]
    # No secret in the repository: the settings module holds no key of its own.
    teks = (ROOT / "config" / "settings.py").read_text()
    kunci = re.findall(r"SECRET_KEY\s*=\s*['\"]([^'\"]*)", teks)
    assert all(k.startswith("dev-only") for k in kunci), kunci


# ---------------------------------------------------------------- uploads


def _unggah_bukti(client, dunia, berkas):
    url = reverse("kinerja:realisasi_update", args=[dunia.baris_ttd.pk, "TW1"])
    return client.post(url, {"teks": "30%", "bukti_file": berkas})


def test_bukti_diperiksa_dari_isinya(client, dunia):
    client.force_login(dunia.personas.operator_a)
    palsu = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script></html>")
    resp = _unggah_bukti(client, dunia, palsu)
    assert resp.status_code == 200
    assert "isi berkas diperiksa" in resp.content.decode()
    realisasi = Realisasi.objects.get(pk=dunia.realisasi.pk)
    assert realisasi.bukti_file.name.endswith("bukti.pdf")


def test_bukti_terlalu_besar_ditolak(client, dunia, monkeypatch):
    monkeypatch.setattr("kinerja.forms.MAX_BUKTI_BYTES", 1024)
    client.force_login(dunia.personas.operator_a)
    besar = SimpleUploadedFile("besar.pdf", PDF + b"0" * 2048)
    resp = _unggah_bukti(client, dunia, besar)
    assert resp.status_code == 200
    assert "terlalu besar" in resp.content.decode()


def test_nama_berkas_bukti_tidak_bisa_keluar_dari_media_root(client, dunia, settings):
    client.force_login(dunia.personas.operator_a)
    jahat = SimpleUploadedFile("../../etc/passwd.pdf", PDF)
    resp = _unggah_bukti(client, dunia, jahat)
    assert resp.status_code == 302, resp.content.decode()[:500]
    realisasi = Realisasi.objects.get(pk=dunia.realisasi.pk)
    path = Path(realisasi.bukti_file.path).resolve()
    media = Path(settings.MEDIA_ROOT).resolve()
    assert path.is_relative_to(media / "bukti")
    assert ".." not in realisasi.bukti_file.name
    assert re.fullmatch(r"[a-z0-9_-]+\.pdf", path.name), path.name


def test_nama_berkas_dengan_skrip_disanitasi(client, dunia):
    client.force_login(dunia.personas.operator_a)
    jahat = SimpleUploadedFile('"><script>alert(1)</script>.php.pdf', PDF)
    assert _unggah_bukti(client, dunia, jahat).status_code == 302
    nama = Realisasi.objects.get(pk=dunia.realisasi.pk).bukti_file.name
    assert "<" not in nama and '"' not in nama and nama.endswith(".pdf")
    assert ".php" not in nama


def test_unggahan_tidak_disajikan_dari_web_root():
    media = Path(django_settings.MEDIA_ROOT).resolve()
    static = [Path(django_settings.STATIC_ROOT).resolve()]
    static += [Path(d).resolve() for d in django_settings.STATICFILES_DIRS]
    assert not any(media.is_relative_to(s) or s.is_relative_to(media) for s in static)
    assert not getattr(django_settings, "MEDIA_URL", "").strip("/")
    rute = [str(p.pattern) for p in get_resolver().url_patterns]
    assert not any("media" in r for r in rute)


def test_workbook_bukan_xlsx_ditolak_tanpa_error_server(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(personas.operator_a)
    palsu = SimpleUploadedFile("../../data.xlsx", b"<?php system($_GET['c']); ?>")
    resp = client.post(reverse("workbook:unggah"), {"berkas": palsu}, follow=True)
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "system(" not in teks
    # Whatever was stored sits under MEDIA_ROOT/tmp/workbook with a random name.
    for f in Path(settings.MEDIA_ROOT).rglob("*"):
        if f.is_file():
            assert f.parent == Path(settings.MEDIA_ROOT) / "tmp" / "workbook"
            assert "data" not in f.name


def test_workbook_terlalu_besar_ditolak(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MAX_UPLOAD_BYTES = 1024
    client.force_login(personas.operator_a)
    besar = SimpleUploadedFile("besar.xlsx", b"PK\x03\x04" + b"0" * 4096)
    resp = client.post(reverse("workbook:unggah"), {"berkas": besar})
    assert resp.status_code == 200
    assert "terlalu besar" in resp.content.decode()
    assert not (Path(settings.MEDIA_ROOT) / "tmp" / "workbook").exists()

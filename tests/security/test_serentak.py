"""The embedded default holds a few users at once: 20 people logging in and saving at the same
moment, through real HTTP requests to the server `bin/start` runs (runserver on SQLite with the
demo data), all succeed; none gets "database is locked" (a 503)."""

from __future__ import annotations

import http.cookiejar
import os
import re
import subprocess
import sys
import threading
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.proses import jalankan_server

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
ORANG = 20
PENGGUNA = ["operator.pagaralam", "sekretaris.pagaralam", "ketua.pagaralam", "operator.oki"]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    if "DATABASE_URL" in os.environ:
        pytest.skip("the embedded default is SQLite; this run is on PostgreSQL")
    tmp = tmp_path_factory.mktemp("serentak")
    env = {
        **os.environ,
        "DEBUG": "1",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
    }
    for perintah in (["migrate", "-v0"], ["demo"]):
        subprocess.run(
            [PYTHON, "manage.py", *perintah], cwd=ROOT, env=env, check=True, capture_output=True
        )
    proses, url = jalankan_server(env)
    yield url
    proses.terminate()
    proses.wait(timeout=10)


def _csrf(opener, url: str) -> str:
    html = opener.open(url, timeout=60).read().decode()
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)


def _orang(url: str, i: int, hasil: list, mulai: threading.Barrier) -> None:
    """Log in, then save the satker's address: as a person at the keyboard would."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    try:
        token = _csrf(opener, url + "/akun/masuk/")
        mulai.wait(timeout=60)
        data = {"username": PENGGUNA[i % len(PENGGUNA)], "password": "demo12345"}
        data["csrfmiddlewaretoken"] = token
        halaman = opener.open(
            url + "/akun/masuk/", urllib.parse.urlencode(data).encode(), timeout=60
        )
        masuk = "Keluar" in halaman.read().decode()
        kode = "1602" if PENGGUNA[i % len(PENGGUNA)].endswith("oki") else "1672"
        ubah = f"{url}/satker/{kode}/ubah/"
        data = {"alamat": f"Jalan Uji {i}", "kota": "Kota Uji", "csrfmiddlewaretoken": ""}
        data["csrfmiddlewaretoken"] = _csrf(opener, ubah)
        simpan = opener.open(ubah, urllib.parse.urlencode(data).encode(), timeout=60)
        hasil.append((i, masuk, simpan.status, "Profil satker disimpan" in simpan.read().decode()))
    except urllib.error.HTTPError as exc:
        hasil.append((i, False, exc.code, False))
    except OSError as exc:
        hasil.append((i, False, str(exc), False))


def test_twenty_people_log_in_and_save_at_once(server):
    hasil: list = []
    mulai = threading.Barrier(ORANG)
    utas = [threading.Thread(target=_orang, args=(server, i, hasil, mulai)) for i in range(ORANG)]
    for u in utas:
        u.start()
    for u in utas:
        u.join(timeout=180)
    gagal = [h for h in hasil if h[1:] != (True, 200, True)]
    assert len(hasil) == ORANG and not gagal, gagal

"""Real faults against real processes (issue 12): a report worker killed with SIGKILL in the
middle of a render, and the PostgreSQL server restarted in the middle of a request. After each:
nothing half-written, a clear message, and the next attempt succeeds.

They start their own processes (a database, `runserver`, `db_worker`), so they take about half a
minute each; the PostgreSQL one runs in the test command's PostgreSQL pass only.
"""

from __future__ import annotations

import http.cookiejar
import os
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from tests.proses import jalankan_server

ROOT = Path(__file__).resolve().parents[2]
PYTHON = sys.executable
PDF_DRAF = "/laporan/1672/2024/draf.pdf"


def _env(tmp: Path, **lain) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "HTTPS"}}
    return {
        **env,
        "DEBUG": "1",
        "SECRET_KEY": "uji-gangguan",
        "SQLITE_PATH": str(tmp / "db.sqlite3"),
        "MEDIA_ROOT": str(tmp / "media"),
        **lain,
    }


def _manage(env: dict, *args: str, timeout: int = 300) -> str:
    hasil = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    return hasil.stdout


def _siapkan(env: dict) -> None:
    _manage(env, "migrate", "-v0")
    _manage(env, "demo")


MINTA_PDF = (
    "from laporan.services import laporan_request_draft_pdf as minta;"
    "from satker.models import Satker;"
    "b = minta(satker=Satker.objects.get(kode='1672'), tahun=2024);"
    "print(b.pk, b.status)"
)


def _status_pdf(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as c:
        return c.execute("SELECT id, status, berkas FROM laporan_pdflaporan ORDER BY id").fetchall()


def test_worker_killed_mid_render_leaves_nothing_half_written(tmp_path):
    if "DATABASE_URL" in os.environ:
        pytest.skip("runs once, in the SQLite pass")
    env = _env(tmp_path, TASK_BACKEND="database", RENDER_MACET_DETIK="8")
    _siapkan(env)
    pdf_demo = set((tmp_path / "media").rglob("*.pdf"))  # the demo's final LKjIP 2025
    pk, status = _manage(env, "shell", "-v0", "-c", MINTA_PDF).split()
    assert status == "ANTRI"
    worker = subprocess.Popen(
        [
            PYTHON,
            "manage.py",
            "db_worker",
            "--interval",
            "0.2",
            "--no-startup-delay",
            "--no-reload",  # the worker itself, not an autoreloader whose child would live on
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    db = tmp_path / "db.sqlite3"
    batas = time.monotonic() + 120
    while _status_pdf(db)[-1][1] != "PROSES":
        assert time.monotonic() < batas and worker.poll() is None
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)
    (_, status, berkas), *_ = _status_pdf(db)
    assert status == "PROSES" and berkas == ""
    assert set((tmp_path / "media").rglob("*.pdf")) == pdf_demo

    time.sleep(8.5)  # past RENDER_MACET_DETIK, and longer than a render takes: nobody finished it
    (_, status, berkas), *_ = _status_pdf(db)
    assert status == "PROSES" and berkas == ""
    assert set((tmp_path / "media").rglob("*.pdf")) == pdf_demo
    pk2, status = _manage(env, "shell", "-v0", "-c", MINTA_PDF).split()
    assert (pk2, status) == (pk, "ANTRI")
    _manage(env, "db_worker", "--batch", "--no-startup-delay")
    (_, status, berkas), *_ = _status_pdf(db)
    assert status == "SIAP"
    assert (tmp_path / "media" / berkas).read_bytes().startswith(b"%PDF")


# ---------------------------------------------------------------- PostgreSQL restarted


def _pg_restart(pgdir: str) -> None:
    pgbin = sorted(Path("/usr/lib/postgresql").glob("*/bin"))[-1]
    sebagai = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    perintah = [str(pgbin / "pg_ctl"), "-D", f"{pgdir}/data", "-l", f"{pgdir}/log"]
    subprocess.run(
        [*sebagai, *perintah, "restart", "-m", "fast", "-w"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.fixture
def pg_sendiri():
    """A PostgreSQL server of this test's own: restarting it touches no other test."""
    if "DATABASE_URL" not in os.environ:
        pytest.skip("runs in the PostgreSQL pass")
    pgdir = subprocess.run(
        ["bin/pg", "start"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout.strip()
    yield pgdir, (Path(pgdir) / "url").read_text().strip()
    subprocess.run(["bin/pg", "stop", pgdir], cwd=ROOT, capture_output=True)


def _masuk(url: str):
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    html = opener.open(url + "/akun/masuk/", timeout=30).read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    data = {"username": "operator.pagaralam", "password": "demo12345"}
    opener.open(
        url + "/akun/masuk/",
        urllib.parse.urlencode({**data, "csrfmiddlewaretoken": token}).encode(),
        timeout=30,
    )
    return opener


def _minta(opener, url: str) -> tuple[int, bytes]:
    try:
        resp = opener.open(url, timeout=120)
        return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def test_postgresql_restarted_mid_request(tmp_path, pg_sendiri):
    pgdir, db_url = pg_sendiri
    env = _env(tmp_path, DATABASE_URL=db_url, TASK_BACKEND="immediate")
    _siapkan(env)
    server, url = jalankan_server(env)
    try:
        opener = _masuk(url)
        hasil: list = []
        # The draft PDF of a 48-page report renders inside this request (immediate backend)
        # for a few seconds; the database restarts meanwhile.
        utas = threading.Thread(target=lambda: hasil.append(_minta(opener, url + PDF_DRAF)))
        utas.start()
        time.sleep(0.8)
        _pg_restart(pgdir)
        utas.join(timeout=180)
        status, isi = hasil[0]
        assert status == 503, (status, isi[:300])
        assert "Basis data sedang tidak dapat dihubungi" in isi.decode()
        keluaran = _manage(
            env,
            "shell",
            "-v0",
            "-c",
            "from laporan.models import PdfLaporan; print(PdfLaporan.objects.count())",
        )
        assert keluaran.strip() == "0"  # nothing of the broken request was kept
        status, isi = _minta(opener, url + PDF_DRAF)  # the same person, the next attempt
        assert status == 200 and isi.startswith(b"%PDF")
    finally:
        server.terminate()
        server.wait(timeout=10)

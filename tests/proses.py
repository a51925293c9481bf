"""Helpers for tests that drive real processes (a server, a worker) over real sockets."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def port_bebas() -> int:
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def jalankan_server(env: dict) -> tuple[subprocess.Popen, str]:
    """`manage.py runserver` (as bin/start runs it) on a free port; returns it and its URL once
    it answers."""
    port = port_bebas()
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(url + "/akun/masuk/", timeout=2)
            break
        except OSError:
            time.sleep(0.2)
    return server, url


def manage(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Run `manage.py <args>` in its own process; the output is text."""
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def env_sqlite_baru(tmp_path: Path) -> dict:
    """The environment of a fresh SQLite database (and media) in `tmp_path`, whatever database
    the test run itself uses."""
    import os

    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        MEDIA_ROOT=str(tmp_path / "media"),
        DEBUG="1",
        SECRET_KEY="uji-satker-baru",
    )
    return env

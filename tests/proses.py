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

"""The embedded default renders PDFs out of the request (issue 15, part 1): `bin/dev`, which
`bin/start` ends with, runs the task worker next to the web server. In real Chromium: asking for
the draft PDF answers at once with a progress bar, which updates itself until the PDF is ready."""

import os
import signal
import subprocess
import time
import urllib.request

from tests.e2e.conftest import halaman_baru
from tests.proses import ROOT, env_sqlite_baru, manage, port_bebas

ISI = (
    "from tests.conftest import buat_personas; from tests.laporan.conftest import isi_kantor; "
    "isi_kantor(buat_personas().satker_a)"
)


def _tunggu(url: str) -> None:
    for _ in range(300):
        try:
            urllib.request.urlopen(url + "/akun/masuk/", timeout=2)
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("bin/dev tidak menjawab")


def test_bin_dev_renders_the_draft_pdf_in_its_worker(browser, tmp_path):
    env = env_sqlite_baru(tmp_path)
    assert manage(env, "migrate", "--noinput", "-v0").returncode == 0
    isi = manage(env, "shell", "-c", ISI)
    assert isi.returncode == 0, isi.stderr
    port = port_bebas()
    env["PORT"] = f"127.0.0.1:{port}"
    env.pop("TASK_BACKEND", None)
    proses = subprocess.Popen(
        ["bin/dev", "--noreload"],
        cwd=ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _tunggu(url)
        page = halaman_baru(browser, url, "operator_a")
        page.goto(f"{url}/laporan/1672/2024/")
        page.click("text=PDF draf")
        progres = page.locator("#pdf-progres")
        # the request only queued the render: the page shows the queue or the running render
        awal = progres.inner_text()
        assert "Dalam antrean" in awal or "Sedang dirender" in awal, awal
        assert page.locator("#pdf-progres progress").count() == 1
        # htmx polls the fragment: the link appears without reloading the page
        page.wait_for_selector("text=Buka PDF draf", timeout=90_000)
        assert "PDF siap" in progres.inner_text()
        href = page.get_attribute("text=Buka PDF draf", "href")
        resp = page.request.get(url + href)
        assert resp.headers["content-type"] == "application/pdf"
        assert resp.body().startswith(b"%PDF")
        page.context.close()
    finally:
        os.killpg(proses.pid, signal.SIGTERM)
        proses.wait(timeout=20)

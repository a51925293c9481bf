"""Browser tests in Debian's Chromium through Playwright's sync API (never a downloaded browser)."""

import os
import shutil

import pytest

# Playwright's sync API runs an event loop in this thread; Django's ORM must still be usable.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SANDI = "rahasia-uji-123"


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM):
        pytest.skip("Chromium Debian belum terpasang (apt-get install chromium).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):
    ctx = browser.new_context(locale="id-ID", viewport={"width": 1366, "height": 900})
    ctx.set_default_timeout(10_000)
    pg = ctx.new_page()
    yield pg
    ctx.close()


@pytest.fixture(autouse=True)
def _pengaturan_uji(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def login(page, base_url: str, username: str):
    """Sign in through the login form; the page ends on the home page."""
    page.goto(f"{base_url}/akun/masuk/")
    page.fill("#id_username", username)
    page.fill("#id_password", SANDI)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base_url}/")
    return page


def halaman_baru(browser, base_url: str, username: str, lebar: int = 1366):
    """A new browser context (its own session) signed in as `username`."""
    ctx = browser.new_context(locale="id-ID", viewport={"width": lebar, "height": 900})
    ctx.set_default_timeout(15_000)
    return login(ctx.new_page(), base_url, username)


@pytest.fixture
def masuk(page, live_server):
    def _masuk(username: str):
        return login(page, live_server.url, username)

    return _masuk

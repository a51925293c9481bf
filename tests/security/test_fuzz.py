"""Hostile input never reaches a 500 (issue 12): every page and API route of the access matrix
receives hostile bodies (deeply nested JSON, an oversized body, a wrong content type, invalid
UTF-8, NUL bytes), anonymously and as the office's operator, and answers below 500."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from common.api import KEDALAMAN_MAKS, kedalaman_json
from tests.security.test_url_matrix import ATURAN, DIKECUALIKAN, data  # noqa: F401 - fixture

BERSARANG = b"[" * 5000
BADAN = {
    "json bersarang": (BERSARANG, "application/json"),
    "json objek bersarang": (b'{"a":' * 3000 + b"1" + b"}" * 3000, "application/json"),
    "besar": (b'{"teks": "' + b"x" * (2 * 1024 * 1024) + b'"}', "application/json"),
    "jenis salah": (b"<xml>bukan json</xml>", "application/xml"),
    "utf-8 rusak": (b'{"teks": "\xff\xfe\xfa"}', "application/json"),
    "byte nul": (b'{"teks": "80\x00%"}', "application/json"),
    "form utf-8 rusak": (b"teks=%FF%FE&nama=\xff", "application/x-www-form-urlencoded"),
    "form byte nul": (b"teks=80%00%25&nama=a%00b", "application/x-www-form-urlencoded"),
    "multipart rusak": (
        b"--x\r\nContent-Disposition: form-data",
        "multipart/form-data; boundary=x",
    ),
}


def test_depth_is_counted_without_parsing():
    assert kedalaman_json(b'{"a": [1, {"b": "[[[[["}]}') == 3
    assert kedalaman_json(BERSARANG) == 5000
    assert kedalaman_json(b'"\\"[[["') == 0


def test_deep_json_is_a_400_even_without_login(client, db):
    for url in ("/api/v1/token/", "/api/v1/realisasi/"):
        resp = client.post(url, BERSARANG, content_type="application/json")
        assert resp.status_code in (400, 401, 403), url
    resp = client.post("/api/v1/token/", BERSARANG, content_type="application/json")
    assert f"lebih dari {KEDALAMAN_MAKS} tingkat" in resp.json()["detail"]


def test_an_oversized_body_is_a_413(client, db):
    resp = client.post("/api/v1/token/", BADAN["besar"][0], content_type="application/json")
    assert resp.status_code == 413
    assert "terlalu besar" in resp.json()["detail"]


def _rute() -> list[str]:
    return sorted(n for n in ATURAN if n not in DIKECUALIKAN)


@pytest.mark.parametrize("nama", _rute())
def test_hostile_bodies_never_give_a_server_error(data, nama):  # noqa: F811 - the fixture
    aturan = ATURAN[nama]
    url = reverse(nama, kwargs=aturan.kwargs(data)) + aturan.query
    api = aturan.jenis.startswith("api")
    salah = []
    for persona in ("anonim", "operator_a"):
        klien = APIClient() if api else Client(raise_request_exception=False)
        if persona != "anonim":
            klien.force_login(data.personas.operator_a)
        for jenis, (isi, content_type) in BADAN.items():
            for metode in ("post", "put", "patch"):
                resp = getattr(klien, metode)(url, isi, content_type=content_type)
                if resp.status_code >= 500:
                    salah.append(f"{persona} {metode.upper()} {jenis}: {resp.status_code}")
    assert not salah, f"{url}\n" + "\n".join(salah)

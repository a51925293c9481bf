"""Hostile input: script and spreadsheet formulas typed into every free-text form field, hostile
query strings on lists, filters and the API, and inputs far larger than any real one.

Typed text must come out as text: escaped in every HTML page, printed literally in the PDF,
disarmed (a leading apostrophe) in every XLSX export. Bad query strings give 200 or 400/404,
never a server error.
"""

import io
import re

import pdfplumber
import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook
from rest_framework.test import APIClient

from kinerja import services
from kinerja.models import BarisPK
from laporan.render import render_pdf
from laporan.selectors import build_laporan
from tests.laporan.conftest import isi_kantor

SKRIP = '<script>alert("xss")</script><img src=x onerror=alert(1)>'
RUMUS = '=HYPERLINK("http://jahat.test","klik")'
# One payload for both: it starts like a formula and carries markup.
JAHAT = RUMUS + SKRIP
TAHUN = 2024


@pytest.fixture
def kantor(personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return isi_kantor(personas.satker_a)


def _ok(resp) -> None:
    assert resp.status_code == 302, resp.content.decode()[:2000]


@pytest.fixture
def isian_jahat(kantor, personas):
    """Every free-text field reachable by the staff forms, filled with JAHAT."""
    c = Client()
    c.force_login(personas.ketua_a)
    pk = kantor.pk_kpu
    _ok(
        c.post(
            reverse("kinerja:pk_update", args=[pk.pk]),
            {
                "pihak_pertama_nama": JAHAT,
                "pihak_pertama_jabatan": JAHAT,
                "pihak_kedua_nama": JAHAT,
                "pihak_kedua_jabatan": JAHAT,
                "tempat": JAHAT[:100],
                "tanggal": "2024-01-31",
            },
        )
    )
    _ok(
        c.post(
            reverse("kinerja:baris_create", args=[pk.pk]),
            {
                "no": "9",
                "sasaran": JAHAT,
                "indikator": JAHAT,
                "satuan": "%",
                "jenis_nilai": "",
                "arah": "naik",
                "agregasi": "terakhir",
                "target": "80%",
            },
        )
    )
    baris = BarisPK.objects.get(perjanjian=pk, no="9")
    _ok(
        c.post(
            reverse("kinerja:realisasi_update", args=[baris.pk, "TW4"]),
            {"teks": "70%", "kendala": JAHAT, "tindak_lanjut": JAHAT, "bukti_catatan": JAHAT},
        )
    )
    # The form offers the DIPA's programs; the workbook (PKAnggaran) takes the program as text.
    services.anggaran_pk_save(perjanjian=pk, program=JAHAT, jumlah=1_000_000, by=personas.ketua_a)
    _ok(
        c.post(
            reverse("satker:pejabat_create", args=[kantor.satker.kode]),
            {"nama": JAHAT, "jabatan": "Anggota", "divisi": JAHAT},
        )
    )
    for bagian in ("penutup", "latar_belakang"):
        _ok(
            c.post(
                reverse("laporan:narasi_ubah", args=[kantor.satker.kode, TAHUN, bagian]),
                {"teks": JAHAT},
            )
        )
    return kantor


def _periksa_html(teks: str, url: str, *, tampil: bool = True) -> None:
    assert "<script>alert" not in teks, url
    assert "<img src=x" not in teks, url
    if tampil:
        assert "&lt;script&gt;alert" in teks, f"{url}: isian tidak tampil"


def test_html_meloloskan_semua_isian(isian_jahat, personas):
    k = isian_jahat
    halaman = [
        reverse("kinerja:pk_detail", args=[k.pk_kpu.pk]),
        reverse("kinerja:pk_cetak", args=[k.pk_kpu.pk]),
        reverse("kinerja:pk_riwayat", args=[k.pk_kpu.pk]),
        reverse("kinerja:realisasi_grid", args=[k.satker.kode, TAHUN, "TW4"]),
        reverse("satker:detail", args=[k.satker.kode]),
        reverse("laporan:pratinjau", args=[k.satker.kode, TAHUN]),
        reverse("laporan:narasi_daftar", args=[k.satker.kode, TAHUN]),
        reverse("rekap:satker", args=[k.satker.kode]) + f"?tahun={TAHUN}",
    ]
    cache.clear()  # the rekap caches per satker id: another test's figures must not show
    c = Client()
    c.force_login(personas.reviewer)
    for url in halaman:
        resp = c.get(url)
        assert resp.status_code == 200, url
        _periksa_html(resp.content.decode(), url)


def test_api_mengembalikan_teks_apa_adanya(isian_jahat, personas):
    """JSON carries the text as data; escaping is the consumer's job, and the content type
    tells it so (no text/html for API data)."""
    api = APIClient()
    api.force_authenticate(personas.reviewer)
    resp = api.get(f"/api/v1/perjanjian/{isian_jahat.pk_kpu.pk}/")
    assert resp["Content-Type"].startswith("application/json")
    assert resp.json()["pihak_pertama_nama"] == JAHAT


def test_pdf_mencetak_isian_sebagai_teks(isian_jahat):
    k = isian_jahat
    pdf = render_pdf(build_laporan(k.satker, TAHUN))
    with pdfplumber.open(io.BytesIO(pdf.isi)) as dok:
        teks = re.sub(r"\s+", "", "".join(p.extract_text() or "" for p in dok.pages))
    # Printed literally (escaped markup shows as text), not dropped or interpreted as a tag.
    assert re.sub(r"\s+", "", '<script>alert("xss")</script>') in teks
    assert "=HYPERLINK" in teks


def _sel_teks(isi: bytes):
    wb = load_workbook(io.BytesIO(isi))
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    yield ws.title, cell


def _periksa_xlsx(isi: bytes, nama: str) -> None:
    ditemukan = 0
    for sheet, cell in _sel_teks(isi):
        assert cell.data_type != "f" or "HYPERLINK" not in cell.value, f"{nama} {sheet}"
        assert not cell.value.startswith(("=", "+", "-", "@")) or cell.value.strip("-") == "", (
            f"{nama} {sheet}!{cell.coordinate}: {cell.value[:60]}"
        )
        if "HYPERLINK" in cell.value:
            ditemukan += 1
    assert ditemukan, f"{nama}: isian tidak diekspor"


def test_xlsx_menetralkan_rumus(isian_jahat, personas):
    k = isian_jahat
    c = Client()
    c.force_login(personas.reviewer)
    unduhan = {
        "laporan": reverse("laporan:xlsx", args=[k.satker.kode, TAHUN]),
        "workbook": reverse("workbook:ekspor", args=[k.satker.kode, TAHUN]),
        "workbook provinsi": reverse(
            "workbook:ekspor_provinsi", args=[personas.provinsi.kode, TAHUN]
        ),
    }
    for nama, url in unduhan.items():
        resp = c.get(url)
        assert resp.status_code == 200, url
        _periksa_xlsx(resp.content, nama)


# ---------------------------------------------------------------- hostile query strings

JAHAT_QUERY = [
    "tahun=abc",
    "tahun=-1",
    "tahun=99999999999999999999999999",
    "tahun=2024%00",
    "urut=;drop table kinerja_barispk;--",
    "urut=-" + "x" * 5000,
    "status=<script>alert(1)</script>",
    "provinsi=' OR 1=1 --",
    "q=" + "%" * 300,
    "page=-1",
    "page=999999999999",
    "format=xlsx&tahun=abc",
    "satker=../../etc/passwd&tahun=2024",
]


def _halaman_daftar(personas) -> list[str]:
    a = personas.satker_a.kode
    return [
        reverse("beranda"),
        reverse("satker:daftar"),
        reverse("kinerja:pk_list"),
        reverse("kinerja:realisasi_index"),
        reverse("kinerja:anggaran_index"),
        reverse("workbook:beranda"),
        reverse("rekap:nasional"),
        reverse("rekap:provinsi", args=[personas.provinsi.kode]),
        reverse("rekap:indikator", args=[personas.provinsi.kode]),
        reverse("rekap:satker", args=[a]),
        reverse("kinerja:realisasi_grid", args=[a, TAHUN, "TW1"]),
        reverse("kinerja:anggaran_detail", args=[a, TAHUN]),
        reverse("laporan:pratinjau", args=[a, TAHUN]),
        "/api/v1/satker/",
        "/api/v1/perjanjian/",
        "/api/v1/baris-pk/",
        "/api/v1/realisasi/",
        "/api/v1/baris-anggaran/",
        "/api/v1/laporan/",
        "/api/v1/rekap/",
        "/api/v1/rekap/indikator/",
    ]


@pytest.mark.parametrize("persona", ["reviewer", "admin"])
def test_query_jahat_tidak_pernah_error_server(kantor, personas, persona):
    c = Client(raise_request_exception=False)
    c.force_login(getattr(personas, persona))
    gagal = []
    for url in _halaman_daftar(personas):
        for q in JAHAT_QUERY:
            resp = c.get(f"{url}?{q}")
            if resp.status_code >= 500:
                gagal.append(f"{url}?{q[:40]}: {resp.status_code}")
            elif b"<script>alert(1)" in resp.content and "html" in resp["Content-Type"]:
                gagal.append(f"{url}?{q[:40]}: skrip dipantulkan")
    assert not gagal, "\n".join(gagal)


@pytest.mark.parametrize(
    "url",
    [
        "/satker/" + "9" * 5000 + "/",
        "/satker/1672/realisasi/2024/TW9/",
        "/satker/1672/realisasi/99999999999999999999/TW1/",
        "/laporan/1672/99999999999999999999/",
        "/pk/99999999999999999999999/",
        "/api/v1/perjanjian/abc/",
        "/api/v1/perjanjian/99999999999999999999999/",
        "/api/v1/satker/..%2F..%2Fetc/",
        "/workbook/impor/..%2F..%2Fetc%2Fpasswd/",
    ],
)
def test_argumen_url_jahat(kantor, personas, url):
    c = Client(raise_request_exception=False)
    c.force_login(personas.admin)
    resp = c.get(url)
    assert resp.status_code in (400, 404), resp.status_code


# ---------------------------------------------------------------- huge inputs


def test_isian_raksasa_ditolak_dengan_rapi(kantor, personas, settings):
    c = Client(raise_request_exception=False)
    c.force_login(personas.operator_a)
    baris = kantor.pk_kpu.baris.first()
    url = reverse("kinerja:realisasi_update", args=[baris.pk, "TW1"])
    # A value far longer than the field: the form says so.
    resp = c.post(url, {"teks": "9" * 10_000})
    assert resp.status_code == 200 and "paling banyak" in resp.content.decode().lower()
    # A number too big for the database column: refused by the parser.
    resp = c.post(url, {"teks": "9" * 90})
    assert resp.status_code == 200
    # A body above the upload limit: 400, not a crash.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 100_000
    resp = c.post(url, {"teks": "70%", "kendala": "x" * 200_000})
    assert resp.status_code == 400


def test_api_angka_raksasa(kantor, personas):
    api = APIClient()
    api.force_authenticate(personas.operator_a)
    baris = kantor.pk_kpu.baris.first()
    for teks in ("9" * 90, "1e999", "NaN", "-5%", "Infinity"):
        resp = api.post(
            "/api/v1/realisasi/",
            {"baris": baris.pk, "periode": "TW3", "teks": teks},
            format="json",
        )
        assert resp.status_code == 400, (teks, resp.content[:300])
    resp = api.post(
        "/api/v1/baris-anggaran/",
        {"dipa": kantor.dipa.pk, "program": 1, "kegiatan": 1, "pagu": "9" * 40},
        format="json",
    )
    assert resp.status_code == 400

"""The review loop with the province (issue 16, part 1): a reviewer returns the report with a
comment on an exact place, the office answers (fixed or explained), the reviewer closes it;
every step notifies the other side, and the report's annex lists the comments and how each was
settled (HTML, PDF text, Word, XLSX)."""

import io

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from laporan.models import KomentarReviu
from laporan.render import render_docx, render_html, render_xlsx
from laporan.selectors import build_laporan
from satker.models import Notifikasi
from tests.laporan.conftest import isi_kantor


@pytest.fixture
def kantor(personas):
    return isi_kantor(personas.satker_a)


def _url(nama, *args):
    return reverse(f"laporan:{nama}", args=args)


def test_reviewer_comments_office_answers_reviewer_closes(client, personas, kantor):
    baris = kantor.pk_kpu.baris.get(no="2")
    client.force_login(personas.reviewer)
    html = client.get(_url("pemeriksaan", "1672", 2024)).content.decode()
    assert f'value="baris:{baris.pk}"' in html and 'value="bagian:penutup"' in html
    client.post(
        _url("komentar_tambah", "1672", 2024),
        {"acuan": f"baris:{baris.pk}", "teks": "Realisasi 15 kali melebihi target; jelaskan."},
    )
    k = KomentarReviu.objects.get()
    assert (k.tempat, k.status, k.versi) == ("BARIS", "TERBUKA", 1)
    assert k.label_tempat == "PK Komisioner (KPU) 2: Jumlah revisi DIPA"
    kepada = {n.penerima for n in Notifikasi.objects.filter(jenis="DIKEMBALIKAN")}
    assert kepada == {personas.operator_a, personas.sekretaris_a, personas.ketua_a}

    # a reviewer cannot answer, an office cannot close
    client.post(_url("komentar_jawab", k.pk), {"jenis": "DIJELASKAN", "jawaban": "x" * 20})
    k.refresh_from_db()
    assert k.status == "TERBUKA"
    client.force_login(personas.operator_a)
    assert "Kirim jawaban" in client.get(_url("pemeriksaan", "1672", 2024)).content.decode()
    client.post(_url("komentar_jawab", k.pk), {"jenis": "DIJELASKAN", "jawaban": "pendek"})
    k.refresh_from_db()
    assert k.status == "TERBUKA"  # too short: refused
    client.post(
        _url("komentar_jawab", k.pk),
        {"jenis": "DIJELASKAN", "jawaban": "Revisi DIPA mengikuti perubahan tahapan Pilkada."},
    )
    k.refresh_from_db()
    assert k.status == "DIJAWAB" and k.dijawab_oleh == personas.operator_a
    assert Notifikasi.objects.filter(jenis="DIJAWAB", penerima=personas.reviewer).exists()
    client.post(_url("komentar_tutup", k.pk))
    k.refresh_from_db()
    assert k.status == "DIJAWAB"
    client.force_login(personas.reviewer)
    client.post(_url("komentar_tutup", k.pk))
    k.refresh_from_db()
    assert k.status == "DITUTUP" and k.ditutup_oleh == personas.reviewer

    lap = build_laporan(personas.satker_a, 2024)
    html = render_html(lap, untuk_pdf=True)
    annex = html.split('id="lampiran-pemeriksaan"', 1)[1]
    assert "Realisasi 15 kali melebihi target; jelaskan." in annex
    assert "Dijelaskan: Revisi DIPA mengikuti perubahan tahapan Pilkada." in annex
    assert "Selesai" in annex
    doc = Document(io.BytesIO(render_docx(lap)))
    teks = " ".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Revisi DIPA mengikuti perubahan tahapan Pilkada." in teks
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    baris_xlsx = list(wb["Komentar reviu"].iter_rows(min_row=2, values_only=True))
    assert baris_xlsx[0][-1] == "Selesai"


def test_who_may_comment_and_on_what(client, personas, kantor):
    url = _url("komentar_tambah", "1672", 2024)
    data = {"acuan": "umum", "teks": "Lengkapi analisis per sasaran."}
    for persona, status in (("operator_a", 403), ("operator_b", 404), ("ketua_a", 403)):
        client.force_login(getattr(personas, persona))
        assert client.post(url, data).status_code == status, persona
    client.force_login(personas.reviewer)
    client.post(url, {"acuan": "baris:999999", "teks": "Komentar pada baris lain."})
    client.post(url, {"acuan": "umum", "teks": "ok"})
    assert not KomentarReviu.objects.exists()
    client.post(url, data)
    k = KomentarReviu.objects.get()
    # office B's staff cannot answer office A's comment
    client.force_login(personas.operator_b)
    resp = client.post(_url("komentar_jawab", k.pk), {"jenis": "DIPERBAIKI", "jawaban": "x" * 12})
    assert resp.status_code == 404

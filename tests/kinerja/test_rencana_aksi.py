"""The Rencana Aksi of a PK row: entered by page or workbook, printed in BAB II and the
Lampiran, and open after the PK is signed (it is a plan, not part of the agreement)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from kinerja.models import RencanaAksi
from laporan.render import render_html, render_xlsx
from laporan.selectors import build_laporan
from tests.factories import BarisPKFactory, PerjanjianFactory, tandatangani
from workbook.importer import impor_workbook

TAHUN = 2024


@pytest.fixture
def baris(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=TAHUN, jenis="KPU")
    b = BarisPKFactory(perjanjian=pk, no="2.1", indikator="Partisipasi pemilih pemula")
    tandatangani(pk)
    return b


def _isi(**lain):
    return {"kegiatan": "Sosialisasi pemilih pemula", "pelaksana": "Subbag Teknis"} | lain


def test_an_activity_is_added_to_a_signed_pk(client, personas, baris):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:rencana_aksi", args=[baris.pk])
    resp = client.post(url, _isi(tw3="on", tw4="on"))
    assert resp.status_code == 302
    a = RencanaAksi.objects.get()
    assert (a.kegiatan, a.triwulan, a.urutan) == (
        "Sosialisasi pemilih pemula",
        [False, False, True, True],
        1,
    )
    teks = client.get(url).content.decode()
    assert "Sosialisasi pemilih pemula" in teks and "Subbag Teknis" in teks


def test_an_activity_needs_a_quarter_and_a_new_name(client, personas, baris):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:rencana_aksi", args=[baris.pk])
    resp = client.post(url, _isi())
    assert "Pilih sedikitnya satu triwulan pelaksanaan." in resp.content.decode()
    assert not RencanaAksi.objects.exists()
    client.post(url, _isi(tw1="on"))
    resp = client.post(url, _isi(tw2="on"))
    assert "sudah ada" in resp.content.decode()
    assert RencanaAksi.objects.count() == 1


def test_a_reviewer_reads_but_does_not_write(client, personas, baris):
    client.force_login(personas.reviewer)
    url = reverse("kinerja:rencana_aksi", args=[baris.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, _isi(tw1="on")).status_code == 403
    client.force_login(personas.operator_b)
    assert client.post(url, _isi(tw1="on")).status_code == 404
    assert not RencanaAksi.objects.exists()


def _buku(*baris):
    wb = Workbook()
    ws = wb.active
    ws.title = "RencanaAksi"
    ws.append(
        ["satker", "tahun", "jenis", "no", "kegiatan", "pelaksana", "tw1", "tw2", "tw3", "tw4"]
    )
    for b in baris:
        ws.append(list(b))
    f = io.BytesIO()
    wb.save(f)
    f.seek(0)
    return f


def test_the_workbook_writes_activities_once(personas, baris):
    isi = ("1672", TAHUN, "KPU", "2.1", "Nobar film di kampus", "Subbag", "tidak", "", "", "ya")
    lap = impor_workbook(_buku(isi), user=personas.operator_a, terapkan=True)
    assert not lap.galat, lap.teks()
    a = RencanaAksi.objects.get()
    assert a.pelaksana == "Subbag" and a.triwulan == [False, False, False, True]
    lap = impor_workbook(_buku(isi), user=personas.operator_a, terapkan=True)
    assert not lap.ada_perubahan and lap.sheets["RencanaAksi"].tetap == 1


@pytest.mark.parametrize(
    ("isi", "pesan"),
    [
        (("1672", TAHUN, "KPU", "2.1", "Tanpa triwulan", "", "", "", "", ""), "sedikitnya satu"),
        (("1672", TAHUN, "KPU", "9", "Baris tak ada", "", "ya", "", "", ""), "tidak ada"),
        (("1674", TAHUN, "KPU", "2.1", "Satker lain", "", "ya", "", "", ""), ""),
    ],
)
def test_bad_workbook_rows_are_refused(personas, baris, isi, pesan):
    lap = impor_workbook(_buku(isi), user=personas.operator_a, terapkan=True)
    assert lap.ada_galat and pesan in lap.teks()
    assert not RencanaAksi.objects.exists()


def test_the_report_prints_the_plan_in_bab_ii_and_the_lampiran(personas, baris):
    RencanaAksi.objects.create(
        baris=baris, kegiatan="Nobar film di kampus", tw4=True, pelaksana="Subbag"
    )
    lap = build_laporan(personas.satker_a, TAHUN)
    rkt, ra = lap.tabel["rkt:KPU"], lap.tabel["rencana_aksi:KPU"]
    assert rkt.nomor.startswith("2.") and ra.nomor == "L.1"
    teks = " ".join(re.sub(r"<[^>]+>", " ", render_html(lap)).split())
    assert f"Tabel {rkt.nomor} Rencana Kinerja Tahunan PK Komisioner (KPU) Tahun 2024" in teks
    assert "Tabel L.1 Rencana Aksi PK Komisioner (KPU) Tahun 2024" in teks
    assert "Nobar film di kampus ✓ Subbag" in teks
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    assert "Tabel L.1" in wb.sheetnames


def test_next_years_signed_pk_is_attached(personas, baris):
    depan = PerjanjianFactory(satker=personas.satker_a, tahun=TAHUN + 1, jenis="KPU")
    BarisPKFactory(perjanjian=depan, no="1", indikator="Indikator tahun depan")
    assert build_laporan(personas.satker_a, TAHUN).pk_berikut == []  # a draft is not attached
    tandatangani(depan)
    lap = build_laporan(personas.satker_a, TAHUN)
    teks = " ".join(re.sub(r"<[^>]+>", " ", render_html(lap)).split())
    assert "Perjanjian Kinerja PK Komisioner (KPU) Tahun 2025" in teks
    assert "PERJANJIAN KINERJA TAHUN 2025" in teks and "Indikator tahun depan" in teks

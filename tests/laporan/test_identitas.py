"""The report's identity (issue 14): its date is chosen by the office or given by the SAKIP
calendar, never the day a draft is rendered; it is an LK Ketua or an LK Sekretariat, signed (and
finalised) by that person, with the NIP; the legal basis names Kep. KPU 5/2018."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from laporan.models import LaporanKinerja
from laporan.render import render_html
from laporan.selectors import build_laporan
from satker.models import Pejabat
from tests.laporan.test_views import _justifikasi_semua


def _url(nama):
    return reverse(f"laporan:{nama}", args=["1672", 2024])


def _teks(satker, tahun=2024):
    return re.sub(r"<[^>]+>", " ", render_html(build_laporan(satker, tahun)))


def _rapat(teks):
    return " ".join(teks.split())


@pytest.mark.parametrize(
    ("hari", "tanggal"),
    [
        (dt.date(2026, 12, 15), "28 Februari 2025"),  # long after: the deadline, not today
        (dt.date(2025, 1, 20), "20 Januari 2025"),  # while it is written: today
        (dt.date(2024, 12, 20), "28 Februari 2025"),  # a draft during the year
    ],
)
def test_the_default_date_follows_the_calendar(kantor, monkeypatch, hari, tanggal):
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: hari)
    assert f"Pagar Alam, {tanggal}" in _rapat(_teks(kantor.satker))


def test_the_office_chooses_the_date_and_it_is_checked(client, kantor, personas):
    client.force_login(personas.operator_a)
    r = client.post(_url("identitas"), {"tanggal_laporan": "2024-12-30", "ditandatangani": "KETUA"})
    assert "diberi tanggal setelah tahun itu berakhir, mulai 1 Januari 2025" in r.content.decode()
    r = client.post(_url("identitas"), {"tanggal_laporan": "2025-01-20", "ditandatangani": "KETUA"})
    assert r.status_code == 302
    assert "Pagar Alam, 20 Januari 2025" in _rapat(_teks(kantor.satker))
    client.force_login(personas.reviewer)
    assert client.post(_url("identitas"), {"ditandatangani": "KETUA"}).status_code == 403


def test_an_lk_sekretariat_is_signed_and_finalised_by_the_sekretaris(
    client, kantor, personas, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    Pejabat.objects.filter(satker=kantor.satker, jabatan="Sekretaris").update(
        nip="197001012000031001"
    )
    client.force_login(personas.operator_a)
    client.post(
        _url("identitas"), {"tanggal_laporan": "2025-01-16", "ditandatangani": "SEKRETARIS"}
    )
    teks = _rapat(_teks(kantor.satker))
    assert "SEKRETARIS KOMISI PEMILIHAN UMUM KOTA PAGAR ALAM Sekretaris Uji" in teks
    assert "NIP. 197001012000031001" in teks
    _justifikasi_semua(client, kantor)
    client.force_login(personas.ketua_a)
    assert client.post(_url("finalkan")).status_code == 403
    client.force_login(personas.sekretaris_a)
    client.post(_url("finalkan"))
    final = LaporanKinerja.objects.get(status="FINAL")
    assert (final.penandatangan, final.tanggal_laporan) == ("Sekretaris Uji", dt.date(2025, 1, 16))


def test_a_late_final_report_is_dated_the_day_it_is_signed(
    client, kantor, personas, settings, tmp_path, desember_2026
):
    """Not backdated to the deadline: the day the Ketua finalises it."""
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.ketua_a)
    _justifikasi_semua(client, kantor)
    client.post(_url("finalkan"))
    final = LaporanKinerja.objects.get(status="FINAL")
    assert final.tanggal_laporan == dt.date(2026, 12, 15)
    assert "Pagar Alam, 15 Desember 2026" in _rapat(_teks(kantor.satker))


def test_the_legal_basis_names_kep_kpu_5_2018(kantor):
    teks = _rapat(_teks(kantor.satker))
    assert "Keputusan Komisi Pemilihan Umum Nomor 5 Tahun 2018 tentang Petunjuk Teknis" in teks

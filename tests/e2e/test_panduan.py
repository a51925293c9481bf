"""The user guide (docs/panduan/, issue 15 part 9) is illustrated by this test: it walks each
role through its pages in Chromium and saves the screenshots the guide shows, so they are
those of the current version. It also holds the guide to the screen: every button or heading
the guide names is on the page it describes, and every picture the guide shows exists."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

from kinerja.models import PerjanjianKinerja
from laporan import services as laporan_services
from tests.e2e.conftest import halaman_baru
from tests.laporan.conftest import isi_kantor
from tests.rekap.data import buat_provinsi

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PANDUAN = Path(__file__).resolve().parents[2] / "docs" / "panduan"


def _langkah(kantor, personas) -> list[tuple[str, str, str, list[str], int]]:
    """(user, picture, url, what the page shows and the guide names, width)."""
    satu = ["1672", 2024]
    return [
        (
            "operator_a",
            "operator-beranda",
            reverse("beranda") + "?tahun=2024",
            ["Terlambat", "Yang belum lengkap", "Unduh data grafik (XLSX)"],
            1366,
        ),
        (
            "operator_a",
            "operator-realisasi",
            reverse("kinerja:realisasi_grid", args=[*satu, "TW4"]),
            ["Isi sekaligus (seperti Excel)", "Realisasi"],
            1366,
        ),
        (
            "operator_a",
            "operator-isi-sekaligus",
            reverse("kinerja:realisasi_sekaligus", args=[*satu, "TW4"]),
            ["Simpan semua"],
            1366,
        ),
        (
            "operator_a",
            "operator-narasi",
            reverse("laporan:narasi_ubah", args=[*satu, "penutup"]) + "?isian=rata_capaian",
            ["Sisipkan angka dari data", "Sisipkan ke teks", "Pratinjau"],
            1366,
        ),
        (
            "operator_a",
            "operator-laporan",
            reverse("laporan:pratinjau", args=satu),
            ["PDF draf", "Word (DOCX)", "XLSX", "Pemeriksaan & finalisasi"],
            1366,
        ),
        ("operator_a", "operator-ponsel", reverse("beranda") + "?tahun=2024", ["Menu"], 390),
        (
            "sekretaris_a",
            "sekretaris-pk",
            reverse("kinerja:pk_detail", args=[kantor.pk_sekretariat.pk]),
            ["Ajukan PK", "Target triwulan sekaligus", "Unduh Word"],
            1366,
        ),
        (
            "ketua_a",
            "ketua-beranda",
            reverse("beranda") + "?tahun=2024",
            ["Menunggu tanda tangan Anda"],
            1366,
        ),
        (
            "ketua_a",
            "ketua-pk",
            reverse("kinerja:pk_detail", args=[kantor.pk_kpu.pk]),
            ["Tandatangani PK", "Kembalikan ke sekretaris"],
            1366,
        ),
        (
            "ketua_a",
            "ketua-finalisasi",
            reverse("laporan:pemeriksaan", args=satu),
            ["Pemeriksaan konsistensi dan finalisasi", "Simpan justifikasi"],
            1366,
        ),
        (
            "reviewer",
            "reviewer-beranda",
            reverse("beranda") + "?tahun=2024",
            ["Satker terlambat", "Buka rekap lengkap"],
            1366,
        ),
        (
            "reviewer",
            "reviewer-rekap",
            reverse("rekap:provinsi", args=["16"]) + "?tahun=2024",
            ["Cari satker", "Unduh XLSX"],
            1366,
        ),
        (
            "reviewer",
            "reviewer-komentar",
            reverse("laporan:pemeriksaan", args=satu) + "#komentar",
            ["Komentar reviu", "Kembalikan dengan komentar", "Kirim komentar ke satker"],
            1366,
        ),
        (
            "operator_a",
            "operator-notifikasi",
            reverse("satker:notifikasi"),
            ["Notifikasi", "Kirim juga lewat e-mail"],
            1366,
        ),
        (
            "admin",
            "admin-beranda",
            reverse("beranda") + "?tahun=2024",
            ["Beranda — Nasional", "Capaian per provinsi"],
            1366,
        ),
    ]


def test_the_guide_shows_the_current_screens(personas, browser, live_server):
    kantor = isi_kantor(personas.satker_a)
    buat_provinsi(personas.provinsi, 3)
    PerjanjianKinerja.objects.filter(pk=kantor.pk_kpu.pk).update(status="DIAJUKAN")
    laporan_services.komentar_add(
        satker=personas.satker_a,
        tahun=2024,
        acuan="triwulan:TW4",
        teks="Realisasi TW IV indikator 1 belum didukung bukti; lampirkan daftar hadir.",
        by=personas.reviewer,
    )
    teks_panduan = {p.stem: p.read_text(encoding="utf-8") for p in PANDUAN.glob("*.md")}
    semua_panduan = "\n".join(teks_panduan.values())
    (PANDUAN / "gambar").mkdir(exist_ok=True)
    konteks = {}
    for user, gambar, url, label, lebar in _langkah(kantor, personas):
        if (user, lebar) not in konteks:
            konteks[user, lebar] = halaman_baru(browser, live_server.url, user, lebar)
        page = konteks[user, lebar]
        assert page.goto(live_server.url + url).status == 200, url
        isi = page.inner_text("body")
        for kata in label:
            assert kata in isi, (gambar, kata)
            assert kata in semua_panduan, f"docs/panduan does not name {kata!r}"
        page.screenshot(path=str(PANDUAN / "gambar" / f"{gambar}.jpg"), type="jpeg", quality=70)
        assert f"gambar/{gambar}.jpg" in semua_panduan, f"docs/panduan does not show {gambar}"
    for page in konteks.values():
        page.context.close()
    for nama, teks in teks_panduan.items():
        for ditunjuk in re.findall(r"\]\((gambar/[^)]+)\)", teks):
            assert (PANDUAN / ditunjuk).exists(), (nama, ditunjuk)

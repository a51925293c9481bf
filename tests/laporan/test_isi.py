"""Sub-sections, pictures and tables an office adds to a chapter: checked on the way in, numbered
in their chapter, listed, and the same in the preview, the PDF's HTML and the XLSX."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook
from PIL import Image

from kinerja.models import Realisasi
from laporan.models import IsiBab
from laporan.render import daftar_gambar, render_html, render_xlsx
from laporan.selectors import build_laporan
from tests.factories import BarisPKFactory, PerjanjianFactory, RealisasiFactory

TAHUN = 2024


def _png() -> bytes:
    f = io.BytesIO()
    Image.new("RGB", (40, 30), "#1f5f99").save(f, "PNG")
    return f.getvalue()


PNG = _png()


@pytest.fixture
def masuk(client, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    client.force_login(personas.operator_a)
    return client


def _tambah(client, **data):
    url = reverse("laporan:isi_tambah", args=["1672", TAHUN])
    return client.post(url, {"bab": 3, "sumber": "", "teks": "", "judul": "Judul"} | data)


def _teks(lap) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", render_html(lap)).split())


def test_a_sub_section_prints_its_text_and_nothing_executes(masuk, personas):
    resp = _tambah(
        masuk, jenis="TEKS", judul="Upaya <b>partisipasi</b>", teks="<script>alert(1)</script>"
    )
    assert resp.status_code == 302
    html = render_html(build_laporan(personas.satker_a, TAHUN))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "Upaya &lt;b&gt;partisipasi&lt;/b&gt;" in html


def test_a_picture_is_numbered_in_its_chapter_after_the_charts(masuk, personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=TAHUN)
    BarisPKFactory(perjanjian=pk, no="1")
    gambar = SimpleUploadedFile("../../Foto Kegiatan.png", PNG, content_type="text/html")
    resp = _tambah(masuk, jenis="GAMBAR", judul="Rapat pleno DPT", gambar=gambar, sumber="Humas")
    assert resp.status_code == 302
    isi = IsiBab.objects.get()
    assert isi.gambar.name.endswith("/foto-kegiatan.png") and ".." not in isi.gambar.name
    lap = build_laporan(personas.satker_a, TAHUN)
    g = daftar_gambar(lap)[f"isi:{isi.pk}"]
    assert g.nomor == "3.2"  # after the PK's capaian chart (3.1)
    teks = _teks(lap)
    assert "Gambar 3.2 Rapat pleno DPT" in teks and "Sumber: Humas" in teks
    assert 'src="data:image/png;base64,' in render_html(lap)
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    assert ["Gambar 3.2", "Rapat pleno DPT", "Humas"] in [
        list(r) for r in wb["Gambar"].iter_rows(values_only=True)
    ]
    assert len(wb["Gambar"]._images) == 1


@pytest.mark.parametrize(
    ("berkas", "pesan"),
    [
        (SimpleUploadedFile("x.png", b"<html><script>"), "Berkas harus JPG atau PNG"),
        (SimpleUploadedFile("x.pdf", b"%PDF-1.7\n"), "Berkas harus JPG atau PNG"),
        (SimpleUploadedFile("x.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64), "rusak"),
    ],
)
def test_a_picture_is_checked_by_its_content(masuk, berkas, pesan):
    resp = _tambah(masuk, jenis="GAMBAR", gambar=berkas)
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert not IsiBab.objects.exists()


def test_a_picture_too_large_is_refused(masuk, monkeypatch):
    monkeypatch.setattr("kinerja.forms.MAX_BUKTI_BYTES", 32)
    resp = _tambah(masuk, jenis="GAMBAR", gambar=SimpleUploadedFile("x.png", PNG))
    assert "terlalu besar" in resp.content.decode()
    assert not IsiBab.objects.exists()


def test_an_evidence_photo_of_this_year_can_be_chosen(masuk, personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=TAHUN)
    r = RealisasiFactory(baris=BarisPKFactory(perjanjian=pk, no="1"), periode="TW1", teks="10%")
    r.bukti_file.save("foto.png", SimpleUploadedFile("foto.png", PNG))
    lain = PerjanjianFactory(satker=personas.satker_b, tahun=TAHUN)
    asing = RealisasiFactory(
        baris=BarisPKFactory(perjanjian=lain, no="1"), periode="TW1", teks="1%"
    )
    asing.bukti_file.save("asing.png", SimpleUploadedFile("asing.png", PNG))
    resp = _tambah(masuk, jenis="GAMBAR", judul="Foto bukti", bukti=asing.pk)
    assert resp.status_code == 200 and not IsiBab.objects.exists()
    resp = _tambah(masuk, jenis="GAMBAR", judul="Foto bukti", bukti=r.pk)
    assert resp.status_code == 302
    resp = _tambah(
        masuk, jenis="GAMBAR", judul="Keduanya", bukti=r.pk, gambar=SimpleUploadedFile("y.png", PNG)
    )
    assert "bukan keduanya" in resp.content.decode()
    lap = build_laporan(personas.satker_a, TAHUN)
    assert lap.isi[0].gambar.startswith("data:image/png;base64,")
    assert Realisasi.objects.count() == 2


def test_a_pasted_table_is_numbered_listed_and_in_the_xlsx(masuk, personas):
    tempel = "No\tJenis\tJumlah\r\n1\tKotak suara\t506\r\n2\tBilik\t992\r\n\r\n"
    resp = _tambah(masuk, jenis="TABEL", judul="Logistik", teks=tempel, bab=4)
    assert resp.status_code == 302
    lap = build_laporan(personas.satker_a, TAHUN)
    t = lap.tabel[f"isi:{IsiBab.objects.get().pk}"]
    assert t.nomor == "4.1" and t.kolom == ["No", "Jenis", "Jumlah"] and len(t.baris) == 2
    teks = _teks(lap)
    assert teks.count("Tabel 4.1 Logistik") == 2  # Daftar Tabel and the caption
    wb = load_workbook(io.BytesIO(render_xlsx(lap)))
    assert wb["Tabel 4.1"]["A1"].value == "Tabel 4.1 Logistik"


@pytest.mark.parametrize(
    ("tempel", "pesan"),
    [
        ("satu baris saja", "sedikitnya dua baris"),
        ("a\nb\nc", "dua kolom"),
        ("\t".join(["k"] * 13) + "\n" + "\t".join(["1"] * 13), "terlalu besar"),
    ],
)
def test_a_bad_paste_says_why(masuk, tempel, pesan):
    resp = _tambah(masuk, jenis="TABEL", teks=tempel)
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert not IsiBab.objects.exists()


def test_others_cannot_add_and_deleting_removes_the_file(
    client, masuk, personas, django_capture_on_commit_callbacks
):
    _tambah(masuk, jenis="GAMBAR", judul="Foto", gambar=SimpleUploadedFile("x.png", PNG))
    isi = IsiBab.objects.get()
    path = Path(isi.gambar.path)
    for persona, status in (("reviewer", 403), ("operator_b", 404)):
        client.force_login(getattr(personas, persona))
        assert _tambah(client, jenis="TEKS", teks="x").status_code == status
        assert client.post(reverse("laporan:isi_hapus", args=[isi.pk])).status_code == status
    assert path.exists() and IsiBab.objects.count() == 1
    client.force_login(personas.operator_a)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("laporan:isi_hapus", args=[isi.pk]))
    assert not IsiBab.objects.exists() and not path.exists()

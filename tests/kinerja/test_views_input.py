"""Bad input through the pages: Indonesian messages, nothing saved, nothing typed lost."""

import datetime as dt
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.models import BarisAnggaran, BarisPK, Realisasi, RevisiDipa
from tests.factories import (
    BarisAnggaranFactory,
    BarisPKFactory,
    DipaFactory,
    KegiatanFactory,
    PerjanjianFactory,
)

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media_sementara(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def pk(personas):
    return PerjanjianFactory(satker=personas.satker_a, tahun=2024)


@pytest.fixture
def baris(pk):
    return BarisPKFactory(perjanjian=pk, no="1", target="80%", indikator="Partisipasi pemilih")


def _baris_data(**ubah):
    data = {
        "no": "2",
        "sasaran": "Meningkatnya partisipasi",
        "indikator": "Persentase partisipasi",
        "satuan": "%",
        "jenis_nilai": "",
        "arah": "naik",
        "agregasi": "terakhir",
        "target": "77,5%",
        "tw1": "",
        "tw2": "",
        "tw3": "",
        "tw4": "",
        "diperbarui": "",
    }
    return data | ubah


@pytest.mark.parametrize(
    ("ubah", "field", "pesan"),
    [
        ({"target": "-5%"}, "target", "negatif"),
        ({"target": "abc 12"}, "target", "tidak dapat dibaca"),
        ({"target": "99999999999999999"}, "target", "terlalu besar"),
        ({"target": "1.234"}, "target", "ambigu"),
        ({"target": "WTP", "jenis_nilai": "PERSEN"}, "target", "persentase"),
        ({"tw1": "B"}, "tw1", "predikat"),
        ({"target": ""}, "target", "harus diisi"),
    ],
)
def test_baris_pk_salah_tidak_disimpan_dan_isian_tetap(client, personas, pk, ubah, field, pesan):
    client.force_login(personas.operator_a)
    data = _baris_data(**ubah)
    resp = client.post(reverse("kinerja:baris_create", args=[pk.pk]), data)
    assert resp.status_code == 200
    form = resp.context["form"]
    assert pesan in " ".join(form.errors[field]).lower()
    assert not BarisPK.objects.exists()
    teks = resp.content.decode()
    assert "Persentase partisipasi" in teks and 'value="Meningkatnya' not in teks  # textarea
    assert "Meningkatnya partisipasi" in teks


def test_baris_pk_benar_disimpan_dengan_target_triwulan(client, personas, pk):
    client.force_login(personas.operator_a)
    resp = client.post(
        reverse("kinerja:baris_create", args=[pk.pk]), _baris_data(tw1="20", tw4="77,5")
    )
    assert resp.status_code == 302
    b = BarisPK.objects.get()
    assert b.jenis_nilai == "PERSEN" and str(b.target_angka) == "77.5000"
    assert {t.periode: t.teks for t in b.target_triwulan.all()} == {"TW1": "20", "TW4": "77,5"}


def test_dua_orang_mengubah_baris_yang_sama(client, personas, baris):
    url = reverse("kinerja:baris_update", args=[baris.pk])
    client.force_login(personas.operator_a)
    form_a = client.get(url).context["form"]
    versi = form_a.initial["diperbarui"]
    data = _baris_data(no="1", diperbarui=versi)
    assert client.post(url, data | {"target": "85%"}).status_code == 302
    client.force_login(personas.sekretaris_a)
    resp = client.post(url, data | {"target": "90%", "indikator": "Teks yang saya ketik"})
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "sudah diubah oleh operator_a pada" in teks
    assert "Teks yang saya ketik" in teks and 'value="90%"' in teks
    assert BarisPK.objects.get().target == "85%"


def test_pk_bertanda_tangan_menolak_ubah(client, personas, baris):
    baris.perjanjian.status = "DITANDATANGANI"
    baris.perjanjian.ditandatangani_pada = dt.datetime(2024, 1, 2, tzinfo=dt.UTC)
    baris.perjanjian.save()
    client.force_login(personas.ketua_a)
    url = reverse("kinerja:baris_update", args=[baris.pk])
    resp = client.post(url, _baris_data(no="1", target="99%"), follow=True)
    assert "terkunci" in resp.content.decode()
    assert BarisPK.objects.get().target == "80%"
    resp = client.get(reverse("kinerja:pk_detail", args=[baris.perjanjian_id]))
    assert reverse("kinerja:baris_update", args=[baris.pk]) not in resp.content.decode()


def _realisasi(client, baris, periode="TW1", **data):
    url = reverse("kinerja:realisasi_update", args=[baris.pk, periode])
    isi = {"teks": "", "kendala": "", "tindak_lanjut": "", "bukti_tautan": "", "bukti_catatan": ""}
    return client.post(url, isi | data)


@pytest.mark.parametrize(
    ("data", "field", "pesan"),
    [
        ({"teks": "B"}, "teks", "persentase"),
        ({"teks": "-3"}, "teks", "negatif"),
        ({"bukti_tautan": "javascript:alert(1)"}, "bukti_tautan", "url"),
        ({"bukti_file": SimpleUploadedFile("x.pdf", b"MZ not a pdf")}, "bukti_file", "pdf, jpg"),
        ({"bukti_file": SimpleUploadedFile("x.exe", b"<html>")}, "bukti_file", "pdf, jpg"),
    ],
)
def test_realisasi_salah_ditolak(client, personas, baris, data, field, pesan):
    client.force_login(personas.operator_a)
    resp = _realisasi(client, baris, kendala="Kendala yang saya ketik", **data)
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors[field]).lower()
    assert "Kendala yang saya ketik" in resp.content.decode()
    assert not Realisasi.objects.exists()


def test_bukti_terlalu_besar_ditolak(client, personas, baris, monkeypatch):
    monkeypatch.setattr("kinerja.forms.MAX_BUKTI_BYTES", 1024)
    client.force_login(personas.operator_a)
    berkas = SimpleUploadedFile("besar.pdf", PDF + b"0" * 2048)
    resp = _realisasi(client, baris, teks="20%", bukti_file=berkas)
    assert "terlalu besar" in resp.content.decode()
    assert not Realisasi.objects.exists()


def test_realisasi_dengan_bukti_dan_capaian_lewat_htmx(client, personas, baris, settings):
    client.force_login(personas.operator_a)
    berkas = SimpleUploadedFile("../../etc/Foto Kegiatan?.png", PNG, content_type="text/html")
    resp = client.post(
        reverse("kinerja:realisasi_update", args=[baris.pk, "TW1"]),
        {"teks": "100%", "kendala": "<script>alert(1)</script>", "bukti_file": berkas},
        HTTP_HX_REQUEST="true",
    )
    teks = resp.content.decode()
    assert resp.status_code == 200 and teks.lstrip().startswith("<tr")
    assert "125,00%" in teks and "Sangat Baik" in teks
    assert "<script>alert" not in teks and "&lt;script&gt;" in teks
    r = Realisasi.objects.get()
    assert r.bukti_file.name.startswith("bukti/") and ".." not in r.bukti_file.name
    assert r.bukti_file.name.endswith("foto-kegiatan.png")
    assert str(settings.MEDIA_ROOT) in r.bukti_file.path
    unduh = client.get(reverse("kinerja:realisasi_bukti", args=[r.pk]))
    assert unduh["Content-Type"] == "image/png" and unduh["X-Content-Type-Options"] == "nosniff"


def test_grid_menampilkan_keterangan_bukan_nol(client, personas, baris):
    BarisPKFactory(perjanjian=baris.perjanjian, no="2", target="Tercapai", jenis_nilai="TEKS")
    Realisasi.objects.create(baris=BarisPK.objects.get(no="2"), periode="TW1", teks="Tercapai")
    client.force_login(personas.reviewer)
    teks = client.get(
        reverse("kinerja:realisasi_grid", args=["1672", 2024, "TW1"])
    ).content.decode()
    assert "belum ada realisasi" in teks and "tidak dapat dihitung" in teks
    assert "Isi/ubah" not in teks


def test_realisasi_triwulan_tertutup_ditolak(client, personas, baris):
    client.force_login(personas.sekretaris_a)
    client.post(reverse("kinerja:periode_close", args=["1672", 2024, "TW1"]))
    resp = _realisasi(client, baris, teks="20%")
    assert "sudah ditutup" in resp.content.decode()
    assert not Realisasi.objects.exists()
    resp = client.post(
        reverse("kinerja:periode_reopen", args=["1672", 2024, "TW1"]), {"alasan": "x"}
    )
    assert "paling sedikit 10 karakter" in resp.content.decode()
    resp = client.post(
        reverse("kinerja:periode_reopen", args=["1672", 2024, "TW1"]),
        {"alasan": "Data partisipasi dari BPS terlambat"},
        follow=True,
    )
    assert "dibuka kembali" in resp.content.decode()
    assert "Data partisipasi dari BPS terlambat" in resp.content.decode()
    assert _realisasi(client, baris, teks="20%").status_code == 302


@pytest.mark.parametrize(
    ("pagu", "pesan"),
    [
        ("-5", "negatif"),
        ("abc", "bukan jumlah rupiah"),
        ("1.234,56", "tanpa sen"),
        ("", "harus diisi"),
    ],
)
def test_revisi_dipa_salah(client, personas, pagu, pesan):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:revisi_dipa_create", args=["1672", 2024])
    resp = client.post(url, {"label": "Revisi 9", "tanggal": "2024-03-01", "pagu": pagu})
    assert resp.status_code == 200
    assert pesan in resp.context["form"].errors["pagu"][0].lower()
    assert 'value="Revisi 9"' in resp.content.decode()
    assert not RevisiDipa.objects.exists()


def test_anggaran_menunjukkan_selisih_dipa(client, personas):
    client.force_login(personas.operator_a)
    url = reverse("kinerja:revisi_dipa_create", args=["1672", 2024])
    data = {"label": "DIPA Awal", "tanggal": "2023-12-01", "pagu": "Rp 1.000.000.000"}
    assert client.post(url, data).status_code == 302
    assert RevisiDipa.objects.get().pagu == 1_000_000_000
    BarisAnggaranFactory(
        dipa=RevisiDipa.objects.get().dipa, pagu=900_000_000, realisasi=450_000_000
    )
    teks = client.get(reverse("kinerja:anggaran_detail", args=["1672", 2024])).content.decode()
    assert "selisih <strong>Rp 100.000.000</strong>" in teks
    assert "50,00%" in teks and "Rp 450.000.000" in teks


def test_baris_anggaran_kegiatan_harus_dari_program(client, personas):
    dipa = DipaFactory(satker=personas.satker_a, tahun=2024)
    keg_lain = KegiatanFactory(program__kode="076.01.CQ", kode="6870", nama="Kampanye")
    wa = KegiatanFactory()
    client.force_login(personas.operator_a)
    url = reverse("kinerja:baris_anggaran_create", args=["1672", 2024])
    data = {
        "program": wa.program.pk,
        "kegiatan": keg_lain.pk,
        "akun_kode": "52A",
        "sumber": "APBN",
        "pagu": "Rp 5.000.000",
        "realisasi": "",
    }
    resp = client.post(url, data)
    errors = resp.context["form"].errors
    assert "bukan bagian dari program" in errors["kegiatan"][0]
    assert "6 angka" in errors["akun_kode"][0]
    resp = client.post(url, data | {"kegiatan": wa.pk, "akun_kode": "521211"})
    assert resp.status_code == 302
    assert BarisAnggaran.objects.get(dipa=dipa).pagu == 5_000_000


def test_semua_kesalahan_baris_ditampilkan_sekaligus(client, personas, pk):
    client.force_login(personas.operator_a)
    data = _baris_data(target="-5%", jenis_nilai="PERSEN", tw1="B")
    errors = client.post(reverse("kinerja:baris_create", args=[pk.pk]), data).context["form"].errors
    assert "negatif" in errors["target"][0] and "predikat" in errors["tw1"][0]


def test_form_realisasi_menampilkan_target_triwulan(client, personas, baris):
    baris.target_triwulan.create(periode="TW1", teks="20%")
    client.force_login(personas.operator_a)
    teks = client.get(reverse("kinerja:realisasi_update", args=[baris.pk, "TW1"])).content.decode()
    assert "Target TW1: 20%" in teks


def test_bukti_yang_diganti_atau_dihapus_hilang_dari_disk(
    client, personas, baris, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(personas.operator_a)
    url = reverse("kinerja:realisasi_update", args=[baris.pk, "TW1"])

    def kirim(**data):
        with django_capture_on_commit_callbacks(execute=True):
            r = Realisasi.objects.filter(baris=baris, periode="TW1").first()
            versi = r.diperbarui.isoformat() if r else "baru"
            assert client.post(url, {"teks": "90%", "diperbarui": versi, **data}).status_code == 302
        return Realisasi.objects.get(baris=baris, periode="TW1")

    pertama = Path(kirim(bukti_file=SimpleUploadedFile("a.png", PNG)).bukti_file.path)
    assert pertama.exists()
    kedua = Path(kirim(bukti_file=SimpleUploadedFile("b.png", PNG)).bukti_file.path)
    assert kedua.exists() and not pertama.exists()
    assert not kirim(hapus_bukti="on").bukti_file and not kedua.exists()

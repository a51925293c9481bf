"""Access matrix for every report URL, and the finalising flow."""

import hashlib

import pytest
from django.urls import reverse

from laporan.models import JustifikasiPemeriksaan, LaporanKinerja, NarasiLaporan
from tests.factories import RealisasiFactory

BACA = ["pratinjau", "narasi_daftar", "pemeriksaan", "xlsx"]
# who may read office A's report: its own staff, the province reviewer, the admin
PEMBACA = {"operator_a", "sekretaris_a", "ketua_a", "reviewer", "admin"}
PENULIS = {"operator_a", "sekretaris_a", "ketua_a", "admin"}
PENANDA_TANGAN = {"ketua_a", "admin"}


def _url(nama: str, *extra) -> str:
    return reverse(f"laporan:{nama}", args=["1672", 2024, *extra])


def _status_diharapkan(persona: str, boleh: set[str]) -> int:
    if persona == "anonim":
        return 302
    if persona not in PEMBACA:
        return 404
    return 200 if persona in boleh else 403


@pytest.mark.parametrize("nama", BACA)
def test_halaman_baca(client, kantor, personas, nama):
    for persona, user in personas.all().items():
        client.logout()
        if persona != "anonim":
            client.force_login(user)
        resp = client.get(_url(nama))
        assert resp.status_code == _status_diharapkan(persona, PEMBACA), persona


def test_pdf_draf(client, kantor, personas):
    client.force_login(personas.reviewer)
    resp = client.get(_url("draf_pdf"))
    assert resp.status_code == 200 and resp["Content-Type"] == "application/pdf"
    client.force_login(personas.operator_b)
    assert client.get(_url("draf_pdf")).status_code == 404


def test_ubah_narasi(client, kantor, personas):
    url = _url("narasi_ubah", "penutup")
    for persona, user in personas.all().items():
        client.logout()
        if persona != "anonim":
            client.force_login(user)
        resp = client.post(url, {"teks": f"Penutup oleh {persona}."})
        diharapkan = _status_diharapkan(persona, PENULIS)
        assert resp.status_code == (302 if diharapkan == 200 else diharapkan), persona
    teks = NarasiLaporan.objects.get(satker=kantor.satker, bagian="penutup").teks
    assert teks == "Penutup oleh admin."


def test_placeholder_tidak_dikenal_ditolak(client, kantor, personas):
    client.force_login(personas.operator_a)
    resp = client.post(_url("narasi_ubah", "penutup"), {"teks": "Capaian {{capaian:99:KPU}}."})
    assert resp.status_code == 200
    assert "tidak ada baris nomor 99" in resp.content.decode()
    assert not NarasiLaporan.objects.filter(bagian="penutup").exists()


def test_teks_pengguna_di_escape(client, kantor, personas):
    client.force_login(personas.operator_a)
    client.post(_url("narasi_ubah", "penutup"), {"teks": "<script>alert(1)</script>"})
    client.force_login(personas.reviewer)
    html = client.get(_url("pratinjau")).content.decode()
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html


def test_salin_tahun_lalu(client, kantor, personas):
    NarasiLaporan.objects.create(
        satker=kantor.satker, tahun=2023, bagian="latar_belakang", teks="Teks 2023."
    )
    client.force_login(personas.reviewer)
    assert client.post(_url("narasi_salin")).status_code == 403
    client.force_login(personas.operator_a)
    assert client.post(_url("narasi_salin")).status_code == 302
    salinan = NarasiLaporan.objects.get(satker=kantor.satker, tahun=2024)
    assert (salinan.teks, salinan.disalin_dari) == ("Teks 2023.", 2023)
    html = client.get(_url("narasi_daftar")).content.decode()
    assert "disalin dari 2023" in html


def _justifikasi_semua(client, kantor):
    from laporan.pemeriksaan import periksa
    from laporan.selectors import build_laporan

    for t in periksa(build_laporan(kantor.satker, 2024)):
        client.post(_url("justifikasi"), {"kunci": t.kunci, "teks": "Data belum tersedia."})


def test_finalkan(client, kantor, personas, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    for persona in ("operator_a", "reviewer"):
        client.force_login(getattr(personas, persona))
        assert client.post(_url("finalkan")).status_code == 403, persona
    client.force_login(personas.operator_b)
    assert client.post(_url("finalkan")).status_code == 404

    client.force_login(personas.ketua_a)
    client.post(_url("finalkan"))
    assert not LaporanKinerja.objects.filter(status="FINAL").exists()  # finding unjustified
    assert client.get(_url("final_pdf")).status_code == 404

    _justifikasi_semua(client, kantor)
    client.post(_url("finalkan"))
    final = LaporanKinerja.objects.get(status="FINAL")
    assert final.versi == 1 and final.difinalkan_oleh == personas.ketua_a
    isi = final.pdf.read()
    assert hashlib.sha256(isi).hexdigest() == final.sha256

    client.force_login(personas.reviewer)
    for url in (_url("final_pdf"), reverse("laporan:versi_pdf", args=["1672", 2024, 1])):
        resp = client.get(url)
        assert resp.status_code == 200 and b"".join(resp.streaming_content) == isi
        assert resp["X-Content-SHA256"] == final.sha256
    client.force_login(personas.operator_b)
    assert client.get(_url("final_pdf")).status_code == 404

    # right after finalising, the preview is the final version, with its download button
    client.force_login(personas.ketua_a)
    pratinjau = client.get(_url("pratinjau")).content.decode()
    assert "Versi 1 · Final" in pratinjau and "DRAF — belum final" not in pratinjau
    assert f'href="{_url("final_pdf")}">Unduh PDF final (versi 1)' in pratinjau
    draf = client.get(_url("pratinjau") + "?draf=1").content.decode()
    assert "DRAF — belum final" in draf and "Pratinjau versi 2 · Draf" in draf

    # after a change, the next finalisation is a new version; version 1 stays as it was
    RealisasiFactory(baris=kantor.kosong, periode="TAHUNAN", teks="WTP")
    client.force_login(personas.admin)
    client.post(_url("finalkan"))
    versi = list(LaporanKinerja.objects.order_by("versi").values_list("versi", "status"))
    assert versi == [(1, "FINAL"), (2, "FINAL")]
    final.refresh_from_db()
    assert hashlib.sha256(final.pdf.read()).hexdigest() == final.sha256
    assert JustifikasiPemeriksaan.objects.filter(laporan__versi=2).exists()
    client.force_login(personas.reviewer)
    assert client.get(_url("final_pdf"))["X-Content-SHA256"] != final.sha256


def test_an_empty_justification_is_refused_and_one_can_be_withdrawn(client, kantor, personas):
    from django.contrib.messages import get_messages

    from laporan.pemeriksaan import periksa
    from laporan.selectors import build_laporan

    (t, *_) = periksa(build_laporan(kantor.satker, 2024))
    client.force_login(personas.operator_a)

    def kirim(data):
        resp = client.post(_url("justifikasi"), {"kunci": t.kunci, **data}, follow=True)
        return [str(m) for m in get_messages(resp.wsgi_request)]

    for teks in ("", "   ", "ok"):
        pesan = kirim({"teks": teks})
        assert pesan == [
            "Justifikasi kosong atau terlalu pendek tidak disimpan: tuliskan alasannya "
            "(paling sedikit 10 karakter)."
        ], teks
        assert not JustifikasiPemeriksaan.objects.exists()
    assert kirim({"teks": "Data belum tersedia."}) == ["Justifikasi disimpan."]
    assert JustifikasiPemeriksaan.objects.get().teks == "Data belum tersedia."
    assert "Hapus justifikasi" in client.get(_url("pemeriksaan")).content.decode()
    assert kirim({"teks": "", "hapus": "1"}) == [
        "Justifikasi dihapus; catatan ini kembali terbuka."
    ]
    assert not JustifikasiPemeriksaan.objects.exists()


def test_narrative_preview_and_picker_work_without_javascript(client, kantor, personas):
    client.force_login(personas.operator_a)
    url = _url("narasi_ubah", "penutup")
    baris = kantor.pk_kpu.baris.order_by("id").first()
    html = client.get(url + f"?isian=target&baris={baris.no}:KPU").content.decode()
    assert f'<code id="kode-isian">{{{{target:{baris.no}:KPU}}}}</code>' in html
    assert f"<strong>{baris.target}</strong>" in html
    html = client.get(url + "?isian=rata_capaian&pk=SEKRETARIAT").content.decode()
    assert "{{rata_capaian:SEKRETARIAT}}" in html

    resp = client.post(url, {"teks": "Tahun {{tahun}}, {{capaian:99:KPU}}", "pratinjau": "1"})
    html = resp.content.decode()
    assert resp.status_code == 200 and "belum disimpan" in html
    assert "Tahun 2024" in html and "tidak ada baris nomor 99" in html
    assert not NarasiLaporan.objects.filter(bagian="penutup").exists()


def test_the_admin_gets_the_same_justification_rule(kantor, personas):
    """The admin's forms validate through the model: a too short justification is refused
    there too, with the form's message."""
    from django.contrib import admin
    from django.forms import modelform_factory

    laporan = LaporanKinerja.objects.create(satker=kantor.satker, tahun=2024)
    Form = modelform_factory(JustifikasiPemeriksaan, fields=["laporan", "kunci", "teks"])
    form = Form({"laporan": laporan.pk, "kunci": "x", "teks": "ok"})
    assert not form.is_valid()
    assert "paling sedikit 10 karakter" in form.errors["teks"][0]
    assert Form({"laporan": laporan.pk, "kunci": "x", "teks": "Data belum ada."}).is_valid()
    assert LaporanKinerja in admin.site._registry  # where the justifications are edited inline

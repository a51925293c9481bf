"""The Riwayat pages: who changed what, when, from what to what, newest first."""

from django.urls import reverse

from kinerja import services
from tests.factories import BarisPKFactory, PerjanjianFactory


def test_riwayat_baris_menampilkan_sebelum_dan_sesudah(client, personas):
    pk = PerjanjianFactory(satker=personas.satker_a)
    baris = BarisPKFactory(perjanjian=pk, no="1", target="80%")
    services.baris_save(perjanjian=pk, baris=baris, data={"target": "85%"}, by=personas.operator_a)
    services.realisasi_save(baris=baris, periode="TW1", data={"teks": "20%"}, by=personas.ketua_a)
    client.force_login(personas.reviewer)
    resp = client.get(reverse("kinerja:baris_riwayat", args=[baris.pk]))
    entri = resp.context["entri"]
    assert [e.jenis for e in entri][:2] == ["dibuat", "diubah"]
    ubah = entri[1]
    assert ubah.oleh == "operator_a"
    assert [(c.field, c.sebelum, c.sesudah) for c in ubah.perubahan] == [("target", "80%", "85%")]
    teks = resp.content.decode()
    assert "<del>80%</del> → <ins>85%</ins>" in teks and "ketua_a" in teks
    assert "pukul" in teks


def test_riwayat_pk_mencatat_tanda_tangan_dan_alasan_revisi(client, personas):
    pk = PerjanjianFactory(satker=personas.satker_a, pihak_pertama_nama="Ketua A")
    BarisPKFactory(perjanjian=pk)
    services.perjanjian_submit(perjanjian=pk, by=personas.sekretaris_a)
    services.perjanjian_sign(perjanjian=pk, by=personas.ketua_a)
    baru = services.perjanjian_revise(perjanjian=pk, alasan="Pergantian ketua", by=personas.admin)
    client.force_login(personas.operator_a)
    teks = client.get(reverse("kinerja:pk_riwayat", args=[pk.pk])).content.decode()
    assert "Keterangan: Ditandatangani" in teks and "ketua_a" in teks
    assert "<del>Draf</del> → <ins>Diajukan</ins>" in teks
    teks = client.get(reverse("kinerja:pk_detail", args=[baru.pk])).content.decode()
    assert "Pergantian ketua" in teks and "Versi 1" in teks


def test_riwayat_satker_dan_pejabat(client, personas):
    client.force_login(personas.operator_a)
    client.post(
        reverse("satker:ubah", args=["1672"]), {"alamat": "Jl. Baru 1", "kota": "Pagar Alam"}
    )
    client.post(
        reverse("satker:pejabat_create", args=["1672"]),
        {
            "nama": "Ibrahim Putra",
            "nip": "",
            "jabatan": "Ketua",
            "divisi": "",
            "mulai": "2024-01-02",
        },
    )
    resp = client.get(reverse("satker:riwayat", args=["1672"]))
    teks = resp.content.decode()
    assert "Jl. Baru 1" in teks and "Ibrahim Putra" in teks and "operator_a" in teks


def test_tanggal_tanda_tangan_memakai_waktu_jakarta(client, personas):
    import datetime as dt

    pk = PerjanjianFactory(
        satker=personas.satker_a,
        status="DITANDATANGANI",
        ditandatangani_pada=dt.datetime(2024, 1, 16, 18, 30, tzinfo=dt.UTC),  # 17 Jan, 01.30 WIB
    )
    client.force_login(personas.operator_a)
    teks = client.get(reverse("kinerja:pk_detail", args=[pk.pk])).content.decode()
    assert "pada 17 Januari 2024" in teks

"""The access matrix: every URL of the staff pages times every persona.

Strangers get 404, readers 403 on writes, anonymous users the login page. A 200 must show the
page a user expects (the satker's name), not an empty shell.
"""

from dataclasses import dataclass

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from kinerja.models import PenutupanPeriode, PerjanjianKinerja, TargetTriwulan
from satker.models import Pejabat
from tests.factories import (
    BarisAnggaranFactory,
    BarisPKFactory,
    DipaFactory,
    PerjanjianFactory,
    RealisasiFactory,
    RevisiDipaFactory,
    tandatangani,
)

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
J = PerjanjianKinerja.Jenis
S = PerjanjianKinerja.Status


@dataclass
class Dunia:
    """Satker A's 2024: a signed PK KPU with realisasi and evidence, a draft PK Sekretariat,
    a submitted 2023 PK, TW2 closed, a DIPA with a revision and a budget line, one official."""

    personas: object
    pk_ttd: PerjanjianKinerja
    pk_draft: PerjanjianKinerja
    pk_diajukan: PerjanjianKinerja
    baris: object
    baris_ttd: object
    realisasi: object
    anggaran_pk: object
    revisi: object
    baris_anggaran: object
    pejabat: Pejabat

    @property
    def kode(self) -> str:
        return self.personas.satker_a.kode


def bangun_dunia(personas) -> Dunia:
    a = personas.satker_a
    ttd = PerjanjianFactory(satker=a, jenis=J.KPU, pihak_pertama_nama="Ketua A")
    draft = PerjanjianFactory(
        satker=a, jenis=J.SEKRETARIAT, pihak_pertama_nama="Sekretaris A", pihak_kedua_nama="Ketua A"
    )
    diajukan = PerjanjianFactory(satker=a, tahun=2023, status=S.DIAJUKAN)
    baris_ttd = BarisPKFactory(perjanjian=ttd, no="1", target="80%", indikator="Partisipasi")
    TargetTriwulan.objects.create(baris=baris_ttd, periode="TW1", teks="20%")
    tandatangani(ttd)
    baris = BarisPKFactory(perjanjian=draft, no="1", target="10 laporan")
    BarisPKFactory(perjanjian=diajukan, no="1")
    realisasi = RealisasiFactory(baris=baris_ttd, periode="TW1", teks="25%", kendala="Hujan")
    realisasi.bukti_file.save("bukti.pdf", ContentFile(PDF))
    PenutupanPeriode.objects.create(satker=a, tahun=2024, periode="TW2")
    dipa = DipaFactory(satker=a, tahun=2024)
    return Dunia(
        personas=personas,
        pk_ttd=ttd,
        pk_draft=draft,
        pk_diajukan=diajukan,
        baris=baris,
        baris_ttd=baris_ttd,
        realisasi=realisasi,
        anggaran_pk=draft.anggaran.create(program="Program Dukungan Manajemen", jumlah=1000),
        revisi=RevisiDipaFactory(dipa=dipa, label="DIPA Awal", pagu=100_000_000),
        baris_anggaran=BarisAnggaranFactory(dipa=dipa),
        pejabat=Pejabat.objects.create(satker=a, nama="Ibu Sekretaris", jabatan="Sekretaris"),
    )


@pytest.fixture
def dunia(personas, settings, tmp_path) -> Dunia:
    settings.MEDIA_ROOT = tmp_path / "media"
    return bangun_dunia(personas)


SEMUA = ["operator_a", "operator_b", "sekretaris_a", "ketua_a", "reviewer", "admin", "anonim"]


def harapan(boleh: set[str]) -> dict[str, int]:
    """Expected status per persona: 200 for `boleh`, 404 for strangers, 403 for other members."""
    hasil = {"anonim": 302, "operator_b": 404}
    for p in SEMUA:
        hasil.setdefault(p, 200 if p in boleh else 403)
    return hasil


BACA = harapan({"operator_a", "sekretaris_a", "ketua_a", "reviewer", "admin"})
TULIS = harapan({"operator_a", "sekretaris_a", "ketua_a", "admin"})
AJUKAN = harapan({"sekretaris_a", "ketua_a", "admin"})
TANDA_TANGAN = harapan({"ketua_a", "admin"})
TUTUP = harapan({"sekretaris_a", "admin"})

# (url name, args from the world, expected statuses, method). A successful POST redirects.
HALAMAN = [
    ("satker:detail", lambda d: [d.kode], BACA, "get"),
    ("satker:riwayat", lambda d: [d.kode], BACA, "get"),
    ("satker:ubah", lambda d: [d.kode], TULIS, "get"),
    ("satker:pejabat_create", lambda d: [d.kode], TULIS, "get"),
    ("satker:pejabat_update", lambda d: [d.pejabat.pk], TULIS, "get"),
    ("satker:pejabat_delete", lambda d: [d.pejabat.pk], TULIS, "post"),
    ("kinerja:pk_create", lambda d: [d.kode], TULIS, "get"),
    ("kinerja:pk_detail", lambda d: [d.pk_ttd.pk], BACA, "get"),
    ("kinerja:pk_cetak", lambda d: [d.pk_ttd.pk], BACA, "get"),
    ("kinerja:pk_riwayat", lambda d: [d.pk_ttd.pk], BACA, "get"),
    ("kinerja:pk_update", lambda d: [d.pk_draft.pk], TULIS, "get"),
    ("kinerja:pk_submit", lambda d: [d.pk_draft.pk], AJUKAN, "post"),
    ("kinerja:pk_sign", lambda d: [d.pk_diajukan.pk], TANDA_TANGAN, "post"),
    ("kinerja:pk_revise", lambda d: [d.pk_ttd.pk], AJUKAN, "get"),
    ("kinerja:baris_create", lambda d: [d.pk_draft.pk], TULIS, "get"),
    ("kinerja:baris_update", lambda d: [d.baris.pk], TULIS, "get"),
    ("kinerja:baris_delete", lambda d: [d.baris.pk], TULIS, "post"),
    ("kinerja:baris_riwayat", lambda d: [d.baris_ttd.pk], BACA, "get"),
    ("kinerja:anggaran_pk_create", lambda d: [d.pk_draft.pk], TULIS, "get"),
    ("kinerja:anggaran_pk_update", lambda d: [d.anggaran_pk.pk], TULIS, "get"),
    ("kinerja:anggaran_pk_delete", lambda d: [d.anggaran_pk.pk], TULIS, "post"),
    ("kinerja:realisasi_grid", lambda d: [d.kode, 2024, "TW1"], BACA, "get"),
    ("kinerja:realisasi_baris", lambda d: [d.baris_ttd.pk, "TW1"], BACA, "get"),
    ("kinerja:realisasi_update", lambda d: [d.baris_ttd.pk, "TW1"], TULIS, "get"),
    ("kinerja:realisasi_bukti", lambda d: [d.realisasi.pk], BACA, "get"),
    ("kinerja:realisasi_riwayat", lambda d: [d.realisasi.pk], BACA, "get"),
    ("kinerja:periode_close", lambda d: [d.kode, 2024, "TW1"], TUTUP, "post"),
    ("kinerja:periode_reopen", lambda d: [d.kode, 2024, "TW2"], TUTUP, "get"),
    ("kinerja:anggaran_detail", lambda d: [d.kode, 2024], BACA, "get"),
    ("kinerja:anggaran_riwayat", lambda d: [d.kode, 2024], BACA, "get"),
    ("kinerja:revisi_dipa_create", lambda d: [d.kode, 2024], TULIS, "get"),
    ("kinerja:revisi_dipa_update", lambda d: [d.revisi.pk], TULIS, "get"),
    ("kinerja:revisi_dipa_riwayat", lambda d: [d.revisi.pk], BACA, "get"),
    ("kinerja:baris_anggaran_create", lambda d: [d.kode, 2024], TULIS, "get"),
    ("kinerja:baris_anggaran_update", lambda d: [d.baris_anggaran.pk], TULIS, "get"),
    ("kinerja:baris_anggaran_riwayat", lambda d: [d.baris_anggaran.pk], BACA, "get"),
]


def _kasus() -> list:
    return [
        pytest.param(nama, args, status[persona], method, persona, id=f"{nama}-{persona}")
        for nama, args, status, method in HALAMAN
        for persona in SEMUA
    ]


@pytest.mark.parametrize(("nama", "args", "status", "method", "persona"), _kasus())
def test_matriks_akses(client, dunia, nama, args, status, method, persona):
    user = getattr(dunia.personas, persona)
    if persona != "anonim":
        client.force_login(user)
    url = reverse(nama, args=args(dunia))
    resp = getattr(client, method)(url)
    if status == 302:
        assert resp.status_code == 302
        assert resp["Location"].startswith(reverse("login"))
    elif status == 200 and method == "post":
        assert resp.status_code == 302, resp.content[:300]
        assert not resp["Location"].startswith(reverse("login"))
    else:
        assert resp.status_code == status
    if resp.status_code == 200 and nama != "kinerja:realisasi_bukti":
        teks = resp.content.decode()
        assert "Pagar Alam" in teks or "Indikator uji" in teks or "Partisipasi" in teks


GLOBAL = [
    "beranda",
    "satker:daftar",
    "kinerja:pk_list",
    "kinerja:realisasi_index",
    "kinerja:anggaran_index",
]


@pytest.mark.parametrize("nama", GLOBAL)
@pytest.mark.parametrize("persona", SEMUA)
def test_halaman_umum_hanya_menampilkan_satker_yang_boleh_dilihat(client, dunia, nama, persona):
    url = reverse(nama) + "?tahun=2024"
    if persona == "anonim":
        resp = client.get(url)
        assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))
        return
    client.force_login(getattr(dunia.personas, persona))
    resp = client.get(url, follow=True)
    assert resp.status_code == 200
    teks = resp.content.decode()
    if persona == "operator_b":
        assert "Pagar Alam" not in teks
    else:
        assert "Pagar Alam" in teks


def test_ganti_kata_sandi(client, personas):
    client.force_login(personas.operator_a)
    resp = client.post(
        reverse("password_change"),
        {
            "old_password": "rahasia-uji-123",
            "new_password1": "Sandi-baru-789",
            "new_password2": "x",
        },
    )
    assert "tidak cocok" in resp.content.decode() or "sama" in resp.content.decode()
    resp = client.post(
        reverse("password_change"),
        {
            "old_password": "rahasia-uji-123",
            "new_password1": "Sandi-baru-789",
            "new_password2": "Sandi-baru-789",
        },
    )
    assert resp.status_code == 302
    personas.operator_a.refresh_from_db()
    assert personas.operator_a.check_password("Sandi-baru-789")


def test_bukti_dikirim_dengan_jenis_yang_benar_dan_nosniff(client, dunia):
    client.force_login(dunia.personas.reviewer)
    resp = client.get(reverse("kinerja:realisasi_bukti", args=[dunia.realisasi.pk]))
    assert resp["Content-Type"] == "application/pdf"
    assert resp["X-Content-Type-Options"] == "nosniff"
    assert b"".join(resp.streaming_content).startswith(b"%PDF")

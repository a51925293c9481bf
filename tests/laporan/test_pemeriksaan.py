"""Each consistency check fires on a case that should trigger it, and not on one that should not."""

import datetime as dt

import pytest

from laporan.models import NarasiLaporan
from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from tests.factories import RealisasiFactory


def temuan(kantor) -> dict[str, str]:
    lap = build_laporan(kantor.satker, 2024, tanggal=dt.date(2025, 1, 17))
    return {t.kunci: t.pesan for t in periksa(lap)}


def test_data_bersih_hanya_realisasi_kosong(kantor):
    assert list(temuan(kantor)) == [f"realisasi_kosong:{kantor.kosong.pk}"]


def test_realisasi_kosong(kantor):
    assert f"realisasi_kosong:{kantor.kosong.pk}" in temuan(kantor)
    RealisasiFactory(baris=kantor.kosong, periode="TAHUNAN", teks="WTP")
    assert f"realisasi_kosong:{kantor.kosong.pk}" not in temuan(kantor)


def test_pk_tidak_ada(kantor):
    assert "pk_tidak_ada:SEKRETARIAT" not in temuan(kantor)
    kantor.pk_sekretariat.delete()
    assert "pk_tidak_ada:SEKRETARIAT" in temuan(kantor)


def test_jumlah_tidak_sama_dengan_dipa_terakhir(kantor):
    assert not [k for k in temuan(kantor) if k.startswith("jumlah_dipa")]
    kantor.baris_wa.pagu = 199_000_000
    kantor.baris_wa.save()
    (pesan,) = [p for k, p in temuan(kantor).items() if k.startswith("jumlah_dipa")]
    assert "Rp 1.199.000.000" in pesan and "Rp 1.200.000.000" in pesan


def test_realisasi_melebihi_pagu(kantor):
    kantor.baris_wa.realisasi = kantor.baris_wa.pagu
    kantor.baris_wa.save()
    assert f"realisasi_melebihi_pagu:{kantor.baris_wa.pk}" not in temuan(kantor)
    kantor.baris_wa.realisasi = kantor.baris_wa.pagu + 1
    kantor.baris_wa.save()
    assert f"realisasi_melebihi_pagu:{kantor.baris_wa.pk}" in temuan(kantor)


@pytest.mark.parametrize(
    "realisasi,kena",
    [(13_322_950, True), (13_322_950_000 // 100, False), (0, False), (900_000_000, False)],
)
def test_nol_hilang(kantor, realisasi, kena):
    kantor.baris_cq.pagu, kantor.baris_cq.realisasi = 13_322_950_000, realisasi
    kantor.baris_cq.save()
    assert (f"realisasi_terlalu_kecil:{kantor.baris_cq.pk}" in temuan(kantor)) is kena


def test_tanggal_revisi_tidak_urut(kantor):
    revisi1 = kantor.dipa.revisi.get(label="Revisi 1")
    assert f"tanggal_revisi:{revisi1.pk}" not in temuan(kantor)
    revisi1.tanggal = dt.date(2023, 2, 13)
    revisi1.save()
    hasil = temuan(kantor)
    assert f"tanggal_revisi:{revisi1.pk}" in hasil
    assert "13 Februari 2023" in hasil[f"tanggal_revisi:{revisi1.pk}"]


def test_tanggal_pk_di_luar_tahun(kantor):
    assert f"tanggal_pk:{kantor.pk_kpu.pk}" not in temuan(kantor)
    kantor.pk_kpu.tanggal = dt.date(2025, 2, 1)
    kantor.pk_kpu.save()
    assert f"tanggal_pk:{kantor.pk_kpu.pk}" in temuan(kantor)


def test_laporan_bertanggal_sebelum_tahun_berakhir(kantor):
    lap = build_laporan(kantor.satker, 2024, tanggal=dt.date(2024, 1, 9))
    assert "tanggal_laporan" in {t.kunci for t in periksa(lap)}


def _narasi(kantor, teks: str, bagian: str = "kata_pengantar") -> dict[str, str]:
    NarasiLaporan.objects.update_or_create(
        satker=kantor.satker, tahun=2024, bagian=bagian, defaults={"teks": teks}
    )
    return {k: p for k, p in temuan(kantor).items() if k.endswith(f":{bagian}")}


@pytest.mark.parametrize(
    "teks,jenis",
    [
        ("Pelaksanaan kinerja KPU Kota Prabumulih diharapkan baik.", "kantor_lain"),
        ("Fasilitasi pembentukan Komisi Informasi Kota Prabumulih.", "kantor_lain"),
        ("Laporan Kinerja Tahun 2023 ini disusun.", "tahun_lain"),
        ("Capaian kinerja sebesar 98,95% dari target.", "angka_diketik"),
        ("Realisasi anggaran Rp 33.353.847.000.", "angka_diketik"),
        ("Capaian {{capaian:9:KPU}}.", "placeholder"),
        ("Nilai {{tidak_ada}}.", "placeholder"),
    ],
)
def test_narasi_bermasalah(kantor, teks, jenis):
    assert f"{jenis}:kata_pengantar" in _narasi(kantor, teks)


@pytest.mark.parametrize(
    "teks",
    [
        "Laporan KPU Kota Pagar Alam kepada KPU Provinsi Sumatera Selatan.",
        "Sesuai Peraturan Presiden Nomor 29 Tahun 2014 dan Renstra 2020–2024.",
        "Capaian {{capaian:1:KPU}} pada Tahun {{tahun}}, dibanding {{tahun_lalu}}.",
        "Dokumen ditandatangani pada Januari 2025.",
    ],
)
def test_narasi_wajar(kantor, teks):
    assert _narasi(kantor, teks) == {}


def test_narasi_salinan_belum_ditinjau(kantor):
    NarasiLaporan.objects.create(
        satker=kantor.satker, tahun=2024, bagian="penutup", teks="Teks lama.", disalin_dari=2023
    )
    assert "narasi_disalin:penutup" in temuan(kantor)


def test_teks_bawaan_tanpa_catatan(kantor):
    """A freshly loaded office's default texts raise no narrative finding."""
    assert not [k for k in temuan(kantor) if not k.startswith("realisasi_kosong")]


def test_penandatangan_belum_tercatat(kantor):
    assert "penandatangan" not in temuan(kantor)
    kantor.satker.pejabat.all().delete()
    kantor.pk_kpu.pihak_pertama_nama = ""
    kantor.pk_kpu.save()
    assert "penandatangan" in temuan(kantor)

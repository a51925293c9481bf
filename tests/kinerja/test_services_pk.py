"""The PK workflow through the services: submit, sign, lock, revise, close and reopen a quarter."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja import services
from kinerja.models import (
    IndikatorKinerja,
    PenutupanPeriode,
    PerjanjianKinerja,
    Realisasi,
    Renstra,
    SasaranStrategis,
    TargetRenstra,
    TargetTriwulan,
)
from tests.factories import BarisPKFactory, PerjanjianFactory, RealisasiFactory

S = PerjanjianKinerja.Status


@pytest.fixture
def pk(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2024, pihak_pertama_nama="Ketua A")
    baris = BarisPKFactory(perjanjian=pk, no="1", target="80%")
    TargetTriwulan.objects.create(baris=baris, periode="TW1", teks="20%")
    pk.anggaran.create(program="Program Dukungan Manajemen", jumlah=2_880_554_000)
    return pk


def _tanda_tangani(pk, personas):
    services.perjanjian_submit(perjanjian=pk, by=personas.sekretaris_a)
    return services.perjanjian_sign(perjanjian=pk, by=personas.ketua_a)


def test_alur_ajukan_lalu_tanda_tangan(pk, personas):
    with pytest.raises(PermissionDenied):
        services.perjanjian_submit(perjanjian=pk, by=personas.operator_a)
    services.perjanjian_submit(perjanjian=pk, by=personas.sekretaris_a)
    assert pk.status == S.DIAJUKAN and pk.diajukan_pada
    with pytest.raises(PermissionDenied):
        services.perjanjian_sign(perjanjian=pk, by=personas.sekretaris_a)
    services.perjanjian_sign(perjanjian=pk, by=personas.ketua_a)
    pk.refresh_from_db()
    assert pk.status == S.DITANDATANGANI and pk.ditandatangani_oleh == personas.ketua_a
    assert pk.history.first().history_change_reason == "Ditandatangani"
    assert pk.history.first().history_user == personas.ketua_a
    with pytest.raises(ValidationError, match="sudah ditandatangani"):
        services.perjanjian_sign(perjanjian=pk, by=personas.ketua_a)


def test_pk_kosong_tidak_dapat_diajukan_dan_draf_tidak_dapat_ditandatangani(personas):
    kosong = PerjanjianFactory(satker=personas.satker_a, pihak_pertama_nama="")
    with pytest.raises(ValidationError) as e:
        services.perjanjian_submit(perjanjian=kosong, by=personas.sekretaris_a)
    assert "belum memiliki baris" in str(e.value) and "pihak pertama" in str(e.value)
    with pytest.raises(ValidationError, match="diajukan dahulu"):
        services.perjanjian_sign(perjanjian=kosong, by=personas.ketua_a)


def test_pk_bertanda_tangan_terkunci(pk, personas):
    _tanda_tangani(pk, personas)
    baris = pk.baris.get()
    with pytest.raises(ValidationError, match="terkunci"):
        services.baris_save(perjanjian=pk, baris=baris, data={"target": "90%"}, by=personas.ketua_a)
    with pytest.raises(ValidationError, match="terkunci"):
        services.perjanjian_update(perjanjian=pk, data={"tempat": "X"}, by=personas.admin)
    with pytest.raises(ValidationError, match="terkunci"):
        services.baris_delete(baris=baris, by=personas.admin)
    assert pk.baris.get().target == "80%"


def test_revisi_membuat_versi_baru_dengan_isi_dan_realisasi(pk, personas):
    RealisasiFactory(baris=pk.baris.get(), periode="TW1", teks="25%", kendala="Hujan")
    _tanda_tangani(pk, personas)
    with pytest.raises(ValidationError, match="Alasan revisi wajib"):
        services.perjanjian_revise(perjanjian=pk, alasan="  ", by=personas.sekretaris_a)
    with pytest.raises(PermissionDenied):
        services.perjanjian_revise(perjanjian=pk, alasan="Revisi DIPA", by=personas.operator_a)
    baru = services.perjanjian_revise(
        perjanjian=pk, alasan="Revisi DIPA ke-3", by=personas.sekretaris_a
    )
    assert (baru.versi, baru.status, baru.alasan_revisi) == (2, S.DRAFT, "Revisi DIPA ke-3")
    assert baru.ditandatangani_pada is None
    b = baru.baris.get()
    assert b.target == "80%" and b.target_triwulan.get().teks == "20%"
    assert b.realisasi.get().kendala == "Hujan"
    assert baru.anggaran.get().jumlah == 2_880_554_000
    pk.refresh_from_db()
    assert pk.status == S.DITANDATANGANI and pk.baris.get().realisasi.count() == 1
    with pytest.raises(ValidationError, match="versi yang lebih baru"):
        services.perjanjian_revise(perjanjian=pk, alasan="Lagi", by=personas.sekretaris_a)
    with pytest.raises(ValidationError, match="sudah direvisi"):
        services.realisasi_save(
            baris=pk.baris.get(), periode="TW2", data={"teks": "50%"}, by=personas.operator_a
        )
    services.baris_save(perjanjian=baru, baris=b, data={"target": "85%"}, by=personas.operator_a)
    assert baru.baris.get().target == "85%"


def test_realisasi_boleh_diisi_pada_pk_bertanda_tangan(pk, personas):
    _tanda_tangani(pk, personas)
    r = services.realisasi_save(
        baris=pk.baris.get(), periode="TW1", data={"teks": "25%"}, by=personas.operator_a
    )
    assert r.teks_angka == 25 and r.history.first().history_user == personas.operator_a


def test_tutup_dan_buka_kembali_triwulan(pk, personas):
    a, baris = personas.satker_a, pk.baris.get()
    with pytest.raises(PermissionDenied):
        services.periode_close(satker=a, tahun=2024, periode="TW1", by=personas.operator_a)
    with pytest.raises(PermissionDenied):
        services.periode_close(satker=a, tahun=2024, periode="TW1", by=personas.ketua_a)
    services.periode_close(satker=a, tahun=2024, periode="TW1", by=personas.sekretaris_a)
    with pytest.raises(ValidationError, match="sudah ditutup"):
        services.realisasi_save(
            baris=baris, periode="TW1", data={"teks": "25%"}, by=personas.operator_a
        )
    services.realisasi_save(baris=baris, periode="TW2", data={"teks": "40%"}, by=personas.admin)
    with pytest.raises(ValidationError, match="Alasan"):
        services.periode_reopen(
            satker=a, tahun=2024, periode="TW1", alasan="", by=personas.sekretaris_a
        )
    services.periode_reopen(
        satker=a, tahun=2024, periode="TW1", alasan="Data BPS terlambat", by=personas.sekretaris_a
    )
    assert not PenutupanPeriode.objects.exists()
    h = PenutupanPeriode.history.filter(history_type="-").get()
    assert (h.history_change_reason, h.history_user) == (
        "Data BPS terlambat",
        personas.sekretaris_a,
    )
    services.realisasi_save(
        baris=baris, periode="TW1", data={"teks": "25%"}, by=personas.operator_a
    )
    assert Realisasi.objects.count() == 2


def test_penyimpanan_kedua_dengan_versi_lama_ditolak(pk, personas):
    baris = pk.baris.get()
    versi_lama = baris.diperbarui
    services.baris_save(
        perjanjian=pk,
        baris=baris,
        data={"target": "85%"},
        diperbarui=versi_lama,
        by=personas.operator_a,
    )
    with pytest.raises(ValidationError, match="sudah diubah oleh operator_a pada .* pukul"):
        services.baris_save(
            perjanjian=pk,
            baris=pk.baris.get(),
            data={"target": "90%"},
            diperbarui=versi_lama,
            by=personas.sekretaris_a,
        )
    assert pk.baris.get().target == "85%"


def test_nilai_tidak_sesuai_jenis_ditolak_oleh_service(pk, personas):
    with pytest.raises(ValidationError) as e:
        services.realisasi_save(
            baris=pk.baris.get(), periode="TW1", data={"teks": "WTP"}, by=personas.operator_a
        )
    assert "persentase" in e.value.message_dict["teks"][0]
    assert not Realisasi.objects.exists()


def test_buat_pk_dari_tahun_lalu_dan_dari_renstra(pk, personas):
    pk.jenis = PerjanjianKinerja.Jenis.SEKRETARIAT
    pk.save()
    salinan = services.perjanjian_create(
        satker=personas.satker_a,
        tahun=2025,
        jenis="SEKRETARIAT",
        sumber="tahun_lalu",
        by=personas.operator_a,
    )
    assert salinan.baris.get().target_triwulan.get().teks == "20%"
    assert salinan.anggaran.count() == 1
    with pytest.raises(ValidationError, match="sudah ada"):
        services.perjanjian_create(
            satker=personas.satker_a, tahun=2025, jenis="SEKRETARIAT", by=personas.operator_a
        )
    # The satker's own Renstra, when it has one for the year, comes before the catalogue.
    renstra = Renstra.objects.create(
        satker=personas.satker_a, tahun_awal=2025, tahun_akhir=2029, visi="V", misi="M"
    )
    sasaran = SasaranStrategis.objects.create(renstra=renstra, kode="SS1", nama="Sasaran satu")
    ind = IndikatorKinerja.objects.create(
        sasaran=sasaran, kode="IK1", nama="Opini BPK", jenis_nilai="OPINI"
    )
    TargetRenstra.objects.create(indikator=ind, tahun=2025, target="WTP")
    dari_renstra = services.perjanjian_create(
        satker=personas.satker_a, tahun=2025, jenis="KPU", sumber="renstra", by=personas.ketua_a
    )
    b = dari_renstra.baris.get()
    assert (b.indikator, b.target, b.indikator_kinerja) == ("Opini BPK", "WTP", ind)
    with pytest.raises(PermissionDenied):
        services.perjanjian_create(
            satker=personas.satker_a, tahun=2026, jenis="KPU", by=personas.reviewer
        )


def test_revisi_dipa_tidak_boleh_mundur_tanggal(personas):
    dipa = services.dipa_get_or_create(satker=personas.satker_a, tahun=2024, by=personas.operator_a)
    services.revisi_dipa_save(
        dipa=dipa,
        data={"label": "DIPA Awal", "tanggal": dt.date(2023, 12, 1), "pagu": 10},
        by=personas.operator_a,
    )
    with pytest.raises(ValidationError, match="sebelum revisi sebelumnya"):
        services.revisi_dipa_save(
            dipa=dipa,
            data={"label": "Revisi 1", "tanggal": dt.date(2023, 11, 1), "pagu": 10},
            by=personas.operator_a,
        )
    with pytest.raises(ValidationError, match="sudah dipakai"):
        services.revisi_dipa_save(
            dipa=dipa,
            data={"label": "DIPA Awal", "tanggal": dt.date(2024, 1, 1), "pagu": 1},
            by=personas.operator_a,
        )

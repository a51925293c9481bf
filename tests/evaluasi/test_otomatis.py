"""What the system answers of the self-assessment from its own data, with its reason."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from common.kunci import kunci_dilepas
from evaluasi.otomatis import isian_sistem
from kinerja.models import PerjanjianKinerja
from laporan.models import LaporanKinerja
from tests.factories import BarisPKFactory, PerjanjianFactory, RealisasiFactory

pytestmark = pytest.mark.django_db


def _tanda(pk, tanggal: dt.date) -> None:
    zona = timezone.get_current_timezone()
    with kunci_dilepas("uji: tanggal tanda tangan"):
        PerjanjianKinerja.objects.filter(pk=pk.pk).update(
            status="DITANDATANGANI",
            ditandatangani_pada=dt.datetime.combine(tanggal, dt.time(10), zona),
        )


def test_pk_signed_by_31_january(personas, lke_draf):
    kpu = PerjanjianFactory(satker=personas.satker_a, tahun=2024, jenis="KPU")
    sek = PerjanjianFactory(satker=personas.satker_a, tahun=2024, jenis="SEKRETARIAT")
    _tanda(kpu, dt.date(2024, 1, 31))
    _tanda(sek, dt.date(2024, 2, 1))
    jawab, alasan = isian_sistem(lke_draf)["PK_TEPAT_WAKTU"]
    assert jawab == "T"
    assert "ditandatangani 31 Januari 2024" in alasan and "1 Februari 2024" in alasan
    _tanda(sek, dt.date(2024, 1, 20))
    assert isian_sistem(lke_draf)["PK_TEPAT_WAKTU"][0] == "Y"


def test_realisasi_every_quarter_and_last_years_comparison(personas, lke_draf):
    from kinerja.models import IndikatorKinerja

    ik = IndikatorKinerja.objects.filter(sasaran__renstra__tahun_awal=2020).first()
    lalu = BarisPKFactory(
        perjanjian=PerjanjianFactory(satker=personas.satker_a, tahun=2023), indikator_kinerja=ik
    )
    RealisasiFactory(baris=lalu, periode="TW4")
    baris = BarisPKFactory(
        perjanjian=PerjanjianFactory(satker=personas.satker_a, tahun=2024), indikator_kinerja=ik
    )
    for p in ("TW1", "TW2", "TW3"):
        RealisasiFactory(baris=baris, periode=p)
    isian = isian_sistem(lke_draf)
    assert isian["REALISASI_TRIWULAN"] == (
        "T",
        "Belum ada realisasi pada Triwulan IV (terisi: Triwulan I, Triwulan II, Triwulan III).",
    )
    assert isian["BANDING_TAHUN_LALU"][0] == "A"
    assert "1 dari 1 indikator memiliki realisasi Tahun 2023" in isian["BANDING_TAHUN_LALU"][1]
    RealisasiFactory(baris=baris, periode="TW4")
    assert isian_sistem(lke_draf)["REALISASI_TRIWULAN"][0] == "Y"


def test_lkjip_final_before_the_end_of_february(personas, lke_draf, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assert isian_sistem(lke_draf)["LKJIP_ADA"][0] == "T"
    lap = LaporanKinerja(
        satker=personas.satker_a,
        tahun=2024,
        status="FINAL",
        sha256="0" * 64,
        difinalkan_pada=dt.datetime(2025, 3, 1, 9, tzinfo=dt.UTC),
    )
    lap.pdf.save("lkjip.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=False)
    lap.save()
    isian = isian_sistem(lke_draf)
    assert isian["LKJIP_ADA"][0] == "Y"
    assert isian["LKJIP_TEPAT_WAKTU"] == (
        "T",
        "LKjIP final 1 Maret 2025 (batas 28 Februari 2025).",
    )

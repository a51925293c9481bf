"""The province rekap with the budget tied to performance (issue 17): capaian RO per office, and
offices whose serapan is far below the plan of the last quarter ended are marked."""

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from kinerja.models import KebijakanCapaian, OutputRO, RealisasiRO, SkalaKategori
from rekap import selectors as rekap
from tests.factories import BarisAnggaranFactory, DipaFactory

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.date(2024, 9, 30)


def _anggaran(satker, realisasi, per_tanggal=SEPTEMBER):
    dipa = DipaFactory(satker=satker, tahun=2024)
    return BarisAnggaranFactory(
        dipa=dipa, output_kode="QGE.001", pagu=100_000_000, realisasi=realisasi,
        per_tanggal=per_tanggal,
    )  # fmt: skip


def _baris(personas):
    return {
        b.satker.kode: b
        for b in rekap.rekap_satker(user=personas.reviewer, tahun=2024, provinsi=personas.provinsi)
    }


def test_serapan_jauh_di_bawah_rencana_ditandai(personas, client):
    _anggaran(personas.satker_a, 20_000_000)  # 20% by 30 September; plan TW III 75%
    _anggaran(personas.satker_b, 66_000_000)  # 66%: 9 points under, not far below
    b = _baris(personas)
    a, lain = b[personas.satker_a.kode], b[personas.satker_b.kode]
    assert a.angka.rencana_serapan == 75 and a.serapan_rendah
    assert lain.angka.rencana_serapan == 75 and not lain.serapan_rendah
    client.force_login(personas.reviewer)
    url = reverse("rekap:provinsi", args=[personas.provinsi.kode])
    html = client.get(url, {"tahun": 2024, "status": "serapan-rendah"}).content.decode()
    assert personas.satker_a.nama in html and "di bawah rencana" in html
    assert personas.satker_b.nama not in html


def test_rencana_dari_kebijakan_tahun_itu(personas):
    _anggaran(personas.satker_a, 20_000_000, per_tanggal=dt.date(2024, 4, 10))
    assert not _baris(personas)[personas.satker_a.kode].serapan_rendah  # TW I plan 20%
    skala = SkalaKategori.objects.create(nama="Uji")
    KebijakanCapaian.objects.create(tahun=2024, skala=skala, rencana_serapan_tw1=Decimal(35))
    a = _baris(personas)[personas.satker_a.kode]
    assert a.angka.rencana_serapan == 35 and a.serapan_rendah


def test_capaian_ro_per_satker(personas):
    line = _anggaran(personas.satker_a, 50_000_000)
    ro = OutputRO.objects.create(
        dipa=line.dipa, kegiatan=line.kegiatan, output_kode="QGE.001", satuan="Dokumen", volume=4
    )
    RealisasiRO.objects.create(output=ro, bulan=3, volume=1, uang=20_000_000)
    RealisasiRO.objects.create(output=ro, bulan=6, volume=3, uang=30_000_000)
    assert _baris(personas)[personas.satker_a.kode].capaian_ro == Decimal(75)  # cumulative 3/4
    ro.kumulatif = False
    ro.save()
    assert _baris(personas)[personas.satker_a.kode].capaian_ro == Decimal(100)  # 1 + 3

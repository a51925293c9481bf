"""A PK's program budget is chosen from the programs of the year's DIPA and checked against the
DIPA's pagu of that program (issue 17)."""

import pytest
from django.urls import reverse

from kinerja.models import AnggaranPK
from laporan.pemeriksaan import periksa
from laporan.selectors import build_laporan
from tests.factories import (
    BarisAnggaranFactory,
    DipaFactory,
    KegiatanFactory,
    PerjanjianFactory,
    ProgramFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def dunia(personas):
    pk = PerjanjianFactory(satker=personas.satker_a, tahun=2024)
    line = BarisAnggaranFactory(dipa=DipaFactory(satker=personas.satker_a, tahun=2024), pagu=500)
    lain = KegiatanFactory(program=ProgramFactory(kode="076.01.ZZ", nama="Program Lain"))
    return pk, line.program, lain.program


def _temuan(personas):
    lap = build_laporan(personas.satker_a, 2024)
    return [t.pesan for t in periksa(lap) if t.jenis == "Anggaran PK dan DIPA"]


def test_pilihan_program_dari_dipa_dan_temuan(client, personas, dunia):
    pk, program, lain = dunia
    client.force_login(personas.operator_a)
    url = reverse("kinerja:anggaran_pk_create", args=[pk.pk])
    html = client.get(url).content.decode()
    assert program.kode in html and lain.kode not in html
    r = client.post(url, {"program": f"{lain.nama} ({lain.kode})", "jumlah": "500"})
    assert r.status_code == 200 and not AnggaranPK.objects.exists()
    r = client.post(url, {"program": f"{program.nama} ({program.kode})", "jumlah": "Rp 600"})
    assert r.status_code == 302
    (pesan,) = _temuan(personas)
    assert f"anggaran {program.kode} Rp 600 berbeda" in pesan and "DIPA terakhir: Rp 500" in pesan
    a = AnggaranPK.objects.get()
    r = client.post(
        reverse("kinerja:anggaran_pk_update", args=[a.pk]), {"program": a.program, "jumlah": "500"}
    )
    assert r.status_code == 302 and _temuan(personas) == []


def test_program_yang_tidak_ada_di_dipa_adalah_temuan(personas, dunia):
    pk, _, lain = dunia
    AnggaranPK.objects.create(perjanjian=pk, program="Program Dukungan Apa Saja", jumlah=1)
    (pesan,) = _temuan(personas)
    assert "tidak ada dalam DIPA 2024" in pesan

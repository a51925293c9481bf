"""The round trip on all our data (spec/workbook.md, issue 13): exporting then importing every
demo satker-year, a whole province, and the catalogue gives no error and no change.

The satker-years are generated from the demo's sources (fixtures/demo_2024.json and the cycle of
demo/siklus.py), not listed by hand; a test checks the list against the loaded database."""

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from demo.management.commands.demo import SLUG
from demo.siklus import TRIWULAN_ADA
from kinerja.models import Dipa, PerjanjianKinerja
from satker.models import Satker
from workbook.exporter import ekspor_workbook
from workbook.importer import impor_workbook

_DATA = json.loads((Path(settings.BASE_DIR) / "fixtures" / "demo_2024.json").read_text())
PASANGAN = sorted(
    {(p["satker"], p["tahun"]) for p in _DATA["perjanjian"]}
    | {(d["satker"], d["tahun"]) for d in _DATA["dipa"]}
    | {(kode, tahun) for kode in SLUG for tahun in TRIWULAN_ADA}
)


@pytest.fixture
def demo(demo_modul, db):
    return demo_modul


def _bolak_balik(satker, tahun: int):
    f = io.BytesIO()
    ekspor_workbook(satker, tahun, f)
    f.seek(0)
    return impor_workbook(f, user=None)


def test_the_generated_list_is_every_satker_year_of_the_demo(demo):
    ada = set(PerjanjianKinerja.objects.values_list("satker__kode", "tahun")) | set(
        Dipa.objects.values_list("satker__kode", "tahun")
    )
    assert sorted(ada) == PASANGAN
    assert len(PASANGAN) == 11  # 2022-2024 of the seeds, 2025-2026 of the three offices


@pytest.mark.parametrize(("kode", "tahun"), PASANGAN)
def test_export_then_import_changes_nothing(demo, kode, tahun):
    lap = _bolak_balik(Satker.objects.filter(kode=kode), tahun)
    assert not lap.galat and not lap.ada_perubahan, lap.teks()
    assert lap.sheets["PK"].tetap > 0


@pytest.mark.parametrize("provinsi", ["16", "12"])
@pytest.mark.parametrize("tahun", sorted(TRIWULAN_ADA))
def test_export_then_import_of_a_whole_province_changes_nothing(demo, provinsi, tahun):
    satker = Satker.objects.filter(kode=provinsi) | Satker.objects.filter(induk__kode=provinsi)
    lap = _bolak_balik(satker, tahun)
    assert not lap.galat and not lap.ada_perubahan, lap.teks()
    assert lap.sheets["Satker"].tetap == satker.count() > 1


def test_export_then_import_of_the_catalogue_changes_nothing(demo, tmp_path):
    """Through the commands, as KPU RI would: export_katalog, then import_workbook."""
    berkas = tmp_path / "katalog.xlsx"
    call_command("export_katalog", "-o", str(berkas), stdout=io.StringIO())
    lap = impor_workbook(str(berkas), user=None)
    assert not lap.galat and not lap.ada_perubahan, lap.teks()
    tetap = {nama: s.tetap for nama, s in lap.sheets.items()}
    assert tetap["Indikator"] == 58 and tetap["TargetNasional"] == 183 and tetap["Output"] == 31

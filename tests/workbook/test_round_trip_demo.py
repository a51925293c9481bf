"""The round trip on all our data (spec/workbook.md, issue 13): exporting then importing every
demo satker-year, a whole province, and the catalogue gives no error and no change.

The satker-years are generated from the demo's sources (fixtures/demo_2024.json and the cycle of
demo/siklus.py), not listed by hand; a test checks the list against the loaded database."""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from common.kunci import kunci_dilepas
from demo.management.commands.demo import SLUG
from demo.siklus import TRIWULAN_ADA
from evaluasi.models import Evaluasi, Jawaban, Rekomendasi
from kinerja.models import Dipa, PerjanjianKinerja
from laporan.render import render_html
from laporan.selectors import build_laporan
from satker.models import Satker
from tests.proses import env_sqlite_baru, manage
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
    assert lap.sheets["Satker"].tetap == satker.count() + 1  # with KPU RI, their parent


def test_export_then_import_of_the_catalogue_changes_nothing(demo, tmp_path):
    """Through the commands, as KPU RI would: export_katalog, then import_workbook."""
    berkas = tmp_path / "katalog.xlsx"
    call_command("export_katalog", "-o", str(berkas), stdout=io.StringIO())
    lap = impor_workbook(str(berkas), user=None)
    assert not lap.galat and not lap.ada_perubahan, lap.teks()
    tetap = {nama: s.tetap for nama, s in lap.sheets.items()}
    assert tetap["Indikator"] == 58 and tetap["TargetNasional"] == 183 and tetap["Output"] == 31
    assert tetap["LKEKriteria"] == 36 and tetap["LKEPredikat"] == 7


def test_the_export_of_an_office_recreates_it_in_a_fresh_database(demo, tmp_path):
    """Every demo satker-year, exported here one office at a time and imported with `manage.py
    import_workbook` into a freshly migrated database, gives the same LKjIP 2026 of Pagar Alam
    (HTML) there as here: its own five years, and the other offices its report compares it
    with. (What no workbook carries stays behind: signatures, final versions, narrative, and
    the AKIP evaluations, whose final grade is a realisasi and the report's grade history.)"""
    env = env_sqlite_baru(tmp_path)
    assert manage(env, "migrate", "--noinput", "-v0").returncode == 0
    satker = Satker.objects.get(kode="1672")
    for kode, tahun in PASANGAN:
        berkas = tmp_path / f"{kode}-{tahun}.xlsx"
        ekspor_workbook(Satker.objects.filter(kode=kode), tahun, str(berkas))
        impor = manage(env, "import_workbook", str(berkas))
        assert impor.returncode == 0, impor.stdout + impor.stderr
    html = tmp_path / "lkjip.html"
    render = manage(env, "lkjip", "1672", "2026", "--format", "html", "-o", str(html))
    assert render.returncode == 0, render.stderr
    with kunci_dilepas("uji: LKE tidak dibawa workbook"):
        Jawaban.objects.all().delete()
        Rekomendasi.objects.all().delete()
        Evaluasi.objects.all().delete()
    di_sini = render_html(build_laporan(satker, 2026))
    di_sana = html.read_text(encoding="utf-8")
    # The one difference: a workbook cannot sign a PK (the Ketua does, in the application).
    status = re.compile(r"Status dokumen: (\w+)")
    assert set(status.findall(di_sini)) == {"Ditandatangani"}
    assert set(status.findall(di_sana)) == {"Draf"}
    assert status.sub("", di_sana) == status.sub("", di_sini)

"""The apps depend one way (docs/architecture.md), checked by import-linter's contract in
pyproject.toml; a wrong-direction import fails the suite."""

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APPS = ["config", "common", "satker", "kinerja", "workbook", "laporan", "evaluasi", "rekap", "demo"]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(LINT), "--no-cache"],
        cwd=cwd,
        env={"PYTHONPATH": str(cwd), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def _salin(tmp_path: Path) -> Path:
    for app in APPS:
        shutil.copytree(ROOT / app, tmp_path / app, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    return tmp_path


def test_the_apps_keep_the_layer_contract():
    hasil = _lint(ROOT)
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr
    assert "1 kept, 0 broken" in hasil.stdout


def test_a_wrong_direction_import_breaks_the_contract(tmp_path):
    salinan = _salin(tmp_path)
    (salinan / "satker" / "salah_arah.py").write_text("from rekap import selectors  # noqa\n")
    hasil = _lint(salinan)
    assert hasil.returncode != 0
    assert "BROKEN" in hasil.stdout
    assert "satker.salah_arah -> rekap.selectors" in hasil.stdout


def test_workbook_and_laporan_are_independent(tmp_path):
    salinan = _salin(tmp_path)
    (salinan / "laporan" / "salah_arah.py").write_text("from workbook import skema  # noqa\n")
    hasil = _lint(salinan)
    assert hasil.returncode != 0
    assert "laporan.salah_arah -> workbook.skema" in hasil.stdout

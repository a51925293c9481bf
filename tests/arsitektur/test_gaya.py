"""The house style holds in CI: ruff's rules (including complexity at most 15, C901) and its
formatting, on every file."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RUFF = Path(sys.executable).with_name("ruff")


def _ruff(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(RUFF), *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_check_is_clean():
    hasil = _ruff("check", "--output-format", "concise", ".")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


def test_ruff_format_is_clean():
    hasil = _ruff("format", "--check", ".")
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


def test_a_function_above_complexity_15_fails(tmp_path):
    cabang = "\n".join(f"    if x == {i}:\n        return {i}" for i in range(16))
    (tmp_path / "rumit.py").write_text(f"def rumit(x):\n{cabang}\n    return -1\n")
    hasil = subprocess.run(
        [str(RUFF), "check", "--config", str(ROOT / "pyproject.toml"), str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert hasil.returncode != 0
    assert "C901 `rumit` is too complex (17 > 15)" in hasil.stdout

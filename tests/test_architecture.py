"""The layer rules hold: pure layers import no Qt, and Qt stays off the headless paths."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_import_linter_contracts_are_kept() -> None:
    exe = shutil.which("lint-imports") or str(Path(sys.executable).with_name("lint-imports"))
    if not Path(exe).exists():
        pytest.skip("import-linter is not installed (pip install -e '.[test]')")
    result = subprocess.run([exe], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "module",
    ["familytree.model", "familytree.gedcom", "familytree.layout", "familytree.search", "familytree.evidence",
     "familytree.relations", "familytree.cli"],
)
def test_headless_modules_do_not_load_qt_or_networkx(module: str) -> None:
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('PySide6', 'networkx') if m in sys.modules]; "
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ""

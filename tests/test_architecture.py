"""The layer rules hold: pure layers import no Qt, Qt stays off headless paths, test modules stand alone."""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
from collections.abc import Iterator
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
     "familytree.relations", "familytree.workspace", "familytree.privacy", "familytree.media",
     "familytree.cli"],
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


def _imported_modules(tree: ast.AST) -> Iterator[str]:
    """The modules a module imports, also in the scripts it runs in a subprocess (its strings)."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            yield node.module
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and "import" in node.value:
            try:
                script = ast.parse(node.value)
            except SyntaxError:
                continue  # prose, not a script
            yield from _imported_modules(script)


def test_no_test_module_imports_another_or_conftest() -> None:
    """Helpers shared by tests live in tests/support/: a test module that imports another runs
    that module's tests' set-up on import and breaks when it is renamed or split."""
    tests = ROOT / "tests"
    found = {}
    for path in sorted([*tests.glob("test_*.py"), *tests.glob("support/*.py")]):
        imported = _imported_modules(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        bad = sorted({m for m in imported if m.partition(".")[0].startswith("test_")
                      or m.partition(".")[0] == "conftest"})
        if bad:
            found[str(path.relative_to(tests))] = bad
    assert found == {}

"""An installed familytree carries the bundled family and its icons, not only a checkout does."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_a_build_puts_the_bundled_family_and_the_resources_inside_the_package(tmp_path: Path) -> None:
    out = tmp_path / "lib"
    proc = subprocess.run([sys.executable, "setup.py", "-q", "build_py", "-d", str(out)], cwd=ROOT,
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stderr
    package = out / "familytree"
    family = "data/trotsky-sedov.ged"
    assert (package / family).read_bytes() == (ROOT / family).read_bytes()
    assert (package / "resources" / "familytree.svg").is_file()
    assert (package / "resources" / "guide.html").is_file()
    assert not list((package / "resources").glob("*.png")), "README's screenshots are not part of the program"
    # and the installed package finds them there, with no checkout around it
    probe = "import familytree.paths as p; print(p.bundled_family_path().is_file(), p.bundled_family_path())"
    proc = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, capture_output=True, text=True,
                          env={"PYTHONPATH": str(out), "PATH": "/usr/bin:/bin"}, check=False)
    assert proc.returncode == 0, proc.stderr
    found, where = proc.stdout.split()
    assert found == "True", proc.stdout
    assert where.startswith(str(package)), proc.stdout

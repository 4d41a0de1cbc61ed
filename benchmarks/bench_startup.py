"""Benchmark: launch to chart drawn, against a bare PySide6 window measured in the same run.

    python benchmarks/bench_startup.py [--runs 7] [--file FILE] [--compare SRC] [--instructions]

Each run starts a fresh Python process and stops the clock at the first paint of
the window: for the baseline, an empty QWidget; for familytree, the main window's
chart viewport once the chart of the bundled family (or FILE) is in the scene.
Target: familytree at most 2x the bare window (median of the runs). Uses the
offscreen platform unless a DISPLAY is set. Bytecode is compiled once into a
temporary cache (as pip does on install), even if PYTHONDONTWRITEBYTECODE is set.

--compare SRC also launches the familytree of another checkout's src folder (say a git
worktree of an earlier commit), in turn with this one and the bare window, so that all
three meet the same load. --instructions counts, instead of timing, the instructions each
executes up to its first paint (valgrind's callgrind, one run each after a warm-up): the
same on a busy machine as on a quiet one, where the milliseconds of a shared 2-core machine
wander by a third.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import os, sys, time
from PySide6.QtWidgets import QApplication, QWidget

class Probe(QWidget):
    def paintEvent(self, event):
        super().paintEvent(event)
        print(f"PAINTED {time.time():.6f}", flush=True)
        os._exit(0)  # (the clock has stopped: no teardown)

app = QApplication(sys.argv[:1])
w = Probe()
w.resize(1200, 800)
w.show()
app.exec()
"""

FAMILYTREE = r"""
import os, sys, time
from familytree.ui.app import ensure_application  # first, as the familytree command does
from PySide6.QtCore import QEvent, QObject, QTimer

app = ensure_application()
app.setOrganizationName("familytree-bench")  # a clean profile each run
from familytree.paths import bundled_family_path
from familytree.ui.app import app_icon
from familytree.ui.main_window import MainWindow

class Probe(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not Probe.done and window.scene.person_items:
            Probe.done = True
            QTimer.singleShot(0, report)  # once this paint is done, before the window's after-paint work
        return False

def report():
    print(f"PAINTED {time.time():.6f} people={len(window.scene.person_items)}", flush=True)
    getattr(window.settings, "store", window.settings).clear()  # (an older checkout's is a QSettings)
    os._exit(0)

app.setWindowIcon(app_icon())  # as run_gui does
window = MainWindow()
probe = Probe()
window.view.viewport().installEventFilter(probe)
window.resize(1200, 800)
window.show()
window.open_file(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else str(bundled_family_path()))
app.exec()
"""


def _env(cache: str, src: str | None) -> dict[str, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    # As installed (pip compiles the modules): bytecode is written and reused, into a private
    # cache so that the checkout is left alone even where PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    if src is not None:
        env["PYTHONPATH"] = src  # (before the installed familytree)
    return env


def _run(code: str, extra: list[str], cache: str, src: str | None = None) -> tuple[float, str]:
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *extra], capture_output=True, text=True,
                         env=_env(cache, src), timeout=120, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED"):
            parts = line.split()
            return float(parts[1]) - start, " ".join(parts[2:])
    raise RuntimeError(f"no paint reported:\n{out.stdout}\n{out.stderr}")


def _instructions(code: str, extra: list[str], cache: str, src: str | None = None) -> int:
    with tempfile.TemporaryDirectory() as folder:
        out = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={folder}/out",
                              sys.executable, "-c", code, *extra], capture_output=True, text=True,
                             env=_env(cache, src), timeout=900, check=False)
    found = re.search(r"Collected : (\d+)", out.stderr)
    if "PAINTED" not in out.stdout or found is None:
        raise RuntimeError(f"no paint reported under valgrind:\n{out.stdout}\n{out.stderr[-2000:]}")
    return int(found[1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--file", default="", help="GEDCOM file to open (default: the bundled family)")
    parser.add_argument("--compare", metavar="SRC", help="another checkout's src folder, launched in turn")
    parser.add_argument("--instructions", action="store_true",
                        help="count the instructions to the first paint (valgrind) instead of timing")
    ns = parser.parse_args()
    if ns.instructions and shutil.which("valgrind") is None:
        parser.error("--instructions needs valgrind (apt-get install valgrind)")
    launches: dict[str, tuple[str, list[str], str | None]] = {"bare PySide6 window": (BARE, [], None),
                                                              "familytree": (FAMILYTREE, [ns.file], None)}
    if ns.compare:
        launches[f"familytree of {ns.compare}"] = (FAMILYTREE, [ns.file], os.path.abspath(ns.compare))
    with tempfile.TemporaryDirectory(prefix="familytree-bench-") as cache:
        caches = {name: os.path.join(cache, str(i)) for i, name in enumerate(launches)}
        notes = {name: _run(code, extra, caches[name], src)[1]  # warm the file cache, write the bytecode
                 for name, (code, extra, src) in launches.items()}
        if ns.instructions:
            counts = {name: _instructions(code, extra, caches[name], src)
                      for name, (code, extra, src) in launches.items()}
            bare = counts["bare PySide6 window"]
            for name, count in counts.items():
                what = notes[name] or "empty"
                print(f"{name}, instructions to the first paint ({what}): {count / 1e9:.3f} G"
                      f"  (x{count / bare:.2f} the bare window)")
            return
        seconds: dict[str, list[float]] = {name: [] for name in launches}
        for _ in range(ns.runs):  # interleaved, so machine load hits all alike
            for name, (code, extra, src) in launches.items():
                seconds[name].append(_run(code, extra, caches[name], src)[0])
    medians = {name: statistics.median(values) for name, values in seconds.items()}
    bare = medians["bare PySide6 window"]
    for name, values in seconds.items():
        what = notes[name] or "empty"
        print(f"{name}, launch to first paint ({what}):  median {medians[name] * 1000:7.1f} ms  "
              f"(min {min(values) * 1000:.1f}, max {max(values) * 1000:.1f}, {ns.runs} runs)  "
              f"x{medians[name] / bare:.2f}")
    ratio = medians["familytree"] / bare
    print(f"ratio familytree / bare: {ratio:.2f}  (target <= 2.00: {'met' if ratio <= 2.0 else 'NOT met'})")


if __name__ == "__main__":
    main()

"""Benchmark: launch to chart drawn, against a bare PySide6 window measured in the same run.

    python benchmarks/bench_startup.py [--runs 7] [--file FILE]

Each run starts a fresh Python process and stops the clock at the first paint of
the window: for the baseline, an empty QWidget; for familytree, the main window's
chart viewport once the chart of the bundled family (or FILE) is in the scene.
Target: familytree at most 2x the bare window (median of the runs). Uses the
offscreen platform unless a DISPLAY is set. Bytecode is compiled once into a
temporary cache (as pip does on install), even if PYTHONDONTWRITEBYTECODE is set.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = r"""
import sys, time
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

class Probe(QWidget):
    done = False
    def paintEvent(self, event):
        super().paintEvent(event)
        if not Probe.done:
            Probe.done = True
            print(f"PAINTED {time.time():.6f}", flush=True)
            QTimer.singleShot(0, app.quit)

app = QApplication(sys.argv[:1])
w = Probe()
w.resize(1200, 800)
w.show()
app.exec()
"""

FAMILYTREE = r"""
import sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from familytree.ui.app import ensure_application

app = ensure_application()
app.setOrganizationName("familytree-bench")  # a clean profile each run
from familytree.paths import bundled_family_path
from familytree.ui.main_window import MainWindow

class Probe(QObject):
    done = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and not Probe.done and window.scene.person_items:
            Probe.done = True
            QTimer.singleShot(0, report)
        return False

def report():
    print(f"PAINTED {time.time():.6f} people={len(window.scene.person_items)}", flush=True)
    window.settings.store.clear()
    app.quit()

window = MainWindow()
probe = Probe()
window.view.viewport().installEventFilter(probe)
window.resize(1200, 800)
window.show()
window.open_file(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] else str(bundled_family_path()))
app.exec()
"""


def _run(code: str, extra: list[str], cache: str) -> tuple[float, str]:
    env = dict(os.environ)
    if not env.get("DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    # As installed (pip compiles the modules): bytecode is written and reused, into a private
    # cache so that the checkout is left alone even where PYTHONDONTWRITEBYTECODE is set.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = cache
    start = time.time()
    out = subprocess.run([sys.executable, "-c", code, *extra], capture_output=True, text=True, env=env,
                         timeout=120, check=False)
    for line in out.stdout.splitlines():
        if line.startswith("PAINTED"):
            parts = line.split()
            return float(parts[1]) - start, " ".join(parts[2:])
    raise RuntimeError(f"no paint reported:\n{out.stdout}\n{out.stderr}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--file", default="", help="GEDCOM file to open (default: the bundled family)")
    ns = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="familytree-bench-") as cache:
        _run(BARE, [], cache)  # warm the file cache and compile the bytecode for both
        _run(FAMILYTREE, [ns.file], cache)
        bare, app, note = [], [], ""
        for _ in range(ns.runs):  # interleaved, so machine load hits both alike
            bare.append(_run(BARE, [], cache)[0])
            seconds, note = _run(FAMILYTREE, [ns.file], cache)
            app.append(seconds)
    b, a = statistics.median(bare), statistics.median(app)
    print(f"bare PySide6 window, launch to first paint:  median {b * 1000:7.1f} ms  "
          f"(min {min(bare) * 1000:.1f}, max {max(bare) * 1000:.1f}, {ns.runs} runs)")
    print(f"familytree, launch to chart drawn ({note}):  median {a * 1000:7.1f} ms  "
          f"(min {min(app) * 1000:.1f}, max {max(app) * 1000:.1f})")
    ratio = a / b
    print(f"ratio familytree / bare: {ratio:.2f}  (target <= 2.00: {'met' if ratio <= 2.0 else 'NOT met'})")


if __name__ == "__main__":
    main()

"""Launch loads what the first chart needs: what start-up defers is not loaded before the chart is shown."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui

# What a launch must not load before its first chart is on screen (issue 12: launch within 2x a bare
# window); each is loaded on first use, or just after the first paint. A module here that start-up
# comes to need is a choice to make and to measure (benchmarks/bench_startup.py), not a slip.
NOT_AT_START = (
    "familytree.workspace.editing",  # the edit commands: with the first edit
    "familytree.workspace.journal",  # the recovery journal: after the first paint
    "familytree.media",  # the photo catalogue: after the first paint, in its thread
    "familytree.gedcom.gedzip",  # with the first archive or photo catalogue
    "familytree.gedcom.ansel",  # the ANSEL codec: with the first ANSEL file
    "familytree.render.thumbnails",  # with the first portrait or gallery
    "familytree.privacy",  # who is living: the details panel, Save As, printing
    "familytree.layout.compact",  # with the first compact chart
    "familytree.layout.fan",  # with the first fan
    "familytree.render.fan_items",
    "familytree.ui.details",  # the docks and the search field: just after the first paint
    "familytree.ui.gallery",
    "familytree.ui.evidence",
    "familytree.ui.search_box",
    "familytree.ui.relatives_menu",
    "familytree.ui.printing",
    "familytree.ui.living_choice",
    "familytree.ui.restyle",  # high contrast's style: with the first change of look
    "familytree.ui.accessible_boxes",  # the screen reader's view of the boxes: when one first asks
    "familytree.search",
    "familytree.relations",
    "familytree.evidence",
    "familytree.gedcom.writer",
    "PySide6.QtPrintSupport",
    "networkx",
    "hashlib",  # OpenSSL: a file's settings key is Qt's SHA-1
    "html",  # with the first rich text that quotes a file
)

# Qt classes whose Python types (each with its enums, 1 to 14 million instructions) PySide makes when a
# name is first imported or used: dialogs and the glide are made when needed.
QT_NOT_AT_START = ("QtWidgets.QMessageBox", "QtWidgets.QDialog", "QtCore.QVariantAnimation",
                   "QtCore.QEasingCurve", "QtCore.QStandardPaths", "QtCore.QMimeData")

# The window on a file as run_gui opens it; the modules loaded are listed once the first chart with
# people has been painted (a call queued by the paint runs before the window's own after-paint work,
# queued by the view's paint handler, which follows this filter), then again once that work is done.
LAUNCH = r"""
import json, sys
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from familytree.ui.app import ensure_application

app = ensure_application()
QSettings.setDefaultFormat(QSettings.Format.IniFormat)
QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[2])
from familytree.ui.main_window import MainWindow

after_paint_work = []
report = {}

def loaded(names):
    return sorted(n for n in names if any(m == n or m.startswith(n + ".") for m in list(sys.modules)))

def made(qt_names):
    return sorted(n for n in qt_names if n.split(".")[1] in vars(sys.modules["PySide6." + n.split(".")[0]]))

class FirstChart(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and window.scene.person_items and "people" not in report:
            report["people"] = len(window.scene.person_items)
            QTimer.singleShot(0, at_first_chart)
        return False

def at_first_chart():
    report["at_first_chart"] = loaded(NAMES)
    report["qt_at_first_chart"] = made(QT_NAMES)
    report["after_paint_work_begun"] = bool(after_paint_work)
    wait_for_deferred()

def wait_for_deferred():
    if window.photos.catalog is not None and window.editing.recovery.journal is not None:
        finish()
    else:
        QTimer.singleShot(50, wait_for_deferred)

def finish():
    report["later"] = loaded(NAMES)
    report["catalog"] = window.photos.catalog is not None
    report["journal"] = window.editing.recovery.journal is not None
    print(json.dumps(report), flush=True)
    window.close_anyway()
    app.quit()

NAMES = json.loads(sys.argv[3])
QT_NAMES = json.loads(sys.argv[4])
window = MainWindow()
window.view.firstPainted.connect(lambda: after_paint_work.append(True))
probe = FirstChart()
window.view.viewport().installEventFilter(probe)
window.resize(1200, 800)
window.show()
window.open_file(sys.argv[1])
QTimer.singleShot(60_000, finish)  # what there is by then, rather than a test waiting for ever
app.exec()
"""


def launch(path: Path, tmp_path: Path) -> dict[str, object]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # (the journals in the test run's own folder)
    out = subprocess.run([sys.executable, "-c", LAUNCH, str(path), str(tmp_path), json.dumps(NOT_AT_START),
                          json.dumps(QT_NOT_AT_START)],
                         capture_output=True, text=True, env=env, timeout=120, check=False)
    assert out.returncode == 0, out.stderr
    report: dict[str, object] = json.loads(out.stdout.strip().splitlines()[-1])
    return report


def test_the_names_are_modules_that_exist() -> None:
    """A module renamed or removed would make its line here pass for nothing."""
    for name in NOT_AT_START:
        if name != "networkx":  # (not installed everywhere)
            assert importlib.util.find_spec(name) is not None, name


def test_launch_to_the_first_chart_loads_none_of_what_start_up_defers(tmp_path: Path, bundled_path: Path):
    report = launch(bundled_path, tmp_path)
    assert report.get("people", 0) >= 8, report
    assert not report["after_paint_work_begun"], "the check ran after the window's after-paint work"
    assert report["at_first_chart"] == []
    assert report["qt_at_first_chart"] == []
    # deferred, not dropped: the photos are looked for and the journal kept once the chart is shown
    assert report["catalog"]
    assert report["journal"]
    assert {"familytree.media", "familytree.workspace.journal", "familytree.ui.details"} \
        <= set(report["later"])


def test_a_files_settings_are_found_under_the_key_earlier_versions_gave_it(tmp_path: Path) -> None:
    """Each file's zoom and home person are kept under a digest of its path: the digest, now Qt's (no
    OpenSSL loaded at start-up), is the SHA-1 that hashlib gave, so what was kept is still found."""
    import hashlib

    from familytree.ui.settings import _file_key

    for path in (tmp_path / "family.ged", tmp_path / "Семья é.ged", Path("relative/x.GED")):
        expected = hashlib.sha1(os.path.abspath(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
        assert _file_key(str(path)) == expected

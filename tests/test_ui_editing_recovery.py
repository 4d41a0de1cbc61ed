"""The recovery journal: a window killed after edits, and the next window offering them back."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QMessageBox

from familytree.gedcom import read_file
from familytree.ui.main_window import MainWindow
from support.windows import make_window

pytestmark = pytest.mark.gui

SERGEI, YULIA = "@I1@", "@I7@"

# A window as a user runs it, its edits made through its workspace, then left running to be killed
EDITOR = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from familytree.ui.app import ensure_application
app = ensure_application()
QCoreApplication.setOrganizationName(sys.argv[2])
QCoreApplication.setApplicationName(sys.argv[3])
from familytree.model import Event, Name, Person, Sex
from familytree.model.date_input import read_date
from familytree.ui.main_window import MainWindow
from familytree.workspace import relatives as r
from familytree.workspace.editing import add_event, edit_name

window = MainWindow()
window.show()
window.open_file(sys.argv[1])
push = window.editing.push
push(lambda t: edit_name(t, ("INDI", "@I1@", "names", 0), given="Serguei", surname="Klimov"))
maria = Person("", [Name.from_gedcom("Maria //")], Sex.FEMALE)
child = push(lambda t: r.add_child(t, "@I7@", maria)).created[0]
if sys.argv[4:] == ["save"]:
    window.files.save()  # the two changes so far are in the file now
push(lambda t: add_event(t, child, Event("BIRT", date=read_date("1960").date)))
push(lambda t: edit_name(t, ("INDI", "@I6@", "names", 0), given="Henrietta"))
window.workspace.undo.undo()  # undone: not to come back
print("edited", flush=True)
QTimer.singleShot(60000, app.quit)
app.exec()
"""


@pytest.fixture
def family(tmp_path: Path, bundled_path: Path) -> Path:
    path = tmp_path / "family.ged"
    shutil.copyfile(bundled_path, path)
    return path


def killed_after_edits(family: Path, *how: str) -> None:
    """Run a window on the file, edit it, and kill it (SIGKILL: nothing is saved or cleaned up)."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")  # (XDG_DATA_HOME: the test run's own)
    names = [QCoreApplication.organizationName(), QCoreApplication.applicationName()]  # (its data folder)
    process = subprocess.Popen([sys.executable, "-c", EDITOR, str(family), *names, *how],
                               stdout=subprocess.PIPE, env=env, text=True)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "edited"
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(30)
    assert process.returncode == -signal.SIGKILL


def question(qtbot, window: MainWindow) -> QMessageBox:
    qtbot.waitUntil(lambda: window.editing.recovery.question is not None, timeout=5000)
    box = window.editing.recovery.question
    assert box is not None
    assert box.isVisible()
    return box


def click(qtbot, box: QMessageBox, text: str) -> None:
    button = next(b for b in box.buttons() if b.text().replace("&", "") == text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()


def test_the_next_window_offers_the_edits_of_a_killed_one_and_restores_them(qtbot, family):
    before = family.read_bytes()
    killed_after_edits(family)
    assert family.read_bytes() == before  # nothing was saved
    window = make_window(qtbot, family)
    box = question(qtbot, window)
    assert box.text() == "familytree closed before 3 changes to family.ged were saved. Restore them?"
    assert "Renamed Sergei Sedov to Serguei Klimov" in box.informativeText()
    click(qtbot, box, "Restore Changes")
    tree = window.workspace.tree
    assert tree.people[SERGEI].display_name() == "Serguei Klimov"
    (maria,) = tree.children(YULIA)
    assert tree.people[maria].birth_year == 1960
    assert tree.people["@I6@"].display_name() == "Genrietta Rubinshtein"  # undone before the kill
    assert window.isWindowModified()
    assert window.editing.history.rows()[1:] == [
        "Renamed Sergei Sedov to Serguei Klimov", "Added Maria as a child of Yulia",
        "Added birth of Maria: 1960"]
    assert window.scene.item_for(SERGEI).person.display_name() == "Serguei Klimov"
    window.actions_by_id["edit.undo"].trigger()  # each one can be undone as before
    assert tree.people[maria].birth_year is None
    window.actions_by_id["file.save"].trigger()
    assert read_file(family).people[SERGEI].display_name() == "Serguei Klimov"
    assert not window.editing.recovery.journal.path.exists()  # saved: nothing to recover


def test_edits_given_up_at_the_question_are_not_offered_again(qtbot, family):
    killed_after_edits(family)
    window = make_window(qtbot, family)
    click(qtbot, question(qtbot, window), "Discard Them")
    assert window.workspace.tree.people[SERGEI].display_name() == "Sergei Sedov"
    assert not window.isWindowModified()
    window.close()
    again = make_window(qtbot, family)
    qtbot.wait(100)
    assert again.editing.recovery.question is None


def test_a_file_changed_since_keeps_its_journal_aside(qtbot, family):
    killed_after_edits(family)
    family.write_text(family.read_text(encoding="utf-8").replace("Olga", "Olya"), encoding="utf-8")
    window = make_window(qtbot, family)
    qtbot.waitUntil(lambda: "cannot be put back" in window.editing.recovery.last_error, timeout=5000)
    assert window.editing.recovery.question is None
    kept = window.editing.recovery.journal.path.with_suffix(".unused")
    assert kept.exists()
    assert "Serguei" in kept.read_text(encoding="utf-8")


def test_at_start_the_changes_to_another_file_are_offered(qtbot, family, bundled_path):
    killed_after_edits(family)
    window = make_window(qtbot, bundled_path)  # the program started on another file
    box = question(qtbot, window)
    assert "Open family.ged and restore them?" in box.text()
    with qtbot.waitSignal(window.fileLoaded):
        click(qtbot, box, "Open family.ged")
    qtbot.waitUntil(lambda: window.workspace.undo.index == 3, timeout=5000)
    assert window.workspace.path == str(family)
    assert window.workspace.tree.people[SERGEI].display_name() == "Serguei Klimov"


def test_after_a_save_only_the_later_changes_are_kept_and_put_back(qtbot, family):
    killed_after_edits(family, "save")
    saved = read_file(family)
    assert saved.people[SERGEI].display_name() == "Serguei Klimov"
    (maria,) = saved.children(YULIA)
    window = make_window(qtbot, family)
    box = question(qtbot, window)
    assert box.text() == "familytree closed before 1 change to family.ged was saved. Restore it?"
    click(qtbot, box, "Restore Changes")
    assert window.workspace.tree.people[maria].birth_year == 1960
    assert window.editing.history.rows()[1:] == ["Added birth of Maria: 1960"]

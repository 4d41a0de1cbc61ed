"""File > Save in the window: the file's own version family, and its untouched records as read (issue 17)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from familytree.gedcom import read_file
from familytree.model import Sex
from familytree.workspace.editing import edit_name, set_sex
from support.corpus import corpus_path
from support.windows import make_window

pytestmark = pytest.mark.gui

MUSTER = "real/Musterstammbaum-python-gedcom.ged"  # GEDCOM 5.5.1, UTF-8 with a BOM, LF
PRESIDENTS = "encodings/vendor/US_Presidents_Trees_I-broskeep-IBMPC-cp437.ged"  # Brother's Keeper 5: no GEDC
_RECORD_START = re.compile(rb"(?<=[\r\n])(?=0 )")


def _copy(relative: str, tmp_path: Path) -> Path:
    work = tmp_path / Path(relative).name
    shutil.copyfile(corpus_path(relative), work)
    return work


def _records_but(data: bytes, *xrefs: str) -> list[bytes]:
    """The file's records as bytes, but its header and the records of these xrefs."""
    starts = tuple(f"0 {x} ".encode() for x in xrefs)
    return [r for r in _RECORD_START.split(data)[1:] if not r.startswith(starts)]


def test_file_save_writes_a_551_file_as_551_with_its_untouched_records_as_read(qtbot, tmp_path):
    work = _copy(MUSTER, tmp_path)
    before = work.read_bytes()
    window = make_window(qtbot, work)
    tree = window.workspace.tree
    pid = sorted(tree.people)[3]
    window.editing.push(lambda t: edit_name(t, ("INDI", pid, "names", 0), given="Yulia"))
    assert window.isWindowModified()
    window.actions_by_id["file.save"].trigger()
    assert "as GEDCOM 5.5.1" in window.statusBar().currentMessage()
    assert not window.isWindowModified()
    after = work.read_bytes()
    assert after.startswith(b"\xef\xbb\xbf0 HEAD\n")
    assert b"\r" not in after
    assert b"\n2 VERS 5.5.1\n" in after
    assert b"\n1 FILE " in after  # the header as the file had it
    assert _records_but(after, pid) == _records_but(before, pid)
    assert read_file(work).people[pid].names[0].given == "Yulia"


def test_file_save_keeps_a_file_naming_no_version_in_5x(qtbot, tmp_path):
    work = _copy(PRESIDENTS, tmp_path)
    before = work.read_bytes()
    window = make_window(qtbot, work)
    pid = sorted(window.workspace.tree.people)[0]
    person = window.workspace.tree.people[pid]
    window.editing.push(lambda t: set_sex(t, pid, Sex.FEMALE if person.sex is not Sex.FEMALE else Sex.MALE))
    window.actions_by_id["file.save"].trigger()
    assert "as GEDCOM (its header names no version, as before)" in window.statusBar().currentMessage()
    after = work.read_bytes()
    header = _RECORD_START.split(after)[0]
    assert b"GEDC" not in header
    assert b"\n1 CHAR IBMPC\n" in header  # and CP437 bytes it still is
    assert _records_but(after, pid) == _records_but(before, pid)


def test_an_edit_undone_leaves_the_file_as_it_was(qtbot, tmp_path):
    work = _copy(MUSTER, tmp_path)
    before = work.read_bytes()
    inode = work.stat().st_ino
    window = make_window(qtbot, work)
    pid = sorted(window.workspace.tree.people)[0]
    window.editing.push(lambda t: edit_name(t, ("INDI", pid, "names", 0), given="Yulia"))
    window.actions_by_id["edit.undo"].trigger()
    assert not window.isWindowModified()
    window.actions_by_id["file.save"].trigger()
    assert work.read_bytes() == before
    assert work.stat().st_ino == inode


def test_after_save_as_70_file_save_stays_70(qtbot, tmp_path):
    work = _copy(MUSTER, tmp_path)
    window = make_window(qtbot, work)
    seven = tmp_path / "seven.ged"
    assert window.files.save_to(str(seven), "7.0")  # (what Save As does once asked)
    pid = sorted(window.workspace.tree.people)[0]
    window.editing.push(lambda t: edit_name(t, ("INDI", pid, "names", 0), given="Yulia"))
    window.actions_by_id["file.save"].trigger()
    assert "as GEDCOM 7.0" in window.statusBar().currentMessage()
    again = read_file(seven)
    assert again.header.version == "7.0"
    assert again.people[pid].names[0].given == "Yulia"

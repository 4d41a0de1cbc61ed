"""A save in the window writes the version it says: the file's own, or the one Save As asked (issue 17)."""

from __future__ import annotations

import datetime
import re
import shutil

import pytest
from PySide6.QtWidgets import QFileDialog

from familytree.gedcom import read_file
from familytree.privacy import Mode
from familytree.ui.files import SAVE_FILTER_551
from familytree.workspace.editing import edit_name
from support.corpus import corpus_path
from support.windows import make_window

pytestmark = pytest.mark.gui

BACH = "real/bach-paf.ged"  # Personal Ancestral File 5.2: GEDCOM 5.5, UTF-8, LF
_RECORD_START = re.compile(rb"(?<=[\r\n])(?=0 )")


def _records_but(data: bytes, *xrefs: str) -> list[bytes]:
    """The file's records as bytes, but its header and the records of these xrefs."""
    starts = tuple(f"0 {x} ".encode() for x in xrefs)
    return [r for r in _RECORD_START.split(data)[1:] if not r.startswith(starts)]


def _header(data: bytes) -> bytes:
    return _RECORD_START.split(data)[0]


def _today() -> str:
    now = datetime.datetime.now(datetime.UTC)
    return f"{now.day} {now.strftime('%b').upper()} {now.year}"


@pytest.fixture
def bach(qtbot, tmp_path):
    work = tmp_path / "bach.ged"
    shutil.copyfile(corpus_path(BACH), work)
    return work, make_window(qtbot, work)


def test_file_save_of_a_55_file_keeps_55_and_says_so(bach):
    work, window = bach
    before = work.read_bytes()
    window.editing.push(lambda t: edit_name(t, ("INDI", "@I1@", "names", 0), given="Vitus"))
    day = _today()
    window.actions_by_id["file.save"].trigger()
    assert window.statusBar().currentMessage() == "Saved bach.ged as GEDCOM 5.5"
    after = work.read_bytes()
    assert b"\n1 GEDC\n2 VERS 5.5\n2 FORM LINEAGE-LINKED\n" in _header(after)
    assert read_file(work).header.version == "5.5"  # what `familytree info` says
    assert _records_but(after, "@I1@") == _records_but(before, "@I1@")
    edited = next(r for r in _RECORD_START.split(after) if r.startswith(b"0 @I1@ "))
    assert re.search(rb"\n1 CHAN\n2 DATE " + day.encode() + rb"\n3 TIME \d\d:\d\d:\d\d\n", edited)


def test_save_as_551_of_a_55_file_names_551_and_file_save_then_stays_551(bach, tmp_path, monkeypatch):
    work, window = bach
    target = tmp_path / "bach551.ged"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_: (str(target), SAVE_FILTER_551))
    monkeypatch.setattr(window.files, "ask_living", lambda *_: Mode.SHOW)  # Save As's options: all kept
    window.actions_by_id["file.save_as"].trigger()
    assert window.statusBar().currentMessage() == "Saved bach551.ged as GEDCOM 5.5.1"
    before, copy = work.read_bytes(), target.read_bytes()
    header = _header(copy)
    assert b"\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n" in header
    assert header.count(b"GEDC") == 1
    assert b"0 HEAD\n1 SOUR PAF\n2 NAME Personal Ancestral File\n" in header  # who wrote the lines
    assert read_file(target).header.version == "5.5.1"
    assert _records_but(copy) == _records_but(before)  # nothing edited: every record as read

    window.editing.push(lambda t: edit_name(t, ("INDI", "@I1@", "names", 0), given="Vitus"))
    window.actions_by_id["file.save"].trigger()  # now the 5.5.1 copy is the file open
    assert window.statusBar().currentMessage() == "Saved bach551.ged as GEDCOM 5.5.1"
    assert read_file(target).header.version == "5.5.1"
    assert read_file(target).people["@I1@"].names[0].given == "Vitus"
    assert work.read_bytes() == before

"""The recovery journal: edits written as they are made, replayed onto the file read again after a crash."""

from __future__ import annotations

import json
import random
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from familytree.gedcom import read_file, write_text
from familytree.model import Date, Event, Name, Person, Sex
from familytree.workspace import UndoStack
from familytree.workspace import editing as e
from familytree.workspace import relatives as r
from familytree.workspace.journal import JournalError, RecoveryJournal, journal_path, read_journal, replay
from support.builders import generated_tree
from support.edits import random_edits, snapshot

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def family_file(bundled_path: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(bundled_path, tmp_path / "family.ged"))


@pytest.mark.parametrize("seed", range(6))
def test_journal_then_reload_then_replay_gives_the_edited_tree(family_file: Path, tmp_path: Path,
                                                                seed: int) -> None:
    if seed % 2:  # a generated file of the other version family
        family_file.write_text(write_text(generated_tree(150, seed=seed), "5.5.1"), encoding="utf-8")
    tree = read_file(family_file)
    stack = UndoStack(tree)
    journal = RecoveryJournal(stack, journal_path(tmp_path / "data", family_file), family_file)
    rng = random.Random(seed)
    random_edits(stack, rng, 25)
    stack.undo()  # an edit undone is not in the journal
    journal.write()
    edited = snapshot(tree)

    found = read_journal(journal.path)
    assert found.source == str(family_file)
    again = read_file(family_file)
    replayed = replay(found, again)
    assert snapshot(again) == edited
    assert replayed.descriptions == stack.descriptions[:stack.index]
    replayed.go_to(0)
    assert snapshot(again) == snapshot(read_file(family_file))


def test_what_a_later_edit_changes_in_a_person_added_earlier_is_replayed_once(family_file: Path,
                                                                               tmp_path: Path) -> None:
    tree = read_file(family_file)
    stack = UndoStack(tree)
    journal = RecoveryJournal(stack, tmp_path / "j.json", family_file)
    yulia = next(p.id for p in tree.iter_people() if p.display_name() == "Yulia")
    child = stack.push(r.add_child(tree, yulia, Person("", [Name.from_gedcom("Anna /Sedova/")], Sex.FEMALE)))
    anna = child.created[0]
    stack.push(e.add_event(tree, anna, Event("BIRT", date=Date.parse("1960"))))
    stack.push(e.edit_name(tree, ("INDI", anna, "names", 0), given="Anya"))
    journal.write()
    again = replay(read_journal(journal.path), read_file(family_file)).tree
    assert len(again.people[anna].events) == 1
    assert again.people[anna].display_name() == "Anya Sedova"
    assert snapshot(again) == snapshot(tree)


def test_a_journal_is_not_replayed_onto_a_file_changed_since(family_file: Path, tmp_path: Path) -> None:
    tree = read_file(family_file)
    stack = UndoStack(tree)
    journal = RecoveryJournal(stack, tmp_path / "j.json", family_file)
    stack.push(e.add_note(tree, ("INDI", next(iter(tree.people))), "a note"))
    journal.write()
    changed = family_file.read_text(encoding="utf-8").replace("Sergei", "Sergey")
    family_file.write_text(changed, encoding="utf-8")
    with pytest.raises(JournalError, match="has changed since the edits were made"):
        replay(read_journal(journal.path), read_file(family_file))


def test_an_edit_that_does_not_fit_leaves_nothing_done(family_file: Path, tmp_path: Path) -> None:
    tree = read_file(family_file)
    stack = UndoStack(tree)
    journal = RecoveryJournal(stack, tmp_path / "j.json", family_file)
    first = next(iter(tree.people))
    stack.push(e.add_note(tree, ("INDI", first), "kept"))
    stack.push(e.remove_note(tree, ("INDI", first, "notes", len(tree.people[first].notes) - 1)))
    journal.write()
    data = json.loads(journal.path.read_text(encoding="utf-8"))
    data["edits"][1]["steps"][0]["index"] = 99
    journal.path.write_text(json.dumps(data), encoding="utf-8")
    fresh = read_file(family_file)
    before = snapshot(fresh)
    with pytest.raises(JournalError, match="edit 2 of 2"):
        replay(read_journal(journal.path), fresh, check_digest=False)
    assert snapshot(fresh) == before


@pytest.mark.parametrize(
    ("text", "why"),
    [("{not json", "line 1: not a recovery journal"),
     ('{"format": "x"}', "not a familytree recovery journal"),
     ('{"format": "familytree recovery journal", "version": 1, "source": "", "sha256": "", '
      '"edits": [{"description": "x", "steps": [{"op": "set", "where": [], "name": "n", '
      '"value": {"record": "os.system"}}]}]}', "a damaged journal")],
)
def test_a_damaged_journal_is_refused_with_its_name_and_why(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "bad.journal.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JournalError, match=why) as raised:
        read_journal(path)
    assert str(path) in str(raised.value)


def test_no_edits_done_means_no_journal(family_file: Path, tmp_path: Path) -> None:
    tree = read_file(family_file)
    stack = UndoStack(tree)
    journal = RecoveryJournal(stack, tmp_path / "j.json", family_file)
    stack.push(e.add_note(tree, ("INDI", next(iter(tree.people))), "x"))
    journal.write()
    assert journal.path.exists()
    stack.undo()
    journal.write()
    assert not journal.path.exists()


def test_edits_of_a_process_killed_after_them_are_restored(family_file: Path, tmp_path: Path) -> None:
    folder = tmp_path / "data"
    script = textwrap.dedent(f"""
        import os, signal, sys
        sys.path.insert(0, {str(ROOT / "tests")!r})
        from familytree.gedcom import read_file
        from familytree.workspace import Workspace
        from familytree.workspace import editing as e
        from familytree.workspace.journal import RecoveryJournal, journal_path
        ws = Workspace()
        ws.open(read_file({str(family_file)!r}), {str(family_file)!r})
        journal = RecoveryJournal(ws.undo, journal_path({str(folder)!r}, {str(family_file)!r}))
        ws.events.changed.connect(lambda change: journal.write())  # as the window does
        sergei = ws.resolve("Sergei Sedov")
        ws.undo.push(e.edit_name(ws.tree, ("INDI", sergei, "names", 0), given="Sergey"))
        ws.undo.push(e.add_note(ws.tree, ("INDI", sergei), "Renamed after the crash test"))
        os.kill(os.getpid(), signal.SIGKILL)
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == -signal.SIGKILL, done.stderr
    found = read_journal(journal_path(folder, family_file))
    tree = read_file(found.source)
    stack = replay(found, tree)
    sergei = next(p for p in tree.iter_people() if p.display_name() == "Sergey Sedov")
    assert sergei.notes[-1].text == "Renamed after the crash test"  # type: ignore[union-attr]
    assert stack.descriptions == ["Renamed Sergei Sedov to Sergey Sedov",
                                  "Added a note to Sergey Sedov: \u201cRenamed after the crash test\u201d"]

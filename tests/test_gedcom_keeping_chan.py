"""A save says which records changed, in their CHAN; its header names the version asked (issue 17)."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

import pytest

from familytree.gedcom import keeping, read_file, write_text
from familytree.gedcom.keeping import named_version
from familytree.media.saving import save_tree
from familytree.model import ChildRelation, Sex, Tree
from familytree.workspace import editing as e
from familytree.workspace import relatives as r
from familytree.workspace.undo import UndoStack

FAMILY = """0 HEAD\r\n1 SOUR Other\r\n2 VERS 2.1\r\n1 GEDC\r\n2 VERS 5.5\r\n2 FORM LINEAGE-LINKED\r
1 CHAR UTF-8\r
0 @I1@ INDI\r\n1 NAME Anna /Ivanova/\r\n1 FAMS @F1@\r\n1 CHAN\r\n2 DATE 1 JAN 2000\r\n3 TIME 10:00:00\r
2 NOTE checked against the census\r
0 @I2@ INDI\r\n1 NAME Sergei /Sedov/\r\n1 FAMS @F1@\r
0 @I3@ INDI\r\n1 NAME Yulia /Sedova/\r\n1 FAMC @F1@\r\n1 CHAN\r\n2 DATE 2 JAN 2000\r
0 @I4@ INDI\r\n1 NAME Pavel /Sedov/\r\n1 FAMC @F1@\r\n1 CHAN\r\n2 DATE 3 JAN 2000\r
0 @F1@ FAM\r\n1 HUSB @I2@\r\n1 WIFE @I1@\r\n1 CHIL @I3@\r\n1 CHIL @I4@\r\n1 CHAN\r\n2 DATE 4 JAN 2000\r
0 TRLR\r\n"""
_RECORD = re.compile(r"(?m)^0 (@[^@]+@) ")


def _at(day: int, hour: int = 12) -> datetime.datetime:
    return datetime.datetime(2026, 3, day, hour, 34, 56, tzinfo=datetime.UTC)


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> list[datetime.datetime]:
    """The time saves take: the last of the list."""
    times = [_at(5)]
    monkeypatch.setattr(keeping, "_now", lambda: times[-1])
    return times


def _file(tmp_path: Path, text: str = FAMILY, name: str = "family.ged") -> tuple[Path, Tree, UndoStack]:
    work = tmp_path / name
    work.write_bytes(text.encode())
    tree = read_file(work)
    return work, tree, UndoStack(tree)


def _save(tree: Tree, work: Path, version: str = "5.5.1", declare: bool = False) -> None:
    save_tree(tree, str(work), version, adopt=True, keep=True, declare=declare)


def _read(path: Path) -> str:
    return path.read_bytes().decode()


def _records(text: str) -> dict[str, str]:
    starts = [(m.start(), m.group(1)) for m in _RECORD.finditer(text)]
    ends = [a for a, _ in starts[1:]] + [text.index("0 TRLR")]
    return {xref: text[a:b] for (a, xref), b in zip(starts, ends, strict=True)}


def _chan(text: str, xref: str) -> str:
    """The CHAN lines of a record, LF ended."""
    record = _records(text)[xref].replace("\r\n", "\n")
    m = re.search(r"^1 CHAN\n(?:[2-9] .*\n)*", record, re.M)
    return m.group() if m else ""


def test_the_records_an_edit_changed_say_so_in_their_chan_and_no_other_does(tmp_path, clock):
    work, tree, stack = _file(tmp_path)
    stack.push(e.edit_name(tree, ("INDI", "@I1@", "names", 0), given="Anya"))
    stack.push(e.set_sex(tree, "@I2@", Sex.MALE))
    _save(tree, work)
    text = _read(work)
    # its DATE and TIME the save's, its NOTE kept
    assert _chan(text, "@I1@") == \
        "1 CHAN\n2 DATE 5 MAR 2026\n3 TIME 12:34:56\n2 NOTE checked against the census\n"
    # a record that had none gets one, at its end
    assert _records(text)["@I2@"].endswith("1 SEX M\r\n1 CHAN\r\n2 DATE 5 MAR 2026\r\n3 TIME 12:34:56\r\n")
    before = _records(FAMILY)
    for xref in ("@I3@", "@I4@", "@F1@"):
        assert _records(text)[xref] == before[xref]
    assert read_file(work).people["@I1@"].names[0].given == "Anya"


def test_a_childs_new_relation_stamps_the_child_and_the_family_not_the_brother(tmp_path, clock):
    work, tree, stack = _file(tmp_path)
    stack.push(r.set_child_relation(tree, "@F1@", "@I3@", ChildRelation.ADOPTED))
    _save(tree, work)
    text = _read(work)
    assert "2 PEDI adopted" in _records(text)["@I3@"]
    assert "2 DATE 5 MAR 2026" in _chan(text, "@I3@")
    assert "2 DATE 5 MAR 2026" in _chan(text, "@F1@")
    before = _records(FAMILY)
    for xref in ("@I1@", "@I2@", "@I4@"):  # parents and brother: their lines say nothing of it
        assert _records(text)[xref] == before[xref]


def test_a_record_added_gets_a_chan_and_in_70_a_crea(tmp_path, clock):
    work, tree, stack = _file(tmp_path)
    stack.push(e.add_source(tree, "Parish book of Tver", author="Parish of Tver"))
    _save(tree, work)
    added = next(v for k, v in _records(_read(work)).items() if k.startswith("@S"))
    assert added.endswith("1 CHAN\r\n2 DATE 5 MAR 2026\r\n3 TIME 12:34:56\r\n")
    assert "CREA" not in added  # (5.5.1 has none)

    seven = FAMILY.replace("2 VERS 5.5\r\n2 FORM LINEAGE-LINKED\r\n1 CHAR UTF-8\r\n", "2 VERS 7.0\r\n")
    work, tree, stack = _file(tmp_path, seven, "seven.ged")
    stack.push(e.add_source(tree, "Parish book of Tver"))
    _save(tree, work, "7.0")
    added = next(v for k, v in _records(_read(work)).items() if k.startswith("@S"))
    assert added.endswith("1 CREA\r\n2 DATE 5 MAR 2026\r\n3 TIME 12:34:56Z\r\n"
                          "1 CHAN\r\n2 DATE 5 MAR 2026\r\n3 TIME 12:34:56Z\r\n")
    assert read_file(work).diagnostics == []


def test_a_record_keeps_the_time_it_changed_through_later_saves(tmp_path, clock):
    work, tree, stack = _file(tmp_path)
    stack.push(e.edit_name(tree, ("INDI", "@I1@", "names", 0), given="Anya"))
    _save(tree, work)
    clock.append(_at(6))
    stack.push(e.set_sex(tree, "@I4@", Sex.MALE))
    _save(tree, work)
    text = _read(work)
    assert "2 DATE 5 MAR 2026" in _chan(text, "@I1@")  # changed at the first save, not since
    assert "2 DATE 6 MAR 2026" in _chan(text, "@I4@")
    clock.append(_at(7))
    stack.undo()
    stack.undo()
    _save(tree, work)
    assert _read(work) == FAMILY  # all undone: the file as read, CHANs and all
    clock.append(_at(8))
    stack.redo()
    _save(tree, work)
    assert "2 DATE 8 MAR 2026" in _chan(_read(work), "@I1@")  # changed again since the last save


def test_a_conversion_keeps_every_chan_as_read(tmp_path, clock):
    work, tree, stack = _file(tmp_path)
    stack.push(e.edit_name(tree, ("INDI", "@I1@", "names", 0), given="Anya"))
    for version in ("7.0", "5.5.1"):  # what `familytree convert` and Save As in the other family write
        assert "2 DATE 1 JAN 2000\n3 TIME 10:00:00\n" in write_text(tree, version).replace("\r\n", "\n")


def test_the_header_names_the_version_a_save_as_asks_for_and_file_save_the_files_own(tmp_path, clock):
    work, tree, stack = _file(tmp_path)
    stack.push(e.set_sex(tree, "@I2@", Sex.MALE))
    _save(tree, work)  # File > Save
    assert "1 GEDC\r\n2 VERS 5.5\r\n2 FORM LINEAGE-LINKED\r\n" in _read(work)
    assert named_version(str(work)) == read_file(work).header.version == "5.5"
    copy = tmp_path / "copy.ged"
    _save(tree, copy, declare=True)  # Save As 5.5.1
    text = _read(copy)
    assert "1 GEDC\r\n2 VERS 5.5.1\r\n2 FORM LINEAGE-LINKED\r\n1 CHAR UTF-8\r\n" in text
    assert text.count("GEDC") == 1
    assert "1 SOUR Other\r\n2 VERS 2.1\r\n" in text  # the program that wrote the lines kept
    assert named_version(str(copy)) == read_file(copy).header.version == "5.5.1"
    assert _records(text) == _records(_read(work))

    # a header naming no version gets a GEDC, before its CHAR
    bare = FAMILY.replace("1 GEDC\r\n2 VERS 5.5\r\n2 FORM LINEAGE-LINKED\r\n", "")
    work, tree, _ = _file(tmp_path, bare, "bare.ged")
    assert named_version(str(work)) == ""
    _save(tree, work, declare=True)
    assert _read(work).startswith("0 HEAD\r\n1 SOUR Other\r\n2 VERS 2.1\r\n1 GEDC\r\n2 VERS 5.5.1\r\n"
                                       "2 FORM LINEAGE-LINKED\r\n1 CHAR UTF-8\r\n0 @I1@ INDI\r\n")
    assert read_file(work).header.version == "5.5.1"

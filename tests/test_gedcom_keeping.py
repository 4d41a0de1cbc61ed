"""Saving in the file's own version keeps the records not changed since reading byte for byte (issue 17)."""

from __future__ import annotations

import datetime
import random
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

from familytree.gedcom import ansel, read_file, write_text
from familytree.gedcom.keeping import Original
from familytree.gedcom.reader import read_bytes
from familytree.gedcom.record_writer import stamp
from familytree.media.saving import save_tree
from familytree.model import Date, Event, Person, Place, Sex, Structure, Tree
from familytree.workspace import editing as e
from familytree.workspace.editing import EditRefused
from familytree.workspace.undo import UndoStack
from support.corpus import CORPUS_ROOT, corpus_files, corpus_path
from support.edits import NOW, random_edit

# every .ged of the corpus but the four over 1 MB (Queen.ged, pres2020.ged, the UTF-16 willis files):
# the smaller ones have every encoding, line end and version of them
PLAIN_FILES = [f for f in corpus_files() if f.lower().endswith(".ged") and
               (CORPUS_ROOT / f).stat().st_size < 1_000_000]
_RECORD_START = re.compile(r"(?<=[\r\n])(?=[ \t]*0[ \t])")
_XREF = re.compile(r"[ \t]*0[ \t]+(@[^@ \r\n]+@)")


def _version(tree: Tree) -> str:
    return "7.0" if tree.header.version.startswith("7") else "5.5.1"


def _copy(relative: str, tmp_path: Path) -> Path:
    work = tmp_path / Path(relative).name
    shutil.copyfile(corpus_path(relative), work)
    return work


def _saved(tree: Tree, path: Path) -> list[str]:
    """Save as File > Save does: in the file's version family, keeping what did not change."""
    return save_tree(tree, str(path), _version(tree), adopt=True, keep=True)


def _records(data: bytes) -> list[str]:
    """The file cut into its records' lines, line ends included: one character a byte (UTF-16 decoded)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or b"\x00" in data[:4]:
        text = data.decode("utf-16-le" if data[:1] == b"\xff" or data[1:2] == b"\x00" else "utf-16-be")
    else:
        text = data.decode("latin-1")
    return _RECORD_START.split(text)


def _unique(records: list[str]) -> Counter[str]:
    """Records by xref, for the records whose xref no other record has."""
    return Counter(m.group(1) for r in records if (m := _XREF.match(r)) is not None)


def _same_model(a: Tree, b: Tree, version: str) -> bool:
    """The same people, families, sources... (their GEDCOM as the writer makes it, the time stamp aside).

    Records the file gave no xref (or a taken one) get fresh ones each writing, in the order written:
    for a tree with such records only the numbers of each kind are compared."""
    if any(" " in rid for rid in (*a.record_order, *b.record_order)):
        kinds = ("people", "families", "sources", "notes", "media", "repositories")
        return all(len(getattr(a, k)) == len(getattr(b, k)) for k in kinds)
    return write_text(a, version, now=NOW) == write_text(b, version, now=NOW)


def _edit_one_person(tree: Tree, rng: random.Random) -> str:
    """Change one person (with an xref of their own) as a user would, in ASCII; their xref."""
    chosen = sorted(p for p in tree.people if " " not in p)
    pid = rng.choice(chosen)
    person = tree.people[pid]
    stack = UndoStack(tree)
    kind = rng.randrange(3)
    if kind == 0:
        stack.push(e.set_sex(tree, pid, Sex.FEMALE if person.sex is not Sex.FEMALE else Sex.MALE))
    elif kind == 1 and person.names:
        stack.push(e.edit_name(tree, ("INDI", pid, "names", 0), given="Yulia"))
    else:
        stack.push(e.add_event(tree, pid, Event("BIRT", date=Date.parse("21 MAR 1908"), place=Place("Oslo"))))
    return pid


@pytest.mark.parametrize("relative", PLAIN_FILES)
def test_an_edit_to_one_person_leaves_every_other_record_as_it_was_byte_for_byte(relative, tmp_path):
    work = _copy(relative, tmp_path)
    before = work.read_bytes()
    tree = read_file(work)
    if not any(" " not in p for p in tree.people):
        pytest.skip(f"{relative}: no person with an xref to edit")
    pid = _edit_one_person(tree, random.Random(relative))
    days = _today()
    _saved(tree, work)
    days |= _today()  # (a save at midnight)
    after = work.read_bytes()
    old, new = _records(before), _records(after)
    assert after[:3] == before[:3] or not before.startswith(b"\xef\xbb\xbf")  # the BOM stays
    unique = _unique(old)
    left = Counter(new)
    missing = []
    for record in old[1:]:  # (the header's DATE is the save's)
        m = _XREF.match(record)
        if m is None or unique[m.group(1)] > 1 or m.group(1) == pid:
            continue  # the person edited; records without an xref of their own may get one
        if left[record]:
            left[record] -= 1
        else:
            missing.append(record[:80])
    assert not missing, f"{relative}: records not written as read: {missing[:3]}"
    if old[0].startswith("0 HEAD"):  # the header keeps its lines, the time stamp apart
        assert _undated(new[0]) == _undated(old[0])
    again = read_file(work)
    # the person edited says so: their CHAN is the save's, date and time (whatever its NOTE says, kept)
    chan = _chan(again.people[pid])
    assert chan is not None
    assert chan.child_value("DATE") in days
    assert chan.child("DATE").child("TIME") is not None
    was = _chan(read_bytes(before, str(work)).people[pid])
    if was is not None:
        assert [c for c in chan.children if c.tag != "DATE"] == [c for c in was.children if c.tag != "DATE"]
    assert _same_but_stamp(again, tree, pid)


def _today() -> set[str]:
    """Today's date as a save stamps it ("7 DEC 2026")."""
    return {stamp(datetime.datetime.now(datetime.UTC), False).value}


def _chan(record: Person) -> Structure | None:
    return next((s for s in record.extra if s.tag == "CHAN"), None)


def _same_but_stamp(again: Tree, tree: Tree, pid: str) -> bool:
    """The tree read back is the tree saved, but for the CHAN the save gave the person edited."""
    chan = _chan(tree.people[pid])
    record = again.people[pid]
    record.extra = [chan if s.tag == "CHAN" else s for s in record.extra
                    if s.tag != "CHAN" or chan is not None]
    return _same_model(again, tree, _version(tree))


def _undated(header: str) -> list[str]:
    return [line for line in re.split(r"\r\n|\n\r|\r|\n", header) if not re.match(r"[12] (DATE|TIME)", line)]


@pytest.mark.parametrize("relative", PLAIN_FILES)
def test_an_edit_undone_leaves_the_file_untouched(relative, tmp_path):
    work = _copy(relative, tmp_path)
    before = work.read_bytes()
    tree = read_file(work)
    stack = UndoStack(tree)
    rng = random.Random(relative)
    for _ in range(20):  # the first edit the tree takes
        try:
            edit = random_edit(tree, rng)
        except EditRefused:
            continue
        if edit is not None and edit.steps:
            stack.push(edit)
            break
    stack.undo()
    inode = work.stat().st_ino
    _saved(tree, work)
    if "0 HEAD" in _records(before)[0][:10]:  # (a file without one gets one)
        assert work.read_bytes() == before
        assert work.stat().st_ino == inode, "the file was written again, though nothing changed"
    else:
        assert _same_model(read_file(work), tree, _version(tree))


def test_a_save_of_a_5x_file_stays_in_its_encoding_line_ends_and_header(tmp_path):
    # the US presidents from Brother's Keeper 5: CP437, LF, no GEDC version
    work = _copy("encodings/vendor/US_Presidents_Trees_I-broskeep-IBMPC-cp437.ged", tmp_path)
    before = work.read_bytes()
    tree = read_file(work)
    stack = UndoStack(tree)
    pid = next(p for p, person in tree.people.items() if "Buchanan" in person.display_name())
    stack.push(e.edit_name(tree, ("INDI", pid, "names", 0), given="Jämes"))  # ä is in CP437
    assert _saved(tree, work) == []
    after = work.read_bytes()
    assert b"\r\n" not in after
    assert "Jämes".encode("cp437") in after
    assert [r for r in _records(after) if not r.startswith(("0 HEAD", f"0 {pid} "))] == \
        [r for r in _records(before) if not r.startswith(("0 HEAD", f"0 {pid} "))]
    head = _records(after)[0]
    assert "GEDC" not in head
    assert "1 CHAR IBMPC" in head
    assert "1 SOUR BROSKEEP" in head
    assert read_file(work).people[pid].names[0].given == "Jämes"


def test_a_character_the_encoding_lacks_makes_the_file_utf8_and_says_so(tmp_path):
    work = _copy("encodings/vendor/Irish_Kings-ftm17-ANSI-cp1252.ged", tmp_path)
    before = read_file(work)
    tree = read_file(work)
    stack = UndoStack(tree)
    pid = sorted(tree.people)[0]
    stack.push(e.edit_name(tree, ("INDI", pid, "names", 0), given="Сергей"))
    notes = _saved(tree, work)
    assert any("UTF-8" in n and "CP1252" in n for n in notes)
    again = read_file(work)
    assert again.header.encoding_declared == "UTF-8"
    assert again.people[pid].names[0].given == "Сергей"
    assert not [d for d in again.diagnostics if "UTF-8" in d.message]  # no CHAR that lies
    others = [p for p in tree.people if p != pid]
    def words(tree: Tree, pid: str) -> list[tuple[str, str, str]]:
        return [(n.full, n.given, n.surname) for n in tree.people[pid].names]

    assert all(words(again, p) == words(before, p) for p in others)  # é and all, as read


def test_an_ansel_file_takes_accented_letters_in_ansel(tmp_path):
    work = _copy("real/royal92.ged", tmp_path)
    tree = read_file(work)
    stack = UndoStack(tree)
    pid = sorted(tree.people)[0]
    stack.push(e.edit_name(tree, ("INDI", pid, "names", 0), given="Zoë Łucja"))
    assert _saved(tree, work) == []
    data = work.read_bytes()
    assert b"Zo\xe8e \xa1ucja" in data  # the diaeresis before its letter; slash L
    again = read_file(work)
    assert again.header.encoding_detected == "ANSEL"
    assert again.people[pid].names[0].given == "Zoë Łucja"


def test_ansel_written_reads_back_as_the_text_and_what_it_lacks_is_refused():
    for relative in ("real/royal92.ged", "encodings/gedcom4j/ANSEL.GED"):
        text = ansel.decode(corpus_path(relative).read_bytes())
        assert ansel.decode(ansel.encode(text)) == text
    assert ansel.decode(ansel.encode("Dvořák, Gödel, ờ, q̃, Ø")) == "Dvořák, Gödel, ờ, q̃, Ø"
    for lacking in ("Москва", "€", "\u0301 on nothing"):  # (MARC-8's euro would make readers take CP1252)
        with pytest.raises(UnicodeEncodeError):
            ansel.encode(lacking)


def test_lines_written_anew_end_as_the_file_ends_its_lines(tmp_path):
    work = _copy("encodings/gedcom4j/utf8_cr_nobom.ged", tmp_path)  # CR alone (and two stray LFs)
    before = work.read_bytes()
    tree = read_file(work)
    pid = _edit_one_person(tree, random.Random(1))
    _saved(tree, work)
    data = work.read_bytes()
    edited = next(r for r in _records(data) if r.startswith(f"0 {pid} "))
    assert "\n" not in edited
    assert edited.count("\r") >= 2
    assert data.count(b"\n") == before.count(b"\n")


def test_a_utf16_file_stays_utf16(tmp_path):
    work = _copy("encodings/gedcom4j/unicode-littleendian-crlf.ged", tmp_path)
    before = work.read_bytes()
    tree = read_file(work)
    pid = _edit_one_person(tree, random.Random(2))
    _saved(tree, work)
    after = work.read_bytes()
    assert after[:2] == before[:2]
    old = [r for r in _records(before)[1:] if not r.lstrip().startswith(f"0 {pid} ")]
    new = _records(after)
    assert all(r in new for r in old)
    assert _same_but_stamp(read_file(work), tree, pid)


HOME = """0 HEAD\r\n1 SOUR Ancestry\r\n1 GEDC\r\n2 VERS 5.5.1\r\n2 FORM LINEAGE-LINKED\r\n1 CHAR UTF-8\r
1 _HOME @I2@\r\n1 NOTE kept\r\n0 @I1@ INDI\r\n1 NAME Anna /Ivanova/\r\n0 @I2@ INDI\r\n1 NAME Sergei /Sedov/\r
0 TRLR\r\n"""


def test_deleting_the_home_person_takes_their_header_line_and_keeps_the_rest(tmp_path):
    from familytree.workspace import relatives

    work = tmp_path / "home.ged"
    work.write_bytes(HOME.encode())
    tree = read_file(work)
    assert tree.header.home_person_id == "@I2@"
    UndoStack(tree).push(relatives.delete_person(tree, "@I2@"))
    _saved(tree, work)
    text = work.read_bytes().decode()
    assert "_HOME" not in text
    assert "@I2@" not in text
    assert text.startswith("0 HEAD\r\n1 SOUR Ancestry\r\n1 GEDC\r\n2 VERS 5.5.1\r\n")
    assert "1 NOTE kept\r\n0 @I1@ INDI\r\n1 NAME Anna /Ivanova/\r\n0 TRLR\r\n" in text


def test_a_file_without_a_header_or_in_another_family_is_written_anew(tmp_path):
    work = _copy("real/Musterstammbaum-python-gedcom.ged", tmp_path)
    tree = read_file(work)
    assert Original.read(tree, v7=True) is None  # 5.5.1 saved as 7.0 is a conversion
    assert Original.read(tree, v7=False) is not None
    tree.path = str(CORPUS_ROOT / "nothing-here.ged")
    assert Original.read(tree, v7=False) is None


def test_a_second_save_keeps_what_the_first_kept(tmp_path):
    work = _copy("real/john_of_sea_20101009.ged", tmp_path)
    before = work.read_bytes()
    tree = read_file(work)
    stack = UndoStack(tree)
    first, second = sorted(tree.people)[:2]
    # a fact more: the records after it move down a few lines in the file written
    stack.push(e.add_event(tree, first, Event("BIRT", date=Date.parse("1908"), place=Place("Oslo"))))
    _saved(tree, work)
    stack.push(e.edit_name(tree, ("INDI", second, "names", 0), given="Yulia"))
    _saved(tree, work)
    assert _records_but(work.read_bytes(), first, second) == _records_but(before, first, second)
    again = read_file(work)
    assert again.people[first].birth_year == 1908
    assert again.people[second].names[0].given == "Yulia"
    stack.undo()
    stack.undo()
    _saved(tree, work)
    assert work.read_bytes() == before  # all undone: the file as it was read, header and all


def _records_but(data: bytes, *xrefs: str) -> list[str]:
    """The records of the file but its header and those of `xrefs`."""
    return [r for r in _records(data)[1:] if not r.startswith(tuple(f"0 {x} " for x in xrefs))]

"""Hand-made nasty GEDCOM input the reader and writer must survive without losing or corrupting data."""

from __future__ import annotations

import codecs
import os
import re
import stat
import threading
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.gedcom import read_bytes, read_file, read_text, write_file, write_text
from familytree.model import Note, NoteRef

HEAD5 = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
HEAD7 = "0 HEAD\n1 GEDC\n2 VERS 7.0\n"


def _messages(tree) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"line {d.line}: {d.message}" for d in tree.diagnostics]


# -- encodings ----------------------------------------------------------------------------------
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_whose_text_is_mostly_cjk_is_read_as_utf16(codec: str) -> None:
    # Japanese text has no NUL bytes: only the ASCII of levels and tags betrays UTF-16
    text = ("0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UNICODE\n0 @I1@ INDI\n1 NAME 太郎 /山田/\n"
            f"1 NOTE {'日本語のテキスト' * 300}\n0 TRLR\n")
    tree = read_bytes(text.encode(codec))
    assert tree.header.encoding_detected == codec.upper().replace("-", "").replace("UTF16", "UTF-16")
    person = tree.people["@I1@"]
    assert person.names[0].full == "太郎 /山田/"
    assert person.notes[0].text == "日本語のテキスト" * 300  # type: ignore[union-attr]
    assert not tree.diagnostics, _messages(tree)


@pytest.mark.parametrize("codec", ["utf-32-le", "utf-32-be"])
def test_utf32_with_bom_is_read(codec: str) -> None:
    bom = codecs.BOM_UTF32_LE if codec.endswith("le") else codecs.BOM_UTF32_BE
    tree = read_bytes(bom + (HEAD7 + "0 @I1@ INDI\n1 NAME Émile /Zola/\n0 TRLR\n").encode(codec))
    assert tree.people["@I1@"].names[0].full == "Émile /Zola/"
    assert any("UTF-32" in d.message for d in tree.diagnostics)


def test_a_file_declaring_ansel_that_is_really_utf8_keeps_its_letters() -> None:
    data = (HEAD5.replace("UTF-8", "ANSEL") + "0 @I1@ INDI\n1 NAME Émile /Müller/\n1 NOTE Straße ☃\n0 TRLR\n")
    tree = read_bytes(data.encode("utf-8"))
    assert tree.people["@I1@"].names[0].full == "Émile /Müller/"
    assert any(d.line == 4 and "ANSEL" in d.message for d in tree.diagnostics)


# -- notes ------------------------------------------------------------------------------------
@pytest.mark.parametrize("version", ["7.0", "5.5.1"])
def test_snote_with_text_instead_of_a_pointer_keeps_the_text(version: str) -> None:
    tree = read_text(HEAD7 + "0 @I1@ INDI\n1 SNOTE met him in 1920\n0 TRLR\n")
    note = tree.people["@I1@"].notes[0]
    assert isinstance(note, Note)
    assert note.text == "met him in 1920"
    assert any(d.line == 5 and "SNOTE" in d.message for d in tree.diagnostics)
    again = read_text(write_text(tree, version))
    assert [n.text for n in again.people["@I1@"].notes if isinstance(n, Note)] == ["met him in 1920"]
    assert not [n for n in again.people["@I1@"].notes if isinstance(n, NoteRef)]


# -- saving and converting -----------------------------------------------------------------------
def test_saving_to_a_fifo_writes_into_it_and_leaves_it_a_fifo(tmp_path: Path) -> None:
    # `familytree convert IN /dev/stdout` and pipes: the path is no regular file to replace by
    # renaming (an atomic save would put a plain file in place of the device or pipe)
    fifo = tmp_path / "pipe.ged"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    write_file(read_text(HEAD7 + "0 @I1@ INDI\n1 NAME Ada /Byron/\n0 TRLR\n"), fifo)
    reader.join(5)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert b"1 NAME Ada /Byron/" in got[0]
    assert [p.name for p in tmp_path.iterdir()] == ["pipe.ged"]  # no temporary file left behind


def test_convert_to_gdz_writes_7_0_and_refuses_5_5_1_in_one_line(tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.ged"
    src.write_text(HEAD5 + "0 @I1@ INDI\n1 NAME Ada /Byron/\n0 TRLR\n", encoding="utf-8")
    assert main(["convert", str(src), str(tmp_path / "out.gdz")]) == 0  # a 5.5.1 input, written as 7.0
    assert read_file(tmp_path / "out.gdz").header.version == "7.0"
    capsys.readouterr()
    assert main(["convert", str(src), str(tmp_path / "other.gdz"), "--gedcom", "5.5.1"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "other.gdz" in err
    assert "7.0" in err
    assert not (tmp_path / "other.gdz").exists()


@pytest.mark.parametrize("make", [
    lambda: b"PK\x03\x04 this is no zip archive",
    lambda: _zip({"readme.txt": b"no GEDCOM here"}),
], ids=["broken", "no-ged-inside"])
def test_a_bad_gedzip_is_not_called_empty(make, tmp_path: Path,  # type: ignore[no-untyped-def]
                                          capsys: pytest.CaptureFixture[str]) -> None:
    tree = read_bytes(make())
    messages = [d.message for d in tree.diagnostics]
    assert any("GEDZIP" in m for m in messages), messages
    assert not any("empty" in m for m in messages), messages
    path = tmp_path / "family.gdz"
    path.write_bytes(make())
    assert main(["info", str(path)]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "family.gdz" in err
    assert "empty" not in err


def _zip(members: dict[str, bytes]) -> bytes:
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members.items():
            z.writestr(name, data)
    return buf.getvalue()


# -- PHRASE through 5.5.1 ------------------------------------------------------------------------
PHRASES7 = HEAD7 + """0 @I1@ INDI
1 NAME Lev /Sedov/
2 TYPE BIRTH
3 PHRASE as registered in Petrograd
1 OCCU engineer
2 DATE AFT 1930
3 PHRASE after his release in Krasnoyarsk
1 FAMC @F1@
2 PEDI ADOPTED
3 PHRASE taken in by his aunt
1 ASSO @I2@
2 ROLE NGHBR
3 PHRASE neighbour in Prinkipo
0 @I2@ INDI
1 NAME Jan /Frankel/
0 @F1@ FAM
1 CHIL @I1@
0 TRLR
"""


def _unstamped(text: str) -> str:
    """The text without the header's date and time of writing."""
    return re.sub(r"\n1 DATE [^\n]*\r?\n2 TIME [^\n]*", "", text)


def _phrases(tree) -> tuple[str, str, str, str]:  # type: ignore[no-untyped-def]
    p = tree.people["@I1@"]
    ref = tree.families["@F1@"].children[0]
    return p.names[0].type_phrase, p.events[0].date.phrase, ref.phrase, p.associations[0].phrase


def test_phrases_survive_a_trip_through_551_and_back() -> None:
    tree = read_text(PHRASES7)
    expected = ("as registered in Petrograd", "after his release in Krasnoyarsk", "taken in by his aunt",
                "neighbour in Prinkipo")
    assert _phrases(tree) == expected
    five = write_text(tree, "5.5.1")
    tree5 = read_text(five)
    assert _phrases(tree5) == expected, five
    p = tree5.people["@I1@"]
    assert (p.names[0].type.name, p.events[0].date.modifier.name) == ("BIRTH", "AFTER")
    assert tree5.families["@F1@"].children[0].relation.name == "ADOPTED"
    assert p.associations[0].relation.upper() == "NGHBR"
    assert _unstamped(write_text(read_text(write_text(tree5, "5.5.1")), "5.5.1")) == \
        _unstamped(write_text(tree5, "5.5.1"))
    seven = write_text(tree5, "7.0")
    for line in ("3 PHRASE as registered in Petrograd", "3 PHRASE after his release in Krasnoyarsk",
                 "3 PHRASE taken in by his aunt", "3 PHRASE neighbour in Prinkipo"):
        assert line in seven, seven
    assert "_PHRASE" not in seven


# -- xrefs ---------------------------------------------------------------------------------------
def test_links_to_xrefs_with_spaces_survive_their_repair() -> None:
    text = HEAD5 + ("0 @I 1@ INDI\n1 NAME Ada /Byron/\n1 FAMS @F 1@\n"  # lines 5-7
                    "0 @I 2@ INDI\n1 NAME Ada /Lovelace/\n1 FAMC @F 1@\n"  # lines 8-10
                    "0 @F 1@ FAM\n1 WIFE @I 1@\n1 CHIL @I 2@\n0 TRLR\n")  # lines 11-14
    tree = read_text(text)
    fam = tree.families["@F_1@"]
    assert fam.wife_id == "@I_1@"
    assert fam.child_ids == ["@I_2@"]
    assert tree.people["@I_2@"].parent_family_ids == ["@F_1@"]
    assert tree.people["@I_1@"].family_ids == ["@F_1@"]
    messages = _messages(tree)
    assert not any("does not exist" in m or "should point" in m for m in messages), messages
    assert "line 13: malformed pointer '@I 2@'; read as @I_2@" in messages, messages
    for version in ("7.0", "5.5.1"):
        again = read_text(write_text(tree, version))
        assert again.families["@F_1@"].child_ids == ["@I_2@"]
        assert not again.diagnostics, _messages(again)


# -- links of the wrong kind ---------------------------------------------------------------------
def test_links_to_records_of_the_wrong_type_say_what_they_point_to() -> None:
    text = HEAD5 + ("0 @I1@ INDI\n1 NAME Ada /Byron/\n1 FAMC @S1@\n1 FAMS @I1@\n"  # lines 5-8
                    "0 @F1@ FAM\n1 HUSB @F1@\n1 CHIL @S1@\n1 CHIL @I1@\n1 CHIL @I1@\n"  # lines 9-13
                    "0 @S1@ SOUR\n1 TITL Register\n0 TRLR\n")
    tree = read_text(text)
    messages = _messages(tree)
    assert "line 5: @I1@ is a child of @S1@, which is a source, not a family" in messages, messages
    assert "line 5: @I1@ is a partner in @I1@, which is a person, not a family" in messages, messages
    assert "line 9: @F1@ refers to @F1@, which is a family, not a person" in messages, messages
    assert "line 9: @F1@ refers to @S1@, which is a source, not a person" in messages, messages
    assert "line 13: @F1@ lists @I1@ as a child more than once" in messages, messages
    assert not any("does not exist" in m for m in messages), messages
    five = write_text(tree, "5.5.1")  # kept as read
    assert five.count("1 CHIL @I1@") == 2
    assert "1 HUSB @F1@" in five


@pytest.mark.parametrize("line", ["1", "2  ", "01\t"])
def test_a_line_with_a_level_but_no_tag_is_ignored_and_named(line: str) -> None:
    tree = read_text(HEAD5 + f"0 @I1@ INDI\n1 NAME Ada /Byron/\n{line}\n1 NOTE kept\n0 TRLR\n")
    messages = _messages(tree)
    assert messages == ["line 7: line has a level number but no tag; ignored"], messages
    person = tree.people["@I1@"]
    assert [n.text for n in person.notes if isinstance(n, Note)] == ["kept"]
    assert person.names[0].full == "Ada /Byron/"


def test_a_year_alone_on_a_line_stays_part_of_the_note_it_breaks() -> None:
    tree = read_text(HEAD5 + "0 @I1@ INDI\n1 NOTE born in\n1908\n0 TRLR\n")
    assert [n.text for n in tree.people["@I1@"].notes if isinstance(n, Note)] == ["born in\n1908"]
    assert any(d.line == 7 and "continuation" in d.message for d in tree.diagnostics)


@pytest.mark.parametrize("version", ["7.0", "5.5.1"])
def test_a_carriage_return_inside_a_value_is_written_as_a_line_break(version: str) -> None:
    # text pasted from an old Mac or Windows program: CR alone, CRLF, LF
    tree = read_text(HEAD7 + "0 @I1@ INDI\n0 TRLR\n")
    tree.people["@I1@"].notes.append(Note("first\rsecond\r\nthird\nfourth"))
    written = write_text(tree, version)
    assert "\r" not in written.replace("\r\n", "")  # no bare CR: every reader would take it as a line end
    again = read_text(written)
    assert not again.diagnostics, _messages(again)
    notes = [n.text for n in again.people["@I1@"].notes if isinstance(n, Note)]
    assert notes == ["first\nsecond\nthird\nfourth"]


@pytest.mark.parametrize("text", [
    "a" + "@" * 600,  # an odd start puts a CONC split between the two @ of an escaped "@@"
    "@" * 601,
    "x" * 254 + "@ @" * 100,
    ("word " * 60 + "@") * 20,
])
def test_551_conc_splitting_keeps_every_at_sign(text: str) -> None:
    tree = read_text(HEAD7 + "0 @I1@ INDI\n0 TRLR\n")
    tree.people["@I1@"].notes.append(Note(text))
    written = write_text(tree, "5.5.1")
    assert max(len(line) for line in written.splitlines()) <= 255
    again = read_text(written)
    assert [n.text for n in again.people["@I1@"].notes if isinstance(n, Note)] == [text]


def test_an_8_megabyte_note_is_saved_as_551_in_linear_time() -> None:
    # CONC splitting once copied the rest of the line for every 255 characters (minutes for 50 MB)
    big = "abcdefghij" * 800_000
    tree = read_text(f"{HEAD7}0 @I1@ INDI\n1 NOTE {big}\n0 TRLR\n")
    written = write_text(tree, "5.5.1")
    assert written.count("\r\n2 CONC ") > 30_000
    assert read_text(written).people["@I1@"].notes[0].text == big  # type: ignore[union-attr]


@pytest.mark.parametrize(("top", "odd", "even"), [
    ("SOUR @S1@", "NOTE n", "SOUR @S1@"), ("NOTE n", "TRAN t", "TRAN t"),
    ("NAME Ada /Byron/", "TRAN t", "TRAN t"),
], ids=["citation-note", "note-translation", "name-translation"])
@pytest.mark.parametrize("version", ["5.5.1", "7.0"])
def test_sources_notes_and_translations_nested_thousands_deep_load_and_save(top: str, odd: str, even: str,
                                                                           version: str) -> None:
    # a citation's note cites a source whose note cites... : each level was a call deeper
    head = HEAD7 if version == "7.0" else HEAD5
    body = [f"1 {top}"] + [f"{level} {even if level % 2 else odd}" for level in range(2, 3000)]
    tree = read_text(head + "0 @S1@ SOUR\n0 @I1@ INDI\n" + "\n".join(body) + "\n0 TRLR\n")
    assert any("nested" in d.message for d in tree.diagnostics)
    for out in ("7.0", "5.5.1"):
        written = write_text(tree, out)
        lines = written.splitlines()
        # nothing lost at the bottom: 5.5.1 allows 99 levels and has the deeper lines there
        assert max(int(line.split(" ", 1)[0]) for line in lines) == (2999 if out == "7.0" else 99)
        assert sum(line.endswith((f" {odd.split()[-1]}", f" {even.split()[-1]}")) for line in lines) >= 2998
        assert len(read_text(written).people) == 1


def test_a_gedzip_with_damaged_compressed_data_is_a_diagnostic() -> None:
    text = HEAD7 + "0 @I1@ INDI\n1 NAME Ada /Byron/\n" * 200 + "0 TRLR\n"
    import io
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("gedcom.ged", text)
    for pos in (40, 60, 80):  # inside the deflated stream: zlib fails before any CRC check
        damaged = bytearray(buf.getvalue())
        damaged[pos] ^= 0xFF
        tree = read_bytes(bytes(damaged), "family.gdz")
        assert any("GEDZIP" in d.message and "cannot be opened" in d.message for d in tree.diagnostics)


def test_saving_a_gedzip_whose_old_media_are_damaged_fails_with_oserror(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import zipfile

    old = tmp_path / "family.gdz"
    with zipfile.ZipFile(old, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("gedcom.ged", HEAD7 + "0 @I1@ INDI\n1 NAME Ada /Byron/\n0 TRLR\n")
        z.writestr("photo.jpg", bytes(range(256)) * 50)
    data = bytearray(old.read_bytes())
    start = data.index(b"photo.jpg") + len("photo.jpg") + 5  # inside the photo's deflated bytes
    data[start] ^= 0xFF
    old.write_bytes(bytes(data))
    tree = read_file(old)
    assert tree.people
    with pytest.raises(OSError, match="photo.jpg|media"):
        write_file(tree, old)
    assert main(["convert", str(old), str(tmp_path / "copy.gdz")]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "copy.gdz" in err


@pytest.mark.parametrize(("head", "escaped"), [(HEAD7, "@@I2@"), (HEAD5, "@@I2@@")], ids=["7.0", "5.5.1"])
def test_escaped_text_that_looks_like_a_pointer_stays_text(head: str, escaped: str) -> None:
    # "@I2@" written as text (escaped) is not a pointer to @I2@
    tree = read_text(head + f"0 @I1@ INDI\n1 NOTE {escaped}\n1 _CODE {escaped}\n0 @I2@ INDI\n0 TRLR\n")
    person = tree.people["@I1@"]
    assert [n.text for n in person.notes if isinstance(n, Note)] == ["@I2@"]
    assert person.extra[0].value == "@I2@"
    assert not person.extra[0].pointer
    for version in ("7.0", "5.5.1"):
        again = read_text(write_text(tree, version)).people["@I1@"]
        assert [n.text for n in again.notes if isinstance(n, Note)] == ["@I2@"], version
        assert not [n for n in again.notes if isinstance(n, NoteRef)], version
        assert not again.extra[0].pointer, version


@pytest.mark.parametrize("cont", ["I1", "@", "I1@"])
def test_a_pointer_broken_by_a_cont_line_is_not_read_as_one_with_a_line_break(cont: str) -> None:
    tree = read_text(HEAD7 + f"0 @F1@ FAM\n1 HUSB @\n2 CONT {cont}\n0 TRLR\n")
    assert tree.families["@F1@"].husband_id == ""
    assert any(d.line == 5 and "should point to a record" in d.message for d in tree.diagnostics)
    again = read_text(write_text(tree, "7.0"))  # kept as read ("@@": 7.0 escapes a leading @)
    assert [(s.tag, s.value) for s in again.families["@F1@"].extra] == [("HUSB", f"@\n{cont}")]


@pytest.mark.parametrize(("name", "given", "surname"), [
    ("John /Smith", "John", "Smith"),  # the closing slash forgotten: 5.5.1 readers take the rest as surname
    ("John Smith/", "John Smith", ""),
    ("Anne /de la Tour ", "Anne", "de la Tour"),
])
def test_551_names_with_one_slash_keep_their_surname_in_7_0(name: str, given: str, surname: str) -> None:
    tree = read_text(HEAD5 + f"0 @I1@ INDI\n1 NAME {name}\n0 TRLR\n")
    before = tree.people["@I1@"].names[0]
    assert (before.given, before.surname) == (given, surname)
    after = read_text(write_text(tree, "7.0")).people["@I1@"].names[0]
    assert (after.given, after.surname) == (given, surname)
    assert after.full.count("/") in (0, 2)

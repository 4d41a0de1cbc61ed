"""Writing whatever was read: valid GEDCOM by each version's line grammar, mends said, the same text twice.

The reproducers of the fuzz findings (../shared/fuzz-findings) are read when they are there;
each is also built here, so that the test runs without them.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familytree.cli import main
from familytree.gedcom import read_bytes, read_file, read_text, write_text
from familytree.gedcom.grammar import BANNED, check_lines
from familytree.model import Diagnostic, Note, Tree
from support.corpus import DATA, ROOT

FINDINGS = ROOT.parent / "shared" / "fuzz-findings"
NOW = datetime.datetime(2026, 12, 7, 8, 0, 0, tzinfo=datetime.UTC)
VERSIONS = ("7.0", "5.5.1")
HEAD5 = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"
HEAD7 = "0 HEAD\n1 GEDC\n2 VERS 7.0\n"


def finding(name: str) -> bytes:
    path = FINDINGS / name
    if not path.exists():
        pytest.skip(f"{name}: the fuzz findings (../shared/fuzz-findings) are not beside this checkout")
    return path.read_bytes()


def saved(tree: Tree, version: str, diagnostics: list[Diagnostic] | None = None) -> bytes:
    """The bytes a save writes (7.0 with its byte-order mark)."""
    text = write_text(tree, version, diagnostics=diagnostics, now=NOW)
    return (("\ufeff" if version == "7.0" else "") + text).encode("utf-8")


def assert_valid_and_stable(tree: Tree, version: str) -> Tree:
    """The output obeys the line grammar and reads back to a tree that is written the same; that tree."""
    first = saved(tree, version)
    problems = check_lines(first.decode("utf-8"), version)
    assert not problems, [str(p)[:200] for p in problems[:5]]
    again = read_bytes(first)
    assert saved(again, version) == first
    return again


def mended(text: str, version: str) -> str:
    """A value as the writer puts it: control characters as U+FFFD, and in 5.5.1 tabs as spaces."""
    return BANNED.sub("\ufffd", text if version == "7.0" else text.replace("\t", " "))


# -- the grammar checker ------------------------------------------------------------------------
LINES = [  # (line, versions it is valid in)
    ("1 NAME John /Smith/", VERSIONS),
    ("1 _CUSTOM x", VERSIONS),
    ("1 _custom x", ("5.5.1",)),
    ("1 Name x", ("5.5.1",)),
    ("1 @F2@ FAM", VERSIONS),  # an xref on a substructure: the line is fine, the document is not in 7.0
    ("1 NA-ME x", ()),
    ("1 " + "T" * 32 + " x", ("7.0",)),
    ("01 NAME x", ()),
    ("1 NAME  two spaces", VERSIONS),  # the second space belongs to the value
    ("1 NAME ", ()),
    ("1 NOTE a\tb", ("7.0",)),
    ("1 NOTE a\x00b", ()),
    ("1 NOTE a\x7fb", ()),
    ("1 NOTE @@I1@", ("7.0",)),
    ("1 NOTE @@I1@@", VERSIONS),
    ("1 NOTE @I1@ and text", ()),
    ("1 NOTE me@example.org", ("7.0",)),
    ("1 NOTE me@@example.org", VERSIONS),
    ("1 DATE @#DJULIAN@ 1700", ("5.5.1",)),  # 7.0 wants "@@#DJULIAN@"; 5.5.1 reads an escape
    ("1 DATE @#DJULIAN@", ()),  # an escape is followed by a character
    ("1 HUSB @VOID@", VERSIONS),
    ("1 HUSB @i1@", ("5.5.1",)),
    ("1 HUSB @I-1@", ("5.5.1",)),
    ("1 HUSB @" + "N" * 20 + "@", VERSIONS),
    ("1 HUSB @" + "N" * 21 + "@", ("7.0",)),
    ("1 NOTE " + "x" * 246, VERSIONS),  # 253 characters and CRLF: 255
    ("1 NOTE " + "x" * 247, ("7.0",)),
]


@pytest.mark.parametrize(("line", "valid_in"), LINES, ids=[repr(line[:24]) for line, _ in LINES])
@pytest.mark.parametrize("version", VERSIONS)
def test_the_checker_knows_each_line_rule(line: str, valid_in: tuple[str, ...], version: str) -> None:
    head = HEAD7 if version == "7.0" else HEAD5
    eol = "\n" if version == "7.0" else "\r\n"
    text = eol.join([*head.splitlines(), "0 @I1@ INDI", line, "0 TRLR"]) + eol
    problems = [p for p in check_lines(text, version) if "substructure" not in p.message]
    assert (not problems) == (version in valid_in), problems
    assert all(p.line == 5 + (version == "5.5.1") for p in problems)


@pytest.mark.parametrize(("text", "words"), [
    ("1 HEAD\n0 TRLR\n", "first line"),
    (HEAD7 + "0 @I1@ INDI\n", "last line is not '0 TRLR'"),
    (HEAD7 + "0 TRLR\n0 @I1@ INDI\n0 TRLR\n", "after the TRLR"),
    (HEAD7 + "0 @I1@ INDI\n2 NAME x\n0 TRLR\n", "rise by one"),
    (HEAD7 + "0 @I1@ INDI\n0 @I1@ INDI\n0 TRLR\n", "used by an earlier line"),
    (HEAD7 + "0 @I1@ INDI\n1 NAME x\n1 CONT y\n0 TRLR\n", "does not follow the line it continues"),
    (HEAD7 + "0 @I1@ INDI\n1 NAME x\n2 CONC y\n0 TRLR\n", "CONC does not exist"),
    (HEAD7 + "0 @I1@ INDI\n1 @N1@ NOTE x\n0 TRLR\n", "substructure"),
    (HEAD7 + "0 @VOID@ INDI\n0 TRLR\n", "null pointer"),
    (HEAD7 + "0 @I1@ INDI\n\n0 TRLR\n", "blank line"),
    (HEAD7 + "0 TRLR", "no line terminator"),
])
def test_the_checker_knows_each_document_rule(text: str, words: str) -> None:
    assert any(words in p.message for p in check_lines(text, "7.0"))


def test_the_checker_allows_levels_past_99_in_7_0_only() -> None:
    body = [f"{level} _L x" for level in range(1, 102)]
    for version, eol in (("7.0", "\n"), ("5.5.1", "\r\n")):
        head = (HEAD7 if version == "7.0" else HEAD5).splitlines()
        problems = check_lines(eol.join([*head, "0 @I1@ INDI", *body, "0 TRLR"]) + eol, version)
        assert [p.line for p in problems] == ([] if version == "7.0" else [len(head) + 101, len(head) + 102])


def test_the_checker_takes_every_line_ending_and_a_byte_order_mark() -> None:
    body = ["0 HEAD", "1 GEDC", "2 VERS 5.5.1", "0 TRLR"]
    for eol in ("\n", "\r", "\r\n", "\n\r"):
        assert check_lines("\ufeff" + eol.join(body) + eol, "5.5.1") == []
    assert check_lines("\n\r".join(body) + "\n\r", "7.0")  # LF CR is two line ends in 7.0: a blank line


def test_output_of_the_bundled_family_obeys_both_grammars(bundled_path: Path) -> None:
    tree = read_file(bundled_path)
    for version in VERSIONS:
        again = assert_valid_and_stable(tree, version)
        assert (len(again.people), len(again.families)) == (len(tree.people), len(tree.families))


# -- the fuzz findings ----------------------------------------------------------------------------
LONG_XREF = "@N" + "A" * 300 + "@"
LONG_XREF_NOTE = HEAD5 + f"0 {LONG_XREF} NOTE " + "y" * 3000 + f"\n0 @I1@ INDI\n1 NOTE {LONG_XREF}\n0 TRLR\n"


@pytest.mark.parametrize("source", ["built", "min-conc-cut-longxref-indexerror.ged",
                                    "min-conc-cut-longxref-corruption.ged"])
def test_a_long_xref_before_a_long_note_is_renamed_and_the_note_kept_whole(source: str) -> None:
    # the 5.5.1 writer raised IndexError (a head past 254 characters left no room for the value)
    # or wrote a 3,000-character note back as 5,752 characters
    data = LONG_XREF_NOTE.encode() if source == "built" else finding(source)
    tree = read_bytes(data)
    (note,) = tree.notes.values()
    diagnostics: list[Diagnostic] = []
    written = saved(tree, "5.5.1", diagnostics)
    assert not check_lines(written.decode(), "5.5.1")
    (again,) = read_bytes(written).notes.values()
    assert again.text == note.text
    assert any("xref" in d.message and "5.5.1" in d.message for d in diagnostics)
    if source == "built":  # the pointer to it follows the new name
        assert read_bytes(written).people["@I1@"].notes[0].note_id == again.id  # type: ignore[union-attr]
    for version in VERSIONS:
        assert_valid_and_stable(tree, version)


def test_a_tag_of_a_thousand_nuls_is_written_short_and_valid() -> None:
    # fuzz-exc-conc-cut.bin: "1 FI<NUL x 1,000>LE gifts.webm" in an OBJE record raised IndexError in 5.5.1
    data = finding("fuzz-exc-conc-cut.bin")
    tree = read_bytes(data)
    for version in VERSIONS:
        diagnostics: list[Diagnostic] = []
        written = saved(tree, version, diagnostics)
        assert not check_lines(written.decode("utf-8"), version)
        assert max(map(len, written.decode("utf-8").splitlines())) < 255
        assert any("tag" in d.message for d in diagnostics)
        assert_valid_and_stable(tree, version)


@pytest.mark.parametrize("source", ["built", "min-tag-looks-like-xref-roundtrip.ged"])
@pytest.mark.parametrize("version", VERSIONS)
def test_a_record_tagged_like_an_xref_does_not_become_a_family(source: str, version: str) -> None:
    # "0 @@ @F2@ FAM" is a record tagged @F2@ with the value FAM; it was written "0 @F2@ FAM"
    data = (HEAD7 + "0 @I1@ INDI\n1 FAMS @F2@\n0 @@ @F2@ FAM\n0 TRLR\n").encode() if source == "built" \
        else finding(source)
    tree = read_bytes(data)
    assert not tree.families
    diagnostics: list[Diagnostic] = []
    again = read_bytes(saved(tree, version, diagnostics))
    assert not again.families
    assert [(r.tag, r.value) for r in again.other_records if r.value == "FAM"] == [("_F2", "FAM")]
    assert any("'@F2@'" in d.message and "_F2" in d.message and d.line == 6 for d in diagnostics)
    assert_valid_and_stable(tree, version)


@pytest.mark.parametrize("source", ["built", "min-551-save-misdetected-utf16.ged"])
def test_a_551_save_holds_no_nul_and_reopens_as_utf8(source: str) -> None:
    # the NULs of a UTF-16 fragment were written back: the file re-opened as UTF-16LE with nothing in it
    data = ("\ufeff" + HEAD5 + "1 NOTE intro\n\x00\xff\xfe1\x00 \x00N\x00O\x00T\x00E\x00\n0 @I1@ INDI\n"
            "1 NAME Ann\x00 /Lee/\n0 TRLR\n").encode("utf-8", "surrogatepass") if source == "built" \
        else finding(source)
    tree = read_bytes(data)
    written = saved(tree, "5.5.1")
    assert b"\x00" not in written
    again = read_bytes(written)
    assert again.header.encoding_detected == "UTF-8"
    assert len(again.people) == len(tree.people)
    notes = [e.value for e in tree.header.extra if e.tag == "NOTE"]
    assert [e.value for e in again.header.extra if e.tag == "NOTE"] == [mended(n, "5.5.1") for n in notes]
    assert "\ufffd" in "".join(e.value for e in again.header.extra if e.tag == "NOTE")


def test_convert_to_551_of_a_long_xref_file_works(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "long.ged"
    source.write_text(LONG_XREF_NOTE, encoding="utf-8")
    out = tmp_path / "out.ged"
    assert main(["convert", str(source), str(out), "--gedcom", "5.5.1"]) == 0
    assert "Traceback" not in capsys.readouterr().err
    assert not check_lines(out.read_bytes().decode("utf-8"), "5.5.1")


# -- mends, one by one ----------------------------------------------------------------------------
@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize(("lines", "words", "check"), [
    pytest.param("0 @I1@ INDI\n1 NAME Ann /Lee/\n1 na-me x\n", "'na-me'",
                 lambda t: t.people["@I1@"].extra[0].tag in ("_NA_ME", "_na_me"), id="odd-tag"),
    pytest.param("0 @I1@ INDI\n1 NOTE a\x01b\x00c\n", "control characters",
                 lambda t: t.people["@I1@"].notes[0].text == "a\ufffdb\ufffdc", id="control"),
    pytest.param("0 @I1@ INDI\n1 SEX M\x00\n", "control characters",
                 lambda t: t.people["@I1@"].sex.value == "U", id="control-keeps-unreadable"),
    pytest.param("0 CONC x\n", "'CONC'", lambda t: t.other_records[0].tag == "_CONC", id="conc-record"),
    pytest.param("0 @I1@ INDI\n1 @N9@ _NOTE sub\n", "substructure",
                 lambda t: t.people["@I1@"].extra[0].value == "sub", id="substructure-xref"),
])
def test_what_cannot_be_written_is_mended_and_said(lines: str, words: str, check: Callable[[Tree], bool],
                                                   version: str) -> None:
    tree = read_text(HEAD7 + lines + "0 TRLR\n")
    diagnostics: list[Diagnostic] = []
    again = read_bytes(saved(tree, version, diagnostics))
    if words == "substructure" and version == "5.5.1":
        assert not diagnostics  # (5.5.1 allows it)
    else:
        assert any(words in d.message for d in diagnostics), diagnostics
        assert all(d.line for d in diagnostics if "xref" not in d.message)
    assert check(again)
    assert_valid_and_stable(tree, version)


def test_551_writes_tabs_as_spaces_and_7_0_keeps_them() -> None:
    tree = read_text(HEAD7 + "0 @I1@ INDI\n1 NOTE a\tb\n0 TRLR\n")
    seven, five = (read_bytes(saved(tree, v)).people["@I1@"].notes[0] for v in VERSIONS)
    assert (seven.text, five.text) == ("a\tb", "a b")  # type: ignore[union-attr]


def test_lines_nested_past_99_levels_stay_in_a_551_file_at_level_99() -> None:
    body = "".join(f"{level} _L{level} v{level}\n" for level in range(1, 140))
    tree = read_text(HEAD7 + "0 @I1@ INDI\n" + body + "0 TRLR\n")
    diagnostics: list[Diagnostic] = []
    written = saved(tree, "5.5.1", diagnostics).decode()
    levels = Counter(int(line.split(" ", 1)[0]) for line in written.splitlines())
    assert max(levels) == 99
    assert levels[99] == 41  # the 99th and the 40 under it
    assert all(f" v{level}\r\n" in written for level in range(1, 140))
    assert any("99" in d.message for d in diagnostics)
    assert_valid_and_stable(tree, "5.5.1")
    assert max(int(line.split(" ", 1)[0]) for line in write_text(tree, "7.0").splitlines()) == 139


def test_xrefs_are_renamed_the_same_wherever_they_stand() -> None:
    long = "@" + "P" * 30 + "@"
    tree = read_text(HEAD5 + f"0 {long} INDI\n1 FAMS @F1@\n0 @F1@ FAM\n1 HUSB {long}\n1 _WITN {long}\n"
                     f"0 @p-2@ INDI\n1 ASSO {long}\n0 TRLR\n")
    for version in VERSIONS:
        again = assert_valid_and_stable(tree, version)
        (new,) = (p for p in again.people.values() if p.family_ids)
        assert again.families["@F1@"].husband_id == new.id
        assert again.families["@F1@"].extra[0].value == new.id
        assert [a.person_id for p in again.people.values() for a in p.associations] == [new.id]
        assert len(new.id) <= (22 if version == "5.5.1" else 40)


def test_a_record_named_void_is_renamed_and_null_pointers_stay_null() -> None:
    tree = read_text(HEAD5 + "0 @VOID@ INDI\n1 FAMC @F1@\n0 @F1@ FAM\n1 CHIL @VOID@\n0 @I2@ INDI\n"
                     "1 FAMC @VOID@\n0 TRLR\n")
    for version in VERSIONS:
        again = assert_valid_and_stable(tree, version)
        assert "@VOID@" not in again.people
        assert len(again.families["@F1@"].children) == 1


@pytest.mark.parametrize("value", ["@#DJULIAN@ 1 JAN 1700", "x" * 150 + " @#DJULIAN@ " + "y" * 200,
                                   "@" * 600, "a@" * 300, " " * 600, "@#DJULIAN@", "@#DX@@ 1700", "@I1@ x"])
def test_long_551_values_are_cut_where_each_line_stays_valid(value: str) -> None:
    tree = read_text(HEAD7 + "0 @I1@ INDI\n1 NOTE x\n0 TRLR\n")
    tree.people["@I1@"].notes[0].text = value  # type: ignore[union-attr]
    again = assert_valid_and_stable(tree, "5.5.1")
    assert again.people["@I1@"].notes[0].text == value  # type: ignore[union-attr]
    assert read_bytes(saved(tree, "7.0")).people["@I1@"].notes[0].text == value  # type: ignore[union-attr]


@pytest.mark.parametrize("text", [
    # a source description with two DATAs: the second is kept as read, the texts of the first stay in a DATA
    HEAD5 + "0 @I1@ INDI\n1 NAME n /\n2 SOUR e.\n3 DATA\n4 TEXT R3@@\n3 DATA\n4 TEXT\n0 TRLR\n",
    # a description that is the (bad) xref of a record stays text, in both versions
    HEAD5 + "0 @I\t1@ _S\n0 @I2@ INDI\n1 SOUR @I\t1@\n2 NOTE\n2 TEXT\n0 TRLR\n",
    HEAD7 + "0 @S1@ SOUR\n1 NOTE @#I1@\n0 @#I1@ _S\n0 TRLR\n",
    # a 5.5.1 date phrase in a 7.0 file is not written again as a PHRASE
    HEAD7 + "0 @I1@ INDI\n1 ORDN\n2 DATE (e)\n2 PLAC\n0 TRLR\n",
    # a link to a record whose xref is no pointer follows its new name, though the same text elsewhere is text
    "0 @I\t1@ INDI\n1 FAMC @F1@\n0 @F1@ FAM\n1 E @I\t1@\n0 TRLR\n",
    # a tag mended is never one with a meaning ("\tPHRASE" is no phrase of the name type)
    "0 INDI\n1 NAME\n2 TYPE OTHER\n3 \tPHRASE e\n0 TRLR\n",
    # a 5.5.1 phrase beside a date that is no longer read as one (\x0b was a space to the date reader)
    "0 INDI\n1 BIRT\n2 DATE BET FRENCH_R FRUC 4 AND JULIAN AUG 1\x0b\n3 PHRASE BE\n0 TRLR\n",
    # U+FFFD for what was unreadable never makes a pointer of it ("@N<SUB>" was no link, nor is "@N\ufffd")
    "0 INDI\n1 FAMS  @N\x1a\n0 TRLR\n",
    HEAD7 + "0 INDI \n1 FAMS  @A\x1a\n0 TRLR\n",
    # a name type's phrase with spaces around it stays whole (a TYPE is read trimmed)
    "0 INDI\n1 NAME\n2 TYPE OTHER\n3 PHRASE  e\n0 TRLR\n",
    # a date of nothing but a control character is no date; one read through one is written as understood
    HEAD7 + "0 FAM\n1 MARR\n2 DATE \x0b\n1 CHIL \n0 TRLR\n",
    HEAD7 + "0 FAM\n1 DIV\n2 DATE MAY 1\x0b\n1 MARR\n0 TRLR\n",
    # a renamed record does not take the xref a link to no record names (it would join them)
    "0 @I INDI\r1 FAMS @IAAAAAAAAAAAAAAAAAAA\r0 @I\u00c1AAAAAAAAAAAAAAAAAA FAM\r0 FAM\r0 TRLR\r",
    # an event's text written as its note goes after the lines read into its fields, not after an empty TYPE
    "0 INDI\n1 BIRT N\n2 TYPE\n0 TRLR\n",
    # a line with an xref and no tag
    "0 NOTE\n1 @  \n0 TRLR\n",
    # control characters written as U+FFFD do not make a pointer of a value that was none
    "0 @F1@ FAM\n1 HUSB  @I1\x1c\x16@\n0 TRLR\n",
    # a record whose xref holds U+FFFD (bytes that could not be read) is renamed, and its links follow
    "0 @I\ufffd@ INDI\n1 FAMC @F2@\n0 @F2@ FAM\n0 TRLR\n",
    # likewise a BOM or other unprintable character in a record's xref (a CHIL to it read back as text)
    "0 @I\ufeff@ INDI\n1 FAMC @F4965\n0 @F4965 FAM\n0 FAM\n",
], ids=["description-two-data", "description-like-bad-xref", "note-like-bad-xref", "date-phrase-in-7",
        "link-to-bad-xref", "tag-mended-to-phrase", "phrase-of-a-date-no-longer-valid", "unreadable-link-551",
        "unreadable-link-7", "type-phrase-spaces", "date-of-a-control", "date-through-a-control",
        "rename-beside-a-dangling-link", "event-text-and-empty-type", "xref-without-tag",
        "controls-no-pointer", "unreadable-xref", "unprintable-xref"])
def test_fuzz_cases_read_back_to_what_was_written(text: str) -> None:
    tree = read_text(text)
    for version in VERSIONS:
        assert_valid_and_stable(tree, version)


# -- generated hostile trees ----------------------------------------------------------------------
_HOSTILE_TEXT = st.text(st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FF), max_size=12)
_VALUES = st.one_of(_HOSTILE_TEXT, st.sampled_from([
    "", "@", "@@", "@I1@", "@F1@", "@N1@", "@VOID@", "@i-1@", "@" + "X" * 30 + "@", "@#DJULIAN@ 1700",
    "a\tb", "a\x00b", "\x1f", "x" * 400, "y " * 200, "@" * 300, "M\x00", "1 JAN 1900\x0b", "@I 1@",
]))
_TAGS = st.one_of(st.sampled_from([
    "NAME", "NOTE", "SOUR", "DATE", "PLAC", "TYPE", "SEX", "FAMC", "FAMS", "HUSB", "CHIL", "BIRT", "_X",
    "CONC", "CONT", "TRLR", "_x", "na me", "@F2@", "T" * 40, "É", "QUAY", "AGE", "PAGE", "DATA", "TEXT",
    "SNOTE",
]), st.text(st.characters(max_codepoint=0x7F, blacklist_characters=" \n\r"), min_size=1, max_size=6))
_XREFS = st.sampled_from(["", "", "", "@I1@", "@F1@", "@N1@", "@VOID@", "@i-1@", "@" + "X" * 30 + "@",
                          "@I\x01@"])


def _node(level: int, depth: int) -> st.SearchStrategy[list[str]]:
    line = st.builds(lambda x, t, v: " ".join(p for p in (str(level), x if level else "", t, v) if p),
                     _XREFS, _TAGS, _VALUES)
    if depth == 0:
        return line.map(lambda x: [x])
    return st.builds(lambda head, kids: [head] + [k for kid in kids for k in kid], line,
                     st.lists(_node(level + 1, depth - 1), max_size=3))


_RECORD = st.builds(lambda x, tag, body: [f"0 {x} {tag}".replace("  ", " "), *(b for p in body for b in p)],
                    _XREFS, st.sampled_from(["INDI", "FAM", "NOTE", "SNOTE", "SOUR", "_LOC", "@F2@", "OBJE"]),
                    st.lists(_node(1, 2), max_size=4))


def _notes(tree: Tree) -> Counter[str]:
    texts = [n.text for n in tree.notes.values()]
    texts += [n.text for p in tree.people.values() for n in p.notes if isinstance(n, Note)]
    return Counter(texts)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["5.5.1", "7.0"]), st.lists(_RECORD, max_size=6), st.sampled_from(["\n", "\r\n"]))
def test_hostile_trees_are_written_valid_the_same_twice_and_read_back(source: str, records: list[list[str]],
                                                                      eol: str) -> None:
    head = (HEAD7 if source == "7.0" else HEAD5).splitlines()
    tree = read_bytes(eol.join([*head, *(line for r in records for line in r), "0 TRLR"]).encode("utf-8"))
    for version in VERSIONS:
        again = assert_valid_and_stable(tree, version)
        assert (len(again.people), len(again.families), len(again.notes), len(again.sources)) == \
            (len(tree.people), len(tree.families), len(tree.notes), len(tree.sources))
        if version == ("7.0" if tree.header.version.startswith("7") else "5.5.1"):
            assert _notes(again) == Counter(mended(t, version) for t in _notes(tree).elements())


# -- the corpus -------------------------------------------------------------------------------------
def _corpus(root: Path) -> list[str]:
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.suffix.lower() in (".ged", ".gdz"))


def _round_trips(path: Path) -> None:
    tree = read_file(path)
    for version in VERSIONS:
        again = assert_valid_and_stable(tree, version)
        assert (len(again.people), len(again.families), len(again.sources)) == \
            (len(tree.people), len(tree.families), len(tree.sources)), version


@pytest.mark.parametrize("relative", _corpus(DATA / "corpus"))
def test_every_test_corpus_file_is_written_valid_and_the_same_twice(relative: str) -> None:
    _round_trips(DATA / "corpus" / relative)


def test_diagnostics_name_the_line_read_and_the_record() -> None:
    tree = read_text(HEAD7 + "0 @I1@ INDI\n1 NAME Ann /Lee/\n1 BIRT\n2 PLAC Ber\x07lin\n0 TRLR\n")
    diagnostics: list[Diagnostic] = []
    write_text(tree, "5.5.1", diagnostics=diagnostics)
    # (a place has no line of its own in the model: the line of its record)
    assert [(d.line, d.message.split(":")[0]) for d in diagnostics] == [(4, "@I1@ PLAC")]
    assert "U+FFFD" in diagnostics[0].message

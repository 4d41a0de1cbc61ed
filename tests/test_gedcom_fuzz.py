"""Property tests: GEDCOM-like input never breaks the reader, and read -> write -> read keeps the data.

Example counts are small so that each test stays near a second; the generators are built
from the pieces that broke readers before (levels, xrefs, @, CONC/CONT, BOMs, NULs, CR/LF).
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familytree.gedcom import is_generated_id, read_bytes, read_text, write_text
from familytree.model import Note, NoteRef, Tree

FAST = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
FEW = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))  # whole documents

# -- raw bytes --------------------------------------------------------------------------------
_PIECES = st.sampled_from([
    b"0 HEAD", b"1 GEDC", b"2 VERS 7.0", b"2 VERS 5.5.1", b"1 CHAR ANSEL", b"1 CHAR UTF-8", b"1 CHAR UNICODE",
    b"0 @I1@ INDI", b"1 NAME A /B/", b"1 CONC x", b"1 CONT y", b"2 CONC z", b"0 TRLR", b"\r", b"\n", b"\r\n",
    b"\n\r", b"\x00", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"@", b"@@", b" ", b"\t", b"\xe2\x98\x83",
    b"\xc3", b"\xe8e", b"99 ", b"100 ", b"-1 ", b"00 ", b"PK\x03\x04", b"1 FAMC @F1@", b"0 @F1@ FAM",
    b"1 CHIL @I1@", b"1 HUSB @I 1@", b"2 DATE ABT 1900", b"2 DATE @#DJULIAN@ 1 JAN 1700", b"1 SNOTE @N1@",
    b"0 @N1@ SNOTE x", b"1 SNOTE text", b"1 _X", b"2 _Y @I1@", b"\x1a", b"\x85", b"\xe2\x80\xa8", b"\x0b",
])


@FAST
@given(st.lists(st.one_of(_PIECES, st.binary(max_size=8)), max_size=50),
       st.sampled_from([None, "utf-16-le", "utf-16-be"]))
def test_any_bytes_load_with_diagnostics_inside_the_file(parts: list[bytes], recode: str | None) -> None:
    data = b"".join(parts)
    if recode:
        data = data.decode("utf-8", "replace").encode(recode)
    tree = read_bytes(data, "fuzz.ged")
    last_line = data.count(b"\n") + data.count(b"\r") + 1  # every line break has a CR or an LF byte
    for d in tree.diagnostics:
        assert d.message
        assert 0 <= d.line <= last_line, (d, data)
    for version in ("7.0", "5.5.1"):
        again = read_text(write_text(tree, version))
        assert (len(again.people), len(again.families)) == (len(tree.people), len(tree.families))


# -- structured GEDCOM --------------------------------------------------------------------------
_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=16)
_VALUES = st.one_of(_TEXT, st.sampled_from([
    "@", "@@", "a@b", "@#DJULIAN@ 1 JAN 1700", " lead", "trail ", "Ünïcødé ☃ 𝄞", "x" * 300, "", "@N1@ text",
    "a\tb", "ABT 1900", "BET 1 JAN 1900 AND 1901", "@I1@", "@F1@", "@S1@", "@N1@", "@VOID@", "@@I1@",
    "@@N1@@", "a" + "@" * 300,
]))
_SUB_TAGS = st.sampled_from([
    "_X", "_Y", "NOTE", "SOUR", "DATE", "PLAC", "TYPE", "CONT", "CONC", "PHRASE", "EXID", "TIME", "GIVN",
    "SURN", "PEDI", "TEXT", "PAGE", "DATA", "LANG", "NAME", "SNOTE", "OBJE", "FILE", "TRAN", "ROLE", "NO",
])
_TOP_TAGS = st.sampled_from([
    "NAME", "SEX", "BIRT", "DEAT", "FAMC", "FAMS", "NOTE", "SOUR", "_UID", "OCCU", "EVEN", "ASSO", "RESI",
    "OBJE", "SNOTE", "NO", "EXID", "HUSB", "WIFE", "CHIL", "TITL", "TEXT", "MARR",
])


def _lines(level: int, depth: int) -> st.SearchStrategy[list[str]]:
    tags = _SUB_TAGS if level > 1 else _TOP_TAGS
    line = st.builds(lambda t, v: f"{level} {t} {v}" if v else f"{level} {t}", tags, _VALUES)
    if depth == 0:
        return line.map(lambda x: [x])
    return st.builds(lambda head, kids: [head] + [k for kid in kids for k in kid], line,
                     st.lists(_lines(level + 1, depth - 1), max_size=3))


_RECORD = st.builds(
    lambda tag, xref, body: [f"0 {xref} {tag}" if xref else f"0 {tag}"] + [b for part in body for b in part],
    st.sampled_from(["INDI", "FAM", "SOUR", "NOTE", "SNOTE", "REPO", "OBJE", "_LOC", "SUBM"]),
    st.sampled_from(["@I1@", "@I2@", "@F1@", "@S1@", "@N1@", "@R1@", ""]),
    st.lists(_lines(1, 2), max_size=5),
)


def _document(version: str) -> st.SearchStrategy[list[str]]:
    head = ["0 HEAD", "1 GEDC", f"2 VERS {version}"] + (["1 CHAR UTF-8"] if version != "7.0" else [])
    return st.builds(lambda records, end: [*head, *(x for r in records for x in r), *(["0 TRLR"][:end])],
                     st.lists(_RECORD, max_size=6), st.booleans())


_XREF7 = re.compile(r"@[A-Z0-9_]+@")


def _unstamped(text: str) -> str:
    return re.sub(r"\n1 DATE [^\n]*\r?\n2 TIME [^\n]*", "", text)


def _summary(tree: Tree, anonymous: bool) -> Counter[tuple[object, ...]]:
    """People (name count, events, notes, links), families, sources and notes, as comparable tuples.

    Names are compared apart (an empty NAME is written composed from its parts); `anonymous`
    replaces every xref when the file had records without one or with one used twice, which get new ones.
    """
    def x(xref: str) -> str:
        return "@" if xref and (anonymous or is_generated_id(xref)) else xref

    def note(n: Note | NoteRef) -> str:
        return n.text if isinstance(n, Note) else x(n.note_id)

    out: Counter[tuple[object, ...]] = Counter()
    for p in tree.people.values():
        events = tuple((e.tag, e.value, e.date.original if e.date else None,
                        e.place.name if e.place else None, tuple(note(n) for n in e.notes)) for e in p.events)
        out[("INDI", x(p.id), len(p.names), events, tuple(note(n) for n in p.notes),
             tuple(sorted(map(x, p.parent_family_ids))), tuple(sorted(map(x, p.family_ids))),
             tuple(sorted((s.tag, s.value) for s in p.extra if s.tag.startswith("_"))))] += 1
    for f in tree.families.values():
        out[("FAM", x(f.id), x(f.husband_id), x(f.wife_id), tuple(x(c) for c in f.child_ids))] += 1
    for s in tree.sources.values():
        out[("SOUR", x(s.id), s.title, s.text)] += 1
    for n in tree.notes.values():
        out[("NOTE", x(n.id), n.text)] += 1
    return out


@FEW
@given(st.sampled_from(["5.5.1", "7.0"]).flatmap(_document), st.sampled_from(["\n", "\r\n"]))
def test_read_write_read_keeps_the_data_and_writing_is_idempotent(lines: list[str], eol: str) -> None:
    tree = read_bytes((eol.join(lines) + eol).encode("utf-8"))
    version = "7.0" if tree.header.version.startswith("7") else "5.5.1"
    if version == "5.5.1":  # 5.5.1 allows no tab: the writer puts a space (and says so)
        tree = read_bytes((eol.join(line.replace("\t", " ") for line in lines) + eol).encode("utf-8"))
    written = write_text(tree, version)
    assert _unstamped(written) == _unstamped(write_text(tree, version))  # the same tree, the same text
    again = read_text(written)
    ids: list[str] = [*tree.people, *tree.families, *tree.sources, *tree.notes, *tree.media,
                      *tree.repositories, *(r.xref for r in tree.other_records)]
    links = [x for f in tree.families.values() for x in (f.husband_id, f.wife_id, *f.child_ids)]
    links += [x for p in tree.people.values() for x in (*p.parent_family_ids, *p.family_ids)]
    # records without xrefs get new ones; 7.0 output renames xrefs 7.0 does not allow (documented)
    anonymous = any(is_generated_id(i) for i in ids) or (
        version == "7.0" and not all(_XREF7.fullmatch(i) for i in ids + links if i))
    assert _summary(again, anonymous) == _summary(tree, anonymous), written
    names = Counter(n.full for p in tree.people.values() for n in p.names if n.full)
    assert not names - Counter(n.full for p in again.people.values() for n in p.names)
    # writing what was read from our own output gives the same text
    twice = write_text(again, version)
    assert _unstamped(write_text(read_text(twice), version)) == _unstamped(twice)


@FEW
@given(st.sampled_from(["5.5.1", "7.0"]).flatmap(_document))
def test_converting_to_the_other_version_keeps_people_families_and_links(lines: list[str]) -> None:
    tree = read_text("\n".join(lines) + "\n")
    other = "5.5.1" if tree.header.version.startswith("7") else "7.0"
    again = read_text(write_text(tree, other))
    assert len(again.people) == len(tree.people)
    assert len(again.families) == len(tree.families)
    def links(t: Tree) -> Counter[tuple[bool, bool, int]]:  # (records without xrefs get new ones)
        return Counter((bool(f.husband_id), bool(f.wife_id), len(f.children)) for f in t.families.values())

    assert links(again) == links(tree)
    assert sum(len(p.names) for p in again.people.values()) == sum(len(p.names) for p in tree.people.values())

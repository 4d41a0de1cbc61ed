"""Writing GEDCOM: lossless corpus round trips, valid 7.0, atomic saves; the info and convert commands."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.gedcom import read_bytes, read_file, read_text, write_file, write_text
from familytree.gedcom.encoding import decode_bytes
from familytree.gedcom.gedzip import read_gedcom
from familytree.gedcom.grammar import BANNED
from familytree.gedcom.lexer import Diagnostics, iter_records, split_lines
from familytree.model import Structure
from support.corpus import CORPUS_ROOT, corpus_files, corpus_path

# enumerations the writer puts in the case its version prescribes (see the writer's docstring)
CASELESS = frozenset(("SEX", "PEDI", "TYPE", "ROLE", "RELA"))


def _corpus_files() -> list[str]:
    return corpus_files()


def _content(text: str, version7: bool, by_type: bool = False,
             mended: bool = False) -> Counter[tuple[str, tuple[str, ...], str]]:
    """Every line of every record but HEAD, as (record xref, tag path, value), CONC/CONT joined.

    Records without an xref, or sharing one, get fresh xrefs on writing (documented), so
    `by_type` compares records by their type instead. `mended`: values as the writer mends
    them (control characters as U+FFFD; in 5.5.1 tabs as spaces), and citation lines run on
    as the CONT text of a SEX ("F\n2 SOUR @S1@", read as the sex and the person's citations)
    as lines of the record. In 5.5.1, where lines nested
    past level 99 are written at 98 or 99, a path that long is cut to its first 98 tags and its own.
    """
    out: Counter[tuple[str, tuple[str, ...], str]] = Counter()
    records = list(iter_records(split_lines(text), Diagnostics(), version7))
    for record in records:
        if record.tag in ("HEAD", "TRLR"):
            continue
        rid = record.tag if by_type or not record.xref else record.xref
        todo = [(record, ())]
        while todo:
            node, path = todo.pop()
            here = (*path, node.tag)
            value = node.value.upper() if node.tag in CASELESS else node.value
            if by_type and value.startswith("@") and value.endswith("@"):
                value = "@"  # a pointer, perhaps to a renamed record
            if mended:
                value = BANNED.sub("\ufffd", value if version7 else value.replace("\t", " "))
                cited = _run_on_citations(value) if node.tag == "SEX" else []
                if cited:
                    value = value.split("\n", 1)[0].strip()
                    out.update((rid, (*path, "SOUR"), "@" if by_type else pointer) for pointer in cited)
            key = here if version7 or len(here) < 99 else (*here[:98], here[-1])
            if len(here) > 1 or value:
                out[(rid, key, value.rstrip())] += 1
            todo.extend((c, here) for c in node.children)
    return out


def _run_on_citations(value: str) -> list[str]:
    """The pointers of the citation lines a SEX value runs on into, as the reader takes them."""
    sex, *rest = value.split("\n")
    found = [re.fullmatch(r"[0-9]{1,2} SOUR (@[^@\s]+@)[ \t]*", line) for line in rest]
    if sex.strip(" \t").upper() not in ("M", "F", "X", "U", "MALE", "FEMALE") or not rest or not all(found):
        return []
    return [m.group(1) for m in found if m]


def _record_layouts(text: str, v7: bool) -> dict[str, list[str]]:
    """The tags of the lines right under each INDI and FAM record (with an xref), in order."""
    return {r.xref: [c.tag for c in r.children]
            for r in iter_records(split_lines(text), Diagnostics(), v7)
            if r.tag in ("INDI", "FAM") and r.xref}


def _source_text(path: Path) -> str:
    data = path.read_bytes()
    if data[:2] == b"PK":
        data = read_gedcom(io.BytesIO(data))[0]
    return decode_bytes(data).text


@pytest.mark.parametrize("relative", ["(bundled family)", *_corpus_files()])
def test_round_trip_keeps_every_line_of_content(relative: str, bundled_path: Path) -> None:
    path = bundled_path if relative == "(bundled family)" else corpus_path(relative)
    tree = read_file(path)
    v7 = tree.header.version.startswith("7")
    written = write_text(tree, "7.0" if v7 else "5.5.1")
    duplicated = any("used by an earlier record" in d.message for d in tree.diagnostics)
    before = _content(_source_text(path), v7, duplicated, mended=True)
    after = _content(written, v7, duplicated)
    lost = before - after
    assert not lost, f"{sum(lost.values())} lines lost, e.g. {list(lost)[:3]}"
    if not duplicated:  # each INDI and FAM keeps the order of its lines (additions come last)
        layouts = _record_layouts(written, v7)
        for xref, tags in _record_layouts(_source_text(path), v7).items():
            assert layouts[xref][: len(tags)] == tags, xref
    again = read_text(written)
    assert (len(again.people), len(again.families), len(again.sources)) == \
        (len(tree.people), len(tree.families), len(tree.sources))


def _record_layouts(text: str, v7: bool) -> dict[str, list[str]]:
    """The tags of the lines right under each INDI and FAM record, in order."""
    return {r.xref: [c.tag for c in r.children]
            for r in iter_records(split_lines(text), Diagnostics(), v7) if r.tag in ("INDI", "FAM")}


def _validation_errors(text: str) -> set[tuple[str, str]]:
    gedcom7 = pytest.importorskip("gedcom7")
    errors = gedcom7.validate(gedcom7.loads(text))
    # user-defined tags (and what hangs below them) are outside what the validator knows
    return {(e.category, e.message) for e in errors
            if not any(part.split()[-1].startswith("_") for part in e.path.split(" > "))}


def test_bundled_family_written_as_7_0_validates(bundled_path: Path) -> None:
    assert _validation_errors(write_text(read_file(bundled_path), "7.0")) == set()


@pytest.mark.parametrize("relative", [f for f in _corpus_files() if f.startswith("gedcom7/gedcom70")
                                      or "gedcom70/" in f or f.startswith("gedcom7/gedcom7code")])
def test_7_0_output_has_no_validation_error_its_input_did_not_have(relative: str) -> None:
    path = corpus_path(relative)
    written = write_text(read_file(path), "7.0")
    assert _validation_errors(written) <= _validation_errors(_source_text(path).lstrip("\ufeff"))


# what 7.0 output of a 5.x file may still be told off for: problems of the data itself
DATA_PROBLEMS = frozenset(("invalid-date",))


def _small_5x_files() -> list[str]:
    """5.x corpus files under 300 kB (the validator is slow; the big ones add time, not cases)."""
    return [f for f in _corpus_files() if not f.startswith("gedcom7/")
            and (not (CORPUS_ROOT / f).exists() or (CORPUS_ROOT / f).stat().st_size < 300_000)]


@pytest.mark.parametrize("relative", _small_5x_files())
def test_5x_files_written_as_7_0_validate_but_for_their_own_data_problems(relative: str) -> None:
    tree = read_file(corpus_path(relative))
    if tree.header.version.startswith("7"):
        pytest.skip("a 7.0 file")
    text = write_text(tree, "7.0")
    assert {category for category, _ in _validation_errors(text)} <= DATA_PROBLEMS
    again = read_text(text)
    assert (len(again.people), len(again.families)) == (len(tree.people), len(tree.families))


DANGLING = """0 HEAD
1 GEDC
2 VERS 5.5.1
1 SUBM @U9@
0 @I1@ INDI
1 NAME Ann /Lee/
1 FAMS @F98@
1 FAMC @F97@
1 SOUR @S9@
2 PAGE p. 4
1 OBJE @M9@
1 NOTE @N9@
1 BIRT
2 SOUR @S8@
0 @F1@ FAM
1 HUSB @I96@
1 WIFE @I1@
1 CHIL @I95@
0 TRLR
"""


def test_pointers_to_records_not_in_the_file_convert_to_valid_7_0_that_says_where_they_pointed(
        tmp_path: Path) -> None:
    src, out = tmp_path / "in.ged", tmp_path / "out.ged"
    src.write_text(DANGLING, encoding="utf-8")
    assert main(["convert", str(src), str(out), "--gedcom", "7.0"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert _validation_errors(text) == set()
    back = read_text(text)
    said = [s.value for r in iter_records(split_lines(text), Diagnostics(), True) for s in _walk(r)
            if s.tag in ("PHRASE", "NOTE")]
    for pointer in ("@F98@", "@F97@", "@S9@", "@M9@", "@N9@", "@S8@", "@I96@", "@I95@"):
        assert sum(pointer in value for value in said) == 1, pointer
    assert "1 FAMS @VOID@\n2 NOTE pointed to @F98@, which is not in the file\n" in text
    assert "1 HUSB @VOID@\n2 PHRASE pointed to @I96@, which is not in the file\n" in text
    assert back.people["@I1@"].citations[0].page == "p. 4"
    assert back.families["@F1@"].wife_id == "@I1@"
    # read back and written again, it stays as it is
    again = write_text(back, "7.0")
    assert again.split("0 @I1@")[1] == text.split("0 @I1@")[1]


def _walk(s: Structure) -> list[Structure]:
    return [s, *(d for c in s.children for d in _walk(c))]


def test_5x_records_without_xref_get_the_same_fresh_xref_in_both_versions() -> None:
    tree = read_file(corpus_path("malformed/gedcom-go/duplicate-xref.ged"))
    seven, five = write_text(tree, "7.0"), write_text(tree, "5.5.1")
    assert _validation_errors(seven) == set()
    xrefs = [r.xref for r in iter_records(split_lines(seven), Diagnostics(), True)
             if r.tag in ("INDI", "FAM")]
    assert xrefs == [r.xref for r in iter_records(split_lines(five), Diagnostics(), False)
                     if r.tag in ("INDI", "FAM")]
    assert len(set(xrefs)) == len(xrefs) == 5


def test_converting_551_to_7_and_back_keeps_people_names_and_links() -> None:
    path = corpus_path("real/kennedy-ancestris.ged")
    tree = read_file(path)
    seven = read_text(write_text(tree, "7.0"))
    back = read_text(write_text(seven, "5.5.1"))
    for other in (seven, back):
        assert {p.id: [n.full for n in p.names] for p in other.people.values()} == \
            {p.id: [n.full for n in p.names] for p in tree.people.values()}
        assert {p: tree.parents(p) for p in tree.people} == {p: other.parents(p) for p in other.people}
        assert [str(p.birth.date) if p.birth and p.birth.date else "" for p in other.people.values()] == \
            [str(p.birth.date) if p.birth and p.birth.date else "" for p in tree.people.values()]


def test_551_output_splits_long_lines_and_escapes_at_signs() -> None:
    note = "mail me at someone@example.org " + "word " * 200
    tree = read_text(f"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NOTE {note}\n2 CONT @home\n0 TRLR\n")
    text = write_text(tree, "5.5.1")
    assert max(len(line) for line in text.splitlines()) <= 255
    assert "someone@@example.org" in text
    assert "2 CONT @@home" in text
    assert read_text(text).people["@I1@"].notes[0].text == f"{note}\n@home"  # type: ignore[union-attr]


def test_records_without_xref_and_step_children_in_both_versions() -> None:
    text = ("0 HEAD\n1 GEDC\n2 VERS 7.0\n0 INDI\n1 NAME Lone /Walker/\n"
            "0 @I1@ INDI\n1 FAMC @F1@\n2 PEDI OTHER\n3 PHRASE step\n0 @F1@ FAM\n1 CHIL @I1@\n0 TRLR\n")
    tree = read_text(text)
    seven = write_text(tree, "7.0")
    assert "0 INDI\n1 NAME Lone /Walker/" in seven
    assert "3 PHRASE step" in seven
    five = write_text(tree, "5.5.1")
    assert "0 @X1@ INDI" in five
    assert "2 PEDI step" in five
    assert read_text(five).families["@F1@"].children[0].relation.name == "STEP"


# -- atomic saves ------------------------------------------------------------------------------
OLD = b"0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME Old /File/\n0 TRLR\n"


def test_a_failed_save_removes_its_temporary_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "family.ged"
    target.write_bytes(OLD)
    tree = read_text(OLD.decode().replace("Old /File/", "New /File/"))

    def broken_replace(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="No space"):
        write_file(tree, target)
    assert target.read_bytes() == OLD
    assert list(tmp_path.iterdir()) == [target]


def test_a_save_replaces_the_file_and_keeps_its_permissions(tmp_path: Path) -> None:
    target = tmp_path / "family.ged"
    target.write_bytes(OLD)
    target.chmod(0o640)
    tree = read_bytes(OLD)
    tree.people["@I1@"].names[0].full = "New /File/"
    write_file(tree, target, version="5.5.1")
    assert read_file(target).people["@I1@"].names[0].full == "New /File/"
    assert target.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [target]


def test_gedzip_is_written_with_its_media(tmp_path: Path) -> None:
    source = corpus_path("gedcom7/familysearch-gedcom.io/gedcom70/maximal70.gdz")
    tree = read_file(source)
    target = tmp_path / "copy.gdz"
    write_file(tree, target)
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target) as new:
        assert sorted(new.namelist()) == sorted(n for n in old.namelist() if not n.endswith("/"))
        for name in old.namelist():
            if name != "gedcom.ged" and not name.endswith("/"):
                assert new.read(name) == old.read(name)
    again = read_file(target)
    assert (len(again.people), len(again.families)) == (len(tree.people), len(tree.families))
    with pytest.raises(ValueError, match="GEDZIP"):
        write_file(tree, tmp_path / "old.gdz", version="5.5.1")


# -- commands ------------------------------------------------------------------------------------
def test_info_json_reports_version_encoding_counts_and_problems(capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus_path("malformed/gedcom-go/invalid-xref.ged")
    assert main(["info", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["version"] == "5.5"
    assert data["individuals"] == 1
    assert data["families"] == 0
    assert data["encoding"]["detected"] == "ASCII"
    assert data["sources"] == 0
    assert data["problems"][0]["line"] == 4
    assert "@F999@" in data["problems"][0]["message"]


def test_info_text_on_the_bundled_family(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info"]) == 0
    out = capsys.readouterr().out
    assert "GEDCOM:        7.0" in out
    assert "Individuals:" in out


@pytest.mark.parametrize("make", [lambda p: p / "missing.ged", lambda p: p])
def test_info_on_an_unreadable_file_fails_in_one_line(tmp_path: Path, make,  # type: ignore[no-untyped-def]
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["info", "--file", str(make(tmp_path))]) != 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(tmp_path) in err


def test_convert_defaults_to_the_input_version_family(tmp_path: Path) -> None:
    src = corpus_path("real/bach-paf.ged")
    out = tmp_path / "bach.ged"
    proc = subprocess.run([sys.executable, "-m", "familytree.cli", "convert", str(src), str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "2 VERS 5.5.1" in out.read_text(encoding="utf-8")
    assert main(["convert", str(src), str(out), "--gedcom", "7.0"]) == 0
    tree = read_file(out)
    assert tree.header.version == "7.0"
    assert len(tree.people) == len(read_file(src).people)


@pytest.mark.parametrize(("name", "givn", "shown"), [
    ("John Fitzgerald /KENNEDY/", "John, Fitzgerald", "John Fitzgerald KENNEDY"),  # kennedy-ancestris.ged
    ("Louis XIII /CAPET/", "Louis,XIII", "Louis XIII CAPET"),
    ("/KENNEDY/", "John, Fitzgerald", "John Fitzgerald KENNEDY"),  # no given name on the NAME line
    ("J. /Smith/", "John, Paul", "John Paul Smith"),  # other names than the NAME line's: still GIVN's
    ("Thibaut, comte de Blois //", "Thibaut, comte de Blois", "Thibaut, comte de Blois"),  # Queen.ged
    ("/Lee/", ", ,", ", , Lee"),  # no names in the list: as written
])
@pytest.mark.parametrize("version", ["5.5.1", "7.0"])
def test_a_given_name_listed_with_commas_shows_as_words_and_is_written_as_read(
        name: str, givn: str, shown: str, version: str) -> None:
    text = (f"0 HEAD\n1 GEDC\n2 VERS {version}\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME {name}\n2 GIVN {givn}\n"
            "2 NICK Jo\n0 @I2@ INDI\n1 NAME Ann /Lee/\n2 GIVN Ann, Mary\n3 _NOTE kept under the line\n"
            "0 TRLR\n")
    tree = read_text(text)
    assert tree.people["@I1@"].display_name() == shown
    assert tree.people["@I2@"].display_name() == "Ann Mary Lee"
    written = write_text(tree, version).replace("\r\n", "\n")
    assert f"1 NAME {name}\n2 GIVN {givn}\n2 NICK Jo\n" in written
    assert "2 GIVN Ann, Mary\n3 _NOTE kept under the line\n" in written
    assert read_text(written).people["@I1@"].display_name() == shown
    tree.people["@I2@"].name.given = "Annie"  # an edit is written, not the list as read
    assert "2 GIVN Annie\n3 _NOTE kept under the line\n" in write_text(tree, version).replace("\r\n", "\n")

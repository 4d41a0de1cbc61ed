"""Files other programs write oddly open as their authors meant: a header alone, citations run on into SEX."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest

from familytree.cli import main
from familytree.gedcom import read_file, read_text, write_text
from familytree.gedcom.encoding import decode_bytes
from familytree.gedcom.gedzip import read_gedcom
from familytree.gedcom.lexer import Diagnostics, iter_records, split_lines
from familytree.model import Severity, Sex
from support.corpus import corpus_files, corpus_path

_NOON = datetime.datetime(2026, 1, 1, 12, tzinfo=datetime.UTC)
HEAD5 = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n"


def _lettered_sexes(path: Path) -> dict[str, str]:
    """Each person's first SEX line whose value starts with a letter of a sex (M, F, X), by xref."""
    data = path.read_bytes()
    if data[:2] == b"PK":
        data = read_gedcom(io.BytesIO(data))[0]
    text = decode_bytes(data).text
    v7 = "2 VERS 7" in text[:2000]
    out: dict[str, str] = {}
    for record in iter_records(split_lines(text), Diagnostics(), v7):
        if record.tag != "INDI" or not record.xref or record.xref in out:
            continue
        sex = next((c.value for c in record.children if c.tag == "SEX"), "")
        first = sex.split("\n", 1)[0].strip(" \t").upper()
        if first in ("M", "F", "X", "MALE", "FEMALE"):
            out[record.xref] = first
    return out


@pytest.mark.parametrize("relative", corpus_files())
def test_nobody_whose_sex_line_gives_a_sex_is_of_unknown_sex(relative: str) -> None:
    """Whatever runs on after the letter (FTM for Mac's citations in the willis files), the letter is read."""
    path = corpus_path(relative)
    tree = read_file(path)
    unknown = [xref for xref in _lettered_sexes(path)
               if xref in tree.people and tree.people[xref].sex is Sex.UNKNOWN]
    assert unknown == [], f"{len(unknown)} people of unknown sex, e.g. {unknown[:3]}"


@pytest.mark.parametrize("relative", [f"encodings/gedcom4j/willis-{kind}.ged" for kind in ("ascii", "ansel")])
def test_citations_run_on_into_sex_become_the_persons_and_are_written_as_lines(relative: str) -> None:
    tree = read_file(corpus_path(relative))
    maggie = tree.people["@I402@"]  # "1 SEX F" and six "2 CONT 2 SOUR @S...@" lines (line 66)
    assert maggie.sex is Sex.FEMALE
    assert [c.source_id for c in maggie.citations] == \
        ["@S454@", "@S665@", "@S448@", "@S452@", "@S31@", "@S654@"]
    assert all(c.source_id in tree.sources for c in maggie.citations)
    said = [d for d in tree.diagnostics if d.line == 66]
    assert len(said) == 1
    assert "6 citations" in said[0].message
    assert "'2 SOUR @S454@'" in said[0].message
    assert sum(1 for d in tree.diagnostics if "citation" in d.message and "SEX" in d.message) == 186
    written = write_text(tree, "5.5.1")
    assert "CONT 2 SOUR" not in written
    again = read_text(written)
    assert not any("SEX" in d.message for d in again.diagnostics)
    assert {p.id: (p.sex, [c.source_id for c in p.citations]) for p in again.people.values()} == \
        {p.id: (p.sex, [c.source_id for c in p.citations]) for p in tree.people.values()}
    assert write_text(again, "5.5.1", now=_NOON) == write_text(tree, "5.5.1", now=_NOON)


def test_the_persons_own_citations_come_first_and_a_second_sex_line_keeps_them() -> None:
    tree = read_text(HEAD5 + "0 @I1@ INDI\n1 SEX M\n2 CONT 2 SOUR @S2@\n1 SOUR @S1@\n1 SEX F\n"
                     "0 @S1@ SOUR\n0 @S2@ SOUR\n0 TRLR\n")
    person = tree.people["@I1@"]
    assert person.sex is Sex.MALE
    assert [c.source_id for c in person.citations] == ["@S1@", "@S2@"]
    assert [d.line for d in tree.diagnostics if "citation" in d.message] == [6]


@pytest.mark.parametrize("value", ["M\n2 CONT more", "M\n2 SOUR @S1@ and more", "Q\n2 SOUR @S1@", "M\n"])
def test_a_sex_with_other_text_run_on_is_still_kept_as_read(value: str) -> None:
    lines = value.split("\n")
    cont = "".join(f"2 CONT {v}\n" for v in lines[1:])
    text = HEAD5 + f"0 @I1@ INDI\n1 SEX {lines[0]}\n{cont}0 TRLR\n"
    tree = read_text(text)
    assert tree.people["@I1@"].sex is Sex.UNKNOWN
    assert tree.people["@I1@"].citations == []
    assert any("unknown SEX value" in d.message for d in tree.diagnostics)
    assert f"1 SEX {lines[0]}" in write_text(tree, "5.5.1")


@pytest.mark.parametrize("relative", ["gedcom7/gedcom7code-test-files/tiny-1.ged",
                                      "gedcom551/gedcom7code-test-files/tiny-1.ged"])
def test_a_header_alone_is_an_empty_family_with_a_note(relative: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = corpus_path(relative)
    tree = read_file(path)
    assert not tree.people
    assert not tree.families
    assert [(d.line, d.severity) for d in tree.diagnostics] == [(1, Severity.INFO)]
    assert "empty family" in tree.diagnostics[0].message
    assert main(["info", "--file", str(path)]) == 0
    out, err = capsys.readouterr()
    assert re.search(r"Individuals:\s+0", out)
    assert "empty family" in out
    assert err == ""


@pytest.mark.parametrize("text", ["Dear Anna,\nthe photographs arrived.\n", "0 TRLR\n", "\x00" * 64])
def test_a_file_with_neither_header_nor_record_is_no_gedcom(text: str) -> None:
    tree = read_text(text)
    assert [d.message for d in tree.diagnostics if d.line == 0 and d.severity is Severity.ERROR] == \
        ["not a GEDCOM file: no header and no records could be read"]

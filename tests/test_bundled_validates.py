"""The bundled family file is valid GEDCOM 7.0, checked without our own reader."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

gedcom7 = pytest.importorskip("gedcom7")
from gedcom7.types import GedcomStructure  # noqa: E402

SEED = Path(__file__).resolve().parent.parent.parent / "shared" / "seed" / "000_cac3637671b3ba91.txt"

# Enumerations and cardinalities from the GEDCOM 7.0 specification that
# gedcom7.validate() does not check (its docstring says so).
SEX_VALUES = {"M", "F", "X", "U"}
NAME_TYPES = {"AKA", "BIRTH", "IMMIGRANT", "MAIDEN", "MARRIED", "PROFESSIONAL", "OTHER"}
ONE_REQUIRED_CHILD = {
    # structure tag -> substructure that must occur exactly once
    "EVEN": "TYPE",
    "FACT": "TYPE",
    "TRAN": "LANG",
}


@pytest.fixture(scope="module")
def records(bundled_path: Path) -> list[GedcomStructure]:
    with open(bundled_path, "rb") as fh:
        return gedcom7.load(fh)


def walk(structures: list[GedcomStructure]) -> Iterator[GedcomStructure]:
    stack = list(reversed(structures))
    while stack:
        s = stack.pop()
        yield s
        stack.extend(reversed(s.children))


def path_of(s: GedcomStructure) -> str:
    parts = []
    node: GedcomStructure | None = s
    while node is not None:
        parts.append(f"{node.xref} {node.tag}" if node.xref else node.tag)
        node = node.parent
    return " > ".join(reversed(parts))


def test_gedcom7_validator_finds_no_errors(records: list[GedcomStructure]) -> None:
    errors = gedcom7.validate(records)
    assert errors == [], "\n".join(f"{e.category}: {e.path}: {e.message}" for e in errors)


def test_header_declares_gedcom_7(records: list[GedcomStructure]) -> None:
    head = records[0]
    assert head.tag == "HEAD"
    gedc = next(c for c in head.children if c.tag == "GEDC")
    assert [c.text for c in gedc.children if c.tag == "VERS"] == ["7.0"]


def test_first_person_is_sergei_sedov(records: list[GedcomStructure]) -> None:
    # the app opens on the file's first person
    first = next(r for r in records if r.tag == "INDI")
    assert first.xref == "@I1@"
    assert next(c for c in first.children if c.tag == "NAME").text == "Sergei /Sedov/"


def test_enumerations_and_required_substructures(records: list[GedcomStructure]) -> None:
    problems = []
    for s in walk(records):
        if s.tag == "SEX" and s.text not in SEX_VALUES:
            problems.append(f"{path_of(s)}: SEX {s.text!r}")
        if s.tag == "TYPE" and s.parent is not None and s.parent.tag == "NAME":
            if s.text not in NAME_TYPES:
                problems.append(f"{path_of(s)}: NAME.TYPE {s.text!r}")
            if s.text == "OTHER" and not any(c.tag == "PHRASE" for c in s.children):
                problems.append(f"{path_of(s)}: NAME.TYPE OTHER without a PHRASE saying what kind")
        wanted = ONE_REQUIRED_CHILD.get(s.tag)
        if wanted and s.parent is not None and s.parent.tag != "HEAD":
            n = sum(1 for c in s.children if c.tag == wanted)
            if n != 1:
                problems.append(f"{path_of(s)}: {n} {wanted} substructures, need exactly 1")
    assert problems == []


def test_family_links_agree_both_ways(records: list[GedcomStructure]) -> None:
    # FAMC/FAMS on people and HUSB/WIFE/CHIL on families must say the same thing
    from_people = set()
    from_families = set()
    for r in records:
        for c in r.children:
            if r.tag == "INDI" and c.tag in ("FAMC", "FAMS"):
                from_people.add((r.xref, c.tag, c.pointer))
            if r.tag == "FAM" and c.tag in ("HUSB", "WIFE", "CHIL"):
                from_families.add((c.pointer, "FAMC" if c.tag == "CHIL" else "FAMS", r.xref))
    assert from_people == from_families


def test_every_citation_text_is_verbatim_from_the_seed(records: list[GedcomStructure]) -> None:
    if not SEED.exists():
        pytest.skip("the seed document is not in ../shared/seed")
    seed = SEED.read_text(encoding="utf-8")
    texts = [s for s in walk(records)
             if s.tag == "TEXT" and s.parent is not None and s.parent.tag == "DATA"]
    assert len(texts) > 50
    not_verbatim = [path_of(t) + ": " + t.text[:60] for t in texts if t.text not in seed]
    assert not_verbatim == []


def test_every_person_has_a_biography_and_a_sourced_excerpt(records: list[GedcomStructure]) -> None:
    for r in records:
        if r.tag != "INDI":
            continue
        notes = [c for c in r.children if c.tag == "NOTE"]
        assert len(notes) == 1, r.xref
        assert len(notes[0].text) > 80, r.xref
        cited = [c for c in r.children if c.tag == "SOUR"]
        assert any(d.tag == "DATA" and any(t.tag == "TEXT" for t in d.children)
                   for c in cited for d in c.children), r.xref

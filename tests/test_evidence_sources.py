"""The sources index lists every source, its citations, and what rests on each."""

from __future__ import annotations

from familytree.evidence import citation_text, source_index
from familytree.model import (
    Association,
    Citation,
    Date,
    Event,
    Family,
    Name,
    Note,
    NoteRef,
    Person,
    Place,
    Sex,
    Source,
    Tree,
)


def build() -> Tree:
    tree = Tree()
    tree.add_source(Source("@S1@", title="Memoirs", author="N. Author", publication="Paris, 1950"))
    tree.add_source(Source("@S2@", title="Letters"))
    tree.add_source(Source("@S3@", title="Never cited"))
    c = Citation
    tree.add_person(Person(
        "@I1@", [Name.from_gedcom("Ivan /Petrov/", citations=[c("@S2@", "letter 4")])], Sex.MALE,
        events=[
            Event("BIRT", date=Date.parse("21 MAR 1908"), place=Place("Moscow"),
                  citations=[c("@S1@", "p. 12", text=["He was born in March."]), c("@S2@", "letter 1")]),
            Event("OCCU", value="engineer", citations=[c("@S1@", "p. 12")]),
            Event("DEAT", value="Y"),
        ],
        citations=[c("", description="Family bible, private collection")],
        notes=[Note("A note with evidence", citations=[c("@S9@")]), NoteRef("@N1@")],
        associations=[Association("@I2@", "godfather", citations=[c("@S2@", "letter 2")])],
    ))
    tree.add_person(Person("@I2@", [Name.from_gedcom("Anna /Ivanova/")], Sex.FEMALE))
    tree.add_note(Note("Shared", id="@N1@", citations=[c("@S2@", "letter 3")]))
    tree.add_family(Family("@F1@", "@I1@", "@I2@", events=[
        Event("MARR", date=Date.parse("1930"), citations=[c("@S1@", "p. 40")])]))
    tree.link()
    return tree


def test_every_source_is_listed_in_file_order_then_inline_and_missing_ones() -> None:
    index = source_index(build())
    assert [e.key for e in index] == [
        "@S1@", "@S2@", "@S3@", "inline:family bible, private collection", "@S9@"]
    assert index[0].title == "N. Author, Memoirs (Paris, 1950)"
    assert index[2].citations == []
    assert index[2].use_count == 0
    assert index[3].source is None
    assert index[3].title == "Family bible, private collection"
    assert index[4].source is None
    assert "missing" in index[4].title


def test_citations_group_by_page_with_the_facts_resting_on_them() -> None:
    tree = build()
    memoirs = source_index(tree)[0]
    assert [c.page for c in memoirs.citations] == ["p. 12", "p. 40"]
    p12 = memoirs.citations[0]
    assert [u.display(tree) for u in p12.uses] == [
        "Ivan Petrov: Birth, 21 March 1908, Moscow",
        "Ivan Petrov: Occupation: engineer",
    ]
    assert [u.event_index for u in p12.uses] == [0, 1]
    assert p12.texts == ["He was born in March."]
    p40 = memoirs.citations[1]
    assert p40.uses[0].record_kind == "family"
    assert p40.uses[0].record_id == "@F1@"
    assert p40.person_ids == ["@I1@", "@I2@"]
    assert p40.uses[0].display(tree) == "Ivan Petrov and Anna Ivanova: Marriage, 1930"


def test_names_associations_and_shared_notes_are_cited_too() -> None:
    tree = build()
    letters = source_index(tree)[1]
    whats = {c.page: [u.what for u in c.uses] for c in letters.citations}
    assert whats == {
        "letter 4": ["Name: Ivan Petrov"],
        "letter 1": ["Birth, 21 March 1908, Moscow"],
        "letter 2": ["Association: godfather Anna Ivanova"],
        "letter 3": ["Note"],
    }
    bible = source_index(tree)[3]
    assert [u.display(tree) for c in bible.citations for u in c.uses] == [
        "Ivan Petrov: the person as a whole"]
    note_use = letters.citations[3].uses[0]
    assert (note_use.record_kind, note_use.record_id, note_use.person_ids) == ("note", "@N1@", ["@I1@"])


def test_citation_text() -> None:
    tree = build()
    assert citation_text(tree, Citation("@S1@", "p. 12")) == "N. Author, Memoirs (Paris, 1950), p. 12"
    assert citation_text(tree, Citation("@S9@")) == "@S9@ (source record missing)"
    assert citation_text(tree, Citation(description="Bible")) == "Bible"

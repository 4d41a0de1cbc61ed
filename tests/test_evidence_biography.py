"""Where a biography states what a source backs; references, numbered once a place; a life in a line."""

from __future__ import annotations

import pytest

from familytree.evidence.biography import Claim, place_claims, sentences
from familytree.evidence.facts import life_summary
from familytree.evidence.sources import CitationNumbers, citation_text, reference
from familytree.gedcom import read_file
from familytree.model import Citation, Date, Event, Name, Person, Place, Sex, Source, Tree

BIOGRAPHY = ("Anna Lee was born in Kiev on 2 May 1901. She trained as a nurse in Odessa. "
             "In 1925 she married Pyotr Ivanov, a schoolteacher. She died in Leeds in 1980.")


def sentence_texts(paragraphs: list[str]) -> list[str]:
    return [paragraphs[s.paragraph][s.start:s.end] for s in sentences(paragraphs)]


def test_sentences_end_at_a_full_stop_not_at_an_initial_or_abbreviation() -> None:
    text = ("A family story says that James M. Cassidy and his brother went by train. It was cold. "
            "Mr. Ayers reported in 1900 that his birth was Feb. 1871. He died \u201cof grief.\u201d Then")
    assert sentence_texts([text]) == [
        "A family story says that James M. Cassidy and his brother went by train.", "It was cold.",
        "Mr. Ayers reported in 1900 that his birth was Feb. 1871.", "He died \u201cof grief.\u201d", "Then"]
    assert sentence_texts(["One.", "", "Two. Three"]) == ["One.", "Two.", "Three"]
    assert sentence_texts(["Born 1901. \u00c9lise came. \u0421\u0435\u0440\u0433\u0435\u0439 left. and so"]) \
        == ["Born 1901.", "\u00c9lise came.", "\u0421\u0435\u0440\u0433\u0435\u0439 left. and so"]
    # a list's numbers begin its items: "2." is no sentence (it drew the marks of dates with a day 2)
    assert sentence_texts(["1. Born in Riga.\n2. Trained in Moscow. 10. Died 1901."]) == [
        "1. Born in Riga.", "2. Trained in Moscow.", "10. Died 1901."]


def test_each_claim_goes_to_the_sentence_that_states_it() -> None:
    claims = [Claim("Birth 2 May 1901 Kiev"), Claim("Occupation nurse Odessa"),
              Claim("Death 1980 Leeds, Yorkshire"),
              Claim("", quoted="The register records the marriage of Pyotr Ivanov, schoolteacher, in 1925.")]
    placed = place_claims([BIOGRAPHY], claims, ignore=["Anna", "Lee"])
    texts = sentence_texts([BIOGRAPHY])
    found = {i: BIOGRAPHY[s.start:s.end] for i, s in placed.items()}
    assert found == {0: texts[0], 1: texts[1], 2: texts[3], 3: texts[2]}


def test_a_claim_the_biography_does_not_state_is_put_nowhere() -> None:
    claims = [Claim("Emigration 1950 Canada"), Claim("Residence Leeds")]  # one shared word is not enough
    assert place_claims([BIOGRAPHY], claims, ignore=["Anna", "Lee"]) == {}
    assert place_claims([], claims) == {}


def test_the_persons_own_name_backs_nothing() -> None:
    claims = [Claim("Name Anna Lee")]
    assert place_claims(["Anna Lee was here. Anna Lee left."], claims, ignore=["Anna", "Lee"]) == {}


def sources_tree() -> Tree:
    tree = Tree()
    tree.add_source(Source("@S1@", title="Sergei Sedov", abbreviation='Article "Sergei Sedov"'))
    tree.add_source(Source("@S2@", title="Trotsky", author="Robert Service", publication="2009"))
    tree.add_source(Source("@S3@", title="Parish register"))
    return tree


@pytest.mark.parametrize(("citation", "text"), [
    # an untitled article cited by a page that names it: the page alone, never "Sergei Sedov, Article..."
    (Citation("@S1@", page='Article "Sergei Sedov", opening section'),
     'Article "Sergei Sedov", opening section'),
    (Citation("@S1@", page="section 3"), "Sergei Sedov, section 3"),
    (Citation("@S2@", page="p. 12"), "Robert Service, Trotsky (2009), p. 12"),
    (Citation("@S2@"), "Robert Service, Trotsky (2009)"),
    (Citation("@S3@", page="folio 3"), "Parish register, folio 3"),
    (Citation(description="Family Bible", page="flyleaf"), "Family Bible, flyleaf"),
    (Citation("@S9@"), "@S9@ (source record missing)"),
])
def test_references_read_as_references(citation: Citation, text: str) -> None:
    tree = sources_tree()
    assert citation_text(tree, citation) == text
    parts = reference(tree, citation).parts()
    assert "".join(t for t, _ in parts) == text
    titles = [t for t, is_title in parts if is_title]
    assert titles == ([tree.sources[citation.source_id].title] if citation.source_id in ("@S2@", "@S3@")
                      or citation.page == "section 3" else [])


def test_each_place_in_a_source_is_numbered_once_with_its_excerpts_once() -> None:
    numbers = CitationNumbers()
    whole = Citation("@S2@", page="p. 12", text=["He left home. He joined a circus. He met Olga."])
    part = Citation("@S2@", page="p.  12", text=["He joined a circus."])  # the page spaced otherwise
    other = Citation("@S2@", page="p. 13", text=["He met Olga."])
    assert numbers.number([part]) == [1]
    assert numbers.number([other, whole, part]) == [2, 1]
    assert [p.number for p in numbers.places] == [1, 2]
    # the sentence quoted for one fact is part of the paragraph quoted for another: shown once
    assert numbers.places[0].excerpts == ["He left home. He joined a circus. He met Olga."]
    assert numbers.places[1].excerpts == ["He met Olga."]


def person(*events: Event) -> Person:
    return Person("@I1@", [Name.from_gedcom("Sergei /Sedov/")], Sex.MALE, list(events))


@pytest.mark.parametrize(("events", "line"), [
    ((Event("BIRT", date=Date.parse("21 MAR 1908")),
      Event("DEAT", date=Date.parse("1937", "believed executed later in 1937"), cause="Believed executed")),
     "born 21 March 1908; believed executed 1937"),
    ((Event("BIRT", date=Date.parse("ABT 1850"), place=Place("Leeds")),), "born about 1850"),
    ((Event("CHR", date=Date.parse("3 JUN 1760")), Event("BURI", date=Date.parse("1801"))),
     "christened 3 June 1760; buried 1801"),
    ((Event("DEAT", value="Y"),), "died"),  # dead, nothing more known
    ((Event("BIRT", place=Place("Kiev")),), ""),  # "born" with no date says nothing
    ((Event("DEAT", date=Date.parse("1937", "believed 1937")),), "believed to have died 1937"),
    ((Event("DEAT", date=Date.parse("1916"), cause="Pneumonia"),), "died 1916"),
    ((Event("DEAT", date=Date.parse("1916"), cause="Killed in action"),), "killed in action 1916"),
])
def test_life_summary(events: tuple[Event, ...], line: str) -> None:
    assert life_summary(person(*events)) == line


def test_the_bundled_biography_carries_its_facts_sources_at_their_sentences(bundled_path) -> None:
    tree = read_file(bundled_path)
    sergei = tree.people["@I1@"]
    paragraphs = tree.note_texts(sergei.notes)[0].split("\n\n")
    facts = [e for e in sergei.events if e.citations]
    claims = [Claim(" ".join((e.label, e.value, e.type, e.date.display() if e.date else "", e.cause)))
              for e in facts]
    placed = place_claims(paragraphs, claims, ["Sergei", "Sedov"])
    said = {facts[i].tag: paragraphs[s.paragraph][s.start:s.end] for i, s in placed.items()}
    assert "1908" in said["BIRT"]
    assert "executed" in said["DEAT"]
    assert len(placed) >= len(facts) * 2 // 3  # most of what he did is told, and found


def test_a_huge_note_and_thousands_of_claims_are_matched_as_far_as_the_cap() -> None:
    """A person with thousands of cited facts and a long note: the comparisons stop at a fixed number
    (a hostile file must not hold the window for minutes); the first claims are still placed."""
    paragraphs = [" ".join(f"Sentence {i} tells of the town of Place{i}." for i in range(2_000))]
    claims = [Claim(f"Residence Place{i}", quoted="word " * 100_000) for i in range(5_000)]
    placed = place_claims(paragraphs, claims)
    spans = sentences(paragraphs)
    assert placed[0] == spans[0]
    assert placed[49] == spans[49]
    assert len(placed) == 50  # 100,000 comparisons: 50 claims of 2,000 sentences

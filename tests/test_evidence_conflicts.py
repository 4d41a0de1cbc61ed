"""Disagreeing citations are found, and ordinary lives are not flagged."""

from __future__ import annotations

import pytest

from familytree.evidence import fact_annotations, find_conflicts, person_conflicts, support_label
from familytree.model import Citation, Date, Event, Family, Name, Person, Place, Sex, Source, Tree


def ev(tag: str, date: str = "", value: str = "", place: str = "", cites: tuple[str, ...] = (),
       type_: str = "") -> Event:
    return Event(tag, value=value, type=type_, date=Date.parse(date) if date else None,
                 place=Place(place) if place else None,
                 citations=[Citation(s.split("#")[0], page=s.partition("#")[2]) for s in cites])


def tree_with(*events: Event) -> Tree:
    tree = Tree()
    for sid, title in [("@S1@", "Memoirs"), ("@S2@", "Biography"), ("@S3@", "Archive file")]:
        tree.add_source(Source(sid, title=title))
    tree.add_person(Person("@I1@", [Name.from_gedcom("Ivan /Petrov/")], Sex.MALE, events=list(events)))
    return tree


def test_occupations_from_two_sources_at_the_same_time_differ() -> None:
    tree = tree_with(
        ev("BIRT", "1908", cites=("@S1@",)),
        ev("OCCU", value="professor at the Moscow Institute of Technology", cites=("@S1@#p. 40",)),
        ev("OCCU", value="instructor at a higher technical school", cites=("@S2@#ch. 3",)),
    )
    [conflict] = find_conflicts(tree)
    assert (conflict.person_id, conflict.label, conflict.aspect) == ("@I1@", "Occupation", "value")
    assert [v.value for v in conflict.values] == [
        "professor at the Moscow Institute of Technology", "instructor at a higher technical school"]
    assert [[c.source_id for c in v.citations] for v in conflict.values] == [["@S1@"], ["@S2@"]]
    text = conflict.describe(tree)
    assert "sources differ" in text
    assert "Memoirs, p. 40" in text
    assert "Biography, ch. 3" in text


@pytest.mark.parametrize(("first", "second", "aspect"), [
    (ev("BIRT", "1908", cites=("@S1@",)), ev("BIRT", "1907", cites=("@S2@",)), "date"),
    (ev("BIRT", "21 MAR 1908", cites=("@S1@",)), ev("BIRT", "21 MAR 1907", cites=("@S2@",)), "date"),
    (ev("DEAT", "1937", cites=("@S1@",)), ev("DEAT", "1941", cites=("@S2@",)), "date"),
    (ev("BURI", "BEF 1930", cites=("@S1@",)), ev("BURI", "AFT 1935", cites=("@S2@",)), "date"),
    (ev("BIRT", place="Moscow", cites=("@S1@",)),
     ev("BIRT", place="Kiev, Ukraine", cites=("@S2@",)), "place"),
    # one source contradicting itself in two places is a conflict too
    (ev("BIRT", "1908", cites=("@S1@#p. 3",)), ev("BIRT", "1910", cites=("@S1@#p. 90",)), "date"),
    # a year in conflict with an undocumented record: still two different records
    (ev("BIRT", "1908", cites=("@S1@",)), ev("BIRT", "1912"), "date"),
])
def test_once_only_facts_that_disagree(first: Event, second: Event, aspect: str) -> None:
    [conflict] = find_conflicts(tree_with(first, second))
    assert conflict.aspect == aspect
    assert conflict.event_indexes == [0, 1]
    assert conflict.label.endswith(aspect)


@pytest.mark.parametrize(("first", "second"), [
    # about 1908 allows 1909; a month allows its days; a range allows its years
    (ev("BIRT", "ABT 1908", cites=("@S1@",)), ev("BIRT", "1909", cites=("@S2@",))),
    (ev("BIRT", "MAR 1908", cites=("@S1@",)), ev("BIRT", "21 MAR 1908", cites=("@S2@",))),
    (ev("BIRT", "BET 1905 AND 1910", cites=("@S1@",)), ev("BIRT", "1908", cites=("@S2@",))),
    # the same day in the Julian and the Gregorian calendar
    (ev("BIRT", "JULIAN 8 MAR 1908", cites=("@S1@",)), ev("BIRT", "21 MAR 1908", cites=("@S2@",))),
    # a fuller and a shorter form of the same place
    (ev("BIRT", place="Moscow", cites=("@S1@",)), ev("BIRT", place="Moscow, Russia", cites=("@S2@",))),
    # "County" names the kind of place; a parenthesis explains it
    (ev("BIRT", place="Fayette, West Virginia, USA", cites=("@S1@",)),
     ev("BIRT", place="Victor (Fayette County), Fayette County, West Virginia, USA", cites=("@S2@",))),
    # the same citation behind both records: a duplicate, not disagreeing sources
    (ev("BIRT", "1908", cites=("@S1@#p. 1",)), ev("BIRT", "1907", cites=("@S1@#p. 1",))),
    # nothing cited at all: no evidence to compare
    (ev("BIRT", "1908"), ev("BIRT", "1907")),
    # a normal career: different occupations in different years
    (ev("OCCU", "1920", "clerk", cites=("@S1@",)), ev("OCCU", "1930", "manager", cites=("@S2@",))),
    (ev("OCCU", "FROM 1920 TO 1925", "clerk", cites=("@S1@",)),
     ev("OCCU", "FROM 1926 TO 1930", "manager", cites=("@S2@",))),
    # one dated, one undated: nothing says they are about the same time
    (ev("OCCU", "1920", "clerk", cites=("@S1@",)), ev("OCCU", value="manager", cites=("@S2@",))),
    # one source giving both: a change it describes, not a doubt
    (ev("OCCU", value="clerk", cites=("@S1@",)), ev("OCCU", value="manager", cites=("@S1@", "@S2@"))),
    # one value a fuller form of the other
    (ev("OCCU", value="professor", cites=("@S1@",)),
     ev("OCCU", value="Professor of physics", cites=("@S2@",))),
    # different kinds of custom facts
    (ev("FACT", value="tall", type_="Height", cites=("@S1@",)),
     ev("FACT", value="blue", type_="Eyes", cites=("@S2@",))),
    # occupations without any source
    (ev("OCCU", value="clerk"), ev("OCCU", value="manager")),
    # open-ended dates only bound the time: without a shared place they are not about the same post
    (ev("EDUC", "AFT OCT 1917", "village school", cites=("@S1@",)),
     ev("EDUC", "AFT MAR 1926", "engineering", "Moscow", cites=("@S2@",))),
    # "after October 1917" begins when October ends
    (ev("OCCU", "OCT 1917", "clerk", cites=("@S1@",)),
     ev("OCCU", "AFT OCT 1917", "manager", cites=("@S2@",))),
])
def test_no_conflict_where_the_records_agree_or_cannot_be_compared(first: Event, second: Event) -> None:
    assert find_conflicts(tree_with(first, second)) == []


def test_overlapping_open_periods_in_one_place_from_different_sources_differ() -> None:
    tree = tree_with(
        ev("OCCU", "AFT MAR 1926", "Professor at the institute", "Moscow, Russia", cites=("@S1@",)),
        ev("OCCU", "BEF 21 MAR 1938", "Instructor at a technical school", "Moscow, Russia", cites=("@S2@",)),
        # later, elsewhere: a new post, not a third account of the same one
        ev("OCCU", "AFT 3 AUG 1935", "Mining engineer", "Krasnoyarsk, Russia", cites=("@S3@",)),
    )
    [conflict] = find_conflicts(tree)
    assert conflict.event_indexes == [0, 1]
    assert conflict.values[0].value == "Professor at the institute, after March 1926"


def test_residences_in_the_same_year_from_different_sources_differ() -> None:
    tree = tree_with(ev("RESI", "1935", place="Moscow", cites=("@S1@",)),
                     ev("RESI", "1935", place="Krasnoyarsk", cites=("@S3@",)))
    [conflict] = find_conflicts(tree)
    assert conflict.label == "Residence"
    assert [v.value for v in conflict.values] == ["Moscow, 1935", "Krasnoyarsk, 1935"]


def test_three_birth_years_make_one_conflict() -> None:
    tree = tree_with(ev("BIRT", "1906", cites=("@S1@",)), ev("BIRT", "1907", cites=("@S2@",)),
                     ev("OCCU", value="engineer"), ev("BIRT", "1908", cites=("@S3@",)))
    [conflict] = find_conflicts(tree)
    assert conflict.event_indexes == [0, 1, 3]


def test_records_that_agree_make_one_claim_with_all_their_citations() -> None:
    tree = tree_with(ev("BIRT", "1908", cites=("@S1@",)), ev("BIRT", "1907", cites=("@S2@",)),
                     ev("BIRT", "1908", cites=("@S3@",)))
    [conflict] = find_conflicts(tree)
    assert [(v.value, v.event_indexes) for v in conflict.values] == [("1908", [0, 2]), ("1907", [1])]
    assert [c.source_id for c in conflict.values[0].citations] == ["@S1@", "@S3@"]
    notes = fact_annotations(tree, "@I1@")
    assert notes[0].differs_with == [1]
    assert notes[1].differs_with == [0, 2]
    assert [v.value for v in notes[2].other_claims(conflict)] == ["1907"]


def test_family_marriage_dates_that_differ_name_the_couple() -> None:
    tree = tree_with()
    tree.add_person(Person("@I2@", [Name.from_gedcom("Anna /Ivanova/")], Sex.FEMALE))
    tree.add_family(Family("@F1@", "@I1@", "@I2@", events=[
        ev("MARR", "1928", cites=("@S1@",)), ev("MARR", "1931", cites=("@S2@",)),
        ev("MARR", "1932", type_="religious", cites=("@S3@",)),  # another kind of wedding
    ]))
    tree.link()
    [conflict] = find_conflicts(tree)
    assert conflict.is_family
    assert conflict.owner_id == "@F1@"
    assert conflict.person_ids == ["@I1@", "@I2@"]
    assert conflict.label == "Marriage date"
    assert conflict.event_indexes == [0, 1]


def test_fact_annotations_count_citations_and_mark_disagreement() -> None:
    tree = tree_with(
        ev("BIRT", "1908", cites=("@S1@", "@S2@#p. 2")),
        ev("OCCU", value="professor", cites=("@S1@",)),
        ev("OCCU", value="instructor", cites=("@S2@",)),
        ev("RESI", place="Moscow"),
    )
    notes = fact_annotations(tree, "@I1@")
    assert {i: n.display() for i, n in notes.items()} == {
        0: "2 citations",
        1: "1 citation \u00b7 sources differ",
        2: "1 citation \u00b7 sources differ",
        3: "unsourced",
    }
    assert notes[3].unsourced
    assert not notes[0].unsourced
    assert notes[1].differs_with == [2]
    assert notes[2].differs_with == [1]
    assert "instructor" in notes[1].tooltip(tree)
    assert fact_annotations(tree, "@NOBODY@") == {}
    assert person_conflicts(tree, "@I1@") == notes[1].conflicts


@pytest.mark.parametrize(("count", "label"), [(0, "unsourced"), (1, "1 citation"), (4, "4 citations")])
def test_support_label(count: int, label: str) -> None:
    assert support_label(count) == label

"""Timeline and conflict properties on generated people: order, completeness, ages against the calendar."""

from __future__ import annotations

import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from familytree.evidence import age_between, find_conflicts, timeline
from familytree.model import ChildRef, Citation, Date, Event, Family, Name, Person, Sex, Tree

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")
TAGS = ("BIRT", "DEAT", "OCCU", "RESI", "EDUC", "BURI", "EVEN")


@st.composite
def gedcom_dates(draw: st.DrawFn) -> str:
    year = draw(st.integers(1700, 2000))
    month = draw(st.integers(1, 12))
    day = draw(st.integers(1, 28))
    month_name = MONTHS[month - 1]
    simple = draw(st.sampled_from([f"{year}", f"{month_name} {year}", f"{day} {month_name} {year}"]))
    kind = draw(st.sampled_from(["", "ABT ", "BEF ", "AFT ", "EST ", "BET", "JULIAN", "none"]))
    if kind == "none":
        return ""
    if kind == "BET":
        return f"BET {simple} AND {year + draw(st.integers(1, 5))}"
    if kind == "JULIAN":
        return f"JULIAN {simple}"
    return kind + simple


events = st.lists(st.tuples(st.sampled_from(TAGS), gedcom_dates(), st.sampled_from(["", "@S1@", "@S2@"]),
                            st.sampled_from(["", "clerk", "teacher", "Moscow"])), max_size=10)


def person_tree(specs: list[tuple[str, str, str, str]], child_specs: list[tuple[str, str, str, str]]) -> Tree:
    tree = Tree()
    made = [Event(tag, value=value, date=Date.parse(date) if date else None,
                  citations=[Citation(src)] if src else []) for tag, date, src, value in specs]
    tree.add_person(Person("@P@", [Name.from_gedcom("Pat /Doe/")], Sex.FEMALE, events=made))
    kid = [Event(tag, date=Date.parse(date) if date else None) for tag, date, _src, _v in child_specs]
    tree.add_person(Person("@C@", [Name.from_gedcom("Kit /Doe/")], Sex.MALE, events=kid))
    tree.add_family(Family("@F@", wife_id="@P@", children=[ChildRef("@C@")]))
    tree.link()
    return tree


@settings(max_examples=60, deadline=None)
@given(events, events)
def test_timeline_is_ordered_and_complete(specs, child_specs) -> None:
    tree = person_tree(specs, child_specs)
    entries = timeline(tree, "@P@")
    keys = [t.sort_key for t in entries]
    assert keys == sorted(keys)
    own = [t.event_index for t in entries if t.person_id == "@P@" and not t.family_id]
    assert sorted(own) == list(range(len(specs)))  # every own fact, once
    dated = [t.date is not None and t.date.start is not None for t in entries]
    assert dated == sorted(dated, reverse=True)  # undated last
    for t in entries:
        if t.age is not None:
            assert t.age.years >= 0
            assert t.age_text


@settings(max_examples=150, deadline=None)
@given(st.dates(datetime.date(1600, 1, 1), datetime.date(2000, 12, 31)),
       st.dates(datetime.date(1600, 1, 1), datetime.date(2060, 12, 31)))
def test_exact_ages_match_the_calendar(born: datetime.date, then: datetime.date) -> None:
    def gedcom(d: datetime.date) -> Date:
        return Date.parse(f"{d.day} {MONTHS[d.month - 1]} {d.year}")

    age = age_between(gedcom(born), gedcom(then))
    if then < born:
        assert age is None
        return
    expected = then.year - born.year - ((then.month, then.day) < (born.month, born.day))
    assert age is not None
    assert age.exact
    assert age.years == expected


@settings(max_examples=60, deadline=None)
@given(events)
def test_conflicts_name_two_or_more_distinct_cited_records(specs) -> None:
    tree = person_tree(specs, [])
    for conflict in find_conflicts(tree):
        indexes = conflict.event_indexes
        assert len(indexes) >= 2
        assert len(set(indexes)) == len(indexes)
        assert len({specs[i][0] for i in indexes}) == 1  # one kind of fact
        assert any(specs[i][2] for i in indexes)  # resting on at least one citation

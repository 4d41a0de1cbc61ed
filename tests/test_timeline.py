"""The timeline puts a life and its close family in date order, with ages and citations."""

from __future__ import annotations

import pytest

from familytree.evidence import age_between, timeline
from familytree.model import (
    ChildRef,
    ChildRelation,
    Citation,
    Date,
    Event,
    Family,
    Name,
    Person,
    Place,
    Sex,
    Source,
    Structure,
    Tree,
    recorded_age_text,
)


def ev(tag: str, date: str = "", value: str = "", place: str = "", cite: str = "") -> Event:
    return Event(tag, value=value, date=Date.parse(date) if date else None,
                 place=Place(place) if place else None,
                 citations=[Citation(cite, page="p. 1")] if cite else [])


def person(tree: Tree, pid: str, name: str, sex: Sex, *events: Event) -> Person:
    return tree.add_person(Person(pid, [Name.from_gedcom(name)], sex, events=list(events)))


def build_family() -> Tree:
    """John with his parents, a half-brother, a wife and three children."""
    tree = Tree()
    tree.add_source(Source("@S1@", title="Parish register"))
    person(tree, "@P@", "Peter /Smith/", Sex.MALE, ev("BIRT", "1870"), ev("DEAT", "1930"))
    person(tree, "@Q@", "Ruth /Hill/", Sex.FEMALE, ev("BIRT", "ABT 1875"))
    person(tree, "@E@", "Eve /Stone/", Sex.FEMALE)
    person(tree, "@H@", "Hal /Smith/", Sex.MALE, ev("BIRT", "1905"))
    person(tree, "@J@", "John /Smith/", Sex.MALE,
           ev("BIRT", "10 JUN 1900", place="Leeds", cite="@S1@"),
           ev("OCCU", value="clerk"),  # undated: sorts last
           ev("RESI", "ABT 1937", place="York"),
           ev("EDUC", "BET 1924 AND 1926", value="evening classes"),
           ev("DEAT", "3 MAR 1950"),
           ev("BURI", "8 MAR 1950"))
    person(tree, "@M@", "Mary /Green/", Sex.FEMALE, ev("BIRT", "1902"), ev("DEAT", "1960"))
    person(tree, "@A@", "Ann /Smith/", Sex.FEMALE, ev("BIRT", "3 FEB 1926", cite="@S1@"))
    person(tree, "@B@", "Bob /Smith/", Sex.MALE, ev("BIRT", "BET 1927 AND 1929"))
    person(tree, "@C@", "Carl /Smith/", Sex.MALE, ev("BIRT"))  # undated: left out
    person(tree, "@D@", "Dan /Smith/", Sex.MALE, ev("BIRT", "1936"))
    tree.add_family(Family("@F1@", "@P@", "@Q@", [ChildRef("@J@")], events=[ev("MARR", "1898")]))
    tree.add_family(Family("@F2@", "@P@", "@E@", [ChildRef("@H@")], events=[ev("MARR", "1904")]))
    tree.add_family(Family("@F3@", "@J@", "@M@", [ChildRef("@A@"), ChildRef("@B@"), ChildRef("@C@"),
                                                 ChildRef("@D@", ChildRelation.ADOPTED)],
                           events=[ev("MARR", "12 MAY 1925", cite="@S1@")]))
    tree.link()
    return tree


def lines(tree: Tree, pid: str) -> list[tuple[str, str, str]]:
    return [(t.description, t.date_text, t.age_text) for t in timeline(tree, pid)]


def test_john_timeline_in_date_order_with_ages() -> None:
    assert lines(build_family(), "@J@") == [
        ("Birth of father Peter Smith", "1870", ""),
        ("Birth of mother Ruth Hill", "about 1875", ""),
        ("Marriage of parents Peter Smith and Ruth Hill", "1898", ""),
        ("Birth", "10 June 1900", ""),
        ("Birth of wife Mary Green", "1902", "aged about 2"),
        ("Marriage of father Peter Smith to Eve Stone", "1904", "aged about 4"),
        ("Birth of half-brother Hal Smith", "1905", "aged about 5"),
        ("Marriage to Mary Green", "12 May 1925", "aged 24"),
        ("Education: evening classes", "between 1924 and 1926", "aged about 25"),
        ("Birth of daughter Ann Smith", "3 February 1926", "aged 25"),
        ("Birth of son Bob Smith", "between 1927 and 1929", "aged about 28"),
        ("Death of father Peter Smith", "1930", "aged about 30"),
        ("Birth of adopted son Dan Smith", "1936", "aged about 36"),
        ("Residence", "about 1937", "aged about 37"),
        ("Death", "3 March 1950", "aged 49"),
        ("Burial", "8 March 1950", ""),
        ("Death of wife Mary Green", "1960", ""),
        ("Occupation: clerk", "", ""),
    ]


def test_entries_sort_by_date_with_uncertain_dates_near_their_year() -> None:
    entries = timeline(build_family(), "@J@")
    keys = [t.sort_key for t in entries]
    assert keys == sorted(keys)
    texts = [t.description for t in entries]
    # "between 1924 and 1926" sorts in the middle of its range: after May 1925, before 1926
    assert texts.index("Marriage to Mary Green") < texts.index("Education: evening classes")
    assert texts.index("Education: evening classes") < texts.index("Birth of daughter Ann Smith")
    # "about 1937" sits after 1936
    assert texts.index("Birth of adopted son Dan Smith") < texts.index("Residence")
    # undated facts come last
    assert texts[-1] == "Occupation: clerk"
    assert "Carl" not in " ".join(texts)  # a relative's undated birth says nothing about when


@pytest.mark.parametrize(("description", "age"), [
    ("Birth", ""),  # no age at the birth itself
    ("Marriage to Mary Green", "aged 24"),
    ("Birth of daughter Ann Smith", "aged 25"),
    ("Birth of son Bob Smith", "aged about 28"),  # a range of dates: approximate
    ("Death of father Peter Smith", "aged about 30"),  # a year only: 29 or 30
    ("Residence", "aged about 37"),  # "about 1937"
    ("Death", "aged 49"),
    ("Burial", ""),  # after the death: no age
    ("Death of wife Mary Green", ""),
    ("Birth of father Peter Smith", ""),  # before the birth
    ("Occupation: clerk", ""),
])
def test_age_at_each_event(description: str, age: str) -> None:
    by_text = {t.description: t for t in timeline(build_family(), "@J@")}
    assert by_text[description].age_text == age


def test_relations_and_who_to_select() -> None:
    entries = {t.description: t for t in timeline(build_family(), "@J@")}
    assert entries["Birth of half-brother Hal Smith"].relation == "half-brother"
    assert entries["Birth of half-brother Hal Smith"].person_id == "@H@"
    assert entries["Birth of adopted son Dan Smith"].relation == "adopted son"
    marriage = entries["Marriage to Mary Green"]
    assert (marriage.person_id, marriage.family_id, marriage.relation) == ("@J@", "@F3@", "")
    assert entries["Marriage of parents Peter Smith and Ruth Hill"].person_id == "@P@"


def test_entries_carry_their_citations() -> None:
    entries = {t.description: t for t in timeline(build_family(), "@J@")}
    assert [c.source_id for c in entries["Birth"].citations] == ["@S1@"]
    assert [c.source_id for c in entries["Birth of daughter Ann Smith"].citations] == ["@S1@"]
    assert entries["Death"].citations == []


def test_child_sees_parents_and_siblings() -> None:
    texts = [t.description for t in timeline(build_family(), "@A@")]
    assert "Birth of father John Smith" in texts
    assert "Birth of brother Bob Smith" in texts
    assert "Marriage of parents John Smith and Mary Green" in texts
    assert "Death of father John Smith" in texts


def test_only_own_events_when_family_is_off() -> None:
    entries = timeline(build_family(), "@J@", family=False)
    assert all(t.person_id == "@J@" and not t.family_id for t in entries)
    assert len(entries) == 6


def test_unknown_person_and_person_without_events() -> None:
    tree = build_family()
    assert timeline(tree, "@NOBODY@") == []
    # Eve has no events of her own: her timeline is her husband's and her son's
    assert lines(tree, "@E@") == [
        ("Birth of husband Peter Smith", "1870", ""),
        ("Marriage to Peter Smith", "1904", ""),
        ("Birth of son Hal Smith", "1905", ""),
        ("Death of husband Peter Smith", "1930", ""),
    ]


def test_context_events_within_the_life_form_a_separate_band() -> None:
    tree = build_family()
    tree.other_records.append(Structure("_EVEN", "General strike", "@E1@", [
        Structure("DATE", "4 MAY 1926"), Structure("PLAC", "Britain"),
        Structure("SOUR", "@S1@", pointer=True, children=[Structure("PAGE", "12")]),
    ]))
    tree.other_records.append(Structure("_EVEN", "Battle of Hastings", "@E2@", [Structure("DATE", "1066")]))
    entries = timeline(tree, "@J@")
    context = [t for t in entries if t.is_context]
    assert [t.description for t in context] == ["General strike"]
    assert context[0].age_text == "aged 25"
    assert context[0].citations[0].page == "12"
    texts = [t.description for t in entries]
    assert texts.index("Birth of daughter Ann Smith") < texts.index("General strike")


@pytest.mark.parametrize(("birth", "when", "expected"), [
    ("21 MAR 1908", "29 OCT 1937", "aged 29"),
    ("21 MAR 1908", "20 MAR 1937", "aged 28"),  # the day before the birthday
    ("1908", "1937", "aged about 29"),
    ("MAR 1908", "APR 1937", "aged 29"),
    ("21 MAR 1908", "ABT 1937", "aged about 29"),
    ("ABT 1908", "29 OCT 1937", "aged about 29"),
    ("JULIAN 8 MAR 1908", "20 MAR 1909", "aged under 1"),  # 8 March Julian is 21 March Gregorian
    ("JULIAN 8 MAR 1908", "21 MAR 1909", "aged 1"),
    ("21 MAR 1908", "1 APR 1908", "aged under 1"),
])
def test_age_between(birth: str, when: str, expected: str) -> None:
    age = age_between(Date.parse(birth), Date.parse(when))
    assert age is not None
    assert age.display() == expected


@pytest.mark.parametrize(("birth", "when"), [
    ("21 MAR 1908", "1900"), ("BEF 1908", "1937"), ("21 MAR 1908", "AFT 1930"), ("(unknown)", "1937"),
])
def test_no_age_where_dates_do_not_allow(birth: str, when: str) -> None:
    assert age_between(Date.parse(birth), Date.parse(when)) is None


CONTEXT_FILE = """\
0 HEAD
1 GEDC
2 VERS 7.0
0 @I1@ INDI
1 NAME John /Smith/
1 BIRT
2 DATE 10 JUN 1900
1 DEAT
2 DATE 1950
0 @S1@ SOUR
1 TITL History of Britain
0 @E1@ _EVEN General strike
1 DATE 4 MAY 1926
1 PLAC Britain
1 SOUR @S1@
2 PAGE 12
0 @E2@ _EVEN Great Fire of London
1 DATE 1666
0 TRLR
"""


def test_context_events_read_from_a_file_reach_the_timeline_and_the_sources(tmp_path):
    from familytree.evidence import source_index
    from familytree.gedcom import read_file

    path = tmp_path / "context.ged"
    path.write_text(CONTEXT_FILE, encoding="utf-8")
    tree = read_file(path)
    entries = timeline(tree, "@I1@")
    assert [(t.description, t.date_text, t.age_text, t.is_context) for t in entries] == [
        ("Birth", "10 June 1900", "", False),
        ("General strike", "4 May 1926", "aged 25", True),
        ("Death", "1950", "aged about 50", False),
    ]
    [history] = source_index(tree)
    assert [u.display(tree) for c in history.citations for u in c.uses] == [
        "Historical event: General strike, 4 May 1926, Britain"]
    assert timeline(tree, "@I1@", context=False)[1].description == "Death"


@pytest.mark.parametrize(("value", "words"), [
    ("16y", "aged 16"), ("< 30y", "aged under 30"), (">60y", "aged over 60"), ("16y 3m", "aged 16"),
    ("3m", "aged 3 months"), ("1m", "aged 1 month"), ("0y 3m", "aged 3 months"), ("0y", "aged under 1"),
    ("2w", "aged 2 weeks"), ("5d", "aged 5 days"), ("INFANT", "an infant"),
    ("child", "a child"), ("STILLBORN", "stillborn"), ("", ""), ("  ", ""),
    # not in the GEDCOM form: the file's words, said to be an age
    ("about sixteen", "age about sixteen"), (">", "age >"),
])
def test_gedcom_age_in_words(value: str, words: str) -> None:
    assert recorded_age_text(value) == words


def test_the_age_a_record_gives_is_shown_where_the_dates_give_none() -> None:
    tree = build_family()
    john = tree.people["@J@"]
    john.events.append(Event("OCCU", value="foreman", date=Date.parse("BEF 1930"), age="< 30y"))
    john.events.append(Event("RESI", date=Date.parse("1920"), age="25y", place=Place("Hull")))
    tree.people["@H@"].events.append(Event("DEAT", date=Date.parse("BEF 1949"), age="43y"))
    entries = {t.description: t for t in timeline(tree, "@J@")}
    assert entries["Occupation: foreman"].age_text == "aged under 30"  # "before 1930" gives no age
    assert entries["Residence"].age_text != "aged 25"  # the dates say 19 or 20: they win
    # a relative's AGE is their own age, never the focus person's
    assert entries["Death of half-brother Hal Smith"].age_text == ""


def test_a_place_reads_as_everywhere_else_without_its_empty_jurisdictions() -> None:
    tree = build_family()
    tree.people["@J@"].events.append(Event("OCCU", value="footman", date=Date.parse("1920"),
                                           place=Place("Buckingham House,,London,England")))
    entries = {t.description: t for t in timeline(tree, "@J@")}
    assert entries["Occupation: footman"].place_text == "Buckingham House, London, England"


def test_sibling_words_full_half_and_adopted_together() -> None:
    tree = Tree()
    for pid, sex in [("@F@", Sex.MALE), ("@M@", Sex.FEMALE), ("@N@", Sex.FEMALE), ("@A@", Sex.FEMALE),
                     ("@B@", Sex.MALE), ("@C@", Sex.FEMALE), ("@P@", Sex.MALE), ("@Q@", Sex.FEMALE),
                     ("@G@", Sex.MALE), ("@H@", Sex.FEMALE)]:
        person(tree, pid, f"{pid.strip('@')} /Doe/", sex, ev("BIRT", "1950"))
    tree.add_family(Family("@F1@", "@F@", "@M@", [ChildRef("@A@"), ChildRef("@B@")]))
    tree.add_family(Family("@F2@", "@F@", "@N@", [ChildRef("@C@")]))
    tree.add_family(Family("@F3@", "@P@", "@Q@", [ChildRef("@G@", ChildRelation.ADOPTED),
                                                 ChildRef("@H@", ChildRelation.ADOPTED)]))
    tree.link()

    def words(pid: str) -> dict[str, str]:
        return {t.person_id: t.relation for t in timeline(tree, pid) if t.description.startswith("Birth of")}

    assert words("@A@") == {"@F@": "father", "@M@": "mother", "@B@": "brother", "@C@": "half-sister"}
    assert words("@G@") == {"@P@": "adoptive father", "@Q@": "adoptive mother", "@H@": "sister"}


def test_events_the_file_denies_are_left_out() -> None:
    # PAF writes "1 DIV N" on couples who never divorced (Victoria and Albert in royal92.ged)
    tree = build_family()
    tree.families["@F3@"].events.append(ev("DIV", value="N"))
    tree.people["@J@"].events.append(ev("CHR", value="N"))
    tree.people["@A@"].events.append(ev("DEAT", "1990", value="N"))
    descriptions = [t.description for t in timeline(tree, "@J@")]
    assert not [d for d in descriptions if "Divorce" in d or "Christening" in d or "Death of daughter" in d]
    assert "Marriage to Mary Green" in descriptions
    assert [t.description for t in timeline(tree, "@M@") if "Divorce" in t.description] == []


def test_a_divorced_partner_is_a_former_husband_even_with_no_marriage_recorded() -> None:
    tree = build_family()
    tree.families["@F3@"].events = [ev("DIV", "1940")]
    assert ("Birth of former husband John Smith", "10 June 1900", "") in lines(tree, "@M@")


def test_children_of_a_family_with_no_parents_recorded_are_brothers_not_stepbrothers() -> None:
    # pres2020.ged: Jonathan and Thomas Horton, in one family record that names no parents
    tree = Tree()
    person(tree, "@J@", "Jonathan /Horton/", Sex.MALE, ev("BIRT", "ABT 1695"))
    person(tree, "@T@", "Thomas /Horton/", Sex.MALE, ev("BIRT", "ABT 1698"))
    tree.add_family(Family("@F@", children=[ChildRef("@J@"), ChildRef("@T@")]))
    tree.link()
    assert [t.description for t in timeline(tree, "@J@")] == ["Birth", "Birth of brother Thomas Horton"]


def test_a_second_record_of_the_birth_gets_no_age() -> None:
    # date-all.ged gives one birth in many forms: "between 1401 and 1408" showed "about 3"
    tree = build_family()
    tree.people["@J@"].events.append(ev("BIRT", "BET 1900 AND 1903"))
    births = [t for t in timeline(tree, "@J@") if t.description == "Birth"]
    assert len(births) == 2
    assert [t.age_text for t in births] == ["", ""]
    assert ("Birth of daughter Ann Smith", "3 February 1926", "aged 25") in lines(tree, "@J@")

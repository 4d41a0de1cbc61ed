"""Dates, life years, ages and places in words, the same in every view: "before 1908", never "<1908"."""

from __future__ import annotations

import re
from functools import cache

import pytest

from familytree.evidence.dates import Age
from familytree.model import Date, Event, Person, Place, Tree, age_text, place_text, recorded_age_text
from familytree.search.reasons import year_reason
from support.corpus import CORPUS_ROOT, corpus_files

# what the words replaced: "<1908", ">1465", "c.1890", "16y"; and a dash or comma with nothing beside it
SYMBOLS = re.compile(r"[<>]|(?<![A-Za-z])c\.\s?\d|\b\d+\s?[ymwd]\b|\u2013\s*$|^\s*\u2013|,\s*,|^,|,\s*$")

# a place with an empty jurisdiction, a space before a comma, or space or a comma at an end
LOOSE_PLACE = re.compile(r",\s*,|\s,|^[\s,]|[\s,]$|\s\s")


@pytest.mark.parametrize(("gedcom", "phrase", "chart", "text"), [
    ("21 MAR 1908", "", "1908", "1908"),
    ("BEF 1908", "", "bef. 1908", "before 1908"),
    ("AFT 1465", "", "aft. 1465", "after 1465"),
    ("ABT 1937", "", "abt. 1937", "about 1937"),
    ("EST 1850", "", "est. 1850", "estimated 1850"),
    ("CAL 1850", "", "calc. 1850", "calculated 1850"),
    ("BET 1401 AND 1408", "", "bet. 1401 and 1408", "between 1401 and 1408"),
    ("BET JAN 1900 AND MAR 1900", "", "1900", "1900"),  # a range within one year names the year
    ("FROM 1917 TO 1918", "", "1917 to 1918", "from 1917 to 1918"),
    ("FROM 1917", "", "from 1917", "from 1917"),
    ("TO 1917", "", "to 1917", "to 1917"),
    ("1937", "believed executed", "1937?", "believed 1937"),
    ("INT 1937 (in the winter after the trial)", "", "1937?", "probably 1937"),
    ("", "in his youth", "?", "in his youth"),  # a date given only in words
    ("44 BCE", "", "44 BC", "44 BC"),
    ("JULIAN 1 JAN 1700", "", "1700", "1700"),
])
def test_a_year_in_words_for_a_chart_box_and_for_running_text(gedcom: str, phrase: str, chart: str,
                                                               text: str) -> None:
    date = Date.parse(gedcom, phrase)
    assert date.short_year() == chart
    assert date.year_text(short=True) == chart
    assert date.year_text() == text


def person(born: str = "", died: str = "", died_phrase: str = "", death: bool = False) -> Person:
    p = Person("@I1@")
    if born:
        p.events.append(Event("BIRT", date=Date.parse(born)))
    if died or died_phrase:
        p.events.append(Event("DEAT", date=Date.parse(died, died_phrase)))
    elif death:
        p.events.append(Event("DEAT", value="Y"))
    return p


@pytest.mark.parametrize(("who", "chart", "text"), [
    (person("21 MAR 1908", "1937"), "1908\u20131937", "1908\u20131937"),
    (person("1406", "BEF 1454"), "1406 \u2013 bef. 1454", "1406 \u2013 before 1454"),
    (person("BEF 1406", "AFT 1454"), "bef. 1406 \u2013 aft. 1454", "before 1406 \u2013 after 1454"),
    (person("BEF 1908"), "born bef. 1908", "born before 1908"),
    (person("1936"), "born 1936", "born 1936"),
    (person(died="ABT 1937"), "died abt. 1937", "died about 1937"),
    (person("1908", died_phrase="believed 1937"), "1908\u2013?", "1908 \u2013 believed 1937"),
    (person("1908", death=True), "1908\u2013?", "1908 \u2013 unknown"),  # died, the file gives no date
    (person(death=True), "", ""),
    (person(), "", ""),
])
def test_life_years_in_words(who: Person, chart: str, text: str) -> None:
    assert who.lifespan() == chart
    assert who.lifespan(short=False) == text


def test_a_long_date_phrase_in_running_text_is_cut_on_one_line() -> None:
    who = person("1800", died_phrase="somewhere\nat sea " + "and far away " * 100)
    text = who.lifespan(short=False)
    assert text.startswith("1800 \u2013 somewhere at sea and far")
    assert text.endswith("\u2026")
    assert len(text) < 220
    assert "\n" not in text


@pytest.mark.parametrize(("file_place", "shown"), [
    ("Buckingham House,,London,England", "Buckingham House, London, England"),
    ("Kensington,Palace", "Kensington, Palace"),
    (" Moscow ,  Russia ", "Moscow, Russia"),
    (",,,", ""),
    ("", ""),
    ("Krasnoyarsk, Siberia, Russia", "Krasnoyarsk, Siberia, Russia"),
    ("New\nYork", "New York"),
])
def test_a_place_with_its_empty_jurisdictions_dropped(file_place: str, shown: str) -> None:
    assert place_text(file_place) == shown
    assert place_text(Place(file_place)) == shown
    assert place_text(None) == ""


@pytest.mark.parametrize(("years", "exact", "shown"), [
    (16, True, "aged 16"), (16, False, "aged about 16"),
    (0, True, "aged under 1"), (0, False, "aged under 1"),
])
def test_an_age_from_the_dates(years: int, exact: bool, shown: str) -> None:
    assert age_text(years, exact) == shown
    assert Age(years, exact).display() == shown


@pytest.mark.parametrize(("value", "shown"), [
    ("76", "aged 76"), ("<8", "aged under 8"), ("> 99", "aged over 99"), ("3 months", "aged 3 months"),
    ("2 yrs", "aged 2"), ("0 m", "aged under 1 month"), ("12y 0m 0d", "aged 12"),
])
def test_ages_as_programs_write_them_read_as_words(value: str, shown: str) -> None:
    # the GEDCOM form itself ("16y", "< 30y", INFANT) is tested in test_timeline.py
    assert recorded_age_text(value) == shown


@pytest.mark.parametrize(("born", "died", "birth_reason", "death_reason"), [
    ("BEF 1908", "AFT 1465", "born before 1908", "died after 1465"),
    ("ABT 1890", "1937", "born about 1890", "died 1937"),
])
def test_a_search_reason_says_the_year_in_words(born: str, died: str, birth_reason: str,
                                                death_reason: str) -> None:
    who = person(born, died)
    assert year_reason(who, True) == birth_reason
    assert year_reason(who, False) == death_reason


@cache
def _read(relative: str) -> Tree:
    from familytree.gedcom import read_file

    return read_file(str(CORPUS_ROOT / relative))


def _without_file_words(text: str, *dates: Date | None) -> str:
    """`text` without the phrases the file gave its dates: those are the file's words, not ours."""
    for date in dates:
        if date is not None and date.phrase:
            text = text.replace(date.phrase, "W").replace(" ".join(date.phrase.split()), "W")
    return text


@pytest.mark.parametrize("relative", corpus_files())
def test_every_date_age_and_place_of_the_corpus_is_said_in_words(relative: str) -> None:
    if relative == "(no corpus)":
        pytest.skip("no GEDCOM corpus: neither ../shared/gedcom-corpus nor tests/data/corpus is there")
    tree = _read(relative)
    seen = 0
    for p in tree.people.values():
        birth, death = p.birth, p.death
        dates = (birth.date if birth else None, death.date if death else None)
        for life in (p.lifespan(), p.lifespan(short=False)):
            assert not SYMBOLS.search(_without_file_words(life, *dates)), (p.id, life)
        events = [*p.events, *(e for f in tree.partner_families(p.id) for e in f.events)]
        for event in events:
            if event.date is not None:
                seen += 1
                for shown in (event.date.short_year(), event.date.year_text(), event.date.display()):
                    assert not SYMBOLS.search(_without_file_words(shown, event.date)), (p.id, shown)
            place = place_text(event.place)
            seen += bool(place) + bool(event.age)
            assert not LOOSE_PLACE.search(place), (p.id, place)
            age = recorded_age_text(event.age)
            if age.startswith("aged "):  # read as an age: in words ("age ..." quotes the file's own)
                assert not SYMBOLS.search(age), (p.id, event.age, age)
    if not seen:
        pytest.skip(f"{relative}: no date, place or age to word")

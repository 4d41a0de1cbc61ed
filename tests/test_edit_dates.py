"""Dates typed the way people write them, read into GEDCOM dates; what cannot be read is kept as typed."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from familytree.model import Calendar, Date, DateModifier, DateQualifier
from familytree.model.date_input import read_date


@pytest.mark.parametrize(
    ("typed", "gedcom"),
    [
        ("abt 1937", "ABT 1937"),
        ("about 1937", "ABT 1937"),
        ("c. 1890", "ABT 1890"),
        ("c1890", "ABT 1890"),
        ("ca.1890", "ABT 1890"),
        ("circa 1890", "ABT 1890"),
        ("~ 1890", "ABT 1890"),
        ("est 1850", "EST 1850"),
        ("calc. 1850", "CAL 1850"),
        ("before 1 Dec 1934", "BEF 1 DEC 1934"),
        ("<1908", "BEF 1908"),
        ("after 1934", "AFT 1934"),
        ("between 1924 and 1925", "BET 1924 AND 1925"),
        ("bet. 1924 & 1925", "BET 1924 AND 1925"),
        ("1924-1925", "BET 1924 AND 1925"),
        ("1924 \u2013 1925", "BET 1924 AND 1925"),
        ("from 1914 to 1918", "FROM 1914 TO 1918"),
        ("from 1914", "FROM 1914"),
        ("until 1918", "TO 1918"),
        ("21.3.1908", "21 MAR 1908"),
        ("21/03/1908", "21 MAR 1908"),
        ("21-3-1908", "21 MAR 1908"),
        ("21.III.1908", "21 MAR 1908"),
        ("3/21/1908", "21 MAR 1908"),  # no 21st month: the only reading is month first
        ("1908-03-21", "21 MAR 1908"),
        ("3.1908", "MAR 1908"),
        ("21st March, 1908", "21 MAR 1908"),
        ("March 21, 1908", "21 MAR 1908"),
        ("Mar. 1908", "MAR 1908"),
        ("sept 1908", "SEP 1908"),
        ("21 марта 1908", "21 MAR 1908"),
        ("Julian 1 Jan 1700", "JULIAN 1 JAN 1700"),
        ("1 Jan 1700 O.S.", "JULIAN 1 JAN 1700"),
        ("Julian 29 Feb 1700", "JULIAN 29 FEB 1700"),  # a leap day in the Julian calendar only
        ("@#DJULIAN@ 1 JAN 1700", "JULIAN 1 JAN 1700"),
        ("300 BC", "300 BCE"),
        ("ABT 1937", "ABT 1937"),
        ("21 MAR 1908", "21 MAR 1908"),
        ("1908.", "1908"),  # the full stop of a sentence
        ("21.3.1908.", "21 MAR 1908"),
        ("21 marzo 1908", "21 MAR 1908"),
        ("3 giugno 1901", "3 JUN 1901"),
        ("mayo 1900", "MAY 1900"),
        ("1 mei 1900", "1 MAY 1900"),
        ("1850s", "BET 1850 AND 1859"),
        ("the 1920s", "BET 1920 AND 1929"),
        ("1800s", "BET 1800 AND 1899"),  # as genealogists write a century
        ("21 Mrz 1908", "21 MAR 1908"),
        ("um 1900", "ABT 1900"),
        ("vor 1900", "BEF 1900"),
        ("nach 1900", "AFT 1900"),
        ("vers 1850", "ABT 1850"),
        ("1924 to 1925", "BET 1924 AND 1925"),
        ("5.6.1960", "5 JUN 1960"),
    ],
)
def test_a_date_as_typed_becomes_the_gedcom_date(typed: str, gedcom: str) -> None:
    read = read_date(typed)
    assert read.gedcom == gedcom
    assert not read.kept
    assert not read.warning
    assert read.preview == read.date.display()  # type: ignore[union-attr]


def test_the_preview_says_the_date_in_words() -> None:
    assert read_date("abt 1937").preview == "about 1937"
    assert read_date("21.3.1908").preview == "21 March 1908"
    assert read_date("Julian 1 Jan 1700").date.start.calendar is Calendar.JULIAN  # type: ignore[union-attr]


def test_a_doubtful_year_keeps_the_doubt_in_words() -> None:
    read = read_date("1908?")
    assert read.date is not None
    assert read.gedcom == "1908"
    assert read.date.qualifier is DateQualifier.BELIEVED
    assert read.preview == "probably 1908"
    assert read_date("probably abt 1937").preview == "probably about 1937"


def test_day_and_month_both_possible_are_read_day_first_with_the_other_reading_named() -> None:
    read = read_date("3/4/1908")
    assert read.gedcom == "3 APR 1908"
    assert "4 March" in read.warning
    assert not read.kept


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("in the spring", "\u201cin\u201d"),
        ("31 Feb 1908", "February 1908 has no day 31"),
        ("29 Feb 1900", "February 1900 has no day 29"),
        ("13/13/1908", "no month 13"),
        ("3/21/08", "year in full"),
        ("19", "year in full"),
        ("0", "year in full"),
        ("21 1908", "needs a month"),
        # the word that is not a date's is named, not the year before it
        ("1937 in spring", "\u201cin\u201d is not part of a date"),
        ("about 1937 or 1938", "\u201c1937 or 1938\u201d names two dates, and a fact has one date (for "
                               "either, write \u201cbetween 1937 and 1938\u201d)"),
    ],
)
def test_what_cannot_be_read_is_kept_as_a_phrase_with_a_warning(typed: str, why: str) -> None:
    read = read_date(typed)
    assert read.kept
    assert read.date == Date(DateModifier.TEXT, phrase=typed)
    assert why in read.warning
    assert "kept as written" in read.warning
    assert typed in read.preview


@pytest.mark.parametrize("typed", ["99999", "1 Jan 99999", "ABT 12000"])
def test_a_year_still_to_come_is_read_but_questioned(typed: str) -> None:
    read = read_date(typed)
    assert not read.kept
    assert "is still to come: is it mistyped?" in read.warning


def test_a_reversed_range_is_read_but_questioned() -> None:
    read = read_date("between 1926 and 1924")
    assert read.gedcom == "BET 1926 AND 1924"
    assert "ends before it starts" in read.warning


def test_a_double_year_is_kept_in_words_for_gedcom_7() -> None:
    read = read_date("1749/50")
    assert read.date is not None
    assert read.date.to_gedcom(version7=False) == "1749/50"
    assert "1749/50" in read.date.phrase


def test_a_double_year_typed_is_written_as_one_by_5_5_1_and_in_words_by_7() -> None:
    from familytree.gedcom import read_text
    from familytree.gedcom.writer import write_text
    from familytree.model import Event, Name, Person, Tree

    tree = Tree()
    tree.add_person(Person("@I1@", [Name.from_gedcom("Anna /Sedova/")],
                           events=[Event("BIRT", date=read_date("11 Feb 1731/32").date)]))
    old = write_text(tree, "5.5.1")
    assert "2 DATE 11 FEB 1731/32\n" in old.replace("\r\n", "\n")  # not "INT 11 FEB 1731/32 (...)"
    assert read_text(old).people["@I1@"].birth.date.start.dual_year == "32"  # type: ignore[union-attr]
    new = write_text(tree, "7.0").replace("\r\n", "\n")
    assert "2 DATE 11 FEB 1731\n3 PHRASE 11 February 1731/32\n" in new


def test_an_empty_field_is_no_date() -> None:
    assert read_date("   ").date is None
    assert read_date("").preview == ""


@given(st.text(max_size=40))
def test_nothing_typed_is_lost_and_every_date_reads_back_from_its_file_form(typed: str) -> None:
    read = read_date(typed)
    if read.date is None:
        assert not typed.strip()
    elif read.kept:
        assert " ".join(typed.split()).strip("()").strip() in read.date.phrase or read.date.phrase in typed
    else:
        d = read.date
        assert Date.parse(d.to_gedcom(version7=False), phrase=d.phrase) == d


def test_a_dotted_date_is_day_first_without_a_question_and_a_slashed_one_asks() -> None:
    assert read_date("5.6.1960").warning == ""  # the dotted form is day first wherever it is written
    assert "day first" in read_date("5/6/1960").warning


def test_a_word_that_is_not_a_date_is_quoted_as_typed() -> None:
    said = read_date("Christmas 1900").warning
    assert "\u201cChristmas\u201d" in said

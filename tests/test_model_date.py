"""Dates as genealogists write them: modifiers, calendars, phrases, ordering."""

from __future__ import annotations

import pytest

from familytree.model import Calendar, Date, DateModifier, DateQualifier


@pytest.mark.parametrize(
    ("text", "modifier", "display", "short"),
    [
        ("21 MAR 1908", DateModifier.EXACT, "21 March 1908", "1908"),
        ("ABT 1937", DateModifier.ABOUT, "about 1937", "abt. 1937"),
        ("BEF 1917", DateModifier.BEFORE, "before 1917", "bef. 1917"),
        ("AFT 1 DEC 1934", DateModifier.AFTER, "after 1 December 1934", "aft. 1934"),
        ("BET 1924 AND 1926", DateModifier.BETWEEN, "between 1924 and 1926", "bet. 1924 and 1926"),
        ("FROM 1917 TO 1918", DateModifier.FROM_TO, "from 1917 to 1918", "1917 to 1918"),
        ("EST 1850", DateModifier.ESTIMATED, "estimated 1850", "est. 1850"),
        ("JAN 1937", DateModifier.EXACT, "January 1937", "1937"),
    ],
)
def test_parse_and_display(text: str, modifier: DateModifier, display: str, short: str) -> None:
    date = Date.parse(text)
    assert date.modifier is modifier
    assert date.display() == display
    assert date.short_year() == short
    assert date.to_gedcom() == text


def test_believed_phrase_makes_date_uncertain() -> None:
    date = Date.parse("1937", phrase="believed executed later that year")
    assert date.qualifier is DateQualifier.BELIEVED
    assert date.is_uncertain
    assert date.short_year() == "1937?"
    assert date.display().startswith("believed 1937")


def test_about_1937_is_not_1937_but_sorts_beside_it() -> None:
    about, exact, next_year = Date.parse("ABT 1937"), Date.parse("1937"), Date.parse("1938")
    assert about != exact
    assert sorted([next_year, about, exact], key=Date.sort_key)[-1] == next_year


def test_range_sorts_by_its_middle() -> None:
    dates = [Date.parse("1926"), Date.parse("BET 1924 AND 1926"), Date.parse("1924")]
    ordered = [d.to_gedcom() for d in sorted(dates, key=Date.sort_key)]
    assert ordered == ["1924", "BET 1924 AND 1926", "1926"]


def test_undated_sorts_last() -> None:
    dates = [Date.parse("(unknown)"), Date.parse("1800")]
    assert sorted(dates, key=Date.sort_key)[0].year == 1800


@pytest.mark.parametrize(
    ("text", "calendar", "v7", "v551"),
    [
        ("@#DJULIAN@ 1 JAN 1700/01", Calendar.JULIAN, "JULIAN 1 JAN 1700", "@#DJULIAN@ 1 JAN 1700/01"),
        ("JULIAN 5 MAR 1700 BCE", Calendar.JULIAN, "JULIAN 5 MAR 1700 BCE", "@#DJULIAN@ 5 MAR 1700 B.C."),
        ("@#DFRENCH R@ 1 VEND 2", Calendar.FRENCH_R, "FRENCH_R 1 VEND 2", "@#DFRENCH R@ 1 VEND 2"),
        ("HEBREW 15 NSN 5600", Calendar.HEBREW, "HEBREW 15 NSN 5600", "@#DHEBREW@ 15 NSN 5600"),
    ],
)
def test_calendars_convert_between_versions(text: str, calendar: Calendar, v7: str, v551: str) -> None:
    date = Date.parse(text)
    assert date.start is not None
    assert date.start.calendar is calendar
    assert date.to_gedcom(version7=True) == v7
    assert date.to_gedcom(version7=False) == v551


def test_hebrew_and_french_years_sort_in_the_common_era() -> None:
    hebrew = Date.parse("HEBREW 5600")  # 1839/40
    french = Date.parse("FRENCH_R 2")  # 1793/94
    assert 1790 < (french.year or 0) < 1800
    assert 1835 < (hebrew.year or 0) < 1845


@pytest.mark.parametrize("text", ["garbage", "32 JAN 1900", "1 FOO 1900", "BET 1900", "ABT", "@#DXYZ@ 1900"])
def test_bad_dates_keep_their_text_and_never_raise(text: str) -> None:
    date = Date.parse(text)
    assert date.modifier is DateModifier.TEXT
    assert not date.valid
    assert date.display() == text


def test_551_date_phrase() -> None:
    date = Date.parse("(during the war)")
    assert date.modifier is DateModifier.TEXT
    assert date.valid
    assert date.display() == "during the war"
    assert date.to_gedcom(version7=False) == "(during the war)"


@pytest.mark.parametrize(
    ("value", "phrase", "display"),
    [
        # a phrase that restates the date is shown alone, not after the date again
        ("BEF 3 AUG 1935", "before 3 August 1935, when his wife is named",
         "before 3 August 1935, when his wife is named"),
        ("1937", "believed executed later in 1937", "believed executed later in 1937"),
        # a phrase that adds to the date follows it
        ("AFT MAR 1924", "at the age of sixteen", "after March 1924 (at the age of sixteen)"),
        ("1937", "believed", "believed 1937"),
    ],
)
def test_phrase_display(value: str, phrase: str, display: str) -> None:
    assert Date.parse(value, phrase=phrase).display() == display

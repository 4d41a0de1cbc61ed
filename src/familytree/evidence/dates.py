"""Date arithmetic for evidence: GEDCOM dates as day intervals, and ages between them."""

from __future__ import annotations

from familytree.model import Calendar, Date, DateModifier, SimpleDate, age_text
from familytree.model.slotted import slotted

__all__ = ["Age", "DayInterval", "age_between", "day_interval", "intervals_overlap"]

# (first day, last day) as Julian day numbers; None where the date leaves that end open.
DayInterval = tuple[int | None, int | None]

def gregorian_to_jdn(year: int, month: int, day: int) -> int:
    """Julian day number of a proleptic Gregorian date (astronomical year numbering)."""
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def julian_to_jdn(year: int, month: int, day: int) -> int:
    a = (14 - month) // 12
    y = year + 4800 - a
    m = month + 12 * a - 3
    return day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083


def jdn_to_gregorian(jdn: int) -> tuple[int, int, int]:
    a = jdn + 32044
    b = (4 * a + 3) // 146097
    c = a - 146097 * b // 4
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = 100 * b + d - 4800 + m // 10
    return year, month, day


def _is_leap(year: int, julian: bool) -> bool:
    if julian:
        return year % 4 == 0
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def _month_length(year: int, month: int, julian: bool) -> int:
    if month == 2:
        return 29 if _is_leap(year, julian) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _simple_interval(d: SimpleDate) -> tuple[int, int] | None:
    """The first and last day a (possibly partial) calendar date can mean."""
    if d.year is None:
        return None
    if d.calendar in (Calendar.GREGORIAN, Calendar.JULIAN):
        year = (1 - d.year) if d.bce else d.year  # astronomical numbering: 1 BC is year 0
        julian = d.calendar is Calendar.JULIAN
        to_jdn = julian_to_jdn if julian else gregorian_to_jdn
        month = d.month if d.month and 1 <= d.month <= 12 else None
        if month is None:
            return to_jdn(year, 1, 1), to_jdn(year, 12, 31)
        last = _month_length(year, month, julian)
        if d.day is None or not 1 <= d.day <= last:
            return to_jdn(year, month, 1), to_jdn(year, month, last)
        day = to_jdn(year, month, d.day)
        return day, day
    # French Republican, Hebrew and unknown calendars: only the year, approximated to
    # the Gregorian era, and widened by a year because their years straddle two of ours.
    approx = d.sort_tuple()[0]
    return gregorian_to_jdn(approx - 1, 1, 1), gregorian_to_jdn(approx + 1, 12, 31)


def day_interval(date: Date | None, slack_days: int = 0) -> DayInterval | None:
    """The days a date value allows, or None for a phrase-only or missing date.

    `slack_days` widens approximate dates (about, estimated, calculated,
    interpreted) on both sides: "about 1908" is not in conflict with 1909.
    """
    if date is None or date.start is None or date.modifier is DateModifier.TEXT:
        return None
    start = _simple_interval(date.start)
    if start is None:
        return None
    mod = date.modifier
    if mod is DateModifier.BEFORE:
        return (None, start[0] - 1)
    if mod is DateModifier.TO:
        return (None, start[1])
    if mod is DateModifier.AFTER:
        return (start[1] + 1, None)
    if mod is DateModifier.FROM:
        return (start[0], None)
    if mod in (DateModifier.BETWEEN, DateModifier.FROM_TO):
        end = _simple_interval(date.end) if date.end is not None else None
        if end is None:
            return (start[0], None)
        lo, hi = min(start[0], end[0]), max(start[1], end[1])
        return (lo, hi)
    if mod in (DateModifier.ABOUT, DateModifier.ESTIMATED, DateModifier.CALCULATED,
               DateModifier.INTERPRETED):
        return (start[0] - slack_days, start[1] + slack_days)
    return start


def intervals_overlap(a: DayInterval, b: DayInterval) -> bool:
    a_lo, a_hi = a
    b_lo, b_hi = b
    if a_hi is not None and b_lo is not None and a_hi < b_lo:
        return False
    return not (b_hi is not None and a_lo is not None and b_hi < a_lo)


def _completed_years(born: int, then: int) -> int:
    """Whole years from one day to another, as a birthday count."""
    by, bm, bd = jdn_to_gregorian(born)
    ty, tm, td = jdn_to_gregorian(then)
    years = ty - by
    if (tm, td) < (bm, bd):
        years -= 1
    return years


@slotted(frozen=True)
class Age:
    """A person's age at an event: whole years, and whether the dates pin it down."""

    years: int
    exact: bool

    def display(self) -> str:
        """'aged 26' when the dates fix it; 'aged about 26' when they only suggest it (see `age_text`)."""
        return age_text(self.years, self.exact)


def age_between(birth: Date | None, event: Date | None) -> Age | None:
    """The age at `event` of someone born at `birth`, or None when the dates do not allow it.

    The age is exact when every day the birth date allows and every day the
    event date allows give the same count of birthdays; otherwise it is the
    count between the middles of the two intervals, marked approximate.
    """
    b = day_interval(birth)
    e = day_interval(event)
    if b is None or e is None:
        return None
    b_lo, b_hi = b
    e_lo, e_hi = e
    if b_lo is None or b_hi is None or e_lo is None or e_hi is None:
        return None  # an open end (before, after): no age to give
    if e_hi < b_lo:
        return None  # before the birth: no age
    youngest = _completed_years(b_hi, e_lo) if e_lo >= b_hi else 0
    oldest = _completed_years(b_lo, e_hi)
    uncertain = (birth is not None and birth.is_uncertain) or (event is not None and event.is_uncertain)
    if youngest == oldest and not uncertain:
        return Age(oldest, True)
    middle = _completed_years((b_lo + b_hi) // 2, (e_lo + e_hi) // 2)
    return Age(max(middle, 0), False)

"""Dates as people type them ("abt 1937", "21.3.1908", "Julian 1 Jan 1700") read into GEDCOM dates."""

from __future__ import annotations

import datetime
import re
from dataclasses import replace

from familytree.model.date import MONTH_NAMES, Calendar, Date, DateModifier, DateQualifier, SimpleDate
from familytree.model.slotted import slotted

__all__ = ["DateInput", "read_date"]

# Numbers written with dots, slashes or dashes ("21.3.1908", "3/4/1908") are read day first,
# as in Russia, Germany, France and Britain, where most of this program's families lived: the
# day comes first unless it cannot ("3/21/1908": no 21st month, so 21 March), and when both
# orders could be meant the other reading is named in a warning.

_MONTHS = {name: i + 1 for i, names in enumerate((
    # English, French, German, Russian, then Italian, Spanish, Dutch and Portuguese whole names
    ("jan", "january", "janv", "jän", "januar", "янв", "января", "январь",
     "gennaio", "enero", "januari", "janeiro"),
    ("feb", "february", "febr", "fév", "févr", "februar", "фев", "февраля", "февраль",
     "febbraio", "febrero", "februari", "fevereiro"),
    ("mar", "march", "mars", "mär", "märz", "mrz", "мар", "марта", "март", "marzo", "maart", "março"),
    ("apr", "april", "avr", "avril", "апр", "апреля", "апрель", "aprile", "abril"),
    ("may", "mai", "мая", "май", "maggio", "mayo", "mei", "maio"),
    ("jun", "june", "juin", "juni", "июн", "июня", "июнь", "giugno", "junio", "junho"),
    ("jul", "july", "juil", "juillet", "juli", "июл", "июля", "июль", "luglio", "julio", "julho"),
    ("aug", "august", "août", "авг", "августа", "август", "agosto", "augustus"),
    ("sep", "sept", "september", "septembre", "сен", "сент", "сентября", "сентябрь",
     "settembre", "septiembre", "setembro"),
    ("oct", "october", "octobre", "okt", "oktober", "окт", "октября", "октябрь", "ottobre", "octubre",
     "outubro"),
    ("nov", "november", "novembre", "ноя", "нояб", "ноября", "ноябрь", "noviembre", "novembro"),
    ("dec", "december", "déc", "décembre", "dez", "dezember", "дек", "декабря", "декабрь",
     "dicembre", "diciembre", "dezembro"),
)) for name in names}
_ROMAN = {r: i + 1 for i, r in enumerate(("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi",
                                          "xii"))}
_CALENDAR_WORDS = {
    "julian": Calendar.JULIAN, "o.s.": Calendar.JULIAN, "os": Calendar.JULIAN, "old style": Calendar.JULIAN,
    "gregorian": Calendar.GREGORIAN, "n.s.": Calendar.GREGORIAN, "new style": Calendar.GREGORIAN,
}
_CALENDAR_RE = re.compile(r"\(?\b(julian|gregorian|old style|new style)\b\)?|\(?(?<![\w.])(o\.s\.|n\.s\.|os)"
                          r"(?![\w.])\)?")
# words before a date, longest first where one starts another
_PREFIXES: tuple[tuple[str, DateModifier], ...] = (
    ("approximately", DateModifier.ABOUT), ("approx", DateModifier.ABOUT), ("about", DateModifier.ABOUT),
    ("around", DateModifier.ABOUT), ("circa", DateModifier.ABOUT), ("abt", DateModifier.ABOUT),
    ("ca", DateModifier.ABOUT), ("c", DateModifier.ABOUT), ("~", DateModifier.ABOUT),
    ("estimated", DateModifier.ESTIMATED), ("est", DateModifier.ESTIMATED),
    ("calculated", DateModifier.CALCULATED), ("calc", DateModifier.CALCULATED),
    ("cal", DateModifier.CALCULATED),
    ("before", DateModifier.BEFORE), ("bef", DateModifier.BEFORE), ("<", DateModifier.BEFORE),
    ("after", DateModifier.AFTER), ("aft", DateModifier.AFTER), (">", DateModifier.AFTER),
    ("until", DateModifier.TO), ("till", DateModifier.TO), ("to", DateModifier.TO),
    ("from", DateModifier.FROM), ("since", DateModifier.FROM),
    # German, French and Dutch words for the same (after the English, which they never start)
    ("ungefähr", DateModifier.ABOUT), ("etwa", DateModifier.ABOUT), ("um", DateModifier.ABOUT),
    ("vers", DateModifier.ABOUT), ("omstreeks", DateModifier.ABOUT),
    ("vor", DateModifier.BEFORE), ("avant", DateModifier.BEFORE), ("voor", DateModifier.BEFORE),
    ("nach", DateModifier.AFTER), ("après", DateModifier.AFTER), ("na", DateModifier.AFTER),
)
# a modifier word ends where no letter follows: "c1890", "c. 1890", "~ 1890", "<1908"
_PREFIX_RE = re.compile(r"(" + "|".join(re.escape(w) for w, _ in _PREFIXES) + r")(?:\.|(?![^\W\d_]))\s*")
_PREFIX_WORDS = dict(_PREFIXES)
_DOUBT_RE = re.compile(r"^(probably|believed|presumably|likely)\s+|\s*\?$")
_RANGE_RES = (
    (re.compile(r"^(?:between|bet\.?|btw\.?)\s+(.+?)\s+(?:and|&|-)\s+(.+)$"), DateModifier.BETWEEN),
    (re.compile(r"^(?:from)\s+(.+?)\s+(?:to|until|till|-)\s+(.+)$"), DateModifier.FROM_TO),
    # "1924-1925", "1924 - 1925": a range of years, the event in it (a period says "from 1914 to 1918")
    (re.compile(r"^(\d{3,4})\s*-\s*(\d{3,4})$"), DateModifier.BETWEEN),
    (re.compile(r"^(\d{3,4})\s+(?:to|until|till)\s+(\d{3,4})$"), DateModifier.BETWEEN),  # "1924 to 1925"
)
_EITHER_RE = re.compile(r"^(.+?)\s+or\s+(.+)$")
# "1850s", "the 1850s": the decade; "1800s": the century, as genealogists write it
_DECADE_RE = re.compile(r"^(?:in\s+)?(?:the\s+)?(\d{2,3})0['’]?s$")
_NUMERIC_RE = re.compile(r"^(\d{1,2})\s*([./-])\s*(\d{1,2}|[ivx]+)\s*\2\s*(\d+)$")
_ISO_RE = re.compile(r"^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$")
_MONTH_YEAR_RE = re.compile(r"^(\d{1,2}|[ivx]+)\s*[./]\s*(\d{3,4})$")
_ERA_RE = re.compile(r"\s*\b(b\.?\s?c\.?(?:e\.?)?|a\.?\s?d\.?|c\.?e\.?)$")
_ORDINAL_RE = re.compile(r"^(\d{1,2})(?:st|nd|rd|th|\.)?$")
_YEAR_RE = re.compile(r"^(\d{1,4})(?:/(\d{1,2}))?$")


class _UnreadableError(ValueError):
    """The text read so far is no date; the message says why, for the warning."""


@slotted(frozen=True)
class DateInput:
    """What a date field's text means: the GEDCOM date it gives, its words, and what to tell the user.

    `date` is None for an empty field. Text that cannot be read as a date is kept whole as
    a date phrase (`kept` True), so nothing typed is lost, and `warning` says so.
    """

    text: str
    date: Date | None
    warning: str = ""
    kept: bool = False

    @property
    def gedcom(self) -> str:
        """The GEDCOM 7 date value ("ABT 1937"); "" for a phrase alone or no date."""
        return self.date.to_gedcom() if self.date is not None else ""

    @property
    def preview(self) -> str:
        """The live preview under the field: the date in words, or what is kept and why."""
        if self.date is None:
            return ""
        if self.kept:
            return f"\u201c{self.date.phrase}\u201d, kept as written (no date this program can read)"
        return self.date.display()


def read_date(text: str) -> DateInput:
    """Read a date as typed; never raises, never drops text (see `DateInput`).

    Understood: GEDCOM itself ("BET 1924 AND 1925", "@#DJULIAN@ 1 JAN 1700"); words for the
    modifiers ("about", "abt", "c.", "ca", "circa", "~", "est", "calc", "before", "<", "after",
    ">", "between ... and", "from ... to", "until"); "1924-1925" as a range; months in words
    (English, and French, German and Russian abbreviations) or numbers, day first ("21.3.1908",
    "21.III.1908"), month first only where the day cannot come first ("3/21/1908"), ISO
    ("1908-03-21"), ordinals ("21st March, 1908"), "March 21, 1908"; a calendar named anywhere
    ("Julian", "O.S."); "BC"; doubt ("1908?", "probably 1908") kept as a phrase in words; a decade
    ("1850s": between 1850 and 1859) or century ("1800s": between 1800 and 1899); months also in
    Italian, Spanish, Dutch and Portuguese words ("21 marzo 1908").
    """
    typed = " ".join(text.split())
    if not typed:
        return DateInput(text, None)
    date = _as_gedcom(typed)
    warnings: list[str] = []
    if date is None:
        try:
            date = _read(typed, warnings)
        except _UnreadableError as why:
            return _kept(text, typed, f"{_as_typed(str(why), typed)}; kept as written, as a date phrase")
        # what a file would read back (5.5.1 writes a double year; 7.0 keeps it in the phrase, in words)
        if Date.parse(date.to_gedcom(version7=False), phrase=date.phrase) != date:
            return _kept(text, typed, "This date cannot be written in a GEDCOM file; kept as written, "
                                      "as a date phrase")
    if not date.phrase and any(d is not None and d.dual_year for d in (date.start, date.end)):
        date = replace(date, phrase=date.display())  # GEDCOM 7 has no double years: said in words
    if date.start is not None and date.end is not None and date.start.sort_tuple() > date.end.sort_tuple():
        warnings.append("The range ends before it starts")
    this_year = datetime.date.today().year
    future = [d.year for d in (date.start, date.end) if d is not None and d.year is not None and not d.bce
              and d.calendar in (Calendar.GREGORIAN, Calendar.JULIAN) and d.year > this_year]
    if future:
        warnings.append(f"The year {future[0]} is still to come: is it mistyped?")
    return DateInput(text, date, "; ".join(warnings))


def _as_typed(warning: str, typed: str) -> str:
    """A warning quoting the user's words as they typed them (they were read case-folded)."""
    def typed_form(quoted: re.Match[str]) -> str:
        at = typed.casefold().find(quoted.group(1))
        found = typed[at:at + len(quoted.group(1))] if at >= 0 else ""
        return f"\u201c{found}\u201d" if found.casefold() == quoted.group(1) else quoted.group(0)

    return re.sub("\u201c(.+?)\u201d", typed_form, warning)


def _kept(text: str, typed: str, warning: str) -> DateInput:
    inner = typed[1:-1].strip() if typed.startswith("(") and typed.endswith(")") else ""
    return DateInput(text, Date(DateModifier.TEXT, phrase=inner or typed), warning, kept=True)


_INT_RE = re.compile(r"^int\s+([^(]*?)\s*\((.*)\)$", re.I)


def _as_gedcom(typed: str) -> Date | None:
    """The date when the text is already a GEDCOM date value with days and years that exist, else None.

    (A year of one or two digits is taken for one being typed, or a century left out.)
    """
    interpreted = _INT_RE.match(typed)
    if interpreted is not None:  # 5.5.1 "INT 1908 (from his age)": only the date is upper case
        date = Date.parse(f"INT {interpreted.group(1).upper()} ({interpreted.group(2)})")
    elif "(" in typed:
        return None
    else:
        date = Date.parse(typed.upper())
    if not date.valid or date.modifier is DateModifier.TEXT:
        return None
    for part in (date.start, date.end):
        if part is not None and (_day_error(part) or (part.year or 0) < 100 and not part.bce):
            return None
    return replace(date, original="")  # written from the model, in the form of the version saved


def _read(typed: str, warnings: list[str]) -> Date:
    text = typed.casefold().replace("\u2013", "-").replace("\u2014", "-").replace(",", " ")
    text = " ".join(text.split())
    doubt = ""
    m = _DOUBT_RE.search(text)
    if m is not None:
        doubt = m.group(1) or "probably"
        text = (text[:m.start()] + text[m.end():]).strip()
    calendar = Calendar.GREGORIAN
    found = _CALENDAR_RE.search(text)
    if found is not None:
        calendar = _CALENDAR_WORDS[found.group(1) or found.group(2)]
        text = " ".join((text[:found.start()] + " " + text[found.end():]).split())
    if text.endswith(".") and text[:-1][-1:].isdigit():
        text = text[:-1]  # the full stop of a sentence: "born 1908."
    decade = _DECADE_RE.match(text)
    if decade is not None:
        low = int(decade.group(1)) * 10
        high = low + (99 if low % 100 == 0 else 9)
        return Date(DateModifier.BETWEEN, SimpleDate(low, calendar=calendar),
                    SimpleDate(high, calendar=calendar))
    either = _EITHER_RE.match(text)
    if either is not None:  # "1937 or 1938": two dates, and a fact has one
        first, second = (_PREFIX_RE.sub("", part, count=1) for part in either.groups())
        raise _UnreadableError(f"\u201c{first} or {second}\u201d names two dates, and a fact has one date "
                               f"(for either, write \u201cbetween {first} and {second}\u201d)")
    for pattern, modifier in _RANGE_RES:
        m = pattern.match(text)
        if m is not None:
            start, end = (_simple(m.group(i), calendar, warnings) for i in (1, 2))
            date = Date(modifier, start, end)
            break
    else:
        modifier = DateModifier.EXACT
        m = _PREFIX_RE.match(text)
        if m is not None and m.end() < len(text):
            modifier = _PREFIX_WORDS[m.group(1)]
            text = text[m.end():]
        date = Date(modifier, _simple(text, calendar, warnings))
    if doubt:
        date = replace(date, phrase=f"{doubt} {date.display()}", qualifier=DateQualifier.BELIEVED)
    return date


def _simple(text: str, calendar: Calendar, warnings: list[str]) -> SimpleDate:
    """One calendar date: "21.3.1908", "1908-03-21", "21st March 1908", "March 21 1908", "1749/50"."""
    text = text.strip()
    bce = False
    era = _ERA_RE.search(text)
    if era is not None and era.start() > 0:
        bce = era.group(1).startswith("b")
        text = text[:era.start()].strip()
    year_explicit = era is not None
    numeric = _numeric(text, calendar, bce, year_explicit, warnings)
    if numeric is not None:
        return _checked(numeric)
    words = [w.rstrip(".") if w.rstrip(".") in _MONTHS else w for w in text.split()]
    day: int | None = None
    month: int | None = None
    year_text: str = ""
    dual: str = ""
    for w in words:
        if w in _MONTHS and month is None:
            month = _MONTHS[w]
            continue
        y = _YEAR_RE.match(w)
        o = _ORDINAL_RE.match(w)
        last = w == words[-1]
        day_here = month is None or len(words) == 3  # "21 March 1908", "March 21 1908"
        if o is not None and day is None and not year_text and not last and day_here:
            day = int(o.group(1))
        elif y is not None and not year_text and last:
            year_text, dual = y.group(1), y.group(2) or ""
        else:  # the word that is not a date's, rather than a number in the wrong place before it
            culprit = next((x for x in words if x not in _MONTHS and not _YEAR_RE.match(x)
                            and not _ORDINAL_RE.match(x)), w)
            raise _UnreadableError(f"\u201c{culprit}\u201d is not part of a date this program can read")
    if not year_text:
        raise _UnreadableError("A date needs a year")
    if day is not None and month is None:
        raise _UnreadableError("A day needs a month")
    return _checked(SimpleDate(_year(year_text, year_explicit), month, day, calendar, bce,
                               _dual(year_text, dual)))


def _numeric(text: str, calendar: Calendar, bce: bool, explicit: bool,
             warnings: list[str]) -> SimpleDate | None:
    """A date in numbers: "21.3.1908", "3/21/1908", "1908-03-21", "3.1908", "XII.1908"; None for others."""
    m = _NUMERIC_RE.match(text)
    if m is not None:
        first, second, year = int(m.group(1)), m.group(3), m.group(4)
        day, month = _day_month(first, second, m.group(2), year, warnings)
        return SimpleDate(_year(year, explicit), month, day, calendar, bce)
    m = _ISO_RE.match(text)
    if m is not None:
        iso_day = int(m.group(3)) if m.group(3) else None
        return SimpleDate(int(m.group(1)), int(m.group(2)), iso_day, calendar, bce)
    m = _MONTH_YEAR_RE.match(text)
    if m is not None:
        return SimpleDate(int(m.group(2)), _ROMAN.get(m.group(1)) or int(m.group(1)), None, calendar, bce)
    return None


def _day_month(first: int, second: str, separator: str, year: str, warnings: list[str]) -> tuple[int, int]:
    """Day and month of "21.3.1908" or "3/21/1908": day first unless the day cannot be first."""
    if second in _ROMAN:
        return first, _ROMAN[second]
    if not second.isdigit():
        raise _UnreadableError(f"\u201c{second}\u201d is not a month")
    other = int(second)
    if first > 12 >= other or first == other:
        return first, other
    if other > 12 >= first:
        return other, first  # "3/21/1908": only month first makes sense
    if first > 12 and other > 12:
        raise _UnreadableError(f"Neither {first} nor {other} is a month")
    day, month = first, other
    if separator == ".":
        return day, month  # "5.6.1960": the dotted form is written day first wherever it is used
    names = MONTH_NAMES[Calendar.GREGORIAN]
    other_way = f"{month} {names[day - 1]}"
    warnings.append(f"Read day first, as {day} {names[month - 1]} {year}; for {other_way} write "
                    f"{other}{separator}{first}{separator}{year} or {month} {names[day - 1][:3]} {year}")
    return day, month


def _year(text: str, explicit: bool) -> int:
    if len(text) <= 2 and not explicit:
        raise _UnreadableError(f"Write the year in full: \u201c{text}\u201d could be any century")
    year = int(text)
    if year == 0:
        raise _UnreadableError("There is no year 0")
    return year


def _dual(year_text: str, dual: str) -> str:
    """The second year of "1749/50" (Old Style and New Style), which must follow the first."""
    if dual and (int(year_text) + 1) % 10 ** len(dual) != int(dual):
        raise _UnreadableError(f"\u201c{year_text}/{dual}\u201d is not a double year (that would be "
                        f"{year_text}/{str(int(year_text) + 1)[-len(dual):]})")
    return dual


def _checked(date: SimpleDate) -> SimpleDate:
    error = _day_error(date)
    if error:
        raise _UnreadableError(error)
    return date


def _day_error(date: SimpleDate) -> str:
    """Why a Gregorian or Julian day or month does not exist, or ""."""
    if date.calendar not in (Calendar.GREGORIAN, Calendar.JULIAN) or date.month is None or date.year is None:
        return ""
    if not 1 <= date.month <= 12:
        return f"There is no month {date.month}"
    if date.day is None:
        return ""
    leap = date.year % 4 == 0 and (date.calendar is Calendar.JULIAN or date.year % 100 != 0
                                   or date.year % 400 == 0)
    days = 29 if date.month == 2 and leap else (28 if date.month == 2 else 30 if date.month in (4, 6, 9, 11)
                                                 else 31)
    if not 1 <= date.day <= days:
        return f"{MONTH_NAMES[Calendar.GREGORIAN][date.month - 1]} {date.year} has no day {date.day}"
    return ""

"""Genealogical dates: GEDCOM date values with calendars, modifiers and phrases."""

from __future__ import annotations

import enum
import re
from dataclasses import field

from familytree.model.slotted import slotted

__all__ = ["Calendar", "DateModifier", "DateQualifier", "SimpleDate", "Date", "MONTH_NAMES"]


class Calendar(enum.Enum):
    GREGORIAN = "GREGORIAN"
    JULIAN = "JULIAN"
    FRENCH_R = "FRENCH_R"
    HEBREW = "HEBREW"
    UNKNOWN = "UNKNOWN"  # an extension calendar (_NAME) kept as text


class DateModifier(enum.Enum):
    """How a date value relates to the real, possibly unknown, date."""

    EXACT = ""
    ABOUT = "ABT"
    CALCULATED = "CAL"
    ESTIMATED = "EST"
    BEFORE = "BEF"
    AFTER = "AFT"
    BETWEEN = "BET"  # BET start AND end
    FROM = "FROM"  # FROM start (period, open end)
    TO = "TO"  # TO end (period, open start); the date is kept in `start`
    FROM_TO = "FROM_TO"  # FROM start TO end
    INTERPRETED = "INT"  # 5.5.1 INT date (phrase)
    TEXT = "TEXT"  # only a phrase, no date that could be parsed


class DateQualifier(enum.Enum):
    """How sure the researcher is, beyond the GEDCOM modifier."""

    NONE = ""
    BELIEVED = "believed"  # given in a PHRASE such as "believed 1937"


_GEDCOM_MONTHS: dict[Calendar, tuple[str, ...]] = {
    Calendar.GREGORIAN: ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                         "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
    Calendar.JULIAN: ("JAN", "FEB", "MAR", "APR", "MAY", "JUN",
                      "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"),
    Calendar.FRENCH_R: ("VEND", "BRUM", "FRIM", "NIVO", "PLUV", "VENT", "GERM",
                        "FLOR", "PRAI", "MESS", "THER", "FRUC", "COMP"),
    Calendar.HEBREW: ("TSH", "CSH", "KSL", "TVT", "SHV", "ADR", "ADS",
                      "NSN", "IYR", "SVN", "TMZ", "AAV", "ELL"),
}

MONTH_NAMES: dict[Calendar, tuple[str, ...]] = {
    Calendar.GREGORIAN: (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    Calendar.FRENCH_R: (
        "Vendémiaire", "Brumaire", "Frimaire", "Nivôse", "Pluviôse", "Ventôse", "Germinal",
        "Floréal", "Prairial", "Messidor", "Thermidor", "Fructidor", "jour complémentaire",
    ),
    Calendar.HEBREW: (
        "Tishrei", "Cheshvan", "Kislev", "Tevet", "Shevat", "Adar", "Adar II",
        "Nisan", "Iyar", "Sivan", "Tammuz", "Av", "Elul",
    ),
}
MONTH_NAMES[Calendar.JULIAN] = MONTH_NAMES[Calendar.GREGORIAN]

_CALENDAR_ESCAPES = {
    "@#DGREGORIAN@": Calendar.GREGORIAN,
    "@#DJULIAN@": Calendar.JULIAN,
    "@#DFRENCH R@": Calendar.FRENCH_R,
    "@#DHEBREW@": Calendar.HEBREW,
    "GREGORIAN": Calendar.GREGORIAN,
    "JULIAN": Calendar.JULIAN,
    "FRENCH_R": Calendar.FRENCH_R,
    "HEBREW": Calendar.HEBREW,
}
_CALENDAR_TAGS = {
    Calendar.GREGORIAN: ("GREGORIAN", "@#DGREGORIAN@"),
    Calendar.JULIAN: ("JULIAN", "@#DJULIAN@"),
    Calendar.FRENCH_R: ("FRENCH_R", "@#DFRENCH R@"),
    Calendar.HEBREW: ("HEBREW", "@#DHEBREW@"),
}

_MODIFIER_ORDER = {
    # where an uncertain date sorts relative to an exact one of the same day
    DateModifier.BEFORE: -2,
    DateModifier.TO: -1,
    DateModifier.EXACT: 0,
    DateModifier.ABOUT: 0,
    DateModifier.CALCULATED: 0,
    DateModifier.ESTIMATED: 0,
    DateModifier.INTERPRETED: 0,
    DateModifier.BETWEEN: 0,
    DateModifier.FROM: 0,
    DateModifier.FROM_TO: 0,
    DateModifier.AFTER: 2,
    DateModifier.TEXT: 3,
}


@slotted(frozen=True)
class SimpleDate:
    """One calendar date, any part of which may be unknown."""

    year: int | None
    month: int | None = None  # 1-based; 13 for the French and Hebrew thirteenth month
    day: int | None = None
    calendar: Calendar = Calendar.GREGORIAN
    bce: bool = False
    dual_year: str = ""  # 5.5.1 "1749/50": the part after the slash
    calendar_name: str = ""  # the original name of an UNKNOWN (extension) calendar
    month_name: str = ""  # a GEDCOM 7 extension month ("_MONTH"), when `month` cannot say it

    def sort_tuple(self) -> tuple[int, int, int]:
        """(year, month, day) with unknown parts as 0; BCE years negative.

        Julian, French and Hebrew years are approximated to the Gregorian era so
        that a mixed list sorts sensibly, which is all a timeline needs.
        """
        year = self.year or 0
        if self.bce:
            year = -year
        if self.calendar is Calendar.HEBREW and self.year:
            year -= 3760
        elif self.calendar is Calendar.FRENCH_R and self.year:
            year += 1791
        return (year, self.month or 0, self.day or 0)

    def gregorian_year(self) -> int | None:
        if self.year is None:
            return None
        return self.sort_tuple()[0]

    def to_gedcom(self, version7: bool = True) -> str:
        parts: list[str] = []
        if self.calendar is Calendar.UNKNOWN and self.calendar_name:
            parts.append(self.calendar_name)
        elif self.calendar is not Calendar.GREGORIAN:
            parts.append(_CALENDAR_TAGS[self.calendar][0 if version7 else 1])
        if self.day is not None:
            parts.append(str(self.day))
        if self.month_name:
            parts.append(self.month_name)
        elif self.month is not None:
            months = _GEDCOM_MONTHS.get(self.calendar, _GEDCOM_MONTHS[Calendar.GREGORIAN])
            parts.append(months[self.month - 1] if 0 < self.month <= len(months) else str(self.month))
        if self.year is not None:
            year = f"{self.year}"
            if self.dual_year and not version7:
                year += "/" + self.dual_year
            parts.append(year)
        if self.bce:
            parts.append("BCE" if version7 else "B.C.")
        return " ".join(parts)

    def display(self) -> str:
        parts: list[str] = []
        if self.day is not None:
            parts.append(str(self.day))
        if self.month_name:
            parts.append(self.month_name.lstrip("_").capitalize())
        elif self.month is not None:
            names = MONTH_NAMES.get(self.calendar, MONTH_NAMES[Calendar.GREGORIAN])
            parts.append(names[self.month - 1] if 0 < self.month <= len(names) else str(self.month))
        if self.year is not None:
            year = str(self.year) + ("/" + self.dual_year if self.dual_year else "")
            parts.append(year)
        if self.bce:
            parts.append("BC")
        text = " ".join(parts)
        if self.calendar is Calendar.JULIAN:
            text += " (Julian)"
        elif self.calendar is Calendar.FRENCH_R:
            text += " (French Republican)"
        elif self.calendar is Calendar.HEBREW:
            text += " (Hebrew)"
        elif self.calendar is Calendar.UNKNOWN and self.calendar_name:
            text += f" ({self.calendar_name})"
        return text


_WORD_DISPLAY = {
    DateModifier.ABOUT: "about",
    DateModifier.CALCULATED: "calculated",
    DateModifier.ESTIMATED: "estimated",
    DateModifier.BEFORE: "before",
    DateModifier.AFTER: "after",
    DateModifier.FROM: "from",
    DateModifier.TO: "to",
}

# a modifier before a year: (running text, chart box)
_YEAR_WORDS: dict[DateModifier, tuple[str, str]] = {
    DateModifier.ABOUT: ("about", "abt."),
    DateModifier.CALCULATED: ("calculated", "calc."),
    DateModifier.ESTIMATED: ("estimated", "est."),
    DateModifier.BEFORE: ("before", "bef."),
    DateModifier.AFTER: ("after", "aft."),
    DateModifier.BETWEEN: ("between", "bet."),
    DateModifier.FROM: ("from", "from"),
    DateModifier.TO: ("to", "to"),
}


def _year_words(year: int) -> str:
    return str(year) if year > 0 else f"{-year} BC"


_PHRASE_RE = re.compile(r"^\((.*)\)$", re.S)
_SIMPLE_RE = re.compile(r"(?:(ABT|CAL|EST|BEF|AFT) )?(?:(\d{1,2}) (?=[A-Z]))?"
                        r"(?:(JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC) )?(\d{1,4})\Z")
_MONTH_NUMBERS = {m: i + 1 for i, m in enumerate(_GEDCOM_MONTHS[Calendar.GREGORIAN])}
_SIMPLE_MODIFIERS = {
    None: DateModifier.EXACT, "ABT": DateModifier.ABOUT, "CAL": DateModifier.CALCULATED,
    "EST": DateModifier.ESTIMATED, "BEF": DateModifier.BEFORE, "AFT": DateModifier.AFTER,
}
_BELIEVED_RE = re.compile(r"\b(believed|probably|presumably|reportedly|likely)\b", re.I)


@slotted(frozen=True)
class Date:
    """A GEDCOM date value.

    `Date` compares equal only to the same value with the same modifier, so
    "about 1937" and "1937" are different dates; `sort_key` puts them next to
    each other.  `original` is the text as read, kept for faithful writing.
    """

    modifier: DateModifier = DateModifier.EXACT
    start: SimpleDate | None = None
    end: SimpleDate | None = None
    phrase: str = ""
    qualifier: DateQualifier = DateQualifier.NONE
    original: str = field(default="", compare=False)
    valid: bool = field(default=True, compare=False)

    # -- construction -------------------------------------------------
    @classmethod
    def parse(cls, text: str, phrase: str = "") -> Date:
        """Parse a GEDCOM 5.5.1 or 7.0 date value; never raises.

        Text that does not follow the grammar becomes a TEXT date that keeps
        the text as its phrase, with `valid` False.
        """
        if not phrase:
            # most dates in real files are "[ABT] [[day] month] year": parsed without the general path
            m = _SIMPLE_RE.match(text)
            if m is not None:
                mod, day, month, year = m.groups()
                if day is None or 1 <= int(day) <= 31:
                    start = SimpleDate(int(year), _MONTH_NUMBERS[month] if month else None,
                                       int(day) if day else None)
                    return cls(_SIMPLE_MODIFIERS[mod], start, original=text)
        raw = text
        text = " ".join(text.split())
        qualifier = DateQualifier.BELIEVED if phrase and _BELIEVED_RE.search(phrase) else DateQualifier.NONE
        if not text:
            return cls(DateModifier.TEXT, phrase=phrase, qualifier=qualifier, original=raw)
        m = _PHRASE_RE.match(text)
        if m:  # 5.5.1 date phrase "(text)"
            inner = m.group(1)
            q = DateQualifier.BELIEVED if _BELIEVED_RE.search(inner) else qualifier
            return cls(DateModifier.TEXT, phrase=inner, qualifier=q, original=raw)
        upper = text.upper()
        words = upper.split(" ")
        try:
            head = words[0]
            if head in ("ABT", "CAL", "EST", "BEF", "AFT"):
                modifier = {
                    "ABT": DateModifier.ABOUT, "CAL": DateModifier.CALCULATED,
                    "EST": DateModifier.ESTIMATED, "BEF": DateModifier.BEFORE,
                    "AFT": DateModifier.AFTER,
                }[head]
                return cls(modifier, _parse_simple(words[1:]), phrase=phrase, qualifier=qualifier,
                           original=raw)
            if head == "INT":
                body, _, ph = text[4:].partition("(")
                inner = ph.rstrip(")") if ph else phrase
                return cls(DateModifier.INTERPRETED, _parse_simple(body.upper().split()), phrase=inner,
                           qualifier=qualifier, original=raw)
            if head == "BET":
                i = words.index("AND")
                return cls(DateModifier.BETWEEN, _parse_simple(words[1:i]), _parse_simple(words[i + 1:]),
                           phrase=phrase, qualifier=qualifier, original=raw)
            if head == "FROM":
                if "TO" in words:
                    i = words.index("TO")
                    return cls(DateModifier.FROM_TO, _parse_simple(words[1:i]), _parse_simple(words[i + 1:]),
                               phrase=phrase, qualifier=qualifier, original=raw)
                return cls(DateModifier.FROM, _parse_simple(words[1:]), phrase=phrase, qualifier=qualifier,
                           original=raw)
            if head == "TO":
                return cls(DateModifier.TO, _parse_simple(words[1:]), phrase=phrase, qualifier=qualifier,
                           original=raw)
            return cls(DateModifier.EXACT, _parse_simple(words), phrase=phrase, qualifier=qualifier,
                       original=raw)
        except (ValueError, IndexError, KeyError):
            return cls(DateModifier.TEXT, phrase=phrase or text, qualifier=qualifier, original=raw,
                       valid=False)

    # -- queries ---------------------------------------------------------
    @property
    def is_uncertain(self) -> bool:
        return self.modifier not in (DateModifier.EXACT, DateModifier.FROM, DateModifier.TO,
                                     DateModifier.FROM_TO) or self.qualifier is not DateQualifier.NONE

    @property
    def year(self) -> int | None:
        """The Gregorian-era year this date is best described by, if any."""
        if self.start is not None and self.start.year is not None:
            return self.start.gregorian_year()
        if self.end is not None and self.end.year is not None:
            return self.end.gregorian_year()
        return None

    def year_range(self) -> tuple[int | None, int | None]:
        """Earliest and latest year the date allows (None where open)."""
        s = self.start.gregorian_year() if self.start else None
        e = self.end.gregorian_year() if self.end else None
        if self.modifier is DateModifier.BEFORE:
            return (None, s)
        if self.modifier is DateModifier.AFTER:
            return (s, None)
        if self.modifier in (DateModifier.BETWEEN, DateModifier.FROM_TO):
            return (s, e)
        return (s, s)

    def sort_key(self) -> tuple[int, int, int, int, int]:
        """A key that orders dates chronologically.

        Ranges sort by their midpoint, so "between 1924 and 1926" sorts as 1925;
        an undated value sorts last.
        """
        if self.start is None:
            return (1, 0, 0, 0, _MODIFIER_ORDER[self.modifier])
        y, m, d = self.start.sort_tuple()
        if self.end is not None and self.modifier in (DateModifier.BETWEEN, DateModifier.FROM_TO):
            ey, em, ed = self.end.sort_tuple()
            if ey and y:
                mid = (y * 12 + max(m, 1) - 1 + ey * 12 + max(em, 1) - 1) // 2
                y, m, d = mid // 12, mid % 12 + 1, 0
        return (0, y, m, d, _MODIFIER_ORDER[self.modifier])

    # -- output ----------------------------------------------------------
    def to_gedcom(self, version7: bool = True) -> str:
        """The date value for a GEDCOM line (without the PHRASE substructure)."""
        if self.modifier is DateModifier.TEXT:
            return "" if version7 else f"({self.phrase})" if self.phrase else ""
        s = self.start.to_gedcom(version7) if self.start else ""
        e = self.end.to_gedcom(version7) if self.end else ""
        if self.modifier is DateModifier.EXACT:
            return s
        if self.modifier is DateModifier.BETWEEN:
            return f"BET {s} AND {e}"
        if self.modifier is DateModifier.FROM_TO:
            return f"FROM {s} TO {e}"
        if self.modifier is DateModifier.INTERPRETED:
            if version7:
                return s
            return f"INT {s} ({self.phrase})" if self.phrase else f"INT {s}"
        return f"{self.modifier.value} {s}"

    def display(self) -> str:
        """Readable English: "21 March 1908", "about 1937", "believed 1937"."""
        if self.modifier is DateModifier.TEXT:
            return self.phrase
        s = self.start.display() if self.start else ""
        e = self.end.display() if self.end else ""
        if self.modifier is DateModifier.BETWEEN:
            text = f"between {s} and {e}"
        elif self.modifier is DateModifier.FROM_TO:
            text = f"from {s} to {e}"
        elif self.modifier in _WORD_DISPLAY:
            text = f"{_WORD_DISPLAY[self.modifier]} {s}"
        else:
            text = s
        if self.phrase and s and s in self.phrase and (not e or e in self.phrase):
            # A GEDCOM 7 PHRASE is meant to say the date in words: when it restates this
            # date, it alone says it best ("before 3 August 1935, when Service calls her...").
            return self.phrase
        if self.qualifier is DateQualifier.BELIEVED and self.modifier is DateModifier.EXACT:
            text = f"believed {text}"
        if self.phrase and self.modifier is not DateModifier.INTERPRETED and not self.qualifier.value:
            text = f"{text} ({self.phrase})"
        elif self.phrase and self.modifier is DateModifier.INTERPRETED:
            text = f"{text} ({self.phrase})"
        return text

    def short_year(self) -> str:
        """The year for a chart box, where room is short: "1908", "bef. 1908", "abt. 1890", "1937?".

        Words a reader knows, shortened as genealogists shorten them, never a symbol
        ("<1908", "c.1890"); "?" for a date the file gives only in words (the box's tooltip
        and the details say them) and after a year the researcher only believes.
        """
        return self.year_text(short=True)

    def year_text(self, short: bool = False) -> str:
        """The year in running text: "1908", "before 1908", "about 1890", "believed 1937",
        "between 1924 and 1926"; a date given only in words, those words. `short` words it
        for a chart box instead (see `short_year`).
        """
        if self.year is None:
            if self.modifier is DateModifier.TEXT and self.phrase:
                return "?" if short else self.phrase
            return ""
        y = _year_words(self.year)
        mod = self.modifier
        if mod in (DateModifier.BETWEEN, DateModifier.FROM_TO):
            end = self.end.gregorian_year() if self.end is not None else None
            if end is None or end == self.year:
                return y  # a range within one year: that year
            e = _year_words(end)
            if mod is DateModifier.FROM_TO:
                return f"{y} to {e}" if short else f"from {y} to {e}"
            return f"{_YEAR_WORDS[mod][short]} {y} and {e}"
        if mod in _YEAR_WORDS:
            return f"{_YEAR_WORDS[mod][short]} {y}"
        if self.is_uncertain:  # believed, or interpreted from the file's words
            return f"{y}?" if short else f"{'believed' if mod is DateModifier.EXACT else 'probably'} {y}"
        return y

    def __str__(self) -> str:
        return self.display()


def _parse_simple(words: list[str]) -> SimpleDate:
    """Parse "[calendar] [[day] month] year [BCE]" from upper-case words."""
    calendar = Calendar.GREGORIAN
    calendar_name = ""
    words = list(words)
    if not words:
        raise ValueError("empty date")
    # 5.5.1 escapes may contain a space: "@#DFRENCH R@"
    if words[0].startswith("@#D"):
        esc = words.pop(0)
        while not esc.endswith("@") and words:
            esc += " " + words.pop(0)
        if esc not in _CALENDAR_ESCAPES:
            if esc in ("@#DROMAN@", "@#DUNKNOWN@"):
                calendar, calendar_name = Calendar.UNKNOWN, esc
            else:
                raise ValueError(f"unknown calendar {esc}")
        else:
            calendar = _CALENDAR_ESCAPES[esc]
    elif words[0] in _CALENDAR_ESCAPES:
        calendar = _CALENDAR_ESCAPES[words.pop(0)]
    elif words[0].startswith("_"):
        calendar, calendar_name = Calendar.UNKNOWN, words.pop(0)
    bce = False
    if words and words[-1] in ("BCE", "B.C.", "BC", "(B.C.)"):
        bce = True
        words.pop()
    if not words or len(words) > 3:
        raise ValueError("bad date")
    year_text = words[-1]
    dual = ""
    if "/" in year_text:
        year_text, dual = year_text.split("/", 1)
        if not dual.isdigit():
            raise ValueError("bad dual year")
    if not year_text.isdigit():
        raise ValueError("bad year")
    year = int(year_text)
    month = day = None
    month_name = ""
    if len(words) >= 2:
        months = _GEDCOM_MONTHS.get(calendar, _GEDCOM_MONTHS[Calendar.GREGORIAN])
        if calendar is Calendar.UNKNOWN:
            months = _GEDCOM_MONTHS[Calendar.GREGORIAN]
        if words[-2].startswith("_") and len(words[-2]) > 1:
            month_name = words[-2]  # GEDCOM 7 extension month
        elif words[-2] not in months:
            raise ValueError("bad month")
        else:
            month = months.index(words[-2]) + 1
    if len(words) == 3:
        if not words[0].isdigit():
            raise ValueError("bad day")
        day = int(words[0])
        if not 1 <= day <= 31:
            raise ValueError("bad day")
    return SimpleDate(year, month, day, calendar, bce, dual, calendar_name, month_name)

"""Places and ages in the words every view shows them in: "Buckingham House, London, England", "aged 16"."""

from __future__ import annotations

import re
from functools import cache

from familytree.model.records import Place

__all__ = ["place_text", "age_text", "recorded_age_text"]


def place_text(place: Place | str | None) -> str:
    """A place as a reader writes it: its jurisdictions joined by ", ", the empty ones dropped.

    The file's "Buckingham House,,London,England" (a jurisdiction left empty, as the place
    form allows) and "Kensington,Palace" read "Buckingham House, London, England" and
    "Kensington, Palace"; "" when there is no place.
    """
    name = place.name if isinstance(place, Place) else place or ""
    if "," not in name:
        return " ".join(name.split())
    return ", ".join(part for part in (" ".join(p.split()) for p in name.split(",")) if part)


def age_text(years: int, exact: bool = True) -> str:
    """An age worked out from dates: "aged 26"; "aged about 26" when the dates only suggest it;
    "aged under 1" for an infant ("aged 0" reads as a mistake)."""
    if years <= 0:
        return "aged under 1"
    return f"aged {years}" if exact else f"aged about {years}"


_AGE_WORDS = {"CHILD": "a child", "INFANT": "an infant", "STILLBORN": "stillborn"}
# GEDCOM's "16y 3m", and what programs write instead: "16", "3 months", "2 yrs"
@cache
def _age_re() -> re.Pattern[str]:  # (compiled with the first age shown: not at start-up)
    return re.compile(r"([<>])?\s*(?:(\d+)\s*(?:y|yrs?|years?)?(?![a-z]))?\s*(?:(\d+)\s*(?:m|mos?|months?))?"
                      r"\s*(?:(\d+)\s*(?:w|wks?|weeks?))?\s*(?:(\d+)\s*(?:d|days?))?", re.IGNORECASE)


_UNITS = ("year", "month", "week", "day")


def recorded_age_text(value: str) -> str:
    """An age as a record gives it (GEDCOM AGE) in words: "16y" -> "aged 16", "< 30y" -> "aged under 30",
    "3m" -> "aged 3 months", "INFANT" -> "an infant"; a value not in that form as the file words it,
    after "age" ("age about thirty"); "" for none."""
    text = " ".join(value.split())
    if not text:
        return ""
    if text.upper() in _AGE_WORDS:
        return _AGE_WORDS[text.upper()]
    m = _age_re().fullmatch(text)
    if m is None or not any(m.group(i) for i in (2, 3, 4, 5)):
        return f"age {text}"
    bound = {"<": "under ", ">": "over "}.get(m.group(1) or "", "")
    amounts = [(int(m.group(i)), unit) for i, unit in enumerate(_UNITS, start=2) if m.group(i)]
    number, unit = next(((n, u) for n, u in amounts if n), amounts[0])
    if number == 0 and not bound:
        return "aged under 1" if unit == "year" else f"aged under 1 {unit}"  # "0y": a baby
    if unit == "year":
        return f"aged {bound}{number}"  # "aged 16", not "aged 16 years 3 months": the years say it
    return f"aged {bound}{number} {unit}{'s' if number != 1 else ''}"

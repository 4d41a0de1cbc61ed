"""Records of a 5.x file made valid GEDCOM 7.0 for writing: what 7.0 has no place for becomes an extension."""

from __future__ import annotations

import re

from familytree.gedcom.lexer import is_pointer
from familytree.gedcom.schema7 import PAYLOADS, RECORDS, SUBSTRUCTURES
from familytree.model import Date, DateModifier, Structure, stored_list

__all__ = ["conformed"]

_ENUM_RE = re.compile(r"[A-Z0-9_]+")
_AGE_RE = re.compile(r"(?:[<>] )?(?:\d+y(?: \d+m)?(?: \d+w)?(?: \d+d)?|\d+m(?: \d+w)?(?: \d+d)?"
                     r"|\d+w(?: \d+d)?|\d+d)")
_AGE_WORDS = {"CHILD": "< 8y", "INFANT": "< 1y", "STILLBORN": "0y"}
_FILE_ORDER = frozenset((RECORDS["INDI"], RECORDS["FAM"]))  # records whose lines keep their order
# what an event's lines are read into before its notes (see _conform_child)
_EVENT_FIELDS = frozenset(("TYPE", "DATE", "PLAC", "AGE", "CAUS", "AGNC", "SOUR", "NOTE", "SNOTE"))
_EVENT_LISTS = frozenset(("SOUR", "NOTE", "SNOTE"))
_MAX_DEPTH = 120  # GEDCOM allows 99 levels
_children = stored_list(Structure, "children")


def conformed(record: Structure, renames: dict[str, str]) -> Structure:
    """A record of a 5.x file made valid 7.0: what 7.0 has no place for becomes an extension.

    Tags 7.0 does not allow where they stand are written with a leading underscore
    (RIN -> _RIN), enumerations in upper case, ages as ages ("23" -> "23y"), and event
    texts that 7.0 cannot hold ("1 DEAT Whitesides Cemetery") as a NOTE of the event.
    `renames`: the xrefs the writer renames (as read -> as written).
    """
    uri = RECORDS.get(record.tag)
    if uri is None:
        return record if record.tag.startswith("_") else _renamed(record)
    return _conform(record, uri, 0, renames)


def _conform(s: Structure, uri: str, depth: int, renames: dict[str, str]) -> Structure:
    if depth > _MAX_DEPTH:
        return s  # (only files nested thousands deep get here) written as read
    depth += 1
    allowed = SUBSTRUCTURES.get(uri, {})
    children = _children(s) or ()
    out: list[Structure] | None = None
    moved: list[tuple[int, str, Structure]] | None = None
    for i, c in enumerate(children):
        fixed = c if c.tag.startswith("_") else _conform_child(c, allowed, depth, renames)
        if fixed is c and out is None:
            continue
        if out is None:
            out = list(children[:i])
        if uri not in _FILE_ORDER and ((fixed.tag[:1] == "_" and c.tag[:1] != "_")
                                       or (fixed.tag == "AGE" and c.value and not fixed.value)):
            # now an extension, or an AGE of a PHRASE alone: reading the output back keeps it after
            # the lines the model reads into fields (only people and families keep their order)
            if moved is None:
                moved = []
            moved.append((len(out), c.tag, fixed))
        else:
            out.append(fixed)
    if out is None:
        return s
    if moved:
        for at, tag, _ in reversed(moved):
            # the next line of the same tag with a value is the one read into the field now
            j = next((j for j in range(at, len(out)) if out[j].tag == tag and out[j].value), -1)
            if j > at:
                out.insert(at, out.pop(j))
        out.extend(fixed for _, _, fixed in moved)
    return Structure(s.tag, s.value, s.xref, out, s.line, s.pointer)


def _conform_child(c: Structure, allowed: dict[str, str], depth: int, renames: dict[str, str]) -> Structure:
    text = c.value.__class__ is not str  # escaped text that looks like a pointer (lexer.Text)
    if c.tag == "NOTE" and "SNOTE" in allowed and not text and is_pointer(c.value.strip()):
        c = Structure("SNOTE", c.value.strip(), c.xref, c.children, c.line, True)  # 5.5.1 NOTE @N1@
    uri = allowed.get(c.tag)
    if uri is None:
        return _renamed(c)
    kind = PAYLOADS.get(uri, "text")
    value = c.value
    extra: list[Structure] = []
    children: list[Structure] | None = None  # when they change
    if kind == "none":
        if value:
            return _renamed(c)
    elif kind == "pointer":
        if c.pointer and value in renames:
            pass  # a link to a record whose xref is no pointer ("@I\x01@"): written renamed
        elif not is_pointer(value.strip()):
            return _renamed(c)
        else:
            value = value.strip()
    elif kind == "Y":
        if value not in ("", "Y"):
            # the text becomes the event's last note: where reading the output back puts it,
            # after the lines the model reads into fields, citations and notes
            children = list(c.children)
            at = 0
            seen: set[str] = set()
            while at < len(children) and _read_into_event(children[at], seen):
                at += 1
            children.insert(at, Structure("NOTE", value))
            value = "Y" if value.strip().upper() == "Y" else ""
    elif kind in ("enum", "enum-list"):
        words = [w.strip().upper().replace(" ", "_") for w in value.split(",")] if kind == "enum-list" \
            else [value.strip().upper().replace(" ", "_")]
        if not all(_ENUM_RE.fullmatch(w) for w in words):
            return _renamed(c)
        value = ", ".join(words)
    elif kind == "int":
        if not value.strip().isdigit():
            return _renamed(c)
        value = value.strip()
    elif kind in ("date", "date-exact", "date-period"):
        date, phrase = _date7(value, kind)
        if date is None:
            return _renamed(c)
        value = date
        if phrase:
            extra.append(Structure("PHRASE", phrase))
    elif kind == "age":
        value, phrase = _age7(value)
        if phrase:
            extra.append(Structure("PHRASE", phrase))
    elif kind == "name":
        value = _name7(value)
    if value == c.value and not extra and children is None:
        return _conform(c, uri, depth, renames) if _children(c) else c
    if children is None:
        children = _children(c) or []
    fixed = Structure(c.tag, value, c.xref, extra + children, c.line, c.pointer)
    return _conform(fixed, uri, depth, renames)


def _renamed(s: Structure) -> Structure:
    """A structure 7.0 has no place for, kept as an extension: RIN -> _RIN."""
    return Structure("_" + s.tag.lstrip("_"), s.value, s.xref, s.children, s.line, s.pointer)


def _read_into_event(c: Structure, seen: set[str]) -> bool:
    """True for a line of an event the reader takes into the model's fields, citations or notes."""
    tag = c.tag
    if tag in _EVENT_LISTS:
        return True
    if tag not in _EVENT_FIELDS or tag in seen or not (c.value or tag in ("DATE", "PLAC")):
        return False  # (a second DATE, an empty TYPE: kept as read, after them)
    seen.add(tag)
    return True


def _date7(value: str, kind: str) -> tuple[str | None, str]:
    """A 5.x date as a 7.0 date of the given kind, and a PHRASE for what does not fit."""
    text = " ".join(value.upper().split())
    if not text:
        return ("", "") if kind == "date" else (None, "")
    d = Date.parse(text)
    if d.valid and d.modifier is not DateModifier.TEXT:
        if kind == "date-exact" and not (d.modifier is DateModifier.EXACT and d.start is not None
                                         and d.start.day and d.start.month):
            return None, ""
        if kind == "date-period" and d.modifier not in (DateModifier.FROM, DateModifier.TO,
                                                        DateModifier.FROM_TO):
            return None, ""
        return d.to_gedcom(True), d.phrase if d.modifier is DateModifier.INTERPRETED else ""
    return (("", value.strip("()")) if kind == "date" else (None, ""))


def _age7(value: str) -> tuple[str, str]:
    """A 5.x age as a 7.0 age ("23" -> "23y", "CHILD" -> "< 8y"), and a PHRASE for what does not fit."""
    text = " ".join(value.split())
    if _AGE_RE.fullmatch(text):
        return text, ""
    fixed = re.sub(r"(\d+)\s*([ymwd])\b", r"\1\2", text.lower()).replace("<", "< ").replace(">", "> ")
    fixed = " ".join(fixed.split())
    if text.isdigit():
        fixed = text + "y"
    if _AGE_RE.fullmatch(fixed):
        return fixed, ""
    word = _AGE_WORDS.get(text.upper())
    if word:
        return word, text
    return "", text


def _name7(value: str) -> str:
    """A personal name with no control characters and no slashes beyond the surname's pair."""
    value = "".join(ch if ch >= " " else " " for ch in value)
    if value.count("/") in (0, 2):
        return value or "//"
    first = value.find("/")
    second = value.find("/", first + 1)
    if second < 0:
        if value[first + 1:].strip():  # "John /Smith": the closing slash forgotten; Smith is the surname
            return value.rstrip() + "/"
        return value.replace("/", " ").strip() or "//"
    return value[: second + 1] + value[second + 1:].replace("/", " ")

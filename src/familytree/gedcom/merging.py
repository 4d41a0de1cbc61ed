"""The structures a reading kept as read, put back among the lines the writer makes from the model."""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable

from familytree.model import Structure

__all__ = ["merged", "anchored"]


def merged(children: list[Structure], extra: Iterable[Structure] | None) -> list[Structure]:
    """`children` (changed in place) with the kept structures `extra` put back, in the order read.

    A `continues` structure's children go under the generated line of its tag, the one with
    its value if there is one; one with no such line is written as read.
    """
    if not extra:
        return children
    out = children
    extra = list(extra)
    if not any(e.continues for e in extra):
        out.extend(extra)
        return out
    # generated lines by (tag, value) and by tag, each usable by one kept structure;
    # indexed so that a record with thousands of links stays linear
    by_key: dict[tuple[str, str], deque[Structure]] = {}
    by_tag: dict[str, deque[Structure]] = {}
    for c in children:
        by_key.setdefault((c.tag, c.value), deque()).append(c)
        by_tag.setdefault(c.tag, deque()).append(c)
    used: set[int] = set()
    for e in extra:
        if not e.continues:
            out.append(e)
            continue
        target = _take(by_key.get((e.tag, e.value)), used) or _take(by_tag.get(e.tag), used)
        if target is not None:
            target.children = merged(target.children, e.children)
        else:
            out.append(_as_read(e))
    return out


def anchored(extra: list[Structure], tag: str, value: str | None = None) -> Structure | None:
    """The kept structure that continues a generated line of this tag (and value), if any."""
    for e in extra:
        if e.continues and e.tag == tag and (value is None or e.value == value):
            return e
    return None


def _as_read(e: Structure) -> Structure:
    """A continues structure with no line to join: written as it was read."""
    return Structure(e.tag, e.value, e.xref, merged([], e.children), e.line, e.pointer)


def _take(candidates: deque[Structure] | None, used: set[int]) -> Structure | None:
    """The first candidate no kept structure has been merged into yet."""
    while candidates:
        c = candidates.popleft()
        if id(c) not in used:
            used.add(id(c))
            return c
    return None

"""Split GEDCOM text into records: a tree of lines per level-0 record, with CONC/CONT joined.

A node is a plain list ``[tag, value, xref, line, children, parts]`` (lists are several
times cheaper than objects, and a 100,000-person file has millions of lines).
Everything is iterative: a file nested 10,000 levels deep costs a deep list, never a
deep Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from familytree.model import Diagnostic, Severity, Structure

__all__ = [
    "Node", "TAG", "VALUE", "XREF", "LINE", "CHILDREN", "Diagnostics", "split_lines", "iter_records",
    "to_structure", "is_pointer", "LoadCancelled",
]

Node = list  # [tag, value, xref, line, children, parts]
TAG, VALUE, XREF, LINE, CHILDREN, PARTS = range(6)

_LEVELS = {str(i): i for i in range(100)}
_LEVELS.update({f"0{i}": i for i in range(10)})
_CONTINUATIONS = frozenset(("CONT", "CONC"))
_SLOW_RE = re.compile(r"^(\d+)[ \t]+(?:(@[^ \t]*)[ \t]+)?([^ \t]+)(?:[ \t](.*))?$", re.S)
_PROGRESS_EVERY = 1 << 15


class LoadCancelled(Exception):  # noqa: N818 (the public name callers catch)
    """Raised by the reader when the caller's cancel() returned True."""


class Diagnostics:
    """Collects diagnostics; past a limit per kind of problem, only counts them."""

    LIMIT = 200

    __slots__ = ("items", "_counts")

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self._counts: dict[str, int] = {}

    def add(self, line: int, message: str, kind: str = "", severity: str = Severity.WARNING) -> None:
        key = kind or message
        n = self._counts.get(key, 0) + 1
        self._counts[key] = n
        if n <= self.LIMIT:
            self.items.append(Diagnostic(line, message, severity))

    def finish(self) -> list[Diagnostic]:
        for key, n in self._counts.items():
            if n > self.LIMIT:
                more = n - self.LIMIT
                self.items.append(Diagnostic(0, f"{more} more problems like: {key}", Severity.WARNING))
        self._counts = {}
        return self.items


def split_lines(text: str) -> list[str]:
    """Lines of text ending in CR, LF, CRLF or LFCR (the last from some UTF-16 exporters)."""
    if "\r" not in text:
        lines = text.split("\n")
    else:
        first = text.find("\r")
        if first > 0 and text[first - 1] == "\n" and text[first + 1: first + 2] != "\n":
            text = text.replace("\n\r", "\n")
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def is_pointer(value: str) -> bool:
    """True for "@I1@"-style values (not "@#DJULIAN@ ..." date escapes, not text)."""
    return (len(value) > 2 and value[0] == "@" and value[-1] == "@" and value[1] != "#"
            and " " not in value and "@" not in value[1:-1])


def to_structure(node: Node) -> Structure:
    """Copy a node tree into Structure objects, iteratively (files may nest very deep)."""
    v = node[VALUE]
    root = Structure(node[TAG], v, node[XREF], [], node[LINE], is_pointer(v))
    todo = [(node, root)]
    while todo:
        n, s = todo.pop()
        out = s.children
        for c in n[CHILDREN]:
            cv = c[VALUE]
            cs = Structure(c[TAG], cv, c[XREF], [], c[LINE], is_pointer(cv))
            out.append(cs)
            if c[CHILDREN]:
                todo.append((c, cs))
    return root


def iter_records(
    lines: list[str],
    diags: Diagnostics,
    version7: bool,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Node]:
    """Yield each level-0 record as a node tree, CONC/CONT already joined into values."""
    stack: list[Node] = []  # stack[i] is the open node at level i
    joined: list[Node] = []  # nodes of the current record whose value has continuation parts
    total = len(lines) or 1
    levels = _LEVELS
    continuations = _CONTINUATIONS
    lineno = 0
    next_check = _PROGRESS_EVERY
    for line in lines:
        lineno += 1
        if lineno >= next_check:
            next_check += _PROGRESS_EVERY
            if cancel is not None and cancel():
                raise LoadCancelled()
            if progress is not None:
                progress(lineno / total)
        if not line:
            diags.add(lineno, "blank line ignored", "blank line ignored", Severity.INFO)
            continue
        parts = line.split(" ", 2)
        level = levels.get(parts[0])
        if level is not None and len(parts) > 1 and parts[1]:
            tag = parts[1]
            if tag[0] == "@":
                xref = tag
                if len(parts) < 3 or not parts[2]:
                    diags.add(lineno, f"{xref} is not followed by a tag; line ignored", "xref without tag")
                    continue
                rest = parts[2]
                if xref[-1] != "@" or len(xref) < 3:
                    # an xref with spaces in it ("@N1 a@"): join it back before repairing
                    close = rest.find("@")
                    if close >= 0 and rest[close + 1: close + 2] in ("", " ") and len(xref) > 1:
                        xref = f"{xref} {rest[:close + 1]}"
                        rest = rest[close + 2:]
                        if not rest:
                            diags.add(lineno, f"{xref} is not followed by a tag; line ignored",
                                      "xref without tag")
                            continue
                tag, _, value = rest.partition(" ")
                if len(xref) < 3 or xref[-1] != "@" or "@" in xref[1:-1] or " " in xref:
                    xref = _repair_xref(xref, lineno, diags)
            else:
                xref = ""
                value = parts[2] if len(parts) == 3 else ""
        else:
            lexed = _slow_line(line, lineno, diags)
            if lexed is None:
                if line.strip() and stack:
                    # A wrapped line with no level: most often a note broken by a raw newline.
                    diags.add(lineno, "line has no level number; taken as a continuation of the line "
                                      "before", "line without level")
                    target = stack[-1]
                    p = target[PARTS]
                    if p is None:
                        target[PARTS] = p = [target[VALUE]]
                        joined.append(target)
                    p.append("\n")
                    p.append(line)
                elif line.strip():
                    diags.add(lineno, "line has no level number and no record to belong to; ignored",
                              "line without level")
                else:
                    diags.add(lineno, "blank line ignored", "blank line ignored", Severity.INFO)
                continue
            level, xref, tag, value = lexed
        if value and "@" in value:
            if version7:
                if value[:2] == "@@":
                    value = value[1:]
            elif "@@" in value:
                value = value.replace("@@", "@")
        if level == 0:
            if stack:
                yield _finish(stack[0], joined)
                joined = []
            node: Node = [tag, value, xref, lineno, [], None]
            stack = [node]
            continue
        depth = len(stack)
        if depth == 0:
            diags.add(lineno, f"line at level {level} comes before any record; ignored", "line before record")
            continue
        if level > depth:
            if level <= 99:  # deeper levels were reported by _slow_line
                diags.add(lineno, f"level jumps from {depth - 1} to {level}; read as level {depth}",
                          "level jump")
            level = depth
        elif level < depth:
            del stack[level:]
        if tag in continuations:
            target = stack[level - 1]
            p = target[PARTS]
            if p is None:
                target[PARTS] = p = [target[VALUE]]
                joined.append(target)
            if tag == "CONT":
                p.append("\n")
            p.append(value)
            if xref:
                diags.add(lineno, f"{tag} line has an xref {xref}; ignored", "xref on CONT")
            continue
        node = [tag, value, xref, lineno, [], None]
        stack[level - 1][CHILDREN].append(node)
        stack.append(node)
    if stack:
        yield _finish(stack[0], joined)
    if progress is not None:
        progress(1.0)


def _finish(record: Node, joined: list[Node]) -> Node:
    for n in joined:
        n[VALUE] = "".join(n[PARTS])
        n[PARTS] = None
    return record


def _repair_xref(xref: str, lineno: int, diags: Diagnostics) -> str:
    inner = xref.strip("@").replace("@", "").replace(" ", "_")
    fixed = f"@{inner}@" if inner else ""
    if fixed:
        diags.add(lineno, f"malformed xref {xref!r}; read as {fixed}", "malformed xref")
    else:
        diags.add(lineno, f"malformed xref {xref!r}; the record is read without it", "malformed xref")
    return fixed


def _slow_line(line: str, lineno: int, diags: Diagnostics) -> tuple[int, str, str, str] | None:
    """Lex a line the fast path could not: leading or doubled spaces, tabs, odd levels."""
    stripped = line.lstrip(" \t\ufeff")
    m = _SLOW_RE.match(stripped)
    if m is None:
        return None
    level_text, xref, tag, value = m.group(1), m.group(2) or "", m.group(3), m.group(4) or ""
    level = int(level_text) if len(level_text) < 8 else 10**8
    if stripped is not line and len(stripped) != len(line):
        diags.add(lineno, "leading whitespace ignored", "leading whitespace", Severity.INFO)
    if level > 99:
        diags.add(lineno, f"level {level} is deeper than GEDCOM allows (99); read as the deepest level open",
                  "level over 99")
    if "  " in line.lstrip(" \t")[: len(level_text) + len(xref) + len(tag) + 3] or "\t" in line:
        diags.add(lineno, "extra spaces between the parts of the line ignored", "extra spaces", Severity.INFO)
    if xref and (len(xref) < 3 or xref[-1] != "@" or "@" in xref[1:-1]):
        xref = _repair_xref(xref, lineno, diags)
    return level, xref, tag, value

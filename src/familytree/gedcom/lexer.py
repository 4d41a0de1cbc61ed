"""Split GEDCOM text into records: a tree of lines per level-0 record, with CONC/CONT joined.

A record is a tree of `Node`s, one per line. Everything is iterative: a file nested 10,000
levels deep costs a deep list, never a deep Python stack.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator

from familytree.model import Diagnostic, Severity, Structure

__all__ = [
    "Node", "Diagnostics", "split_lines", "iter_records",
    "to_structure", "is_pointer", "repair_xref", "LoadCancelled", "Text",
]

_LEVELS = {str(i): i for i in range(100)}
_LEVELS.update({f"0{i}": i for i in range(10)})
_CONTINUATIONS = frozenset(("CONT", "CONC"))
_SLOW_RE = re.compile(r"^(\d+)[ \t]+(?:(@[^ \t]*)[ \t]+)?([^ \t]+)(?:[ \t](.*))?$", re.S)


class Node:
    """One line of a record with the lines under it; the text of its CONC/CONT lines is joined into `value`.

    The lexer makes one per line, over a million for a 100,000-person file: it sets the
    slots itself, as a Python __init__ would cost a call per line (a tenth of a load), and
    a line with no lines under it shares the empty tuple as its `children`.
    """

    __slots__ = ("tag", "value", "xref", "line", "children")
    tag: str
    value: str
    xref: str  # "" when the line has none
    line: int  # its number in the file, from 1
    children: list[Node] | tuple[()]

    def __repr__(self) -> str:
        return f"Node({self.tag!r}, {self.value!r}, {self.xref!r}, {self.line}, {len(self.children)} below)"


class LoadCancelled(Exception):  # noqa: N818 (the public name callers catch)
    """Raised by the reader when the caller's cancel() returned True."""


class Diagnostics:
    """Collects diagnostics; past a limit per kind of problem, only counts them."""

    LIMIT = 200

    __slots__ = ("items", "_counts")

    def __init__(self) -> None:
        self.items: list[Diagnostic] = []
        self._counts: dict[str, int] = {}

    def add(self, line: int, message: str, kind: str = "", severity: Severity = Severity.WARNING) -> None:
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


def normalize_newlines(text: str) -> str:
    """Text with every line ending (CR, LF, CRLF, or LFCR from some UTF-16 exporters) as LF."""
    if "\r" not in text:
        return text
    first = text.find("\r")
    if first > 0 and text[first - 1] == "\n" and text[first + 1: first + 2] != "\n":
        text = text.replace("\n\r", "\n")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def split_lines(text: str) -> list[str]:
    """Lines of text ending in CR, LF, CRLF or LFCR."""
    lines = normalize_newlines(text).split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def _chunks(text: str, size: int = 1 << 16) -> Iterator[list[str]]:
    """The lines of LF-only text, 64 KB at a time (a list of all lines would double the memory).

    Progress is told between chunks: at 64 KB a 2.4 MB file reports it 37 times, not 9.
    """
    end_all = len(text) - 1 if text.endswith("\n") else len(text)
    start = 0
    while start < end_all:
        end = text.find("\n", start + size, end_all)
        if end < 0:
            end = end_all
        yield text[start:end].split("\n")
        start = end + 1


class Text(str):
    """A value the file escaped as text ("@@I1@" in 7.0) that starts with "@" unescaped: never a pointer."""

    __slots__ = ()


def is_pointer(value: str) -> bool:
    """True for "@I1@"-style values (not "@#DJULIAN@ ..." date escapes, not escaped text).

    A value with U+FFFD in it is none: what could not be read (or was a control character,
    written so) links to nothing.
    """
    return (len(value) > 2 and value[0] == "@" and value[-1] == "@" and value[1] != "#"
            and " " not in value and "@" not in value[1:-1] and value.__class__ is str
            and value.isprintable() and "\ufffd" not in value)  # (no line break from a CONT, no tab)


def to_structure(node: Node) -> Structure:
    """Copy a node tree into Structure objects, iteratively (files may nest very deep)."""
    v = node.value
    # a structure without children gets no list of its own (Structure.children reads as [])
    root = Structure(node.tag, v, node.xref, [] if node.children else None,  # type: ignore[arg-type]
                     node.line, is_pointer(v))
    todo = [(node, root)]
    while todo:
        n, s = todo.pop()
        out = s.children
        for c in n.children:
            cv = c.value
            if c.children:
                cs = Structure(c.tag, cv, c.xref, [], c.line, is_pointer(cv))
                todo.append((c, cs))
            else:
                cs = Structure(c.tag, cv, c.xref, None, c.line, is_pointer(cv))  # type: ignore[arg-type]
            out.append(cs)
    return root


def iter_records(
    source: str | list[str],
    diags: Diagnostics,
    version7: bool,
    progress: Callable[[float], None] | None = None,
    cancel: Callable[[], bool] | None = None,
) -> Iterator[Node]:
    """Yield each level-0 record as a node tree, CONC/CONT already joined into values.

    This loop runs once per line of the file, so it is written for speed: a stack
    whose first `depth` entries are the open nodes, progress and cancel asked once per
    chunk of lines, lines with an xref or an odd form handed to a function, children lists created only
    for nodes that get children, and no regular expressions on well-formed lines.
    """
    # stack[i] is the open node at level i, for i < depth; 100 levels as GEDCOM allows, deeper
    # ones (bad files) grow it
    stack: list[Node] = [_PLACEHOLDER] * 100
    depth = 0
    # the nodes of the current record that have continuation lines: their value's parts, joined at its end
    joined: dict[Node, list[str]] = {}
    if isinstance(source, str):
        text = normalize_newlines(source)
        total = text.count("\n") or 1
        chunks: Iterable[list[str]] = _chunks(text)
    else:
        total = len(source) or 1
        chunks = (source,)
    levels = _LEVELS
    continuations = _CONTINUATIONS
    lineno = 0
    for chunk in chunks:
        if lineno:  # a chunk is a few thousand lines: asking between chunks keeps the loop tight
            if cancel is not None and cancel():
                raise LoadCancelled()
            if progress is not None:
                progress(lineno / total)
        for line in chunk:
            lineno += 1
            head, _, rest = line.partition(" ")
            tag, _, value = rest.partition(" ")
            level = levels.get(head)
            if level is None or not tag or tag[0] == "@":
                if level is not None and value and len(tag) > 2 and tag[-1] == "@" and "@" not in tag[1:-1]:
                    # a well-formed xref, as on most records' first line: the common case, inline
                    xref = tag
                    tag, _, value = value.partition(" ")
                else:
                    lexed = _odd_line(line, level, tag, value, lineno, diags)
                    if lexed is None:
                        if line.strip() and depth:
                            # A wrapped line with no level: most often a note broken by a raw newline.
                            diags.add(lineno, "line has no level number; taken as a continuation of the line "
                                              "before", "line without level")
                            target = stack[depth - 1]
                            p = joined.get(target)
                            if p is None:
                                joined[target] = p = [target.value]
                            p.append("\n")
                            p.append(line)
                        elif line.strip():
                            diags.add(lineno, "line has no level number and no record to belong to; ignored",
                                      "line without level")
                        else:
                            diags.add(lineno, "blank line ignored", "blank line ignored", Severity.INFO)
                        continue
                    if not lexed:
                        continue
                    level, xref, tag, value = lexed
            else:
                xref = ""
            if "@" in value:
                # an escaped value that starts with "@" stays text: never read (or mended) as a pointer
                if version7:
                    if value[:2] == "@@":
                        value = Text(value[1:])
                elif "@@" in value:
                    value = value.replace("@@", "@")
                    if value[0] == "@":
                        value = Text(value)
            if level == 0:
                if depth:
                    if joined:
                        _join(joined)
                    yield stack[0]
                node = Node()
                node.tag = tag
                node.value = value
                node.xref = xref
                node.line = lineno
                node.children = ()
                stack[0] = node
                depth = 1
                continue
            if level > depth:
                if not depth:
                    diags.add(lineno, f"line at level {level} comes before any record; ignored",
                              "line before record")
                    continue
                if level <= 99:  # deeper levels were reported by _slow_line
                    diags.add(lineno, f"level jumps from {depth - 1} to {level}; read as level {depth}",
                              "level jump")
                level = depth
            if tag in continuations:
                target = stack[level - 1]
                p = joined.get(target)
                if p is None:
                    joined[target] = p = [target.value]
                if tag == "CONT":
                    p.append("\n")
                p.append(value)
                if xref:
                    diags.add(lineno, f"{tag} line has an xref {xref}; ignored", "xref on CONT")
                depth = level
                continue
            node = Node()  # (slots set one by one: quicker than a tuple assignment)
            node.tag = tag
            node.value = value
            node.xref = xref
            node.line = lineno
            node.children = ()
            parent = stack[level - 1]
            children = parent.children
            if children:
                children.append(node)
            else:
                parent.children = [node]
            try:
                stack[level] = node
            except IndexError:  # deeper than the stack has ever been (only bad files go past 99)
                stack.append(node)
            depth = level + 1
    if depth:
        if joined:
            _join(joined)
        yield stack[0]
    if progress is not None:
        progress(1.0)


_PLACEHOLDER = Node()  # what the stack holds at levels not open
_IGNORED: tuple[()] = ()


def _odd_line(line: str, level: int | None, tag: str, value: str, lineno: int,
              diags: Diagnostics) -> tuple[int, str, str, str] | tuple[()] | None:
    """Lex a line the loop could not: one with an xref, or not of the plain "level tag value" form.

    Returns (level, xref, tag, value); () when the line is to be ignored (reported);
    None when it has no level at all.
    """
    if level is not None and tag:
        xref = tag
        if not value:
            diags.add(lineno, f"{xref} is not followed by a tag; line ignored", "xref without tag")
            return _IGNORED
        rest = value
        if xref[-1] != "@" or len(xref) < 3:
            # an xref with spaces in it ("@N1 a@"): join it back before repairing
            close = rest.find("@")
            if close >= 0 and rest[close + 1: close + 2] in ("", " ") and len(xref) > 1:
                xref = f"{xref} {rest[:close + 1]}"
                rest = rest[close + 2:]
                if not rest:
                    diags.add(lineno, f"{xref} is not followed by a tag; line ignored", "xref without tag")
                    return _IGNORED
        tag, _, value = rest.partition(" ")
        if len(xref) < 3 or xref[-1] != "@" or "@" in xref[1:-1] or " " in xref:
            xref = _repair_xref(xref, lineno, diags)
        return level, xref, tag, value
    if not line:
        diags.add(lineno, "blank line ignored", "blank line ignored", Severity.INFO)
        return _IGNORED
    lexed = _slow_line(line, lineno, diags)
    if lexed is None and len(line.strip(" \t")) <= 2 and line.strip(" \t").isdigit():
        # (a longer number, "1908", is more likely a note's text broken by a raw newline)
        diags.add(lineno, "line has a level number but no tag; ignored", "level without tag")
        return _IGNORED
    return lexed


def _join(joined: dict[Node, list[str]]) -> None:
    """Give each node the value its continuation lines make; forget them."""
    for n, parts in joined.items():
        value = "".join(parts)
        # escaped text stays text, and so does a value its continuation lines made: "@:@" from a
        # CONC is a note's text, never a pointer
        n.value = Text(value) if parts[0].__class__ is Text or value[:1] == "@" else value
    joined.clear()


def repair_xref(xref: str) -> str:
    """A malformed xref or pointer ("@I 1@", "@I1", "@I@1@") as a well-formed one; "" when nothing is left."""
    inner = xref.strip("@").replace("@", "").replace(" ", "_")
    return f"@{inner}@" if inner else ""


def _repair_xref(xref: str, lineno: int, diags: Diagnostics) -> str:
    fixed = repair_xref(xref)
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

"""What the builders of one reading share: the tree, its diagnostics, ids, and the helpers they all use."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any

from familytree.gedcom.fields import TextField
from familytree.gedcom.lexer import Diagnostics, Node, is_pointer, repair_xref, to_structure
from familytree.model import ChildRelation, Date, Structure, Tree, list_appender

__all__ = ["Reading", "Appenders", "Append", "read_line", "anchor", "stripped", "pad_anchors", "NOTES"]

Append = Callable[[Any, Any], None]
NOTES = frozenset(("NOTE", "SNOTE"))
_MAX_NESTING = 40  # citations in notes in citations...: deeper ones are kept as structures
_RECORD_KINDS = frozenset(("INDI", "FAM", "SOUR", "REPO", "OBJE", "SNOTE", "NOTE"))


class Reading:
    """One reading of a file: the tree being filled, its diagnostics, and what the builders share."""

    __slots__ = ("tree", "diags", "version7", "phrase_tags", "seen", "generated", "pedigrees", "dates", "ids",
                 "strings", "nesting")

    def __init__(self, version7: bool) -> None:
        self.tree = Tree()
        self.diags = Diagnostics()
        self.version7 = version7
        # 5.5.1 has no PHRASE: the writer keeps 7.0 phrases there as _PHRASE
        self.phrase_tags: tuple[str, ...] = ("PHRASE",) if version7 else ("PHRASE", "_PHRASE")
        self.seen: set[str] = set()  # the xrefs of the records read so far
        self.generated = 0  # ids made up so far
        # FAMC.PEDI, settled on the family's child once every family is read:
        # (family, person, relation, phrase, line)
        self.pedigrees: list[tuple[str, str, ChildRelation, str, int]] = []
        self.dates: dict[str, Date] = {}  # a Date is immutable: one per text, however often repeated
        # one string object per xref, and one per place name, given name, surname and line order,
        # however often repeated
        self.ids: dict[str, str] = {}
        self.strings: dict[str, str] = {}
        self.nesting = 0  # citations, notes and translations being read inside each other

    # -- records -----------------------------------------------------------------------
    def record_id(self, record: Node, kind: str) -> str:
        """The record's xref; a made-up one (with a space) when it has none or an earlier record has it."""
        xref = record.xref
        if not xref:
            self.generated += 1
            if kind in _RECORD_KINDS and not self.version7:
                self.diags.add(record.line, f"{kind} record without an xref; it cannot be referred to",
                               "record without xref")
            return f"@{kind} {self.generated}@"
        if xref in self.seen:
            self.generated += 1
            new = f"@{xref.strip('@')} {self.generated}@"
            self.diags.add(record.line, f"{xref} is used by an earlier record too; this {kind} record is "
                                        "kept under a new id and pointers go to the first", "duplicate xref")
            return new
        self.seen.add(xref)
        return self.ids.setdefault(xref, xref)

    def add_record(self, table: dict[str, Any], obj: Any) -> None:
        table[obj.id] = obj
        self.tree.record_order.append(obj.id)

    def value_on_record(self, record: Node) -> None:
        if record.value:
            self.diags.add(record.line, f"{record.tag} record has a value {record.value[:40]!r}, "
                                        "which GEDCOM does not allow; ignored", "value on record")

    # -- links -------------------------------------------------------------------------
    def repaired(self, node: Node, value: str) -> str:
        """A link's malformed pointer ("@I 1@", "@I1") mended as the lexer mends xrefs; else as it is."""
        if len(value) < 3 or value[0] != "@" or value[1] == "#" or (" " in value and value[-1] != "@") \
                or value.__class__ is not str:
            return value  # text ("@N1@ and more", or escaped), a date escape, or nothing like a pointer
        fixed = repair_xref(value)
        if not is_pointer(fixed) or not fixed.isprintable() or not any(ch.isalnum() for ch in fixed) \
                or "\ufffd" in fixed:
            return value  # (a CONT line break is no part of a pointer either, nor what was unreadable)
        self.diags.add(node.line, f"malformed pointer {value!r}; read as {fixed}", "malformed pointer")
        return fixed

    def bad_pointer(self, node: Node) -> None:
        self.diags.add(node.line, f"{node.tag} should point to a record (like @I1@), not "
                                  f"{node.value[:40]!r}; kept as it is", "bad pointer")

    def too_deep(self, node: Node) -> bool:
        """True when citations, notes and translations nest too deep to read as objects (kept as read)."""
        if self.nesting < _MAX_NESTING:
            return False
        self.diags.add(node.line, f"sources, notes or translations nested more than {_MAX_NESTING} deep; "
                                  "the deeper ones are kept as read", "nested too deep")
        return True


class Appenders:
    """Functions appending to the list fields of one model class, for the builders' loops.

    A list field that is usually empty stores None until it gets an item; reading it would
    hand out a stand-in list each time.
    """

    __slots__ = ("associations", "citations", "extra", "media", "notes", "text", "translations")
    associations: Append
    citations: Append
    extra: Append
    media: Append
    notes: Append
    text: Append
    translations: Append

    def __init__(self, cls: type) -> None:
        names = {f.name for f in fields(cls)}
        for name in self.__slots__:
            if name in names:
                setattr(self, name, list_appender(cls, name))


def read_line(obj: object, fields: dict[str, TextField], node: Node, keep: Append) -> None:
    """Read the line into its text field of obj (`fields`: by tag), or keep it as read (`keep`: in extra)."""
    field = fields.get(node.tag)
    value = node.value
    if field is None or not value or getattr(obj, field.attribute) or (field.leaf and node.children):
        keep(obj, to_structure(node))
        return
    setattr(obj, field.attribute, value.strip() if field.stripped else value)
    if node.children:
        keep(obj, anchor(node, node.children))


def stripped(value: str) -> str:
    """A link's value without the spaces around it; text the file escaped (lexer.Text) stays text."""
    return value.strip() if value.__class__ is str else value


def anchor(node: Node, rest: Sequence[Node] | list[Structure], value: str | None = None) -> Structure:
    """A `continues` structure holding what the model did not take from a line it represents."""
    children = [r if isinstance(r, Structure) else to_structure(r) for r in rest]
    v = node.value if value is None else value
    return Structure(node.tag, v, children=children, line=node.line, pointer=is_pointer(v), continues=True)


def pad_anchors(earlier: list[str], extra: list[Structure] | None, tag: str, value: str,
                add: Append, owner: Any) -> None:
    """Before the anchor of a repeated line (a second FAMS @F1@ with lines under it), empty anchors for
    the same lines before it that had none: the writer gives anchors to such lines in order."""
    wanted = earlier.count(value) - sum(1 for e in extra or ()
                                        if e.continues and e.tag == tag and e.value == value)
    for _ in range(wanted):
        add(owner, Structure(tag, value, continues=True, pointer=is_pointer(value)))

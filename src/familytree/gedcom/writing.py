"""What the stages of one writing share: the tree, its version, the mends reported, and the xrefs written."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping

from familytree.gedcom.grammar import MAX_XREF_551, XREF_RE
from familytree.gedcom.lexer import Diagnostics, is_pointer
from familytree.gedcom.reader import is_generated_id
from familytree.model import Severity, Structure, Tree

__all__ = ["Writing", "UNLIMITED", "NOT_TAGCHAR", "ascii_folded", "plain", "shown"]

UNLIMITED = 1 << 62
NOT_TAGCHAR = re.compile(r"[^A-Za-z0-9_]+")


class Writing:
    """One writing of a tree: its version, what was mended, the records made on the way, the xrefs.

    Xrefs the version does not allow get a new name, the same wherever they appear: "@test@"
    is written "@TEST@" in 7.0; a 5.5.1 xref of more than 22 characters is cut short; a record
    "@VOID@" is renamed as well (a pointer "@VOID@" points to nothing), and one whose xref no
    pointer can name (U+FFFD for what was unreadable, a BOM or other unprintable character:
    read back, a link to it would be text).
    """

    __slots__ = ("tree", "v7", "version", "problems", "new_records", "taken", "renames", "pointers", "ids",
                 "referenced", "fresh", "links", "file_paths")

    def __init__(self, tree: Tree, v7: bool, problems: Diagnostics) -> None:
        self.tree = tree
        self.v7 = v7
        self.version = "7.0" if v7 else "5.5.1"
        self.problems = problems  # what was mended on the way out
        self.new_records: list[Structure] = []  # made while writing (7.0 media records, a 5.5.1 SUBM)
        self.taken: set[str] = set(tree.people) | set(tree.families) | set(tree.sources) | set(tree.notes) | \
            set(tree.media) | set(tree.repositories) | {s.xref for s in tree.other_records}
        self.renames: dict[str, str] = {}  # xref as read -> as written, where the version does not allow it
        self.pointers: dict[str, str] = {}  # pointer as read -> as written ("" when no pointer)
        self.ids: dict[str, str] = {}  # generated id -> xref written (5.5.1)
        self.fresh = 0  # the number of the last fresh xref tried
        # records that had no xref (or a duplicate one) but are pointed to by links the writer adds
        self.referenced: set[str] = set()
        for p in tree.people.values():
            self.referenced.update(f for f in p.parent_family_ids + p.family_ids if is_generated_id(f))
        for f in tree.families.values():
            self.referenced.update(x for x in f.partner_ids + f.child_ids if is_generated_id(x))
        self.links: set[str] | None = None  # every xref people and families link to, when first needed
        self.file_paths: Mapping[str, str] = {}  # media FILE paths as read -> as written (moved, packed)
        invalid = []
        valid = XREF_RE[self.version].fullmatch
        for x in self.taken:
            if valid(x) and x != "@VOID@" and is_pointer(x):
                self.pointers[x] = x  # (most xrefs: known valid once)
            elif not is_generated_id(x):
                invalid.append(x)
        for x in sorted(invalid):
            self.rename(x)

    def rename(self, x: str) -> str:
        """A new xref for x, valid in this version and used by nothing else; reported once."""
        base = NOT_TAGCHAR.sub("_", ascii_folded(x.strip("@")))
        room = UNLIMITED if self.v7 else MAX_XREF_551 - 2
        base = (base.upper() if self.v7 else base)[:room] or "X"
        new, n = f"@{base}@", 1
        links = self.linked()
        while new in self.taken or new == "@VOID@" or new in links:
            n += 1
            suffix = f"_{n}"
            new = f"@{base[: room - len(suffix)]}{suffix}@"
        self.taken.add(new)
        self.renames[x] = new
        self.problems.add(0, f"xref {shown(x)} is not a GEDCOM {self.version} xref; written as {new}",
                          "xref renamed", Severity.INFO)
        return new

    def linked(self) -> set[str]:
        """Every xref people and families link to, records or not (made when first needed)."""
        if self.links is None:
            tree = self.tree
            self.links = {x for p in tree.people.values() for x in (*p.family_ids, *p.parent_family_ids)}
            self.links.update(x for f in tree.families.values()
                              for x in (f.husband_id, f.wife_id, *f.child_ids))
        return self.links

    def record_xref(self, rid: str) -> str:
        """The xref to write for a record id: a generated id gets a fresh one ("@X2@"), but in 7.0 written
        from 7.0 when nothing points to the record (then it has none, as read)."""
        if not is_generated_id(rid):
            # (other renames are made as lines are written, where kept structures are matched by
            # the xrefs as read; a record "@VOID@" is renamed here, where its links are told from
            # "@VOID@" pointers to nothing)
            return self.renames.get(rid, rid) if rid == "@VOID@" else rid
        if self.v7 and rid not in self.referenced and self.tree.header.version.startswith("7"):
            return ""  # (7.0 allows a record nothing points to no xref; 5.x data written as 7.0 gets one)
        new = self.ids.get(rid)
        if new is None:
            new = self.ids[rid] = self.unused("X")
        return new

    def unused(self, letter: str) -> str:
        """A fresh xref ("@X12@") that no record of the file uses, taken from now on."""
        links = self.linked()  # links to no record ("@X1@" where there is none) keep pointing to none
        while True:
            self.fresh += 1
            new = f"@{letter}{self.fresh}@"
            if new not in self.taken and new not in links:
                break
        self.taken.add(new)
        return new

    def unused_or(self, wanted: str) -> str:
        """`wanted` if no record of the file uses it, else a fresh xref; taken from now on."""
        if wanted in self.taken:
            return self.unused("X")
        self.taken.add(wanted)
        return wanted


def ascii_folded(text: str) -> str:
    """Text with accents taken off its letters (for names made of A-Z, 0-9 and _)."""
    if text.isascii():
        return text
    return "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))


def plain(text: str) -> str:
    """A tag, xref or record name as put in a message: cut short, control characters made visible."""
    short = text[:40] + ("…" if len(text) > 40 else "")
    return short if short.isprintable() else short.encode("unicode_escape").decode("ascii")


def shown(text: str) -> str:
    """A tag or xref quoted in a message."""
    return f"'{plain(text)}'"

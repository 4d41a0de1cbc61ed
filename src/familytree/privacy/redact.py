"""Trees for sharing: the living and private hidden, and the facts of any family with one as a partner."""

from __future__ import annotations

import enum
from typing import NamedTuple
from urllib.parse import unquote

from familytree.model import ChildRef, Family, Name, NoteLike, NoteRef, Person, Tree, stored_list
from familytree.privacy.living import Verdict, infer_living
from familytree.privacy.mentions import Mentions
from familytree.privacy.prune import Pruner, replaced
from familytree.privacy.restriction import is_restricted, restricted_families, restricted_people

__all__ = ["Mode", "Redaction", "redact", "hidden_note", "LIVING_NAME", "PRIVATE_NAME"]

LIVING_NAME = "Living"  # what a living person is called in `private` mode
PRIVATE_NAME = "Private"  # ... and a person who is not living, but whose record is marked private

_child_extra = stored_list(ChildRef, "extra")


class Mode(enum.Enum):
    """What happens to living people in what leaves the machine (the same words in the window and
    on the command line: --living show|name|private|omit)."""

    SHOW = "show"  # everything, as read
    NAME = "name"  # names and sex only; the facts of families with any hidden partner go too
    PRIVATE = "private"  # "Living", with the sex, and nothing else
    OMIT = "omit"  # left out, with their links

    @property
    def description(self) -> str:
        return _DESCRIPTIONS[self]


_DESCRIPTIONS = {
    Mode.SHOW: "everything shown",
    Mode.NAME: "names only",
    Mode.PRIVATE: f"shown as \u201c{LIVING_NAME}\u201d",
    Mode.OMIT: "left out",
}


class Redaction(NamedTuple):
    """A tree made for sharing, and what was hidden in it."""

    tree: Tree
    mode: Mode
    living: int = 0  # living people hidden (or left out)
    restricted: int = 0  # people hidden because their record is marked private, though not living
    removed_files: frozenset[str] = frozenset()  # media paths only hidden parts named (for a GEDZIP)

    @property
    def hidden(self) -> int:
        return self.living + self.restricted


def redact(tree: Tree, mode: Mode, verdicts: dict[str, Verdict] | None = None,
           this_year: int | None = None) -> Redaction:
    """A copy of `tree` with living people and records marked RESN PRIVACY or CONFIDENTIAL hidden as
    `mode` says; `tree` itself is not changed (with SHOW it is returned as it is).

    What is hidden is removed from the model, so writers and charts have nothing of it: a
    hidden person's dates, places, ages, notes, media, citations, facts, associations and lines
    kept as read; the facts, places, notes, media and citations of a family with ANY hidden
    partner (a marriage dates and places the living spouse as much as the dead one, so the safe
    side is taken even where only one partner is living); facts marked private on anyone; and
    shared notes, media, sources and repositories that only hidden parts used. The copy shares
    with `tree` the objects it did not need to change: treat it as read-only. `verdicts`: from
    `infer_living`, when already made.
    """
    if mode is Mode.SHOW:
        return Redaction(tree, mode)
    if verdicts is None:
        verdicts = infer_living(tree, this_year)
    living = {pid for pid, v in verdicts.items() if v.living and pid in tree.people}
    hidden = living | restricted_people(tree)
    private_families = restricted_families(tree)
    for fid, f in tree.families.items():
        partners = [p for p in (f.husband_id, f.wife_id) if p and p in tree.people]
        # any, not all: a widow's wedding is hers too
        if any(p in hidden for p in partners):
            private_families.add(fid)
    gone: set[str] = {mid for mid, m in tree.media.items() if is_restricted(m.extra)}
    pruner = Pruner(gone)
    # free text that names a hidden person goes too: by full name anywhere, by given name in the texts
    # of their own family ("their daughter Yulia was born in 1936" in her father's biography)
    mentions = Mentions(tree, hidden) if hidden else None
    people: dict[str, Person] = {}
    families: dict[str, Family] = {}
    if mode is Mode.OMIT:
        gone |= hidden
        families = _families_without(tree, hidden, private_families, pruner)
        gone |= tree.families.keys() - families.keys()
    else:
        for fid, f in tree.families.items():
            families[fid] = _stripped_family(f, hidden, pruner) if fid in private_families \
                else _without_hidden_children(f, hidden)
    for pid, p in tree.people.items():
        if pid not in hidden:
            if mentions is not None:
                pruner.names = mentions.names_in([pid])
            people[pid] = pruner.prune(_without_families(p, gone))
        elif mode is not Mode.OMIT:
            pruner.remember(p)
            if mode is Mode.NAME:
                people[pid] = _named_only(p)
            else:
                people[pid] = _anonymous(p, LIVING_NAME if pid in living else PRIVATE_NAME)
        else:
            pruner.remember(p)
    for fid, f in families.items():
        if mentions is not None:
            pruner.names = mentions.names_in(_members(f))
        families[fid] = pruner.prune(f)
    if mentions is not None:
        pruner.names = mentions.names_in()  # (the header and other records: full names only)
    header = tree.header
    header_extra = pruner.prune_list(header.extra)
    other_records = pruner.prune_list(tree.other_records)
    dropped = _unused_records(tree, pruner) | gone
    kept = Pruner(dropped)
    kept.names = pruner.names
    sources = {x: kept.prune(r) for x, r in tree.sources.items() if x not in dropped}
    readers = _note_readers(tree) if mentions is not None and tree.notes else {}
    notes = {}
    for x, r in tree.notes.items():  # a shared note is read in the families of those it is on
        if x not in dropped:
            if mentions is not None:
                kept.names = mentions.names_in(readers.get(x, []))
            notes[x] = kept.prune(r)
    kept.names = pruner.names
    media = {x: kept.prune(r) for x, r in tree.media.items() if x not in dropped}
    repositories = {x: kept.prune(r) for x, r in tree.repositories.items() if x not in dropped}
    for m in tree.media.values():
        if m.id in dropped:
            pruner.remember(m)
    home = header.home_person_id if header.home_person_id not in gone else ""
    new_header = replaced(header, home_person_id=home, extra=header_extra)
    redacted = Tree(people=people, families=families, sources=sources, notes=notes, media=media,
                    repositories=repositories, other_records=list(other_records), header=new_header,
                    record_order=[x for x in tree.record_order if x not in dropped],
                    diagnostics=list(tree.diagnostics), path=tree.path)
    files = pruner.files | kept.files
    removed_files = {f for f in pruner.removed_files if f not in files}
    removed_files |= {unquote(f).removeprefix("./") for f in removed_files}
    counted = hidden & tree.people.keys()
    return Redaction(redacted, mode, len(counted & living), len(counted - living), frozenset(removed_files))


def _members(f: Family) -> list[str]:
    return [*f.partner_ids, *(c.person_id for c in f.children)]


def _note_readers(tree: Tree) -> dict[str, list[str]]:
    """The people each shared note is on: theirs, their facts', their families' and those facts'."""
    readers: dict[str, list[str]] = {}

    def on(notes: list[NoteLike], pids: list[str]) -> None:
        for n in notes:
            if n.__class__ is NoteRef:
                readers.setdefault(n.note_id, []).extend(pids)  # type: ignore[union-attr]

    for pid, p in tree.people.items():
        on(p.notes, [pid])
        for e in p.events:
            on(e.notes, [pid])
    for f in tree.families.values():
        members = _members(f)
        on(f.notes, members)
        for e in f.events:
            on(e.notes, members)
    return readers


def _unused_records(tree: Tree, pruner: Pruner) -> set[str]:
    """Shared notes, media, sources and repositories that only the hidden parts named.

    Records nothing named before (kept on purpose, or forgotten) stay: only what hiding left
    unused goes.
    """
    tables = (tree.sources, tree.notes, tree.media, tree.repositories)
    named: dict[str, set[str]] = {}  # what each record names
    for table in tables:
        for xref, record in table.items():
            reader = Pruner(restricted=False)
            reader.prune(record)
            named[xref] = reader.refs

    def reach(start: set[str]) -> set[str]:
        out: set[str] = set()
        todo = [x for x in start if x in named]
        while todo:
            x = todo.pop()
            if x not in out:
                out.add(x)
                todo.extend(y for y in named[x] if y in named and y not in out)
        return out

    candidates = reach(pruner.removed_refs)
    if not candidates:
        return set()
    seeds = set(pruner.refs)
    for xref, refs in named.items():
        if xref not in candidates:
            seeds |= refs
    return candidates - reach(seeds)


def _without_families(p: Person, gone: set[str]) -> Person:
    if not any(f in gone for f in p.parent_family_ids) and not any(f in gone for f in p.family_ids):
        return p
    return replaced(p, parent_family_ids=[f for f in p.parent_family_ids if f not in gone],
                    family_ids=[f for f in p.family_ids if f not in gone])


def _bare_name(n: Name) -> Name:
    """The name's words, without its citations, notes and lines kept as read."""
    return Name(n.full, n.given, n.surname, n.prefix, n.surname_prefix, n.suffix, n.nickname, n.type,
                n.type_phrase, n.lang, [_bare_name(t) for t in n.translations])


def _named_only(p: Person) -> Person:
    return Person(p.id, [_bare_name(n) for n in p.names], p.sex, parent_family_ids=list(p.parent_family_ids),
                  family_ids=list(p.family_ids), line=p.line)


def _anonymous(p: Person, word: str) -> Person:
    return Person(p.id, [Name(full=word, given=word)], p.sex, parent_family_ids=list(p.parent_family_ids),
                  family_ids=list(p.family_ids), line=p.line)


def _child_links(f: Family, hidden: set[str]) -> list[ChildRef]:
    """The family's child links, with what was kept as read under a hidden child's left out."""
    return [ChildRef(c.person_id, c.relation, c.phrase) if c.person_id in hidden else c for c in f.children]


def _without_hidden_children(f: Family, hidden: set[str]) -> Family:
    if not any(c.person_id in hidden and _child_extra(c) for c in f.children):
        return f
    return replaced(f, children=_child_links(f, hidden))


def _stripped_family(f: Family, hidden: set[str], pruner: Pruner) -> Family:
    """The family's members only: its facts, notes, media, citations and other lines go."""
    pruner.remember(f)
    return Family(f.id, f.husband_id, f.wife_id, _child_links(f, hidden), line=f.line)


def _families_without(tree: Tree, hidden: set[str], private: set[str], pruner: Pruner) -> dict[str, Family]:
    """The families with the hidden people left out; a family left with no one, or with one partner
    and no children where it had more, goes too."""
    out: dict[str, Family] = {}
    for fid, f in tree.families.items():
        lost = f.husband_id in hidden or f.wife_id in hidden or any(c.person_id in hidden for c in f.children)
        if not lost and fid not in private:
            out[fid] = f
            continue
        husband = "" if f.husband_id in hidden else f.husband_id
        wife = "" if f.wife_id in hidden else f.wife_id
        children = [c for c in f.children if c.person_id not in hidden]
        if not children and not (husband and wife):
            pruner.remember(f)
            continue
        if fid in private:
            pruner.remember(f)
            out[fid] = Family(fid, husband, wife, children, line=f.line)
        else:
            out[fid] = replaced(f, husband_id=husband, wife_id=wife, children=children)
    return out


def hidden_note(mode: Mode, living: int, restricted: int) -> str:
    """What an output hid, said on its pages and in the status bar: "2 living people hidden (names only)",
    "3 living people left out"; "" when nothing was."""
    def people(n: int) -> str:
        return f"{n:,} {'person' if n == 1 else 'people'}"

    parts = [f"{living:,} living {'person' if living == 1 else 'people'}"] if living else []
    if restricted:
        parts.append(f"{people(restricted)} marked private")
    if mode is Mode.SHOW or not parts:
        return ""
    what = " and ".join(parts)
    if mode is Mode.OMIT:
        return f"{what} left out"
    return f"{what} hidden ({mode.description})"

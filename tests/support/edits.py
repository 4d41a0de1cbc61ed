"""Random edits of a tree, of every kind a user can make, for the undo and journal property tests."""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable

from familytree.gedcom import write_text
from familytree.model import ChildRelation, Citation, Event, Name, NameType, Person, Sex, Tree
from familytree.model.date_input import read_date
from familytree.relations import PartnerStatus
from familytree.workspace import editing as e
from familytree.workspace import relatives as r
from familytree.workspace.editing import Edit, EditRefused, Locator
from familytree.workspace.undo import UndoStack

__all__ = ["NOW", "random_edit", "random_edits", "snapshot"]

NOW = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)  # the header's time stamp, the same each write
TYPED_DATES = ("abt 1937", "between 1924 and 1925", "21.3.1908", "3/21/1908", "Julian 1 Jan 1700", "c. 1890",
               "1908?", "in the spring", "", "31 Feb 1908", "1749/50")
PLACES = ("Moscow, Russia", "Vienna, Austria", "", "Krasnoyarsk", "Москва")
WORDS = ("Sergei", "Yulia", "Сергей", "Anna-Maria", "O'Brien", "", "van", "Jr.", "x" * 40)


def snapshot(tree: Tree) -> tuple[object, ...]:
    """What a save or a view shows: the GEDCOM text, the order of each kind of record, the file order."""
    tables = (tree.people, tree.families, tree.sources, tree.repositories, tree.notes, tree.media)
    return (write_text(tree, now=NOW), tuple(tuple(t) for t in tables), tuple(tree.record_order))


def _pick(rng: random.Random, items: list[str]) -> str:
    return rng.choice(items) if items else ""


def _person(tree: Tree, rng: random.Random) -> str:
    return _pick(rng, list(tree.people))


def _family(tree: Tree, rng: random.Random) -> str:
    return _pick(rng, list(tree.families))


def _new_person(rng: random.Random) -> Person:
    name = Name.from_gedcom(f"{rng.choice(WORDS)} /{rng.choice(WORDS)}/")
    return Person("", [name], rng.choice(list(Sex)))


def _relative(tree: Tree, rng: random.Random) -> str | Person:
    return _new_person(rng) if rng.random() < 0.5 else _person(tree, rng)


def _fact(tree: Tree, rng: random.Random) -> Locator | None:
    owners = [("INDI", p) for p in tree.people] + [("FAM", f) for f in tree.families]
    owner = rng.choice(owners) if owners else None
    if owner is None:
        return None
    events = e.resolve(tree, owner).events
    return (*owner, "events", rng.randrange(len(events))) if events else None


def _name(tree: Tree, rng: random.Random) -> Locator | None:
    pid = _person(tree, rng)
    if not pid or not tree.people[pid].names:
        return None
    return ("INDI", pid, "names", rng.randrange(len(tree.people[pid].names)))


def _holder(tree: Tree, rng: random.Random) -> Locator | None:
    """Something that takes notes and citations: a person, family, fact or name."""
    roll = rng.random()
    if roll < 0.4:
        return _fact(tree, rng)
    if roll < 0.6:
        return _name(tree, rng)
    if roll < 0.8:
        pid = _person(tree, rng)
        return ("INDI", pid) if pid else None
    fid = _family(tree, rng)
    return ("FAM", fid) if fid else None


def _listed(tree: Tree, rng: random.Random, name: str) -> Locator | None:
    holder = _holder(tree, rng)
    if holder is None:
        return None
    items = getattr(e.resolve(tree, holder), name)
    return (*holder, name, rng.randrange(len(items))) if items else None


def _moved(rng: random.Random, n: int) -> tuple[int, int]:
    return rng.randrange(n), rng.randrange(n)


def _people_edit(tree: Tree, rng: random.Random) -> Edit | None:
    pid = _person(tree, rng)
    if not pid:
        return None
    person = tree.people[pid]
    kind = rng.randrange(8)
    if kind == 0 and person.names:
        where = ("INDI", pid, "names", rng.randrange(len(person.names)))
        return e.edit_name(tree, where, given=rng.choice(WORDS), surname=rng.choice(WORDS))
    if kind == 1 and person.names:
        where = ("INDI", pid, "names", rng.randrange(len(person.names)))
        return e.edit_name(tree, where, nickname=rng.choice(WORDS), type=rng.choice(list(NameType)),
                           lang=rng.choice(("", "ru", "en")))
    if kind == 2:
        return e.add_name(tree, pid, Name.from_gedcom(f"{rng.choice(WORDS)} /{rng.choice(WORDS)}/"),
                          rng.randrange(len(person.names) + 1))
    if kind == 3 and person.names:
        return e.remove_name(tree, pid, rng.randrange(len(person.names)))
    if kind == 4 and person.names:
        return e.move_name(tree, pid, *_moved(rng, len(person.names)))
    if kind == 5 and person.names:
        where = ("INDI", pid, "names", rng.randrange(len(person.names)))
        name = e.resolve(tree, where)
        if name.translations and rng.random() < 0.5:
            return e.remove_translation(tree, where, rng.randrange(len(name.translations)))
        if name.translations and rng.random() < 0.5:
            return e.edit_name(tree, (*where, "translations", 0), full=f"{rng.choice(WORDS)} /Седов/")
        return e.add_translation(tree, where, Name.from_gedcom("Сергей /Седов/", lang="ru"))
    if kind == 6:
        return e.set_sex(tree, pid, rng.choice(list(Sex)))
    return e.set_restriction(tree, ("INDI", pid), rng.choice(("", "privacy", "confidential, locked")))


def _fact_edit(tree: Tree, rng: random.Random) -> Edit | None:
    kind = rng.randrange(4)
    if kind == 0:
        owner = rng.choice([p for p in tree.people] + [f for f in tree.families] or [""])
        if not owner:
            return None
        tag = rng.choice(("BIRT", "DEAT", "OCCU", "MARR", "RESI", "EVEN"))
        event = Event(tag, "engineer" if tag == "OCCU" else "", date=read_date(rng.choice(TYPED_DATES)).date)
        events = (tree.people[owner] if owner in tree.people else tree.families[owner]).events
        return e.add_event(tree, owner, event, rng.randrange(len(events) + 1))
    where = _fact(tree, rng)
    if where is None:
        return None
    if kind == 1:
        return e.edit_event(tree, where, date=rng.choice(TYPED_DATES), place=rng.choice(PLACES),
                            age=rng.choice(("", "26y")), cause=rng.choice(("", "typhus")),
                            type=rng.choice(("", "Arrest")))
    if kind == 2:
        return e.remove_event(tree, where)
    events = e.resolve(tree, where[:2]).events
    return e.move_event(tree, str(where[1]), *_moved(rng, len(events)))


def _note_edit(tree: Tree, rng: random.Random) -> Edit | None:
    kind = rng.randrange(4)
    if kind == 0:
        holder = _holder(tree, rng)
        text = rng.choice(("A note", "Заметка", "line one\nline two"))
        return e.add_note(tree, holder, text) if holder else None
    where = _listed(tree, rng, "notes")
    if where is None:
        return None
    if kind == 1:
        return e.edit_note(tree, where, rng.choice(("Changed", "")))
    if kind == 2:
        return e.remove_note(tree, where)
    notes = e.resolve(tree, where[:-2]).notes
    return e.move_note(tree, where[:-2], *_moved(rng, len(notes)))


def _link_edit(tree: Tree, rng: random.Random) -> Edit | None:
    pid = _person(tree, rng)
    if not pid:
        return None
    person = tree.people[pid]
    kind = rng.randrange(10)
    families = list(dict.fromkeys([*person.parent_family_ids, *person.family_ids]))
    if kind == 0:
        return r.add_child(tree, pid, _relative(tree, rng), relation=rng.choice(list(ChildRelation)),
                           new_family=rng.random() < 0.2)
    if kind == 1:
        return r.add_parent(tree, pid, _relative(tree, rng), new_family=rng.random() < 0.3)
    if kind == 2:
        return r.add_partner(tree, pid, _relative(tree, rng))
    if kind == 3:
        return r.add_sibling(tree, pid, _relative(tree, rng))
    if kind == 4 and families:
        return r.remove_link(tree, pid, rng.choice(families))
    if kind == 5 and rng.random() < 0.5:
        return r.delete_person(tree, pid)
    if kind == 6 and person.family_ids:
        return r.move_partner_family(tree, pid, *_moved(rng, len(person.family_ids)))
    if kind == 7 and person.parent_family_ids:
        return r.move_parent_family(tree, pid, *_moved(rng, len(person.parent_family_ids)))
    fid = _family(tree, rng)
    if not fid:
        return None
    family = tree.families[fid]
    if kind == 8 and family.children:
        return r.move_child(tree, fid, *_moved(rng, len(family.children)))
    if family.children and rng.random() < 0.5:
        child = rng.choice(family.child_ids)
        return r.set_child_relation(tree, fid, child, rng.choice(list(ChildRelation)),
                                    _pick(rng, family.partner_ids) if rng.random() < 0.6 else "")
    return r.set_partnership(tree, fid, rng.choice(list(PartnerStatus)))


def _source_edit(tree: Tree, rng: random.Random) -> Edit | None:
    kind = rng.randrange(8)
    sid = _pick(rng, list(tree.sources))
    rid = _pick(rng, list(tree.repositories))
    if kind == 0 or not sid:
        return e.add_source(tree, rng.choice(("Birth register", "Trotsky", "")), rng.choice(("Service", "")),
                            rng.choice(("London, 2009", "")))
    if kind == 1:
        return e.edit_source(tree, sid, title=rng.choice(WORDS), publication=rng.choice(("", "1990")))
    if kind == 2 or not rid:
        return e.add_repository(tree, rng.choice(("State archive", "Library", "")),
                                rng.choice(("", "Moscow")))
    if kind == 3:
        return e.edit_repository(tree, rid, name=rng.choice(("Archive", "Library")))
    if kind == 4:
        source = tree.sources[sid]
        if source.repositories and rng.random() < 0.5:
            return e.remove_repository_link(tree, sid, rng.randrange(len(source.repositories)))
        return e.add_repository_link(tree, sid, rid, rng.choice(("", "f. 1, op. 2")))
    if kind == 5:
        holder = _holder(tree, rng)
        if holder is None:
            return None
        return e.add_citation(tree, holder, Citation(sid, page=rng.choice(("", "p. 5")),
                                                     text=[rng.choice(("was born", "Сергей"))],
                                                     quality=rng.choice((None, 0, 3, 4))))
    where = _listed(tree, rng, "citations")
    if where is None:
        return None
    if kind == 6:
        return e.edit_citation(tree, where, page=rng.choice(("p. 6", "")), text=rng.choice(("excerpt", "")),
                               quality=rng.choice((None, 1, 2, 7)), source_id=rng.choice((sid, "@NOPE@")))
    return e.remove_citation(tree, where)


_MAKERS: tuple[Callable[[Tree, random.Random], Edit | None], ...] = (
    _people_edit, _fact_edit, _note_edit, _link_edit, _link_edit, _source_edit)


def random_edit(tree: Tree, rng: random.Random) -> Edit | None:
    """One edit a user could ask for, made against the tree as it is; None when it found nothing to edit.

    Raises EditRefused for what the model refuses (asked for on purpose: cycles, the same person
    twice, missing records, a quality of 7).
    """
    return rng.choice(_MAKERS)(tree, rng)


def random_edits(stack: UndoStack, rng: random.Random, count: int,
                 check: Callable[[Edit, tuple[object, ...]], None] | None = None) -> tuple[int, int]:
    """Push `count` random edits (some as macros of two or three); (edits done, edits refused).

    With `check`, each edit done is passed to it with the snapshot from before it, and each
    refused edit is checked to have changed nothing."""
    done = refused = 0
    for _ in range(count):
        before = snapshot(stack.tree) if check is not None else ()
        index = stack.index
        try:
            if rng.random() < 0.15:
                with stack.macro("Several changes"):
                    for _ in range(rng.randint(2, 3)):
                        edit = random_edit(stack.tree, rng)
                        if edit is not None:
                            stack.push(edit)
            else:
                edit = random_edit(stack.tree, rng)
                if edit is None or not edit.steps:
                    continue
                stack.push(edit)
        except EditRefused:
            refused += 1
            if check is not None:
                assert snapshot(stack.tree) == before, "a refused edit changed the tree"
            continue
        if stack.index == index:
            continue  # a macro of nothing
        done += 1
        if check is not None:
            check(stack.edits[stack.index - 1], before)
    return done, refused

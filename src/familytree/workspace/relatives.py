"""Edits of the links between people: a parent, partner, child or sibling added or linked, a link or a person
removed, children and partners reordered, a child's relation to each parent, a couple's partnership.

Every link is kept on both sides, as GEDCOM keeps it (FAMC/FAMS on the person, HUSB/WIFE/CHIL on
the family), and every edit here changes both. What would break the family graph is refused
with `EditRefused`: a person their own ancestor, one person twice in a family, a link to
someone not in the file.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Iterator
from operator import attrgetter

from familytree.model import ChildRef, ChildRelation, Event, Family, Person, Sex, Structure, Tree, stored_list
from familytree.model.text import shorten
from familytree.relations import PartnerStatus, partner_status
from familytree.workspace.editing import (
    AddRecord,
    Edit,
    EditRefused,
    InsertItem,
    Locator,
    MoveItem,
    RemoveItem,
    RemoveRecord,
    SetValue,
    Step,
    fact_words,
    family_words,
    new_id,
    person_record,
    person_words,
)

__all__ = [
    "Pointers", "Relative", "add_child", "add_parent", "add_partner", "add_sibling", "child_relations",
    "delete_person", "deletion_consequences", "move_child", "move_parent_family", "move_partner_family",
    "remove_link", "set_child_relation", "set_partnership",
]

# An existing person (their xref), or a new one to add: a Person with no links yet (and no id,
# or an id not taken).
Relative = str | Person

_HOME_TAGS = frozenset(("_HOME", "_ROOT", "_HOMEPERSON", "_ROOTPERSON"))
_RELATION_WORDS = {ChildRelation.ADOPTED: "adopted ", ChildRelation.FOSTER: "foster ",
                   ChildRelation.STEP: "step"}


def _family(tree: Tree, family_id: str) -> Family:
    family = tree.families.get(family_id)
    if family is None:
        raise EditRefused(f"There is no family {family_id} in this file (deleted, or never there)")
    return family


def _relative(tree: Tree, relative: Relative, steps: list[Step]) -> tuple[str, Person, bool]:
    """The relative's xref and record, and whether they are new (then adding them is the first step)."""
    if isinstance(relative, str):
        return relative, person_record(tree, relative), False
    if relative.parent_family_ids or relative.family_ids:
        raise EditRefused("A new person comes without links; they are made by the edit")
    if not relative.id:
        relative.id = new_id(tree, "I")
    elif relative.id in tree.people:
        raise EditRefused(f"{relative.id} is taken by {person_words(tree, relative.id)}")
    steps.append(AddRecord("INDI", relative))
    return relative.id, relative, True


def _ancestry(tree: Tree, people: Iterable[str]) -> set[str]:
    """The people and all their ancestors (by any link: an adoptive parent is a parent in the graph)."""
    seen: set[str] = set()
    queue = [p for p in people if p]
    while queue:
        pid = queue.pop()
        if pid in seen:
            continue
        seen.add(pid)
        queue.extend(tree.parents(pid))
    return seen


def _members(family: Family) -> list[str]:
    return [*family.partner_ids, *family.child_ids]


def _refuse_twice(tree: Tree, family: Family, person_id: str) -> None:
    if person_id in family.partner_ids:
        role = "a partner"
    elif person_id in family.child_ids:
        role = "a child"
    else:
        return
    raise EditRefused(f"{person_words(tree, person_id)} is already {role} in the family of "
                      f"{family_words(tree, family)}: a family cannot have the same person twice")


def _refuse_cycle(tree: Tree, parents: Iterable[str], children: Iterable[str]) -> None:
    """Refuse making any of `parents` a parent of any of `children` who is one of them or their ancestor."""
    parents = [p for p in parents if p]
    ancestry = _ancestry(tree, parents)
    for child in children:
        if child in ancestry:
            for parent in parents:
                if child == parent:
                    raise EditRefused(f"{person_words(tree, child)} cannot be their own parent or child")
                if child in _ancestry(tree, [parent]):
                    who, whose = person_words(tree, child), person_words(tree, parent)
                    raise EditRefused(f"{who} cannot be a child of {whose}: {who} is already an ancestor of "
                                      f"{whose}, and no one can be their own ancestor")


def _generations(tree: Tree, descendant: str, ancestor: str) -> int:
    """How many generations `ancestor` is above `descendant` (1: a parent), 0 when not their ancestor."""
    seen, level, depth = {descendant}, [descendant], 0
    while level:
        depth += 1
        above: list[str] = []
        for pid in level:
            for parent in tree.parents(pid):
                if parent == ancestor:
                    return depth
                if parent not in seen:
                    seen.add(parent)
                    above.append(parent)
        level = above
    return 0


_KIN = {"down": {Sex.FEMALE: ("daughter", "granddaughter"), Sex.MALE: ("son", "grandson")},
        "up": {Sex.FEMALE: ("mother", "grandmother"), Sex.MALE: ("father", "grandfather")}}
_KIN_UNSEXED = {"down": ("child", "grandchild"), "up": ("parent", "grandparent")}
_POSSESSIVE = {Sex.FEMALE: "her", Sex.MALE: "his"}


def _refuse_kin_as_sibling(tree: Tree, person_id: str, sibling_id: str) -> None:
    """Refuse making a person's descendant or ancestor their sibling (a daughter her father's sister)."""
    who, whom = person_words(tree, sibling_id), person_words(tree, person_id)
    for below, above, way, kind, other in ((sibling_id, person_id, "down", "a descendant", "ancestor"),
                                           (person_id, sibling_id, "up", "an ancestor", "descendant")):
        generations = _generations(tree, below, above)
        if generations:
            names = _KIN[way].get(tree.people[sibling_id].sex, _KIN_UNSEXED[way])
            kin = names[0] if generations == 1 else f"{'great-' * (generations - 2)}{names[1]}"
            whose = _POSSESSIVE.get(tree.people[person_id].sex, f"{whom}'s")
            raise EditRefused(f"{who} cannot be a sibling of {whom}: {who} is {kind} of {whom} "
                              f"({whose} {kin}), and no one can be a sibling of their own {other}")


def _named_family(tree: Tree, family_id: str, person_id: str, as_partner: bool) -> Family:
    """The family the user chose, which must have the person in it (as a partner, or as a child)."""
    family = _family(tree, family_id)
    if person_id not in (family.partner_ids if as_partner else family.child_ids):
        role = "a partner" if as_partner else "a child"
        raise EditRefused(f"{person_words(tree, person_id)} is not {role} in the family of "
                          f"{family_words(tree, family)}")
    return family


_SLOT_ORDER = {Sex.MALE: ("husband_id", "wife_id"), Sex.FEMALE: ("wife_id", "husband_id")}


def _free_slot(family: Family, sex: Sex) -> str:
    """The partner slot a person of this sex takes (HUSB for a man, WIFE for a woman, else the first free)."""
    for slot in _SLOT_ORDER.get(sex, ("husband_id", "wife_id")):
        if not getattr(family, slot):
            return slot
    return ""


def _new_family(tree: Tree, partners: list[Person], children: list[tuple[str, ChildRelation]],
                taken: Iterable[str]) -> Family:
    """A new family record: the partners in their slots (a man first when sexes differ), the children."""
    family = Family(new_id(tree, "F", taken))
    rank = {Sex.MALE: 0, Sex.FEMALE: 2}
    for person in sorted(partners, key=lambda p: rank.get(p.sex, 1)):
        setattr(family, _free_slot(family, person.sex) or "wife_id", person.id)
    family.children = [ChildRef(pid, relation) for pid, relation in children]
    return family


def _append(steps: list[Step], person: Person, name: str, family_id: str) -> None:
    steps.append(InsertItem(("INDI", person.id), name, len(getattr(person, name)), family_id))


def _linked(new: bool) -> str:
    return "Added" if new else "Linked"


_AS_PARENT = {ChildRelation.ADOPTED: "an adoptive parent", ChildRelation.FOSTER: "a foster parent",
              ChildRelation.STEP: "a step-parent"}


def _as_child(relation: ChildRelation) -> str:
    word = _RELATION_WORDS.get(relation, "")
    return f"an {word}child" if word.startswith(("a", "o")) else f"a {word}child"


# -- adding relatives ---------------------------------------------------------------------------

def _begin(tree: Tree, person_id: str, relative: Relative,
           role: str) -> tuple[Person, list[Step], str, Person, bool]:
    """The person, the steps so far (adding a new relative), the relative's xref and record, and
    whether they are new; refused when the relative is the person."""
    person = person_record(tree, person_id)
    steps: list[Step] = []
    relative_id, relative_person, new = _relative(tree, relative, steps)
    if relative_id == person_id:
        raise EditRefused(f"{person_words(tree, person_id)} cannot be their own {role}")
    return person, steps, relative_id, relative_person, new


def add_child(tree: Tree, parent_id: str, child: Relative, family_id: str = "",
              relation: ChildRelation = ChildRelation.BIRTH, new_family: bool = False) -> Edit:
    """Add a child (new, or an existing person) to a parent: in `family_id`, else in the parent's
    first family as a partner, else (or with `new_family`) in a new family of the parent alone."""
    parent, steps, child_id, child_person, new = _begin(tree, parent_id, child, "parent or child")
    families = tree.partner_families(parent_id)
    if family_id:
        family = _named_family(tree, family_id, parent_id, True)
    elif families and not new_family:
        family = families[0]
    else:
        _refuse_cycle(tree, [parent_id], [child_id])
        created = _new_family(tree, [parent], [(child_id, relation)], [child_id])
        steps.append(AddRecord("FAM", created))
        _append(steps, parent, "family_ids", created.id)
        _append(steps, child_person, "parent_family_ids", created.id)
        child_words, parent_words = _apart(child_person, parent)
        return Edit(f"{_linked(new)} {child_words} as {_as_child(relation)} of {parent_words}", steps)
    _refuse_twice(tree, family, child_id)
    _refuse_cycle(tree, family.partner_ids, [child_id])
    steps.append(InsertItem(("FAM", family.id), "children", len(family.children),
                            ChildRef(child_id, relation)))
    _append(steps, child_person, "parent_family_ids", family.id)
    child_words, of = _apart_from_family(tree, child_person, family)
    return Edit(f"{_linked(new)} {child_words} as {_as_child(relation)} of {of}", steps)


def _name(person: Person) -> str:
    return person.display_name()


def _apart_from_family(tree: Tree, child: Person, family: Family) -> tuple[str, str]:
    """A child's words and their family's (its partners, told apart from the child where named alike)."""
    partners = [tree.people[p] for p in family.partner_ids if p in tree.people]
    if not partners:
        return shorten(child.display_name()), family_words(tree, family)
    words = _apart(child, *partners)
    return words[0], " and ".join(words[1:])


def _apart(*people: Person) -> list[str]:
    """Several people's names for one sentence of the History: with their life years (else their
    xref) where two of them have the same name ("Martin Smith (1850–1910) ... Martin Smith (1878–1940)")."""
    names = [shorten(p.display_name()) for p in people]
    return [f"{name} ({p.lifespan() or p.id})" if names.count(name) > 1 else name
            for name, p in zip(names, people, strict=True)]


def add_parent(tree: Tree, child_id: str, parent: Relative, family_id: str = "",
               relation: ChildRelation = ChildRelation.BIRTH, new_family: bool = False) -> Edit:
    """Add a parent (new, or an existing person) to a child: into the free partner place of `family_id`,
    else of the child's first parents' family with one, else (none, or `new_family`) a new family
    whose child the child is by `relation`. A child whose parents' families are full is refused
    unless `new_family` says this parent makes another (an adoptive parent, say)."""
    child, steps, parent_id, parent_person, new = _begin(tree, child_id, parent, "parent or child")
    families = tree.parent_families(child_id)
    family: Family | None = None
    if family_id:
        family = _named_family(tree, family_id, child_id, False)
        _refuse_twice(tree, family, parent_id)
        if not _free_slot(family, parent_person.sex):
            raise EditRefused(f"The family of {family_words(tree, family)} already has two partners")
    elif not new_family:
        family = next((f for f in families if _free_slot(f, parent_person.sex)), None)
        if family is None and families:
            parents = " and ".join(person_words(tree, p) for p in tree.parents(child_id))
            raise EditRefused(f"{person_words(tree, child_id)} already has two parents ({parents}); "
                              f"add this parent in a new family (adoptive, step, foster...)")
    if family is None:
        _refuse_cycle(tree, [parent_id], [child_id])
        created = _new_family(tree, [parent_person], [(child_id, relation)], [parent_id])
        steps.append(AddRecord("FAM", created))
        _append(steps, parent_person, "family_ids", created.id)
        _append(steps, child, "parent_family_ids", created.id)
    else:
        _refuse_twice(tree, family, parent_id)
        _refuse_cycle(tree, [parent_id], family.child_ids)
        steps.append(SetValue(("FAM", family.id), _free_slot(family, parent_person.sex), parent_id))
        _append(steps, parent_person, "family_ids", family.id)
    kind = _AS_PARENT.get(relation, "a parent") if family is None else "a parent"
    parent_words, child_words = _apart(parent_person, child)
    return Edit(f"{_linked(new)} {parent_words} as {kind} of {child_words}", steps)


def add_partner(tree: Tree, person_id: str, partner: Relative, family_id: str = "") -> Edit:
    """Add a partner (new, or an existing person): into the free place of `family_id` (a family of the
    person's), else in a new family of the two."""
    person, steps, partner_id, partner_person, new = _begin(tree, person_id, partner, "partner")
    if family_id:
        family = _named_family(tree, family_id, person_id, True)
        _refuse_twice(tree, family, partner_id)
        slot = _free_slot(family, partner_person.sex)
        if not slot:
            raise EditRefused(f"The family of {family_words(tree, family)} already has two partners")
        _refuse_cycle(tree, [partner_id], family.child_ids)
        steps.append(SetValue(("FAM", family.id), slot, partner_id))
        _append(steps, partner_person, "family_ids", family.id)
    else:
        created = _new_family(tree, [person, partner_person], [], [partner_id])
        steps.append(AddRecord("FAM", created))
        _append(steps, person, "family_ids", created.id)
        _append(steps, partner_person, "family_ids", created.id)
    partner_words, person_words_ = _apart(partner_person, person)
    return Edit(f"{_linked(new)} {partner_words} as a partner of {person_words_}", steps)


def add_sibling(tree: Tree, person_id: str, sibling: Relative, family_id: str = "") -> Edit:
    """Add a sibling (new, or an existing person): a child of `family_id` (one of the person's parents'
    families), else of the person's first parents' family, else of a new family of the two as
    children with no parents recorded."""
    person, steps, sibling_id, sibling_person, new = _begin(tree, person_id, sibling, "sibling")
    if not new:
        _refuse_kin_as_sibling(tree, person_id, sibling_id)
    families = tree.parent_families(person_id)
    if family_id:
        family = _named_family(tree, family_id, person_id, False)
    elif families:
        family = families[0]
    else:
        created = _new_family(tree, [], [(person_id, ChildRelation.BIRTH), (sibling_id, ChildRelation.BIRTH)],
                              [sibling_id])
        steps.append(AddRecord("FAM", created))
        _append(steps, person, "parent_family_ids", created.id)
        _append(steps, sibling_person, "parent_family_ids", created.id)
        return Edit(f"{_linked(new)} {' as a sibling of '.join(_apart(sibling_person, person))}", steps)
    _refuse_twice(tree, family, sibling_id)
    _refuse_cycle(tree, family.partner_ids, [sibling_id])
    steps.append(InsertItem(("FAM", family.id), "children", len(family.children), ChildRef(sibling_id)))
    _append(steps, sibling_person, "parent_family_ids", family.id)
    return Edit(f"{_linked(new)} {' as a sibling of '.join(_apart(sibling_person, person))}", steps)


# -- removing links and people -----------------------------------------------------------------

def _leaving(family: Family, person_id: str) -> list[Step]:
    """The family's side of a person leaving it (every place they have in it)."""
    steps: list[Step] = [RemoveItem(("FAM", family.id), "children", i)
                         for i in range(len(family.children) - 1, -1, -1)
                         if family.children[i].person_id == person_id]
    steps.extend(SetValue(("FAM", family.id), slot, "") for slot in ("husband_id", "wife_id")
                 if getattr(family, slot) == person_id)
    return steps


def _left_empty(family: Family, leaving: set[str]) -> bool:
    return not any(m not in leaving for m in _members(family))


def remove_link(tree: Tree, person_id: str, family_id: str) -> Edit:
    """Take a person out of a family (as a partner or a child), on both sides. A family left with nobody
    in it goes too."""
    person = person_record(tree, person_id)
    family = _family(tree, family_id)
    if person_id not in _members(family):
        raise EditRefused(f"{person_words(tree, person_id)} is not in the family of "
                          f"{family_words(tree, family)}")
    role = "a partner in the family of" if person_id in family.partner_ids else "a child of"
    text = f"Removed {person_words(tree, person_id)} as {role} {family_words(tree, family)}"
    steps = _leaving(family, person_id)
    for name in ("parent_family_ids", "family_ids"):
        ids = getattr(person, name)
        steps.extend(RemoveItem(("INDI", person_id), name, i) for i in range(len(ids) - 1, -1, -1)
                     if ids[i] == family_id)
    if _left_empty(family, {person_id}):
        steps.append(RemoveRecord("FAM", family_id))
        text += " (the family, left with nobody, with it)"
    return Edit(text, steps)


_POINTERS = (("associations", stored_list(Person, "associations"), attrgetter("person_id")),
             ("extra", stored_list(Person, "extra"), attrgetter("value")))


class Pointers:
    """Whose associations and pointers kept as read (ALIA, extensions) name each person, in one tree.

    Deleting a person takes those lines out. With this index it reads only the people who have
    them, not every person of the file (two passes over 100,000 people, 5-10 ms). Made with such
    passes, it is kept up to date by being told which people each edit changed (`changed`): a
    workspace keeps one for its open tree, whose edits all go through its undo stack.
    """

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self._naming: dict[str, set[str]] = {}  # a person -> the people whose lines name them
        self._named: dict[str, set[str]] = {}  # a person -> the people their lines name
        # the same for pointers deeper in a record (an event's ASSO, a family's): record key -> ids
        self._deep_naming: dict[str, set[tuple[str, str]]] = {}
        self._deep_named: dict[tuple[str, str], set[str]] = {}
        people = tree.people.values()
        holders: dict[str, Person] = {}
        for _name, get, _value in _POINTERS:  # (who has such lines at all is asked in C)
            holders.update((p.id, p) for p in itertools.compress(people, map(get, people)))
        for person in holders.values():
            self._read(person)
        for with_lines in _with_event_lines(people):
            self._read_deep("INDI", with_lines)
        families = tree.families.values()
        for family in itertools.compress(families, map(_family_extra, families)):
            self._read_deep("FAM", family)
        for with_lines in _with_event_lines(families):
            self._read_deep("FAM", with_lines)

    def changed(self, people: Iterable[str], families: Iterable[str] = ()) -> None:
        """Read again the lines of these people and families (added, removed or edited)."""
        for pid in people:
            for named in self._named.pop(pid, ()):
                self._naming[named].discard(pid)
            person = self.tree.people.get(pid)
            if person is not None:
                self._read(person)
            self._forget_deep(("INDI", pid))
            if person is not None:
                self._read_deep("INDI", person)
        for fid in families:
            self._forget_deep(("FAM", fid))
            family = self.tree.families.get(fid)
            if family is not None:
                self._read_deep("FAM", family)

    def deep_naming(self, person_id: str) -> list[tuple[str, str]]:
        """The records (("INDI" or "FAM", id)) with a pointer to a person below their top level."""
        return sorted(self._deep_naming.get(person_id, ()))

    def _read_deep(self, kind: str, record: Person | Family) -> None:
        named = {item.value for *_where, item in _deep_pointers(record)}
        if named:
            self._deep_named[(kind, record.id)] = named
            for pid in named:
                self._deep_naming.setdefault(pid, set()).add((kind, record.id))

    def _forget_deep(self, key: tuple[str, str]) -> None:
        for named in self._deep_named.pop(key, ()):
            self._deep_naming[named].discard(key)

    def naming(self, person_id: str) -> list[Person]:
        """The people whose lines name a person, in the file's order."""
        found = self._naming.get(person_id)
        if not found:
            return []
        people = self.tree.people
        if len(found) == 1:
            return [people[pid] for pid in found if pid in people]
        return [p for pid, p in people.items() if pid in found]

    def _read(self, person: Person) -> None:
        named = {value(item) for name, get, value in _POINTERS for item in get(person) or ()
                 if name == "associations" or item.pointer}
        if named:
            self._named[person.id] = named
            for pid in named:
                self._naming.setdefault(pid, set()).add(person.id)


_family_extra = stored_list(Family, "extra")
_event_extra = stored_list(Event, "extra")
_structure_children = stored_list(Structure, "children")


_events = attrgetter("events")


def _with_event_lines(records: Collection[Person] | Collection[Family]) -> Iterator[Person | Family]:
    """The records with lines kept as read under one of their events (an event's ASSO)."""
    # whether any event has such lines is asked in C first (most files: none, 100,000 people in ms)
    if not any(map(_event_extra, itertools.chain.from_iterable(map(_events, records)))):
        return
    for record in records:
        if any(map(_event_extra, record.events)):
            yield record


def _walk(items: list[Structure], where: tuple[str | int, ...], name: str
          ) -> Iterator[tuple[tuple[str | int, ...], str, int, Structure]]:
    for i, item in enumerate(items):
        if item.pointer:
            yield where, name, i, item
        children = _structure_children(item)
        if children:
            yield from _walk(children, (*where, name, i), "children")


def _deep_pointers(record: Person | Family) -> Iterator[tuple[tuple[str | int, ...], str, int, Structure]]:
    """Pointers below a record's top level: under its events (an event's ASSO), under its other lines
    kept as read, and a family's own (a family's ASSO); (path to the list's owner, list, index, line).
    A person's own top-level pointers are `_POINTERS`' (their associations, ALIA)."""
    extra = _family_extra(record) if isinstance(record, Family) else None
    if extra:
        yield from _walk(extra, (), "extra")
    elif isinstance(record, Person):
        for i, item in enumerate(record.extra if stored_list(Person, "extra")(record) else ()):
            children = _structure_children(item)
            if children:
                yield from _walk(children, ("extra", i), "children")
    for j, event in enumerate(record.events):
        lines = _event_extra(event)
        if lines:
            yield from _walk(lines, ("events", j), "extra")


def _pointing_at(tree: Tree, person_id: str,
                 pointers: Pointers | None) -> Iterator[tuple[Person, str, int, str]]:
    """Other people's lines that point to a person, last first in each list: their associations with
    them, and pointers kept as read (ALIA, extensions); (who, which list, where in it, the tag)."""
    people: Iterable[Person] = tree.people.values()
    indexed = pointers is not None and pointers.tree is tree
    if pointers is not None and indexed:
        people = pointers.naming(person_id)
    for name, get, value in _POINTERS:
        # else whether anyone points to them is asked in C (a file of 100,000 people); who, only if one does
        named = map(value, itertools.chain.from_iterable(filter(None, map(get, people))))
        if not indexed and person_id not in named:
            continue
        for other in people:
            items = get(other)
            if not items or other.id == person_id:
                continue
            for i in range(len(items) - 1, -1, -1):
                item = items[i]
                if value(item) == person_id and (name == "associations" or item.pointer):
                    yield other, name, i, item.tag if name == "extra" else ""


def _deletion(tree: Tree, person_id: str, pointers: Pointers | None) -> tuple[list[Step], list[str]]:
    """The steps deleting a person, and what goes with them in words."""
    person = person_record(tree, person_id)
    who = person_words(tree, person_id)
    steps: list[Step] = []
    words: list[str] = [_record_words(person, who)]
    for family_id in dict.fromkeys([*person.parent_family_ids, *person.family_ids]):
        family = tree.families.get(family_id)
        if family is None:
            continue
        steps.extend(_leaving(family, person_id))
        others = [person_words(tree, m) for m in dict.fromkeys(_members(family)) if m != person_id]
        if person_id in family.child_ids:
            parents = [p for p in family.partner_ids if p != person_id]
            words.append(f"{who} as a child of " + (" and ".join(person_words(tree, p) for p in parents)
                                                  if parents else "a family with no parents recorded"))
        empty = _left_empty(family, {person_id})
        if person_id in family.partner_ids:
            partner = next((p for p in family.partner_ids if p != person_id), "")
            kids = [person_words(tree, c) for c in dict.fromkeys(family.child_ids) if c != person_id]
            words.append(f"{who} as a partner" + (f" of {person_words(tree, partner)}" if partner else "")
                         + (f" and a parent of {', '.join(kids)}" if kids else "")
                         + ("" if empty else f" (the family stays, with {', '.join(others)})"))
        if empty:
            steps.append(RemoveRecord("FAM", family_id))
            facts = ", ".join(fact_words(tree, ("FAM", family_id), e).split(" of ")[0] for e in family.events)
            words.append(f"their family record, left with nobody in it{f' ({facts})' if facts else ''}")
    deep = pointers.deep_naming(person_id) if pointers is not None and pointers.tree is tree else [
        (kind, record.id) for kind, table in (("INDI", tree.people), ("FAM", tree.families))
        for record in table.values() if any(item.value == person_id for *_w, item in _deep_pointers(record))]
    for kind, record_id in deep:  # deeper lines first, the last of each list first: indexes stay true
        record = tree.people.get(record_id) if kind == "INDI" else tree.families.get(record_id)
        if record is None:
            continue
        found = [(where, name, i, item) for where, name, i, item in _deep_pointers(record)
                 if item.value == person_id]
        for where, name, i, item in sorted(found, key=lambda f: (-len(f[0]), f[0], f[1], -f[2])):
            steps.append(RemoveItem((kind, record_id, *where), name, i))
            words.append(_deep_words(tree, kind, record, where, item.tag, who))
    for other, name, i, tag in _pointing_at(tree, person_id, pointers):
        steps.append(RemoveItem(("INDI", other.id), name, i))
        whose = person_words(tree, other.id)
        words.append(f"the association of {whose} with {who}" if name == "associations"
                     else f"the {tag} link of {whose} to {who}")
    header = tree.header
    if header.home_person_id == person_id:
        steps.append(SetValue(("HEAD",), "home_person_id", ""))
        steps.extend(RemoveItem(("HEAD",), "extra", i) for i in range(len(header.extra) - 1, -1, -1)
                     if header.extra[i].tag in _HOME_TAGS and header.extra[i].value.strip() == person_id)
        words.append("the file's home person (the chart starts elsewhere)")
    steps.append(RemoveRecord("INDI", person_id))
    return steps, words


def _deep_words(tree: Tree, kind: str, record: Person | Family, where: tuple[str | int, ...], tag: str,
                who: str) -> str:
    """ "the association in the death of Joseph de Allen: 28 March 2022, with Anna" """
    what = "association" if tag == "ASSO" else f"{tag} link"
    owner = person_words(tree, record.id) if isinstance(record, Person) else \
        f"the family of {family_words(tree, record)}"
    at = where[1] if len(where) >= 2 and where[0] == "events" else None
    if isinstance(at, int) and at < len(record.events):
        fact = fact_words(tree, (kind, record.id), record.events[at])
        return f"the {what} in the {fact}, with {who}"
    return f"the {what} of {owner} with {who}"


def _record_words(person: Person, who: str) -> str:
    cited = len(person.citations) + sum(len(n.citations) for n in person.names) \
        + sum(len(e.citations) for e in person.events)
    counts = [(len(person.names), "name"), (len(person.events), "fact"), (len(person.notes), "note"),
              (cited, "citation"), (len(person.media), "media link")]
    said = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in counts if n]
    return f"{who}'s record" + (f": {', '.join(said)}" if said else "")


def deletion_consequences(tree: Tree, person_id: str, pointers: Pointers | None = None) -> list[str]:
    """What goes when a person is deleted, a sentence each, for the confirmation: their record, their
    place in each family, families left with nobody, others' associations with them (found through
    `pointers` when given, an index kept up to date for this tree, else by reading everyone's)."""
    return _deletion(tree, person_id, pointers)[1]


def delete_person(tree: Tree, person_id: str, pointers: Pointers | None = None) -> Edit:
    """Delete a person and every link to them (see `deletion_consequences`); undoing puts all back."""
    steps, _ = _deletion(tree, person_id, pointers)
    return Edit(f"Deleted {person_words(tree, person_id)}", steps)


# -- order --------------------------------------------------------------------------------------

def _move(items: list[str] | list[ChildRef], source: int, target: int, what: str) -> None:
    if not (0 <= source < len(items) and 0 <= target < len(items)):
        raise EditRefused(f"There is no {what} number {max(source, target) + 1}")


def move_child(tree: Tree, family_id: str, source: int, target: int) -> Edit:
    """Move a child among the family's children (birth order as the file keeps it)."""
    family = _family(tree, family_id)
    _move(family.children, source, target, "child")
    child = person_words(tree, family.children[source].person_id)
    return Edit(f"Moved {child} to place {target + 1} among the children of {family_words(tree, family)}",
                [MoveItem(("FAM", family_id), "children", source, target)] if source != target else [])


def move_partner_family(tree: Tree, person_id: str, source: int, target: int) -> Edit:
    """Move one of a person's families among their families as a partner: the order of their partners."""
    person = person_record(tree, person_id)
    _move(person.family_ids, source, target, "family")
    family = tree.families.get(person.family_ids[source])
    partner = next((p for p in family.partner_ids if p != person_id), "") if family is not None else ""
    with_whom = f"with {person_words(tree, partner)}" if partner else person.family_ids[source]
    return Edit(f"Moved the family {with_whom} to place {target + 1} among those of "
                f"{person_words(tree, person_id)}",
                [MoveItem(("INDI", person_id), "family_ids", source, target)] if source != target else [])


def move_parent_family(tree: Tree, person_id: str, source: int, target: int) -> Edit:
    """Move one of a person's parents' families (birth parents first, say, before adoptive ones)."""
    person = person_record(tree, person_id)
    _move(person.parent_family_ids, source, target, "parents' family")
    family = tree.families.get(person.parent_family_ids[source])
    parents = family_words(tree, family) if family is not None else person.parent_family_ids[source]
    return Edit(f"Moved the parents {parents} to place {target + 1} among those of "
                f"{person_words(tree, person_id)}",
                [MoveItem(("INDI", person_id), "parent_family_ids", source, target)]
                if source != target else [])


# -- a child's relation to each parent --------------------------------------------------------------

# GEDCOM gives one PEDI per child link to a family, for both parents. A child who is one parent's
# by birth and the other's by adoption or marriage is said as Family Tree Maker and others say it,
# _FREL (to the HUSB) and _MREL (to the WIFE) under the CHIL line, kept and written back as read.
_PARENT_TAGS = {"husband_id": "_FREL", "wife_id": "_MREL"}
_REL_WORDS = {ChildRelation.BIRTH: "Natural", ChildRelation.ADOPTED: "Adopted",
              ChildRelation.FOSTER: "Foster",
              ChildRelation.STEP: "Step", ChildRelation.SEALING: "Sealing", ChildRelation.OTHER: "Other",
              ChildRelation.UNKNOWN: "Unknown"}
_WORD_RELATIONS = {w.casefold(): r for r, w in _REL_WORDS.items()}
_WORD_RELATIONS.update(birth=ChildRelation.BIRTH, biological=ChildRelation.BIRTH,
                       stepchild=ChildRelation.STEP)
# When the parents' relations differ, the family link says the one further from birth: nothing then
# claims a blood link the file does not give
_DISTANCE = {ChildRelation.BIRTH: 0, ChildRelation.UNKNOWN: 1, ChildRelation.OTHER: 2,
             ChildRelation.SEALING: 3,
             ChildRelation.ADOPTED: 4, ChildRelation.FOSTER: 5, ChildRelation.STEP: 6}


def _child_ref(tree: Tree, family_id: str, child_id: str) -> tuple[Family, int]:
    family = _family(tree, family_id)
    for i, ref in enumerate(family.children):
        if ref.person_id == child_id:
            return family, i
    raise EditRefused(f"{person_words(tree, child_id)} is not a child in the family of "
                      f"{family_words(tree, family)}")


def child_relations(tree: Tree, family_id: str, child_id: str) -> dict[str, ChildRelation]:
    """The child's relation to each parent of the family (by parent xref)."""
    family, i = _child_ref(tree, family_id, child_id)
    ref = family.children[i]
    out: dict[str, ChildRelation] = {}
    for slot, tag in _PARENT_TAGS.items():
        parent = getattr(family, slot)
        if parent:
            kept = next((s for s in ref.extra if s.tag == tag), None)
            word = kept.value.strip().casefold() if kept is not None else ""
            out[parent] = _WORD_RELATIONS.get(word, ref.relation)
    return out


def set_child_relation(tree: Tree, family_id: str, child_id: str, relation: ChildRelation,
                       parent_id: str = "", phrase: str = "") -> Edit:
    """Set how a child belongs to a family's parents (birth, adopted, foster, step...): to both, or to
    `parent_id` alone. `phrase` says more of an OTHER relation."""
    family, i = _child_ref(tree, family_id, child_id)
    ref = family.children[i]
    relations = child_relations(tree, family_id, child_id)
    if parent_id:
        if parent_id not in relations:
            raise EditRefused(f"{person_words(tree, parent_id)} is not a parent in the family of "
                              f"{family_words(tree, family)}")
        relations[parent_id] = relation
    else:
        relations = dict.fromkeys(relations, relation)
    overall = max(relations.values(), key=_DISTANCE.__getitem__) if relations else relation
    where: Locator = ("FAM", family_id, "children", i)
    steps: list[Step] = []
    if ref.relation is not overall:
        steps.append(SetValue(where, "relation", overall))
    if ref.phrase != phrase:
        steps.append(SetValue(where, "phrase", phrase))
    differ = len(set(relations.values())) > 1
    for slot, tag in _PARENT_TAGS.items():
        parent = getattr(family, slot)
        if not parent:
            continue
        word = _REL_WORDS[relations[parent]]
        at = next((k for k, s in enumerate(ref.extra) if s.tag == tag), None)
        if at is not None and ref.extra[at].value != word:
            steps.append(SetValue((*where, "extra", at), "value", word))
        elif at is None and differ:
            added = sum(isinstance(s, InsertItem) for s in steps)  # _FREL first, then _MREL after it
            steps.append(InsertItem(where, "extra", len(ref.extra) + added, Structure(tag, word)))
    child = person_record(tree, child_id)
    if parent_id:
        child_words, parent_words = _apart(child, person_record(tree, parent_id))
        to = f"of {parent_words}"
    else:
        child_words, of = _apart_from_family(tree, child, family)
        to = f"in the family of {of}"
    kind = _as_child(relation) if relation is not ChildRelation.BIRTH else "a child by birth"
    pedigree = ref.relation is not overall or ref.phrase != phrase  # (written on the child's FAMC too)
    return Edit(f"Made {child_words} {kind} {to}", steps,
                frozenset((child_id,)) if pedigree else frozenset())


# -- a couple's partnership -----------------------------------------------------------------------

_MARRIAGES = frozenset(("MARR", "MARB", "MARC", "MARL", "MARS"))


def _says_unmarried(tree: Tree, item: Structure | Event) -> bool:
    """Whether one line of a family says the couple did not marry (as `partner_status` reads it)."""
    probe = Family("probe", extra=[item]) if isinstance(item, Structure) else Family("probe", events=[item])
    return partner_status(probe) is PartnerStatus.UNMARRIED


def _evidenced(event: Event) -> bool:
    return (event.date is not None or event.place is not None
            or bool(event.citations or event.notes or event.extra))


def set_partnership(tree: Tree, family_id: str, status: PartnerStatus) -> Edit:
    """Say whether the couple married: married (a marriage is recorded), unmarried (the file says they
    did not), unknown. A fact to the contrary with a date, place or source is evidence, and is not
    removed by this: the user removes that fact first."""
    family = _family(tree, family_id)
    couple = family_words(tree, family)
    words = {PartnerStatus.MARRIED: "married", PartnerStatus.UNMARRIED: "not married",
             PartnerStatus.UNKNOWN: "of unknown partnership"}
    edit = Edit(f"Made {couple} {words[status]}")
    if partner_status(family) is status:
        return edit
    where: Locator = ("FAM", family_id)
    markers = [i for i, s in enumerate(family.extra) if _says_unmarried(tree, s)]
    said = [i for i, e in enumerate(family.events) if e.tag in ("EVEN", "FACT") and _says_unmarried(tree, e)]
    recorded = [i for i, e in enumerate(family.events)
                if (e.tag in _MARRIAGES or e.tag in ("DIV", "ANUL")) and not e.denied]
    gone = sorted({*said} if status is PartnerStatus.MARRIED
                  else {*recorded, *said} if status is PartnerStatus.UNKNOWN else {*recorded}, reverse=True)
    for i in gone:
        e = family.events[i]
        if _evidenced(e):
            shown = fact_words(tree, where, e)
            raise EditRefused(f"The family of {couple} records {shown.split(' of ')[0]} "
                              f"({shown.partition(': ')[2] or 'with its evidence'}): "
                              f"remove that fact first if it is wrong")
    steps = edit.steps
    steps.extend(RemoveItem(where, "events", i) for i in gone)
    if status is not PartnerStatus.UNMARRIED:
        steps.extend(RemoveItem(where, "extra", i) for i in reversed(markers))
    if status is PartnerStatus.MARRIED:
        denied = next((i for i, e in enumerate(family.events) if e.tag == "MARR" and e.denied), None)
        if denied is not None:  # "1 MARR N": it did happen after all
            steps.append(SetValue((*where, "events", denied - sum(g < denied for g in gone)), "value", "Y"))
        else:
            steps.append(InsertItem(where, "events", len(family.events) - len(gone), Event("MARR", "Y")))
    elif status is PartnerStatus.UNMARRIED and not markers and not said:
        seven = tree.header.version.startswith("7") or not tree.header.version
        steps.append(InsertItem(where, "extra", len(family.extra),
                                Structure("NO", "MARR") if seven else Structure("_STAT", "NOT MARRIED")))
    return edit

"""Edits of a tree as commands that apply and revert themselves exactly, each with its words for the History.

An `Edit` is a description and a list of steps. A step changes one thing, found by a
`Locator` from the tree's records down (so that a recovery journal can replay it onto the
same file read again): it sets an attribute, inserts, removes or moves an item of a list,
or adds or removes a record. Reverting undoes the steps in reverse order, putting back the
very objects it took away, so undoing everything gives back the tree as it was read.

The functions here make edits from what a user asks for, after checking it against the
tree as it is: what would break the model (a person their own ancestor, one person twice
in a family, a link to someone not in the file) raises `EditRefused` with the reason in
words, and nothing is changed. People and their facts, names and notes are here; the links
between people in `familytree.workspace.relatives`.
"""

from __future__ import annotations

import contextlib
import itertools
import operator
from collections.abc import Iterable
from dataclasses import field, fields
from typing import Any

from familytree.model import (
    EVENT_LABELS,
    Citation,
    Date,
    Event,
    Family,
    Name,
    NameType,
    Note,
    NoteRef,
    Person,
    Place,
    Repository,
    Sex,
    Source,
    Structure,
    Tree,
    place_text,
    split_gedcom_name,
    stored_list,
)
from familytree.model.date_input import read_date
from familytree.model.slotted import slotted
from familytree.model.text import shorten
from familytree.workspace.events import TreeChange

__all__ = [
    "AddRecord", "Edit", "EditRefused", "InsertItem", "Locator", "MoveItem", "RemoveItem", "RemoveRecord",
    "SetValue", "Step", "add_citation", "add_event", "add_name", "add_note", "add_repository",
    "add_repository_link", "add_source", "add_translation", "edit_citation", "edit_event", "edit_name",
    "edit_note", "edit_repository", "edit_source", "fact_words", "family_words", "move_event", "move_name",
    "move_note", "new_id", "person_record", "person_words", "records", "remove_citation", "remove_event",
    "remove_name", "remove_note", "remove_repository_link", "remove_translation", "resolve",
    "set_restriction", "set_sex",
]

# Where an object is: a record's kind and xref, then attribute names and list indexes, as in
# ("INDI", "@I1@", "events", 2, "citations", 0). The header is ("HEAD",).
Locator = tuple[str | int, ...]


class EditRefused(ValueError):  # noqa: N818 (the public name callers catch)
    """An edit the tree cannot take: the message says why, in words a user reads."""


def records(tree: Tree, kind: str) -> dict[str, Any]:
    """The table of records of one kind: "INDI", "FAM", "SOUR", "REPO", "NOTE", "OBJE"."""
    tables: dict[str, dict[str, Any]] = {
        "INDI": tree.people, "FAM": tree.families, "SOUR": tree.sources, "REPO": tree.repositories,
        "NOTE": tree.notes, "OBJE": tree.media,
    }
    try:
        return tables[kind]
    except KeyError:
        raise LookupError(f"no records of kind {kind!r}") from None


def resolve(tree: Tree, where: Locator) -> Any:
    """The object a locator names; LookupError when there is none (the tree is not the one it was made on)."""
    if not where:
        raise LookupError("an empty locator")
    if where[0] == "HEAD":
        obj: Any = tree.header
        rest = where[1:]
    else:
        table = records(tree, str(where[0]))
        if len(where) < 2 or where[1] not in table:
            raise LookupError(f"no {where[0]} record {where[1] if len(where) > 1 else ''}")
        obj = table[where[1]]  # type: ignore[index]
        rest = where[2:]
    for step in rest:
        try:
            obj = obj[step] if isinstance(step, int) else getattr(obj, step)
        except (IndexError, AttributeError, TypeError):
            raise LookupError(f"nothing at {step!r} of {'/'.join(map(str, where))}") from None
    return obj


# -- steps: the one-thing changes an edit is made of -------------------------------------------

class Step:
    """One change, exactly reversible; `where` locates the object changed (the list's owner for lists)."""

    __slots__ = ()
    where: Locator

    def apply(self, tree: Tree) -> None:
        raise NotImplementedError

    def revert(self, tree: Tree) -> None:
        raise NotImplementedError

    @property
    def attribute(self) -> str:
        return ""


@slotted
class SetValue(Step):
    """Set an attribute of the object at `where`; reverting puts the previous value back."""

    where: Locator
    name: str
    value: Any
    _old: Any = field(default=None, repr=False, compare=False)

    def apply(self, tree: Tree) -> None:
        obj = resolve(tree, self.where)
        self._old = getattr(obj, self.name)
        setattr(obj, self.name, self.value)

    def revert(self, tree: Tree) -> None:
        setattr(resolve(tree, self.where), self.name, self._old)

    @property
    def attribute(self) -> str:
        return self.name


def _list(obj: Any, name: str) -> tuple[list[Any], bool]:
    """The list an attribute holds, and whether the object stored none (a lazy field still empty)."""
    try:
        unset = stored_list(type(obj), name)(obj) is None
    except KeyError:  # not a dataclass field (never the case for the model's lists)
        unset = False
    return getattr(obj, name), unset


@slotted
class InsertItem(Step):
    """Insert `item` at `index` of the list `name` of the object at `where` (index = length: append)."""

    where: Locator
    name: str
    index: int
    item: Any
    _unset: bool = field(default=False, repr=False, compare=False)

    def apply(self, tree: Tree) -> None:
        items, self._unset = _list(resolve(tree, self.where), self.name)
        if not 0 <= self.index <= len(items):
            raise LookupError(f"no place {self.index} in {self.name} of {'/'.join(map(str, self.where))}")
        items.insert(self.index, self.item)

    def revert(self, tree: Tree) -> None:
        obj = resolve(tree, self.where)
        items = getattr(obj, self.name)
        del items[self.index]
        if self._unset and not items:
            setattr(obj, self.name, None)  # as read: the field stores no list while empty

    @property
    def attribute(self) -> str:
        return self.name


@slotted
class RemoveItem(Step):
    """Remove the item at `index` of the list `name` of the object at `where`; reverting puts it back."""

    where: Locator
    name: str
    index: int
    _item: Any = field(default=None, repr=False, compare=False)

    def apply(self, tree: Tree) -> None:
        items = getattr(resolve(tree, self.where), self.name)
        if not 0 <= self.index < len(items):
            raise LookupError(f"no item {self.index} in {self.name} of {'/'.join(map(str, self.where))}")
        self._item = items.pop(self.index)

    def revert(self, tree: Tree) -> None:
        getattr(resolve(tree, self.where), self.name).insert(self.index, self._item)

    @property
    def attribute(self) -> str:
        return self.name


@slotted
class MoveItem(Step):
    """Move the item at `source` of a list to `target` (its index once moved)."""

    where: Locator
    name: str
    source: int
    target: int

    def apply(self, tree: Tree) -> None:
        items = getattr(resolve(tree, self.where), self.name)
        if not (0 <= self.source < len(items) and 0 <= self.target < len(items)):
            raise LookupError(f"no item {self.source} or place {self.target} in {self.name}")
        items.insert(self.target, items.pop(self.source))

    def revert(self, tree: Tree) -> None:
        items = getattr(resolve(tree, self.where), self.name)
        items.insert(self.source, items.pop(self.target))

    @property
    def attribute(self) -> str:
        return self.name


@slotted
class AddRecord(Step):
    """Add a record (a person, family, source, repository, shared note) under its kind, after the others."""

    kind: str
    record: Any

    @property
    def where(self) -> Locator:  # type: ignore[override]
        return (self.kind, self.record.id)

    def apply(self, tree: Tree) -> None:
        table = records(tree, self.kind)
        if self.record.id in table:
            raise LookupError(f"{self.record.id} is taken")
        table[self.record.id] = self.record
        tree.record_order.append(self.record.id)

    def revert(self, tree: Tree) -> None:
        del records(tree, self.kind)[self.record.id]
        order = tree.record_order
        for i in range(len(order) - 1, -1, -1):
            if order[i] == self.record.id:
                del order[i]
                break


_LOOK_AHEAD = 64  # how far into the file's order the first record of a kind is looked for


@slotted
class RemoveRecord(Step):
    """Remove a record; reverting puts the same object back where it was in its table and the file's order."""

    kind: str
    xref: str
    _record: Any = field(default=None, repr=False, compare=False)
    _position: int = field(default=0, repr=False, compare=False)
    _order: list[int] = field(default_factory=list, repr=False, compare=False)

    @property
    def where(self) -> Locator:  # type: ignore[override]
        return (self.kind, self.xref)

    def apply(self, tree: Tree) -> None:
        # (a file of 100,000 people: the searches below run in C, a loop over them in Python would not)
        table = records(tree, self.kind)
        if self.xref not in table:
            raise LookupError(f"no {self.kind} record {self.xref}")
        self._position = operator.indexOf(table, self.xref)
        first = next(iter(table))
        self._record = table.pop(self.xref)
        # its place in the file's order: where a file listing its kind together, in the table's order,
        # has it (most do: a look instead of a search), else the first place it is found (xrefs are
        # unique; the writer passes over any left of a record that is gone)
        order = tree.record_order
        at = -1
        with contextlib.suppress(ValueError):
            at = order.index(first, 0, _LOOK_AHEAD) + self._position
        if not (0 <= at < len(order) and order[at] == self.xref):
            try:
                at = order.index(self.xref)
            except ValueError:
                at = -1
        self._order = [at] if at >= 0 else []
        for i in self._order:
            del order[i]

    def revert(self, tree: Tree) -> None:
        table = records(tree, self.kind)
        # the table's order is the order views list records in: the record goes back in its place, the
        # records after it taken out and put back after it (in C: a Python loop over 50,000 took 30 ms)
        later = list(itertools.islice(table, self._position, None))
        moved = list(map(table.pop, later))
        table[self.xref] = self._record
        table.update(zip(later, moved, strict=True))
        for i in self._order:
            tree.record_order.insert(i, self.xref)


# -- edits ---------------------------------------------------------------------------------

# what, changed on a person or family, changes who is whose parent, partner or child
_LINK_FIELDS = frozenset(("husband_id", "wife_id", "children", "parent_family_ids", "family_ids",
                          "relation"))
_KIND_FIELDS = {"INDI": "people", "FAM": "families", "SOUR": "sources", "REPO": "repositories",
                "NOTE": "notes"}


@slotted
class Edit:
    """One change as the user sees it (one entry in the History): its words and its steps."""

    description: str
    steps: list[Step] = field(default_factory=list)
    # people whose records change though no step is theirs: a child's relation to a family is
    # written on the child's FAMC line as well as under the family's CHIL
    people: frozenset[str] = frozenset()

    def apply(self, tree: Tree) -> None:
        """Do every step; when one fails, the ones done are reverted and the error raised."""
        for done, step in enumerate(self.steps):
            try:
                step.apply(tree)
            except BaseException:
                for earlier in reversed(self.steps[:done]):
                    earlier.revert(tree)
                raise

    def revert(self, tree: Tree) -> None:
        for step in reversed(self.steps):
            step.revert(tree)

    @property
    def created(self) -> list[str]:
        """The xrefs of the records this edit adds (a new person, family or source), in order."""
        return [s.record.id for s in self.steps if isinstance(s, AddRecord)]

    def change(self, undone: bool = False) -> TreeChange:
        """What the edit changes (or, undone, changed back), for views."""
        touched: dict[str, set[str]] = {name: set() for name in _KIND_FIELDS.values()}
        touched["people"].update(self.people)
        added: set[str] = set()
        removed: set[str] = set()
        names: set[str] = set()
        links = False
        for step in self.steps:
            kind = step.where[0]
            xref = str(step.where[1]) if len(step.where) > 1 else ""
            if kind in _KIND_FIELDS:
                touched[_KIND_FIELDS[str(kind)]].add(xref)
            if isinstance(step, AddRecord | RemoveRecord):
                (added if isinstance(step, AddRecord) != undone else removed).add(xref)
                links = links or kind in ("INDI", "FAM")
                if kind == "INDI":
                    names.add(xref)
            elif kind in ("INDI", "FAM") and (step.attribute in _LINK_FIELDS
                                              or step.where[2:3] == ("children",)):
                links = True  # (a child's relation to each parent is kept under its CHIL line)
            if kind == "INDI" and (step.attribute == "names" or "names" in step.where[2:3]):
                names.add(xref)
        return TreeChange(self.description, frozenset(touched["people"]), frozenset(touched["families"]),
                          frozenset(touched["sources"]), frozenset(touched["repositories"]),
                          frozenset(touched["notes"]), frozenset(added), frozenset(removed), frozenset(names),
                          links, undone)


def new_id(tree: Tree, letter: str, taken: Iterable[str] = ()) -> str:
    """A fresh xref "@<letter><n>@" no record has (records of every kind share one namespace)."""
    used = set(taken)
    own: dict[str, dict[str, Any]] = {"I": tree.people, "F": tree.families, "S": tree.sources,
                                      "R": tree.repositories, "N": tree.notes, "M": tree.media}
    tables = tuple(own.values())
    others = {r.xref for r in tree.other_records}
    n = len(own.get(letter, ())) + 1  # files number each kind from 1: the next number is usually free
    while True:
        xref = f"@{letter}{n}@"
        if xref not in used and xref not in others and not any(xref in t for t in tables):
            return xref
        n += 1


# -- words ----------------------------------------------------------------------------------

def person_words(tree: Tree, person_id: str) -> str:
    person = tree.people.get(person_id)
    return shorten(person.display_name()) if person is not None else person_id


def family_words(tree: Tree, family: Family) -> str:
    """A family as the History names it: its partners, else whose parents they are."""
    partners = [person_words(tree, p) for p in family.partner_ids if p in tree.people]
    if partners:
        return " and ".join(partners)
    children = [person_words(tree, c) for c in family.child_ids if c in tree.people]
    return f"the parents of {' and '.join(children)}" if children else f"family {family.id}"


def _owner_words(tree: Tree, kind: str, xref: str) -> str:
    if kind == "INDI":
        return person_words(tree, xref)
    if kind == "FAM" and xref in tree.families:
        return family_words(tree, tree.families[xref])
    if kind == "SOUR" and xref in tree.sources:
        return f"the source \u201c{shorten(tree.sources[xref].display(), 60)}\u201d"
    if kind == "REPO" and xref in tree.repositories:
        return f"the repository \u201c{shorten(tree.repositories[xref].name or xref, 60)}\u201d"
    return xref


def _label(event: Event) -> str:
    label = event.label
    return label.lower() if event.tag in EVENT_LABELS and not (event.tag in ("EVEN", "FACT") and event.type) \
        else label


def _summary(event: Event) -> str:
    parts = [shorten(event.value, 40)] if event.value and event.value.upper() != "Y" else []
    if event.date is not None:
        parts.append(event.date.display())
    if event.place is not None and event.place.name:
        parts.append(shorten(place_text(event.place), 60))
    return ", ".join(p for p in parts if p)


def fact_words(tree: Tree, owner: Locator, event: Event) -> str:
    """ "birth of Yulia Sedova: 1936, Moscow" """
    summary = _summary(event)
    text = f"{_label(event)} of {_owner_words(tree, str(owner[0]), str(owner[1]))}"
    return f"{text}: {summary}" if summary else text


def _where_words(tree: Tree, where: Locator) -> str:
    """What a locator names, for a description: "birth of Yulia Sedova", "the name Lev Sedov"."""
    kind, xref = str(where[0]), str(where[1]) if len(where) > 1 else ""
    if len(where) >= 4 and where[2] == "events":
        event = resolve(tree, where[:4])
        return f"{_label(event)} of {_owner_words(tree, kind, xref)}"
    if len(where) >= 4 and where[2] == "names":
        return f"the name {shorten(resolve(tree, where[:4]).display(), 60)} of {person_words(tree, xref)}"
    if kind == "HEAD":
        return "the file's header"
    return _owner_words(tree, kind, xref)


def _quoted(text: str, limit: int = 40) -> str:
    return f"\u201c{shorten(' '.join(text.split()), limit)}\u201d"


# -- people: sex, names -----------------------------------------------------------------------

def person_record(tree: Tree, person_id: str) -> Person:
    """The person with this xref; EditRefused when there is none."""
    person = tree.people.get(person_id)
    if person is None:
        raise EditRefused(f"There is no person {person_id} in this file (deleted, or never there)")
    return person


def _index(items: list[Any], index: int, what: str) -> None:
    if not 0 <= index < len(items):
        raise EditRefused(f"There is no {what} number {index + 1}")


def set_sex(tree: Tree, person_id: str, sex: Sex) -> Edit:
    person = person_record(tree, person_id)
    words = {Sex.MALE: "male", Sex.FEMALE: "female", Sex.OTHER: "other", Sex.UNKNOWN: "unknown"}[sex]
    return Edit(f"Set the sex of {person_words(tree, person_id)} to {words}",
                [SetValue(("INDI", person.id), "sex", sex)] if person.sex is not sex else [])


_NAME_PARTS = ("prefix", "given", "surname_prefix", "surname", "suffix")
_NAME_FIELDS = frozenset((*_NAME_PARTS, "full", "nickname", "type", "type_phrase", "lang"))


def _composed(parts: dict[str, str]) -> str:
    """The GEDCOM name value of the parts: "Sergei /Sedov/", prefixes and suffix around."""
    given = " ".join(p for p in (parts["prefix"], parts["given"]) if p)
    surname = " ".join(p for p in (parts["surname_prefix"], parts["surname"]) if p)
    text = f"{given} /{surname}/" if surname else given
    return f"{text} {parts['suffix']}".strip()


def edit_name(tree: Tree, where: Locator, **changes: Any) -> Edit:
    """Change a name or one of its transliterations (`where` locates it): any of its parts, `full`,
    `nickname`, `type` (a NameType), `type_phrase`, `lang`.

    Changing the parts rewrites the GEDCOM value ("Sergei /Sedov/") from them; changing only
    `full` splits it into given name, surname and suffix.
    """
    unknown = set(changes) - _NAME_FIELDS
    if unknown:
        raise TypeError(f"a name has no {', '.join(sorted(unknown))}")
    try:
        name = resolve(tree, where)
    except LookupError:
        raise EditRefused("That name is no longer in the file") from None
    if not isinstance(name, Name):
        raise EditRefused("That is not a name")
    if "type" in changes and not isinstance(changes["type"], NameType):
        changes["type"] = NameType(changes["type"])
    new = {k: v for k, v in changes.items() if getattr(name, k) != v}
    if "full" in new and not set(new) & set(_NAME_PARTS):
        given, surname, suffix = split_gedcom_name(new["full"])
        new.update(given=given, surname=surname, suffix=suffix)
    elif set(new) & set(_NAME_PARTS) and "full" not in new:
        parts = {p: new.get(p, getattr(name, p)) for p in _NAME_PARTS}
        new["full"] = _composed(parts)
    new = {k: v for k, v in new.items() if getattr(name, k) != v}
    before = name.display()
    after = Name(**{f.name: new.get(f.name, getattr(name, f.name)) for f in fields(Name)
                    if f.name in _NAME_FIELDS}).display()
    who = person_words(tree, str(where[1]))
    if "translations" in where:
        lang = new.get("lang", name.lang)
        text = f"Changed the form {_quoted(after)} of {who}'s name" + (f" ({lang})" if lang else "")
    elif after != before:
        text = f"Renamed {shorten(before, 60)} to {shorten(after, 60)}"
    else:
        what = ", ".join(_FIELD_WORDS.get(k, k) for k in new)
        text = f"Changed the name {shorten(before, 60)} of {who}: {what}"
    return Edit(text, [SetValue(where, k, v) for k, v in new.items()])


_FIELD_WORDS = {"type_phrase": "type", "lang": "language", "surname_prefix": "surname prefix",
                "full": "full form"}


def add_name(tree: Tree, person_id: str, name: Name, index: int | None = None) -> Edit:
    """Add a name (at `index`, default last; 0 makes it the main name)."""
    person = person_record(tree, person_id)
    at = len(person.names) if index is None else index
    if not 0 <= at <= len(person.names):
        raise EditRefused(f"A name cannot go to place {at + 1} of {len(person.names)}")
    return Edit(f"Added the name {shorten(name.display(), 60)} to {person_words(tree, person_id)}",
                [InsertItem(("INDI", person_id), "names", at, name)])


def remove_name(tree: Tree, person_id: str, index: int) -> Edit:
    person = person_record(tree, person_id)
    _index(person.names, index, "name")
    shown = shorten(person.names[index].display(), 60)
    return Edit(f"Removed the name {shown} of {person_words(tree, person_id)}",
                [RemoveItem(("INDI", person_id), "names", index)])


def move_name(tree: Tree, person_id: str, source: int, target: int) -> Edit:
    person = person_record(tree, person_id)
    _index(person.names, source, "name")
    _index(person.names, target, "place for a name")
    shown = shorten(person.names[source].display(), 60)
    text = (f"Made {shown} the main name of {person_words(tree, person_id)}" if target == 0
            else f"Moved the name {shown} of {person_words(tree, person_id)} to place {target + 1}")
    return Edit(text, [MoveItem(("INDI", person_id), "names", source, target)] if source != target else [])


def add_translation(tree: Tree, where: Locator, form: Name) -> Edit:
    """Add another form of a name: a transliteration or the name in another script, with its language."""
    name = resolve(tree, where)
    return Edit(f"Added the form {_quoted(form.display())} to {person_words(tree, str(where[1]))}'s name "
                f"{shorten(name.display(), 60)}" + (f" ({form.lang})" if form.lang else ""),
                [InsertItem(where, "translations", len(name.translations), form)])


def remove_translation(tree: Tree, where: Locator, index: int) -> Edit:
    name = resolve(tree, where)
    _index(name.translations, index, "form of this name")
    return Edit(f"Removed the form {_quoted(name.translations[index].display())} of "
                f"{person_words(tree, str(where[1]))}'s name", [RemoveItem(where, "translations", index)])


# -- facts: events and attributes -------------------------------------------------------------

_EVENT_FIELDS = frozenset(("tag", "value", "type", "date", "place", "age", "cause", "agency"))


def _owner(tree: Tree, owner_id: str) -> Locator:
    if owner_id in tree.people:
        return ("INDI", owner_id)
    if owner_id in tree.families:
        return ("FAM", owner_id)
    raise EditRefused(f"There is no person or family {owner_id} in this file (deleted, or never there)")


def _date(value: Date | str | None) -> Date | None:
    """A date as given: a Date, or text as typed (read as `read_date` reads it, never lost)."""
    if isinstance(value, str):
        return read_date(value).date
    return value


def edit_event(tree: Tree, where: Locator, **changes: Any) -> Edit:
    """Change a fact of a person or family: `tag`, `value`, `type`, `date` (a Date, or text as typed),
    `place` (a Place, or its name: "" removes it), `age`, `cause`, `agency`.

    A place given by a new name is a new place (the old one's map position and notes were
    about the old one); it keeps the old one's form (the order of its jurisdictions)."""
    unknown = set(changes) - _EVENT_FIELDS
    if unknown:
        raise TypeError(f"an event has no {', '.join(sorted(unknown))}")
    try:
        event = resolve(tree, where)
    except LookupError:
        raise EditRefused("That fact is no longer in the file") from None
    if "date" in changes:
        changes["date"] = _date(changes["date"])
    if isinstance(changes.get("place"), str):
        name = " ".join(changes["place"].split())
        if event.place is not None and name == event.place.name:
            del changes["place"]
        else:
            form = event.place.form if event.place is not None else ""
            changes["place"] = Place(name, form) if name else None
    new = {k: v for k, v in changes.items() if getattr(event, k) != v}
    after = Event(**{k: new.get(k, getattr(event, k)) for k in _EVENT_FIELDS})
    return Edit(f"Changed {fact_words(tree, where[:2], after)}",
                [SetValue(where, k, v) for k, v in new.items()])


def add_event(tree: Tree, owner_id: str, event: Event, index: int | None = None) -> Edit:
    """Add a fact to a person or a family (at `index`, default last)."""
    owner = _owner(tree, owner_id)
    events = resolve(tree, owner).events
    at = len(events) if index is None else index
    if not 0 <= at <= len(events):
        raise EditRefused(f"A fact cannot go to place {at + 1} of {len(events)}")
    return Edit(f"Added {fact_words(tree, owner, event)}", [InsertItem(owner, "events", at, event)])


def remove_event(tree: Tree, where: Locator) -> Edit:
    try:
        event = resolve(tree, where)
    except LookupError:
        raise EditRefused("That fact is no longer in the file") from None
    return Edit(f"Removed {fact_words(tree, where[:2], event)}",
                [RemoveItem(where[:2], "events", int(where[3]))])


def move_event(tree: Tree, owner_id: str, source: int, target: int) -> Edit:
    owner = _owner(tree, owner_id)
    events = resolve(tree, owner).events
    _index(events, source, "fact")
    _index(events, target, "place for a fact")
    return Edit(f"Moved {fact_words(tree, owner, events[source])} to place {target + 1}",
                [MoveItem(owner, "events", source, target)] if source != target else [])


# -- notes and restrictions -----------------------------------------------------------------

def _holder(tree: Tree, where: Locator) -> Any:
    try:
        return resolve(tree, where)
    except LookupError:
        raise EditRefused("That is no longer in the file") from None


def add_note(tree: Tree, where: Locator, text: str, index: int | None = None) -> Edit:
    """Add a note to a person, family, fact, name, source, citation... (`where` locates it)."""
    notes = _holder(tree, where).notes
    at = len(notes) if index is None else index
    if not 0 <= at <= len(notes):
        raise EditRefused(f"A note cannot go to place {at + 1} of {len(notes)}")
    return Edit(f"Added a note to {_where_words(tree, where)}: {_quoted(text)}",
                [InsertItem(where, "notes", at, Note(text))])


def edit_note(tree: Tree, where: Locator, text: str) -> Edit:
    """Change a note's text (`where` locates it in its owner's notes). A shared note is changed where it
    is kept, so every record that points to it shows the new text."""
    note = _holder(tree, where)
    if isinstance(note, NoteRef):
        if note.note_id not in tree.notes:
            raise EditRefused(f"The shared note {note.note_id} is not in this file")
        target: Locator = ("NOTE", note.note_id)
        note = tree.notes[note.note_id]
    else:
        target = where
    return Edit(f"Changed a note of {_where_words(tree, where[:-2])}: {_quoted(text)}",
                [SetValue(target, "text", text)] if note.text != text else [])


def remove_note(tree: Tree, where: Locator) -> Edit:
    """Remove a note from its owner (a shared note's record stays: others may point to it)."""
    note = _holder(tree, where)
    text = note.text if isinstance(note, Note) else tree.notes[note.note_id].text \
        if note.note_id in tree.notes else note.note_id
    return Edit(f"Removed a note of {_where_words(tree, where[:-2])}: {_quoted(text)}",
                [RemoveItem(where[:-2], "notes", int(where[-1]))])


def move_note(tree: Tree, where: Locator, source: int, target: int) -> Edit:
    notes = _holder(tree, where).notes
    _index(notes, source, "note")
    _index(notes, target, "place for a note")
    return Edit(f"Moved a note of {_where_words(tree, where)} to place {target + 1}",
                [MoveItem(where, "notes", source, target)] if source != target else [])


RESTRICTIONS = ("CONFIDENTIAL", "LOCKED", "PRIVACY")


def set_restriction(tree: Tree, where: Locator, value: str) -> Edit:
    """Set the RESN of a person, family or fact: words of CONFIDENTIAL, LOCKED, PRIVACY ("" removes it).

    Kept as the file keeps it, in its own line: upper case in GEDCOM 7, lower case in 5.5.1."""
    holder = _holder(tree, where)
    words = [w.strip().upper() for w in value.replace(",", " ").split()]
    wrong = [w for w in words if w not in RESTRICTIONS]
    if wrong:
        raise EditRefused(f"A restriction is {', '.join(r.lower() for r in RESTRICTIONS)}, not "
                          f"{', '.join(w.lower() for w in wrong)}")
    seven = tree.header.version.startswith("7") or not tree.header.version
    text = ", ".join(dict.fromkeys(words)) if seven else ", ".join(dict.fromkeys(w.lower() for w in words))
    extra = holder.extra
    at = next((i for i, s in enumerate(extra) if s.tag == "RESN" and not s.continues), None)
    who = _where_words(tree, where)
    if at is None:
        if not text:
            return Edit(f"Removed the restriction on {who}")
        return Edit(f"Restricted {who}: {text.lower()}",
                    [InsertItem(where, "extra", len(extra), Structure("RESN", text))])
    if not text:
        return Edit(f"Removed the restriction on {who}", [RemoveItem(where, "extra", at)])
    return Edit(f"Restricted {who}: {text.lower()}",
                [SetValue((*where, "extra", at), "value", text)] if extra[at].value != text else [])


# -- sources, repositories, citations -----------------------------------------------------------

_SOURCE_FIELDS = frozenset(("title", "author", "publication", "abbreviation", "text"))
_REPOSITORY_FIELDS = frozenset(("name", "address"))
_CITATION_FIELDS = frozenset(("source_id", "page", "text", "quality", "date", "event", "role"))


def add_source(tree: Tree, title: str, author: str = "", publication: str = "", text: str = "",
               abbreviation: str = "") -> Edit:
    """A new source record ("a quick new source": author, title, publication); `created` gives its xref."""
    if not (title.strip() or author.strip() or abbreviation.strip()):
        raise EditRefused("A source needs a title or an author")
    source = Source(new_id(tree, "S"), title, author, publication, abbreviation, text)
    return Edit(f"Added the source \u201c{shorten(source.display(), 60)}\u201d", [AddRecord("SOUR", source)])


def _edit_record(tree: Tree, kind: str, xref: str, allowed: frozenset[str], changes: dict[str, str]) -> Edit:
    unknown = set(changes) - allowed
    if unknown:
        raise TypeError(f"a {kind} record has no {', '.join(sorted(unknown))}")
    record = records(tree, kind).get(xref)
    if record is None:
        raise EditRefused(f"There is no {'source' if kind == 'SOUR' else 'repository'} {xref} in this file")
    new = {k: v for k, v in changes.items() if getattr(record, k) != v}
    return Edit(f"Changed {_owner_words(tree, kind, xref)}: {', '.join(new) or 'nothing'}",
                [SetValue((kind, xref), k, v) for k, v in new.items()])


def edit_source(tree: Tree, source_id: str, **changes: str) -> Edit:
    """Change a source's `title`, `author`, `publication`, `abbreviation` or `text`."""
    return _edit_record(tree, "SOUR", source_id, _SOURCE_FIELDS, changes)


def add_repository(tree: Tree, name: str, address: str = "") -> Edit:
    if not name.strip():
        raise EditRefused("A repository needs a name")
    repository = Repository(new_id(tree, "R"), name, address)
    return Edit(f"Added the repository {_quoted(name, 60)}", [AddRecord("REPO", repository)])


def edit_repository(tree: Tree, repository_id: str, **changes: str) -> Edit:
    """Change a repository's `name` or `address`."""
    return _edit_record(tree, "REPO", repository_id, _REPOSITORY_FIELDS, changes)


def add_repository_link(tree: Tree, source_id: str, repository_id: str, call_number: str = "") -> Edit:
    """Say where a source is kept: a REPO line under the source, with the call number there."""
    if source_id not in tree.sources:
        raise EditRefused(f"There is no source {source_id} in this file")
    if repository_id not in tree.repositories:
        raise EditRefused(f"There is no repository {repository_id} in this file (deleted, or never there)")
    link = Structure("REPO", repository_id, pointer=True,
                     children=[Structure("CALN", call_number)] if call_number else None)  # type: ignore[arg-type]
    return Edit(f"Said that {_owner_words(tree, 'SOUR', source_id)} is kept at "
                f"{_owner_words(tree, 'REPO', repository_id)}",
                [InsertItem(("SOUR", source_id), "repositories", len(tree.sources[source_id].repositories),
                            link)])


def remove_repository_link(tree: Tree, source_id: str, index: int) -> Edit:
    source = tree.sources.get(source_id)
    if source is None:
        raise EditRefused(f"There is no source {source_id} in this file")
    _index(source.repositories, index, "repository of this source")
    return Edit(f"Removed where {_owner_words(tree, 'SOUR', source_id)} is kept",
                [RemoveItem(("SOUR", source_id), "repositories", index)])


def _check_citation(tree: Tree, changes: dict[str, Any]) -> None:
    if "quality" in changes and changes["quality"] is not None and changes["quality"] not in (0, 1, 2, 3):
        raise EditRefused(f"The quality of a citation is 0 (unreliable) to 3 (direct, primary), "
                          f"not {changes['quality']}")
    source_id = changes.get("source_id")
    if source_id and source_id not in tree.sources:
        raise EditRefused(f"There is no source {source_id} in this file (deleted, or never there)")
    if isinstance(changes.get("text"), str):
        changes["text"] = [changes["text"]] if changes["text"] else []
    if "date" in changes:
        changes["date"] = _date(changes["date"])


def _citation_words(tree: Tree, citation: Citation) -> str:
    source = tree.sources.get(citation.source_id)
    text = _quoted(source.title or source.display(), 50) if source is not None \
        else tree.cited_source(citation)
    return f"{text}, {shorten(citation.page, 40)}" if citation.page else text


def add_citation(tree: Tree, where: Locator, citation: Citation, index: int | None = None) -> Edit:
    """Cite a source for a fact, name, person, family... (`where` locates it): the citation's source,
    page, excerpt text and quality (0-3)."""
    holder = _holder(tree, where)
    _check_citation(tree, {f.name: getattr(citation, f.name) for f in fields(Citation)
                           if f.name in ("quality", "source_id")})
    citations = holder.citations
    at = len(citations) if index is None else index
    if not 0 <= at <= len(citations):
        raise EditRefused(f"A citation cannot go to place {at + 1} of {len(citations)}")
    return Edit(f"Cited {_citation_words(tree, citation)} for {_where_words(tree, where)}",
                [InsertItem(where, "citations", at, citation)])


def edit_citation(tree: Tree, where: Locator, **changes: Any) -> Edit:
    """Change a citation (`where` locates it): `source_id`, `page`, `text` (the excerpts: a list, or
    one text), `quality` (0-3 or None), `date`, `event`, `role`."""
    unknown = set(changes) - _CITATION_FIELDS
    if unknown:
        raise TypeError(f"a citation has no {', '.join(sorted(unknown))}")
    citation = _holder(tree, where)
    _check_citation(tree, changes)
    new = {k: v for k, v in changes.items() if getattr(citation, k) != v}
    return Edit(f"Changed the citation of {_citation_words(tree, citation)} for "
                f"{_where_words(tree, where[:-2])}",
                [SetValue(where, k, v) for k, v in new.items()])


def remove_citation(tree: Tree, where: Locator) -> Edit:
    citation = _holder(tree, where)
    return Edit(f"Removed the citation of {_citation_words(tree, citation)} for "
                f"{_where_words(tree, where[:-2])}",
                [RemoveItem(where[:-2], "citations", int(where[-1]))])


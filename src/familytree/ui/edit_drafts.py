"""What an editor holds until OK (each list of a record as rows of typed values) and the edits it makes then.

Qt-free. A row remembers the model object it edits (None for one added in the editor) and
the values it showed when the editor opened, so that OK changes only what the user changed:
an edit made elsewhere meanwhile (Undo, another editor) to a field the user did not touch
stays. Rows find their object by identity, not by index, for the same reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import field
from typing import Any

from familytree.model import Citation, Date, Event, Family, Name, NameType, NoteLike, Person, Place, Tree
from familytree.model.date_input import read_date
from familytree.model.slotted import slotted
from familytree.model.text import shorten
from familytree.workspace import editing as e
from familytree.workspace.editing import Edit, InsertItem, Locator
from familytree.workspace.undo import UndoStack

__all__ = ["ListDraft", "Row", "citation_row", "date_text", "edit_words", "fact_row", "locked", "name_row",
           "new_name", "note_row", "notes_draft", "restriction_of", "says_locked", "sync", "sync_facts",
           "sync_names", "sync_notes", "translation_row"]

_NEW = object()  # the "value when opened" of a field of a row added in the editor


@slotted(eq=False)
class ListDraft:
    """A list of a record as the editor shows it: its rows in order, and the objects removed."""

    rows: list[Row] = field(default_factory=list)
    dropped: list[Any] = field(default_factory=list)
    _opened: list[Any] = field(default_factory=list)  # the objects in the order they were shown

    @classmethod
    def of(cls, rows: Iterable[Row]) -> ListDraft:
        rows = list(rows)
        return cls(rows, [], [r.origin for r in rows])

    def add(self, row: Row, index: int | None = None) -> int:
        at = len(self.rows) if index is None else index
        self.rows.insert(at, row)
        return at

    def remove(self, index: int) -> Row:
        row = self.rows.pop(index)
        if row.origin is not None:
            self.dropped.append(row.origin)
        return row

    def move(self, source: int, target: int) -> None:
        self.rows.insert(target, self.rows.pop(source))

    def without_empty(self, filled: Callable[[dict[str, Any]], object]) -> ListDraft:
        """The draft without the rows added and left empty (a note or name with no text is none)."""
        return ListDraft([r for r in self.rows if r.origin is not None or filled(r.current)], self.dropped)

    @property
    def reordered(self) -> bool:
        """Whether the user moved rows (then OK puts the list in their order, else leaves it as it is)."""
        kept = [o for o in self._opened if o is not None and not any(o is x for x in self.dropped)]
        return [r.origin for r in self.rows if r.origin is not None] != kept

    @property
    def changed(self) -> bool:
        return bool(self.dropped) or [r.origin for r in self.rows] != self._opened \
            or any(r.changed for r in self.rows)


@slotted(eq=False)
class Row:
    """One name, fact, note or citation as typed: `current` values, `initial` as opened."""

    origin: Any
    initial: dict[str, Any]
    current: dict[str, Any]
    children: ListDraft = field(default_factory=ListDraft)  # a fact's citations, a name's other forms

    @classmethod
    def opened(cls, origin: Any, values: dict[str, Any], children: Iterable[Row] = ()) -> Row:
        return cls(origin, dict(values), dict(values), ListDraft.of(children))

    @classmethod
    def new(cls, values: dict[str, Any], children: Iterable[Row] = ()) -> Row:
        return cls(None, dict.fromkeys(values, _NEW), dict(values), ListDraft.of(children))

    def changes(self) -> dict[str, Any]:
        """The fields the user changed, with their new values."""
        return {k: v for k, v in self.current.items() if self.initial.get(k, _NEW) != v}

    @property
    def changed(self) -> bool:
        return self.origin is None or bool(self.changes()) or self.children.changed


def restriction_of(record: Person | Family | None) -> str:
    """A person's or family's RESN as the file has it ("" when none)."""
    extra = record.extra if record is not None else []
    return next((s.value for s in extra if s.tag == "RESN" and not s.continues), "")


def says_locked(restriction: str) -> bool:
    """Whether a RESN value says locked ("locked", "confidential, locked")."""
    return "LOCKED" in restriction.upper().replace(",", " ").split()


def locked(record: Person | Family | None) -> bool:
    """Whether the file asks that the record not be changed."""
    return says_locked(restriction_of(record))


# -- rows of the model's objects ---------------------------------------------------------------------

def date_text(date: Date | None) -> str:
    """A date as the editor shows it to be changed: in words when they read back as the same date
    ("about 1937"), else as GEDCOM writes it ("BEF 3 AUG 1935"), else its words as they are."""
    if date is None:
        return ""
    words = date.display()
    if read_date(words).date == date:
        return words
    # a date with its own words ("BEF 3 AUG 1935" and "before 3 August 1935, when Service calls her his
    # wife"): its value, which a change keeps; the words are said under the field while it is unchanged
    return date.to_gedcom(version7=False) or words


_NAME_FIELDS = ("given", "surname", "prefix", "surname_prefix", "suffix", "nickname", "type", "type_phrase",
                "lang")


def translation_row(form: Name | None = None) -> Row:
    values = {"given": "", "surname": "", "lang": ""}
    if form is None:
        return Row.new(values)
    return Row.opened(form, {k: getattr(form, k) for k in values})


def name_row(name: Name | None = None) -> Row:
    if name is None:
        return Row.new({k: NameType.NONE if k == "type" else "" for k in _NAME_FIELDS})
    return Row.opened(name, {k: getattr(name, k) for k in _NAME_FIELDS},
                      [translation_row(t) for t in name.translations])


def new_name(values: dict[str, Any]) -> Name:
    """A name with the parts typed, its GEDCOM value made from them ("Sergei /Sedov/ Jr.")."""
    parts = {k: " ".join(str(values.get(k, "")).split()) for k in ("prefix", "given", "surname_prefix",
                                                                   "surname", "suffix")}
    given = " ".join(p for p in (parts["prefix"], parts["given"]) if p)
    surname = " ".join(p for p in (parts["surname_prefix"], parts["surname"]) if p)
    full = (f"{given} /{surname}/" if surname else given) + (f" {parts['suffix']}" if parts["suffix"] else "")
    known = {k: v for k, v in values.items() if k in _NAME_FIELDS}
    return Name(full=full.strip(), **{**known, **parts})


def citation_row(citation: Citation | None = None, **values: Any) -> Row:
    """A citation: `source_id`, or `new_source` (title, author, publication) for one made at OK;
    `page`, the excerpt `text`, `quality` (0-3 or None)."""
    if citation is None:
        base = {"source_id": "", "new_source": None, "page": "", "text": "", "quality": None}
        return Row.new({**base, **values})
    return Row.opened(citation, {"source_id": citation.source_id, "new_source": None, "page": citation.page,
                                 "text": "\n\n".join(citation.text), "quality": citation.quality})


_FACT_FIELDS = ("tag", "value", "type", "age", "cause")


def fact_row(event: Event | None = None, tag: str = "EVEN") -> Row:
    """A fact: `tag`, `value` (its description), `type`, `date` and `place` as typed, `age`, `cause`."""
    if event is None:
        return Row.new({"tag": tag, "value": "", "type": "", "date": "", "place": "", "age": "", "cause": ""})
    values = {k: getattr(event, k) for k in _FACT_FIELDS}
    values.update(date=date_text(event.date), place=event.place.name if event.place is not None else "")
    return Row.opened(event, values, [citation_row(c) for c in event.citations])


def note_row(text: str, origin: Any = None) -> Row:
    return Row.opened(origin, {"text": text}) if origin is not None else Row.new({"text": text})


def notes_draft(tree: Tree, notes: list[NoteLike]) -> ListDraft:
    """A record's notes, a shared note's text from where it is kept."""
    rows = []
    for note in notes:
        resolved = tree.resolve_note(note)
        rows.append(note_row(resolved.text if resolved is not None else "", note))
    return ListDraft.of(rows)


# -- turning rows into edits ---------------------------------------------------------------------------

def _index_of(items: list[Any], obj: Any) -> int:
    return next((i for i, item in enumerate(items) if item is obj), -1)


def sync(stack: UndoStack, draft: ListDraft, items: Callable[[], list[Any]],
         add: Callable[[int, Row], Edit], remove: Callable[[int], Edit],
         move: Callable[[int, int], Edit] | None = None,
         change: Callable[[int, dict[str, Any]], Edit] | None = None) -> list[tuple[int, Row]]:
    """Push the edits that make a list of the tree hold the draft's rows: the removed removed, the new
    added, and, when the user reordered them (and `move` is given), in their order; then `change` for
    each row the user changed (not an added one: it was added as it is). Returns each row with its index
    in the list (for the lists it holds in its turn)."""
    for obj in draft.dropped:
        i = _index_of(items(), obj)
        if i >= 0:
            stack.push(remove(i))
    move = move if draft.reordered else None  # an order changed elsewhere meanwhile stays
    placed: list[tuple[Any, Row, bool]] = []
    for target, row in enumerate(draft.rows):
        i = _index_of(items(), row.origin) if row.origin is not None else -1
        if i < 0:  # new, or taken away elsewhere since the editor opened: what the user sees is added
            edit = stack.push(add(min(target, len(items())), row))
            placed.append((next(s.item for s in edit.steps if isinstance(s, InsertItem)), row, True))
            continue
        if move is not None and i != target and target < len(items()):
            stack.push(move(i, target))
        placed.append((row.origin, row, False))
    done = [(_index_of(items(), obj), row, added) for obj, row, added in placed]
    for i, row, added in done:
        changes = row.changes()
        if change is not None and not added and changes:
            stack.push(change(i, changes))
    return [(i, row) for i, row, _added in done]


def _citation(stack: UndoStack, values: dict[str, Any]) -> dict[str, Any]:
    """A citation's values with a new source, when it names one, added to the tree and its xref given."""
    values = dict(values)
    source = values.pop("new_source", None)
    if source:
        title, author, publication = source
        values["source_id"] = stack.push(e.add_source(stack.tree, title, author, publication)).created[0]
    if isinstance(values.get("text"), str):
        values["text"] = [values["text"]] if values["text"].strip() else []
    return values


def _sync_citations(stack: UndoStack, where: Locator, draft: ListDraft) -> None:
    tree = stack.tree

    def change(i: int, changes: dict[str, Any]) -> Edit:
        if changes.get("new_source") is None:
            changes.pop("new_source", None)
        return e.edit_citation(tree, (*where, "citations", i), **_citation(stack, changes))

    sync(stack, draft, lambda: e.resolve(tree, where).citations,
         lambda i, row: e.add_citation(tree, where, Citation(**_citation(stack, row.current)), i),
         lambda i: e.remove_citation(tree, (*where, "citations", i)), change=change)


def _new_event(values: dict[str, Any]) -> Event:
    place = " ".join(values["place"].split())
    return Event(values["tag"], values["value"], values["type"], read_date(values["date"]).date,
                 Place(place) if place else None, values["age"], values["cause"])


def sync_facts(stack: UndoStack, owner: Locator, draft: ListDraft) -> None:
    """The facts of a person or family (`owner`: ("INDI", xref) or ("FAM", xref)) as the draft has them,
    each with its citations."""
    tree, owner_id = stack.tree, str(owner[1])
    done = sync(stack, draft, lambda: e.resolve(tree, owner).events,
                lambda i, row: e.add_event(tree, owner_id, _new_event(row.current), i),
                lambda i: e.remove_event(tree, (*owner, "events", i)),
                lambda s, t: e.move_event(tree, owner_id, s, t),
                lambda i, changes: e.edit_event(tree, (*owner, "events", i), **changes))
    for i, row in done:
        _sync_citations(stack, (*owner, "events", i), row.children)


def sync_notes(stack: UndoStack, owner: Locator, draft: ListDraft) -> None:
    """The notes of a person or family as the draft has them (a shared note is changed where it is kept)."""
    tree = stack.tree
    notes = draft.without_empty(lambda values: values["text"].strip())
    sync(stack, notes, lambda: e.resolve(tree, owner).notes,
         lambda i, row: e.add_note(tree, owner, row.current["text"], i),
         lambda i: e.remove_note(tree, (*owner, "notes", i)),
         lambda s, t: e.move_note(tree, owner, s, t),
         lambda i, changes: e.edit_note(tree, (*owner, "notes", i), changes["text"]))


def sync_names(stack: UndoStack, person_id: str, draft: ListDraft) -> None:
    """A person's names as the draft has them, each with its other forms (transliterations)."""
    tree = stack.tree
    done = sync(stack, draft.without_empty(lambda values: new_name(values).full),
                lambda: tree.people[person_id].names,
                lambda i, row: e.add_name(tree, person_id, new_name(row.current), i),
                lambda i: e.remove_name(tree, person_id, i),
                lambda s, t: e.move_name(tree, person_id, s, t),
                lambda i, changes: e.edit_name(tree, ("INDI", person_id, "names", i), **changes))
    for i, row in done:
        _sync_forms(stack, ("INDI", person_id, "names", i), row.children)


def _sync_forms(stack: UndoStack, where: Locator, draft: ListDraft) -> None:
    """The other forms of a name (transliterations, other scripts) as the draft has them."""
    tree = stack.tree
    sync(stack, draft, lambda: e.resolve(tree, where).translations,
         lambda _k, form: e.add_translation(tree, where, new_name(form.current)),
         lambda k: e.remove_translation(tree, where, k),
         change=lambda k, changes: e.edit_name(tree, (*where, "translations", k), **changes))


def edit_words(who: str, descriptions: list[str]) -> str:
    """One History entry for an editor's OK: the one edit's words, or the first few of several."""
    if len(descriptions) == 1:
        return descriptions[0]
    if not descriptions:
        return f"Edited {who}"
    shown = [d[:1].lower() + d[1:] for d in descriptions[:3]]
    more = len(descriptions) - len(shown)
    text = "; ".join(shown) + (f"; and {more} more change{'s' if more > 1 else ''}" if more else "")
    return shorten(f"Edited {who}: {text}", 240)

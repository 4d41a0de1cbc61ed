"""Copies of model objects without links to removed records or restricted facts; the originals untouched."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, TypeVar

from familytree.model import (
    Association,
    Citation,
    Event,
    Media,
    MediaRef,
    Note,
    NoteRef,
    Source,
    Structure,
    stored_list,
)
from familytree.privacy.mentions import LEFT_OUT
from familytree.privacy.restriction import is_restricted

__all__ = ["Pruner", "replaced"]

# the fields of words a hidden person's name may be in (`Pruner.names`)
_WORDED: dict[type, tuple[str, ...]] = {
    Note: ("text",), Source: ("title", "author", "publication", "abbreviation", "text"),
    Event: ("value", "type", "cause"), Citation: ("page", "text", "description"), MediaRef: ("title",)}

_T = TypeVar("_T")
_LIST, _ONE, _REF, _FILE, _FILES = range(5)
_OBJECT_TYPES = ("Structure", "Name", "Event", "Citation", "NoteLike", "Note", "MediaRef", "Association",
                 "ChildRef", "Place")
_REFERENCES = {"note_id", "media_id", "source_id", "person_id"}  # str fields naming a record

_Plan = tuple[tuple[str, Callable[[Any], Any], int], ...]
_PLANS: dict[type, _Plan] = {}


def _plan(cls: type) -> _Plan:
    """The fields of a model class that can hold other model objects or name records, with raw getters.

    The getters read a lazy list field as stored (None while empty): reading it as an
    attribute would make, and on a copy attach, an empty list to the original.
    """
    plan = _PLANS.get(cls)
    if plan is None:
        steps: list[tuple[str, Callable[[Any], Any], int]] = []
        for f in dataclasses.fields(cls):
            kind = str(f.type)
            if kind.startswith("list[") and kind[5:-1] in _OBJECT_TYPES:
                steps.append((f.name, stored_list(cls, f.name), _LIST))
            elif kind.removesuffix(" | None") in _OBJECT_TYPES:
                steps.append((f.name, stored_list(cls, f.name), _ONE))
            elif f.name in _REFERENCES:
                steps.append((f.name, stored_list(cls, f.name), _REF))
            elif cls is MediaRef and f.name == "file":
                steps.append((f.name, stored_list(cls, f.name), _FILE))
            elif cls is Media and f.name == "files":
                steps.append((f.name, stored_list(cls, f.name), _FILES))
        plan = _PLANS[cls] = tuple(steps)
    return plan


def replaced(obj: _T, **changes: Any) -> _T:
    """A new object like `obj` with `changes`; its lists are new lists (changing them leaves obj alone)."""
    cls = type(obj)
    values: dict[str, Any] = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        value = changes[f.name] if f.name in changes else stored_list(cls, f.name)(obj)
        values[f.name] = list(value) if isinstance(value, list) else value
    return cls(**values)


class Pruner:
    """Walks model objects, leaving out what names a record in `gone`, and facts and lines marked private.

    `refs` gathers the xrefs the kept parts name, `files` the media paths; `removed_refs` and
    `removed_files` what the left-out parts named, so that records and media only they
    used can be left out as well.
    """

    def __init__(self, gone: set[str] | frozenset[str] = frozenset(), restricted: bool = True) -> None:
        self.gone = gone
        self.restricted = restricted  # leave out facts and lines marked RESN PRIVACY / CONFIDENTIAL
        self.refs: set[str] = set()
        self.files: set[str] = set()
        self.removed_refs: set[str] = set()
        self.removed_files: set[str] = set()
        self._collector: Pruner | None = None
        # whether a text names a hidden person (privacy.mentions): such a text is replaced by LEFT_OUT
        self.names: Callable[[str], bool] | None = None

    def prune(self, obj: _T) -> _T:
        """obj itself when nothing in it is left out, else a copy without those parts."""
        changes: dict[str, Any] | None = None if self.names is None else self._texts(obj)
        for name, get, kind in _plan(type(obj)):
            value = get(obj)
            if not value:
                continue
            if kind == _LIST:
                kept = self.prune_list(value)
                if kept is not value:
                    changes = changes or {}
                    changes[name] = kept
            elif kind == _ONE:
                kept = self.prune(value)
                if kept is not value:
                    changes = changes or {}
                    changes[name] = kept
            elif kind == _REF:
                self.refs.add(value)
            elif kind == _FILE:
                self.files.add(value)
            else:
                self.files.update(path for path, _, _ in value)
        if obj.__class__ is Structure and obj.pointer:  # type: ignore[attr-defined]
            self.refs.add(obj.value)  # type: ignore[attr-defined]
        return obj if changes is None else replaced(obj, **changes)

    def _texts(self, obj: object) -> dict[str, Any] | None:
        """The words of obj that name a hidden person, replaced (None when there are none): a note's
        text, a fact's value ("Schooling, which Olga Greber insisted ...") and kind, a citation's
        page and excerpts, a source's title, author, publication and text, a line kept as read."""
        names = self.names
        assert names is not None
        fields = _WORDED.get(obj.__class__)
        changes: dict[str, Any] | None = None
        if obj.__class__ is Event:  # a date's own words: "after March 1926 (when he met Olga Greber)"
            date = obj.date  # type: ignore[attr-defined]
            if date is not None and date.phrase and names(date.phrase):
                changes = {"date": dataclasses.replace(date, phrase=LEFT_OUT)}
        for name in fields or ():
            value = getattr(obj, name)
            if isinstance(value, str):
                if value and names(value):
                    changes = changes or {}
                    changes[name] = LEFT_OUT
            elif value and any(names(t) for t in value):  # a citation's excerpts
                changes = changes or {}
                changes[name] = [LEFT_OUT if names(t) else t for t in value]
        if obj.__class__ is Structure:
            s: Structure = obj  # type: ignore[assignment]
            if not s.pointer and s.value and names(s.value):
                return {"value": LEFT_OUT}
        elif obj.__class__ is Media:  # its files' titles ("Diary of Zelda Smith")
            files: list[tuple[str, str, str]] = obj.files  # type: ignore[attr-defined]
            if any(title and names(title) for _path, _form, title in files):
                return {"files": [(path, form, LEFT_OUT if title and names(title) else title)
                                  for path, form, title in files]}
        return changes

    def prune_list(self, items: list[_T]) -> list[_T]:
        """items itself when nothing in it is left out, else a new list."""
        out: list[_T] | None = None
        for i, item in enumerate(items):
            if self.left_out(item):
                if out is None:
                    out = items[:i]
                self._remember(item)
                continue
            kept = self.prune(item)
            if out is None and kept is not item:
                out = items[:i]
            if out is not None:
                out.append(kept)
        return items if out is None else out

    def left_out(self, item: object) -> bool:
        cls = item.__class__
        gone = self.gone
        if cls is Structure:
            s: Structure = item  # type: ignore[assignment]
            return (s.pointer and s.value in gone) or (self.restricted and is_restricted(s.children))
        if cls is Event:
            return self.restricted and is_restricted(item.extra)  # type: ignore[attr-defined]
        if cls is Association:
            return item.person_id in gone  # type: ignore[attr-defined]
        if cls is NoteRef:
            return item.note_id in gone  # type: ignore[attr-defined]
        if cls is MediaRef:
            return item.media_id in gone  # type: ignore[attr-defined]
        if cls is Citation:
            return item.source_id in gone  # type: ignore[attr-defined]
        return False

    def _remember(self, item: object) -> None:
        """Note what a left-out part named."""
        if self._collector is None:
            self._collector = Pruner(restricted=False)
        collector = self._collector
        collector.prune(item)
        self.removed_refs |= collector.refs
        self.removed_files |= collector.files
        collector.refs.clear()
        collector.files.clear()

    def remember(self, obj: object) -> None:
        """Note what a record left out or replaced as a whole named."""
        self._remember(obj)

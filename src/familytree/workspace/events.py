"""Plain change events: a widget connects a handler, the workspace emits a value."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Generic, TypeVar

from familytree.model.slotted import slotted

__all__ = ["Emitter", "TreeChange"]

T = TypeVar("T")


class Emitter(Generic[T]):
    """One kind of change: handlers are called in the order connected with the value emitted.

    A handler that writes back to what it observes blocks the emitter while it does
    (`with emitter.blocked(): ...`), so it is not called about its own change.
    """

    __slots__ = ("_handlers", "_blocked")

    def __init__(self) -> None:
        self._handlers: list[Callable[[T], object]] = []
        self._blocked = 0

    def connect(self, handler: Callable[[T], object]) -> Callable[[T], object]:
        self._handlers.append(handler)
        return handler

    def disconnect(self, handler: Callable[[T], object]) -> None:
        self._handlers.remove(handler)

    def emit(self, value: T) -> None:
        if self._blocked:
            return
        for handler in tuple(self._handlers):  # a handler may connect or disconnect others
            handler(value)

    @contextmanager
    def blocked(self) -> Iterator[None]:
        self._blocked += 1
        try:
            yield
        finally:
            self._blocked -= 1


@slotted(frozen=True)
class TreeChange:
    """What one edit, or its undoing, changed in the tree: views update that, not everything.

    Ids are xrefs. `people`, `families`, `sources`, `repositories` and `notes` (shared notes)
    hold every record whose content changed, the added and removed ones included; `added` and
    `removed` say which records came and went (an undone addition is a removal). `links` is
    True when who is whose parent, partner or child changed (the relationship graph, the
    chart's shape); `names` holds the people whose names changed (the search index).
    """

    description: str  # the edit in words, as the History lists it: "Renamed Sergei Sedov to ..."
    people: frozenset[str] = frozenset()
    families: frozenset[str] = frozenset()
    sources: frozenset[str] = frozenset()
    repositories: frozenset[str] = frozenset()
    notes: frozenset[str] = frozenset()
    added: frozenset[str] = frozenset()
    removed: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()
    links: bool = False
    undone: bool = False  # this is the edit being undone

"""Folded branches: which people's descendants or ancestors the chart leaves out (Qt-free)."""

from __future__ import annotations

import enum
from dataclasses import replace

from familytree.layout.chart import Branch, ChartLayout, LayoutOptions
from familytree.model.slotted import slotted

__all__ = ["Folds", "Side", "collapse_all", "toggle"]


class Side(enum.Enum):
    """Which branch of a person a fold hides."""

    DESCENDANTS = "descendants"
    ANCESTORS = "ancestors"


@slotted(frozen=True)
class Folds:
    """The folds of one moment, as the history keeps them."""

    descendants: frozenset[str] = frozenset()
    ancestors: frozenset[str] = frozenset()

    @classmethod
    def of(cls, options: LayoutOptions) -> Folds:
        return cls(options.hide_descendants, options.hide_ancestors)

    def applied(self, options: LayoutOptions) -> LayoutOptions:
        return replace(options, hide_descendants=self.descendants, hide_ancestors=self.ancestors)

    def __bool__(self) -> bool:
        return bool(self.descendants or self.ancestors)


def toggle(folds: Folds, person_id: str, side: Side, hidden: bool | None = None) -> Folds:
    """`folds` with one person's branch folded (`hidden` True), unfolded (False) or switched (None)."""
    current = folds.descendants if side is Side.DESCENDANTS else folds.ancestors
    hide = person_id not in current if hidden is None else hidden
    changed = current | {person_id} if hide else current - {person_id}
    if side is Side.DESCENDANTS:
        return replace(folds, descendants=frozenset(changed))
    return replace(folds, ancestors=frozenset(changed))


def collapse_all(folds: Folds, layout: ChartLayout) -> Folds:
    """Every branch drawn on the chart folded but the focus' own: the focus with their nearest
    family, each of them with a handle to open their branch one generation at a time.

    Branches of people further out are folded too, so that opening one branch shows its next
    generation folded rather than the whole of it.
    """
    down = {b.person_id for b in layout.boxes if b.descendants is Branch.SHOWN and not b.is_focus}
    up = {b.person_id for b in layout.boxes if b.ancestors is Branch.SHOWN and not b.is_focus}
    return Folds(folds.descendants | down, folds.ancestors | up)

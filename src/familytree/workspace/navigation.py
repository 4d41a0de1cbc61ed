"""Browsing history (Back/Forward) and which relative an arrow key moves to (Qt-free)."""

from __future__ import annotations

from dataclasses import field

from familytree.layout.chart import ChartLayout
from familytree.model import Tree
from familytree.model.slotted import slotted
from familytree.workspace.folds import Folds

__all__ = ["Place", "History", "nearest_kin", "neighbour"]


@slotted(frozen=True)
class Place:
    """Where the user was: the chart's centre person, the selected person and the folded branches."""

    focus_id: str
    selected_id: str
    folds: Folds = Folds()


@slotted
class History:
    """A browser-like history: visiting after going back drops the forward entries."""

    entries: list[Place] = field(default_factory=list)
    index: int = -1
    limit: int = 500

    @property
    def current(self) -> Place | None:
        return self.entries[self.index] if 0 <= self.index < len(self.entries) else None

    def visit(self, place: Place) -> None:
        if self.current == place:
            return
        del self.entries[self.index + 1:]
        self.entries.append(place)
        if len(self.entries) > self.limit:
            del self.entries[0]
        self.index = len(self.entries) - 1

    def can_go_back(self) -> bool:
        return self.index > 0

    def can_go_forward(self) -> bool:
        return self.index < len(self.entries) - 1

    def back(self) -> Place | None:
        if not self.can_go_back():
            return None
        self.index -= 1
        return self.entries[self.index]

    def forward(self) -> Place | None:
        if not self.can_go_forward():
            return None
        self.index += 1
        return self.entries[self.index]

    def clear(self) -> None:
        self.entries.clear()
        self.index = -1


def neighbour(tree: Tree, layout: ChartLayout | None, person_id: str, direction: str) -> str:
    """The relative an arrow key selects: up a parent, down a child, left/right a partner or sibling.

    Prefers people on the chart, nearest in the direction pressed; when none is drawn, the
    first relative of that kind (the caller re-centres on them). "" when there is none.
    """
    if person_id not in tree.people:
        return ""
    boxes = {b.person_id: b for b in layout.boxes if not b.duplicate_of} if layout is not None else {}
    here = boxes.get(person_id)
    if direction == "up":
        candidates = tree.parents(person_id)
    elif direction == "down":
        candidates = tree.children(person_id)
    else:
        candidates = tree.partners(person_id) + [s for s in tree.siblings(person_id)
                                                 if s not in tree.partners(person_id)]
    if not candidates:
        return ""
    drawn = [c for c in candidates if c in boxes]
    if here is not None and drawn:
        cx = here.center[0]
        if direction in ("left", "right"):
            sign = -1 if direction == "left" else 1
            ahead = [c for c in drawn if (boxes[c].center[0] - cx) * sign > 0]
            if ahead:
                return min(ahead, key=lambda c: abs(boxes[c].center[0] - cx))
            return ""
        return min(drawn, key=lambda c: (abs(boxes[c].center[0] - cx), boxes[c].center[0]))
    return candidates[-1] if direction == "left" else candidates[0]


def nearest_kin(tree: Tree, person_id: str) -> tuple[str, ...]:
    """Whom the chart moves to when a person leaves it (deleted, or an addition undone), in order of
    preference: their partners, then parents, then children, then siblings."""
    if person_id not in tree.people:
        return ()
    kin = dict.fromkeys([*tree.partners(person_id), *tree.parents(person_id), *tree.children(person_id),
                         *tree.siblings(person_id)])
    kin.pop(person_id, None)
    return tuple(kin)

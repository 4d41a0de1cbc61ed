"""What every chart layout returns: person boxes and family connectors with coordinates.

This is the contract between `layout` (which computes it), `render` (which draws it
on screen, on paper and into files) and the tests (which check its geometry).
Units are chart units: 1 unit is one device-independent pixel at 100 % zoom and
one point (1/72 inch) when printed at 100 %. y grows downwards.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import field
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from familytree.model import Person
from familytree.model.slotted import slotted

if TYPE_CHECKING:
    from familytree.layout.fan import FanChart

Point = tuple[float, float]
Segment = tuple[Point, Point]

# Measures the box a person needs (width, height) in chart units; render passes
# one built on real font metrics so labels are never cut off.
BoxSizer = Callable[[Person], tuple[float, float]]

DEFAULT_BOX_WIDTH = 170.0
DEFAULT_BOX_HEIGHT = 58.0
LABEL_HEIGHT = 18.0  # the room a connector's label takes across its line


def default_sizer(person: Person) -> tuple[float, float]:
    return (DEFAULT_BOX_WIDTH, DEFAULT_BOX_HEIGHT)


@runtime_checkable
class MeasuresCompact(Protocol):
    """A sizer that also measures a compact box: a person on one line, their partners on the next."""

    def __call__(self, person: Person) -> tuple[float, float]: ...

    def compact(self, person: Person, partners: Sequence[Person],
                inline: bool = False) -> tuple[float, float]: ...


COMPACT_LINE = 16.0  # a line of a compact box, estimated where the sizer measures none


def compact_size(sizer: BoxSizer, person: Person, partners: Sequence[Person],
                 inline: bool = False) -> tuple[float, float]:
    """The box of a compact chart: the sizer's own measure if it has one, else estimated from its
    box: as wide, one line for the person and one for their partners. `inline`: the partners on the
    person's line (a horizontal chart, whose boxes are short and may be wide)."""
    if isinstance(sizer, MeasuresCompact):
        return sizer.compact(person, partners, inline)
    width, _ = sizer(person)
    if inline:
        return (width * (1 + bool(partners)), COMPACT_LINE + 12.0)
    return (width, COMPACT_LINE * (1 + bool(partners)) + 12.0)


@slotted(frozen=True)
class LayoutOptions:
    """How a chart is laid out, besides which people it shows around whom (the chart type and the
    generations): with the tree and the sizer, all a layout depends on.

    `compact`: each person's partners with no place of their own on the chart share their box
    ("William II ∞ Augusta Victoria, Hermine"), a person's name and years are one line, and
    the spaces between boxes and rows are as small as their lines allow.
    """

    compact: bool = False
    # folded branches: the descendants, or the ancestors, of these people are not drawn (the window's
    # handles on their boxes, Expand All and Collapse All; what prints is what the window shows)
    hide_descendants: frozenset[str] = frozenset()
    hide_ancestors: frozenset[str] = frozenset()

    @property
    def folded(self) -> bool:
        return bool(self.hide_descendants or self.hide_ancestors)


class Branch(enum.Enum):
    """A box's descendants (or ancestors) as the chart has them: a handle folds or unfolds them."""

    NONE = "none"  # none to fold: the file has none, or the chart's generations stop here
    SHOWN = "shown"  # drawn: folding hides them
    HIDDEN = "hidden"  # folded: unfolding draws them


class ChartType(enum.Enum):
    HOURGLASS = "hourglass"
    ANCESTORS = "ancestors"
    DESCENDANTS = "descendants"
    RELATIVES = "relatives"
    FAN = "fan"  # ancestors as ring segments around the focus (layout.fan)

    @property
    def title(self) -> str:
        return {
            "hourglass": "Hourglass chart",
            "ancestors": "Ancestors chart",
            "descendants": "Descendants chart",
            "relatives": "Relatives chart",
            "fan": "Fan chart",
        }[self.value]


class Orientation(enum.Enum):
    VERTICAL = "vertical"  # generations are rows, ancestors above
    HORIZONTAL = "horizontal"  # generations are columns, ancestors to the left


class ConnectorKind(enum.Enum):
    PARTNERSHIP = "partnership"  # the line joining a couple
    DESCENT = "descent"  # parents' family to a birth child
    ADOPTED = "adopted"  # drawn dashed, labelled
    STEP = "step"
    FOSTER = "foster"
    OTHER = "other"  # any other non-birth relation, dashed
    DUPLICATE = "duplicate"  # a marked duplicate box back to its original, dotted

    @property
    def dashed(self) -> bool:
        return self not in (ConnectorKind.PARTNERSHIP, ConnectorKind.DESCENT)


@slotted(frozen=True)
class Box:
    """A person on the chart. (x, y) is the top-left corner."""

    key: str  # unique in the layout: the person id, or "id#2" for a duplicate appearance
    person_id: str
    x: float
    y: float
    width: float
    height: float
    generation: int  # 0 for the focus' row, -1 parents, +1 children...
    is_focus: bool = False
    duplicate_of: str = ""  # key of the original box when this is a marked duplicate
    partners: tuple[str, ...] = ()  # person ids of the partners drawn in this box (a compact chart)
    compact: bool = False  # a compact chart's box: the person on one line, their partners on the next
    descendants: Branch = Branch.NONE  # the person's children and theirs, folded or drawn
    ancestors: Branch = Branch.NONE  # the person's parents and theirs
    # a compact chart's partner who keeps a box of their own beside the one they married: whom the
    # box names ("∞ Verma Dell"), drawn in their own box (beside, a partner looks like a sister)
    spouses: tuple[str, ...] = ()

    @property
    def right(self) -> float:
        return self.x + self.width

    @property
    def bottom(self) -> float:
        return self.y + self.height

    @property
    def center(self) -> Point:
        return (self.x + self.width / 2, self.y + self.height / 2)


@slotted(frozen=True)
class Connector:
    """The lines of one family (or one link): axis-parallel segments.

    A family with children is one DESCENT connector (couple midpoint down to a
    bus, the bus, and a drop to each birth child) plus one PARTNERSHIP connector
    between the partners; a child with another relation gets its own dashed
    connector with a label ("adopted"). Brothers and sisters whose parents are
    not on the chart hang from a bracket: a bus with a short stub up from it,
    labelled "?" when the file names no parents at all; its person_keys are the
    children it joins.

    Partners who cannot stand next to each other (a third marriage) are joined
    by a PARTNERSHIP line that runs down from both boxes and along the gap below
    the row. A DUPLICATE connector joins a marked duplicate box (person_keys[0])
    to the original (person_keys[1]) through the gaps between rows and the
    chart's sides. Horizontal lines only run in the gaps between rows, so no
    line passes through a box it does not join.
    """

    family_id: str
    kind: ConnectorKind
    segments: tuple[Segment, ...]
    label: str = ""
    label_at: Point | None = None  # the middle of the label
    person_keys: tuple[str, ...] = ()  # the box keys this connector joins
    label_width: float = 0.0  # how wide the layout let the label be (drawn cut to it); 0: any width


@slotted
class ChartLayout:
    chart: ChartType
    focus_id: str
    boxes: list[Box] = field(default_factory=list)
    connectors: list[Connector] = field(default_factory=list)
    orientation: Orientation = Orientation.VERTICAL
    warnings: list[str] = field(default_factory=list)  # cycles cut, size limits hit
    # a fan chart's rings and segments; its boxes are then the rectangles around the segments
    fan: FanChart | None = None

    def box_for(self, person_id: str) -> Box | None:
        """The primary (non-duplicate) box of a person: their own, or the box they share with a partner."""
        for b in self.boxes:
            if b.person_id == person_id and not b.duplicate_of:
                return b
        return next((b for b in self.boxes if person_id in b.partners), None)

    def bounds(self) -> tuple[float, float, float, float]:
        """(left, top, right, bottom) around every box, connector and connector label."""
        if not self.boxes:
            return (0.0, 0.0, 0.0, 0.0)
        xs = [b.x for b in self.boxes] + [b.right for b in self.boxes]
        ys = [b.y for b in self.boxes] + [b.bottom for b in self.boxes]
        for c in self.connectors:
            for (x1, y1), (x2, y2) in c.segments:
                xs += [x1, x2]
                ys += [y1, y2]
            if c.label_at is not None and c.label_width:
                (x, y) = c.label_at
                xs += [x - c.label_width / 2, x + c.label_width / 2]
                ys += [y - LABEL_HEIGHT / 2, y + LABEL_HEIGHT / 2]
        return (min(xs), min(ys), max(xs), max(ys))

    @property
    def person_ids(self) -> set[str]:
        """Everyone on the chart, partners sharing a box included."""
        return {b.person_id for b in self.boxes} | {p for b in self.boxes for p in b.partners}

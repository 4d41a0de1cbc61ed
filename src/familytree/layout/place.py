"""Coordinates for ordered rows: the boxes and lines of one chart, worked out in stages."""

from __future__ import annotations

from collections.abc import Mapping

from familytree.layout.chart import (
    Box,
    BoxSizer,
    Branch,
    ChartLayout,
    ChartType,
    Connector,
    ConnectorKind,
    LayoutOptions,
    Orientation,
    Point,
    Segment,
)
from familytree.layout.family_lines import FamilyLines, family_lines
from familytree.layout.graph import ChartGraph, FamilyDraw
from familytree.layout.lanes import (
    UNLABELLED,
    Across,
    LaneCategory,
    LaneItem,
    assign_lanes,
    bus_item,
    child_label,
    label_width,
    stack_rows,
)
from familytree.layout.links import DuplicateLink, route_links
from familytree.layout.rows import Measures, RowPositions, balance_rows, measure
from familytree.model import ChildRelation
from familytree.model.slotted import slotted

_KIND = {
    ChildRelation.ADOPTED: ConnectorKind.ADOPTED,
    ChildRelation.STEP: ConnectorKind.STEP,
    ChildRelation.FOSTER: ConnectorKind.FOSTER,
    ChildRelation.SEALING: ConnectorKind.OTHER,
    ChildRelation.OTHER: ConnectorKind.OTHER,
}


_PLAIN = LayoutOptions()
_NO_BRANCHES = (Branch.NONE, Branch.NONE)


@slotted(frozen=True)
class Placement:
    """What every stage worked out for one chart (see the module docstring)."""

    measures: Measures
    positions: RowPositions
    lines: FamilyLines
    links: tuple[DuplicateLink, ...]
    across: Across

    def point(self, u: float, v: float) -> Point:
        return (u, v) if self.measures.vertical else (v, u)

    def segment(self, u1: float, v1: float, u2: float, v2: float) -> Segment:
        return (self.point(u1, v1), self.point(u2, v2))


def placement(graph: ChartGraph, rows: dict[int, list[int]], focus_key: str, sizer: BoxSizer,
              orientation: Orientation, options: LayoutOptions = _PLAIN,
              folded: Mapping[str, list[str]] | None = None) -> Placement:
    """Every stage for ordered rows, in order; the graph is read, never changed.

    The stages work in (u, v) coordinates: u runs along a generation row, v across
    rows (vertical charts map (u, v) to (x, y), horizontal ones to (y, x)). Each takes
    what the earlier ones worked out, as frozen values, and returns its own; the
    order is forced by what each needs:

    1. `measure`: box sizes, and offsets inside row groups, from the sizer (a compact
       chart's boxes with the partners `folded` into them).
    2. `balance_rows`: positions along the rows; every line is drawn from where the
       boxes stand.
    3. `family_lines`: where each family's stem, bus and lines to children stand
       along the rows, moved clear of each other (which needs every family's first
       choice).
    4. `route_links`: duplicates' links, where they cross fewest family lines.
    5. `assign_lanes`: a lane for every horizontal line in each row gap; only with
       the links routed is it known how many lanes, so how deep, each gap must be.
    6. `stack_rows`: the rows one under the other, which gives every v.

    `draw` then turns the placement into boxes and connectors in chart coordinates.
    """
    measures = measure(graph, rows, sizer, orientation, options.compact, folded or {})
    positions = balance_rows(graph, rows, measures, focus_key)
    lines = family_lines(graph, measures, positions)
    links = route_links(graph, measures, positions, lines)
    across = stack_rows(measures, assign_lanes(measures, positions, lines, links))
    return Placement(measures, positions, lines, links, across)


def place(graph: ChartGraph, rows: dict[int, list[int]], focus_key: str, chart: ChartType,
          sizer: BoxSizer, orientation: Orientation, options: LayoutOptions = _PLAIN,
          folded: Mapping[str, list[str]] | None = None,
          named: Mapping[str, list[str]] | None = None) -> ChartLayout:
    """Boxes and lines for ordered rows (the stages: see `placement`). A compact chart's boxes take
    in the partners `folded` into them, and name those `named` (partners with a box of their own)."""
    shown = {**(named or {}), **(folded or {})}  # (a box is measured with every partner it names)
    placed = placement(graph, rows, focus_key, sizer, orientation, options, shown)
    return draw(graph, placed, focus_key, chart, named or {})


def draw(graph: ChartGraph, placed: Placement, focus_key: str, chart: ChartType,
         named: Mapping[str, list[str]] | None = None) -> ChartLayout:
    """The chart's boxes, row by row from the left, and its connectors, family by family."""
    named = named or {}
    nodes, left, length = graph.nodes, placed.positions.left, placed.measures.length
    row_top, depth, vertical = placed.across.row_top, placed.measures.depth, placed.measures.vertical
    layout = ChartLayout(chart=chart, focus_id=nodes[focus_key].person_id if focus_key in nodes else "",
                         orientation=placed.measures.orientation, warnings=list(graph.warnings))
    for k in sorted(nodes, key=lambda k: (nodes[k].gen, left[k])):
        n = nodes[k]
        x, y = placed.point(left[k], row_top[n.gen])
        w, h = (length[k], depth[n.gen]) if vertical else (depth[n.gen], length[k])
        up, down = graph.branches.get(k, _NO_BRANCHES)
        partners = () if k in named else tuple(placed.measures.partners.get(k, ()))
        layout.boxes.append(Box(k, n.person_id, x, y, w, h, n.gen, k == focus_key, n.duplicate_of,
                                partners, placed.measures.compact, down, up, tuple(named.get(k, ()))))
    for i, family in enumerate(placed.lines.families):
        layout.connectors.extend(_family_connectors(placed, i, family))
    layout.connectors.extend(_link_connector(placed, link) for link in placed.links)
    return layout


def _family_connectors(placed: Placement, i: int, family: FamilyDraw) -> list[Connector]:
    """A couple's partnership line, and the lines down to their children: one solid connector for
    the birth children, a dashed labelled one for each child of another relation."""
    left, centre, length = placed.positions.left, placed.positions.centre, placed.measures.length
    across, segment, lines = placed.across, placed.segment, placed.lines
    out: list[Connector] = []
    gen = family.gen
    stem_u = lines.stem[i]
    if len(family.parents) == 2:
        middle = across.row_top[gen] + across.row_depth[gen] / 2
        bottom = across.row_bottom(gen)
        a, b = sorted(family.parents, key=lambda k: left[k])
        part: tuple[Segment, ...]
        if i in lines.under_row:  # down from both boxes and along the row gap
            under = across.lane(LaneItem(LaneCategory.PARTNERSHIP, i))
            part = (segment(centre[a], bottom, centre[a], under), segment(centre[a], under, centre[b], under),
                    segment(centre[b], under, centre[b], bottom))
            stem_top = under
        else:
            part = (segment(left[a] + length[a], middle, left[b], middle),)
            stem_top = middle
        out.append(Connector(family.family_id, ConnectorKind.PARTNERSHIP, part, person_keys=(a, b)))
    elif family.parents:
        stem_top = across.row_bottom(gen)
    if not family.children:
        return out
    bus = bus_item(i, family)
    bus_v = across.lane(bus)
    label, label_at, joined = "", None, tuple(family.parents)
    if not family.parents:
        # a bracket: a stub up into the free lane, marked "?" when the file names no parents
        stem_top = across.lane(bus, above=1)
        joined = tuple(family.children)
        if family.unknown_parents:
            label, label_at = "?", placed.point(stem_u, stem_top)
    room = label_width(label) if label else 0.0
    child_top = across.row_top[gen + 1]
    births = [c for c in family.children if family.relations[c][0] in UNLABELLED]
    others = [c for c in family.children if c not in births]
    stem = segment(stem_u, stem_top, stem_u, bus_v)
    child_line = lines.child_line
    if births:
        lo = min([stem_u] + [child_line[(i, c)] for c in births])
        hi = max([stem_u] + [child_line[(i, c)] for c in births])
        parts = [stem]
        if hi - lo > 1e-6:
            parts.append(segment(lo, bus_v, hi, bus_v))
        parts.extend(segment(child_line[(i, c)], bus_v, child_line[(i, c)], child_top) for c in births)
        out.append(Connector(family.family_id, ConnectorKind.DESCENT, tuple(parts), label=label,
                             label_at=label_at, person_keys=_unique(joined + tuple(births)),
                             label_width=room))
    else:
        lo = hi = stem_u
    for c in others:
        relation, phrase = family.relations[c]
        child_u = child_line[(i, c)]
        parts = [] if births else [stem]
        if child_u < lo:
            parts.append(segment(child_u, bus_v, lo, bus_v))
        elif child_u > hi:
            parts.append(segment(hi, bus_v, child_u, bus_v))
        parts.append(segment(child_u, bus_v, child_u, child_top))
        label = child_label(relation, phrase)
        label_u, line = across.lanes.label_spot[(i, c)]
        out.append(Connector(
            family.family_id, _KIND.get(relation, ConnectorKind.OTHER), tuple(parts), label=label,
            label_at=placed.point(label_u, across.label_v(gen, line)), person_keys=_unique(joined + (c,)),
            label_width=label_width(label)))
    return out


def _link_connector(placed: Placement, link: DuplicateLink) -> Connector:
    """The dotted line of a duplicate's link along its route."""
    points = [(u, placed.across.waypoint(v, link.duplicate)) for u, v in link.route]
    lines = [placed.segment(u1, v1, u2, v2) for (u1, v1), (u2, v2) in zip(points, points[1:], strict=False)]
    return Connector("", ConnectorKind.DUPLICATE, tuple(p for p in lines if p[0] != p[1]),
                     person_keys=(link.duplicate, link.original))


def _unique(keys: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(keys))

"""The chart types: which people each shows around the focus, laid out as boxes and lines."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable

from familytree.layout.chart import (
    BoxSizer,
    ChartLayout,
    ChartType,
    LayoutOptions,
    Orientation,
    default_sizer,
)
from familytree.layout.couples import join_parted, part_couples, rejoin_far
from familytree.layout.fan_options import FanOptions
from familytree.layout.graph import MAX_BOXES, ChartGraph
from familytree.layout.order import (
    keep_birth_order,
    lineage_keys,
    order_by_keys,
    order_rows,
    reduce_crossings,
)
from familytree.layout.place import place
from familytree.model import Family, Tree

ALL_GENERATIONS = 10**6  # "all": the size limit (MAX_BOXES) stops the walk instead
# A couple further apart than this (chart units, about six boxes) is not joined by a line under their
# row: a marked duplicate of one partner stands beside the other (layout.couples)
FAR_APART = 1000.0


def _empty(chart: ChartType, focus_id: str, orientation: Orientation, why: str) -> ChartLayout:
    return ChartLayout(chart=chart, focus_id=focus_id, orientation=orientation, warnings=[why])


def _finish(graph: ChartGraph, chart: ChartType, focus_id: str, sizer: BoxSizer, orientation: Orientation,
            options: LayoutOptions | None, row0: Callable[[], dict[str, tuple[float, ...]]] | None = None
            ) -> ChartLayout:
    options = options or LayoutOptions()
    graph.join_siblings()
    if graph.full:
        graph.drop_strays(focus_id)
    part_couples(graph)  # each brother and sister in their place, eldest first
    rows = _order(graph, chart, focus_id, row0)
    if graph.apart and join_parted(graph, rows):
        rows = _order(graph, chart, focus_id, row0)
    folded, named = _partners_in_boxes(graph, focus_id, options)
    layout = place(graph, keep_birth_order(graph, rows), focus_id, chart, sizer, orientation, options, folded,
                   named)
    if graph.apart:
        vertical = layout.orientation is Orientation.VERTICAL
        centres = {b.key: b.center[0] if vertical else b.center[1] for b in layout.boxes}
        if rejoin_far(graph, centres, FAR_APART):
            rows = _order(graph, chart, focus_id, row0)
            more, named = _partners_in_boxes(graph, focus_id, options)
            for key, partners in more.items():  # (those folded before are out of the graph: kept)
                folded.setdefault(key, []).extend(partners)
            layout = place(graph, keep_birth_order(graph, rows), focus_id, chart, sizer, orientation, options,
                           folded, named)
    return layout


def _partners_in_boxes(graph: ChartGraph, focus_id: str, options: LayoutOptions
                       ) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """A compact chart's partners who share a box, and those a box names (see layout.compact); none in
    a plain chart."""
    if not options.compact:
        return {}, {}
    from familytree.layout.compact import fold_partners, named_partners  # (with the first compact chart)

    folded = fold_partners(graph, focus_id)
    return folded, named_partners(graph, focus_id)


def _order(graph: ChartGraph, chart: ChartType, focus_id: str,
           row0: Callable[[], dict[str, tuple[float, ...]]] | None) -> dict[int, list[int]]:
    if chart is ChartType.RELATIVES:
        # places from the family's structure, then sweeps where collapse still crosses lines
        return reduce_crossings(graph, order_by_keys(graph, lineage_keys(graph, focus_id)))
    keys = row0() if row0 is not None else None

    def row0_key(sid: int) -> tuple[object, ...]:
        seg = graph.segments[sid]
        at = [keys.get(k, (0.0, 0.0)) for k in seg] if keys else [(0.0,)]
        return (min(at), min(graph.nodes[k].order for k in seg))

    # birth order and family order, which also keeps re-centring calm
    return order_rows(graph, row0_key)


def hourglass_layout(tree: Tree, focus_id: str, up: int = 2, down: int = 2, sizer: BoxSizer = default_sizer,
                     orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES,
                     options: LayoutOptions | None = None) -> ChartLayout:
    """Ancestors above and descendants below the focus, with partners and siblings.

    The focus row holds the focus beside their partners (a couple as in every
    chart: the man left, several partners in the order of the partnerships;
    each family's children under its own couple) and their full and half
    siblings; every person on that row gets their ancestors up to
    `up` generations (so partners' parents are shown too). With no generation up,
    half-siblings are left out: only the parent they share would show how.
    """
    chart = ChartType.HOURGLASS
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit, options)
    focus, _ = graph.place(focus_id, 0)
    graph.partner_families(focus)
    if up > 0 and focus_id not in graph.hide_up:
        sibs = tree.siblings(focus_id)
    else:  # no parents shown: only brothers and sisters a bracket can join (half-siblings need the parent)
        sibs = [c for f in tree.parent_families(focus_id) for c in f.child_ids if c != focus_id]
    for sib in sibs:
        if sib in tree.people:
            graph.place(sib, 0)
    # brothers' and sisters' ancestors are the focus': folded with the focus' (the handle over the focus)
    graph.fixed_up.update(k for k, n in graph.nodes.items() if n.person_id in sibs)
    graph.hide_up = graph.hide_up - set(sibs)
    start = [k for k, n in graph.nodes.items() if n.gen == 0 and not n.duplicate_of]
    graph.walk_up(start, -max(up, 0))
    graph.walk_down([focus], max(down, 0))
    return _finish(graph, chart, focus, sizer, orientation, options, lambda: _sibling_sides(graph, focus_id))


def ancestors_layout(tree: Tree, focus_id: str, up: int = 4, sizer: BoxSizer = default_sizer,
                     orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES,
                     options: LayoutOptions | None = None) -> ChartLayout:
    """The focus and `up` generations of their parents' couples (a pedigree)."""
    chart = ChartType.ANCESTORS
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit, options)
    focus, _ = graph.place(focus_id, 0)
    graph.walk_up([focus], -max(up, 0))
    return _finish(graph, chart, focus, sizer, orientation, options)


def descendants_layout(tree: Tree, focus_id: str, down: int = 4, sizer: BoxSizer = default_sizer,
                       orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES,
                       options: LayoutOptions | None = None) -> ChartLayout:
    """The focus, their partners and `down` generations of children, each family under its couple."""
    chart = ChartType.DESCENDANTS
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit, options)
    focus, _ = graph.place(focus_id, 0)
    graph.walk_down([focus], max(down, 0))
    return _finish(graph, chart, focus, sizer, orientation, options)


def relatives_layout(tree: Tree, focus_id: str, steps: int = 3, sizer: BoxSizer = default_sizer,
                     orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES,
                     options: LayoutOptions | None = None) -> ChartLayout:
    """Every blood relative within `steps` parent/child links of the focus, with their partners.

    Ancestors up to `steps` generations and their descendants, in generation rows
    (Topola's "relatives", Gramps' "Family Lines").
    """
    chart = ChartType.RELATIVES
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit, options)
    focus, _ = graph.place(focus_id, 0)
    # Blood relatives are the descendants of the focus' ancestors: walk up from ancestors only,
    # down from everyone (a half-sibling's other parent is drawn as a partner, not walked).
    # Breadth first, so the nearest relatives are kept when the size limit is hit.
    dist = {focus: 0}
    ancestors = {focus}
    queue = deque([focus])
    while queue and not graph.full:
        key = queue.popleft()
        families = graph.partner_families(key)
        if dist[key] >= steps:
            continue
        up = graph.parents_of(key) if key in ancestors else []
        ancestors.update(up)
        for k in up + graph.children_of(key, families):
            dist[k] = dist[key] + 1
            queue.append(k)
        if key in ancestors and dist[key] + 2 <= steps:
            # brothers and sisters through parents the file does not name: two links away
            for k in graph.parentless_siblings(key):
                dist[k] = dist[key] + 2
                queue.append(k)
    return _finish(graph, chart, focus, sizer, orientation, options)


def layout_chart(tree: Tree, chart: ChartType, focus_id: str, up: int = 2, down: int = 2,
                 sizer: BoxSizer = default_sizer, orientation: Orientation = Orientation.VERTICAL,
                 limit: int = MAX_BOXES, fan: FanOptions | None = None,
                 options: LayoutOptions | None = None) -> ChartLayout:
    """Lay out any chart type; relatives charts reach max(up, down) steps, a fan `up` generations.
    `options` (compact...) apply to every chart but the fan, which `fan` sets."""
    if chart is ChartType.FAN:
        from familytree.layout.fan import fan_layout  # (loaded with the first fan)

        return fan_layout(tree, focus_id, up, sizer, fan, limit, orientation)
    if chart is ChartType.ANCESTORS:
        return ancestors_layout(tree, focus_id, up, sizer, orientation, limit, options)
    if chart is ChartType.DESCENDANTS:
        return descendants_layout(tree, focus_id, down, sizer, orientation, limit, options)
    if chart is ChartType.RELATIVES:
        return relatives_layout(tree, focus_id, max(up, down), sizer, orientation, limit, options)
    return hourglass_layout(tree, focus_id, up, down, sizer, orientation, limit, options)


def _sibling_sides(graph: ChartGraph, focus_id: str) -> dict[str, tuple[float, ...]]:
    """Where people stand on the focus row: brothers and sisters eldest first, the focus among them.

    Half-siblings stand on the side where their other parent stands beside the
    parent they share with the focus, so their lines do not cross the focus'. A
    partner parted from the focus (their parents are on the chart too, or the
    brothers and sisters hang from a bracket that would pass over them) stands
    beyond the brothers and sisters on the focus' side for that partner, joined by
    a line under the row: neither the siblings' line nor the partner's parents' line
    then passes over the other's box (beside the focus when no brother or sister
    stands on that side).
    """
    tree = graph.tree
    keys: dict[str, tuple[float, ...]] = {focus_id: (0.0, 0.0)}
    beyond = float(len(tree.siblings(focus_id)) + 1)  # past the brothers and sisters, before half-siblings
    for j, (fam, key) in enumerate(_parted_partners(graph, focus_id)):
        keys[key] = (0.0, -beyond - j) if graph.partner_goes_left(fam, focus_id) else (0.0, beyond + j)
    pfs = tree.parent_families(focus_id)
    if not pfs:
        return keys
    main = pfs[0]
    born = graph.birth_order(main)
    me = born.index(focus_id) if focus_id in born else 0
    drawn = graph.families.get((main.id, -1))
    for i, cid in enumerate(born):
        keys.setdefault(cid, (0.0, float(i - me)))

    def where(fam: Family) -> float | None:
        """The middle of a family's couple in the parents' row group, if drawn there."""
        fd = graph.families.get((fam.id, -1))
        if fd is None or drawn is None or not fd.parents or not drawn.parents:
            return None
        seg = graph.segments[graph.nodes[drawn.parents[0]].segment]
        if any(p not in seg for p in fd.parents):
            return None
        return sum(seg.index(p) for p in fd.parents) / len(fd.parents)

    middle = where(main)
    for parent in main.partner_ids:
        for j, fam in enumerate(f for f in tree.partner_families(parent) if f.id != main.id):
            at = where(fam)
            # on the side where their other parent stands beside the one they share with the focus,
            # whichever side the focus' partners stand: where every chart of the family puts them
            side = (-1.0 if at < middle else 1.0) if at is not None and middle is not None else 2.0
            for i, cid in enumerate(graph.birth_order(fam)):
                keys.setdefault(cid, (side, at if at is not None else float(j), float(i)))
    for j, fam in enumerate(pfs[1:]):
        for i, cid in enumerate(graph.birth_order(fam)):
            keys.setdefault(cid, (3.0, float(j), float(i)))
    return keys


def _parted_partners(graph: ChartGraph, focus_id: str) -> list[tuple[Family, str]]:
    """The focus' partners standing in row groups of their own, in the order of the partnerships."""
    mine = graph.nodes[focus_id].segment
    return [(fam, pid) for fam in graph.partnered_families(focus_id) for pid in fam.partner_ids
            if pid != focus_id and pid in graph.nodes and graph.nodes[pid].gen == 0
            and graph.nodes[pid].segment != mine]

"""The chart types: which people each shows around the focus, laid out as boxes and lines."""

from __future__ import annotations

from collections import deque

from familytree.layout.chart import BoxSizer, ChartLayout, ChartType, Orientation, default_sizer
from familytree.layout.fan import FanOptions, fan_layout
from familytree.layout.graph import MAX_BOXES, ChartGraph
from familytree.layout.order import lineage_keys, order_by_keys, order_rows, reduce_crossings
from familytree.layout.place import place
from familytree.model import Family, Tree

ALL_GENERATIONS = 10**6  # "all": the size limit (MAX_BOXES) stops the walk instead


def _empty(chart: ChartType, focus_id: str, orientation: Orientation, why: str) -> ChartLayout:
    return ChartLayout(chart=chart, focus_id=focus_id, orientation=orientation, warnings=[why])


def _finish(graph: ChartGraph, chart: ChartType, focus_id: str, sizer: BoxSizer, orientation: Orientation,
            row0: dict[str, tuple[float, ...]] | None = None) -> ChartLayout:
    def row0_key(sid: int) -> tuple[object, ...]:
        seg = graph.segments[sid]
        keys = [row0.get(k, (0.0, 0.0)) for k in seg] if row0 else [(0.0,)]
        return (min(keys), min(graph.nodes[k].order for k in seg))

    graph.join_siblings()
    if graph.full:
        graph.drop_strays(focus_id)
    if chart is ChartType.RELATIVES:
        # places from the family's structure, then sweeps where collapse still crosses lines
        rows = reduce_crossings(graph, order_by_keys(graph, lineage_keys(graph, focus_id)))
    else:
        # birth order and family order, which also keeps re-centring calm
        rows = order_rows(graph, row0_key)
    return place(graph, rows, focus_id, chart, sizer, orientation)


def hourglass_layout(tree: Tree, focus_id: str, up: int = 2, down: int = 2, sizer: BoxSizer = default_sizer,
                     orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES) -> ChartLayout:
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
    graph = ChartGraph(tree, limit)
    focus, _ = graph.place(focus_id, 0)
    graph.partner_families(focus)
    if up > 0:
        sibs = tree.siblings(focus_id)
    else:  # no parents shown: only brothers and sisters a bracket can join (half-siblings need the parent)
        sibs = [c for f in tree.parent_families(focus_id) for c in f.child_ids if c != focus_id]
    for sib in sibs:
        if sib in tree.people:
            graph.place(sib, 0)
    start = [k for k, n in graph.nodes.items() if n.gen == 0 and not n.duplicate_of]
    graph.walk_up(start, -max(up, 0))
    graph.walk_down([focus], max(down, 0))
    return _finish(graph, chart, focus, sizer, orientation, _sibling_sides(graph, focus_id))


def ancestors_layout(tree: Tree, focus_id: str, up: int = 4, sizer: BoxSizer = default_sizer,
                     orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES) -> ChartLayout:
    """The focus and `up` generations of their parents' couples (a pedigree)."""
    chart = ChartType.ANCESTORS
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit)
    focus, _ = graph.place(focus_id, 0)
    graph.walk_up([focus], -max(up, 0))
    return _finish(graph, chart, focus, sizer, orientation)


def descendants_layout(tree: Tree, focus_id: str, down: int = 4, sizer: BoxSizer = default_sizer,
                       orientation: Orientation = Orientation.VERTICAL,
                       limit: int = MAX_BOXES) -> ChartLayout:
    """The focus, their partners and `down` generations of children, each family under its couple."""
    chart = ChartType.DESCENDANTS
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit)
    focus, _ = graph.place(focus_id, 0)
    graph.walk_down([focus], max(down, 0))
    return _finish(graph, chart, focus, sizer, orientation)


def relatives_layout(tree: Tree, focus_id: str, steps: int = 3, sizer: BoxSizer = default_sizer,
                     orientation: Orientation = Orientation.VERTICAL, limit: int = MAX_BOXES) -> ChartLayout:
    """Every blood relative within `steps` parent/child links of the focus, with their partners.

    Ancestors up to `steps` generations and their descendants, in generation rows
    (Topola's "relatives", Gramps' "Family Lines").
    """
    chart = ChartType.RELATIVES
    if focus_id not in tree.people:
        return _empty(chart, focus_id, orientation, f"No person {focus_id} in this file.")
    graph = ChartGraph(tree, limit)
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
    return _finish(graph, chart, focus, sizer, orientation)


def layout_chart(tree: Tree, chart: ChartType, focus_id: str, up: int = 2, down: int = 2,
                 sizer: BoxSizer = default_sizer, orientation: Orientation = Orientation.VERTICAL,
                 limit: int = MAX_BOXES, fan: FanOptions | None = None) -> ChartLayout:
    """Lay out any chart type; relatives charts reach max(up, down) steps, a fan `up` generations."""
    if chart is ChartType.FAN:
        return fan_layout(tree, focus_id, up, sizer, fan, limit, orientation)
    if chart is ChartType.ANCESTORS:
        return ancestors_layout(tree, focus_id, up, sizer, orientation, limit)
    if chart is ChartType.DESCENDANTS:
        return descendants_layout(tree, focus_id, down, sizer, orientation, limit)
    if chart is ChartType.RELATIVES:
        return relatives_layout(tree, focus_id, max(up, down), sizer, orientation, limit)
    return hourglass_layout(tree, focus_id, up, down, sizer, orientation, limit)


def _sibling_sides(graph: ChartGraph, focus_id: str) -> dict[str, tuple[float, ...]]:
    """Where siblings stand on the focus row: in birth order around the focus, half-siblings outside.

    Half-siblings stand on the side where their other parent stands beside the
    parent they share with the focus, so their lines do not cross the focus'.
    When the focus' partners all stand on one side of the focus, the brothers and
    sisters (still in birth order, half-siblings beyond the full ones) stand on the
    other side where their line would otherwise cross the line down from a
    partner's parents (which reads as the partner being one of them); and always
    when the focus' parents are not on the chart, so that their bracket passes
    over no partner.
    """
    tree = graph.tree
    keys: dict[str, tuple[float, ...]] = {focus_id: (0.0, 0.0)}
    pfs = tree.parent_families(focus_id)
    if not pfs:
        return keys
    main = pfs[0]
    born = graph.birth_order(main)
    me = born.index(focus_id) if focus_id in born else 0
    drawn = graph.families.get((main.id, -1))
    # the brothers and sisters' line keeps clear of the partners where they are all on one side
    seg = graph.segments[graph.nodes[focus_id].segment]
    mine = seg.index(focus_id)
    away = -1 if mine == 0 and len(seg) > 1 else 1 if mine == len(seg) - 1 and len(seg) > 1 else 0
    if drawn is not None and not any(_parents_drawn(graph, k) for k in seg if k != focus_id):
        away = 0  # birth order around the focus: nothing comes down between them
    full = away
    if not away and drawn is not None and len(seg) > 1:
        # partners on both sides: the full brothers and sisters stand on the side where no
        # partner's parents' line comes down (J. S. Bach: Maria Barbara's father on his left)
        left = any(_parents_drawn(graph, k) for k in seg[:mine])
        right = any(_parents_drawn(graph, k) for k in seg[mine + 1:])
        full = 1 if left and not right else -1 if right and not left else 0
    n = len(born)
    for i, cid in enumerate(born):
        keys.setdefault(cid, (0.0, float(i - me if not full else i - n if full < 0 else i + 1)))

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


def _parents_drawn(graph: ChartGraph, key: str) -> bool:
    """Whether a line comes down to this box from its parents' couple on the chart."""
    gen = graph.nodes[key].gen - 1
    return any(key in fd.children and fd.parents for (_, g), fd in graph.families.items() if g == gen)

"""Couples whose partners each have a place of their own: brothers and sisters keep their birth order.

A person drawn under their parents' family (or under the bracket of their brothers
and sisters) has a place in that family's row of children: eldest first. When both
partners of a couple have such a place (cousins who married, pedigree collapse, a
partner whose parents are on the chart too), standing side by side would pull one of
them out of it. So the couple is parted first (`part_couples`), the rows are ordered
with each partner in their own place, and then each parted couple is joined again
(`join_parted`): side by side where their places turn out to be next to each other, by
a line under the row where only a few of their own brothers and sisters stand between
them, else by a marked duplicate of one partner standing beside the other.
"""

from __future__ import annotations

from collections.abc import Mapping

from familytree.layout.graph import ChartGraph, FamilyDraw, left_partner

# Boxes that may stand between a parted couple joined by a line under their row; with more, the
# line would run far (the partners' own ancestors spread over the rows above them: a man and his
# wife were seen 17,000 units apart) and a marked duplicate of one stands beside the other instead.
MAX_BETWEEN = 4


def _parents_families(graph: ChartGraph) -> dict[str, list[FamilyDraw]]:
    """box key -> the drawn families it hangs from (a couple's, or a bracket's)."""
    out: dict[str, list[FamilyDraw]] = {}
    for fd in graph.families.values():
        for c in fd.children:
            out.setdefault(c, []).append(fd)
    return out


def _ranked(fd: FamilyDraw) -> bool:
    """Whether a family has brothers and sisters on the chart, so an order among them to keep."""
    return len(fd.children) > 1


def _inside(fd: FamilyDraw, key: str, left: bool) -> bool:
    """Whether brothers or sisters of `key` stand on that side of them (elder ones on the left)."""
    me = fd.child_index.get(key, 0)
    return any((fd.child_index.get(c, 0) < me) if left else (fd.child_index.get(c, 0) > me)
               for c in fd.children if c != key)


def part_couples(graph: ChartGraph) -> None:
    """Part the row groups in which two people have a place of their own, and those in which
    a partner would stand under the bracket of brothers and sisters who are not theirs.

    Each piece keeps one of those people with their partners who have no place of their own;
    the families whose partners end up in different pieces are recorded in `graph.apart`.
    """
    families = _parents_families(graph)
    parted = False
    for sid in graph.live_segments():
        seg = graph.segments[sid]
        if len(seg) < 2:
            continue
        heads = [k for k in seg if families.get(k)]
        alone: set[str] = set()  # partners to stand apart: a bracket would pass over them
        for i, k in enumerate(seg):
            for fd in families.get(k, ()):
                if fd.parents or not _ranked(fd):
                    continue
                if _inside(fd, k, left=True):
                    alone.update(seg[:i])
                if _inside(fd, k, left=False):
                    alone.update(seg[i + 1:])
        if len(heads) < 2 or not any(_ranked(fd) for k in heads for fd in families[k]):
            if not alone:
                continue
            heads = [k for k in heads if k not in alone][:1] + sorted(alone, key=seg.index)
        _split(graph, sid, heads)
        parted = True
    if parted:
        segment = {k: n.segment for k, n in graph.nodes.items()}
        graph.apart.update(at for at, fd in graph.families.items()
                           if len(fd.parents) == 2 and segment[fd.parents[0]] != segment[fd.parents[1]])


def _split(graph: ChartGraph, sid: int, heads: list[str]) -> None:
    """Part a row group into one for each head, each with the partners who stand by that head
    (the partners of their partners too), in the order they stood."""
    seg = graph.segments[sid]
    piece = {k: i for i, k in enumerate(heads)}
    ids = {graph.nodes[k].person_id: k for k in seg}
    changed = True
    while changed and len(piece) < len(seg):
        changed = False
        for k in seg:
            if k in piece:
                continue
            partners = graph.tree.partners(graph.nodes[k].person_id)
            near = [ids[p] for p in partners if p in ids and ids[p] in piece]
            if near:
                piece[k] = piece[min(near, key=lambda p: (p not in heads, abs(seg.index(p) - seg.index(k))))]
                changed = True
    for k in seg:  # (a partner of nobody in the group: stays by the nearest head)
        if k not in piece:
            piece[k] = piece[min(heads, key=lambda h: abs(seg.index(h) - seg.index(k)))]
    pieces = [[k for k in seg if piece[k] == i] for i in range(len(heads))]
    graph.segments[sid] = pieces[0]
    for members in pieces[1:]:
        new = len(graph.segments)
        graph.segments.append(members)
        for k in members:
            graph.nodes[k].segment = new


def join_parted(graph: ChartGraph, rows: Mapping[int, list[int]]) -> bool:
    """Join each parted couple again, now that the rows are ordered (see the module docstring).

    Returns whether a row group changed (the rows are then to be ordered again).
    """
    changed = False
    families = _parents_families(graph)
    place = {sid: i for sids in rows.values() for i, sid in enumerate(sids)}
    for at in sorted(graph.apart, key=lambda at: (at[1], at[0])):
        fd = graph.families[at]
        a, b = fd.parents
        sa, sb = graph.nodes[a].segment, graph.nodes[b].segment
        if sa == sb:
            graph.apart.discard(at)
            continue
        if place[sa] > place[sb]:
            a, b, sa, sb = b, a, sb, sa
        fam = graph.tree.families.get(fd.family_id)
        man_first = fam is None or graph.nodes[a].person_id == left_partner(graph.tree, fam) \
            or graph.nodes[b].person_id != left_partner(graph.tree, fam)
        row = rows[fd.gen]
        between = row[place[sa] + 1:place[sb]]
        if not between and man_first and _at_end(graph, families, row, place, sa, right=True) \
                and _at_end(graph, families, row, place, sb, right=False):
            graph.join(a, b, prefer_left=False)  # b's group on a's right, in the order of a's partnerships
            graph.apart.discard(at)
            changed = True
            continue
        own = {graph.nodes[p].person_id for k in (a, b) for f in families.get(k, ()) for p in f.parents}
        own.update(f"#{id(f)}" for k in (a, b) for f in families.get(k, ()))  # (a bracket has no parents)
        few = sum(len(graph.segments[s]) for s in between) <= MAX_BETWEEN
        if (few or _under_bracket(graph, families, at)) \
                and all(_theirs(graph, families, graph.segments[s], own) for s in between):
            continue  # only a few of their own brothers and sisters between them: a line under the row
        _duplicate_partner(graph, at)
        changed = True
    return changed


def _duplicate_partner(graph: ChartGraph, at: tuple[str, int]) -> None:
    """Join a parted couple by a marked duplicate of one partner beside the other: the focus keeps
    their place, else the one who stands left in a couple."""
    fd = graph.families[at]
    keeper, other = _keeper_and_other(graph, at)
    dup = graph.duplicate_beside(keeper, other)
    fd.parents = [dup if k == other else k for k in fd.parents]
    graph.apart.discard(at)


def _under_bracket(graph: ChartGraph, families: dict[str, list[FamilyDraw]], at: tuple[str, int]) -> bool:
    """Whether the partner who would keep their place stands under a bracket of brothers and sisters
    (no parents on the chart): a duplicate beside them would stand under it too, which is why the
    other stands apart."""
    keeper = next(iter(_keeper_and_other(graph, at)))
    return any(not fd.parents and _ranked(fd) for fd in families.get(keeper, ()))


def _keeper_and_other(graph: ChartGraph, at: tuple[str, int]) -> tuple[str, str]:
    """The partner who keeps their place (the focus, else the one standing left in a couple), and the
    one drawn again beside them."""
    fd = graph.families[at]
    a, b = fd.parents
    fam = graph.tree.families.get(fd.family_id)
    if graph.nodes[b].order == 0:  # (the focus is the first box of every chart)
        a, b = b, a
    if fam is None or graph.nodes[a].order == 0 or graph.nodes[a].person_id == left_partner(graph.tree, fam):
        return a, b
    return b, a


def rejoin_far(graph: ChartGraph, centres: Mapping[str, float], far: float) -> bool:
    """Once the chart is placed: a couple joined by a line under their row whose partners stand
    further apart than `far` (along the row, `centres` by box key) gets a duplicate beside instead.
    Returns whether any did (the chart is then to be ordered and placed again)."""
    changed = False
    families = _parents_families(graph)
    for at in sorted(graph.apart, key=lambda at: (at[1], at[0])):
        a, b = graph.families[at].parents
        if a in centres and b in centres and abs(centres[a] - centres[b]) > far \
                and not _under_bracket(graph, families, at):
            _duplicate_partner(graph, at)
            changed = True
    return changed


def _theirs(graph: ChartGraph, families: dict[str, list[FamilyDraw]], seg: list[str], own: set[str]) -> bool:
    """Whether a row group is a brother or sister (or half-) of one of the couple, with partners."""
    def ours(f: FamilyDraw) -> bool:
        return f"#{id(f)}" in own or any(graph.nodes[p].person_id in own for p in f.parents)

    hanging = [k for k in seg if families.get(k)]
    return bool(hanging) and all(any(ours(f) for f in families[k]) for k in hanging)


def _at_end(graph: ChartGraph, families: dict[str, list[FamilyDraw]], row: list[int],
            place: Mapping[int, int], sid: int, right: bool) -> bool:
    """Whether nobody in a row group has brothers or sisters standing on that side of it."""
    for k in graph.segments[sid]:
        for fd in families.get(k, ()):
            for c in fd.children:
                other = graph.nodes[c].segment
                if other != sid and other in place and row[place[other]] == other \
                        and (place[other] > place[sid]) == right:
                    return False
    return True

"""Compact charts: partners who have no place of their own share the box of the one they married.

A partner with no parents on the chart, not the focus and drawn once joins the box of
the person they are a partner of: "William II ∞ Augusta Victoria, Hermine"; their family
then hangs from that box. Only one such family with children is folded into a box: with
two, which children are whose would no longer show, and the second partner keeps a box
of their own, which names the partner they stand beside (`named_partners`).
"""

from __future__ import annotations

from familytree.layout.chart import Branch
from familytree.layout.graph import ChartGraph, FamilyDraw

_NO_BRANCH = (Branch.NONE, Branch.NONE)


def fold_partners(graph: ChartGraph, focus_key: str) -> dict[str, list[str]]:
    """Fold into their partner's box the partners who have no place of their own; returns, for each
    box that took partners in, the person ids of those partners in the order they stood."""
    hangs = {c for fd in graph.families.values() for c in fd.children}
    copied = {n.duplicate_of for n in graph.nodes.values() if n.duplicate_of}
    families_of: dict[str, list[FamilyDraw]] = {}
    for fd in graph.families.values():
        for k in fd.parents:
            families_of.setdefault(k, []).append(fd)

    def own_place(k: str) -> bool:
        # (a partner whose ancestors are folded keeps a box of their own: its handle unfolds them)
        return k in hangs or k == focus_key or k in copied or bool(graph.nodes[k].duplicate_of) \
            or graph.branches.get(k, _NO_BRANCH)[0] is Branch.HIDDEN

    folded: dict[str, list[str]] = {}
    for sid in graph.live_segments():
        seg = graph.segments[sid]
        if len(seg) < 2:
            continue
        with_children: set[str] = set()  # boxes that already took in a family with children
        for k in list(seg):
            if own_place(k):
                continue
            fds = families_of.get(k, [])
            heads = {p for fd in fds for p in fd.parents if p != k}
            if len(heads) != 1 or any(len(fd.parents) != 2 for fd in fds):
                continue
            head = heads.pop()
            if not own_place(head) or graph.nodes[head].segment != sid:
                continue
            if any(fd.children for fd in fds):
                if head in with_children:
                    continue
                with_children.add(head)
            for fd in fds:
                fd.parents = [head]
            seg.remove(k)
            folded.setdefault(head, []).append(graph.nodes.pop(k).person_id)
    return folded


def named_partners(graph: ChartGraph, focus_key: str) -> dict[str, list[str]]:
    """After `fold_partners`: the partners with no place of their own who kept a box of their own
    (a second family with children) -> the person ids of the partners they stand beside, for their
    box to name: side by side in a compact chart's tight row, a husband looks like a brother."""
    hangs = {c for fd in graph.families.values() for c in fd.children}
    named: dict[str, list[str]] = {}
    for fd in graph.families.values():
        if len(fd.parents) != 2:
            continue
        a, b = fd.parents
        for k, head in ((a, b), (b, a)):
            node, other = graph.nodes[k], graph.nodes[head]
            if k in hangs or k == focus_key or node.duplicate_of or node.segment != other.segment:
                continue
            if head in hangs or head == focus_key or other.duplicate_of:
                named.setdefault(k, []).append(other.person_id)
    return named

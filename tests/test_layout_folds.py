"""Folded branches: a handle on a box hides that person's descendants or ancestors, on every chart."""

from __future__ import annotations

import pytest

from familytree.layout import (
    Branch,
    ChartLayout,
    ChartType,
    ConnectorKind,
    LayoutOptions,
    check_layout,
    layout_chart,
)
from familytree.model import Tree
from familytree.relations.graph import FamilyGraph
from familytree.workspace.folds import Folds, Side, collapse_all, toggle
from support.layout_corpus import focuses, read_corpus

CHARTS = [ChartType.HOURGLASS, ChartType.ANCESTORS, ChartType.DESCENDANTS, ChartType.RELATIVES]
FILES = ["real/royal92.ged", "real/Queen.ged", "real/bourbon-ancestris.ged", "real/pres2020.ged",
         "gramps/sample.ged"]


NO_FOLDS = Folds()


def _lay(tree: Tree, chart: ChartType, focus: str, folds: Folds = NO_FOLDS,
         compact: bool = False) -> ChartLayout:
    return layout_chart(tree, chart, focus, 3, 3, options=folds.applied(LayoutOptions(compact=compact)))


def _shape(layout: ChartLayout) -> tuple[object, ...]:
    return (tuple(layout.boxes), tuple(layout.connectors))


def _handles(layout: ChartLayout, side: Side, branch: Branch) -> list[str]:
    return [b.person_id for b in layout.boxes if not b.duplicate_of
            and (b.descendants if side is Side.DESCENDANTS else b.ancestors) is branch]


@pytest.mark.parametrize("relative", FILES)
@pytest.mark.parametrize("chart", CHARTS)
def test_folding_a_branch_hides_it_and_unfolding_gives_the_chart_back(relative: str,
                                                                      chart: ChartType) -> None:
    tree = read_corpus(relative)
    graph = FamilyGraph(tree)
    for focus in focuses(tree, 3):
        plain = _lay(tree, chart, focus)
        for side in Side:
            for person in _handles(plain, side, Branch.SHOWN)[:6]:
                folded = _lay(tree, chart, focus, toggle(Folds(), person, side))
                assert check_layout(folded) == [], (relative, chart, focus, person, side)
                box = folded.box_for(person)
                assert box is not None, "a folded person stays on the chart"
                assert (box.descendants if side is Side.DESCENDANTS else box.ancestors) is Branch.HIDDEN
                assert folded.person_ids <= plain.person_ids
                assert len(folded.boxes) < len(plain.boxes) or len(folded.connectors) < len(plain.connectors)
                kin = set(tree.children(person) if side is Side.DESCENDANTS else tree.parents(person))
                # no line joins the folded person to those kin, but for the focus' own line (the
                # relatives chart draws an ancestor's child who is the focus or the focus' ancestor)
                line = {focus, *graph.ancestors(focus)} if side is Side.DESCENDANTS else set()
                for connector in folded.connectors:
                    if box.key in connector.person_keys and connector.kind is not ConnectorKind.PARTNERSHIP:
                        joined = {k.split("#")[0] for k in connector.person_keys}
                        assert joined & kin <= line, (relative, chart, focus, person, side, connector)
                assert _shape(_lay(tree, chart, focus, Folds())) == _shape(plain)


@pytest.mark.parametrize("relative", FILES)
def test_a_folded_descendants_chart_shows_none_of_the_folded_persons_descendants(relative: str) -> None:
    tree = read_corpus(relative)
    graph = FamilyGraph(tree)
    for focus in focuses(tree, 3):
        plain = _lay(tree, ChartType.DESCENDANTS, focus)
        for person in _handles(plain, Side.DESCENDANTS, Branch.SHOWN)[:8]:
            folded = _lay(tree, ChartType.DESCENDANTS, focus, toggle(Folds(), person, Side.DESCENDANTS))
            below = set(graph.descendants(person)) - {focus}
            others = _descendants_avoiding(tree, focus, person)  # reached through another line too
            assert folded.person_ids & below <= others | _partners_of(tree, folded.person_ids)


@pytest.mark.parametrize("compact", [False, True])
def test_collapse_all_leaves_the_focus_and_their_nearest_family_with_handles_to_open(compact: bool) -> None:
    tree = read_corpus("real/royal92.ged")
    focus = focuses(tree, 1)[0]
    plain = _lay(tree, ChartType.HOURGLASS, focus, compact=compact)
    folds = collapse_all(Folds(), plain)
    collapsed = _lay(tree, ChartType.HOURGLASS, focus, folds, compact=compact)
    assert check_layout(collapsed) == []
    assert len(collapsed.boxes) < len(plain.boxes) / 2
    near = {focus, *tree.parents(focus), *tree.children(focus), *tree.partners(focus), *tree.siblings(focus)}
    drawn = collapsed.person_ids
    # everyone drawn is one step from the focus' nearest family (their partners' and parents' partners)
    assert all(p in near or any(q in near for q in tree.partners(p)) for p in drawn)
    # a partner whose ancestors are folded keeps a box of their own in a compact chart: its handle opens them
    assert not [p for b in collapsed.boxes for p in b.partners if p in folds.ancestors and tree.parents(p)]
    # every branch is folded but the focus' own; opening one shows its next generation, itself folded
    assert not [b for b in collapsed.boxes if not b.is_focus and Branch.SHOWN in (b.descendants, b.ancestors)]
    child = next(p for p in _handles(collapsed, Side.DESCENDANTS, Branch.HIDDEN) if tree.children(p))
    opened = _lay(tree, ChartType.HOURGLASS, focus, toggle(folds, child, Side.DESCENDANTS, False),
                  compact=compact)
    grandchildren = [c for c in tree.children(child) if c in opened.person_ids]
    assert grandchildren
    assert all(opened.box_for(g).descendants is not Branch.SHOWN for g in grandchildren)  # type: ignore[union-attr]
    assert _shape(_lay(tree, ChartType.HOURGLASS, focus, compact=compact)) == _shape(plain)


def test_a_box_has_a_handle_only_where_a_fold_changes_the_chart() -> None:
    tree = read_corpus("real/royal92.ged")
    for focus in focuses(tree, 4):
        plain = _lay(tree, ChartType.HOURGLASS, focus)
        gens = {b.person_id: b.generation for b in plain.boxes if not b.duplicate_of}
        for side in Side:
            for person in _handles(plain, side, Branch.SHOWN):
                folded = _lay(tree, ChartType.HOURGLASS, focus, toggle(Folds(), person, side))
                fewer = len(folded.boxes) < len(plain.boxes) or len(folded.connectors) < len(plain.connectors)
                assert fewer, (focus, person, side)
        # the last generation drawn has nothing left to fold
        assert not [b for b in plain.boxes if b.generation == 3 and b.descendants is not Branch.NONE]
        assert not [b for b in plain.boxes if b.generation == -3 and b.ancestors is not Branch.NONE]
        assert all(b.descendants is Branch.NONE and b.ancestors is Branch.NONE for b in plain.boxes
                   if b.duplicate_of), "a duplicate box's branch is folded at its original"
        assert gens


def _descendants_avoiding(tree: Tree, start: str, avoid: str) -> set[str]:
    """Descendants of `start` along lines that do not pass through `avoid` or their families."""
    seen: set[str] = set()
    stack = [start]
    while stack:
        p = stack.pop()
        for fam in tree.partner_families(p):
            if avoid in fam.partner_ids:
                continue
            for c in fam.child_ids:
                if c not in seen and c != avoid:
                    seen.add(c)
                    stack.append(c)
    return seen


def _partners_of(tree: Tree, people: set[str]) -> set[str]:
    return {q for p in people for q in tree.partners(p)}


# -- in the workspace: folds are part of where the user is ----------------------------------------------
def test_folds_go_into_the_history_survive_recentring_and_are_forgotten_with_the_file() -> None:
    from familytree.workspace import Workspace

    tree = read_corpus("real/royal92.ged")
    focus = focuses(tree, 1)[0]
    ws = Workspace()
    ws.open(tree, focus=focus)
    whole = len(ws.layout.boxes)
    assert ws.collapse_all()
    collapsed = len(ws.layout.boxes)
    assert collapsed < whole
    child = next(p for p in _handles(ws.layout, Side.DESCENDANTS, Branch.HIDDEN))
    assert ws.fold(child, Side.DESCENDANTS)  # switches: unfolds it
    opened = len(ws.layout.boxes)
    assert collapsed < opened < whole
    assert ws.back()
    assert len(ws.layout.boxes) == collapsed
    assert ws.back()
    assert len(ws.layout.boxes) == whole
    assert not ws.folds
    assert ws.forward()
    assert ws.forward()
    assert len(ws.layout.boxes) == opened
    ws.set_focus(child)  # a person's folds are theirs wherever the chart is centred
    assert ws.layout.box_for(child) is not None
    assert ws.folds
    assert ws.back()
    assert ws.focus_id == focus
    assert len(ws.layout.boxes) == opened
    assert ws.expand_all()
    assert len(ws.layout.boxes) == whole
    assert not ws.expand_all()  # nothing folded: nothing to do
    ws.collapse_all()
    ws.open(read_corpus("real/Queen.ged"))
    assert not ws.folds, "one file's folds name people of that file only"
    assert all(Branch.HIDDEN not in (b.descendants, b.ancestors) for b in ws.layout.boxes)

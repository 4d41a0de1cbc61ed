"""Brothers and sisters whose parents are not on the chart: joined by their family's bracket."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from familytree.gedcom.reader import read_file
from familytree.layout import (
    ChartLayout,
    ChartType,
    Connector,
    ConnectorKind,
    Orientation,
    check_layout,
    layout_chart,
)
from familytree.model import Tree
from support.builders import TreeBuilder
from support.corpus import corpus_file
from support.families import cousin_marriage, sedov_family, widower_family


def parentless_family(n: int) -> tuple[Tree, dict[str, str], str]:
    """n brothers and sisters of a family naming no parents; the first married into a family
    whose parents are known, with a son; the second married with a daughter."""
    b = TreeBuilder()
    p = {f"sib{i}": b.person(f"Sib{i} /Horton/", "M" if i % 2 == 0 else "F") for i in range(n)}
    p.update(wife=b.person("Ann /Millard/", "F"), wife_father=b.person("Nathaniel /Millard/", "M"),
             wife_mother=b.person("Susanna /Gladding/", "F"), son=b.person("Comfort /Horton/", "M"),
             in_law=b.person("Keziah /Carpenter/", "M"), niece=b.person("Submit /Carpenter/", "F"))
    fam = b.family("", "", [p[f"sib{i}"] for i in range(n)])
    b.family(p["wife_father"], p["wife_mother"], [p["wife"]])
    b.family(p["sib0"], p["wife"], [p["son"]])
    b.family(p["in_law"], p["sib1"], [p["niece"]])
    return b.tree, p, fam


def _bracket(layout: ChartLayout, family_id: str) -> Connector:
    found = [c for c in layout.connectors if c.family_id == family_id and c.kind is ConnectorKind.DESCENT]
    assert len(found) == 1, layout.connectors
    return found[0]


def _along(layout: ChartLayout, key: str) -> tuple[float, float]:
    """A box's extent along its row."""
    b = next(b for b in layout.boxes if b.key == key)
    return (b.x, b.right) if layout.orientation is Orientation.VERTICAL else (b.y, b.bottom)


def _stub(layout: ChartLayout, bracket: Connector) -> tuple[float, float, float]:
    """The bracket's stub up from its bus: (position along the row, from, to across the rows)."""
    assert bracket.label_at is not None
    vertical = layout.orientation is Orientation.VERTICAL
    u, v = bracket.label_at if vertical else bracket.label_at[::-1]
    for (x1, y1), (x2, y2) in bracket.segments:
        (u1, v1), (u2, v2) = ((x1, y1), (x2, y2)) if vertical else ((y1, x1), (y2, x2))
        if abs(u1 - u) < 1e-6 and abs(u2 - u) < 1e-6 and v in (v1, v2):
            return (u, min(v1, v2), max(v1, v2))
    raise AssertionError(f"no stub at the marker of {bracket}")


def _lines_along_stub(layout: ChartLayout, bracket: Connector, reach: float = 15.0) -> list[Connector]:
    """Other connectors with a line running across the rows beside the stub (read as its parents)."""
    u, lo, hi = _stub(layout, bracket)
    vertical = layout.orientation is Orientation.VERTICAL
    out = []
    for c in layout.connectors:
        if c is bracket:
            continue
        for (x1, y1), (x2, y2) in c.segments:
            (u1, v1), (u2, v2) = ((x1, y1), (x2, y2)) if vertical else ((y1, x1), (y2, x2))
            if abs(u1 - u2) < 1e-6 and abs(u1 - u) < reach and min(v1, v2) < hi and max(v1, v2) > lo:
                out.append(c)
    return out


CHARTS = list(ChartType)
ORIENTATIONS = list(Orientation)


@pytest.mark.parametrize("n", [2, 3, 4])
@pytest.mark.parametrize("chart", CHARTS)
@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_every_chart_of_a_parentless_family_keeps_the_rules(n: int, chart: ChartType,
                                                            orientation: Orientation) -> None:
    tree, _, _ = parentless_family(n)
    for focus in sorted(tree.people):
        layout = layout_chart(tree, chart, focus, up=3, down=3, orientation=orientation)
        assert check_layout(layout) == [], (focus, chart)


@pytest.mark.parametrize(("n", "focus_index"), [(2, 0), (2, 1), (3, 1), (3, 2), (4, 0), (4, 3)])
@pytest.mark.parametrize("chart", [ChartType.HOURGLASS, ChartType.RELATIVES])
@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_brothers_and_sisters_of_unknown_parents_are_joined_by_a_marked_bracket(
        n: int, focus_index: int, chart: ChartType, orientation: Orientation) -> None:
    tree, p, fam = parentless_family(n)
    focus = p[f"sib{focus_index}"]
    layout = layout_chart(tree, chart, focus, up=2, down=2, orientation=orientation)
    siblings = [p[f"sib{i}"] for i in range(n)]
    assert set(siblings) <= layout.person_ids
    bracket = _bracket(layout, fam)
    assert set(bracket.person_keys) == set(siblings)
    assert bracket.label == "?"
    # the wife's parents' line comes down to her: nowhere near the stub, or it reads as theirs
    assert _lines_along_stub(layout, bracket) == []
    if chart is ChartType.HOURGLASS:
        # they stand together: nobody else between the first and the last of them
        spans = sorted(_along(layout, s) for s in siblings)
        inside = [b.key for b in layout.boxes if b.generation == 0 and b.key not in siblings
                  and spans[0][0] < _along(layout, b.key)[0] < spans[-1][1]]
        assert inside == []


def test_relatives_through_unknown_parents_are_two_links_away() -> None:
    tree, p, fam = parentless_family(3)
    near = layout_chart(tree, ChartType.RELATIVES, p["sib0"], up=1, down=1)
    assert p["sib1"] not in near.person_ids
    assert check_layout(near) == []
    far = layout_chart(tree, ChartType.RELATIVES, p["sib0"], up=2, down=2)
    assert {p["sib1"], p["sib2"], p["in_law"]} <= far.person_ids
    assert p["niece"] not in far.person_ids  # three links: through the unknown parent and her mother
    assert set(_bracket(far, fam).person_keys) == {p["sib0"], p["sib1"], p["sib2"]}
    assert p["niece"] in layout_chart(tree, ChartType.RELATIVES, p["sib0"], up=3, down=3).person_ids


def test_pedigree_of_a_child_of_the_family_shows_no_bracket() -> None:
    """An ancestors chart shows no brothers and sisters, so no bracket either."""
    tree, p, fam = parentless_family(3)
    layout = layout_chart(tree, ChartType.ANCESTORS, p["son"], up=3)
    assert p["sib0"] in layout.person_ids
    assert p["sib1"] not in layout.person_ids
    assert not [c for c in layout.connectors if c.family_id == fam]
    assert check_layout(layout) == []


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_siblings_with_parents_above_the_chart_are_bracketed_unmarked(orientation: Orientation) -> None:
    """No generations up: Sergei's brother Lev is still joined to him, and no '?' claims the
    parents unknown."""
    tree, p = sedov_family()
    layout = layout_chart(tree, ChartType.HOURGLASS, p["sergei"], up=0, down=1, orientation=orientation)
    assert check_layout(layout) == []
    assert p["trotsky"] not in layout.person_ids
    joining = [c for c in layout.connectors if {p["sergei"], p["lev"]} <= set(c.person_keys)]
    assert len(joining) == 1
    assert joining[0].label == ""


@pytest.mark.parametrize("family", [sedov_family, widower_family, cousin_marriage])
@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_no_generation_up_leaves_nobody_standing_apart(family: Callable[[], tuple[Tree, dict[str, str]]],
                                                       orientation: Orientation) -> None:
    tree, _ = family()
    for focus in sorted(tree.people):
        layout = layout_chart(tree, ChartType.HOURGLASS, focus, up=0, down=2, orientation=orientation)
        assert check_layout(layout) == [], focus


def test_no_generation_up_shows_full_brothers_but_not_half_brothers() -> None:
    """Without the father on the chart nothing would show how the half-brother is related."""
    tree, p = widower_family()
    layout = layout_chart(tree, ChartType.HOURGLASS, p["man"], up=0, down=1)
    assert p["brother"] in layout.person_ids
    assert p["half"] not in layout.person_ids
    assert p["half"] in layout_chart(tree, ChartType.HOURGLASS, p["man"], up=1, down=1).person_ids


def test_check_layout_reports_a_sibling_joined_to_nothing() -> None:
    tree, p, fam = parentless_family(2)
    layout = layout_chart(tree, ChartType.HOURGLASS, p["sib0"])
    assert check_layout(layout) == []
    layout.connectors = [c for c in layout.connectors if c.family_id != fam]
    assert any(p["sib1"] in v and "joined by no line" in v for v in check_layout(layout))


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_pres2020_horton_brothers_stand_together_under_one_bracket(orientation: Orientation) -> None:
    tree = read_file(corpus_file("real/pres2020.ged"))
    jonathan, thomas, ann = "@I759@", "@I762@", "@I760@"
    layout = layout_chart(tree, ChartType.HOURGLASS, jonathan, up=3, down=3, orientation=orientation)
    assert check_layout(layout) == []
    bracket = next(c for c in layout.connectors if {jonathan, thomas} <= set(c.person_keys))
    assert bracket.label == "?"
    assert _lines_along_stub(layout, bracket) == []
    lo, hi = sorted([_along(layout, jonathan)[0], _along(layout, thomas)[0]])
    assert not lo < _along(layout, ann)[0] < hi  # his brother's wife does not stand between them


@pytest.mark.parametrize("orientation", ORIENTATIONS)
def test_the_stub_keeps_clear_of_partners_parents_lines(orientation: Orientation) -> None:
    """The younger brother has wives on both sides, each under her own parents: the bracket must
    pass over one of them, and its stub must not stand where her parents' line comes down."""
    b = TreeBuilder()
    sibs = [b.person(f"Sib{i} /Horton/", "M") for i in range(2)]
    fam = b.family("", "", sibs)
    for i in range(2):
        wife = b.person(f"Wife{i} /Millard/", "F")
        b.family(b.person(f"Father{i} /Millard/", "M"), b.person(f"Mother{i} /Gladding/", "F"), [wife])
        b.family(sibs[1], wife, [b.person(f"Child{i} /Horton/", "F")])
    layout = layout_chart(b.tree, ChartType.HOURGLASS, sibs[1], up=2, down=1, orientation=orientation)
    assert check_layout(layout) == []
    bracket = _bracket(layout, fam)
    assert set(bracket.person_keys) == set(sibs)
    assert _lines_along_stub(layout, bracket) == []


@pytest.mark.parametrize("limit", [3, 5, 7, 8, 9, 10])
@pytest.mark.parametrize("chart", CHARTS)
def test_a_chart_cut_at_the_size_limit_leaves_nobody_standing_apart(limit: int, chart: ChartType) -> None:
    """Six children, the father's son by a second wife, and the children's own families: the
    walk stops part way, and whoever it placed is still joined to the focus."""
    b = TreeBuilder()
    father, mother, second = b.person("Father /Washington/", "M"), b.person("Mary /Ball/", "F"), \
        b.person("Jane /Butler/", "F")
    kids = [b.person(f"Kid{i} /Washington/") for i in range(6)]
    b.family(father, mother, kids)
    b.family(father, second, [b.person("Butler /Washington/", "M")])
    for kid in kids[:3]:
        b.family(kid, b.person("Partner /Fielding/"), [b.person("Grandchild /Lewis/")])
    layout = layout_chart(b.tree, chart, kids[1], up=3, down=3, limit=limit)
    assert check_layout(layout) == []
    assert layout.box_for(kids[1]) is not None
    assert len(layout.boxes) <= limit


def _crossings_of(a: Connector, b: Connector) -> int:
    """Points where a line of one connector crosses a line of the other at right angles."""
    n = 0
    for (ax1, ay1), (ax2, ay2) in a.segments:
        for (bx1, by1), (bx2, by2) in b.segments:
            one, two = (ax1, ay1, ax2, ay2), (bx1, by1, bx2, by2)
            for (hx1, hy1, hx2, hy2), (vx1, vy1, vx2, vy2) in ((one, two), (two, one)):
                if abs(hy1 - hy2) < 1e-6 and abs(vx1 - vx2) < 1e-6 and \
                        min(hx1, hx2) + 1e-6 < vx1 < max(hx1, hx2) - 1e-6 and \
                        min(vy1, vy2) + 1e-6 < hy1 < max(vy1, vy2) - 1e-6:
                    n += 1
    return n


@pytest.mark.parametrize("orientation", ORIENTATIONS)
@pytest.mark.parametrize("husband", [True, False])
def test_brothers_and_sisters_stand_away_from_a_partner_whose_parents_are_shown(
        orientation: Orientation, husband: bool) -> None:
    """George Washington in pres2020: older and younger siblings, and a wife under her own parents.
    His siblings' line must not cross the line down to her from her parents, nor pass over her."""
    b = TreeBuilder()
    father, mother = b.person("Augustine /Washington/", "M"), b.person("Mary /Ball/", "F")
    older = b.person("Elder /Washington/", "F")
    me = b.person("George /Washington/", "M" if husband else "F")
    younger = [b.person(f"Young{i} /Washington/", "M") for i in range(3)]
    sib_family = b.family(father, mother, [older, me, *younger])
    spouse = b.person("Martha /Dandridge/", "F" if husband else "M")
    in_laws = b.family(b.person("John /Dandridge/", "M"), b.person("Frances /Jones/", "F"), [spouse])
    b.family(me, spouse) if husband else b.family(spouse, me)
    layout = layout_chart(b.tree, ChartType.HOURGLASS, me, up=2, down=1, orientation=orientation)
    assert check_layout(layout) == []
    siblings, her_parents = _bracket(layout, sib_family), _bracket(layout, in_laws)
    assert _crossings_of(siblings, her_parents) == 0
    spread = [_along(layout, k)[0] for k in (older, me, *younger)]
    assert not min(spread) < _along(layout, spouse)[0] < max(spread)
    # still in birth order among themselves
    sibs = [older, *younger]
    assert sorted(sibs, key=lambda k: _along(layout, k)[0]) == sibs


@pytest.mark.parametrize("orientation", ORIENTATIONS)
@pytest.mark.parametrize("wife_first", [True, False])
def test_half_siblings_also_keep_clear_of_a_partner_whose_parents_are_shown(
        orientation: Orientation, wife_first: bool) -> None:
    """Washington again: his father's sons by a first wife, and his own wife under her parents, who
    (herself married before) may stand on either side of him. No line of his father's children may
    cross her parents' line, nor stand between him and any brother."""
    b = TreeBuilder()
    father, first, mother = (b.person(n, s) for n, s in (("Augustine /Washington/", "M"),
                                                         ("Jane /Butler/", "F"), ("Mary /Ball/", "F")))
    halves = [b.person(f"Half{i} /Washington/", "M") for i in range(3)]
    me = b.person("George /Washington/", "M")
    fulls = [b.person(f"Full{i} /Washington/", "F") for i in range(2)]
    b.family(father, first, halves)
    b.family(father, mother, [me, *fulls])
    wife = b.person("Martha /Dandridge/", "F")
    in_laws = b.family(b.person("John /Dandridge/", "M"), b.person("Frances /Jones/", "F"), [wife])
    if wife_first:  # her first marriage makes her the one with two partnerships
        b.family(b.person("Daniel /Custis/", "M"), wife)
    b.family(me, wife)
    layout = layout_chart(b.tree, ChartType.HOURGLASS, me, up=2, down=1, orientation=orientation)
    assert check_layout(layout) == []
    her_parents = _bracket(layout, in_laws)
    for c in layout.connectors:
        if c.family_id != in_laws:
            assert _crossings_of(c, her_parents) == 0, c
    spread = [_along(layout, k)[0] for k in (me, *halves, *fulls)]
    assert not min(spread) < _along(layout, wife)[0] < max(spread)

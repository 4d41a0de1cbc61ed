"""The chart rules, checked on families built in code: the shared ones and each test's own."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from familytree.layout import (
    ChartLayout,
    ChartType,
    ConnectorKind,
    Orientation,
    check_layout,
    count_crossings,
    layout_chart,
)
from familytree.model import ChildRelation, Tree
from support.builders import TreeBuilder
from support.families import FAMILIES, cousin_marriage, sedov_family, widower_family

CHARTS = list(ChartType)


def _all_people_focus(tree: Tree) -> list[str]:
    return list(tree.people)


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("chart", CHARTS, ids=lambda c: c.value)
@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.value)
def test_every_chart_of_every_person_keeps_the_rules(family: str, chart: ChartType,
                                                     orientation: Orientation) -> None:
    tree, _ = FAMILIES[family]()
    for focus in _all_people_focus(tree):
        layout = layout_chart(tree, chart, focus, up=3, down=3, orientation=orientation)
        assert check_layout(layout) == [], (focus, chart)
        assert layout.box_for(focus) is not None
        assert layout.box_for(focus).is_focus


def test_default_chart_of_sergei_shows_the_whole_bundled_family() -> None:
    tree, p = sedov_family()
    layout = layout_chart(tree, ChartType.HOURGLASS, p["sergei"])
    assert layout.person_ids == set(tree.people)
    box = {k: layout.box_for(v) for k, v in p.items()}
    assert box["trotsky"].generation == box["natalia"].generation == -1
    assert box["david"].generation == -2
    assert box["g_father"].generation == box["g_mother"].generation == -1
    assert box["lev"].generation == box["olga"].generation == box["genrietta"].generation == 0
    assert box["yulia"].generation == 1
    # both partners right of Sergei, in the order of the partnerships (the file's: Olga first);
    # Yulia under her mother, whose line to Sergei runs under Olga's box
    assert box["sergei"].right < box["olga"].x < box["olga"].right < box["genrietta"].x
    assert box["genrietta"].x < box["yulia"].center[0] < box["genrietta"].right
    # Genrietta's parents above her, Trotsky's father above Trotsky
    g_mid = (box["g_father"].right + box["g_mother"].x) / 2
    assert abs(g_mid - box["genrietta"].center[0]) < abs(g_mid - box["sergei"].center[0])
    assert abs(box["david"].center[0] - box["trotsky"].center[0]) < 1.0


def test_partners_are_joined_and_each_family_has_one_descent_connector() -> None:
    tree, p = sedov_family()
    layout = layout_chart(tree, ChartType.HOURGLASS, p["sergei"])
    kinds = [(c.family_id, c.kind) for c in layout.connectors]
    assert sorted(kinds, key=str) == sorted(set(kinds), key=str)  # one of each kind per family
    partnership = {frozenset(c.person_keys) for c in layout.connectors if c.kind is ConnectorKind.PARTNERSHIP}
    assert frozenset((p["sergei"], p["olga"])) in partnership
    assert frozenset((p["sergei"], p["genrietta"])) in partnership
    descent = [c for c in layout.connectors if c.kind is ConnectorKind.DESCENT]
    assert len(descent) == 4  # Trotsky+Natalia, Sergei+Genrietta, David, the Rubinshteins


def test_three_marriages_each_with_its_children_under_its_couple() -> None:
    tree, p = widower_family()
    layout = layout_chart(tree, ChartType.DESCENDANTS, p["man"], down=1)
    man = layout.box_for(p["man"])
    wives = [layout.box_for(p[f"wife{i}"]) for i in range(3)]
    assert man.right < wives[0].x < wives[1].x < wives[2].x  # man - wife A, B, C
    for i in range(3):
        kids = [layout.box_for(p[k]) for k in p if k.startswith(f"child{i}")]
        left, right = min(k.x for k in kids), max(k.right for k in kids)
        # each family's children stay together, in their own stretch of the row
        for j in range(3):
            if j != i:
                others = [layout.box_for(p[k]) for k in p if k.startswith(f"child{j}")]
                assert all(o.right < left or o.x > right for o in others)


def test_non_birth_children_get_dashed_labelled_connectors() -> None:
    tree, p = widower_family()
    layout = layout_chart(tree, ChartType.DESCENDANTS, p["man"], down=2)
    by_child = {}
    for c in layout.connectors:
        if c.kind.dashed and c.kind is not ConnectorKind.DUPLICATE:
            by_child[c.person_keys[-1]] = c
    assert by_child[p["child10"]].kind is ConnectorKind.ADOPTED
    assert by_child[p["child10"]].label == "adopted"
    assert by_child[p["child11"]].kind is ConnectorKind.STEP
    assert by_child[p["child23"]].kind is ConnectorKind.FOSTER
    assert by_child[p["child23"]].label == "foster"
    assert by_child[p["adoptee"]].kind is ConnectorKind.ADOPTED
    births = {k for c in layout.connectors if c.kind is ConnectorKind.DESCENT for k in c.person_keys}
    assert p["child10"] not in births
    assert p["child12"] in births


def test_half_siblings_stand_on_the_focus_row_under_their_own_parents() -> None:
    tree, p = widower_family()
    layout = layout_chart(tree, ChartType.HOURGLASS, p["man"], up=1, down=1)
    assert layout.box_for(p["half"]).generation == 0
    assert layout.box_for(p["stepmother"]).generation == -1
    half_parents = [c for c in layout.connectors
                    if c.kind is ConnectorKind.DESCENT and p["half"] in c.person_keys]
    assert len(half_parents) == 1
    assert p["stepmother"] in half_parents[0].person_keys
    assert layout.box_for(p["w1father"]).generation == -1  # a partner's parent


def test_cousins_who_married_are_drawn_once_with_both_connectors() -> None:
    tree, p = cousin_marriage()
    layout = layout_chart(tree, ChartType.DESCENDANTS, p["gf"], down=3)
    assert [b for b in layout.boxes if b.person_id == p["c2"]] == [layout.box_for(p["c2"])]
    descent = {frozenset(c.person_keys) for c in layout.connectors if c.kind is ConnectorKind.DESCENT}
    assert frozenset((p["dil"], p["daughter"], p["c2"])) in descent  # c2 under her parents
    assert frozenset((p["son"], p["sil"], p["c1"])) in descent  # c1 under his
    assert frozenset((p["c1"], p["c2"], p["kid"])) in descent  # and their child under both
    partner = [c for c in layout.connectors if c.kind is ConnectorKind.PARTNERSHIP
               and set(c.person_keys) == {p["c1"], p["c2"]}]
    assert len(partner) == 1
    kid = [layout.box_for(p["kid"])]
    assert kid[0].generation == 3


def test_pedigree_collapse_in_ancestors_is_drawn_once() -> None:
    tree, p = cousin_marriage()
    layout = layout_chart(tree, ChartType.ANCESTORS, p["kid"], up=4)
    gf_boxes = [b for b in layout.boxes if b.person_id == p["gf"]]
    assert len(gf_boxes) == 1  # both grandchildren's lines meet at one box
    descent = {frozenset(c.person_keys) for c in layout.connectors if c.kind is ConnectorKind.DESCENT}
    assert frozenset((p["gf"], p["gm"], p["son"], p["daughter"])) in descent
    assert check_layout(layout) == []


def test_relatives_are_blood_relatives_and_their_partners() -> None:
    b = TreeBuilder()
    p = {n: b.person(f"{n} /R/") for n in
         ["focus", "father", "mother", "stepmother", "half", "step_gp", "grandpa", "uncle", "cousin",
          "aunt_in_law", "child", "partner"]}
    b.family(p["grandpa"], "", [p["father"], p["uncle"]])
    b.family(p["father"], p["mother"], [p["focus"]])
    b.family(p["father"], p["stepmother"], [p["half"]])
    b.family(p["step_gp"], "", [p["stepmother"]])
    b.family(p["uncle"], p["aunt_in_law"], [p["cousin"]])
    b.family(p["focus"], p["partner"], [p["child"]])
    layout = layout_chart(b.tree, ChartType.RELATIVES, p["focus"], up=4, down=4)
    shown = {name for name, pid in p.items() if pid in layout.person_ids}
    assert shown == set(p) - {"step_gp"}  # the stepmother's father is no relative
    assert check_layout(layout) == []
    assert layout.box_for(p["cousin"]).generation == 0
    near = layout_chart(b.tree, ChartType.RELATIVES, p["focus"], up=1, down=1)
    assert {name for name, pid in p.items() if pid in near.person_ids} == {
        "focus", "father", "mother", "child", "partner", "stepmother"}


def test_many_children_are_centred_under_their_couple() -> None:
    b = TreeBuilder()
    father, mother = b.person("Big /Family/", "M"), b.person("Many /Kids/", "F")
    kids = [b.person(f"Kid{i} /Family/") for i in range(30)]
    b.family(father, mother, kids)
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, father)
    assert check_layout(layout) == []
    boxes = [layout.box_for(k) for k in kids]
    assert [k.x for k in boxes] == sorted(k.x for k in boxes)  # in the family's order
    couple_mid = (layout.box_for(father).right + layout.box_for(mother).x) / 2
    assert (boxes[0].center[0] + boxes[-1].center[0]) / 2 == pytest.approx(couple_mid, abs=1.0)


def _order_changes(before: ChartLayout, after: ChartLayout) -> list[tuple[str, str]]:
    """Pairs of boxes on both charts, side by side in a row, whose left-to-right order flipped."""
    a = {b.key: b for b in before.boxes}
    b = {x.key: x for x in after.boxes}
    shared = [k for k in a if k in b]
    return [(k1, k2) for k1 in shared for k2 in shared
            if a[k1].generation == a[k2].generation and b[k1].generation == b[k2].generation
            and a[k1].x < a[k2].x and b[k1].x > b[k2].x]


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_recentring_on_a_neighbour_keeps_everyone_in_order(family: str) -> None:
    tree, _ = FAMILIES[family]()
    for focus in tree.people:
        before = layout_chart(tree, ChartType.HOURGLASS, focus)
        for near in tree.parents(focus) + tree.children(focus) + tree.partners(focus) + tree.siblings(focus):
            after = layout_chart(tree, ChartType.HOURGLASS, near)
            assert _order_changes(before, after) == [], (focus, near)


def _centring(layout: ChartLayout) -> list[float]:
    """For each family, how far its line starts from the middle of its children."""
    box = {b.key: b for b in layout.boxes}
    out = []
    for c in layout.connectors:
        if c.kind is ConnectorKind.DESCENT:
            stem_x = c.segments[0][0][0]
            kids = [box[k].center[0] for k in c.person_keys if box[k].y > c.segments[0][0][1]]
            out.append(abs((min(kids) + max(kids)) / 2 - stem_x))
    return out


@pytest.mark.parametrize("shape", [(2, 3), (3, 3), (1, 4), (4, 2)], ids=lambda s: f"{s[0]}kids-{s[1]}gens")
def test_regular_families_are_each_centred_under_their_couple(shape: tuple[int, int]) -> None:
    kids_each, generations = shape
    b = TreeBuilder()
    root = b.person("Root /Tree/", "M")
    frontier = [root]
    for gen in range(generations):
        nxt = []
        for parent in frontier:
            spouse = b.person(f"Spouse{gen} /Tree/", "F")
            kids = [b.person(f"Kid{gen} /Tree/") for _ in range(kids_each)]
            b.family(parent, spouse, kids)
            nxt.extend(kids)
        frontier = nxt
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, root, down=generations)
    assert check_layout(layout) == []
    assert max(_centring(layout)) < 1.0


def test_most_families_of_random_trees_are_centred() -> None:
    rng = random.Random(7)
    offsets: list[float] = []
    for _ in range(25):
        b = TreeBuilder()
        root = b.person("Root /Tree/")
        frontier = [root]
        for gen in range(4):
            nxt = []
            for parent in frontier:
                if rng.random() < 0.3:
                    continue
                kids = [b.person(f"Kid{gen} /Tree/") for _ in range(rng.randint(1, 4))]
                b.family(parent, b.person("Spouse /Tree/"), kids)
                nxt.extend(kids)
            frontier = nxt
        offsets.extend(_centring(layout_chart(b.tree, ChartType.DESCENDANTS, root, down=5)))
    centred = sum(1 for o in offsets if o < 1.0)
    assert centred >= 0.65 * len(offsets)
    assert sum(1 for o in offsets if o > 100) <= 0.02 * len(offsets)


@pytest.mark.parametrize("size", [(0.0, 0.0), (float("nan"), 40.0), (-5.0, 1e12), (300.0, 200.0)])
def test_odd_box_sizes_never_break_the_rules(size: tuple[float, float]) -> None:
    tree, p = widower_family()
    layout = layout_chart(tree, ChartType.HOURGLASS, p["man"], sizer=lambda person: size)
    assert check_layout(layout) == []
    assert all(b.width >= 1 and b.height >= 1 for b in layout.boxes)


def test_relatives_chart_puts_each_side_of_the_family_above_its_own_people() -> None:
    b = TreeBuilder()
    p = {n: b.person(f"{n} /R/", s) for n, s in [
        ("me", "M"), ("father", "M"), ("mother", "F"), ("sister", "F"), ("brother", "M"), ("pat_gf", "M"),
        ("pat_gm", "F"), ("mat_gf", "M"), ("mat_gm", "F"), ("pat_uncle", "M"), ("pat_aunt", "F"),
        ("mat_uncle", "M"), ("uncle_wife", "F"), ("pat_cousin", "U"), ("mat_cousin", "U"), ("spouse", "F"),
        ("kid", "U")]}
    b.family(p["pat_gf"], p["pat_gm"], [p["pat_uncle"], p["father"], p["pat_aunt"]])
    b.family(p["mat_gf"], p["mat_gm"], [p["mother"], p["mat_uncle"]])
    b.family(p["father"], p["mother"], [p["sister"], p["me"], p["brother"]])
    b.family(p["pat_uncle"], p["uncle_wife"], [p["pat_cousin"]])
    b.family(p["mat_uncle"], "", [p["mat_cousin"]])
    b.family(p["me"], p["spouse"], [p["kid"]])
    layout = layout_chart(b.tree, ChartType.RELATIVES, p["me"], up=4, down=4)
    assert check_layout(layout) == []
    assert count_crossings(layout) == 0
    x = {name: layout.box_for(pid).x for name, pid in p.items()}
    assert x["sister"] < x["me"] < x["brother"]  # birth order
    assert x["father"] < x["mother"]
    assert max(x["pat_gf"], x["pat_gm"], x["pat_uncle"], x["pat_aunt"], x["pat_cousin"]) < x["father"]
    assert min(x["mat_gf"], x["mat_gm"], x["mat_uncle"], x["mat_cousin"]) > x["mother"] - 1


def test_the_same_file_gives_the_same_picture_in_every_run() -> None:
    """Python orders sets differently in each run; the charts must not depend on it."""
    script = (
        "import hashlib, sys\n"
        "sys.path.insert(0, sys.argv[1])\n"
        "from support.families import FAMILIES\n"
        "from familytree.layout import ChartType, layout_chart\n"
        "h = hashlib.sha256()\n"
        "for make in FAMILIES.values():\n"
        "    tree, _ = make()\n"
        "    for focus in tree.people:\n"
        "        for chart in ChartType:\n"
        "            h.update(repr(layout_chart(tree, chart, focus, up=3, down=3)).encode())\n"
        "print(h.hexdigest())\n"
    )
    here = str(Path(__file__).resolve().parent)
    digests = {subprocess.run([sys.executable, "-c", script, here], capture_output=True, text=True,
                              check=True, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
               for seed in ("1", "2", "3")}
    assert len(digests) == 1


def test_the_first_partnership_in_time_stands_left_whatever_the_file_order() -> None:
    """Files often list a second marriage's FAMS first; with dates, the first wife stands left of the
    second (both right of their husband)."""
    from familytree.model import Date, Event

    b = TreeBuilder()
    man, second, first = b.person("Augustine /Washington/", "M"), b.person("Mary /Ball/", "F"), \
        b.person("Jane /Butler/", "F")
    later = b.family(man, second, [b.person("George /Washington/", "M")])
    earlier = b.family(man, first, [b.person("Lawrence /Washington/", "M")])
    b.tree.families[later].events.append(Event("MARR", date=Date.parse("6 MAR 1730")))
    b.tree.families[earlier].events.append(Event("MARR", date=Date.parse("1715")))
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, man)
    assert check_layout(layout) == []
    assert layout.box_for(man).x < layout.box_for(first).x < layout.box_for(second).x
    # a partnership the file leaves undated: the file's order decides
    b.tree.families[earlier].events.clear()
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, man)
    assert layout.box_for(man).x < layout.box_for(second).x < layout.box_for(first).x


def _runs(layout: ChartLayout, family_id: str) -> list[tuple[str, float, float, float]]:
    """A family's lines as ('h', y, x1, x2) and ('v', x, y1, y2) runs."""
    out = []
    for c in layout.connectors:
        if c.family_id != family_id or c.kind is ConnectorKind.PARTNERSHIP:
            continue
        for (x1, y1), (x2, y2) in c.segments:
            if y1 == y2:
                out.append(("h", y1, min(x1, x2), max(x1, x2)))
            else:
                out.append(("v", x1, min(y1, y2), max(y1, y2)))
    return out


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.value)
@pytest.mark.parametrize("chart", [ChartType.HOURGLASS, ChartType.ANCESTORS], ids=lambda c: c.value)
def test_a_child_of_two_families_gets_a_line_from_each_that_never_runs_on_the_other(
        orientation: Orientation, chart: ChartType) -> None:
    """Birth and adoptive parents (allged.ged), or a child recorded in two families (Alain Rennes in
    bourbon-ancestris.ged): each family's line comes down to the child on its own, not on top of
    the other's, where the two would read as one family."""
    b = TreeBuilder()
    child = b.person("Alain /Rennes/", "M")
    father, mother = b.person("Eon /Penthievre/", "M"), b.person("Unknown /X/", "F")
    adoptive_father, adoptive_mother = b.person("Etienne /Penthievre/", "M"), b.person("Havoise /Blois/", "F")
    birth = b.family(father, mother, [child])
    adoptive = b.family(adoptive_father, adoptive_mother, [child], relations={child: ChildRelation.ADOPTED})
    layout = layout_chart(b.tree, chart, child, up=2, down=2, orientation=orientation)
    assert check_layout(layout) == []
    runs = {fam: _runs(layout, fam) for fam in (birth, adoptive)}
    for kind, at, lo, hi in runs[birth]:
        for kind2, at2, lo2, hi2 in runs[adoptive]:
            assert not (kind == kind2 and abs(at - at2) < 1e-6 and lo < hi2 - 0.5 and lo2 < hi - 0.5), \
                (kind, at, lo, hi, lo2, hi2)
    # the two lines reach the child's box apart, each in the order its parents stand
    box = layout.box_for(child)
    edge = box.y if orientation is Orientation.VERTICAL else box.x
    ends = {fam: next(at for kind, at, lo, hi in runs[fam] if kind == ("v" if orientation is
                                                                       Orientation.VERTICAL else "h")
                      and abs(hi - edge) < 1e-6) for fam in runs}
    assert abs(ends[birth] - ends[adoptive]) >= 8
    side = (lambda p: layout.box_for(p).center[0]) if orientation is Orientation.VERTICAL else \
        (lambda p: layout.box_for(p).center[1])
    assert (ends[birth] < ends[adoptive]) == (side(father) < side(adoptive_father))


@pytest.mark.parametrize(("first", "second", "orientation"), [
    (1, 5, Orientation.VERTICAL), (5, 1, Orientation.VERTICAL), (1, 5, Orientation.HORIZONTAL),
    (8, 5, Orientation.HORIZONTAL)], ids=["1+5-vertical", "5+1-vertical", "1+5-horizontal", "8+5-horizontal"])
def test_two_families_lines_on_one_lane_stay_clearly_apart(first: int, second: int,
                                                           orientation: Orientation) -> None:
    """James II's children by Anne Hyde and by Mary of Modena (royal92.ged, horizontal): the two
    families' lines ran along one lane with 6 units between them and read as one family."""
    b = TreeBuilder()
    man, wife1 = b.person("James /Stuart/", "M"), b.person("Anne /Hyde/", "F")
    wife2 = b.person("Mary /Este/", "F")
    b.family(man, wife1, [b.person(f"A{i} /Stuart/") for i in range(first)])
    b.family(man, wife2, [b.person(f"B{i} /Stuart/") for i in range(second)])
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, man, orientation=orientation,
                          sizer=lambda person: (170.0, 50.0))
    assert check_layout(layout) == []
    row_wise = "h" if orientation is Orientation.VERTICAL else "v"
    along = sorted((at, lo, hi, fam) for fam in {c.family_id for c in layout.connectors}
                   for kind, at, lo, hi in _runs(layout, fam) if kind == row_wise)
    for (at, _, hi, fam), (at2, lo2, _, fam2) in zip(along, along[1:], strict=False):
        if abs(at - at2) < 1e-6 and fam != fam2:
            assert lo2 - hi >= 16, (fam, fam2, lo2 - hi)


@pytest.mark.parametrize("anne_first", [False, True], ids=["file-order", "reversed"])
@pytest.mark.parametrize("chart", [ChartType.HOURGLASS, ChartType.DESCENDANTS, ChartType.RELATIVES],
                         ids=lambda c: c.value)
def test_a_man_whose_wife_married_more_often_stands_left_of_both_wives(anne_first: bool,
                                                                       chart: ChartType) -> None:
    """Alain d'Albret (bourbon-ancestris.ged) married Françoise de Châtillon and Anne de Montfort,
    who had more husbands than he had wives: as every couple, each wife stands right of him and
    Anne right of all her husbands, Alain's wives in the order of the marriages."""
    b = TreeBuilder()
    alain, francoise, anne = b.person("Alain /Albret/", "M"), b.person("Francoise /Chatillon/", "F"), \
        b.person("Anne /Montfort/", "F")
    for i in range(3):  # Anne's first husbands
        b.family(b.person(f"Husband{i} /X/", "M"), anne)
    if anne_first:
        b.family(alain, anne, [b.person("Child /Albret/")])
    b.family(alain, francoise, [b.person("Jean /Albret/", "M")])
    if not anne_first:
        b.family(alain, anne, [b.person("Child /Albret/")])
    b.family(b.person("Father /Montfort/", "M"), b.person("Mother /Foix/", "F"), [anne])
    layout = layout_chart(b.tree, chart, alain, up=2, down=2)
    assert check_layout(layout) == []
    x = {pid: layout.box_for(pid).x for pid in layout.person_ids}
    wives = [anne, francoise] if anne_first else [francoise, anne]
    assert x[alain] < x[wives[0]] < x[wives[1]]
    assert all(x[husband] < x[anne] for husband in b.tree.partners(anne) if husband in x)
    joined = {frozenset(c.person_keys) for c in layout.connectors if c.kind is ConnectorKind.PARTNERSHIP}
    assert {frozenset((alain, wife)) for wife in wives} <= joined


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.value)
@pytest.mark.parametrize("kids", [1, 3])
def test_children_of_a_third_marriage_hang_from_their_own_parent_not_from_the_partner_between(
        orientation: Orientation, kids: int) -> None:
    """Anne de Montfort (bourbon-ancestris.ged) and Charles VIII are joined by a line under
    Maximilien's box: their children's line came down from its middle, right under Maximilien,
    and read as his. It comes down under Charles instead."""
    b = TreeBuilder()
    anne = b.person("Anne /Montfort/", "F")
    louis, maximilien, charles = (b.person(f"{n} /X/", "M") for n in ("Louis", "Maximilien", "Charles"))
    b.family(louis, anne, [b.person("Claude /Capet/", "F")])
    b.family(maximilien, anne)
    third = b.family(charles, anne, [b.person(f"Child{i} /Capet/") for i in range(kids)])
    b.family(b.person("Edouard /X/", "M"), anne)
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, anne, orientation=orientation)
    assert check_layout(layout) == []
    vertical = orientation is Orientation.VERTICAL
    descent = next(c for c in layout.connectors if c.family_id == third and c.kind is ConnectorKind.DESCENT)
    (x, y), _ = descent.segments[0]
    at = x if vertical else y
    for box in layout.boxes:
        if box.generation == 0:
            lo, hi = (box.x, box.right) if vertical else (box.y, box.bottom)
            assert box.person_id in (anne, charles) or not lo < at < hi, box.person_id


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.value)
def test_the_stub_over_brothers_whose_parents_are_not_shown_stands_over_none_of_the_partners(
        orientation: Orientation) -> None:
    """J. S. Bach with no generation up (bach-paf.ged): the bracket joining him to his brother
    Johann Jacob had its stub over Anna Magdalena's box, as if the line were hers."""
    b = TreeBuilder()
    jacob, sebastian = b.person("Johann Jacob /Bach/", "M"), b.person("Johann Sebastian /Bach/", "M")
    b.family(b.person("Ambrosius /Bach/", "M"), b.person("Elisabeth /Lammerhirt/", "F"), [jacob, sebastian])
    maria, anna = b.person("Maria Barbara /Bach/", "F"), b.person("Anna Magdalena /Wilcke/", "F")
    b.family(sebastian, maria, [b.person("Wilhelm Friedemann /Bach/", "M")])
    b.family(sebastian, anna, [b.person("Johann Christian /Bach/", "M")])
    layout = layout_chart(b.tree, ChartType.HOURGLASS, sebastian, up=0, down=1, orientation=orientation)
    assert check_layout(layout) == []
    bracket = next(c for c in layout.connectors if set(c.person_keys) == {jacob, sebastian})
    (x, y), _ = bracket.segments[0]
    vertical = orientation is Orientation.VERTICAL
    for box in layout.boxes:
        if box.generation == 0 and box.person_id not in (jacob, sebastian):
            lo, hi = (box.x, box.right) if vertical else (box.y, box.bottom)
            assert not lo <= (x if vertical else y) <= hi, box.person_id


def _born(tree: Tree, person_id: str, year: str) -> None:
    from familytree.model import Date, Event

    tree.people[person_id].events.append(Event("BIRT", date=Date.parse(year)))


def test_children_stand_in_birth_order_whatever_the_file_order() -> None:
    """bach-paf.ged lists J. S. Bach (1685) before his elder brother Johann Jacob (1682), and
    Elisabeth Juliane (1726) after brothers born in the 1730s; with every child dated, the
    chart shows them eldest first."""
    b = TreeBuilder()
    kids = {name: b.person(f"{name} /Bach/") for name in ("Sebastian", "Jacob", "Christoph", "Elisabeth")}
    years = {"Sebastian": "1685", "Jacob": "1682", "Christoph": "1732", "Elisabeth": "1726"}
    father = b.person("Ambrosius /Bach/", "M")
    b.family(father, b.person("Elisabeth /Lammerhirt/", "F"), list(kids.values()))
    for name, year in years.items():
        _born(b.tree, kids[name], year)
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, father)
    assert check_layout(layout) == []
    left_to_right = sorted(kids, key=lambda name: layout.box_for(kids[name]).x)
    assert left_to_right == sorted(kids, key=years.__getitem__)
    # one child undated: the file puts him third, and the dated ones stay eldest first around him
    b.tree.people[kids["Christoph"]].events.clear()
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, father)
    assert sorted(kids, key=lambda name: layout.box_for(kids[name]).x) == \
        ["Jacob", "Sebastian", "Christoph", "Elisabeth"]


def test_brothers_stand_on_the_side_of_the_partner_whose_parents_are_not_shown() -> None:
    """J. S. Bach and his two wives, Maria Barbara's father on the chart: the brothers and sisters
    stand on the side away from the line down to her (his left, his wives being on his right), and
    their line crosses no other."""
    b = TreeBuilder()
    jacob, sebastian = b.person("Johann Jacob /Bach/", "M"), b.person("Johann Sebastian /Bach/", "M")
    b.family(b.person("Ambrosius /Bach/", "M"), b.person("Elisabeth /Lammerhirt/", "F"), [jacob, sebastian])
    _born(b.tree, jacob, "1682")
    _born(b.tree, sebastian, "1685")
    maria, anna = b.person("Maria Barbara /Bach/", "F"), b.person("Anna Magdalena /Wilcke/", "F")
    b.family(sebastian, maria, [b.person("Wilhelm Friedemann /Bach/", "M")])
    b.family(sebastian, anna, [b.person("Johann Christian /Bach/", "M")])
    b.family(b.person("Johann Michael /Bach/", "M"), "", [maria])
    layout = layout_chart(b.tree, ChartType.HOURGLASS, sebastian, up=2, down=1)
    assert check_layout(layout) == []
    box = layout.box_for
    assert box(jacob).x < box(sebastian).x < box(maria).x < box(anna).x
    # the one crossing: his line to Anna Magdalena, under Maria Barbara's box, over their son's line
    assert count_crossings(layout) == 1


def _side_by_side(layout: ChartLayout, least: float) -> list[tuple[str, str, float]]:
    """Lines across the rows (stems and drops) of two families running side by side closer than
    `least`, where they would read as one line."""
    vertical = layout.orientation is Orientation.VERTICAL
    runs = []
    for c in layout.connectors:
        if c.kind is ConnectorKind.PARTNERSHIP:
            continue
        for (x1, y1), (x2, y2) in c.segments:
            (u1, v1), (u2, v2) = ((x1, y1), (x2, y2)) if vertical else ((y1, x1), (y2, x2))
            if u1 == u2 and v1 != v2:
                runs.append((u1, min(v1, v2), max(v1, v2), c.family_id))
    return [(a[3], b[3], abs(a[0] - b[0])) for a in runs for b in runs
            if a[3] < b[3] and 0 < abs(a[0] - b[0]) < least and min(a[2], b[2]) - max(a[1], b[1]) > 4]


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.value)
def test_a_line_down_to_a_child_keeps_clear_of_another_familys_stem(orientation: Orientation) -> None:
    """A man's five children by his first wife and one by his second: the line down to the fifth
    ran 6 units beside the second couple's stem, so that child read as the second wife's (so did
    Louis XIV's daughter Françoise-Marie beside her parents-in-law's stem, bourbon-ancestris.ged)."""
    b = TreeBuilder()
    man, wife1, wife2 = b.person("Man /X/", "M"), b.person("Anne /Y/", "F"), b.person("Mary /Z/", "F")
    b.family(man, wife1, [b.person(f"A{i} /X/") for i in range(5)])
    b.family(man, wife2, [b.person("B /X/")])
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, man, orientation=orientation,
                          sizer=lambda person: (170.0, 44.0))
    assert check_layout(layout) == []
    assert _side_by_side(layout, 8.0) == []


def test_three_families_lines_reach_a_small_box_apart() -> None:
    """A child of three families in a box only 30 units across: the three lines come down apart."""
    b = TreeBuilder()
    child = b.person("Kid /X/")
    for i, rel in enumerate((ChildRelation.BIRTH, ChildRelation.ADOPTED, ChildRelation.FOSTER)):
        b.family(b.person(f"Father{i} /X/", "M"), b.person(f"Mother{i} /Y/", "F"), [child],
                 relations={child: rel})
    layout = layout_chart(b.tree, ChartType.ANCESTORS, child, orientation=Orientation.HORIZONTAL,
                          sizer=lambda person: (120.0, 30.0))
    assert check_layout(layout) == []
    box = layout.box_for(child)
    ends = {y1 for c in layout.connectors for (x1, y1), (x2, y2) in c.segments
            if y1 == y2 and max(x1, x2) == box.x}
    assert len(ends) == 3

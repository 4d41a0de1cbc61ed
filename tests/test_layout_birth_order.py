"""Brothers and sisters stand eldest first whatever their marriages; cousins who married are drawn
each in their own place, the partner beside the other as a linked duplicate."""

from __future__ import annotations

import pytest

from familytree.layout import ChartLayout, ChartType, ConnectorKind, Orientation, check_layout, layout_chart
from familytree.model import Tree
from support.builders import TreeBuilder
from support.layout_corpus import LAYOUT_CORPUS, focuses, read_corpus

CHARTS = [c for c in ChartType if c is not ChartType.FAN]  # a fan shows no brothers and sisters


def _along(layout: ChartLayout) -> dict[str, float]:
    vertical = layout.orientation is Orientation.VERTICAL
    return {b.key: b.x if vertical else b.y for b in layout.boxes}


def out_of_birth_order(tree: Tree, layout: ChartLayout) -> list[tuple[str, str, str]]:
    """(family, elder, younger) for each two children hanging from a family's lines on the chart
    whose years of birth the file gives, the younger standing before the elder.

    A child whose line comes down from two families in one row (a file listing them in both)
    stands in one place, kept for the family first reached: the other family is not asked.
    """
    along = _along(layout)
    boxes = {b.key: b for b in layout.boxes}
    hanging: dict[tuple[str, int], set[str]] = {}
    for c in layout.connectors:
        family = tree.families.get(c.family_id)
        if family is None or c.kind in (ConnectorKind.PARTNERSHIP, ConnectorKind.DUPLICATE):
            continue
        for k in c.person_keys:
            if k in boxes and boxes[k].person_id in family.child_ids:
                hanging.setdefault((family.id, boxes[k].generation), set()).add(k)
    twice = {k for (_, gen), keys in hanging.items() for k in keys
             if sum(k in other for (_, g), other in hanging.items() if g == gen) > 1}
    out = []
    for (fid, _), keys in hanging.items():
        dated = sorted(((along[k], tree.people[boxes[k].person_id].birth_year, k) for k in keys
                        if tree.people[boxes[k].person_id].birth_year is not None), key=lambda t: t[0])
        for i, (_, year, key) in enumerate(dated):
            for _, later_year, later in dated[i + 1:]:
                if later_year < year and not ({key, later} & twice and len(keys & twice) < len(keys)):
                    out.append((fid, later, key))
    return out


@pytest.mark.parametrize("relative", LAYOUT_CORPUS)
def test_every_family_of_every_corpus_chart_stands_eldest_first(relative: str) -> None:
    tree = read_corpus(relative)
    for focus in focuses(tree, 5):
        for chart in CHARTS:
            for orientation in Orientation:
                layout = layout_chart(tree, chart, focus, up=4, down=4, orientation=orientation)
                assert out_of_birth_order(tree, layout) == [], (focus, chart, orientation)
                assert check_layout(layout) == [], (focus, chart, orientation)


def _x(layout: ChartLayout, person_id: str) -> float:
    box = layout.box_for(person_id)
    assert box is not None, person_id
    return box.x


VICTORIA, HENRY, MARGARETE, IRENE, VICTORIA_MELITA, ALFRED = \
    "@I1@", "@I72@", "@I78@", "@I79@", "@I97@", "@I95@"


@pytest.mark.parametrize("down", [2, 3])
def test_victorias_grandchildren_stand_eldest_first_though_cousins_married(down: int) -> None:
    """royal92.ged: Henry of Prussia (1862) stood after his youngest sister Margarete (1872), beside his
    wife and cousin Irene of Hesse, who stood before her elder sisters; Victoria Melita (1876), who
    married her cousin Ernest Louis, before her elder brother Alfred (1874)."""
    tree = read_corpus("real/royal92.ged")
    layout = layout_chart(tree, ChartType.DESCENDANTS, VICTORIA, down=down)
    assert check_layout(layout) == []
    assert out_of_birth_order(tree, layout) == []
    assert _x(layout, HENRY) < _x(layout, MARGARETE)
    assert _x(layout, ALFRED) < _x(layout, VICTORIA_MELITA)
    elder_sisters = [c for c in tree.families["@F8@"].child_ids
                     if (tree.people[c].birth_year or 9999) < 1866 and tree.people[c].sex.value == "F"]
    assert elder_sisters
    assert all(_x(layout, s) < _x(layout, IRENE) for s in elder_sisters)
    # Irene stands among her sisters, and again, marked, beside Henry: joined to him and to her first box
    copy = next(b for b in layout.boxes if b.person_id == IRENE and b.duplicate_of)
    henry = layout.box_for(HENRY)
    assert henry is not None
    assert copy.generation == henry.generation
    assert {HENRY, copy.key} in [set(c.person_keys) for c in layout.connectors
                                 if c.kind is ConnectorKind.PARTNERSHIP]
    links = [c.person_keys for c in layout.connectors if c.kind is ConnectorKind.DUPLICATE]
    assert (copy.key, IRENE) in links
    beside = sorted(b.x for b in layout.boxes if b.generation == henry.generation)
    assert abs(beside.index(copy.x) - beside.index(henry.x)) == 1


@pytest.mark.parametrize("up", [0, 1, 3])
@pytest.mark.parametrize("orientation", list(Orientation))
def test_george_washington_stands_first_and_his_wife_outside_his_siblings(
        up: int, orientation: Orientation) -> None:
    """pres2020.ged: George (1732) is the eldest of his mother's children. Beside him Martha would
    stand under his brothers' and sisters' line (a bracket when their parents are not shown): she
    stands beyond them, joined to him by a line under the row. With her own parents on the chart
    she stands under them, nine of his brothers and sisters away: a marked duplicate of her stands
    beside him."""
    tree = read_corpus("real/pres2020.ged")
    george, martha = "@I395@", "@I396@"
    layout = layout_chart(tree, ChartType.HOURGLASS, george, up=up, down=1, orientation=orientation)
    assert check_layout(layout) == []
    assert out_of_birth_order(tree, layout) == []
    along = _along(layout)
    full = tree.families["@F210@"].child_ids
    assert along[george] == min(along[k] for k in full)
    assert along[martha] > max(along[k] for k in full)
    copies = [b for b in layout.boxes if b.duplicate_of]
    if not any(p in layout.person_ids for p in tree.parents(martha)):
        assert copies == []
    else:
        assert [b.person_id for b in copies] == [martha]
        george_box = layout.box_for(george)
        assert george_box is not None
        gap = abs(copies[0].center[0] - george_box.center[0]) if orientation is Orientation.VERTICAL \
            else abs(copies[0].center[1] - george_box.center[1])
        assert gap < 2.5 * max(george_box.width, george_box.height)


@pytest.mark.parametrize("sisters_between", [0, 1])
def test_cousins_who_married_are_each_drawn_among_their_brothers_and_sisters(sisters_between: int) -> None:
    """The middle son of one sister married the middle daughter of another. Each stays in place among
    brothers and sisters; only their own stand between them: a line under the row joins them. With
    another sister's family between, she is drawn again, marked, beside him, linked to her place."""
    b = TreeBuilder()
    grandfather, grandmother = b.person("Grand /Root/", "M", born="1800"), b.person("Gran /Root/", "F")
    count = 2 + sisters_between
    sisters = [b.person(f"Sister{i} /Root/", "F", born=str(1825 + i)) for i in range(count)]
    b.family(grandfather, grandmother, sisters)
    kids: list[list[str]] = []
    for i, sister in enumerate(sisters):
        husband = b.person(f"Husband{i} /In/", "M")
        kids.append([b.person(f"Kid{i}{j} /In{i}/", "M" if i == 0 else "F", born=str(1850 + 3 * j + i))
                     for j in range(3)])
        b.family(husband, sister, kids[-1])
    him, her = kids[0][1], kids[-1][1]
    b.family(him, her, [b.person("Great /In0/", "F", born="1880")])
    for chart in (ChartType.DESCENDANTS, ChartType.HOURGLASS, ChartType.RELATIVES):
        for orientation in Orientation:
            focus = grandfather if chart is not ChartType.HOURGLASS else sisters[0]
            layout = layout_chart(b.tree, chart, focus, up=2, down=3, orientation=orientation)
            assert check_layout(layout) == [], (chart, orientation)
            assert out_of_birth_order(b.tree, layout) == [], (chart, orientation)
            if chart is not ChartType.DESCENDANTS:
                continue
            along = _along(layout)
            for row in kids:
                assert [along[k] for k in row] == sorted(along[k] for k in row)
            copies = [x for x in layout.boxes if x.duplicate_of]
            couple = next(c for c in layout.connectors if c.kind is ConnectorKind.PARTNERSHIP
                          and {k.split("#")[0] for k in c.person_keys} == {him, her})
            if sisters_between:
                assert [x.person_id for x in copies] == [her]
                assert set(couple.person_keys) == {him, copies[0].key}
            else:
                assert copies == []
                assert len(couple.segments) == 3  # down from both, and along under the row

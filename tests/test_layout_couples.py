"""Every couple stands in the same order in every chart: the man left of the woman (above her in a
horizontal chart); partners of the same or an unknown sex as the file names them, HUSB first."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from familytree.gedcom import read_file
from familytree.layout import ChartLayout, ChartType, ConnectorKind, Orientation, layout_chart
from familytree.model import Family, Sex, Tree
from support.builders import TreeBuilder
from support.corpus import corpus_files, corpus_path
from support.families import FAMILIES


def _first(tree: Tree, family: Family) -> str:
    """Who of a couple should stand first (left): the rule README states."""
    husband, wife = tree.people.get(family.husband_id), tree.people.get(family.wife_id)
    if husband is not None and wife is not None and husband.sex is Sex.FEMALE and wife.sex is Sex.MALE:
        return family.wife_id
    return family.husband_id


def _couples(tree: Tree, layout: ChartLayout) -> Iterator[tuple[str, str, bool]]:
    """(family, the partner who should stand first, whether they do) for each couple on the chart."""
    along = {b.key: b.x if layout.orientation is Orientation.VERTICAL else b.y for b in layout.boxes}
    for c in layout.connectors:
        family = tree.families.get(c.family_id)
        if c.kind is not ConnectorKind.PARTNERSHIP or family is None or len(c.person_keys) != 2:
            continue
        first = _first(tree, family)
        a, b = c.person_keys
        lead, other = (a, b) if a.split("#")[0] == first else (b, a)
        yield family.id, first, along[lead] < along[other]


def _wrong(tree: Tree, focuses: list[str],
           orientations: tuple[Orientation, ...]) -> list[tuple[str, str, str]]:
    out = []
    for chart in ChartType:
        for orientation in orientations:
            for focus in focuses:
                layout = layout_chart(tree, chart, focus, up=3, down=3, orientation=orientation)
                if any("own ancestor" in w for w in layout.warnings):
                    continue  # a loop in the data (A married B married C married A) may allow no order
                out += [(chart.value, focus, fid) for fid, _, right in _couples(tree, layout) if not right]
    return out


@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_every_couple_of_every_chart_of_the_test_families_stands_man_first(family: str) -> None:
    tree, _ = FAMILIES[family]()
    assert _wrong(tree, list(tree.people), tuple(Orientation)) == []


@pytest.mark.parametrize("relative", corpus_files())
def test_every_couple_of_every_chart_of_the_corpus_stands_man_first(relative: str) -> None:
    tree = read_file(corpus_path(relative))
    ids = list(tree.people)
    focuses = ids[:: max(1, len(ids) // 6)][:6]
    assert _wrong(tree, focuses, tuple(Orientation)) == []


def test_victorias_parents_stand_father_first_in_every_chart_as_every_couple() -> None:
    """royal92.ged: her mother, married before, stood left of her father in the ancestors chart."""
    tree = read_file(corpus_path("real/royal92.ged"))
    parents = tree.parent_families("@I1@")[0]
    for chart in (ChartType.ANCESTORS, ChartType.HOURGLASS, ChartType.RELATIVES):  # the charts with parents
        layout = layout_chart(tree, chart, "@I1@", up=3, down=3)
        orders = {fid: right for fid, _, right in _couples(tree, layout)}
        assert orders[parents.id], chart


def test_a_woman_named_as_husband_still_stands_right_of_the_man() -> None:
    b = TreeBuilder()
    wife, husband = b.person("Anna /Orlova/", "F"), b.person("Ivan /Orlov/", "M")
    b.family(wife, husband, [b.person("Child /Orlov/")])  # HUSB and WIFE swapped in the file
    for chart in (ChartType.HOURGLASS, ChartType.DESCENDANTS, ChartType.RELATIVES):  # (with partners)
        layout = layout_chart(b.tree, chart, wife)
        assert layout.box_for(husband).x < layout.box_for(wife).x, chart

"""Charts of real files: the bundled family and the shared GEDCOM corpus keep the chart rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from familytree.gedcom.reader import read_file
from familytree.layout import ChartLayout, ChartType, ConnectorKind, Orientation, check_layout, layout_chart
from support.layout_corpus import LAYOUT_CORPUS, focuses, read_corpus


def test_every_person_of_the_bundled_family_is_on_the_default_chart(bundled_path: Path) -> None:
    tree = read_file(bundled_path)
    focus = tree.default_person_id()
    assert tree.people[focus].display_name().startswith("Sergei")
    layout = layout_chart(tree, ChartType.HOURGLASS, focus)
    assert layout.person_ids == set(tree.people)
    assert check_layout(layout) == []
    assert all(not b.duplicate_of for b in layout.boxes)
    box = {tree.people[b.person_id].display_name().split()[0]: b for b in layout.boxes
           if tree.people[b.person_id].name.given}
    sergei, yulia = box["Sergei"], box["Yulia"]
    partners = [box["Olga"], box["Genrietta"]]
    assert {p.generation for p in partners} == {0}
    assert all(p.x > sergei.right for p in partners)  # as every couple: the man left
    assert yulia.generation == 1
    genrietta = box["Genrietta"]
    assert genrietta.x < yulia.center[0] < genrietta.right  # under her mother, the nearer of her parents
    assert box["David"].generation == -2
    assert box["Leon"].generation == box["Natalia"].generation == -1


@pytest.mark.parametrize("chart", list(ChartType), ids=lambda c: c.value)
def test_bundled_family_every_focus_every_chart(bundled_path: Path, chart: ChartType) -> None:
    tree = read_file(bundled_path)
    for focus in tree.people:
        for orientation in Orientation:
            layout = layout_chart(tree, chart, focus, up=3, down=3, orientation=orientation)
            assert check_layout(layout) == [], (focus, orientation)


@pytest.mark.parametrize("relative", LAYOUT_CORPUS)
def test_corpus_charts_keep_the_rules(relative: str) -> None:
    tree = read_corpus(relative)
    for focus in focuses(tree):
        for chart in ChartType:
            layout = layout_chart(tree, chart, focus, up=4, down=4)
            assert check_layout(layout) == [], (focus, chart)
            assert layout.box_for(focus) is not None


def test_royal92_pedigree_collapse_is_drawn_once_or_marked() -> None:
    tree = read_corpus("real/royal92.ged")
    edward = next(p for p in tree.people.values() if p.display_name() == "Edward Anthony Richard Windsor")
    layout = layout_chart(tree, ChartType.ANCESTORS, edward.id, up=6)
    assert check_layout(layout) == []
    # Queen Victoria's line reaches Edward through both parents: some families are drawn
    # once with two children on the chart, and the rest appear as marked duplicates
    shared_families = [c for c in layout.connectors
                       if c.kind is ConnectorKind.DESCENT and len(c.person_keys) > 3]
    assert shared_families
    duplicates = [b for b in layout.boxes if b.duplicate_of]
    assert duplicates
    links = {c.person_keys for c in layout.connectors if c.kind is ConnectorKind.DUPLICATE}
    assert {(b.key, b.duplicate_of) for b in duplicates} == links


def test_royal92_relatives_chart_has_every_relative_once() -> None:
    tree = read_corpus("real/royal92.ged")
    focus = focuses(tree)[0]
    layout = layout_chart(tree, ChartType.RELATIVES, focus, up=4, down=4)
    assert check_layout(layout) == []
    shown = layout.person_ids
    assert set(tree.parents(focus)) | set(tree.children(focus)) | set(tree.siblings(focus)) <= shown
    primary = [b.person_id for b in layout.boxes if not b.duplicate_of]
    assert len(primary) == len(set(primary))


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.value)
def test_royal92_same_input_same_picture(orientation: Orientation) -> None:
    tree = read_corpus("real/royal92.ged")
    focus = focuses(tree)[0]
    first = layout_chart(tree, ChartType.HOURGLASS, focus, up=4, down=4, orientation=orientation)
    again = layout_chart(tree, ChartType.HOURGLASS, focus, up=4, down=4, orientation=orientation)
    assert first.boxes == again.boxes
    assert first.connectors == again.connectors


def _parallel_too_close(layout: ChartLayout, kind: ConnectorKind,
                        least: float) -> list[tuple[str, str, float]]:
    """Vertical runs of `kind` lines closer than `least` beside another connector's, side by side."""
    runs = [(x1, min(y1, y2), max(y1, y2), i, c) for i, c in enumerate(layout.connectors)
            for (x1, y1), (x2, y2) in c.segments if x1 == x2 and y1 != y2]
    out = []
    for x, lo, hi, i, c in runs:
        if c.kind is not kind:
            continue
        for x2, lo2, hi2, j, c2 in runs:
            if j != i and 0 < abs(x - x2) < least and min(hi, hi2) - max(lo, lo2) > 4:
                out.append((c2.family_id, c2.kind.value, abs(x - x2)))
    return out


def test_a_duplicates_link_does_not_run_down_beside_a_family_line() -> None:
    """Mariana of Austria (royal92.ged): the dotted link from the second box of Philip III ran down
    three units beside the solid line to his daughter Maria, and read as part of it."""
    tree = read_corpus("real/royal92.ged")
    layout = layout_chart(tree, ChartType.HOURGLASS, "@I2416@", up=4, down=1)
    assert check_layout(layout) == []
    assert any(b.duplicate_of for b in layout.boxes)
    assert _parallel_too_close(layout, ConnectorKind.DUPLICATE, 12.0) == []

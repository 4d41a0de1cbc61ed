"""The dotted links from marked duplicates to the person's first box, across as few lines as they can."""

from __future__ import annotations

import pytest

from familytree.layout import ChartLayout, ChartType, Connector, ConnectorKind, Orientation, layout_chart
from support.builders import TreeBuilder
from support.layout_corpus import LAYOUT_CORPUS, focuses, read_corpus


def _crossings(a: Connector, b: Connector) -> int:
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


def _link_crossings(layout: ChartLayout) -> tuple[int, int]:
    """(crossings of the duplicates' links with any other line, how many links)."""
    links = [c for c in layout.connectors if c.kind is ConnectorKind.DUPLICATE]
    others = [c for c in layout.connectors if c.kind is not ConnectorKind.DUPLICATE]
    total = sum(_crossings(link, other) for link in links for other in others)
    total += sum(_crossings(link, other) for i, link in enumerate(links) for other in links[i + 1:])
    return total, len(links)


@pytest.mark.parametrize("orientation", list(Orientation))
def test_a_partners_copy_is_linked_above_the_families_between(orientation: Orientation) -> None:
    """Cousins who married, a third sister's family between them with grandchildren: the link from
    the bride's copy beside the groom runs along a gap of their row above the families' buses,
    crossing their stems rather than the line down to each of their children (6 crossings when
    links ran only below the buses, 3 now)."""
    b = TreeBuilder()
    grandfather, grandmother = b.person("Grand /Root/", "M", born="1800"), b.person("Gran /Root/", "F")
    sisters = [b.person(f"Sister{i} /Root/", "F", born=str(1825 + i)) for i in range(3)]
    b.family(grandfather, grandmother, sisters)
    kids = []
    for i, sister in enumerate(sisters):
        kids.append([b.person(f"Kid{i}{j} /In{i}/", "M" if i == 0 else "F", born=str(1850 + 3 * j + i))
                     for j in range(3)])
        b.family(b.person(f"Husband{i} /In/", "M"), sister, kids[-1])
    for kid in kids[1]:
        small = [b.person(f"Small{j} /X/", born=str(1880 + j)) for j in range(4)]
        b.family(b.person("Spouse /X/", "M"), kid, small)
    b.family(kids[0][1], kids[2][1], [b.person("Great /In0/", "F", born="1880")])
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, grandfather, down=3, orientation=orientation)
    crossings, links = _link_crossings(layout)
    assert links == 1
    assert crossings <= 3


@pytest.mark.parametrize("relative", LAYOUT_CORPUS)
def test_links_never_run_between_partners_standing_side_by_side(relative: str) -> None:
    """A channel down between two partners' boxes crosses the short line that joins them."""
    tree = read_corpus(relative)
    for focus in focuses(tree):
        for chart in (ChartType.HOURGLASS, ChartType.DESCENDANTS, ChartType.RELATIVES, ChartType.ANCESTORS):
            layout = layout_chart(tree, chart, focus, up=4, down=4)
            side_by_side = [c for c in layout.connectors
                            if c.kind is ConnectorKind.PARTNERSHIP and len(c.segments) == 1]
            for link in (c for c in layout.connectors if c.kind is ConnectorKind.DUPLICATE):
                assert not any(_crossings(link, c) for c in side_by_side), (focus, chart, link.person_keys)


def test_the_links_of_the_corpus_charts_cross_few_lines() -> None:
    """Over the corpus charts the links crossed 12 lines each on average (1,996 crossings) before they
    could run above the families' buses and counted each other; now under 7."""
    crossings = links = 0
    for relative in LAYOUT_CORPUS:
        tree = read_corpus(relative)
        for focus in focuses(tree):
            for chart in (ChartType.HOURGLASS, ChartType.DESCENDANTS, ChartType.RELATIVES):
                c, n = _link_crossings(layout_chart(tree, chart, focus, up=4, down=4))
                crossings, links = crossings + c, links + n
    assert links > 50
    assert crossings / links < 7.0

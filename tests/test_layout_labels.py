"""The labels on adopted, step and foster children's lines: inside the chart, clear of each other, whole
or cut where the layout kept room for them, as drawn in the window and on paper."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF

from familytree.layout import ChartType, Orientation, check_layout, layout_chart
from familytree.model import ChildRelation
from familytree.render.items import make_sizer
from familytree.render.scene import ChartScene
from support.builders import TreeBuilder

pytestmark = pytest.mark.gui

PHRASE = "adopted by her mother's cousin after the great fire of 1871 in Chicago"


def _family(phrase: str, first: ChildRelation, last: ChildRelation) -> tuple[TreeBuilder, str]:
    """A couple and three children; the first and the last not their birth children, with the phrase."""
    b = TreeBuilder()
    father, mother = b.person("Father /Adler/", "M"), b.person("Mother /Berg/", "F")
    kids = [b.person(f"Kid{i} /Adler/") for i in range(3)]
    fid = b.family(father, mother, kids, relations={kids[0]: first, kids[-1]: last})
    for ref in b.tree.families[fid].children:
        if ref.relation is not ChildRelation.BIRTH:
            ref.phrase = phrase
    return b, father


@pytest.mark.parametrize("orientation", list(Orientation))
@pytest.mark.parametrize("phrase", [PHRASE, "", "x" * 300])
def test_labels_stay_inside_the_chart_and_clear_of_each_other(qapp: object, orientation: Orientation,
                                                             phrase: str) -> None:
    """The labels of the first and the last child's lines reached past the chart's sides (and over
    each other): whatever consumes the layout's bounds (fit, posters, images) cut them."""
    b, father = _family(phrase, ChildRelation.FOSTER, ChildRelation.ADOPTED)
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, father, sizer=make_sizer(), orientation=orientation)
    assert check_layout(layout) == []
    left, top, right, bottom = layout.bounds()
    chart = QRectF(left, top, right - left, bottom - top).adjusted(-0.5, -0.5, 0.5, 0.5)
    scene = ChartScene(b.tree, layout)
    labels = [item.label_rect for item in scene.connector_items if item.connector.label]
    assert len(labels) == 2
    for rect in labels:
        assert chart.contains(rect), (rect, chart)
        for box in layout.boxes:
            assert not rect.intersects(QRectF(box.x, box.y, box.width, box.height)), box.key
    assert not labels[0].intersects(labels[1])


def test_a_phrase_of_any_length_is_cut_where_the_layout_kept_room(qapp: object) -> None:
    """A PEDI phrase of 10,000 characters made a horizontal chart's gap 80,000 units wide."""
    b, father = _family("word " * 2000, ChildRelation.ADOPTED, ChildRelation.BIRTH)
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, father, sizer=make_sizer(),
                          orientation=Orientation.HORIZONTAL)
    left, _, right, _ = layout.bounds()
    assert right - left < 1500
    label = next(c.label for c in layout.connectors if c.label)
    assert label.endswith("…")
    assert len(label) <= 60

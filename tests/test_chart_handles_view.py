"""The chart window as a newcomer met it (issue 14): the "+" that adds relatives sits on the selected
person (a fan's segment, the focus' disc, a box in columns) over no one's name and clear of the fold
handles; a fan's first view keeps the focus and its whole neighbourhood in view as the window settles."""

from __future__ import annotations

import math

import pytest
from PySide6.QtCore import QPointF, QRect, QRectF
from PySide6.QtGui import QPolygonF, QTransform

from familytree.layout import ChartType, FanOptions, Orientation
from familytree.layout.fan import FanLabel
from familytree.model import Tree
from familytree.render.fan_items import FanSegmentItem
from familytree.render.items import PersonItem
from familytree.ui.chart_view import HANDLE_SIZE
from familytree.ui.main_window import MainWindow
from support.builders import TreeBuilder
from support.pedigree import full_pedigree
from support.windows import make_window, visible_rect

pytestmark = pytest.mark.gui


def label_polygons(window: MainWindow, label: FanLabel) -> list[QPolygonF]:
    """Each line of a fan label as the window shows it: a turned rectangle, in viewport pixels."""
    out = []
    for line in label.lines:
        turn = QTransform().translate(line.x, line.y).rotate(label.rotation)
        rect = QRectF(-line.width / 2, -line.height / 2, line.width, line.height)
        scene = turn.map(QPolygonF(rect))
        out.append(QPolygonF([QPointF(window.view.mapFromScene(p)) for p in scene]))
    return out


def handle_rect(window: MainWindow) -> QRect:
    handle = window.view.add_handle
    assert handle.isVisible()
    return handle.geometry()


def covers_text(window: MainWindow, rect: QRect, others: list[FanSegmentItem]) -> list[str]:
    """The people among `others` whose name or years the rectangle covers."""
    area = QPolygonF(QRectF(rect))
    return [item.person.display_name() for item in others if item.segment.label is not None
            and any(not p.intersected(area).isEmpty() for p in label_polygons(window, item.segment.label))]


def select(window: MainWindow, person_id: str) -> None:
    window.workspace.select(person_id)
    item = window.scene.item_for(person_id)
    assert item is not None
    window.view.finish_animation()
    window.view.centerOn(item.sceneBoundingRect().center())
    window.view.place_minimap()


@pytest.mark.parametrize("angle", [180, 270, 360])
def test_the_plus_on_a_fan_sits_on_the_selected_segment_over_no_one_elses_name(qtbot, angle: int) -> None:
    tree, focus = full_pedigree(4)
    window = make_window(qtbot, tree=tree)
    ws = window.workspace
    ws.change_settings(chart_type=ChartType.FAN, generations_up=4, fan=FanOptions(angle))
    ws.set_focus(focus)
    window.view.set_zoom(1.5)
    items = [i for i in window.scene.box_items.values() if isinstance(i, FanSegmentItem)]
    for item in items:
        if item.segment.generation > 2:
            continue
        select(window, item.person_id)
        rect = handle_rect(window)
        centre = window.view.mapToScene(rect.center())
        seg = item.segment
        others = [i for i in items if i is not item]
        assert covers_text(window, rect, others) == [], (angle, seg.key)
        if seg.generation == 0:
            # (the focus' years are in its disc at every angle, a half disc's too)
            assert seg.label is not None
            assert item.person.lifespan() in [line.text for line in seg.label.lines]
            # on the disc's edge: a circle's round edge, or a half disc's straight one
            radius = math.hypot(centre.x(), centre.y())
            on_arc = abs(radius - seg.outer) * window.view.zoom <= 3
            on_straight = seg.end - seg.start < 360 and abs(centre.y()) * window.view.zoom <= 3
            assert on_arc or on_straight, (angle, radius, seg.outer)
        else:
            corners = [window.view.mapToScene(p) for p in (rect.topLeft(), rect.topRight(),
                                                            rect.bottomLeft(), rect.bottomRight())]
            assert all(seg.contains(p.x(), p.y(), 1.0) for p in corners), (angle, seg.key)
            assert covers_text(window, rect, [item]) == [], (angle, seg.key)  # room enough beside its own


@pytest.mark.parametrize("compact", [False, True])
@pytest.mark.parametrize("horizontal", [True, False])
def test_the_plus_on_a_box_covers_no_text_and_no_fold_handle(qtbot, horizontal: bool, compact: bool) -> None:
    """Rows or columns, full or compact boxes, names long enough to wrap: the "+" touches the selected
    box but lies over none of its words (a newcomer found "Mary" of "Elizabeth II Alexandra Mary"
    under it in a horizontal chart), none of its neighbours' and none of the fold handles."""
    b = TreeBuilder(marriages=True)
    top = b.person("Alexander Maximilian Founder /Longname-Smythe/", "M", born="1800")
    wife = b.person("Wife /Other/", "F")
    kids = [b.person(f"Child{i} Wilhelmina Augusta /Longname-Smythe/", "MF"[i % 2], born=str(1825 + i))
            for i in range(3)]
    b.family(top, wife, kids)
    for i, kid in enumerate(kids):
        b.family(kid, b.person(f"Partner{i} /Else/", "FM"[i % 2]), [b.person(f"Grandchild{i} /Line/", "M")])
    window = make_window(qtbot, tree=b.tree)
    if compact:
        window.actions_by_id["view.compact"].trigger()
    if horizontal:
        window.actions_by_id["view.horizontal"].trigger()
    ws = window.workspace
    ws.change_settings(chart_type=ChartType.DESCENDANTS)
    ws.set_focus(top)
    assert ws.layout.orientation is (Orientation.HORIZONTAL if horizontal else Orientation.VERTICAL)
    view = window.view
    for zoom in (1.0, 1.6):
        view.set_zoom(zoom)
        folds_near = 0
        for person_id in [top, *kids]:
            select(window, person_id)
            rect = handle_rect(window)
            item = window.scene.item_for(person_id)
            box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
            # on the box's corner, or beside its fold handle where a neighbour's words are over the corner
            assert rect.intersects(box.adjusted(-HANDLE_SIZE, -6, HANDLE_SIZE, 6)), (zoom, person_id)
            for other in window.scene.box_items.values():
                if isinstance(other, PersonItem):
                    text = view.mapFromScene(other.mapToScene(other.text_rect())).boundingRect()
                    assert not rect.intersects(text), (zoom, person_id, other.person.display_name())
            for handle in window.scene.handles:
                fold = view.mapFromScene(handle.sceneBoundingRect()).boundingRect()
                dx = max(fold.left() - rect.right(), rect.left() - fold.right(), 0)
                dy = max(fold.top() - rect.bottom(), rect.top() - fold.bottom(), 0)
                # a click meant for one never hits the other
                assert math.hypot(dx, dy) >= 3, (zoom, person_id, handle.person_id)
                folds_near += handle.person_id == person_id
        assert folds_near >= 3  # the founder and the children with a child of their own have one


def test_a_boxs_text_rect_holds_its_longest_line(qtbot) -> None:
    """What the "+" keeps clear of is where the words are: as wide as the longest line, below the
    box's padding, the years under a wrapped name included."""
    b = TreeBuilder()
    long = b.person("Elizabeth Alexandra Mary Windsor /Queen of England/", "F", born="1926")
    short = b.person("Ann /Li/", "F", born="1926")
    b.family(b.person("Father /Windsor/", "M"), "", [long, short])
    window = make_window(qtbot, tree=b.tree)
    window.workspace.set_focus(long)
    long_item, short_item = window.scene.item_for(long), window.scene.item_for(short)
    assert isinstance(long_item, PersonItem)
    assert isinstance(short_item, PersonItem)
    for item in (long_item, short_item):
        assert item.shape().boundingRect().contains(item.text_rect())
    assert long_item.text_rect().height() > short_item.text_rect().height()  # the name wrapped
    assert long_item.text_rect().right() > long_item.shape().boundingRect().right() - 20


def lopsided_pedigree(generations: int) -> tuple[Tree, str]:
    """A focus whose father's parents are unknown and whose mother's line is known far back: a fan
    much larger on the mother's side than on the father's."""
    b = TreeBuilder()
    focus = b.person("Nesta /Rhys/", "F", born="1178")
    father = b.person("Einion /ap Rhys/", "M", born="1152")
    mother = b.person("Annest /Ferch Rhys/", "F", born="1156")
    b.family(father, mother, [focus])
    child = mother
    for g in range(2, generations + 1):
        dad = b.person(f"Father{g} /Line/", "M", born=str(1156 - 30 * g))
        mum = b.person(f"Mother{g} /Line/", "F", born=str(1156 - 30 * g))
        b.family(dad, mum, [child])
        child = dad if g % 2 else mum
    return b.tree, focus


def test_a_fans_first_view_keeps_the_focus_and_the_fathers_side_in_view_as_the_window_settles(qtbot) -> None:
    """Ten generations, the father's side short: the view stops at the chart's left edge with the focus
    as near the middle as that allows, and stays so when the window then narrows (docks opening)."""
    tree, focus = lopsided_pedigree(10)
    window = make_window(qtbot, tree=tree)
    window.resize(1600, 1000)
    ws = window.workspace
    ws.change_settings(chart_type=ChartType.FAN, generations_up=10)
    ws.set_focus(focus)
    ws.select(focus)
    window.view.finish_animation()
    father = next(i for i in window.scene.box_items.values()
                  if isinstance(i, FanSegmentItem) and i.segment.generation == 1 and i.segment.slot == 0)
    disc = window.scene.item_for(focus)
    assert disc is not None
    chart = window.scene.sceneRect()
    for width in (1600, 1300, 1000, 1450):
        window.resize(width, 900)
        qtbot.wait(50)
        seen = visible_rect(window)
        assert seen.width() < chart.width()  # the fan is wider than the window: it scrolls
        assert seen.adjusted(-1, -1, 1, 1).contains(disc.sceneBoundingRect()), width
        assert seen.adjusted(-1, -1, 1, 1).contains(father.sceneBoundingRect().adjusted(5, 5, -5, -5)), width
        # the focus left of the middle: the view goes as far left as the chart does, not further
        assert disc.sceneBoundingRect().center().x() < seen.center().x()
        assert abs(seen.left() - chart.left()) <= 2, width
    # once the user has scrolled, the window does not pull the view back to the focus
    bar = window.view.horizontalScrollBar()
    bar.setValue(bar.value() + 300)
    window.resize(1300, 900)
    qtbot.wait(50)
    assert visible_rect(window).left() > chart.left() + 50

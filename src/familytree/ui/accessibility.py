"""Screen-reader access to the chart: a list of person boxes, each with a name, description and actions.

QGraphicsItems have no accessible objects of their own in Qt, so a factory gives the chart view an
accessible interface whose children are made here, one per box, in reading order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QPoint, QRect, QRectF
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from familytree.model.text import shorten
from familytree.render.items import SEX_WORDS, PersonItem
from familytree.render.scene import ChartScene
from familytree.ui.actions import ACTIONS

if TYPE_CHECKING:
    from PySide6.QtGui import QAccessibleInterface

    from familytree.relations import RelationshipCalculator
    from familytree.ui.accessible_boxes import BoxAccessible

__all__ = ["ChartAccessibility", "install_factory", "reading_order", "CENTRE_ACTION", "chart_help"]

CENTRE_ACTION = "Centre"  # re-centre the chart on the box's person (what Enter and double-click do)


def chart_help() -> str:
    """What the keys do on the chart, for a screen reader: from the commands declared with chart keys,
    and going back."""
    said = [f"{' or '.join(spec.chart_keys)}: {spec.tip or spec.text}" for spec in ACTIONS if spec.chart_keys]
    back = next(spec for spec in ACTIONS if spec.id == "go.back")
    said.append(f"{' or '.join(k for k in back.keys if isinstance(k, str))}: {back.tip}")
    return "; ".join(said)


_installed = False


def install_factory() -> None:
    """Let Qt ask us for the accessible interface of chart views (once per process)."""
    global _installed
    if not _installed:
        QAccessible.installFactory(_factory)
        _installed = True


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    helper = getattr(obj, "accessibility", None)
    if isinstance(obj, QGraphicsView) and isinstance(helper, ChartAccessibility):
        from familytree.ui.accessible_boxes import ChartAccessible  # when a reader first asks

        return ChartAccessible(obj, helper)
    return None


def _active() -> bool:
    """Whether an assistive technology listens (events cost nothing to skip when none does)."""
    return QAccessible.isActive()


def _post(event: QAccessibleEvent) -> None:
    QAccessible.updateAccessibility(event)


def announce(widget: QWidget, text: str) -> None:
    """Have a running screen reader say `text` (chart boxes are not widgets it can read itself)."""
    if _active():
        from PySide6.QtGui import QAccessibleAnnouncementEvent  # Qt 6.8+: imported only when heard

        _post(QAccessibleAnnouncementEvent(widget, text))


def reading_order(items: Iterable[PersonItem]) -> list[PersonItem]:
    """Row by row from the top, left to right within a row: the order a sighted reader scans a chart.

    A box joins a row when its top is above the middle of the row's first box, so boxes of one
    generation whose heights differ (a name on two lines) still read as one row.
    """
    rows: list[list[PersonItem]] = []
    limit = float("-inf")
    for item in sorted(items, key=lambda it: (it.box.y, it.box.x)):
        if rows and item.box.y < limit:
            rows[-1].append(item)
        else:
            rows.append([item])
            limit = item.box.y + item.box.height / 2
    return [item for row in rows for item in sorted(row, key=lambda it: it.box.x)]


def _forget(ids: dict[str, int]) -> None:
    """Drop box interfaces from Qt's cache (it deletes them); nothing else would ever delete them."""
    for iface_id in ids.values():
        QAccessible.deleteAccessibleInterface(iface_id)
    ids.clear()


class ChartAccessibility:
    """The accessible side of one chart view: boxes in reading order, their interfaces, and events.

    Owned by the view. Box interfaces are made when an assistive technology first asks for
    them and dropped whenever the chart is rebuilt, since their items are gone then.
    """

    def __init__(self, view: QGraphicsView) -> None:
        self.view = view
        self._scene: ChartScene | None = None
        self._order: list[PersonItem] | None = None
        self._source: dict[str, PersonItem] | None = None  # the scene's boxes the order was made from
        self._index: dict[str, int] = {}  # box key -> reading position
        self._children: dict[str, BoxAccessible] = {}
        self._ids: dict[str, int] = {}  # box key -> id in Qt's accessible cache
        self._relations: dict[str, str] = {}
        self._calculator: RelationshipCalculator | None = None
        self._calculator_tree: object = None
        view.destroyed.connect(partial(_forget, self._ids))

    # -- wiring ------------------------------------------------------------------------
    def set_scene(self, scene: object) -> None:
        """Follow the view's scene (call from the view's setScene)."""
        if self._scene is not None and shiboken6.isValid(self._scene):
            self._scene.selectionChanged.disconnect(self._on_selection_changed)
            self._scene.chartChanged.disconnect(self._on_chart_changed)
        self._scene = scene if isinstance(scene, ChartScene) else None
        if self._scene is not None:
            self._scene.selectionChanged.connect(self._on_selection_changed)
            self._scene.chartChanged.connect(self._on_chart_changed)
        self._on_chart_changed()

    def _on_chart_changed(self) -> None:
        scene = self.scene
        if scene is None or self._source is not scene.box_items:  # else already made for the new boxes
            self._forget_boxes()
        if _active():
            _post(QAccessibleEvent(self.view, QAccessible.Event.ObjectReorder))

    def forget_relations(self) -> None:
        """The tree was edited: how each box is related to the focus is worked out again."""
        self._calculator = None
        self._relations = {}

    def _forget_boxes(self) -> None:
        """Drop what was made for the boxes of a chart that is gone."""
        _forget(self._ids)
        self._children.clear()
        self._order = None
        self._source = None
        self._index = {}
        self._relations = {}

    def _on_selection_changed(self) -> None:
        if not _active():
            return
        child = self.selected_child()
        if child is None:
            return
        _post(QAccessibleEvent(child, QAccessible.Event.Selection))
        if self.view.hasFocus():
            _post(QAccessibleEvent(child, QAccessible.Event.Focus))

    # -- children ------------------------------------------------------------------------
    @property
    def scene(self) -> ChartScene | None:
        scene = self._scene
        return scene if scene is not None and shiboken6.isValid(scene) else None

    def order(self) -> list[PersonItem]:
        scene = self.scene
        source = scene.box_items if scene is not None else None
        # The scene restores the selection (and so calls us) before it says the chart changed:
        # a new set of boxes is noticed here too.
        if self._order is None or source is not self._source:
            self._forget_boxes()
            self._source = source
            self._order = reading_order(source.values()) if source is not None else []
            self._index = {item.box.key: i for i, item in enumerate(self._order)}
        return self._order

    def count(self) -> int:
        return len(self.order())

    def index_of(self, item: PersonItem) -> int:
        self.order()
        return self._index.get(item.box.key, -1)

    def child(self, index: int) -> BoxAccessible | None:
        order = self.order()
        if not 0 <= index < len(order):
            return None
        item = order[index]
        key = item.box.key
        child = self._children.get(key)
        if child is None:
            from familytree.ui.accessible_boxes import BoxAccessible

            child = BoxAccessible(self, item)
            self._children[key] = child
            self._ids[key] = QAccessible.registerAccessibleInterface(child)
        return child

    def child_for(self, item: PersonItem | None) -> BoxAccessible | None:
        return self.child(self.index_of(item)) if item is not None else None

    def selected_child(self) -> BoxAccessible | None:
        scene = self.scene
        if scene is None:
            return None
        selected = scene.item_for(scene.selected_person_id())
        return self.child_for(selected)

    def child_at(self, x: int, y: int) -> BoxAccessible | None:
        viewport = self.view.viewport()
        scene = self.scene
        point = viewport.mapFromGlobal(QPoint(x, y))
        if scene is None or not viewport.rect().contains(point):
            return None
        return self.child_for(scene.person_at(self.view.mapToScene(point)))

    # -- what a box says ----------------------------------------------------------------
    def screen_rect(self, item: PersonItem) -> QRect:
        box = item.box
        rect = self.view.mapFromScene(QRectF(box.x, box.y, box.width, box.height)).boundingRect()
        return QRect(self.view.viewport().mapToGlobal(rect.topLeft()), rect.size())

    def is_on_screen(self, item: PersonItem) -> bool:
        box = item.box
        rect = self.view.mapFromScene(QRectF(box.x, box.y, box.width, box.height)).boundingRect()
        return self.view.viewport().rect().intersects(rect)

    def description(self, item: PersonItem) -> str:
        """Life years, sex in words, the relation to the chart's centre person, and the box's state."""
        person, box = item.person, item.box
        parts = [person.lifespan(short=False), SEX_WORDS[person.sex]]
        parts.append("centre of the chart" if box.is_focus else self.relation_to_focus(item.person_id))
        if box.duplicate_of:
            parts.append("duplicate: this person is also shown elsewhere on this chart; press to go there")
        if item.isSelected():
            parts.append("selected")
        return ", ".join(part for part in parts if part)

    def relation_to_focus(self, person_id: str) -> str:
        """'father of Sergei Sedov'; "" when the chart has no centre person or no relation is known."""
        scene = self.scene
        if scene is None:
            return ""
        focus = next((it for it in scene.person_items.values() if it.box.is_focus), None)
        if focus is None or focus.person_id == person_id:
            return ""
        text = self._relations.get(person_id)
        if text is None:
            if self._calculator is None or self._calculator_tree is not scene.tree:
                from familytree.relations import RelationshipCalculator  # not needed before a reader asks

                self._calculator = RelationshipCalculator(scene.tree)
                self._calculator_tree = scene.tree
            found = self._calculator.relationships(person_id, focus.person_id, limit=1)
            text = f"{found[0].term} of {shorten(focus.person.display_name())}" if found else ""
            self._relations[person_id] = text
        return text

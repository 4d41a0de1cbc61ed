"""The chart as a QGraphicsScene: person and connector items for a ChartLayout, with domain signals."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QObject, QPointF, QRect, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QPainter, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene

from familytree.layout.chart import BoxSizer, Branch, ChartLayout, Orientation
from familytree.model import Tree
from familytree.render.branch_items import BranchHandle
from familytree.render.items import ChartFonts, ConnectorItem, PersonItem, make_sizer
from familytree.render.palette import Palette
from familytree.render.portraits import Portraits

if TYPE_CHECKING:  # (its class is made with the first click: start-up)
    from PySide6.QtWidgets import QGraphicsSceneMouseEvent

__all__ = ["ChartScene", "SCENE_MARGIN"]

SCENE_MARGIN = 40.0
_Item = TypeVar("_Item", bound=QGraphicsItem)


class ChartScene(QGraphicsScene):
    """Draws one ChartLayout; emits person ids when boxes are clicked or activated.

    Clicking a marked duplicate box selects (and reports) the original person, so
    the user lands on the primary appearance.
    """

    personClicked = Signal(str)  # noqa: N815 (Qt signal names are camelCase)
    personActivated = Signal(str)  # noqa: N815 (double-click; the view sends Enter here too)
    chartChanged = Signal()  # noqa: N815 (every item was replaced: items held elsewhere are gone)
    branchClicked = Signal(str, bool)  # noqa: N815 (a fold handle: the person id, True for descendants)

    def __init__(self, tree: Tree, layout: ChartLayout, palette: Palette | None = None,
                 parent: QObject | None = None, font: QFont | None = None,
                 portraits: Portraits | None = None) -> None:
        super().__init__(parent)
        self.chart_palette = palette if palette is not None else Palette.screen()
        self.fonts = ChartFonts.from_font(font)
        self._font = QFont(font) if font is not None else None
        self.rendering = False  # True while render() draws onto paper or a file
        self.tree = tree
        self.layout = layout
        self.person_items: dict[str, PersonItem] = {}  # person id -> primary box
        self.box_items: dict[str, PersonItem] = {}  # box key -> item (duplicates too)
        self.connector_items: list[ConnectorItem] = []
        self.handles: list[BranchHandle] = []  # the fold handles on the boxes
        self._on_handle = False  # the last press was on a fold handle
        self.portraits: Portraits | None = None  # drawn in boxes laid out with room for them
        self.setPortraits(portraits)
        # (with its style: from a colour alone PySide makes the QGradient and QImage classes to choose
        # among QBrush's constructors, 1 % of the launch)
        self.setBackgroundBrush(QBrush(self.chart_palette.background, Qt.BrushStyle.SolidPattern))
        self.setChart(tree, layout)

    # -- building ------------------------------------------------------------------
    def sizer(self) -> BoxSizer:
        """The sizer matching this scene's fonts, for laying out the next chart."""
        return make_sizer(self._font)

    def setChart(self, tree: Tree, layout: ChartLayout) -> None:
        """Replace every item with those of `layout`; the selection survives if the person is still drawn."""
        selected = self.selected_person_id()
        self.clearSelection()
        self.clear()
        self.tree = tree
        self.layout = layout
        self.person_items = {}
        self.box_items = {}
        self.connector_items = []
        self.handles = []
        fonts, palette = self.fonts, self.chart_palette
        for connector in layout.connectors:
            citem = ConnectorItem(connector, fonts, palette)
            self.addItem(citem)
            self.connector_items.append(citem)
        fan = layout.fan
        if fan is not None:  # (a fan's items, and its layout, load with the first fan)
            from familytree.render.fan_items import FanSegmentItem
        # (a tree other than the portraits' own, as printed with the living hidden, shows what it links)
        portraits = self.portraits.for_tree(tree) if self.portraits is not None else None
        inline = layout.orientation is Orientation.HORIZONTAL  # a compact box's partners (layout.rows)
        for box in layout.boxes:
            person = tree.people.get(box.person_id)
            if person is None:
                continue
            segment = fan.segment(box.key) if fan is not None else None
            # a compact chart's box: the partners in it, or beside it
            partners = [tree.people[p] for p in (*box.partners, *box.spouses) if p in tree.people]
            item = PersonItem(box, person, fonts, palette, portraits, partners, inline) \
                if fan is None or segment is None \
                else FanSegmentItem(segment, fan, box, person, fonts, palette)  # a fan chart's ring segment
            self.addItem(item)
            self.box_items[box.key] = item
            if not box.duplicate_of and box.person_id not in self.person_items:
                self.person_items[box.person_id] = item
            for descendants, branch in ((True, box.descendants), (False, box.ancestors)):
                if branch is not Branch.NONE:
                    handle = BranchHandle(box, person, tree, descendants, layout.orientation, palette)
                    self.addItem(handle)
                    self.handles.append(handle)
        left, top, right, bottom = layout.bounds()
        rect = QRectF(left - SCENE_MARGIN, top - SCENE_MARGIN,
                      right - left + 2 * SCENE_MARGIN, bottom - top + 2 * SCENE_MARGIN)
        for citem in self.connector_items:  # a long label ("adopted by her aunt") reaches past its lines
            if citem.connector.label:
                rect = rect.united(citem.sceneBoundingRect().adjusted(-8, -8, 8, 8))
        self.setSceneRect(rect)
        if selected and selected in self.person_items:
            self.person_items[selected].setSelected(True)
        self.chartChanged.emit()

    def setPortraits(self, portraits: Portraits | None) -> None:
        """Draw `portraits` in the boxes of the next chart set (laid out with room for them); None: none."""
        if self.portraits is not None:
            self.portraits.ready.disconnect(self._on_portrait)
        self.portraits = portraits
        if portraits is not None:
            portraits.ready.connect(self._on_portrait)

    def _on_portrait(self, person_id: str) -> None:
        item = self.person_items.get(person_id)
        if item is None:
            return
        item.update()
        n = 2
        while (duplicate := self.box_items.get(f"{person_id}#{n}")) is not None:  # (keys of layout/graph.py)
            duplicate.update()
            n += 1

    def setChartPalette(self, palette: Palette) -> None:
        self.chart_palette = palette
        self.setBackgroundBrush(QBrush(palette.background, Qt.BrushStyle.SolidPattern))
        for item in self.box_items.values():
            item.setChartPalette(palette)
            # update() alone leaves a box's device cache in the old colours until the view
            # scrolls (boxes changed only at the next re-centre): a new cache is drawn afresh
            mode = item.cacheMode()
            item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
            item.setCacheMode(mode)
        for citem in self.connector_items:
            citem.setChartPalette(palette)
        for handle in self.handles:
            handle.setChartPalette(palette)
        self.update()

    # -- queries and selection ---------------------------------------------------
    def item_for(self, person_id: str) -> PersonItem | None:
        return self.person_items.get(person_id)

    def selected_person_id(self) -> str:
        for item in self.selectedItems():
            if isinstance(item, PersonItem):
                return item.person_id
        return ""

    def select_person(self, person_id: str) -> bool:
        """Select the person's primary box; False when the person is not on this chart."""
        item = self.person_items.get(person_id)
        if item is None:
            self.clearSelection()
            return False
        if not item.isSelected() or len(self.selectedItems()) != 1:
            self.clearSelection()
            item.setSelected(True)
        return True

    def handle_at(self, pos: QPointF) -> BranchHandle | None:
        return self._top_at(pos, BranchHandle)

    def person_at(self, pos: QPointF) -> PersonItem | None:
        return self._top_at(pos, PersonItem)

    def _top_at(self, pos: QPointF, kind: type[_Item]) -> _Item | None:
        """The topmost item of a kind under a point."""
        for item in self.items(pos, Qt.ItemSelectionMode.IntersectsItemShape,
                               Qt.SortOrder.DescendingOrder, QTransform()):
            if isinstance(item, kind):
                return item
        return None

    def _original(self, item: PersonItem) -> PersonItem:
        """The primary box of the person a (possibly duplicate) box shows."""
        return self.person_items.get(item.person_id, item)

    def press(self, item: PersonItem, activate: bool = False) -> str:
        """Do what a click (or, with `activate`, a double-click) on `item` does; the person id reported."""
        target = self._original(item)
        self.select_person(target.person_id)
        (self.personActivated if activate else self.personClicked).emit(target.person_id)
        return target.person_id

    # -- mouse --------------------------------------------------------------------
    def _box_under(self, event: QGraphicsSceneMouseEvent) -> PersonItem | None:
        """The box a left-button event lands on; None (and the event left to the view) elsewhere."""
        item = self.person_at(event.scenePos())
        if item is None or event.button() != Qt.MouseButton.LeftButton:
            # empty space: let the view pan; other buttons are the view's (back/forward)
            event.ignore()
            return None
        event.accept()
        return item

    def mousePressEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        handle = self.handle_at(event.scenePos()) if event.button() == Qt.MouseButton.LeftButton else None
        self._on_handle = handle is not None
        if handle is not None:  # fold or unfold that branch; the selection stays where it is
            event.accept()
            self.branchClicked.emit(handle.person_id, handle.descendants)
            return
        item = self._box_under(event)
        if item is not None:
            self.press(item)

    def mouseReleaseEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()

    def mouseMoveEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        event.accept()  # boxes do not move

    def mouseDoubleClickEvent(self, event: QGraphicsSceneMouseEvent) -> None:
        if self._on_handle or self.handle_at(event.scenePos()) is not None:
            # a second quick click on a handle is not a double-click on what the fold moved under it
            self._on_handle = False
            event.accept()
            return
        item = self._box_under(event)
        if item is not None:
            self.press(item, activate=True)

    # -- output ------------------------------------------------------------------
    def render(self, painter: QPainter, target: QRectF | QRect | None = None,
               source: QRectF | QRect | None = None,
               mode: Qt.AspectRatioMode = Qt.AspectRatioMode.KeepAspectRatio) -> None:
        """Draw the chart on any paint device: vector text, every label, no selection outline.

        Item caches are switched off for the call so that PDF, SVG and printers get real
        text and lines instead of cached pixmaps.
        """
        cached: list[tuple[QGraphicsItem, QGraphicsItem.CacheMode]] = []
        for item in self.items():
            mode_now = item.cacheMode()
            if mode_now != QGraphicsItem.CacheMode.NoCache:
                cached.append((item, mode_now))
                item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        self.rendering = True
        try:
            super().render(painter, target if target is not None else QRectF(),
                           source if source is not None else QRectF(), mode)
        finally:
            self.rendering = False
            for item, mode_now in cached:
                item.setCacheMode(mode_now)

"""The chart view: zoom, pan, keyboard navigation, animated re-centring and a minimap."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QPointF, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPen, QResizeEvent
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView, QToolButton, QWidget

from familytree.layout.chart import Orientation
from familytree.render.branch_items import BranchHandle
from familytree.render.items import PersonItem
from familytree.render.scene import ChartScene
from familytree.ui.accessibility import ChartAccessibility, install_factory

if TYPE_CHECKING:  # (start-up: PySide makes a class when first used; input events with the first input)
    from PySide6.QtCore import QVariantAnimation
    from PySide6.QtGui import QContextMenuEvent, QKeyEvent, QMouseEvent, QPixmap, QWheelEvent

__all__ = ["ChartView", "MiniMap", "MIN_ZOOM", "MAX_ZOOM", "ZOOM_STEP", "READABLE_NAME_PT"]

MIN_ZOOM = 0.02
MAX_ZOOM = 8.0
ZOOM_STEP = 1.25
ANIMATION_MS = 180
FIT_MAX_ZOOM = 1.25  # a small family is shown a little larger, never blown up
# Below this size on screen (points: 1/72 inch at the screen's logical resolution) a name cannot
# be read: Fit Chart then shows the focus' neighbourhood with names this size instead of all of it.
READABLE_NAME_PT = 4.0
HANDLE_SIZE = 22  # the "+" on the selected box, in pixels
FOLD_GAP = 4  # pixels between the "+" and the fold handle on the same box
CORNER_GAP = 8  # pixels between the overview and the window's edge, and around the boxes it keeps clear of


class ChartView(QGraphicsView):
    """Shows a ChartScene; wheel and keys zoom, dragging pans, arrows and Enter navigate."""

    zoomChanged = Signal(float)  # noqa: N815 (Qt signal names are camelCase)
    navigateRequested = Signal(str)  # noqa: N815 ("up", "down", "left", "right")
    activateRequested = Signal()  # noqa: N815 (Enter on the selected box)
    backRequested = Signal()  # noqa: N815
    forwardRequested = Signal()  # noqa: N815
    firstPainted = Signal()  # noqa: N815 (once, just after the chart first reached the screen)
    # Fit Chart showed the focus' neighbourhood, not the whole chart, whose names would have been
    # this many points tall on screen (after zoomChanged, which the fit's zoom sends first)
    fitFellShort = Signal(float)  # noqa: N815
    # the "+" on the selected box: (their id, where its menu goes, in global coordinates)
    addRequested = Signal(str, QPoint)  # noqa: N815

    def __init__(self, scene: QGraphicsScene | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport of our own making, as Qt's is: handed Qt's, PySide first creates every QtWidgets
        # class to find which one it is (2 % of the launch, 30 million instructions)
        viewport = QWidget()
        viewport.setAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)  # (QGraphicsView sets it on its own)
        self.setViewport(viewport)
        self.setObjectName("chart")
        self.setAccessibleName("Family chart")
        # the boxes are not widgets: this gives screen readers one accessible list item per box
        install_factory()
        self.accessibility = ChartAccessibility(self)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        # Zoom anchoring (under the mouse for the wheel, else the centre) is done in set_zoom.
        # The view scrolls over the chart and no further: no empty margin is ever shown beside a
        # chart that is cut off, and the scroll bars go when the whole chart is in the window.
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._glide: QVariantAnimation | None = None  # made for the first glide
        # The point last brought to the middle (the focus), and the scroll bars' values just after:
        # while they are unchanged (the user has not scrolled or zoomed) the window keeps that point
        # as near its middle as the chart's edges allow when it changes size, as docks open and the
        # first window settles; a plain resize keeps the middle point, which for a fan whose father's
        # side is short moved the focus to the left edge and cut that side off.
        self._centred: tuple[QPointF, tuple[int, int, float]] | None = None
        self.minimap = MiniMap(self)
        self.add_handle = QToolButton(self.viewport())
        self.add_handle.setObjectName("addRelativeHandle")
        self.add_handle.setText("+")
        self.add_handle.setAccessibleName("Add a relative")
        self.add_handle.setToolTip("Add a parent, partner, child or sibling, or link an existing person")
        self.add_handle.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Edit > Add… does it from the keyboard
        self.add_handle.clicked.connect(self._on_add_clicked)
        self.add_handle.hide()
        self._handle_wanted = False
        self._wanted: QPointF | None = None  # where the glide under way brings the middle
        # The whole chart is shown, and stays so as the window changes size, from Fit Chart (or a
        # file's first fitted chart) until the zoom or the chart changes.
        self.keeps_fit = False
        self._painted = False
        self.horizontalScrollBar().valueChanged.connect(self.place_minimap)
        self.verticalScrollBar().valueChanged.connect(self.place_minimap)
        if scene is not None:
            self.setScene(scene)

    def setScene(self, scene: QGraphicsScene | None) -> None:
        super().setScene(scene)
        self.accessibility.set_scene(scene)

    # -- zoom ---------------------------------------------------------------------------
    @property
    def zoom(self) -> float:
        return self.transform().m11()

    def set_zoom(self, factor: float, anchor: QPointF | None = None) -> None:
        """Zoom to `factor`, keeping the scene point under viewport position `anchor` (default: centre)."""
        self.keeps_fit = False
        factor = max(MIN_ZOOM, min(MAX_ZOOM, factor))
        if abs(factor - self.zoom) < 1e-9:
            return
        vp_center = QPointF(self.viewport().rect().center())
        at = anchor if anchor is not None else vp_center
        fixed = self.mapToScene(at.toPoint())
        self.scale(factor / self.zoom, factor / self.zoom)
        self.centerOn(fixed - (at - vp_center) / factor)
        self.zoomChanged.emit(self.zoom)
        self.place_minimap()

    def zoom_in(self) -> None:
        self.set_zoom(self.zoom * ZOOM_STEP)

    def zoom_out(self) -> None:
        self.set_zoom(self.zoom / ZOOM_STEP)

    def reset_zoom(self) -> None:
        self.set_zoom(1.0)

    def fit_all(self) -> None:
        """The whole chart in the window, or, when its names would be too small to read there
        (below READABLE_NAME_PT), the focus and the people around it with names that size."""
        scene: QGraphicsScene | None = self.scene()
        if scene is None:
            return
        whole = self.fit_factor(scene.sceneRect(), max_zoom=FIT_MAX_ZOOM)
        readable = self.readable_zoom()
        focus = scene.item_for(scene.layout.focus_id) if isinstance(scene, ChartScene) else None
        if whole >= readable or focus is None:
            self.fit_rect(scene.sceneRect(), max_zoom=FIT_MAX_ZOOM)
        else:
            self._stop_glide()
            self.set_zoom(readable)
            self.centerOn(self.clamped_center(focus.sceneBoundingRect().center()))
            self.fitFellShort.emit(self.name_pt(whole))
        self.keeps_fit = True

    def name_pt(self, zoom: float | None = None) -> float:
        """How tall names are on screen at `zoom` (default: the zoom now), in points; a fan chart's
        smallest, as on paper."""
        scene: QGraphicsScene | None = self.scene()
        if not isinstance(scene, ChartScene):
            return 0.0
        fan = scene.layout.fan
        size = fan.smallest_name if fan is not None else float(scene.fonts.name.pixelSize())
        dpi = self.logicalDpiY() or 96
        return size * (self.zoom if zoom is None else zoom) * 72.0 / dpi

    def readable_zoom(self) -> float:
        """The zoom at which names are READABLE_NAME_PT tall on screen."""
        at_one = self.name_pt(1.0)
        return READABLE_NAME_PT / at_one if at_one > 0 else MIN_ZOOM

    def fit_factor(self, rect: QRectF, max_zoom: float = 2.0) -> float:
        """The zoom at which `rect` fills the window."""
        if rect.isEmpty():
            return 1.0
        view = self.viewport().rect().adjusted(8, 8, -8, -8)
        return min(view.width() / rect.width(), view.height() / rect.height(), max_zoom)

    def fit_rect(self, rect: QRectF, max_zoom: float = 2.0) -> None:
        if rect.isEmpty():
            return
        self.set_zoom(self.fit_factor(rect, max_zoom))
        self.centerOn(rect.center())

    def zoom_to_selection(self) -> None:
        scene: QGraphicsScene | None = self.scene()
        items = scene.selectedItems() if scene is not None else []
        if not items:
            return
        rect = QRectF()
        for item in items:
            rect = rect.united(item.sceneBoundingRect())
        self.fit_rect(rect.adjusted(-120, -80, 120, 80), max_zoom=1.5)

    def wheelEvent(self, event: QWheelEvent) -> None:
        delta = event.angleDelta().y()
        if delta == 0:
            super().wheelEvent(event)
            return
        self.set_zoom(self.zoom * (ZOOM_STEP ** (delta / 120.0)), anchor=event.position())
        event.accept()

    # -- centring --------------------------------------------------------------------------
    def visible_center(self) -> QPointF:
        return self.mapToScene(self.viewport().rect().center())

    def clamped_center(self, point: QPointF) -> QPointF:
        """The centre nearest `point` at which the window shows as much of the chart as fits.

        Along a side where the chart fits it is centred; along one where it does not, the
        window stops at the chart's edge rather than showing empty space past it, so a
        point of the chart stays in view.
        """
        chart = self.sceneRect()
        visible = self.mapToScene(self.viewport().rect()).boundingRect()

        def along(value: float, low: float, high: float, size: float) -> float:
            if high - low <= size:
                return (low + high) / 2
            return min(max(value, low + size / 2), high - size / 2)

        return QPointF(along(point.x(), chart.left(), chart.right(), visible.width()),
                       along(point.y(), chart.top(), chart.bottom(), visible.height()))

    def center_on_animated(self, point: QPointF, animate: bool = True) -> None:
        """Bring `point` to the middle, as near as the chart's edges allow; a short glide when shown."""
        self._stop_glide()
        self._centred = None  # until this centring is reached
        wanted = QPointF(point)
        point = self.clamped_center(point)
        start = self.visible_center()
        if not animate or not self.isVisible():
            self.centerOn(point)
            self._remember_centre(wanted)
            return
        glide = self._glide
        if glide is None:
            from PySide6.QtCore import QEasingCurve, QVariantAnimation

            glide = self._glide = QVariantAnimation(self)
            glide.setDuration(ANIMATION_MS)
            glide.setEasingCurve(QEasingCurve.Type.OutCubic)
            glide.valueChanged.connect(self._on_animation_step)
            glide.finished.connect(self._remember_centre)
        glide.setStartValue(start)
        glide.setEndValue(point)
        self._wanted = wanted
        glide.start()

    def _gliding(self) -> bool:
        glide = self._glide
        return glide is not None and glide.state() is glide.State.Running

    def _stop_glide(self) -> None:
        if self._glide is not None:
            self._glide.stop()

    def _scroll_state(self) -> tuple[int, int, float]:
        return (self.horizontalScrollBar().value(), self.verticalScrollBar().value(), self.zoom)

    def _remember_centre(self, point: QPointF | None = None) -> None:
        """The centring asked for is reached: kept through the window's changes of size until the user
        moves the view."""
        wanted = point if point is not None else self._wanted
        self._centred = (wanted, self._scroll_state()) if wanted is not None else None

    def _on_animation_step(self, value: QPointF) -> None:
        self.centerOn(value)

    def finish_animation(self) -> None:
        if self._gliding():
            assert self._glide is not None
            end = self._glide.endValue()
            self._glide.stop()
            self.centerOn(end)
            self._remember_centre()

    # -- input -------------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        arrows: dict[int, str] = {Qt.Key.Key_Up: "up", Qt.Key.Key_Down: "down", Qt.Key.Key_Left: "left",
                  Qt.Key.Key_Right: "right"}
        if key in arrows and mods == Qt.KeyboardModifier.NoModifier:
            self.navigateRequested.emit(arrows[key])
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and mods == Qt.KeyboardModifier.NoModifier:
            self.activateRequested.emit()
            event.accept()
            return
        super().keyPressEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.BackButton:
            self.backRequested.emit()
            event.accept()
            return
        if event.button() == Qt.MouseButton.ForwardButton:
            self.forwardRequested.emit()
            event.accept()
            return
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A click on empty space would clear the selection (QGraphicsView's hand-drag rule);
        # the details panel still shows that person, so the highlight stays with them.
        scene: QGraphicsScene | None = self.scene()
        kept = scene.selectedItems() if scene is not None else []
        super().mouseReleaseEvent(event)
        if scene is not None and kept and not scene.selectedItems():
            for item in kept:
                item.setSelected(True)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        # A right-click on the chart comes here, not to the viewport whose menu the window set up
        # (ui/evidence.py: the person menu): asked for where the click was, or, from the keyboard's
        # menu key, on the selected box
        viewport = self.viewport()
        if viewport.contextMenuPolicy() is not Qt.ContextMenuPolicy.CustomContextMenu:
            super().contextMenuEvent(event)
            return
        where = event.pos()
        item = self._selected_box()
        if event.reason() is event.Reason.Keyboard and item is not None:
            where = self.mapFromScene(item.sceneBoundingRect().center())
        viewport.customContextMenuRequested.emit(where)
        event.accept()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            QTimer.singleShot(0, self.firstPainted.emit)  # after this frame is on screen

    # -- minimap ------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        centred = self._centred
        kept = centred is not None and centred[1] == self._scroll_state() and not self._gliding()
        super().resizeEvent(event)
        scene: QGraphicsScene | None = self.scene()
        if self.keeps_fit:
            self.fit_all()  # the whole chart was shown: it still is, after the window or a dock changed size
        elif kept and centred is not None:
            self.centerOn(self.clamped_center(centred[0]))  # the focus, as near the middle as it can be
            self._remember_centre(centred[0])
        elif scene is not None:
            for item in scene.selectedItems():  # the box being read stays in view as the window narrows
                self.ensureVisible(item, 20, 20)
        self.place_minimap()

    def refresh_minimap(self) -> None:
        """Re-draw the overview after the chart changed."""
        self.minimap.rebuild()
        self.place_minimap()

    def place_minimap(self) -> None:
        """Move the overview off a box just selected (hidden when no corner is free); the "+" to the box."""
        self.minimap.place()
        self._place_handle()

    # -- the "+" handle -------------------------------------------------------------------------
    def set_add_handle(self, on: bool) -> None:
        """Show a "+" on the selected box's corner (the window's editing turns it on)."""
        self._handle_wanted = on
        self._place_handle()

    def _selected_box(self) -> PersonItem | None:
        scene: QGraphicsScene | None = self.scene()
        items = scene.selectedItems() if isinstance(scene, ChartScene) else []
        return items[0] if len(items) == 1 and isinstance(items[0], PersonItem) else None

    def _place_handle(self) -> None:
        item = self._selected_box() if self._handle_wanted else None
        spot = self._handle_spot(item) if item is not None else None
        if spot is None:
            self.add_handle.hide()
            return
        size = HANDLE_SIZE
        self.add_handle.setFixedSize(size, size)
        self.add_handle.move(spot.x() - size // 2, spot.y() - size // 2)
        self.add_handle.show()
        self.add_handle.raise_()

    def _handle_spot(self, item: PersonItem) -> QPoint | None:
        """Where the "+" goes on the selected box (its centre, in the viewport): at the box's top right
        corner, moved out past the box's own text to the side its lines do not leave from (a row's
        right, a column's top) and clear of its fold handles; moved elsewhere round that corner where
        it would cover a neighbour's text. In a fan inside the segment (the focus: on its disc's
        edge), over no one's text. None when the box is out of view or too small on screen to hold it."""
        b = item.box
        # the box itself, not its selection outline
        box = self.mapFromScene(QRectF(b.x, b.y, b.width, b.height)).boundingRect()
        if not self.viewport().rect().intersects(box):
            return None
        scene: QGraphicsScene | None = self.scene()
        layout = scene.layout if isinstance(scene, ChartScene) else None
        if layout is not None and layout.fan is not None:
            at = layout.fan.handle_spot(item.box.key, (HANDLE_SIZE / 2 + 1) / max(self.zoom, 1e-6))
            return None if at is None else self.mapFromScene(item.mapToScene(QPointF(*at)))
        if box.width() < 3 * HANDLE_SIZE:
            return None
        text = self.mapFromScene(item.mapToScene(item.text_rect())).boundingRect()
        half = HANDLE_SIZE // 2
        folds = [self.mapFromScene(h.sceneBoundingRect()).boundingRect() for h in self.items(box)
                 if isinstance(h, BranchHandle) and h.box.key == item.box.key]
        right_fold = [f for f in folds if f.left() <= box.right() <= f.right()]
        if layout is not None and layout.orientation is Orientation.HORIZONTAL:
            # above the text, and above the fold handle on the right edge when the box is low
            floor = min([text.top()] + [f.top() - FOLD_GAP for f in right_fold])
            spots = [QPoint(box.right(), min(box.top(), floor - half - 1)),
                     # else right of that fold handle, where the lines to the children begin
                     QPoint(max([box.right()] + [f.right() + FOLD_GAP for f in right_fold]) + half + 1,
                            box.top())]
        else:
            spots = [QPoint(max(box.right(), text.right() + half + 1), box.top()),
                     # else above the corner, clear of the text
                     QPoint(box.right(), min(box.top(), text.top() - half - 1))]
        return next((spot for spot in spots if not self._covers_others(spot, item)), spots[0])

    def _covers_others(self, spot: QPoint, item: PersonItem) -> bool:
        """Whether the "+" at `spot` would cover another box's text or any fold handle."""
        half = HANDLE_SIZE // 2
        rect = QRect(spot.x() - half, spot.y() - half, HANDLE_SIZE, HANDLE_SIZE)
        for other in self.items(rect):
            if isinstance(other, PersonItem):
                if other is not item and \
                        self.mapFromScene(other.mapToScene(other.text_rect())).boundingRect().intersects(rect):
                    return True
            elif isinstance(other, BranchHandle):
                return True
        return False

    def _on_add_clicked(self) -> None:
        item = self._selected_box()
        if item is not None:
            where = self.add_handle.mapToGlobal(QPoint(0, self.add_handle.height()))
            self.addRequested.emit(item.person_id, where)

    def kept_clear(self) -> list[QRect]:
        """Where, in the view's coordinates, the chart's focus and selected boxes are on screen."""
        scene: QGraphicsScene | None = self.scene()
        if scene is None:
            return []
        items = list(scene.selectedItems())
        if isinstance(scene, ChartScene):
            focus = scene.item_for(scene.layout.focus_id)
            if focus is not None:
                items.append(focus)
        offset = self.viewport().pos()
        return [self.mapFromScene(item.sceneBoundingRect()).boundingRect().translated(offset)
                for item in items]


class MiniMap(QWidget):
    """An overview of the whole chart in a corner, with the visible area outlined; click to go there."""

    MAX_SIZE = QSize(200, 150)
    MIN_SIDE = 48

    def __init__(self, view: ChartView) -> None:
        super().__init__(view)
        self._view = view
        self._pixmap: QPixmap | None = None  # drawn when first shown after a change of chart
        self._stale = True
        self._scale = (1.0, 1.0)  # across, down
        self.enabled_by_user = True
        self.setObjectName("minimap")
        self.setAccessibleName("Chart overview")
        self.setToolTip("Overview of the whole chart: click to move there")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.hide()

    def _chart_is_larger_than_window(self) -> bool:
        scene: QGraphicsScene | None = self._view.scene()
        if scene is None:
            return False
        size = self._view.mapFromScene(scene.sceneRect()).boundingRect().size()
        vp = self._view.viewport().size()
        return size.width() > vp.width() + 2 or size.height() > vp.height() + 2

    def rebuild(self) -> None:
        """The chart changed: the overview is drawn anew when next shown (not while the chart fits)."""
        self._stale = True

    def _draw(self) -> None:
        self._stale = False
        self._pixmap = None
        scene: QGraphicsScene | None = self._view.scene()
        if scene is None or scene.sceneRect().isEmpty():
            return
        from PySide6.QtGui import QPixmap
        rect = scene.sceneRect()
        scale = min(self.MAX_SIZE.width() / rect.width(), self.MAX_SIZE.height() / rect.height())
        # a chart far wider than tall (royal92: 25 to 1) would be a strip of a few pixels: the short
        # side is stretched to MIN_SIDE, so the overview can still be read and clicked
        across = max(scale, min(self.MIN_SIDE, self.MAX_SIZE.width()) / rect.width())
        down = max(scale, min(self.MIN_SIDE, self.MAX_SIZE.height()) / rect.height())
        self._scale = (across, down)
        size = QSize(max(1, int(rect.width() * across)), max(1, int(rect.height() * down)))
        pixmap = QPixmap(size)
        pixmap.fill(QColor("transparent"))
        painter = QPainter(pixmap)
        # the base class render keeps level of detail: boxes without text at this size
        QGraphicsScene.render(scene, painter, QRectF(pixmap.rect()), rect,
                              Qt.AspectRatioMode.IgnoreAspectRatio)
        painter.end()
        self._pixmap = pixmap
        self.resize(size + QSize(4, 4))

    def place(self) -> None:
        """Show the overview in the first corner that leaves the focus and selected boxes uncovered.

        It is hidden when the whole chart is in the window, or when no corner is free.
        """
        corner = None
        if self.enabled_by_user and self._chart_is_larger_than_window():
            if self._stale:
                self._draw()
            if self._pixmap is not None:
                corner = self._free_corner()
        if corner is not None:
            self.move(corner)
            self.raise_()
            self.update()
        self.setVisible(corner is not None)

    def _free_corner(self) -> QPoint | None:
        vp = self._view.viewport().geometry()
        gap = CORNER_GAP
        left, top = vp.left() + gap, vp.top() + gap
        right, bottom = vp.right() - self.width() - gap, vp.bottom() - self.height() - gap
        if left > right or top > bottom:
            return None  # the window is smaller than the overview
        clear = [r.adjusted(-gap, -gap, gap, gap) for r in self._view.kept_clear()]
        # bottom right first: where overviews usually sit, below and beside the chart's middle
        for x, y in ((right, bottom), (left, bottom), (right, top), (left, top)):
            spot = QRect(QPoint(x, y), self.size())
            if not any(spot.intersects(r) for r in clear):
                return spot.topLeft()
        return None

    def _visible_rect(self) -> QRectF:
        scene: QGraphicsScene | None = self._view.scene()
        if scene is None:
            return QRectF()
        visible = self._view.mapToScene(self._view.viewport().rect()).boundingRect()
        origin = scene.sceneRect().topLeft()
        across, down = self._scale
        return QRectF((visible.left() - origin.x()) * across + 2, (visible.top() - origin.y()) * down + 2,
                      visible.width() * across, visible.height() * down)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        scene: QGraphicsScene | None = self._view.scene()
        background = scene.backgroundBrush().color() if scene is not None else QColor("white")
        painter.fillRect(self.rect(), background)
        if self._pixmap is not None:
            painter.drawPixmap(2, 2, self._pixmap)
        painter.setPen(QPen(self.palette().mid().color(), 1))
        painter.drawRect(self.rect().adjusted(0, 0, -1, -1))
        highlight = self.palette().highlight().color()
        painter.setPen(QPen(highlight, 1.5))
        fill = QColor(highlight)
        fill.setAlpha(40)
        painter.setBrush(fill)
        painter.drawRect(self._visible_rect().intersected(QRectF(self.rect()).adjusted(1, 1, -1, -1)))
        painter.end()

    def _go(self, pos: QPointF) -> None:
        scene: QGraphicsScene | None = self._view.scene()
        if scene is None:
            return
        origin = scene.sceneRect().topLeft()
        across, down = self._scale
        self._view.centerOn(QPointF(origin.x() + (pos.x() - 2) / across, origin.y() + (pos.y() - 2) / down))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._go(event.position())
        event.accept()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._go(event.position())
        event.accept()

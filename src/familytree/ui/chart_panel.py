"""The chart in the middle of the window: view, scene and the notice above them, following the workspace."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from familytree.layout import ChartLayout, ChartType
from familytree.model import Tree
from familytree.model.text import SHORT_TEXT, for_display
from familytree.render.items import chart_name
from familytree.render.palette import Palette
from familytree.render.scene import ChartScene
from familytree.ui.chart_view import FIT_MAX_ZOOM, ChartView
from familytree.workspace import Workspace
from familytree.workspace.folds import Side

__all__ = ["ChartPanel", "READABLE_ZOOM", "ways_to_see_more"]

READABLE_ZOOM = 0.6  # below this a first view of a big chart shows the focus at 100 % instead of all of it


def ways_to_see_more(chart: ChartType, compact: bool = False) -> list[str]:
    """What the window offers for a chart too large to read whole, as the Fit notice names them:
    only what exists."""
    ways = ["fewer generations (the toolbar)"]
    if chart is not ChartType.FAN:
        ways.append("folded branches (the handles on the boxes, View > Collapse All)")
    if chart is not ChartType.FAN and not compact:
        ways.append("the compact chart (View > Compact Chart)")
    if chart in (ChartType.ANCESTORS, ChartType.HOURGLASS):
        ways.append("the fan chart of the ancestors (the toolbar's chart type)")
    ways.append("a poster over several sheets (File > Print\u2026 or Export\u2026)")
    return ways


class ChartPanel(QWidget):
    """Draws the workspace's chart and selection; the notice says what is wrong with the chart shown."""

    chartChanged = Signal()  # noqa: N815 (after the scene shows a new layout)

    def __init__(self, workspace: Workspace, high_contrast: bool = False,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.high_contrast = high_contrast
        self.scene = ChartScene(Tree(), workspace.layout, self._palette(), parent=self)
        self.view: ChartView = ChartView(self.scene, self)
        # Above the chart, what the user must know about it (a cycle in the data, the size
        # limit, a chart that could not be drawn): it stays while that chart is shown, where
        # the status bar would lose it to the next selection.
        self.notice = QLabel(self)
        self.notice.setObjectName("chartNotice")
        self.notice.setTextFormat(Qt.TextFormat.PlainText)  # names from the file are data
        self.notice.setWordWrap(True)
        self.notice.setAutoFillBackground(True)
        self.notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.notice.setContentsMargins(8, 4, 8, 4)
        self.notice.setAccessibleName("Chart warnings")
        self.notice.hide()
        self._warnings: list[str] = []  # what is wrong with the chart shown
        self._fit_note = ""  # what Fit Chart left out, while that fit is shown
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.notice)
        column.addWidget(self.view, 1)
        self._new_tree = True  # the next chart is a file's first: placed by show_first_chart, not glided to
        events = workspace.events
        events.tree.connect(self._on_tree)
        events.chart.connect(self._on_chart)
        events.chart_failed.connect(lambda message: self.show_notice([message]))
        events.selection.connect(self._on_selection)
        self.scene.personClicked.connect(workspace.select)
        self.scene.personActivated.connect(workspace.set_focus)
        self.scene.branchClicked.connect(self._on_branch_clicked)
        self._anchor: tuple[str, QPointF] | None = None  # a box kept where it is on screen through a fold
        self._folding = False
        self.view.activateRequested.connect(self._on_enter)
        self.view.navigateRequested.connect(workspace.move_selection)
        self.view.backRequested.connect(workspace.back)
        self.view.forwardRequested.connect(workspace.forward)
        self.view.zoomChanged.connect(self._on_zoom_changed)
        self.view.fitFellShort.connect(self._on_fit_fell_short)
        # the system switched between light and dark: follow it
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._refresh_palette)

    # -- following the workspace -----------------------------------------------------------------
    def _on_tree(self, _tree: Tree | None) -> None:
        self._new_tree = True

    def _on_chart(self, layout: ChartLayout) -> None:
        tree = self.workspace.tree or Tree()
        before = self.scene.item_for(layout.focus_id)
        moved = not self._new_tree and layout.focus_id != self.scene.layout.focus_id
        on_screen = None if before is None or not moved else \
            self.view.mapFromScene(before.sceneBoundingRect().center())
        self.scene.setChart(tree, layout)
        self._fit_note = ""  # said of the chart before
        self.show_notice(layout.warnings)
        self.view.refresh_minimap()
        self.chartChanged.emit()
        if self._new_tree:
            return
        after = self.scene.item_for(layout.focus_id)
        if after is None:
            return
        target = after.sceneBoundingRect().center()
        self.view.keeps_fit = False  # a chart of another size: the zoom stays as it is
        anchor, self._anchor = self._anchor, None
        kept = self.scene.item_for(anchor[0]) if anchor is not None and not moved else None
        if anchor is not None and kept is not None:
            # the box whose branch was folded stays under the mouse; the rest closes up around it (the
            # scene keeps room for the view where the chart shrank, else the view would have to move)
            zoom = max(self.view.zoom, 1e-6)
            viewport = self.view.viewport().rect()
            centre = kept.sceneBoundingRect().center() + (QPointF(viewport.center()) - anchor[1]) / zoom
            seen = QRectF(0.0, 0.0, viewport.width() / zoom, viewport.height() / zoom)
            seen.moveCenter(centre)
            self.scene.setSceneRect(self.scene.sceneRect().united(seen))
            self.view.centerOn(centre)
            return
        if not moved:
            self.view.center_on_animated(target, animate=False)  # the same centre, redrawn
            return
        if on_screen is not None:
            # keep the box where the user saw it, then glide it to the middle
            offset = QPointF(self.view.viewport().rect().center() - on_screen) / max(self.view.zoom, 1e-6)
            self.view.centerOn(target + offset)
        self.view.center_on_animated(target, animate=True)

    def _on_branch_clicked(self, person_id: str, descendants: bool) -> None:
        item = self.scene.item_for(person_id)
        if item is not None:
            self._anchor = (person_id, QPointF(self.view.mapFromScene(item.sceneBoundingRect().center())))
        self._folding = True  # the selection, kept through the redraw, is not scrolled to
        try:
            self.workspace.fold(person_id, Side.DESCENDANTS if descendants else Side.ANCESTORS)
        finally:
            self._anchor = None  # (used by the chart it made, if any)
            self._folding = False

    def _on_selection(self, person_id: str) -> None:
        self.scene.select_person(person_id)
        item = self.scene.item_for(person_id)
        if item is not None and not self._folding:
            self.view.ensureVisible(item, 40, 40)
        self.view.place_minimap()  # the overview never covers the selected box

    def _on_enter(self) -> None:
        if self.workspace.selected_id:
            self.workspace.set_focus(self.workspace.selected_id)

    def show_notice(self, lines: list[str]) -> None:
        """Say what is wrong with the chart shown above it, or hide the notice when nothing is."""
        self._warnings = list(lines)
        self._show_notice()

    def _show_notice(self) -> None:
        lines = self._warnings
        shown = lines[:4]
        if len(lines) > len(shown):
            shown.append(f"… and {len(lines) - len(shown)} more like these.")
        text = [f"\u26a0 {for_display(line, SHORT_TEXT * 2)}" for line in shown]
        if self._fit_note:
            text.append(f"\u2139 {self._fit_note}")
        self.notice.setText("\n".join(text))
        self.notice.setVisible(bool(text))

    def _on_fit_fell_short(self, name_pt: float) -> None:
        """Fit Chart showed the focus' neighbourhood: say why, and how to see the rest."""
        layout = self.scene.layout
        person = (self.workspace.tree or Tree()).people.get(layout.focus_id)
        who = for_display(chart_name(person), SHORT_TEXT) if person is not None else "the focus"
        scroll = "scroll or use the overview in the corner" if self.view.minimap.enabled_by_user else "scroll"
        self._fit_note = (f"The whole chart would show names {name_pt:.1f} pt tall, too small to read: Fit "
                          f"shows the people around {who}. To see the rest, {scroll}, or choose "
                          f"{_or(ways_to_see_more(layout.chart, any(b.compact for b in layout.boxes)))}.")
        self._show_notice()

    def _on_zoom_changed(self, _zoom: float) -> None:
        if self._fit_note:  # that fit is no longer what is shown
            self._fit_note = ""
            self._show_notice()

    # -- placing the chart in the view -----------------------------------------------------------
    def show_first_chart(self, saved_zoom: float) -> None:
        """A newly opened file: the zoom the user left, else all of a small chart, else the focus at 100 %."""
        self._new_tree = False
        if not self.workspace.focus_id:
            return
        if saved_zoom > 0:
            self.view.set_zoom(saved_zoom)
        elif self.view.fit_factor(self.scene.sceneRect(), FIT_MAX_ZOOM) >= READABLE_ZOOM:
            self.view.fit_all()
        else:
            self.view.set_zoom(1.0)  # a big chart: readable boxes around the focus, the minimap for the rest
        chart = self.scene.sceneRect()
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        if visible.width() >= chart.width() and visible.height() >= chart.height():
            self.view.centerOn(chart.center())  # all of it fits: show it in the middle
        else:
            item = self.scene.item_for(self.workspace.focus_id)
            if item is not None:
                self.view.center_on_animated(item.sceneBoundingRect().center(), animate=False)

    # -- how it looks ----------------------------------------------------------------------------
    def _palette(self) -> Palette:
        return Palette.high_contrast() if self.high_contrast else Palette.screen()

    def set_high_contrast(self, on: bool) -> None:
        self.high_contrast = on
        self._refresh_palette()

    def _refresh_palette(self, *_args: object) -> None:
        self.scene.setChartPalette(self._palette())
        self.view.refresh_minimap()

    def show_minimap(self, on: bool) -> None:
        self.view.minimap.enabled_by_user = on
        self.view.refresh_minimap()


def _or(ways: list[str]) -> str:
    """ "a, b or c" """
    return ways[0] if len(ways) == 1 else f"{', '.join(ways[:-1])} or {ways[-1]}"

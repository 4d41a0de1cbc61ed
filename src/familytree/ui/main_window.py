"""The main window: it assembles the chart, the docks, the menus and the toolbar around one workspace."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QSizePolicy, QToolBar, QWidget

from familytree.layout import ChartLayout, Orientation
from familytree.model import Diagnostic, Severity, Tree
from familytree.model.text import shorten
from familytree.render.items import make_sizer, person_description
from familytree.render.scene import ChartScene
from familytree.ui.accessibility import announce
from familytree.ui.actions import Menu, build_actions, build_menus
from familytree.ui.appearance import Appearance
from familytree.ui.chart_panel import ChartPanel
from familytree.ui.chart_view import ChartView
from familytree.ui.editing import EditController
from familytree.ui.fan_menu import FanMenu
from familytree.ui.files import APP_NAME, FileController
from familytree.ui.folding import FoldActions
from familytree.ui.photos import WindowPhotos
from familytree.ui.settings import Keys, Settings
from familytree.ui.toolbar import ChartControls
from familytree.workspace import ChartSettings, History, Workspace

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from familytree.ui.details import DetailsPanel
    from familytree.ui.evidence import EvidenceTools
    from familytree.ui.printing import PrintController
    from familytree.ui.problems import ProblemsPanel
    from familytree.ui.search_box import SearchBox

__all__ = ["MainWindow", "APP_NAME"]


class MainWindow(QMainWindow):
    """Browse one family tree file.

    What the user navigates lives in `workspace` (Qt-free); the chart in `chart`; opening
    and saving in `files`; remembered preferences in `settings`; every menu command in
    `actions`, declared in ui/actions.py. The details panel, search box, evidence docks and
    printing are built on first use (after the first chart is on screen: start-up time).
    """

    fileLoaded = Signal(str)  # noqa: N815 (path, after the chart of a newly opened file is drawn)
    loadFailed = Signal(str)  # noqa: N815 (a sentence naming the file)

    def __init__(self, tree: Tree | None = None, path: str | None = None, focus: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)  # a GEDCOM file dropped is opened (ui/files.py)
        self.settings: Settings = Settings()
        self.workspace: Workspace = Workspace(self.settings.chart(), sizer=make_sizer())
        high_contrast = self.settings.get(Keys.PALETTE) == "high-contrast"
        self.chart: ChartPanel = ChartPanel(self.workspace, high_contrast, self)
        self.setCentralWidget(self.chart)
        self.appearance = Appearance(self, self.chart.set_high_contrast, high_contrast)
        self.files: FileController = FileController(self, self.workspace, self.settings)
        self.files.loaded.connect(self.show_tree)
        self.files.failed.connect(self.loadFailed)
        self.photos: WindowPhotos = WindowPhotos(self)  # portraits on the chart, the gallery
        self._details: DetailsPanel | None = None
        self._problems: ProblemsPanel | None = None
        self._problems_opened_for_file = False
        self._search_box: SearchBox | None = None
        self._evidence: EvidenceTools | None = None
        self.print_controller: PrintController | None = None
        self._first_run = False
        self._closing = False
        self._build_docks()
        self.actions_by_id = build_actions(self)
        self.menus = build_menus(self.menuBar(), self.actions_by_id)
        self.editing: EditController = EditController(self)  # Undo, Redo, History, the title's *, recovery
        self._build_menus()
        self._build_toolbar()
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileStatus")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)
        self.statusBar().addPermanentWidget(self.file_label)
        self._follow_workspace()
        self._first_run = not self.settings.restore_window(self)  # docks are sized once all are there
        if tree is not None:
            self.show_tree(tree, path or tree.path, focus or "")
        elif path:
            self.open_file(path, focus or "")

    @property
    def view(self) -> ChartView:
        return self.chart.view

    @property
    def scene(self) -> ChartScene:
        return self.chart.scene

    # -- construction ------------------------------------------------------------------------------
    def _build_docks(self) -> None:
        self.details_dock = QDockWidget("Details", self)
        self.details_dock.setObjectName("detailsDock")
        placeholder = QWidget(self.details_dock)  # the panel itself is built after the first paint
        placeholder.setMinimumWidth(300)
        self.details_dock.setWidget(placeholder)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.visibilityChanged.connect(lambda visible: visible and self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

    def _build_menus(self) -> None:
        file_menu = self.menus[Menu.FILE]
        recent = file_menu.addMenu("Open &Recent")
        file_menu.insertMenu(self.actions_by_id["file.save"], recent)  # under Open
        recent.aboutToShow.connect(lambda: self.files.fill_recent_menu(recent))
        self.files.fill_recent_menu(recent)
        self.recent_menu = recent
        view_menu = self.menus[Menu.VIEW]
        first = view_menu.actions()[0]
        view_menu.insertAction(first, self.details_dock.toggleViewAction())
        view_menu.insertAction(first, self.problems_dock.toggleViewAction())
        view_menu.insertAction(first, self.editing.history.toggleViewAction())
        self._panels_end = view_menu.insertSeparator(first)  # the evidence docks' entries join above it
        self.fan_menu = FanMenu(self.workspace, view_menu)  # beside Horizontal Chart: how charts are drawn
        view_menu.insertMenu(self.actions_by_id["view.high_contrast"], self.fan_menu)
        checks = {"view.minimap": self.settings.get(Keys.MINIMAP),
                  "view.high_contrast": self.chart.high_contrast,
                  "view.portraits": self.photos.enabled,
                  "view.horizontal": self.workspace.settings.orientation is Orientation.HORIZONTAL}
        for action_id, on in checks.items():
            action = self.actions_by_id[action_id]
            action.blockSignals(True)  # the state as it is, not a change to make
            action.setChecked(on)
            action.blockSignals(False)
        self.chart.view.minimap.enabled_by_user = checks["view.minimap"]

    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation", self)
        bar.setObjectName("navigationToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.toolbar = bar
        for action_id in ("go.back", "go.forward", "go.home"):
            bar.addAction(self.actions_by_id[action_id])
        bar.addSeparator()
        self.chart_controls = ChartControls(self.workspace, bar)
        self.up_spin, self.down_spin = self.chart_controls.up_spin, self.chart_controls.down_spin
        bar.addSeparator()
        bar.addAction(self.actions_by_id["view.fit"])
        compact = self.actions_by_id["view.compact"]
        compact.setIconText("Compact")  # the toolbar says less than the menu: room for search at 800 px
        bar.addAction(compact)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        # Search and the evidence docks are not needed to draw the first chart: built just after.
        self.view.firstPainted.connect(self._install_extras)

    def _follow_workspace(self) -> None:
        self.folds = FoldActions(self.workspace, self.actions_by_id)  # (View > Fold ...: first to hear)
        events = self.workspace.events
        events.tree.connect(self._on_tree)
        events.chart.connect(self._on_chart)
        events.chart_failed.connect(lambda message: self.statusBar().showMessage(message, 10000))
        events.selection.connect(self._on_selection)
        events.settings.connect(self._on_settings)
        events.history.connect(self._on_history)
        events.home.connect(self._on_home)
        events.notice.connect(lambda text: self.statusBar().showMessage(text, 8000))
        self.view.zoomChanged.connect(lambda zoom: self.settings.set_zoom(self.workspace.path, zoom))

    def _size_docks(self) -> None:
        """First run: details a third of the width, panels below a quarter of the height."""
        layout = self.layout()
        if layout is not None:
            layout.activate()  # docks added a moment ago must be in the layout to be sized
        self.resizeDocks([self.details_dock], [max(420, self.width() * 3 // 10)], Qt.Orientation.Horizontal)
        below = [d for d in self.findChildren(QDockWidget)
                 if self.dockWidgetArea(d) == Qt.DockWidgetArea.BottomDockWidgetArea and not d.isHidden()]
        if below:
            self.resizeDocks(below, [max(160, self.height() // 4)] * len(below), Qt.Orientation.Vertical)

    # -- parts built on first use ------------------------------------------------------------------
    @property
    def details(self) -> DetailsPanel:
        """The details panel, showing the selected person."""
        if self._details is None:
            from familytree.ui.details import DetailsPanel
            from familytree.ui.evidence import fact_mark_html

            panel = DetailsPanel(self.details_dock)
            panel.fact_mark = fact_mark_html
            panel.personLinkActivated.connect(self.workspace.select)
            panel.gallery = self.photos.gallery
            panel.workspace, panel.settings = self.workspace, self.settings  # for its editors
            self.editing.follow_details(panel)  # shown again after each edit
            self._details = panel
            old = self.details_dock.widget()
            self.details_dock.setWidget(panel)
            if old is not None:
                old.deleteLater()
            ws = self.workspace
            if ws.tree is not None and ws.selected_id in ws.tree.people:
                panel.show_person(ws.tree, ws.selected_id)
            elif ws.tree is not None and not ws.tree.people:
                panel.show_message("This file has no people.")
        return self._details

    @property
    def problems(self) -> ProblemsPanel:
        """The Problems panel, listing what could not be read, with the line."""
        if self._problems is None:
            from familytree.ui.problems import ProblemsPanel

            self._problems = ProblemsPanel(self)
            self.problems_dock.setWidget(self._problems)
            self._problems.set_diagnostics(self.workspace.tree, self.workspace.path)
        return self._problems

    @property
    def search_box(self) -> SearchBox:
        """The toolbar's search field."""
        if self._search_box is None:
            from familytree.ui.search_box import SearchBox

            box = SearchBox(self)
            box.setMinimumWidth(150)
            box.setMaximumWidth(420)
            box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.toolbar.addWidget(box)
            box.personChosen.connect(self.workspace.set_focus)  # picking a result re-centres on them
            box.sourceChosen.connect(self.show_source)
            box.setTree(self.workspace.tree)
            box.setFocusPerson(self.workspace.focus_id)
            self.editing.follow_search(box)  # a renamed person found by the new name at once
            self._search_box = box
        return self._search_box

    @property
    def evidence(self) -> EvidenceTools:
        """The Timeline, Sources and Conflicts docks and the Relationship dialog."""
        if self._evidence is None:
            from familytree.ui.evidence import EvidenceTools

            tools = EvidenceTools(self.workspace, self.chart, self, self.show_source)
            self.editing.follow_evidence(tools)  # the chart's person menu, the docks after each edit
            self._evidence = tools
            self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, tools.timeline)
            for side_dock in (tools.sources, tools.conflicts):
                self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, side_dock)
                self.tabifyDockWidget(self.details_dock, side_dock)
                side_dock.hide()
            self.details_dock.raise_()
            for dock in tools.docks:
                self.menus[Menu.VIEW].insertAction(self._panels_end, dock.toggleViewAction())
            state = self.settings.window_state()
            if state is not None:
                self.restoreState(state)  # the new docks go back where the user left them
            self.tabifyDockWidget(tools.timeline, self.problems_dock)  # tabs below, not narrow columns
        return self._evidence

    @property
    def printing(self) -> PrintController:
        """Print, Print Preview, Page Setup and Export (QtPrintSupport is loaded on first use)."""
        if self.print_controller is None:
            from familytree.ui.printing import PrintController

            self.print_controller = PrintController(self.workspace, self, self.settings,
                                                    lambda: self.photos.shown_portraits)
        return self.print_controller

    def _install_extras(self) -> None:
        self.details  # noqa: B018 (the properties build them)
        self.search_box  # noqa: B018
        self.evidence  # noqa: B018
        if self._first_run:
            self._first_run = False
            self._size_docks()
            QTimer.singleShot(100, self._size_docks)  # again once the layout has settled the new docks

    # -- following the workspace -------------------------------------------------------------------
    def show_tree(self, tree: Tree, path: str, focus: str = "") -> None:
        """Show a newly read tree, centred on `focus` (an id or a name) or on the home person."""
        self.workspace.open(tree, path or "", focus, home=self.settings.home_person(path))
        self.chart.show_first_chart(self.settings.zoom(self.workspace.path))
        self.fileLoaded.emit(self.workspace.path)

    def _on_tree(self, tree: Tree | None) -> None:
        self.editing.update_title()
        if tree is None:
            return
        if tree.diagnostics or self._problems is not None:
            self.problems.set_diagnostics(tree, self.workspace.path)
        if tree.diagnostics:
            self.problems_dock.show()
            self.problems_dock.raise_()
            self._problems_opened_for_file = True
        elif self._problems_opened_for_file:
            # opened for the last file's problems, not by the user: an empty tab would stay in front
            self.problems_dock.hide()
            self._problems_opened_for_file = False
        if self._search_box is not None:
            self._search_box.setTree(tree)
        if not tree.people and self._details is not None:
            self._details.show_message("This file has no people.")

    def show_media_problems(self, tree: Tree, problems: list[Diagnostic]) -> None:
        """What is wrong with the file's photos, with its other problems (the panel opened for a warning)."""
        if problems or self._problems is not None:
            self.problems.set_media_problems(tree, problems)
        if any(p.severity is not Severity.INFO for p in problems) and self.problems_dock.isHidden():
            self.problems_dock.show()
            self.problems_dock.raise_()
            self._problems_opened_for_file = True

    def _on_chart(self, layout: ChartLayout) -> None:
        if self._search_box is not None:
            self._search_box.setFocusPerson(layout.focus_id)  # rank the chart's family first

    def _on_selection(self, person_id: str) -> None:
        tree = self.workspace.tree
        assert tree is not None
        if self._details is not None:
            self._details.show_person(tree, person_id)
        item = self.scene.item_for(person_id)
        text = person_description(tree.people[person_id], item.box if item is not None else None)
        self.view.setAccessibleDescription(f"Selected: {text}")
        if not self.view.hasFocus():  # with the chart focused, the box's own focus event is read out
            announce(self.view, text)
        self.statusBar().showMessage(shorten(text, 100))  # room for the file's name beside it

    def _on_settings(self, chart: ChartSettings) -> None:
        self.settings.set_chart(chart)
        horizontal = self.actions_by_id["view.horizontal"]
        horizontal.blockSignals(True)
        horizontal.setChecked(chart.orientation is Orientation.HORIZONTAL)
        horizontal.blockSignals(False)

    def _on_history(self, history: History) -> None:
        self.actions_by_id["go.back"].setEnabled(history.can_go_back())
        self.actions_by_id["go.forward"].setEnabled(history.can_go_forward())

    def _on_home(self, person_id: str) -> None:
        self.settings.set_home_person(self.workspace.path, person_id)
        tree = self.workspace.tree
        if tree is not None:
            name = shorten(tree.people[person_id].display_name())
            self.statusBar().showMessage(f"Home person: {name}", 5000)

    # -- commands the actions call -----------------------------------------------------------------
    def open_file(self, path: str, focus: str = "") -> None:
        self.files.open(path, focus)

    def show_source(self, source_id: str) -> None:
        if self.workspace.tree is not None:
            self.details.show_source(self.workspace.tree, source_id)
            self.details_dock.show()

    def set_home_person(self) -> None:
        self.workspace.set_home(self.workspace.selected_id)

    def set_horizontal(self, on: bool) -> None:
        self.workspace.change_settings(orientation=Orientation.HORIZONTAL if on else Orientation.VERTICAL)

    def show_minimap(self, on: bool) -> None:
        self.chart.show_minimap(on)
        self.settings.set(Keys.MINIMAP, on)

    def set_high_contrast(self, on: bool) -> None:
        self.appearance.set_high_contrast(on)
        self.settings.set(Keys.PALETTE, "high-contrast" if on else "screen")

    def focus_search(self) -> None:
        box = self.search_box
        if not box.isVisible():
            bar_layout = self.toolbar.layout()
            if bar_layout is not None:
                bar_layout.activate()  # a box added a moment ago is shown by the layout
        box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        box.selectAll()

    # -- closing --------------------------------------------------------------------
    def close_anyway(self) -> None:
        """Close without asking about unsaved changes (they were saved, or given up)."""
        self._closing = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self._closing and not self.files.ask_about_changes("closing", self.close_anyway):
            event.ignore()  # asked first what becomes of the unsaved changes
            return
        self.settings.save_window(self)
        self.settings.set_zoom(self.workspace.path, self.view.zoom)
        self.settings.sync()
        self.files.close()
        self.photos.close()
        self.appearance.restore()  # the application's palette is shared: give it back
        super().closeEvent(event)


"""The main window: chart in the middle, details on the right, problems below, menus and toolbar."""

from __future__ import annotations

import hashlib
import html
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QPointF, QSettings, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAccessible,
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPalette,
    QShortcut,
    QValidator,
)
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QLabel,
    QMainWindow,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QSpinBox,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from familytree.gedcom.errors import load_error_message
from familytree.layout import ALL_GENERATIONS
from familytree.layout.chart import ChartLayout, ChartType, Orientation
from familytree.model import Severity, Tree
from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT, for_display, shorten
from familytree.render.items import make_sizer, person_description
from familytree.render.palette import Palette
from familytree.render.scene import ChartScene
from familytree.render.text import menu_text, tooltip
from familytree.ui.chart_view import FIT_MAX_ZOOM, ChartView
from familytree.ui.loader import LoadThread, read_tree
from familytree.workspace.navigation import History, Place, neighbour

if TYPE_CHECKING:
    from familytree.ui.details import DetailsPanel
    from familytree.ui.problems import ProblemsPanel

__all__ = ["MainWindow", "SYNC_LOAD_LIMIT", "GEDCOM_FILTER", "APP_NAME"]

APP_NAME = "familytree"
GEDCOM_FILTER = "GEDCOM (*.ged *.gdz *.GED *.GDZ)"
SAVE_FILTER_7 = "GEDCOM 7.0 (*.ged)"
SAVE_FILTER_551 = "GEDCOM 5.5.1 (*.ged)"
SAVE_FILTER_GDZ = "GEDZIP, GEDCOM 7.0 with its media (*.gdz)"
GEDCOM_SUFFIXES = (".ged", ".gdz")
# Files smaller than this are read at once (a blink); larger ones in a thread with a progress bar.
SYNC_LOAD_LIMIT = 2_000_000
MAX_RECENT = 10
MAX_GENERATIONS = 10
ALL_STEP = MAX_GENERATIONS + 1  # the spin boxes' step after 10 reads "all"


def generations(step: int) -> int:
    """The number of generations a spin-box value asks for ("all" is a very large number)."""
    return ALL_GENERATIONS if step >= ALL_STEP else step


class GenerationSpin(QSpinBox):
    """Generations 1 to 10, then "all"; the layout warns when "all" reaches its size limit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(1, ALL_STEP)

    def textFromValue(self, value: int) -> str:
        return "all" if value >= ALL_STEP else str(value)

    def valueFromText(self, text: str) -> int:
        text = text.strip().casefold()
        if text.startswith("a"):
            return ALL_STEP
        return int(text) if text.isdigit() else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        folded = text.strip().casefold()
        if folded and "all".startswith(folded):
            state = QValidator.State.Acceptable if folded == "all" else QValidator.State.Intermediate
            return (state, text, pos)
        return super().validate(text, pos)

READABLE_ZOOM = 0.6  # below this a first view of a big chart shows the focus at 100 % instead of all of it


def _file_key(path: str) -> str:
    """A settings key for a file (settings keys cannot hold every character a path can)."""
    return hashlib.sha1(os.path.abspath(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _plural(n: int, one: str, many: str = "") -> str:
    return f"{n:,} {one if n == 1 else (many or one + 's')}"


def _announce(widget: QWidget, text: str) -> None:
    """Have a running screen reader say `text` (chart boxes are not widgets it can read itself)."""
    if not QAccessible.isActive():
        return
    from PySide6.QtGui import QAccessibleAnnouncementEvent

    QAccessible.updateAccessibility(QAccessibleAnnouncementEvent(widget, text))


def _layout_function() -> Callable[..., ChartLayout]:
    from familytree.layout import layout_chart

    return layout_chart  # type: ignore[no-any-return]


def _exists(module: str) -> bool:
    """Whether an optional module is installed, without the cost of importing it."""
    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


def _is_gedzip(path: str) -> bool:
    return path.lower().endswith(".gdz")


def _optional(module: str, name: str) -> Any:
    """A class from a module another engineer builds, or None while it does not exist yet."""
    try:
        mod = __import__(module, fromlist=[name])
    except ImportError:
        return None
    return getattr(mod, name, None)


class MainWindow(QMainWindow):
    """Browse one family tree file.

    What other parts use: `tree`, `file_path`, `focus_id` (the chart's centre), `selected_id`,
    `current_layout` (the ChartLayout on screen), `chart_type`, `generations_up`/`_down`,
    `orientation`, `scene` (ChartScene), `view` (ChartView), `details` (DetailsPanel),
    `search_box` and `evidence` (or None when not installed); `select_person(id)`,
    `set_focus(id)` (re-centre), `open_file(path)`, `save_to(path, version)`; the signals
    fileLoaded(path), chartChanged() and loadFailed(message).
    """

    fileLoaded = Signal(str)  # noqa: N815 (path, after the chart of a newly opened file is drawn)
    chartChanged = Signal()  # noqa: N815 (after every rebuild of the chart)
    loadFailed = Signal(str)  # noqa: N815 (a sentence naming the file)

    def __init__(self, tree: Tree | None = None, path: str | None = None, focus: str | None = None) -> None:
        super().__init__()
        self.setWindowTitle(APP_NAME)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)
        self.settings = QSettings()
        self.tree: Tree | None = None
        self.file_path = ""
        self.focus_id = ""
        self.selected_id = ""
        self.home_id = ""
        saved_type = self.settings.value("chart/type", "", str)
        self.chart_type = ChartType(saved_type) if saved_type in {c.value for c in ChartType} \
            else ChartType.HOURGLASS
        self.generations_up = self._setting_int("chart/up", 3)
        self.generations_down = self._setting_int("chart/down", 3)
        self.orientation = Orientation.HORIZONTAL \
            if self.settings.value("chart/orientation", "", str) == Orientation.HORIZONTAL.value \
            else Orientation.VERTICAL
        self.history = History()
        self.loader: LoadThread | None = None
        self.last_error = ""
        self.chart_error = ""  # why the last chart could not be drawn, if it could not
        self._pending_focus = ""
        self._sizer = make_sizer()
        self.palette_name = self.settings.value("view/palette", "screen", str)
        self.current_layout = ChartLayout(self.chart_type, "")
        self.scene = ChartScene(Tree(), self.current_layout, self._chart_palette(), parent=self)
        self.view = ChartView(self.scene, self)
        # Above the chart, what the user must know about it (a cycle in the data, the size
        # limit, a chart that could not be drawn): it stays while that chart is shown, where
        # the status bar would lose it to the next selection.
        self.chart_notice = QLabel(self)
        self.chart_notice.setObjectName("chartNotice")
        self.chart_notice.setTextFormat(Qt.TextFormat.PlainText)  # names from the file are data
        self.chart_notice.setWordWrap(True)
        self.chart_notice.setAutoFillBackground(True)
        self.chart_notice.setBackgroundRole(QPalette.ColorRole.ToolTipBase)
        self.chart_notice.setForegroundRole(QPalette.ColorRole.ToolTipText)
        self.chart_notice.setContentsMargins(8, 4, 8, 4)
        self.chart_notice.setAccessibleName("Chart warnings")
        self.chart_notice.hide()
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.chart_notice)
        column.addWidget(self.view, 1)
        self.setCentralWidget(central)
        # The details panel (a rich-text browser) is built just after the chart's first paint:
        # start-up time. Reading `details` builds it at once.
        self._details: DetailsPanel | None = None
        self._problems: ProblemsPanel | None = None  # built when first needed (start-up time)
        self._search_box: Any = None
        self._search_box_tried = False
        self._evidence: Any = None
        self._evidence_tried = False
        self._first_run = False
        self.print_controller: Any = None
        self._build_docks()
        self._build_actions()
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()
        self._connect()
        self._restore_window()
        if tree is not None:
            self._show_tree(tree, path or tree.path, focus or "")
        elif path:
            self.open_file(path, focus=focus)

    # -- construction ------------------------------------------------------------------------
    def _setting_int(self, key: str, default: int) -> int:
        try:
            return max(1, min(ALL_STEP, int(str(self.settings.value(key, default)))))
        except (TypeError, ValueError):
            return default

    def _chart_palette(self) -> Palette:
        return Palette.high_contrast() if self.palette_name == "high-contrast" else Palette.screen()

    def _build_docks(self) -> None:
        self.details_dock = QDockWidget("Details", self)
        self.details_dock.setObjectName("detailsDock")
        placeholder = QWidget(self.details_dock)
        placeholder.setMinimumWidth(300)
        self.details_dock.setWidget(placeholder)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.details_dock)
        self.problems_dock = QDockWidget("Problems", self)
        self.problems_dock.setObjectName("problemsDock")
        self.problems_dock.visibilityChanged.connect(lambda visible: visible and self.problems)
        self.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.problems_dock)
        self.problems_dock.hide()

    @property
    def problems(self) -> ProblemsPanel:
        """The Problems panel, created on first use."""
        if self._problems is None:
            from familytree.ui.problems import ProblemsPanel

            self._problems = ProblemsPanel(self)
            self.problems_dock.setWidget(self._problems)
            self._problems.set_diagnostics(self.tree, self.file_path)
        return self._problems

    def _action(self, text: str, slot: Callable[[], Any], shortcut: Any = None, tip: str = "") -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            sequences: list[QKeySequence] = []
            for s in shortcut if isinstance(shortcut, list) else [shortcut]:
                standard = isinstance(s, QKeySequence.StandardKey)
                keys = QKeySequence.keyBindings(s) if standard else [QKeySequence(s)]
                # the platform's standard keys may already hold an extra one: no ambiguous duplicates
                sequences.extend(k for k in keys if not k.isEmpty() and k not in sequences)
            action.setShortcuts(sequences)
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        keys = QKeySequence.StandardKey
        self.open_action = self._action("&Open…", self.choose_file, keys.Open, "Open a GEDCOM file")
        self.save_action = self._action("&Save", self.save, keys.Save, "Save the file")
        self.save_as_action = self._action("Save &As…", self.save_as, keys.SaveAs,
                                           "Save as GEDCOM 7.0 or 5.5.1")
        self.print_action = self._action("&Print…", lambda: self._print("print_chart"), keys.Print)
        self.preview_action = self._action("Print Pre&view…", lambda: self._print("preview"))
        self.page_setup_action = self._action("Page Set&up…", lambda: self._print("page_setup"))
        self.export_action = self._action("&Export…", lambda: self._print("export_dialog"), "Ctrl+E",
                                          "Export the chart as PDF, SVG or PNG")
        self.quit_action = self._action("&Quit", self.close, keys.Quit)
        self.back_action = self._action("&Back", self.go_back, [keys.Back, "Alt+Left"], "Go back")
        self.forward_action = self._action("&Forward", self.go_forward, [keys.Forward, "Alt+Right"],
                                           "Go forward")
        self.home_action = self._action("&Home", self.go_home, "Alt+Home", "Centre on the home person")
        self.set_home_action = self._action("Set &Home Person", self.set_home_person, None,
                                            "Make the selected person the home person of this file")
        self.fit_action = self._action("&Fit Chart", self.view.fit_all, "Ctrl+1",
                                       "Zoom to see the whole chart")
        self.zoom_selection_action = self._action("Zoom to &Selection", self.view.zoom_to_selection, "Ctrl+2")
        self.zoom_in_action = self._action("Zoom &In", self.view.zoom_in, [keys.ZoomIn, "Ctrl+=", "Ctrl++"])
        self.zoom_out_action = self._action("Zoom &Out", self.view.zoom_out, [keys.ZoomOut, "Ctrl+-"])
        self.zoom_reset_action = self._action("&Actual Size", self.view.reset_zoom, "Ctrl+0")
        self.high_contrast_action = self._action("&High Contrast", self._on_high_contrast_toggled)
        self.high_contrast_action.setCheckable(True)
        self.high_contrast_action.setChecked(self.palette_name == "high-contrast")
        self.minimap_action = self._action("&Minimap", self._on_minimap_toggled)
        self.minimap_action.setCheckable(True)
        self.minimap_action.setChecked(bool(self.settings.value("view/minimap", True, bool)))
        self.view.minimap.enabled_by_user = self.minimap_action.isChecked()
        self.horizontal_action = self._action("Hori&zontal Chart", self._on_orientation_toggled, None,
                                              "Generations as columns, ancestors on the left")
        self.horizontal_action.setCheckable(True)
        self.horizontal_action.setChecked(self.orientation is Orientation.HORIZONTAL)
        self.about_action = self._action("&About familytree", self.about)
        for action in (self.back_action, self.forward_action):
            action.setEnabled(False)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        file_menu.addAction(self.open_action)
        self.recent_menu = file_menu.addMenu("Open &Recent")
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self._fill_recent_menu()
        file_menu.addAction(self.save_action)
        file_menu.addAction(self.save_as_action)
        file_menu.addSeparator()
        # the printing module pulls in QtPrintSupport: imported on first use, not at start-up
        has_printing = _exists("familytree.ui.printing")
        for action in (self.print_action, self.preview_action, self.page_setup_action, self.export_action):
            file_menu.addAction(action)
            action.setEnabled(has_printing)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        view_menu = bar.addMenu("&View")
        view_menu.addAction(self.details_dock.toggleViewAction())
        view_menu.addAction(self.problems_dock.toggleViewAction())
        view_menu.addAction(self.minimap_action)
        view_menu.addSeparator()
        for action in (self.fit_action, self.zoom_selection_action, self.zoom_in_action, self.zoom_out_action,
                       self.zoom_reset_action):
            view_menu.addAction(action)
        view_menu.addSeparator()
        view_menu.addAction(self.horizontal_action)
        view_menu.addAction(self.high_contrast_action)
        go_menu = bar.addMenu("&Go")
        for action in (self.back_action, self.forward_action, self.home_action, self.set_home_action):
            go_menu.addAction(action)
        help_menu = bar.addMenu("&Help")
        help_menu.addAction(self.about_action)

    def _build_toolbar(self) -> None:
        bar = QToolBar("Navigation", self)
        bar.setObjectName("navigationToolbar")
        bar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(bar)
        self.toolbar = bar
        bar.addAction(self.back_action)
        bar.addAction(self.forward_action)
        bar.addAction(self.home_action)
        bar.addSeparator()
        self.chart_combo = QComboBox(self)
        self.chart_combo.setAccessibleName("Chart type")
        for ct in (ChartType.HOURGLASS, ChartType.ANCESTORS, ChartType.DESCENDANTS, ChartType.RELATIVES):
            self.chart_combo.addItem(ct.title, ct.value)
        self.chart_combo.setCurrentIndex(self.chart_combo.findData(self.chart_type.value))
        bar.addWidget(self.chart_combo)
        self.up_spin = self._spin("Generations up", self.generations_up)
        self.down_spin = self._spin("Generations down", self.generations_down)
        bar.addWidget(QLabel(" Up ", self))
        bar.addWidget(self.up_spin)
        bar.addWidget(QLabel(" Down ", self))
        bar.addWidget(self.down_spin)
        bar.addSeparator()
        bar.addAction(self.fit_action)
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        bar.addWidget(spacer)
        QShortcut(QKeySequence.StandardKey.Find, self, self.focus_search)
        # "/" (as in browsers and less) only while the chart has the keyboard: elsewhere it is text
        QShortcut(QKeySequence("/"), self.view, self.focus_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        # Search and the evidence docks are not needed to draw the first chart: built just after.
        self.view.firstPainted.connect(self._install_extras)

    @property
    def details(self) -> DetailsPanel:
        """The details panel, showing the selected person; built on first use."""
        if self._details is None:
            from familytree.ui.details import DetailsPanel

            panel = DetailsPanel(self.details_dock)
            panel.personLinkActivated.connect(self.select_person)
            self._details = panel
            old = self.details_dock.widget()
            self.details_dock.setWidget(panel)
            if old is not None:
                old.deleteLater()
            if self.tree is not None and self.selected_id in self.tree.people:
                panel.show_person(self.tree, self.selected_id)
        return self._details

    def _install_extras(self) -> None:
        self.details  # noqa: B018 (the properties build them)
        self.search_box  # noqa: B018
        if not self._evidence_tried:
            self.evidence  # noqa: B018
        if self._first_run:
            self._first_run = False
            self._size_docks()
            QTimer.singleShot(100, self._size_docks)  # again once the layout has settled the new docks

    @property
    def evidence(self) -> Any:
        """The evidence tools (Timeline, Sources, Conflicts docks, Relationship dialog), or None."""
        if self._evidence is None and not self._evidence_tried:
            self._evidence_tried = True
            install = _optional("familytree.ui.evidence", "install_evidence")
            if install is not None:
                self._evidence = install(self)  # sets self.evidence through the setter below
                state = self.settings.value("window/state")
                if state is not None:
                    self.restoreState(state)  # the new docks go back where the user left them
                self._tabify_bottom_docks()
                mark = _optional("familytree.ui.evidence", "fact_mark_html")
                if mark is not None:
                    details = self.details
                    details.fact_mark = mark
                    if self.tree is not None and details.person_id:
                        details.show_person(self.tree, details.person_id)
        return self._evidence

    @evidence.setter
    def evidence(self, tools: Any) -> None:
        self._evidence = tools
        self._evidence_tried = True

    def _tabify_bottom_docks(self) -> None:
        """Problems shares the bottom area with other panels as a tab, not a narrow column."""
        for dock in self.findChildren(QDockWidget):
            if dock is not self.problems_dock and \
                    self.dockWidgetArea(dock) == Qt.DockWidgetArea.BottomDockWidgetArea:
                self.tabifyDockWidget(dock, self.problems_dock)
                break

    @property
    def search_box(self) -> Any:
        """The toolbar's SearchBox (created on first use), or None when it is not built yet."""
        if self._search_box is None and not self._search_box_tried:
            self._search_box_tried = True
            search_class = _optional("familytree.ui.search_box", "SearchBox")
            if search_class is not None:
                box = search_class(self)
                box.setAccessibleName("Search people and sources")
                box.setMinimumWidth(170)
                box.setMaximumWidth(420)
                box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
                self.toolbar.addWidget(box)
                if hasattr(box, "personChosen"):  # picking a result re-centres the chart on them
                    box.personChosen.connect(self.set_focus)
                if hasattr(box, "sourceChosen"):
                    box.sourceChosen.connect(self.show_source)
                self._search_box = box
                if self.tree is not None and hasattr(box, "setTree"):
                    box.setTree(self.tree)
                if self.focus_id and hasattr(box, "setFocusPerson"):
                    box.setFocusPerson(self.focus_id)
        return self._search_box

    def _spin(self, name: str, value: int) -> QSpinBox:
        spin = GenerationSpin(self)
        spin.setValue(value)
        spin.setAccessibleName(name)
        spin.setToolTip(name)
        return spin

    def _build_status_bar(self) -> None:
        self.file_label = QLabel(self)
        self.file_label.setObjectName("fileStatus")
        self.file_label.setTextFormat(Qt.TextFormat.PlainText)  # a file may be named <img src=...>.ged
        self.statusBar().addPermanentWidget(self.file_label)
        self.progress = QProgressBar(self)
        self.progress.setRange(0, 100)
        self.progress.setMaximumWidth(200)
        self.progress.setAccessibleName("Loading progress")
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.clicked.connect(self.cancel_loading)
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.cancel_button)
        self.progress.hide()
        self.cancel_button.hide()

    def _connect(self) -> None:
        self.scene.personClicked.connect(self.select_person)
        self.scene.personActivated.connect(self.set_focus)
        self.view.activateRequested.connect(self._on_enter)
        self.view.navigateRequested.connect(self.move_selection)
        self.view.backRequested.connect(self.go_back)
        self.view.forwardRequested.connect(self.go_forward)
        self.view.zoomChanged.connect(self._on_zoom_changed)
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):  # the system switched light/dark: follow it
            hints.colorSchemeChanged.connect(self._on_color_scheme_changed)
        self.chart_combo.currentIndexChanged.connect(self._on_chart_type_changed)
        self.up_spin.valueChanged.connect(self._on_generations_changed)
        self.down_spin.valueChanged.connect(self._on_generations_changed)

    def _restore_window(self) -> None:
        geometry = self.settings.value("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1400, 860)
        state = self.settings.value("window/state")
        if state is not None:
            self.restoreState(state)
        self._first_run = state is None  # docks get their sizes once all of them are there

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

    # -- files ---------------------------------------------------------------------------------
    def choose_file(self) -> None:
        start = str(Path(self.file_path).parent) if self.file_path else str(Path.home())
        from PySide6.QtWidgets import QFileDialog

        path, _ = QFileDialog.getOpenFileName(self, "Open a GEDCOM file", start,
                                              f"{GEDCOM_FILTER};;All files (*)")
        if path:
            self.open_file(path)

    def open_file(self, path: str, focus: str | None = None) -> None:
        """Read `path` and show it; small files at once, large ones in a thread with progress."""
        path = str(path)
        self._pending_focus = focus or ""
        if self.loader is not None:
            self.cancel_loading()
        try:
            size = os.path.getsize(path)
        except OSError as error:
            self._report_error(load_error_message(path, error))
            return
        if size < SYNC_LOAD_LIMIT:
            try:
                tree = read_tree(path)
            except Exception as error:  # noqa: BLE001 - any reader failure becomes a message, never a traceback
                self._report_error(load_error_message(path, error))
                return
            if not tree.path:
                tree.path = path
            self._show_tree(tree, path, self._pending_focus)
            return
        self._start_thread(path)

    def _start_thread(self, path: str) -> None:
        loader = LoadThread(path, self)
        self.loader = loader
        loader.progressed.connect(self.progress.setValue)
        loader.loaded.connect(lambda tree, p=path: self._on_thread_loaded(loader, tree, p))
        loader.failed.connect(lambda message: self._on_thread_done(loader, message))
        loader.cancelled.connect(lambda: self._on_thread_done(loader, ""))
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        self.statusBar().showMessage(f"Reading {Path(path).name}…")
        loader.start()

    def _on_thread_loaded(self, loader: LoadThread, tree: Tree, path: str) -> None:
        if loader is not self.loader:
            return  # a load that was cancelled or superseded
        self._finish_thread(loader)
        self._show_tree(tree, path, self._pending_focus)

    def _on_thread_done(self, loader: LoadThread, message: str) -> None:
        if loader is not self.loader:
            return
        self._finish_thread(loader)
        if message:
            self._report_error(message)
        else:
            self.statusBar().showMessage("Loading cancelled", 5000)

    def _finish_thread(self, loader: LoadThread) -> None:
        self.loader = None
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().clearMessage()
        loader.wait(2000)
        loader.deleteLater()

    def cancel_loading(self) -> None:
        """Stop reading the file being loaded; the file on screen stays."""
        loader = self.loader
        if loader is None:
            return
        loader.cancel()
        self.loader = None
        self.progress.hide()
        self.cancel_button.hide()
        self.statusBar().showMessage("Loading cancelled", 5000)
        loader.finished.connect(loader.deleteLater)

    def _report_error(self, message: str) -> None:
        message = for_display(message, TOOLTIP_TEXT)  # it may quote the file
        self.last_error = message
        self.statusBar().showMessage(shorten(message, SHORT_TEXT * 2), 10000)
        self.loadFailed.emit(message)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, message, QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, does not block the event loop

    def _show_tree(self, tree: Tree, path: str, focus: str) -> None:
        self.tree = tree
        self.file_path = path or ""
        self.history.clear()
        self._update_title()
        self._update_status()
        if tree.diagnostics or self._problems is not None:
            self.problems.set_diagnostics(tree, self.file_path)
        if tree.diagnostics:
            self.problems_dock.show()
            self.problems_dock.raise_()
        if self.file_path:
            self._add_recent(self.file_path)
        if self._search_box is not None and hasattr(self._search_box, "setTree"):
            self._search_box.setTree(tree)
        self.home_id = self._saved_home(tree)
        start = self._resolve(focus) if focus else ""
        if focus and not start:
            self.statusBar().showMessage(f"No person {focus!r} in this file; showing the home person", 8000)
        start = start or self.home_id
        self.focus_id = ""
        self.selected_id = ""
        if not start:
            self.current_layout = ChartLayout(self.chart_type, "")
            self.scene.setChart(tree, self.current_layout)
            self._show_chart_notice([])
            self.details.show_message("This file has no people.")
        else:
            drawn = self._rebuild(start)
            self._select(start)
            if not drawn:
                self.statusBar().showMessage(self.chart_error, 10000)
            self.history.visit(Place(self.focus_id, self.selected_id))
            self._initial_zoom()
        self._update_history_actions()
        self.fileLoaded.emit(self.file_path)

    def _resolve(self, text: str) -> str:
        if self.tree is None:
            return ""
        key = text.strip()
        for candidate in (key, f"@{key.strip('@')}@"):
            if candidate in self.tree.people:
                return candidate
        folded = key.casefold()
        for person in self.tree.iter_people():
            if any(folded == t.casefold() for n in person.names for t in n.all_texts()):
                return person.id
        return ""

    def _saved_home(self, tree: Tree) -> str:
        saved = self.settings.value(f"home/{_file_key(self.file_path)}", "", str) if self.file_path else ""
        return saved if saved in tree.people else tree.default_person_id()

    def _initial_zoom(self) -> None:
        saved = self.settings.value("view/zoom")
        try:
            zoom = float(saved) if saved is not None else 0.0
        except (TypeError, ValueError):
            zoom = 0.0
        if zoom > 0:
            self.view.set_zoom(zoom)
        elif self.view.fit_factor(self.scene.sceneRect(), FIT_MAX_ZOOM) >= READABLE_ZOOM:
            self.view.fit_all()
        else:
            self.view.set_zoom(1.0)  # a big chart: readable boxes around the focus, the minimap for the rest
        chart = self.scene.sceneRect()
        visible = self.view.mapToScene(self.view.viewport().rect()).boundingRect()
        if visible.width() >= chart.width() and visible.height() >= chart.height():
            self.view.centerOn(chart.center())  # all of it fits: show it in the middle
        else:
            self._center_on_focus(animate=False)

    def _update_title(self) -> None:
        name = Path(self.file_path).name if self.file_path else "untitled"
        self.setWindowTitle(f"{name} — {APP_NAME}")
        self.setWindowFilePath(self.file_path)

    def _update_status(self) -> None:
        tree = self.tree
        if tree is None:
            self.file_label.setText("")
            return
        name = Path(self.file_path).name if self.file_path else "untitled"
        parts = [name, _plural(len(tree.people), "person", "people"),
                 _plural(len(tree.families), "family", "families"), _plural(len(tree.sources), "source")]
        if tree.diagnostics:
            parts.append(_plural(len(tree.diagnostics), "problem"))
        text = "  ·  ".join(parts)
        self.file_label.setText(text)
        self.file_label.setToolTip(tooltip(self.file_path))

    def _recent_files(self) -> list[str]:
        value = self.settings.value("recentFiles", [])
        if isinstance(value, str):
            return [value] if value else []
        return [str(v) for v in value if v] if isinstance(value, list) else []

    def _add_recent(self, path: str) -> None:
        path = os.path.abspath(path)
        recent = [p for p in self._recent_files() if p != path]
        recent.insert(0, path)
        self.settings.setValue("recentFiles", recent[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self._recent_files()
        for path in recent:
            action = self.recent_menu.addAction(menu_text(Path(path).name))
            action.setToolTip(tooltip(path))
            action.setStatusTip(shorten(path, TOOLTIP_TEXT))
            action.setEnabled(os.path.exists(path))
            action.triggered.connect(lambda _checked=False, p=path: self.open_file(p))
        if not recent:
            empty = self.recent_menu.addAction("(no recent files)")
            empty.setEnabled(False)

    def save(self) -> None:
        if not self.file_path:
            self.save_as()
            return
        tree = self.tree
        if tree is not None and _is_gedzip(self.file_path) and not (tree.people or tree.families):
            # an archive whose GEDCOM was not read (past a limit, damaged): saving would replace it
            unread = [d.message for d in tree.diagnostics if d.line == 0 and d.severity is Severity.ERROR]
            if unread:
                self._report_error(f"{self.file_path}: not saved, since its GEDCOM could not be read "
                                   f"({unread[0]}); saving would replace it with an empty one.")
                return
        five = self.tree is not None and self.tree.header.version.startswith("5")
        # a .gdz stays a .gdz (7.0, with its media)
        self.save_to(self.file_path, "5.5.1" if five and not _is_gedzip(self.file_path) else "7.0")

    def save_as(self) -> None:
        if self.tree is None:
            return
        start = self.file_path or str(Path.home() / "family.ged")
        from PySide6.QtWidgets import QFileDialog

        path, chosen = QFileDialog.getSaveFileName(
            self, "Save as", start, f"{SAVE_FILTER_7};;{SAVE_FILTER_551};;{SAVE_FILTER_GDZ}",
            SAVE_FILTER_GDZ if _is_gedzip(start) else SAVE_FILTER_7)
        if not path:
            return
        if not path.lower().endswith(GEDCOM_SUFFIXES):  # the suffix the user typed wins over the filter's
            path += ".gdz" if chosen == SAVE_FILTER_GDZ else ".ged"
        self.save_to(path, "5.5.1" if chosen == SAVE_FILTER_551 and not _is_gedzip(path) else "7.0")

    def save_to(self, path: str, version: str = "7.0") -> bool:
        """Write the tree with familytree.gedcom.write_file; True when written.

        A .gdz is written as GEDZIP (GEDCOM 7.0) with the media of the archive the tree
        came from; what the save could not take along is said in the status bar and a message.
        """
        if self.tree is None:
            return False
        write_file = _optional("familytree.gedcom", "write_file")
        if write_file is None:
            self._report_error("Saving is not available in this version.")
            return False
        gedzip = _is_gedzip(path)
        version = "7.0" if gedzip else version
        try:
            notes: list[str] = write_file(self.tree, path, version)
        except Exception as error:  # noqa: BLE001 - any writer failure becomes a message, never a traceback
            reason = error.strerror or str(error) if isinstance(error, OSError) else \
                f"{type(error).__name__}: {error}"
            self._report_error(f"{path}: could not be saved ({reason}). The previous file is unchanged.")
            return False
        if gedzip:
            self.tree.path = path  # the media are in the new archive now: the next save takes them from it
        self.file_path = path
        self._add_recent(path)
        self._update_title()
        self._update_status()
        saved = f"Saved {Path(path).name} as {'GEDZIP (GEDCOM 7.0)' if gedzip else f'GEDCOM {version}'}"
        if not notes:
            self.statusBar().showMessage(saved, 5000)
            return True
        self.statusBar().showMessage(f"{saved}; {notes[0]}", 20000)
        from PySide6.QtWidgets import QMessageBox

        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, f"{saved}.\n\n" + "\n\n".join(notes),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()  # window-modal, does not block the event loop
        return True

    def _print(self, method: str) -> None:
        if self.print_controller is None:
            controller_class = _optional("familytree.ui.printing", "PrintController")
            if controller_class is None:
                return
            self.print_controller = controller_class(self)
        if self.print_controller is not None:
            getattr(self.print_controller, method)()

    # -- drag and drop -------------------------------------------------------------------------
    @staticmethod
    def _dropped_file(urls: list[QUrl]) -> str:
        for url in urls:
            if url.isLocalFile() and url.toLocalFile().lower().endswith(GEDCOM_SUFFIXES):
                return url.toLocalFile()
        return ""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls() and self._dropped_file(event.mimeData().urls()):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event.mimeData().urls()) if event.mimeData().hasUrls() else ""
        if path:
            event.acceptProposedAction()
            # open after the drop returns, so the dragging application is not kept waiting
            QTimer.singleShot(0, lambda: self.open_file(path))
        else:
            event.ignore()

    # -- chart ----------------------------------------------------------------------------------
    def _rebuild(self, focus_id: str) -> bool:
        """Lay out the chart around `focus_id` and redraw it; False (and a message) when it cannot be."""
        if self.tree is None:
            return False
        try:
            layout_chart = _layout_function()
            layout = layout_chart(self.tree, self.chart_type, focus_id, generations(self.generations_up),
                                  generations(self.generations_down), self._sizer, self.orientation)
        except ImportError:
            self.chart_error = "The chart layout is not available in this version."
            self._show_chart_notice([self.chart_error])
            return False
        except Exception as error:  # noqa: BLE001 - a layout failure on odd data must not take the window down
            name = shorten(self.tree.people[focus_id].display_name())
            self.chart_error = shorten(f"The chart around {name} could not be drawn: {error}", SHORT_TEXT * 2)
            self._show_chart_notice([self.chart_error])
            return False
        self.chart_error = ""
        self.focus_id = focus_id
        self.current_layout = layout
        self.scene.setChart(self.tree, layout)
        if self._search_box is not None and hasattr(self._search_box, "setFocusPerson"):
            self._search_box.setFocusPerson(focus_id)
        self._show_chart_notice(layout.warnings)
        self.view.refresh_minimap()
        self.chartChanged.emit()
        return True

    def _show_chart_notice(self, lines: list[str]) -> None:
        """Say what is wrong with the chart shown above it, or hide the notice when nothing is."""
        shown = lines[:4]
        if len(lines) > len(shown):
            shown.append(f"… and {len(lines) - len(shown)} more like these.")
        self.chart_notice.setText("\n".join(f"\u26a0 {for_display(line, SHORT_TEXT * 2)}" for line in shown))
        self.chart_notice.setVisible(bool(lines))

    def _center_on_focus(self, animate: bool = True) -> None:
        item = self.scene.item_for(self.focus_id)
        if item is not None:
            self.view.center_on_animated(item.sceneBoundingRect().center(), animate)

    def set_focus(self, person_id: str, record: bool = True) -> None:
        """Re-centre the chart on a person (double-click, Enter, links to people off the chart)."""
        if self.tree is None or person_id not in self.tree.people:
            return
        before = self.scene.item_for(person_id)
        on_screen = None if before is None else self.view.mapFromScene(before.sceneBoundingRect().center())
        drawn = self._rebuild(person_id)
        self._select(person_id)
        if not drawn:
            self.statusBar().showMessage(self.chart_error, 10000)
        after = self.scene.item_for(person_id)
        if after is not None:
            target = after.sceneBoundingRect().center()
            if on_screen is not None:
                # keep the box where the user saw it, then glide it to the middle
                offset = QPointF(self.view.viewport().rect().center() - on_screen) / max(self.view.zoom, 1e-6)
                self.view.centerOn(target + offset)
            self.view.center_on_animated(target, animate=True)
        if record:
            self.history.visit(Place(self.focus_id, self.selected_id))
            self._update_history_actions()

    def select_person(self, person_id: str, record: bool = True) -> None:
        """Select a person: on the chart if drawn, else re-centre the chart on them."""
        if self.tree is None or person_id not in self.tree.people:
            return
        if self.scene.item_for(person_id) is None:
            self.set_focus(person_id, record)
            return
        self._select(person_id)
        if record:
            self.history.visit(Place(self.focus_id, self.selected_id))
            self._update_history_actions()

    def _select(self, person_id: str) -> None:
        assert self.tree is not None
        self.scene.select_person(person_id)
        self.selected_id = person_id
        if self._details is not None:
            self._details.show_person(self.tree, person_id)
        item = self.scene.item_for(person_id)
        person = self.tree.people[person_id]
        text = person_description(person, item.box if item is not None else None)
        self.view.setAccessibleDescription(f"Selected: {text}")
        if not self.view.hasFocus():  # with the chart focused, the box's own focus event is read out
            _announce(self.view, text)
        self.statusBar().showMessage(text)
        if item is not None:
            self.view.ensureVisible(item, 40, 40)

    def show_source(self, source_id: str) -> None:
        if self.tree is not None:
            self.details.show_source(self.tree, source_id)
            self.details_dock.show()

    def _on_enter(self) -> None:
        if self.selected_id:
            self.set_focus(self.selected_id)

    def move_selection(self, direction: str) -> None:
        """Arrow keys: up to a parent, down to a child, left/right to a partner or sibling."""
        if self.tree is None or not self.selected_id:
            return
        target = neighbour(self.tree, self.current_layout, self.selected_id, direction)
        if target:
            self.select_person(target)

    def _go_to(self, place: Place | None) -> None:
        if place is None or self.tree is None:
            return
        if place.focus_id != self.focus_id:
            self.set_focus(place.focus_id, record=False)
        if place.selected_id and place.selected_id in self.tree.people:
            self.select_person(place.selected_id, record=False)
        self._update_history_actions()

    def go_back(self) -> None:
        self._go_to(self.history.back())

    def go_forward(self) -> None:
        self._go_to(self.history.forward())

    def go_home(self) -> None:
        if self.home_id:
            self.set_focus(self.home_id)

    def set_home_person(self) -> None:
        if self.tree is None or not self.selected_id:
            return
        self.home_id = self.selected_id
        if self.file_path:
            self.settings.setValue(f"home/{_file_key(self.file_path)}", self.home_id)
        self.statusBar().showMessage(f"Home person: {shorten(self.tree.people[self.home_id].display_name())}",
                                     5000)

    def _update_history_actions(self) -> None:
        self.back_action.setEnabled(self.history.can_go_back())
        self.forward_action.setEnabled(self.history.can_go_forward())

    def focus_search(self) -> None:
        box = self.search_box
        if box is not None:
            if not box.isVisible():
                bar_layout = self.toolbar.layout()
                if bar_layout is not None:
                    bar_layout.activate()  # a box added a moment ago is shown by the layout
            box.setFocus(Qt.FocusReason.ShortcutFocusReason)
            box.selectAll()

    # -- settings-backed toggles -----------------------------------------------------------------
    def _on_chart_type_changed(self, index: int) -> None:
        self.chart_type = ChartType(self.chart_combo.itemData(index))
        self.settings.setValue("chart/type", self.chart_type.value)
        self._redraw_keeping_selection()

    def _on_generations_changed(self, _value: int) -> None:
        self.generations_up = self.up_spin.value()
        self.generations_down = self.down_spin.value()
        self.settings.setValue("chart/up", self.generations_up)
        self.settings.setValue("chart/down", self.generations_down)
        self._redraw_keeping_selection()

    def _redraw_keeping_selection(self) -> None:
        if self.tree is None or not self.focus_id:
            return
        selected = self.selected_id
        self._rebuild(self.focus_id)
        if selected and self.scene.item_for(selected) is not None:
            self._select(selected)
        else:
            self._select(self.focus_id)
        self._center_on_focus(animate=False)

    def _on_orientation_toggled(self) -> None:
        horizontal = self.horizontal_action.isChecked()
        self.orientation = Orientation.HORIZONTAL if horizontal else Orientation.VERTICAL
        self.settings.setValue("chart/orientation", self.orientation.value)
        self._redraw_keeping_selection()

    def _on_zoom_changed(self, zoom: float) -> None:
        self.settings.setValue("view/zoom", zoom)

    def _on_high_contrast_toggled(self) -> None:
        self.palette_name = "high-contrast" if self.high_contrast_action.isChecked() else "screen"
        self.settings.setValue("view/palette", self.palette_name)
        self.scene.setChartPalette(self._chart_palette())
        self.view.refresh_minimap()

    def _on_color_scheme_changed(self, *_args: object) -> None:
        self.scene.setChartPalette(self._chart_palette())
        self.view.refresh_minimap()

    def _on_minimap_toggled(self) -> None:
        self.view.minimap.enabled_by_user = self.minimap_action.isChecked()
        self.settings.setValue("view/minimap", self.minimap_action.isChecked())
        self.view.refresh_minimap()

    def about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from familytree import __version__

        QMessageBox.about(
            self, f"About {APP_NAME}",
            f"<h3>familytree {html.escape(__version__)}</h3>"
            "<p>A desktop genealogy explorer: browse a family, read what the sources say, "
            "search every spelling of a name, print tree charts. Opens GEDCOM 5.5.1 and 7.0.</p>"
            "<p>It opens on the family of Sergei Sedov (1908–1937), son of Leon Trotsky and "
            "Natalia Sedova.</p>")

    # -- closing -----------------------------------------------------------------------------------
    def save_settings(self) -> None:
        self.settings.setValue("window/geometry", self.saveGeometry())
        self.settings.setValue("window/state", self.saveState())
        self.settings.setValue("view/zoom", self.view.zoom)
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_settings()
        if self.loader is not None:
            loader = self.loader
            self.cancel_loading()
            loader.wait(3000)
        super().closeEvent(event)


def app_icon() -> QIcon:
    from familytree.paths import resources_dir

    path = resources_dir() / "familytree.svg"
    return QIcon(str(path)) if path.exists() else QIcon()

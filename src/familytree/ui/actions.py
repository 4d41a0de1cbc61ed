"""Every window action declared once, as data: id, words, keys, menu and handler.

The menus, the toolbar and Help > Keyboard Shortcuts are all built from `ACTIONS`,
so a command is named, bound and listed in one place.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMenu,
    QMenuBar,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
)

if TYPE_CHECKING:
    from familytree.ui.main_window import MainWindow

__all__ = ["ACTIONS", "ActionSpec", "Menu", "build_actions", "build_menus", "shortcuts_table"]

Keys = QKeySequence.StandardKey


class Menu(Enum):
    """The menu bar, in order; the value is the title with its mnemonic."""

    FILE = "&File"
    VIEW = "&View"
    GO = "&Go"
    TOOLS = "&Tools"
    HELP = "&Help"


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One command: `run` is called with the window; a checkable one's `toggle` gets the new state."""

    id: str
    text: str
    run: Callable[[MainWindow], object] | None = None
    toggle: Callable[[MainWindow, bool], object] | None = None
    menu: Menu | None = None
    section: int = 0  # menus put a separator between sections
    keys: tuple[QKeySequence.StandardKey | str, ...] = ()
    tip: str = ""
    toolbar: bool = False
    startup: bool = True  # False: disabled until the window enables it (Back before there is a past)


ACTIONS: tuple[ActionSpec, ...] = (
    # File
    ActionSpec("file.open", "&Open…", lambda w: w.files.choose(), menu=Menu.FILE, keys=(Keys.Open,),
               tip="Open a GEDCOM file"),
    ActionSpec("file.save", "&Save", lambda w: w.files.save(), menu=Menu.FILE, keys=(Keys.Save,),
               tip="Save the file"),
    ActionSpec("file.save_as", "Save &As…", lambda w: w.files.save_as(), menu=Menu.FILE, keys=(Keys.SaveAs,),
               tip="Save as GEDCOM 7.0, 5.5.1 or GEDZIP"),
    ActionSpec("file.print", "&Print…", lambda w: w.printing.print_chart(), menu=Menu.FILE, section=1,
               keys=(Keys.Print,), tip="Print the chart"),
    ActionSpec("file.preview", "Print Pre&view…", lambda w: w.printing.preview(), menu=Menu.FILE, section=1,
               tip="See the pages before printing"),
    ActionSpec("file.page_setup", "Page Set&up…", lambda w: w.printing.page_setup(), menu=Menu.FILE,
               section=1, tip="Paper size, orientation and margins"),
    ActionSpec("file.export", "&Export…", lambda w: w.printing.export_dialog(), menu=Menu.FILE, section=1,
               keys=("Ctrl+E",), tip="Export the chart as PDF, SVG or PNG"),
    ActionSpec("file.quit", "&Quit", lambda w: w.close(), menu=Menu.FILE, section=2, keys=(Keys.Quit,)),
    # View (the panels' own show/hide entries come first: the window adds them)
    ActionSpec("view.minimap", "&Minimap", toggle=lambda w, on: w.show_minimap(on), menu=Menu.VIEW,
               section=1, tip="A small map of a chart larger than the window"),
    ActionSpec("view.fit", "&Fit Chart", lambda w: w.chart.view.fit_all(), menu=Menu.VIEW, section=2,
               keys=("Ctrl+1",), tip="Zoom to see the whole chart", toolbar=True),
    ActionSpec("view.zoom_selection", "Zoom to &Selection", lambda w: w.chart.view.zoom_to_selection(),
               menu=Menu.VIEW, section=2, keys=("Ctrl+2",)),
    ActionSpec("view.zoom_in", "Zoom &In", lambda w: w.chart.view.zoom_in(), menu=Menu.VIEW, section=2,
               keys=(Keys.ZoomIn, "Ctrl+=", "Ctrl++")),
    ActionSpec("view.zoom_out", "Zoom &Out", lambda w: w.chart.view.zoom_out(), menu=Menu.VIEW, section=2,
               keys=(Keys.ZoomOut, "Ctrl+-")),
    ActionSpec("view.actual_size", "&Actual Size", lambda w: w.chart.view.reset_zoom(), menu=Menu.VIEW,
               section=2, keys=("Ctrl+0",)),
    ActionSpec("view.horizontal", "Hori&zontal Chart", toggle=lambda w, on: w.set_horizontal(on),
               menu=Menu.VIEW, section=3, tip="Generations as columns, ancestors on the left"),
    ActionSpec("view.high_contrast", "&High Contrast", toggle=lambda w, on: w.set_high_contrast(on),
               menu=Menu.VIEW, section=3),
    # Go
    ActionSpec("go.back", "&Back", lambda w: w.workspace.back(), menu=Menu.GO, keys=(Keys.Back, "Alt+Left"),
               tip="Go back", toolbar=True, startup=False),
    ActionSpec("go.forward", "&Forward", lambda w: w.workspace.forward(), menu=Menu.GO,
               keys=(Keys.Forward, "Alt+Right"), tip="Go forward", toolbar=True, startup=False),
    ActionSpec("go.home", "&Home", lambda w: w.workspace.go_home(), menu=Menu.GO, keys=("Alt+Home",),
               tip="Centre on the home person", toolbar=True),
    ActionSpec("go.set_home", "Set &Home Person", lambda w: w.set_home_person(), menu=Menu.GO,
               tip="Make the selected person the home person of this file"),
    ActionSpec("go.find", "&Find Person…", lambda w: w.focus_search(), menu=Menu.GO, section=1,
               keys=(Keys.Find,), tip="Search names in any spelling, and the texts of the sources"),
    # Tools
    ActionSpec("tools.relationship", "&Relationship…", lambda w: w.evidence.open_relationship(),
               menu=Menu.TOOLS, keys=("Ctrl+Shift+R",),
               tip="How two people are related, and the path between them"),
    # Help
    ActionSpec("help.shortcuts", "&Keyboard Shortcuts", lambda w: show_shortcuts(w), menu=Menu.HELP,
               keys=(Keys.HelpContents,), tip="Every key the window answers to"),
    ActionSpec("help.about", "&About familytree", lambda w: show_about(w), menu=Menu.HELP, section=1),
)

# Keys that belong to the chart rather than to a menu command, listed with the others.
CHART_KEYS: tuple[tuple[str, str], ...] = (
    ("Arrow keys", "Walk to a parent (up), a child (down), a partner or sibling (left, right)"),
    ("Enter, double-click", "Centre the chart on the selected person"),
    ("/", "Search (while the chart has the keyboard)"),
    ("Wheel, Ctrl+wheel", "Zoom around the pointer"),
)


def key_sequences(keys: Iterable[QKeySequence.StandardKey | str]) -> list[QKeySequence]:
    """The sequences for a spec's keys: the platform's standard ones first, no empty or repeated one."""
    out: list[QKeySequence] = []
    for key in keys:
        if isinstance(key, QKeySequence.StandardKey):
            found = QKeySequence.keyBindings(key)
        else:
            found = [QKeySequence(key)]
        out.extend(k for k in found if not k.isEmpty() and k not in out)
    return out


def build_actions(window: MainWindow, specs: Iterable[ActionSpec] = ACTIONS) -> dict[str, QAction]:
    """One QAction per spec, parented to the window, its shortcut live window-wide."""
    actions: dict[str, QAction] = {}
    for spec in specs:
        action = QAction(spec.text, window)
        action.setObjectName(spec.id)
        action.setShortcuts(key_sequences(spec.keys))
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(spec.tip)
        if spec.toggle is not None:
            action.setCheckable(True)
            action.toggled.connect(lambda on, s=spec: s.toggle(window, on))  # type: ignore[misc]
        elif spec.run is not None:
            action.triggered.connect(lambda _checked=False, s=spec: s.run(window))  # type: ignore[misc]
        action.setEnabled(spec.startup)
        if spec.menu is None:
            window.addAction(action)  # no menu: the window itself carries the shortcut
        actions[spec.id] = action
    return actions


def build_menus(bar: QMenuBar, actions: dict[str, QAction],
                specs: Iterable[ActionSpec] = ACTIONS) -> dict[Menu, QMenu]:
    """The menu bar's menus in `Menu` order, each spec's action in its section."""
    menus = {m: bar.addMenu(m.value) for m in Menu}
    last: dict[Menu, int] = {}
    for spec in specs:
        if spec.menu is None:
            continue
        menu = menus[spec.menu]
        if spec.menu in last and last[spec.menu] != spec.section:
            menu.addSeparator()
        last[spec.menu] = spec.section
        menu.addAction(actions[spec.id])
    return menus


def shortcuts_table(actions: dict[str, QAction],
                    specs: Iterable[ActionSpec] = ACTIONS) -> list[tuple[str, str]]:
    """(keys, what they do) for every declared action with keys, then the chart's own keys."""
    rows = []
    native = QKeySequence.SequenceFormat.NativeText
    for spec in specs:
        # the platform's standard keys include keyboard keys of their own ("Open", "Back"): not typed
        typed = [k.toString(native) for k in actions[spec.id].shortcuts()]
        keys = ", ".join(k for k in typed if "+" in k or len(k) <= 3)
        if keys:
            rows.append((keys, spec.text.replace("&", "").rstrip("…")))
    return rows + list(CHART_KEYS)


def show_about(window: MainWindow) -> None:
    from familytree import __version__

    QMessageBox.about(
        window, "About familytree",
        f"<h3>familytree {html.escape(__version__)}</h3>"
        "<p>A desktop genealogy explorer: browse a family, read what the sources say, "
        "search every spelling of a name, print tree charts. Opens GEDCOM 5.5.1 and 7.0.</p>"
        "<p>It opens on the family of Sergei Sedov (1908–1937), son of Leon Trotsky and "
        "Natalia Sedova.</p>")


def show_shortcuts(window: MainWindow) -> QDialog:
    dialog = QDialog(window)
    dialog.setWindowTitle("Keyboard Shortcuts")
    text = QTextBrowser(dialog)
    table = shortcuts_table(window.actions_by_id)
    rows = "".join(f"<tr><td style='padding-right:16px'><b>{html.escape(keys)}</b></td>"
                   f"<td>{html.escape(what)}</td></tr>" for keys, what in table)
    text.setHtml(f"<table>{rows}</table>")  # our own words only: nothing from a file
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, dialog)
    buttons.rejected.connect(dialog.close)
    column = QVBoxLayout(dialog)
    column.addWidget(text)
    column.addWidget(buttons)
    dialog.resize(560, 520)
    dialog.show()
    return dialog


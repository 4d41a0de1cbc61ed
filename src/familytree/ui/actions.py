"""Every window action declared once, as data: id, words, keys, menu and handler.

The menus, the toolbar and Help > Keyboard Shortcuts are all built from `ACTIONS`,
so a command is named, bound and listed in one place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import replace
from enum import Enum
from typing import TYPE_CHECKING, NamedTuple

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from familytree.model.slotted import slotted
from familytree.ui.folding import fold_selected
from familytree.workspace.folds import Side

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from familytree.ui.main_window import MainWindow

__all__ = ["ACTIONS", "ActionSpec", "Menu", "Shortcut", "build_actions", "build_menus", "chart_action_id",
           "shortcuts_table"]

Keys = QKeySequence.StandardKey


class Menu(Enum):
    """The menu bar, in order; the value is the title with its mnemonic."""

    FILE = "&File"
    EDIT = "&Edit"
    VIEW = "&View"
    GO = "&Go"
    TOOLS = "&Tools"
    HELP = "&Help"


@slotted(frozen=True)
class ActionSpec:
    """One command: `run` is called with the window; a checkable one's `toggle` gets the new state.

    `keys` work anywhere in the window. `chart_keys` work while the chart has the keyboard:
    plain keys (Home, the arrows) that in a text field or a list move the cursor or the row.
    """

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
    chart_keys: tuple[str, ...] = ()
    checked: Callable[[MainWindow], bool] | None = None  # a checkable one's state when the window opens


def _centre_on_selected(window: MainWindow) -> None:
    if window.workspace.selected_id:
        window.workspace.set_focus(window.workspace.selected_id)


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
               keys=("Ctrl+Shift+E",), tip="Export the chart as PDF, SVG or PNG"),
    ActionSpec("file.quit", "&Quit", lambda w: w.close(), menu=Menu.FILE, section=2, keys=(Keys.Quit,)),
    # Edit (Undo and Redo say what they undo and redo: ui/editing.py; the relatives: ui/relatives_menu.py)
    ActionSpec("edit.undo", "&Undo", lambda w: w.editing.undo(), menu=Menu.EDIT, keys=(Keys.Undo,),
               tip="Undo the last change", startup=False),
    ActionSpec("edit.redo", "&Redo", lambda w: w.editing.redo(), menu=Menu.EDIT,
               keys=(Keys.Redo, "Ctrl+Shift+Z"), tip="Do again the change last undone", startup=False),
    ActionSpec("edit.person", "&Edit Person…", lambda w: edit_person(w), menu=Menu.EDIT, section=1,
               keys=("Ctrl+E",), tip="Names, sex, facts and their sources, notes of the selected person"),
    ActionSpec("edit.add_parent", "Add &Parent…", lambda w: w.editing.relatives.add_new("parent"),
               menu=Menu.EDIT, section=1, tip="Add a new person as a parent of the selected person",
               startup=False),
    ActionSpec("edit.add_partner", "Add P&artner…", lambda w: w.editing.relatives.add_new("partner"),
               menu=Menu.EDIT, section=1, tip="Add a new person as a partner of the selected person",
               startup=False),
    ActionSpec("edit.add_child", "Add &Child…", lambda w: w.editing.relatives.add_new("child"),
               menu=Menu.EDIT, section=1, tip="Add a new person as a child of the selected person",
               startup=False),
    ActionSpec("edit.add_sibling", "Add &Sibling…", lambda w: w.editing.relatives.add_new("sibling"),
               menu=Menu.EDIT, section=1, tip="Add a new person as a sister or brother of the selected one",
               startup=False),
    ActionSpec("edit.delete_person", "&Delete Person…", lambda w: w.editing.relatives.delete(),
               menu=Menu.EDIT, section=2, chart_keys=("Delete",),
               tip="Delete the selected person, and their links to others (after a question)", startup=False),
    # View (the panels' own show/hide entries come first: the window adds them)
    ActionSpec("view.minimap", "&Minimap", toggle=lambda w, on: w.show_minimap(on), menu=Menu.VIEW,
               section=1, tip="A small map of a chart larger than the window"),
    ActionSpec("view.legend", "&Legend", toggle=lambda w, on: show_legend(w, on), menu=Menu.VIEW, section=1,
               tip="What the chart's solid, dashed and dotted lines mean"),
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
    ActionSpec("view.compact", "&Compact Chart", toggle=lambda w, on: set_compact(w, on), menu=Menu.VIEW,
               section=3, toolbar=True, checked=lambda w: w.workspace.settings.layout.compact,
               tip="Partners in one box, a line a person, tight spacing: a large family on fewer pages"),
    ActionSpec("view.high_contrast", "&High Contrast", toggle=lambda w, on: w.set_high_contrast(on),
               menu=Menu.VIEW, section=3),
    ActionSpec("view.portraits", "&Portraits", toggle=lambda w, on: w.photos.set_enabled(on), menu=Menu.VIEW,
               section=3, tip="Each person's photo in their box on the chart, when the file has photos"),
    ActionSpec("view.fold_descendants", "Fold &Descendants",
               toggle=lambda w, on: fold_selected(w.workspace, Side.DESCENDANTS, on), menu=Menu.VIEW,
               section=4, startup=False, tip="Hide the selected person's descendants, or show them again "
               "(the handle on their box does the same)"),
    ActionSpec("view.fold_ancestors", "Fold A&ncestors",
               toggle=lambda w, on: fold_selected(w.workspace, Side.ANCESTORS, on), menu=Menu.VIEW,
               section=4, startup=False, tip="Hide the selected person's ancestors, or show them again "
               "(the handle on their box does the same)"),
    ActionSpec("view.collapse_all", "Collaps&e All", lambda w: w.workspace.collapse_all(), menu=Menu.VIEW,
               section=4, startup=False, tip="Fold every branch but the centre person's own, to open "
               "them one at a time with the handles on the boxes"),
    ActionSpec("view.expand_all", "E&xpand All", lambda w: w.workspace.expand_all(), menu=Menu.VIEW,
               section=4, startup=False, tip="Unfold every folded branch"),
    # Go
    ActionSpec("go.back", "&Back", lambda w: w.workspace.back(), menu=Menu.GO, keys=(Keys.Back, "Alt+Left"),
               tip="Go back", toolbar=True, startup=False),
    ActionSpec("go.forward", "&Forward", lambda w: w.workspace.forward(), menu=Menu.GO,
               keys=(Keys.Forward, "Alt+Right"), tip="Go forward", toolbar=True, startup=False),
    ActionSpec("go.home", "&Home", lambda w: w.workspace.go_home(), menu=Menu.GO, keys=("Alt+Home",),
               chart_keys=("Home",), tip="Centre on the home person", toolbar=True),
    ActionSpec("go.set_home", "Set &Home Person", lambda w: w.set_home_person(), menu=Menu.GO,
               tip="Make the selected person the home person of this file"),
    ActionSpec("go.find", "&Find Person…", lambda w: w.focus_search(), menu=Menu.GO, section=1,
               keys=(Keys.Find,), tip="Search names in any spelling, and the texts of the sources"),
    # Tools
    ActionSpec("tools.relationship", "&Relationship…", lambda w: w.evidence.open_relationship(),
               menu=Menu.TOOLS, keys=("Ctrl+Shift+R",),
               tip="How two people are related, and the path between them"),
    # Help
    ActionSpec("help.guide", "&User Guide", lambda w: show_guide(w), menu=Menu.HELP,
               tip="How to read the charts, the panels, searching and printing"),
    ActionSpec("help.shortcuts", "&Keyboard Shortcuts", lambda w: show_shortcuts(w), menu=Menu.HELP,
               keys=(Keys.HelpContents,), tip="Every key the window answers to"),
    ActionSpec("help.about", "&About familytree", lambda w: show_about(w), menu=Menu.HELP, section=1),
    # The chart's own keys: no menu entry, listed under "On the chart"
    ActionSpec("chart.up", "Select a parent", lambda w: w.workspace.move_selection("up"), chart_keys=("Up",)),
    ActionSpec("chart.down", "Select a child", lambda w: w.workspace.move_selection("down"),
               chart_keys=("Down",)),
    ActionSpec("chart.left", "Select the partner or sibling on the left",
               lambda w: w.workspace.move_selection("left"), chart_keys=("Left",)),
    ActionSpec("chart.right", "Select the partner or sibling on the right",
               lambda w: w.workspace.move_selection("right"), chart_keys=("Right",)),
    ActionSpec("chart.centre", "Centre the chart on the selected person", _centre_on_selected,
               chart_keys=("Return", "Enter")),
    ActionSpec("chart.search", "Search", lambda w: w.focus_search(), chart_keys=("/",)),
)

# What the mouse does on the chart, listed after the keys.
MOUSE: tuple[tuple[str, str], ...] = (
    ("Click", "Select a person"),
    ("Double-click", "Centre the chart on a person"),
    ("Click the − or + on a box's edge", "Fold or unfold that person's descendants (below) or ancestors "
     "(above)"),
    ("Wheel", "Zoom around the pointer"),
    ("Drag", "Move the chart"),
    ("Back, Forward buttons", "Go back, go forward"),
    ("Right-click a person", "Add or link relatives, remove a link, delete; Compare, Relationship…"),
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


def chart_action_id(action_id: str) -> str:
    """The id under which `build_actions` keeps the chart's own action for a command's chart keys."""
    return f"{action_id}:chart"


def build_actions(window: MainWindow, specs: Iterable[ActionSpec] = ACTIONS) -> dict[str, QAction]:
    """One QAction per spec, parented to the window, its keys live window-wide; and for a spec with
    chart keys a second one on the chart, its keys live only while the chart has the keyboard."""
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
            action.setChecked(spec.checked is not None and spec.checked(window))  # (before it is heard)
            action.toggled.connect(lambda on, s=spec: s.toggle(window, on))  # type: ignore[misc]
        elif spec.run is not None:
            action.triggered.connect(lambda _checked=False, s=spec: s.run(window))  # type: ignore[misc]
        action.setEnabled(spec.startup)
        if spec.menu is None:
            window.addAction(action)  # no menu: the window itself carries the shortcut
        actions[spec.id] = action
        if spec.chart_keys:
            on_chart = QAction(spec.text, window.view)
            on_chart.setObjectName(chart_action_id(spec.id))
            on_chart.setShortcuts(key_sequences(spec.chart_keys))
            on_chart.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            on_chart.triggered.connect(action.trigger)  # one command, whichever key ran it
            window.view.addAction(on_chart)
            actions[chart_action_id(spec.id)] = on_chart
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


class Shortcut(NamedTuple):
    """A line of Help > Keyboard Shortcuts."""

    keys: str  # as the platform writes them: "Ctrl+O", "Home"
    what: str
    where: str  # one of PLACES


PLACES = ("Anywhere in the window", "On the chart", "With the mouse on the chart")


# Keys one types besides letters, digits, signs and F-keys; the platform's standard bindings also
# name keys only some keyboards have ("Open", "Back", "Shift+Save"), which are left out.
TYPED_KEYS = frozenset({"Home", "End", "Left", "Right", "Up", "Down", "PgUp", "PgDown", "Ins", "Del",
                        "Esc", "Tab", "Space", "Backspace", "Return", "Enter"})


def _typed(action: QAction) -> str:
    """The keys of an action that one types, as the platform writes them."""
    native = QKeySequence.SequenceFormat.NativeText
    typed = []
    for key in action.shortcuts():
        text = key.toString(native)
        last = text[text.rfind("+", 0, len(text) - 1) + 1:]  # "Ctrl++" ends in "+"
        if len(last) <= 3 or last in TYPED_KEYS:
            typed.append(text)
    return ", ".join(typed)


def shortcuts_table(actions: dict[str, QAction], specs: Iterable[ActionSpec] = ACTIONS) -> list[Shortcut]:
    """Every key bound to a declared command, where it works, then what the mouse does."""
    window_rows, chart_rows = [], []
    for spec in specs:
        what = spec.text.replace("&", "").rstrip("…")
        keys = _typed(actions[spec.id])
        if keys:
            window_rows.append(Shortcut(keys, what, PLACES[0]))
        if spec.chart_keys:  # a chart key has only its key to say what it is: the tip says more
            chart_keys = _typed(actions[chart_action_id(spec.id)])
            chart_rows.append(Shortcut(chart_keys, spec.tip or what, PLACES[1]))
    return window_rows + chart_rows + [Shortcut(keys, what, PLACES[2]) for keys, what in MOUSE]


def show_about(window: MainWindow) -> None:
    import html

    from PySide6.QtWidgets import QMessageBox  # (dialogs' classes are made when first shown: start-up)

    from familytree import __version__

    QMessageBox.about(
        window, "About familytree",
        f"<h3>familytree {html.escape(__version__)}</h3>"
        "<p>A desktop genealogy explorer: browse a family, read what the sources say, "
        "search every spelling of a name, print tree charts. Opens GEDCOM 5.5.1 and 7.0.</p>"
        "<p>It opens on the family of Sergei Sedov (1908–1937), son of Leon Trotsky and "
        "Natalia Sedova.</p>")


def show_shortcuts(window: MainWindow) -> QDialog:
    import html

    from familytree.ui.guide import help_window

    table = shortcuts_table(window.actions_by_id)
    rows = []  # one table, so that the columns line up across the places
    for place in PLACES:
        rows.append(f"<tr><td colspan='2' style='padding-top:10px'><b><big>{place}</big></b></td></tr>")
        rows.extend(f"<tr><td style='padding-right:16px'><b>{html.escape(row.keys)}</b></td>"
                    f"<td>{html.escape(row.what)}</td></tr>" for row in table if row.where == place)
    # our own words only: nothing from a file; every line without scrolling
    return help_window(window, "Keyboard Shortcuts", f"<table>{''.join(rows)}</table>", 600, 690)


def show_legend(window: MainWindow, on: bool) -> None:
    from familytree.ui.legend import show_legend as show

    show(window, on)


def set_compact(window: MainWindow, on: bool) -> None:
    """Draw the charts compact or not (remembered with the chart's settings)."""
    window.workspace.change_settings(layout=replace(window.workspace.settings.layout, compact=on))


def edit_person(window: MainWindow) -> QDialog | None:
    from familytree.ui.person_editor import edit_person as edit

    return edit(window)


def show_guide(window: MainWindow) -> QDialog:
    from familytree.ui.guide import show_guide as show

    return show(window)

"""Take a screenshot of the real main window (run under Xvfb).

    xvfb-run -a -s "-screen 0 1600x1000x24" python -m familytree.ui.screenshot resources/screenshot.png

--action runs a declared command (ui/actions.py) once the file is shown, in the order given:
--action view.high_contrast twice shows high contrast turned on and off again; help.shortcuts,
help.guide and view.legend open their windows; file.export and file.preview open the Export
dialog and the Print Preview, showing living people as --living says (show, name, private, omit).

--demo-edits makes a few changes as a user would (a daughter added to Yulia, her birth, Yulia's
residence, the last undone); --dock history shows the History dock; --person-menu ID opens the
chart's right-click menu on that person (ID:SUBMENU opens one of its submenus too, by its name:
link_existing, remove_link, reorder, relations, partnership); --close asks to close the window
(with unsaved changes: the question).

--edit opens an editor beside the chart: person (the selected person's), family (--edit-id, else
the selected person's first partnership), source (--edit-id, else the first), cite (the person
editor's Facts tab with the source picker open); --tab names its tab, --fact the fact chosen.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from typing import TYPE_CHECKING

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtGui import QGuiApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from familytree.ui.main_window import MainWindow


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("output", nargs="?", default="resources/screenshot.png")
    parser.add_argument("--file", help="GEDCOM file (default: the bundled family)")
    parser.add_argument("--first", action="append", default=[], metavar="FILE",
                        help="a file opened before --file, as a user opens one after another (repeatable)")
    parser.add_argument("--select", help="the person to select (default: the file's first person)")
    parser.add_argument("--focus", help="the person to centre the chart on, after the file is open")
    parser.add_argument("--zoom", type=float, help="the chart's zoom (1.0 is 100 %%), set before --focus")
    parser.add_argument("--size", default="1600x1000", help="window size WxH")
    parser.add_argument("--high-contrast", action="store_true")
    parser.add_argument("--chart", help="the chart type (hourglass, ancestors, descendants, relatives, fan)")
    parser.add_argument("--up", type=int, help="generations up (a fan's generations)")
    parser.add_argument("--living", choices=("show", "name", "private", "omit"),
                        help="what the file's prints and exports show of living people")
    parser.add_argument("--action", action="append", default=[], metavar="ID",
                        help="a command of ui/actions.py to run before the picture (repeatable)")
    parser.add_argument("--edit", choices=("person", "family", "source", "cite"),
                        help="an editor to open beside the chart")
    parser.add_argument("--edit-id", default="", help="the family or source --edit opens")
    parser.add_argument("--tab", default="", help="the editor's tab to show (its words: Facts, Notes...)")
    parser.add_argument("--fact", type=int, default=0, help="the fact chosen on the Facts tab")
    parser.add_argument("--demo-edits", action="store_true", help="a few changes made, the last undone")
    parser.add_argument("--dock", choices=("history",), help="a dock to show in front")
    parser.add_argument("--person-menu", metavar="ID[:SUBMENU]", help="the chart's menu of a person, open")
    parser.add_argument("--close", action="store_true", help="ask to close the window")
    parser.add_argument("--crop-editor", action="store_true",
                        help="a picture of the editor only (of the source picker, for cite)")
    ns = parser.parse_args(argv)

    from familytree.paths import bundled_family_path
    from familytree.ui.app import app_icon, ensure_application
    from familytree.ui.main_window import MainWindow

    app = ensure_application()
    # a clean, throw-away profile: the picture must not depend on saved window state
    profile = tempfile.TemporaryDirectory(prefix="familytree-screenshot-")
    os.environ["XDG_DATA_HOME"] = profile.name  # (recovery journals of the picture's changes there too)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, profile.name)
    app.setWindowIcon(app_icon())
    window = MainWindow()
    width, height = (int(v) for v in ns.size.split("x"))
    window.setGeometry(0, 0, width, height)
    window.show()

    def open_and_wait(path: str) -> None:
        # a large file is read in a thread: the next step waits until it is on screen
        loop = QEventLoop()
        window.fileLoaded.connect(loop.quit)
        window.loadFailed.connect(loop.quit)
        window.open_file(path)
        if window.files.loader is not None:
            loop.exec()
        window.fileLoaded.disconnect(loop.quit)
        window.loadFailed.disconnect(loop.quit)
        window.view.finish_animation()

    for path in ns.first:
        open_and_wait(path)
    open_and_wait(ns.file or str(bundled_family_path()))
    if ns.high_contrast:
        window.actions_by_id["view.high_contrast"].trigger()
    if ns.chart or ns.up:
        from familytree.layout import ChartType

        settings = window.workspace.settings
        window.workspace.change_settings(chart_type=ChartType(ns.chart) if ns.chart else settings.chart_type,
                                         generations_up=ns.up or settings.generations_up)
    if ns.zoom:
        window.view.set_zoom(ns.zoom)
    if ns.focus:
        window.workspace.set_focus(ns.focus)
    if ns.select:
        window.workspace.select(ns.select)
    if ns.living:
        from familytree.privacy import Mode

        window.printing.set_living(Mode(ns.living))
    window.view.finish_animation()
    result = {"code": 1}

    def run_actions() -> None:
        for action_id in ns.action:
            window.actions_by_id[action_id].trigger()
            app.processEvents()
        if ns.edit:
            open_editor(window, ns)
        show_editing(window, ns)

    def grab() -> None:
        window.view.finish_animation()
        screen = QGuiApplication.primaryScreen()
        pixmap = screen.grabWindow(0)
        if pixmap.isNull() or pixmap.width() < 50:
            pixmap = window.grab()
        if ns.edit and ns.crop_editor:
            pixmap = last_dialog(window).grab()
        result["code"] = 0 if pixmap.save(ns.output) else 1
        print(f"{ns.output}: {pixmap.width()}x{pixmap.height()}")
        window.files.give_up_changes()  # (what --demo-edits changed: no question, no journal)
        window.close_anyway()  # (a window asking about its changes would keep the application from quitting)
        app.quit()

    QTimer.singleShot(700, run_actions)  # after the docks built on the first paint
    QTimer.singleShot(1500, grab)
    app.exec()
    profile.cleanup()
    return result["code"]


def open_editor(window: MainWindow, ns: argparse.Namespace) -> None:
    """The editor --edit asks for, beside the chart (left of the details), on the tab --tab names."""
    from familytree.ui.editor_dialog import EditorDialog
    from familytree.ui.family_editor import open_family_editor
    from familytree.ui.person_editor import open_person_editor
    from familytree.ui.source_editor import open_source_editor

    ws = window.workspace
    tree = ws.tree
    assert tree is not None
    editor: EditorDialog | None
    if ns.edit == "family":
        family_id = ns.edit_id or (tree.people[ws.selected_id].family_ids or [""])[0]
        editor = open_family_editor(ws, family_id, window.settings, window)
    elif ns.edit == "source":
        editor = open_source_editor(ws, ns.edit_id or next(iter(tree.sources), ""), window.settings, window)
    else:
        editor = open_person_editor(ws, ws.selected_id, window.settings, window)
    if editor is None:
        return
    editor.move(window.x() + 60, window.y() + 90)
    tabs = getattr(editor, "tabs", None)
    if tabs is not None:
        wanted = "facts" if ns.edit == "cite" and not ns.tab else ns.tab.casefold()
        for i in range(tabs.count()):
            if wanted and tabs.tabText(i).replace("&", "").casefold().startswith(wanted):
                tabs.setCurrentIndex(i)
    facts = getattr(editor, "facts", None)
    if facts is not None:
        facts.panel.list.setCurrentRow(ns.fact)
    if ns.edit == "cite" and facts is not None:
        picker = facts.cite()
        if picker is not None:
            picker.move(editor.x() + editor.width() - 200, editor.y() + 60)


def show_editing(window: MainWindow, ns: argparse.Namespace) -> None:
    """What --demo-edits, --dock, --person-menu and --close ask for, in that order."""
    from PySide6.QtCore import QPoint
    from PySide6.QtWidgets import QMenu

    from familytree.model import Event, Name, Person, Place, Sex
    from familytree.model.date_input import read_date
    from familytree.workspace import relatives
    from familytree.workspace.editing import add_event

    push = window.editing.push
    if ns.demo_edits:
        maria = Person("", [Name.from_gedcom("Maria //")], Sex.FEMALE)
        edit = push(lambda t: relatives.add_child(t, "@I7@", maria))
        child = edit.created[0] if edit is not None else ""
        push(lambda t: add_event(t, child, Event("BIRT", date=read_date("1960").date, place=Place("Moscow"))))
        moscow = Place("Moscow")
        push(lambda t: add_event(t, "@I7@", Event("RESI", date=read_date("abt 1960").date, place=moscow)))
        push(lambda t: add_event(t, child, Event("OCCU", "Engineer")))
        window.editing.undo()
        window.workspace.select(child)
        window.view.finish_animation()
    if ns.dock == "history":
        window.editing.history.show()
        window.editing.history.raise_()
    if ns.person_menu:
        person_id, _, submenu = ns.person_menu.partition(":")
        item = window.scene.item_for(person_id)
        if item is not None:
            window.view.ensureVisible(item, 40, 40)
            where = window.view.mapFromScene(item.sceneBoundingRect().center())
            window.view.viewport().customContextMenuRequested.emit(where)
            menus = [m for m in window.view.findChildren(QMenu) if m.isVisible()]
            sub = menus[-1].findChild(QMenu, submenu) if menus and submenu else None
            if sub is not None:
                action = sub.menuAction()
                at = menus[-1].actionGeometry(action)
                menus[-1].setActiveAction(action)
                sub.popup(menus[-1].mapToGlobal(QPoint(at.right(), at.top())))
    if ns.close:
        window.close()


def last_dialog(window: MainWindow) -> QWidget:
    """The dialog opened last over the window (the source picker over its editor)."""
    from PySide6.QtWidgets import QDialog

    shown = [d for d in window.findChildren(QDialog) if d.isVisible()]
    return shown[-1] if shown else window


if __name__ == "__main__":
    sys.exit(main())

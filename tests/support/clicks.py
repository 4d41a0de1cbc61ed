"""What a user clicks in the window's editing: a person's right-click menu and its entries, OK, a question."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from familytree.ui.main_window import MainWindow
from support.windows import make_window


def bundled_copy(folder: Path, bundled_path: Path) -> Path:
    """A copy of the bundled family that Save writes in place (the bundled file itself is never changed)."""
    path = folder / "family.ged"
    shutil.copyfile(bundled_path, path)
    return path


def editing_window(qtbot: QtBot, path: Path) -> MainWindow:
    """A window on the file with the chart's person menu ready (built just after the first paint)."""
    window = make_window(qtbot, path)
    window.evidence  # noqa: B018
    return window


def box_point(window: MainWindow, person_id: str) -> QPoint:
    item = window.scene.item_for(person_id)
    assert item is not None, f"{person_id} is not on the chart"
    window.view.finish_animation()
    window.view.ensureVisible(item, 10, 10)
    return window.view.mapFromScene(item.sceneBoundingRect().center())


def right_click(window: MainWindow, person_id: str) -> QMenu:
    """Right-click a person's box: the menu it opens."""
    point = box_point(window, person_id)
    viewport = window.view.viewport()
    QApplication.sendEvent(viewport, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, point,
                                                       viewport.mapToGlobal(point)))
    menus = [m for m in window.view.findChildren(QMenu) if m.isVisible()]
    assert menus, "no menu opened"
    return menus[-1]


def entry(menu: QMenu, *names: str) -> QMenu:
    """The submenu reached through entries of `menu` with these object names."""
    for name in names:
        action = next((a for a in menu.actions() if a.menu() is not None and a.menu().objectName() == name),
                      None)
        assert action is not None, f"no {name!r} in {[a.text() for a in menu.actions()]}"
        menu = action.menu()
    return menu


def choose(qtbot: QtBot, menu: QMenu, *names: str) -> None:
    """Click the entry of `menu` (or, through its submenus, of theirs) with these object names."""
    menu = entry(menu, *names[:-1])
    action = next((a for a in menu.actions() if a.objectName() == names[-1]
                   or (a.menu() is not None and a.menu().objectName() == names[-1])), None)
    assert action is not None, f"no {names[-1]!r} in {[a.text() for a in menu.actions()]}"
    assert action.isEnabled(), names[-1]
    if menu.isVisible():
        qtbot.mouseClick(menu, Qt.MouseButton.LeftButton, pos=menu.actionGeometry(action).center())
    else:
        action.trigger()
    QApplication.processEvents()


def ok(qtbot: QtBot, dialog: QWidget) -> None:
    """Click the dialog's OK."""
    buttons = dialog.findChild(QDialogButtonBox)
    assert buttons is not None
    qtbot.mouseClick(buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def answer(qtbot: QtBot, box: QMessageBox | None, button_text: str) -> str:
    """Click a button of a question on screen; what it asked."""
    assert box is not None, "no question"
    assert box.isVisible()
    asked = f"{box.text()}\n{box.informativeText()}"
    button = next(b for b in box.buttons() if b.text().replace("&", "") == button_text)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    QApplication.processEvents()
    return asked


def answer_when_asked(qtbot: QtBot, button_text: str) -> list[str]:
    """Click `button_text` in the next question asked (a modal one, which blocks until answered); what it
    asked is in the list returned, once it has been."""
    asked: list[str] = []

    def when_asked() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            asked.append(answer(qtbot, box, button_text))
        else:
            QTimer.singleShot(20, when_asked)

    QTimer.singleShot(0, when_asked)
    return asked


def cut_off(dialog: QWidget) -> list[str]:
    """What a dialog shows cut off: a visible field or text outside the dialog, or given less height than it
    needs (wrapped words at their width, a field its own height); [] when everything shows whole."""
    QApplication.processEvents()
    out = []
    inside = dialog.rect()
    for widget in dialog.findChildren(QWidget):
        if not widget.isVisibleTo(dialog) or widget.parentWidget() is not dialog:
            continue
        name = f"{type(widget).__name__} {widget.accessibleName() or widget.objectName()}"
        if not inside.contains(widget.geometry()):
            out.append(f"{name}: outside")
        need = widget.heightForWidth(widget.width()) if widget.hasHeightForWidth() \
            else widget.minimumSizeHint().height()
        if widget.height() < need:
            out.append(f"{name}: {widget.height()} px of {need}")
    return out

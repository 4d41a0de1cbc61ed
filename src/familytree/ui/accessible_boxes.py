"""The accessible interfaces of the chart and its boxes, made when an assistive technology first asks."""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleActionInterface,
    QAccessibleInterface,
    QAccessibleSelectionInterface,
    QWindow,
)
from PySide6.QtWidgets import QAccessibleWidget, QGraphicsView

from familytree.model.text import shorten
from familytree.ui.accessibility import CENTRE_ACTION, chart_help

if TYPE_CHECKING:
    from familytree.render.items import PersonItem
    from familytree.ui.accessibility import ChartAccessibility

__all__ = ["ChartAccessible", "BoxAccessible"]

# interface_cast must return a VoidPtr (the stubs say int, and an int crashes Qt); the stubs also
# declare interface returns non-optional where Qt expects null: hence the ignore[override] below.
_NULL = shiboken6.VoidPtr(0)


class ChartAccessible(QAccessibleWidget):
    """The chart view as assistive technology sees it: a list whose items are the person boxes."""

    def __init__(self, view: QGraphicsView, helper: ChartAccessibility) -> None:
        super().__init__(view, QAccessible.Role.List)
        self._helper = helper
        self._selection = _ChartSelection(helper)

    def childCount(self) -> int:
        return self._helper.count()

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self._helper.child(index)

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        if isinstance(child, BoxAccessible) and child.helper is self._helper and child.isValid():
            return self._helper.index_of(child.item)
        return -1

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return self._helper.child_at(x, y)

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return self._helper.selected_child()

    def text(self, t: QAccessible.Text) -> str:
        if t == QAccessible.Text.Help:
            return chart_help()
        return super().text(t)

    def interface_cast(self, t: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if t == QAccessible.InterfaceType.SelectionInterface:
            # PySide makes a separate C++ object for each base class, so the interface is a member.
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self._selection)[0])
        cast = super().interface_cast(t)
        # PySide turns a null pointer into None, and crashes when given None back
        return cast if cast is not None else _NULL  # type: ignore[return-value]


class _ChartSelection(QAccessibleSelectionInterface):
    """One person is selected at a time, and the chart always keeps someone selected."""

    def __init__(self, helper: ChartAccessibility) -> None:
        super().__init__()
        self._helper = helper

    def selectedItemCount(self) -> int:
        return 1 if self._helper.selected_child() is not None else 0

    def selectedItems(self) -> list[QAccessibleInterface]:
        child = self._helper.selected_child()
        return [child] if child is not None else []

    def select(self, child: QAccessibleInterface) -> bool:
        if isinstance(child, BoxAccessible) and child.isValid():
            child.press()
            return True
        return False

    def unselect(self, child: QAccessibleInterface) -> bool:
        return False

    def selectAll(self) -> bool:
        return False

    def clear(self) -> bool:
        return False


class BoxAccessible(QAccessibleInterface):
    """One person's box: a list item named after the person, pressed to select them."""

    def __init__(self, helper: ChartAccessibility, item: PersonItem) -> None:
        super().__init__()
        self.helper = helper
        self.item = item
        self._actions = _BoxActions(self)

    def press(self, activate: bool = False) -> None:
        scene = self.helper.scene
        if scene is not None and self.isValid():
            scene.press(self.item, activate)

    # -- QAccessibleInterface --------------------------------------------------------------
    def isValid(self) -> bool:
        return shiboken6.isValid(self.item) and shiboken6.isValid(self.helper.view)

    def object(self) -> QObject | None:  # type: ignore[override]
        return None

    def window(self) -> QWindow | None:  # type: ignore[override]
        return self.helper.view.window().windowHandle() if self.isValid() else None

    def relations(self, match: QAccessible.RelationFlag = QAccessible.RelationFlag.AllRelations) -> list:
        return []

    def focusChild(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childAt(self, x: int, y: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def parent(self) -> QAccessibleInterface | None:  # type: ignore[override]
        return QAccessible.queryAccessibleInterface(self.helper.view) if self.isValid() else None

    def child(self, index: int) -> QAccessibleInterface | None:  # type: ignore[override]
        return None

    def childCount(self) -> int:
        return 0

    def indexOfChild(self, child: QAccessibleInterface) -> int:
        return -1

    def text(self, t: QAccessible.Text) -> str:
        if not self.isValid():
            return ""
        if t == QAccessible.Text.Name:
            return shorten(self.item.person.display_name())
        if t == QAccessible.Text.Description:
            return self.helper.description(self.item)
        return ""

    def setText(self, t: QAccessible.Text, text: str) -> None:
        pass  # boxes are read-only

    def rect(self) -> QRect:
        return self.helper.screen_rect(self.item) if self.isValid() else QRect()

    def role(self) -> QAccessible.Role:
        return QAccessible.Role.ListItem

    def state(self) -> QAccessible.State:
        state = QAccessible.State()
        if not self.isValid():
            state.invalid = True
            return state
        state.selectable = True
        state.focusable = True
        state.selected = self.item.isSelected()
        state.focused = state.selected and self.helper.view.hasFocus()
        state.offscreen = not self.helper.is_on_screen(self.item)
        return state

    def interface_cast(self, t: QAccessible.InterfaceType) -> shiboken6.VoidPtr:  # type: ignore[override]
        if t == QAccessible.InterfaceType.ActionInterface:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(self._actions)[0])
        return _NULL


class _BoxActions(QAccessibleActionInterface):
    """Press selects the person as a click does, SetFocus also focuses the chart, Centre re-centres."""

    def __init__(self, box: BoxAccessible) -> None:
        super().__init__()
        self._box = box

    def actionNames(self) -> list[str]:
        return [QAccessibleActionInterface.pressAction(), QAccessibleActionInterface.setFocusAction(),
                CENTRE_ACTION]

    def localizedActionDescription(self, name: str) -> str:
        if name == CENTRE_ACTION:
            return "Centres the chart on this person"
        return super().localizedActionDescription(name)

    def doAction(self, name: str) -> None:
        if name == QAccessibleActionInterface.pressAction():
            self._box.press()
        elif name == QAccessibleActionInterface.setFocusAction():
            self._box.press()
            self._box.helper.view.setFocus()
        elif name == CENTRE_ACTION:
            self._box.press(activate=True)

    def keyBindingsForAction(self, name: str) -> list[str]:
        return ["Return"] if name == CENTRE_ACTION else []

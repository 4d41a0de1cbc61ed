"""The History dock: every change made to the open file, in words, oldest first; a click goes back to one."""

from __future__ import annotations

import builtins
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QDockWidget, QLabel, QVBoxLayout, QWidget

from familytree.model.text import SHORT_TEXT, for_display
from familytree.render.text import tooltip
from familytree.workspace import UndoStack

if TYPE_CHECKING:  # (the list is made when the dock is first shown: no part of the launch)
    from PySide6.QtWidgets import QListWidget, QListWidgetItem

__all__ = ["HistoryDock"]

TITLE = "History"
SAVED = "  (saved)"


class HistoryDock(QDockWidget):
    """One line per change ("Added birth of Yulia: 1960"), the file as opened first.

    The line of the state the file is in now is the current one, in bold; the changes undone
    after it are greyed, and stay until a new change replaces them. Clicking a line (or Enter
    on it) undoes or redoes every change up to it: `go_to(row)`, the row being how many
    changes are then done. The list is made when the dock is first shown (or asked for), from
    the stack last given.
    """

    def __init__(self, parent: QWidget, go_to: Callable[[int], object]) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("historyDock")
        self._go_to = go_to
        self._shown: tuple[str, list[str], int | None] = ("", [], None)
        self._list: QListWidget | None = None
        self._stack: tuple[UndoStack, str] | None = None  # the stack to show, and its file's name
        body = QWidget(self)
        self._layout = QVBoxLayout(body)
        self._layout.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel(body)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self._layout.addWidget(self.summary)
        self.setWidget(body)
        self.summary.setText("No changes yet.")
        self.visibilityChanged.connect(lambda visible: visible and self.list)

    @property
    def list(self) -> QListWidget:
        """The changes, one a row (made on first use, showing the stack last given)."""
        if self._list is None:
            from PySide6.QtWidgets import QListWidget

            changes = QListWidget(self.widget())
            changes.setObjectName("historyList")
            changes.setAccessibleName("Changes, oldest first")
            changes.setWordWrap(True)
            changes.setSpacing(2)
            changes.setToolTip("Click a change to undo the changes after it, or redo those up to it")
            changes.itemClicked.connect(self._on_item_chosen)
            changes.itemActivated.connect(self._on_item_chosen)
            self._layout.addWidget(changes)
            self._list = changes
            if self._stack is not None:
                self.show_stack(*self._stack)
        return self._list

    def show_stack(self, stack: UndoStack, file_name: str) -> None:
        """List the stack's changes, the current one in bold, those undone greyed."""
        self._stack = (stack, file_name)
        self._say(stack)
        if self._list is not None:
            self._fill(stack, file_name)

    def _say(self, stack: UndoStack) -> None:
        descriptions = stack.descriptions
        undone = len(descriptions) - stack.index
        self.summary.setText(
            "No changes yet." if not descriptions else
            f"{stack.index} change{'s' if stack.index != 1 else ''} done"
            + (f", {undone} undone (click one to redo up to it)" if undone else "")
            + ("; saved." if stack.is_clean else "; not saved."))

    def _fill(self, stack: UndoStack, file_name: str) -> None:
        from PySide6.QtWidgets import QListWidgetItem

        descriptions = stack.descriptions
        if self._shown != (file_name, descriptions, stack.clean_index):
            self._shown = (file_name, descriptions, stack.clean_index)
            self.list.clear()
            opened = f"Opened {file_name}"
            for row, text in enumerate([opened, *descriptions]):
                saved = row == stack.clean_index and row > 0
                shown = for_display(text, 2 * SHORT_TEXT) + (SAVED if saved else "")
                item = QListWidgetItem(shown, self.list)
                item.setToolTip(tooltip(text))
        self._mark(stack.index)

    def _mark(self, current: int) -> None:
        dim = QBrush(self.palette().color(QPalette.ColorRole.PlaceholderText))  # (greyed, still readable)
        normal = QBrush(self.palette().color(QPalette.ColorRole.Text))
        for row in range(self.list.count()):
            item = self.list.item(row)
            font = QFont(self.list.font())
            font.setBold(row == current)
            font.setItalic(row > current)
            item.setFont(font)
            item.setForeground(dim if row > current else normal)
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole,
                         "current state" if row == current else "undone" if row > current else "done")
        self.list.blockSignals(True)
        self.list.setCurrentRow(current)
        self.list.blockSignals(False)
        item = self.list.item(current)
        if item is not None:
            self.list.scrollToItem(item)

    def rows(self) -> builtins.list[str]:  # (`list` is the widget's, in this class)
        """What the list says, line by line (for tests and accessibility checks)."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        self._go_to(self.list.row(item))

"""The History dock: every change made to the open file, in words, oldest first; a click goes back to one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QPalette
from PySide6.QtWidgets import QDockWidget, QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from familytree.model.text import SHORT_TEXT, for_display
from familytree.render.text import tooltip
from familytree.workspace import UndoStack

__all__ = ["HistoryDock"]

TITLE = "History"
SAVED = "  (saved)"


class HistoryDock(QDockWidget):
    """One line per change ("Added birth of Yulia: 1960"), the file as opened first.

    The line of the state the file is in now is the current one, in bold; the changes undone
    after it are greyed, and stay until a new change replaces them. Clicking a line (or Enter
    on it) undoes or redoes every change up to it: `go_to(row)`, the row being how many
    changes are then done.
    """

    def __init__(self, parent: QWidget, go_to: Callable[[int], object]) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("historyDock")
        self._go_to = go_to
        self._shown: tuple[str, list[str], int | None] = ("", [], None)
        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.summary = QLabel(body)
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.list = QListWidget(body)
        self.list.setObjectName("historyList")
        self.list.setAccessibleName("Changes, oldest first")
        self.list.setWordWrap(True)
        self.list.setSpacing(2)
        self.list.setToolTip("Click a change to undo the changes after it, or redo those up to it")
        self.list.itemClicked.connect(self._on_item_chosen)
        self.list.itemActivated.connect(self._on_item_chosen)
        layout.addWidget(self.list)
        self.setWidget(body)
        self.summary.setText("No changes yet.")

    def show_stack(self, stack: UndoStack, file_name: str) -> None:
        """List the stack's changes, the current one in bold, those undone greyed."""
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
        undone = len(descriptions) - stack.index
        self.summary.setText(
            "No changes yet." if not descriptions else
            f"{stack.index} change{'s' if stack.index != 1 else ''} done"
            + (f", {undone} undone (click one to redo up to it)" if undone else "")
            + ("; saved." if stack.is_clean else "; not saved."))

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

    def rows(self) -> list[str]:
        """What the list says, line by line (for tests and accessibility checks)."""
        return [self.list.item(row).text() for row in range(self.list.count())]

    def _on_item_chosen(self, item: QListWidgetItem) -> None:
        self._go_to(self.list.row(item))

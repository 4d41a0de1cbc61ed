"""The Problems panel: what the reader could not take as it was, and a viewer for the file's lines."""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QFontDatabase, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familytree.gedcom.gedzip import ZIP_MAGIC, read_gedcom
from familytree.model import Diagnostic, Tree
from familytree.model.text import SHORT_TEXT, TOOLTIP_TEXT, for_display, shorten
from familytree.render.text import tooltip

__all__ = ["ProblemsPanel", "LineViewer", "read_lines_around"]

CONTEXT_LINES = 300  # lines shown either side of the one with the problem
# Characters shown of a line of the file: a line of megabytes would take Qt seconds to lay out.
LINE_CHARS = 5000


def _codec(tree: Tree | None) -> str:
    name = tree.header.encoding_detected if tree is not None else ""
    try:
        return codecs.lookup(name).name if name else "utf-8"
    except LookupError:
        return "utf-8"


def _raw_bytes(path: str) -> bytes:
    """The file's bytes; for GEDZIP the GEDCOM in the archive the reader read, within the same limits."""
    with open(path, "rb") as f:
        if f.read(4) == ZIP_MAGIC:
            return read_gedcom(f)[0]
        f.seek(0)
        return f.read()


def read_lines_around(path: str, line: int, tree: Tree | None = None,
                      context: int = CONTEXT_LINES) -> tuple[int, list[str]]:
    """(first line number, lines) of the file around `line` (1-based), decoded leniently."""
    text = _raw_bytes(path).decode(_codec(tree), errors="replace")
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = max(1, line - context)
    return first, lines[first - 1:line + context]


class LineViewer(QDialog):
    """A read-only view of the file scrolled to one line, which is highlighted."""

    def __init__(self, path: str, line: int, message: str, tree: Tree | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"{Path(path).name}, line {line}")
        self.resize(760, 460)
        self.line = line
        layout = QVBoxLayout(self)
        label = QLabel(for_display(f"Line {line}: {message}", TOOLTIP_TEXT))
        label.setWordWrap(True)
        label.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(label)
        self.text = QPlainTextEdit(self)
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        layout.addWidget(self.text)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        try:
            first, lines = read_lines_around(path, line, tree)
        except (OSError, zipfile.BadZipFile) as error:
            self.text.setPlainText(f"The file cannot be read: {error}")
            return
        width = len(str(first + len(lines)))
        self.text.setPlainText("\n".join(f"{first + i:>{width}}  {shorten(t, LINE_CHARS)}"
                                         for i, t in enumerate(lines)))
        block = self.text.document().findBlockByNumber(line - first)
        cursor = QTextCursor(block)
        self.text.setTextCursor(cursor)
        selection = QTextEdit.ExtraSelection()
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffe08a"))
        fmt.setForeground(QColor("#000000"))
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, True)
        selection.format = fmt  # type: ignore[attr-defined]
        selection.cursor = cursor  # type: ignore[attr-defined]
        self.text.setExtraSelections([selection])
        self.text.centerCursor()

    def current_line_text(self) -> str:
        return self.text.textCursor().block().text()


class ProblemsPanel(QTreeWidget):
    """Lists the open file's diagnostics; activating one opens the LineViewer at its line."""

    problemActivated = Signal(int, str)  # noqa: N815 (line, message)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problems")
        self.setAccessibleName("Problems in the file")
        self.setColumnCount(3)
        self.setHeaderLabels(["Line", "Severity", "Problem"])
        self.setRootIsDecorated(False)
        self.setAlternatingRowColors(True)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._on_item)
        self.itemClicked.connect(self._on_item)
        self.tree: Tree | None = None
        self.path = ""
        self.viewer: LineViewer | None = None
        self._media: tuple[Tree | None, list[Diagnostic]] = (None, [])  # found after the file is read

    def set_diagnostics(self, tree: Tree | None, path: str) -> None:
        self.tree = tree
        self.path = path
        self.clear()
        # in the file's order: the reader finds some problems only when a record ends
        found = tree.diagnostics if tree is not None else []
        media = self._media[1] if tree is not None and self._media[0] is tree else []
        diagnostics: list[Diagnostic] = sorted([*found, *media], key=lambda d: d.line)
        items = []
        for d in diagnostics:
            message = shorten(d.message, 2 * SHORT_TEXT)
            item = QTreeWidgetItem([str(d.line) if d.line else "", d.severity, message])
            item.setData(0, Qt.ItemDataRole.UserRole, d.line)
            item.setToolTip(2, tooltip(d.message))
            items.append(item)
        self.addTopLevelItems(items)
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)

    def set_media_problems(self, tree: Tree, problems: list[Diagnostic]) -> None:
        """Add what is wrong with the photos `tree` links (found after it was read) to its problems."""
        self._media = (tree, list(problems))
        if tree is self.tree:
            self.set_diagnostics(tree, self.path)

    def _on_item(self, item: QTreeWidgetItem, column: int = 0) -> None:
        line = int(item.data(0, Qt.ItemDataRole.UserRole) or 0)
        message = item.text(2)
        self.problemActivated.emit(line, message)
        if line and self.path:
            self.show_line(line, message)

    def show_line(self, line: int, message: str) -> LineViewer:
        if self.viewer is not None:
            self.viewer.close()
        self.viewer = LineViewer(self.path, line, message, self.tree, self.window())
        self.viewer.show()
        return self.viewer

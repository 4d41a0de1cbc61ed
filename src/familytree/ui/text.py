"""A plain-text viewer for a value from the file too long to show in full where it appears."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QPlainTextEdit, QVBoxLayout, QWidget

from familytree.model.text import shorten, split_long_lines
from familytree.render.text import plain_label

__all__ = ["FullTextDialog", "show_full_text"]


class FullTextDialog(QDialog):
    """The whole of a long text, wrapped, read-only; Copy All puts it on the clipboard unchanged.

    The text is shown in lines of at most a thousand characters: Qt lays out a paragraph as
    one block, and a block of megabytes takes it seconds.
    """

    def __init__(self, title: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fullTextDialog")
        title = shorten(title, 80)
        self.setWindowTitle(title)
        self.text = text
        layout = QVBoxLayout(self)
        layout.addWidget(plain_label(f"{title}: {len(text):,} characters", self))
        self.view = QPlainTextEdit(self)
        self.view.setObjectName("fullText")
        self.view.setAccessibleName(title)
        self.view.setReadOnly(True)
        self.view.setPlainText(split_long_lines(text))
        layout.addWidget(self.view, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        copy = buttons.addButton("&Copy All", QDialogButtonBox.ButtonRole.ActionRole)
        copy.clicked.connect(self.copy_all)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def copy_all(self) -> None:
        QGuiApplication.clipboard().setText(self.text)


def show_full_text(parent: QWidget | None, title: str, text: str) -> FullTextDialog:
    """Open a viewer on `text` (not modal: the window stays usable beside it)."""
    dialog = FullTextDialog(title, text, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

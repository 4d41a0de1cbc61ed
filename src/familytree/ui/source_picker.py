"""Which source says so? The file's sources to pick from or a quick new one; the page, excerpt and quality."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from familytree.model import Tree
from familytree.model.text import shorten
from familytree.render.text import tooltip
from familytree.ui.edit_fields import add_row, set_editable_text
from familytree.ui.settings import Settings

__all__ = ["QUALITIES", "SourcePicker", "citation_words"]

# GEDCOM's QUAY, as its specification words it
QUALITIES: tuple[tuple[str, int | None], ...] = (
    ("Not said", None),
    ("0: unreliable, or estimated", 0),
    ("1: questionable (an interview, a census, a family story)", 1),
    ("2: secondary (recorded some time after the event)", 2),
    ("3: direct and primary", 3),
)
_SOURCE_ROLE = Qt.ItemDataRole.UserRole


def citation_words(tree: Tree, values: dict[str, Any]) -> str:
    """A citation as the editor lists it: "Robert Service, Trotsky (2009), p. 12 · quality 2"."""
    new = values.get("new_source")
    if new:
        title, author, publication = new
        text = ", ".join(p for p in (author, title) if p) + (f" ({publication})" if publication else "")
        text += " (new)"
    else:
        source = tree.sources.get(values.get("source_id", ""))
        text = source.display() if source is not None else values.get("source_id") or "(source not recorded)"
    if values.get("page"):
        text += f", {values['page']}"
    if values.get("quality") is not None:
        text += f" \u00b7 quality {values['quality']}"
    return " ".join(text.split())


class SourcePicker(QDialog):
    """Cite a source: one of the file's, or a new one (author, title, publication) made at the editor's OK.

    `chosen` carries the citation's values (as `edit_drafts.citation_row` takes them) when accepted.
    """

    chosen = Signal(dict)

    def __init__(self, tree: Tree, values: dict[str, Any] | None = None, settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Which source says so?")
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.tree = tree
        self.settings = settings
        layout = QVBoxLayout(self)
        question = QLabel("Which source says so? Pick one of the file's sources, or make a new one.", self)
        question.setWordWrap(True)
        layout.addWidget(question)
        self.existing = QRadioButton("A source in this &file", self)
        self.new = QRadioButton("A &new source", self)
        group = QButtonGroup(self)
        group.addButton(self.existing)
        group.addButton(self.new)
        layout.addWidget(self.existing)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter by author, title or publication")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName("Filter sources")
        self.filter.textChanged.connect(self._filter)
        layout.addWidget(self.filter)
        self.sources = QListWidget(self)
        self.sources.setAccessibleName("Sources of the file")
        for source_id, source in tree.sources.items():
            text = source.display()
            item = QListWidgetItem(shorten(text))
            item.setData(_SOURCE_ROLE, source_id)
            if len(text) > len(item.text()):
                item.setToolTip(tooltip(text))
            self.sources.addItem(item)
        self.sources.currentItemChanged.connect(lambda *_a: self._enable())
        self.sources.itemDoubleClicked.connect(lambda _item: self.existing.setChecked(True))
        layout.addWidget(self.sources, 1)
        layout.addWidget(self.new)
        new_form = QFormLayout()
        self.author = add_row(new_form, "&Author:", QLineEdit(self), "Author of the new source")
        self.title = add_row(new_form, "&Title:", QLineEdit(self), "Title of the new source")
        self.publication = add_row(new_form, "P&ublication:", QLineEdit(self),
                                   "Publication of the new source")
        self.publication.setPlaceholderText("publisher, place, year")
        layout.addLayout(new_form)
        form = QFormLayout()
        self.page = add_row(form, "&Page:", QLineEdit(self), "Page or place in the source")
        self.page.setPlaceholderText("where in the source: page, entry, folio")
        self.excerpt = add_row(form, "E&xcerpt:", QPlainTextEdit(self), "What the source says (excerpt)")
        self.excerpt.setPlaceholderText("what the source says, as written")
        self.excerpt.setTabChangesFocus(True)
        self.excerpt.setMaximumHeight(110)
        self.quality = add_row(form, "&Quality:", QComboBox(self), "Quality of the evidence")
        for words, value in QUALITIES:
            self.quality.addItem(words, value)
        layout.addLayout(form)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for field in (self.author, self.title):
            field.textChanged.connect(lambda _text: self._enable())
        for field in (self.author, self.title, self.publication):
            field.textEdited.connect(lambda _text: self.new.setChecked(True))
        self.existing.toggled.connect(lambda _on: self._enable())
        self._load(values or {})
        if settings is not None:
            settings.restore_dialog(self, "source_picker", 560, 560)
        else:
            self.resize(560, 560)

    def _load(self, values: dict[str, Any]) -> None:
        new = values.get("new_source")
        if new:
            self.new.setChecked(True)
            for field, text in zip((self.title, self.author, self.publication), new, strict=True):
                field.setText(text)
        else:
            self.existing.setChecked(True)
            wanted = values.get("source_id", "")
            for i in range(self.sources.count()):
                item = self.sources.item(i)
                if item is not None and item.data(_SOURCE_ROLE) == wanted:
                    self.sources.setCurrentItem(item)
        self.page.setText(values.get("page", ""))
        set_editable_text(self.excerpt, values.get("text", ""))
        self.quality.setCurrentIndex(max(0, self.quality.findData(values.get("quality"))))
        if not self.tree.sources:
            self.new.setChecked(True)
        self._enable()

    def _filter(self, text: str) -> None:
        needle = text.casefold().strip()
        for i in range(self.sources.count()):
            item = self.sources.item(i)
            if item is not None:
                source = self.tree.sources.get(item.data(_SOURCE_ROLE))
                whole = source.display() if source is not None else item.text()
                item.setHidden(bool(needle) and needle not in whole.casefold())

    def _enable(self) -> None:
        if self.existing.isChecked():
            ready = self.sources.currentItem() is not None
        else:
            ready = bool(self.title.text().strip() or self.author.text().strip())
        for widget in (self.filter, self.sources):
            widget.setEnabled(self.existing.isChecked() or not self.tree.sources)
        self.existing.setEnabled(bool(self.tree.sources))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(ready)

    def values(self) -> dict[str, Any]:
        """The citation as picked: `source_id` or `new_source` (title, author, publication), `page`,
        `text`, `quality`."""
        item = self.sources.currentItem()
        existing = self.existing.isChecked() and item is not None
        new = None if existing else (self.title.text().strip(), self.author.text().strip(),
                                     self.publication.text().strip())
        return {"source_id": item.data(_SOURCE_ROLE) if existing and item is not None else "",
                "new_source": new, "page": self.page.text(), "text": self.excerpt.toPlainText(),
                "quality": self.quality.currentData()}

    def accept(self) -> None:
        self.chosen.emit(self.values())
        super().accept()

    def done(self, result: int) -> None:
        if self.settings is not None:
            self.settings.save_dialog(self, "source_picker")
        super().done(result)

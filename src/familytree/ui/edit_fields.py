"""The editors' fields: a date read as typed with its words and warning, a place completed from the file's
places, a list of a record's names, facts or notes with its buttons, and labelled form rows."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar
from weakref import WeakKeyDictionary

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QTextOption
from PySide6.QtWidgets import (
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from familytree.model import Date, Tree
from familytree.model.date_input import read_date
from familytree.model.text import shorten
from familytree.render.text import set_plain_text, tooltip
from familytree.ui.edit_drafts import ListDraft, Row
from familytree.workspace import Workspace
from familytree.workspace.places import PlaceIndex

__all__ = ["DateField", "ListPanel", "PlaceField", "PlaceModel", "RowTab", "above", "add_row", "beside",
           "elide", "fit_to_content", "note_label", "place_index", "set_editable_text"]

WARNING_STYLE = "color: #9a3412;"  # dark orange: read on light and on the high-contrast palette
DIM_STYLE = "color: palette(placeholder-text);"
# A line edit keeps 32,767 characters unless told: a longer value (a hostile file's) would be cut at the
# first keystroke in it, and the cut saved
WHOLE_VALUE = 1 << 30


def note_label(parent: QWidget, name: str, style: str = DIM_STYLE) -> QLabel:
    """A label for words about a field (file text in it is plain text, wrapped, never markup)."""
    label = QLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setStyleSheet(style)
    label.setAccessibleName(name)
    return label


def fit_to_content(dialog: QWidget) -> None:
    """Grow a dialog to what its layout needs at its width, after words were shown in it (a refusal, a
    warning): a window keeps the height it was given, and wrapped lines were cut top and bottom."""
    layout = dialog.layout()
    if layout is None:
        return
    layout.activate()
    width = max(dialog.width(), layout.totalMinimumSize().width())
    need = layout.totalMinimumSize().height()
    if layout.hasHeightForWidth():
        need = max(need, layout.totalHeightForWidth(width))
    if dialog.height() < need:
        dialog.resize(width, need)


W = TypeVar("W", bound=QWidget)


def add_row(form: QFormLayout, text: str, widget: W, name: str = "") -> W:
    """A labelled row of a form; the field gets the label as its accessible name and mnemonic buddy."""
    if isinstance(widget, QLineEdit):
        widget.setMaxLength(WHOLE_VALUE)
    label = QLabel(text, form.parentWidget())
    label.setBuddy(widget)
    widget.setAccessibleName(name or text.replace("&", "").rstrip(":"))
    form.addRow(label, widget)
    return widget


# -- dates ---------------------------------------------------------------------------------------------

class DateField(QWidget):
    """A date typed as people write it ("abt 1937", "21.3.1908"), with the date in words under it and,
    beside that, what the reading had to guess or could not read (kept as a phrase, never lost)."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None, what: str = "Date") -> None:
        super().__init__(parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("as written: abt 1937, 21.3.1908, between 1924 and 1925")
        self.edit.setAccessibleName(what)
        self.preview = note_label(self, f"{what} in words")
        self.warning = note_label(self, f"{what} warning", WARNING_STYLE)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.edit)
        layout.addWidget(self.preview)
        layout.addWidget(self.warning)
        self.setFocusProxy(self.edit)
        self._opened: tuple[str, Date | None] = ("", None)
        self.edit.textChanged.connect(self._show_reading)
        self.edit.textEdited.connect(self.edited)

    def set_date(self, text: str, date: Date | None = None) -> None:
        """Show a date as the editor opened it (`date`: the model's, shown in words while unchanged)."""
        self._opened = (text, date)
        self.edit.blockSignals(True)
        self.edit.setText(text)
        self.edit.blockSignals(False)
        self._show_reading(text)

    def text(self) -> str:
        return self.edit.text()

    def _show_reading(self, text: str) -> None:
        opened, date = self._opened
        if text == opened and date is not None:
            preview, warning = date.display(), ""
        else:
            reading = read_date(text)
            preview, warning = reading.preview, reading.warning
        set_plain_text(self.preview, preview)
        set_plain_text(self.warning, f"\u26a0 {warning}" if warning else "")
        self.preview.setVisible(bool(preview) and preview.casefold() != " ".join(text.split()).casefold())
        self.warning.setVisible(bool(warning))


# -- places --------------------------------------------------------------------------------------------

_indexes: WeakKeyDictionary[Workspace, tuple[Tree, PlaceIndex]] = WeakKeyDictionary()


def place_index(workspace: Workspace) -> PlaceIndex:
    """The places of the open tree for completion, built once a file (a tenth of a second for 100,000
    people) and let go when another is opened."""
    tree = workspace.tree or Tree()
    known = _indexes.get(workspace)
    if known is not None and known[0] is tree:
        return known[1]
    if known is None:
        workspace.events.tree.connect(lambda _tree: _indexes.pop(workspace, None))
    index = PlaceIndex.of(tree)
    _indexes[workspace] = (tree, index)
    return index


class PlaceModel(QAbstractListModel):
    """The places completion offers for what is typed, best first (PlaceIndex.matching)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.places: list[str] = []

    def set_places(self, places: list[str]) -> None:
        self.beginResetModel()
        self.places = places
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008, N802
        return 0 if parent.isValid() else len(self.places)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.places):
            return None
        place = self.places[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return shorten(place)
        if role == Qt.ItemDataRole.EditRole:
            return place
        if role == Qt.ItemDataRole.ToolTipRole and len(place) > len(shorten(place)):
            return tooltip(place)
        return None


class PlaceField(QLineEdit):
    """A place, completed from the places the file already has: any of their words, in any order and case,
    with or without accents ("zurich" offers Zürich)."""

    def __init__(self, places: Callable[[], PlaceIndex], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.places = places
        self.setPlaceholderText("a place the file has, or a new one: Moscow, Russia")
        self.model = PlaceModel(self)
        completer = QCompleter(self.model, self)
        completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        completer.setCompletionRole(Qt.ItemDataRole.EditRole)  # the whole name goes into the field
        completer.setMaxVisibleItems(12)
        self.setCompleter(completer)
        self.textEdited.connect(self._offer)

    def _offer(self, text: str) -> None:
        completer = self.completer()
        self.model.set_places(self.places().matching(text) if text.strip() else [])
        popup = completer.popup()
        if self.model.places:
            completer.complete()
        elif popup is not None:
            popup.hide()


def beside(owner: QWidget, panel: QWidget, form: QWidget, list_share: int = 2) -> None:
    """A list beside the form that edits its chosen row: the whole of `owner`, the list narrower."""
    split = QSplitter(Qt.Orientation.Horizontal, owner)
    split.addWidget(panel)
    split.addWidget(form)
    split.setStretchFactor(0, list_share)
    split.setStretchFactor(1, 3)
    split.setChildrenCollapsible(False)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(split)


def above(widget: QWidget, form: QFormLayout, below: QWidget) -> None:
    """A form's fields at the top of `widget`, and under them `below` taking the height left."""
    outer = QVBoxLayout(widget)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addLayout(form)
    outer.addWidget(below, 1)


_LONG_RUN = re.compile(r"\S{2000}")


def set_editable_text(edit: QPlainTextEdit, text: str) -> None:
    """Whole text to edit (a note, an excerpt). A "word" thousands of characters long (a hostile file's)
    is wrapped anywhere: looking for a word boundary in it took seconds (6 s for 300,000 characters)."""
    anywhere = _LONG_RUN.search(text) is not None
    edit.setWordWrapMode(QTextOption.WrapMode.WrapAnywhere if anywhere
                         else QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
    edit.setPlainText(text)


def elide(view: QListWidget) -> None:
    """Lines cut to the list's width with "…" (their tooltips say them whole), not scrolled sideways."""
    view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    view.setTextElideMode(Qt.TextElideMode.ElideRight)
    view.setWordWrap(False)


# -- lists of a record's names, facts, notes ---------------------------------------------------------------

class ListPanel(QWidget):
    """The rows of one list of a record, with Add, Remove, Move up and Move down; the row chosen is
    edited in the form beside it (`current` says which, -1 for none)."""

    current = Signal(int)
    changed = Signal()

    def __init__(self, what: str, label: Callable[[Row], str], make: Callable[[], Row | None],
                 parent: QWidget | None = None, movable: bool = True) -> None:
        super().__init__(parent)
        self.draft = ListDraft()
        self.label = label
        self.make = make
        self.list = QListWidget(self)
        self.list.setAccessibleName(f"{what.capitalize()}s")
        elide(self.list)
        self.list.currentRowChanged.connect(self._on_current)
        self.add_button = self._button(f"&Add {what}", f"Add a {what}", self.add)
        self.remove_button = self._button("Remove", f"Remove the chosen {what}", self.remove)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        self.up_button = self.down_button = None
        if movable:
            self.up_button = self._button("\u2191 Up", f"Move the chosen {what} up",
                                          lambda: self.move_row(-1))
            self.down_button = self._button("\u2193 Down", f"Move the chosen {what} down",
                                            lambda: self.move_row(1))
            buttons.addWidget(self.up_button)
            buttons.addWidget(self.down_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.list)
        layout.addLayout(buttons)

    def _button(self, text: str, name: str, run: Callable[[], object]) -> QPushButton:
        button = QPushButton(text, self)
        button.setAccessibleName(name)
        button.setToolTip(name)
        button.setAutoDefault(False)  # Enter accepts the dialog, not the last button pressed
        button.clicked.connect(lambda _checked=False: run())
        return button

    def set_draft(self, draft: ListDraft) -> None:
        self.draft = draft
        self.list.clear()
        for row in draft.rows:
            self.list.addItem(self._item(row))
        self.list.setCurrentRow(0 if draft.rows else -1)
        self._enable()

    def _item(self, row: Row) -> QListWidgetItem:
        item = QListWidgetItem()
        self._describe(item, row)
        return item

    def _describe(self, item: QListWidgetItem, row: Row) -> None:
        text = " ".join(self.label(row).split())
        item.setText(shorten(text) or "(empty)")
        item.setToolTip(tooltip(text))  # the line is cut to the list's width

    def row(self) -> Row | None:
        i = self.list.currentRow()
        return self.draft.rows[i] if 0 <= i < len(self.draft.rows) else None

    def refresh(self) -> None:
        """The chosen row's line again, after its form changed it."""
        i = self.list.currentRow()
        item = self.list.item(i)
        if item is not None:
            self._describe(item, self.draft.rows[i])
        self.changed.emit()

    def add(self) -> None:
        row = self.make()  # None: it asks first (a picker), and inserts the answer
        if row is not None:
            self.insert(row)

    def insert(self, row: Row) -> None:
        """A new row after the chosen one, chosen in its turn."""
        at = self.draft.add(row, self.list.currentRow() + 1 if self.list.currentRow() >= 0 else None)
        self.list.insertItem(at, self._item(row))
        self.list.setCurrentRow(at)
        self._enable()
        self.changed.emit()

    def remove(self) -> None:
        i = self.list.currentRow()
        if not 0 <= i < len(self.draft.rows):
            return
        self.draft.remove(i)
        self.list.takeItem(i)
        self.list.setCurrentRow(min(i, len(self.draft.rows) - 1))
        self._enable()
        self.changed.emit()

    def move_row(self, step: int) -> None:
        i = self.list.currentRow()
        j = i + step
        if not (0 <= i < len(self.draft.rows) and 0 <= j < len(self.draft.rows)):
            return
        self.draft.move(i, j)
        self.list.insertItem(j, self.list.takeItem(i))
        self.list.setCurrentRow(j)
        self.changed.emit()

    def _on_current(self, i: int) -> None:
        self._enable()
        self.current.emit(i)

    def _enable(self) -> None:
        i, n = self.list.currentRow(), len(self.draft.rows)
        self.remove_button.setEnabled(0 <= i < n)
        if self.up_button is not None and self.down_button is not None:
            self.up_button.setEnabled(0 < i < n)
            self.down_button.setEnabled(0 <= i < n - 1)


class RowTab(QWidget):
    """A tab of an editor: the rows of one list (`panel`) and, in `form`, the fields of the chosen one.

    Subclasses fill the form in `show_row` (what the fields then say is not taken for typing) and
    pass what is typed to `set_value`.
    """

    def __init__(self, panel: ListPanel, edited: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.panel = panel
        self.form = QWidget(self)
        self.loading = False
        panel.setParent(self)
        panel.current.connect(self.load)
        panel.changed.connect(edited)

    def set_draft(self, draft: ListDraft) -> None:
        self.panel.set_draft(draft)
        self.load()

    def load(self, _index: int = -1) -> None:
        """Show the chosen row in the form."""
        row = self.panel.row()
        self.form.setEnabled(row is not None)
        self.loading = True
        try:
            self.show_row(row)
        finally:
            self.loading = False
        self.value_set()

    def show_row(self, row: Row | None) -> None:
        raise NotImplementedError

    def set_value(self, key: str, value: Any) -> None:
        """A field of the chosen row typed into."""
        row = self.panel.row()
        if self.loading or row is None or row.current.get(key) == value:
            return
        row.current[key] = value
        self.panel.refresh()
        self.value_set()

    def value_set(self) -> None:
        """After the chosen row is shown or changed (what the form says about it besides its fields)."""

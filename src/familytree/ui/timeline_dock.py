"""The Timeline dock: the selected person's life and close family in date order, with ages and citations."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familytree.evidence import TimelineEntry, citation_text, support_label, timeline
from familytree.model import Tree
from familytree.model.text import LONG_TEXT, SHORT_TEXT, for_display, shorten
from familytree.render.text import left_to_right, set_person_label, tooltip
from familytree.ui.appearance import secondary_text
from familytree.ui.sources_view import child_items

__all__ = ["TimelineDock", "citations_html"]

TITLE = "Timeline"
COLUMNS = ("Date", "Age", "Event", "Place", "Sources")
ENTRY_ROLE = Qt.ItemDataRole.UserRole + 1
MAX_COLUMN_WIDTH = 230


def citations_html(tree: Tree, entry: TimelineEntry) -> str:
    """The citations of one timeline entry with their excerpts, as escaped rich text; values cut for
    display (an excerpt past LONG_TEXT characters is read whole in the details panel)."""
    def esc(text: str, limit: int = 2 * SHORT_TEXT) -> str:
        return html.escape(for_display(text, limit))

    parts = [f"<p><b>{esc(entry.description)}</b>"]
    when = ", ".join(shorten(t) for t in (entry.date_text, entry.place_text) if t)
    if when:
        parts.append(f" <span>({esc(when)})</span>")
    parts.append("</p>")
    if not entry.citations:
        parts.append("<p><i>No citation: this fact is unsourced.</i></p>")
    for c in entry.citations:
        parts.append(f"<p>{esc(citation_text(tree, c))}</p>")
        for excerpt in c.text:
            parts.append(f"<blockquote>{esc(excerpt, LONG_TEXT).replace(chr(10), '<br>')}</blockquote>")
    return "".join(parts)


class TimelineDock(QDockWidget):
    """Lists `timeline(tree, person)`; clicking a line reports whose event it is and shows its citations.

    It follows the selected person, except while the selection is one of its own lines' people:
    clicking "Birth of daughter Yulia" shows Yulia on the chart and keeps the timeline being read.
    Its title names whose timeline it is.
    """

    personChosen = Signal(str)  # noqa: N815 (Qt signal names are camelCase)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(TITLE, parent)
        self.setObjectName("timelineDock")
        self.tree: Tree | None = None
        self.person_id = ""
        self.entries: list[TimelineEntry] = []
        self._choosing = False  # a click on a line is selecting its person

        body = QWidget(self)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(2, 2, 2, 2)
        self.person_label = QLabel(body)
        self.person_label.setObjectName("timelinePerson")
        self.person_label.setTextFormat(Qt.TextFormat.PlainText)
        font = QFont(self.person_label.font())
        font.setBold(True)
        self.person_label.setFont(font)
        self.family_box = QCheckBox("Close &family", body)
        self.family_box.setToolTip("Include the births, deaths and marriages of parents, siblings, "
                                   "partners and children")
        self.family_box.setChecked(True)
        self.context_box = QCheckBox("Historical &context", body)
        self.context_box.setToolTip("Include the historical events the file records")
        self.context_box.setChecked(True)
        self.family_box.toggled.connect(self._refresh)
        self.context_box.toggled.connect(self._refresh)
        top = QHBoxLayout()
        top.addWidget(self.person_label, 1)
        top.addWidget(self.family_box)
        top.addWidget(self.context_box)
        layout.addLayout(top)

        # a dock at the bottom is wide and low: the citations go beside the list
        split = QSplitter(Qt.Orientation.Horizontal, body)
        self.list = QTreeWidget(split)
        self.list.setObjectName("timelineList")
        self.list.setAccessibleName("Timeline")
        self.list.setColumnCount(len(COLUMNS))
        self.list.setHeaderLabels(list(COLUMNS))
        self.list.setRootIsDecorated(False)
        self.list.setUniformRowHeights(True)
        self.list.setAlternatingRowColors(True)
        self.list.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.list.header().setStretchLastSection(False)
        self.list.currentItemChanged.connect(self._on_current_changed)
        self.list.itemActivated.connect(self._on_item_clicked)
        self.list.itemClicked.connect(self._on_item_clicked)
        self.citation_view = QTextBrowser(split)
        self.citation_view.setObjectName("timelineCitations")
        self.citation_view.setAccessibleName("Citations of the selected event")
        self.citation_view.setOpenLinks(False)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 1)
        layout.addWidget(split)
        self.setWidget(body)

    # -- filling -----------------------------------------------------------------------
    def follow(self, tree: Tree | None, person_id: str) -> None:
        """The person selected elsewhere: show their timeline (not when a line of this one chose them)."""
        if not self._choosing:
            self.set_person(tree, person_id)

    def set_person(self, tree: Tree | None, person_id: str) -> None:
        """Show the timeline of `person_id` (nothing for an empty id or tree)."""
        if tree is self.tree and person_id == self.person_id and self.entries:
            return
        self.tree = tree
        self.person_id = person_id
        self._refresh()

    def _refresh(self) -> None:
        self.list.clear()
        self.citation_view.setPlainText("Click an event to read its citations.")
        tree = self.tree
        if tree is None or self.person_id not in tree.people:
            self.entries = []
            self.person_label.setText("")
            self._set_title("")
            return
        person = tree.people[self.person_id]
        self._set_title(person.display_name())
        set_person_label(self.person_label, person.display_name(), person.lifespan(short=False))
        self.entries = timeline(tree, self.person_id, family=self.family_box.isChecked(),
                                context=self.context_box.isChecked())
        dim = QBrush(secondary_text(self.list.palette()))  # apart, yet readable (not the disabled grey)
        items = []
        for i, entry in enumerate(self.entries):
            item = QTreeWidgetItem([shorten(entry.date_text), shorten(entry.age_text),
                                    shorten(entry.description), shorten(entry.place_text),
                                    support_label(len(entry.citations))])
            item.setData(0, ENTRY_ROLE, i)
            cited = "\n".join(citation_text(tree, c) for c in entry.citations)
            item.setToolTip(2, tooltip(cited or "unsourced"))
            item.setToolTip(0, tooltip(entry.date_text))
            item.setToolTip(1, tooltip(entry.age_text))  # an age a record words its own way may be cut
            item.setToolTip(3, tooltip(entry.place_text))
            if entry.is_context:
                font = QFont(item.font(2))
                font.setItalic(True)
                for col in range(len(COLUMNS)):
                    item.setFont(col, font)
                    item.setForeground(col, dim)
            elif not entry.is_own:
                for col in range(len(COLUMNS)):
                    item.setForeground(col, dim)
            items.append(item)
        self.list.addTopLevelItems(items)
        for col in (0, 1, 3, 4):
            self.list.resizeColumnToContents(col)
            # a long date phrase or place must not push the events out of sight: the tooltip has it all
            self.list.setColumnWidth(col, min(self.list.columnWidth(col), MAX_COLUMN_WIDTH))

    def _set_title(self, name: str) -> None:
        """The dock's title bar or tab says whose timeline it is ("Timeline: Sergei Sedov"); the View
        menu keeps "Timeline"."""
        shown = left_to_right(shorten(for_display(name))) if name else ""
        self.setWindowTitle(f"{TITLE}: {shown}" if shown else TITLE)
        self.toggleViewAction().setText(TITLE)  # Qt gave it the title just set

    # -- reading -------------------------------------------------------------------------
    def entry_at(self, row: int) -> TimelineEntry:
        return self.entries[row]

    def rows(self) -> list[tuple[str, ...]]:
        """What the list shows, row by row (for tests and accessibility checks)."""
        return [tuple(item.text(c) for c in range(len(COLUMNS)))
                for item in child_items(self.list.invisibleRootItem())]

    def _entry(self, item: QTreeWidgetItem | None) -> TimelineEntry | None:
        if item is None:
            return None
        index = item.data(0, ENTRY_ROLE)
        return self.entries[index] if isinstance(index, int) and 0 <= index < len(self.entries) else None

    def _on_current_changed(self, item: QTreeWidgetItem | None, _previous: QTreeWidgetItem | None) -> None:
        entry = self._entry(item)
        if entry is not None and self.tree is not None:
            self.citation_view.setHtml(citations_html(self.tree, entry))

    def _on_item_clicked(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry = self._entry(item)
        if entry is None or self.tree is None:
            return
        self.citation_view.setHtml(citations_html(self.tree, entry))
        if entry.person_id:
            self._choosing = True
            try:
                self.personChosen.emit(entry.person_id)
            finally:
                self._choosing = False

"""The toolbar search field: people by any spelling of their name and texts by their words, as you type."""

from __future__ import annotations

import contextlib
import html
import threading
import weakref

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QFocusEvent, QHideEvent, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QSpinBox,
    QStyle,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

from familytree.model import Sex, Tree
from familytree.model.text import SHORT_TEXT, break_long_words, shorten
from familytree.search import NameIndex, SearchFilters, TextHit, TextIndex, TextKind
from familytree.workspace import TreeChange

__all__ = ["SearchBox", "highlighted_html", "reindexed_people"]

DEBOUNCE_MS = 150  # results wait for a pause in typing, so fast typists never wait for them
NAME_RESULTS = 12
TEXT_RESULTS = 8
MIN_TEXT_QUERY = 3  # letters before texts are searched too
BACKGROUND_INDEX = 3000  # trees with more people are indexed off the GUI thread

_ROLE = Qt.ItemDataRole.UserRole  # ("person" | "source", id) on result rows, None on headings
_KIND_WORDS = {TextKind.BIOGRAPHY: "biography", TextKind.NOTE: "note", TextKind.EXCERPT: "source excerpt",
               TextKind.SOURCE: "source"}
_NO_YEAR = 0  # the spin boxes' "any" value


def _esc(text: str) -> str:
    return html.escape(break_long_words(text))


def highlighted_html(text: str, spans: tuple[tuple[int, int], ...], limit: int = 2 * SHORT_TEXT) -> str:
    """`text` escaped for rich text, with the spans in bold on a highlight colour; cut to `limit`
    (a snippet is whole words, and a "word" of a file can be megabytes long)."""
    shown = shorten(text, limit)
    kept = len(shown) if shown == text else len(shown) - 1  # characters of `text` before the "…"
    out: list[str] = []
    pos = 0
    for start, end in sorted(spans):
        if start < pos or start >= kept:
            continue
        end = min(end, kept)
        out.append(_esc(text[pos:start]))
        # dark text on the yellow, so that a dark theme's light text stays readable
        out.append(f"<b style='background-color:#fde68a; color:#1f2937'>{_esc(text[start:end])}</b>")
        pos = end
    out.append(_esc(shown[pos:]))
    return "".join(out)


def reindexed_people(tree: Tree, change: TreeChange) -> set[str]:
    """Whom a change asks the name index to look at again: the people it changed (names, dates, links),
    and the members of the families it changed (a new child changes its parents' family links)."""
    people = set(change.people | change.names)
    for family_id in change.families:
        family = tree.families.get(family_id)
        if family is not None:
            people.update(family.partner_ids)
            people.update(family.child_ids)
    return people


class _Indexes:
    """The name and text indexes of one tree, built on demand or in a background thread, and kept up
    to date after each edit; the search fields of one tree share them (`of`)."""

    _shared: weakref.WeakValueDictionary[int, _Indexes] = weakref.WeakValueDictionary()

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.names: NameIndex | None = None
        self.texts: TextIndex | None = None
        self.generation = 0  # counts the edits heard: a field's last results are then out of date
        self._thread: threading.Thread | None = None
        self._pending: list[TreeChange] = []  # heard while the thread builds: applied once it is done

    @classmethod
    def of(cls, tree: Tree) -> _Indexes:
        """The indexes of `tree`, shared by every field searching it (one index of a big file, not three)."""
        found = cls._shared.get(id(tree))
        if found is None or found.tree is not tree:
            found = cls(tree)
            cls._shared[id(tree)] = found
        return found

    def build_in_background(self) -> None:
        if self._thread is None and self.names is None:
            self._thread = threading.Thread(target=self._build, name="search-index", daemon=True)
            self._thread.start()

    def _build(self) -> None:
        for _attempt in range(3):
            try:
                names = NameIndex(self.tree)
                texts = TextIndex(self.tree)
                break
            except RuntimeError:  # an edit changed the tree's tables while they were read: again
                continue
        else:
            return
        self.names, self.texts = names, texts
        if self._thread is not None:
            with contextlib.suppress(RuntimeError):  # (an edit meanwhile: worked out when first asked)
                names.prepare_years()  # the first query of a year ("1908") then answers at once

    def is_ready(self) -> bool:
        if self.names is not None and self.texts is not None:
            if self._pending and (self._thread is None or not self._thread.is_alive()):
                pending, self._pending = self._pending, []
                for change in pending:  # (what the thread read of them may be from before)
                    self.update(change)
            return not self._pending
        if self._thread is None:  # a small tree: build now, it takes milliseconds
            self._build()
            return True
        return False

    def update(self, change: TreeChange) -> None:
        """Index again what an edit changed (a few people: well under a millisecond)."""
        self.generation += 1
        if self.names is None or self.texts is None or (self._thread is not None and self._thread.is_alive()):
            self._pending.append(change)  # the thread is still reading the tree
            return
        self.names.update(reindexed_people(self.tree, change))
        if change.notes:  # a shared note is in the texts of every record pointing to it
            self.texts = TextIndex(self.tree)
        else:
            self.texts.update(self.tree, change.people, change.families, change.sources)


class _FilterMenu(QMenu):
    """Born and died year ranges and sex, in a small menu on the field."""

    changed = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        form_widget = QWidget(self)
        form = QFormLayout(form_widget)
        self.born_from, self.born_to = self._years(), self._years()
        self.died_from, self.died_to = self._years(), self._years()
        form.addRow("Born from", self._pair(self.born_from, self.born_to))
        form.addRow("Died from", self._pair(self.died_from, self.died_to))
        self.sex = QComboBox(form_widget)
        self.sex.setAccessibleName("Sex")
        for label, value in (("Any", None), ("Male", Sex.MALE), ("Female", Sex.FEMALE), ("Other", Sex.OTHER)):
            self.sex.addItem(label, value)
        self.sex.currentIndexChanged.connect(self.changed)
        form.addRow("Sex", self.sex)
        holder = QWidgetAction(self)
        holder.setDefaultWidget(form_widget)
        self.addAction(holder)
        self.addSeparator()
        self.addAction("Clear filters", self.clear)

    def _years(self) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setRange(_NO_YEAR, 2200)
        spin.setSpecialValueText("any")
        spin.setValue(_NO_YEAR)
        spin.valueChanged.connect(self.changed)
        return spin

    def _pair(self, low: QSpinBox, high: QSpinBox) -> QWidget:
        row = QWidget(self)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(low)
        layout.addWidget(QLabel("to", row))
        layout.addWidget(high)
        return row

    def filters(self) -> SearchFilters:
        def year(spin: QSpinBox) -> int | None:
            return None if spin.value() == _NO_YEAR else spin.value()

        return SearchFilters(year(self.born_from), year(self.born_to), year(self.died_from),
                             year(self.died_to), self.sex.currentData())

    def clear(self) -> None:
        for spin in (self.born_from, self.born_to, self.died_from, self.died_to):
            spin.blockSignals(True)
            spin.setValue(_NO_YEAR)
            spin.blockSignals(False)
        self.sex.setCurrentIndex(0)
        self.changed.emit()


class _Popup(QFrame):
    """The results list under the field. It never takes the keyboard: the field keeps typing."""

    def __init__(self, owner: QWidget) -> None:
        super().__init__(owner, Qt.WindowType.ToolTip | Qt.WindowType.FramelessWindowHint)
        self.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.list = QListWidget(self)
        self.list.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.list.setAccessibleName("Search results")
        self.list.setWordWrap(True)
        self.list.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(1, 1, 1, 1)
        layout.addWidget(self.list)


class SearchBox(QLineEdit):
    """A search field with a results popup as you type: people first, then texts.

    Up/Down move through the results, Enter picks one, Esc clears. Picking a person
    emits `personChosen(id)`; picking a text opens the person it is about, or its
    source (`sourceChosen(id)`) when it belongs to no one.
    """

    personChosen = Signal(str)  # noqa: N815 (Qt signal naming)
    sourceChosen = Signal(str)  # noqa: N815

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("Find a person or a text")
        self.setClearButtonEnabled(True)
        self.setAccessibleName("Search people and sources")
        self.setToolTip("Any spelling of a name (Sergei, Sergey, Сергей, Seryozha), or words of a "
                        "biography, note or source excerpt")
        self._indexes: _Indexes | None = None
        self.people_only = False  # True for a field that picks a person: no biography or excerpt rows
        self._focus_id = ""
        self._last_query: tuple[str, SearchFilters, int] | None = None  # (and how many edits heard)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self.update_results)
        self._ready_timer = QTimer(self)  # polls a background index build
        self._ready_timer.setInterval(50)
        self._ready_timer.timeout.connect(self._on_index_progress)
        self.textEdited.connect(self._on_text_edited)
        self.filter_menu = _FilterMenu(self)
        self.filter_menu.changed.connect(self._on_filters_changed)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        self.filter_action = QAction(icon, "Filters", self)
        self.filter_action.setToolTip("Filter by years of birth and death, and sex")
        self.filter_action.triggered.connect(self._show_filter_menu)
        self.addAction(self.filter_action, QLineEdit.ActionPosition.TrailingPosition)
        self.popup = _Popup(self)
        self.popup.list.itemClicked.connect(self._choose_item)

    # -- public API -----------------------------------------------------------------------
    def setTree(self, tree: Tree | None) -> None:
        """Search this tree from now on (its index is built off the GUI thread when large)."""
        self._indexes = _Indexes.of(tree) if tree is not None else None
        self._last_query = None
        if self._indexes is not None and len(self._indexes.tree.people) > BACKGROUND_INDEX:
            self._indexes.build_in_background()
            self._ready_timer.start()
        self.hide_popup()

    def update_people(self, change: TreeChange) -> None:
        """The tree was edited: search what the change changed as it now is (every field of the tree
        shares the index: one of them is told)."""
        if self._indexes is not None:
            self._indexes.update(change)
            self._last_query = None

    def setFocusPerson(self, person_id: str) -> None:
        """Rank this person's relatives first among equally good matches."""
        self._focus_id = person_id or ""
        self._last_query = None
        if self._focus_id:
            # the distances from the new focus, while the user looks at the chart
            QTimer.singleShot(0, self._prepare_focus)

    def _prepare_focus(self) -> None:
        indexes = self._indexes
        if indexes is not None and indexes.names is not None:
            indexes.names.prepare_focus(self._focus_id)

    def filters(self) -> SearchFilters:
        return self.filter_menu.filters()

    def result_rows(self) -> list[tuple[str, str]]:
        """The ("person" | "source", id) of each result shown, in order (headings left out)."""
        rows = []
        for i in range(self.popup.list.count()):
            data = self.popup.list.item(i).data(_ROLE)
            if data:
                rows.append(tuple(data))
        return rows

    def current_row(self) -> tuple[str, str] | None:
        item = self.popup.list.currentItem()
        data = item.data(_ROLE) if item is not None else None
        return tuple(data) if data else None

    # -- searching -----------------------------------------------------------------------
    def _on_text_edited(self, _text: str) -> None:
        self._timer.start()

    def _on_filters_changed(self) -> None:
        active = self.filters().active
        self.filter_action.setText("Filters (on)" if active else "Filters")
        self._last_query = None
        if self.text().strip():
            self._timer.start()

    def _on_index_progress(self) -> None:
        if self._indexes is None or self._indexes.is_ready():
            self._ready_timer.stop()
            if self.text().strip() and self.popup.isVisible():
                self._last_query = None
                self.update_results()

    def update_results(self) -> None:
        """Run the query now (the debounce timer calls this) and show the results."""
        self._timer.stop()
        query = self.text()
        filters = self.filters()
        if not query.strip():
            self.hide_popup()
            self._last_query = None
            return
        edits = self._indexes.generation if self._indexes is not None else 0
        if self._last_query == (query, filters, edits) and self.popup.list.count():
            self._show_popup()
            return
        view = self.popup.list
        view.clear()
        indexes = self._indexes
        if indexes is None:
            self._heading("No file is open")
        elif not indexes.is_ready():
            self._heading("Indexing names\u2026")
        else:
            assert indexes.names is not None
            assert indexes.texts is not None
            self._last_query = (query, filters, edits)
            people = indexes.names.search(query, limit=NAME_RESULTS, focus_id=self._focus_id or None,
                                          filters=filters)
            # one or two letters would match most texts of a big tree and tell the user nothing
            enough = len("".join(query.split())) >= MIN_TEXT_QUERY and not self.people_only
            hits = indexes.texts.search(query, limit=TEXT_RESULTS * 3) if enough else []
            if filters.active:  # the filters are about people: texts about others go too
                hits = [h for h in hits if not h.person_id or indexes.names.accepts(h.person_id, filters)]
            # an excerpt cited for several people is shown once, for the first of them
            shown: set[tuple[str, str]] = set()
            unique = []
            for hit in hits:
                if (hit.source_id, hit.snippet) not in shown:
                    shown.add((hit.source_id, hit.snippet))
                    unique.append(hit)
            hits = unique[:TEXT_RESULTS]
            # two people of one name and the same years (two unnamed Rubinshtein parents) are told
            # apart by their ids, or the list reads as one person twice
            seen = [(result.name, indexes.tree.people[result.person_id].lifespan()) for result in people]
            twins = {key for key in seen if seen.count(key) > 1}
            if people:
                self._heading("People")
                for result, key in zip(people, seen, strict=True):
                    person = indexes.tree.people[result.person_id]
                    years = person.lifespan(short=False)
                    quiet = self._quiet_colour()
                    name, reason = shorten(result.name), shorten(result.reason, 2 * SHORT_TEXT)
                    if key in twins:
                        name = f"{name} ({shorten(result.person_id)})"
                    text = (f"<b>{_esc(name)}</b>"
                            + (f"&nbsp;&nbsp;{html.escape(years)}" if years else "")
                            + f"<br><span style='color:{quiet}'>{_esc(reason)}</span>")
                    self._row(text, ("person", result.person_id), f"{name} {years}, {reason}")
            if hits:
                self._heading("In texts")
                for hit in hits:
                    self._text_row(indexes.tree, hit)
            if not people and not hits:
                self._heading("No matches" + (" with these filters" if filters.active else ""))
        self._clear_current()
        self._show_popup()

    def _heading(self, text: str) -> None:
        item = QListWidgetItem(text, self.popup.list)
        item.setFlags(Qt.ItemFlag.NoItemFlags)
        font = item.font()
        font.setBold(True)
        item.setFont(font)

    def _row(self, rich: str, data: tuple[str, str], plain: str) -> None:
        item = QListWidgetItem(self.popup.list)
        item.setData(_ROLE, data)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, plain)
        label = QLabel(rich)
        label.setTextFormat(Qt.TextFormat.RichText)
        label.setWordWrap(True)
        label.setContentsMargins(6, 2, 6, 2)
        label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        width = max(200, self.popup_width() - 24)
        label.setFixedWidth(width)
        item.setSizeHint(label.sizeHint())
        self.popup.list.setItemWidget(item, label)

    def _text_row(self, tree: Tree, hit: TextHit) -> None:
        if hit.person_id and hit.person_id in tree.people:
            title = tree.people[hit.person_id].display_name()
            data = ("person", hit.person_id)
        else:
            source = tree.sources.get(hit.source_id)
            title = source.display() if source is not None else hit.source_id
            data = ("source", hit.source_id)
        kind = _KIND_WORDS[hit.kind]
        quiet = self._quiet_colour()
        title = shorten(title)
        rich = (f"<b>{_esc(title)}</b> <span style='color:{quiet}'>\u00b7 {kind}</span><br>"
                f"{highlighted_html(hit.snippet, hit.spans)}")
        self._row(rich, data, f"{title}, {kind}: {shorten(hit.snippet, 2 * SHORT_TEXT)}")

    def _quiet_colour(self) -> str:
        """The colour for secondary text (reasons, kinds), from the theme: readable light or dark."""
        return self.palette().color(QPalette.ColorRole.PlaceholderText).name()

    def popup_width(self) -> int:
        return max(self.width(), 420)

    # -- the popup ----------------------------------------------------------------------
    def _show_popup(self) -> None:
        view = self.popup.list
        height = sum(view.sizeHintForRow(i) if view.itemWidget(view.item(i)) is None
                     else view.item(i).sizeHint().height() for i in range(view.count()))
        self.popup.resize(self.popup_width(), min(480, height + 8))
        # under the field, kept on the screen (the field often ends the toolbar, at the right)
        where = self.mapToGlobal(QPoint(0, self.height()))
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None and where.x() + self.popup.width() > screen.right():
            where.setX(max(screen.left(), screen.right() - self.popup.width()))
        self.popup.move(where)
        self.popup.show()
        self.popup.raise_()

    def hide_popup(self) -> None:
        self.popup.hide()

    def _selectable_rows(self) -> list[int]:
        view = self.popup.list
        return [i for i in range(view.count()) if view.item(i).data(_ROLE)]

    def _clear_current(self) -> None:
        # nothing is current until Down is pressed; Enter then takes the first result
        self.popup.list.setCurrentRow(-1)

    def _move(self, step: int) -> None:
        rows = self._selectable_rows()
        if not rows:
            return
        current = self.popup.list.currentRow()
        if current not in rows:
            target = rows[0] if step > 0 else rows[-1]
        else:
            target = rows[max(0, min(len(rows) - 1, rows.index(current) + step))]
        self.popup.list.setCurrentRow(target)
        self.popup.list.scrollToItem(self.popup.list.item(target))

    def _choose_item(self, item: QListWidgetItem | None) -> None:
        data = item.data(_ROLE) if item is not None else None
        if not data:
            return
        kind, record_id = data
        self.hide_popup()
        self.selectAll()
        if kind == "person":
            self.personChosen.emit(record_id)
        else:
            self.sourceChosen.emit(record_id)

    def _show_filter_menu(self) -> None:
        self.filter_menu.popup(self.mapToGlobal(QPoint(self.width() - 20, self.height())))

    # -- Qt overrides ---------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Down, Qt.Key.Key_Up):
            if not self.popup.isVisible() or self._timer.isActive():
                self.update_results()
            self._move(1 if key == Qt.Key.Key_Down else -1)
            return
        if key in (Qt.Key.Key_PageDown, Qt.Key.Key_PageUp) and self.popup.isVisible():
            self._move(5 if key == Qt.Key.Key_PageDown else -5)
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if self._timer.isActive() or not self.popup.isVisible():
                self.update_results()  # Enter typed before the pause: search now
            item: QListWidgetItem | None = self.popup.list.currentItem()
            rows = self._selectable_rows()
            if item is None and rows:
                item = self.popup.list.item(rows[0])
            self._choose_item(item)
            return
        if key == Qt.Key.Key_Escape:
            if self.text() or self.popup.isVisible():
                self.clear()
                self.hide_popup()
                self._last_query = None
                return
        super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        # a click in the popup must reach its row before the popup goes
        if not self.popup.underMouse():
            self.hide_popup()
        super().focusOutEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self.hide_popup()
        super().hideEvent(event)

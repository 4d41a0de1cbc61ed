"""The Facts and Notes tabs of the person and family editors: each fact with its date, place and the sources
that say so; each note's text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from familytree.model import EVENT_LABELS, Tree
from familytree.model.text import shorten
from familytree.render.text import set_plain_text, tooltip
from familytree.ui.edit_drafts import Row, citation_row, fact_row, note_row
from familytree.ui.edit_fields import (
    DateField,
    ListPanel,
    PlaceField,
    RowTab,
    above,
    add_row,
    beside,
    elide,
    note_label,
    set_editable_text,
)
from familytree.ui.settings import Settings
from familytree.ui.source_picker import SourcePicker, citation_words
from familytree.workspace.places import PlaceIndex

__all__ = ["FAMILY_TAGS", "PERSON_TAGS", "FactsTab", "NotesTab", "fact_kind", "fact_label"]

# what a fact can be, the usual first
PERSON_TAGS = ("BIRT", "BAPM", "CHR", "DEAT", "BURI", "CREM", "OCCU", "RESI", "EDUC", "GRAD", "RELI", "NATI",
               "EMIG", "IMMI", "NATU", "CENS", "TITL", "DSCR", "PROP", "ADOP", "BARM", "BASM", "BLES", "CHRA",
               "CONF", "FCOM", "ORDN", "RETI", "PROB", "WILL", "CAST", "IDNO", "SSN", "NCHI", "NMR", "EVEN",
               "FACT")
FAMILY_TAGS = ("MARR", "ENGA", "MARB", "MARC", "MARL", "MARS", "DIV", "DIVF", "ANUL", "RESI", "CENS", "NCHI",
               "EVEN", "FACT")


def fact_label(row: Row) -> str:
    """A fact as the list shows it: "Birth: about 1937, Moscow, Russia" (a date as typed, or in words
    while unchanged)."""
    values = row.current
    date = values["date"]
    if row.origin is not None and date == row.initial["date"] and row.origin.date is not None:
        date = row.origin.date.display()
    what = fact_kind(values["tag"], values["type"])
    value = values["value"] if values["value"].upper() != "Y" else ""
    bits = [b for b in (value, date, values["place"]) if b]
    return f"{what}: {', '.join(bits)}" if bits else what


def fact_kind(tag: str, kind: str = "") -> str:
    """What a fact is, in words: its kind for an event or fact of no standard type ("Emigration record",
    "Event" when its kind is only GEDCOM's own tag, as some files write "2 TYPE EVEN"), else the type's."""
    kind = " ".join(kind.split())
    if tag in ("EVEN", "FACT") and kind:
        return EVENT_LABELS.get(kind, kind)
    return EVENT_LABELS.get(tag, tag.lstrip("_").capitalize())


def _ask(row: Row | None) -> str:
    """Which source says so? What the form says under a fact's citations."""
    if row is None:
        return ""
    if not row.children.rows:
        return "No source cited yet: the fact can be saved without one, and is then marked unsourced."
    cited_again = row.children.changed  # a citation added, changed or removed since
    if row.origin is None or not row.changes() or cited_again:
        return ""
    return "You changed this fact: do these sources say so? Cite the one that does, or change the citation."


def _button(parent: QWidget, text: str, name: str, run: Callable[[], object]) -> QPushButton:
    button = QPushButton(text, parent)
    button.setAccessibleName(name)
    button.setAutoDefault(False)
    button.clicked.connect(lambda _checked=False: run())
    return button


class FactsTab(RowTab):
    """The facts of a person or family: the list, and the chosen one's type, description, date, place, age,
    cause and citations. Adding or changing a fact asks which source says so (it can be saved without one,
    and is then marked unsourced)."""

    def __init__(self, tree: Tree, tags: tuple[str, ...], places: Callable[[], PlaceIndex],
                 edited: Callable[[], object], settings: Settings | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(ListPanel("fact", fact_label, lambda: fact_row(None, tags[0])), edited, parent)
        self.tree = tree
        self.tags = tags
        self.settings = settings
        self.picker: SourcePicker | None = None
        form_widget = self.form
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.tag = add_row(form, "&Type:", QComboBox(form_widget), "Type of fact")
        self.kind = add_row(form, "&Kind:", QLineEdit(form_widget), "Kind of event or fact")
        self.kind.setPlaceholderText("what kind of event or fact (for Event and Fact)")
        self.value = add_row(form, "D&escription:", QLineEdit(form_widget), "Description")
        self.value.setPlaceholderText("engineer, a house in Moscow, …")
        self.date = add_row(form, "&Date:", DateField(form_widget), "Date")
        self.place = add_row(form, "&Place:", PlaceField(places, form_widget), "Place")
        self.age = add_row(form, "A&ge:", QLineEdit(form_widget), "Age at the time")
        self.age.setPlaceholderText("as recorded: 29y, 3y 6m")
        self.cause = add_row(form, "Ca&use:", QLineEdit(form_widget), "Cause")
        sources = QGroupBox("Which source says so?", form_widget)
        self.citations = QListWidget(sources)
        self.citations.setAccessibleName("Citations: the sources that say so")
        elide(self.citations)
        self.citations.itemDoubleClicked.connect(lambda _item: self.change_citation())
        self.unsourced = note_label(sources, "Unsourced")
        buttons = QHBoxLayout()
        self.cite_button = _button(sources, "&Cite a source…", "Cite a source for this fact", self.cite)
        self.change_button = _button(sources, "C&hange…", "Change the chosen citation", self.change_citation)
        self.uncite_button = _button(sources, "Remove citation", "Remove the chosen citation",
                                     self.remove_citation)
        for button in (self.cite_button, self.change_button, self.uncite_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(sources)
        column.addWidget(self.citations, 1)
        column.addWidget(self.unsourced)
        column.addLayout(buttons)
        above(form_widget, form, sources)
        beside(self, self.panel, form_widget)
        self.tag.currentIndexChanged.connect(lambda _i: self.set_value("tag", self.tag.currentData()))
        self.kind.textEdited.connect(lambda text: self.set_value("type", text))
        self.value.textEdited.connect(lambda text: self.set_value("value", text))
        self.date.edited.connect(lambda text: self.set_value("date", text))
        self.place.textChanged.connect(lambda text: self.set_value("place", text))
        self.age.textEdited.connect(lambda text: self.set_value("age", text))
        self.cause.textEdited.connect(lambda text: self.set_value("cause", text))
        self.citations.currentRowChanged.connect(lambda _i: self._enable())

    # -- the chosen fact ---------------------------------------------------------------------------
    def show_row(self, row: Row | None) -> None:
        values = row.current if row is not None else fact_row(None, self.tags[0]).current
        self.tag.clear()
        tags = self.tags if values["tag"] in self.tags else (*self.tags, values["tag"])
        for tag in tags:
            self.tag.addItem(shorten(fact_kind(tag)), tag)
        self.tag.setCurrentIndex(tags.index(values["tag"]))
        for field, key in ((self.kind, "type"), (self.value, "value"), (self.age, "age"),
                           (self.cause, "cause"), (self.place, "place")):
            field.setText(values[key])
            field.setCursorPosition(0)
        unchanged = row is not None and row.origin is not None and values["date"] == row.initial["date"]
        self.date.set_date(values["date"], row.origin.date if unchanged and row is not None else None)

    def value_set(self) -> None:
        self._show_citations()

    def _show_citations(self) -> None:
        row = self.panel.row()
        self.citations.clear()
        for citation in row.children.rows if row is not None else []:
            text = citation_words(self.tree, citation.current)
            self.citations.addItem(shorten(text))
            item = self.citations.item(self.citations.count() - 1)
            if item is not None:
                item.setToolTip(tooltip(text))
        if self.citations.count():
            self.citations.setCurrentRow(0)
        set_plain_text(self.unsourced, _ask(row))
        self._enable()

    def _enable(self) -> None:
        chosen = self.citations.currentRow() >= 0
        self.change_button.setEnabled(chosen)
        self.uncite_button.setEnabled(chosen)

    # -- citations ---------------------------------------------------------------------------------
    def cite(self) -> SourcePicker | None:
        """Ask which source says so; the citation chosen is added to the fact."""
        row = self.panel.row()
        if row is None:
            return None
        return self._pick({}, lambda values: row.children.add(citation_row(None, **values)))

    def change_citation(self) -> SourcePicker | None:
        row = self.panel.row()
        i = self.citations.currentRow()
        if row is None or not 0 <= i < len(row.children.rows):
            return None
        citation = row.children.rows[i]
        return self._pick(citation.current, citation.current.update)

    def remove_citation(self) -> None:
        row = self.panel.row()
        i = self.citations.currentRow()
        if row is not None and 0 <= i < len(row.children.rows):
            row.children.remove(i)
            self._changed_citations()

    def _pick(self, values: dict[str, Any], take: Callable[[dict[str, Any]], object]) -> SourcePicker:
        picker = SourcePicker(self.tree, values, self.settings, self)
        self.picker = picker

        def chosen(picked: dict[str, Any]) -> None:
            take(picked)
            self._changed_citations()

        picker.chosen.connect(chosen)
        picker.destroyed.connect(lambda *_a: setattr(self, "picker", None))
        picker.open()
        return picker

    def _changed_citations(self) -> None:
        self._show_citations()
        self.panel.refresh()


class NotesTab(RowTab):
    """The notes of a person or family: the list (the first is the biography), and the chosen one's text.
    A shared note is changed where it is kept: every record that points to it shows the new text."""

    def __init__(self, edited: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(ListPanel("note", lambda row: row.current["text"].split("\n", 1)[0],
                                   lambda: note_row("")), edited, parent)
        self.shared_note: Callable[[Row], bool] = lambda _row: False
        self.text = QPlainTextEdit(self)
        self.text.setAccessibleName("Text of the note")
        self.text.setPlaceholderText("The first note is the biography the details panel shows.")
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._on_text)
        self.shared = note_label(self, "Shared note")
        column = QVBoxLayout(self.form)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.text)
        column.addWidget(self.shared)
        beside(self, self.panel, self.form, list_share=1)

    def show_row(self, row: Row | None) -> None:
        set_editable_text(self.text, row.current["text"] if row is not None else "")
        set_plain_text(self.shared, "A shared note: changing it here changes it wherever the file uses it."
                       if row is not None and self.shared_note(row) else "")

    def _on_text(self) -> None:
        self.set_value("text", self.text.toPlainText())

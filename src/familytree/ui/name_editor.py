"""The Names tab of the person editor: each name's parts, type, nickname and language, and its other forms
(transliterations, the name in another script) with theirs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from familytree.model import NameType
from familytree.ui.edit_drafts import Row, name_row, new_name, translation_row
from familytree.ui.edit_fields import ListPanel, RowTab, above, add_row, beside

__all__ = ["NAME_TYPE_WORDS", "NamesTab", "name_label"]

NAME_TYPE_WORDS = {
    NameType.NONE: "Not said", NameType.BIRTH: "Birth name", NameType.AKA: "Also known as",
    NameType.NICKNAME: "Nickname", NameType.MARRIED: "Married name", NameType.MAIDEN: "Maiden name",
    NameType.IMMIGRANT: "Immigrant name", NameType.PROFESSIONAL: "Professional name", NameType.OTHER: "Other",
}
_PARTS = (("&Given names:", "given", "Given names"), ("&Surname:", "surname", "Surname"),
          ("T&itle:", "prefix", "Title before the name"),
          ("Surname &prefix:", "surname_prefix", "Surname prefix"),
          ("Su&ffix:", "suffix", "Suffix"), ("&Nickname:", "nickname", "Nickname"))
_FORM_COLUMNS = (("Given names", "given"), ("Surname", "surname"), ("Language", "lang"))


def name_label(values: dict[str, Any]) -> str:
    """A name as the list shows it: "Sergey Sedov — Transliteration"."""
    text = new_name(values).display() or "(no name yet)"
    kind = values["type_phrase"] or ("" if values["type"] is NameType.NONE
                                     else NAME_TYPE_WORDS[values["type"]])
    return f"{text} \u2014 {kind}" if kind else text


class NamesTab(RowTab):
    """The person's names, the first the one shown everywhere; the chosen one's parts and other forms."""

    def __init__(self, edited: Callable[[], object], parent: QWidget | None = None) -> None:
        super().__init__(ListPanel("name", lambda row: name_label(row.current), name_row), edited, parent)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.fields: dict[str, QLineEdit] = {}
        for text, key, name in _PARTS:
            field = add_row(form, text, QLineEdit(self.form), name)
            field.textEdited.connect(lambda value, k=key: self.set_value(k, value))
            self.fields[key] = field
        self.fields["prefix"].setPlaceholderText("Dr., Sir, Count")
        self.fields["surname_prefix"].setPlaceholderText("van, de, von")
        self.fields["suffix"].setPlaceholderText("Jr., III")
        self.type = add_row(form, "T&ype:", QComboBox(self.form), "Type of name")
        for kind, words in NAME_TYPE_WORDS.items():
            self.type.addItem(words, kind.value)
        self.type.currentIndexChanged.connect(
            lambda _i: self.set_value("type", NameType(self.type.currentData())))
        self.type_phrase = add_row(form, "&What kind:", QLineEdit(self.form), "What kind of name")
        self.type_phrase.setPlaceholderText("Transliteration, Name in religion, …")
        self.type_phrase.textEdited.connect(lambda value: self.set_value("type_phrase", value))
        self.lang = add_row(form, "&Language:", QLineEdit(self.form), "Language of the name")
        self.lang.setPlaceholderText("ru, en, de-Latn …")
        self.lang.textEdited.connect(lambda value: self.set_value("lang", value))
        others = QGroupBox("Other forms: transliterations, other scripts", self.form)
        self.forms = QTableWidget(0, len(_FORM_COLUMNS), others)
        self.forms.setAccessibleName("Other forms of the name")
        self.forms.setHorizontalHeaderLabels([words for words, _key in _FORM_COLUMNS])
        self.forms.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.forms.verticalHeader().hide()
        self.forms.setTabKeyNavigation(False)  # Tab leaves the table (the arrows move among its cells)
        self.forms.itemChanged.connect(self._on_form_changed)
        buttons = QHBoxLayout()
        for text, name, run in (("Add &form", "Add another form of the name", self.add_form),
                                ("Remove form", "Remove the chosen form of the name", self.remove_form)):
            button = QPushButton(text, others)
            button.setAccessibleName(name)
            button.setAutoDefault(False)
            button.clicked.connect(lambda _checked=False, r=run: r())
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(others)
        column.addWidget(self.forms, 1)
        column.addLayout(buttons)
        above(self.form, form, others)
        beside(self, self.panel, self.form)

    def show_row(self, row: Row | None) -> None:
        values = row.current if row is not None else name_row().current
        for key, field in self.fields.items():
            field.setText(values[key])
            field.setCursorPosition(0)
        self.type.setCurrentIndex(self.type.findData(values["type"].value))
        self.type_phrase.setText(values["type_phrase"])
        self.lang.setText(values["lang"])
        self.forms.setRowCount(0)
        for form in row.children.rows if row is not None else []:
            self._add_form_row(form.current)

    def _add_form_row(self, values: dict[str, Any]) -> None:
        r = self.forms.rowCount()
        self.forms.insertRow(r)
        for column, (_words, key) in enumerate(_FORM_COLUMNS):
            self.forms.setItem(r, column, QTableWidgetItem(values[key]))

    def _on_form_changed(self, item: QTableWidgetItem) -> None:
        row = self.panel.row()
        if self.loading or row is None or not 0 <= item.row() < len(row.children.rows):
            return
        row.children.rows[item.row()].current[_FORM_COLUMNS[item.column()][1]] = item.text()
        self.panel.refresh()

    def add_form(self) -> None:
        row = self.panel.row()
        if row is None:
            return
        form = translation_row()
        row.children.add(form)
        self.loading = True
        self._add_form_row(form.current)
        self.loading = False
        self.forms.setCurrentCell(self.forms.rowCount() - 1, 0)
        cell = self.forms.item(self.forms.rowCount() - 1, 0)
        if cell is not None:
            self.forms.editItem(cell)
        self.panel.refresh()

    def remove_form(self) -> None:
        row = self.panel.row()
        r = self.forms.currentRow()
        if row is None or not 0 <= r < len(row.children.rows):
            return
        row.children.remove(r)
        self.forms.removeRow(r)
        self.panel.refresh()

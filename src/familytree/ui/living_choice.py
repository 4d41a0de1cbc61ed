"""What prints, exports and shared copies (Save As) show of living people: the choice, in the window."""

from __future__ import annotations

from collections import deque
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from familytree.model import Tree
from familytree.model.text import shorten
from familytree.privacy import MAX_AGE, Mode, Verdict, hidden_note, infer_living, restricted_people

__all__ = ["LivingChoice", "SaveOptions", "VerdictCache", "living_combo", "hidden_note", "nearest_kept",
           "MODE_WORDS"]

# The command line's show|name|private|omit, as the dialogs say them
MODE_WORDS = {
    Mode.SHOW: "Show all",
    Mode.NAME: "Names only",
    Mode.PRIVATE: "As \u201cLiving\u201d",
    Mode.OMIT: "Leave out",
}
_EXPLAINED = {
    Mode.SHOW: "Everyone is shown as on screen, the living too.",
    Mode.NAME: "Living people keep their names and sex; their dates, places, notes, photos and other facts "
               "are left out, and so are those of a couple who are both living.",
    Mode.PRIVATE: "Each living person is a box reading \u201cLiving\u201d (the sex kept): no name, nothing "
                  "else.",
    Mode.OMIT: "Living people and their links are left out: only the dead are shown.",
}
RULE = (f"Treated as living: no death recorded, and not born or first recorded over {MAX_AGE} years ago. "
        "Unless all are shown, what the file marks private (RESN) is hidden too.")


def living_combo(mode: Mode, parent: QWidget | None = None) -> QComboBox:
    """The four choices, each explained in its tooltip with its command-line word."""
    combo = QComboBox(parent)
    for m in Mode:
        combo.addItem(MODE_WORDS[m], m)
        combo.setItemData(combo.count() - 1, f"{_EXPLAINED[m]} (On the command line: --living {m.value})",
                          Qt.ItemDataRole.ToolTipRole)
    combo.setCurrentIndex(combo.findData(mode))
    combo.setAccessibleName("Living people")
    return combo


class LivingChoice(QWidget):
    """"Living people: [Names only]" with what the choice does, the rule, and how many it concerns."""

    changed = Signal(object)  # the Mode chosen

    def __init__(self, mode: Mode, counts: tuple[int, int] | None = None, parent: QWidget | None = None,
                 labelled: bool = True) -> None:
        """`labelled`: with its own "Living people:" label (False in a form, whose row gives it)."""
        super().__init__(parent)
        self.setWindowTitle("Living people")  # the tab's name among a print dialog's options
        self.combo = living_combo(mode, self)
        self.setFocusProxy(self.combo)  # a form's label mnemonic goes to the choice
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        rule = QLabel(RULE + (f" {_counted(*counts)}" if counts is not None else ""))
        rule.setWordWrap(True)
        rule.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # read as a footnote
        row = QHBoxLayout()
        if labelled:
            label = QLabel("&Living people:")
            label.setBuddy(self.combo)
            row.addWidget(label)
        row.addWidget(self.combo)
        row.addStretch(1)
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.addLayout(row)
        box.addWidget(self.explanation)
        box.addWidget(rule)
        self.combo.currentIndexChanged.connect(self._on_mode_changed)
        self._on_mode_changed()

    def mode(self) -> Mode:
        chosen: Mode = self.combo.currentData()
        return chosen

    def set_mode(self, mode: Mode) -> None:
        self.combo.setCurrentIndex(self.combo.findData(mode))

    def _on_mode_changed(self) -> None:
        self.explanation.setText(_EXPLAINED[self.mode()])
        self.changed.emit(self.mode())


class SaveOptions(QDialog):
    """After Save As has a name: what the file written holds of living people."""

    def __init__(self, target: str, kind: str, mode: Mode, counts: tuple[int, int],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Save As")
        what = QLabel(f"Save as {kind}: {shorten(Path(target).name)}")
        what.setTextFormat(Qt.TextFormat.PlainText)
        self.living = LivingChoice(mode, counts, self)
        self.after = QLabel()
        self.after.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        box = QVBoxLayout(self)
        box.addWidget(what)
        box.addWidget(self.living)
        box.addWidget(self.after)
        box.addWidget(buttons)
        self.living.changed.connect(self._on_living_changed)
        self._on_living_changed(mode)
        self.living.combo.setFocus()
        # as tall as the wrapped lines need at this width (Qt's own guess wraps them narrower, taller)
        self.resize(480, box.totalHeightForWidth(480))

    def _on_living_changed(self, mode: Mode) -> None:
        self.after.setText("" if mode is Mode.SHOW else
                           "What is hidden is removed from the file written. The window goes on showing "
                           "everyone, from the file open now; the copy is for sharing.")


def _counted(living: int, restricted: int) -> str:
    text = f"In this file: {_people(living)} treated as living"
    return text + (f", {_people(restricted)} marked private." if restricted else ".")


def _people(count: int) -> str:
    return f"{count:,} {'person' if count == 1 else 'people'}"


class VerdictCache:
    """Who is living in the open tree, inferred once per tree and again after an edit (`forget`)."""

    def __init__(self) -> None:
        self._tree: Tree | None = None
        self._verdicts: dict[str, Verdict] = {}
        self._restricted: set[str] = set()

    def verdicts(self, tree: Tree) -> dict[str, Verdict]:
        self._fill(tree)
        return self._verdicts

    def restricted(self, tree: Tree) -> set[str]:
        self._fill(tree)
        return self._restricted

    def counts(self, tree: Tree) -> tuple[int, int]:
        """People treated as living; people marked private who are not."""
        verdicts = self.verdicts(tree)
        living = sum(1 for v in verdicts.values() if v.living)
        return living, sum(1 for pid in self._restricted if pid in verdicts and not verdicts[pid].living)

    def forget(self, _change: object = None) -> None:
        self._tree = None
        self._verdicts = {}
        self._restricted = set()

    def _fill(self, tree: Tree) -> None:
        if tree is not self._tree:
            self._verdicts = infer_living(tree)
            self._restricted = restricted_people(tree)
            self._tree = tree


def nearest_kept(tree: Tree, person_id: str, kept: Tree) -> str:
    """The person of `kept` (a shared copy with some left out) nearest `person_id` in the family,
    parents before partners and children; "" when no relative is left."""
    seen = {person_id}
    todo = deque([person_id])
    while todo:
        pid = todo.popleft()
        if pid in kept.people:
            return pid
        near = tree.parents(pid) + tree.partners(pid) + tree.children(pid)
        for other in near:
            if other not in seen:
                seen.add(other)
                todo.append(other)
    return ""

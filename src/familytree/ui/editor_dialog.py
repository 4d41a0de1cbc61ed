"""What every editor shares: non-modal beside the chart, its size remembered, its edits tried as typed (the
implausible said, the refused explained) and pushed at OK as one entry of the undo stack, in words; the
keyboard in its first field, OK and Cancel last; a question before typed changes are thrown away, or a
locked record changed."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import field
from typing import TypeVar

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QMessageBox, QPushButton, QWidget

from familytree.evidence.plausibility import implausibilities
from familytree.model import Family, Person
from familytree.model.slotted import slotted
from familytree.model.text import shorten
from familytree.render.text import set_plain_text
from familytree.ui.edit_drafts import edit_words, locked
from familytree.ui.edit_fields import WARNING_STYLE, note_label
from familytree.ui.settings import Settings
from familytree.workspace import EditRefused, TreeChange, UndoStack, Workspace

__all__ = ["EditorDialog", "Trial", "open_editor", "window_settings"]

CHECK_DELAY_MS = 250  # the edits are tried again this long after the last keystroke
_NOW = TreeChange("")  # (asking an editor whether its record is still in the file, whatever changed)


@slotted
class Trial:
    """What the editor's edits would do now: their words, what is implausible after them, or why not."""

    descriptions: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    refused: str = ""


class _Rollback(Exception):  # noqa: N818 (not an error: how a trial takes its edits back)
    pass


class EditorDialog(QDialog):
    """An editor of one record. Subclasses build the form and say, in `apply`, what edits OK pushes.

    Edits are tried on a stack of their own (no view and no journal hears it) and taken back at
    once: that gives the words for the History, the implausibility warnings shown before OK
    (never blocking) and a refusal's reason while the user can still change the form.
    """

    size_name = "editor"
    default_size = (760, 600)

    def __init__(self, workspace: Workspace, settings: Settings | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setModal(False)  # the chart stays usable beside it
        assert workspace.tree is not None
        self.workspace = workspace
        self.tree = workspace.tree
        self.settings = settings
        self.refusal: QMessageBox | None = None
        self.question: QMessageBox | None = None  # "Discard your changes?", while it is asked
        self.elsewhere = ""  # an edit made elsewhere to what this editor shows, since it opened
        self._absent = False  # its record has left the file (deleted, its adding undone): it may come back
        self._locked_ok = False  # the user said to change a locked record anyway
        self._arranged = False
        self.warnings = note_label(self, "Warnings", WARNING_STYLE)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._pushing = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(CHECK_DELAY_MS)
        self._timer.timeout.connect(self.check)
        workspace.events.changed.connect(self._on_tree_changed)
        workspace.events.tree.connect(self._on_file)
        if settings is not None:
            settings.restore_dialog(self, self.size_name, *self.default_size)
        else:
            self.resize(*self.default_size)

    # -- what subclasses say -----------------------------------------------------------------------
    def apply(self, stack: UndoStack) -> None:
        """Push the edits of the form onto `stack`, each made against the tree as the last one left it."""
        raise NotImplementedError

    def subject(self) -> str:
        """Whom or what the editor edits, in words: "Sergei Sedov"."""
        raise NotImplementedError

    def concerned(self) -> tuple[list[str], list[str]]:
        """The people and families whose plausibility an edit here may change."""
        return [], []

    def shows(self, change: TreeChange) -> bool:
        """Whether a change made elsewhere touches what the editor shows."""
        return False

    def gone(self, change: TreeChange) -> str:
        """Why the editor can no longer apply its edits after a change ("" while it can)."""
        return ""

    def record(self) -> Person | Family | None:
        """The record edited (its RESN says whether it is locked), None when there is none."""
        return None

    def first_field(self) -> QWidget | None:
        """The field the keyboard starts in (default: the first in the tab order)."""
        return None

    # -- trying the edits --------------------------------------------------------------------------
    def edited(self) -> None:
        """The form changed: try the edits again in a moment."""
        self._timer.start()

    def trial(self) -> Trial:
        tree = self.workspace.tree
        out = Trial()
        if tree is not self.tree:
            out.refused = "The file this editor was opened on is no longer open"
            return out
        out.refused = self.gone(_NOW)
        if out.refused:
            return out
        stack = UndoStack(tree)  # its own emitters: nothing hears the trial
        people, families = self.concerned()
        # what was implausible before about others (a brother's birth) is the Conflicts dock's to say
        before = {w.message for w in implausibilities(tree, people, families)}
        record = self.record()
        subject = record.id if record is not None else ""
        try:
            with stack.macro("") as done:
                self.apply(stack)
                out.descriptions = [edit.description for edit in done]
                people, families = self.concerned()
                out.warnings = [w.message for w in implausibilities(tree, people, families)
                                if w.message not in before or subject in w.person_ids]
                raise _Rollback
        except _Rollback:
            pass
        except EditRefused as refused:
            out.refused = str(refused)
        return out

    def check(self) -> Trial:
        """Try the edits and say under the form what is implausible after them, or why they cannot be made."""
        self._timer.stop()
        trial = self.trial()
        lines = [f"Cannot be saved: {trial.refused}"] if trial.refused else []
        lines.extend(f"\u26a0 {w}" for w in trial.warnings)
        if self.elsewhere:
            lines.append(self.elsewhere)
        set_plain_text(self.warnings, "\n".join(lines), 2000)
        return trial

    # -- OK, Cancel --------------------------------------------------------------------------------
    def accept(self) -> None:
        trial = self.check()
        if trial.refused:
            self._refuse(trial.refused)
            return
        if trial.descriptions and locked(self.record()) and not self._locked_ok and self.stays_locked():
            self._ask(QMessageBox.Icon.Warning, "Locked record",
                      f"The record of {self.subject()} is locked (RESN locked): the file asks that it not be "
                      f"changed. Change it anyway?", "Change &Anyway", self._accept_locked)
            return
        if trial.descriptions:
            self._pushing = True
            try:
                with self.workspace.undo.macro(edit_words(self.subject(), trial.descriptions)):
                    self.apply(self.workspace.undo)
            except EditRefused as refused:
                self._refuse(str(refused))
                return
            finally:
                self._pushing = False
            self.pushed()
        super().accept()

    def pushed(self) -> None:
        """After OK's edits are on the undo stack."""

    def stays_locked(self) -> bool:
        """Whether the form leaves a locked record locked (unlocking it is the user's own word)."""
        return True

    def _accept_locked(self) -> None:
        self._locked_ok = True
        self.accept()

    def has_changes(self) -> bool:
        """Whether OK would change anything (what was typed differs from what the editor opened with)."""
        trial = self.trial()
        return bool(trial.descriptions) or bool(trial.refused) and not self.gone(_NOW) \
            and self.workspace.tree is self.tree

    def reject(self) -> None:
        """Cancel, Escape or the window's close: typed changes are thrown away only when the user says so."""
        if self.question is not None or not self.has_changes():
            if self.question is None:
                self.discard()
            return
        self._ask(QMessageBox.Icon.Question, "Discard changes",
                  f"Discard your changes to {self.subject()}?", "&Discard", self.discard,
                  "What you typed here has not been saved to the file.")

    def discard(self) -> None:
        """Close without asking, what was typed thrown away."""
        super().reject()

    def _ask(self, icon: QMessageBox.Icon, title: str, text: str, yes: str, then: Callable[[], object],
             more: str = "") -> QMessageBox:
        """A question over the editor (the chart stays usable): `then` runs when `yes` is clicked."""
        box = QMessageBox(icon, title, shorten(text, 600), QMessageBox.StandardButton.NoButton, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setInformativeText(more)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        go = box.addButton(yes, QMessageBox.ButtonRole.DestructiveRole)
        stay = box.addButton("&Keep Editing" if icon is QMessageBox.Icon.Question else "Cancel",
                             QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(stay)
        box.setEscapeButton(stay)
        self.question = box

        def answered(_result: int) -> None:
            self.question = None
            if box.clickedButton() is go:
                then()

        box.finished.connect(answered)
        box.open()
        return box

    def _refuse(self, reason: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, "This change cannot be made", shorten(reason, 600),
                          QMessageBox.StandardButton.Ok, self)
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.refusal = box
        box.open()

    def done(self, result: int) -> None:
        self._timer.stop()
        if self.settings is not None:
            self.settings.save_dialog(self, self.size_name)
        events = self.workspace.events
        with contextlib.suppress(ValueError):  # done twice: Cancel, then the window closing it
            events.changed.disconnect(self._on_tree_changed)
        with contextlib.suppress(ValueError):
            events.tree.disconnect(self._on_file)
        super().done(result)

    # -- the tree changing under the editor ---------------------------------------------------------
    def _on_tree_changed(self, change: TreeChange) -> None:
        if self._pushing:
            return
        why = self.gone(change)
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        if why:
            self._timer.stop()
            self._absent = True
            ok.setEnabled(False)
            set_plain_text(self.warnings, f"{why}. Edit > Undo brings it back, and this editor with it.")
            return
        if self._absent:  # back (the deletion undone): what was typed here can be saved again
            self._absent = False
            ok.setEnabled(True)
            self.elsewhere = (f"Back in the file ({shorten(change.description, 80)}); OK saves what you "
                              f"changed here")
            self.check()
            return
        if self.shows(change):
            self.elsewhere = (f"Changed elsewhere since this editor opened "
                              f"({shorten(change.description, 80)}); OK changes only what you change here")
            self.edited()

    def _on_file(self, _tree: object) -> None:
        self.discard()  # its records belong to the file that was closed

    # -- the keyboard ------------------------------------------------------------------------------
    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 (Qt's name)
        if not self._arranged:
            self._arranged = True
            self._buttons_last()
            first = self.first_field() or next(
                (w for w in _focus_chain(self) if w.focusPolicy() & Qt.FocusPolicy.TabFocus and w.isEnabled()
                 and not isinstance(w, QPushButton)), None)
            if first is not None:
                first.setFocus(Qt.FocusReason.TabFocusReason)
        super().showEvent(event)

    def _buttons_last(self) -> None:
        """Tab goes through the form in its order, then OK and Cancel (made first, they came first)."""
        chain = _focus_chain(self)
        buttons = [w for w in chain if w is self.buttons or self.buttons.isAncestorOf(w)]
        order = [w for w in chain if not (w is self.buttons or self.buttons.isAncestorOf(w))] + buttons
        for before, after in zip(order, order[1:], strict=False):
            QWidget.setTabOrder(before, after)


def _focus_chain(window: QWidget) -> list[QWidget]:
    """The widgets of a window in their tab order."""
    out: list[QWidget] = []
    widget = window.nextInFocusChain()
    while widget is not None and widget is not window and len(out) < 100_000:
        out.append(widget)
        widget = widget.nextInFocusChain()
    return out


E = TypeVar("E", bound=EditorDialog)


def open_editor(parent: QWidget | None, kind: type[E], same: Callable[[E], bool], make: Callable[[], E]) -> E:
    """The editor of a record: the one already open for it (`same`), brought to the front, or a new one."""
    editor = next((e for e in (parent.findChildren(kind) if parent is not None else [])
                   if same(e) and e.isVisible()), None) or make()
    editor.show()
    editor.raise_()
    editor.activateWindow()  # the keyboard goes to the editor (Ctrl+E, then type)
    return editor


def window_settings(widget: QWidget) -> Settings | None:
    """The remembered preferences of the window a widget is in (the editors' sizes), if it has them."""
    settings = getattr(widget.window(), "settings", None)
    return settings if isinstance(settings, Settings) else None

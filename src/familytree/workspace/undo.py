"""The undo stack of a tree's edits: push, undo, redo, a macro of edits as one, the point last saved."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from familytree.model import Tree
from familytree.workspace.events import Emitter, TreeChange

if TYPE_CHECKING:  # (the edits themselves are loaded with the first edit, not at start-up)
    from familytree.workspace.editing import Edit

__all__ = ["UndoStack"]


class UndoStack:
    """Every change to one open tree, in order; `index` of them are done, the rest can be redone.

    Pushing an edit applies it (an edit refused raises before anything changes) and drops the
    edits undone before it. After each push, undo and redo, `changed` hears what changed and
    `state` hears the stack (for the Edit menu, the History and the title's asterisk).
    """

    def __init__(self, tree: Tree, changed: Emitter[TreeChange] | None = None,
                 state: Emitter[UndoStack] | None = None) -> None:
        self.tree = tree
        self.edits: list[Edit] = []
        self.index = 0  # how many of `edits` are done
        self.clean_index: int | None = 0  # `index` when last saved (None: that state was dropped)
        self.changed: Emitter[TreeChange] = changed if changed is not None else Emitter()
        self.state: Emitter[UndoStack] = state if state is not None else Emitter()
        # each edit pushed, just before it is applied (inside a macro too): the recovery journal keeps
        # its steps' values as they are then, before it or a later edit changes what it adds
        self.pushing: Emitter[Edit] = Emitter()
        self._macro: list[Edit] | None = None

    # -- changing ---------------------------------------------------------------------------------
    def push(self, edit: Edit) -> Edit:
        """Apply the edit and record it; returns it (its `created` names the records it added).

        An edit with no steps (a change to what already was) is neither applied nor recorded."""
        if not edit.steps:
            return edit
        self.pushing.emit(edit)
        edit.apply(self.tree)
        if self._macro is not None:
            self._macro.append(edit)
            return edit
        self._record(edit)
        return edit

    def _record(self, edit: Edit) -> None:
        if self.clean_index is not None and self.clean_index > self.index:
            self.clean_index = None  # the saved state was undone and is now beyond reach
        del self.edits[self.index:]
        self.edits.append(edit)
        self.index += 1
        self.changed.emit(edit.change())
        self.state.emit(self)

    @contextmanager
    def macro(self, description: str) -> Iterator[list[Edit]]:
        """Edits pushed inside the block become one entry, undone and redone together.

        Each is applied as pushed (so the next one is made against the tree as it then is);
        if the block raises, those applied are reverted and nothing is recorded.
        """
        if self._macro is not None:
            yield self._macro  # a macro inside a macro is part of it
            return
        done: list[Edit] = []
        self._macro = done
        try:
            yield done
        except BaseException:
            for edit in reversed(done):
                edit.revert(self.tree)
            raise
        finally:
            self._macro = None
        if done:
            from familytree.workspace.editing import Edit

            self._record(Edit(description, [step for edit in done for step in edit.steps],
                              frozenset().union(*(edit.people for edit in done))))

    def undo(self) -> TreeChange | None:
        if not self.can_undo():
            return None
        self.index -= 1
        edit = self.edits[self.index]
        edit.revert(self.tree)
        change = edit.change(undone=True)
        self.changed.emit(change)
        self.state.emit(self)
        return change

    def redo(self) -> TreeChange | None:
        if not self.can_redo():
            return None
        edit = self.edits[self.index]
        edit.apply(self.tree)
        self.index += 1
        change = edit.change()
        self.changed.emit(change)
        self.state.emit(self)
        return change

    def go_to(self, index: int) -> None:
        """Undo or redo until `index` edits are done (a click in the History)."""
        index = max(0, min(index, len(self.edits)))
        while self.index > index:
            self.undo()
        while self.index < index:
            self.redo()

    # -- asking ---------------------------------------------------------------------------------
    def can_undo(self) -> bool:
        return self.index > 0 and self._macro is None

    def can_redo(self) -> bool:
        return self.index < len(self.edits) and self._macro is None

    @property
    def undo_text(self) -> str:
        """The edit Undo would undo, in words ("" when none)."""
        return self.edits[self.index - 1].description if self.can_undo() else ""

    @property
    def redo_text(self) -> str:
        return self.edits[self.index].description if self.can_redo() else ""

    @property
    def descriptions(self) -> list[str]:
        """Every edit in words, done and undone, oldest first (the History; `index` of them are done)."""
        return [edit.description for edit in self.edits]

    @property
    def done(self) -> list[Edit]:
        """The edits done, oldest first: what a recovery journal keeps."""
        return self.edits[:self.index]

    def set_clean(self) -> None:
        """The tree as it now is was saved."""
        self.clean_index = self.index
        self.state.emit(self)

    @property
    def is_clean(self) -> bool:
        """True when the tree is as last saved (or read): no asterisk in the title."""
        return self.clean_index == self.index

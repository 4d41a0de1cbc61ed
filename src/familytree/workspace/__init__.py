"""What the user navigates and edits: Qt-free state with plain change events, edits on an undo stack."""

from typing import TYPE_CHECKING

from familytree.workspace.events import Emitter, TreeChange
from familytree.workspace.navigation import History, Place, neighbour
from familytree.workspace.state import ChartSettings, LayoutFunction, Workspace, WorkspaceEvents
from familytree.workspace.undo import UndoStack

if TYPE_CHECKING:
    from familytree.workspace.editing import Edit, EditRefused

__all__ = ["ChartSettings", "Edit", "EditRefused", "Emitter", "History", "LayoutFunction", "Place",
           "TreeChange", "UndoStack", "Workspace", "WorkspaceEvents", "neighbour"]


def __getattr__(name: str) -> object:
    """Edit and EditRefused, loaded with the first edit: start-up draws a chart and edits nothing."""
    if name in ("Edit", "EditRefused"):
        from familytree.workspace import editing

        return getattr(editing, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

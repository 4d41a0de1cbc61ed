"""What the user navigates and edits: Qt-free state with plain change events, edits on an undo stack."""

from familytree.workspace.editing import Edit, EditRefused
from familytree.workspace.events import Emitter, TreeChange
from familytree.workspace.navigation import History, Place, neighbour
from familytree.workspace.state import ChartSettings, LayoutFunction, Workspace, WorkspaceEvents
from familytree.workspace.undo import UndoStack

__all__ = ["ChartSettings", "Edit", "EditRefused", "Emitter", "History", "LayoutFunction", "Place",
           "TreeChange", "UndoStack", "Workspace", "WorkspaceEvents", "neighbour"]

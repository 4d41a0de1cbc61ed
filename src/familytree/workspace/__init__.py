"""What the user navigates and (soon) edits: Qt-free state with plain change events."""

from familytree.workspace.events import Emitter
from familytree.workspace.navigation import History, Place, neighbour
from familytree.workspace.state import ChartSettings, LayoutFunction, Workspace, WorkspaceEvents

__all__ = ["ChartSettings", "Emitter", "History", "LayoutFunction", "Place", "Workspace", "WorkspaceEvents",
           "neighbour"]

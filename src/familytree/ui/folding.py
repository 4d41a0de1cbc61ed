"""View > Fold Descendants, Fold Ancestors, Collapse All, Expand All: kept true to the selected box."""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtGui import QAction

from familytree.layout import Branch, ChartLayout
from familytree.workspace import Workspace
from familytree.workspace.folds import Side

__all__ = ["FoldActions", "fold_selected"]


def fold_selected(workspace: Workspace, side: Side, hidden: bool) -> None:
    if workspace.selected_id:
        workspace.fold(workspace.selected_id, side, hidden)


class FoldActions:
    """Checks Fold Descendants (Ancestors) when the selected person's branch is folded, and enables it
    only where the chart has that branch to fold; Expand All only when something is folded."""

    def __init__(self, workspace: Workspace, actions: Mapping[str, QAction]) -> None:
        self.workspace = workspace
        self.descendants = actions["view.fold_descendants"]
        self.ancestors = actions["view.fold_ancestors"]
        self.collapse = actions["view.collapse_all"]
        self.expand = actions["view.expand_all"]
        workspace.events.chart.connect(self._on_chart)
        workspace.events.selection.connect(lambda _person_id: self.refresh())

    def _on_chart(self, _layout: ChartLayout) -> None:
        self.refresh()

    def refresh(self) -> None:
        ws = self.workspace
        box = ws.layout.box_for(ws.selected_id) if ws.selected_id else None
        for action, branch in ((self.descendants, box.descendants if box is not None else Branch.NONE),
                               (self.ancestors, box.ancestors if box is not None else Branch.NONE)):
            action.blockSignals(True)  # the state as it is, not a change to make
            action.setChecked(branch is Branch.HIDDEN)
            action.setEnabled(branch is not Branch.NONE)
            action.blockSignals(False)
        boxes = ws.layout.boxes
        self.collapse.setEnabled(any((b.descendants is Branch.SHOWN or b.ancestors is Branch.SHOWN)
                                     and not b.is_focus for b in boxes))
        self.expand.setEnabled(bool(ws.folds))

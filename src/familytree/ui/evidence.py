"""The evidence tools: Timeline, Sources and Conflicts docks, the Relationship dialog, the person menu."""

from __future__ import annotations

import html
from collections.abc import Callable

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from familytree.evidence import FactAnnotation, citation_text, support_label
from familytree.model import Tree
from familytree.model.text import SHORT_TEXT, for_display, shorten
from familytree.render.text import menu_text, tooltip
from familytree.ui.chart_panel import ChartPanel
from familytree.ui.conflicts_dock import ConflictsDock
from familytree.ui.relationship_dialog import RelationshipDialog
from familytree.ui.sources_view import SourcesDock
from familytree.ui.timeline_dock import TimelineDock
from familytree.workspace import Workspace

__all__ = ["EvidenceTools", "fact_mark_html", "person_menu_actions"]


def fact_mark_html(tree: Tree, annotation: FactAnnotation | None) -> str:
    """The support mark the details dock puts after a fact, as escaped rich text.

    " · 2 citations"; " · unsourced"; " · 1 citation ⚠ sources differ: the other
    record says “Instructor at a higher technical school” (Patenaude, ...)".
    """
    if annotation is None:
        return ""
    out = f" <span class='dim'>\u00b7 {html.escape(support_label(annotation.citation_count))}</span>"
    for conflict in annotation.conflicts:
        claims = []
        for value in annotation.other_claims(conflict):
            cited = "; ".join(citation_text(tree, c) for c in value.citations) or "unsourced"
            claims.append(f"\u201c{html.escape(for_display(value.value))}\u201d "
                          f"({html.escape(for_display(cited, 2 * SHORT_TEXT))})")
        verb = "record says" if len(claims) == 1 else "records say"
        out += (" <b class='warn'>\u26a0 sources differ</b>"
                f"<span class='dim'>: the other {verb} {'; '.join(claims)}</span>")
    return out


class EvidenceTools:
    """The docks and dialogs that show what the sources say, following the workspace.

    The window places `docks` and offers `open_relationship` as Tools > Relationship…;
    `show_source` shows a source in the details panel.
    """

    def __init__(self, workspace: Workspace, chart: ChartPanel, parent: QWidget,
                 show_source: Callable[[str], object]) -> None:
        self.workspace = workspace
        self.chart = chart
        self.parent = parent
        self.timeline = TimelineDock(parent)
        self.sources = SourcesDock(parent, workspace)
        self.conflicts = ConflictsDock(parent)
        self.dialogs: list[RelationshipDialog] = []
        # the window's editing adds its entries to a person's menu on the chart (ui/relatives_menu.py)
        self.extend_person_menu: Callable[[QMenu, str], object] | None = None
        for dock in self.docks:
            dock.personChosen.connect(workspace.select)
            # shown from the menu while tabbed behind another dock: bring its tab to the front
            dock.toggleViewAction().triggered.connect(lambda checked, d=dock: d.raise_() if checked else None)
        self.sources.sourceChosen.connect(show_source)
        workspace.events.tree.connect(lambda _tree: self.on_file_loaded())
        workspace.events.selection.connect(lambda person_id: self.timeline.follow(workspace.tree, person_id))
        viewport = chart.view.viewport()
        viewport.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        viewport.customContextMenuRequested.connect(self.on_chart_context_menu)
        if workspace.tree is not None:
            self.on_file_loaded()

    @property
    def docks(self) -> tuple[TimelineDock, SourcesDock, ConflictsDock]:
        return (self.timeline, self.sources, self.conflicts)

    # -- following the workspace -----------------------------------------------------------------
    def on_file_loaded(self) -> None:
        tree = self.workspace.tree
        for dialog in list(self.dialogs):
            if dialog.tree is not tree:
                dialog.close()  # its people belong to the file that was closed
        self.sources.set_tree(tree)
        self.conflicts.set_tree(tree)
        # the timeline follows the selected person (a few dozen lines: cheap to rebuild)
        self.timeline.set_person(tree, self.workspace.selected_id)

    # -- the relationship dialog ---------------------------------------------------------------------
    def open_relationship(self, a_id: str = "", b_id: str = "") -> RelationshipDialog | None:
        """Open a Relationship dialog; A defaults to the selected person, B to the chart's focus."""
        ws = self.workspace
        if ws.tree is None:
            return None
        a = a_id or ws.selected_id or ws.focus_id
        b = b_id or next((p for p in (ws.focus_id, ws.home_id) if p and p != a), "")
        dialog = RelationshipDialog(ws, self.chart, a, b, self.parent)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_a, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        dialog.show()
        return dialog

    def compare_with_selected(self, person_id: str) -> RelationshipDialog | None:
        """What `person_id` is to the selected person."""
        return self.open_relationship(person_id, self.workspace.selected_id)

    # -- the chart's context menu -------------------------------------------------------------------
    def on_chart_context_menu(self, pos: QPoint) -> None:
        view = self.chart.view
        item = self.chart.scene.person_at(view.mapToScene(pos))
        if item is None:
            return
        menu = QMenu(view)
        if self.extend_person_menu is not None:
            self.extend_person_menu(menu, item.person_id)
        person_menu_actions(self, menu, item.person_id)
        menu.popup(view.viewport().mapToGlobal(pos))


def person_menu_actions(tools: EvidenceTools, menu: QMenu, person_id: str) -> list[QAction]:
    """Add "Compare with Selected" and "Relationship…" for `person_id` to any person menu."""
    tree = tools.workspace.tree
    name = shorten(tree.people[person_id].display_name() if tree and person_id in tree.people else person_id)
    selected = tools.workspace.selected_id
    compare = menu.addAction("Compare with Selected")
    if selected and selected != person_id and tree is not None and selected in tree.people:
        compare.setText(menu_text(f"Compare with {tree.people[selected].display_name()}"))
        compare.setToolTip(tooltip(f"How {name} is related to the selected person"))
        compare.triggered.connect(lambda _checked=False: tools.compare_with_selected(person_id))
    else:
        compare.setEnabled(False)  # nothing else is selected
    other = menu.addAction("Relationship…")
    other.triggered.connect(lambda _checked=False: tools.open_relationship(person_id, ""))
    return [compare, other]

"""Adds the evidence tools to the main window: Timeline, Sources, Conflicts docks; Relationship dialog."""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QGraphicsScene, QGraphicsView, QMainWindow, QMenu

from familytree.evidence import FactAnnotation, citation_text, support_label
from familytree.model import Tree
from familytree.model.text import SHORT_TEXT, for_display, shorten
from familytree.render.text import menu_text, tooltip
from familytree.ui.conflicts_dock import ConflictsDock
from familytree.ui.relationship_dialog import RelationshipDialog
from familytree.ui.sources_view import SourcesDock
from familytree.ui.timeline_dock import TimelineDock

__all__ = ["EvidenceTools", "fact_mark_html", "install_evidence", "person_menu_actions"]


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
        out += (" <b style='color:#b3261e'>\u26a0 sources differ</b>"
                f"<span class='dim'>: the other {verb} {'; '.join(claims)}</span>")
    return out


@dataclass(slots=True, weakref_slot=True)  # Qt connections hold bound methods weakly
class EvidenceTools:
    """What install_evidence added, kept on the window as `window.evidence`."""

    window: Any
    timeline: TimelineDock
    sources: SourcesDock
    conflicts: ConflictsDock
    relationship_action: QAction
    dialogs: list[RelationshipDialog] = field(default_factory=list)

    # -- following the window -------------------------------------------------------------------
    def on_file_loaded(self, _path: str = "") -> None:
        tree = self.window.tree
        for dialog in list(self.dialogs):
            if dialog.tree is not tree:
                dialog.close()  # its people belong to the file that was closed
        self.sources.set_tree(tree)
        self.conflicts.set_tree(tree)
        self.on_chart_changed()

    def on_chart_changed(self) -> None:
        # the timeline follows the chart's focus person (a few dozen lines: cheap to rebuild)
        self.timeline.set_person(self.window.tree, self.window.focus_id)

    # -- the relationship dialog ---------------------------------------------------------------------
    def open_relationship(self, a_id: str = "", b_id: str = "") -> RelationshipDialog | None:
        """Open a Relationship dialog; A defaults to the selected person, B to the chart's focus."""
        window = self.window
        if window.tree is None:
            return None
        a = a_id or window.selected_id or window.focus_id
        b = b_id
        if not b:
            b = next((p for p in (window.focus_id, getattr(window, "home_id", "")) if p and p != a), "")
        dialog = RelationshipDialog(window, a, b)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.dialogs.append(dialog)
        dialog.destroyed.connect(lambda *_a, d=dialog: self.dialogs.remove(d) if d in self.dialogs else None)
        dialog.show()
        return dialog

    def compare_with_selected(self, person_id: str) -> RelationshipDialog | None:
        """What `person_id` is to the selected person."""
        return self.open_relationship(person_id, self.window.selected_id)

    # -- the chart's context menu -------------------------------------------------------------------
    def on_chart_context_menu(self, pos: QPoint) -> None:
        window = self.window
        item = window.scene.person_at(window.view.mapToScene(pos))
        if item is None:
            return
        menu = QMenu(window.view)
        person_menu_actions(self, menu, item.person_id)
        menu.popup(window.view.viewport().mapToGlobal(pos))


def person_menu_actions(tools: EvidenceTools, menu: QMenu, person_id: str) -> list[QAction]:
    """Add "Compare with Selected" and "Relationship…" for `person_id` to any person menu."""
    window = tools.window
    name = window.tree.people[person_id].display_name() if window.tree and person_id in window.tree.people \
        else person_id
    name = shorten(name)
    selected = window.selected_id
    compare = menu.addAction("Compare with Selected")
    if selected and selected != person_id and window.tree is not None and selected in window.tree.people:
        compare.setText(menu_text(f"Compare with {window.tree.people[selected].display_name()}"))
        compare.setToolTip(tooltip(f"How {name} is related to the selected person"))
        compare.triggered.connect(lambda _checked=False: tools.compare_with_selected(person_id))
    else:
        compare.setEnabled(False)  # nothing else is selected
    other = menu.addAction("Relationship…")
    other.triggered.connect(lambda _checked=False: tools.open_relationship(person_id, ""))
    return [compare, other]


def _menu(window: QMainWindow, title: str) -> QMenu | None:
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu) and action.text().replace("&", "") == title:
            return menu
    return None


def install_evidence(window: Any) -> EvidenceTools:
    """Add the evidence docks, their View menu entries, Tools ▸ Relationship… and the chart context menu.

    Call before the window restores its saved state, so the docks' places are restored too.
    """
    timeline = TimelineDock(window)
    sources = SourcesDock(window)
    conflicts = ConflictsDock(window)
    window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, timeline)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, sources)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, conflicts)
    details_dock: QDockWidget | None = getattr(window, "details_dock", None)
    if details_dock is not None:
        window.tabifyDockWidget(details_dock, sources)
        window.tabifyDockWidget(details_dock, conflicts)
        details_dock.raise_()
    sources.hide()
    conflicts.hide()

    relationship = QAction("&Relationship…", window)
    relationship.setShortcut(QKeySequence("Ctrl+Shift+R"))
    relationship.setStatusTip("How two people are related, and the path between them")
    tools = EvidenceTools(window, timeline, sources, conflicts, relationship)
    relationship.triggered.connect(lambda _checked=False: tools.open_relationship())
    window.addAction(relationship)

    view_menu = _menu(window, "View")
    if view_menu is not None:
        view_menu.addSeparator()
        for dock in (timeline, sources, conflicts):
            view_menu.addAction(dock.toggleViewAction())
    for dock in (timeline, sources, conflicts):
        # shown from the menu while tabbed behind another dock: bring its tab to the front
        dock.toggleViewAction().triggered.connect(lambda checked, d=dock: d.raise_() if checked else None)
    tools_menu = _menu(window, "Tools")
    if tools_menu is None:
        help_menu = _menu(window, "Help")
        tools_menu = QMenu("&Tools", window)
        if help_menu is not None:
            window.menuBar().insertMenu(help_menu.menuAction(), tools_menu)
        else:
            window.menuBar().addMenu(tools_menu)
    tools_menu.addAction(relationship)

    timeline.personChosen.connect(window.select_person)
    sources.personChosen.connect(window.select_person)
    conflicts.personChosen.connect(window.select_person)
    if hasattr(window, "show_source"):
        sources.sourceChosen.connect(window.show_source)
    window.fileLoaded.connect(tools.on_file_loaded)
    window.chartChanged.connect(tools.on_chart_changed)

    # The chart has no person menu of its own yet: give it one.  A view or scene that grows
    # its own (overriding contextMenuEvent) keeps it, and adds ours with person_menu_actions().
    view, scene = window.view, window.scene
    if type(view).contextMenuEvent is QGraphicsView.contextMenuEvent and \
            type(scene).contextMenuEvent is QGraphicsScene.contextMenuEvent:
        viewport = view.viewport()
        viewport.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        viewport.customContextMenuRequested.connect(tools.on_chart_context_menu)

    window.evidence = tools
    if window.tree is not None:
        tools.on_file_loaded()
    return tools

"""Folding branches in the window: the handles on the boxes, View > Collapse All and Expand All,
Back, and what prints."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QPoint, Qt

from familytree.layout import Branch
from familytree.render.branch_items import BranchHandle
from familytree.render.export import ChartPrint, export_chart
from familytree.render.legend import FOLDED
from support.corpus import corpus_file
from support.documents import pdf_text
from support.windows import make_window


def _handle(window, person_id: str, descendants: bool) -> BranchHandle:
    return next(h for h in window.scene.handles if h.person_id == person_id and h.descendants == descendants)


def _click(qtbot, window, handle: BranchHandle) -> None:
    view = window.view
    where: QPoint = view.mapFromScene(handle.scenePos())
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=where)


def test_clicking_a_handle_folds_and_unfolds_a_branch_and_the_box_stays_under_the_mouse(qtbot) -> None:
    window = make_window(qtbot, corpus_file("real/royal92.ged"))
    ws = window.workspace
    whole = {b.key for b in ws.layout.boxes}
    selected = ws.selected_id
    focus_box = ws.layout.box_for(ws.focus_id)
    # a branch far from the selected person: the view must not scroll back to them
    person = max((b for b in ws.layout.boxes if b.descendants is Branch.SHOWN and not b.is_focus),
                 key=lambda b: abs(b.x - focus_box.x) + abs(b.y - focus_box.y)).person_id
    children = [c for c in ws.tree.children(person) if c in ws.layout.person_ids]
    assert children
    handle = _handle(window, person, True)
    window.view.centerOn(handle)
    before = window.view.mapFromScene(window.scene.item_for(person).sceneBoundingRect().center())
    _click(qtbot, window, handle)
    assert ws.layout.box_for(person).descendants is Branch.HIDDEN
    assert len(ws.layout.boxes) < len(whole)
    box = ws.layout.box_for(person)
    hanging = {k for c in ws.layout.connectors if box.key in c.person_keys and c.kind.value != "partnership"
               for k in c.person_keys}
    assert not hanging & set(children), "no line runs from the folded person to their children"
    assert ws.selected_id == selected, "a fold does not move the selection"
    assert "Unfold" in _handle(window, person, True).toolTip()
    after = window.view.mapFromScene(window.scene.item_for(person).sceneBoundingRect().center())
    assert (after - before).manhattanLength() <= 2, "the box clicked stays under the mouse"
    _click(qtbot, window, _handle(window, person, True))
    assert {b.key for b in ws.layout.boxes} == whole
    window.actions_by_id["go.back"].trigger()  # the fold is a step of the history
    assert ws.layout.box_for(person).descendants is Branch.HIDDEN


def test_collapse_all_expand_all_and_the_fold_entries_follow_the_selected_person(qtbot) -> None:
    window = make_window(qtbot, corpus_file("real/royal92.ged"))
    ws, actions = window.workspace, window.actions_by_id
    whole = len(ws.layout.boxes)
    assert actions["view.collapse_all"].isEnabled()
    assert not actions["view.expand_all"].isEnabled()
    actions["view.collapse_all"].trigger()
    assert len(ws.layout.boxes) < whole / 2
    assert actions["view.expand_all"].isEnabled()
    # select a child with a folded branch: Fold Descendants is ticked; unticking it opens the branch
    child = next(b.person_id for b in ws.layout.boxes if b.descendants is Branch.HIDDEN)
    ws.select(child)
    fold = actions["view.fold_descendants"]
    assert fold.isEnabled()
    assert fold.isChecked()
    fold.trigger()
    assert ws.layout.box_for(child).descendants is Branch.SHOWN
    assert not fold.isChecked()
    nobody = next(b.person_id for b in ws.layout.boxes if b.ancestors is Branch.NONE and not b.partners
                  and b.descendants is Branch.NONE)
    ws.select(nobody)
    assert not actions["view.fold_ancestors"].isEnabled()  # nothing there to fold
    actions["view.expand_all"].trigger()
    assert len(ws.layout.boxes) == whole
    assert not actions["view.expand_all"].isEnabled()


def test_a_folded_chart_prints_as_shown_with_the_mark_explained(qtbot, tmp_path: Path) -> None:
    window = make_window(qtbot, corpus_file("real/royal92.ged"))
    ws = window.workspace
    ws.collapse_all()
    job = window.printing.make_job()
    assert job is not None
    assert job.layout is ws.layout
    assert FOLDED in job.legend
    out = tmp_path / "folded.pdf"
    export_chart(job, out)
    assert "more descendants or ancestors" in pdf_text(out)
    ws.expand_all()
    assert FOLDED not in ChartPrint(ws.tree, ws.layout).legend

"""Hostile text from a file in the window: never read as markup, never so long that Qt freezes on it.

The checks walk every widget, action, item model and chart item of the window (and its
docks and dialogs) rather than naming today's labels, so a label added tomorrow is held
to the same rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QMenu, QTreeWidget, QWidget

from familytree.model.text import ELLIPSIS, LONG_TEXT, SHORT_TEXT, TOOLTIP_TEXT
from familytree.render.person_sheet import PersonSheet
from familytree.ui.evidence import person_menu_actions
from familytree.ui.main_window import MainWindow
from familytree.ui.relationship_dialog import RelationshipDialog
from familytree.ui.sources_view import child_items
from support.hostile import (
    LONG,
    Shown,
    assert_no_markup_from,
    finding,
    long_file,
    make_window,
    shown_texts,
)

pytestmark = pytest.mark.gui


def expand_all(tree: QTreeWidget) -> None:
    """Expand every line, so that docks that fill a level when it is opened fill it."""
    pending = child_items(tree.invisibleRootItem())
    while pending:
        item = pending.pop()
        item.setExpanded(True)
        pending.extend(child_items(item))


def open_everything(qtbot, window: MainWindow, show: bool = True) -> list[RelationshipDialog]:
    """Select each person, re-centre on them, fill every dock and open the Relationship dialog
    and the person menu: everything that shows text from the file."""
    tree = window.workspace.tree
    assert tree is not None
    tools = window.evidence
    assert tools is not None
    details = window.details
    dialogs = []
    people = list(tree.people)
    for person_id in people:
        window.workspace.select(person_id)
        window.workspace.set_focus(person_id)
        details.show_person(tree, person_id)
    for source_id in tree.sources:
        details.show_source(tree, source_id)
    details.show_person(tree, people[0])
    tools.timeline.show()
    for whole_file in (tools.sources, tools.conflicts):
        whole_file.show()
        whole_file.rebuild()  # shown in a hidden window, a dock is not built by itself
    expand_all(tools.sources.list)
    for item in child_items(tools.sources.list.invisibleRootItem()):
        tools.sources.list.setCurrentItem(item)
    if tools.timeline.list.topLevelItemCount():
        tools.timeline.list.setCurrentItem(tools.timeline.list.topLevelItem(0))
    window.problems.set_diagnostics(tree, window.workspace.path)
    box = window.search_box
    if box is not None:
        for query in ("Evil", "alert", "Zero", "Lee", "bold"):
            box.setText(query)
            box.update_results()
    menu = QMenu(window)
    window.workspace.select(people[0])
    for person_id in people:
        person_menu_actions(tools, menu, person_id)
    for a, b in zip(people, people[1:] + people[:1], strict=True):
        # built hidden: checked before anything lays it out
        dialog = RelationshipDialog(window.workspace, window.chart, a, b, window)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        if show:
            dialog.show()
    return dialogs


def test_hostile_markup_is_shown_as_text_everywhere(qtbot, qapp) -> None:
    path = finding("hostile-content.ged")
    window = make_window(qtbot, path)
    open_everything(qtbot, window)
    qapp.processEvents()
    sheet = PersonSheet(window.workspace.tree, "@I1@", 450, 650)
    assert_no_markup_from(path, window, [("person sheet", sheet.document)])
    # the markup is there to read, as written
    window.details.show_person(window.workspace.tree, "@I1@")
    page = window.details.toPlainText()
    assert "<img src=x onerror=alert(2)>" in page  # the partner's name
    assert "<a href='javascript:alert(3)'>js link</a>" in page  # the note
    assert "<img src=x onerror=alert(2)>" in sheet.document.toPlainText()


def test_a_name_that_is_an_image_tag_is_never_loaded(qtbot, qapp) -> None:
    # Qt reading this name as rich text loads /dev/zero until memory runs out: everything is
    # checked while hidden (nothing laid out, nothing loaded) before anything is shown.
    path = finding("min-gui-name-img-devzero.ged")
    window = make_window(qtbot, path, show=False)
    dialogs = open_everything(qtbot, window, show=False)
    assert_no_markup_from(path, window)
    window.show()
    qtbot.waitExposed(window)
    for dialog in dialogs:
        dialog.show()
    qapp.processEvents()
    assert dialogs[0].a_label.text().startswith("<img src=&#47;dev&#47;zero>")
    assert_no_markup_from(path, window)


# -- long text ----------------------------------------------------------------------------------


def test_long_values_are_cut_for_display_and_whole_on_request(qtbot, qapp, tmp_path: Path) -> None:
    window = make_window(qtbot, long_file(tmp_path))
    long_name = window.workspace.tree.people["@I2@"].display_name()
    assert len(long_name) > LONG
    dialogs = open_everything(qtbot, window)
    window.workspace.select("@I2@")
    window.workspace.set_focus("@I2@")
    window.view.finish_animation()
    qapp.processEvents()
    limits = {"tooltip": TOOLTIP_TEXT + 200, "document": 2 * LONG_TEXT}
    for shown in shown_texts(window):
        limit = limits.get(shown.kind, 3 * SHORT_TEXT + 50)
        assert len(shown.text) <= limit, (shown.where, shown.kind, len(shown.text))
    # what is cut says so, and a message naming the person still says what it is about
    assert ELLIPSIS in window.statusBar().currentMessage()
    assert "is recorded as their own ancestor" in window.chart.notice.text()
    box = window.scene.item_for("@I2@")
    assert box is not None
    assert box.description().count("N") < SHORT_TEXT
    label = next(d for d in dialogs if d.a_id == "@I2@").a_label.text().replace("\u200b", "")
    assert label.startswith("N" * 50)
    assert label.endswith(f"{ELLIPSIS} (born 1900)")  # cut, and the years still there
    # ... and the whole is one click away in the details panel
    details = window.details
    details.show_person(window.workspace.tree, "@I2@")
    assert ELLIPSIS in details.toPlainText()
    wholes = {what: text for what, text in details.long.texts}
    assert wholes["Name"] == long_name
    assert any(text == "P" * LONG for text in wholes.values())  # the birth place
    assert any(text == "W" * LONG for text in wholes.values())  # the note, past what the panel shows
    viewer = details.open_long_text(0)
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.view.toPlainText().replace("\n", "") == long_name
    assert max(len(line) for line in viewer.view.toPlainText().split("\n")) <= 1000


def test_a_long_name_in_a_chart_box_ends_with_an_ellipsis(qtbot, qapp, tmp_path: Path) -> None:
    window = make_window(qtbot, long_file(tmp_path))
    window.workspace.set_focus("@I2@")
    item = window.scene.item_for("@I2@")
    assert item is not None
    lines = item._text.name_lines
    assert lines[-1].endswith(ELLIPSIS)
    assert item.box.width < 1000  # one readable box, not a quarter-million-pixel one


def test_a_long_name_freezes_nothing_in_the_fuzz_reproducer(qtbot, qapp) -> None:
    window = make_window(qtbot, finding("min-gui-long-name-freeze.ged"))
    long_id = next(p.id for p in window.workspace.tree.iter_people() if len(p.display_name()) > 100_000)
    window.workspace.select(long_id)
    window.workspace.set_focus(long_id)
    window.details.show_person(window.workspace.tree, long_id)
    qapp.processEvents()
    assert len(window.statusBar().currentMessage()) <= 2 * SHORT_TEXT
    assert len(window.details.toPlainText()) < 5 * SHORT_TEXT


def test_labels_of_the_window_are_walked(qtbot, qapp) -> None:
    """The walk itself sees what it must: a rich label, a tooltip, an item's tooltip."""
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("<b>bold</b>", holder)
    label.setToolTip("<img src=x>")
    found = [s for s in shown_texts(holder) if s.where.startswith("QLabel")]
    assert Shown(f"QLabel {''!r}", "label", "<b>bold</b>", True) in found
    assert any(s.kind == "tooltip" and s.rich and "<img" in s.text for s in found)

"""A file with a header and nothing else opens as an empty family: the window says so and keeps working."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from familytree.workspace import Workspace
from familytree.workspace.state import NO_PEOPLE
from support.windows import make_window

EMPTY = "0 HEAD\n1 GEDC\n2 VERS 7.0\n0 TRLR\n"


@pytest.fixture
def empty_file(tmp_path: Path) -> Path:
    path = tmp_path / "tiny-1.ged"  # as gedcom7code's tiny-1.ged
    path.write_text(EMPTY, encoding="utf-8")
    return path


def test_the_workspace_of_an_empty_family_says_there_is_nobody(empty_file: Path) -> None:
    from familytree.gedcom import read_file

    workspace = Workspace()
    charts = []
    workspace.events.chart.connect(charts.append)
    workspace.open(read_file(empty_file), str(empty_file))
    assert charts[-1].boxes == []
    assert charts[-1].warnings == [NO_PEOPLE]
    assert not workspace.go_home()
    assert not workspace.set_focus("@I1@")
    workspace.change_settings(generations_up=3)  # nothing to redraw, nothing raised


def test_an_empty_family_opens_in_the_window_with_a_note_and_every_key_still_works(qtbot, empty_file) -> None:
    window = make_window(qtbot, empty_file)
    assert window.chart.notice.isVisible()
    assert "no people" in window.chart.notice.text()
    assert window.chart.scene.person_items == {}
    problems = [d.message for d in window.workspace.tree.diagnostics]
    assert problems == ["the file has a header and no records: an empty family"]
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Up, Qt.Key.Key_Return, Qt.Key.Key_Home):
        qtbot.keyClick(window.chart.view, key)
    for name in ("view.fit", "view.zoom_in", "view.zoom_selection", "view.actual_size", "go.home",
                 "go.set_home", "view.horizontal", "view.high_contrast", "go.find"):
        window.actions_by_id[name].trigger()
    qtbot.keyClicks(window.search_box, "Anna")
    assert window.chart.notice.isVisible()  # still the empty family, saying so

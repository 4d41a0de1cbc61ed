"""The main window on the bundled family, driven as a user drives it: clicks, keys, files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor, QWheelEvent
from PySide6.QtWidgets import QApplication

from familytree.gedcom import read_file
from familytree.model import Name, Note, Person, Sex, Tree
from familytree.paths import bundled_family_path
from familytree.ui import files as files_module
from familytree.ui.main_window import MainWindow
from familytree.ui.settings import generations_from_step
from support.clicks import box_point
from support.windows import make_window, shows_as_much_as_fits

pytestmark = pytest.mark.gui

EVIL = "<b>bold</b> & <a href=x>"


@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    return make_window(qtbot, bundled_path)


def click_box(qtbot, window: MainWindow, person_id: str, double: bool = False) -> None:
    point = box_point(window, person_id)
    if double:
        qtbot.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    else:
        qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    window.view.finish_animation()


def first_words(text: str, n: int = 8) -> str:
    return " ".join(text.split()[:n])


def test_opens_on_the_bundled_family_with_title_and_counts(window, bundled_path):
    tree = window.workspace.tree
    assert tree is not None
    assert bundled_path.name in window.windowTitle()
    status = window.file_label.text()
    assert bundled_path.name in status
    assert f"{len(tree.people)} people" in status
    assert f"{len(tree.families)} famil" in status
    assert window.workspace.focus_id == tree.default_person_id()
    assert window.scene.item_for(window.workspace.focus_id).isSelected()


def test_clicking_each_box_shows_name_biography_and_an_excerpt(qtbot, window):
    tree = window.workspace.tree
    assert len(window.scene.person_items) >= 8
    for pid in list(window.scene.person_items):
        click_box(qtbot, window, pid)
        assert window.workspace.selected_id == pid
        text = window.details.toPlainText()
        person = tree.people[pid]
        assert person.display_name() in text
        biography = tree.note_texts(person.notes)
        assert biography, f"{pid} has no biography in the bundled file"
        assert first_words(biography[0]) in " ".join(text.split())
        excerpts = [(c, t) for c in tree.person_citations(pid) for t in c.text] + \
                   [(c, t) for c in tree.people[pid].citations for t in c.text]
        assert excerpts, f"{pid} has no source excerpt"
        citation, excerpt = excerpts[0]
        assert first_words(excerpt) in " ".join(text.split())
        source = tree.sources[citation.source_id]
        assert source.title in text


def _click_link(qtbot, window: MainWindow, person_id: str) -> None:
    positions = window.details.link_positions()
    assert person_id in positions
    cursor = QTextCursor(window.details.document())
    cursor.setPosition(positions[person_id][0] + 1)
    window.details.ensureCursorVisible()
    window.details.setTextCursor(cursor)
    window.details.ensureCursorVisible()
    rect = window.details.cursorRect(cursor)
    qtbot.mouseClick(window.details.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    window.view.finish_animation()


def test_family_link_in_the_dock_selects_that_person(qtbot, window):
    tree = window.workspace.tree
    focus = window.workspace.focus_id
    parent = tree.parents(focus)[0]
    _click_link(qtbot, window, parent)
    assert window.workspace.selected_id == parent
    assert window.scene.item_for(parent).isSelected()
    assert tree.people[parent].display_name() in window.details.toPlainText().splitlines()[0]


def test_double_click_recentres(qtbot, window):
    other = window.workspace.tree.children(window.workspace.focus_id)[0]
    click_box(qtbot, window, other, double=True)
    assert window.workspace.focus_id == other
    assert window.workspace.layout.focus_id == other
    assert window.scene.item_for(other).box.is_focus
    assert shows_as_much_as_fits(window, other)


def test_enter_recentres_on_the_selected_box(qtbot, window):
    parent = window.workspace.tree.parents(window.workspace.focus_id)[0]
    click_box(qtbot, window, parent)
    qtbot.keyClick(window.view, Qt.Key.Key_Return)
    window.view.finish_animation()
    assert window.workspace.focus_id == parent
    assert shows_as_much_as_fits(window, parent)


@pytest.mark.parametrize(("key", "modifier", "effect"), [
    (Qt.Key.Key_Plus, Qt.KeyboardModifier.ControlModifier, "bigger"),
    (Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier, "bigger"),
    (Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier, "smaller"),
    (Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier, "one"),
])
def test_zoom_keys(qtbot, window, key, modifier, effect):
    window.view.set_zoom(0.8)
    qtbot.keyClick(window.view, key, modifier)
    zoom = window.view.zoom
    assert {"bigger": zoom > 0.8, "smaller": zoom < 0.8, "one": zoom == pytest.approx(1.0)}[effect]


def test_wheel_zooms_and_fit_shows_everything(qtbot, window):
    before = window.view.zoom
    center = QPointF(window.view.viewport().rect().center())
    event = QWheelEvent(center, QPointF(window.view.viewport().mapToGlobal(center.toPoint())), QPoint(0, 0),
                        QPoint(0, 240), Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier,
                        Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(window.view.viewport(), event)
    assert window.view.zoom > before
    window.actions_by_id["view.fit"].trigger()
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    for item in window.scene.box_items.values():
        assert visible.contains(item.sceneBoundingRect())


def test_back_and_forward(qtbot, window):
    tree = window.workspace.tree
    start = window.workspace.focus_id
    parent = tree.parents(start)[0]
    child = tree.children(start)[0]
    click_box(qtbot, window, parent)
    click_box(qtbot, window, child, double=True)
    assert window.workspace.focus_id == child
    qtbot.keyClick(window.view, Qt.Key.Key_Left, Qt.KeyboardModifier.AltModifier)
    assert (window.workspace.focus_id, window.workspace.selected_id) == (start, parent)
    window.actions_by_id["go.back"].trigger()
    assert window.workspace.selected_id == start
    assert not window.actions_by_id["go.back"].isEnabled()
    qtbot.keyClick(window.view, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.workspace.selected_id == parent
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.ForwardButton, pos=QPoint(5, 5))
    assert (window.workspace.focus_id, window.workspace.selected_id) == (child, child)
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.BackButton, pos=QPoint(5, 5))
    assert window.workspace.selected_id == parent


def test_arrow_keys_move_to_parent_child_partner_sibling(qtbot, window):
    tree = window.workspace.tree
    focus = window.workspace.focus_id
    click_box(qtbot, window, focus)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Up)
    assert window.workspace.selected_id in tree.parents(focus)
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    selected = window.workspace.selected_id
    assert selected in tree.children(tree.parents(focus)[0]) or selected == focus
    click_box(qtbot, window, focus)
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert window.workspace.selected_id in tree.children(focus)
    click_box(qtbot, window, focus)
    side = set(tree.partners(focus)) | set(tree.siblings(focus))
    moved = set()
    for key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
        click_box(qtbot, window, focus)
        qtbot.keyClick(window.view, key)
        moved.add(window.workspace.selected_id)
    assert moved - {focus}
    assert moved - {focus} <= side


def test_click_on_empty_space_keeps_the_person_shown(qtbot, window):
    focus = window.workspace.focus_id
    rect = window.scene.itemsBoundingRect()
    window.view.set_zoom(1.0)
    window.view.centerOn(rect.topLeft())
    corner = window.view.mapFromScene(rect.topLeft() - QPointF(30, 30))
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=corner)
    assert window.workspace.selected_id == focus
    assert window.scene.item_for(focus).isSelected()


def test_settings_persist_between_runs(qtbot, bundled_path):
    first = make_window(qtbot, bundled_path)
    tree = first.workspace.tree
    other = tree.parents(first.workspace.focus_id)[0]
    first.view.set_zoom(0.6)
    first.chart_controls.chart_combo.setCurrentIndex(first.chart_controls.chart_combo.findData("ancestors"))
    first.workspace.select(other)
    first.set_home_person()
    first.resize(760, 540)
    first.close()
    second = make_window(qtbot, bundled_path, resize=False)
    assert second.view.zoom == pytest.approx(0.6)
    assert second.workspace.settings.chart_type.value == "ancestors"
    assert second.workspace.home_id == other
    assert second.workspace.focus_id == other  # opens on the home person of that file
    assert (second.width(), second.height()) == (760, 540)
    recent = [a.toolTip() for a in second.recent_menu.actions()]
    assert str(bundled_path.resolve()) in recent or str(bundled_path) in recent


def test_note_markup_is_shown_literally(qtbot):
    tree = Tree()
    person = Person("@I1@", [Name.from_gedcom("Anna /Markup/")], Sex.FEMALE, notes=[Note(EVIL)])
    tree.add_person(person)
    window = make_window(qtbot, tree=tree)
    click_box(qtbot, window, "@I1@")
    assert EVIL in window.details.toPlainText()
    assert 'href="x"' not in window.details.toHtml()


MALFORMED = """0 HEAD
1 GEDC
2 VERS 7.0
0 @I1@ INDI
1 NAME Good /Person/
1 FAMC @F9@
x broken line
0 @I2@ INDI
1 NAME Second /Person/
5 DEEP jump
0 TRLR
"""


def test_problems_dock_lists_diagnostics_and_shows_the_line(qtbot, tmp_path):
    path = tmp_path / "broken.ged"
    path.write_text(MALFORMED, encoding="utf-8")
    expected = read_file(path).diagnostics
    assert expected
    window = make_window(qtbot, path)
    assert window.problems_dock.isVisible()
    panel = window.problems
    assert panel.topLevelItemCount() == len(expected)
    lines = [panel.topLevelItem(i).text(0) for i in range(panel.topLevelItemCount())]
    assert any(line for line in lines)
    row = next(i for i in range(panel.topLevelItemCount()) if panel.topLevelItem(i).text(0))
    item = panel.topLevelItem(row)
    rect = panel.visualItemRect(item)
    qtbot.mouseClick(panel.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    viewer = panel.viewer
    assert viewer is not None
    assert viewer.isVisible()
    line_no = int(item.text(0))
    assert viewer.current_line_text().split(None, 1)[0] == str(line_no)
    assert MALFORMED.splitlines()[line_no - 1] in viewer.current_line_text()
    viewer.close()



def test_the_problems_panel_opened_for_a_file_closes_when_the_next_file_has_none(qtbot, tmp_path):
    broken = tmp_path / "broken.ged"
    broken.write_text(MALFORMED, encoding="utf-8")
    window = make_window(qtbot, broken)
    assert window.problems_dock.isVisible()
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(bundled_family_path()))
    assert not window.workspace.tree.diagnostics
    assert not window.problems_dock.isVisible(), "an empty Problems tab stayed in front of the timeline"
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(broken))
    assert window.problems_dock.isVisible()


SMALL = """0 HEAD
1 GEDC
2 VERS 7.0
0 @A@ INDI
1 NAME Ada /Example/
1 SEX F
0 @B@ INDI
1 NAME Bert /Example/
1 SEX M
0 @F@ FAM
1 HUSB @B@
1 WIFE @A@
0 TRLR
"""


def test_open_file_updates_title_and_status(qtbot, window, tmp_path):
    path = tmp_path / "examples.ged"
    path.write_text(SMALL, encoding="utf-8")
    with qtbot.waitSignal(window.fileLoaded):
        window.open_file(str(path))
    assert "examples.ged" in window.windowTitle()
    assert "examples.ged" in window.file_label.text()
    assert "2 people" in window.file_label.text()
    assert "1 family" in window.file_label.text()
    assert set(window.scene.person_items) == {"@A@", "@B@"}


def test_unreadable_file_gives_a_message_not_a_traceback(qtbot, window, tmp_path):
    missing = tmp_path / "nope.ged"
    with qtbot.waitSignal(window.loadFailed) as blocker:
        window.open_file(str(missing))
    assert "nope.ged" in blocker.args[0]
    assert window.workspace.tree is not None
    assert len(window.workspace.tree.people) >= 8  # the family on screen stays


def _big_file(path: Path, people: int) -> None:
    lines = ["0 HEAD", "1 GEDC", "2 VERS 7.0"]
    for i in range(people):
        lines += [f"0 @I{i}@ INDI", f"1 NAME Person{i} /Family{i % 97}/",
                  "1 BIRT", f"2 DATE {1800 + i % 200}"]
    lines.append("0 TRLR")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_large_file_loads_in_a_thread_with_progress(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(files_module, "SYNC_LOAD_LIMIT", 0)
    path = tmp_path / "threaded.ged"
    _big_file(path, 3000)
    progress: list[int] = []
    with qtbot.waitSignal(window.fileLoaded, timeout=20000):
        window.open_file(str(path))
        assert window.files.progress.isVisible()
        assert window.files.cancel_button.isVisible()
        window.files.loader.progressed.connect(progress.append)
    assert "threaded.ged" in window.windowTitle()
    assert len(window.workspace.tree.people) == 3000
    assert not window.files.progress.isVisible()
    assert progress


def test_cancel_keeps_the_open_family(qtbot, window, tmp_path, monkeypatch):
    monkeypatch.setattr(files_module, "SYNC_LOAD_LIMIT", 0)
    path = tmp_path / "huge.ged"
    _big_file(path, 60000)
    title = window.windowTitle()
    window.open_file(str(path))
    loader = window.files.loader
    assert loader is not None
    qtbot.mouseClick(window.files.cancel_button, Qt.MouseButton.LeftButton)
    assert window.files.loader is None
    assert not window.files.progress.isVisible()
    assert loader.wait(20000)
    qtbot.wait(50)
    assert window.windowTitle() == title
    assert len(window.workspace.tree.people) < 100


def test_dropping_a_gedcom_file_opens_it(qtbot, window, tmp_path):
    path = tmp_path / "dropped.ged"
    path.write_text(SMALL, encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                      Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(window.fileLoaded):
        QApplication.sendEvent(window, drop)
    assert "dropped.ged" in window.windowTitle()


def test_dropping_another_kind_of_file_is_refused(qtbot, window, tmp_path):
    path = tmp_path / "photo.jpg"
    path.write_bytes(b"\xff\xd8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    enter = QDragEnterEvent(QPoint(50, 50), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()


def test_minimap_only_when_the_chart_is_larger_than_the_window(qtbot, window):
    window.view.fit_all()
    assert not window.view.minimap.isVisible()
    window.view.set_zoom(4.0)
    assert window.view.minimap.isVisible()


def test_high_contrast_toggle_changes_the_chart(qtbot, window):
    before = window.scene.backgroundBrush().color()
    window.actions_by_id["view.high_contrast"].trigger()
    assert window.scene.backgroundBrush().color() != before
    assert window.scene.chart_palette.name == "high-contrast"


def test_slash_focuses_search(qtbot, window):
    if window.search_box is None:
        pytest.skip("no search box in this build")
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    assert window.search_box.hasFocus()


def test_networkx_stays_off_the_start_up_path(tmp_path):
    """The window, its chart and its docks come up without importing the graph library."""
    import os
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from PySide6.QtCore import QSettings\n"
        "from familytree.ui.app import ensure_application\n"
        "app = ensure_application()\n"
        "QSettings.setDefaultFormat(QSettings.Format.IniFormat)\n"
        f"QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, {str(tmp_path)!r})\n"
        "from familytree.ui.main_window import MainWindow\n"
        "w = MainWindow(); w.show(); w.open_file(sys.argv[1])\n"
        "for _ in range(20): app.processEvents()\n"
        "print(len(w.scene.person_items), 'networkx' in sys.modules)\n"
    )
    from familytree.paths import bundled_family_path

    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code, str(bundled_family_path())], capture_output=True,
                         text=True, env=env, timeout=60, check=True)
    people, networkx = out.stdout.split()
    assert int(people) >= 8
    assert networkx == "False"


def test_save_as_writes_a_file_that_opens_with_the_same_people(qtbot, window, tmp_path):
    target = tmp_path / "copy.ged"
    assert window.files.save_to(str(target), "5.5.1")
    assert "copy.ged" in window.windowTitle()
    again = read_file(target)
    assert set(again.people) == set(window.workspace.tree.people)
    assert again.header.version.startswith("5.5")


def test_status_bar_and_view_describe_the_selected_person(qtbot, window):
    tree = window.workspace.tree
    other = tree.parents(window.workspace.focus_id)[0]
    click_box(qtbot, window, other)
    person = tree.people[other]
    assert person.display_name() in window.statusBar().currentMessage()
    assert person.display_name() in window.view.accessibleDescription()
    assert person.display_name() in window.scene.item_for(other).toolTip()


def test_a_chart_that_cannot_be_laid_out_leaves_the_window_working(qtbot, window, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValueError("cycle in the data")

    monkeypatch.setattr(window.workspace, "_layout_function", broken)
    before = window.workspace.focus_id
    child = window.workspace.tree.children(before)[0]
    window.workspace.set_focus(child)
    assert "could not be drawn" in window.statusBar().currentMessage()
    assert window.workspace.selected_id == child  # the details still follow the user
    assert child in window.details.toPlainText() or \
        window.workspace.tree.people[child].display_name() in window.details.toPlainText()


def test_horizontal_chart_puts_generations_in_columns(qtbot, window):
    focus = window.workspace.focus_id
    parent = window.workspace.tree.parents(focus)[0]
    window.actions_by_id["view.horizontal"].trigger()
    f, p = window.scene.item_for(focus).box, window.scene.item_for(parent).box
    assert p.right <= f.x  # the parent's column is left of the child's
    window.actions_by_id["view.horizontal"].trigger()
    f, p = window.scene.item_for(focus).box, window.scene.item_for(parent).box
    assert p.bottom <= f.y  # back to rows, parents above


def test_clicking_the_minimap_moves_the_view_there(qtbot, window):
    window.view.set_zoom(4.0)
    minimap = window.view.minimap
    assert minimap.isVisible()
    before = window.view.visible_center()
    qtbot.mouseClick(minimap, Qt.MouseButton.LeftButton, pos=QPoint(4, 4))  # the chart's top-left corner
    after = window.view.visible_center()
    chart = window.scene.sceneRect()
    assert after != before
    visible = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    assert abs(visible.left() - chart.left()) < 20
    assert abs(visible.top() - chart.top()) < 20


def test_all_generations_after_ten(qtbot, bundled_path) -> None:
    """The spin boxes go 1-10 then "all": a user asks for every ancestor or descendant."""
    window = make_window(qtbot, bundled_path)

    def names_on_chart() -> set[str]:
        return {window.workspace.tree.people[i].display_name() for i in window.workspace.layout.person_ids}

    window.up_spin.setValue(1)
    assert "David Bronstein" not in names_on_chart()  # Sergei's grandfather is two generations up
    window.up_spin.setValue(10)
    window.up_spin.stepUp()
    assert window.up_spin.text() == "all"
    assert window.workspace.settings.generations_up == generations_from_step(window.up_spin.value())
    assert "David Bronstein" in names_on_chart()


def test_ctrl_f_and_slash_reach_the_search_field_at_the_default_size(qtbot, bundled_path) -> None:
    window = make_window(qtbot, bundled_path, resize=False)
    window.resize(800, 600)
    qtbot.wait(50)
    box = window.search_box
    assert box is not None
    qtbot.waitUntil(box.isVisible, timeout=2000)  # not pushed into the toolbar's overflow menu
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert box.hasFocus()
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_Slash)
    assert box.hasFocus()
    # "/" typed into the field is text, not a shortcut
    qtbot.keyClicks(box, "a/b")
    assert box.text() == "a/b"


CYCLE = """0 HEAD
1 GEDC
2 VERS 5.5.1
1 CHAR UTF-8
0 @I1@ INDI
1 NAME Person <One> & Co
1 FAMC @F1@
1 FAMS @F2@
0 @I2@ INDI
1 NAME Person /Two/
1 FAMC @F2@
1 FAMS @F1@
0 @F1@ FAM
1 HUSB @I2@
1 CHIL @I1@
0 @F2@ FAM
1 HUSB @I1@
1 CHIL @I2@
0 TRLR
"""


def test_a_warning_about_the_chart_stays_above_it_while_it_is_shown(qtbot, tmp_path):
    """Each of two people recorded as the other's father: the chart says so above itself, and
    selecting someone does not wipe the warning away (the status bar did)."""
    path = tmp_path / "cycle.ged"
    path.write_text(CYCLE, encoding="utf-8")
    window = make_window(qtbot, path)
    notice = window.chart.notice
    assert notice.isVisible()
    assert "own ancestor" in notice.text()
    assert "Person <One> & Co" in notice.text()  # as text, not markup
    assert notice.textFormat() == Qt.TextFormat.PlainText
    click_box(qtbot, window, "@I2@")
    assert window.workspace.selected_id == "@I2@"
    assert notice.isVisible()
    assert "own ancestor" in notice.text()
    # a file without such problems: the notice goes
    with qtbot.waitSignal(window.fileLoaded, timeout=10000):
        window.open_file(str(Path(__file__).resolve().parents[1] / "data" / "trotsky-sedov.ged"))
    assert not notice.isVisible()


def test_a_chart_that_cannot_be_drawn_says_so_above_the_chart(qtbot, window, monkeypatch):
    def broken(*_args, **_kwargs):
        raise ValueError("cycle in the data")

    monkeypatch.setattr(window.workspace, "_layout_function", broken)
    window.workspace.set_focus(window.workspace.tree.children(window.workspace.focus_id)[0])
    assert window.chart.notice.isVisible()
    assert "could not be drawn" in window.chart.notice.text()

"""Screen readers on the chart: each person box is an accessible list item: name, description, actions."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible, QAccessibleActionInterface, QAccessibleInterface
from PySide6.QtWidgets import QGraphicsView

from familytree.layout.chart import Box, ChartLayout, ChartType
from familytree.model import Date, Event, Name, Person, Sex, Tree
from familytree.render.items import make_sizer
from familytree.render.scene import ChartScene
from familytree.ui import accessibility
from familytree.ui.accessibility import reading_order
from familytree.ui.accessible_boxes import BoxAccessible
from familytree.ui.chart_view import ChartView
from familytree.ui.main_window import MainWindow
from support.windows import make_window

pytestmark = pytest.mark.gui

NAME = QAccessible.Text.Name
DESCRIPTION = QAccessible.Text.Description


@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    return make_window(qtbot, bundled_path)


def chart_interface(window: MainWindow) -> QAccessibleInterface:
    iface = QAccessible.queryAccessibleInterface(window.view)
    assert iface is not None
    return iface


def children(iface: QAccessibleInterface) -> list[QAccessibleInterface]:
    return [iface.child(i) for i in range(iface.childCount())]


def child_named(iface: QAccessibleInterface, name: str) -> QAccessibleInterface:
    matches = [c for c in children(iface) if c.text(NAME) == name]
    assert len(matches) == 1, f"{name!r} is not on the chart once: {[c.text(NAME) for c in children(iface)]}"
    return matches[0]


def selected_names(iface: QAccessibleInterface) -> list[str]:
    return [c.text(NAME) for c in children(iface) if c.state().selected]


def test_every_box_is_a_named_list_item_of_the_chart(window):
    iface = chart_interface(window)
    assert iface.role() == QAccessible.Role.List
    assert iface.text(NAME) == "Family chart"
    assert "Up: Select a parent" in iface.text(QAccessible.Text.Help)  # the keys, from ui/actions.py
    items = children(iface)
    assert len(items) == len(window.scene.box_items) > 5
    drawn = sorted(item.person.display_name() for item in window.scene.box_items.values())
    assert sorted(c.text(NAME) for c in items) == drawn
    for i, child in enumerate(items):
        assert child.role() == QAccessible.Role.ListItem
        assert child.parent() is iface
        assert iface.indexOfChild(child) == i
        assert iface.child(i) is child  # the same object each time: a reader keeps its place
        assert child.state().selectable
        assert child.state().focusable
    assert iface.child(len(items)) is None
    assert iface.child(-1) is None


def test_descriptions_say_life_years_sex_and_relation_to_the_centre_person(window):
    tree = window.workspace.tree
    iface = chart_interface(window)
    focus = tree.people[window.workspace.focus_id]
    centre = child_named(iface, focus.display_name())
    assert "centre of the chart" in centre.text(DESCRIPTION)
    for child in children(iface):
        person = next(p for p in tree.people.values() if p.display_name() == child.text(NAME))
        text = child.text(DESCRIPTION)
        if person.lifespan():
            assert person.lifespan(short=False) in text  # the box's "bef." and "?" in words
        assert {Sex.MALE: "male", Sex.FEMALE: "female"}.get(person.sex, "") in text
    father = tree.people[tree.parents(focus.id)[0]]
    father_text = child_named(iface, father.display_name()).text(DESCRIPTION)
    assert f"of {focus.display_name()}" in father_text
    assert ("father" if father.sex is Sex.MALE else "mother") in father_text


def test_boxes_are_read_row_by_row_left_to_right(window):
    iface = chart_interface(window)
    rects = [c.rect() for c in children(iface)]
    for before, after in zip(rects, rects[1:], strict=False):
        same_row = abs(before.top() - after.top()) < before.height() / 2
        assert (same_row and before.left() < after.left()) or (not same_row and after.top() > before.top())


def test_box_rectangles_are_where_the_boxes_are_on_screen(window):
    iface = chart_interface(window)
    for child in children(iface):
        rect = child.rect()
        assert rect.width() > 40
        assert rect.height() > 20
        hit = iface.childAt(rect.center().x(), rect.center().y())
        if not child.state().offscreen:
            assert hit is child


def test_clicking_a_box_moves_the_selection_and_focus_child(qtbot, window):
    iface = chart_interface(window)
    tree = window.workspace.tree
    focus_name = tree.people[window.workspace.focus_id].display_name()
    assert selected_names(iface) == [focus_name]
    assert iface.focusChild().text(NAME) == focus_name
    parents = map(tree.people.get, tree.parents(window.workspace.focus_id))
    mother = next(p for p in parents if p.sex is Sex.FEMALE)
    child = child_named(iface, mother.display_name())
    qtbot.mouseClick(window.view.viewport(), Qt.MouseButton.LeftButton, pos=window.view.mapFromScene(
        window.scene.item_for(mother.id).sceneBoundingRect().center()))
    assert selected_names(iface) == [mother.display_name()]
    assert iface.focusChild() is child
    assert "selected" in child.text(DESCRIPTION)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=2000)
    assert child.state().focused


def test_arrow_key_moves_the_focused_child_and_tells_the_reader(qtbot, window, monkeypatch):
    events: list[tuple[QAccessible.Event, str]] = []
    monkeypatch.setattr(accessibility, "_active", lambda: True)
    monkeypatch.setattr(accessibility, "_post", lambda event: events.append(
        (event.type(), event.accessibleInterface().text(NAME))))
    iface = chart_interface(window)
    window.view.setFocus()
    qtbot.waitUntil(window.view.hasFocus, timeout=2000)
    before = iface.focusChild().text(NAME)
    qtbot.keyClick(window.view, Qt.Key.Key_Up)
    window.view.finish_animation()
    after = iface.focusChild().text(NAME)
    tree = window.workspace.tree
    parents = {tree.people[p].display_name() for p in tree.parents(window.workspace.focus_id)}
    assert after != before
    assert after in parents
    assert selected_names(iface) == [after]
    assert (QAccessible.Event.Selection, after) in events
    assert (QAccessible.Event.Focus, after) in events


@pytest.mark.parametrize("action", [QAccessibleActionInterface.pressAction(),
                                    QAccessibleActionInterface.setFocusAction()])
def test_pressing_a_box_selects_its_person_and_shows_them(window, action):
    iface = chart_interface(window)
    target = next(c for c in children(iface) if not c.state().selected)
    actions = target.actionInterface()
    assert actions is not None
    assert action in actions.actionNames()
    actions.doAction(action)
    assert selected_names(iface) == [target.text(NAME)]
    assert window.workspace.tree.people[window.workspace.selected_id].display_name() == target.text(NAME)


def test_centre_action_recentres_the_chart(window):
    iface = chart_interface(window)
    target = next(c for c in children(iface) if "centre of the chart" not in c.text(DESCRIPTION))
    name = target.text(NAME)
    target.actionInterface().doAction(accessibility.CENTRE_ACTION)
    window.view.finish_animation()
    assert window.workspace.tree.people[window.workspace.focus_id].display_name() == name
    # the chart was rebuilt: the old item is gone and the new chart is read afresh
    assert not target.isValid()
    assert target.text(NAME) == ""
    iface = chart_interface(window)
    assert "centre of the chart" in child_named(iface, name).text(DESCRIPTION)
    assert iface.childCount() == len(window.scene.box_items)


def test_selection_interface_lists_and_changes_the_selected_box(window):
    iface = chart_interface(window)
    selection = iface.selectionInterface()
    assert selection is not None
    assert selection.selectedItemCount() == 1
    assert selection.selectedItem(0) is iface.focusChild()  # Qt's own selectedItem() calls ours
    other = next(c for c in children(iface) if not c.state().selected)
    assert selection.select(other)
    assert selection.isSelected(other)
    assert selected_names(iface) == [other.text(NAME)]


def person(i: int, name: str, born: str = "") -> Person:
    p = Person(f"@I{i}@", [Name.from_gedcom(name)], Sex.FEMALE)
    if born:
        p.events.append(Event("BIRT", date=Date.parse(born)))
    return p


def test_reading_order_keeps_a_row_whose_boxes_differ_in_height_together(qtbot):
    """Boxes of one row read left to right even when a wrapped name makes one taller or lower."""
    tree = Tree()
    for i, name in enumerate(["Anna /A/", "Berta /B/", "Clara /C/", "Dora /D/"]):
        tree.add_person(person(i, name, "1900"))
    tree.link()
    sizer = make_sizer()
    spots = [(300.0, 2.0, 70.0), (0.0, 0.0, 40.0), (150.0, 10.0, 40.0), (50.0, 100.0, 40.0)]
    boxes = [Box(f"@I{i}@", f"@I{i}@", x, y, sizer(tree.people[f"@I{i}@"])[0], h, 0, is_focus=i == 1)
             for i, (x, y, h) in enumerate(spots)]
    scene = ChartScene(tree, ChartLayout(ChartType.HOURGLASS, "@I1@", boxes, []))
    view = ChartView(scene)
    qtbot.addWidget(view)
    order = [item.person.display_name() for item in reading_order(scene.box_items.values())]
    assert order == ["Berta B", "Clara C", "Anna A", "Dora D"]
    iface = QAccessible.queryAccessibleInterface(view)
    assert [c.text(NAME) for c in children(iface)] == order
    assert "1900" in iface.child(0).text(DESCRIPTION)


def test_only_chart_views_get_the_box_list(qtbot):
    tree = Tree()
    tree.add_person(person(1, "Anna /A/"))
    tree.link()
    w, h = make_sizer()(tree.people["@I1@"])
    layout = ChartLayout(ChartType.HOURGLASS, "@I1@", [Box("@I1@", "@I1@", 0, 0, w, h, 0)], [])
    scene = ChartScene(tree, layout)
    plain = QGraphicsView(scene)
    qtbot.addWidget(plain)
    iface = QAccessible.queryAccessibleInterface(plain)
    assert not any(isinstance(c, BoxAccessible) for c in children(iface))


def test_interfaces_a_box_lacks_are_null_not_a_crash(window):
    """Screen readers ask every object for text, value and table interfaces; PySide crashed on a None here."""
    iface = chart_interface(window)
    child = iface.child(0)
    for target in (iface, child):
        assert target.textInterface() is None
        assert target.valueInterface() is None
        assert target.tableCellInterface() is None
    assert iface.actionInterface() is not None  # the view keeps QAccessibleWidget's own actions


# -- end to end: a real screen-reader bus (AT-SPI over D-Bus, on an X server) -----------------------------
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")

APP = """
import json, sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication(sys.argv)
from familytree.ui.main_window import MainWindow
window = MainWindow()
window.resize(1300, 800)
window.show()
window.fileLoaded.connect(lambda *a: QTimer.singleShot(300, lambda: print(json.dumps(sorted(
    i.person.display_name() for i in window.scene.box_items.values())), flush=True)))
window.open_file(sys.argv[1])
QTimer.singleShot(40000, app.quit)
app.exec()
"""

CLIENT = """
import ast, json, os, re, subprocess, sys, time

def gdbus(*args, parse=True):
    done = subprocess.run(["gdbus", "call", *args], capture_output=True, text=True, timeout=10)
    if done.returncode:
        raise RuntimeError(done.stderr)
    if not parse:
        return done.stdout
    text = done.stdout.strip().replace("objectpath '", "'").replace("@a(so) ", "")
    if text.startswith("(<") and text.endswith(">,)"):
        text = "(" + text[2:-3] + ",)"
    return ast.literal_eval(text)[0]

def wait(get, seconds=15):
    end = time.time() + seconds
    while True:
        try:
            return get()
        except (RuntimeError, LookupError):
            if time.time() > end:
                raise
            time.sleep(0.2)

address = wait(lambda: gdbus("--session", "--dest", "org.a11y.Bus", "--object-path", "/org/a11y/bus",
                             "--method", "org.a11y.Bus.GetAddress"))
def call(node, method, *args, parse=True):
    return gdbus("--address", address, "--dest", node[0], "--object-path", node[1], "--method", method, *args,
                 parse=parse)
def prop(node, name):
    return call(node, "org.freedesktop.DBus.Properties.Get", "org.a11y.atspi.Accessible", name)
def children(node):
    return call(node, "org.a11y.atspi.Accessible.GetChildren")

app = subprocess.Popen([sys.executable, "-c", sys.argv[1], sys.argv[2]], stdout=subprocess.PIPE, text=True)
drawn = json.loads(app.stdout.readline())

def find_chart():
    todo = list(children(("org.a11y.atspi.Registry", "/org/a11y/atspi/accessible/root")))
    while todo:
        node = todo.pop()
        if prop(node, "Name") == "Family chart":
            return node
        todo.extend(children(node))
    raise LookupError("no chart yet")

try:
    chart = wait(find_chart)
    def boxes():
        return [dict(role=call(n, "org.a11y.atspi.Accessible.GetRoleName"), name=prop(n, "Name"),
                     description=prop(n, "Description"), node=n) for n in children(chart)]
    before = boxes()
    target = next(b for b in before if "selected" not in b["description"])
    actions = [a[0] for a in call(target["node"], "org.a11y.atspi.Action.GetActions")]
    call(target["node"], "org.a11y.atspi.Action.DoAction", str(actions.index("Press")), parse=False)
    time.sleep(0.5)
    after = {b["name"]: b["description"] for b in boxes()}
    read = [{key: box[key] for key in ("role", "name", "description")} for box in before]
    print(json.dumps(dict(drawn=drawn, before=read, target=target["name"], actions=actions, after=after)))
finally:
    app.kill()
"""


def _atspi_tools() -> tuple[str, ...] | None:
    import shutil

    launcher = next((path for path in LAUNCHERS if Path(path).exists()), None)
    tools = [shutil.which(name) for name in ("Xvfb", "dbus-run-session", "gdbus")]
    return None if launcher is None or None in tools else (*tools, launcher)  # type: ignore[return-value]


@pytest.mark.slow
def test_a_screen_reader_on_the_atspi_bus_reads_and_presses_the_boxes(tmp_path, bundled_path):
    """What Orca sees on Linux: the chart's boxes as list items, read and pressed over D-Bus."""
    tools = _atspi_tools()
    if tools is None:
        pytest.skip("needs Xvfb, dbus-run-session, gdbus and at-spi-bus-launcher")
    xvfb, dbus_run_session, _, launcher = tools
    session = tmp_path / "session.sh"
    session.write_text(
        f'{launcher} --launch-immediately >/dev/null 2>&1 & LAUNCHER=$!\n'
        f'"{sys.executable}" -c "$CLIENT" "$APP" "{bundled_path}"; STATUS=$?\n'
        'kill $LAUNCHER; exit $STATUS\n')
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen([xvfb, "-displayfd", str(write_fd), "-screen", "0", "1400x900x24",
                               "-nolisten", "tcp"],
                              pass_fds=(write_fd,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_fd)
    try:
        with os.fdopen(read_fd) as display:
            number = display.readline().strip()
        env = dict(os.environ, DISPLAY=f":{number}", QT_QPA_PLATFORM="xcb",
                   QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1", XDG_CONFIG_HOME=str(tmp_path / "config"),
                   CLIENT=CLIENT, APP=APP)
        done = subprocess.run([dbus_run_session, "--", "sh", str(session)], env=env, capture_output=True,
                              text=True, timeout=90)
    finally:
        server.kill()
        server.wait()
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert sorted(box["name"] for box in seen["before"]) == seen["drawn"]
    assert {box["role"] for box in seen["before"]} == {"list item"}
    assert all(box["description"] for box in seen["before"])
    assert sum("centre of the chart" in box["description"] for box in seen["before"]) == 1
    assert {"Press", "SetFocus", "Centre"} <= set(seen["actions"])
    assert seen["after"][seen["target"]].endswith("selected")  # pressed over the bus: now the selection


def test_after_recentring_the_reader_is_told_and_the_new_selection_stays_reachable(window, monkeypatch):
    events: list[tuple[QAccessible.Event, QAccessibleInterface]] = []
    monkeypatch.setattr(accessibility, "_active", lambda: True)
    monkeypatch.setattr(accessibility, "_post", lambda event: events.append(
        (event.type(), event.accessibleInterface())))
    iface = chart_interface(window)
    target = next(c for c in children(iface) if "centre of the chart" not in c.text(DESCRIPTION))
    name = target.text(NAME)
    target.actionInterface().doAction(accessibility.CENTRE_ACTION)
    window.view.finish_animation()
    assert (QAccessible.Event.ObjectReorder, iface) in [(kind, i) for kind, i in events]
    told = [i for kind, i in events if kind == QAccessible.Event.Selection]
    assert told
    newest = told[-1]
    # the box the reader was last told about is on the new chart, still known to Qt by its id
    assert newest.isValid()
    assert newest.text(NAME) == name
    assert "centre of the chart" in newest.text(DESCRIPTION)
    assert QAccessible.accessibleInterface(QAccessible.uniqueId(newest)) is newest
    assert iface.focusChild() is newest

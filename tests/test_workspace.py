"""The Qt-free workspace: opening, selecting, re-centring, history and chart settings, without a window."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from familytree.gedcom import read_file
from familytree.layout import ChartLayout, ChartType, Orientation
from familytree.model import Tree
from familytree.workspace import ChartSettings, Emitter, Workspace


@pytest.fixture(scope="module")
def bundled(bundled_path: Path) -> Tree:
    return read_file(bundled_path)


class Heard:
    """Every event a workspace emits, in order, as (event name, value)."""

    def __init__(self, ws: Workspace) -> None:
        self.log: list[tuple[str, object]] = []
        for name in ("tree", "chart", "chart_failed", "selection", "settings", "history", "home", "notice"):
            getattr(ws.events, name).connect(lambda value, name=name: self.log.append((name, value)))

    def names(self) -> list[str]:
        return [name for name, _ in self.log]

    def of(self, name: str) -> list[object]:
        return [value for n, value in self.log if n == name]


def opened(tree: Tree, settings: ChartSettings | None = None, **kwargs: object) -> tuple[Workspace, Heard]:
    ws = Workspace(settings)
    heard = Heard(ws)
    ws.open(tree, "family.ged", **kwargs)  # type: ignore[arg-type]
    return ws, heard


def test_opening_centres_on_the_home_person_and_tells_observers_in_order(bundled: Tree) -> None:
    ws, heard = opened(bundled)
    assert ws.focus_id == ws.selected_id == ws.home_id == bundled.default_person_id()
    assert ws.layout.focus_id == ws.focus_id
    assert ws.layout.boxes
    assert heard.names() == ["tree", "chart", "selection", "history", "history"]
    assert not ws.history.can_go_back()


def test_opening_on_a_name_or_a_bare_xref(bundled: Tree) -> None:
    lev = next(p.id for p in bundled.iter_people() if p.display_name() == "Lev Sedov")
    assert opened(bundled, focus="Lev Sedov")[0].focus_id == lev
    assert opened(bundled, focus=lev.strip("@"))[0].focus_id == lev


def test_an_unknown_focus_is_said_and_the_home_person_shown(bundled: Tree) -> None:
    ws, heard = opened(bundled, focus="Nobody Atall")
    assert ws.focus_id == ws.home_id
    assert any("Nobody Atall" in str(n) for n in heard.of("notice"))


def test_a_remembered_home_person_wins_unless_gone(bundled: Tree) -> None:
    other = [pid for pid in bundled.people if pid != bundled.default_person_id()][0]
    assert opened(bundled, home=other)[0].focus_id == other
    assert opened(bundled, home="@GONE@")[0].home_id == bundled.default_person_id()


def test_selecting_on_the_chart_keeps_the_centre_and_off_the_chart_recentres(bundled: Tree) -> None:
    ws, heard = opened(bundled, ChartSettings(generations_up=1, generations_down=1))
    focus = ws.focus_id
    on_chart = next(b.person_id for b in ws.layout.boxes if b.person_id != focus)
    heard.log.clear()
    assert ws.select(on_chart)
    assert (ws.focus_id, ws.selected_id) == (focus, on_chart)
    assert "chart" not in heard.names()
    off_chart = next(pid for pid in bundled.people if pid not in ws.layout.person_ids)
    assert ws.select(off_chart)
    assert ws.focus_id == off_chart == ws.selected_id
    assert heard.of("chart")[-1] is ws.layout


def test_unknown_people_change_nothing(bundled: Tree) -> None:
    ws, heard = opened(bundled)
    heard.log.clear()
    assert not ws.select("@NOPE@")
    assert not ws.set_focus("@NOPE@")
    assert not ws.set_home("@NOPE@")
    assert heard.log == []


def test_back_and_forward_return_to_where_the_user_was(bundled: Tree) -> None:
    ws, _ = opened(bundled)
    places = [(ws.focus_id, ws.selected_id)]
    for pid in list(bundled.people)[1:4]:
        ws.set_focus(pid)
        places.append((ws.focus_id, ws.selected_id))
    for expected in reversed(places[:-1]):
        assert ws.back()
        assert (ws.focus_id, ws.selected_id) == expected
    assert not ws.back()
    assert ws.forward()
    assert (ws.focus_id, ws.selected_id) == places[1]
    ws.set_focus(places[3][0])  # visiting after going back drops the forward entries
    assert not ws.history.can_go_forward()


def test_arrow_keys_walk_to_relatives(bundled: Tree) -> None:
    ws, _ = opened(bundled)
    start = ws.selected_id
    assert ws.move_selection("up")
    assert ws.selected_id in bundled.parents(start)
    assert ws.move_selection("down")
    assert ws.selected_id in bundled.children(ws.history.entries[-2].selected_id)


def test_home_person_set_and_gone_back_to(bundled: Tree) -> None:
    ws, heard = opened(bundled)
    other = next(pid for pid in bundled.people if pid != ws.home_id)
    assert ws.set_home(other)
    assert heard.of("home") == [other]
    assert ws.go_home()
    assert ws.focus_id == other


def test_changing_the_chart_redraws_around_the_same_focus(bundled: Tree) -> None:
    ws, heard = opened(bundled)
    focus = ws.focus_id
    heard.log.clear()
    ws.change_settings(chart_type=ChartType.ANCESTORS, orientation=Orientation.HORIZONTAL)
    assert ws.settings == ChartSettings(ChartType.ANCESTORS, 3, 3, Orientation.HORIZONTAL)
    assert ws.layout.chart is ChartType.ANCESTORS
    assert ws.layout.orientation is Orientation.HORIZONTAL
    assert ws.focus_id == focus
    assert ws.selected_id in ws.layout.person_ids
    assert heard.names()[:2] == ["settings", "chart"]
    heard.log.clear()
    ws.change_settings(chart_type=ChartType.ANCESTORS)  # no change, no redraw
    assert heard.log == []


def test_a_selection_that_leaves_the_chart_falls_back_to_the_focus(bundled: Tree) -> None:
    ws, _ = opened(bundled)
    child = bundled.children(ws.focus_id)[0]
    ws.select(child)
    ws.change_settings(chart_type=ChartType.ANCESTORS)  # children are not on an ancestors chart
    assert ws.selected_id == ws.focus_id


def test_fewer_than_one_generation_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one generation"):
        ChartSettings(generations_up=0)


def test_a_layout_failure_is_a_message_and_the_chart_stays(bundled: Tree) -> None:
    calls: list[str] = []

    def fragile(tree: Tree, chart: ChartType, focus_id: str, *rest: object) -> ChartLayout:
        calls.append(focus_id)
        if len(calls) > 1:
            raise RuntimeError("odd data")
        return ChartLayout(chart, focus_id)

    ws = Workspace(layout=fragile)  # type: ignore[arg-type]
    heard = Heard(ws)
    ws.open(bundled)
    first = ws.focus_id
    ws.set_focus(next(pid for pid in bundled.people if pid != first))
    assert ws.focus_id == first
    assert ws.layout.focus_id == first
    assert "could not be drawn: odd data" in ws.chart_error
    assert heard.of("chart_failed") == [ws.chart_error]


def test_a_file_with_no_people_draws_an_empty_chart() -> None:
    ws, heard = opened(Tree())
    assert ws.focus_id == ""
    assert ws.layout.boxes == []
    assert heard.names() == ["tree", "chart", "history"]


def test_an_emitter_is_quiet_while_blocked_and_forgets_disconnected_handlers() -> None:
    heard: list[int] = []
    e: Emitter[int] = Emitter()
    handler = e.connect(heard.append)
    with e.blocked():
        e.emit(1)
    e.emit(2)
    e.disconnect(handler)
    e.emit(3)
    assert heard == [2]


def test_the_workspace_needs_no_qt() -> None:
    code = ("import sys, familytree.workspace; "
            "sys.exit(any(m.split('.')[0] in ('PySide6', 'shiboken6') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0

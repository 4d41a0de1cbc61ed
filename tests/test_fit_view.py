"""Fit Chart on a chart too large to read whole (issue 14): the focus' neighbourhood at a readable
size, and a notice above the chart saying why and how to see the rest."""

from __future__ import annotations

import pytest

from familytree.layout import ChartType
from familytree.ui.chart_view import READABLE_NAME_PT
from familytree.ui.main_window import MainWindow
from support.corpus import corpus_path
from support.windows import make_window, visible_rect

pytestmark = pytest.mark.gui

VICTORIA = "@I1@"  # Queen Victoria in royal92.ged


@pytest.fixture
def royal(qtbot) -> MainWindow:
    window = make_window(qtbot, corpus_path("real/royal92.ged"))
    window.workspace.set_focus(VICTORIA)
    window.view.finish_animation()
    return window


def show_chart(window: MainWindow, chart: ChartType) -> None:
    window.workspace.change_settings(chart_type=chart)
    window.view.finish_animation()


def fit(window: MainWindow) -> None:
    window.actions_by_id["view.fit"].trigger()
    window.view.finish_animation()


def around_victoria(window: MainWindow) -> bool:
    """Her box in the middle of the window across the line of her relatives (the rest of the line
    left for scrolling), with all of the line's height when the window holds it."""
    visible, chart = visible_rect(window), window.scene.sceneRect()
    box = window.scene.item_for(VICTORIA).sceneBoundingRect()
    whole_height = visible.top() <= chart.top() + 1 and visible.bottom() >= chart.bottom() - 1
    return (visible.contains(box) and abs(visible.center().x() - box.center().x()) < 2 / window.view.zoom
            and visible.width() < chart.width() / 5 and (whole_height or visible.height() < chart.height()))


def notice(window: MainWindow) -> str:
    label = window.chart.notice
    return label.text() if label.isVisible() else ""


def test_fit_on_victorias_relatives_shows_her_neighbourhood_readably_and_says_why(qtbot, royal) -> None:
    show_chart(royal, ChartType.RELATIVES)
    view = royal.view
    whole = view.fit_factor(royal.scene.sceneRect(), max_zoom=1.25)
    assert view.name_pt(whole) < 1.0  # a line 27 times wider than tall: every name a speck
    fit(royal)
    assert view.name_pt() == pytest.approx(READABLE_NAME_PT)
    assert around_victoria(royal)
    said = notice(royal)
    assert f"names {view.name_pt(whole):.1f} pt tall, too small to read" in said
    assert "the people around Victoria Hanover" in said
    assert "fewer generations" in said
    assert "poster" in said
    assert "fan chart" not in said  # the fan shows ancestors, not her relatives
    # the window narrowed: still the neighbourhood, still said
    royal.resize(900, 700)
    qtbot.waitUntil(lambda: around_victoria(royal))
    assert view.name_pt() == pytest.approx(READABLE_NAME_PT)
    assert "too small to read" in notice(royal)
    # the user zooms: what Fit said no longer holds
    royal.actions_by_id["view.zoom_in"].trigger()
    assert "too small to read" not in notice(royal)


def test_the_fit_notice_offers_the_fan_for_a_chart_of_ancestors_and_goes_with_the_chart(qtbot, royal) -> None:
    show_chart(royal, ChartType.HOURGLASS)
    royal.workspace.change_settings(generations_up=6, generations_down=3)
    royal.view.finish_animation()
    fit(royal)
    assert royal.view.name_pt() == pytest.approx(READABLE_NAME_PT)
    assert "the fan chart of the ancestors" in notice(royal)
    show_chart(royal, ChartType.ANCESTORS)  # another chart: the note was about the one before
    assert "too small to read" not in notice(royal)


def test_fit_shows_a_chart_readable_whole_all_of_it_with_no_notice(qtbot, bundled_path) -> None:
    window = make_window(qtbot, bundled_path)
    window.view.set_zoom(3.0)
    fit(window)
    assert visible_rect(window).adjusted(-1, -1, 1, 1).contains(window.scene.sceneRect())
    assert window.view.name_pt() > READABLE_NAME_PT
    assert "too small to read" not in notice(window)

"""Page geometry of printed charts: fit to a page, posters that never cut a box between sheets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from familytree.render.pages import (
    MIN_TEXT_PT,
    PageBands,
    PageKind,
    Rect,
    choose_poster,
    column_label,
    occupied_sheets,
    plan_fit,
    plan_poster,
    sheet_label,
    sheets_needed,
)

A4 = PageBands(539.0, 786.0)  # A4 less 28 pt margins
A4_POSTER = PageBands(539.0, 786.0, marks=12.0)
NAME = 13.0  # the chart's name size in chart units


def grid_boxes(columns: int, rows: int, width: float = 170.0, height: float = 44.0, gap_x: float = 20.0,
               gap_y: float = 60.0, stagger: bool = True) -> list[Rect]:
    """Rows of boxes like a generation chart; staggered rows so no vertical line misses every box."""
    out = []
    for r in range(rows):
        shift = (r % 2) * (width + gap_x) / 2 if stagger else 0.0
        for c in range(columns):
            out.append(Rect(c * (width + gap_x) + shift, r * (height + gap_y), width, height))
    return out


def extent(boxes: list[Rect]) -> Rect:
    return Rect.from_bounds(min(b.x for b in boxes), min(b.y for b in boxes),
                            max(b.right for b in boxes), max(b.bottom for b in boxes))


def assert_every_box_whole(plan, boxes: list[Rect]) -> None:
    sheets = plan.chart_sheets()
    for b in boxes:
        assert any(s.source.contains(b) for s in sheets), f"box {b} is cut on every sheet"


@pytest.mark.parametrize(("columns", "rows"), [(1, 1), (2, 1), (3, 2), (2, 3), (4, 4), (6, 2)])
def test_poster_has_the_asked_sheets_and_keeps_every_box_whole(columns: int, rows: int) -> None:
    boxes = grid_boxes(24, 9)
    plan = plan_poster(extent(boxes), boxes, A4_POSTER, columns, rows, NAME)
    sheets = plan.chart_sheets()
    assert len(sheets) == columns * rows
    assert {(s.column, s.row) for s in sheets} == {(c, r) for c in range(columns) for r in range(rows)}
    assert len({s.label for s in sheets}) == columns * rows
    assert_every_box_whole(plan, boxes)
    # every sheet is drawn at one scale: its chart units fill the page's chart area exactly
    area = A4_POSTER.chart_area
    for s in sheets:
        assert s.source.width * plan.scale == pytest.approx(area.width)
        assert s.source.height * plan.scale == pytest.approx(area.height)


def test_neighbouring_sheets_overlap_and_trims_tile_the_poster() -> None:
    boxes = grid_boxes(30, 6)
    plan = plan_poster(extent(boxes), boxes, A4_POSTER, 3, 2, NAME, overlap_pt=20.0)
    by_pos = {(s.column, s.row): s for s in plan.chart_sheets()}
    for (c, r), s in by_pos.items():
        right = by_pos.get((c + 1, r))
        if right is not None:
            overlap_pt = (s.source.right - right.source.x) * plan.scale
            assert overlap_pt >= 20.0 - 1e-6
            assert s.trim.right == pytest.approx(right.trim.x)  # cut lines meet: nothing lost, nothing twice
        below = by_pos.get((c, r + 1))
        if below is not None:
            assert (s.source.bottom - below.source.y) * plan.scale >= 20.0 - 1e-6
            assert s.trim.bottom == pytest.approx(below.trim.y)
        assert s.source.contains(s.trim)
    chart = extent(boxes)
    union = Rect.from_bounds(min(s.trim.x for s in by_pos.values()), min(s.trim.y for s in by_pos.values()),
                             max(s.trim.right for s in by_pos.values()),
                             max(s.trim.bottom for s in by_pos.values()))
    assert union.contains(chart)


def test_a_box_across_an_overlap_moves_the_next_sheet_instead_of_being_cut() -> None:
    # one wide row of touching boxes: any cut line goes through a box
    boxes = [Rect(i * 170.0, 0.0, 170.0, 40.0) for i in range(20)]
    plan = plan_poster(extent(boxes), boxes, A4_POSTER, 4, 1, NAME, overlap_pt=5.0)
    assert_every_box_whole(plan, boxes)


def test_fit_scales_a_large_chart_down_and_reports_small_names() -> None:
    boxes = grid_boxes(60, 8)
    plan = plan_fit(extent(boxes), A4, NAME)
    sheet = plan.sheets[0]
    assert sheet.kind is PageKind.CHART
    assert sheet.source.contains(extent(boxes))
    assert plan.text_pt == pytest.approx(NAME * plan.scale)
    assert not plan.legible(MIN_TEXT_PT)


def test_fit_enlarges_a_small_chart_only_so_far() -> None:
    boxes = grid_boxes(1, 1)
    plan = plan_fit(extent(boxes), A4, NAME)
    assert plan.scale == pytest.approx(2.0)
    assert plan.legible()


def test_choose_poster_picks_the_fewest_sheets_with_legible_names() -> None:
    boxes = grid_boxes(40, 6)
    plan = choose_poster(extent(boxes), boxes, A4_POSTER, NAME, min_text_pt=6.0)
    assert plan.is_poster
    assert plan.text_pt >= 6.0
    assert_every_box_whole(plan, boxes)
    n = plan.columns * plan.rows
    # no poster with fewer sheets reaches 6 pt
    for c in range(1, n):
        for r in range(1, n):
            if 1 < c * r < n:
                smaller = plan_poster(extent(boxes), boxes, A4_POSTER, c, r, NAME)
                assert smaller.text_pt < 6.0


def test_choose_poster_keeps_one_page_when_it_is_legible() -> None:
    boxes = grid_boxes(3, 3)
    plan = choose_poster(extent(boxes), boxes, A4_POSTER, NAME)
    assert not plan.is_poster


@pytest.mark.parametrize(("column", "row", "label"),
                         [(0, 0, "A1"), (2, 1, "C2"), (25, 0, "Z1"), (26, 9, "AA10")])
def test_sheet_labels(column: int, row: int, label: str) -> None:
    assert sheet_label(column, row) == label
    assert column_label(column) == label.rstrip("0123456789")


def test_bands_leave_room_for_header_footer_and_marks() -> None:
    area = A4_POSTER.chart_area
    assert area.y >= A4_POSTER.header + 12.0
    assert area.bottom <= A4_POSTER.height - A4_POSTER.footer - 12.0
    assert area.x == 12.0
    assert area.right == A4_POSTER.width - 12.0


@settings(max_examples=60, deadline=None)
@given(
    sizes=st.lists(st.tuples(st.floats(20, 260), st.floats(20, 90)), min_size=1, max_size=60),
    seed=st.integers(0, 10_000),
    columns=st.integers(1, 5),
    rows=st.integers(1, 4),
    overlap=st.floats(0.0, 40.0),
)
def test_any_chart_any_poster_cuts_no_box(sizes: list[tuple[float, float]], seed: int, columns: int,
                                          rows: int, overlap: float) -> None:
    import random

    rng = random.Random(seed)
    boxes = [Rect(rng.uniform(0, 3000), rng.uniform(0, 1500), w, h) for w, h in sizes]
    plan = plan_poster(extent(boxes), boxes, A4_POSTER, columns, rows, NAME, overlap_pt=overlap)
    assert len(plan.chart_sheets()) == columns * rows
    assert_every_box_whole(plan, boxes)


def test_choose_poster_stops_where_boxes_would_outgrow_a_sheet() -> None:
    boxes = grid_boxes(6, 3)
    plan = choose_poster(extent(boxes), boxes, A4_POSTER, NAME, min_text_pt=200.0)
    area = A4_POSTER.chart_area
    assert plan.is_poster
    assert max(b.width for b in boxes) * plan.scale <= area.width
    assert plan.columns * plan.rows < 100
    assert_every_box_whole(plan, boxes)


def test_occupied_sheets_are_those_whose_trim_shows_something() -> None:
    boxes = [Rect(0, 0, 170, 44), Rect(3000, 900, 170, 44), Rect(1500, 0, 170, 44)]
    plan = plan_poster(extent(boxes), boxes, A4_POSTER, 4, 3, NAME)
    used = occupied_sheets(plan, boxes)
    brute = {s.label for s in plan.chart_sheets() if any(s.trim.intersects(b) for b in boxes)}
    assert used == brute
    assert 3 <= len(used) < 12


def test_an_impossible_budget_gives_the_grid_shaped_like_the_chart() -> None:
    boxes = [Rect(i * 190.0, 0.0, 170.0, 44.0) for i in range(2000)]  # one very long row
    plan = choose_poster(extent(boxes), boxes, A4_POSTER, NAME, max_sheets=20)
    assert plan.columns > plan.rows
    assert plan.columns * plan.rows <= 20
    assert not plan.legible()
    columns, rows = sheets_needed(extent(boxes), A4_POSTER, NAME)
    assert columns * rows > 20
    assert rows == 1


def test_choose_poster_counts_only_the_sheets_it_prints() -> None:
    """An L-shaped chart (a long row over a narrow column): told what is drawn, the poster leaves
    the empty corner out, and prints no more sheets than the grid chosen by its cells."""
    row = [Rect(i * 190.0, 0.0, 170.0, 44.0) for i in range(40)]
    column = [Rect(0.0, 100.0 + j * 104.0, 170.0, 44.0) for j in range(60)]
    boxes = row + column
    blind = choose_poster(extent(boxes), boxes, A4_POSTER, NAME)
    told = choose_poster(extent(boxes), boxes, A4_POSTER, NAME, drawn=boxes)
    assert told.legible()
    assert blind.legible()
    printed = occupied_sheets(told, boxes)
    assert len(printed) < told.columns * told.rows
    assert len(printed) <= len(occupied_sheets(blind, boxes))
    # no whole row or column of the grid is left out: that would be a smaller grid on more paper
    sheets = [s for s in told.sheets if s.label in printed]
    assert {s.column for s in sheets} == set(range(told.columns))
    assert {s.row for s in sheets} == set(range(told.rows))

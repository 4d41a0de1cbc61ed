"""check_layout finds each kind of broken chart, and passes a sound one."""

from __future__ import annotations

import pytest

from familytree.layout import (
    Box,
    ChartLayout,
    ChartType,
    Connector,
    ConnectorKind,
    Orientation,
    check_layout,
    count_crossings,
)


def _box(key: str, x: float, gen: int, y: float | None = None, dup: str = "", person: str = "") -> Box:
    return Box(key, person or key.split("#")[0], x, 100.0 * gen if y is None else y, 80.0, 40.0, gen,
               duplicate_of=dup)


def _sound() -> ChartLayout:
    """Two parents side by side and a child below them."""
    boxes = [_box("@A@", 0, 0), _box("@B@", 100, 0), _box("@C@", 50, 1)]
    connectors = [
        Connector("@F@", ConnectorKind.PARTNERSHIP, (((80.0, 20.0), (100.0, 20.0)),),
                  person_keys=("@A@", "@B@")),
        Connector("@F@", ConnectorKind.DESCENT, (((90.0, 20.0), (90.0, 100.0)),),
                  person_keys=("@A@", "@B@", "@C@")),
    ]
    return ChartLayout(ChartType.HOURGLASS, "@A@", boxes, connectors)


def test_a_sound_layout_has_no_violations() -> None:
    assert check_layout(_sound()) == []


BROKEN = {
    "overlap": (lambda lay: lay.boxes.append(_box("@D@", 60, 0)), "overlap"),
    "too close": (lambda lay: lay.boxes.append(_box("@D@", 181, 0)), "closer than"),
    "line through a box": (lambda lay: lay.connectors.append(Connector(
        "@G@", ConnectorKind.DESCENT, (((-10.0, 20.0), (300.0, 20.0)),), person_keys=("@A@",))),
        "crosses the box"),
    "vertical line through a box": (lambda lay: lay.connectors.append(Connector(
        "@G@", ConnectorKind.ADOPTED, (((60.0, -50.0), (60.0, 200.0)),), person_keys=())), "crosses the box"),
    "generation off its row": (lambda lay: lay.boxes.append(_box("@D@", 300, 1, y=130.0)), "not on one row"),
    "generations out of order": (lambda lay: lay.boxes.append(_box("@D@", 300, 2, y=-100.0)),
                                 "not before generation"),
    "unmarked duplicate": (lambda lay: lay.boxes.append(_box("@C@#2", 300, 0, person="@C@")),
                           "without a duplicate mark"),
    "duplicate of nothing": (lambda lay: lay.boxes.append(_box("@E@#2", 300, 0, dup="@E@", person="@E@")),
                             "does not point"),
    "key used twice": (lambda lay: lay.boxes.append(_box("@C@", 300, 0, dup="@C@")), "used twice"),
    "box joined to nothing": (lambda lay: lay.boxes.append(_box("@D@", 300, 1)), "joined by no line"),
    "a piece of its own": (lambda lay: (lay.boxes.extend([_box("@D@", 300, 0), _box("@E@", 300, 1)]),
                                        lay.connectors.append(Connector("@G@", ConnectorKind.DESCENT, (),
                                                                        person_keys=("@D@", "@E@")))),
                           "(with 1 more) is joined by no line"),
    "line to a missing box": (lambda lay: lay.connectors.append(Connector(
        "@G@", ConnectorKind.DESCENT, (), person_keys=("@Z@",))), "not on the chart"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_each_kind_of_broken_layout_is_reported(case: str) -> None:
    layout = _sound()
    breaker, words = BROKEN[case]
    breaker(layout)
    problems = check_layout(layout)
    assert problems
    assert any(words in p for p in problems), problems


def test_a_line_may_touch_the_boxes_it_joins() -> None:
    layout = _sound()
    layout.connectors.append(Connector("@F@", ConnectorKind.DESCENT, (((40.0, 40.0), (40.0, 100.0)),),
                                       person_keys=("@A@", "@C@")))
    assert check_layout(layout) == []


def test_horizontal_rows_are_columns() -> None:
    boxes = [Box("@A@", "@A@", 0, 0, 80, 40, 0), Box("@B@", "@B@", 0, 60, 80, 40, 0),
             Box("@C@", "@C@", 150, 30, 80, 40, 1)]
    joined = [Connector("@F@", ConnectorKind.DESCENT, (), person_keys=("@A@", "@B@", "@C@"))]
    layout = ChartLayout(ChartType.DESCENDANTS, "@A@", boxes, joined, orientation=Orientation.HORIZONTAL)
    assert check_layout(layout) == []
    layout.boxes.append(Box("@D@", "@D@", 20, 200, 80, 40, 0))
    assert any("not on one row" in p for p in check_layout(layout))


def test_count_crossings_counts_lines_of_different_connectors() -> None:
    layout = _sound()
    assert count_crossings(layout) == 0
    layout.connectors.append(Connector("@G@", ConnectorKind.DESCENT, (((-50.0, 70.0), (300.0, 70.0)),)))
    assert count_crossings(layout) == 1  # crosses the stem of @F@

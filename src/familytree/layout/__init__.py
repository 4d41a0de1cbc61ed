"""Pure geometry: a chart type and a focus person -> boxes and connectors."""

from typing import TYPE_CHECKING

from familytree.layout.chart import (
    Box,
    BoxSizer,
    Branch,
    ChartLayout,
    ChartType,
    Connector,
    ConnectorKind,
    LayoutOptions,
    Orientation,
    default_sizer,
)
from familytree.layout.charts import (
    ALL_GENERATIONS,
    ancestors_layout,
    descendants_layout,
    hourglass_layout,
    layout_chart,
    relatives_layout,
)
from familytree.layout.check import check_layout, count_crossings
from familytree.layout.fan_options import FanColours, FanOptions
from familytree.layout.graph import MAX_BOXES

if TYPE_CHECKING:
    from familytree.layout.fan import fan_layout

__all__ = [
    "ALL_GENERATIONS", "Box", "BoxSizer", "Branch", "ChartLayout", "ChartType", "Connector", "ConnectorKind",
    "FanColours", "FanOptions", "LayoutOptions", "MAX_BOXES", "Orientation", "ancestors_layout",
    "check_layout", "count_crossings", "default_sizer",
    "descendants_layout", "fan_layout", "hourglass_layout", "layout_chart", "relatives_layout",
]


def __getattr__(name: str) -> object:
    """fan_layout, loaded with the first fan: a chart of boxes does not need it."""
    if name == "fan_layout":
        from familytree.layout.fan import fan_layout

        return fan_layout
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

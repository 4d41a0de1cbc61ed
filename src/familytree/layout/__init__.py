"""Pure geometry: a chart type and a focus person -> boxes and connectors."""

from familytree.layout.chart import (
    Box,
    BoxSizer,
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
from familytree.layout.fan import FanColours, FanOptions, fan_layout
from familytree.layout.graph import MAX_BOXES

__all__ = [
    "ALL_GENERATIONS", "Box", "BoxSizer", "ChartLayout", "ChartType", "Connector", "ConnectorKind",
    "FanColours", "FanOptions", "LayoutOptions", "MAX_BOXES", "Orientation", "ancestors_layout",
    "check_layout", "count_crossings", "default_sizer",
    "descendants_layout", "fan_layout", "hourglass_layout", "layout_chart", "relatives_layout",
]

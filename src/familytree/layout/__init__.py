"""Pure geometry: a chart type and a focus person -> boxes and connectors."""

from familytree.layout.chart import (
    Box, BoxSizer, ChartLayout, ChartType, Connector, ConnectorKind, Orientation, default_sizer,
)

__all__ = [
    "Box", "BoxSizer", "ChartLayout", "ChartType", "Connector", "ConnectorKind", "Orientation",
    "default_sizer",
]

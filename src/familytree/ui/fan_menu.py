"""View > Fan Chart: the fan's opening angle and what its colours tell, kept in step with the workspace."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from familytree.layout import ChartType, FanColours
from familytree.layout.fan_options import FAN_ANGLES
from familytree.workspace import ChartSettings, Workspace

__all__ = ["FanMenu"]

COLOUR_WORDS = {FanColours.SIDE: "Colours by &Side (Father's, Mother's)",
                FanColours.GENERATION: "Colours by &Generation"}


class FanMenu(QMenu):
    """Radio entries for 180°, 270° and 360°, and for the colours; choosing one shows the fan."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__("Fa&n Chart", parent)
        self.setObjectName("fanMenu")
        self.workspace = workspace
        self.angle_actions: dict[int, QAction] = {}
        self.colour_actions: dict[FanColours, QAction] = {}
        angles = QActionGroup(self)
        for angle in FAN_ANGLES:
            action = QAction(f"&{angle}\u00b0 Fan", self, checkable=True)
            action.setToolTip(f"A fan chart opening {angle} degrees")
            action.triggered.connect(lambda _on=False, a=angle: self._choose(angle=a))
            angles.addAction(action)
            self.addAction(action)
            self.angle_actions[angle] = action
        self.addSeparator()
        colours = QActionGroup(self)
        for kind, words in COLOUR_WORDS.items():
            action = QAction(words, self, checkable=True)
            action.triggered.connect(lambda _on=False, k=kind: self._choose(colours=k))
            colours.addAction(action)
            self.addAction(action)
            self.colour_actions[kind] = action
        self._show(workspace.settings)
        workspace.events.settings.connect(self._show)

    def _show(self, settings: ChartSettings) -> None:
        self.angle_actions[settings.fan.angle].setChecked(True)
        self.colour_actions[settings.fan.colours].setChecked(True)

    def _choose(self, **change: object) -> None:
        """The fan with this angle or these colours; a chart of another type becomes the fan."""
        settings = self.workspace.settings
        fan = replace(settings.fan, **change)  # type: ignore[arg-type]
        self.workspace.change_settings(chart_type=ChartType.FAN, fan=fan)

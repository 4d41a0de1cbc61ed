"""The toolbar's chart controls: chart type and generations up and down, in step with the workspace."""

from __future__ import annotations

from PySide6.QtGui import QValidator
from PySide6.QtWidgets import QComboBox, QLabel, QSpinBox, QToolBar, QWidget

from familytree.layout import ChartType
from familytree.ui.settings import ALL_STEP, generations_from_step, step_from_generations
from familytree.workspace import ChartSettings, Workspace

__all__ = ["ChartControls", "GenerationSpin"]


class GenerationSpin(QSpinBox):
    """Generations 1 to 10, then "all"; the layout warns when "all" reaches its size limit."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRange(1, ALL_STEP)
        self.setAccessibleName(name)
        self.setToolTip(name)

    def textFromValue(self, value: int) -> str:
        return "all" if value >= ALL_STEP else str(value)

    def valueFromText(self, text: str) -> int:
        text = text.strip().casefold()
        if text.startswith("a"):
            return ALL_STEP
        return int(text) if text.isdigit() else self.value()

    def validate(self, text: str, pos: int) -> tuple[QValidator.State, str, int]:
        folded = text.strip().casefold()
        if folded and "all".startswith(folded):
            state = QValidator.State.Acceptable if folded == "all" else QValidator.State.Intermediate
            return (state, text, pos)
        return super().validate(text, pos)


class ChartControls:
    """The chart-type box and the generation spins on a toolbar, kept in step with the workspace."""

    def __init__(self, workspace: Workspace, bar: QToolBar) -> None:
        self.workspace = workspace
        self.chart_combo = QComboBox(bar)
        self.chart_combo.setAccessibleName("Chart type")
        for chart in (ChartType.HOURGLASS, ChartType.ANCESTORS, ChartType.DESCENDANTS, ChartType.RELATIVES,
                      ChartType.FAN):
            self.chart_combo.addItem(chart.title, chart.value)
        self.up_spin = GenerationSpin("Generations up", bar)
        self.down_spin = GenerationSpin("Generations down", bar)
        bar.addWidget(self.chart_combo)
        bar.addWidget(QLabel(" Up ", bar))
        bar.addWidget(self.up_spin)
        bar.addWidget(QLabel(" Down ", bar))
        bar.addWidget(self.down_spin)
        self._show(workspace.settings)
        self.chart_combo.currentIndexChanged.connect(self._on_edited)
        self.up_spin.valueChanged.connect(self._on_edited)
        self.down_spin.valueChanged.connect(self._on_edited)
        workspace.events.settings.connect(self._show)

    def _show(self, settings: ChartSettings) -> None:
        """Show the workspace's settings without the widgets reporting it back as an edit."""
        widgets = (self.chart_combo, self.up_spin, self.down_spin)
        for widget in widgets:
            widget.blockSignals(True)
        self.chart_combo.setCurrentIndex(self.chart_combo.findData(settings.chart_type.value))
        self.up_spin.setValue(step_from_generations(settings.generations_up))
        self.down_spin.setValue(step_from_generations(settings.generations_down))
        self.down_spin.setEnabled(settings.chart_type is not ChartType.FAN)  # a fan shows ancestors only
        for widget in widgets:
            widget.blockSignals(False)

    def _on_edited(self, *_args: object) -> None:
        self.workspace.change_settings(chart_type=ChartType(self.chart_combo.currentData()),
                                       generations_up=generations_from_step(self.up_spin.value()),
                                       generations_down=generations_from_step(self.down_spin.value()))

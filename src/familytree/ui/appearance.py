"""How the window looks: the system's light or dark, or high contrast, on the chart and all panels at once."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QWidget

from familytree.render.palette import Palette, contrast_ratio, readable

__all__ = ["Appearance", "high_contrast_widgets", "secondary_text", "BAKED_ROLES", "SECONDARY_CONTRAST"]

Group, Role = QPalette.ColorGroup, QPalette.ColorRole

# Colours that panels copy out of the palette into what they show (a link's colour into rich
# text, a relative's timeline row drawn in the disabled text colour): on a change of palette
# each is put back in the same role of the new one. Text and WindowText are left out: a panel
# that writes black on its own yellow means black whatever the palette.
BAKED_ROLES: tuple[tuple[QPalette.ColorGroup, QPalette.ColorRole], ...] = (
    (Group.Active, Role.Link),
    (Group.Active, Role.LinkVisited),
    (Group.Disabled, Role.Text),
    (Group.Active, Role.PlaceholderText),
    (Group.Disabled, Role.WindowText),
)


SECONDARY_CONTRAST = 4.5  # WCAG AA for body text; high contrast's own grey is above 7 (AAA)


def secondary_text(palette: QPalette, background: QColor | None = None) -> QColor:
    """Text drawn apart (a relative's timeline row, a date, a photo's "not found"), readable on
    `background` (the palette's Base unless given).

    The palette's greyed text, made darker (or lighter) toward its full text only as far as
    WCAG asks: Fusion's #bebebe on white is 1.9:1. On a background of its own it keeps the
    contrast it has on Base when that is more (high contrast's 8:1).
    """
    base = palette.color(Group.Active, Role.Base)
    grey = palette.color(Group.Disabled, Role.Text)
    target = SECONDARY_CONTRAST
    if background is not None:
        target = max(target, contrast_ratio(grey, base))
    return readable(grey, background if background is not None else base, target,
                    palette.color(Group.Active, Role.Text))


def warning_text(palette: QPalette) -> QColor:
    """The colour of a warning in text ("sources differ"): a dark red on a light page, made lighter on
    black as far as the page's secondary text is readable (7:1 in high contrast)."""
    base = palette.color(Group.Active, Role.Base)
    target = max(SECONDARY_CONTRAST, contrast_ratio(secondary_text(palette), base))
    return readable(QColor("#b3261e"), base, target, palette.color(Group.Active, Role.Text))


def high_contrast_widgets() -> QPalette:
    """The widgets' palette for high contrast: the chart's white on black, yellow links, cyan selection."""
    chart = Palette.high_contrast()
    black, white = chart.background, chart.text
    palette = QPalette()
    for group in (Group.Active, Group.Inactive, Group.Disabled):
        for role in (Role.Window, Role.Base, Role.Button, Role.ToolTipBase, Role.Dark, Role.Shadow):
            palette.setColor(group, role, black)
        for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.ToolTipText, Role.BrightText,
                     Role.Light, Role.Midlight, Role.Mid):
            palette.setColor(group, role, white)
        palette.setColor(group, Role.AlternateBase, QColor("#1c1c1c"))  # rows still tell apart
        palette.setColor(group, Role.Highlight, chart.selection)
        palette.setColor(group, Role.HighlightedText, black)
        palette.setColor(group, Role.Link, chart.focus)
        palette.setColor(group, Role.LinkVisited, chart.focus)
        palette.setColor(group, Role.PlaceholderText, QColor("#c8c8c8"))
    # greyed, yet 8:1 on black: a relative's row in the timeline must still be read
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, QColor("#a8a8a8"))
    return palette


def _recolour_map(old: QPalette, new: QPalette) -> dict[int, QColor]:
    """rgba of a baked colour in `old` -> the colour of its role in `new` (the first role listed wins)."""
    out: dict[int, QColor] = {}
    for group, role in reversed(BAKED_ROLES):
        out[old.color(group, role).rgba()] = new.color(group, role)
    out[secondary_text(old).rgba()] = secondary_text(new)  # before all: drawn apart, it stays apart
    return {rgba: colour for rgba, colour in out.items() if colour.rgba() != rgba}


def recolour(root: QWidget, old: QPalette, new: QPalette) -> None:
    """Put the colours panels under `root` copied from `old` into the same roles of `new`."""
    colours = _recolour_map(old, new)
    if colours:
        from familytree.ui.restyle import recolour_panels  # (loaded with the first change of palette)

        recolour_panels(root, colours)


class Appearance(QObject):
    """The look of one window: the application's palette for its widgets, a chart palette for the chart.

    High contrast sets both, and turning it off gives the application back the palette it had
    (which follows the system). Any change of palette, ours or the system's switch between light
    and dark, reaches the chart (`apply_chart`) and the colours panels copied out of the old
    palette at once, instead of at their next redraw.
    """

    def __init__(self, window: QWidget, apply_chart: Callable[[bool], object],
                 high_contrast: bool = False) -> None:
        super().__init__(window)
        self._window = window
        self._apply_chart = apply_chart
        self.high_contrast = False
        self._normal: QPalette | None = None  # the application's palette before high contrast
        self._style_name = ""  # and its style
        self._shown = QPalette(QGuiApplication.palette())  # the palette the panels were drawn in
        window.installEventFilter(self)
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_change)
        if high_contrast:
            self.set_high_contrast(True)

    def chart_palette(self) -> Palette:
        return Palette.high_contrast() if self.high_contrast else Palette.screen()

    def set_high_contrast(self, on: bool) -> None:
        if on == self.high_contrast:
            return
        self.high_contrast = on
        from PySide6.QtWidgets import QStyleFactory  # (the styles load with the first change of look)

        from familytree.ui.restyle import FramedStyle

        if on:
            self._normal = QPalette(QGuiApplication.palette())
            self._style_name = QApplication.style().name()
            QApplication.setStyle(FramedStyle(QStyleFactory.create(self._style_name)))
            QApplication.setPalette(high_contrast_widgets())
        else:
            QApplication.setStyle(QStyleFactory.create(self._style_name))
            QApplication.setPalette(self._normal if self._normal is not None else QPalette())
            self._normal = None
        self._on_change()  # the chart, even when the widgets' palette was already this one

    def restore(self) -> None:
        """Give the application its own palette back (the window is closing)."""
        if self.high_contrast:
            self.set_high_contrast(False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._window and event.type() == QEvent.Type.PaletteChange:
            self._on_change()
        return False

    def _on_change(self, *_args: object) -> None:
        self._apply_chart(self.high_contrast)
        now = QPalette(QGuiApplication.palette())
        recolour(self._window, self._shown, now)
        self._shown = now

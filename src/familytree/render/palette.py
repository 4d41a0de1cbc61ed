"""Colours of a chart: for the screen (light or dark, following the system), for paper, high contrast."""

from __future__ import annotations

from dataclasses import field

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPen

from familytree.model import Sex
from familytree.model.slotted import slotted

__all__ = ["Palette", "SexColours", "PATH_WIDTH", "contrast_ratio", "readable"]

PATH_WIDTH = 4.0  # chart units: wider than any line of the chart, so the path reads above them


@slotted(frozen=True)
class SexColours:
    """How one sex is drawn: a box fill and a stronger accent for the band and symbol."""

    fill: QColor
    accent: QColor


def _sexes(male: tuple[str, str], female: tuple[str, str], other: tuple[str, str],
           unknown: tuple[str, str]) -> dict[Sex, SexColours]:
    pairs = {Sex.MALE: male, Sex.FEMALE: female, Sex.OTHER: other, Sex.UNKNOWN: unknown}
    return {sex: SexColours(QColor(f), QColor(a)) for sex, (f, a) in pairs.items()}


@slotted(frozen=True)
class Palette:
    """Every colour the chart uses; build one with screen(), print_() or high_contrast()."""

    name: str
    background: QColor
    text: QColor
    secondary_text: QColor
    border: QColor
    connector: QColor
    label_background: QColor
    focus: QColor
    selection: QColor
    duplicate: QColor
    path: QColor  # the relationship path (Tools > Relationship) over the chart: a hue used nowhere else
    sexes: dict[Sex, SexColours] = field(default_factory=dict)
    is_dark: bool = False
    border_width: float = 1.0

    def fill(self, sex: Sex) -> QColor:
        return self.sexes[sex].fill

    def accent(self, sex: Sex) -> QColor:
        return self.sexes[sex].accent

    def path_pen(self) -> QPen:
        """The relationship path, drawn over the chart's lines: thick, round-ended, in its own hue."""
        pen = QPen(self.path, PATH_WIDTH)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        return pen

    # -- the palettes ------------------------------------------------------------
    @classmethod
    def light(cls) -> Palette:
        return cls(
            name="light",
            background=QColor("#f6f6f3"),
            text=QColor("#1a1a1a"),
            secondary_text=QColor("#474747"),
            border=QColor("#8c8c8c"),
            connector=QColor("#5a5a5a"),
            label_background=QColor("#f6f6f3"),
            focus=QColor("#d97706"),
            selection=QColor("#1a62d6"),
            duplicate=QColor("#8a5a00"),
            path=QColor("#c2185b"),
            sexes=_sexes(("#dbe7f6", "#2f6db5"), ("#f8dfe8", "#b5356a"), ("#e7e0f5", "#6a4bb0"),
                         ("#e9e9e6", "#6b6b6b")),
        )

    @classmethod
    def dark(cls) -> Palette:
        return cls(
            name="dark",
            background=QColor("#1f2023"),
            text=QColor("#f0f0f0"),
            secondary_text=QColor("#c4c4c4"),
            border=QColor("#707378"),
            connector=QColor("#a0a4aa"),
            label_background=QColor("#1f2023"),
            focus=QColor("#ffb74d"),
            selection=QColor("#8ab4f8"),
            duplicate=QColor("#e0b050"),
            path=QColor("#ff6fb0"),
            sexes=_sexes(("#22364f", "#7fb0ef"), ("#4a2535", "#f08fb5"), ("#352b4e", "#b89cf0"),
                         ("#333438", "#b0b0b0")),
            is_dark=True,
        )

    @classmethod
    def screen(cls) -> Palette:
        """Light or dark, whichever the system (or the application palette) uses."""
        return cls.dark() if _system_is_dark() else cls.light()

    @classmethod
    def print_(cls) -> Palette:
        """For paper and files: white background, dark text, light tints that photocopy well."""
        return cls(
            name="print",
            background=QColor("#ffffff"),
            text=QColor("#000000"),
            secondary_text=QColor("#333333"),
            border=QColor("#555555"),
            connector=QColor("#333333"),
            label_background=QColor("#ffffff"),
            focus=QColor("#000000"),
            selection=QColor("#000000"),
            duplicate=QColor("#6b4a00"),
            path=QColor("#c2185b"),
            sexes=_sexes(("#eef3fa", "#2f6db5"), ("#fbeff3", "#b5356a"), ("#f2eefa", "#6a4bb0"),
                         ("#f3f3f3", "#555555")),
        )

    @classmethod
    def high_contrast(cls) -> Palette:
        """White on black with thick borders; sexes told apart by strong hues and symbols."""
        return cls(
            name="high-contrast",
            background=QColor("#000000"),
            text=QColor("#ffffff"),
            secondary_text=QColor("#ffffff"),
            border=QColor("#ffffff"),
            connector=QColor("#ffffff"),
            label_background=QColor("#000000"),
            focus=QColor("#ffff00"),
            selection=QColor("#00ffff"),
            duplicate=QColor("#ffa500"),
            path=QColor("#ff6fb0"),
            sexes=_sexes(("#000000", "#5cb8ff"), ("#000000", "#ff7ab8"), ("#000000", "#c8a8ff"),
                         ("#000000", "#ffffff")),
            is_dark=True,
            border_width=2.0,
        )

    @classmethod
    def by_name(cls, name: str) -> Palette:
        return {"light": cls.light, "dark": cls.dark, "print": cls.print_,
                "high-contrast": cls.high_contrast}.get(name, cls.screen)()


def _luminance(colour: QColor) -> float:
    """WCAG 2 relative luminance of an opaque colour."""
    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return (0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF())
            + 0.0722 * channel(colour.blueF()))


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG 2 contrast ratio of two opaque colours, 1.0 (same) to 21.0 (black on white)."""
    la, lb = sorted((_luminance(a), _luminance(b)))
    return (lb + 0.05) / (la + 0.05)


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return (colour.red(), colour.green(), colour.blue())


def readable(colour: QColor, background: QColor, ratio: float, toward: QColor) -> QColor:
    """`colour`, moved toward `toward` (the full text colour) just far enough to reach `ratio` on
    `background`: secondary text stays as pale as it may be, and no paler."""
    for step in range(65):
        t = step / 64
        pairs = zip(_rgb(colour), _rgb(toward), strict=True)
        mixed = QColor(*(round(c + (d - c) * t) for c, d in pairs))
        if contrast_ratio(mixed, background) >= ratio:
            return mixed
    return QColor(toward)


def _system_is_dark() -> bool:
    app = QGuiApplication.instance()
    if app is None:
        return False
    hints = QGuiApplication.styleHints()
    scheme = getattr(hints, "colorScheme", None)
    if scheme is not None:
        value = scheme()
        if value == Qt.ColorScheme.Dark:
            return True
        if value == Qt.ColorScheme.Light:
            return False
    # Unknown scheme: judge by the window colour of the application palette.
    return QGuiApplication.palette().window().color().lightness() < 128

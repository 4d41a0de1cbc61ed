"""Secondary text (a relative's timeline row, a photo's "not found") is readable: WCAG contrast of the
colours drawn against what is behind them, at least 4.5:1, and 7:1 in high contrast."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from familytree.render.palette import contrast_ratio
from familytree.ui.appearance import high_contrast_widgets, secondary_text
from familytree.ui.gallery import _square
from familytree.ui.main_window import MainWindow
from support.windows import dim_rows, make_window

pytestmark = pytest.mark.gui

Role, Group = QPalette.ColorRole, QPalette.ColorGroup
NORMAL, HIGH = 4.5, 7.0  # WCAG AA, AAA for body text


def test_known_ratios() -> None:
    assert contrast_ratio(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21.0)
    assert contrast_ratio(QColor("#bebebe"), QColor("#ffffff")) == pytest.approx(1.86, abs=0.01)
    assert contrast_ratio(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize(("base", "text", "greyed"), [
    ("#ffffff", "#000000", "#bebebe"),  # Fusion light
    ("#f6f6f3", "#1a1a1a", "#d0d0d0"),
    ("#1e1e1e", "#eeeeee", "#3c3c3c"),  # a dark desktop whose greyed text is nearly the window
    ("#000000", "#ffffff", "#a8a8a8"),  # high contrast
])
def test_secondary_text_is_readable_yet_apart_on_any_palette(base: str, text: str, greyed: str) -> None:
    palette = QPalette()
    palette.setColor(Role.Base, QColor(base))
    palette.setColor(Role.Text, QColor(text))
    palette.setColor(Group.Disabled, Role.Text, QColor(greyed))
    dim = secondary_text(palette)
    assert contrast_ratio(dim, QColor(base)) >= NORMAL
    assert contrast_ratio(dim, QColor(base)) < contrast_ratio(QColor(text), QColor(base)) - 1, "still apart"


@pytest.fixture
def window(qtbot, bundled_path) -> MainWindow:
    win = make_window(qtbot, bundled_path)
    win.evidence  # noqa: B018 (the Timeline dock, built after the first paint in real use)
    yield win
    win.appearance.restore()  # the application's palette is shared with the next test


def test_timeline_rows_drawn_apart_are_readable_normal_and_high_contrast(qtbot, window: MainWindow) -> None:
    for high, least in ((False, NORMAL), (True, HIGH), (False, NORMAL)):
        if window.appearance.high_contrast != high:
            window.actions_by_id["view.high_contrast"].trigger()
        QApplication.processEvents()
        rows = window.evidence.timeline.list
        base, text = rows.palette().color(Role.Base), rows.palette().color(Role.Text)
        colours = dim_rows(window)
        assert colours, "the bundled family's timeline has relatives' and history rows"
        for name in colours:
            assert contrast_ratio(QColor(name), base) >= least, (name, base.name(), high)
            assert QColor(name) != text, "a relative's row still looks apart from the person's own"


def text_and_behind(words: str) -> tuple[QColor, QColor]:
    """The colour behind a placeholder square's words (the square over the panel) and its most
    contrasting pixel, the words' colour."""
    base = QGuiApplication.palette().color(Role.Base)
    image = _square(words)

    def seen(x: int, y: int) -> QColor:
        c = image.pixelColor(x, y)
        a = c.alphaF()
        return QColor(*(round(s * a + b * (1 - a)) for s, b in zip(c.getRgb()[:3], base.getRgb()[:3],
                                                                      strict=True)))

    behind = seen(0, 0)
    pixels = (seen(x, y) for x in range(image.width()) for y in range(image.height()))
    return behind, max(pixels, key=lambda c: contrast_ratio(c, behind))


def test_photo_placeholder_words_are_readable_normal_and_high_contrast(qapp) -> None:
    normal = QPalette(QGuiApplication.palette())
    try:
        for palette, least in ((normal, NORMAL), (high_contrast_widgets(), HIGH)):
            QApplication.setPalette(palette)
            behind, words = text_and_behind("not found")
            assert contrast_ratio(words, behind) >= least, (words.name(), behind.name())
    finally:
        QApplication.setPalette(normal)


def page_text_colours(window: MainWindow) -> dict[str, str]:
    """Each colour the details page sets on its text -> some of the text in it."""
    out: dict[str, str] = {}
    block = window.details.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            brush = fragment.charFormat().foreground()
            if fragment.isValid() and brush.style().value and not fragment.charFormat().isAnchor():
                out.setdefault(brush.color().name(), fragment.text()[:40])
            it += 1
        block = block.next()
    return out


def test_the_details_pages_greys_and_warnings_are_readable_in_either_look(window: MainWindow) -> None:
    window.workspace.select("@I1@")  # Sergei: dates, notes, excerpts and a "sources differ" warning
    QApplication.processEvents()
    for high, least in ((False, NORMAL), (True, HIGH), (False, NORMAL)):
        if window.appearance.high_contrast != high:
            window.actions_by_id["view.high_contrast"].trigger()
        QApplication.processEvents()
        base = window.details.palette().color(Role.Base)
        colours = page_text_colours(window)
        assert any("sources differ" in text for text in colours.values()), colours
        for name, text in colours.items():
            assert contrast_ratio(QColor(name), base) >= least, (name, text, base.name(), high)

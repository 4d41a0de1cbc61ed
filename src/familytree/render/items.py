"""Graphics items of a chart: a person's box and a family's connector, and the box sizer behind them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import field, replace

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QFont,
    QFontMetricsF,
    QGuiApplication,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

from familytree.layout.chart import Box, BoxSizer, Connector, ConnectorKind
from familytree.model import Person, Sex
from familytree.model.slotted import slotted
from familytree.model.text import shorten
from familytree.render.fonts import print_font
from familytree.render.palette import Palette
from familytree.render.portraits import (
    PORTRAIT_INSET,
    PORTRAIT_MARGIN,
    PORTRAIT_ROOM,
    PORTRAIT_SIDE,
    Portraits,
    paint_portrait,
    print_pixels,
)
from familytree.render.text import tooltip

__all__ = [
    "ChartFonts", "BoxText", "measure_person", "make_sizer", "PersonItem", "ConnectorItem",
    "person_description", "chart_name", "SEX_WORDS", "PersonSizer", "CompactText", "measure_compact",
    "partner_text", "is_printing",
]

# Chart geometry in chart units (1 unit = 1 px at 100 % zoom, 1 pt on paper).
PAD_X = 8.0
PAD_Y = 6.0
BAND = 4.0  # the sex-coloured band on the left edge
SYMBOL_GAP = 5.0
MAX_NAME_WIDTH = 180.0  # a longer name wraps to a second line
# A line of a name wider than this is cut with "…": one "word" of 80 letters still fits.
MAX_LINE_WIDTH = 4 * MAX_NAME_WIDTH
# Characters of a name a box can show; measuring and wrapping a name costs time in its length.
CHART_NAME = 100
LABEL_CHARS = 60  # of a connector's label ("adopted", or a phrase from the file)
MIN_TEXT_WIDTH = 96.0
LINE_GAP = 1.0
# Glyph advances differ a little between devices (screen hinting, PDF, printer): keep a margin so a
# label measured on screen is never cut when drawn elsewhere.
SAFETY = 1.04
# Below this scale a box is drawn without text (far zoomed out, text would be unreadable anyway).
TEXT_LOD = 0.4
# A compact chart's box: the name and years on one line, the partners on the next.
COMPACT_PAD_Y = 4.0
COMPACT_WIDTH = 300.0  # a line longer than this is cut, the partners' wrapped
MIN_COMPACT_WIDTH = 72.0
YEARS_GAP = 6.0  # between the name and the years on one line

NAME_PIXELS = 13
DETAIL_PIXELS = 12
LABEL_PIXELS = 11

SEX_WORDS = {Sex.MALE: "male", Sex.FEMALE: "female", Sex.OTHER: "other sex", Sex.UNKNOWN: "sex unknown"}


@slotted(frozen=True)
class ChartFonts:
    """The fonts a chart is drawn with, sized in pixels so that any paint device draws them alike.

    Holds their metrics and the measured text of each (name, years, sex) seen, because
    re-centring rebuilds every box and measuring text is the costly part of that.
    """

    name: QFont
    detail: QFont
    symbol: QFont
    label: QFont
    name_metrics: QFontMetricsF = field(init=False)
    detail_metrics: QFontMetricsF = field(init=False)
    label_metrics: QFontMetricsF = field(init=False)
    symbol_width: float = field(init=False)
    measured: dict[tuple[str, str, str], BoxText] = field(init=False, default_factory=dict)
    partner: QFont = field(init=False)  # a compact box's partners: names as large as the person's, not bold
    partner_metrics: QFontMetricsF = field(init=False)

    def __post_init__(self) -> None:
        symbol_metrics = QFontMetricsF(self.symbol)
        object.__setattr__(self, "name_metrics", QFontMetricsF(self.name))
        object.__setattr__(self, "detail_metrics", QFontMetricsF(self.detail))
        object.__setattr__(self, "label_metrics", QFontMetricsF(self.label))
        object.__setattr__(self, "symbol_width", max(symbol_metrics.horizontalAdvance(s.symbol) for s in Sex))
        object.__setattr__(self, "measured", {})
        partner = QFont(self.name)
        partner.setBold(False)
        object.__setattr__(self, "partner", partner)
        object.__setattr__(self, "partner_metrics", QFontMetricsF(partner))

    @classmethod
    def from_font(cls, font: QFont | None = None) -> ChartFonts:
        base = QFont(font) if font is not None else QGuiApplication.font()
        name = QFont(base)
        name.setPixelSize(NAME_PIXELS)
        name.setBold(True)
        detail = QFont(base)
        detail.setPixelSize(DETAIL_PIXELS)
        detail.setBold(False)
        symbol = QFont(base)
        symbol.setPixelSize(NAME_PIXELS + 2)
        symbol.setBold(False)
        label = QFont(base)
        label.setPixelSize(LABEL_PIXELS)
        label.setItalic(True)
        label.setBold(False)
        return cls(name, detail, symbol, label)


def _box_width(symbol_width: float, text_width: float) -> float:
    """A box as wide as its text: the sex band, the symbol and the text, with their margins."""
    return BAND + PAD_X + symbol_width + SYMBOL_GAP + text_width + PAD_X


@slotted(frozen=True)
class BoxText:
    """What a person's box says and the room it needs."""

    name_lines: tuple[str, ...]
    years: str
    symbol: str
    symbol_width: float
    text_width: float
    name_line_height: float
    detail_line_height: float

    @property
    def width(self) -> float:
        return _box_width(self.symbol_width, self.text_width)

    @property
    def height(self) -> float:
        return (2 * PAD_Y + len(self.name_lines) * self.name_line_height
                + LINE_GAP + self.detail_line_height)


def _wrap(text: str, fm: QFontMetricsF, max_width: float) -> tuple[str, ...]:
    """One line when it fits; else the two-line split with the narrowest longer line (never cut)."""
    if fm.horizontalAdvance(text) * SAFETY <= max_width:
        return (text,)
    words = text.split(" ")
    if len(words) < 2:
        return (text,)
    best: tuple[str, ...] = (text,)
    best_width = fm.horizontalAdvance(text)
    for i in range(1, len(words)):
        first, second = " ".join(words[:i]), " ".join(words[i:])
        w = max(fm.horizontalAdvance(first), fm.horizontalAdvance(second))
        if w < best_width:
            best, best_width = (first, second), w
    return best


def chart_name(person: Person) -> str:
    """The name a chart box shows: cut with "…" past CHART_NAME characters."""
    return shorten(person.display_name(), CHART_NAME)


def measure_person(person: Person, fonts: ChartFonts) -> BoxText:
    name = chart_name(person)
    years = person.lifespan()
    key = (name, years, person.sex.symbol)
    text = fonts.measured.get(key)
    if text is not None:
        return text
    name_fm, detail_fm = fonts.name_metrics, fonts.detail_metrics
    lines = tuple(line if name_fm.horizontalAdvance(line) * SAFETY <= MAX_LINE_WIDTH
                  else name_fm.elidedText(line, Qt.TextElideMode.ElideRight, MAX_LINE_WIDTH / SAFETY)
                  for line in _wrap(name, name_fm, MAX_NAME_WIDTH))
    widths = [name_fm.horizontalAdvance(line) for line in lines]
    widths.append(detail_fm.horizontalAdvance(years))
    text = BoxText(
        name_lines=lines,
        years=years,
        symbol=person.sex.symbol,
        symbol_width=fonts.symbol_width,
        text_width=max(MIN_TEXT_WIDTH, max(widths) * SAFETY),
        name_line_height=name_fm.height(),
        detail_line_height=detail_fm.height(),
    )
    fonts.measured[key] = text
    return text


@slotted(frozen=True)
class CompactText:
    """What a compact chart's box says and the room it needs: the name and life years on one line,
    the partners who share the box on the next ("∞ Augusta Victoria, Hermine"), wrapped once."""

    name: str
    years: str
    partner_lines: tuple[str, ...]
    symbol: str
    symbol_width: float
    text_width: float
    name_line_height: float
    partner_line_height: float
    inline: bool = False  # the partners on the name's line, after the years (a horizontal chart)

    @property
    def width(self) -> float:
        return _box_width(self.symbol_width, self.text_width)

    @property
    def height(self) -> float:
        if self.inline:
            return 2 * COMPACT_PAD_Y + max(self.name_line_height, self.partner_line_height)
        return 2 * COMPACT_PAD_Y + self.name_line_height + len(self.partner_lines) * self.partner_line_height


def partner_text(partners: Sequence[Person]) -> str:
    """The partners sharing a compact box, as its second line says them."""
    return "\u221e " + ", ".join(shorten(p.display_name(), 60) for p in partners) if partners else ""


def measure_compact(person: Person, partners: Sequence[Person], fonts: ChartFonts,
                    inline: bool = False) -> CompactText:
    """A compact box's lines: the name cut so that name and years fit COMPACT_WIDTH; the partners
    wrapped at a space into two lines at most, the second cut short with "…". `inline`: the partners
    after the years on the same line, cut to COMPACT_WIDTH."""
    name_fm, detail_fm, partner_fm = fonts.name_metrics, fonts.detail_metrics, fonts.partner_metrics
    years = person.lifespan()
    years_width = detail_fm.horizontalAdvance(years) + YEARS_GAP if years else 0.0
    name = chart_name(person)
    room = max(MIN_TEXT_WIDTH, COMPACT_WIDTH - years_width)
    if name_fm.horizontalAdvance(name) * SAFETY > room:
        name = name_fm.elidedText(name, Qt.TextElideMode.ElideRight, room / SAFETY)
    if inline:
        said = partner_text(partners)
        if partner_fm.horizontalAdvance(said) * SAFETY > COMPACT_WIDTH:
            said = partner_fm.elidedText(said, Qt.TextElideMode.ElideRight, COMPACT_WIDTH / SAFETY)
        width = name_fm.horizontalAdvance(name) + years_width
        if said:
            width += YEARS_GAP + partner_fm.horizontalAdvance(said)
        return CompactText(name, years, (said,) if said else (), person.sex.symbol, fonts.symbol_width,
                           max(MIN_COMPACT_WIDTH, width * SAFETY), name_fm.height(), partner_fm.height(),
                           inline=True)
    lines: list[str] = []
    words = partner_text(partners).split(" ") if partners else []
    while words and len(lines) < 2:
        line = words.pop(0)
        while words and partner_fm.horizontalAdvance(f"{line} {words[0]}") * SAFETY <= COMPACT_WIDTH:
            line = f"{line} {words.pop(0)}"
        if words and len(lines) == 1:
            line = partner_fm.elidedText(f"{line} {' '.join(words)}", Qt.TextElideMode.ElideRight,
                                         COMPACT_WIDTH / SAFETY)
            words = []
        elif partner_fm.horizontalAdvance(line) * SAFETY > COMPACT_WIDTH:
            line = partner_fm.elidedText(line, Qt.TextElideMode.ElideRight, COMPACT_WIDTH / SAFETY)
        lines.append(line)
    widths = [name_fm.horizontalAdvance(name) + years_width]
    widths.extend(partner_fm.horizontalAdvance(x) for x in lines)
    return CompactText(name, years, tuple(lines), person.sex.symbol, fonts.symbol_width,
                       max(MIN_COMPACT_WIDTH, max(widths) * SAFETY), name_fm.height(), partner_fm.height())


def make_sizer(font: QFont | None = None, portraits: bool = False) -> BoxSizer:
    """A BoxSizer for `layout`: the (width, height) each person's box needs with real font metrics.

    Needs a QGuiApplication. Boxes of a chart share one height (rows line up) unless a name
    wraps to two lines. With `portraits` every box has room for one (a file with photos).
    Text is measured as it prints, without ligatures (a little wider than with them): the
    chart laid out in the window is the one printed, and a name must fit its box on paper too.
    """
    return PersonSizer(ChartFonts.from_font(print_font(font)), portraits)


class PersonSizer:
    """Boxes measured on real fonts; it measures text too, which the fan chart sets at many sizes."""

    def __init__(self, fonts: ChartFonts, portraits: bool = False) -> None:
        self.fonts = fonts
        self.portraits = portraits
        self._widths: dict[tuple[str, bool], float] = {}  # re-centring sets the same names again

    def __call__(self, person: Person) -> tuple[float, float]:
        text = measure_person(person, self.fonts)
        width, height = text.width, text.height
        if self.portraits:  # every box alike, photo or not: rows line up, a face arriving moves nothing
            width, height = width + PORTRAIT_ROOM, max(height, PORTRAIT_SIDE + 2 * PORTRAIT_MARGIN)
        return (float(round(width + 0.49)), float(round(height + 0.49)))

    def compact(self, person: Person, partners: Sequence[Person],
                inline: bool = False) -> tuple[float, float]:
        """A compact chart's box (layout.MeasuresCompact): no room for a portrait."""
        text = measure_compact(person, partners, self.fonts, inline)
        return (float(round(text.width + 0.49)), float(round(text.height + 0.49)))

    def text_width(self, text: str, bold: bool) -> float:
        """Width in ems of the name font (bold) or the years font, with the boxes' margin across devices."""
        width = self._widths.get((text, bold))
        if width is None:
            font = self.fonts.name if bold else self.fonts.detail
            metrics = self.fonts.name_metrics if bold else self.fonts.detail_metrics
            width = self._widths[(text, bold)] = metrics.horizontalAdvance(text) * SAFETY / font.pixelSize()
        return width


def _fitted(text: BoxText, name: str, fonts: ChartFonts, box: Box) -> BoxText:
    """The name's lines for the box the layout gave, which may differ from this font's wrapping
    when the layout measured another font (a chart laid out on screen, printed without ligatures):
    one line where the box is wide enough for it, two where only two fit across and the box is
    tall enough for them."""
    if len(text.name_lines) == 1 and box.width >= text.width - 0.5:
        return text  # the usual case: the box is as wide as this font's one line needs
    fm = fonts.name_metrics
    room = (box.width - BAND - 2 * PAD_X - text.symbol_width - SYMBOL_GAP) * SAFETY
    lines = text.name_lines
    if len(lines) > 1 and fm.horizontalAdvance(name) <= room:
        lines = (name,)
    elif len(lines) == 1 and fm.horizontalAdvance(name) > room:
        two = _wrap(name, fm, 0.0)
        taller = 2 * PAD_Y + len(two) * text.name_line_height + LINE_GAP + text.detail_line_height
        if len(two) > 1 and taller <= box.height + 0.5:
            lines = two
    return text if lines == text.name_lines else replace(text, name_lines=lines)


def person_description(person: Person, box: Box | None = None) -> str:
    """A sentence for tooltips, the status bar and screen readers (a long name cut with "…")."""
    parts = [shorten(person.display_name())]
    years = person.lifespan(short=False)  # the box's "bef." and "?" in words
    if years:
        parts.append(years)
    parts.append(SEX_WORDS[person.sex])
    text = ", ".join(parts)
    if box is not None and box.is_focus:
        text += " (centre of the chart)"
    if box is not None and box.duplicate_of:
        text += " — also shown elsewhere on this chart; click to go there"
    return text


class PersonItem(QGraphicsItem):
    """A person's box: sex band, portrait (a file with photos), symbol, name (up to two lines), life years."""

    def __init__(self, box: Box, person: Person, fonts: ChartFonts, palette: Palette,
                 portraits: Portraits | None = None, partners: Sequence[Person] = (),
                 inline: bool = False) -> None:
        super().__init__()
        self.box = box
        self.person = person
        self.person_id = person.id
        self.partners = tuple(partners)  # who shares a compact chart's box
        self._compact = measure_compact(person, self.partners, fonts, inline) if box.compact else None
        self._fonts = fonts
        self._palette = palette
        # a portrait in a box laid out with room for one (see PersonSizer): none in a box too small
        self.portraits = portraits if portraits is not None and box.width > PORTRAIT_ROOM + MIN_TEXT_WIDTH \
            and box.height >= PORTRAIT_SIDE + 2 * PORTRAIT_MARGIN - 0.5 else None
        self._inset = PORTRAIT_ROOM if self.portraits is not None else 0.0
        text_box = replace(box, width=box.width - self._inset) if self._inset else box
        self._text = _fitted(measure_person(person, fonts), chart_name(person), fonts, text_box)
        self._rect = QRectF(0.0, 0.0, box.width, box.height)
        # room for the selection outline and a thick focus border; Qt asks for this often
        self._bounds = self._rect.adjusted(-5.0, -5.0, 5.0, 5.0)
        self.setPos(box.x, box.y)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, True)
        self.setAcceptHoverEvents(False)
        self.setToolTip(tooltip(self.description()))
        self.setZValue(1.0)
        # Boxes are static between rebuilds and text is the costly part: cache at device resolution.
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

    @property
    def is_duplicate(self) -> bool:
        return bool(self.box.duplicate_of)

    def description(self) -> str:
        text = person_description(self.person, self.box)
        if self.partners:
            text += "; with " + ", ".join(shorten(p.display_name()) for p in self.partners)
        return text

    def setChartPalette(self, palette: Palette) -> None:
        self._palette = palette
        self.update()

    # -- QGraphicsItem --------------------------------------------------------
    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(self._rect)
        return path

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        pal = self._palette
        sex = self.person.sex
        rect = self._rect
        full_detail = _is_full_detail(self, painter, option)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)

        border = QPen(pal.border, pal.border_width)
        if self.box.is_focus:
            border = QPen(pal.focus, 3.0)
        if self.is_duplicate:
            border = QPen(pal.duplicate, 1.5, Qt.PenStyle.DashLine)
        painter.setPen(border)
        fill = QBrush(pal.fill(sex), Qt.BrushStyle.SolidPattern)
        painter.setBrush(fill)
        painter.drawRoundedRect(rect, 4.0, 4.0)
        # the band: colour says the sex even before the symbol is read (drawn, not fillRect: choosing
        # among fillRect's overloads, PySide makes the QGradient class, 1 % of the launch)
        band = QRectF(rect.left() + 1.5, rect.top() + 1.5, BAND, rect.height() - 3.0)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QBrush(pal.accent(sex), Qt.BrushStyle.SolidPattern))
        painter.drawRect(band)
        painter.setPen(border)
        painter.setBrush(fill)

        if self.isSelected() and not is_printing(self):
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.setPen(QPen(pal.selection, 2.5))
            painter.drawRoundedRect(rect.adjusted(-3.5, -3.5, 3.5, 3.5), 6.0, 6.0)

        if not full_detail:
            return

        if self.is_duplicate:
            self._paint_duplicate_mark(painter)

        if self.portraits is not None:
            self._paint_portrait(painter)

        if self._compact is not None:
            self._paint_compact(painter, self._compact)
            return
        text = self._text
        top, symbol_left, text_left, text_width = self._text_frame()

        painter.setFont(self._fonts.symbol)
        painter.setPen(pal.accent(sex))
        painter.drawText(QRectF(symbol_left, top, text.symbol_width, text.name_line_height),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text.symbol)

        painter.setFont(self._fonts.name)
        painter.setPen(pal.text)
        name_fm = self._fonts.name_metrics
        y = top
        for line in text.name_lines:
            # A layout that gave less room than the sizer asked for still gets readable text.
            shown = line if name_fm.horizontalAdvance(line) <= text_width * SAFETY else \
                name_fm.elidedText(line, Qt.TextElideMode.ElideRight, text_width)
            painter.drawText(QRectF(text_left, y, text_width * SAFETY, text.name_line_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, shown)
            y += text.name_line_height
        if text.years:
            painter.setFont(self._fonts.detail)
            painter.setPen(pal.secondary_text)
            painter.drawText(QRectF(text_left, y + LINE_GAP, text_width * SAFETY, text.detail_line_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text.years)

    def _paint_compact(self, painter: QPainter, text: CompactText) -> None:
        """A compact box: symbol, name and years on the first line, the partners under them."""
        pal, fonts = self._palette, self._fonts
        top, symbol_left, text_left, room = self._text_frame()
        painter.setFont(fonts.symbol)
        painter.setPen(pal.accent(self.person.sex))
        painter.drawText(QRectF(symbol_left, top, text.symbol_width, text.name_line_height),
                         Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter, text.symbol)
        line = QRectF(text_left, top, room * SAFETY, text.name_line_height)
        left = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        painter.setFont(fonts.name)
        painter.setPen(pal.text)
        painter.drawText(line, left, text.name)
        if text.years:
            painter.setFont(fonts.detail)
            painter.setPen(pal.secondary_text)
            after = fonts.name_metrics.horizontalAdvance(text.name) + YEARS_GAP
            painter.drawText(line.adjusted(after, 0, 0, 0), left, text.years)
        painter.setFont(fonts.partner)
        painter.setPen(pal.text)
        if text.inline:
            after = fonts.name_metrics.horizontalAdvance(text.name) + YEARS_GAP
            if text.years:
                after += fonts.detail_metrics.horizontalAdvance(text.years) + YEARS_GAP
            for partner_line in text.partner_lines:
                painter.drawText(line.adjusted(after, 0, 0, 0), left, partner_line)
            return
        y = top + text.name_line_height
        for partner_line in text.partner_lines:
            painter.drawText(QRectF(text_left, y, room * SAFETY, text.partner_line_height),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, partner_line)
            y += text.partner_line_height

    def _text_frame(self) -> tuple[float, float, float, float]:
        """Where the text goes in the box: its first line's top, the symbol's left, the words' left
        and the room for them across (before SAFETY)."""
        rect, compact = self._rect, self._compact
        if compact is not None:
            block = compact.name_line_height + len(compact.partner_lines) * compact.partner_line_height
            top = rect.top() + max(COMPACT_PAD_Y, (rect.height() - block) / 2)
            symbol_left = rect.left() + BAND + PAD_X
            symbol_width = compact.symbol_width
        else:
            text = self._text
            block = len(text.name_lines) * text.name_line_height + LINE_GAP + text.detail_line_height
            top = rect.top() + max(PAD_Y, (rect.height() - block) / 2)
            symbol_left = rect.left() + BAND + PAD_X + self._inset
            symbol_width = text.symbol_width
        text_left = symbol_left + symbol_width + SYMBOL_GAP
        return top, symbol_left, text_left, max(1.0, rect.right() - PAD_X - text_left)

    def text_rect(self) -> QRectF:
        """Where the symbol and the words are drawn (as far as the longest line reaches), in the
        item's coordinates: what a handle laid over the box must keep clear of."""
        top, symbol_left, text_left, room = self._text_frame()
        fonts, compact = self._fonts, self._compact
        if compact is not None:
            first = fonts.name_metrics.horizontalAdvance(compact.name)
            if compact.years:
                first += YEARS_GAP + fonts.detail_metrics.horizontalAdvance(compact.years)
            partners = [fonts.partner_metrics.horizontalAdvance(line) for line in compact.partner_lines]
            if compact.inline:
                widths = [first + (YEARS_GAP + max(partners) if partners else 0.0)]
                height = compact.name_line_height  # (the partners drawn in the name's line)
            else:
                widths = [first, *partners]
                height = compact.name_line_height + len(partners) * compact.partner_line_height
        else:
            text = self._text
            widths = [fonts.name_metrics.horizontalAdvance(line) for line in text.name_lines]
            if text.years:
                widths.append(fonts.detail_metrics.horizontalAdvance(text.years))
            height = len(text.name_lines) * text.name_line_height + LINE_GAP + text.detail_line_height
        right = text_left + min(max(widths), room * SAFETY)  # (a longer line is cut where its rectangle ends)
        return QRectF(symbol_left, top, max(0.0, right - symbol_left), height)

    def portrait_rect(self) -> QRectF:
        """Where the portrait is drawn, in the item's coordinates (empty in a box without one)."""
        if self.portraits is None:
            return QRectF()
        r = self._rect
        return QRectF(r.left() + BAND + PORTRAIT_INSET, r.center().y() - PORTRAIT_SIDE / 2,
                      PORTRAIT_SIDE, PORTRAIT_SIDE)

    def _paint_portrait(self, painter: QPainter) -> None:
        portraits = self.portraits
        assert portraits is not None
        if is_printing(self):  # paper and files wait for nothing: decoded now, at print resolution
            image = portraits.print_image(self.person_id, print_pixels(painter, PORTRAIT_SIDE))
            waiting = False
        else:
            image = portraits.image(self.person_id)  # None until made: `ready` repaints this box
            waiting = image is None and portraits.photo(self.person_id) is not None and \
                not portraits.reason(self.person_id)
        paint_portrait(painter, self.portrait_rect(), image, self._palette, waiting)

    def _paint_duplicate_mark(self, painter: QPainter) -> None:
        """A folded corner in the duplicate colour, with an arrow: "this person is also elsewhere"."""
        r = self._rect
        size = 14.0
        corner = QPolygonF([QPointF(r.right() - size, r.top()), QPointF(r.right(), r.top()),
                            QPointF(r.right(), r.top() + size)])
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._palette.duplicate)
        painter.drawPolygon(corner)


class ConnectorItem(QGraphicsItem):
    """The lines of one family: solid for partners and birth children, dashed and labelled otherwise."""

    def __init__(self, connector: Connector, fonts: ChartFonts, palette: Palette) -> None:
        super().__init__()
        self.connector = connector
        self._fonts = fonts
        self._palette = palette
        path = QPainterPath()
        for (x1, y1), (x2, y2) in connector.segments:
            path.moveTo(x1, y1)
            path.lineTo(x2, y2)
        self._path = path
        self._label_rect = QRectF()
        self.label = shorten(connector.label, LABEL_CHARS)
        if self.label:
            fm = fonts.label_metrics
            w = fm.horizontalAdvance(self.label) * SAFETY + 6.0
            if connector.label_width and w > connector.label_width:  # within the room the layout kept
                w = connector.label_width
                self.label = fm.elidedText(self.label, Qt.TextElideMode.ElideRight, (w - 6.0) / SAFETY)
            h = fm.height() + 2.0
            at = connector.label_at or _midpoint(connector)
            self._label_rect = QRectF(at[0] - w / 2, at[1] - h / 2, w, h)
        self._bounds = path.boundingRect().adjusted(-2, -2, 2, 2).united(self._label_rect)
        self._pen = self._make_pen()
        self._thin_pen = _cosmetic(self._pen)
        self.setZValue(0.0)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        if connector.label:
            self.setToolTip(tooltip(connector.label))

    def setChartPalette(self, palette: Palette) -> None:
        self._palette = palette
        self._pen = self._make_pen()
        self._thin_pen = _cosmetic(self._pen)
        self.update()

    @property
    def label_rect(self) -> QRectF:
        """Where the label ("adopted", "foster"...) is drawn, on its own background; empty without one."""
        return QRectF(self._label_rect)

    def _make_pen(self) -> QPen:
        pal = self._palette
        kind = self.connector.kind
        pen = QPen(pal.connector, 1.5 if kind is not ConnectorKind.PARTNERSHIP else 2.0)
        if kind is ConnectorKind.DUPLICATE:
            pen = QPen(pal.duplicate, 1.2, Qt.PenStyle.DotLine)
        elif kind.dashed:
            pen.setStyle(Qt.PenStyle.DashLine)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        return pen

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(self, painter: QPainter, option: QStyleOptionGraphicsItem,
              widget: QWidget | None = None) -> None:
        full_detail = _is_full_detail(self, painter, option)
        # lines are axis-parallel: antialiasing only matters when they are drawn large
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, full_detail)
        painter.setPen(self._pen if full_detail else self._thin_pen)
        painter.drawPath(self._path)
        pal = self._palette
        if self.connector.label and full_detail:
            painter.fillRect(self._label_rect, pal.label_background)
            painter.setFont(self._fonts.label)
            painter.setPen(pal.secondary_text)
            painter.drawText(self._label_rect, Qt.AlignmentFlag.AlignCenter, self.label)


def _cosmetic(pen: QPen) -> QPen:
    """One device pixel wide whatever the zoom: far zoomed out, lines stay visible and cheap."""
    thin = QPen(pen)
    thin.setWidthF(1.0)
    thin.setCosmetic(True)
    return thin


def _midpoint(connector: Connector) -> tuple[float, float]:
    (x1, y1), (x2, y2) = connector.segments[len(connector.segments) // 2] if connector.segments \
        else ((0.0, 0.0), (0.0, 0.0))
    return ((x1 + x2) / 2, (y1 + y2) / 2)


def is_printing(item: QGraphicsItem) -> bool:
    """True while the item's scene draws onto paper or into a file (ChartScene.render)."""
    scene = item.scene()
    return bool(getattr(scene, "rendering", False))


def _is_full_detail(item: QGraphicsItem, painter: QPainter, option: QStyleOptionGraphicsItem) -> bool:
    # Charts are never rotated or sheared, so the horizontal scale is the level of detail
    # (cheaper than levelOfDetailFromTransform, and this runs for every item of every frame).
    return painter.worldTransform().m11() >= TEXT_LOD or is_printing(item)

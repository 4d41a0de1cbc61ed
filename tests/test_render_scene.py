"""The chart scene: boxes sized to their text, clicks reported by person id, faithful rendering to files."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPoint, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QImage, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QGraphicsView

from familytree.layout.chart import Box, ChartLayout, ChartType, Connector, ConnectorKind, Orientation
from familytree.layout.charts import layout_chart
from familytree.model import ChildRef, ChildRelation, Date, Event, Family, Name, Person, Sex, Tree
from familytree.render.items import ChartFonts, PersonItem, make_sizer, measure_person
from familytree.render.palette import Palette
from familytree.render.scene import ChartScene

pytestmark = pytest.mark.gui

NAMES = [
    ("Sergei /Sedov/", Sex.MALE, "21 MAR 1908", "1937"),
    ("Natalia Ivanovna /Sedova-Trotskaya/", Sex.FEMALE, "1882", "1962"),
    ("Сергей Львович /Седов/", Sex.MALE, "1908", ""),
    ("/Rubinshtein/", Sex.UNKNOWN, "", ""),
    ("Alexandrina Victoria Maria Louisa /von Saxe-Coburg und Gotha-Hanover/", Sex.FEMALE,
     "ABT 1819", "BEF 1901"),
    ("Wolfeschlegelsteinhausenbergerdorffvoralternwarengewissenhaftschaferwessenschafe /X/",
     Sex.OTHER, "1904", "1997"),
    ("Ann /Lee/", Sex.FEMALE, "BET 1401 AND 1408", "AFT 1454"),  # life years longer than the name
]


def make_person(i: int, name: str, sex: Sex, born: str, died: str) -> Person:
    person = Person(f"@I{i}@", [Name.from_gedcom(name)], sex)
    if born:
        person.events.append(Event("BIRT", date=Date.parse(born)))
    if died:
        person.events.append(Event("DEAT", date=Date.parse(died)))
    return person


def family_tree() -> Tree:
    """Two parents, a birth child and an adopted child."""
    tree = Tree()
    for i, row in enumerate(NAMES[:4]):
        tree.add_person(make_person(i, *row))
    fam = Family("@F1@", husband_id="@I0@", wife_id="@I1@",
                 children=[ChildRef("@I2@"), ChildRef("@I3@", ChildRelation.ADOPTED)])
    tree.add_family(fam)
    tree.link()
    return tree


def hand_layout(tree: Tree, duplicate: bool = False) -> ChartLayout:
    sizer = make_sizer()
    boxes = []
    spots = {"@I0@": (0.0, 0.0, -1), "@I1@": (400.0, 0.0, -1),
             "@I2@": (0.0, 200.0, 0), "@I3@": (400.0, 200.0, 0)}
    for pid, (x, y, gen) in spots.items():
        w, h = sizer(tree.people[pid])
        boxes.append(Box(pid, pid, x, y, w, h, gen, is_focus=pid == "@I2@"))
    if duplicate:
        w, h = sizer(tree.people["@I0@"])
        boxes.append(Box("@I0@#2", "@I0@", 800.0, 200.0, w, h, 0, duplicate_of="@I0@"))
    couple = (((150.0, 20.0), (400.0, 20.0)),)
    descent = (((275.0, 20.0), (275.0, 150.0)), ((50.0, 150.0), (275.0, 150.0)),
               ((50.0, 150.0), (50.0, 200.0)))
    adopted = (((275.0, 150.0), (450.0, 150.0)), ((450.0, 150.0), (450.0, 200.0)))
    connectors = [
        Connector("@F1@", ConnectorKind.PARTNERSHIP, couple, person_keys=("@I0@", "@I1@")),
        Connector("@F1@", ConnectorKind.DESCENT, descent, person_keys=("@I2@",)),
        Connector("@F1@", ConnectorKind.ADOPTED, adopted, label="adopted", label_at=(450.0, 175.0),
                  person_keys=("@I3@",)),
    ]
    return ChartLayout(ChartType.HOURGLASS, "@I2@", boxes, connectors)


@pytest.mark.parametrize("row", NAMES, ids=[n[0][:20] for n in NAMES])
def test_box_is_big_enough_for_name_and_years(qapp, row):
    person = make_person(1, *row)
    fonts = ChartFonts.from_font()
    width, height = make_sizer()(person)
    text = measure_person(person, fonts)
    name_fm, detail_fm = QFontMetricsF(fonts.name), QFontMetricsF(fonts.detail)
    assert len(text.name_lines) <= 2
    assert " ".join(text.name_lines) == person.display_name()  # nothing dropped
    room = width - (text.width - text.text_width)
    for line in text.name_lines:
        assert name_fm.horizontalAdvance(line) <= room
    assert detail_fm.horizontalAdvance(person.lifespan()) <= room
    assert height >= len(text.name_lines) * name_fm.height() + detail_fm.height()


def test_a_box_words_its_years_short_and_its_tooltip_in_full(qapp):
    person = make_person(1, "Richard", Sex.MALE, "ABT 1247", "BEF 1256")
    item = PersonItem(Box("@I1@", "@I1@", 0.0, 0.0, *make_sizer()(person), 0), person, ChartFonts.from_font(),
                      Palette.screen())
    assert measure_person(person, ChartFonts.from_font()).years == "abt. 1247 \u2013 bef. 1256"
    assert "about 1247 \u2013 before 1256" in item.toolTip()
    assert "about 1247 \u2013 before 1256" in item.description()


def test_long_names_wrap_to_two_lines(qapp):
    short = measure_person(make_person(1, *NAMES[0]), ChartFonts.from_font())
    long = measure_person(make_person(1, *NAMES[4]), ChartFonts.from_font())
    assert len(short.name_lines) == 1
    assert len(long.name_lines) == 2
    assert make_sizer()(make_person(1, *NAMES[4]))[1] > make_sizer()(make_person(1, *NAMES[0]))[1]


def test_scene_has_a_box_per_person_and_connectors(qapp):
    tree = family_tree()
    scene = ChartScene(tree, hand_layout(tree, duplicate=True), Palette.screen())
    assert set(scene.person_items) == {"@I0@", "@I1@", "@I2@", "@I3@"}
    assert len(scene.box_items) == 5
    assert len(scene.connector_items) == 3
    assert scene.box_items["@I0@#2"].is_duplicate
    assert "Sergei Sedov" in scene.person_items["@I0@"].toolTip()
    assert "1908" in scene.person_items["@I0@"].toolTip()


def _click(qtbot, view: QGraphicsView, item: PersonItem, double: bool = False) -> None:
    point = view.mapFromScene(item.sceneBoundingRect().center())
    if double:
        qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    else:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)


@pytest.fixture
def shown(qtbot):
    tree = family_tree()
    scene = ChartScene(tree, hand_layout(tree, duplicate=True), Palette.screen())
    view = QGraphicsView(scene)
    view.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)  # as the chart view: empty space pans
    view.resize(1200, 500)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    view.fitInView(scene.sceneRect(), Qt.AspectRatioMode.KeepAspectRatio)
    return scene, view


def test_click_selects_and_reports_person(qtbot, shown):
    scene, view = shown
    with qtbot.waitSignal(scene.personClicked) as blocker:
        _click(qtbot, view, scene.person_items["@I1@"])
    assert blocker.args == ["@I1@"]
    assert scene.selected_person_id() == "@I1@"


def test_click_on_duplicate_goes_to_original(qtbot, shown):
    scene, view = shown
    with qtbot.waitSignal(scene.personClicked) as blocker:
        _click(qtbot, view, scene.box_items["@I0@#2"])
    assert blocker.args == ["@I0@"]
    assert scene.person_items["@I0@"].isSelected()
    assert not scene.box_items["@I0@#2"].isSelected()


def test_double_click_activates(qtbot, shown):
    scene, view = shown
    with qtbot.waitSignal(scene.personActivated) as blocker:
        _click(qtbot, view, scene.person_items["@I3@"], double=True)
    assert blocker.args == ["@I3@"]


def test_click_on_empty_space_reports_nothing(qtbot, shown):
    scene, view = shown
    scene.select_person("@I2@")
    spy: list[str] = []
    scene.personClicked.connect(spy.append)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.mapFromScene(700.0, 100.0))
    assert spy == []


def test_set_chart_keeps_selection_of_people_still_drawn(qapp):
    tree = family_tree()
    scene = ChartScene(tree, hand_layout(tree), Palette.screen())
    scene.select_person("@I1@")
    scene.setChart(tree, hand_layout(tree, duplicate=True))
    assert scene.selected_person_id() == "@I1@"
    assert len(scene.box_items) == 5


def _svg_of(scene: ChartScene) -> str:
    """The scene drawn into an SVG document."""
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    gen = QSvgGenerator()
    gen.setOutputDevice(buffer)
    rect = scene.sceneRect()
    gen.setSize(QSize(int(rect.width()), int(rect.height())))
    gen.setViewBox(QRectF(0, 0, rect.width(), rect.height()))
    painter = QPainter(gen)
    scene.render(painter, QRectF(0, 0, rect.width(), rect.height()), rect)
    painter.end()
    return bytes(data.data()).decode("utf-8")


def test_svg_output_has_real_text(qapp):
    tree = family_tree()
    scene = ChartScene(tree, hand_layout(tree), Palette.print_())
    scene.select_person("@I0@")
    svg = _svg_of(scene)
    for person in tree.iter_people():
        for part in person.display_name().split():
            assert part in svg
    assert "adopted" in svg
    assert "<image" not in svg  # nothing drawn as a pixmap
    # items keep their screen cache once the file is written
    assert scene.person_items["@I0@"].cacheMode() != scene.person_items["@I0@"].CacheMode.NoCache


def test_render_draws_text_even_when_scaled_far_down(qapp):
    tree = family_tree()
    scene = ChartScene(tree, hand_layout(tree), Palette.print_())
    rect = scene.sceneRect()
    small = QImage(int(rect.width() * 0.3), int(rect.height() * 0.3), QImage.Format.Format_ARGB32)
    small.fill(QColor("white"))
    painter = QPainter(small)
    scene.render(painter, QRectF(small.rect()), rect)
    painter.end()
    # print palette: a box fill is a pale tint; text pixels are near black
    item = scene.person_items["@I1@"]
    r = item.sceneBoundingRect()
    dark = 0
    for x in range(int((r.left() - rect.left()) * 0.3), int((r.right() - rect.left()) * 0.3)):
        for y in range(int((r.top() - rect.top()) * 0.3), int((r.bottom() - rect.top()) * 0.3)):
            if QColor(small.pixel(QPoint(x, y))).lightness() < 90:
                dark += 1
    assert dark > 5


def _contrast(a: QColor, b: QColor) -> float:
    def lum(c: QColor) -> float:
        def ch(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4
        return 0.2126 * ch(c.redF()) + 0.7152 * ch(c.greenF()) + 0.0722 * ch(c.blueF())
    hi, lo = sorted((lum(a), lum(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@pytest.mark.parametrize(("palette", "minimum"), [
    (Palette.light, 7.0), (Palette.dark, 7.0), (Palette.print_, 10.0), (Palette.high_contrast, 15.0),
])
def test_text_is_readable_on_every_box(qapp, palette, minimum):
    pal = palette()
    for sex in Sex:
        assert _contrast(pal.text, pal.fill(sex)) >= minimum
        assert _contrast(pal.secondary_text, pal.fill(sex)) >= 4.5


def test_print_palette_is_white_paper_dark_text(qapp):
    pal = Palette.print_()
    assert pal.background == QColor("white")
    assert pal.text.lightness() < 40


def test_sexes_differ_in_colour_and_symbol(qapp):
    pal = Palette.screen()
    accents = {pal.accent(s).name() for s in Sex}
    assert len(accents) == len(Sex)
    assert len({s.symbol for s in Sex}) == len(Sex)


def _dark_pixels(image: QImage, rect: QRectF) -> int:
    count = 0
    for x in range(int(rect.left()), int(rect.right())):
        for y in range(int(rect.top()), int(rect.bottom())):
            if QColor(image.pixel(QPoint(x, y))).lightness() < 90:
                count += 1
    return count


def test_far_zoomed_out_boxes_are_drawn_without_text(qtbot):
    """Level of detail: at a tenth of the size a box is a coloured block, at full size it has text."""
    tree = family_tree()
    scene = ChartScene(tree, hand_layout(tree), Palette.print_())
    view = QGraphicsView(scene)
    view.resize(900, 600)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    item = scene.person_items["@I1@"]
    counts = []
    for zoom in (1.0, 0.15):
        view.resetTransform()
        view.scale(zoom, zoom)
        view.centerOn(item)
        image = view.viewport().grab().toImage()
        box = view.mapFromScene(item.sceneBoundingRect()).boundingRect()
        counts.append(_dark_pixels(image, QRectF(box).adjusted(3, 3, -3, -3)))
    assert counts[0] > 30  # the name in near-black
    assert counts[1] == 0  # no text at all, only the pale fill and the band


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.name.lower())
def test_labels_on_child_lines_are_never_hidden_by_a_box(qapp, orientation):
    """'adopted', 'foster'... and GEDCOM 7 phrases sit on the child's line clear of every box,
    however many lines share the gap (horizontal charts used to cut 'adopted' under the box)."""
    tree = Tree()
    relations = [ChildRelation.BIRTH, ChildRelation.ADOPTED, ChildRelation.FOSTER, ChildRelation.STEP,
                 ChildRelation.BIRTH, ChildRelation.SEALING]
    for i, row in enumerate(NAMES[:2]):
        tree.add_person(make_person(i, *row))
    children = []
    for j, rel in enumerate(relations):
        tree.add_person(make_person(10 + j, f"Child{j} /Sedov/", Sex.MALE, "1930", ""))
        children.append(ChildRef(f"@I{10 + j}@", rel, "raised by his uncle" if j == 5 else ""))
    tree.add_family(Family("@F1@", husband_id="@I0@", wife_id="@I1@", children=children))
    tree.link()
    layout = layout_chart(tree, ChartType.DESCENDANTS, "@I0@", 2, 2, make_sizer(), orientation)
    scene = ChartScene(tree, layout, Palette.print_())
    labelled = [c for c in scene.connector_items if c.connector.label]
    assert {c.connector.label for c in labelled} == {"adopted", "foster", "step", "raised by his uncle"}
    for item in labelled:
        for box in scene.box_items.values():
            assert not item.label_rect.intersects(box.sceneBoundingRect()), \
                (item.connector.label, box.box.person_id)


def test_a_long_label_at_the_edge_of_the_chart_is_inside_the_scene(qapp):
    """Scrolling stops at the scene rect: a long GEDCOM 7 phrase on the last child's line must be in it."""
    tree = family_tree()
    phrase = "adopted by his mother's second cousin after the fire of 1871 in Chicago, Illinois"
    tree.families["@F1@"].children[1] = ChildRef("@I3@", ChildRelation.ADOPTED, phrase)
    layout = layout_chart(tree, ChartType.DESCENDANTS, "@I0@", 2, 2, make_sizer())
    scene = ChartScene(tree, layout, Palette.print_())
    item = next(c for c in scene.connector_items if c.connector.label.startswith("adopted by his"))
    assert item.label_rect.width() > 300  # wider than the chart's boxes: it reaches past them
    assert scene.sceneRect().contains(item.label_rect)


@pytest.mark.parametrize("orientation", list(Orientation), ids=lambda o: o.name.lower())
def test_the_adopted_label_hides_no_line_of_the_birth_parents(qapp, orientation):
    """A child drawn with birth and adoptive parents (allged.ged): 'adopted' stands beside its own
    dashed line, clear of the birth parents' line, so it is plain which line is the adoption."""
    tree = Tree()
    for i, row in enumerate(NAMES[:2]):
        tree.add_person(make_person(i, *row))
    tree.add_person(make_person(2, "Adoptive /Father/", Sex.MALE, "1880", ""))
    tree.add_person(make_person(3, "Adoptive /Mother/", Sex.FEMALE, "1885", ""))
    tree.add_person(make_person(4, "Child /Sedov/", Sex.MALE, "1910", ""))
    tree.add_family(Family("@F1@", husband_id="@I0@", wife_id="@I1@", children=[ChildRef("@I4@")]))
    tree.add_family(Family("@F2@", husband_id="@I2@", wife_id="@I3@",
                           children=[ChildRef("@I4@", ChildRelation.ADOPTED)]))
    tree.link()
    layout = layout_chart(tree, ChartType.HOURGLASS, "@I4@", 2, 2, make_sizer(), orientation)
    scene = ChartScene(tree, layout, Palette.print_())
    label = next(c for c in scene.connector_items if c.connector.label == "adopted")
    birth = next(c for c in scene.connector_items if c.connector.family_id == "@F1@"
                 and c.connector.kind is ConnectorKind.DESCENT)
    rect = label.label_rect.adjusted(-1, -1, 1, 1)
    for (x1, y1), (x2, y2) in birth.connector.segments:
        assert not rect.intersects(QRectF(min(x1, x2), min(y1, y2), abs(x2 - x1) + 0.1, abs(y2 - y1) + 0.1))
    for box in scene.box_items.values():
        assert not label.label_rect.intersects(box.sceneBoundingRect())


def _one_box_scene(name: str, size: tuple[float, float]) -> tuple[Tree, ChartScene]:
    tree = Tree()
    tree.add_person(make_person(0, name, Sex.FEMALE, "1083", ""))
    layout = ChartLayout(ChartType.HOURGLASS, "@I0@", [Box("@I0@", "@I0@", 0.0, 0.0, *size, 0, True)], [])
    return tree, ChartScene(tree, layout, Palette.print_())


def test_a_name_keeps_to_the_box_the_layout_gave_when_the_fonts_differ(qapp):
    """A chart laid out with the screen's font and printed without ligatures: 'Rhanullt ferch
    Gruffydd' (IvarKingOfDublin.ged) measured just under the wrapping width on screen and just
    over it in print, so the printed box, one line high, got two lines and the years ran out below
    it. The name now takes the one line the box has room for."""
    name = "Rhanullt ferch Gruffydd ap Cynan /ap Iago/"
    fonts = ChartFonts.from_font()
    text = measure_person(make_person(0, name, Sex.FEMALE, "1083", ""), fonts)
    assert len(text.name_lines) == 2  # this font wraps the name
    one_line = text.height - text.name_line_height
    name_width = fonts.name_metrics.horizontalAdvance("Rhanullt ferch Gruffydd ap Cynan ap Iago")
    frame = text.width - text.text_width  # the band, padding and symbol around the text
    _, scene = _one_box_scene(name, (frame + name_width * 1.05, one_line))
    rect = scene.sceneRect()
    image = QImage(int(rect.width()), int(rect.height()), QImage.Format.Format_ARGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    scene.render(painter, QRectF(image.rect()), rect)
    painter.end()
    box = scene.person_items["@I0@"].sceneBoundingRect().translated(-rect.left(), -rect.top())
    inner = box.adjusted(5, 5, -5, -5)  # inside the box's outline
    below = QRectF(inner.left(), inner.bottom() + 1, inner.width(), 24)
    assert _dark_pixels(image, below) == 0  # no text ran out of the box
    right = QRectF(inner.right() - 0.2 * inner.width(), inner.top(), 0.2 * inner.width() - 4, inner.height())
    assert _dark_pixels(image, right) > 0  # the name runs on to the box's end, on one line


def test_a_name_wraps_rather_than_being_cut_where_the_box_is_narrower_but_tall_enough(qapp):
    """The other way round: a name this font keeps on one line, in a box laid out for two."""
    name = "Rhanullt ferch Gruffydd"
    fonts = ChartFonts.from_font()
    text = measure_person(make_person(0, name, Sex.FEMALE, "1083", ""), fonts)
    assert len(text.name_lines) == 1
    frame = text.width - text.text_width
    two_lines = text.height + text.name_line_height
    _, scene = _one_box_scene(name, (frame + fonts.name_metrics.horizontalAdvance(name) * 0.75, two_lines))
    svg = _svg_of(scene)
    assert "\u2026" not in svg  # not cut short with an ellipsis
    assert "Gruffydd" in svg

"""Charts are laid out with the text measured as it prints: every name fits its box on paper."""

from __future__ import annotations

import pytest

from familytree.layout import ChartType, layout_chart
from familytree.render.export import ChartPrint
from familytree.render.fonts import print_font
from familytree.render.items import ChartFonts, PersonItem, make_sizer, measure_person
from support.layout_corpus import read_corpus

pytestmark = pytest.mark.gui


@pytest.mark.parametrize("relative", ["real/IvarKingOfDublin.ged", "real/royal92.ged"])
def test_every_box_is_as_wide_as_its_printed_name_needs(qapp: object, relative: str) -> None:
    """The window measured names with ligatures and print drew them without: 170 of the 6,620 people of
    three corpus files needed wider boxes on paper than they got, 3 of them a second line."""
    tree = read_corpus(relative)
    sizer, printed = make_sizer(), ChartFonts.from_font(print_font())
    for person in tree.people.values():
        width, height = sizer(person)
        text = measure_person(person, printed)
        assert width >= text.width - 0.01, person.display_name()  # (the sizer rounds to whole units)
        assert height >= text.height - 0.01, person.display_name()


def test_a_chart_laid_out_in_the_window_prints_each_name_as_measured(qapp: object) -> None:
    """Rhanullt ferch Gruffydd (IvarKingOfDublin.ged) and her family, laid out as the window does and
    printed: each box shows the lines the layout measured."""
    tree = read_corpus("real/IvarKingOfDublin.ged")
    focus = next(p.id for p in tree.people.values() if p.display_name().startswith("Rhanullt ferch Gruffydd"))
    layout = layout_chart(tree, ChartType.HOURGLASS, focus, up=3, down=3, sizer=make_sizer())
    job = ChartPrint(tree, layout)
    measured = ChartFonts.from_font(print_font())
    items = [item for item in job.scene.box_items.values() if isinstance(item, PersonItem)]
    assert items
    for item in items:
        assert item._text.name_lines == measure_person(item.person, measured).name_lines, item.person_id

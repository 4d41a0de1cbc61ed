"""The legend of the chart's lines: View > Legend in the window, and a key on paper when a chart needs one."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from familytree.gedcom import read_file
from familytree.layout import ChartType, layout_chart
from familytree.layout.chart import ConnectorKind
from familytree.model import ChildRef, ChildRelation, Family, Name, Person, Sex, Tree
from familytree.render.export import ChartPrint, PrintOptions, write_pdf
from familytree.render.items import make_sizer
from familytree.render.legend import (
    BIRTH,
    DUPLICATE,
    LEGEND,
    OTHER_PARENTS,
    PATH,
    SAMPLE_WIDTH,
    LegendEntry,
    legend_for,
    sample_positions,
)
from familytree.ui.legend import MARGIN

pytestmark = pytest.mark.gui

KEY_WORDS = [entry.words for entry in (OTHER_PARENTS, DUPLICATE)]


def pdf_text(path: Path, page: int = 0) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return " ".join(subprocess.run(["pdftotext", *pages, str(path), "-"], check=True, capture_output=True,
                                   text=True).stdout.split())


def adoptive_family() -> Tree:
    """A couple, a son by birth and an adopted daughter."""
    tree = Tree()
    for pid, name, sex in (("@I1@", "Ivan /Petrov/", Sex.MALE), ("@I2@", "Anna /Petrova/", Sex.FEMALE),
                           ("@I3@", "Pyotr /Petrov/", Sex.MALE), ("@I4@", "Olga /Petrova/", Sex.FEMALE)):
        tree.add_person(Person(pid, [Name.from_gedcom(name)], sex))
    tree.add_family(Family("@F1@", husband_id="@I1@", wife_id="@I2@",
                           children=[ChildRef("@I3@"), ChildRef("@I4@", ChildRelation.ADOPTED)]))
    tree.link()
    return tree


def test_a_chart_of_solid_lines_needs_no_key_and_each_other_style_brings_its_own(qapp, bundled_path) -> None:
    bundled = read_file(bundled_path)
    plain = layout_chart(bundled, ChartType.HOURGLASS, bundled.default_person_id(), 3, 3)
    assert {c.kind for c in plain.connectors} <= {ConnectorKind.PARTNERSHIP, ConnectorKind.DESCENT}
    assert legend_for(plain) == []
    adopted = layout_chart(adoptive_family(), ChartType.HOURGLASS, "@I3@", 1, 1)
    assert legend_for(adopted) == [BIRTH, OTHER_PARENTS]


def test_the_printed_key_is_on_the_page_only_when_the_chart_has_such_lines(qapp, bundled_path,
                                                                          tmp_path: Path) -> None:
    bundled = read_file(bundled_path)
    plain = ChartPrint(bundled, layout_chart(bundled, ChartType.HOURGLASS, bundled.default_person_id(), 3, 3,
                                             make_sizer()))
    write_pdf(plain, tmp_path / "plain.pdf")
    text = pdf_text(tmp_path / "plain.pdf")
    assert not any(words in text for words in (*KEY_WORDS, BIRTH.words))
    assert plain.plan is not None
    assert plain.plan.bands.legend == 0, "no room taken from the chart for a key it does not need"

    tree = adoptive_family()
    job = ChartPrint(tree, layout_chart(tree, ChartType.HOURGLASS, "@I3@", 1, 1, make_sizer()))
    write_pdf(job, tmp_path / "adopted.pdf")
    text = pdf_text(tmp_path / "adopted.pdf")
    assert OTHER_PARENTS.words in text
    assert BIRTH.words in text
    assert DUPLICATE.words not in text, "only the styles this chart draws"
    assert job.plan is not None
    bands = job.plan.bands
    assert bands.legend > 0
    assert bands.chart_area.bottom <= bands.legend_rect.y, "the key is under the chart, not over it"
    assert bands.legend_rect.bottom <= bands.footer_rect.y


def test_a_poster_has_its_key_on_the_assembly_page_not_on_the_sheets(qapp, tmp_path: Path) -> None:
    tree = adoptive_family()
    job = ChartPrint(tree, layout_chart(tree, ChartType.HOURGLASS, "@I3@", 1, 1, make_sizer()),
                     PrintOptions(poster=(2, 1)))
    write_pdf(job, tmp_path / "poster.pdf")
    assert OTHER_PARENTS.words in pdf_text(tmp_path / "poster.pdf", 1)  # the assembly page
    for sheet in (2, 3):  # cut and glued: a key on them would be cut too
        assert OTHER_PARENTS.words not in pdf_text(tmp_path / "poster.pdf", sheet)


def test_a_chart_with_a_person_shown_twice_keys_the_dotted_line(qapp) -> None:
    royal = Path(__file__).resolve().parents[2] / "shared" / "gedcom-corpus" / "real" / "royal92.ged"
    if not royal.exists():
        pytest.skip(f"{royal} is absent (the shared GEDCOM corpus): no family with a person shown twice")
    tree = read_file(royal)
    layout = layout_chart(tree, ChartType.HOURGLASS, "@I24@", 4, 2)  # Alice of Athlone
    assert ConnectorKind.DUPLICATE in {c.kind for c in layout.connectors}
    assert DUPLICATE in legend_for(layout)


def sample_colour(view, entry: LegendEntry) -> QColor:
    """The colour in the middle of an entry's sample line, as the legend is now laid out."""
    at = sample_positions(list(LEGEND), view.font(), view.width() - 2 * MARGIN)[LEGEND.index(entry)]
    middle = at + QPointF(MARGIN + SAMPLE_WIDTH / 2, MARGIN)
    return view.grab().toImage().pixelColor(middle.toPoint())


def test_view_legend_shows_every_style_in_the_colours_the_chart_draws_them(qtbot, bundled_path) -> None:
    from familytree.ui.legend import LegendView
    from familytree.ui.relationship_dialog import highlight_path
    from support.windows import make_window

    window = make_window(qtbot, bundled_path)
    window.actions_by_id["view.legend"].trigger()
    view = window.chart.findChild(LegendView)
    assert view is not None
    assert view.isVisible()
    assert all(entry.words in view.accessibleDescription() for entry in LEGEND)
    ws = window.workspace
    parents = ws.tree.parent_families(ws.focus_id)[0]
    try:
        for palette_name in ("light", "high-contrast"):
            if palette_name == "high-contrast":
                window.actions_by_id["view.high_contrast"].trigger()
                QApplication.processEvents()
            palette = window.scene.chart_palette
            assert palette.name == palette_name
            assert sample_colour(view, PATH).name() == palette.path.name()
            assert sample_colour(view, BIRTH) != palette.background, "the solid line is drawn"
            # the path the Relationship dialog draws is the one the legend shows
            highlight_path(window.scene, [ws.focus_id, parents.husband_id], [parents.id])
            drawn = {item.pen().color().name() for item in window.scene.items()
                     if item.data(0) == "relationship-path"}
            assert drawn == {palette.path.name()}
    finally:
        window.appearance.restore()
    window.actions_by_id["view.legend"].trigger()
    assert not view.isVisible()

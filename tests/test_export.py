"""Charts written to PDF, SVG and PNG: pages, real text, whole boxes on posters, escaping, safe writes."""

from __future__ import annotations

import math
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from familytree import cli
from familytree.gedcom import read_file
from familytree.layout import ChartLayout, ChartType, layout_chart
from familytree.model import Date, Event, Family, Name, Person, Sex, Tree
from familytree.render.export import (
    IMAGE_MARGIN,
    ChartPrint,
    ExportError,
    PrintOptions,
    export_chart,
    image_size,
    page_layout,
    write_pdf,
    write_png,
    write_svg,
)
from familytree.render.items import make_sizer
from familytree.render.pages import PageKind
from familytree.render.person_sheet import PersonSheet, person_sheet_html

pytestmark = pytest.mark.gui

SVG = "{http://www.w3.org/2000/svg}"
MARKUP_NAMES = ["<b>Bold</b> Person", "Tom & Jerry", "<script>alert(1)</script>", "A &amp; B"]


def normalise(text: str) -> str:
    return " ".join(text.split())


def pdf_text(path: Path, first: int = 0, last: int = 0) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    args = ["pdftotext", "-enc", "UTF-8"]
    if first:
        args += ["-f", str(first), "-l", str(last or first)]
    return subprocess.run([*args, str(path), "-"], check=True, capture_output=True, text=True).stdout


def pdf_pages(path: Path) -> int:
    return len(re.findall(rb"/Type\s*/Page(?!s)", path.read_bytes()))


def chart_names(tree: Tree, layout: ChartLayout) -> list[str]:
    return sorted({tree.people[b.person_id].display_name() for b in layout.boxes})


@pytest.fixture(scope="module")
def bundled(qapp, bundled_path: Path) -> tuple[Tree, ChartLayout]:
    tree = read_file(bundled_path)
    layout = layout_chart(tree, ChartType.HOURGLASS, tree.default_person_id(), 3, 3, make_sizer())
    assert len(layout.boxes) >= 5
    return tree, layout


def markup_tree() -> Tree:
    """Parents and children whose names are full of markup characters."""
    tree = Tree()
    for i, text in enumerate(MARKUP_NAMES):
        given, _, surname = text.rpartition(" ")
        sex = Sex.FEMALE if i % 2 else Sex.MALE
        person = Person(f"@I{i}@", [Name(full=text, given=given, surname=surname)], sex)
        person.events.append(Event("BIRT", date=Date.parse(f"{1900 + 25 * (i // 2)}")))
        tree.add_person(person)
    tree.people["@I0@"].notes = []
    tree.add_family(Family("@F1@", husband_id="@I0@", wife_id="@I1@"))
    from familytree.model import ChildRef

    tree.families["@F1@"].children = [ChildRef("@I2@"), ChildRef("@I3@")]
    tree.link()
    return tree


# -- PDF ------------------------------------------------------------------------------------------


def test_pdf_of_the_bundled_family_is_one_page_with_every_name_as_text(bundled, tmp_path: Path) -> None:
    tree, layout = bundled
    out = tmp_path / "chart.pdf"
    result = write_pdf(ChartPrint(tree, layout, PrintOptions(file_name="trotsky-sedov.ged")), out)
    assert result.pages == 1
    assert pdf_pages(out) == 1
    text = normalise(pdf_text(out))
    for name in chart_names(tree, layout):
        assert normalise(name) in text
    focus = tree.people[layout.focus_id].display_name()
    assert f"Hourglass chart of {focus}" in text  # header
    assert "Page 1 of 1" in text
    assert "trotsky-sedov.ged" in text


def test_poster_3x2_has_six_sheets_an_assembly_page_and_every_name(bundled, tmp_path: Path) -> None:
    tree, layout = bundled
    out = tmp_path / "poster.pdf"
    job = ChartPrint(tree, layout, PrintOptions(poster=(3, 2)))
    result = write_pdf(job, out, page_layout("A4"))
    assert result.pages == 7
    assert pdf_pages(out) == 7
    assert [p.kind for p in job.pages] == [PageKind.ASSEMBLY] + [PageKind.CHART] * 6
    assert "Assembly guide" in pdf_text(out, 1)
    labels = set()
    for number in range(2, 8):
        page = normalise(pdf_text(out, number))
        assert f"Page {number} of 7" in page
        labels.update(re.findall(r"Sheet ([A-C][12])", page))
    assert labels == {"A1", "B1", "C1", "A2", "B2", "C2"}
    everything = normalise(pdf_text(out))
    for name in chart_names(tree, layout):
        assert normalise(name) in everything


def render_page(job: ChartPrint, index: int, width: float, height: float, dpi: float) -> QImage:
    k = dpi / 72.0
    image = QImage(math.ceil(width * k), math.ceil(height * k), QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.scale(k, k)
    job.paint_page(painter, index, width, height)
    painter.end()
    return image


def difference(a: QImage, b: QImage) -> tuple[float, float]:
    """Mean absolute lightness difference of two images of one size, and the share of ink in the first."""
    total = ink = n = 0
    for y in range(0, a.height(), 2):
        for x in range(0, a.width(), 2):
            la, lb = QColor(a.pixel(x, y)).lightness(), QColor(b.pixel(x, y)).lightness()
            total += abs(la - lb)
            ink += la < 200
            n += 1
    return total / max(1, n), ink / max(1, n)


def test_poster_pages_combined_show_every_box_whole(bundled) -> None:
    """Rendering: each box is drawn completely, as on the whole chart, on at least one sheet."""
    tree, layout = bundled
    job = ChartPrint(tree, layout, PrintOptions(poster=(3, 2)))
    width, height = 539.0, 786.0
    job.paginate(width, height)
    plan = job.plan
    k = 40.0 / 72.0  # pixels per point
    area = plan.bands.chart_area
    sheets = [(i, p.sheet) for i, p in enumerate(job.pages) if p.kind is PageKind.CHART]
    images = {i: render_page(job, i, width, height, 40.0) for i, _ in sheets}
    for box in layout.boxes:
        best = None
        for i, sheet in sheets:
            # the box's pixels on this page, and the same pixels drawn straight from the chart
            on_page = QRectF(k * (area.x + (box.x - sheet.source.x) * plan.scale),
                             k * (area.y + (box.y - sheet.source.y) * plan.scale),
                             k * box.width * plan.scale, k * box.height * plan.scale).toAlignedRect()
            if not images[i].rect().contains(on_page):
                continue
            reference = QImage(on_page.size(), QImage.Format.Format_RGB32)
            reference.fill(QColor("white"))
            painter = QPainter(reference)
            source = QRectF(sheet.source.x + (on_page.x() / k - area.x) / plan.scale,
                            sheet.source.y + (on_page.y() / k - area.y) / plan.scale,
                            on_page.width() / k / plan.scale, on_page.height() / k / plan.scale)
            job.scene.render(painter, QRectF(reference.rect()), source, Qt.AspectRatioMode.IgnoreAspectRatio)
            painter.end()
            diff, ink = difference(reference, images[i].copy(on_page))
            if ink > 0.02 and (best is None or diff < best):
                best = diff
        assert best is not None, f"{box.person_id} is drawn on no sheet"
        assert best < 4, f"{box.person_id} is not whole on any sheet (best difference {best})"
        # and by geometry
        assert any(sh.source.x <= box.x and box.right <= sh.source.right and sh.source.y <= box.y
                   and box.bottom <= sh.source.bottom for _, sh in sheets)


def test_person_sheet_pages_follow_the_chart(bundled, tmp_path: Path) -> None:
    tree, layout = bundled
    out = tmp_path / "sheet.pdf"
    job = ChartPrint(tree, layout, PrintOptions(person_sheet=True))
    result = write_pdf(job, out)
    sheet_pages = [p for p in job.pages if p.kind is PageKind.PERSON_SHEET]
    assert sheet_pages
    assert result.pages == 1 + len(sheet_pages) == pdf_pages(out)
    text = normalise(pdf_text(out, 2, result.pages))
    person = tree.people[layout.focus_id]
    assert normalise(person.display_name()) in text
    birth = person.birth
    if birth is not None and birth.date is not None:
        assert normalise(birth.date.display()) in text
    for parent in tree.parents(person.id):
        assert normalise(tree.people[parent].display_name()) in text
    citations = tree.person_citations(person.id)
    for citation in citations:
        source = tree.sources.get(citation.source_id)
        if source is not None and source.title:
            assert normalise(source.title) in text  # the full citation, not just a number
        for excerpt in citation.text:
            assert normalise(excerpt)[:40] in text
    if tree.note_texts(person.notes):
        assert "Biography" in text


def test_fit_warns_when_names_get_too_small_and_auto_poster_fixes_it(qapp) -> None:
    tree, layout = wide_chart(80)
    job = ChartPrint(tree, layout, PrintOptions())
    job.paginate(539.0, 786.0)
    assert not job.plan.is_poster
    assert job.plan.text_pt < 6.0
    assert any("below a legible 6 pt" in w for w in job.warnings)
    auto = ChartPrint(tree, layout, PrintOptions(auto_poster=True))
    auto.paginate(539.0, 786.0)
    assert auto.plan.is_poster
    assert auto.plan.text_pt >= 6.0
    assert auto.pages[0].kind is PageKind.ASSEMBLY


def wide_chart(n: int) -> tuple[Tree, ChartLayout]:
    """A couple with n children: one very wide generation row."""
    tree = Tree()
    sizer = make_sizer()
    from familytree.layout import Box

    tree.add_person(Person("@P1@", [Name.from_gedcom("Father /Wide/")], Sex.MALE))
    tree.add_person(Person("@P2@", [Name.from_gedcom("Mother /Wide/")], Sex.FEMALE))
    boxes = []
    for pid, x in (("@P1@", 0.0), ("@P2@", 250.0)):
        w, h = sizer(tree.people[pid])
        boxes.append(Box(pid, pid, x, 0.0, w, h, -1))
    for i in range(n):
        p = tree.add_person(Person(f"@C{i}@", [Name.from_gedcom(f"Child{i} /Wide/")], Sex.FEMALE))
        w, h = sizer(p)
        boxes.append(Box(p.id, p.id, i * (w + 20.0), 150.0, w, h, 0, is_focus=i == 0))
    return tree, ChartLayout(ChartType.DESCENDANTS, "@C0@", boxes, [])


# -- SVG and PNG ------------------------------------------------------------------------------------


def test_svg_is_valid_xml_with_a_viewbox_and_every_name_as_text(bundled, tmp_path: Path) -> None:
    tree, layout = bundled
    out = tmp_path / "chart.svg"
    result = write_svg(ChartPrint(tree, layout), out)
    root = ET.parse(out).getroot()
    assert root.tag == f"{SVG}svg"
    box = [float(v) for v in root.attrib["viewBox"].split()]
    assert box[2:] == [result.width, result.height]
    texts = normalise(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))
    for name in chart_names(tree, layout):
        assert normalise(name) in texts


@pytest.mark.parametrize(("dpi", "transparent"), [(72.0, False), (150.0, True), (300.0, False)])
def test_png_has_the_size_the_dpi_implies(bundled, tmp_path: Path, dpi: float, transparent: bool) -> None:
    tree, layout = bundled
    out = tmp_path / "chart.png"
    job = ChartPrint(tree, layout)
    result = write_png(job, out, dpi, transparent)
    image = QImage(str(out))
    c = job.chart
    assert image.width() == result.width == math.ceil((c.width + 2 * IMAGE_MARGIN) * dpi / 72)
    assert image.height() == result.height == math.ceil((c.height + 2 * IMAGE_MARGIN) * dpi / 72)
    assert image.size() == image_size(job, dpi)
    assert round(image.dotsPerMeterX() * 0.0254) == dpi
    corner = image.pixelColor(0, 0)
    assert corner.alpha() == (0 if transparent else 255)
    if not transparent:
        assert corner.lightness() == 255
    # something was drawn: the focus box's centre is not background
    focus = layout.box_for(layout.focus_id)
    k = dpi / 72
    cx = (focus.x + 4 - c.x + IMAGE_MARGIN) * k
    cy = (focus.y + focus.height / 2 - c.y + IMAGE_MARGIN) * k
    assert image.pixelColor(int(cx), int(cy)).alpha() == 255


def test_too_large_png_is_refused_with_the_dpi_that_would_work(qapp, tmp_path: Path) -> None:
    tree, layout = wide_chart(300)
    out = tmp_path / "huge.png"
    with pytest.raises(ExportError, match=r"dpi or less"):
        write_png(ChartPrint(tree, layout), out, 2400)
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


# -- names with markup characters --------------------------------------------------------------------


def markup_layout(tree: Tree) -> ChartLayout:
    return layout_chart(tree, ChartType.HOURGLASS, "@I2@", 2, 2, make_sizer())


def test_markup_in_names_is_text_in_pdf_svg_and_person_sheet(qapp, tmp_path: Path) -> None:
    tree = markup_tree()
    layout = markup_layout(tree)
    assert {b.person_id for b in layout.boxes} >= {"@I0@", "@I1@", "@I2@"}
    job = ChartPrint(tree, layout, PrintOptions(person_sheet=True))
    pdf = tmp_path / "m.pdf"
    write_pdf(job, pdf)
    text = normalise(pdf_text(pdf))
    svg = tmp_path / "m.svg"
    write_svg(ChartPrint(tree, layout), svg)
    root = ET.parse(svg).getroot()  # parses: nothing unescaped broke the XML
    svg_text = normalise(" ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text")))
    assert root.find(f".//{SVG}script") is None
    assert root.find(f".//{SVG}b") is None
    for pid in sorted(layout.person_ids):
        name = normalise(tree.people[pid].display_name())
        assert name in text, name
        assert name in svg_text, name
    sheet = PersonSheet(tree, "@I2@", 500, 700)
    plain = normalise(sheet.document.toPlainText())
    for pid in ("@I0@", "@I1@", "@I2@", "@I3@"):
        assert normalise(tree.people[pid].display_name()) in plain
    html = person_sheet_html(tree, "@I2@")
    assert "<script>" not in html
    assert "<b>Bold" not in html


# -- safe writing ------------------------------------------------------------------------------------


def test_a_failed_write_keeps_the_existing_file_and_leaves_no_partial(bundled, tmp_path: Path,
                                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    tree, layout = bundled
    out = tmp_path / "chart.pdf"
    out.write_bytes(b"the previous export")

    def refuse(src: str, dst: str) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    for name in ("chart.pdf",):
        with pytest.raises(ExportError, match="Permission denied"):
            export_chart(ChartPrint(tree, layout), tmp_path / name)
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.pdf"]


_FULL_DISK = """
import resource, signal, sys
from familytree import cli
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (20000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
print([cli.main(["export", out, "--dpi", "300"]) for out in sys.argv[1:]])
"""


def test_a_disk_that_fills_up_midway_keeps_the_existing_file_and_says_so(tmp_path: Path) -> None:
    # Qt's writers do not report failed writes: a full disk used to leave a truncated PDF and "wrote ..."
    outs = [tmp_path / f"chart{suffix}" for suffix in (".pdf", ".svg", ".png")]
    for out in outs:
        out.write_bytes(b"the previous export")
    # -B: a module's bytecode cache written under the limit would be cut short, and every later
    # import of it in the test run would fail ("marshal data too short")
    done = subprocess.run([sys.executable, "-B", "-c", _FULL_DISK, *map(str, outs)], capture_output=True,
                          text=True, timeout=120)
    assert done.stdout.strip() == "[1, 1, 1]", done.stderr
    errors = done.stderr.splitlines()
    assert [line for line in errors if "cannot write" in line] == [
        f"familytree: {out}: cannot write: File too large" for out in outs]
    assert "wrote" not in done.stdout
    for out in outs:
        assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(out.name for out in outs)


@pytest.mark.parametrize("suffix", [".pdf", ".svg", ".png"])
def test_an_unwritable_folder_is_a_clear_error(bundled, tmp_path: Path, suffix: str) -> None:
    tree, layout = bundled
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    with pytest.raises(ExportError, match="not a folder"):
        export_chart(ChartPrint(tree, layout), blocker / f"chart{suffix}")
    assert blocker.read_text() == "a file where a folder should be"


# -- the command line ----------------------------------------------------------------------------------


def run_cli(*args: str) -> int:
    return cli.main(["export", *args])


def test_cli_writes_a_poster_and_says_what_it_wrote(qapp, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "poster.pdf"
    assert run_cli(str(out), "--poster", "3x2", "--paper", "a3", "--landscape",
                   "--orientation", "vertical") == 0
    said = capsys.readouterr().out
    assert str(out) in said
    assert "7 pages" in said
    assert "3x2" in said
    assert pdf_pages(out) == 7


@pytest.mark.parametrize("chart", [c.value for c in ChartType])
def test_cli_draws_every_chart_type_for_a_named_person(qapp, tmp_path: Path, bundled, chart: str,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    tree, _ = bundled
    focus = tree.people[tree.default_person_id()]
    out = tmp_path / f"{chart}.svg"
    assert run_cli(str(out), "--chart", chart, "--focus", focus.display_name(), "--generations", "2") == 0
    said = capsys.readouterr().out
    assert ChartType(chart).title in said
    assert focus.display_name() in said
    ET.parse(out)


def test_cli_png_options(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.png"
    assert run_cli(str(out), "--dpi", "96", "--background", "transparent", "--orientation", "horizontal") == 0
    assert "96 dpi" in capsys.readouterr().out
    assert QImage(str(out)).pixelColor(0, 0).alpha() == 0


@pytest.mark.parametrize(("args", "message"), [
    (["{tmp}/blocker/out.pdf"], "not a folder"),
    (["{tmp}/out.gif"], "unknown format"),
    (["{tmp}/out.svg", "--poster", "2x2"], "write a .pdf for them (an SVG is one image"),
    (["{tmp}/out.png", "--person-sheet"], "write a .pdf for them (a PNG is one image"),
    (["{tmp}/out.pdf", "--focus", "Nobody Such-Person-Xyzzy"], "trotsky-sedov.ged: no person matches"),
    (["{tmp}/out.pdf", "--file", "{tmp}/missing.ged"], "no such file"),
])
def test_cli_failures_exit_non_zero_with_one_line(qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  args: list[str], message: str) -> None:
    (tmp_path / "blocker").write_text("x")
    code = run_cli(*[a.format(tmp=tmp_path) for a in args])
    err = capsys.readouterr().err
    assert code != 0
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]


def test_cli_rejects_a_bad_poster_size(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as e:
        run_cli("x.pdf", "--poster", "3by2")
    assert e.value.code != 0
    assert "COLUMNSxROWS" in capsys.readouterr().err


def test_cli_runs_headless_in_a_fresh_process(tmp_path: Path) -> None:
    out = tmp_path / "chart.pdf"
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    done = subprocess.run([sys.executable, "-m", "familytree.cli", "export", str(out), "--person-sheet"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"wrote {out}:")
    assert pdf_pages(out) >= 2


def test_paper_gets_print_colours_under_a_dark_theme(bundled, qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QPalette

    tree, layout = bundled
    saved = qapp.palette()
    dark = QPalette(saved)
    for role, colour in ((QPalette.ColorRole.Window, "#202020"), (QPalette.ColorRole.Base, "#202020"),
                         (QPalette.ColorRole.Text, "#f0f0f0"), (QPalette.ColorRole.WindowText, "#f0f0f0")):
        dark.setColor(role, QColor(colour))
    qapp.setPalette(dark)
    try:
        job = ChartPrint(tree, layout, PrintOptions(person_sheet=True))
        out = tmp_path / "dark.png"
        write_png(job, out, 72)
        image = QImage(str(out))
        assert image.pixelColor(2, 2).lightness() == 255  # white paper
        focus = layout.box_for(layout.focus_id)
        inside = image.pixelColor(int(focus.x + focus.width - 6 - job.chart.x + IMAGE_MARGIN),
                                  int(focus.bottom - 4 - job.chart.y + IMAGE_MARGIN))
        assert inside.lightness() > 200  # a light box, not the dark theme's
        # the person sheet's text is black on white too
        job.paginate(539.0, 786.0)
        index = next(i for i, p in enumerate(job.pages) if p.kind is PageKind.PERSON_SHEET)
        page = render_page(job, index, 539.0, 786.0, 72.0)
        darkest = min(QColor(page.pixel(x, y)).lightness() for y in range(40, 120) for x in range(0, 300))
        assert darkest < 60
    finally:
        qapp.setPalette(saved)


def two_islands() -> tuple[Tree, ChartLayout]:
    """Two people far apart: a poster across them has empty sheets between."""
    from familytree.layout import Box

    tree = Tree()
    sizer = make_sizer()
    boxes = []
    for i, x in enumerate((0.0, 4000.0)):
        p = tree.add_person(Person(f"@I{i}@", [Name.from_gedcom(f"Island{i} /Person/")], Sex.MALE))
        w, h = sizer(p)
        boxes.append(Box(p.id, p.id, x, 0.0, w, h, 0, is_focus=i == 0))
    return tree, ChartLayout(ChartType.RELATIVES, "@I0@", boxes, [])


def test_blank_poster_sheets_are_left_out_and_named_on_the_assembly_page(qapp, tmp_path: Path) -> None:
    tree, layout = two_islands()
    out = tmp_path / "islands.pdf"
    job = ChartPrint(tree, layout, PrintOptions(poster=(5, 1)))
    result = write_pdf(job, out)
    assert job.blank_sheets == {"B1", "C1", "D1"}
    assert result.pages == 3 == pdf_pages(out)  # the assembly page, A1 and E1
    assembly = normalise(pdf_text(out, 1))
    assert "Not printed, no one on them: B1, C1, D1" in assembly
    text = normalise(pdf_text(out))
    assert "Island0 Person" in text
    assert "Island1 Person" in text
    # only to measure can every cell be printed: 5 sheets and the assembly page
    everything = ChartPrint(tree, layout, PrintOptions(poster=(5, 1), skip_blank_sheets=False))
    assert write_pdf(everything, tmp_path / "all.pdf").pages == 6


def test_markup_in_names_is_drawn_as_text_in_png(qapp, tmp_path: Path) -> None:
    """The PNG's name ink is as wide as the literal text with its tags, not the text a tag would style."""
    from PySide6.QtGui import QFontMetricsF

    from familytree.render.items import BAND, PAD_X, SYMBOL_GAP

    tree = markup_tree()
    layout = markup_layout(tree)
    job = ChartPrint(tree, layout)
    out = tmp_path / "m.png"
    dpi = 144.0
    write_png(job, out, dpi)
    image = QImage(str(out))
    k = dpi / 72.0
    fonts = job.scene.fonts
    box = layout.box_for("@I0@")
    literal = tree.people["@I0@"].display_name()
    assert literal.startswith("<b>")
    fm = QFontMetricsF(fonts.name)
    symbol_width = max(QFontMetricsF(fonts.symbol).horizontalAdvance(s.symbol) for s in Sex)
    text_left = box.x + BAND + PAD_X + symbol_width + SYMBOL_GAP

    def px(x: float, y: float) -> tuple[int, int]:
        return int((x - job.chart.x + IMAGE_MARGIN) * k), int((y - job.chart.y + IMAGE_MARGIN) * k)

    left, top = px(text_left - 1, box.y + 2)
    right, bottom = px(box.right - 2, box.y + box.height / 2)
    ink = [x for x in range(left, right) for y in range(top, bottom)
           if QColor(image.pixel(x, y)).lightness() < 100]
    assert ink, "no name drawn"
    drawn = (max(ink) - min(ink)) / k
    as_text = fm.horizontalAdvance(literal)
    as_markup = fm.horizontalAdvance(literal.replace("<b>", "").replace("</b>", ""))
    assert abs(drawn - as_text) < abs(drawn - as_markup)


def media_box(path: Path) -> tuple[float, float]:
    m = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", path.read_bytes())
    assert m is not None
    return float(m.group(1)), float(m.group(2))


def test_the_paper_is_turned_to_print_the_chart_larger(qapp, tmp_path: Path) -> None:
    from familytree.render.export import best_orientation

    wide_tree, wide = wide_chart(12)
    tall_tree = Tree()
    boxes = []
    sizer = make_sizer()
    from familytree.layout import Box

    for i in range(12):  # a chain of generations, one person each: taller than wide
        p = tall_tree.add_person(Person(f"@T{i}@", [Name.from_gedcom(f"Gen{i} /Tall/")], Sex.MALE))
        w, h = sizer(p)
        boxes.append(Box(p.id, p.id, 0.0, i * 100.0, w, h, -i, is_focus=i == 0))
    tall = ChartLayout(ChartType.ANCESTORS, "@T0@", boxes, [])
    turned = best_orientation(ChartPrint(wide_tree, wide), "A4")
    upright = best_orientation(ChartPrint(tall_tree, tall), "A4")
    assert turned.orientation() == turned.Orientation.Landscape
    assert upright.orientation() == upright.Orientation.Portrait


def test_cli_chooses_the_orientation_unless_told(qapp, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "o.pdf"
    assert run_cli(str(out)) == 0
    width, height = media_box(out)
    said = capsys.readouterr().out
    assert ("landscape" in said) == (width > height)
    assert run_cli(str(out), "--portrait") == 0
    width, height = media_box(out)
    assert width < height
    assert "landscape" not in capsys.readouterr().out


def test_svg_stays_valid_xml_with_control_characters_in_a_name(qapp, tmp_path: Path) -> None:
    tree = Tree()
    tree.add_person(Person("@I1@", [Name(full="Bad\x01Name Y", given="Bad\x01Name\x0b", surname="Y\ufffe")]))
    layout = layout_chart(tree, ChartType.HOURGLASS, "@I1@", 1, 1, make_sizer())
    out = tmp_path / "ctl.svg"
    write_svg(ChartPrint(tree, layout), out)
    root = ET.parse(out).getroot()
    texts = " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))
    assert "BadName" in texts  # control characters are not shown (Name.display drops them)
    assert "Y\ufffd" in texts  # a character XML cannot hold becomes a replacement mark


def test_a_cancelled_pdf_writes_nothing_and_keeps_the_old_file(bundled, tmp_path: Path) -> None:
    tree, layout = bundled
    out = tmp_path / "poster.pdf"
    out.write_bytes(b"the previous export")
    seen: list[tuple[int, int]] = []

    def cancel_after_two(done: int, total: int) -> bool:
        seen.append((done, total))
        return done < 2

    with pytest.raises(ExportError, match="cancelled"):
        write_pdf(ChartPrint(tree, layout, PrintOptions(poster=(3, 2))), out, progress=cancel_after_two)
    assert seen == [(0, 7), (1, 7), (2, 7)]
    assert out.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["poster.pdf"]


def test_a_name_of_megabytes_gives_a_short_title_and_box(qapp, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    name = "N" * 2_000_000
    source = tmp_path / "long.ged"
    source.write_text(f"0 HEAD\n1 GEDC\n2 VERS 7.0\n0 @I1@ INDI\n1 NAME {name} /Long/\n1 SEX M\n"
                      "1 FAMC @F1@\n0 @I2@ INDI\n1 NAME Ann /Lee/\n1 FAMS @F1@\n"
                      "0 @F1@ FAM\n1 WIFE @I2@\n1 CHIL @I1@\n0 TRLR\n", encoding="utf-8")
    out = tmp_path / "long.svg"
    assert run_cli(str(out), "--file", str(source), "--focus", "@I1@") == 0
    said = capsys.readouterr()
    assert len(said.out) < 500  # not the name on the terminal
    assert "Hourglass chart of NNNN" in said.out
    assert "\u2026" in said.out  # ... but its beginning, cut
    root = ET.parse(out).getroot()
    for tag in ("title", "desc"):
        element = root.find(f"{SVG}{tag}")
        assert element is not None
        assert 0 < len(element.text or "") < 300
    texts = ["".join(t.itertext()) for t in root.iter(f"{SVG}text")]
    assert max(len(t) for t in texts) < 200  # the box shows a cut name
    assert out.stat().st_size < 100_000

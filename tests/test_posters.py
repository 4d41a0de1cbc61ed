"""Posters that fill their sheets and charts turned to print larger (issue 14): every printed sheet
touches the chart, an automatic poster prints names legibly or says why not, and the orientation
chosen never prints smaller than a fixed one."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout

from familytree import cli
from familytree.gedcom import read_file
from familytree.layout import ChartLayout, ChartType, Orientation, layout_chart
from familytree.model import Tree
from familytree.render.export import ChartPrint, PrintOptions, best_print, page_layout
from familytree.render.items import make_sizer
from familytree.render.pages import PageKind, Rect
from support.builders import TreeBuilder
from support.corpus import corpus_path

pytestmark = pytest.mark.gui

VICTORIA = "@I1@"  # Queen Victoria in royal92.ged
ORIENTATIONS = (Orientation.VERTICAL, Orientation.HORIZONTAL)


def wide_family(children: int, grandchildren: int) -> tuple[Tree, str]:
    """A couple, their children each married with children of their own: a wide, shallow chart."""
    b = TreeBuilder(marriages=True)
    father, mother = b.person("Founder /Wide/", "M", born="1800"), b.person("Founder's Wife /Broad/", "F")
    kids = [b.person(f"Child{i} /Wide/", "MF"[i % 2], born=str(1825 + i)) for i in range(children)]
    b.family(father, mother, kids)
    for i, kid in enumerate(kids):
        partner = b.person(f"Partner{i} /Other/", "FM"[i % 2])
        grand = [b.person(f"Grandchild{i}.{j} /Wide/", "MF"[j % 2]) for j in range(grandchildren)]
        b.family(*((kid, partner) if i % 2 == 0 else (partner, kid)), grand)
    return b.tree, father


def long_line(generations: int) -> tuple[Tree, str]:
    """One child a generation, each married: a chart far taller than wide."""
    b = TreeBuilder(marriages=True)
    top = person = b.person("Generation0 /Line/", "M")
    for g in range(1, generations):
        partner = b.person(f"Spouse{g} /Married-In/", "F")
        child = b.person(f"Generation{g} /Line/", "M")
        b.family(person, partner, [child])
        person = child
    return b.tree, top


_read: dict[str, Tree] = {}


def corpus_tree(relative: str) -> Tree:
    if relative not in _read:
        _read[relative] = read_file(corpus_path(relative))
    return _read[relative]


def chart_case(name: str) -> tuple[Tree, ChartType, str, int, int]:
    """Generated wide and tall charts and corpus charts: tree, chart, focus, up, down."""
    if name == "wide":
        tree, focus = wide_family(24, 3)
        return tree, ChartType.DESCENDANTS, focus, 0, 2
    if name == "tall":
        tree, focus = long_line(16)
        return tree, ChartType.DESCENDANTS, focus, 0, 16
    if name.startswith("royal92"):
        chart, down = {"royal92 descendants 2": (ChartType.DESCENDANTS, 2),
                       "royal92 descendants 3": (ChartType.DESCENDANTS, 3),
                       "royal92 relatives": (ChartType.RELATIVES, 3)}[name]
        return corpus_tree("real/royal92.ged"), chart, VICTORIA, 0, down
    tree = corpus_tree(name)
    return tree, ChartType.HOURGLASS, tree.default_person_id(), 3, 3


CASES = ["wide", "tall", "royal92 descendants 2", "royal92 descendants 3", "royal92 relatives",
         "real/bach-paf.ged", "real/kennedy-ancestris.ged"]
_layouts: dict[tuple[str, Orientation], tuple[Tree, ChartLayout]] = {}


def laid_out(name: str, orientation: Orientation = Orientation.VERTICAL) -> tuple[Tree, ChartLayout]:
    if (name, orientation) not in _layouts:
        tree, chart, focus, up, down = chart_case(name)
        layout = layout_chart(tree, chart, focus, up, down, make_sizer(), orientation)
        _layouts[(name, orientation)] = tree, layout
    return _layouts[(name, orientation)]


def jobs(name: str, options: PrintOptions) -> list[ChartPrint]:
    return [ChartPrint(*laid_out(name, o), options) for o in ORIENTATIONS]


def ink(layout: ChartLayout) -> list[Rect]:
    """What makes a sheet worth printing, reckoned here from the layout: boxes and the middles of the
    connectors' labels (a line alone does not)."""
    out = [Rect(b.x, b.y, b.width, b.height) for b in layout.boxes]
    for c in layout.connectors:
        if c.label and c.label_at is not None:
            out.append(Rect(c.label_at[0] - 0.5, c.label_at[1] - 0.5, 1.0, 1.0))
    return out


def paper(name: str, landscape: bool) -> tuple[float, float]:
    rect = page_layout(name, landscape).paintRect(QPageLayout.Unit.Point)
    return rect.width(), rect.height()


def printed_sheets(job: ChartPrint) -> list:
    return [p.sheet for p in job.pages if p.kind is PageKind.CHART]


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("poster", [None, (3, 3), (5, 2)])
def test_every_printed_sheet_touches_the_chart_and_every_sheet_left_out_is_blank(qapp, name: str,
                                                                                 poster) -> None:
    for orientation in ORIENTATIONS:
        tree, layout = laid_out(name, orientation)
        marks = ink(layout)
        job = ChartPrint(tree, layout, PrintOptions(poster=poster, auto_poster=poster is None))
        for size in (paper("A4", False), paper("A3", True)):
            job.paginate(*size)
            plan = job.plan
            if not plan.is_poster:
                continue
            printed = printed_sheets(job)
            assert job.pages[0].kind is PageKind.ASSEMBLY
            for sheet in printed:
                assert any(sheet.trim.intersects(r) for r in marks), f"{name}: sheet {sheet.label} is blank"
            left_out = [s for s in plan.sheets if s not in printed]
            assert {s.label for s in left_out} == job.blank_sheets
            for sheet in left_out:
                assert not any(sheet.trim.intersects(r) for r in marks), \
                    f"{name}: sheet {sheet.label} was left out with part of the chart on it"


@pytest.mark.parametrize("name", CASES)
@pytest.mark.parametrize("min_text", [6.0, 9.0])
def test_the_auto_poster_prints_names_at_least_min_text_tall(qapp, name: str, min_text: float) -> None:
    for job in jobs(name, PrintOptions(auto_poster=True, min_text_pt=min_text)):
        for size in (paper("A4", False), paper("A3", True)):
            job.paginate(*size)
            assert job.plan.text_pt >= min_text - 1e-6, (name, job.warnings)
            if job.plan.is_poster:  # a grid with a whole row or column blank is a smaller grid on more paper
                printed = printed_sheets(job)
                assert {s.column for s in printed} == set(range(job.plan.columns))
                assert {s.row for s in printed} == set(range(job.plan.rows))


def test_the_auto_poster_says_why_when_names_cannot_be_legible(qapp) -> None:
    tree, layout = laid_out("wide")
    # a box taller than a sheet at 70 pt names: no grid can print it whole
    job = ChartPrint(tree, layout, PrintOptions(auto_poster=True, min_text_pt=70.0))
    job.paginate(*paper("A4", False))
    assert job.plan.text_pt < 70.0
    assert any("the largest box would not fit on one sheet; use larger paper" in w for w in job.warnings)
    # more sheets than a poster is given
    wide_tree, _ = wide_family(400, 0)
    wide = layout_chart(wide_tree, ChartType.DESCENDANTS, next(iter(wide_tree.people)), 0, 1, make_sizer())
    job = ChartPrint(wide_tree, wide, PrintOptions(auto_poster=True, min_text_pt=12.0))
    job.paginate(*paper("A4", False))
    assert job.plan.text_pt < 12.0
    assert any("more than a poster is given (100); use larger paper or fewer generations" in w
               for w in job.warnings)


def merit_of(job: ChartPrint, layout: QPageLayout) -> tuple[bool, int, float]:
    paint = layout.paintRect(QPageLayout.Unit.Point)
    job.paginate(paint.width(), paint.height())
    return job.plan.legible(job.options.min_text_pt), len(printed_sheets(job)), job.plan.text_pt


@pytest.mark.parametrize("name", CASES)
def test_the_orientation_chosen_never_prints_smaller_than_a_fixed_one(qapp, name: str) -> None:
    for paper_name in ("A4", "A3"):
        fixed = [page_layout(paper_name, landscape) for landscape in (False, True)]
        # on one page: names as large as the best of chart and paper turned either way
        fits = jobs(name, PrintOptions())
        job, chosen = best_print(fits, paper_name)
        _, _, text = merit_of(job, chosen)
        assert all(text >= merit_of(j, p)[2] - 1e-9 for j in fits for p in fixed)
        # a poster: legible if any way is, on no more sheets than the fewest a legible way takes
        posters = jobs(name, PrintOptions(auto_poster=True))
        job, chosen = best_print(posters, paper_name)
        legible, sheets, _ = merit_of(job, chosen)
        others = [merit_of(j, p) for j in posters for p in fixed]
        assert legible or not any(m[0] for m in others)
        assert sheets <= min(m[1] for m in others if m[0] == legible)
        # paper fixed by the user: the chart's orientation is still chosen, the paper kept
        job, chosen = best_print(posters, page_layout(paper_name, True), turn=False)
        assert chosen.orientation() == QPageLayout.Orientation.Landscape


def test_a_very_wide_chart_prints_as_a_strip(qapp) -> None:
    """Queen Victoria's relatives chart, generations as rows (27 times wider than tall) on A3
    landscape: one row of sheets; a 3x3 poster of it prints the three sheets of its middle row,
    not six blank ones."""
    tree, layout = laid_out("royal92 relatives")
    left, top, right, bottom = layout.bounds()
    assert (right - left) > 20 * (bottom - top)
    job = ChartPrint(tree, layout, PrintOptions(auto_poster=True))
    job.paginate(*paper("A3", True))
    assert job.plan.rows == 1
    assert job.plan.text_pt >= 6.0
    assert len(printed_sheets(job)) == job.plan.columns
    square = ChartPrint(tree, layout, PrintOptions(poster=(3, 3)))
    square.paginate(*paper("A3", True))
    assert [s.label for s in printed_sheets(square)] == ["A2", "B2", "C2"]
    assert square.blank_sheets == {"A1", "B1", "C1", "A3", "B3", "C3"}


# -- the command line ---------------------------------------------------------------------------


def pdfinfo_pages(path: Path) -> int:
    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed: cannot count the PDF's pages")
    info = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True).stdout
    m = re.search(r"^Pages:\s+(\d+)", info, re.MULTILINE)
    assert m is not None
    return int(m.group(1))


def pdf_text(path: Path, page: int = 0) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *pages, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def export(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    assert cli.main(["export", *args]) == 0
    captured = capsys.readouterr()
    return captured.out, captured.err


def names_pt(said: str) -> float:
    m = re.search(r"names ([\d.]+) pt", said)
    assert m is not None, said
    return float(m.group(1))


def test_cli_poster_auto_prints_only_sheets_with_the_chart_on_them(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    royal = str(corpus_path("real/royal92.ged"))
    out = tmp_path / "relatives.pdf"
    said, _ = export(capsys, str(out), "--file", royal, "--focus", VICTORIA, "--chart", "relatives",
                     "--paper", "A3", "--poster", "auto", "--orientation", "vertical", "--landscape")
    m = re.search(r"(\d+) pages .*a poster of (\d+)x(\d+) sheets", said)
    assert m is not None, said
    pages, columns, rows = (int(g) for g in m.groups())
    assert rows == 1
    assert pages == columns + 1 == pdfinfo_pages(out)
    assert names_pt(said) >= 6.0
    assert "Assembly guide" in pdf_text(out, 1)
    assert "Victoria" in pdf_text(out)
    # a 3x3 poster of the same strip: the assembly page and the three sheets of the middle row
    out = tmp_path / "square.pdf"
    said, err = export(capsys, str(out), "--file", royal, "--focus", VICTORIA, "--chart", "relatives",
                       "--paper", "A3", "--poster", "3x3", "--orientation", "vertical", "--landscape")
    assert pdfinfo_pages(out) == 4
    assert "6 blank sheets left out" in said
    assert "Not printed, no one on them: A1, B1, C1, A3, B3, C3" in pdf_text(out, 1)
    assert "try --poster auto" in err


def test_cli_fit_offers_the_auto_poster_and_turns_the_chart_to_print_larger(
        qapp, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    royal = str(corpus_path("real/royal92.ged"))
    common = ["--file", royal, "--focus", VICTORIA, "--chart", "descendants", "--up", "0", "--down", "3",
              "--paper", "A3", "--fit"]
    said, err = export(capsys, str(tmp_path / "auto.pdf"), *common)
    chosen = names_pt(said)
    assert "try --poster auto" in err
    assert "horizontal chart" in said  # 196 people in four generations: larger as columns
    for orientation in ("vertical", "horizontal"):
        for turn in ("--portrait", "--landscape"):
            fixed, _ = export(capsys, str(tmp_path / "fixed.pdf"), *common, "--orientation", orientation,
                              turn)
            assert chosen >= names_pt(fixed)
            assert ", horizontal chart" not in fixed  # the user's choice: nothing to say
    assert pdfinfo_pages(tmp_path / "auto.pdf") == 1

"""`familytree export OUT`: write a chart as PDF pages, an SVG or a PNG, without a display."""

from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from familytree.commands.common import CommandError, add_file_option, fail, load_tree, resolve_person
from familytree.commands.living import add_living_option, hide_living, kept_focus
from familytree.layout.chart import ChartLayout, ChartType, LayoutOptions, Orientation
from familytree.layout.fan import DEFAULT_FAN_ANGLE, FAN_ANGLES, FanColours, FanOptions
from familytree.model.text import SHORT_TEXT, shorten
from familytree.privacy import hidden_note

if TYPE_CHECKING:  # drawing needs a QApplication first (_ensure_application): imported when run
    from familytree.render.export import ChartPrint
    from familytree.render.pages import PagePlan

PAPERS = ("A4", "Letter", "A3", "A2", "A1", "A0", "Legal", "Tabloid")
DEFAULT_GENERATIONS = 3
AUTO: Final = "auto"  # --orientation auto and --poster auto: chosen to print the chart larger


def _poster(text: str) -> tuple[int, int] | Literal["auto"]:
    if text.strip().lower() == AUTO:
        return AUTO
    m = re.fullmatch(r"\s*(\d+)\s*[xX\u00d7*]\s*(\d+)\s*", text)
    if not m or not (1 <= int(m.group(1)) <= 50 and 1 <= int(m.group(2)) <= 50):
        raise argparse.ArgumentTypeError(f"{text!r} is not auto or COLUMNSxROWS with 1 to 50 of each, "
                                         "like 3x2")
    return int(m.group(1)), int(m.group(2))


def _generations(text: str) -> int:
    if text.strip().lower() == "all":
        from familytree.layout import ALL_GENERATIONS

        return ALL_GENERATIONS
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of generations (0-10, or all)") from None
    if n < 0:
        raise argparse.ArgumentTypeError("generations cannot be negative")
    return n


def _paper(text: str) -> str:
    for p in PAPERS:
        if p.lower() == text.strip().lower():
            return p
    raise argparse.ArgumentTypeError(f"{text!r} is not a paper size; choose one of {', '.join(PAPERS)}")


def _points(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a size in points") from None
    if not 1 <= value <= 72:
        raise argparse.ArgumentTypeError("the smallest legible name size must be between 1 and 72 pt")
    return value


def _dpi(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a resolution in dots per inch") from None
    if not 10 <= value <= 2400:
        raise argparse.ArgumentTypeError("the resolution must be between 10 and 2400 dpi")
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = ("Write a chart to OUT: a PDF (pages: one, or a poster of several sheets with an "
                          "assembly guide), an SVG or a PNG image, chosen by OUT's extension.")
    parser.add_argument("out", metavar="OUT", help="the file to write: NAME.pdf, NAME.svg or NAME.png")
    add_file_option(parser)
    parser.add_argument("--focus", metavar="PERSON",
                        help="the person at the centre: an xref like @I12@ or a name "
                             "(default: the file's home or first person)")
    parser.add_argument("--chart", choices=[c.value for c in ChartType], default=ChartType.HOURGLASS.value,
                        help="the kind of chart (default: hourglass)")
    parser.add_argument("--generations", metavar="N", type=_generations,
                        help=f"generations up and down (default {DEFAULT_GENERATIONS}; 'all' for every one)")
    parser.add_argument("--up", metavar="N", type=_generations, help="generations of ancestors (overrides N)")
    parser.add_argument("--down", metavar="N", type=_generations,
                        help="generations of descendants (overrides N)")
    parser.add_argument("--orientation", choices=[AUTO, *(o.value for o in Orientation)], default=AUTO,
                        help="generations as rows (vertical) or columns (horizontal); auto (default): "
                             "whichever prints the chart larger on the paper (an SVG or PNG: vertical)")
    parser.add_argument("--compact", action="store_true",
                        help="a compact chart: partners share a box ('William II \u221e Augusta Victoria, "
                             "Hermine'), one line a person, tight spacing, a descendants tree packed tidily; "
                             "prints a large family larger")
    parser.add_argument("--fan-angle", type=int, choices=FAN_ANGLES, default=DEFAULT_FAN_ANGLE,
                        help=f"how far a fan chart opens, in degrees (default {DEFAULT_FAN_ANGLE})")
    parser.add_argument("--fan-colours", choices=[c.value for c in FanColours], default=FanColours.SIDE.value,
                        help="what a fan's colours tell: the father's and mother's side (default), "
                             "or the generation")
    parser.add_argument("--paper", type=_paper, default="A4",
                        help=f"paper size for a PDF: {', '.join(PAPERS)}")
    turn = parser.add_mutually_exclusive_group()
    turn.add_argument("--landscape", action="store_true", help="turn the paper sideways")
    turn.add_argument("--portrait", action="store_true",
                      help="keep the paper upright (default: whichever prints the chart larger)")
    pages = parser.add_mutually_exclusive_group()
    pages.add_argument("--fit", action="store_true",
                       help="the whole chart on one page, however small the names get")
    pages.add_argument("--poster", metavar="COLSxROWS|auto", type=_poster,
                       help="tile the chart over COLS x ROWS sheets (plus an assembly guide page); auto: "
                            "the fewest sheets that print names at least --min-text tall")
    parser.add_argument("--min-text", metavar="PT", type=_points, default=6.0,
                        help="smallest legible name size in points; without --fit or --poster a chart whose "
                             "names would be smaller on one page becomes a poster (default 6)")
    # poster sheets with nothing of the chart on them are always left out now (the assembly page
    # names them): the option is still accepted so that scripts written for it run
    parser.add_argument("--skip-blank-sheets", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--person-sheet", action="store_true",
                        help="add pages with the focus person's facts, family, biography and sources")
    parser.add_argument("--dpi", type=_dpi, default=150.0, help="resolution of a PNG (default 150)")
    parser.add_argument("--background", choices=("white", "transparent"), default="white",
                        help="PNG background (default white)")
    parser.add_argument("--no-portraits", action="store_true",
                        help="draw no photos in the boxes (by default a file with photos has each person's "
                             "portrait in their box and on the person sheet)")
    add_living_option(parser)


def _ensure_application() -> None:
    """The chart is a QGraphicsScene, which needs a QApplication; with no display, draw offscreen."""
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        # kept on the module so it lives as long as the process
        global _APP
        _APP = QApplication([sys.argv[0] if sys.argv else "familytree"])


_APP: object = None


def build_layout(tree: object, chart: ChartType, focus_id: str, up: int, down: int,
                 orientation: Orientation, fan: FanOptions | None = None,
                 portraits: bool = False, options: LayoutOptions | None = None) -> ChartLayout:
    """Lay the chart out with box sizes measured on the print fonts (and room for `portraits`,
    none in a compact chart)."""
    from familytree.render.items import make_sizer

    try:
        from familytree.layout import layout_chart  # type: ignore[attr-defined,unused-ignore]
    except ImportError:
        raise CommandError("charts cannot be laid out yet in this version (no layout engine)") from None
    try:
        sizer = make_sizer(portraits=portraits and not (options is not None and options.compact))
        return layout_chart(tree, chart, focus_id, up, down, sizer,  # type: ignore[arg-type]
                            orientation, fan=fan, options=options)
    except NotImplementedError:
        raise CommandError(f"the {chart.value} chart is not supported yet; use --chart hourglass") from None


def run(ns: argparse.Namespace) -> int:
    try:
        return _run(ns)
    except CommandError as e:
        return fail(str(e))


def _run(ns: argparse.Namespace) -> int:
    from familytree.render.export import ExportError, ExportFormat, format_for_path

    out = Path(ns.out)
    try:
        fmt = format_for_path(out)
    except ExportError as e:
        raise CommandError(str(e)) from None
    if fmt is not ExportFormat.PDF and (ns.poster or ns.person_sheet):
        raise CommandError(f"{out}: --poster and --person-sheet make pages; write a .pdf for them "
                           f"({'an' if fmt is ExportFormat.SVG else 'a'} {fmt.value.upper()} is one image of "
                           "the whole chart)")
    tree = load_tree(ns.file)
    if not tree.people:
        raise CommandError(f"{ns.file or 'the file'}: has no people to draw")
    try:
        focus = resolve_person(tree, ns.focus) if ns.focus else tree.default_person_id()
    except CommandError as e:
        raise CommandError(f"{ns.file or tree.path}: {e}") from None
    redaction = hide_living(tree, ns.living)  # before the layout: nothing hidden reaches the drawing
    tree, focus = redaction.tree, kept_focus(redaction, focus, bool(ns.focus))
    generations = ns.generations if ns.generations is not None else DEFAULT_GENERATIONS
    up = ns.up if ns.up is not None else generations
    down = ns.down if ns.down is not None else generations

    _ensure_application()
    from familytree.render.export import (
        ChartPrint,
        PrintOptions,
        best_print,
        page_layout,
        write_pdf,
        write_png,
        write_svg,
    )

    chart = ChartType(ns.chart)
    fan = FanOptions(ns.fan_angle, FanColours(ns.fan_colours))
    if ns.orientation != AUTO:
        orientations = [Orientation(ns.orientation)]
    elif fmt is ExportFormat.PDF and chart is not ChartType.FAN:  # a fan is round: turning it changes nothing
        orientations = [Orientation.VERTICAL, Orientation.HORIZONTAL]
    else:
        orientations = [Orientation.VERTICAL]
    from familytree.render.portraits import file_portraits

    # the photos the file (with the living hidden) still links: a hidden person's are gone
    portraits = None if ns.no_portraits else file_portraits(tree)
    room = portraits is not None
    layout_options = LayoutOptions(compact=ns.compact)
    layouts = [build_layout(tree, chart, focus, up, down, o, fan, room, layout_options) for o in orientations]
    for warning in layouts[0].warnings:
        print(f"familytree: warning: {shorten(warning, 2 * SHORT_TEXT)}", file=sys.stderr)
    options = PrintOptions(
        poster=None if ns.poster == AUTO else ns.poster,
        auto_poster=not ns.fit and ns.poster in (None, AUTO),
        person_sheet=ns.person_sheet,
        min_text_pt=ns.min_text,
        file_name=Path(tree.path or ns.file or "").name,
        privacy_note=hidden_note(redaction.mode, redaction.living, redaction.restricted),
        portraits=portraits,
    )
    jobs = [ChartPrint(tree, layout, options) for layout in layouts]
    job = jobs[0]
    landscape = False
    try:
        if fmt is ExportFormat.PDF:
            turned = ns.landscape or ns.portrait
            paper = page_layout(ns.paper, ns.landscape) if turned else page_layout(ns.paper)
            job, paper = best_print(jobs, paper, turn=not turned)
            landscape = paper.orientation() == paper.Orientation.Landscape
            result = write_pdf(job, out, paper)
        elif fmt is ExportFormat.SVG:
            result = write_svg(job, out)
        else:
            result = write_png(job, out, ns.dpi, transparent=ns.background == "transparent")
    except ExportError as e:
        raise CommandError(str(e)) from None
    for warning in result.warnings:
        print(f"familytree: note: {shorten(warning, 2 * SHORT_TEXT)}", file=sys.stderr)
    if job.offer is not None:
        print(f"familytree: note: try --poster auto: names {job.offer.text_pt:.1f} pt on "
              f"{_printed(job.offer, job)}", file=sys.stderr)
    layout = job.layout
    count = len(layout.person_ids)
    people = f"{count} {'person' if count == 1 else 'people'}"
    if fmt is ExportFormat.PDF:
        plan = job.plan
        assert plan is not None
        what = (f"a poster of {plan.columns}x{plan.rows} sheets and an assembly page" if plan.is_poster
                else "one chart page")
        if job.blank_sheets:
            blank = len(job.blank_sheets)
            what += f", {blank} blank sheet{'s' if blank != 1 else ''} left out"
        if options.person_sheet:
            what += " and the person sheet"
        turned = " landscape" if landscape else ""
        if len(layouts) > 1:  # the orientation was chosen here: say which
            turned += f", {layout.orientation.value} chart"
        print(f"wrote {out}: {result.pages} page{'s' if result.pages != 1 else ''} ({ns.paper}"
              f"{turned}: {what}); {job.title}, {people}, names {plan.text_pt:.1f} pt")
    elif fmt is ExportFormat.SVG:
        print(f"wrote {out}: SVG {result.width}\u00d7{result.height} pt; {job.title}, {people}")
    else:
        print(f"wrote {out}: PNG {result.width}\u00d7{result.height} pixels at {ns.dpi:g} dpi, "
              f"{ns.background} background; {job.title}, {people}")
    return 0


def _printed(plan: PagePlan, job: ChartPrint) -> str:
    """ "6 sheets (3x3, 3 left out)": how many sheets a poster prints."""
    if not plan.is_poster:
        return "one page"
    printed = job.printed_sheets(plan)
    grid = plan.columns * plan.rows
    left_out = f", {grid - printed} left out" if printed < grid else ""
    return f"{printed} sheet{'s' if printed != 1 else ''} ({plan.columns}x{plan.rows}{left_out})"

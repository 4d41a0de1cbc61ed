"""Compact charts: partners share a box, one line a person, tight spacing; the same rules as every chart."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from familytree import cli
from familytree.layout import ChartLayout, ChartType, Orientation, check_layout, layout_chart
from familytree.layout.chart import LayoutOptions
from familytree.model import Tree
from familytree.render.items import PersonItem, make_sizer
from familytree.render.scene import ChartScene
from support.builders import TreeBuilder
from support.corpus import corpus_file
from support.layout_corpus import LAYOUT_CORPUS, focuses, read_corpus

COMPACT = LayoutOptions(compact=True)
CHARTS = [c for c in ChartType if c is not ChartType.FAN]


def _along(layout: ChartLayout) -> dict[str, tuple[float, float]]:
    vertical = layout.orientation is Orientation.VERTICAL
    return {b.key: (b.x, b.right) if vertical else (b.y, b.bottom) for b in layout.boxes}


@pytest.mark.parametrize("relative", LAYOUT_CORPUS)
def test_compact_corpus_charts_keep_the_rules_and_show_everyone(relative: str) -> None:
    tree = read_corpus(relative)
    for focus in focuses(tree):
        for chart in CHARTS:
            for orientation in Orientation:
                plain = layout_chart(tree, chart, focus, up=4, down=4, orientation=orientation)
                compact = layout_chart(tree, chart, focus, up=4, down=4, orientation=orientation,
                                       options=COMPACT)
                assert check_layout(compact) == [], (focus, chart, orientation)
                assert compact.person_ids == plain.person_ids, (focus, chart)
                assert len(compact.boxes) <= len(plain.boxes)
                shared = [p for b in compact.boxes for p in b.partners]
                assert len(shared) == len(set(shared))
                assert not set(shared) & {b.person_id for b in compact.boxes}  # a partner in one box only


@pytest.mark.parametrize("relative", [*LAYOUT_CORPUS[:4], "encodings/gedcom4j/willis.ged"])
def test_a_partner_with_a_box_of_their_own_says_whose_partner_they_are(relative: str) -> None:
    """A second husband with children keeps his box beside his wife's: the box names her ("∞ Verma
    Dell Willis"), else in the tight row he reads as one of her brothers."""
    tree = read_corpus(relative)
    for focus in focuses(tree):
        for chart in CHARTS:
            layout = layout_chart(tree, chart, focus, up=3, down=3, options=COMPACT)
            boxes = {b.key: b for b in layout.boxes}
            hanging = {k for c in layout.connectors if c.kind.value not in ("partnership", "duplicate")
                       for k in c.person_keys if boxes[k].person_id not in _couple(tree, c.family_id)}
            hanging |= {k for c in layout.connectors if c.kind.value == "duplicate" for k in c.person_keys}
            for c in layout.connectors:
                if c.kind.value != "partnership" or len(c.person_keys) != 2:
                    continue
                for me, other in (c.person_keys, c.person_keys[::-1]):
                    box, their = boxes[me], boxes[other]
                    if me in hanging or box.is_focus or box.duplicate_of or box.partners:
                        continue  # a box with a place of its own, or one taking partners in
                    if not (other in hanging or their.is_focus or their.duplicate_of):
                        continue  # a couple standing alone (their children under them show it)
                    assert their.person_id in box.spouses, (relative, chart, focus, me, other)
                    assert set(box.spouses) <= set(tree.partners(box.person_id))


def _couple(tree: Tree, family_id: str) -> list[str]:
    family = tree.families.get(family_id)
    return family.partner_ids if family is not None else []


def _wide_family() -> tuple[Tree, str, dict[str, str]]:
    """Three children: the eldest and youngest married with four children each, the middle one single."""
    b = TreeBuilder()
    root = b.person("Root /Stem/", "M", born="1800")
    kids = [b.person(f"Kid{i} /Stem/", "M", born=str(1830 + i)) for i in range(3)]
    b.family(root, b.person("Wife /Root/", "F"), kids)
    p = {"root": root}
    for i in (0, 2):
        wife = b.person(f"Wife{i} /In/", "F")
        grand = [b.person(f"Grand{i}{j} /Stem/", born=str(1860 + j)) for j in range(4)]
        b.family(kids[i], wife, grand)
        p[f"wife{i}"] = wife
    p.update({f"kid{i}": k for i, k in enumerate(kids)})
    return b.tree, root, p


@pytest.mark.parametrize("orientation", list(Orientation))
def test_partners_share_the_box_and_the_family_hangs_from_it(orientation: Orientation) -> None:
    tree, root, p = _wide_family()
    layout = layout_chart(tree, ChartType.DESCENDANTS, root, down=2, orientation=orientation, options=COMPACT)
    assert check_layout(layout) == []
    box = {b.person_id: b for b in layout.boxes}
    assert box[p["kid0"]].partners == (p["wife0"],)
    assert p["wife0"] not in box
    assert all(b.compact for b in layout.boxes)
    assert layout.box_for(p["wife0"]) is box[p["kid0"]]
    family = next(c for c in layout.connectors if p["kid0"] in c.person_keys and len(c.person_keys) == 5)
    assert family.person_keys[0] == p["kid0"]


def test_a_familys_children_reach_under_a_shallower_neighbour() -> None:
    """The single middle child has nobody below: the grandchildren of both sides stand under it, and the
    chart is no wider than its row of grandchildren."""
    tree, root, p = _wide_family()
    layout = layout_chart(tree, ChartType.DESCENDANTS, root, down=2, options=COMPACT)
    along = _along(layout)
    middle = along[p["kid1"]]
    grand = [along[b.key] for b in layout.boxes if b.generation == 2]
    assert any(lo < middle[1] and hi > middle[0] for lo, hi in grand)
    left, _, right, _ = layout.bounds()
    assert right - left == pytest.approx(max(hi for _, hi in grand) - min(lo for lo, _ in grand))


def test_a_second_partner_with_children_keeps_a_box() -> None:
    """Which children are whose must still show: only one family with children folds into a box."""
    b = TreeBuilder()
    man = b.person("Anton /Weber/", "M")
    wives = [b.person(f"Wife{i} /Kurz/", "F") for i in range(3)]
    b.family(man, wives[0], [b.person("Child0 /Weber/")])
    b.family(man, wives[1], [b.person("Child1 /Weber/")])
    b.family(man, wives[2])
    layout = layout_chart(b.tree, ChartType.DESCENDANTS, man, options=COMPACT)
    assert check_layout(layout) == []
    box = layout.box_for(man)
    assert box is not None
    assert box.partners == (wives[0], wives[2])
    assert layout.box_for(wives[1]) is not None
    assert layout.box_for(wives[1]).person_id == wives[1]


def test_cousins_who_married_keep_their_places_in_a_compact_chart() -> None:
    """royal92.ged: Irene of Hesse stands among her sisters; her copy beside Henry of Prussia keeps a
    box of its own (her marriage is not folded away), linked to her."""
    tree = read_corpus("real/royal92.ged")
    layout = layout_chart(tree, ChartType.DESCENDANTS, "@I1@", down=2, options=COMPACT)
    assert check_layout(layout) == []
    assert any(b.person_id == "@I79@" and b.duplicate_of for b in layout.boxes)
    william = layout.box_for("@I21@")
    assert william is not None
    assert len(william.partners) == 2  # Augusta Victoria and Hermine


def test_a_compact_chart_is_shorter_along_its_rows() -> None:
    tree = read_corpus("real/royal92.ged")
    for down in (2, 3):
        for orientation in Orientation:
            plain = layout_chart(tree, ChartType.DESCENDANTS, "@I1@", down=down, orientation=orientation)
            compact = layout_chart(tree, ChartType.DESCENDANTS, "@I1@", down=down, orientation=orientation,
                                   options=COMPACT)
            left, top, right, bottom = plain.bounds()
            c_left, c_top, c_right, c_bottom = compact.bounds()
            vertical = orientation is Orientation.VERTICAL
            plain_along = right - left if vertical else bottom - top
            compact_along = c_right - c_left if vertical else c_bottom - c_top
            assert compact_along < 0.8 * plain_along, (down, orientation)


@pytest.mark.gui
@pytest.mark.parametrize("orientation", list(Orientation))
def test_a_compact_box_says_the_name_years_and_partners(qapp: object, orientation: Orientation) -> None:
    """A row of a vertical chart is short of width: the partners go on a second line. A column of a
    horizontal chart is short of height: they follow the years on the name's line."""
    tree, root, p = _wide_family()
    layout = layout_chart(tree, ChartType.DESCENDANTS, root, down=2, sizer=make_sizer(),
                          orientation=orientation, options=COMPACT)
    scene = ChartScene(tree, layout)
    item = scene.box_items[p["kid0"]]
    single = scene.box_items[p["kid1"]]
    assert isinstance(item, PersonItem)
    assert isinstance(single, PersonItem)
    assert "Wife0 In" in item.description()
    text = item._compact
    assert text is not None
    assert text.partner_lines == ("\u221e Wife0 In",)
    assert text.years == "born 1830"
    if orientation is Orientation.HORIZONTAL:  # (generations as columns: each box as tall as its lines)
        assert text.inline
        assert item.box.height == pytest.approx(single.box.height, abs=1.0)  # one line, partners and all
        assert item.box.height == pytest.approx(text.height, abs=1.0)
        assert item.box.width >= text.width - 1.0
    else:
        assert not text.inline
        assert text.height > single._compact.height  # type: ignore[union-attr]  # a second line


@pytest.mark.gui
@pytest.mark.parametrize(("down", "least"), [(2, 5.0), (3, 3.0)])
def test_export_compact_prints_victorias_descendants_legibly_on_a3(qapp: object, tmp_path: Path,
                                                                   capsys: pytest.CaptureFixture[str],
                                                                   down: int, least: float) -> None:
    """The targets of issue 14: 86 people (2 generations) at 5 pt at least, 196 (3) at 3 pt; 3.1 and
    1.7 pt without --compact."""
    royal = corpus_file("real/royal92.ged")
    out = tmp_path / "chart.pdf"
    assert cli.main(["export", str(out), "--file", str(royal), "--focus", "@I1@", "--chart", "descendants",
                     "--down", str(down), "--fit", "--paper", "A3", "--compact"]) == 0
    said = capsys.readouterr().out
    size = float(re.search(r"names ([0-9.]+) pt", said).group(1))  # type: ignore[union-attr]
    assert size >= least, said


def test_the_workspace_draws_compact_charts_when_its_settings_say_so() -> None:
    """The window's View > Compact Chart: the workspace lays its chart out with the settings' options."""
    from familytree.workspace import ChartSettings, Workspace

    tree, root, p = _wide_family()
    ws = Workspace(ChartSettings(ChartType.DESCENDANTS, 2, 2))
    ws.open(tree, focus=root)
    assert not any(b.compact for b in ws.layout.boxes)
    ws.change_settings(layout=COMPACT)
    assert all(b.compact for b in ws.layout.boxes)
    assert ws.layout.box_for(p["wife0"]) is ws.layout.box_for(p["kid0"])


@pytest.mark.gui
def test_view_compact_chart_draws_compact_and_is_remembered(qtbot, bundled_path: Path) -> None:
    from familytree.gedcom import read_file
    from familytree.ui.main_window import MainWindow
    from familytree.ui.settings import Keys, Settings

    def open_window() -> MainWindow:
        win = MainWindow(tree=read_file(bundled_path), path=str(bundled_path))
        qtbot.addWidget(win)
        return win

    window = open_window()
    action = window.actions_by_id["view.compact"]
    assert not action.isChecked()
    action.trigger()
    assert all(b.compact for b in window.workspace.layout.boxes)
    assert any(item.partners for item in window.scene.box_items.values() if isinstance(item, PersonItem))
    assert Settings().get(Keys.COMPACT)
    assert action in window.toolbar.actions()
    again = open_window()
    assert again.actions_by_id["view.compact"].isChecked()
    assert all(b.compact for b in again.workspace.layout.boxes)
    again.actions_by_id["view.compact"].trigger()
    assert not any(b.compact for b in again.workspace.layout.boxes)


def test_fit_names_the_compact_chart_as_a_way_to_see_more_until_it_is_chosen() -> None:
    from familytree.ui.chart_panel import ways_to_see_more

    assert any("Compact Chart" in way for way in ways_to_see_more(ChartType.DESCENDANTS))
    assert not any("Compact Chart" in way for way in ways_to_see_more(ChartType.DESCENDANTS, compact=True))
    assert not any("Compact Chart" in way for way in ways_to_see_more(ChartType.FAN))

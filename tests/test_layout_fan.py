"""The fan chart's geometry: rings and segments, nesting, text inside its segment and upright, collapse."""

from __future__ import annotations

import math

import pytest

from familytree.layout import ALL_GENERATIONS, ChartType, FanColours, FanOptions, check_layout, layout_chart
from familytree.layout.fan import FAN_ANGLES, MAX_FAN_GENERATIONS, FanChart, FanSegment, FanSide, fan_layout
from familytree.model import Tree
from support.builders import TreeBuilder
from support.families import cousin_marriage
from support.pedigree import full_pedigree


def fan_of(tree: Tree, focus: str, generations: int, angle: int = 270) -> FanChart:
    layout = layout_chart(tree, ChartType.FAN, focus, up=generations, fan=FanOptions(angle))
    assert layout.fan is not None
    return layout.fan


def position_angle(x: float, y: float) -> float:
    """Degrees clockwise from straight up, as the fan measures."""
    return math.degrees(math.atan2(x, -y))


def within(segment: FanSegment, x: float, y: float, slack: float = 0.5) -> bool:
    r = math.hypot(x, y)
    if not segment.inner - slack <= r <= segment.outer + slack:
        return False
    if segment.end - segment.start >= 360:
        return True
    a = position_angle(x, y)
    edge = min(abs(a - segment.start), abs(a - segment.end)) if not segment.start <= a <= segment.end else 0
    return edge == 0 or r * math.sin(math.radians(min(edge, 90))) <= slack


def line_outline(x: float, y: float, width: float, height: float, rotation: float
                 ) -> list[tuple[float, float]]:
    """Points all round a line's rectangle turned by `rotation` degrees about its middle."""
    c, s = math.cos(math.radians(rotation)), math.sin(math.radians(rotation))
    out = []
    for i in range(11):
        f = -1 + i / 5
        for lx, ly in ((f * width / 2, -height / 2), (f * width / 2, height / 2),
                       (-width / 2, f * height / 2), (width / 2, f * height / 2)):
            out.append((x + lx * c - ly * s, y + lx * s + ly * c))
    return out


@pytest.mark.parametrize("angle", FAN_ANGLES)
def test_each_generation_tiles_the_fan_without_gap_or_overlap(angle: int) -> None:
    tree, focus = full_pedigree(6)
    fan = fan_of(tree, focus, 6, angle)
    for gen in range(1, 7):
        ring = sorted((s for s in fan.segments if s.generation == gen), key=lambda s: s.start)
        assert len(ring) == 2 ** gen
        assert ring[0].start == pytest.approx(-angle / 2)
        assert ring[-1].end == pytest.approx(angle / 2)
        for a, b in zip(ring, ring[1:], strict=False):
            assert b.start == pytest.approx(a.end)  # no gap, no overlap
        assert {(s.inner, s.outer) for s in ring} == {(fan.radii[gen - 1], fan.radii[gen])}
        assert fan.radii[gen] > fan.radii[gen - 1]


@pytest.mark.parametrize("angle", FAN_ANGLES)
def test_parents_stand_within_their_childs_span_father_first(angle: int) -> None:
    tree, focus = full_pedigree(5)
    fan = fan_of(tree, focus, 5, angle)
    by_person = {s.person_id: s for s in fan.segments}
    for seg in fan.segments:
        fams = tree.parent_families(seg.person_id)
        if seg.generation == 5 or not fams:
            continue
        father, mother = by_person[fams[0].husband_id], by_person[fams[0].wife_id]
        for parent in (father, mother):
            assert seg.start - 1e-9 <= parent.start < parent.end <= seg.end + 1e-9
            assert parent.inner == pytest.approx(seg.outer)
        assert father.end == pytest.approx(mother.start)  # the father's half first (clockwise)
    sides = {s.side for s in fan.segments if s.generation and s.start < 0}
    assert sides == {FanSide.PATERNAL}  # the father's side is the left half


@pytest.mark.parametrize("angle", FAN_ANGLES)
@pytest.mark.parametrize("generations", [3, 6, 10])
def test_every_line_of_text_lies_inside_its_segment_and_reads_upright(angle: int, generations: int) -> None:
    tree, focus = full_pedigree(generations)
    fan = fan_of(tree, focus, generations, angle)
    labelled = 0
    for seg in fan.segments:
        assert seg.label is not None, seg.key  # every segment says who it is
        labelled += 1
        rotation = (seg.label.rotation + 180) % 360 - 180
        assert -90 - 1e-6 <= rotation <= 90 + 1e-6, (seg.key, rotation)  # never upside down
        for line in seg.label.lines:
            assert line.size >= 5.0
            outline = line_outline(line.x, line.y, line.width, line.height, seg.label.rotation)
            assert all(within(seg, x, y) for x, y in outline), (seg.key, line.text)
    assert labelled == 2 ** (generations + 1) - 1
    assert check_layout(layout_chart(tree, ChartType.FAN, focus, up=generations, fan=FanOptions(angle))) == []


def test_inner_rings_set_names_along_the_arc_and_outer_rings_radially() -> None:
    tree, focus = full_pedigree(8)
    fan = fan_of(tree, focus, 8)
    radial = {s.generation: s.label.radial for s in fan.segments if s.generation and s.label}
    assert radial[1] is False
    assert radial[8] is True
    first_radial = min(g for g, r in radial.items() if r)
    assert all(radial[g] for g in range(first_radial, 9))  # once radial, the rings beyond stay radial
    # the focus' own text is level in the middle
    focus_label = fan.segments[0].label
    assert focus_label is not None
    assert focus_label.rotation == 0


def test_a_name_too_long_for_its_segment_is_shortened_with_a_mark_and_keeps_its_years() -> None:
    tree, focus = full_pedigree(5)
    outer = next(pid for pid, p in tree.people.items() if tree.parent_families(pid) == []
                 and p.sex.value == "M")
    long_given = "Maximilian Ferdinand Wolfgang Bartholomäus Leopold"
    tree.people[outer].names[0].given = long_given
    tree.people[outer].names[0].surname = "Hohenzollern-Sigmaringen-Hechingen"
    seg = next(s for s in fan_of(tree, focus, 5).segments if s.person_id == outer)
    assert seg.label is not None
    assert seg.label.shortened
    shown = " ".join(line.text for line in seg.label.lines if line.bold)
    full = tree.people[outer].display_name()
    # the first given name and the surname, or the beginning cut with "…": never silently cut
    short = "Maximilian Hohenzollern-Sigmaringen-Hechingen"
    assert shown.endswith("\u2026") or shown.replace(" ", "") == short.replace(" ", "")
    assert shown != full
    assert any(line.text == tree.people[outer].lifespan() for line in seg.label.lines if not line.bold)


def test_pedigree_collapse_draws_the_shared_ancestors_once_and_marks_the_second_place() -> None:
    tree, p = cousin_marriage()
    fan = fan_of(tree, p["kid"], 4)
    grandfather = [s for s in fan.segments if s.person_id == p["gf"]]
    assert len(grandfather) == 2
    first, second = sorted(grandfather, key=lambda s: (s.generation, s.slot))
    assert not first.duplicate_of
    assert second.duplicate_of == first.key
    assert first.side is FanSide.PATERNAL
    assert second.side is FanSide.MATERNAL
    # the great-grandfather above them is drawn once, beyond the first appearance only
    great = [s for s in fan.segments if s.person_id == p["great"]]
    assert len(great) == 1
    assert first.start <= great[0].start < great[0].end <= first.end
    layout = layout_chart(tree, ChartType.FAN, p["kid"], up=4)
    dup = next(b for b in layout.boxes if b.duplicate_of)
    assert dup.duplicate_of == first.key
    assert check_layout(layout) == []


def test_a_person_recorded_as_their_own_ancestor_stops_the_fan_with_a_warning() -> None:
    b = TreeBuilder()
    a, c = b.person("Adam /Loop/", "M"), b.person("Cain /Loop/", "M")
    b.family(c, "", [a])
    b.family(a, "", [c])
    layout = layout_chart(b.tree, ChartType.FAN, a, up=ALL_GENERATIONS)
    assert any("own ancestor" in w for w in layout.warnings)
    assert len(layout.boxes) == 3  # Adam, Cain, Adam again (marked), and no further
    assert check_layout(layout) == []


def test_unknown_parents_leave_their_places_empty_on_their_own_side() -> None:
    b = TreeBuilder()
    kid, mother, grandma = b.person("Kid /X/"), b.person("Mother /Y/", "F"), b.person("Grandma /Z/", "F")
    b.family("", mother, [kid])
    b.family("", grandma, [mother])
    fan = fan_of(b.tree, kid, 5)
    places = {(s.generation, s.slot): s.person_id for s in fan.segments}
    assert places == {(0, 0): kid, (1, 1): mother, (2, 3): grandma}
    assert all(s.side is FanSide.MATERNAL for s in fan.segments if s.generation)


def test_a_fan_shows_ten_generations_at_most_and_says_when_the_file_knows_more() -> None:
    tree, focus = full_pedigree(11)
    layout = layout_chart(tree, ChartType.FAN, focus, up=ALL_GENERATIONS)
    assert max(-b.generation for b in layout.boxes) == MAX_FAN_GENERATIONS
    assert any("10 generations" in w for w in layout.warnings)
    assert len(layout.boxes) == 2 ** (MAX_FAN_GENERATIONS + 1) - 1


@pytest.mark.parametrize(("angle", "aspect"), [(180, 2.0), (270, 2 / (1 + math.sqrt(0.5))), (360, 1.0)])
def test_the_angle_gives_the_fan_its_shape(angle: int, aspect: float) -> None:
    tree, focus = full_pedigree(5)
    left, top, right, bottom = layout_chart(tree, ChartType.FAN, focus, up=5, fan=FanOptions(angle)).bounds()
    assert (right - left) / (bottom - top) == pytest.approx(aspect, rel=0.08)


def test_boxes_stand_around_their_segments_and_the_options_are_kept() -> None:
    tree, focus = full_pedigree(4)
    layout = fan_layout(tree, focus, 4, options=FanOptions(360, FanColours.GENERATION))
    assert layout.fan is not None
    assert layout.fan.colours is FanColours.GENERATION
    assert layout.fan.angle == 360
    for box in layout.boxes:
        seg = layout.fan.segment(box.key)
        assert seg is not None
        assert seg.person_id == box.person_id
        assert box.generation == -seg.generation
        mid = math.radians(seg.middle)
        r = (seg.inner + seg.outer) / 2
        x, y = r * math.sin(mid), -r * math.cos(mid)
        assert box.x <= x <= box.right
        assert box.y <= y <= box.bottom
    assert layout.box_for(focus) is not None
    assert layout.box_for(focus).is_focus


def test_an_angle_other_than_180_270_or_360_is_refused() -> None:
    with pytest.raises(ValueError, match="180, 270 or 360"):
        FanOptions(200)


def test_the_same_family_gives_the_same_fan() -> None:
    tree, focus = full_pedigree(6)
    assert repr(fan_of(tree, focus, 6)) == repr(fan_of(tree, focus, 6))

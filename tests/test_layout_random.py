"""Random families, well-formed and broken: every chart keeps the rules and never fails."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from familytree.layout import ALL_GENERATIONS, ChartType, Orientation, check_layout, layout_chart
from familytree.layout.chart import Box
from familytree.model import ChildRef, ChildRelation, Family, Name, Person, Sex, Tree

RELATIONS = [ChildRelation.BIRTH] * 4 + [ChildRelation.ADOPTED, ChildRelation.STEP, ChildRelation.FOSTER,
                                         ChildRelation.OTHER]


@st.composite
def trees(draw: st.DrawFn, generational: bool = True) -> Tree:
    """A random file: people in generations (or anything at all), families with 0-2 partners."""
    n = draw(st.integers(1, 28))
    tree = Tree()
    gens = [draw(st.integers(0, 5)) for _ in range(n)] if generational else [0] * n
    for i in range(n):
        sex = draw(st.sampled_from(list(Sex)))
        given = draw(st.sampled_from(["Al", "Sergei", "Genrietta Rubinshtein-Akselrod", "Bo", "Natalia"]))
        tree.add_person(Person(f"@I{i}@", names=[Name.from_gedcom(f"{given}{i} /G{gens[i]}/")], sex=sex))
    for f in range(draw(st.integers(0, n))):
        a = draw(st.integers(-1, n - 1))
        b = draw(st.integers(-1, n - 1))
        if generational and a >= 0 and b >= 0 and gens[a] != gens[b]:
            b = -1
        parents_gen = gens[a] if a >= 0 else gens[b] if b >= 0 else None
        kids: list[ChildRef] = []
        for c in draw(st.lists(st.integers(0, n - 1), max_size=5, unique=True)):
            if generational and parents_gen is not None and gens[c] != parents_gen + 1:
                continue
            kids.append(ChildRef(f"@I{c}@", draw(st.sampled_from(RELATIONS))))
        tree.add_family(Family(f"@F{f}@", f"@I{a}@" if a >= 0 else "", f"@I{b}@" if b >= 0 else "", kids))
    tree.link()
    return tree


def text_sizer(person: Person) -> tuple[float, float]:
    """Boxes as wide as their names and taller for longer ones, like real text metrics."""
    name = person.display_name()
    return (40.0 + 9.0 * len(name), 30.0 + 14.0 * (len(name) % 3))


def _assert_sound(tree: Tree, chart: ChartType, focus: str, up: int, down: int,
                  orientation: Orientation = Orientation.VERTICAL) -> list[Box]:
    layout = layout_chart(tree, chart, focus, up=up, down=down, orientation=orientation, sizer=text_sizer)
    assert check_layout(layout) == []
    assert layout.box_for(focus) is not None
    return layout.boxes


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(), st.sampled_from(list(ChartType)), st.integers(0, 4), st.integers(0, 4), st.data())
def test_random_generational_families(tree: Tree, chart: ChartType, up: int, down: int, data: st.DataObject
                                      ) -> None:
    focus = data.draw(st.sampled_from(sorted(tree.people)))
    boxes = _assert_sound(tree, chart, focus, up, down)
    again = layout_chart(tree, chart, focus, up=up, down=down, sizer=text_sizer).boxes
    assert boxes == again  # the same input gives the same picture


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(trees(generational=False), st.sampled_from(list(ChartType)), st.sampled_from(list(Orientation)),
       st.data())
def test_random_broken_files_with_cycles(tree: Tree, chart: ChartType,
                                          orientation: Orientation, data: st.DataObject) -> None:
    focus = data.draw(st.sampled_from(sorted(tree.people)))
    _assert_sound(tree, chart, focus, ALL_GENERATIONS, ALL_GENERATIONS, orientation)


def test_three_thousand_generation_chain_is_laid_out_without_recursion() -> None:
    tree = Tree()
    for i in range(3000):
        tree.add_person(Person(f"@I{i}@", names=[Name.from_gedcom(f"P{i} /Chain/")]))
        if i:
            tree.add_family(Family(f"@F{i}@", f"@I{i - 1}@", "", [ChildRef(f"@I{i}@")]))
    tree.link()
    layout = layout_chart(tree, ChartType.ANCESTORS, "@I2999@", up=ALL_GENERATIONS)
    assert len(layout.boxes) == 3000
    assert {b.generation for b in layout.boxes} == set(range(-2999, 1))
    assert check_layout(layout) == []


def test_all_generations_stop_at_the_size_limit_with_a_warning() -> None:
    tree = Tree()
    for i in range(400):
        tree.add_person(Person(f"@I{i}@", names=[Name.from_gedcom(f"P{i} /Wide/")]))
    for i in range(1, 400):
        tree.add_family(Family(f"@F{i}@", f"@I{(i - 1) // 3}@", "", [ChildRef(f"@I{i}@")]))
    tree.link()
    layout = layout_chart(tree, ChartType.DESCENDANTS, "@I0@", down=ALL_GENERATIONS, limit=100)
    assert len(layout.boxes) == 100
    assert any("100" in w for w in layout.warnings)
    assert check_layout(layout) == []


def test_a_person_who_is_their_own_ancestor_stops_the_walk_with_a_warning() -> None:
    tree = Tree()
    for i in range(3):
        tree.add_person(Person(f"@I{i}@", names=[Name.from_gedcom(f"P{i} /Loop/")]))
    for i in range(3):
        tree.add_family(Family(f"@F{i}@", f"@I{i}@", "", [ChildRef(f"@I{(i + 1) % 3}@")]))
    tree.link()
    for chart in ChartType:
        layout = layout_chart(tree, chart, "@I0@", up=ALL_GENERATIONS, down=ALL_GENERATIONS)
        assert check_layout(layout) == []
        assert any("own ancestor" in w for w in layout.warnings), chart
        assert len(layout.boxes) <= 6

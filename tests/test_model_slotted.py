"""@slotted behaves as @dataclass(slots=True) does: the same objects, made without compiling each method."""

from __future__ import annotations

import copy
import dataclasses
import pickle
from dataclasses import FrozenInstanceError, dataclass, field

import pytest

from familytree.layout import Box
from familytree.model import Date, Event, Person
from familytree.model.slotted import slotted


def _pair(frozen: bool, eq: bool = True) -> tuple[type, type]:
    """The same class declared both ways."""

    def body() -> dict[str, object]:
        return {"__annotations__": {"name": "str", "years": "tuple[int, ...]", "tags": "list[str]",
                                     "note": "str", "seen": "int"},
                "years": (), "tags": field(default_factory=list, hash=False),
                "note": field(default="", compare=False),
                "seen": field(default=0, repr=False)}

    ours = slotted(frozen=frozen, eq=eq)(type("Rec", (), body()))
    theirs = dataclass(frozen=frozen, eq=eq, slots=True)(type("Rec", (), body()))
    return ours, theirs


@pytest.mark.parametrize("frozen", [False, True])
@pytest.mark.parametrize("eq", [False, True])
def test_a_slotted_class_is_the_dataclass_it_declares(frozen: bool, eq: bool) -> None:
    ours, theirs = _pair(frozen, eq)
    args: list[tuple[tuple[object, ...], dict[str, object]]] = [
        (("Sergei",), {}), (("Sergei", (1908, 1937)), {"tags": ["son"]}),
        (("Lev",), {"note": "brother", "seen": 2}), ((), {"name": "Yulia", "years": (1936,)})]
    for a, k in args:
        mine, real = ours(*a, **k), theirs(*a, **k)
        assert repr(mine) == repr(real)
        assert [f.name for f in dataclasses.fields(mine)] == [f.name for f in dataclasses.fields(real)]
        assert dataclasses.asdict(mine) == dataclasses.asdict(real)
        assert not hasattr(mine, "__dict__")  # slots
        for b, kb in args:  # equality and hashing as the dataclass's, note ignored (compare=False)
            assert (mine == ours(*b, **kb)) == (real == theirs(*b, **kb))
            if frozen and eq and mine == ours(*b, **kb):
                assert hash(mine) == hash(ours(*b, **kb))
        assert (mine.__hash__ is None) == (real.__hash__ is None)
        changed = dataclasses.replace(mine, name="Natalia")
        assert changed.name == "Natalia"
        assert changed.tags == mine.tags
        assert ours("x").tags is not ours("x").tags  # a new list each
        for made in (copy.copy(mine), copy.deepcopy(mine)):  # (pickled: the model's, below)
            assert dataclasses.asdict(made) == dataclasses.asdict(mine)
        if frozen:
            with pytest.raises(FrozenInstanceError):
                mine.name = "changed"  # type: ignore[misc]
            with pytest.raises(FrozenInstanceError):
                del mine.name  # type: ignore[misc]
        else:
            mine.name = "changed"
            assert mine.name == "changed"
    with pytest.raises(TypeError):
        ours()  # the field without a default is required, as in the dataclass
    with pytest.raises(TypeError):
        ours("a", unknown=1)


def test_keyword_only_fields_fields_not_in_init_and_post_init() -> None:
    @slotted(frozen=True)
    class Measured:
        text: str
        width: int = field(init=False)
        size: int = field(default=12, kw_only=True)
        cache: dict[str, int] = field(init=False, default_factory=dict, compare=False)

        def __post_init__(self) -> None:
            object.__setattr__(self, "width", len(self.text) * self.size)

    made = Measured("Lev", size=10)
    assert (made.width, made.size, made.cache) == (30, 10, {})
    with pytest.raises(TypeError):
        Measured("Lev", 10)  # type: ignore[misc]  # keyword only
    assert Measured("Lev") == Measured("Lev")
    assert len({Measured("Lev"), Measured("Lev")}) == 1


def test_the_models_records_compare_and_copy_by_value() -> None:
    date = Date.parse("ABT 1908")
    assert date == Date.parse("ABT 1908")
    assert hash(date) == hash(Date.parse("ABT 1908"))
    assert copy.deepcopy(date) == date
    assert pickle.loads(pickle.dumps(date)) == date
    person = Person(id="@I1@", events=[Event(tag="BIRT", date=date)])
    twin = copy.deepcopy(person)
    assert twin == person
    assert twin is not person
    assert twin.events[0].date == date
    twin.events[0].date = None
    assert twin != person
    box = Box("@I1@", "@I1@", 0.0, 0.0, 10.0, 5.0, 0)
    with pytest.raises(FrozenInstanceError):
        box.x = 1.0  # type: ignore[misc]
    assert dataclasses.replace(box, x=1.0).x == 1.0
    assert "Box(key='@I1@', person_id='@I1@'" in repr(box)


def test_inherited_fields_own_methods_and_what_a_dataclass_refuses() -> None:
    @slotted(frozen=True)
    class Base:
        name: str
        years: tuple[int, ...] = ()

    @slotted(frozen=True)
    class Child(Base):
        tag: str = "child"

        def __repr__(self) -> str:
            return f"<{self.name}>"

    made = Child("Yulia", (1936,))
    assert (made.name, made.years, made.tag) == ("Yulia", (1936,), "child")
    assert repr(made) == "<Yulia>"  # its own, kept
    assert made == Child("Yulia", (1936,)) and hash(made) == hash(Child("Yulia", (1936,)))  # noqa: PT018
    with pytest.raises(FrozenInstanceError):
        made.name = "x"  # type: ignore[misc]
    with pytest.raises(TypeError, match="frozen"):
        @slotted
        class Thawed(Base):  # a non-frozen class from a frozen one, refused as dataclasses do
            more: int = 0
    with pytest.raises(TypeError, match="follows default"):
        @slotted
        class Misordered:
            first: int = 0
            second: str  # type: ignore[misc]
    with pytest.raises(TypeError, match="InitVar"):
        @slotted
        class WithInitVar:
            size: dataclasses.InitVar[int]

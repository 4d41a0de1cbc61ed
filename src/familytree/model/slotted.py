"""Slotted record classes: a dataclass's fields, with its methods made without compiling each one.

`@slotted` (or `@slotted(frozen=True)`) declares a class as `@dataclass(slots=True)` does: the same
fields, `field()` options, `__post_init__`, `dataclasses.fields`, `replace` and `asdict`, and to a type
checker the same class. Python 3.11's dataclasses compile every method of every class from source
as the module is imported (six compilations for a frozen class); for the 125 classes of the model,
the layout, the workspace and the views that was 9 % of the instructions to the first chart
(benchmarks/bench_startup.py --instructions). Here `__eq__`, `__hash__`, `__repr__` and a frozen
class's `__setattr__` are shared functions over the field names, and `__init__`, the one method
that has to be compiled to be fast, is compiled when the class is first instantiated.

As with dataclasses, methods the class defines itself are kept, fields are inherited from
@slotted bases (frozen from frozen only), and a field without a default after one with a
default is a TypeError. Not taken: InitVar (a TypeError says so); `__dataclass_params__`
describes the plain dataclass underneath (not frozen, no eq), and before the first instance
`inspect.signature` of the class reads (*args, **kwargs).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import MISSING, FrozenInstanceError, field
from operator import attrgetter
from reprlib import recursive_repr
from typing import Any, TypeVar, dataclass_transform, overload

__all__ = ["slotted", "lazy_init", "field"]

_T = TypeVar("_T", bound=type)
_FACTORY = object()  # "no value given" for a field whose default comes from a factory


@overload
def slotted(cls: _T, /) -> _T: ...
@overload
def slotted(*, frozen: bool = False, eq: bool = True) -> Callable[[_T], _T]: ...


@dataclass_transform(field_specifiers=(field,))
def slotted(cls: _T | None = None, /, *, frozen: bool = False, eq: bool = True) -> Any:
    """A dataclass with slots: frozen (immutable, hashable when `eq`) or not (unhashable when `eq`)."""

    def wrap(cls: _T) -> _T:
        _check_declaration(cls, frozen)
        if cls.__doc__ is None:  # (dataclasses would work one out with inspect.signature: slow)
            fields = cls.__dict__.get("__annotations__", {})
            cls.__doc__ = f"{cls.__name__}({', '.join(f'{n}: {t}' for n, t in fields.items())})"
        own = {name: value for name, value in cls.__dict__.items() if name in _METHODS}
        made: Any = dataclasses.dataclass(cls, init=False, repr=False, eq=False, slots=True)
        made.__slotted_frozen__ = frozen
        _check_order(made)
        _add_methods(made, frozen, eq, own)
        return made  # type: ignore[no-any-return]

    return wrap if cls is None else wrap(cls)


_METHODS = frozenset({"__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__"})


def _check_declaration(cls: type, frozen: bool) -> None:
    """What a dataclass refuses as it is declared, refused here too; and InitVar, not taken."""
    for base in cls.__mro__[1:]:
        base_frozen = base.__dict__.get("__slotted_frozen__")
        if base_frozen is not None and base_frozen != frozen:
            raise TypeError(f"cannot inherit {'' if frozen else 'non-'}frozen {cls.__name__} from a "
                            f"{'' if base_frozen else 'non-'}frozen {base.__name__}")
    for name, annotation in cls.__dict__.get("__annotations__", {}).items():
        if "InitVar" in str(annotation):
            raise TypeError(f"{cls.__name__}.{name}: @slotted does not take InitVar fields")
    if frozen and ("__setattr__" in cls.__dict__ or "__delattr__" in cls.__dict__):
        raise TypeError(f"cannot overwrite attribute __setattr__ or __delattr__ in frozen {cls.__name__}")


def _check_order(cls: type) -> None:
    defaulted = ""
    for f in dataclasses.fields(cls):
        if not f.init or f.kw_only:
            continue
        if f.default is not MISSING or f.default_factory is not MISSING:
            defaulted = defaulted or f.name
        elif defaulted:
            raise TypeError(f"non-default argument {f.name!r} follows default argument {defaulted!r}")


def _slot(cls: type, name: str) -> Any:
    """The slot descriptor of a field, the class's own or a base's."""
    return next(c.__dict__[name] for c in cls.__mro__ if name in c.__dict__)


def lazy_init(cls: type, make: Callable[[], tuple[str, dict[str, Any]]]) -> None:
    """Give cls an `__init__` compiled from `make()` (its source and names) when first called."""

    def first_init(self: Any, *args: Any, **kwargs: Any) -> None:
        if cls.__dict__.get("__init__") is first_init:
            source, namespace = make()
            exec(source, namespace)  # noqa: S102 - made from the class's own field names
            init = namespace["__init__"]
            init.__qualname__ = f"{cls.__qualname__}.__init__"
            cls.__init__ = init  # type: ignore[misc]
        cls.__init__(self, *args, **kwargs)  # type: ignore[misc]

    first_init.__qualname__ = f"{cls.__qualname__}.__init__"
    cls.__init__ = first_init  # type: ignore[misc]


def _init_source(cls: type, frozen: bool) -> tuple[str, dict[str, Any]]:
    """The source of the `__init__` a dataclass would have, and the names it uses."""
    params: list[str] = []
    keywords: list[str] = []
    body: list[str] = []
    namespace: dict[str, Any] = {"_FACTORY": _FACTORY}
    for f in dataclasses.fields(cls):
        name = f.name
        if frozen:  # straight into the slot, as dataclasses do through object.__setattr__
            namespace[f"_set_{name}"] = _slot(cls, name).__set__
            store = f"_set_{name}(self, {{}})"
        else:
            store = f"self.{name} = {{}}"
        if f.default_factory is not MISSING:
            namespace[f"_factory_{name}"] = f.default_factory
            made = f"_factory_{name}()"
            if f.init:
                param = f"{name}=_FACTORY"
                body.append(store.format(f"{made} if {name} is _FACTORY else {name}"))
            else:
                body.append(store.format(made))
                continue
        elif f.default is not MISSING:
            namespace[f"_default_{name}"] = f.default
            if not f.init:
                body.append(store.format(f"_default_{name}"))
                continue
            param = f"{name}=_default_{name}"
            body.append(store.format(name))
        elif not f.init:
            continue
        else:
            param = name
            body.append(store.format(name))
        (keywords if f.kw_only else params).append(param)
    if keywords:
        params += ["*", *keywords]
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    source = f"def __init__({', '.join(['self', *params])}):\n    " + "\n    ".join(body or ["pass"]) + "\n"
    return source, namespace


def _add_methods(cls: type, frozen: bool, eq: bool, own: dict[str, Any]) -> None:
    """The methods the class does not define itself."""
    fields = dataclasses.fields(cls)
    if "__init__" not in own:
        lazy_init(cls, lambda: _init_source(cls, frozen))
    shown = [(f"{f.name}=", attrgetter(f.name)) for f in fields if f.repr]

    @recursive_repr()
    def represent(self: Any) -> str:
        return f"{self.__class__.__qualname__}({', '.join(name + repr(get(self)) for name, get in shown)})"

    if "__repr__" not in own:
        cls.__repr__ = represent  # type: ignore[assignment]
    if eq and "__eq__" not in own:
        key = _values(tuple(f.name for f in fields if f.compare))

        def equal(self: Any, other: object) -> bool:
            if other.__class__ is self.__class__:
                return key(self) == key(other)  # type: ignore[no-any-return]
            return NotImplemented

        cls.__eq__ = equal  # type: ignore[assignment]
    # a __hash__ of the class's own is kept (not the None Python puts beside an __eq__ of its own)
    own_hash = "__hash__" in own and not (own["__hash__"] is None and "__eq__" in own)
    if eq and not own_hash:
        if frozen:
            hashed = _values(tuple(f.name for f in fields if (f.compare if f.hash is None else f.hash)))

            def hash_of(self: Any) -> int:
                return hash(hashed(self))

            cls.__hash__ = hash_of  # type: ignore[assignment]
        else:
            cls.__hash__ = None  # type: ignore[assignment]  # (mutable and compared by value)
    if frozen:
        _freeze(cls, frozenset(f.name for f in fields))


def _values(names: tuple[str, ...]) -> Callable[[Any], Any]:
    """A function giving an object's values of `names`, to compare and hash it by."""
    if len(names) > 1:
        return attrgetter(*names)  # a tuple
    if names:
        get = attrgetter(names[0])
        return lambda obj: (get(obj),)
    return lambda obj: ()


def _freeze(cls: type, names: frozenset[str]) -> None:
    """Assigning or deleting a field raises FrozenInstanceError, as on a frozen dataclass."""

    def set_field(self: Any, name: str, value: Any) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot assign to field {name!r}")
        object.__setattr__(self, name, value)

    def delete_field(self: Any, name: str) -> None:
        if type(self) is cls or name in names:
            raise FrozenInstanceError(f"cannot delete field {name!r}")
        object.__delattr__(self, name)

    slots = [(name, _slot(cls, name).__set__) for name in sorted(names)]

    def state(self: Any) -> list[Any]:
        return [getattr(self, name) for name, _set in slots]

    def set_state(self: Any, values: list[Any]) -> None:  # copies and pickles, past __setattr__
        for (_name, put), value in zip(slots, values, strict=True):
            put(self, value)

    cls.__setattr__ = set_field  # type: ignore[method-assign,assignment]
    cls.__delattr__ = delete_field  # type: ignore[method-assign,assignment]
    cls.__getstate__ = state  # type: ignore[method-assign,assignment]
    cls.__setstate__ = set_state  # type: ignore[attr-defined]

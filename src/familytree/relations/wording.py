"""The interface a language implements to put relationships into words, and the registry of languages.

A wording reads only the structured Relationship (generations, half, lineage,
partner hops, sexes), so adding a language (Russian kinship terms, say) is a new
module with one class and a `register` call, and no change to the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from familytree.relations.engine import Relationship

__all__ = ["Wording", "register", "get_wording", "languages", "BUILTIN"]

Namer = Callable[[str], str]


class Wording(Protocol):
    language: str  # an IETF tag: "en", "ru"

    def term(self, rel: Relationship) -> str:
        """What A is to B, as a noun phrase: "granddaughter", "brother-in-law's wife"."""
        ...

    def statement(self, rel: Relationship, name: Namer) -> str:
        """A whole sentence: "Yulia Sedova is Leon Trotsky's granddaughter"."""
        ...

    def describe_path(self, rel: Relationship, name: Namer) -> str:
        """The path link by link: "Yulia is the daughter of Sergei Sedov, who is the son of ..."."""
        ...

    def no_relationship(self) -> str:
        """The phrase for two people with no known relationship."""
        ...

    def unrelated(self, a: str, b: str) -> str:
        """The line for two named people with no known relationship: "A and B: no known relationship"."""
        ...

    def connected(self, description: str) -> str:
        """How two people without a kinship term are connected: "connected: A is the wife of ..."."""
        ...

    def same_person(self, a: str, b: str) -> str:
        """The line for one person asked about twice."""
        ...

    def more(self, count: int) -> str:
        """The line after the relationships shown: how many more distant ones there are."""
        ...


_REGISTRY: dict[str, Wording] = {}


def register(wording: Wording) -> None:
    _REGISTRY[wording.language] = wording


# the wordings that come with familytree, by language tag: module in familytree.relations
BUILTIN = {"en": "english", "ru": "russian"}


def languages() -> list[str]:
    for tag in BUILTIN:
        _load_builtin(tag)
    return sorted(_REGISTRY)


def get_wording(language: str = "en") -> Wording:
    """The wording for a language tag ("ru", "en-GB"), falling back to its primary subtag, then English."""
    for tag in (language, language.split("-")[0], "en"):
        _load_builtin(tag)
        if tag in _REGISTRY:
            return _REGISTRY[tag]
    raise LookupError(language)  # unreachable: English is built in


def _load_builtin(tag: str) -> None:
    if tag not in _REGISTRY and tag in BUILTIN:
        import_module(f"familytree.relations.{BUILTIN[tag]}")  # registers itself

"""The interface a language implements to put relationships into words, and the registry of languages.

A wording reads only the structured Relationship (generations, half, lineage,
partner hops, sexes), so adding a language (Russian kinship terms, say) is a new
module with one class and a `register` call, and no change to the engine.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from familytree.relations.engine import Relationship

__all__ = ["Wording", "register", "get_wording", "languages"]

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


_REGISTRY: dict[str, Wording] = {}


def register(wording: Wording) -> None:
    _REGISTRY[wording.language] = wording


def languages() -> list[str]:
    _load_builtin()
    return sorted(_REGISTRY)


def get_wording(language: str = "en") -> Wording:
    """The wording for a language tag, falling back to its primary subtag, then to English."""
    _load_builtin()
    return _REGISTRY.get(language) or _REGISTRY.get(language.split("-")[0]) or _REGISTRY["en"]


def _load_builtin() -> None:
    if "en" not in _REGISTRY:
        from familytree.relations import english  # noqa: F401  (registers itself)

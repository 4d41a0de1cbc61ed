"""Find people by any spelling of their name, and texts by their words (no Qt, no networkx)."""

from familytree.search.dmsoundex import dm_soundex
from familytree.search.names import MatchKind, NameIndex, SearchFilters, SearchResult
from familytree.search.text import TextHit, TextIndex, TextKind, text_search

__all__ = [
    "MatchKind", "NameIndex", "SearchFilters", "SearchResult", "TextHit", "TextIndex", "TextKind",
    "dm_soundex", "text_search",
]

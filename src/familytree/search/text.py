"""Full-text search over biographies, notes, source excerpts and source titles, with highlight spans."""

from __future__ import annotations

import enum
import heapq
from bisect import bisect_left
from collections.abc import Iterator
from dataclasses import dataclass

from familytree.model import Citation, NoteLike, Tree
from familytree.search.fold import MAX_QUERY_CHARS, MAX_QUERY_WORDS, word_spans, words

__all__ = ["TextHit", "TextIndex", "TextKind", "text_search"]


class TextKind(enum.Enum):
    BIOGRAPHY = "biography"  # a person's first note
    NOTE = "note"  # any other note: on a person, an event, a family, a source
    EXCERPT = "excerpt"  # a citation's text from the source
    SOURCE = "source"  # a source's title, author or text

    @property
    def label(self) -> str:
        return self.value


_KIND_ORDER = {TextKind.BIOGRAPHY: 0, TextKind.EXCERPT: 1, TextKind.NOTE: 2, TextKind.SOURCE: 3}
SNIPPET_CONTEXT = 60  # characters of context on each side of the first matched word


@dataclass(slots=True, frozen=True)
class TextHit:
    """A text containing every query word; opening it opens `person_id`, else `source_id`."""

    person_id: str  # "" when the text belongs to a source only
    source_id: str  # the cited or matching source, "" for a note without one
    kind: TextKind
    snippet: str  # the text around the first match, "…" where cut
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word within `snippet`


@dataclass(slots=True, frozen=True)
class _Chunk:
    person_id: str
    source_id: str
    kind: TextKind
    text: str


class TextIndex:
    """An inverted index from folded words to the texts that hold them."""

    def __init__(self, tree: Tree) -> None:
        self.signature = _signature(tree)
        self._chunks: list[_Chunk] = list(_chunks(tree))
        postings: dict[str, list[int]] = {}
        for i, chunk in enumerate(self._chunks):
            for word in set(words(chunk.text)):
                postings.setdefault(word, []).append(i)
        self._postings = postings
        self._sorted = sorted(postings)

    def search(self, query: str, limit: int = 20) -> list[TextHit]:
        """Texts holding every word of `query` (the words as prefixes, as they are typed)."""
        qwords = list(dict.fromkeys(words(query[:MAX_QUERY_CHARS])))[:MAX_QUERY_WORDS]
        if not qwords or limit <= 0:
            return []
        wanted = 10 * limit  # room for the hits dropped as repeats below
        if len(qwords) == 1:
            ranked = self._one_word(qwords[0], wanted)
        else:
            ranked = self._several_words(qwords, wanted)
        out: list[TextHit] = []
        seen: set[tuple[str, str, str]] = set()
        for row in ranked:
            chunk = self._chunks[row]
            # one excerpt cited on several facts of a person is one hit
            key = (chunk.person_id, chunk.source_id, chunk.text)
            if key in seen:
                continue
            seen.add(key)
            if len(out) >= limit:
                break
            snippet, spans = _snippet(chunk.text, qwords)
            out.append(TextHit(chunk.person_id, chunk.source_id, chunk.kind, snippet, spans))
        return out

    def _one_word(self, q: str, wanted: int) -> list[int]:
        """Texts with the word itself first, then texts with longer words it begins.

        Posting lists are in file order already, so a common word takes only the rows it
        needs instead of sorting every text that holds it.
        """
        whole = self._postings.get(q, [])
        ranked = whole[:wanted] if len(whole) > 5000 else self._ordered(set(whole))[:wanted]
        if len(ranked) < wanted:
            taken = set(whole)
            longer = [self._postings[k] for k in _prefixed(self._sorted, q) if k != q]
            rest: list[int] = []
            for row in heapq.merge(*longer):
                if row not in taken:
                    taken.add(row)
                    rest.append(row)
                    if len(rest) >= 5000:
                        break
            ranked += (rest if len(rest) >= 5000 else self._ordered(set(rest)))[: wanted - len(ranked)]
        return ranked

    def _several_words(self, qwords: list[str], wanted: int) -> list[int]:
        # set operations run in C: a common word ("the") is in most texts of a big tree
        common: set[int] | None = None
        whole: set[int] | None = None  # texts where every query word stands as a whole word
        for q in sorted(qwords, key=len, reverse=True):
            lists = [self._postings[k] for k in _prefixed(self._sorted, q)]
            rows: set[int] = set().union(*lists)
            exact = set(self._postings.get(q, ()))
            common = rows if common is None else common & rows
            whole = exact if whole is None else whole & exact
            if not common:
                return []
        assert common is not None
        assert whole is not None
        ranked = self._ordered(whole & common)[:wanted]
        if len(ranked) < wanted:
            ranked += self._ordered(common - whole)[: wanted - len(ranked)]
        return ranked

    def _ordered(self, rows: set[int]) -> list[int]:
        """Biographies, then excerpts, notes and sources, each in file order.

        Thousands of hits (a common word in a big tree) keep plain file order, which is
        sorted in C.
        """
        if len(rows) > 5000:
            return sorted(rows)
        chunks = self._chunks
        return sorted(rows, key=lambda r: (_KIND_ORDER[chunks[r].kind], r))


def _prefixed(keys: list[str], prefix: str) -> list[str]:
    """The keys of a sorted list that begin with `prefix`."""
    i = bisect_left(keys, prefix)
    j = bisect_left(keys, prefix + "\U0010ffff")
    return keys[i:j]


def _signature(tree: Tree) -> tuple[int, int, int, int, int]:
    return (id(tree), len(tree.people), len(tree.families), len(tree.sources), len(tree.notes))


def _snippet(text: str, qwords: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    hits = [(s, e, [q for q in qwords if folded.startswith(q)]) for s, e, folded in word_spans(text)]
    spans = [(s, e, qs) for s, e, qs in hits if qs]
    if not spans:
        return text[: 2 * SNIPPET_CONTEXT], ()
    # the window that shows the most different query words, the earliest of those
    width = 3 * SNIPPET_CONTEXT
    first = max((s for s, _, _ in spans),
                key=lambda s0: (len({q for s, _, qs in spans if s0 <= s < s0 + width for q in qs}), -s0))
    start = max(0, first - SNIPPET_CONTEXT)
    end = min(len(text), first + 2 * SNIPPET_CONTEXT)
    # widen to whole words
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    body = " ".join(text[start:end].split())
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    snippet = prefix + body + suffix
    # positions again in the snippet (whitespace was normalised)
    found = tuple((s + len(prefix), e + len(prefix)) for s, e, folded in word_spans(body)
                  if any(folded.startswith(q) for q in qwords))
    return snippet, found


def _chunks(tree: Tree) -> Iterator[_Chunk]:
    def notes(items: list[NoteLike], person_id: str, source_id: str, biography: bool) -> Iterator[_Chunk]:
        for i, text in enumerate(tree.note_texts(items)):
            kind = TextKind.BIOGRAPHY if biography and i == 0 else TextKind.NOTE
            yield _Chunk(person_id, source_id, kind, text)

    def citations(items: list[Citation], person_id: str) -> Iterator[_Chunk]:
        for c in items:
            for text in c.text:
                if text:
                    yield _Chunk(person_id, c.source_id, TextKind.EXCERPT, text)
            if c.description:
                yield _Chunk(person_id, c.source_id, TextKind.EXCERPT, c.description)
            yield from notes(c.notes, person_id, c.source_id, False)

    for person in tree.people.values():
        yield from notes(person.notes, person.id, "", True)
        yield from citations(person.citations, person.id)
        for name in person.names:
            yield from citations(name.citations, person.id)
        for event in person.events:
            yield from notes(event.notes, person.id, "", False)
            yield from citations(event.citations, person.id)
    for family in tree.families.values():
        owner = family.husband_id or family.wife_id
        if not owner:
            continue
        yield from notes(family.notes, owner, "", False)
        yield from citations(family.citations, owner)
        for event in family.events:
            yield from notes(event.notes, owner, "", False)
            yield from citations(event.citations, owner)
    for source in tree.sources.values():
        heading = " — ".join(p for p in (source.author, source.title, source.publication) if p)
        if heading:
            yield _Chunk("", source.id, TextKind.SOURCE, heading)
        if source.text:
            yield _Chunk("", source.id, TextKind.SOURCE, source.text)
        yield from notes(source.notes, "", source.id, False)


# The last tree searched and its index; holding the tree keeps its id from being reused.
_cache: list[tuple[Tree, TextIndex]] = []


def text_search(tree: Tree, query: str, limit: int = 20) -> list[TextHit]:
    """Search the texts of `tree`; the index is built on first use and kept for the same tree."""
    if _cache and _cache[0][0] is tree and _cache[0][1].signature == _signature(tree):
        index = _cache[0][1]
    else:
        index = TextIndex(tree)
        _cache[:] = [(tree, index)]
    return index.search(query, limit)

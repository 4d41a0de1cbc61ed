"""Full-text search over biographies, notes, source excerpts and source titles, with highlight spans."""

from __future__ import annotations

import enum
import heapq
from bisect import bisect_left, insort
from collections.abc import Iterable, Iterator

from familytree.model import Citation, Family, NoteLike, Person, Source, Tree
from familytree.model.slotted import slotted
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


@slotted(frozen=True)
class TextHit:
    """A text containing every query word; opening it opens `person_id`, else `source_id`."""

    person_id: str  # "" when the text belongs to a source only
    source_id: str  # the cited or matching source, "" for a note without one
    kind: TextKind
    snippet: str  # the text around the first match, "…" where cut
    spans: tuple[tuple[int, int], ...]  # (start, end) of each matched word within `snippet`


@slotted(frozen=True)
class _Chunk:
    person_id: str
    source_id: str
    kind: TextKind
    text: str


_GONE = _Chunk("", "", TextKind.NOTE, "")  # a text of a record since changed: its row holds no words


class TextIndex:
    """An inverted index from folded words to the texts that hold them."""

    def __init__(self, tree: Tree) -> None:
        self.signature = _signature(tree)
        self._chunks: list[_Chunk] = []
        self._rows: dict[tuple[str, str], list[int]] = {}  # (kind, xref) -> the rows of its texts
        for key, record in _records(tree):
            self._add(key, record, tree)
        self._postings: dict[str, list[int]] = {}
        for i, chunk in enumerate(self._chunks):
            for word in set(words(chunk.text)):
                self._postings.setdefault(word, []).append(i)
        self._sorted = sorted(self._postings)

    def _add(self, key: tuple[str, str], record: Person | Family | Source, tree: Tree) -> list[int]:
        rows = []
        for chunk in _texts(tree, record):
            rows.append(len(self._chunks))
            self._chunks.append(chunk)
        if rows:
            self._rows[key] = rows
        return rows

    def update(self, tree: Tree, people: Iterable[str] = (), families: Iterable[str] = (),
               sources: Iterable[str] = ()) -> None:
        """Index the texts of these records again, as they now are (after an edit): their old texts
        are taken out, their new ones added after all the others. (A shared note changed is in the
        texts of every record that points to it: the index is then made again.)"""
        postings = self._postings
        for kind, ids, table in (("INDI", people, tree.people), ("FAM", families, tree.families),
                                 ("SOUR", sources, tree.sources)):
            for xref in ids:
                for row in self._rows.pop((kind, xref), ()):
                    for word in set(words(self._chunks[row].text)):
                        gone = postings[word]
                        del gone[bisect_left(gone, row)]
                    self._chunks[row] = _GONE
                record = table.get(xref)
                for row in self._add((kind, xref), record, tree) if record is not None else ():
                    for word in set(words(self._chunks[row].text)):
                        listed = postings.get(word)
                        if listed is None:  # (a word no text has any more keeps its empty list)
                            listed = postings[word] = []
                            insort(self._sorted, word)
                        listed.append(row)
        self.signature = _signature(tree)

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


def _texts(tree: Tree, record: Person | Family | Source) -> Iterator[_Chunk]:
    """The texts of one person, family (as its first partner's) or source."""
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

    if isinstance(record, Person):
        yield from notes(record.notes, record.id, "", True)
        yield from citations(record.citations, record.id)
        for name in record.names:
            yield from citations(name.citations, record.id)
        for event in record.events:
            yield from notes(event.notes, record.id, "", False)
            yield from citations(event.citations, record.id)
    elif isinstance(record, Family):
        owner = record.husband_id or record.wife_id
        if not owner:
            return
        yield from notes(record.notes, owner, "", False)
        yield from citations(record.citations, owner)
        for event in record.events:
            yield from notes(event.notes, owner, "", False)
            yield from citations(event.citations, owner)
    else:
        heading = " — ".join(p for p in (record.author, record.title, record.publication) if p)
        if heading:
            yield _Chunk("", record.id, TextKind.SOURCE, heading)
        if record.text:
            yield _Chunk("", record.id, TextKind.SOURCE, record.text)
        yield from notes(record.notes, "", record.id, False)


def _records(tree: Tree) -> Iterator[tuple[tuple[str, str], Person | Family | Source]]:
    """Every record with texts, keyed by kind and xref, in the order the index lists their texts."""
    for kind, table in (("INDI", tree.people), ("FAM", tree.families), ("SOUR", tree.sources)):
        for xref, record in table.items():
            yield (kind, xref), record


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

"""Text search: biographies, notes, excerpts and sources found by their words, with highlight spans."""

from __future__ import annotations

from pathlib import Path

import pytest

from familytree.model import Citation, Note, NoteRef, Person, Source, Tree
from familytree.search import TextIndex, TextKind, text_search
from familytree.search.fold import fold


@pytest.fixture(scope="module")
def bundled(bundled_path: Path) -> Tree:
    from familytree.gedcom import read_file

    return read_file(str(bundled_path))


def _highlighted(hit) -> list[str]:  # type: ignore[no-untyped-def]
    return [hit.snippet[a:b] for a, b in hit.spans]


@pytest.mark.parametrize(("query", "person", "kind", "word"), [
    ("Krasnoyarsk", "@I1@", TextKind.BIOGRAPHY, "Krasnoyarsk"),
    ("krasno", "@I1@", TextKind.BIOGRAPHY, "Krasnoyarsk"),  # as typed, a prefix
    ("circus", "@I1@", TextKind.BIOGRAPHY, "circus"),
    ("cafe central", "@I1@", TextKind.EXCERPT, "Café"),  # diacritics folded
    ("Seryozha circus", "@I1@", TextKind.EXCERPT, "Seryozha"),
])
def test_bundled_texts(bundled: Tree, query: str, person: str, kind: TextKind, word: str) -> None:
    hits = text_search(bundled, query)
    assert hits
    assert any(h.person_id == person and h.kind is kind and word in _highlighted(h) for h in hits), hits[:3]
    for h in hits:
        # every query word is highlighted in the snippet, whatever its case and accents
        marked = [fold(w) for w in _highlighted(h)]
        assert all(any(m.startswith(q) for m in marked) for q in fold(query).split())


def test_excerpt_hit_names_its_source(bundled: Tree) -> None:
    hits = [h for h in text_search(bundled, "travelling circus") if h.kind is TextKind.EXCERPT]
    assert hits
    assert all(h.source_id in bundled.sources for h in hits)


def test_every_word_must_occur(bundled: Tree) -> None:
    assert text_search(bundled, "circus Krasnoyarsk zzzz") == []
    both = text_search(bundled, "Seryozha circus", limit=50)
    assert all({"seryozha", "circus"} <= {w.casefold() for w in _highlighted(h)} for h in both)


def test_same_excerpt_on_several_facts_is_one_hit(bundled: Tree) -> None:
    hits = text_search(bundled, "cafe", limit=50)
    keys = [(h.person_id, h.source_id, h.snippet) for h in hits]
    assert len(keys) == len(set(keys))


def _small_tree() -> Tree:
    tree = Tree()
    tree.add_note(Note("Shared note about the <b>Kremlin</b> & its museums", id="@N1@"))
    person = Person("@P1@", notes=[Note("Worked as an engineer in Moscow."), NoteRef("@N1@")])
    person.citations.append(Citation("@S1@", text=["He signed up with a travelling circus."]))
    tree.add_person(person)
    tree.add_source(Source("@S1@", title="Stalin's Nemesis", author="Bertrand M. Patenaude"))
    return tree


@pytest.mark.parametrize(("query", "kind", "person", "source"), [
    ("engineer", TextKind.BIOGRAPHY, "@P1@", ""),
    ("kremlin museums", TextKind.NOTE, "@P1@", ""),  # a shared note reached through its pointer
    ("travelling", TextKind.EXCERPT, "@P1@", "@S1@"),
    ("nemesis", TextKind.SOURCE, "", "@S1@"),
    ("patenaude", TextKind.SOURCE, "", "@S1@"),
])
def test_kinds_of_text(query: str, kind: TextKind, person: str, source: str) -> None:
    hits = TextIndex(_small_tree()).search(query)
    assert [(h.kind, h.person_id, h.source_id) for h in hits] == [(kind, person, source)]


def test_markup_in_notes_is_plain_text() -> None:
    hit = TextIndex(_small_tree()).search("kremlin")[0]
    assert "<b>Kremlin</b>" in hit.snippet  # kept verbatim: the UI escapes it
    assert _highlighted(hit) == ["Kremlin"]


@pytest.mark.parametrize("query", ["", "   ", "🙂", ".*(", "x" * 10_000, "a " * 5_000, "\ud800"])
def test_bad_queries(query: str) -> None:
    assert isinstance(TextIndex(_small_tree()).search(query), list)


def test_index_is_rebuilt_for_another_tree() -> None:
    first = _small_tree()
    assert text_search(first, "engineer")
    other = Tree()
    other.add_person(Person("@X1@", notes=[Note("A circus acrobat")]))
    assert text_search(other, "engineer") == []
    assert text_search(other, "acrobat")[0].person_id == "@X1@"

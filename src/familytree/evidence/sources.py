"""The sources index: every source, its citations, and the people and facts resting on each."""

from __future__ import annotations

from dataclasses import field

from familytree.evidence.conflicts import source_key
from familytree.evidence.facts import fact_summary
from familytree.evidence.timeline import context_records
from familytree.model import Citation, Event, Note, NoteLike, NoteRef, Person, Source, Tree
from familytree.model.records import UNTITLED_SOURCE
from familytree.model.slotted import slotted

__all__ = ["CitationEntry", "CitationUse", "CitedPlace", "CitationNumbers", "Reference", "SourceEntry",
           "citation_text", "reference", "source_index"]


@slotted
class CitationUse:
    """One fact or record that rests on a citation."""

    record_id: str  # the person, family, shared note or media record carrying the citation
    record_kind: str  # "person", "family", "note", "media", "event" (a historical context event)
    person_ids: list[str]  # the people to open for it: the person, the couple, the note's people
    citation: Citation
    event_index: int | None = None  # index in the record's `events` when it is a fact
    event: Event | None = None  # the fact, when it is one
    label: str = ""  # what it is otherwise: "Name: Sergei Sedov", "the person as a whole", "Note"

    @property
    def what(self) -> str:
        """ "Birth, 21 March 1908, Kiev", "Name: Sergei Sedov", "the person as a whole".

        Worded on demand: a large file has a hundred thousand uses, few of them ever shown.
        """
        return fact_summary(self.event) if self.event is not None else self.label

    def display(self, tree: Tree) -> str:
        """ "Sergei Sedov: Birth, 21 March 1908"."""
        names = " and ".join(tree.people[p].display_name() for p in self.person_ids if p in tree.people)
        if names:
            return f"{names}: {self.what}"
        return self.what if self.record_kind == "event" else f"{self.record_id}: {self.what}"


@slotted
class CitationEntry:
    """The citations of one source at one place in it (a page), with what rests on them."""

    page: str
    uses: list[CitationUse] = field(default_factory=list)

    @property
    def texts(self) -> list[str]:
        """The distinct excerpts quoted from this place of the source."""
        out: list[str] = []
        for use in self.uses:
            for t in use.citation.text:
                if t and t not in out:
                    out.append(t)
        return out

    @property
    def person_ids(self) -> list[str]:
        out: list[str] = []
        for use in self.uses:
            out.extend(p for p in use.person_ids if p not in out)
        return out


@slotted
class SourceEntry:
    key: str  # the source xref, or "inline:..." for a 5.5.1 source written in place
    source: Source | None  # None for an inline source or a pointer to a missing record
    title: str
    citations: list[CitationEntry] = field(default_factory=list)

    @property
    def use_count(self) -> int:
        return sum(len(c.uses) for c in self.citations)


@slotted(frozen=True)
class Reference:
    """What a citation cites, in the parts a reference is written in: "Robert Service, *Trotsky*
    (2009), p. 23". `title` is empty when the page names the work itself (an untitled article cited
    as 'Article "Sergei Sedov", section ...'); `other` holds a 5.5.1 source written in place or
    what is missing, when there is no source record."""

    author: str = ""
    title: str = ""
    publication: str = ""
    page: str = ""
    other: str = ""

    def parts(self) -> list[tuple[str, bool]]:
        """The reference as (text, is_title) pieces, in order, for a caller that sets titles in italics."""
        out: list[tuple[str, bool]] = []
        for text, is_title in ((self.author, False), (self.other, False), (self.title, True)):
            if text:
                if out:
                    out.append((", ", False))
                out.append((text, is_title))
        if self.publication:
            out.append((f" ({self.publication})" if out else self.publication, False))
        if self.page:
            out.append((", " + self.page if out else self.page, False))
        return out

    def text(self) -> str:
        """The reference as one plain line."""
        return "".join(text for text, _ in self.parts())


def _one_line(text: str) -> str:
    return " ".join(text.split())


def reference(tree: Tree, citation: Citation) -> Reference:
    """The reference of a citation: author, title, publication (with its year), page or section.

    A citation whose page already names the work (an article with no author, cited as
    'Article "Sergei Sedov", opening section') is that page alone: written after the title, it
    read as if the person the article is about had written it ("Sergei Sedov, Article ...").
    """
    page = _one_line(citation.page)
    source = tree.sources.get(citation.source_id) if citation.source_id else None
    if source is None:
        return Reference(other=tree.cited_source(citation), page=page)
    author, title = _one_line(source.author), _one_line(source.title)
    publication = _one_line(source.publication)
    other = ""
    if not author and not title:
        # the abbreviation stands for the title; the first words of the text, or "Untitled source"
        # when there is not even a publication, only name the source (never its xref)
        title = _one_line(source.abbreviation)
        if not title:
            other = source.stand_in() or ("" if publication else UNTITLED_SOURCE)
    names_itself = page and not author and any(
        name and name.casefold() in page.casefold() for name in (title, _one_line(source.abbreviation)))
    return Reference(author, "" if names_itself else title, publication, page, other)


def citation_text(tree: Tree, citation: Citation) -> str:
    """A reference line for a citation: "Robert Service, Trotsky (2009), p. 23"."""
    return reference(tree, citation).text()


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


@slotted
class CitedPlace:
    """One numbered entry of a page's sources: one place (page, section) in one source, however
    many facts cite it, with the distinct excerpts quoted from it."""

    number: int
    citation: Citation  # the first citation of this place: its source and page
    citations: list[Citation] = field(default_factory=list)

    @property
    def excerpts(self) -> list[str]:
        """The excerpts quoted from this place, each once; one that is part of a longer one is left
        out (a fact quoting a sentence of the paragraph the person's record quotes whole)."""
        texts: list[str] = []
        for c in self.citations:
            texts.extend(t for t in c.text if t.strip() and t not in texts)
        folded = [_folded(t) for t in texts]
        return [t for i, t in enumerate(texts)
                if not any(j != i and folded[i] in folded[j] and (folded[i] != folded[j] or j < i)
                           for j in range(len(texts)))]

    @property
    def notes(self) -> list[NoteLike]:
        out: list[NoteLike] = []
        for c in self.citations:
            out.extend(n for n in c.notes if n not in out)
        return out


@slotted
class CitationNumbers:
    """Numbers the citations of a page in order of first mention: every citation of the same place
    in the same source (source and page) shares one number, so each is listed once."""

    places: list[CitedPlace] = field(default_factory=list)
    _index: dict[tuple[str, str, str], CitedPlace] = field(default_factory=dict)

    def number(self, citations: list[Citation]) -> list[int]:
        """The numbers of `citations`, each once, in order; new places are numbered after the last."""
        numbers: list[int] = []
        for c in citations:
            key = (c.source_id, _one_line(c.page), _one_line(c.description))
            place = self._index.get(key)
            if place is None:
                place = self._index[key] = CitedPlace(len(self.places) + 1, c)
                self.places.append(place)
            if c not in place.citations:
                place.citations.append(c)
            if place.number not in numbers:
                numbers.append(place.number)
        return numbers


class _Collector:
    def __init__(self, tree: Tree) -> None:
        self.entries: dict[str, SourceEntry] = {
            sid: SourceEntry(sid, src, src.display()) for sid, src in tree.sources.items()
        }
        self.pages: dict[tuple[str, str], CitationEntry] = {}

    def add(self, citations: list[Citation], record_id: str, kind: str, people: list[str], what: str | Event,
            event_index: int | None = None) -> None:
        event = what if isinstance(what, Event) else None
        label = what if isinstance(what, str) else ""
        for c in citations:
            key = source_key(c)
            entry = self.entries.get(key)
            if entry is None:
                if c.source_id:
                    title = f"{c.source_id} (source record missing)"
                else:
                    title = " ".join(c.description.split()) or "(source not named)"
                entry = self.entries[key] = SourceEntry(key, None, title)
            page = " ".join(c.page.split()) if c.page else ""
            ce = self.pages.get((key, page))
            if ce is None:
                ce = self.pages[(key, page)] = CitationEntry(page)
                entry.citations.append(ce)
            ce.uses.append(CitationUse(record_id, kind, people, c, event_index, event, label))

    def record(self, record_id: str, kind: str, people: list[str], what: str, citations: list[Citation],
               events: list[Event], notes: list[NoteLike]) -> None:
        if citations:
            self.add(citations, record_id, kind, people, what)
        for i, e in enumerate(events):
            if e.citations:
                self.add(e.citations, record_id, kind, people, e, i)
        for n in notes:
            if isinstance(n, Note) and n.citations:
                self.add(n.citations, record_id, kind, people, "Note")


def _cites_anything(p: Person) -> bool:
    """A quick test that skips the many people of a large file who cite nothing."""
    if p.citations or p.notes:
        return True
    for group in (p.events, p.names, p.associations):
        for record in group:
            if record.citations:
                return True
    return False


def source_index(tree: Tree) -> list[SourceEntry]:
    """Every source record (in file order, cited or not), then inline and missing sources."""
    col = _Collector(tree)
    note_people: dict[str, list[str]] = {}
    for p in tree.people.values():
        if not _cites_anything(p):
            continue
        people = [p.id]
        for name in p.names:
            if name.citations:
                col.add(name.citations, p.id, "person", people, f"Name: {name.display()}")
        col.record(p.id, "person", people, "the person as a whole", p.citations, p.events, p.notes)
        for a in p.associations:
            if a.citations:
                other = tree.people[a.person_id].display_name() if a.person_id in tree.people else a.person_id
                role = " ".join(t for t in (a.relation or a.phrase, other) if t)
                col.add(a.citations, p.id, "person", people, f"Association: {role}")
        for n in p.notes:
            if isinstance(n, NoteRef):
                note_people.setdefault(n.note_id, []).append(p.id)
    for f in tree.families.values():
        people = [pid for pid in f.partner_ids if pid in tree.people]
        col.record(f.id, "family", people, "the family as a whole", f.citations, f.events, f.notes)
    for nid, note in tree.notes.items():
        col.add(note.citations, nid, "note", note_people.get(nid, []), "Note")
    for mid, media in tree.media.items():
        col.add(media.citations, mid, "media", [], "Media")
    for xref, event in context_records(tree):
        col.add(event.citations, xref, "event", [], event)
    return list(col.entries.values())

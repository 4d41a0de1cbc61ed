"""The details panel: a person's names, facts, family, biography and source excerpts, as escaped rich text.

Values from the file are escaped and cut for display (a name of a megabyte would take Qt
minutes to lay out); what was cut is listed with the page and opened in full from a link.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtWidgets import QTextBrowser, QWidget

from familytree.model import (
    ChildRelation,
    Citation,
    Event,
    Family,
    Name,
    NameType,
    NoteLike,
    Person,
    Sex,
    Tree,
)
from familytree.model.text import LONG_TEXT, SHORT_TEXT, break_long_words, for_display, shorten

if TYPE_CHECKING:
    from familytree.evidence import FactAnnotation

__all__ = ["DetailsPanel", "person_html", "source_html", "person_link", "PERSON_SCHEME", "SOURCE_SCHEME",
           "FULL_TEXT_SCHEME", "LongTexts"]

PERSON_SCHEME = "person"
SOURCE_SCHEME = "source"
FULL_TEXT_SCHEME = "fulltext"  # fulltext:N opens the N-th cut value of the page in full

_SEX_WORDS = {Sex.MALE: "male", Sex.FEMALE: "female", Sex.OTHER: "other", Sex.UNKNOWN: "sex not recorded"}
_NAME_TYPES = {
    NameType.BIRTH: "birth name", NameType.AKA: "also known as", NameType.NICKNAME: "nickname",
    NameType.MARRIED: "married name", NameType.IMMIGRANT: "immigrant name", NameType.MAIDEN: "maiden name",
    NameType.PROFESSIONAL: "professional name", NameType.OTHER: "other name",
}
_RELATION_WORDS = {
    ChildRelation.ADOPTED: "adopted", ChildRelation.FOSTER: "foster", ChildRelation.STEP: "step",
    ChildRelation.SEALING: "sealed", ChildRelation.OTHER: "other relation",
}
_LANGUAGES = {"ru": "Russian", "en": "English", "de": "German", "fr": "French", "uk": "Ukrainian",
              "he": "Hebrew", "yi": "Yiddish", "pl": "Polish", "es": "Spanish", "it": "Italian"}


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def esc_name(text: str) -> str:
    """A name, cut for display, escaped and isolated for bidi, so "שלום כהן, Anna" keeps its order
    in an English page."""
    return "\u2068" + esc(for_display(text)) + "\u2069"  # FIRST STRONG ISOLATE ... POP


@dataclass(slots=True)
class LongTexts:
    """The values a page shows cut, each as (what it is, the whole text): link N opens the N-th."""

    texts: list[tuple[str, str]] = field(default_factory=list)

    def value(self, text: str, what: str, limit: int = SHORT_TEXT) -> str:
        """`text` escaped for the page; cut to `limit` with a link to the whole when longer."""
        if len(text) <= limit:
            return esc(break_long_words(text))
        return esc(for_display(text, limit)) + " " + self.link(text, what)

    def note(self, text: str, what: str) -> str:
        """A note or excerpt as paragraphs; past LONG_TEXT characters, the rest behind a link."""
        if len(text) <= LONG_TEXT:
            return _multiline(text)
        return _multiline(shorten(text, LONG_TEXT)) + f"<p>{self.link(text, what, 'read the whole text')}</p>"

    def link(self, text: str, what: str, words: str = "show all") -> str:
        """A link that opens `text` whole in a viewer: "(show all: 300,000 characters)"."""
        self.texts.append((what, text))
        return f"<a href='{FULL_TEXT_SCHEME}:{len(self.texts) - 1}'>({words}: {len(text):,} characters)</a>"


def person_link(person_id: str) -> str:
    return f"{PERSON_SCHEME}:{quote(person_id, safe='')}"


def link_target(url: QUrl | str) -> tuple[str, str]:
    """(scheme, id) of an internal link; ("", "") for anything else."""
    text = url.toString() if isinstance(url, QUrl) else url
    scheme, sep, rest = text.partition(":")
    if not sep or scheme not in (PERSON_SCHEME, SOURCE_SCHEME, FULL_TEXT_SCHEME):
        return ("", "")
    return (scheme, unquote(rest))


def _multiline(text: str) -> str:
    """Escaped text with its line breaks and paragraphs kept (and long unbroken runs breakable)."""
    paragraphs = [p for p in break_long_words(text).replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{esc(p).replace(chr(10), '<br>')}</p>" for p in paragraphs if p.strip())


@dataclass(slots=True)
class _Citations:
    """Numbers citations in order of first mention, merging identical ones."""

    tree: Tree
    numbered: list[Citation] = field(default_factory=list)
    _index: dict[tuple[str, str, tuple[str, ...], str], int] = field(default_factory=dict)

    def mark(self, citations: list[Citation]) -> str:
        numbers: list[int] = []
        for c in citations:
            key = (c.source_id, c.page, tuple(c.text), c.description)
            n = self._index.get(key)
            if n is None:
                self.numbered.append(c)
                n = len(self.numbered)
                self._index[key] = n
            if n not in numbers:
                numbers.append(n)
        return "".join(f'<a href="#cite-{n}"><sup>[{n}]</sup></a>' for n in numbers)


def citation_heading(tree: Tree, citation: Citation) -> str:
    """The full reference of a citation: "Robert Service, Trotsky (2009), p. 12" (plain text)."""
    text = tree.cited_source(citation)
    if citation.page:
        text += f", {citation.page}"
    return text


def _name_rows(person: Person, long: LongTexts) -> list[str]:
    rows: list[str] = []
    for i, name in enumerate(person.names):
        kind = _NAME_TYPES.get(name.type, "")
        if name.type is NameType.OTHER and name.type_phrase:
            kind = name.type_phrase
        label = "Name" if i == 0 and not kind else (kind.capitalize() if kind else "Also")
        rows.append(_row(esc(for_display(label)), long.value(name.display() or "(no name)", label)))
        if name.nickname:
            rows.append(_row("Nickname", long.value(name.nickname, "Nickname")))
        rows.extend(_translation_rows(name, long))
    return rows


def _translation_rows(name: Name, long: LongTexts) -> list[str]:
    out = []
    for tr in name.translations:
        lang = _LANGUAGES.get(tr.lang.split("-")[0].lower(), tr.lang) if tr.lang else ""
        label = f"In {lang}" if lang else "Other script"
        out.append(_row(esc(for_display(label)), long.value(tr.display(), label)))
    return out


def _row(label: str, value: str) -> str:
    return f'<tr><td class="k" width="30%">{label}</td><td>{value}</td></tr>'


def _event_text(event: Event, long: LongTexts) -> str:
    bits = []
    what = event.label
    if event.value and event.value.upper() != "Y":
        bits.append(long.value(event.value, what))
    if event.tag in ("EVEN", "FACT") and event.type and event.type != event.label:
        bits.append(long.value(event.type, f"{what}, type"))
    if event.date is not None:
        date = event.date.display()
        if date:
            bits.append(long.value(date, f"{what}, date"))
    if event.place is not None and event.place.name:
        # "Kensington,Palace,London" reads as "Kensington, Palace, London"
        place = event.place.name
        if len(place) <= SHORT_TEXT:
            place = ", ".join(p.strip() for p in place.split(",") if p.strip())
        bits.append(long.value(place, f"{what}, place"))
    if event.cause:
        bits.append("cause: " + long.value(event.cause, f"{what}, cause"))
    if event.age:
        bits.append("age " + long.value(event.age, f"{what}, age"))
    return ", ".join(bits)


def _link(tree: Tree, person_id: str, note: str = "") -> str:
    p = tree.people.get(person_id)
    name = p.display_name() if p else person_id
    years = p.lifespan() if p else ""
    # bidi-isolated; cut without a link of its own: the person's page, one click away, has it whole
    text = f'\u2068<a href="{esc(person_link(person_id))}">{esc(for_display(name))}</a>\u2069'
    if years:
        text += f" <span class='dim'>({esc(years)})</span>"
    if note:
        text += f" <i>{esc(for_display(note))}</i>"
    return text


def _relation_of(family: Family, child_id: str) -> str:
    for c in family.children:
        if c.person_id == child_id:
            return c.phrase or _RELATION_WORDS.get(c.relation, "")
    return ""


def _family_rows(tree: Tree, person: Person) -> list[str]:
    rows: list[str] = []
    pid = person.id
    parent_bits = []
    for fam in tree.parent_families(pid):
        relation = _relation_of(fam, pid)
        for parent in fam.partner_ids:
            bit = _link(tree, parent, relation) if parent in tree.people else ""
            if bit and bit not in parent_bits:  # a parent in two of the person's families: once
                parent_bits.append(bit)
    if parent_bits:
        rows.append(_row("Parents", ", ".join(parent_bits)))
    birth_parents = set(tree.parents(pid, birth_only=True)) or set(tree.parents(pid))
    sibling_bits = []
    for sib in tree.siblings(pid):
        theirs = set(tree.parents(sib, birth_only=True)) or set(tree.parents(sib))
        note = ""
        if theirs != birth_parents:
            note = "half-sibling" if theirs & birth_parents else "step-sibling"
        sibling_bits.append(_link(tree, sib, note))
    if sibling_bits:
        rows.append(_row("Siblings", ", ".join(sibling_bits)))
    partner_bits, child_bits = [], []
    for fam in tree.partner_families(pid):
        others = [p for p in fam.partner_ids if p != pid and p in tree.people]
        for other in others:
            marr = next((e for e in fam.events if e.tag == "MARR"), None)
            note = f"married {marr.date.display()}" if marr and marr.date and marr.date.display() else ""
            if any(e.tag in ("DIV", "ANUL") and e.value.strip().upper() != "N" for e in fam.events):
                note = (note + ", " if note else "") + "divorced"
            partner_bits.append(_link(tree, other, note))
        for cid in fam.child_ids:
            if cid in tree.people:
                note = _relation_of(fam, cid)
                if len(tree.partner_families(pid)) > 1 and others:
                    with_whom = tree.people[others[0]].display_name()
                    note = (note + ", " if note else "") + f"with {with_whom}"
                child_bits.append(_link(tree, cid, note))
    if partner_bits:
        rows.append(_row("Partners", ", ".join(partner_bits)))
    if child_bits:
        rows.append(_row("Children", ", ".join(child_bits)))
    return rows


# Rich text to put after a fact: its support (citation count, disagreeing sources), given by the
# evidence tools: (tree, annotation or None) -> escaped rich text.
FactMark = Callable[[Tree, "FactAnnotation | None"], str]


def _facts(tree: Tree, person: Person, cites: _Citations, long: LongTexts,
           fact_mark: FactMark | None = None) -> list[str]:
    """Own events and those of the person's families, in date order (undated last, file order kept)."""
    own_notes: dict[int, FactAnnotation] = {}
    family_notes: dict[str, dict[int, FactAnnotation]] = {}
    if fact_mark is not None:
        from familytree.evidence import fact_annotations, family_fact_annotations

        own_notes = fact_annotations(tree, person.id)
        family_notes = {f.id: family_fact_annotations(tree, f.id) for f in tree.partner_families(person.id)}
    entries: list[tuple[tuple[int, int, int, int, int], int, str, Event, FactAnnotation | None]] = []
    for i, e in enumerate(person.events):
        if not e.denied:  # "1 DIV N": the file says it did not happen
            entries.append((e.sort_key(), i, esc(for_display(e.label)), e, own_notes.get(i)))
    n = len(person.events)
    for fam in tree.partner_families(person.id):
        others = [tree.people[p].display_name() for p in fam.partner_ids
                  if p != person.id and p in tree.people]
        for j, e in enumerate(fam.events):
            if e.denied:
                continue
            label = esc(for_display(e.label)) + (f" <span class='dim'>with {esc_name(others[0])}</span>"
                                                 if others else "")
            entries.append((e.sort_key(), n + j, label, e, family_notes.get(fam.id, {}).get(j)))
        n += len(fam.events)
    entries.sort(key=lambda t: (t[0], t[1]))
    rows = []
    for _key, _i, label, event, note in entries:
        mark = fact_mark(tree, note) if fact_mark is not None else ""
        rows.append(_row(label, _event_text(event, long) + cites.mark(event.citations) + mark))
    return rows


def _note_texts(tree: Tree, notes: list[NoteLike]) -> list[str]:
    return tree.note_texts(notes)


CSS = """
<style>
h2 { margin: 0 0 2px 0; }
h3 { margin: 12px 0 4px 0; }
td { padding: 1px 8px 1px 0; vertical-align: top; }
td.k { font-weight: bold; white-space: nowrap; }
.dim { color: #7a7a7a; }
blockquote { margin: 4px 0 10px 12px; }
p.cite { margin: 8px 0 2px 0; }
</style>
"""


def person_html(tree: Tree, person_id: str, fact_mark: FactMark | None = None,
                long: LongTexts | None = None) -> str:
    """The details of one person as rich text; every value from the file is escaped and cut for
    display. The values cut are added to `long`, which the page's "show all" links index."""
    person = tree.people.get(person_id)
    if person is None:
        return "<p>No person selected.</p>"
    long = long if long is not None else LongTexts()
    cites = _Citations(tree)
    name_cites = [c for n in person.names for c in n.citations]
    name = person.display_name()
    parts = [CSS, f"<h2>{esc(person.sex.symbol)} {esc_name(name)}</h2>"]
    if len(name) > SHORT_TEXT:
        parts.append(f"<p>{long.link(name, 'Name')}</p>")
    sub = [esc(_SEX_WORDS[person.sex])]
    if person.lifespan():
        sub.append(esc(person.lifespan()))
    parts.append(f"<p class='dim'>{', '.join(sub)}{cites.mark(person.citations)}</p>")

    # Numbers are given in reading order of the facts, then the names; the sections are shown
    # story first: family, biography, the sources with their excerpts, then names and facts.
    facts = _facts(tree, person, cites, long, fact_mark)
    names = "<h3>Names</h3><table width='100%'>" + "".join(_name_rows(person, long)) + "</table>"
    if name_cites:
        names += f"<p>Names cited from {cites.mark(name_cites)}</p>"

    family = _family_rows(tree, person)
    if family:
        parts.append("<h3>Family</h3><table width='100%'>" + "".join(family) + "</table>")

    notes = _note_texts(tree, person.notes)
    if notes:
        parts.append("<h3>Biography</h3>" + long.note(notes[0], "Biography"))
        for extra in notes[1:]:
            parts.append("<h3>Note</h3>" + long.note(extra, "Note"))

    if cites.numbered:
        parts.append("<h3>Sources</h3>")
        for n, c in enumerate(cites.numbered, start=1):
            parts.append(f"<p class='cite'><a name='cite-{n}'></a><b>[{n}]</b> "
                         f"{long.value(citation_heading(tree, c), f'Source [{n}]', 2 * SHORT_TEXT)}</p>")
            for excerpt in c.text:
                parts.append(f"<blockquote>{long.note(excerpt, f'Excerpt of source [{n}]')}</blockquote>")
            for note in _note_texts(tree, c.notes):
                note_html = long.note(note, f"Note on source [{n}]")
                parts.append(f"<blockquote><i>Note:</i> {note_html}</blockquote>")
    parts.append(names)
    if facts:
        parts.append("<h3>Facts and events</h3><table width='100%'>" + "".join(facts) + "</table>")
    return "".join(parts)


def source_html(tree: Tree, source_id: str, long: LongTexts | None = None) -> str:
    """A source: its full reference, its text, and the people who cite it (as links)."""
    source = tree.sources.get(source_id)
    if source is None:
        return "<p>No such source.</p>"
    long = long if long is not None else LongTexts()
    parts = [CSS, f"<h2>{long.value(source.display(), 'Source', 2 * SHORT_TEXT)}</h2>"]
    if source.text:
        parts.append(f"<blockquote>{long.note(source.text, 'Text of the source')}</blockquote>")
    citing = [p.id for p in tree.iter_people()
              if any(c.source_id == source_id for c in tree.person_citations(p.id))]
    if citing:
        parts.append("<h3>Cited for</h3><p>" + "<br>".join(_link(tree, pid) for pid in citing) + "</p>")
    for note in _note_texts(tree, source.notes):
        parts.append("<h3>Note</h3>" + long.note(note, "Note"))
    return "".join(parts)


class DetailsPanel(QTextBrowser):
    """Shows one person; links to people emit personLinkActivated, never load anything."""

    personLinkActivated = Signal(str)  # noqa: N815 (Qt signal names are camelCase)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("details")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setAccessibleName("Person details")
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.tree: Tree | None = None
        self.person_id = ""
        self.fact_mark: FactMark | None = None
        self.long = LongTexts()  # the values the page shows cut, opened whole from its links
        self.setPlaceholderText("Click a person on the chart to read about them.")
        # An English page: every block left to right. Left to itself a block takes the direction
        # of its first letter, and a heading or a list starting with a Hebrew name went flush right.
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.document().setDefaultTextOption(option)

    def show_person(self, tree: Tree, person_id: str) -> None:
        self.tree = tree
        self.person_id = person_id
        self.long = LongTexts()
        self.setHtml(person_html(tree, person_id, self.fact_mark, self.long))

    def show_source(self, tree: Tree, source_id: str) -> None:
        self.tree = tree
        self.person_id = ""
        self.long = LongTexts()
        self.setHtml(source_html(tree, source_id, self.long))

    def show_message(self, text: str) -> None:
        self.person_id = ""
        self.setPlainText(text)

    def clear_person(self) -> None:
        self.person_id = ""
        self.clear()

    def open_long_text(self, index: int) -> QWidget | None:
        """Open the `index`-th value the page shows cut, whole, in a viewer beside the window."""
        if not 0 <= index < len(self.long.texts):
            return None
        from familytree.ui.text import show_full_text

        what, text = self.long.texts[index]
        return show_full_text(self, what, text)

    def link_positions(self) -> dict[str, list[int]]:
        """person id -> document positions of the links to them (for tests and keyboard users)."""
        out: dict[str, list[int]] = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                href = frag.charFormat().anchorHref()
                scheme, target = link_target(href)
                if scheme == PERSON_SCHEME:
                    out.setdefault(target, []).append(frag.position())
                it += 1
            block = block.next()
        return out

    def _on_anchor_clicked(self, url: QUrl) -> None:
        scheme, target = link_target(url)
        if scheme == PERSON_SCHEME:
            self.personLinkActivated.emit(target)
        elif scheme == SOURCE_SCHEME and self.tree is not None:
            self.show_source(self.tree, target)
        elif scheme == FULL_TEXT_SCHEME:
            self.open_long_text(int(target) if target.isdigit() else -1)
        elif url.fragment():
            self.scrollToAnchor(url.fragment())

"""The sections of a person's details page, each as escaped rich text: header, facts, family,
biography, names and sources."""

from __future__ import annotations

from collections.abc import Callable, Container
from typing import TYPE_CHECKING
from urllib.parse import quote

from familytree.evidence.biography import marked_note, name_words, person_claims, without_heading
from familytree.evidence.facts import NOTHING_RECORDED, life_summary
from familytree.evidence.names import name_forms
from familytree.evidence.sources import CitedPlace, reference
from familytree.model import (
    ChildRelation,
    Citation,
    Event,
    Family,
    Note,
    Person,
    Sex,
    Tree,
    place_text,
    recorded_age_text,
)
from familytree.model.text import (
    LONG_TEXT,
    SHORT_TEXT,
    balance_quotes,
    break_long_words,
    for_display,
    join_wrapped_lines,
    shorten,
)
from familytree.privacy import Verdict, is_restricted, reason
from familytree.ui.details_markup import (
    EDIT_SCHEME,
    EXCERPT_SCHEME,
    FAMILY_EDIT_SCHEME,
    LongTexts,
    Marks,
    esc,
    esc_name,
    person_link,
)

if TYPE_CHECKING:
    from familytree.evidence import FactAnnotation

__all__ = ["FactMark", "FOLDED_EXCERPT", "header", "privacy", "facts", "family", "biography", "names",
           "sources", "person_line", "reference_html"]

# Rich text to put after a fact: its support (citation count, disagreeing sources), given by the
# evidence tools: (tree, annotation or None) -> escaped rich text.
FactMark = Callable[[Tree, "FactAnnotation | None"], str]

# Characters of an excerpt shown before "show excerpt": about two lines of the panel.
FOLDED_EXCERPT = 160

_SEX_WORDS = {Sex.MALE: "Male", Sex.FEMALE: "Female", Sex.OTHER: "Sex: other",
              Sex.UNKNOWN: "Sex not recorded"}
_RELATION_WORDS = {
    ChildRelation.ADOPTED: "adopted", ChildRelation.FOSTER: "foster", ChildRelation.STEP: "step",
    ChildRelation.SEALING: "sealed", ChildRelation.OTHER: "other relation",
}
def _row(label: str, value: str) -> str:
    return f'<tr><td class="k" width="24%">{label}</td><td>{value}</td></tr>'


def _table(rows: list[str]) -> str:
    return "<table width='100%' cellspacing='0'>" + "".join(rows) + "</table>"


# -- header -----------------------------------------------------------------------------------------

def header(person: Person, long: LongTexts, editable: bool = False) -> str:
    """Name and life years; sex and a line on birth and death: "Male, born 21 March 1908; died 1937";
    `editable`: then a link to the person editor."""
    name = person.display_name()
    years = person.lifespan(short=False)
    out = f"<h2>{esc_name(name)}"
    if years:
        out += f" <span class='dim' style='font-weight:normal'>{esc(for_display(years))}</span>"
    out += "</h2>"
    if len(name) > SHORT_TEXT:
        out += f"<p>{long.link(name, 'Name')}</p>"
    life = life_summary(person)
    line = _SEX_WORDS[person.sex] + (f", {for_display(life)}" if life else "")
    edit = f" \u00b7 <a href='{EDIT_SCHEME}:{quote(person.id, safe='')}'>Edit…</a>" if editable else ""
    return out + f"<p class='line'>{esc(line)}{edit}</p>"


def privacy(tree: Tree, person: Person, verdicts: dict[str, Verdict]) -> str:
    """Why what leaves the machine may hide the person: "Treated as living: no death recorded; born 1936"
    (browsing shows everything; prints, exports and shared copies hide as the user chooses)."""
    lines = []
    verdict = verdicts.get(person.id)
    if verdict is not None and verdict.living:
        lines.append(f"Treated as living: {reason(tree, verdicts, person.id)}")
    if is_restricted(person.extra):
        lines.append("Marked private in the file (RESN): hidden wherever the living are")
    return "".join(f"<p class='line dim'>{esc(for_display(line))}</p>" for line in lines)


# -- facts ------------------------------------------------------------------------------------------

def _event_text(event: Event, long: LongTexts, with_whom: str = "", noted: bool = False) -> str:
    """What a fact says: its value, what kind (TYPE, when it is not the label), who with (a family's
    fact), date, place, cause and age; "" for none when it has notes (`noted`) to say instead."""
    bits = []
    what = event.label
    if event.value and event.value.upper() != "Y":
        bits.append(long.value(event.value, what))
    if event.type and event.type != event.label and event.type.upper() != event.tag:  # "Tomb in ..." (DEAT)
        bits.append(long.value(event.type, f"{what}, type"))
    if with_whom:
        bits.append(with_whom)
    if event.date is not None:
        date = event.date.display()
        if date:
            bits.append(long.value(date, f"{what}, date"))
    place = place_text(event.place)
    if place:
        bits.append(long.value(place, f"{what}, place"))
    if event.cause:
        bits.append("cause: " + long.value(event.cause, f"{what}, cause"))
    if event.age:
        bits.append(long.value(recorded_age_text(event.age), f"{what}, age"))
    return ", ".join(bits) or ("" if noted else f"<span class='dim'>{NOTHING_RECORDED}</span>")


def _event_notes(notes: list[str], long: LongTexts, what: str, first: bool) -> str:
    """A fact's notes, each on a line of its own below it (`first`: the fact says nothing else)."""
    lines = [f"<span class='dim'>{long.value(note, f'{what}, note', 2 * SHORT_TEXT)}</span>"
             for note in notes]
    return ("" if first else "<br>") + "<br>".join(lines) if lines else ""


def _others(tree: Tree, family: Family, person_id: str) -> list[str]:
    return [p for p in family.partner_ids if p != person_id and p in tree.people]


def facts(tree: Tree, person: Person, marks: Marks, long: LongTexts,
          fact_mark: FactMark | None = None) -> str:
    """Own events and those of the person's families, in date order; undated after the dated (file order
    kept), but an undated birth or baptism first and an undated death or burial last."""
    own_notes: dict[int, FactAnnotation] = {}
    family_notes: dict[str, dict[int, FactAnnotation]] = {}
    if fact_mark is not None:
        from familytree.evidence import fact_annotations, family_fact_annotations

        own_notes = fact_annotations(tree, person.id)
        family_notes = {f.id: family_fact_annotations(tree, f.id) for f in tree.partner_families(person.id)}
    entries: list[tuple[tuple[int, int, int, int, int], int, str, Event, FactAnnotation | None]] = []
    for i, e in enumerate(person.events):
        if not e.denied:  # "1 DIV N": the file says it did not happen
            entries.append((e.life_key(), i, "", e, own_notes.get(i)))
    n = len(person.events)
    for fam in tree.partner_families(person.id):
        others = _others(tree, fam, person.id)
        with_whom = f"with {esc_name(tree.people[others[0]].display_name())}" if others else ""
        for j, e in enumerate(fam.events):
            if not e.denied:
                entries.append((e.life_key(), n + j, with_whom, e, family_notes.get(fam.id, {}).get(j)))
        n += len(fam.events)
    entries.sort(key=lambda t: (t[0], t[1]))
    # a sourced fact shows its sources in its marks: the support mark says only what they do not
    # (unsourced, sources differ); where no fact is sourced, a line says it once for all
    none_sourced = fact_mark is not None and not any(e.citations for _k, _i, _w, e, _n in entries)
    rows = []
    for _key, _i, with_whom, event, note in entries:
        notes = tree.note_texts(event.notes)
        text = _event_text(event, long, with_whom, noted=bool(notes))
        mark = fact_mark(tree, note) if fact_mark is not None and note is not None and (
            note.differs or (note.unsourced and not none_sourced)) else ""
        said = _event_notes(notes, long, event.label, first=not text)
        rows.append(_row(esc(for_display(event.label)), text + marks.mark(event.citations) + mark + said))
    if not rows:
        return ""
    said = "No source is cited for these facts"
    if none_sourced and (person.citations or any(n.citations for n in person.names)):
        said += "; the sources below are cited for the person or a name"  # (1 SOUR under INDI)
    unsourced = f"<p class='line dim'>{said}.</p>" if none_sourced else ""
    return "<h3>Facts and events</h3>" + _table(rows) + unsourced


# -- family -----------------------------------------------------------------------------------------

def person_line(tree: Tree, person_id: str, note: str = "") -> str:
    """A link to a person's page, with their life years and a note ("half-sibling")."""
    p = tree.people.get(person_id)
    name = p.display_name() if p else person_id
    years = p.lifespan(short=False) if p else ""
    # bidi-isolated; cut without a link of its own: the person's page, one click away, has it whole
    text = f'\u2068<a href="{esc(person_link(person_id))}">{esc(for_display(name))}</a>\u2069'
    if years:
        text += f" <span class='dim'>({esc(for_display(years))})</span>"
    if note:
        text += f" <i>{esc(for_display(note))}</i>"
    return text


def _relation_of(family: Family, child_id: str) -> str:
    for c in family.children:
        if c.person_id == child_id:
            return c.phrase or _RELATION_WORDS.get(c.relation, "")
    return ""


def family(tree: Tree, person: Person, editable: bool = False) -> str:
    """Parents, siblings, partners and children, one to a line, each a link to their page; `editable`: each
    partnership with a link to the family editor."""
    rows: list[str] = []
    pid = person.id
    parent_bits: list[str] = []
    for fam in tree.parent_families(pid):
        relation = _relation_of(fam, pid)
        for parent in fam.partner_ids:
            bit = person_line(tree, parent, relation) if parent in tree.people else ""
            if bit and bit not in parent_bits:  # a parent in two of the person's families: once
                parent_bits.append(bit)
    if parent_bits:
        rows.append(_row("Parents", "<br>".join(parent_bits)))
    birth_parents = set(tree.parents(pid, birth_only=True)) or set(tree.parents(pid))
    sibling_bits = []
    for sib in tree.siblings(pid):
        theirs = set(tree.parents(sib, birth_only=True)) or set(tree.parents(sib))
        note = ""
        if theirs != birth_parents:
            note = "half-sibling" if theirs & birth_parents else "step-sibling"
        sibling_bits.append(person_line(tree, sib, note))
    if sibling_bits:
        rows.append(_row("Siblings", "<br>".join(sibling_bits)))
    partner_bits, child_bits = [], []
    several = len(tree.partner_families(pid)) > 1
    for fam in tree.partner_families(pid):
        others = _others(tree, fam, pid)
        for other in others:
            marr = next((e for e in fam.events if e.tag == "MARR" and not e.denied), None)
            note = f"married {marr.date.display()}" if marr and marr.date and marr.date.display() else ""
            if any(e.tag in ("DIV", "ANUL") and not e.denied for e in fam.events):
                note = (note + ", " if note else "") + "divorced"
            edit = f" <a href='{FAMILY_EDIT_SCHEME}:{quote(fam.id, safe='')}'>edit family</a>"
            partner_bits.append(person_line(tree, other, note) + (edit if editable else ""))
        for cid in fam.child_ids:
            if cid in tree.people:
                note = _relation_of(fam, cid)
                if several and others:
                    with_whom = tree.people[others[0]].display_name()
                    note = (note + ", " if note else "") + f"with {with_whom}"
                child_bits.append(person_line(tree, cid, note))
    if partner_bits:
        rows.append(_row("Partners", "<br>".join(partner_bits)))
    if child_bits:
        rows.append(_row("Children", "<br>".join(child_bits)))
    return "<h3>Family</h3>" + _table(rows) if rows else ""


# -- biography --------------------------------------------------------------------------------------

def _note_html(paragraphs: list[list[tuple[str, list[Citation]]]], marks: Marks, end_mark: str) -> str:
    """A note's paragraphs, each sentence that states what a source backs followed by its marks."""
    out = []
    for pieces in paragraphs:
        body = "".join(esc(text) + marks.mark(cited) for text, cited in pieces)
        out.append(f"<p>{body.replace(chr(10), '<br>')}</p>")
    if out and end_mark:
        out[-1] = out[-1][:-len("</p>")] + end_mark + "</p>"
    return "".join(out)


def _shown(text: str, long: LongTexts, what: str) -> tuple[str, str]:
    """The part of a note the panel shows, and the link to the whole when it is cut."""
    if len(text) <= LONG_TEXT:
        return break_long_words(text), ""
    whole = long.link(text, what, "read the whole text")
    return break_long_words(shorten(text, LONG_TEXT)), f"<p>{whole}</p>"


def biography(tree: Tree, person: Person, marks: Marks, long: LongTexts) -> str:
    """The first note as the biography, the others as notes, each sentence followed by the marks of
    the facts and citations it states (where its words show which); a note's own citations that no
    sentence states follow the note."""
    claims = person_claims(tree, person)
    ignore = name_words(person)
    parts: list[str] = []
    for note in person.notes:
        resolved: Note | None = tree.resolve_note(note)
        if resolved is None or not resolved.text:
            continue
        what = "Biography" if not parts else "Note"
        shown, more = _shown(join_wrapped_lines(without_heading(resolved.text, what)), long, what)
        # the facts are stated in the biography; a later note is matched against its own citations
        paragraphs, unplaced = marked_note(shown.split("\n\n"), claims if not parts else [],
                                           resolved.citations, ignore)
        parts.append(f"<h3>{what}</h3>{_note_html(paragraphs, marks, marks.mark(unplaced))}{more}")
    return "".join(parts)


# -- names ------------------------------------------------------------------------------------------

def _name_line(text: str, what: str, marks: str, long: LongTexts) -> str:
    return (f"<p class='line'>\u2068{long.value(text, what)}\u2069 "
            f"<span class='dim'>\u2014 {esc(for_display(what))}</span>{marks}</p>")


def names(tree: Tree, person: Person, marks: Marks, long: LongTexts) -> str:
    """Every name, each saying what it is: "Сергей Седов — Russian form of Sergei Sedov"; a name's notes
    (where a form comes from) after its forms."""
    lines = []
    for form in name_forms(person):
        lines.append(_name_line(form.text, form.what, marks.mark(form.citations), long))
        for note in tree.note_texts(form.notes):
            note_html = long.value(join_wrapped_lines(note), "Note on a name", LONG_TEXT)
            lines.append(f"<p class='note'>{note_html}</p>")
    return "<h3>Names</h3>" + "".join(lines) if lines else ""


# -- sources ----------------------------------------------------------------------------------------

def reference_html(tree: Tree, citation: Citation) -> str:
    """A citation's reference, the title in italics: 'Robert Service, <i>Trotsky</i> (2009), p. 12'."""
    out = []
    for text, is_title in reference(tree, citation).parts():
        shown = esc(for_display(text, 2 * SHORT_TEXT))
        out.append(f"<i>{shown}</i>" if is_title else shown)
    return "".join(out)


def _excerpt_text(text: str) -> str:
    return balance_quotes(join_wrapped_lines(text))


def _source_entry(tree: Tree, place: CitedPlace, open_: bool, long: LongTexts) -> str:
    n = place.number
    out = f"<p class='cite'><a name='cite-{n}'></a><b>{n}.</b> {reference_html(tree, place.citation)}</p>"
    excerpts = [_excerpt_text(t) for t in place.excerpts]
    notes = tree.note_texts(place.notes)
    if not excerpts and not notes:
        return out
    whole = len(excerpts) == 1 and not notes and len(excerpts[0]) <= FOLDED_EXCERPT
    if whole or open_:
        for excerpt in excerpts:
            out += _indented(long.note(excerpt, f"Excerpt of source {n}"))
        for note in notes:
            out += _indented(f"<i>Note:</i> {esc(join_wrapped_lines(note))}")
        if not whole:
            out += f"<p class='excerpt'><a href='{EXCERPT_SCHEME}:{n}'>hide excerpt</a></p>"
        return out
    first = excerpts[0] if excerpts else join_wrapped_lines(notes[0])
    count = len(excerpts) + len(notes)
    words = "show excerpt" if count == 1 else f"show {count} excerpts" if not notes else "show all"
    folded = esc(for_display(" ".join(first.split()), FOLDED_EXCERPT))
    return out + f"<p class='excerpt'>{folded} <a href='{EXCERPT_SCHEME}:{n}'>{words}</a></p>"


def _indented(rich: str) -> str:
    """Paragraphs of rich text set in from the left, as an excerpt is."""
    if rich.startswith("<p>"):
        return rich.replace("<p>", "<p class='excerpt'>")
    return f"<p class='excerpt'>{rich}</p>"


def sources(tree: Tree, places: list[CitedPlace], opened: Container[int], long: LongTexts) -> str:
    """The numbered sources of the page, each once: its reference, then its excerpt folded to about
    two lines with a link that opens it whole (`opened`: the numbers shown whole)."""
    if not places:
        return ""
    return "<h3>Sources</h3>" + "".join(_source_entry(tree, p, p.number in opened, long) for p in places)

"""The person sheet: a person's facts, family, biography, names and cited sources as printable pages.

The HTML is built here from the model with every value escaped (GEDCOM text is data,
never markup), laid out with QTextDocument and drawn page by page onto any painter, so
printed and PDF sheets keep real, selectable text.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QRectF, Qt, QUrl
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QPainter,
    QPalette,
    QTextDocument,
)

from familytree.evidence.biography import marked_note, name_words, person_claims, without_heading
from familytree.evidence.facts import NOTHING_RECORDED, life_summary
from familytree.evidence.names import name_forms
from familytree.evidence.sources import CitationNumbers, CitedPlace, reference
from familytree.model import Citation, Event, Family, Person, Tree, place_text, recorded_age_text
from familytree.model.text import SHORT_TEXT, balance_quotes, for_display, join_wrapped_lines
from familytree.render.fonts import print_font
from familytree.render.portraits import PRINT_DPI, Portraits

__all__ = ["person_sheet_html", "PersonSheet", "print_font"]

# Sizes in pixels of the 72-per-inch page coordinates the painter is set up with: 1 px = 1 pt.
BODY_PX = 10
TITLE_PX = 18
HEADING_PX = 13
PORTRAIT_PT = 96.0  # the portrait's side at the top right of the sheet
PORTRAIT_URL = "portrait:sheet"
# Characters printed of one note or excerpt (about thirty pages): a note of megabytes would
# print as thousands of pages and take minutes to lay out.
PRINTED_TEXT = 100_000


def _e(text: str) -> str:
    return html.escape(text, quote=True)


def _v(text: str, limit: int = SHORT_TEXT) -> str:
    """A value from the file, cut for the page ("…") and escaped: a name of a megabyte would take
    minutes to lay out and print as a thousand pages."""
    return _e(for_display(text, limit))


def _event_when_where(event: Event) -> str:
    parts = []
    if event.date is not None:
        shown = event.date.display()
        if shown:
            parts.append(shown)
    parts.append(place_text(event.place))
    return ", ".join(p for p in parts if p)


def _event_value(event: Event) -> str:
    bits = []
    if event.value and event.value.upper() != "Y":
        bits.append(event.value)
    if event.type and event.tag not in ("EVEN", "FACT"):
        bits.append(event.type)
    if event.age:
        bits.append(recorded_age_text(event.age))
    if event.cause:
        bits.append(f"cause: {event.cause}")
    return "; ".join(bits)


class _Citations:
    """Numbers citations in reading order, each place in a source once (see CitationNumbers)."""

    def __init__(self, tree: Tree) -> None:
        self.tree = tree
        self.numbers = CitationNumbers()

    def mark(self, citations: list[Citation]) -> str:
        numbers = sorted(self.numbers.number(citations))
        if not numbers:
            return ""
        return f'<sup>[{", ".join(str(n) for n in numbers)}]</sup>'

    def full(self, place: CitedPlace) -> str:
        """The reference (author, title in italics, publication, page), when recorded and how good
        the evidence is; then each excerpt once, in quotation marks that pair up, and the notes."""
        citation = place.citation
        out = "".join(f"<i>{_v(text, 2 * SHORT_TEXT)}</i>" if is_title else _v(text, 2 * SHORT_TEXT)
                      for text, is_title in reference(self.tree, citation).parts())
        if citation.date is not None and citation.date.display():
            out += f" (recorded {_v(citation.date.display())})"
        if citation.quality is not None:
            out += f" \u2014 {_e(_QUALITY.get(citation.quality, str(citation.quality)))}"
        for excerpt in place.excerpts:
            shown = _e(_quoted(_cut(excerpt))).replace("\n\n", "\n").replace("\n", "<br/>")
            out += f"<br/><i>{shown}</i>"
        for note in self.tree.note_texts(place.notes):
            out += f"<br/>{_text(note)}"
        return out


_QUALITY = {0: "unreliable evidence", 1: "questionable evidence", 2: "secondary evidence",
            3: "primary evidence"}
_QUOTES = ('"', "\u201c", "\u201d")


def _cut(text: str) -> str:
    return for_display(join_wrapped_lines(text), PRINTED_TEXT)


def _quoted(excerpt: str) -> str:
    """An excerpt in quotation marks, its own marks in pairs: “…”, or as it is when its own marks
    already enclose it all ('"No news of Serezha..."')."""
    text = balance_quotes(excerpt.strip())
    if text.startswith(_QUOTES) and text.endswith(_QUOTES) and len(text) > 1:
        return text
    return f"\u201c{text}\u201d"


def _text(text: str) -> str:
    """A note escaped, its lines joined into paragraphs, the paragraphs kept (cut past PRINTED_TEXT)."""
    return "<br/>".join(_e(line) for line in _cut(text).replace("\n\n", "\n").split("\n"))


def _life(tree: Tree, person_id: str) -> str:
    p = tree.people.get(person_id)
    if p is None:
        return _v(person_id)
    years = p.lifespan(short=False)
    return _v(p.display_name()) + (f" ({_e(years)})" if years else "")


def _family_rows(tree: Tree, person: Person) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    parents = tree.parents(person.id)
    if parents:
        rows.append(("Parents", "<br/>".join(_life(tree, p) for p in parents)))
    siblings = tree.siblings(person.id)
    if siblings:
        rows.append(("Siblings", "<br/>".join(_life(tree, s) for s in siblings)))
    for fam in tree.partner_families(person.id):
        partner = [p for p in fam.partner_ids if p != person.id]
        label = "Spouse" if fam.is_married or fam.is_divorced else "Partner"  # a divorce ends a marriage
        text = _life(tree, partner[0]) if partner else "(unknown)"
        marriage = _marriage(fam)
        if marriage:
            text += f" \u2014 {marriage}"
        rows.append((label, text))
        children = [c for c in fam.child_ids if c in tree.people]
        if children:
            shown = []
            for c in children:
                relation = tree.child_relation(fam, c).value
                extra = f" \u2014 {relation.lower()}" if relation not in ("BIRTH", "UNKNOWN") else ""
                shown.append(_life(tree, c) + _e(extra))
            rows.append(("Children", "<br/>".join(shown)))
    return rows


def _marriage(fam: Family) -> str:
    """"married 1925, Leeds", then "divorced 1930" or "annulled"; a denied event ("DIV N") is not."""
    out = []
    for tag, word in (("MARR", "married"), ("DIV", "divorced"), ("ANUL", "annulled")):
        e = next((e for e in fam.events if e.tag == tag and not e.denied), None)
        if e is not None:
            where = _event_when_where(e)
            out.append(f"{word} {_v(where)}" if where else word)
    return ", ".join(out)


def _table(rows: list[tuple[str, str]]) -> str:
    cells = "".join(f'<tr><td width="22%" valign="top"><b>{label}</b></td><td valign="top">{text}</td></tr>'
                    for label, text in rows)
    return f'<table cellspacing="0" cellpadding="2" width="100%">{cells}</table>'


def _facts(tree: Tree, person: Person, cites: _Citations) -> str:
    rows = []
    for event in sorted(person.events, key=lambda e: e.life_key()):
        if event.denied:  # "1 DIV N": the file says it did not happen
            continue
        value = _event_value(event)
        detail = _v(_event_when_where(event), 2 * SHORT_TEXT)
        if value:
            detail = f"{_v(value, 2 * SHORT_TEXT)}<br/>{detail}" if detail else _v(value, 2 * SHORT_TEXT)
        elif not detail:  # "1 CREM Y": it happened, nothing more is known; an empty cell looks lost
            detail = f"<span style='color:#555555'>{NOTHING_RECORDED}</span>"
        detail += cites.mark(event.citations)
        for note in tree.note_texts(event.notes):
            detail += f"<br/><span style='color:#444444'>{_text(note)}</span>"
        rows.append((_v(event.label), detail))
    return _heading("Facts") + _table(rows) if rows else ""


def _biography(tree: Tree, person: Person, cites: _Citations) -> str:
    """The notes as paragraphs, each sentence that states what a source backs followed by its marks."""
    claims = person_claims(tree, person)
    out: list[str] = []
    for note in person.notes:
        resolved = tree.resolve_note(note)
        if resolved is None or not resolved.text:
            continue
        text = _cut(without_heading(resolved.text, "Biography"))  # the section's heading
        paragraphs, unplaced = marked_note(text.split("\n\n"), claims if not out else [],
                                           resolved.citations, name_words(person))
        texts = ["".join(_e(text) + cites.mark(cited) for text, cited in pieces).replace("\n", "<br/>")
                 for pieces in paragraphs]
        texts[-1] += cites.mark(unplaced)
        out.extend(f"<p>{text}</p>" for text in texts)
    return _heading("Biography") + "".join(out) if out else ""


def _names(tree: Tree, person: Person, cites: _Citations) -> str:
    """The other names, each saying what it is ("Сергей Седов — Russian form of Sergei Sedov")."""
    lines = []
    title = person.display_name()
    for form in name_forms(person):
        if form.text == title and form.what == "Main name":
            continue  # the sheet's title
        line = f"{_v(form.text)} <span style='color:#555555'>\u2014 {_v(form.what)}</span>"
        lines.append(line + cites.mark(form.citations))
        lines.extend(f"<span style='color:#555555'>{_text(note)}</span>"
                     for note in tree.note_texts(form.notes))
    return _heading("Names") + f"<p>{'<br/>'.join(lines)}</p>" if lines else ""


def person_sheet_html(tree: Tree, person_id: str, portrait: bool = False) -> str:
    """The sheet as (escaped) HTML for QTextDocument: the person's name, years, sex and a line on
    birth and death (the portrait beside them, with `portrait`: the image PORTRAIT_URL); then facts,
    family, biography, names and the sources, numbered in that order."""
    person = tree.people.get(person_id)
    if person is None:
        return f"<p>No person {_e(person_id)} in this file.</p>"
    cites = _Citations(tree)
    out = [f'<img src="{PORTRAIT_URL}" width="{PORTRAIT_PT:g}" height="{PORTRAIT_PT:g}" align="right">'
           if portrait else ""]
    out += [f'<p style="font-size:{TITLE_PX}px; font-weight:bold; margin-bottom:2px">'
           f"{_v(person.display_name())}{cites.mark([c for n in person.names[:1] for c in n.citations])}</p>"]
    about = [person.lifespan(short=False), _SEX[person.sex.value], person.id]
    out.append(f'<p style="color:#333333; margin-top:0px">{_v(" · ".join(a for a in about if a))}</p>')
    life = life_summary(person)
    if life:
        out.append(f"<p>{_v(life[:1].upper() + life[1:], 2 * SHORT_TEXT)}</p>")
    out.append(_facts(tree, person, cites))
    family = _family_rows(tree, person)
    if family:
        out.append(_heading("Family") + _table([(_e(label), text) for label, text in family]))
    out.append(_biography(tree, person, cites))
    out.append(_names(tree, person, cites))
    cites.numbers.number(person.citations)
    if cites.numbers.places:
        out.append(_heading("Sources"))
        rows = "".join(f'<tr><td width="6%" valign="top">[{place.number}]</td>'
                       f'<td valign="top">{cites.full(place)}</td></tr>' for place in cites.numbers.places)
        out.append(f'<table cellspacing="0" cellpadding="2" width="100%">{rows}</table>')
    return "\n".join(part for part in out if part)


_SEX = {"M": "male", "F": "female", "X": "other", "U": "sex unknown"}


def _heading(text: str) -> str:
    # an <h3> so that the pagination knows to keep it with what follows; sized like the rest, in px
    return (f'<h3 style="font-size:{HEADING_PX}px; font-weight:bold; margin-top:12px; margin-bottom:3px">'
            f"{_e(text)}</h3>")


class PersonSheet:
    """The sheet laid out for pages of a given size (points), ready to draw page by page.

    The document is laid out as one long page and cut between lines: QTextDocument's own
    pagination can leave a line of a table cell across two pages.
    """

    def __init__(self, tree: Tree, person_id: str, page_width: float, page_height: float,
                 font: QFont | None = None, portraits: Portraits | None = None) -> None:
        self.document = QTextDocument()
        base = print_font(font)
        base.setPixelSize(BODY_PX)
        self.document.setDefaultFont(base)
        self.document.setDocumentMargin(0.0)
        # An English page: every block left to right.  Left to itself, a block takes the direction
        # of its first letter, and a list of children headed by a Hebrew name was set flush right.
        option = self.document.defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.document.setDefaultTextOption(option)
        # the person's portrait, as the chart prints it (the photos `tree` links: none of a hidden person)
        portrait = portraits.for_tree(tree).print_image(person_id, round(PORTRAIT_PT * PRINT_DPI / 72)) \
            if portraits is not None else None
        self.document.setHtml(person_sheet_html(tree, person_id, portrait is not None))
        if portrait is not None:  # (after setHtml, which clears a document's resources)
            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(PORTRAIT_URL), portrait)
        self.document.setTextWidth(page_width)
        self.page_width = page_width
        self.page_height = page_height
        self.breaks = self._page_breaks()  # document y where each page starts, and the end

    def _lines(self) -> list[tuple[float, float]]:
        """Spans no page break may cut, in document coordinates: every line of text (table cells
        included); a short block (a fact, a table cell) whole; a heading with the line after it."""
        layout = self.document.documentLayout()
        out: list[tuple[float, float]] = []
        keep_with_next: float | None = None
        block = self.document.begin()
        while block.isValid():
            rect = layout.blockBoundingRect(block)  # where the block's text starts, margins outside
            text_layout = block.layout()
            lines = [(rect.top() + text_layout.lineAt(i).y(),
                      rect.top() + text_layout.lineAt(i).y() + text_layout.lineAt(i).height())
                     for i in range(text_layout.lineCount())]
            if lines:
                if keep_with_next is not None:
                    out.append((keep_with_next, lines[0][1]))
                    keep_with_next = None
                if rect.height() <= self.page_height / 4:
                    out.append((lines[0][0], lines[-1][1]))
                else:
                    out.extend(lines)
                if block.blockFormat().headingLevel() > 0:
                    keep_with_next = lines[0][0]
            block = block.next()
        out.sort()
        return out

    def _page_breaks(self) -> list[float]:
        lines = self._lines()
        height = self.document.size().height()
        breaks = [0.0]
        while breaks[-1] < height - 0.5:
            start = breaks[-1]
            cut = start + self.page_height
            moved = True
            while moved:  # never through a line: move the cut up to the top of any line it crosses
                moved = False
                for top, bottom in lines:
                    if top < cut - 1e-6 < bottom - 2e-6 and top > start + 1e-6:
                        cut, moved = top, True
                        break
            breaks.append(min(cut, max(height, start + 1.0)))
        return breaks

    @property
    def page_count(self) -> int:
        return max(1, len(self.breaks) - 1)

    def paint_page(self, painter: QPainter, index: int, target: QRectF) -> None:
        """Draw page `index` (0-based) into `target` (the size the sheet was laid out for)."""
        if index + 1 >= len(self.breaks):
            return
        top, bottom = self.breaks[index], self.breaks[index + 1]
        painter.save()
        painter.translate(target.left(), target.top() - top)
        clip = QRectF(0.0, top, self.page_width, bottom - top)
        painter.setClipRect(clip)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.clip = clip
        # paper is white whatever the application's theme: dark text, never the palette's
        context.palette.setColor(QPalette.ColorRole.Text, QColor("#000000"))
        self.document.documentLayout().draw(painter, context)
        painter.restore()

"""What every section of the details panel writes with: escaping, cut values, links, citation marks."""

from __future__ import annotations

import html
from dataclasses import field
from urllib.parse import quote, unquote

from PySide6.QtCore import QUrl
from PySide6.QtGui import QGuiApplication, QPalette

from familytree.evidence.sources import CitationNumbers, CitedPlace
from familytree.model import Citation
from familytree.model.slotted import slotted
from familytree.model.text import LONG_TEXT, SHORT_TEXT, break_long_words, for_display, shorten
from familytree.ui.appearance import secondary_text, warning_text

__all__ = ["PERSON_SCHEME", "SOURCE_SCHEME", "FULL_TEXT_SCHEME", "EXCERPT_SCHEME", "EDIT_SCHEME",
           "FAMILY_EDIT_SCHEME", "page_css", "LongTexts",
           "Marks", "esc", "esc_name", "link_target", "multiline", "person_link"]

PERSON_SCHEME = "person"
SOURCE_SCHEME = "source"
FULL_TEXT_SCHEME = "fulltext"  # fulltext:N opens the N-th cut value of the page in full
EXCERPT_SCHEME = "excerpt"  # excerpt:N opens (or folds again) the excerpts of source N of the page
EDIT_SCHEME = "edit"  # edit:<person id> opens the person editor
FAMILY_EDIT_SCHEME = "editfamily"  # editfamily:<family id> opens the family editor

def page_css(palette: QPalette | None = None) -> str:
    """The page's style, in the colours of the palette shown: a grey readable on white and on black."""
    palette = palette if palette is not None else QGuiApplication.palette()
    dim = secondary_text(palette).name()
    text = palette.color(QPalette.ColorGroup.Active, QPalette.ColorRole.Text).name()
    return f"""
<style>
h2 {{ margin: 0 0 2px 0; }}
h3 {{ margin: 12px 0 3px 0; }}
td {{ padding: 1px 6px 1px 0; vertical-align: top; }}
td.k {{ font-weight: bold; }}
.dim {{ color: {dim}; }}
.warn {{ color: {warning_text(palette).name()}; font-weight: bold; }}
p.line {{ margin: 0; }}
p.cite {{ margin: 6px 0 0 0; }}
p.excerpt {{ margin: 2px 0 0 18px; color: {text}; }}
p.note {{ margin: 0 0 2px 18px; color: {dim}; }}
</style>
"""


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def esc_name(text: str) -> str:
    """A name, cut for display, escaped and isolated for bidi, so "שלום כהן, Anna" keeps its order
    in an English page."""
    return "\u2068" + esc(for_display(text)) + "\u2069"  # FIRST STRONG ISOLATE ... POP


def multiline(text: str) -> str:
    """Escaped text as paragraphs (a blank line apart), its other line breaks kept, long unbroken
    runs made breakable."""
    paragraphs = break_long_words(text).replace("\r\n", "\n").split("\n\n")
    return "".join(f"<p>{esc(p.strip(chr(10))).replace(chr(10), '<br>')}</p>"
                   for p in paragraphs if p.strip())


@slotted
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
            return multiline(text)
        return multiline(shorten(text, LONG_TEXT)) + f"<p>{self.link(text, what, 'read the whole text')}</p>"

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
    if not sep or scheme not in (PERSON_SCHEME, SOURCE_SCHEME, FULL_TEXT_SCHEME, EXCERPT_SCHEME, EDIT_SCHEME,
                                 FAMILY_EDIT_SCHEME):
        return ("", "")
    return (scheme, unquote(rest))


@slotted
class Marks:
    """The citation marks of one page: "[1, 3]", each number a link to its entry under Sources."""

    numbers: CitationNumbers = field(default_factory=CitationNumbers)

    @property
    def places(self) -> list[CitedPlace]:
        return self.numbers.places

    def mark(self, citations: list[Citation]) -> str:
        return self.of(self.numbers.number(citations))

    @staticmethod
    def of(numbers: list[int]) -> str:
        if not numbers:
            return ""
        links = ", ".join(f"<a href=\"#cite-{n}\">{n}</a>" for n in sorted(numbers))
        return f"<sup>[{links}]</sup>"

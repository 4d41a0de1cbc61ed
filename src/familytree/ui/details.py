"""The details panel: a person's header, facts, family, biography, names and sources, as escaped rich text.

Values from the file are escaped and cut for display (a name of a megabyte would take Qt
minutes to lay out); what was cut is listed with the page and opened in full from a link.
The sections are written in ui/details_sections.py, with the helpers of ui/details_markup.py.
"""

from __future__ import annotations

from collections.abc import Container

from PySide6.QtCore import QEvent, Qt, QUrl, Signal
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextBrowser, QWidget

from familytree.model import Tree
from familytree.model.text import SHORT_TEXT
from familytree.privacy import Verdict, infer_living
from familytree.ui import details_sections as sections
from familytree.ui.details_markup import (
    EDIT_SCHEME,
    EXCERPT_SCHEME,
    FAMILY_EDIT_SCHEME,
    FULL_TEXT_SCHEME,
    PERSON_SCHEME,
    SOURCE_SCHEME,
    LongTexts,
    Marks,
    link_target,
    page_css,
    person_link,
)
from familytree.ui.details_sections import FactMark
from familytree.ui.gallery import Gallery
from familytree.ui.settings import Settings
from familytree.workspace import TreeChange, Workspace

__all__ = ["DetailsPanel", "person_html", "source_html", "person_link", "link_target", "PERSON_SCHEME",
           "SOURCE_SCHEME", "FULL_TEXT_SCHEME", "EXCERPT_SCHEME", "LongTexts", "FactMark"]


def person_html(tree: Tree, person_id: str, fact_mark: FactMark | None = None,
                long: LongTexts | None = None, opened: Container[int] = (),
                verdicts: dict[str, Verdict] | None = None, photos: str = "", editable: bool = False) -> str:
    """The details of one person as rich text; every value from the file is escaped and cut for
    display. The values cut are added to `long`, which the page's "show all" links index.

    Read first what a person is looked up for: the header (name, years, sex, birth and death,
    and why they are treated as living), then the facts, family and biography; names and
    sources follow. Citations are numbered in
    that reading order, each place in a source once; `opened` holds the numbers of the sources
    whose excerpts are shown whole (the others folded to about two lines). `verdicts`: who is
    living, from `infer_living(tree)`, when already made. `editable`: links to the person and
    family editors.
    """
    person = tree.people.get(person_id)
    if person is None:
        return "<p>No person selected.</p>"
    long = long if long is not None else LongTexts()
    marks = Marks()
    if verdicts is None:
        verdicts = infer_living(tree)
    parts = [page_css(), sections.header(person, long, editable), sections.privacy(tree, person, verdicts),
             photos]
    parts.append(sections.facts(tree, person, marks, long, fact_mark))
    parts.append(sections.family(tree, person, editable))
    parts.append(sections.biography(tree, person, marks, long))
    parts.append(sections.names(tree, person, marks, long))
    # what the person rests on as a whole, when no sentence of the biography says it
    marks.numbers.number(person.citations)
    parts.append(sections.sources(tree, marks.places, opened, long))
    return "".join(parts)


def source_html(tree: Tree, source_id: str, long: LongTexts | None = None) -> str:
    """A source: its full reference, its text, and the people who cite it (as links)."""
    source = tree.sources.get(source_id)
    if source is None:
        return "<p>No such source.</p>"
    long = long if long is not None else LongTexts()
    parts = [page_css(), f"<h2>{long.value(source.display(), 'Source', 2 * SHORT_TEXT)}</h2>"]
    if source.text:
        parts.append(f"<blockquote>{long.note(source.text, 'Text of the source')}</blockquote>")
    citing = [p.id for p in tree.iter_people()
              if any(c.source_id == source_id for c in tree.person_citations(p.id))]
    if citing:
        parts.append("<h3>Cited for</h3><p>" + "<br>".join(sections.person_line(tree, pid) for pid in citing)
                     + "</p>")
    for note in tree.note_texts(source.notes):
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
        self.opened: set[int] = set()  # the sources of the page whose excerpts are shown whole
        # who is living in `tree`: inferred once a tree (a whole file's inference, not a click's)
        self._verdicts: tuple[Tree, dict[str, Verdict]] | None = None
        self.gallery: Gallery | None = None  # the Photos under the header (the window's, ui/gallery.py)
        self.editable = True  # links to the person and family editors (in a window with a workspace)
        self.workspace: Workspace | None = None  # what the editors edit: the window's (set by it)
        self.settings: Settings | None = None  # where the editors remember their sizes
        self.setPlaceholderText("Click a person on the chart to read about them.")
        # An English page: every block left to right. Left to itself a block takes the direction
        # of its first letter, and a heading or a list starting with a Hebrew name went flush right.
        option = self.document().defaultTextOption()
        option.setTextDirection(Qt.LayoutDirection.LeftToRight)
        self.document().setDefaultTextOption(option)

    def show_person(self, tree: Tree, person_id: str) -> None:
        same = tree is self.tree and person_id == self.person_id
        if not same:
            self.opened = set()
        self.tree = tree
        self.person_id = person_id
        self.long = LongTexts()
        if self.workspace is not None and self.workspace.tree is tree:  # (kept up to date edit by edit)
            self._verdicts = (tree, self.workspace.living.verdicts)
        elif self._verdicts is None or self._verdicts[0] is not tree:
            self._verdicts = (tree, infer_living(tree))
        photos = self.gallery.section(self, tree, person_id) if self.gallery is not None else ""
        bar = self.verticalScrollBar()
        where = bar.value() if same else 0  # the same page again (after an edit): where it was read
        self.setHtml(person_html(tree, person_id, self.fact_mark, self.long, self.opened, self._verdicts[1],
                                 photos=photos, editable=self.editable))
        bar.setValue(where)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 (Qt's name)
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.tree is not None \
                and self.person_id in self.tree.people:
            self.show_person(self.tree, self.person_id)  # the page's greys and warnings in the new colours

    def forget_living(self, change: object = None) -> None:
        """The tree was edited: who is living is inferred again for the next page shown. A page that
        cites a source the edit changed is shown again (a change to the person re-selects them)."""
        if isinstance(change, TreeChange) and self.tree is not None and self.person_id in self.tree.people \
                and (change.sources or change.notes) and self.person_id not in change.people:
            self.show_person(self.tree, self.person_id)
        self._verdicts = None

    def toggle_excerpt(self, number: int) -> None:
        """Open the excerpts of source `number` of the page whole, or fold them again; the page
        stays where it was scrolled to."""
        if self.tree is None or not self.person_id:
            return
        self.opened ^= {number}
        bar = self.verticalScrollBar()
        where = bar.value()
        self.show_person(self.tree, self.person_id)
        bar.setValue(where)

    def anchor_positions(self, scheme: str) -> dict[str, list[int]]:
        """target -> document positions of the page's links of `scheme` ("person", "excerpt")."""
        out: dict[str, list[int]] = {}
        block = self.document().begin()
        while block.isValid():
            it = block.begin()
            while not it.atEnd():
                frag = it.fragment()
                found, target = link_target(frag.charFormat().anchorHref())
                if found == scheme:
                    out.setdefault(target, []).append(frag.position())
                it += 1
            block = block.next()
        return out

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

    def open_editor(self, scheme: str, target: str) -> QWidget | None:
        """The person or family editor of the window the panel is in (its workspace, its settings)."""
        window, workspace, settings = self.window(), self.workspace, self.settings
        if workspace is None:
            return None
        if scheme == EDIT_SCHEME:
            from familytree.ui.person_editor import open_person_editor

            return open_person_editor(workspace, target, settings, window)
        from familytree.ui.family_editor import open_family_editor

        return open_family_editor(workspace, target, settings, window)

    def link_positions(self) -> dict[str, list[int]]:
        """person id -> document positions of the links to them (for tests and keyboard users)."""
        return self.anchor_positions(PERSON_SCHEME)

    def loadResource(self, kind: int, url: QUrl | str) -> object:
        if self.gallery is not None and kind == QTextDocument.ResourceType.ImageResource.value:
            image = self.gallery.resource(url)  # a thumbnail of the Photos
            if image is not None:
                return image
        return super().loadResource(kind, url)

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if self.gallery is not None and self.gallery.activate(url):
            return
        scheme, target = link_target(url)
        if scheme == PERSON_SCHEME:
            self.personLinkActivated.emit(target)
        elif scheme == SOURCE_SCHEME and self.tree is not None:
            self.show_source(self.tree, target)
        elif scheme == FULL_TEXT_SCHEME:
            self.open_long_text(int(target) if target.isdigit() else -1)
        elif scheme == EXCERPT_SCHEME and target.isdigit():
            self.toggle_excerpt(int(target))
        elif scheme in (EDIT_SCHEME, FAMILY_EDIT_SCHEME):
            self.open_editor(scheme, target)
        elif url.fragment():
            self.scrollToAnchor(url.fragment())

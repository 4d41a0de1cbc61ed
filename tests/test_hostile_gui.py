"""Hostile text from a file in the window: never read as markup, never so long that Qt freezes on it.

The checks walk every widget, action, item model and chart item of the window (and its
docks and dialogs) rather than naming today's labels, so a label added tomorrow is held
to the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QGraphicsTextItem,
    QGraphicsView,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from familytree.model.text import ELLIPSIS, LONG_TEXT, SHORT_TEXT, TOOLTIP_TEXT
from familytree.render.person_sheet import PersonSheet
from familytree.render.text import is_markup
from familytree.ui.evidence import person_menu_actions
from familytree.ui.main_window import MainWindow
from familytree.ui.relationship_dialog import RelationshipDialog
from familytree.ui.sources_view import child_items
from support.corpus import ROOT

pytestmark = pytest.mark.gui

FINDINGS = ROOT.parent / "shared" / "fuzz-findings"
# Links our own rich text makes: to a person, a source, a cut value's whole text, a source's excerpts
# (opened or folded), a citation, the person and family editors.
INTERNAL_LINK = re.compile(r"^(person:|source:|edit:|editfamily:|fulltext:\d+$|excerpt:\d+$|#cite-\d+$"
                           r"|photo:\d+$)")
# The only images rich text shows: the Photos' thumbnails, by their page and number (ui/gallery.py).
OWN_IMAGE = re.compile(r"^photo-thumb:\d+/\d+$")
# Tags our labels and tooltips never use: one of these in rich text came from a file.
FOREIGN_TAG = re.compile(r"<\s*(img|script|iframe|object|embed|link|meta|style|svg|text)\b", re.I)
LINK_TAG = re.compile(r"<\s*a\b[^>]*?href\s*=\s*['\"]?([^'\" >]*)", re.I)
# Tags a file may hold that our own rich text also uses, bare: harmless when they meet.
OUR_TAGS = {"b", "i", "p", "br", "span", "sup", "h2", "h3", "table", "tr", "td", "blockquote"}


def finding(name: str) -> Path:
    path = FINDINGS / name
    if not path.exists():
        pytest.skip(f"{name}: the fuzz findings (../shared/fuzz-findings) are not beside this checkout")
    return path


def file_tags(path: Path) -> set[str]:
    """The opening tags written in a file's values, except bare tags our own rich text uses."""
    tags = set()
    for tag in re.findall(r"<[^<>\n]+>", path.read_text(encoding="utf-8", errors="replace")):
        bare = re.fullmatch(r"<([A-Za-z0-9]+)>", tag)
        if tag.startswith("</") or (bare and bare.group(1).lower() in OUR_TAGS):
            continue
        tags.add(tag)
    return tags


@dataclass(frozen=True)
class Shown:
    """One text the window shows, where, and whether Qt reads it as rich text."""

    where: str
    kind: str  # label, tooltip, item, action, title, status, accessible, document
    text: str
    rich: bool


def _tip(where: str, text: str) -> Iterator[Shown]:
    if text:
        yield Shown(where, "tooltip", text, is_markup(text))  # QToolTip decides by mightBeRichText


def _model_texts(view: QAbstractItemView, where: str) -> Iterator[Shown]:
    model = view.model()
    if model is None:
        return
    pending = [QModelIndex()]
    while pending:
        parent = pending.pop()
        for row in range(model.rowCount(parent)):
            for column in range(64):  # list models keep columnCount private: ask for indexes instead
                index = model.index(row, column, parent)
                if not index.isValid():
                    break
                shown = model.data(index, Qt.ItemDataRole.DisplayRole)
                if isinstance(shown, str) and shown:
                    yield Shown(f"{where} row {row}", "item", shown, False)  # delegates draw plain text
                tip = model.data(index, Qt.ItemDataRole.ToolTipRole)
                if isinstance(tip, str):
                    yield from _tip(f"{where} row {row}", tip)
                spoken = model.data(index, Qt.ItemDataRole.AccessibleTextRole)
                if isinstance(spoken, str) and spoken:
                    yield Shown(f"{where} row {row}", "accessible", spoken, False)
            pending.append(model.index(row, 0, parent))


def widgets(root: QWidget) -> list[QWidget]:
    """`root` and every widget under it: its docks, dialogs, popups and menus."""
    return [root, *root.findChildren(QWidget)]


def shown_texts(root: QWidget) -> list[Shown]:
    """Every text of every widget, action, item and chart item of `root` and what it holds."""
    out: list[Shown] = []
    for widget in widgets(root):
        where = f"{type(widget).__name__} {widget.objectName()!r}"
        if isinstance(widget, QLabel):
            fmt = widget.textFormat()
            rich = fmt in (Qt.TextFormat.RichText, Qt.TextFormat.MarkdownText) or \
                (fmt == Qt.TextFormat.AutoText and is_markup(widget.text()))
            out.append(Shown(where, "label", widget.text(), rich))
        if isinstance(widget, QAbstractButton):
            out.append(Shown(where, "label", widget.text(), False))
        if isinstance(widget, (QTextEdit, QPlainTextEdit)):
            out.append(Shown(where, "document", widget.document().toPlainText(), False))
        if isinstance(widget, QAbstractItemView):
            out.extend(_model_texts(widget, where))
        if isinstance(widget, QStatusBar):
            out.append(Shown(where, "status", widget.currentMessage(), False))
        if isinstance(widget, QGraphicsView) and widget.scene() is not None:
            for item in widget.scene().items():
                out.extend(_tip(f"{where} item", item.toolTip()))
                if isinstance(item, QGraphicsTextItem):
                    out.append(Shown(f"{where} text item", "document", item.document().toPlainText(), False))
        out.extend(_tip(where, widget.toolTip()))
        if widget.whatsThis():
            out.append(Shown(where, "tooltip", widget.whatsThis(), is_markup(widget.whatsThis())))
        out.append(Shown(where, "title", widget.windowTitle(), False))
        out.append(Shown(where, "accessible", widget.accessibleName(), False))
        out.append(Shown(where, "accessible", widget.accessibleDescription(), False))
        for action in widget.actions():
            out.append(Shown(f"{where} action", "action", action.text(), False))
            out.append(Shown(f"{where} action", "status", action.statusTip(), False))
            out.extend(_tip(f"{where} action", action.toolTip()))
    return out


def documents(root: QWidget) -> Iterator[tuple[str, QTextDocument]]:
    for widget in widgets(root):
        if isinstance(widget, QTextEdit):
            yield f"{type(widget).__name__} {widget.objectName()!r}", widget.document()


def assert_no_markup_from(path: Path, root: QWidget, extra: Sequence[tuple[str, QTextDocument]] = ()) -> None:
    """No text the file holds is read as markup anywhere: rich texts carry its tags escaped only,
    and rich documents hold no image and no link but our own."""
    tags = file_tags(path)
    assert tags, f"{path.name} holds no markup to check with"
    texts = shown_texts(root)
    assert any(t.kind == "tooltip" for t in texts)
    for shown in texts:
        if not shown.rich:
            continue
        assert not FOREIGN_TAG.search(shown.text), shown
        for href in LINK_TAG.findall(shown.text):
            assert INTERNAL_LINK.match(href), (href, shown)
        for tag in tags:
            assert tag not in shown.text, (tag, shown)
    for where, document in [*documents(root), *extra]:
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fmt = fragments.fragment().charFormat()
                image = fmt.toImageFormat().name() if fmt.isImageFormat() else ""
                assert not image or OWN_IMAGE.match(image), (where, image)
                href = fmt.anchorHref()
                assert not href or INTERNAL_LINK.match(href), (where, href)
                fragments += 1
            block = block.next()


def expand_all(tree: QTreeWidget) -> None:
    """Expand every line, so that docks that fill a level when it is opened fill it."""
    pending = child_items(tree.invisibleRootItem())
    while pending:
        item = pending.pop()
        item.setExpanded(True)
        pending.extend(child_items(item))


def open_everything(qtbot, window: MainWindow, show: bool = True) -> list[RelationshipDialog]:
    """Select each person, re-centre on them, fill every dock and open the Relationship dialog
    and the person menu: everything that shows text from the file."""
    tree = window.workspace.tree
    assert tree is not None
    tools = window.evidence
    assert tools is not None
    details = window.details
    dialogs = []
    people = list(tree.people)
    for person_id in people:
        window.workspace.select(person_id)
        window.workspace.set_focus(person_id)
        details.show_person(tree, person_id)
    for source_id in tree.sources:
        details.show_source(tree, source_id)
    details.show_person(tree, people[0])
    tools.timeline.show()
    for whole_file in (tools.sources, tools.conflicts):
        whole_file.show()
        whole_file.rebuild()  # shown in a hidden window, a dock is not built by itself
    expand_all(tools.sources.list)
    for item in child_items(tools.sources.list.invisibleRootItem()):
        tools.sources.list.setCurrentItem(item)
    if tools.timeline.list.topLevelItemCount():
        tools.timeline.list.setCurrentItem(tools.timeline.list.topLevelItem(0))
    window.problems.set_diagnostics(tree, window.workspace.path)
    box = window.search_box
    if box is not None:
        for query in ("Evil", "alert", "Zero", "Lee", "bold"):
            box.setText(query)
            box.update_results()
    menu = QMenu(window)
    window.workspace.select(people[0])
    for person_id in people:
        person_menu_actions(tools, menu, person_id)
    for a, b in zip(people, people[1:] + people[:1], strict=True):
        # built hidden: checked before anything lays it out
        dialog = RelationshipDialog(window.workspace, window.chart, a, b, window)
        qtbot.addWidget(dialog)
        dialogs.append(dialog)
        if show:
            dialog.show()
    return dialogs


def make_window(qtbot, path: Path, show: bool = True) -> MainWindow:
    window = MainWindow(path=str(path))
    qtbot.addWidget(window)
    window.resize(1300, 800)
    if show:
        window.show()
        qtbot.waitExposed(window)
    assert window.workspace.tree is not None
    assert window.workspace.tree.people, path
    return window


def test_hostile_markup_is_shown_as_text_everywhere(qtbot, qapp) -> None:
    path = finding("hostile-content.ged")
    window = make_window(qtbot, path)
    open_everything(qtbot, window)
    qapp.processEvents()
    sheet = PersonSheet(window.workspace.tree, "@I1@", 450, 650)
    assert_no_markup_from(path, window, [("person sheet", sheet.document)])
    # the markup is there to read, as written
    window.details.show_person(window.workspace.tree, "@I1@")
    page = window.details.toPlainText()
    assert "<img src=x onerror=alert(2)>" in page  # the partner's name
    assert "<a href='javascript:alert(3)'>js link</a>" in page  # the note
    assert "<img src=x onerror=alert(2)>" in sheet.document.toPlainText()


def test_a_name_that_is_an_image_tag_is_never_loaded(qtbot, qapp) -> None:
    # Qt reading this name as rich text loads /dev/zero until memory runs out: everything is
    # checked while hidden (nothing laid out, nothing loaded) before anything is shown.
    path = finding("min-gui-name-img-devzero.ged")
    window = make_window(qtbot, path, show=False)
    dialogs = open_everything(qtbot, window, show=False)
    assert_no_markup_from(path, window)
    window.show()
    qtbot.waitExposed(window)
    for dialog in dialogs:
        dialog.show()
    qapp.processEvents()
    assert dialogs[0].a_label.text().startswith("<img src=&#47;dev&#47;zero>")
    assert_no_markup_from(path, window)


# -- long text ----------------------------------------------------------------------------------

LONG = 300_000


def long_file(tmp_path: Path) -> Path:
    """A family whose child has a 300 KB name, birth place, occupation, note and source title, one word
    each; and who is his own grandfather (warnings about the cycle name him)."""
    path = tmp_path / "long.ged"
    path.write_text(
        "0 HEAD\n1 GEDC\n2 VERS 7.0\n"
        "0 @I1@ INDI\n1 NAME Ann /Lee/\n1 SEX F\n1 BIRT\n2 DATE 1870\n1 FAMS @F1@\n1 FAMC @F2@\n"
        f"0 @I2@ INDI\n1 NAME {'N' * LONG} /Long/\n1 SEX M\n1 BIRT\n2 DATE 1900\n2 PLAC {'P' * LONG}\n"
        f"2 SOUR @S1@\n3 PAGE {'G' * LONG}\n1 OCCU {'O' * LONG}\n1 NOTE {'W' * LONG}\n1 FAMC @F1@\n"
        "1 FAMS @F2@\n0 @F1@ FAM\n1 WIFE @I1@\n1 CHIL @I2@\n0 @F2@ FAM\n1 HUSB @I2@\n1 CHIL @I1@\n"
        f"0 @S1@ SOUR\n1 TITL {'T' * LONG}\n0 TRLR\n", encoding="utf-8")
    return path


def test_long_values_are_cut_for_display_and_whole_on_request(qtbot, qapp, tmp_path: Path) -> None:
    window = make_window(qtbot, long_file(tmp_path))
    long_name = window.workspace.tree.people["@I2@"].display_name()
    assert len(long_name) > LONG
    dialogs = open_everything(qtbot, window)
    window.workspace.select("@I2@")
    window.workspace.set_focus("@I2@")
    window.view.finish_animation()
    qapp.processEvents()
    limits = {"tooltip": TOOLTIP_TEXT + 200, "document": 2 * LONG_TEXT}
    for shown in shown_texts(window):
        limit = limits.get(shown.kind, 3 * SHORT_TEXT + 50)
        assert len(shown.text) <= limit, (shown.where, shown.kind, len(shown.text))
    # what is cut says so, and a message naming the person still says what it is about
    assert ELLIPSIS in window.statusBar().currentMessage()
    assert "is recorded as their own ancestor" in window.chart.notice.text()
    box = window.scene.item_for("@I2@")
    assert box is not None
    assert box.description().count("N") < SHORT_TEXT
    label = next(d for d in dialogs if d.a_id == "@I2@").a_label.text().replace("\u200b", "")
    assert label.startswith("N" * 50)
    assert label.endswith(f"{ELLIPSIS} (born 1900)")  # cut, and the years still there
    # ... and the whole is one click away in the details panel
    details = window.details
    details.show_person(window.workspace.tree, "@I2@")
    assert ELLIPSIS in details.toPlainText()
    wholes = {what: text for what, text in details.long.texts}
    assert wholes["Name"] == long_name
    assert any(text == "P" * LONG for text in wholes.values())  # the birth place
    assert any(text == "W" * LONG for text in wholes.values())  # the note, past what the panel shows
    viewer = details.open_long_text(0)
    assert viewer is not None
    qtbot.addWidget(viewer)
    assert viewer.view.toPlainText().replace("\n", "") == long_name
    assert max(len(line) for line in viewer.view.toPlainText().split("\n")) <= 1000


def test_a_long_name_in_a_chart_box_ends_with_an_ellipsis(qtbot, qapp, tmp_path: Path) -> None:
    window = make_window(qtbot, long_file(tmp_path))
    window.workspace.set_focus("@I2@")
    item = window.scene.item_for("@I2@")
    assert item is not None
    lines = item._text.name_lines
    assert lines[-1].endswith(ELLIPSIS)
    assert item.box.width < 1000  # one readable box, not a quarter-million-pixel one


def test_a_long_name_freezes_nothing_in_the_fuzz_reproducer(qtbot, qapp) -> None:
    window = make_window(qtbot, finding("min-gui-long-name-freeze.ged"))
    long_id = next(p.id for p in window.workspace.tree.iter_people() if len(p.display_name()) > 100_000)
    window.workspace.select(long_id)
    window.workspace.set_focus(long_id)
    window.details.show_person(window.workspace.tree, long_id)
    qapp.processEvents()
    assert len(window.statusBar().currentMessage()) <= 2 * SHORT_TEXT
    assert len(window.details.toPlainText()) < 5 * SHORT_TEXT


def test_labels_of_the_window_are_walked(qtbot, qapp) -> None:
    """The walk itself sees what it must: a rich label, a tooltip, an item's tooltip."""
    holder = QWidget()
    qtbot.addWidget(holder)
    label = QLabel("<b>bold</b>", holder)
    label.setToolTip("<img src=x>")
    found = [s for s in shown_texts(holder) if s.where.startswith("QLabel")]
    assert Shown(f"QLabel {''!r}", "label", "<b>bold</b>", True) in found
    assert any(s.kind == "tooltip" and s.rich and "<img" in s.text for s in found)

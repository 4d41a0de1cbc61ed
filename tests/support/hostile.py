"""Hostile text in the window, as the tests look for it: every text a widget shows, whether Qt reads it as
markup, the fuzz findings' files, a file of 300 KB values."""

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
    QPlainTextEdit,
    QStatusBar,
    QTextEdit,
    QWidget,
)

from familytree.render.text import is_markup
from familytree.ui.main_window import MainWindow
from support.corpus import ROOT

__all__ = ["FINDINGS", "LONG", "Shown", "assert_no_markup_from", "documents", "file_tags", "finding",
           "long_file", "make_window", "shown_texts", "widgets"]

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

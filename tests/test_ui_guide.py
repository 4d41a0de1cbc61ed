"""Help > User Guide: shipped in the package, read offline, and true to what the program does."""

from __future__ import annotations

import html
import re
import tomllib
from fnmatch import fnmatch
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialog, QTextBrowser

from familytree.gedcom import read_file
from familytree.search import NameIndex, TextIndex
from familytree.ui.guide import GUIDE, guide_html

ROOT = Path(__file__).resolve().parent.parent


def guide_text() -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", guide_html()))


def test_the_guide_is_in_the_package_data() -> None:
    """A wheel holds what package-data names: the guide must be among it, inside the package."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["familytree"]
    package = ROOT / "src" / "familytree"
    assert (package / "resources" / GUIDE).is_file()
    assert any(fnmatch(f"resources/{GUIDE}", pattern) for pattern in patterns)


def test_the_guide_covers_charts_panels_searching_and_printing_and_links_nowhere() -> None:
    page = guide_html()
    headings = re.findall(r"<h2>(?:<a name=\"\w+\"></a>)?([^<]+)</h2>", page)
    assert headings == ["The chart", "The panels", "Searching", "Printing and exporting", "Seeing it better"]
    targets = re.findall(r'href="([^"]+)"', page)
    anchors = set(re.findall(r'name="([^"]+)"', page))
    assert targets
    for target in targets:  # contents links only: nothing to fetch
        assert target.startswith("#")
        assert target[1:] in anchors
    for words in ("Details", "Timeline", "Sources", "Conflicts", "Problems", "Hourglass", "Ancestors",
                  "Descendants", "Relatives", "poster", "person sheet", "High Contrast", "Legend"):
        assert words in guide_text(), words


# The guide's examples of searching, and whom each finds in the family that comes with the program
EXAMPLES = [
    ("ser sed", "@I1@"), ("Sergey", "@I1@"), ("Сергей", "@I1@"), ("Leon", "@I4@"), ("Sedova", "@I1@"),
    ("Sedof", "@I1@"), ("1908", "@I1@"), ("1908 1937", "@I1@"), ("190", "@I1@"), ("@I1@", "@I1@"),
    ("I1", "@I1@"),
]


@pytest.mark.parametrize(("query", "person_id"), EXAMPLES)
def test_every_search_example_in_the_guide_does_what_it_says(bundled_path, query: str,
                                                             person_id: str) -> None:
    assert query in guide_text(), "the example is the guide's own"
    index = NameIndex(read_file(bundled_path))
    assert person_id in [r.person_id for r in index.search(query, limit=5)]


def test_accents_do_not_matter_as_the_guide_says(bundled_path) -> None:
    assert "Rubinštejn is read as rubinstejn" in " ".join(guide_text().split())
    index = NameIndex(read_file(bundled_path))
    assert index.search("Rubinštejn") == index.search("rubinstejn") != []
    texts = TextIndex(read_file(bundled_path))
    assert texts.search("Vienna school"), "texts hold every word typed, each as the start of a word"


@pytest.mark.gui
def test_help_user_guide_opens_the_guide_in_a_window(qtbot, bundled_path) -> None:
    from support.windows import make_window

    window = make_window(qtbot, bundled_path)
    window.actions_by_id["help.guide"].trigger()
    dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
                  and w.windowTitle() == "User Guide")
    browser = dialog.findChild(QTextBrowser)
    assert not browser.openExternalLinks()
    assert "Printing and exporting" in browser.toPlainText()
    browser.anchorClicked.emit(browser.document().baseUrl().resolved("#printing"))
    assert browser.verticalScrollBar().value() > 0, "the contents link moved down to Printing"
    dialog.close()

"""The text a reader sees in exported files: an SVG's text elements, a PDF's pages (through pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

__all__ = ["pdf_pages", "pdf_text", "svg_text"]


def svg_text(path: Path) -> str:
    return " ".join(ET.fromstring(path.read_text(encoding="utf-8")).itertext())


def pdf_text(path: Path) -> str:
    """Every page's words, one space apart; the test is skipped where poppler-utils is not installed."""
    return " ".join(_pdftotext(path).split())


def pdf_pages(path: Path) -> list[str]:
    """The text of each page that has any, its lines as pdftotext sets them."""
    return [page for page in _pdftotext(path).split("\f") if page.strip()]


def _pdftotext(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout

"""The text a reader sees in exported files: an SVG's text elements, a PDF's pages (through pdftotext)."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

__all__ = ["pdf_text", "svg_text"]


def svg_text(path: Path) -> str:
    return " ".join(ET.fromstring(path.read_text(encoding="utf-8")).itertext())


def pdf_text(path: Path) -> str:
    """Every page's words, one space apart; the test is skipped where poppler-utils is not installed."""
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed: cannot read the PDF's text back")
    done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True)
    return " ".join(done.stdout.split())

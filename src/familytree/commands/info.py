"""`familytree info FILE`: what a GEDCOM file holds (version, encoding, counts) and what was wrong with it."""

from __future__ import annotations

import argparse

from familytree.commands.common import (
    CommandError,
    add_file_option,
    add_json_option,
    fail,
    load_tree,
    print_json,
)
from familytree.model import Diagnostic
from familytree.model.text import SHORT_TEXT, shorten

MEDIA_SHOWN = 100  # media problems listed in the text; --json gives them all


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("path", nargs="?", metavar="FILE", help="GEDCOM file (.ged or .gdz)")
    add_file_option(parser)
    add_json_option(parser)


def run(ns: argparse.Namespace) -> int:
    if ns.path and ns.file and ns.path != ns.file:
        return fail(f"two files given, {ns.path} and --file {ns.file}: give one")
    try:
        tree = load_tree(ns.path or ns.file)
    except CommandError as e:
        return fail(str(e))
    from familytree.media import media_problems

    media = media_problems(tree)
    h = tree.header
    summary = {
        "file": tree.path,
        "version": h.version,
        "encoding": {"declared": h.encoding_declared, "detected": h.encoding_detected},
        "source_system": h.source_system,
        "individuals": len(tree.people),
        "families": len(tree.families),
        "sources": len(tree.sources),
        "notes": len(tree.notes),
        "media": len(tree.media),
        "repositories": len(tree.repositories),
        "other_records": len(tree.other_records),
        "problems": _listed(tree.diagnostics),
        "media_problems": _listed(media),
    }
    if ns.json:
        print_json(summary)
        return 0
    print(f"File:          {tree.path}")
    print(f"GEDCOM:        {h.version or '(no version given)'}")
    print(f"Encoding:      {h.encoding_detected} (declared: {h.encoding_declared or 'none'})")
    if h.source_system:
        print(f"Written by:    {shorten(h.source_system)}")
    for label, key in (("Individuals", "individuals"), ("Families", "families"), ("Sources", "sources"),
                       ("Notes", "notes"), ("Media", "media"), ("Repositories", "repositories")):
        print(f"{label + ':':<15}{summary[key]}")
    problems = tree.diagnostics
    print(f"Problems:      {len(problems) or 'none'}")
    for d in sorted(problems, key=lambda d: d.line):  # the reader finds some only when a record ends
        where = f"line {d.line}" if d.line else "file"
        print(f"  {where}: {shorten(d.message, 2 * SHORT_TEXT)}")  # a message may quote the file
    print(f"Media problems: {len(media) or 'none'}")
    for d in media[:MEDIA_SHOWN]:
        where = f"line {d.line}" if d.line else "file"
        print(f"  {where}: {shorten(d.message, 2 * SHORT_TEXT)}")
    if len(media) > MEDIA_SHOWN:
        print(f"  … and {len(media) - MEDIA_SHOWN:,} more (--json lists them all)")
    return 0


def _listed(problems: list[Diagnostic]) -> list[dict[str, object]]:
    return [{"line": d.line, "message": d.message, "severity": d.severity} for d in problems]

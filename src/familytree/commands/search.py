"""`familytree search QUERY`: find people by any spelling of their name, best match first."""

from __future__ import annotations

import argparse
import sys

from familytree.commands.common import (
    CommandError,
    add_file_option,
    add_json_option,
    fail,
    load_tree,
    print_json,
)
from familytree.model.text import SHORT_TEXT, shorten


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", metavar="QUERY", help="a name in any spelling or script, e.g. \"Seryozha\"")
    add_file_option(parser)
    parser.add_argument("--limit", type=int, default=20, metavar="N",
                        help="show at most N people (default 20)")
    add_json_option(parser)


def run(ns: argparse.Namespace) -> int:
    # names in any script on a terminal that cannot show them: a replacement mark, not a traceback
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")
    if ns.limit < 1:
        return fail("--limit must be at least 1")
    try:
        tree = load_tree(ns.file)
    except CommandError as e:
        return fail(str(e))
    from familytree.search import NameIndex

    results = NameIndex(tree).search(ns.query, limit=ns.limit)
    if ns.json:
        print_json([
            {"id": r.person_id, "name": r.name, "lifespan": tree.people[r.person_id].lifespan(short=False),
             "score": r.score, "kind": r.kind.value, "reason": r.reason}
            for r in results
        ])
        return 0
    if not results:
        print(f"No one matches {ns.query!r}.")
        return 0
    width = max(len(r.person_id) for r in results)
    for r in results:
        years = tree.people[r.person_id].lifespan(short=False)
        shown = shorten(r.name)  # a file's 10 MB name is cut for the terminal; --json gives it whole
        label = f"{shown} ({years})" if years else shown
        print(f"{r.person_id:<{width}}  {label}  \u2014 {shorten(r.reason, 2 * SHORT_TEXT)}")
    return 0

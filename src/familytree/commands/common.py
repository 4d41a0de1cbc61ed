"""What the sub-commands share: the --file option, loading a tree, and error exits."""

from __future__ import annotations

import argparse
import json
import re
import sys
from typing import Any

from familytree.model import Severity, Tree
from familytree.model.text import shorten


class CommandError(Exception):
    """A failure to report on stderr in one line, with a non-zero exit."""


def add_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", metavar="FILE",
                        help="GEDCOM file (default: the bundled Sedov–Trotsky family)")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def load_tree(path: str | None) -> Tree:
    """Read FILE or the bundled family; raise CommandError with a one-line reason."""
    from familytree.gedcom import collection_paused, read_file
    from familytree.gedcom.errors import load_error_message
    from familytree.paths import bundled_family_path

    target = path or str(bundled_family_path())
    try:
        with collection_paused():
            tree = read_file(target)
    except OSError as e:
        raise CommandError(load_error_message(target, e)) from None
    reason = not_gedcom_reason(tree)
    if reason:
        raise CommandError(f"{target}: {reason}")
    return tree


def not_gedcom_reason(tree: Tree) -> str:
    """Why a file read as nothing at all is not a GEDCOM file ("" when it is one).

    A file with a header or a single record is GEDCOM, however damaged: the reader's
    problems list says what was wrong, and one with a header alone is an empty family.
    One with neither (an empty file, a photo, a letter) is refused with the reader's
    explanation, its first error about the whole file.
    """
    h = tree.header
    if h.version or h.source_system or tree.people or tree.families or tree.sources or tree.notes \
            or tree.media or tree.repositories or tree.other_records:
        return ""
    errors = (d.message for d in tree.diagnostics if d.line == 0 and d.severity is Severity.ERROR)
    return next(errors, "")


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def fail(message: str, code: int = 1) -> int:
    print(f"familytree: {message}", file=sys.stderr)
    return code


# Within a kind of match, scores a whole point apart differ in the words matched (whole or a
# beginning) or their closeness; under a point, only in how well they fit and family links: to the
# user, equally good matches.
EQUALLY_GOOD = 1.0
CANDIDATES_SHOWN = 5
_ID = re.compile(r"@[^@\s]+@|[A-Za-z_]+[0-9]+")  # "@I12@", or "I12" as the file's ids are written without @
MOST_COUNTED = 100


def resolve_person(tree: Tree, text: str, warnings: list[str] | None = None) -> str:
    """An xref ("@I12@", or "I12") or a name (the best search match) -> the person's xref.

    When a name matches several people equally well, the first is taken and a warning on stderr
    names the candidates (with their ids and years) and the one used, so that a script can be
    made exact with an xref; the warning is also added to `warnings`, when given.
    """
    key = text.strip()
    if key in tree.people:
        return key
    wrapped = f"@{key.strip('@')}@"
    if wrapped in tree.people:
        return wrapped
    if _ID.fullmatch(key):  # an id not in the file: an error, never a name to look for ("X1": Christian X)
        what = "a family" if wrapped in tree.families else "a source" if wrapped in tree.sources else ""
        raise CommandError(f"{wrapped} is {what}, not a person" if what
                           else f"no person has the id {wrapped}")
    from familytree.search import NameIndex

    results = NameIndex(tree).search(key, limit=MOST_COUNTED)
    if not results:
        raise CommandError(f"no person matches {shorten(key, 60)!r}")
    best = results[0]
    equal = [r for r in results if r.kind == best.kind and best.score - r.score < EQUALLY_GOOD]
    if len(equal) > 1:
        def who(pid: str) -> str:
            years = tree.people[pid].lifespan(short=False)
            return f"{pid} {shorten(tree.people[pid].display_name())}" + (f" ({years})" if years else "")

        count = f"{len(equal)}{'+' if len(equal) == MOST_COUNTED else ''}"
        shown = ", ".join(who(r.person_id) for r in equal[:CANDIDATES_SHOWN])
        more = f" and {len(equal) - CANDIDATES_SHOWN} more" if len(equal) > CANDIDATES_SHOWN else ""
        message = (f"{shorten(key, 60)!r} matches several people ({count}) equally well: {shown}{more}; "
                   f"using {who(best.person_id)}; give an id (e.g. {equal[1].person_id}) to choose")
        print(f"familytree: warning: {message}", file=sys.stderr)
        if warnings is not None:
            warnings.append(message)
    return best.person_id

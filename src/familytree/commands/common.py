"""What the sub-commands share: the --file option, loading a tree, and error exits."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from familytree.model import Tree


class CommandError(Exception):
    """A failure to report on stderr in one line, with a non-zero exit."""


def add_file_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--file", metavar="FILE",
                        help="GEDCOM file (default: the bundled Sedov–Trotsky family)")


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")


def load_tree(path: str | None) -> Tree:
    """Read FILE or the bundled family; raise CommandError with a one-line reason."""
    from familytree.gedcom import read_file
    from familytree.paths import bundled_family_path

    target = path or str(bundled_family_path())
    try:
        return read_file(target)
    except FileNotFoundError:
        raise CommandError(f"{target}: no such file") from None
    except IsADirectoryError:
        raise CommandError(f"{target}: is a directory, not a GEDCOM file") from None
    except PermissionError:
        raise CommandError(f"{target}: permission denied") from None
    except OSError as e:
        raise CommandError(f"{target}: {e.strerror or e}") from None


def print_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def fail(message: str, code: int = 1) -> int:
    print(f"familytree: {message}", file=sys.stderr)
    return code


def resolve_person(tree: Tree, text: str) -> str:
    """An xref ("@I12@", or "I12") or a name (the best search match) -> the person's xref."""
    key = text.strip()
    if key in tree.people:
        return key
    wrapped = f"@{key.strip('@')}@"
    if wrapped in tree.people:
        return wrapped
    try:
        from familytree.search import NameIndex
    except ImportError:  # the search package is not built yet: plain case-insensitive match
        folded = key.casefold()
        for person in tree.iter_people():
            if any(folded in n.display().casefold() for n in person.names):
                return person.id
    else:
        results = NameIndex(tree).search(key, limit=1)
        if results:
            return results[0].person_id
    raise CommandError(f"no person matches {text!r}")

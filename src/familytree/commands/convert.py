"""`familytree convert IN OUT`: read any GEDCOM file and write it as GEDCOM 7.0 or 5.5.1 (UTF-8)."""

from __future__ import annotations

import argparse
import os
import sys

from familytree.commands.common import CommandError, fail, load_tree
from familytree.commands.living import add_living_option, hide_living


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("input", metavar="IN", help="GEDCOM file to read (.ged or .gdz)")
    parser.add_argument("output", metavar="OUT", help="GEDCOM file to write")
    parser.add_argument("--gedcom", choices=("7.0", "5.5.1"),
                        help="version to write (default: the input's family, 5.x files as 5.5.1; .gdz "
                             "always 7.0)")
    add_living_option(parser)


# what `export` writes: a convert to one of these is a mistake (it would be GEDCOM under that name)
_NOT_GEDCOM = (".pdf", ".svg", ".png", ".jpg", ".jpeg", ".html", ".htm", ".txt", ".csv", ".json")


def run(ns: argparse.Namespace) -> int:
    from familytree.gedcom import collection_paused
    from familytree.media.saving import save_tree

    if ns.output.lower().endswith(_NOT_GEDCOM):
        return fail(f"{ns.output}: convert writes GEDCOM (.ged, or .gdz with its photos); charts are "
                    f"written by `familytree export`")
    try:
        tree = load_tree(ns.input)
    except CommandError as e:
        return fail(str(e))
    redaction = hide_living(tree, ns.living)
    tree = redaction.tree
    gedzip = ns.output.lower().endswith(".gdz")
    version = ns.gedcom or ("7.0" if gedzip or tree.header.version.startswith("7") else "5.5.1")
    if gedzip and version != "7.0":
        return fail(f"{ns.output}: a GEDZIP (.gdz) file holds GEDCOM 7.0; write a .ged file for {version}")
    try:
        with collection_paused():
            # the photos it links packed into a .gdz; moved links kept working in a .ged
            notes = save_tree(tree, ns.output, version=version, leave_out=redaction.removed_files)
    except IsADirectoryError:
        return fail(f"{ns.output}: is a directory")
    except PermissionError:
        return fail(f"{ns.output}: permission denied")
    except FileNotFoundError:  # (the words export uses)
        return fail(f"{ns.output}: the folder {os.path.dirname(os.path.abspath(ns.output))} does not exist")
    except OSError as e:
        return fail(f"{ns.output}: {e.strerror or e}")
    for warning in notes:  # media left behind, archive members not taken along
        print(f"familytree: warning: {warning}", file=sys.stderr)
    problems = len(tree.diagnostics)
    plural = "s" if problems != 1 else ""
    note = f"; {problems} problem{plural} in the input (see familytree info)" if problems else ""
    people, families = len(tree.people), len(tree.families)
    print(f"wrote {ns.output} as GEDCOM {version}: {people} individual{'s' * (people != 1)}, "
          f"{families} famil{'ies' if families != 1 else 'y'}{note}")
    return 0

"""The `familytree` command: the GUI by default, sub-commands for batch work.

Sub-commands that do not draw never import Qt; each is loaded only when asked for,
so `familytree info` starts as fast as Python and the GEDCOM reader allow.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from collections.abc import Callable, Sequence
from importlib import import_module

# name -> (module in familytree.commands, one-line help)
SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "info": ("info", "print what a GEDCOM file holds and what was wrong with it"),
    "search": ("search", "find people by any spelling of their name"),
    "relationship": ("relationship", "say how two people are related"),
    "export": ("export", "write a chart as PDF, SVG or PNG"),
    "convert": ("convert", "read a GEDCOM file and write it as GEDCOM 7.0 or 5.5.1"),
}


def _gui_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="familytree",
        description="Browse a family tree. With no FILE, opens the bundled Sedov–Trotsky family. "
        f"Sub-commands: {', '.join(SUBCOMMANDS)} (familytree SUBCOMMAND --help).",
    )
    parser.add_argument("file", nargs="?", help="a GEDCOM file (.ged, .gdz) to open")
    parser.add_argument("--focus", help="the person to centre on: an xref like @I12@")
    parser.add_argument("--version", action="version", version=_version())
    return parser


def _version() -> str:
    from familytree import __version__

    return f"familytree {__version__}"


def _not_openable(name: str) -> str:
    """Why the GUI cannot open `name` ("" when it can try)."""
    from pathlib import Path

    target = Path(name)
    if target.is_dir():
        return f"{name}: is a directory, not a GEDCOM file"
    if target.exists():
        return ""
    close = difflib.get_close_matches(name, SUBCOMMANDS, n=1)
    if close:
        return f"{name}: no such file (did you mean 'familytree {close[0]}'?)"
    hint = "" if target.suffix else f" (sub-commands: {', '.join(SUBCOMMANDS)})"
    return f"{name}: no such file{hint}"


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in SUBCOMMANDS:
        name = args.pop(0)
        module = import_module(f"familytree.commands.{SUBCOMMANDS[name][0]}")
        parser = argparse.ArgumentParser(prog=f"familytree {name}", description=SUBCOMMANDS[name][1])
        module.add_arguments(parser)
        ns = parser.parse_args(args)
        if hasattr(sys.stdout, "reconfigure"):  # a terminal that cannot show a name gets "?" marks
            sys.stdout.reconfigure(errors="replace")
        run: Callable[[argparse.Namespace], int] = module.run
        try:
            return run(ns)
        except KeyboardInterrupt:
            return 130
        except BrokenPipeError:
            return 0
    if args and not args[0].startswith("-"):
        # Say what is wrong here, before Qt starts (without a display Qt would abort with its
        # own errors); a mistyped sub-command lands here too.
        problem = _not_openable(args[0])
        if problem:
            print(f"familytree: {problem}", file=sys.stderr)
            return 2
    ns = _gui_parser().parse_args(args)
    from familytree.ui.app import run_gui

    return run_gui(ns.file, focus=ns.focus)


if __name__ == "__main__":
    sys.exit(main())

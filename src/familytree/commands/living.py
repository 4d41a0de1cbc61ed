"""`--living show|name|private|omit` for the commands that write files: export and convert."""

from __future__ import annotations

import argparse
import sys

from familytree.commands.common import CommandError
from familytree.model import Tree
from familytree.model.text import shorten
from familytree.privacy import Mode, Redaction, redact

__all__ = ["add_living_option", "hide_living", "kept_focus"]


def add_living_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--living", choices=[m.value for m in Mode], default=Mode.SHOW.value,
        help="what to do with living people (no death recorded, not born or first recorded over 110 years "
             "ago) and records marked RESN PRIVACY or CONFIDENTIAL: show them (default), name (names and sex "
             "only), private (a 'Living' person, sex only) or omit (left out, with their links); a family "
             "with any hidden partner loses its facts (marriage date and place, notes, media) even if the "
             "other partner is dead")


def hide_living(tree: Tree, choice: str) -> Redaction:
    """The tree as `--living` asks; says on stderr how many people it hid."""
    redaction = redact(tree, Mode(choice))
    if redaction.hidden:
        print(f"familytree: note: {hidden_summary(redaction)}", file=sys.stderr)
    return redaction


def hidden_summary(redaction: Redaction) -> str:
    """ "3 living people left out (--living omit)"; with records marked private, they are counted apart."""
    parts = []
    if redaction.living:
        parts.append(f"{redaction.living} living {'person' if redaction.living == 1 else 'people'}")
    if redaction.restricted:
        parts.append(f"{redaction.restricted} {'person' if redaction.restricted == 1 else 'people'} "
                     "marked private")
    mode = redaction.mode
    if mode is Mode.OMIT:
        return f"{' and '.join(parts)} left out (--living omit)"
    return f"{' and '.join(parts)} hidden (--living {mode.value}: {mode.description})"


def kept_focus(redaction: Redaction, focus: str, chosen: bool) -> str:
    """The person a chart centres on, once the living are left out: the one asked for, or else the
    file's first person still there."""
    tree = redaction.tree
    if focus in tree.people:
        return focus
    if chosen:
        raise CommandError(f"{shorten(focus, 60)} is treated as living or private and is left out "
                           f"(--living {redaction.mode.value}); choose another --focus")
    kept = tree.default_person_id()
    if not kept:
        raise CommandError(f"every person is treated as living or private and left out "
                           f"(--living {redaction.mode.value}): there is no one to draw")
    return kept

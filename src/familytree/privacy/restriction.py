"""RESN restriction notices: which records and facts the file itself marks as not for sharing."""

from __future__ import annotations

import re

from familytree.model import Family, Person, Structure, Tree, stored_list

__all__ = ["PRIVATE_NOTICES", "is_restricted", "restricted_people", "restricted_families"]

# What RESN may say (5.5.1 in lower case, 7.0 a list in upper case: "CONFIDENTIAL, LOCKED").
# LOCKED asks editors not to change a record; it says nothing about privacy.
PRIVATE_NOTICES = frozenset(("PRIVACY", "CONFIDENTIAL"))
_WORDS = re.compile(r"[\s,]+")

_person_extra = stored_list(Person, "extra")
_family_extra = stored_list(Family, "extra")


def is_restricted(structures: list[Structure] | None) -> bool:
    """True when the lines kept as read hold a RESN of PRIVACY or CONFIDENTIAL (any case)."""
    if not structures:
        return False
    for s in structures:
        if s.tag == "RESN" and not PRIVATE_NOTICES.isdisjoint(_WORDS.split(s.value.upper())):
            return True
    return False


def restricted_people(tree: Tree) -> set[str]:
    """The people whose records are marked private or confidential."""
    return {pid for pid, p in tree.people.items() if is_restricted(_person_extra(p))}


def restricted_families(tree: Tree) -> set[str]:
    """The families whose records are marked private or confidential."""
    return {fid for fid, f in tree.families.items() if is_restricted(_family_extra(f))}

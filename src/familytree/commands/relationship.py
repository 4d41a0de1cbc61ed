"""`familytree relationship A B`: say every way A is related to B, closest first, with the path in words."""

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
    resolve_person,
)
from familytree.model.text import shorten

DEFAULT_LIMIT = 20  # royal pedigrees join two people in hundreds of ways


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("a", metavar="A", help="the first person: an xref (@I12@ or I12) or a name")
    parser.add_argument("b", metavar="B", help="the second person: an xref or a name")
    add_file_option(parser)
    add_json_option(parser)
    parser.add_argument("--max-depth", type=int, metavar="N", default=None,
                        help="look at most N generations up from each person (default: all)")
    parser.add_argument("--language", default="en", metavar="TAG",
                        help="the language of the kinship terms: en (default) or ru")
    parser.add_argument("--limit", type=int, metavar="N", default=DEFAULT_LIMIT,
                        help=f"show the N closest relationships (default {DEFAULT_LIMIT}; 0 for all)")


def run(ns: argparse.Namespace) -> int:
    from familytree.relations import RelationshipCalculator, connection, get_wording, languages

    if ns.max_depth is not None and ns.max_depth < 0:
        return fail("--max-depth must be 0 or more")
    if ns.limit < 0:
        return fail("--limit must be 0 or more")
    if ns.language.split("-")[0] not in languages():
        return fail(f"no kinship terms in {ns.language!r}: choose from {', '.join(languages())}")
    try:
        tree = load_tree(ns.file)
    except CommandError as e:
        return fail(str(e))
    chosen: list[str] = []  # which of several people a name was taken to mean
    try:
        a_id = resolve_person(tree, ns.a, chosen)
        b_id = resolve_person(tree, ns.b, chosen)
    except CommandError as e:
        return fail(f"{ns.file or tree.path}: {e}")
    wording = get_wording(ns.language)

    same_name = tree.people[a_id].display_name() == tree.people[b_id].display_name()

    def name(pid: str) -> str:
        shown = shorten(tree.people[pid].display_name())  # in sentences; a_name, b_name stay whole
        # "Karl of_Leiningen is Karl of_Leiningen's father" (royal92) says nothing: tell them apart
        return f"{shown} ({pid})" if same_name and pid in (a_id, b_id) else shown

    calc = RelationshipCalculator(tree, max_depth=ns.max_depth)
    found = calc.relationships(a_id, b_id, limit=ns.limit or None)
    more = calc.last_count - len(found)
    for message in calc.warnings:
        print(f"familytree: warning: {message}", file=sys.stderr)
    # no kinship term: the shortest chain of family links still says how they are connected
    chain = connection(tree, a_id, b_id) if not found and a_id != b_id else None
    a_name = tree.people[a_id].display_name()
    b_name = tree.people[b_id].display_name()
    if ns.json:
        print_json({
            "a": a_id,
            "b": b_id,
            "a_name": a_name,
            "b_name": b_name,
            "related": bool(found),
            "language": wording.language,
            "relationships": [wording.term(r) for r in found]
            or ["same person" if a_id == b_id else wording.no_relationship()],
            "paths": [{**r.to_dict(), "term": wording.term(r), "statement": wording.statement(r, name),
                       "description": wording.describe_path(r, name)} for r in found],
            "more": more,
            "connection": None if chain is None else {
                "description": wording.describe_path(chain, name), "path": list(chain.path)},
            "warnings": [*chosen, *calc.warnings],
        })
        return 0
    if a_id == b_id:
        print(wording.same_person(f"{shorten(a_name)} ({a_id})", f"{shorten(b_name)} ({b_id})"))
        return 0
    if not found:
        print(wording.unrelated(name(a_id), name(b_id)))
        if chain is not None:
            print(f"  {wording.connected(wording.describe_path(chain, name))}")
        return 0
    for rel in found:
        print(wording.statement(rel, name))
        print(f"  {wording.describe_path(rel, name)}")
    if more:
        print(wording.more(more))
    return 0

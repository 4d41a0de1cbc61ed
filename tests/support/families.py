"""Named families built in code, each with its people's xrefs by role, for the layout and search tests."""

from __future__ import annotations

from collections.abc import Callable

from familytree.model import ChildRelation, NameType, Tree
from support.builders import TreeBuilder, gedcom_name

__all__ = ["FAMILIES", "cousin_marriage", "sedov_family", "widower_family"]


def sedov_family() -> tuple[Tree, dict[str, str]]:
    """The Sedov–Trotsky family as the bundled file records it: Sergei Sedov, his parents,
    brother, two partners and daughter, with their other names, Cyrillic forms and dates."""
    b = TreeBuilder()
    p = {
        "sergei": b.person(gedcom_name("Sergei /Sedov/", nickname="Seryozha",
                                       translations=("Сергей /Седов/",)), "M",
                           other_names=[gedcom_name("Serezha /Sedov/", NameType.NICKNAME)],
                           born="21 MAR 1908", died="1937"),
        "trotsky": b.person(gedcom_name("Leon /Trotsky/", translations=("Лев /Троцкий/",)), "M",
                            other_names=[gedcom_name("Lev Davydovich /Trotsky/", NameType.AKA),
                                         gedcom_name("Lev /Bronstein/", NameType.BIRTH)],
                            born="7 NOV 1879", died="21 AUG 1940"),
        "natalia": b.person(gedcom_name("Natalia /Sedova/", translations=("Наталья /Седова/",)), "F",
                            other_names=[gedcom_name("Natalya /Sedova/", NameType.AKA)],
                            born="5 APR 1882", died="23 JAN 1962"),
        "lev": b.person(gedcom_name("Lev /Sedov/", nickname="Lyova"), "M",
                        other_names=[gedcom_name("Leva /Sedov/", NameType.NICKNAME)],
                        born="24 FEB 1906", died="16 FEB 1938"),
        "olga": b.person("Olga /Greber/", "F"),
        "genrietta": b.person("Genrietta /Rubinshtein/", "F",
                              other_names=[gedcom_name("Henrietta /Rubinstein/", NameType.AKA)]),
        "yulia": b.person("Yulia /Sedova/", "F", born="1936"),
        "david": b.person("David /Bronstein/", "M"),
        "g_father": b.person("/Rubinshtein/", "M"),
        "g_mother": b.person("/Rubinshtein/", "F"),
    }
    b.family(p["trotsky"], p["natalia"], [p["lev"], p["sergei"]])
    b.family(p["sergei"], p["olga"])
    b.family(p["sergei"], p["genrietta"], [p["yulia"]])
    b.family(p["david"], "", [p["trotsky"]])
    b.family(p["g_father"], p["g_mother"], [p["genrietta"]])
    return b.tree, p


def widower_family() -> tuple[Tree, dict[str, str]]:
    """A man with children from three marriages, half-siblings, adopted/step/foster children."""
    b = TreeBuilder()
    p = {"man": b.person("Anton /Weber/", "M")}
    for i in range(3):
        p[f"wife{i}"] = b.person(f"Wife{i} /Kurz/", "F")
        kids = [b.person(f"Child{i}{j} /Weber/") for j in range(i + 2)]
        rel = {}
        if i == 1:
            rel = {kids[0]: ChildRelation.ADOPTED, kids[1]: ChildRelation.STEP}
        if i == 2:
            rel = {kids[-1]: ChildRelation.FOSTER}
        b.family(p["man"], p[f"wife{i}"], kids, relations=rel)
        for j, k in enumerate(kids):
            p[f"child{i}{j}"] = k
    # the man's parents, and a half-brother from his father's second marriage
    p["father"] = b.person("Old /Weber/", "M")
    p["mother"] = b.person("Old /Ross/", "F")
    p["stepmother"] = b.person("Second /Lang/", "F")
    p["brother"] = b.person("Full /Weber/", "M")
    p["half"] = b.person("Half /Weber/", "M")
    b.family(p["father"], p["mother"], [p["brother"], p["man"]])
    b.family(p["father"], p["stepmother"], [p["half"]])
    # the second wife's parents
    p["w1father"] = b.person("Father /Kurz/", "M")
    b.family(p["w1father"], "", [p["wife1"]])
    # grandchildren under the first wife's eldest
    p["gspouse"] = b.person("In /Law/", "F")
    grandkids = [b.person(f"Grand{j} /Weber/") for j in range(5)]
    b.family(p["child00"], p["gspouse"], grandkids)
    # a same-sex couple adopting, and a family with one unknown parent
    p["partner"] = b.person("Pat /Lee/", "F")
    p["adoptee"] = b.person("Ada /Lee/", "F")
    b.family(p["child10"], p["partner"], [p["adoptee"]], relations={p["adoptee"]: ChildRelation.ADOPTED})
    p["solo"] = b.person("Solo /Weber/")
    b.family("", p["child20"], [p["solo"]])
    return b.tree, p


def cousin_marriage() -> tuple[Tree, dict[str, str]]:
    """Two cousins who married: their shared grandparents belong in the chart twice."""
    b = TreeBuilder()
    p = {n: b.person(f"{n} /X/", s) for n, s in [
        ("gf", "M"), ("gm", "F"), ("son", "M"), ("daughter", "F"), ("sil", "F"), ("dil", "M"),
        ("c1", "M"), ("c2", "F"), ("kid", "U"), ("great", "M")]}
    b.family(p["great"], "", [p["gf"]])
    b.family(p["gf"], p["gm"], [p["son"], p["daughter"]])
    b.family(p["son"], p["sil"], [p["c1"]])
    b.family(p["dil"], p["daughter"], [p["c2"]])
    b.family(p["c1"], p["c2"], [p["kid"]])
    return b.tree, p


# the shapes the layout tests draw every chart of, by the name their test ids use
FAMILIES: dict[str, Callable[[], tuple[Tree, dict[str, str]]]] = {
    "sedov": sedov_family, "widower": widower_family, "cousins": cousin_marriage}

"""Russian kinship terms: the same engine, another wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from familytree.model import ChildRelation, Sex
from familytree.relations import Lineage, RelationshipCalculator, get_wording
from familytree.relations.russian import russian_kinship_term
from support.builders import TreeBuilder

M, F, U = Sex.MALE, Sex.FEMALE, Sex.UNKNOWN


@pytest.mark.parametrize(
    ("up", "down", "sex", "term"),
    [
        (0, 1, M, "отец"),
        (0, 1, U, "родитель"),
        (0, 3, F, "прабабушка"),
        (0, 9, M, "предок в 9-м поколении"),
        (2, 0, F, "внучка"),
        (1, 0, U, "ребёнок"),
        (1, 1, U, "брат или сестра"),
        (1, 2, F, "тётя"),
        (1, 3, M, "двоюродный дедушка"),
        (3, 1, F, "внучатая племянница"),
        (2, 2, F, "двоюродная сестра"),
        (3, 3, M, "троюродный брат"),
        (2, 3, M, "двоюродный дядя"),
        (3, 2, F, "двоюродная племянница"),
        (2, 4, M, "троюродный дедушка"),
        (4, 2, M, "двоюродный внучатый племянник"),
    ],
)
def test_russian_blood_terms(up: int, down: int, sex: Sex, term: str) -> None:
    assert russian_kinship_term(up, down, sex) == term


@pytest.mark.parametrize(
    ("lineage", "half", "shared", "up", "down", "sex", "term"),
    [
        (Lineage.BIRTH, True, M, 1, 1, M, "единокровный брат"),
        (Lineage.BIRTH, True, F, 1, 1, F, "единоутробная сестра"),
        (Lineage.STEP, False, U, 0, 1, F, "мачеха"),
        (Lineage.STEP, False, U, 1, 0, M, "пасынок"),
        (Lineage.STEP, False, U, 1, 1, F, "сводная сестра"),
        (Lineage.ADOPTED, False, U, 1, 0, M, "приёмный сын"),
    ],
)
def test_russian_half_step_and_adoptive(lineage: Lineage, half: bool, shared: Sex, up: int, down: int,
                                        sex: Sex, term: str) -> None:
    assert russian_kinship_term(up, down, sex, half, lineage, shared) == term


@pytest.fixture(scope="module")
def family() -> tuple[RelationshipCalculator, dict[str, str]]:
    b = TreeBuilder(marriages=True)
    sexes = {"Father": "M", "Mother": "F", "Son": "M", "Daughter": "F", "SonWife": "F",
             "DaughterHusband": "M", "WifeSister": "F", "WifeSisterHusband": "M", "SonWifeFather": "M",
             "Cousin": "M", "Uncle": "M", "Grandfather": "M", "Adopted": "F"}
    p = {n: b.person(f"{n} /Test/", s) for n, s in sexes.items()}
    b.family(p["Grandfather"], "", [p["Father"], p["Uncle"]])
    b.family(p["Uncle"], "", [p["Cousin"]])
    b.family(p["Father"], p["Mother"], [p["Son"], p["Daughter"], p["Adopted"]],
             relations={p["Adopted"]: ChildRelation.ADOPTED})
    b.family(p["SonWifeFather"], "", [p["SonWife"], p["WifeSister"]])
    b.family(p["Son"], p["SonWife"])
    b.family(p["DaughterHusband"], p["Daughter"])
    b.family(p["WifeSisterHusband"], p["WifeSister"])
    return RelationshipCalculator(b.tree), p


@pytest.mark.parametrize(
    ("a", "b", "term"),
    [
        ("SonWifeFather", "Son", "тесть"),
        ("Father", "SonWife", "свёкор"),
        ("Mother", "SonWife", "свекровь"),
        ("Daughter", "SonWife", "золовка"),
        ("WifeSister", "Son", "свояченица"),
        ("SonWife", "Father", "невестка"),
        ("DaughterHusband", "Mother", "зять"),
        ("WifeSisterHusband", "Son", "свояк"),
        ("Son", "SonWife", "муж"),
        ("Cousin", "Son", "двоюродный брат"),
        ("SonWife", "Cousin", "жена двоюродного брата"),
        ("Cousin", "SonWife", "двоюродный брат мужа"),
        ("Adopted", "Father", "приёмная дочь"),
    ],
)
def test_russian_terms_on_a_family(family: tuple[RelationshipCalculator, dict[str, str]],
                                   a: str, b: str, term: str) -> None:
    calc, p = family
    found = calc.relationships(p[a], p[b])
    assert found[0].term_in("ru") == term


def test_russian_path_and_statement(family: tuple[RelationshipCalculator, dict[str, str]]) -> None:
    calc, p = family
    (rel,) = calc.relationships(p["Cousin"], p["Son"])
    names = {v: k for k, v in p.items()}.__getitem__
    ru = get_wording("ru")
    assert ru.statement(rel, names) == "Son: Cousin — двоюродный брат"
    assert ru.describe_path(rel, names) == ("Cousin — сын → Uncle — сын → Grandfather — отец → "
                                            "Father — отец → Son")
    assert get_wording("ru-RU") is ru
    assert get_wording("fr").language == "en"


def test_cli_in_russian(bundled_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from familytree.cli import main

    if not bundled_path.exists():
        pytest.skip("the bundled family is not written yet")
    assert main(["relationship", "Natalia Sedova", "Olga Greber", "--language", "ru"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "Olga Greber: Natalia Sedova — свекровь"
    assert out[1].strip() == "Natalia Sedova — мать → Sergei Sedov — муж → Olga Greber"
    assert main(["relationship", "Yulia", "Olga", "--language", "xx"]) == 1
    assert "choose from en, ru" in capsys.readouterr().err
    # no kinship term between them: every word of the answer Russian too, none English
    assert main(["relationship", "Olga Greber", "Genrietta", "--language", "ru"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Olga Greber и Genrietta Rubinshtein: родство не известно"
    assert out.splitlines()[1].strip().startswith("связь: Olga Greber — жена → Sergei Sedov")
    assert not {"and", "connected:", "same", "more"} & set(out.replace("\n", " ").split())
    assert main(["relationship", "Olga Greber", "Olga Greber", "--language", "ru"]) == 0
    assert "один и тот же человек" in capsys.readouterr().out


@pytest.mark.parametrize(("count", "said"), [
    (1, "1 более далёкое родство"), (3, "3 более далёких родства"), (11, "11 более далёких родств"),
    (21, "21 более далёкое родство"), (24, "24 более далёких родства"), (25, "25 более далёких родств")])
def test_russian_counts_more_relationships_in_the_right_form(count: int, said: str) -> None:
    assert said in get_wording("ru").more(count)


@pytest.mark.parametrize(("phrase", "genitive"), [
    ("гражданский муж", "гражданского мужа"),  # after г, к, х: -ого
    ("бывшая жена", "бывшей жены"),  # after ж, ш, ч, щ: -ей
    ("бывший гражданский муж", "бывшего гражданского мужа"),
    ("бывшая гражданская жена", "бывшей гражданской жены"),
    ("двоюродная сестра", "двоюродной сестры"),
    ("сводный брат", "сводного брата"),
])
def test_genitive_follows_the_spelling_rules(phrase: str, genitive: str) -> None:
    from familytree.relations.russian import _genitive

    assert _genitive(phrase) == genitive


def test_a_partners_grandfather_is_declined_correctly(bundled_path: Path) -> None:
    from familytree.gedcom import read_file
    from familytree.relations import relationships

    tree = read_file(bundled_path)
    david, genrietta = "@I8@", "@I6@"
    assert [r.term_in("ru") for r in relationships(tree, david, genrietta)] == ["дедушка гражданского мужа"]

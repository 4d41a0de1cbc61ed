"""Generate realistic large family trees (as GEDCOM 5.5.1 text or as a model Tree) for benchmarks.

Usage: python benchmarks/generate.py OUT.ged [--people 100000] [--seed 1]

The population grows generation by generation: couples marry (some twice), have one
to six children, are born and die on plausible dates in plausible places, and carry
names from Russian, Jewish, German and English naming traditions, with the
Russian surname forms changing by sex (Sedov/Sedova).
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

MALE_GIVEN = [
    "Sergei", "Lev", "Ivan", "Dmitri", "Mikhail", "Nikolai", "Aleksandr", "Boris", "Yakov", "Moisei",
    "David", "Abram", "Isaak", "Samuel", "Hirsch", "Johann", "Friedrich", "Karl", "Heinrich", "Wilhelm",
    "John", "William", "Thomas", "James", "George", "Henry", "Charles", "Edward", "Robert", "Richard",
]
FEMALE_GIVEN = [
    "Natalia", "Olga", "Yulia", "Anna", "Maria", "Yelena", "Tatiana", "Sofia", "Irina", "Genrietta",
    "Rivka", "Sarah", "Leah", "Rachel", "Esther", "Hannah", "Gertrud", "Margarete", "Elisabeth", "Frieda",
    "Mary", "Elizabeth", "Margaret", "Jane", "Alice", "Catherine", "Emily", "Florence", "Agnes", "Ruth",
]
# Russian surnames in their male form; the female form adds -a (or -aya for -sky).
RUSSIAN_SURNAMES = [
    "Sedov", "Ivanov", "Petrov", "Smirnov", "Kuznetsov", "Popov", "Volkov", "Sokolov", "Lebedev",
    "Kozlov", "Novikov", "Morozov", "Trotsky", "Yavorsky", "Kamensky", "Orlov",
]
OTHER_SURNAMES = [
    "Bronstein", "Rubinshtein", "Greber", "Kaplan", "Goldberg", "Rosenthal", "Weinberg", "Levin",
    "Schmidt", "Mueller", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Hoffmann",
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Robinson", "Wright",
]
PLACES = [
    "Moscow, Russia", "Saint Petersburg, Russia", "Odessa, Ukraine", "Kiev, Ukraine", "Vilna, Lithuania",
    "Minsk, Belarus", "Krasnoyarsk, Russia", "Vienna, Austria", "Berlin, Germany", "Hamburg, Germany",
    "London, England", "Manchester, England", "New York, New York, USA", "Boston, Massachusetts, USA",
    "Paris, France", "Warsaw, Poland",
]
MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"]


def _surname_for(base: str, female: bool) -> str:
    if not female or base not in RUSSIAN_SURNAMES:
        return base
    return base[:-1] + "aya" if base.endswith("sky") else base + "a"


def _date(rng: random.Random, year: int) -> str:
    r = rng.random()
    if r < 0.6:
        return f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {year}"
    if r < 0.75:
        return f"{rng.choice(MONTHS)} {year}"
    if r < 0.9:
        return str(year)
    return f"ABT {year}"


def gedcom_lines(people: int = 100_000, seed: int = 1) -> Iterator[str]:
    """Yield the lines of a GEDCOM 5.5.1 file with about `people` individuals."""
    rng = random.Random(seed)
    yield "0 HEAD"
    yield "1 SOUR familytree-benchmark"
    yield "1 GEDC"
    yield "2 VERS 5.5.1"
    yield "2 FORM LINEAGE-LINKED"
    yield "1 CHAR UTF-8"
    # person: (id, sex, surname base, birth year)
    persons: list[tuple[int, str, str, int]] = []
    families: list[tuple[int, int | None, int | None, list[int]]] = []
    fams_of: dict[int, list[int]] = {}
    famc_of: dict[int, int] = {}
    next_id = 1

    def new_person(sex: str, surname: str, year: int) -> int:
        nonlocal next_id
        pid = next_id
        next_id += 1
        persons.append((pid, sex, surname, year))
        return pid

    # founders
    generation = [new_person(rng.choice("MF"), rng.choice(RUSSIAN_SURNAMES + OTHER_SURNAMES),
                             1700 + rng.randint(0, 30)) for _ in range(max(40, people // 400))]
    while len(persons) < people:
        males = [p for p in generation if persons[p - 1][1] == "M"]
        females = [p for p in generation if persons[p - 1][1] == "F"]
        rng.shuffle(males)
        rng.shuffle(females)
        next_generation: list[int] = []
        for husband, wife in zip(males, females, strict=False):
            marriages = 2 if rng.random() < 0.08 else 1
            for m in range(marriages):
                spouse = wife if m == 0 else new_person("F", rng.choice(OTHER_SURNAMES + RUSSIAN_SURNAMES),
                                                         persons[husband - 1][3] + rng.randint(-5, 10))
                fid = len(families) + 1
                children: list[int] = []
                base_year = max(persons[husband - 1][3], persons[spouse - 1][3]) + 22
                for _ in range(rng.randint(1, 6)):
                    if len(persons) >= people:
                        break
                    sex = rng.choice("MF")
                    child = new_person(sex, persons[husband - 1][2], base_year + rng.randint(0, 18))
                    children.append(child)
                    famc_of[child] = fid
                    next_generation.append(child)
                families.append((fid, husband, spouse, children))
                fams_of.setdefault(husband, []).append(fid)
                fams_of.setdefault(spouse, []).append(fid)
            if len(persons) >= people:
                break
        if not next_generation:
            break
        # some incomers marry into the next generation
        for _ in range(len(next_generation) // 3):
            if len(persons) >= people:
                break
            next_generation.append(new_person(rng.choice("MF"), rng.choice(OTHER_SURNAMES + RUSSIAN_SURNAMES),
                                              persons[next_generation[0] - 1][3] + rng.randint(-3, 3)))
        generation = next_generation

    for pid, sex, surname, year in persons:
        female = sex == "F"
        given = rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        if rng.random() < 0.3:
            given += " " + rng.choice(FEMALE_GIVEN if female else MALE_GIVEN)
        yield f"0 @I{pid}@ INDI"
        yield f"1 NAME {given} /{_surname_for(surname, female)}/"
        yield f"1 SEX {sex}"
        yield "1 BIRT"
        yield f"2 DATE {_date(rng, year)}"
        yield f"2 PLAC {rng.choice(PLACES)}"
        if year < 1930 or rng.random() < 0.3:
            yield "1 DEAT"
            yield f"2 DATE {_date(rng, year + rng.randint(1, 90))}"
            yield f"2 PLAC {rng.choice(PLACES)}"
        if pid in famc_of:
            yield f"1 FAMC @F{famc_of[pid]}@"
        for fid in fams_of.get(pid, []):
            yield f"1 FAMS @F{fid}@"
    for fid, husband, wife, children in families:
        yield f"0 @F{fid}@ FAM"
        if husband:
            yield f"1 HUSB @I{husband}@"
        if wife:
            yield f"1 WIFE @I{wife}@"
        if rng.random() < 0.7:
            yield "1 MARR"
            yield f"2 DATE {_date(rng, persons[(husband or wife or 1) - 1][3] + 22)}"
        for c in children:
            yield f"1 CHIL @I{c}@"
    yield "0 TRLR"


def write_gedcom(path: Path, people: int = 100_000, seed: int = 1) -> Path:
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for line in gedcom_lines(people, seed):
            f.write(line)
            f.write("\n")
    return path


def cached_gedcom(people: int = 100_000, seed: int = 1) -> Path:
    """The generated file under benchmarks/out/, made once and reused."""
    out = Path(__file__).resolve().parent / "out"
    out.mkdir(exist_ok=True)
    path = out / f"generated-{people}-{seed}.ged"
    if not path.exists():
        tmp = path.with_suffix(".tmp")
        write_gedcom(tmp, people, seed)
        tmp.replace(path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    write_gedcom(args.out, args.people, args.seed)
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()

"""Benchmark name search on a generated 100,000-person tree: index build, memory, keystroke latency.

Usage: python benchmarks/bench_search.py [--people 100000] [--queries 300] [--seed 7] [--gedcom] [--texts]

Prints the index build time and its memory, then the latency of every keystroke of a few
hundred realistic queries typed letter by letter (exact names, prefixes, other
romanisations, Cyrillic, misspellings), median and 95th percentile, next to a
brute-force baseline measured in the same run: rapidfuzz `process.extract` over all
display names. Targets on a 2-core machine: build < 1.5 s, p95 keystroke < 20 ms.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import time
import tracemalloc

from familytree.model import Date, Event, Family, Name, NameType, Person, Sex, Tree
from familytree.model.records import ChildRef

# Names from the naming traditions of the family's world, surnames built from roots and
# suffixes as they are in life (so a 100,000-person tree has thousands of surnames).
RUSSIAN_MALE = ["Sergei", "Lev", "Ivan", "Dmitri", "Mikhail", "Nikolai", "Aleksandr", "Boris", "Yakov",
                "Fyodor", "Pyotr", "Andrei", "Aleksei", "Vasily", "Grigory", "Konstantin", "Pavel",
                "Vladimir", "Yevgeny", "Anatoly", "Semyon", "Stepan", "Yuri", "Ilya", "Matvei"]
RUSSIAN_FEMALE = ["Natalia", "Olga", "Yulia", "Anna", "Maria", "Yelena", "Tatiana", "Sofia", "Irina",
                  "Genrietta", "Yekaterina", "Lyudmila", "Svetlana", "Vera", "Nadezhda", "Lyubov",
                  "Galina", "Zinaida", "Ksenia", "Darya", "Evdokia", "Praskovia", "Varvara"]
JEWISH_MALE = ["Moisei", "David", "Abram", "Isaak", "Samuel", "Hirsch", "Mendel", "Chaim", "Yosef",
               "Shmuel", "Leib", "Aron", "Baruch", "Zalman", "Naftali", "Yitzchak", "Meir"]
JEWISH_FEMALE = ["Rivka", "Sarah", "Leah", "Rachel", "Esther", "Hannah", "Chaya", "Golda", "Miriam",
                 "Sheindel", "Freida", "Basya", "Rochel", "Dvora", "Zlata"]
GERMAN_MALE = ["Johann", "Friedrich", "Karl", "Heinrich", "Wilhelm", "Ludwig", "Ernst", "Otto",
               "Hermann", "Gottfried", "Matthias", "Jürgen", "Günther", "Dietrich"]
GERMAN_FEMALE = ["Gertrud", "Margarete", "Elisabeth", "Frieda", "Anneliese", "Hildegard", "Käthe",
                 "Ursula", "Brunhilde", "Liselotte", "Wilhelmine"]
ENGLISH_MALE = ["John", "William", "Thomas", "James", "George", "Henry", "Charles", "Edward", "Robert",
                "Richard", "Arthur", "Albert", "Walter", "Frederick", "Harold", "Samuel", "Joseph"]
ENGLISH_FEMALE = ["Mary", "Elizabeth", "Margaret", "Jane", "Alice", "Catherine", "Emily", "Florence",
                  "Agnes", "Ruth", "Dorothy", "Edith", "Ada", "Harriet", "Eleanor", "Beatrice"]

RUSSIAN_ROOTS = ["Sed", "Ivan", "Petr", "Smirn", "Kuznets", "Pop", "Volk", "Sokol", "Lebed", "Kozl",
                 "Novik", "Moroz", "Orl", "Zaits", "Pavl", "Semen", "Golub", "Vinogrado", "Bogdan",
                 "Vorob", "Fedor", "Mikhail", "Belyak", "Tarasen", "Belov", "Komar", "Medved", "Zhukov",
                 "Gusev", "Kisel", "Makar", "Nikit", "Zakhar", "Zuev", "Titov", "Kuzmin", "Sorok",
                 "Krylov", "Bykov", "Mironov", "Tikhonov", "Yegor", "Danilov", "Frolov", "Gromov"]
RUSSIAN_SKY_ROOTS = ["Trot", "Yavor", "Kamen", "Uspen", "Dostoev", "Voskresen", "Pokrov", "Zhelez",
                     "Ostrov", "Bereg", "Lozin", "Grabov", "Chernov", "Dubrov", "Rozhdestven"]
JEWISH_ROOTS = ["Gold", "Rosen", "Wein", "Blum", "Silber", "Lichten", "Rubin", "Bron", "Eisen",
                "Fein", "Grun", "Stern", "Mandel", "Apfel", "Birn", "Schwartz", "Weiss", "Roth",
                "Finkel", "Horo", "Katz", "Kagan", "Lev", "Margolis", "Zilber", "Kirsch"]
JEWISH_SUFFIXES = ["berg", "stein", "shtein", "feld", "baum", "man", "thal", "blatt", "witz", "ovich",
                   "son", "zweig", "kranz"]
GERMAN_ROOTS = ["Schmidt", "Müller", "Schneider", "Fischer", "Weber", "Becker", "Wagner", "Hoffmann",
                "Schäfer", "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Braun",
                "Zimmermann", "Krüger", "Hartmann", "Lange", "Werner", "Krause", "Lehmann", "Köhler"]
ENGLISH_SURNAMES = ["Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies",
                    "Robinson", "Wright", "Thompson", "Evans", "Walker", "White", "Roberts", "Green",
                    "Hall", "Wood", "Jackson", "Clarke", "Harrison", "Cooper", "Hughes", "Edwards",
                    "Turner", "Hill", "Moore", "Clark", "Baker", "Harris", "Lewis", "Morgan"]
TRADITIONS = ["russian", "jewish", "german", "english"]


def _surname(rng: random.Random, tradition: str) -> str:
    if tradition == "russian":
        if rng.random() < 0.25:
            return rng.choice(RUSSIAN_SKY_ROOTS) + "sky"
        return rng.choice(RUSSIAN_ROOTS) + rng.choice(["ov", "ev", "in"]) if rng.random() < 0.6 else \
            rng.choice(RUSSIAN_ROOTS) + "ov"
    if tradition == "jewish":
        return rng.choice(JEWISH_ROOTS) + rng.choice(JEWISH_SUFFIXES)
    if tradition == "german":
        root = rng.choice(GERMAN_ROOTS)
        return root + rng.choice(["", "", "er", "s", "mann"]) if not root.endswith("mann") else root
    return rng.choice(ENGLISH_SURNAMES) + rng.choice(["", "", "", "son", "e"])


def _given(rng: random.Random, tradition: str, female: bool) -> str:
    lists = {
        "russian": (RUSSIAN_MALE, RUSSIAN_FEMALE), "jewish": (JEWISH_MALE, JEWISH_FEMALE),
        "german": (GERMAN_MALE, GERMAN_FEMALE), "english": (ENGLISH_MALE, ENGLISH_FEMALE),
    }[tradition]
    return rng.choice(lists[1] if female else lists[0])


def _female_form(surname: str, tradition: str) -> str:
    if tradition != "russian":
        return surname
    return surname[:-1] + "aya" if surname.endswith("sky") else surname + "a"


def generate_tree(people: int, seed: int) -> Tree:
    """A tree of `people` people in families over generations, names by tradition."""
    rng = random.Random(seed)
    tree = Tree()
    count = 0
    fam_count = 0

    def add(sex: Sex, tradition: str, surname: str, year: int, patronymic_of: str = "") -> Person:
        nonlocal count
        count += 1
        female = sex is Sex.FEMALE
        given = _given(rng, tradition, female)
        if tradition == "russian" and patronymic_of and rng.random() < 0.3:
            given += " " + patronymic_of + ("ovna" if female else "ovich")
        elif rng.random() < 0.2:
            given += " " + _given(rng, tradition, female)
        name = Name.from_gedcom(f"{given} /{_female_form(surname, tradition) if female else surname}/")
        person = Person(f"@I{count}@", [name], sex)
        if rng.random() < 0.05:
            other = f"{_given(rng, tradition, female)} /{surname}/"
            person.names.append(Name.from_gedcom(other, type=NameType.AKA))
        person.events.append(Event("BIRT", date=Date.parse(str(year))))
        if year < 1930 or rng.random() < 0.3:
            person.events.append(Event("DEAT", date=Date.parse(str(year + rng.randint(1, 90)))))
        tree.add_person(person)
        return person

    founders = max(50, people // 300)
    generation = []
    for _ in range(founders):
        tradition = rng.choice(TRADITIONS)
        generation.append((add(rng.choice([Sex.MALE, Sex.FEMALE]), tradition, _surname(rng, tradition),
                               1750 + rng.randint(0, 30)), tradition))
    while count < people:
        next_generation = []
        men = [(p, t) for p, t in generation if p.sex is Sex.MALE]
        for husband, tradition in men:
            if count >= people:
                break
            wife_tradition = tradition if rng.random() < 0.8 else rng.choice(TRADITIONS)
            year = (husband.birth.date.year if husband.birth and husband.birth.date else 1800) or 1800
            wife = add(Sex.FEMALE, wife_tradition, _surname(rng, wife_tradition), year + rng.randint(-5, 5))
            fam_count += 1
            family = Family(f"@F{fam_count}@", husband.id, wife.id)
            surname = husband.name.surname
            father_given = husband.name.given.split()[0]
            for _ in range(rng.randint(1, 5)):
                if count >= people:
                    break
                sex = rng.choice([Sex.MALE, Sex.FEMALE])
                base = surname[:-3] + "sky" if surname.endswith("aya") else surname
                child = add(sex, tradition, base, year + 22 + rng.randint(0, 18), father_given)
                family.children.append(ChildRef(child.id))
                next_generation.append((child, tradition))
            tree.add_family(family)
        if not next_generation:
            break
        generation = next_generation
    tree.link()
    return tree


def realistic_queries(tree: Tree, n: int, seed: int) -> list[str]:
    """Queries a user types: names as stored, other romanisations, Cyrillic, typos, surnames alone."""
    from familytree.search.translit import to_latin

    rng = random.Random(seed)
    people = list(tree.people.values())
    latin_to_cyrillic = {"a": "а", "b": "б", "v": "в", "g": "г", "d": "д", "e": "е", "z": "з", "i": "и",
                         "k": "к", "l": "л", "m": "м", "n": "н", "o": "о", "p": "п", "r": "р", "s": "с",
                         "t": "т", "u": "у", "f": "ф", "y": "й"}
    assert to_latin("а") == "a"
    out = []
    for i in range(n):
        person = rng.choice(people)
        given = person.name.given.split()[0]
        surname = person.name.surname
        style = i % 6
        if style == 0:
            q = f"{given} {surname}"
        elif style == 1:
            q = surname
        elif style == 2:  # another romanisation
            other_surname = surname.replace("sky", "skii").replace("v", "ff")
            q = f"{given.replace('y', 'i').replace('ei', 'ey')} {other_surname}"
        elif style == 3:  # Cyrillic, letter by letter
            q = "".join(latin_to_cyrillic.get(c, c) for c in surname.lower())
        elif style == 4:  # a typo in the surname
            j = rng.randrange(1, max(2, len(surname) - 1))
            q = f"{surname[:j]}{rng.choice('aeioukst')}{surname[j + 1:]} {given}"
        else:
            q = f"{surname}, {given}"
        out.append(q)
    return out


def _clear_word_caches() -> None:
    from familytree.search import dmsoundex, fold, index, translit

    for function in (fold.fold, fold.words, translit.skeleton, translit.surname_stem,
                     translit.patronymic_skeletons, dmsoundex.dm_soundex, index._make_words,
                     index._part_words):
        function.cache_clear()


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--texts", action="store_true",
                        help="also give everyone a biography and time the text index and text queries")
    parser.add_argument("--gedcom", action="store_true",
                        help="read the shared generated GEDCOM file (benchmarks/generate.py: fewer, "
                             "more repeated names) instead of building the tree in memory")
    args = parser.parse_args()

    t0 = time.perf_counter()
    if args.gedcom:
        from generate import cached_gedcom

        from familytree.gedcom import collection_paused, read_file

        with collection_paused():  # as the window reads
            tree = read_file(str(cached_gedcom(args.people, args.seed)))
        source = "read from the generated GEDCOM file"
    else:
        tree = generate_tree(args.people, args.seed)
        source = "generated in memory"
    print(f"{len(tree.people):,} people, {len(tree.families):,} families {source} "
          f"in {time.perf_counter() - t0:.2f} s")

    from rapidfuzz import fuzz, process

    from familytree.search import NameIndex

    gc.collect()
    t0 = time.perf_counter()
    index = NameIndex(tree)
    build = time.perf_counter() - t0
    del index
    _clear_word_caches()
    gc.collect()
    tracemalloc.start()
    index = NameIndex(tree)  # built again from cold caches, traced: the index and its word caches
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    gc.collect()  # the collection the build's new objects would cause on the first keystroke
    print(f"index build: {build:.2f} s (target < 1.5 s); memory held {current / 2**20:.0f} MiB "
          f"(index and word caches), peak while building {peak / 2**20:.0f} MiB (tracemalloc)")

    t0 = time.perf_counter()
    display_names = [p.display_name() for p in tree.people.values()]
    baseline_prep = time.perf_counter() - t0
    queries = realistic_queries(tree, args.queries, args.seed + 1)
    focus_ids = list(tree.people)
    rng = random.Random(args.seed + 2)
    ours: list[float] = []
    brute: list[float] = []
    found_first = 0
    for q in queries:
        focus = rng.choice(focus_ids)
        for n in range(1, len(q) + 1):
            typed = q[:n]
            t0 = time.perf_counter()
            results = index.search(typed, limit=20, focus_id=focus)
            ours.append(time.perf_counter() - t0)
        found_first += bool(results)
    # the brute-force baseline on every 4th keystroke (it is slow), same queries
    for q in queries[: max(1, len(queries) // 4)]:
        for n in range(1, len(q) + 1, 4):
            t0 = time.perf_counter()
            process.extract(q[:n], display_names, scorer=fuzz.WRatio, limit=20)
            brute.append(time.perf_counter() - t0)
    ms = 1000.0
    print(f"queries: {len(queries)} typed letter by letter = {len(ours):,} keystrokes; "
          f"{found_first} of {len(queries)} complete queries found someone")
    print(f"NameIndex.search     median {statistics.median(ours) * ms:7.2f} ms   "
          f"p95 {percentile(ours, 95) * ms:7.2f} ms   max {max(ours) * ms:7.2f} ms  (target p95 < 20 ms)")
    print(f"rapidfuzz brute force median {statistics.median(brute) * ms:7.2f} ms   "
          f"p95 {percentile(brute, 95) * ms:7.2f} ms   ({len(brute)} keystrokes, "
          f"process.extract WRatio over {len(display_names):,} names; "
          f"names prepared once in {baseline_prep * ms:.0f} ms)")
    print(f"ratio brute/index: median {statistics.median(brute) / statistics.median(ours):.1f}x, "
          f"p95 {percentile(brute, 95) / percentile(ours, 95):.1f}x")
    if args.texts:
        _bench_texts(tree, args.seed)
    return 0


BIOGRAPHY_WORDS = ("was born in Moscow Vienna Krasnoyarsk Odessa Berlin London the a and of to his her "
                   "worked as an engineer teacher librarian in circus school married moved emigrated "
                   "arrested deported released returned studied taught wrote letters diary family").split()


def _bench_texts(tree: Tree, seed: int) -> None:
    """A biography of 35 words for everyone; the text index build and typed text queries."""
    from familytree.model import Note
    from familytree.search import TextIndex

    rng = random.Random(seed)
    for person in tree.people.values():
        person.notes.append(Note(" ".join(rng.choice(BIOGRAPHY_WORDS) for _ in range(35))))
    gc.collect()
    t0 = time.perf_counter()
    texts = TextIndex(tree)
    print(f"text index over {len(tree.people):,} biographies: built in {time.perf_counter() - t0:.2f} s")
    typed = ["the", "krasnoyarsk", "circus moscow", "engineer in vienna", "deported krasno"]
    typed += [" ".join(rng.choice(BIOGRAPHY_WORDS) for _ in range(rng.randint(1, 3))) for _ in range(60)]
    latencies = []
    for q in typed:
        for n in range(3, len(q) + 1):  # the search field looks in texts from the third letter
            t0 = time.perf_counter()
            texts.search(q[:n], limit=8)
            latencies.append(time.perf_counter() - t0)
    print(f"TextIndex.search     median {statistics.median(latencies) * 1000:7.2f} ms   "
          f"p95 {percentile(latencies, 95) * 1000:7.2f} ms   ({len(latencies):,} keystrokes)")


if __name__ == "__main__":
    sys.exit(main())

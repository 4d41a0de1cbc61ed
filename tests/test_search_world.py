"""Name search for users of many naming traditions, on names the developers never listed.

Each case is a name as a file stores it and a query as a user of that tradition would
type it: the person must come first, ranked by the right kind of match. Other cases
are different names that must not be taken for one another.
"""

from __future__ import annotations

import pytest

from familytree.model import Event, Family, Name, NameType, Person, Sex, Tree
from familytree.search import MatchKind, NameIndex

# Names of several traditions in one tree, so that each query also meets other names.
PEOPLE = [
    ("@A1@", "Hans /Müller/"), ("@A2@", "Karl /Schmidt/"), ("@A3@", "Karl /Schmitt/"),
    ("@A4@", "Ludwig /van Beethoven/"), ("@A5@", "Jan /van der Berg/"), ("@A6@", "Łukasz /Wałęsa/"),
    ("@A7@", "Antonín /Dvořák/"), ("@A8@", "Олександр /Шевченко/"), ("@A9@", "Søren /Kierkegaard/"),
    ("@A10@", "Åse /Aasen/"), ("@A11@", "Sean /McDonald/"), ("@A12@", "Mary /O'Brien/"),
    ("@A13@", "Gabriel /García Márquez/"), ("@A14@", "Tony /D'Angelo/"), ("@A15@", "Jean-Pierre /Rampal/"),
    ("@A16@", "Γιώργος /Παπαδόπουλος/"), ("@A17@", "/山田/ 太郎"), ("@A18@", "John Fitzgerald /Kennedy/"),
    ("@A19@", "Jan /Kowalski/"), ("@A20@", "Anna /Nováková/"), ("@A21@", "Ann /Kowalska/"),
    ("@A22@", "Uri /Levi/"), ("@A23@", "Björn /Borg/"), ("@A24@", "Yitzhak /Rabin/"),
    ("@A25@", "Friedrich /Schroeder/"), ("@A26@", "Tom /Miller/"), ("@A27@", "Ellen /Möller/"),
    ("@A28@", "/Kovács/ János"), ("@A29@", "John /Smith/ Jr."), ("@A30@", "John /Smith/"),
    ("@A31@", "Martin Luther /King/ Jr."), ("@A32@", "Pieter /Vanderbilt/"), ("@A33@", "Jan /Van Dyck/"),
    ("@A34@", "Françoise /d'Aubigné/"), ("@A35@", "Anna /Dell'Acqua/"), ("@A36@", "Pyotr /D'yakov/"),
    ("@A37@", "Јован /Јовановић/"), ("@A38@", "Љубица /Ђорђевић/"), ("@A39@", "Milan /Đorđević/"),
    ("@A40@", "Karel /Svoboda/"), ("@A41@", "Petr /Černý/"), ("@A42@", "Lev /Tolstoy/"),
    ("@A43@", "Jonas /Kazlauskas/"), ("@A44@", "Petras /Petraitis/"), ("@A45@", "Nikos /Georgiadis/"),
    ("@A46@", "Eleni /Papadopoulou/"),
    ("@A47@", "Lars /Andersen/"), ("@A48@", "Karin /Johansson/"), ("@A49@", "Sigrid /Jónsdóttir/"),
    ("@A50@", "Ola /Olsen/"), ("@A51@", "Ana /de la Cruz/"), ("@A52@", "Nguyễn Văn /Thiệu/"),
    ("@A53@", "毛泽东"), ("@A54@", "김정은"), ("@A55@", "/周/恩来"),
]


def _index(people: list[tuple[str, str]]) -> NameIndex:
    tree = Tree()
    for pid, value in people:
        tree.add_person(Person(pid, [Name.from_gedcom(value, type=NameType.NONE)], Sex.UNKNOWN))
    tree.link()
    return NameIndex(tree)


@pytest.fixture(scope="module")
def world() -> NameIndex:
    return _index(PEOPLE)


# query, the person expected first, the kind that ranked them
FOUND = [
    ("Muller", "@A1@", MatchKind.EXACT),
    ("Dvorak", "@A7@", MatchKind.EXACT),
    ("Lukasz Walesa", "@A6@", MatchKind.EXACT),
    ("Shevchenko", "@A8@", MatchKind.TRANSLITERATION),
    ("Ludwig Beethoven", "@A4@", MatchKind.EXACT),
    ("Berg", "@A5@", MatchKind.EXACT),
    ("Garcia", "@A13@", MatchKind.EXACT),
    ("Gabriel Marquez", "@A13@", MatchKind.EXACT),
    ("Jean Pierre", "@A15@", MatchKind.EXACT),
    ("Obrien", "@A12@", MatchKind.EXACT),
    ("Dangelo", "@A14@", MatchKind.EXACT),
    ("Papadopoulos", "@A16@", MatchKind.TRANSLITERATION),
    ("J. F. Kennedy", "@A18@", MatchKind.PREFIX),
    ("Itzhak", "@A24@", MatchKind.TRANSLITERATION),
    # Serbian Cyrillic letters (ј, љ, ћ, ђ) romanised as Serbian Latin writes them
    ("Jovan Jovanovic", "@A37@", MatchKind.TRANSLITERATION),
    ("Јовановић", "@A37@", MatchKind.EXACT),
    ("Ljubica Djordjevic", "@A38@", MatchKind.PHONETIC),  # Latin c of Ljubica reads as k in the key (Monica)
    ("Milan Djordjevic", "@A39@", MatchKind.TRANSLITERATION),
    ("Ђорђевић Милан", "@A39@", MatchKind.TRANSLITERATION),
    # a surname in the other sex's form, in the languages that have one
    ("Svobodová", "@A40@", MatchKind.TRANSLITERATION),
    ("Dvořáková", "@A7@", MatchKind.TRANSLITERATION),
    ("Černá", "@A41@", MatchKind.TRANSLITERATION),
    ("Tolstaya", "@A42@", MatchKind.TRANSLITERATION),
    ("Kazlauskiene", "@A43@", MatchKind.TRANSLITERATION),  # his wife's form
    ("Kazlauskaitė", "@A43@", MatchKind.TRANSLITERATION),  # his daughter's
    ("Petraitytė", "@A44@", MatchKind.TRANSLITERATION),
    ("Georgiadou", "@A45@", MatchKind.TRANSLITERATION),
    ("Papadopoulos", "@A16@", MatchKind.TRANSLITERATION),  # the Greek-script Παπαδόπουλος
    ("Eleni Papadopoulos", "@A46@", MatchKind.TRANSLITERATION),
    # Nordic patronymic surnames in their Danish, Norwegian, Swedish, Icelandic and English spellings
    ("Anderson", "@A47@", MatchKind.TRANSLITERATION),
    ("Lars Andersson", "@A47@", MatchKind.TRANSLITERATION),
    ("Karin Johansen", "@A48@", MatchKind.TRANSLITERATION),
    ("Jonsdotter", "@A49@", MatchKind.TRANSLITERATION),
    ("Olson", "@A50@", MatchKind.TRANSLITERATION),
    # umlauts spelled out, as German and Nordic typists without the keys write them
    ("Mueller", "@A1@", MatchKind.TRANSLITERATION),  # before Miller and Möller, who only sound alike
    ("Moeller", "@A27@", MatchKind.TRANSLITERATION),
    ("Friedrich Schröder", "@A25@", MatchKind.TRANSLITERATION),
    ("Soeren Kierkegaard", "@A9@", MatchKind.TRANSLITERATION),
    ("Bjoern", "@A23@", MatchKind.TRANSLITERATION),
    # Mac and Mc are one prefix
    ("MacDonald", "@A11@", MatchKind.TRANSLITERATION),
    ("Sean Macdonald", "@A11@", MatchKind.TRANSLITERATION),
    # words after the surname: a suffix, or the given name of a name written surname first
    ("Janos Kovacs", "@A28@", MatchKind.EXACT),
    ("Janos", "@A28@", MatchKind.EXACT),
    ("John Smith Jr", "@A29@", MatchKind.EXACT),
    ("John Smith", "@A30@", MatchKind.EXACT),  # the name with nothing more first
    ("Martin Luther King Jr.", "@A31@", MatchKind.EXACT),
    ("太郎", "@A17@", MatchKind.EXACT),
    # words run together or apart, however the file spaces them
    ("vanderberg", "@A5@", MatchKind.EXACT),
    ("Van der bilt", "@A32@", MatchKind.EXACT),
    ("Jan Vandyck", "@A33@", MatchKind.EXACT),
    ("Mc Donald", "@A11@", MatchKind.EXACT),
    ("Mac Donald", "@A11@", MatchKind.TRANSLITERATION),
    ("Mary O Brien", "@A12@", MatchKind.EXACT),
    ("D Angelo", "@A14@", MatchKind.EXACT),
    ("Jeanpierre Rampal", "@A15@", MatchKind.EXACT),
    ("GarciaMarquez", "@A13@", MatchKind.EXACT),
    ("山田太郎", "@A17@", MatchKind.EXACT),
    # Chinese, Japanese and Korean names written without a space: the given name alone finds them
    ("泽东", "@A53@", MatchKind.EXACT),
    ("정은", "@A54@", MatchKind.EXACT),
    ("恩来", "@A55@", MatchKind.EXACT),
    ("周恩来", "@A55@", MatchKind.EXACT),  # the file writes surname and given name apart
    # the name after an elided particle, as indexes file O'Brien and d'Aubigné
    ("Brien", "@A12@", MatchKind.EXACT),
    ("Angelo", "@A14@", MatchKind.EXACT),
    ("Aubigne", "@A34@", MatchKind.EXACT),
    ("Francoise Aubigne", "@A34@", MatchKind.EXACT),
    ("Acqua", "@A35@", MatchKind.EXACT),
]


@pytest.mark.parametrize(("query", "expected", "kind"), FOUND, ids=[c[0] for c in FOUND])
def test_found_first_by_the_right_kind(world: NameIndex, query: str, expected: str, kind: MatchKind) -> None:
    results = world.search(query)
    assert results, f"nothing found for {query!r}"
    assert (results[0].person_id, results[0].kind) == (expected, kind), results[:3]
    assert "(only" not in results[0].reason, results[0]  # every word of the query matched


# query, a person it must not find: different names that a romanisation key must keep apart
NOT_CONFUSED = [
    ("Jan", "@A21@"),  # Polish and Dutch Jan is not English Ann
    ("Jan Kowalski", "@A21@"),  # ... so Jan Kowalski is not Ann Kowalska
    ("Jana Novakova", "@A20@"),  # Czech Jana (Яна) is not Anna
    ("Yuri", "@A22@"),  # Russian Yuri is not Hebrew Uri
    ("Yakov", "@A36@"),  # the apostrophe of D'yakov (Дьяков) is a soft sign, not an elided particle
]


def test_particles_do_not_sound_like_names(world: NameIndex) -> None:
    # "de" and "la" share a phonetic code with many names; nobody is listed for sounding like them
    assert [r.person_id for r in world.search("Thieu")] == ["@A52@"]
    assert all("sounds like de" not in r.reason for r in world.search("Tai"))


def test_run_together_words_leave_other_queries_alone(world: NameIndex) -> None:
    # a word the tree does not have and cannot make of its words finds what it found before
    assert [r.person_id for r in world.search("Vanderbergh")] == []
    assert world.search("Jan")[0].kind is MatchKind.EXACT
    assert "only" in world.search("Jan Zzyzx")[0].reason  # no one has both words: still shown


@pytest.mark.parametrize(("query", "other"), NOT_CONFUSED, ids=[c[0] for c in NOT_CONFUSED])
def test_different_names_are_not_confused(world: NameIndex, query: str, other: str) -> None:
    found = {r.person_id: r for r in world.search(query)}
    assert other not in found or found[other].kind in (MatchKind.PHONETIC, MatchKind.TYPO) \
        or "only" in found[other].reason, found.get(other)


# A given name as one language writes it, found by its form in another (never listed with
# the name's romanisations: each form's other spellings follow from the romanisation key).
@pytest.mark.parametrize(("stored", "query"), [
    ("Yitzhak /Cohen/", "Isaac Cohen"),  # Hebrew and English forms of one name
    ("Isaac /Cohen/", "Itzhak Cohen"),
    ("Mykola /Shevchenko/", "Nikolai Shevchenko"),  # Ukrainian and Russian
    ("Oleksandr /Koval/", "Alexander Koval"),
    ("Serhiy /Koval/", "Sergei Koval"),
    ("Volodymyr /Koval/", "Vladimir Koval"),
    ("Jan /Kowalski/", "John Kowalski"),  # Polish, Dutch, Czech and English
    ("Jerzy /Nowak/", "George Nowak"),
    ("Wojciech /Kossak/", "Adalbert Kossak"),
    ("Małgorzata /Wiśniewska/", "Margaret Wisniewska"),
    ("Václav /Havel/", "Wenceslas Havel"),
    ("Giorgos /Papadakis/", "George Papadakis"),  # Greek
    ("Ioannis /Papadakis/", "John Papadakis"),
    ("Lars /Nilsson/", "Lawrence Nilsson"),  # Scandinavian
    ("Seán /Murphy/", "John Murphy"),  # Irish
    ("Giuseppe /Verdi/", "Joseph Verdi"),  # Italian
    ("Ferenc /Liszt/", "Franz Liszt"),  # Hungarian and German
    ("István /Nagy/", "Stephen Nagy"),
])
def test_a_given_name_in_another_language(stored: str, query: str) -> None:
    idx = _index([("@P1@", stored), ("@P2@", "Someone /Else/")])
    best = idx.search(query)[0]
    assert (best.person_id, best.kind) == ("@P1@", MatchKind.TRANSLITERATION), best
    assert best.reason.endswith("in another language")


@pytest.mark.parametrize(("stored", "query"), [
    ("Andrea /Rossi/", "Andrew Rossi"),  # Italian Andrea is a man, but elsewhere a woman: no group
    ("Isabel /Rossi/", "Elizabeth Rossi"),  # one origin, two names
    ("Michelle /Rossi/", "Michael Rossi"),
])
def test_names_that_only_share_an_origin_are_not_one_name(stored: str, query: str) -> None:
    idx = _index([("@P1@", stored)])
    assert all("in another language" not in r.reason for r in idx.search(query))


def test_names_in_hebrew_letters_found_by_their_latin_spellings() -> None:
    """Hebrew and Yiddish write the consonants: כהן is Cohen or Kohen, יצחק Yitzhak or Itzhak."""
    idx = _index([("@H1@", "יצחק /כהן/"), ("@H2@", "משה /גולדברג/"), ("@H3@", "חיים /רבינוביץ/"),
                  ("@H4@", "שרה /פרידמן/"), ("@H5@", "Hanna /Levin/"), ("@H6@", "Isaac /Newton/")])
    for query, expected in [("Cohen", "@H1@"), ("Itzhak Kohen", "@H1@"), ("Moshe Goldberg", "@H2@"),
                            ("Haim Rabinowitz", "@H3@"), ("Chaim Rabinovitz", "@H3@"),
                            ("Sara Fridman", "@H4@")]:
        best = idx.search(query)[0]
        assert (best.person_id, best.kind) == (expected, MatchKind.TRANSLITERATION), (query, best)
        assert best.reason.startswith("Hebrew "), best
    assert idx.search("Hanna")[0].person_id == "@H5@"  # a Latin name as written still comes first
    assert [r.person_id for r in idx.search("Newton")] == ["@H6@"]  # no Hebrew name has its consonants


def test_a_wife_is_found_by_her_husbands_surname() -> None:
    """Files keep a woman's maiden name; users type the name she was known by."""
    tree = Tree()
    for pid, value, sex in [("@J@", "John Fitzgerald /Kennedy/", Sex.MALE),
                            ("@B@", "Jacqueline Lee /Bouvier/", Sex.FEMALE),
                            ("@O@", "Aristotle /Onassis/", Sex.MALE),
                            ("@P@", "Patricia /Kennedy/", Sex.FEMALE), ("@L@", "Peter /Lawford/", Sex.MALE),
                            ("@N@", "Natalia /Sedova/", Sex.FEMALE), ("@T@", "Leon /Trotsky/", Sex.MALE)]:
        tree.add_person(Person(pid, [Name.from_gedcom(value)], sex))
    for fid, husband, wife in [("@F1@", "@J@", "@B@"), ("@F2@", "@O@", "@B@"), ("@F3@", "@L@", "@P@"),
                               ("@F4@", "@T@", "@N@")]:
        tree.add_family(Family(fid, husband, wife, events=[Event("MARR")]))
    tree.link()
    idx = NameIndex(tree)
    best = idx.search("Jacqueline Kennedy")[0]
    assert (best.person_id, best.kind, best.reason) == ("@B@", MatchKind.MARRIED,
                                                        "married to John Fitzgerald Kennedy")
    assert idx.search("Jacqueline Onassis")[0].reason == "married to Aristotle Onassis"  # her second husband
    assert idx.search("Natalia Trotskaya")[0].reason == "married to Leon Trotsky"  # in its feminine form
    # one word: the Kennedys by birth first, then the wives
    found = [(r.person_id, r.kind) for r in idx.search("Kennedy")]
    assert sorted(found[:2]) == [("@J@", MatchKind.EXACT), ("@P@", MatchKind.EXACT)]
    assert found[2:] == [("@B@", MatchKind.MARRIED)]
    # a husband does not take his wife's name
    assert all("(only" in r.reason for r in idx.search("Peter Kennedy"))


def test_a_surname_first_met_as_a_given_name_is_still_a_surname() -> None:
    tree = Tree()
    people = [("@I@", "Washington /Irving/", Sex.MALE), ("@G@", "George /Washington/", Sex.MALE),
              ("@M@", "Martha /Dandridge/", Sex.FEMALE)]
    for pid, value, sex in people:
        tree.add_person(Person(pid, [Name.from_gedcom(value)], sex))
    tree.add_family(Family("@F1@", "@G@", "@M@", events=[Event("MARR")]))
    tree.link()
    best = NameIndex(tree).search("Martha Washington")[0]
    assert (best.person_id, best.reason) == ("@M@", "married to George Washington")


# A short or pet form typed for the full name a file stores, or the other way round.
@pytest.mark.parametrize(("stored", "query", "reason"), [
    ("William Jefferson /Clinton/", "Bill Clinton", "Bill for William"),
    ("John Fitzgerald /Kennedy/", "Jack Kennedy", "Jack for John"),
    ("Dwight David /Eisenhower/", "Ike Eisenhower", "Ike for Dwight"),
    ("Edward Moore /Kennedy/", "Ted Kennedy", "Ted for Edward"),
    ("Margaret /Thatcher/", "Maggie Thatcher", "Maggie for Margaret"),
    ("Bill /Smith/", "William Smith", "Bill for William"),  # the file stores the short form
    ("Aleksandr /Petrov/", "Sasha Petrov", "Sasha for Aleksandr"),  # Russian
    ("Alexander /Petrov/", "Sasha Petrov", "Sasha for Alexander"),  # ... whatever the full name's language
    ("Natalia /Sedova/", "Natasha Sedova", "Natasha for Natalia"),
    ("Katarzyna /Nowak/", "Kasia Nowak", "Kasia for Katarzyna"),  # Polish
    ("Friedrich /Weber/", "Fritz Weber", "Fritz for Friedrich"),  # German
    ("Giuseppe /Verdi/", "Peppe Verdi", "Peppe for Giuseppe"),  # Italian
    ("Francisco /Franco/", "Paco Franco", "Paco for Francisco"),  # Spanish
    ("Hirsch /Levin/", "Hershel Levin", "Hershel for Hirsch"),  # Yiddish
    ("Wm. /Smith/", "William Smith", "Wm for William"),  # abbreviations of old records
    ("Thos /Jefferson/", "Thomas Jefferson", "Thos for Thomas"),
    ("St. Arnulf, Bishop of Metz", "Saint Arnulf", "St for Saint"),
    ("Jean /Saint-Pierre/", "Jean St Pierre", "St for Saint"),
])
def test_a_short_form_of_a_given_name(stored: str, query: str, reason: str) -> None:
    idx = _index([("@P1@", stored), ("@P2@", "Someone /Else/")])
    best = idx.search(query)[0]
    assert (best.person_id, best.kind, best.reason) == ("@P1@", MatchKind.TRANSLITERATION, reason)


def test_a_short_form_ranks_below_the_name_as_typed() -> None:
    idx = _index([("@W@", "William /Smith/"), ("@B@", "Bill /Smith/")])
    assert [(r.person_id, r.kind) for r in idx.search("Bill Smith")] == [
        ("@B@", MatchKind.EXACT), ("@W@", MatchKind.TRANSLITERATION)]


def test_each_word_of_a_name_serves_one_word_of_the_query() -> None:
    """"Mary Moroe" (a slip for Moore): the Marys with no name like Moroe are not listed because
    "moroe" sounds like Mary, the word "mary" already matched."""
    idx = _index([("@M1@", "Mary"), ("@M2@", "Mary /Smith/"), ("@M3@", "Mary Louise /Moore/")])
    assert [r.person_id for r in idx.search("Mary Moroe")] == ["@M3@"]
    idx = _index([("@W1@", "William /Willis/"), ("@W2@", "William /Smith/")])
    assert [r.person_id for r in idx.search("Wil Will")] == ["@W1@"]  # one word cannot be both beginnings


def test_names_in_arabic_letters_found_by_their_latin_spellings() -> None:
    idx = _index([("@R1@", "محمد /عبد الله/"), ("@R2@", "فاطمة /الزهراء/"), ("@R3@", "خالد /إبراهيم/"),
                  ("@R4@", "یوسف /رضایی/"), ("@R5@", "Omar /Khayyam/")])
    for query, expected in [("Muhammad", "@R1@"), ("Mohammed", "@R1@"), ("Fatima", "@R2@"),
                            ("Khalid Ibrahim", "@R3@"), ("Yusuf Rezaei", "@R4@")]:
        best = idx.search(query)[0]
        assert (best.person_id, best.kind) == (expected, MatchKind.TRANSLITERATION), (query, best)
        assert best.reason.startswith("Arabic "), best
    assert idx.search("Omar")[0].person_id == "@R5@"


def test_names_in_georgian_and_armenian_letters() -> None:
    idx = _index([("@K1@", "იოსებ /ჯუღაშვილი/"), ("@K2@", "Հովհաննես /Պետրոսյան/")])
    for query, expected, script in [("Ioseb Jughashvili", "@K1@", "Georgian"),
                                    ("Hovhannes Petrosian", "@K2@", "Armenian")]:
        best = idx.search(query)[0]
        assert (best.person_id, best.kind) == (expected, MatchKind.TRANSLITERATION), best
        assert best.reason.startswith(script), best
    assert idx.search("Dzhugashvili")[0].person_id == "@K1@"  # the Russian spelling sounds alike

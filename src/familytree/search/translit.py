"""Russian names across scripts and romanisation systems: Cyrillic (Greek, Hebrew) to Latin, and a skeleton.

The skeleton is a key that the usual ways of writing one Russian name share:
Sergei, Sergey, Serguei, Sergej and Сергей all give "sergei"; Yulia, Yuliya, Iulia,
Julia and Юлия give "YulYa"; Rubinshtein, Rubinstein, Rubinshteyn and Рубинштейн give
"rubinstein". It is built from rules about the romanisation systems themselves
(BGN/PCGN, ISO 9 and scholarly, German, French and English habits), not from a list
of names, so it works for names this program has never seen.
"""

from __future__ import annotations

import re
from functools import lru_cache

from familytree.search.fold import fold, words

__all__ = ["to_latin", "skeleton", "surname_stem", "surname_forms", "patronymic_skeletons", "name_skeletons",
           "name_group", "group_skeletons", "consonants", "abjad_consonants", "is_abjad", "short_forms",
           "is_short_for"]

_CYRILLIC = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya",
    # Ukrainian, Belarusian, and letters of pre-1918 spelling
    "і": "i", "ї": "yi", "є": "ye", "ґ": "g", "ў": "u", "ѣ": "e", "ѳ": "f", "ѵ": "i",
    # Serbian and Macedonian, as their Latin alphabet writes them once folded (Ђорђевић =
    # Đorđević = Djordjevic, Љубица = Ljubica, Јовановић = Jovanović)
    "ј": "j", "љ": "lj", "њ": "nj", "ћ": "c", "ђ": "dj", "џ": "dzh", "ѓ": "gj", "ќ": "kj", "ѕ": "dz",
}
# Greek (modern pronunciation) and Hebrew (with the letters that are mostly vowels in
# names written as vowels: a Hebrew גולדברג codes like Goldberg).
_GREEK = {
    "α": "a", "β": "v", "γ": "g", "δ": "d", "ε": "e", "ζ": "z", "η": "i", "θ": "th", "ι": "i",
    "κ": "k", "λ": "l", "μ": "m", "ν": "n", "ξ": "x", "ο": "o", "π": "p", "ρ": "r", "σ": "s",
    "ς": "s", "τ": "t", "υ": "y", "φ": "f", "χ": "ch", "ψ": "ps", "ω": "o",
}
_HEBREW = {
    "א": "", "ב": "b", "ג": "g", "ד": "d", "ה": "h", "ו": "u", "ז": "z", "ח": "kh", "ט": "t",
    "י": "i", "כ": "k", "ך": "kh", "ל": "l", "מ": "m", "ם": "m", "נ": "n", "ן": "n", "ס": "s",
    "ע": "", "פ": "p", "ף": "f", "צ": "ts", "ץ": "ts", "ק": "k", "ר": "r", "ש": "sh", "ת": "t",
    "װ": "v", "ױ": "oi", "ײ": "ei",
}
# Georgian and Armenian, by their national romanisations (ჯუღაშვილი = Jughashvili,
# Պետրոսյան = Petrosyan).
_GEORGIAN = dict(zip("აბგდევზთიკლმნოპჟრსტუფქღყშჩცძწჭხჯჰ", (
    "a b g d e v z t i k l m n o p zh r s t u p k gh q sh ch ts dz ts ch kh j h").split(), strict=True))
_ARMENIAN = dict(zip("աբգդեզէըթժիլխծկհձղճմյնշոչպջռսվտրցւփքօֆ", (
    "a b g d e z e y t zh i l kh ts k h dz gh ch m y n sh o ch p j r s v t r ts v p k o f").split(),
    strict=True))
_TO_LATIN = str.maketrans({**_CYRILLIC, **_GREEK, **_HEBREW, **_GEORGIAN, **_ARMENIAN})

# Scholarly and ISO 9 letters spelled out before folding, so that "Rubinštejn"
# keeps its "sh" for the skeleton (plain folding would make it "s").
_SCHOLARLY = str.maketrans({
    "š": "sh", "Š": "sh", "č": "ch", "Č": "ch", "ž": "zh", "Ž": "zh", "ŝ": "shch", "Ŝ": "shch",
})

# Sounds written with several letters, each turned into one symbol (upper case, so it
# cannot meet a plain letter). Longest spelling first: the regex takes the first
# alternative that matches.
_CLUSTERS = {
    "schtsch": "SC", "shtch": "SC", "shch": "SC", "sch": "S", "sh": "S", "sz": "S",
    "tsch": "C", "tch": "C", "ch": "C", "cz": "C",
    "zh": "Z", "kh": "X", "dj": "d",
    "ts": "T", "tz": "T",
    "ph": "f", "th": "t", "ck": "k", "qu": "kv", "x": "ks", "w": "v", "q": "k",
    "ou": "u", "j": "i", "y": "i",
}
_CLUSTER_RE = re.compile("|".join(sorted(_CLUSTERS, key=len, reverse=True)))
_VOWELS = "aeiou"


_GREEK_PAIRS = (("ου", "ou"), ("μπ", "b"), ("ντ", "d"), ("γκ", "g"), ("γγ", "ng"))


def to_latin(text: str) -> str:
    """A plain romanisation of lower-case Cyrillic, Greek, Hebrew, Georgian and Armenian (other
    characters are kept)."""
    if any("\u0370" <= c <= "\u03ff" for c in text):
        for pair, latin in _GREEK_PAIRS:
            text = text.replace(pair, latin)
    if "ու" in text:  # Armenian u
        text = text.replace("ու", "u")
    return text.translate(_TO_LATIN)


@lru_cache(maxsize=200_000)
def skeleton(word: str) -> str:
    """The romanisation-independent key of one folded word (see the module docstring)."""
    s = to_latin(word)
    # Scottish and Irish Mc is short for Mac: McDonald = MacDonald.
    if s.startswith("mc"):
        s = "ma" + s[1:]
    s = _CLUSTER_RE.sub(lambda m: _CLUSTERS[m.group(0)], s)
    # French "gu" before e/i is a hard g: Serguei.
    s = re.sub(r"gu(?=[ei])", "g", s)
    # "c" is ts before front vowels (Latin-script Slavic), k elsewhere.
    s = re.sub(r"c(?=[ei])", "T", s).replace("c", "k")
    # Russian transliterates a foreign h as g (Henrietta = Genrietta, Hirsh = Girsh).
    s = s.replace("h", "g")
    # German-derived "sht", "shp" are written "st", "sp" in English (Rubinshtein).
    s = re.sub(r"S(?=[tp])", "s", s)
    # ё after a consonant is "yo", "io" or just "e": Lyova = Liova = Leva, Fyodor = Fedor.
    s = re.sub(r"(?<=[^aeiou])io", "e", s)
    # An i-glide before a vowel is the y of ya/yu/yo, one symbol however written: Yulia = Julia
    # = Iulia, Natalya = Natalia. Before e it is dropped, as Е is written ye or e (Yelena = Elena),
    # but not before a, o, u: Jana (Яна) is not Anna, nor Jan Ann, nor Yuri Uri.
    s = re.sub(r"i+(?=e)", "", s)
    s = re.sub(r"i+(?=[aou])", "Y", s)
    # German and Nordic umlauts spelled out: Mueller = Müller, Soeren = Søren, Haendel = Händel.
    s = re.sub(r"(?<=[aou])e", "", s)
    # Nordic patronymic surnames: Danish and Norwegian -sen, Swedish -son, English -son for
    # both (Andersen = Andersson = Anderson), -dotter = -datter = -dóttir.
    if len(s) >= 5:
        s = re.sub(r"son$", "sen", s)
        s = re.sub(r"d[oa]t+[ie]r$", "doter", s)
    # Doubled letters carry no difference between systems (Henrietta/Genrieta, Trotskii/Trotski).
    s = re.sub(r"(.)\1+", r"\1", s)
    return s or word


def name_skeletons(text: str) -> tuple[str, ...]:
    """The skeleton of each word of `text`, in the order of `words(text)`."""
    if any(c in text for c in "šŠčČžŽŝŜ"):
        return tuple(skeleton(w) for w in words(text.translate(_SCHOLARLY)))
    return tuple(skeleton(w) for w in words(text))


# Feminine surname endings (on the skeleton) and their masculine form:
# Sedova -> Sedov, Lebedeva -> Lebedev, Karenina -> Karenin, Trotskaya -> Trotsky.
_FEMININE_ENDINGS = (("ova", "ov"), ("eva", "ev"), ("ina", "in"), ("skaYa", "ski"), ("TkaYa", "Tki"),
                     ("zkaYa", "zki"), ("ska", "ski"), ("Tka", "Tki"), ("zka", "zki"))


@lru_cache(maxsize=100_000)
def surname_stem(skel: str) -> str:
    """The masculine form of a surname skeleton; a masculine or non-Russian one is returned as is."""
    for fem, masc in _FEMININE_ENDINGS:
        if skel.endswith(fem) and len(skel) > len(fem) + 1:
            return skel[: -len(fem)] + masc
    return skel


# A surname's form for the other sex in other languages, on the skeleton, both ways: Czech
# Nováková ~ Novák, Svobodová ~ Svoboda, Černá ~ Černý; Russian Tolstaya ~ Tolstoy; Lithuanian
# Kazlauskienė (wife), Kazlauskaitė (daughter) ~ Kazlauskas, Petraitytė ~ Petraitis; Greek
# Papadopoulou ~ Papadopoulos, Georgiadou ~ Georgiadis, Nikolaki ~ Nikolakis.
_OTHER_SEX_FORMS = (
    ("ova", ("", "a")), ("a", ("i",)), ("i", ("a",)), ("aYa", ("oi", "i")), ("oi", ("aYa",)),
    ("ene", ("as", "is", "us")), ("aite", ("as", "is", "us")), ("ite", ("is", "as")), ("ute", ("us", "as")),
    ("as", ("ene", "aite")), ("is", ("ene", "ite", "i")), ("us", ("ene", "ute")),
    ("os", ("u",)), ("u", ("os", "is")), ("idu", ("idis",)), ("aki", ("akis",)),
)


@lru_cache(maxsize=20_000)
def surname_forms(skel: str) -> tuple[str, ...]:
    """Skeletons of the other sex's forms of a surname in the languages that have them (see above).

    Several candidates where the ending does not tell which: they are looked up among the
    tree's surnames, so one that no one has costs nothing.
    """
    out: list[str] = []
    for ending, others in _OTHER_SEX_FORMS:
        base = skel[: -len(ending)]
        if skel.endswith(ending) and len(base) >= 3:
            out += (base + other for other in others if base + other != skel)
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=20_000)
def patronymic_skeletons(father_given: str) -> frozenset[str]:
    """Skeletons of the patronymics formed from a father's given name, for sons and daughters.

    Lev -> Lvovich, Lvovna (the e drops out); Sergei -> Sergeevich; Ilya -> Ilyich;
    David -> Davidovich. Several forms are made where the rules allow more than one.
    """
    first = next(iter(words(father_given)), "")
    f = to_latin(first)
    if len(f) < 2:
        return frozenset()
    stems_ov = {f}
    stems_ev: set[str] = set()
    stems_ich: set[str] = set()
    if f[-1] in "yij":
        stems_ev.add(f[:-1])
    if f[-1] == "a":
        stems_ich.add(f[:-1])
        stems_ich.add(f[:-1].rstrip("iy"))
        stems_ich.add(f[:-1] + "in")  # Foma -> Fominichna is rare; Kuzma -> Kuzminichna
    if len(f) >= 3 and f[-2] in "eo" and f[-1] not in _VOWELS + "yj":
        stems_ov.add(f[:-2] + f[-1])  # Lev -> Lvovich, Pavel -> Pavlovich
    forms: set[str] = set()
    for stem in stems_ov:
        forms.update((stem + "ovich", stem + "ovna", stem + "evich", stem + "evna"))
    for stem in stems_ev:
        forms.update((stem + "evich", stem + "evna"))
    for stem in stems_ich:
        forms.update((stem + "ich", stem + "ichna"))
    return frozenset(skeleton(fold(form)) for form in forms if len(form) > 4)


# One given name in the languages genealogists meet most (Russian, Ukrainian, Belarusian,
# Polish, Czech, Hungarian, Yiddish and Hebrew, Greek, German, Dutch, Scandinavian, English,
# Irish, French, Italian, Spanish, Portuguese): Lev is Leon and Leo, Nikolai is Nicholas and
# Mykola, Genrikh is Heinrich and Henry, Jan is John. Only the same name: not names that merely
# share an origin (Isabel and Elizabeth), nor ones of one sex in one language and the other in
# another (Andrea, Simone, Michele). Each spelling is reduced to its skeleton, so the other romanisations
# of each (Nikolay, Nicolas, Mikhail, Michail) need no entry of their own.
_EQUIVALENT_NAMES = (
    "Lev Leon Leo Leib Loeb",
    "Nikolai Nicholas Nicolas Nikolaus Klaus Mikola Mikolaj Nikolaos Nicola Niccolo Nils Miklos Nicolaas",
    "Pyotr Peter Pierre Petrus Petro Pedro Pietro Pieter Peder Petros Per",
    "Pavel Paul Paulus Pavlo Pablo Paolo Pavlos Poul",
    "Mikhail Michail Michael Michel Michal Mykhailo Miguel Mikael Mikkel Mihaly",
    "Aleksandr Alexander Alexandre Sender Oleksandr Aliaksandr Alexandros Alessandro Alejandro Sandor",
    "Aleksei Alexis Alexius Oleksii Oleksiy Alexios",
    "Ivan Johann John Jean Johannes Yochanan Jan Juan Giovanni Joao Ioannis Yiannis Hans Jens Janos Johan"
    " Sean Ian Iwan Evan Eoin",
    "Fyodor Theodor Theodore Teodor Fedir Teodoro Theodoros",
    "Yakov Jacob Jakob Jacques Yaakov Jakub Yakiv Iakovos Giacomo Jacobus",
    "Iosif Joseph Josef Yosef Osip Jozef Jose Giuseppe Jozsef Josip Yosyp",
    "Moisei Moses Moshe Moishe", "Avraam Abraham Abram Avrom",
    # Yitzhak and Itzhak are romanisations of one Hebrew name, Isaac its English form
    "Isaak Isaac Yitzchak Itzik Yitzhak Itzhak Yitzchok Icek Izaak Isacco",
    "Solomon Salomon Shlomo Zalman", "Samuil Samuel Shmuel Samuele",
    "Grigory Gregory Gregor Gregoire Grzegorz Gregorio Gergely Grigorios",
    "Georgy George Georg Georges Yuri Egor Jerzy Jiri Jorge Giorgio Georgios Giorgos Gyorgy Jurgen Jorg"
    " Joris",
    "Andrei Andrew Andreas Andre Andrii Andriy Andrzej Andres Andrija Andras Anders",
    "Dmitri Demetrius Dimitri Dmytro Demetrios Dimitrios Dimitar",
    "Stepan Stephen Stefan Steven Etienne Stefano Esteban Istvan Szczepan Stephanos Steffen",
    "Vasily Basil Wassili Vasyl Wasyl Vasilios Vasil",
    "Konstantin Constantine Konstanty Kostiantyn Konstantinos Costantino Constantin",
    "Matvei Matthew Matthias Mattheus Mateusz Matteo Mateo Mattias Mads Matyas",
    "Semyon Simon Simeon Shimon Szymon", "Ilya Elijah Elias Eliyahu Elie Illia Ilias",
    "Evgeny Eugene Eugen Yevhen Eugeniusz Eugenio",
    "Genrikh Heinrich Henry Henri Hendrik Henryk Enrique Enrico Henrik",
    "Vilgelm Wilhelm William Guillaume Willem Guglielmo Guillermo Vilem Liam",
    "Fridrikh Friedrich Frederick Frederic Fryderyk Federico",
    "Karl Charles Carl Carlo Karol Karel Carlos Karoly",
    "Anton Anthony Antoine Antonius Antoni Antonio Antonin Antal",
    "Sergei Serge Sergius Sergio Serhii Serhiy", "Vladimir Volodymyr Wlodzimierz Uladzimir",
    "Vyacheslav Vaclav Waclaw Wenceslas Wenzel", "Vladislav Wladyslaw Ladislav Ladislaus Laszlo",
    "Voitsekh Wojciech Vojtech Adalbert", "Kazimir Kazimierz Casimir", "Stanislav Stanislaw Stanislaus",
    "Foma Thomas Tomasz Tomas Tommaso Tamas", "Frants Francis Franz Francois Franciszek Frantisek Francesco"
    " Francisco Ferenc", "Luka Luke Lucas Lukasz Lukas Luca", "Mark Marek Marcus Markus Marco Marc",
    "Lavrenty Lawrence Laurence Lorenz Lorenzo Lars Wawrzyniec", "Kristofor Christopher Christoph Krzysztof"
    " Cristoforo Christophe", "Patrick Padraig Patricio Patrizio", "James Seamus Hamish Jaime",
    "Ekaterina Catherine Katharina Katherine Catharina Kateryna Katarzyna Caterina Catalina Katalin Katerina"
    " Katrin Caitlin",
    "Elizaveta Elizabeth Elisabeth Elisheva Elzbieta Elisabetta Erzsebet Elisabet",
    "Mariya Maria Mary Marie Miriam Maire", "Anna Anne Hannah Hanna Channa",
    "Ioanna Johanna Joanna Giovanna Juana Jana Jeanne Joan Siobhan",
    "Elena Helen Helene Helena Olena Eleni", "Sofia Sophie Sophia Sofya Zofia Zsofia",
    "Natalia Natalie Nathalie", "Yulia Julia Julie Juliette Giulia",
    "Genrietta Henrietta Henriette Jetta", "Olga Helga", "Tatiana Tatjana Tatyana",
    "Varvara Barbara", "Margarita Margaret Margarethe Margherita Malgorzata Margit Marguerite Margareta",
    "Dorofeya Dorothy Dorothea Dorota", "Kristina Christina Christine Krystyna Cristina Kerstin",
    "Susanna Susan Suzanne Zuzanna Zsuzsanna", "Yadviga Hedwig Jadwiga Hedvig", "Teresa Theresa Therese",
    "Evdokia Eudoxia Avdotya", "Rivka Rebecca Rebekka Riva Rifka", "Rakhil Rachel Rahel",
    "Sarra Sarah Sara Sura", "Liya Leah Lea", "Esfir Esther Ester Estera", "Ruf Ruth", "Dvora Deborah Debora",
    "Zinaida Zenaida",
)


@lru_cache(maxsize=1)
def _name_groups() -> tuple[dict[str, int], dict[int, tuple[str, ...]]]:
    group_of: dict[str, int] = {}
    members: dict[int, list[str]] = {}
    for number, line in enumerate(_EQUIVALENT_NAMES, start=1):
        for name in line.split():
            key = skeleton(fold(name))
            if key not in group_of:
                group_of[key] = number
                members.setdefault(number, []).append(key)
    return group_of, {k: tuple(v) for k, v in members.items()}


def name_group(skel: str) -> int:
    """The number of the group of equivalent given names a skeleton belongs to, 0 for none."""
    return _name_groups()[0].get(skel, 0)


def group_skeletons(group: int) -> tuple[str, ...]:
    """The skeletons of the names in a group of equivalent given names."""
    return _name_groups()[1].get(group, ())


# Hebrew, Yiddish and Arabic write names by their consonants (כהן is Cohen, יצחק Yitzhak, محمد
# Muhammad): a Latin name is compared with one in those letters by a key of consonant classes alone. b: b v w;
# H: h ch kh; k: k c q; s: s sh z; T: tz ts; p: p f ph; vowels, y and j are left out.
_LATIN_CONSONANTS = {
    "tsch": "T", "sch": "s", "sh": "s", "tz": "T", "ts": "T", "cz": "T", "ch": "H", "kh": "H", "ck": "k",
    "ph": "p", "th": "t", "dh": "d", "gh": "g", "x": "ks", "c": "k", "q": "k", "w": "b", "v": "b", "f": "p",
    "z": "s",
}
_LATIN_CONSONANT_RE = re.compile("|".join(sorted(_LATIN_CONSONANTS, key=len, reverse=True)))
# Each Hebrew letter's classes; ו is a vowel (o, u) or v, כ is k or kh, so they give two keys.
_HEBREW_CONSONANTS = {
    "א": ("",), "ע": ("",), "י": ("",), "ײ": ("",), "ױ": ("",), "ו": ("", "b"), "װ": ("b",), "ב": ("b",),
    "ג": ("g",), "ד": ("d",), "ה": ("H",), "ז": ("s",), "ח": ("H",), "ט": ("t",), "כ": ("k", "H"),
    "ך": ("H",), "ל": ("l",), "מ": ("m",), "ם": ("m",), "נ": ("n",), "ן": ("n",), "ס": ("s",),
    "פ": ("p",), "ף": ("p",), "צ": ("T",), "ץ": ("T",), "ק": ("k",), "ר": ("r",), "ש": ("s",), "ת": ("t",),
}


# Arabic (and the Persian letters): alif, hamza, ayn and ya are vowels or left out, waw is a
# vowel or w, jim is j or g; a final ha or ta marbuta is a vowel (Fatima فاطمة).
_ARABIC_CONSONANTS = {
    "ا": ("",), "أ": ("",), "إ": ("",), "آ": ("",), "ء": ("",), "ئ": ("",), "ؤ": ("",), "ع": ("",),
    "ى": ("",), "ي": ("",), "ی": ("",), "ة": ("",), "و": ("", "b"), "ب": ("b",), "پ": ("p",), "ت": ("t",),
    "ث": ("t", "s"), "ج": ("", "g"), "چ": ("H",), "ح": ("H",), "خ": ("H",), "د": ("d",), "ذ": ("d", "s"),
    "ر": ("r",), "ز": ("s",), "ژ": ("s",), "س": ("s",), "ش": ("s",), "ص": ("s",), "ض": ("d", "s"),
    "ط": ("t",), "ظ": ("s", "d"), "غ": ("g",), "ف": ("p",), "ق": ("k",), "ك": ("k",), "ک": ("k",),
    "گ": ("g",), "ل": ("l",), "م": ("m",), "ن": ("n",), "ه": ("H",),
}
_ABJAD_CONSONANTS = {**_HEBREW_CONSONANTS, **_ARABIC_CONSONANTS}
_FINAL_VOWEL_LETTERS = frozenset("הهة")


def is_abjad(word: str) -> bool:
    """Whether a word is in Hebrew or Arabic letters, which write mostly the consonants."""
    return bool(word) and ("\u0590" <= word[0] <= "\u05ff" or "\u0600" <= word[0] <= "\u06ff")


@lru_cache(maxsize=20_000)
def consonants(word: str) -> str:
    """The consonant key of a folded Latin word ("cohen" -> "kHn"); "" when it says too little."""
    if not word.isascii() or not word.isalpha():
        return ""
    s = _LATIN_CONSONANT_RE.sub(lambda m: _LATIN_CONSONANTS[m.group(0)], word)
    s = s.rstrip("h").replace("h", "H")  # a final h is a vowel's mark: Sarah, Leah
    s = re.sub(r"[aeiouyj]", "", s)
    s = re.sub(r"(.)\1+", r"\1", s)
    return s if len(s) >= 2 else ""


@lru_cache(maxsize=20_000)
def abjad_consonants(word: str) -> frozenset[str]:
    """The consonant keys a word in Hebrew or Arabic letters may have (see `consonants`)."""
    keys = [""]
    for i, ch in enumerate(word):
        options = _ABJAD_CONSONANTS.get(ch, ("",))  # vowel points and other marks: nothing
        if ch in _FINAL_VOWEL_LETTERS and i == len(word) - 1:
            options = ("",)  # a final he is a vowel: Sarah, Moshe, Fatima
        keys = [k + o for k in keys for o in options][:16]
    if "\u0600" <= word[0] <= "\u06ff":  # Arabic writes a doubled consonant once (Muhammad محمد)
        keys = [re.sub(r"(.)\1+", r"\1", k) for k in keys]
    return frozenset(k for k in keys if len(k) >= 2)


# Short and pet forms of given names that users type for the full name a file stores ("Bill
# Clinton", "Jack Kennedy", "Sasha Petrov"), and the other way round: the full name, then its
# short forms. A short form may stand for several names (Jack: John or Jacob); only forms in
# common use, not every diminutive a language can make.
_SHORT_FORMS = """
Abbreviations of old records and of saints:
  William: Wm; James: Jas; Charles: Chas; Thomas: Thos; George: Geo; John: Jno; Benjamin: Benj;
  Samuel: Saml; Robert: Robt; Edward: Edw; Richard: Richd; Elizabeth: Eliz; Margaret: Margt;
  Alexander: Alexr; Daniel: Danl; Joseph: Jos; Saint: St; Sainte: Ste
English:
  William: Bill Billy Will Willy Willie; Robert: Bob Bobby Rob Robby Robbie Bert;
  Richard: Dick Rick Ricky Richie Dickie; Edward: Ed Eddie Ned Ted Teddy; Theodore: Ted Teddy Theo;
  John: Jack Johnny Jackie; Jacob: Jake Jack; James: Jim Jimmy Jamie; Thomas: Tom Tommy;
  Charles: Charlie Chuck; Henry: Harry Hal Hank; Harold: Harry Hal; Abraham: Abe; Isaac: Ike;
  Dwight: Ike; Joseph: Joe Joey; Michael: Mike Mick Mickey; Nicholas: Nick Nicky; Anthony: Tony;
  Benjamin: Ben Benny; Daniel: Dan Danny; David: Dave Davy; Samuel: Sam Sammy; Stephen: Steve;
  Steven: Steve; Timothy: Tim; Frederick: Fred Freddy Fritz; Alfred: Alf Fred Freddie;
  Albert: Bert Bertie; Herbert: Herb Bert; Lawrence: Larry; Patrick: Pat Paddy; Peter: Pete;
  Philip: Phil; Andrew: Andy Drew; Alexander: Alex Sandy Xander; Christopher: Chris Kit; Matthew: Matt;
  Gerald: Jerry Gerry; Jeremiah: Jerry; Leonard: Leo Len Lenny; Ronald: Ron Ronnie; Donald: Don Donny;
  Douglas: Doug; Eugene: Gene; Francis: Frank Frankie; Franklin: Frank; Walter: Walt Wally;
  Zachary: Zach; Nathaniel: Nat Nate; Ezekiel: Zeke; Solomon: Sol; Mordecai: Morty;
  Elizabeth: Betty Bess Bessie Beth Betsy Liz Lizzie Eliza Libby Elsie;
  Margaret: Peggy Maggie Meg Marge Margie Madge Greta Gretchen; Mary: Polly Molly Mamie Mae;
  Catherine: Kate Kathy Katie Kitty Cathy Kay; Katherine: Kate Kathy Katie Kitty Kay;
  Ann: Annie Nan Nancy Nanny; Anne: Annie Nan Nancy; Sarah: Sally Sadie; Jane: Jenny Jennie Janie;
  Dorothy: Dot Dolly Dottie; Frances: Fanny Fran Frankie; Harriet: Hattie; Martha: Patsy Mattie;
  Susan: Sue Susie Suzy; Eleanor: Nell Nellie Ellie Nora; Helen: Nell Nellie; Rebecca: Becky Becca;
  Deborah: Debbie Deb; Patricia: Pat Patty Tricia Trish; Jacqueline: Jackie; Victoria: Vicky Tory;
  Abigail: Abby Nabby; Alexandra: Alex Sandy Sandra; Christine: Chris Tina; Barbara: Barb Babs;
  Virginia: Ginny Ginger; Theresa: Tess Tessa Terry; Josephine: Josie Jo; Louisa: Lou Lulu;
  Judith: Judy; Caroline: Carrie Carol; Isabella: Bella Belle Isa; Charlotte: Lottie Lotte Charlie;
  Wilhelmina: Minnie Mina Willa; Henrietta: Etta Hetty
German and Dutch:
  Johann: Hans Hansi Jan; Johannes: Hans Jan Joop; Friedrich: Fritz Fred; Josef: Sepp Seppl;
  Wilhelm: Willi Willy; Heinrich: Heinz Hinz; Konrad: Kurt Kuno; Nikolaus: Klaus; Anton: Toni;
  Margarete: Grete Gretel Gretchen; Elisabeth: Liesel Lisa Lise Elsbeth Else Ilse;
  Katharina: Käthe Kathi Trine; Theresia: Resi; Maria: Mia Mitzi Mizzi; Cornelis: Kees; Pieter: Piet;
  Hendrik: Henk; Willem: Wim; Nicolaas: Klaas; Geertruida: Truus
Russian, Ukrainian and Belarusian:
  Aleksandr: Sasha Shura Sanya; Aleksandra: Sasha Shura; Mikhail: Misha Mishka; Nikolai: Kolya;
  Vladimir: Volodya Vova Vlad; Dmitri: Dima Mitya; Pyotr: Petya; Ivan: Vanya; Lev: Lyova;
  Sergei: Seryozha Serezha; Konstantin: Kostya; Evgeny: Zhenya; Evgenia: Zhenya; Grigory: Grisha;
  Boris: Borya; Fyodor: Fedya; Pavel: Pasha; Aleksei: Alyosha Lyosha; Anatoly: Tolya;
  Vyacheslav: Slava; Vladislav: Slava Vlad; Yaroslav: Slava; Stanislav: Stas; Yuri: Yura;
  Vasily: Vasya; Stepan: Styopa; Semyon: Senya; Ilya: Ilyusha; Andrei: Andryusha; Yakov: Yasha Yankel;
  Iosif: Osya; Natalia: Natasha; Ekaterina: Katya; Maria: Masha Marusya; Tatiana: Tanya; Olga: Olya;
  Elena: Lena; Anna: Anya Nyura; Yulia: Yulya; Sofia: Sonya; Lyubov: Lyuba; Nadezhda: Nadya;
  Galina: Galya; Zinaida: Zina; Evdokia: Dusya; Ksenia: Ksyusha; Valentina: Valya;
  Lyudmila: Lyuda Mila; Svetlana: Sveta; Irina: Ira; Praskovia: Parasha; Genrietta: Geta
Yiddish and Hebrew:
  Moshe: Moishe Moses; Yitzhak: Itzik; Shmuel: Shmulik Samuel; Avraham: Avrum Avremel;
  Hirsch: Hershel Hersh; Zev: Velvel Wolf; Dov: Berl Berel; Leib: Leibl
Polish and Czech:
  Katarzyna: Kasia; Barbara: Basia; Malgorzata: Gosia Malgosia; Stanislaw: Stas Staszek; Jerzy: Jurek;
  Jan: Janek Jasiek; Jozef: Jozek; Zofia: Zosia; Maria: Marysia; Anna: Ania; Tomasz: Tomek;
  Bartlomiej: Bartek; Wojciech: Wojtek; Jakub: Kuba; Franciszek: Franek; Kazimierz: Kazik;
  Wladyslaw: Wladek; Krzysztof: Krzys; Aleksandra: Ola; Magdalena: Magda; Frantisek: Franta;
  Josef: Pepa; Jiri: Jirka; Vaclav: Vasek
Italian, Spanish, Hungarian:
  Giuseppe: Beppe Peppe Pino; Giovanni: Gianni Nanni; Francesco: Cecco Checco; Jose: Pepe;
  Francisco: Paco Pancho Curro; Dolores: Lola; Ignacio: Nacho; Concepcion: Concha; Janos: Jancsi;
  Istvan: Pista; Ferenc: Feri; Sandor: Sanyi; Katalin: Kati; Erzsebet: Erzsi
"""


@lru_cache(maxsize=1)
def _short_forms() -> tuple[dict[str, frozenset[str]], frozenset[tuple[str, str]]]:
    """Each full name's skeleton to its short forms' skeletons and each short form's to its full
    names'; and the (short, full) pairs, to tell which way round two names are."""
    pairs: dict[str, set[str]] = {}
    short_full: set[tuple[str, str]] = set()
    entries = (e for line in _SHORT_FORMS.splitlines() if line.startswith("  ") for e in line.split(";"))
    for entry in entries:
        full, _, shorts = entry.partition(":")
        if not shorts.strip():
            continue
        key = skeleton(fold(full.strip()))
        for short in shorts.split():
            other = skeleton(fold(short))
            if other != key:
                pairs.setdefault(key, set()).add(other)
                pairs.setdefault(other, set()).add(key)
                short_full.add((other, key))
    return {k: frozenset(v) for k, v in pairs.items()}, frozenset(short_full)


def _same_name(skel: str) -> tuple[str, ...]:
    """A given name's skeleton and those of its forms in other languages."""
    return group_skeletons(name_group(skel)) or (skel,)


@lru_cache(maxsize=20_000)
def short_forms(skel: str) -> frozenset[str]:
    """The skeletons of a given name's short forms, or of the full names a short form stands for,
    in any of the name's languages: Alexander's include Sasha, Sasha's Alexander."""
    direct = _short_forms()[0]
    out: set[str] = set()
    for same in _same_name(skel):
        out.update(direct.get(same, ()))
    for other in list(out):
        out.update(_same_name(other))
    out.discard(skel)
    return frozenset(out)


def is_short_for(short: str, full: str) -> bool:
    """Whether the name of skeleton `short` is a short form of the one of skeleton `full`."""
    pairs = _short_forms()[1]
    return any((s, f) in pairs for s in _same_name(short) for f in _same_name(full))

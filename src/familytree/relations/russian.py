"""Russian kinship terms (русские термины родства): what A is to B, wording only, on the same engine.

Russian names in-laws by the side they come from (свёкор is a husband's father,
тесть a wife's), half-siblings by the parent they share (единокровный through the
father, единоутробный through the mother), and cousins by degree (двоюродный,
троюродный ...).  Where there is no single word the phrase is built with the
genitive, as Russian speakers do: "жена двоюродного брата".  Names are not
declined, so sentences put the reference person first: "Лев Троцкий: Юлия — внучка".
"""

from __future__ import annotations

from familytree.model import Sex
from familytree.relations.engine import Relationship, Role, Step
from familytree.relations.links import Lineage, PartnerLink, PartnerStatus
from familytree.relations.wording import Namer, register

__all__ = ["RussianWording", "russian_kinship_term"]

Forms = tuple[str, str]  # (male, female)

_DEGREE = ("", "", "двоюродный", "троюродный", "четвероюродный", "пятиюродный", "шестиюродный",
           "семиюродный", "восьмиюродный", "девятиюродный", "десятиюродный")

_GENITIVE = {
    "отец": "отца", "мать": "матери", "родитель": "родителя", "сын": "сына", "дочь": "дочери",
    "ребёнок": "ребёнка", "брат": "брата", "сестра": "сестры", "дедушка": "дедушки", "бабушка": "бабушки",
    "внук": "внука", "внучка": "внучки", "дядя": "дяди", "тётя": "тёти", "племянник": "племянника",
    "племянница": "племянницы", "муж": "мужа", "жена": "жены", "супруг": "супруга", "партнёр": "партнёра",
    "отчим": "отчима", "мачеха": "мачехи", "пасынок": "пасынка", "падчерица": "падчерицы", "зять": "зятя",
    "невестка": "невестки", "свёкор": "свёкра", "свекровь": "свекрови", "тесть": "тестя", "тёща": "тёщи",
    "деверь": "деверя", "золовка": "золовки", "шурин": "шурина", "свояченица": "свояченицы",
    "свояк": "свояка", "предок": "предка", "потомок": "потомка", "опекун": "опекуна",
    "опекунша": "опекунши", "воспитанник": "воспитанника", "воспитанница": "воспитанницы",
}


def _feminine(adjective: str) -> str:
    for m, f in (("ый", "ая"), ("ий", "ая"), ("ой", "ая")):
        if adjective.endswith(m):
            return adjective[: -len(m)] + f
    return adjective


def _genitive(phrase: str) -> str:
    """Decline a kinship phrase into the genitive: adjectives up to the noun, then the noun."""
    if " или " in phrase:
        return " или ".join(_genitive(p) for p in phrase.split(" или "))
    words = phrase.split(" ")
    for i, word in enumerate(words):
        stem = word
        prefix = ""
        while stem.startswith("пра") and stem[3:] in _GENITIVE:
            prefix, stem = prefix + "пра", stem[3:]
        if stem in _GENITIVE:
            words[i] = prefix + _GENITIVE[stem]
            break
        for ending, gen in (("ый", "ого"), ("ой", "ого"), ("ий", "его"), ("ая", "ой"), ("яя", "ей")):
            if word.endswith(ending):
                stem_end = word[-len(ending) - 1: -len(ending)]
                # spelling rules: гражданского (after г, к, х), бывшей (after ж, ш, ч, щ, ц)
                if ending == "ий" and stem_end in "гкх":
                    gen = "ого"
                elif ending == "ая" and stem_end in "жшчщц":
                    gen = "ей"
                words[i] = word[: -len(ending)] + gen
                break
    return " ".join(words)


def _pick(forms: Forms, sex: Sex) -> str:
    if sex is Sex.MALE:
        return forms[0]
    if sex is Sex.FEMALE:
        return forms[1]
    return f"{forms[0]} или {forms[1]}"


def _with(adjective: str, forms: Forms) -> Forms:
    return (f"{adjective} {forms[0]}", f"{_feminine(adjective)} {forms[1]}")


def _greats(n: int, forms: Forms) -> Forms:
    return ("пра" * n + forms[0], "пра" * n + forms[1])


def _degree(k: int) -> str:
    return _DEGREE[k] if k < len(_DEGREE) else f"{k}-юродный"


def _forms(up: int, down: int) -> Forms:
    """Birth terms for A going `up` generations to the common ancestor and `down` to B."""
    if up == 0:
        if down == 1:
            return ("отец", "мать")
        if down <= 5:
            return _greats(down - 2, ("дедушка", "бабушка"))
        return (f"предок в {down}-м поколении",) * 2
    if down == 0:
        if up == 1:
            return ("сын", "дочь")
        if up <= 5:
            return _greats(up - 2, ("внук", "внучка"))
        return (f"потомок в {up}-м поколении",) * 2
    if up == 1 and down == 1:
        return ("брат", "сестра")
    if up == 1:
        if down == 2:
            return ("дядя", "тётя")
        return _with("двоюродный", _greats(down - 3, ("дедушка", "бабушка")))
    if down == 1:
        if up == 2:
            return ("племянник", "племянница")
        return _with("пра" * (up - 3) + "внучатый", ("племянник", "племянница"))
    # Russian counts the degree from the older side's generation: a parent's first cousin is
    # двоюродный дядя, a grandparent's first cousin троюродный дедушка, but the younger side
    # keeps its own degree: двоюродный племянник, двоюродный внучатый племянник.
    removed = abs(up - down)
    if removed == 0:
        return _with(_degree(up), ("брат", "сестра"))
    if up < down:
        if removed == 1:
            return _with(_degree(up), ("дядя", "тётя"))
        return _with(_degree(up + 1), _greats(removed - 2, ("дедушка", "бабушка")))
    if removed == 1:
        return _with(_degree(down), ("племянник", "племянница"))
    return _with(_degree(down), _with("пра" * (removed - 2) + "внучатый", ("племянник", "племянница")))


_NEUTRAL = {("отец", "мать"): "родитель", ("сын", "дочь"): "ребёнок"}


def russian_kinship_term(up: int, down: int, sex: Sex = Sex.UNKNOWN, half: bool = False,
                         lineage: Lineage = Lineage.BIRTH, shared_parent_sex: Sex = Sex.UNKNOWN) -> str:
    """What A is to B in Russian: russian_kinship_term(0, 2, Sex.FEMALE) -> "бабушка"."""
    if up < 0 or down < 0:
        raise ValueError("generations cannot be negative")
    forms = _forms(up, down)
    if lineage is Lineage.STEP:
        if (up, down) == (0, 1):
            forms = ("отчим", "мачеха")
        elif (up, down) == (1, 0):
            forms = ("пасынок", "падчерица")
        else:
            forms = _with("сводный" if up == down == 1 else "неродной", forms)
    elif lineage is Lineage.FOSTER and (up, down) in ((0, 1), (1, 0)):
        forms = ("опекун", "опекунша") if up == 0 else ("воспитанник", "воспитанница")
    elif lineage in (Lineage.ADOPTED, Lineage.FOSTER):
        forms = _with("приёмный", forms)
    elif half and up > 0 and down > 0:
        adjective = {Sex.MALE: "единокровный", Sex.FEMALE: "единоутробный"}.get(shared_parent_sex,
                                                                              "неполнородный")
        forms = _with(adjective, forms)
    if sex not in (Sex.MALE, Sex.FEMALE) and forms in _NEUTRAL:
        return _NEUTRAL[forms]
    return _pick(forms, sex)


def _partner_forms(status: PartnerStatus | None, ended: bool) -> Forms:
    forms = ("муж", "жена") if status is PartnerStatus.MARRIED else ("гражданский муж", "гражданская жена")
    return _with("бывший", forms) if ended else forms


def _partner_word(sex: Sex, link: PartnerLink | Step) -> str:
    forms = _partner_forms(link.status, link.ended)
    if sex not in (Sex.MALE, Sex.FEMALE):
        return "бывший партнёр" if link.ended else ("супруг" if link.status is PartnerStatus.MARRIED
                                                    else "партнёр")
    return _pick(forms, sex)


def _lives(link: PartnerLink | None) -> bool:
    return link is not None and link.status is not PartnerStatus.UNMARRIED and not link.ended


class RussianWording:
    language = "ru"

    def _core(self, rel: Relationship, sex: Sex) -> str:
        shared = rel.sex(rel.apex[0]) if len(rel.apex) == 1 else Sex.UNKNOWN
        lineage = Lineage.STEP if rel.apex_partnership is not None else rel.lineage
        return russian_kinship_term(rel.up, rel.down, sex, rel.half, lineage, shared)

    def term(self, rel: Relationship) -> str:
        sex_a = rel.sex(rel.a_id)
        if rel.is_partnership:
            assert rel.a_partner is not None
            return _partner_word(sex_a, rel.a_partner)
        a_hop, b_hop = rel.a_partner, rel.b_partner
        plain = rel.lineage is Lineage.BIRTH and rel.apex_partnership is None
        shape = (rel.up, rel.down)
        if a_hop is None and b_hop is None:
            return self._core(rel, sex_a)
        if a_hop is None:
            assert b_hop is not None
            via = rel.sex(rel.core_b)  # B's partner: husband or wife
            if plain and _lives(b_hop) and not rel.step_unmet and via in (Sex.MALE, Sex.FEMALE):
                husband = via is Sex.MALE
                words = {(0, 1): ("свёкор", "свекровь") if husband else ("тесть", "тёща"),
                         (1, 1): ("деверь", "золовка") if husband else ("шурин", "свояченица"),
                         (1, 0): ("пасынок", "падчерица")}.get(shape)
                if words and sex_a in (Sex.MALE, Sex.FEMALE):
                    return _pick(words, sex_a)
            return f"{self._core(rel, sex_a)} {_genitive(_partner_word(via, b_hop))}"
        a_word = _partner_word(sex_a, a_hop)
        core_sex = rel.sex(rel.core_a)
        if b_hop is None:
            if plain and _lives(a_hop) and not rel.step_unmet and sex_a in (Sex.MALE, Sex.FEMALE):
                words = {(0, 1): ("отчим", "мачеха"), (1, 0): ("зять", "невестка"),
                         (1, 1): ("зять", "невестка"), (1, 2): ("дядя", "тётя")}.get(shape)
                if words:
                    return _pick(words, sex_a)
            return f"{a_word} {_genitive(self._core(rel, core_sex))}"
        via = rel.sex(rel.core_b)
        if (plain and _lives(a_hop) and _lives(b_hop) and shape == (1, 1) and sex_a is Sex.MALE
                and via is Sex.FEMALE and core_sex is Sex.FEMALE):
            return "свояк"  # the husband of one's wife's sister
        return f"{a_word} {_genitive(self._core(rel, core_sex))} {_genitive(_partner_word(via, b_hop))}"

    def statement(self, rel: Relationship, name: Namer) -> str:
        return f"{name(rel.b_id)}: {name(rel.a_id)} — {self.term(rel)}"

    def step_word(self, step: Step, sex: Sex) -> str:
        if step.role is Role.PARTNER:
            return _partner_word(sex, step)
        if step.role is Role.CHILD:
            return russian_kinship_term(1, 0, sex, lineage=step.lineage)
        return russian_kinship_term(0, 1, sex, lineage=step.lineage)

    def describe_path(self, rel: Relationship, name: Namer) -> str:
        """"Юлия — дочь → Сергей Седов — сын → Лев Троцкий": each person, what they are to the next."""
        couple = len(rel.apex) == 2 and rel.apex_partnership is None
        parts: list[str] = []
        skip_to = -1
        for i, s in enumerate(rel.steps):
            if i <= skip_to:
                continue
            parts.append(f"{name(s.from_id)} — {self.step_word(s, rel.sex(s.from_id))}")
            unnamed = rel.is_unnamed_parents(s.to_id)
            last = i + 1 == len(rel.steps)
            if (couple or unnamed) and s.role is Role.CHILD and s.to_id in rel.apex and not last:
                parents = "приёмные родители" if rel.steps[i + 1].lineage is not Lineage.BIRTH else "родители"
                who = (f"неизвестные родители семьи {s.to_id}" if unnamed
                       else f"{name(rel.apex[0])} и {name(rel.apex[1])}")
                parts.append(f"{who} — {parents}")
                skip_to = i + 1
        if not rel.steps:
            return ""
        return " → ".join(parts + [name(rel.steps[-1].to_id)])

    def no_relationship(self) -> str:
        return "родство не известно"

    def unrelated(self, a: str, b: str) -> str:
        return f"{a} и {b}: {self.no_relationship()}"

    def connected(self, description: str) -> str:
        return f"связь: {description}"

    def same_person(self, a: str, b: str) -> str:
        return f"{a} и {b} — один и тот же человек"

    def more(self, count: int) -> str:
        # 1, 21, 31... родство; 2-4, 22-24... родства; else родств (11-14 too)
        last, tens = count % 10, count % 100
        if last == 1 and tens != 11:
            word = "более далёкое родство"
        elif 2 <= last <= 4 and not 12 <= tens <= 14:
            word = "более далёких родства"
        else:
            word = "более далёких родств"
        return f"… и ещё {count} {word} (--limit 0 показывает все)"


register(RussianWording())

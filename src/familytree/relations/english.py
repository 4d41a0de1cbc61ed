"""English kinship terms: what A is to B, in the words English-speaking genealogists use."""

from __future__ import annotations

from collections.abc import Callable

from familytree.model import Sex
from familytree.relations.engine import Relationship, Role, Step
from familytree.relations.links import Lineage, PartnerLink, PartnerStatus
from familytree.relations.wording import Namer, register

__all__ = ["EnglishWording", "kinship_term", "partner_term", "ordinal", "times_removed"]

_ORDINAL_WORDS = ("zeroth", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                  "ninth", "tenth")
_TIMES = ("", "once", "twice", "three times", "four times", "five times", "six times", "seven times",
          "eight times", "nine times", "ten times")
# Words that take "step" without a hyphen: stepfather, stepson, stepsister.
_STEP_JOINED = {"father", "mother", "parent", "son", "daughter", "child", "brother", "sister", "sibling"}

Forms = tuple[str, str, str | None]  # (male, female, neutral); neutral None: "female or male"


def ordinal(n: int) -> str:
    """"first" ... "tenth", then "11th", "2,997th"."""
    if 0 <= n < len(_ORDINAL_WORDS):
        return _ORDINAL_WORDS[n]
    return _numeric_ordinal(n)


def _numeric_ordinal(n: int) -> str:
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n:,}{suffix}"


def times_removed(n: int) -> str:
    """"once removed", "twice removed", ..., "12 times removed"; "" for 0."""
    if n <= 0:
        return ""
    times = _TIMES[n] if n < len(_TIMES) else f"{n:,} times"
    return f"{times} removed"


def _greats(n: int) -> str:
    """"great-" repeated up to twice, then "3rd great-": as genealogists count them."""
    if n <= 0:
        return ""
    if n <= 2:
        return "great-" * n
    return f"{_numeric_ordinal(n)} great-"


def _forms(up: int, down: int) -> Forms:
    """The plain (birth, full) words for A going `up` generations then `down` to B."""
    if up == 0:
        if down == 1:
            return ("father", "mother", "parent")
        g = _greats(down - 2)
        return (f"{g}grandfather", f"{g}grandmother", f"{g}grandparent")
    if down == 0:
        if up == 1:
            return ("son", "daughter", "child")
        g = _greats(up - 2)
        return (f"{g}grandson", f"{g}granddaughter", f"{g}grandchild")
    if up == 1 and down == 1:
        return ("brother", "sister", "sibling")
    if up == 1:
        g = _greats(down - 2)
        return (f"{g}uncle", f"{g}aunt", None)
    if down == 1:
        if up == 2:
            return ("nephew", "niece", None)
        g = _greats(up - 3)
        return (f"{g}grand-nephew", f"{g}grand-niece", None)
    word = f"{ordinal(min(up, down) - 1)} cousin"
    removed = times_removed(abs(up - down))
    if removed:
        word += " " + removed
    return (word, word, word)


def _pick(forms: Forms, sex: Sex, decorate: Callable[[str], str] = str) -> str:
    male, female, neutral = forms
    if sex is Sex.MALE:
        return decorate(male)
    if sex is Sex.FEMALE:
        return decorate(female)
    if neutral is not None:
        return decorate(neutral)
    return f"{decorate(female)} or {decorate(male)}"


def _with_step(word: str) -> str:
    return ("step" if word in _STEP_JOINED else "step-") + word


def kinship_term(up: int, down: int, sex: Sex = Sex.UNKNOWN, half: bool = False,
                 lineage: Lineage = Lineage.BIRTH) -> str:
    """What A is to B when A goes `up` generations to the common ancestor(s) and `down` to B.

    kinship_term(0, 2, Sex.MALE) -> "grandfather"; kinship_term(3, 2) -> "second cousin once removed";
    kinship_term(1, 1, Sex.FEMALE, half=True) -> "half-sister";
    kinship_term(0, 1, Sex.FEMALE, lineage=Lineage.ADOPTED) -> "adoptive mother".
    """
    if up < 0 or down < 0:
        raise ValueError("generations cannot be negative")
    if up == 0 and down == 0:
        return "self"
    collateral = up > 0 and down > 0
    cousin = up >= 2 and down >= 2

    def decorate(word: str) -> str:
        if half and collateral:
            word = ("half " if cousin else "half-") + word
        if lineage is Lineage.STEP:
            return _with_step(word)
        if lineage is Lineage.ADOPTED:
            return ("adopted " if down == 0 else "adoptive ") + word
        if lineage is Lineage.FOSTER:
            return "foster " + word
        return word

    return _pick(_forms(up, down), sex, decorate)


def partner_term(sex: Sex, status: PartnerStatus = PartnerStatus.MARRIED, ended: bool = False) -> str:
    """"husband", "wife" or "spouse" if a marriage is recorded, else "partner"; "ex-wife" after a divorce.

    A couple with no marriage recorded is called partners: many files leave the
    marriage out, but "partner" is true of a married couple too, while "wife"
    would claim what the file does not say.
    """
    if status is PartnerStatus.MARRIED:
        word = _pick(("husband", "wife", "spouse"), sex)
    else:
        word = "partner"
    return f"ex-{word}" if ended else word


def _collapses(link: PartnerLink | None) -> bool:
    """In-law and step words stand for a partnership not known to be unmarried or ended.

    As in Gramps, a son's wife and a son's partner of unrecorded status are both
    a daughter-in-law: the word is used so, and a file seldom says more.
    """
    return link is not None and link.status is not PartnerStatus.UNMARRIED and not link.ended


def _a_side_in_law(up: int, down: int, half: bool, sex: Sex) -> str | None:
    """A is the partner of B's relative (up, down): "son-in-law", "stepmother", "aunt by marriage"."""
    if up == 0:
        return _pick(_forms(0, down), sex, _with_step)
    if down == 0:
        return _pick(_forms(up, 0), sex, lambda w: w + "-in-law")
    if up == 1 and down == 1:
        return _pick(("brother", "sister", "sibling"), sex, lambda w: w + "-in-law")
    if up == 1 and not half:
        return _pick(_forms(1, down), sex, lambda w: w + " by marriage")
    return None


def _b_side_in_law(up: int, down: int, sex: Sex) -> str | None:
    """A is the relative (up, down) of B's partner: "mother-in-law", "stepson", "brother-in-law"."""
    if up == 0:
        return _pick(_forms(0, down), sex, lambda w: w + "-in-law")
    if down == 0:
        return _pick(_forms(up, 0), sex, _with_step)
    if up == 1 and down == 1:
        return _pick(("brother", "sister", "sibling"), sex, lambda w: w + "-in-law")
    return None


class EnglishWording:
    language = "en"

    def term(self, rel: Relationship) -> str:
        sex_a = rel.sex(rel.a_id)
        if rel.is_partnership:
            assert rel.a_partner is not None
            return partner_term(sex_a, rel.a_partner.status, rel.a_partner.ended)
        if rel.apex_partnership is not None:
            return kinship_term(rel.up, rel.down, sex_a, lineage=Lineage.STEP)
        core_sex = rel.sex(rel.core_a)
        plain = rel.lineage is Lineage.BIRTH
        a_hop, b_hop = rel.a_partner, rel.b_partner
        if a_hop is None and b_hop is None:
            return kinship_term(rel.up, rel.down, sex_a, rel.half, rel.lineage)
        if a_hop is None:
            assert b_hop is not None
            if plain and _collapses(b_hop) and not rel.step_unmet:
                word = _b_side_in_law(rel.up, rel.down, sex_a)
                if word:
                    return word
            core = kinship_term(rel.up, rel.down, sex_a, rel.half, rel.lineage)
            return f"{self._b_partner_word(rel)}'s {core}"
        a_word = partner_term(sex_a, a_hop.status, a_hop.ended)
        if b_hop is None:
            if plain and _collapses(a_hop) and not rel.step_unmet:
                word = _a_side_in_law(rel.up, rel.down, rel.half, sex_a)
                if word:
                    return word
            return f"{kinship_term(rel.up, rel.down, core_sex, rel.half, rel.lineage)}'s {a_word}"
        # both ends cross a partnership: name what A's partner is to B, then A as that one's partner
        middle = _b_side_in_law(rel.up, rel.down, core_sex) if plain and _collapses(b_hop) else None
        if middle is None:
            middle = (f"{self._b_partner_word(rel)}'s "
                      f"{kinship_term(rel.up, rel.down, core_sex, rel.half, rel.lineage)}")
        return f"{middle}'s {a_word}"

    @staticmethod
    def _b_partner_word(rel: Relationship) -> str:
        """What B's partner is to B: "wife" in "wife's cousin"."""
        assert rel.b_partner is not None
        return partner_term(rel.sex(rel.core_b), rel.b_partner.status, rel.b_partner.ended)

    def statement(self, rel: Relationship, name: Namer) -> str:
        return f"{name(rel.a_id)} is {name(rel.b_id)}'s {self.term(rel)}"

    def step_word(self, step: Step, sex: Sex) -> str:
        """What step.from_id is to step.to_id across one link."""
        if step.role is Role.PARTNER:
            return partner_term(sex, step.status or PartnerStatus.UNKNOWN, step.ended)
        if step.role is Role.CHILD:
            return kinship_term(1, 0, sex, lineage=step.lineage)
        return kinship_term(0, 1, sex, lineage=step.lineage)

    def describe_path(self, rel: Relationship, name: Namer) -> str:
        couple = len(rel.apex) == 2 and rel.apex_partnership is None
        clauses: list[str] = []
        steps = rel.steps
        i = 0
        while i < len(steps):
            s = steps[i]
            prev = steps[i - 1] if i else None
            verb = "are" if prev is not None and prev.role is Role.CHILD and (
                (couple and prev.to_id in rel.apex) or rel.is_unnamed_parents(prev.to_id)) else "is"
            if couple and s.role is Role.CHILD and s.to_id in rel.apex:
                clauses.append(f"{verb} the {self.step_word(s, rel.sex(s.from_id))} of "
                               f"{name(rel.apex[0])} and {name(rel.apex[1])}")
            elif s.role is Role.CHILD and rel.is_unnamed_parents(s.to_id):
                clauses.append(f"{verb} the {self.step_word(s, rel.sex(s.from_id))} of "
                               f"the unnamed parents of family {s.to_id}")
            elif verb == "are":
                parents = "parents" if s.lineage is Lineage.BIRTH else kinship_term(
                    0, 1, Sex.UNKNOWN, lineage=s.lineage).replace("parent", "parents")
                clauses.append(f"are the {parents} of {name(s.to_id)}")
            else:
                clauses.append(f"{verb} the {self.step_word(s, rel.sex(s.from_id))} of {name(s.to_id)}")
            i += 1
        if not clauses:
            return ""
        return f"{name(rel.a_id)} " + clauses[0] + "".join(f", who {c}" for c in clauses[1:])

    def no_relationship(self) -> str:
        return "no known relationship"

    def unrelated(self, a: str, b: str) -> str:
        return f"{a} and {b}: {self.no_relationship()}"

    def connected(self, description: str) -> str:
        return f"connected: {description}"

    def same_person(self, a: str, b: str) -> str:
        return f"{a} and {b} are the same person"

    def more(self, count: int) -> str:
        return f"... and {count} more distant relationship{'s' if count > 1 else ''} (--limit 0 shows all)"


register(EnglishWording())

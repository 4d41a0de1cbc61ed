"""Where in a biography each fact or citation belongs: the sentence that states what it backs."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence

from familytree.model import Citation, Event, Person, Tree, place_text
from familytree.model.slotted import slotted

__all__ = ["Backed", "Claim", "Sentence", "marked_note", "marked_paragraphs", "name_words", "person_claims",
           "place_claims", "sentences", "without_heading"]

# A sentence ends at . ! ? or … (and any closing quotes or brackets) before a space and a capital,
# a digit or an opening quote; not after an initial ("James M. Cassidy") or a short abbreviation.
_END = re.compile(r"[.!?\u2026]+[\"'\u201d\u2019)\]]*(?=\s+[\"'\u201c\u2018(\[]?(\w))")
_ABBREVIATIONS = frozenset("""mr mrs ms dr st jr sr co rev gen col capt lt sgt no vol pp p ch sec fig
    jan feb mar apr jun jul aug sep sept oct nov dec ca c approx b d m bap bur etc vs""".split())
_WORD = re.compile(r"\w+")
_YEAR = re.compile(r"\d{3,4}")
# Words that say nothing about which statement a source backs.
_STOPWORDS = frozenset("""the and for that with was were his her him she their they them this from had
    have has are but not who which when where what into after before over then than there also been
    being its our your you all any one two can could would should will may might did does such very
    only other some more most much many own same said says about later year years""".split())
# Pairs of sentence and claim compared at the most: a file's person with thousands of cited facts
# and a long note is matched as far as this goes (the first claims), in a fraction of a second.
_MOST_PAIRS = 100_000
# Characters of a claim's words and excerpts read: an excerpt of megabytes says no more about where
# it belongs than its beginning does.
_CLAIM_TEXT = 5_000
# A claim stated by a sentence shares with it words worth at least this much (a rare word is worth
# about 2, one in every other sentence well under 1).
_ENOUGH = 2.5


@slotted(frozen=True)
class Sentence:
    """A sentence of one paragraph: text[start:end] of that paragraph."""

    paragraph: int
    start: int
    end: int


@slotted(frozen=True)
class Claim:
    """Something a source says, to be found in the biography: a fact's wording (its kind, value, date,
    place, cause), weighed fully, and the excerpts quoted for it, weighed by `quoted`."""

    words: str
    quoted: str = ""


def sentences(paragraphs: Sequence[str]) -> list[Sentence]:
    """The sentences of each paragraph, in order."""
    out: list[Sentence] = []
    for p, text in enumerate(paragraphs):
        start = len(text) - len(text.lstrip())
        for m in _END.finditer(text):
            before = text[start:m.start()].rsplit(None, 1)
            last = before[-1].lower() if before else ""
            starts = m.group(1)
            so_far = text[start:m.start()].strip()
            if not (starts.isupper() or starts.isdigit()) or last.strip("\"'(\u201c") in _ABBREVIATIONS \
                    or (len(last) == 1 and last.isalpha()) or (so_far.isdigit() and len(so_far) <= 3):
                continue  # (the last: a list's number, "2. He trained in Moscow.", is not a sentence)
            out.append(Sentence(p, start, m.end()))
            start = m.end() + (len(text[m.end():]) - len(text[m.end():].lstrip()))
        if text[start:].strip():
            out.append(Sentence(p, start, len(text.rstrip())))
    return out


def _stem(word: str) -> str:
    # a crude stem, enough to meet "executed" with "execution", "educated" with "education"
    return word if any(c.isdigit() for c in word) else word[:5]


def words_of(text: str, ignore: frozenset[str] = frozenset()) -> set[str]:
    """The stems of the words of `text` that can tell one statement from another."""
    out = set()
    for m in _WORD.finditer(text.casefold()):
        w = m.group()
        if (len(w) >= 3 or w.isdigit()) and w not in _STOPWORDS and w not in ignore:
            out.add(_stem(w))
    return out


def place_claims(paragraphs: Sequence[str], claims: Sequence[Claim], ignore: Iterable[str] = ()
                 ) -> dict[int, Sentence]:
    """For each claim (by index) that the biography states, the sentence that states it best.

    A sentence and a claim are compared by the words they share, each weighed by how rare it is
    among the sentences (a date or a place named once counts; a word in every sentence does not).
    Words in `ignore` (the person's own names) count for nothing. A claim goes to one sentence at
    most, and to none unless they share enough, so a mark is never put where nothing backs it.
    Past _MOST_PAIRS comparisons, the claims left are put nowhere.
    """
    spans = sentences(paragraphs)
    if not spans or not claims:
        return {}
    skip = frozenset(w.casefold() for w in ignore)
    sentence_words = [words_of(paragraphs[s.paragraph][s.start:s.end], skip) for s in spans]
    count: dict[str, int] = {}
    for ws in sentence_words:
        for w in ws:
            count[w] = count.get(w, 0) + 1
    n = len(spans)

    def weight(w: str) -> float:
        # a year alone is shared by every fact of that year: a rarer word tells them apart
        return (math.log((n + 1) / count[w]) + 0.5) * (0.8 if _YEAR.fullmatch(w) else 1.0)

    out: dict[int, Sentence] = {}
    for i, claim in enumerate(claims[:max(1, _MOST_PAIRS // n)]):
        own = words_of(claim.words[:_CLAIM_TEXT], skip)
        quoted = words_of(claim.quoted[:_CLAIM_TEXT], skip) - own
        best, best_score = -1, 0.0
        for j, ws in enumerate(sentence_words):
            score = sum(weight(w) for w in own & ws) + 0.5 * sum(weight(w) for w in quoted & ws)
            if score > best_score:
                best, best_score = j, score
        if best >= 0 and best_score >= _ENOUGH:
            out[i] = spans[best]
    return out


# A claim and the citations whose mark goes where it is stated.
Backed = tuple[Claim, list[Citation]]


def _fact_words(event: Event) -> str:
    date = event.date.display() if event.date is not None else ""
    value = event.value if event.value.upper() != "Y" else ""
    return " ".join((event.label, value, event.type, date, place_text(event.place), event.cause))


def excerpts_of(citations: list[Citation]) -> str:
    return " ".join(t for c in citations for t in c.text)


def person_claims(tree: Tree, person: Person) -> list[Backed]:
    """What a person's sources say, each with its citations: the cited facts (the person's and their
    families'), then the citations of the person as a whole (found by the words of their excerpts)."""
    out: list[Backed] = []
    events = [e for e in person.events if not e.denied]
    for fam in tree.partner_families(person.id):
        events.extend(e for e in fam.events if not e.denied)
    for e in events:
        if e.citations:
            out.append((Claim(_fact_words(e), excerpts_of(e.citations)), e.citations))
    for c in person.citations:
        out.append((Claim("", excerpts_of([c])), [c]))
    return out


def name_words(person: Person) -> set[str]:
    """The words of a person's names: in their own biography they tell no statement from another."""
    return {w for name in person.names for w in f"{name.given} {name.surname}".split()}


def marked_paragraphs(paragraphs: Sequence[str], claims: Sequence[Backed], ignore: Iterable[str] = ()
                      ) -> tuple[list[list[tuple[str, list[Citation]]]], set[int]]:
    """Each paragraph cut into pieces, each piece ending with a sentence that states claims and carrying
    their citations (the last piece carries none); and the indexes of the claims no sentence states."""
    placed = place_claims(paragraphs, [claim for claim, _ in claims], ignore)
    at_sentence: dict[Sentence, list[Citation]] = {}
    for index in sorted(placed):
        spot = at_sentence.setdefault(placed[index], [])
        spot.extend(c for c in claims[index][1] if c not in spot)
    out: list[list[tuple[str, list[Citation]]]] = []
    for p, paragraph in enumerate(paragraphs):
        pieces: list[tuple[str, list[Citation]]] = []
        at = 0
        for sentence in sorted((s for s in at_sentence if s.paragraph == p), key=lambda s: s.end):
            pieces.append((paragraph[at:sentence.end], at_sentence[sentence]))
            at = sentence.end
        pieces.append((paragraph[at:], []))
        out.append(pieces)
    return out, set(range(len(claims))) - set(placed)


def marked_note(paragraphs: Sequence[str], claims: Sequence[Backed], own: Sequence[Citation],
                ignore: Iterable[str] = ()) -> tuple[list[list[tuple[str, list[Citation]]]], list[Citation]]:
    """A note cut into pieces as `marked_paragraphs` cuts it, for `claims` (the person's, for the
    biography) and the note's `own` citations (found by their excerpts); and the note's own citations
    no sentence states, which back the note as a whole."""
    candidates = list(claims) + [(Claim("", excerpts_of([c])), [c]) for c in own]
    pieces, unstated = marked_paragraphs(paragraphs, candidates, ignore)
    return pieces, [c for k in sorted(unstated) if k >= len(claims) for c in candidates[k][1]]


def without_heading(text: str, heading: str) -> str:
    """A note's text without a first line that only repeats the heading it is shown under (Gramps
    starts a biography with "BIOGRAPHY"); the text as it is otherwise."""
    first, _, rest = text.lstrip().partition("\n")
    if first.strip().rstrip(":").casefold() == heading.casefold() and rest.strip():
        return rest.lstrip("\n")
    return text

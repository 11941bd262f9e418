"""The shares step: what part of the territory a side holds, in the articles' own words.

Two kinds of statement, read from the parse of each sentence (its places, actors and dates
already found), neither of them an event:

- a stated share: "les rebelles ne contrôlent plus que 15 % d'Alep-Est", "the army has
  captured over 93 percent of the rebel-held areas", "lost about one-third of the territory".
  The verb governing the share says how to read it (territory.yaml): the subject holds it,
  lost it (it holds the rest), took it or drove the other side from it (it holds it). The
  record is always what a side holds afterwards, of the place the share's phrase names.
- a pocket: "la dernière poche rebelle", "the few remaining rebel-held areas", "les
  rebelles se retrouvent acculés dans quelques secteurs sud": the side that still holds
  something, and the places that make up what it still holds (none named: a single pocket).

Each statement takes the day of its own clause, else the day the paragraph is about, else
the article's publication date. A sentence without a parse states nothing here.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..models import Pocket, StatedShare
from ..text import fold
from . import arguments, clause_dates, clauses
from .document import Document, SentenceLayers, Trigger
from .settings import Settings

KINDS = ("hold", "lose", "take", "expel")
REACH_BACK = 8        # a share's verb the parse did not tie to it, or its side: this many words before it, at most
REACH_ON = 8          # a pocket's place outside its phrase: this many words after its noun, at most


@dataclass(frozen=True)
class Vocabulary:
    """One language's words of territory (geomap/lang/<code>/territory.yaml), folded."""
    patterns: tuple
    fractions: dict
    verbs: dict            # kind -> frozenset of lemmas
    pocket_nouns: frozenset
    area_nouns: frozenset
    last_words: frozenset
    confine: frozenset
    stem_cut: int


@lru_cache(maxsize=None)
def vocabulary(language: str) -> Vocabulary:
    data = lang.load(language, "territory")
    words = lambda key: frozenset(fold(w) for w in data[key])  # noqa: E731
    return Vocabulary(lang.compiled(language, "territory", "share_patterns"),
                      {fold(k): v / 100 for k, v in data["fractions"].items()},
                      {kind: words(f"{kind}_lemmas") for kind in KINDS}, words("pocket_nouns"),
                      words("area_nouns"), words("last_words"), words("confine_lemmas"), data.get("stem_cut", 0))


def is_word(token, lemmas: frozenset, words: Vocabulary) -> bool:
    """The token is one of the lemmas: by its lemma, its own form, or (a form the parser left
    without its lemma, "contrôlent") the lemma's stem."""
    lemma, text = fold(token.lemma), fold(token.text)
    if lemma in lemmas or text in lemmas:
        return True
    stems = stems_of(lemmas, words.stem_cut)
    return bool(stems) and text.startswith(stems)


@lru_cache(maxsize=None)
def stems_of(lemmas: frozenset, cut: int) -> tuple[str, ...]:
    """The stems of the lemmas long enough to have one (none when `cut` is 0), sorted."""
    return tuple(sorted(w[:-cut] for w in lemmas if len(w) > cut + 3)) if cut else ()


class FindShares:
    """Fills each sentence's `shares` and `pockets` layers."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document, index: int) -> None:
        layer = doc.sentences[index]
        if layer.parse is None:
            return
        words = vocabulary(doc.language)
        layer.shares = [s for s in (self._share(doc, layer, m, words) for p in words.patterns
                                    for m in p.finditer(layer.folded)) if s]
        layer.pockets = _one_per_side(self._pockets(doc, layer, words))

    def _share(self, doc: Document, layer: SentenceLayers, match, words: Vocabulary) -> StatedShare | None:
        value = _value(match, words)
        noun = _share_noun(layer.parse, match)
        if value is None or noun is None or not 0 < value <= 1:
            return None
        verb, kind = _governing_verb(layer.parse, noun, words)
        if verb is None or _not_a_fact(layer.parse, verb, doc.language):
            return None
        side = self._subject_side(doc, layer, verb)
        if side is None:
            return None
        held = 1 - value if kind == "lose" else value
        of_place = _first_place(layer, clauses.subtree(layer.parse, noun))
        return StatedShare(side, round(held, 4), of_place, _day(doc, layer, verb), doc.article.name, layer.text)

    def _pockets(self, doc: Document, layer: SentenceLayers, words: Vocabulary) -> list[Pocket]:
        found = []
        for token in layer.parse.tokens:
            if token.pos in clauses.PREDICATES + ("ADJ",) and is_word(token, words.confine, words):
                side, places = self._subject_side(doc, layer, token), _confined_to(layer, token, doc.language)
            elif _a_pocket_noun(layer.parse, token, words):
                side, places = self._qualified_side(layer, token, doc.language), _pocket_places(layer, token)
            else:
                continue
            if side:
                found.append(Pocket(side, places, _day(doc, layer, token), doc.article.name, layer.text))
        return found

    def _subject_side(self, doc: Document, layer: SentenceLayers, verb) -> str | None:
        """The side the verb's subject names; of a relative clause, the noun it is said of ("an
        offensive of the army that drove them..."). No subject the parse found: the side named
        just before the verb; a pronoun: that, else the side named in the sentences before."""
        parse, s = layer.parse, clauses.scheme(doc.language)
        subject, _passive = clauses.subject_of(parse, verb, s)
        if subject and not all(w.pos == "PRON" for w in subject):
            return arguments.side_of(subject, layer, doc.language, self.settings)
        head = parse.head_of(verb)
        if subject and verb.dep in s.clause and head is not None and head.i != verb.i:
            side = arguments.side_of(_phrase_without(parse, head, verb), layer, doc.language, self.settings)
            if side:
                return side
        named = self._named_before(doc, layer, verb)
        return named or (doc.memory.last_side if subject else None)

    def _named_before(self, doc: Document, layer: SentenceLayers, verb) -> str | None:
        for first in range(verb.i - 1, max(-1, verb.i - 1 - REACH_BACK), -1):
            side = arguments.side_of(layer.parse.tokens[first:verb.i], layer, doc.language, self.settings)
            if side:
                return side
        return None

    def _qualified_side(self, layer: SentenceLayers, noun, language: str) -> str | None:
        """The side a pocket noun is said of: "poche rebelle", "rebel-held areas"."""
        return arguments.side_of(_phrase_without(layer.parse, noun, None), layer, language, self.settings)


def _value(match, words: Vocabulary) -> float | None:
    groups = match.groupdict()
    if groups.get("number"):
        return float(groups["number"].replace(",", ".")) / 100
    phrase = " ".join((groups.get("fraction") or "").split())
    return words.fractions.get(phrase)


def _share_noun(parse, match):
    """The word the share is: "%" or "percent" after its number, "tiers" or "third"."""
    group = "number" if match.groupdict().get("number") else "fraction"
    token = parse.at(match.start(group), match.end(group))
    if token is None:
        return None
    if token.pos == "NUM":
        head = parse.head_of(token)
        return head if head is not None else token
    return parse.at(match.end(group) - 1, match.end(group)) or token


def _governing_verb(parse, noun, words: Vocabulary):
    """(the verb that says what the share is, its kind): the nearest word above the share
    that is one of territory.yaml's verbs, else one of the few words just before it."""
    for token in [noun, *parse.ancestors(noun)][:5]:
        kind = _kind_of(token, words)
        if kind:
            return token, kind
    for token in reversed(parse.tokens[max(0, noun.i - REACH_BACK):noun.i]):
        kind = _kind_of(token, words)
        if kind:
            return token, kind
    return None, None


def _kind_of(token, words: Vocabulary) -> str | None:
    return next((kind for kind in KINDS if is_word(token, words.verbs[kind], words)), None)


def _not_a_fact(parse, verb, language: str) -> bool:
    """A verb (or the verb above a noun) in the future or the conditional ("could take half of
    the city", "auraient repris le contrôle de 70 %")."""
    head = clauses.predicate_of(parse, verb)
    if head.pos not in clauses.PREDICATES:
        return False
    return clauses.mood(parse, head, clauses.scheme(language)) in ("future", "conditional")


def _phrase_without(parse, head, left_out) -> list:
    """The head's phrase without the clause of `left_out` (the relative clause said of it)."""
    dropped = {t.i for t in clauses.subtree(parse, left_out)} if left_out is not None else set()
    return [t for t in clauses.subtree(parse, head) if t.i not in dropped]


def _first_place(layer: SentenceLayers, phrase: list) -> str | None:
    places = clauses.places_in(layer.parse, layer.places, {t.i for t in phrase})
    return next((m.place_id for m in places if m.place_id), None)


def _a_pocket_noun(parse, token, words: Vocabulary) -> bool:
    """A pocket noun, or an area noun said to be the last ("les derniers quartiers")."""
    if token.pos not in ("NOUN", "PROPN"):
        return False
    if is_word(token, words.pocket_nouns, words):
        return True
    return is_word(token, words.area_nouns, words) and any(
        is_word(child, words.last_words, words) for child in parse.children(token.i))


def _confined_to(layer: SentenceLayers, verb, language: str) -> tuple[str, ...]:
    """The places of a verb of confinement's clause, its subject left out."""
    parse, s = layer.parse, clauses.scheme(language)
    domain = clauses.clause_tokens(parse, verb, s) - {t.i for t in clauses.subject_of(parse, verb, s)[0]}
    return _ids(clauses.places_in(parse, layer.places, domain))


def _pocket_places(layer: SentenceLayers, noun) -> tuple[str, ...]:
    """The places of a pocket noun's phrase; none there, the first place just after it when
    no verb comes between ("la dernière poche rebelle, dans le sud de la métropole")."""
    parse = layer.parse
    inside = _ids(clauses.places_in(parse, layer.places, {t.i for t in clauses.subtree(parse, noun)}))
    if inside:
        return inside
    after = parse.tokens[noun.i + 1:noun.i + 1 + REACH_ON]
    until = next((t.i for t in after if t.pos in clauses.PREDICATES), noun.i + 1 + REACH_ON)
    return _ids(clauses.places_in(parse, layer.places, set(range(noun.i + 1, until)))[:1])


def _ids(mentions) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.place_id for m in mentions if m.place_id))


def _one_per_side(pockets: list[Pocket]) -> list[Pocket]:
    """One pocket per side and sentence, with every place the sentence gives it."""
    merged: dict[str, Pocket] = {}
    for pocket in pockets:
        before = merged.get(pocket.side)
        places = tuple(dict.fromkeys((*(before.places if before else ()), *pocket.places)))
        merged[pocket.side] = Pocket(pocket.side, places, (before or pocket).date, pocket.source, pocket.quote)
    return list(merged.values())


def _day(doc: Document, layer: SentenceLayers, token):
    """The day a statement is about: its clause's day, else the paragraph's, else the article's."""
    expr = clause_dates.clause_date(layer, Trigger("share", "share", token.start, token.end), doc.language)
    published = doc.article.published
    if expr and expr.day and expr.precision == "day" and (published is None or expr.day <= published):
        return expr.day
    carried = doc.memory.carried_day()
    if carried and carried.day and carried.precision == "day":
        return carried.day
    return published


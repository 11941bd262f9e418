"""Matching a text to mentions of places, before directional parts.

The text's words are walked token by token through the alias index (longest alias first); type
cues ("province d'Idleb") narrow the candidates; in a script where names are capitalised, the
capitalised names the index missed are tried as near-spellings (fuzzy), and kept as unknown
names (place None) right after a place word, unless they are only date words or stopwords; finally each match's candidates are narrowed to the
one nearest the places the text names unambiguously.
"""
from __future__ import annotations

from bisect import bisect_left

import math
from dataclasses import dataclass
from typing import Iterator

from geomap.geo import distance_km
from geomap.models import Mention
from geomap.text import fold

from .aliases import Alias, AliasIndex
from .common_words import only_common_words
from .directions import Directions
from .names import Token, case_fits, normalise, tokenise
from .rules import LanguageRules
from .store import PlaceStore

MIN_PHONETIC_LETTERS = 4   # shorter names ("Ham", "Dar") must match an alias letter for letter
# which place types a type cue ("quartier de", "province of") accepts
CUE_TYPES = {"neighbourhood": {"neighbourhood", "district", "landmark"},
             "city": {"city", "town"},
             "governorate": {"governorate"}}


@dataclass(frozen=True)
class Match:
    """A span of text and the places it may name, before context chooses one."""
    start: int
    end: int
    candidates: tuple[str, ...]
    method: str
    confidence: float


class Matcher:
    """Finds the spans of a text that name places, and the place each one names."""

    def __init__(self, store: PlaceStore, index: AliasIndex, directions: Directions):
        self._store = store
        self._index = index
        self._directions = directions

    def mentions(self, text: str, rules: LanguageRules) -> list[Mention]:
        """One mention per match, sorted by start (their `text` is left empty)."""
        tokens = tokenise(text)
        matches = self._alias_matches(text, tokens, rules)
        matches = [self._apply_type_cue(text, match, rules) for match in matches]
        matches += self._unknown_and_fuzzy_matches(text, tokens, matches, rules)
        matches.sort(key=lambda match: match.start)
        return self._choose_candidates(matches)

    # ------------------------------------------------------------------ aliases

    def _alias_matches(self, text: str, tokens: list[Token], rules: LanguageRules) -> list[Match]:
        words = [index for index, token in enumerate(tokens) if not token.article]
        matches = []
        position = 0
        while position < len(words):
            listed_from = matches[-1].end if matches else None
            match, length = self._longest_match(text, tokens, words, position, rules, listed_from)
            if match:
                matches.append(match)
                position += length
            else:
                position += 1
        return matches

    def _longest_match(self, text, tokens, words, position, rules, listed_from) -> tuple[Match | None, int]:
        """Walk the alias prefixes from `position`, then accept the longest alias that fits
        (`listed_from`: where the place matched before ends)."""
        keys: tuple[str, ...] = ()
        lengths = []
        for length in range(1, min(self._index.longest, len(words) - position) + 1):
            if length > 1 and not all(tokens[index].linked for index in
                                      range(words[position + length - 2], words[position + length - 1])):
                break
            keys += (tokens[words[position + length - 1]].key,)
            if keys not in self._index.prefixes:
                break
            if keys in self._index:
                lengths.append((length, keys))
        for length, keys in reversed(lengths):
            span = [tokens[index] for index in words[position:position + length]]
            match = self._accept(text, tokens, words[position], span, self._index.lookup(keys), rules, listed_from)
            if match:
                return match, length
        return None, 0

    def _accept(self, text, tokens, first_index, span, entries: list[Alias], rules, listed_from=None) -> Match | None:
        """The match of `span` against the aliases sharing its key, if case and context allow: a
        name that is also an ordinary word ("Fardous") needs a place word beside it, or a place
        it is listed with ("les quartiers de Chaar et de Fardous", "raids on Shaar and Fardous")."""
        fitting = [entry for entry in entries if _case_fits_span(text, entry, span)]
        plain = tuple(token.plain for token in span)
        exact = [entry for entry in fitting if entry.plain == plain]
        if not exact and sum(len(token.plain) for token in span) < MIN_PHONETIC_LETTERS:
            return None
        if not fitting:
            return None
        start = span[0].start
        while first_index > 0 and tokens[first_index - 1].article:   # "al-" in "al-Machad"
            first_index -= 1
            start = tokens[first_index].start
        key = " ".join(token.key for token in span)
        if (key in rules.needs_place_word and start == span[0].start
                and not _beside_place_word(text, start, span[-1].end, rules)
                and not _listed_after(text, listed_from, start, rules)):
            return None
        candidates = tuple(dict.fromkeys(entry.place_id for entry in (exact or fitting)))
        method, confidence = ("alias", 1.0) if exact else ("normalised", 0.9)
        return Match(start, span[-1].end, candidates, method, confidence)

    # ------------------------------------------------------------------ type cues

    def _apply_type_cue(self, text: str, match: Match, rules: LanguageRules) -> Match:
        """Narrow the candidates with a type cue around the match ("région d'", " province")."""
        cue = _type_cue(text, match.start, match.end, rules)
        if not cue:
            return match
        typed = [c for c in match.candidates if self._store.places[c].type in CUE_TYPES[cue]]
        if cue == "governorate" and not typed:
            governorate_of, governorate_part = self._directions.governorate_of, self._directions.governorate_part
            typed = [governorate_of[c] for c in match.candidates if c in governorate_of]
            typed += [governorate_part(c) for c in match.candidates if governorate_part(c)]
        if not typed:
            return match
        return Match(match.start, match.end, tuple(dict.fromkeys(typed)), match.method,
                     match.confidence)

    # ------------------------------------------------------------------ unknown names, fuzzy

    def _unknown_and_fuzzy_matches(self, text, tokens, matches, rules: LanguageRules) -> list[Match]:
        """Capitalised names the index missed: near-spellings of known places (fuzzy), and names
        right after a place word ("quartier d'Al Chahidine") or right before one written after names
        ("the Zorblutz district") that match nothing (place None)."""
        if not rules.capitalised_names:
            return []
        taken = SpanIndex((match.start, match.end) for match in matches)
        ordered = sorted(matches, key=lambda m: m.start)
        starts = [m.start for m in ordered]
        found = []
        by_start = {token.start: index for index, token in enumerate(tokens)}
        runs = [(first, last) for first, last in _capitalised_runs(tokens, rules)
                if not _common(text, tokens, first, last)]
        for first, last in runs:
            begin, finish = tokens[first].start, tokens[last].end
            inside = [m for m in ordered[bisect_left(starts, begin):bisect_left(starts, finish)] if m.end <= finish]
            if taken.overlaps(begin, finish) and not inside:
                continue
            for match in self._fuzzy_run(tokens, first, last):
                if self._needs_place_word(match, rules) and not _beside_place_word(text, match.start, match.end, rules):
                    continue
                if inside and not _same_place_longer(match, inside):
                    continue
                found.append(match)
                taken.add(match.start, match.end)
        for first, last in runs:   # "the Zorblutz district"
            begin, finish = tokens[first].start, tokens[last].end
            if rules.name_before.match(text, finish) and not taken.overlaps(begin, finish):
                found.append(Match(begin, finish, (), "unresolved", 0.0))
                taken.add(begin, finish)
        for start in _place_word_name_starts(text, rules):
            index = by_start.get(start)
            run = index is not None and _name_run(tokens, index, rules)
            if run and not taken.overlaps(tokens[run[0]].start, tokens[run[1]].end) \
                    and not _common(text, tokens, *run):
                match = Match(tokens[run[0]].start, tokens[run[1]].end, (), "unresolved", 0.0)
                found.append(match)
                taken.add(match.start, match.end)
        return found

    def _fuzzy_run(self, tokens: list[Token], first: int, last: int) -> list[Match]:
        """The whole capitalised run as a near-spelling of one alias ("Marcel Tillion" must
        match as a whole, so a first name alone never does)."""
        keys = tuple(tokens[index].key for index in range(first, last + 1) if not tokens[index].article)
        if keys in self._index:   # a known spelling the alias walk refused in this context
            return []
        hit = self._index.fuzzy(keys) if len(keys) <= self._index.longest else None
        if not hit:
            return []
        candidates, distance = hit
        return [Match(tokens[first].start, tokens[last].end, candidates, "fuzzy", 0.9 - 0.1 * distance)]

    def _needs_place_word(self, match: Match, rules: LanguageRules) -> bool:
        """Whether a candidate of the match is a name that is also an ordinary word ("Midan")."""
        return any(normalise(name) in rules.needs_place_word
                   for place_id in match.candidates for name in self._store.places[place_id].names)

    # ------------------------------------------------------------------ choosing

    def _choose_candidates(self, matches: list[Match]) -> list[Mention]:
        """One place per match; ties go to the candidate nearest the text's unambiguous places."""
        anchors = [self._store.get(m.candidates[0]) for m in matches if len(m.candidates) == 1]
        anchor_points = [(place.lat, place.lon) for place in anchors if place.located]
        mentions, chosen = [], {}   # a name said a thousand times is placed once
        for match in matches:
            if match.candidates and match.candidates not in chosen:
                chosen[match.candidates] = self._nearest(match.candidates, anchor_points)
            place_id = chosen[match.candidates] if match.candidates else None
            mentions.append(Mention(text="", start=match.start, end=match.end, place_id=place_id,
                                    confidence=match.confidence, method=match.method))
        return mentions

    def _nearest(self, candidates: tuple[str, ...], anchor_points) -> str:
        if len(candidates) == 1 or not anchor_points:
            return candidates[0]

        def remoteness(place_id: str) -> float:
            point = self._store.point(place_id)
            if point is None:
                return math.inf
            return sum(distance_km(point, anchor) for anchor in anchor_points)

        return min(candidates, key=remoteness)


def _same_place_longer(match: Match, inside: list[Match]) -> bool:
    """Whether a near-spelling of a whole name ("Mesakin Hananu") names the place its shorter
    matches name ("Hananu"), so that it may stand for them."""
    return all(set(m.candidates) & set(match.candidates) for m in inside)


def _common(text: str, tokens: list[Token], first: int, last: int) -> bool:
    """Whether the words from token `first` to `last` are only date words or stopwords ("Dec")."""
    return only_common_words(text[tokens[first].start:tokens[last].end])


def _case_fits_span(text: str, entry: Alias, span: list[Token]) -> bool:
    """Whether the words are written as the alias requires; a word hyphenated onto the one
    before may be lowercase ("Alep-est" for "Alep-Est")."""
    for index, (case, token) in enumerate(zip(entry.case, span)):
        hyphenated = index > 0 and "-" in fold(text[span[index - 1].end:token.start])
        if not case_fits(case, token) and not (hyphenated and case == "upper"):
            return False
    return True


def _beside_place_word(text: str, start: int, end: int, rules: LanguageRules) -> bool:
    """Whether a place word stands right before the name ("the town of al-Bab") or right after
    it ("the Fardous district")."""
    return _after_place_word(text, start, rules) or bool(rules.place_word_after.match(text, end))


def _listed_after(text: str, previous_end: int | None, start: int, rules: LanguageRules) -> bool:
    """Whether the name at `start` follows the place ending at `previous_end` in a list ("Chaar
    et Fardous", "Shaar, Fardous")."""
    if previous_end is None:
        return False
    joiner = rules.list_joiner.match(text, previous_end)
    return bool(joiner and joiner.end() == start)


def _after_place_word(text: str, start: int, rules: LanguageRules) -> bool:
    for match in rules.place_word.finditer(text, max(0, start - 40), start + 1):
        if match.end() == start:
            return True
    return False


def _type_cue(text: str, start: int, end: int, rules: LanguageRules) -> str | None:
    window = text[max(0, start - 40):start]
    for kind, pattern in rules.cues_before.items():
        if pattern.search(window):
            return kind
    for kind, pattern in rules.cues_after.items():
        if pattern.match(text, end):
            return kind
    return None


def _place_word_name_starts(text: str, rules: LanguageRules) -> Iterator[int]:
    """Where a name right after a place word starts, and each later name of its list ("quartiers
    d'Al Chahidine, Karam al Effendi et ..."); a name after one comma only when a joining word
    ("et", "and") closes the list or more commas go on with it: "la province de Homs, Talal
    Barazi" puts a person in apposition."""
    for match in rules.place_word.finditer(text):
        position = match.end()
        yield position
        after_commas = []
        while True:
            name = rules.name.match(text, position)
            joiner = rules.list_joiner.match(text, name.end() if name else position)
            if not joiner or not text[joiner.end()].isupper():   # the list goes on with a name
                break
            position = joiner.end()
            after_commas.append(position)
            if not joiner.group().lstrip().startswith(",") or len(after_commas) > 1:
                yield from after_commas
                after_commas = []


def _capitalised_runs(tokens: list[Token], rules: LanguageRules) -> Iterator[tuple[int, int]]:
    index = 0
    while index < len(tokens):
        run = _name_run(tokens, index, rules)
        if run:
            yield run
            index = run[1] + 1
        else:
            index += 1


def _name_run(tokens: list[Token], index: int, rules: LanguageRules) -> tuple[int, int] | None:
    """The longest capitalised name starting at token `index` (articles may sit inside)."""
    last = None
    position = index
    while position < len(tokens):
        token = tokens[position]
        if token.article and position + 1 < len(tokens):
            position += 1
            continue
        usable = (token.text[0].isupper() and token.text not in rules.not_places
                  and not token.text.isupper())
        if not usable:
            break
        last = position
        if not token.linked:
            break
        position += 1
    return (index, last) if last is not None else None


def without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Sorted by start; of overlapping mentions the longer (then the earlier) is kept."""
    kept: list[Mention] = []
    spans = SpanIndex()
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not spans.overlaps(mention.start, mention.end):
            kept.append(mention)
            spans.add(mention.start, mention.end)
    return sorted(kept, key=lambda m: m.start)


class SpanIndex:
    """Spans by the block of text they start in, so that adding one takes constant time and an
    overlap query looks only at the blocks a span reaching it could start in (names are short):
    linear-time matching on a long text, not quadratic (a sorted list's insert moved every span
    after it: a megabyte listing place names took seconds in the inserts alone)."""

    BLOCK = 64   # characters

    def __init__(self, spans=()):
        self.blocks: dict[int, list[tuple[int, int]]] = {}
        self.longest = 0
        for start, end in spans:
            self.add(start, end)

    def add(self, start: int, end: int) -> None:
        self.blocks.setdefault(start // self.BLOCK, []).append((start, end))
        self.longest = max(self.longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a span starts before `end` and ends after `start`."""
        first, last = (start - self.longest) // self.BLOCK, (end - 1) // self.BLOCK
        return any(s < end and e > start for block in range(first, last + 1) for s, e in self.blocks.get(block, ()))

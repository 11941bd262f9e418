"""The alias index and its fuzzy search: every name and label of every place under its key.

`AliasIndex.lookup` gives the aliases sharing a key, `fuzzy` the places whose alias key is the
same once short vowels are merged (names.vowel_blind) or a small edit distance away;
geomap.gazetteer.matching walks a text through the index.
"""
from __future__ import annotations

from dataclasses import dataclass

from .names import case_pattern, name_tokens, vowel_blind
from .store import PlaceStore

MIN_FUZZY_LETTERS = 6


@dataclass(frozen=True)
class Alias:
    """One alias of one place, as stored in the index under its key."""
    place_id: str
    text: str
    plain: tuple[str, ...]
    case: tuple[str, ...]   # per word: "caps" (ALP), "upper" (Alep) or "" (d', eastern, عربي)


class AliasIndex:
    """Aliases by key (a tuple of word keys), their prefixes, and buckets for fuzzy search."""

    def __init__(self, store: PlaceStore):
        self._index: dict[tuple[str, ...], list[Alias]] = {}
        self._fuzzy_buckets: dict[tuple[int, str], list[tuple[str, Alias]]] = {}
        self._vowel_blind: dict[str, list[Alias]] = {}
        self._fuzzy_cache: dict[tuple[str, ...], tuple[tuple[str, ...], int] | None] = {}
        for place in store:
            self._add_place(place.id, place.names + tuple(place.labels.values()))
        self.prefixes = {keys[:length] for keys in self._index for length in range(1, len(keys) + 1)}
        self.longest = max(map(len, self._index), default=1)

    def _add_place(self, place_id: str, names: tuple[str, ...]) -> None:
        for name in dict.fromkeys(names):
            tokens = name_tokens(name)
            if not tokens:
                continue
            keys = tuple(token.key for token in tokens)
            alias = Alias(place_id, name, tuple(token.plain for token in tokens),
                          tuple(case_pattern(token) for token in tokens))
            entries = self._index.setdefault(keys, [])
            if all((entry.place_id, entry.plain) != (place_id, alias.plain) for entry in entries):
                entries.append(alias)
                self._add_fuzzy_entry(keys, alias)

    def _add_fuzzy_entry(self, keys: tuple[str, ...], alias: Alias) -> None:
        joined = " ".join(keys)
        if "caps" in alias.case or not joined.isascii():
            return
        if vowel_blind(joined):
            self._vowel_blind.setdefault(vowel_blind(joined), []).append(alias)
        if len(joined) < MIN_FUZZY_LETTERS:
            return
        self._fuzzy_buckets.setdefault((len(keys), joined[0]), []).append((joined, alias))

    def __contains__(self, keys: tuple[str, ...]) -> bool:
        return keys in self._index

    def lookup(self, keys: tuple[str, ...]) -> list[Alias]:
        """The aliases whose key is `keys` (none: an empty list)."""
        return self._index.get(keys, [])

    def items(self):
        """(key, aliases) pairs, in the order the keys were first indexed."""
        return self._index.items()

    def fuzzy(self, keys: tuple[str, ...]) -> tuple[tuple[str, ...], int] | None:
        """Places whose alias key differs from `keys` only in its short vowels (counted as one
        edit), else those within a small edit distance of it; and that distance."""
        if keys not in self._fuzzy_cache:
            self._fuzzy_cache[keys] = self._fuzzy_lookup(keys)
        return self._fuzzy_cache[keys]

    def _fuzzy_lookup(self, keys: tuple[str, ...]) -> tuple[tuple[str, ...], int] | None:
        joined = " ".join(keys)
        if not joined.isascii():
            return None
        same_consonants = self._vowel_blind.get(vowel_blind(joined), []) if vowel_blind(joined) else []
        if same_consonants:
            return tuple(dict.fromkeys(alias.place_id for alias in same_consonants)), 1
        if len(joined) < MIN_FUZZY_LETTERS:
            return None
        limit = 1 if len(joined) < 9 else 2
        best, best_ids = limit + 1, []
        for alias_key, alias in self._fuzzy_buckets.get((len(keys), joined[0]), ()):
            if not _same_word_ends(joined, alias_key):
                continue
            distance = _levenshtein(joined, alias_key, limit)
            if 0 < distance < best:
                best, best_ids = distance, [alias.place_id]
            elif 0 < distance == best <= limit:
                best_ids.append(alias.place_id)
        return (tuple(dict.fromkeys(best_ids)), best) if best_ids else None


# the edits one transliteration makes of another: a vowel, y or h written or not, a vowel for
# another, a consonant for one of its class (d/t/z, s/z, k/g); anything else (m for k) is not
# a spelling of the same name ("Summary" is not "Sukkari")
SPELLING_INDELS = frozenset("aeiuyh")
SPELLING_CLASSES = ("aeiu", "dtz", "sz", "kg")


def _same_word_ends(left: str, right: str) -> bool:
    """Whether each word ends with the same letter: the key already folds the endings that
    vary (-a/-e/-eh), so another ending is another word ("Hamdan" is not "Hamdaniyah")."""
    return all(a[-1:] == b[-1:] for a, b in zip(left.split(), right.split()))


def _substitutable(left: str, right: str) -> bool:
    return any(left in group and right in group for group in SPELLING_CLASSES)


def _levenshtein(left: str, right: str, limit: int) -> int:
    """Edit distance counting only spelling edits (SPELLING_INDELS, SPELLING_CLASSES), or
    limit + 1 as soon as it must exceed `limit`."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    never = limit + 1
    previous = [0]
    for char in right:
        previous.append(previous[-1] + (1 if char in SPELLING_INDELS else never))
    for left_char in left:
        current = [previous[0] + (1 if left_char in SPELLING_INDELS else never)]
        for column, right_char in enumerate(right, 1):
            substitution = 0 if left_char == right_char else (1 if _substitutable(left_char, right_char) else never)
            current.append(min(previous[column] + (1 if left_char in SPELLING_INDELS else never),
                               current[column - 1] + (1 if right_char in SPELLING_INDELS else never),
                               previous[column - 1] + substitution))
        if min(current) > limit:
            return limit + 1
        previous = current
    return min(previous[-1], limit + 1)

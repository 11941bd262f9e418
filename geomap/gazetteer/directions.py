"""Directional parts named in text: "l'ouest d'Alep" -> a part of the city, "la partie
occidentale de la ville" -> a part of the city the text names most, "la campagne à l'ouest
d'Alep" -> a part of the governorate named after the city.
"""
from __future__ import annotations

import re
from dataclasses import replace

from geomap.models import Mention, Place

from geomap.text import fold

from .names import normalise
from .rules import LanguageRules
from .store import PlaceStore


# what stands between a place and the phrase that locates it: "Alep, dans le nord de",
# "Aleppo, in northern", "Alep (nord de" (without the comma, "Ramouseh for southern Aleppo"
# may be a way somewhere)
LOCATOR_GAP = re.compile(r"\s*[,(]\s*(?:(?P<word>[^\W\d_]{1,6})\s+)?")


class Directions:
    """Turns mentions of places into mentions of their parts when the words before say so."""

    def __init__(self, store: PlaceStore, governorate_keys: frozenset[str]):
        self._store = store
        self.governorate_of = governorates_named_after_cities(store, governorate_keys)

    def governorate_part(self, place_id: str) -> str | None:
        """west-aleppo in "western Aleppo countryside" -> the west of Aleppo governorate."""
        for (whole, direction), part in self._store.parts.items():
            if part == place_id and whole in self.governorate_of:
                return self._store.part(self.governorate_of[whole], direction).id
        return None

    def directional(self, text: str, mention: Mention, rules: LanguageRules,
                    previous: Mention | None = None) -> Mention:
        """"l'ouest d'Alep", "la partie Ouest de la province d'Alep" -> a part of the place;
        but a phrase that only says where the place named just before lies ("Alep, dans le
        nord de la Syrie") leaves the mention the whole place."""
        if mention.place_id is None:
            return with_text(text, mention)
        window_start = max(0, mention.start - 60)
        window = text[window_start:mention.start]
        name = text[mention.start:mention.end]
        if rules.outside_before.search(window) and _opens_with_direction(name, rules) \
                and not _capitalised_direction(name, rules) \
                and self.governorate_part(mention.place_id):  # "à l'ouest d'Alep", not "à Alep-Ouest", "à l'Est d'Alep"
            return with_text(text, replace(mention, place_id=self.governorate_part(mention.place_id), method="derived"))
        rural = rules.rural_before.search(window)
        if rural and self.governorate_part(mention.place_id):  # "la campagne à l'ouest d'Alep"
            return with_text(text, Mention("", window_start + rural.start(), mention.end,
                                           self.governorate_part(mention.place_id), mention.confidence,
                                           "derived"))
        after = self._part_after(text, mention, rules)
        if after is not None:
            return after
        for pattern in rules.direction_phrases:
            phrase = pattern.search(window)
            if phrase:
                direction = rules.directions.get(fold(phrase.group("dir")))
                whole = mention.place_id
                if _outside(phrase):  # "la campagne à l'ouest d'Alep", "à l'ouest d'Alep": the province's west
                    whole = self.governorate_of.get(whole, whole)
                part = direction and self._store.part_or_none(whole, direction)
                if part and self._locates(text, previous, window_start + phrase.start(), whole, rules):
                    return with_text(text, mention)
                if part:
                    return with_text(text, Mention(
                        "", window_start + phrase.start(), mention.end, part.id,
                        round(mention.confidence * 0.9, 3), _part_method(part),
                        whole=(whole, text[mention.start:mention.end])))
        return with_text(text, mention)

    def _part_after(self, text: str, mention: Mention, rules: LanguageRules) -> Mention | None:
        """"Aleppo's eastern districts": the part, named after its whole."""
        for pattern in rules.direction_after:
            phrase = pattern.match(text, mention.end)
            part = phrase and self._store.part_or_none(mention.place_id, rules.directions.get(fold(phrase.group("dir"))))
            if part:
                return with_text(text, Mention("", mention.start, phrase.end(), part.id,
                                               round(mention.confidence * 0.9, 3), _part_method(part),
                                               whole=(mention.place_id, text[mention.start:mention.end])))
        return None

    def _locates(self, text: str, previous: Mention | None, phrase_start: int, whole: str,
                 rules: LanguageRules) -> bool:
        """Whether a directional phrase at `phrase_start` is a locator of the place named just
        before it: that place lies in the phrase's whole, and only a comma or a bracket, and
        perhaps one short word that does not join a list ("dans", "in"), or a place word in
        apposition (", quartier", ", a district") stand between them."""
        if previous is None or not previous.place_id or previous.place_id == whole \
                or not self._store.contains(whole, previous.place_id):
            return False
        if rules.apposition.fullmatch(text, previous.end, phrase_start):  # "Ramoussa, quartier au sud d'Alep"
            return True
        gap = LOCATOR_GAP.fullmatch(text, previous.end, phrase_start)
        if not gap:
            return False
        word = gap.group("word")
        return not (word and rules.list_joiner.match(f" {word} x"))

    def anaphoric_parts(self, text: str, mentions: list[Mention], rules: LanguageRules) -> list[Mention]:
        """"la partie occidentale de la ville": a part of the city the text mentions most."""
        city = self._most_mentioned_city(mentions)
        if city is None:
            return []
        found = []
        for pattern in (*rules.anaphora, *rules.anaphora_after):
            for phrase in pattern.finditer(text):
                direction = rules.directions.get(fold(phrase.group("dir")))
                whole = self.governorate_of.get(city, city) if _outside(phrase) else city
                part = direction and self._store.part_or_none(whole, direction)
                if part:
                    found.append(with_text(text, Mention("", phrase.start(), phrase.end(), part.id,
                                                         0.8, _part_method(part))))
        return found

    def _most_mentioned_city(self, mentions: list[Mention]) -> str | None:
        """The city named most often, itself or through its parts (Alep-Est counts for Alep)."""
        counts: dict[str, int] = {}
        for mention in mentions:
            city = self._city_of(mention.place_id) if mention.place_id else None
            if city:
                counts[city] = counts.get(city, 0) + 1
        return max(counts, key=counts.get) if counts else None   # ties: the first mentioned

    def _city_of(self, place_id: str) -> str | None:
        place = self._store.get(place_id)
        while place.type not in ("city", "governorate", "country") and place.parent in self._store:
            place = self._store.get(place.parent)
        return place.id if place.type == "city" else None


def governorates_named_after_cities(store: PlaceStore, governorate_keys: frozenset[str]) -> dict[str, str]:
    """City id -> the governorate that bears its name (Idlib -> idlib-governorate); the words of
    `governorate_keys` ("gouvernorat", "governorate") are left out of the governorate's name."""
    named = {}
    for place in store:
        parent = store.places.get(place.parent or "")
        if place.type in ("city", "town") and parent and parent.type == "governorate":
            parent_key = " ".join(word for word in normalise(parent.names[0]).split()
                                  if word not in governorate_keys)
            if parent_key in {normalise(name) for name in place.names}:
                named[place.id] = parent.id
    return named


def with_text(text: str, mention: Mention) -> Mention:
    """The mention with its text taken from its offsets."""
    return replace(mention, text=text[mention.start:mention.end])


def _opens_with_direction(name: str, rules: LanguageRules) -> bool:
    """"l'ouest d'Alep", "le nord de X": a name that is a direction phrase (not "Alep-Ouest")."""
    words = re.findall(r"[^\W\d_]+", fold(name))
    return bool(words) and (words[0] in rules.directions
                            or (len(words[0]) <= 3 and len(words) > 1 and words[1] in rules.directions))


def _capitalised_direction(name: str, rules: LanguageRules) -> bool:
    """"l'Est d'Alep": a direction word written with a capital names the part itself (East
    Aleppo), where "l'est d'Alep" after "à" only says which way from the place."""
    return any(word[0].isupper() for word in re.findall(r"[^\W\d_]+", name) if fold(word) in rules.directions)


def _outside(phrase: re.Match) -> bool:
    """Whether a direction phrase places something around the place rather than in it: its
    `rural` group took part in the match ("la campagne à l'ouest de", "à l'ouest de", "west of")."""
    return phrase.groupdict().get("rural") is not None


def _part_method(part: Place) -> str:
    return "derived" if "~" in part.id else "normalised"

"""The gazetteer: load the place files, find place names in text, and resolve them to places.

`Gazetteer.load()` reads the gazetteer folder (places, curated additions, shapes, named parts of
cities) and the per-language rules in geomap/lang/<language>/places.yaml; everything after that
is in memory. `find()` matches names token by token against an index of alias keys built at load
(see `normalise`), then lets the surrounding words choose between candidates: type cues
("province d'Idlib"), directions ("l'ouest d'Alep" -> a part of the city), the other places of
the text.

A Gazetteer is made of one part per job:

- store: places, parents, points, `contains`, curated and derived parts;
- loading: reading the CSV/YAML/GeoJSON files;
- names: match keys (transliteration rules in transliteration.yaml);
- rules: the compiled place rules of each language;
- aliases: the alias index and its fuzzy search;
- matching: a text's words through the index, to mentions;
- directions: directional, countryside and governorate parts;
- qualifiers: a city named only to qualify its neighbourhood ("Cheikh Saïd d'Alep") left out;
- checks: the checks behind `geomap check`.

The offline GeoNames fallback (geonames) and the optional geopy geocoder (geocoder) are modules
of this package that the pipeline imports when it needs them.
"""
from __future__ import annotations

import hashlib
from dataclasses import fields
from pathlib import Path
from typing import Iterable, Iterator

from geomap import lang
from geomap.models import Mention, Place

from . import checks
from .aliases import AliasIndex
from .directions import Directions
from .loading import ATTRIBUTION, DEFAULT_GAZETTEER, GazetteerError, read_languages, read_parts, read_places
from .matching import Matcher, without_overlaps
from .names import name_tokens, normalise
from .qualifiers import without_qualifiers
from .rules import FALLBACK_LANGUAGE, LanguageRules
from .store import PlaceStore

__all__ = ["ATTRIBUTION", "DEFAULT_GAZETTEER", "Gazetteer", "GazetteerError", "normalise"]


class Gazetteer:
    """Places by id, an alias index for finding them in text, and the language rules.

    Parameters
    ----------
    places : list of Place
        The places, in file order.
    parts : dict
        Curated directional parts: (whole id, direction) -> part id.
    languages : dict
        Language code -> its compiled place rules (`LanguageRules`).
    problems : list of str
        Problems found while reading the files, reported by `check()`.
    """

    def __init__(self, places: list[Place], parts: dict[tuple[str, str], str],
                 languages: dict[str, LanguageRules], problems: list[str]):
        self._parts = parts
        self._languages = languages
        self._problems = problems
        self._store = PlaceStore(places, parts, {code: (rules.part_label, rules.direction_names)
                                                 for code, rules in languages.items()})
        governorate_keys = frozenset().union(*(rules.governorate_keys for rules in languages.values()))
        self._directions = Directions(self._store, governorate_keys)
        self._index = AliasIndex(self._store)
        self._matcher = Matcher(self._store, self._index, self._directions)

    @classmethod
    def load(cls, folder: Path = DEFAULT_GAZETTEER, extra_files: Iterable[Path] = ()) -> "Gazetteer":
        """Read a gazetteer folder, then files that add or override places.

        Parameters
        ----------
        folder : Path
            A folder with places.csv (and optionally extra_places.csv, parts.csv, shapes/).
        extra_files : iterable of Path
            CSV or YAML place files read after the folder; a row with a known id overrides
            that place field by field.

        Returns
        -------
        Gazetteer

        Raises
        ------
        GazetteerError
            A file cannot be read; the message names the file and the row or line.
        """
        folder = Path(folder)
        places, problems = read_places(folder, extra_files)
        languages, language_problems = read_languages()
        return cls(places, read_parts(folder / "parts.csv"), languages, problems + language_problems)

    def with_places(self, places: list[Place]) -> "Gazetteer":
        """A gazetteer with these places added (or replacing those of the same id).

        Parameters
        ----------
        places : list of Place
            Places found elsewhere (GeoNames, an online geocoder).

        Returns
        -------
        Gazetteer
        """
        added = {p.id for p in places}
        kept = [p for p in self if p.id not in added]
        return Gazetteer(kept + list(places), self._parts, self._languages, self._problems)

    def of_places(self, places: list[Place]) -> "Gazetteer":
        """A gazetteer of only these places, with the same language rules (to ask which
        texts could name them)."""
        return Gazetteer(list(places), {}, self._languages, [])

    # ------------------------------------------------------------------ lookup

    def get(self, place_id: str) -> Place:
        """The place with this id; derived parts ("aleppo~west") are made on first use.

        Parameters
        ----------
        place_id : str

        Returns
        -------
        Place

        Raises
        ------
        KeyError
            No place has this id.
        """
        return self._store.get(place_id)

    def __contains__(self, place_id) -> bool:
        return place_id in self._store

    def __iter__(self) -> Iterator[Place]:
        """The places of the files, in file order (derived parts are not included)."""
        return iter(self._store)

    def __len__(self) -> int:
        return len(self._store)

    def fingerprint(self) -> str:
        """A digest of what the gazetteer holds: every field of every place (shapes as WKB) and
        the curated parts. Two gazetteers of one fingerprint find and answer the same
        (geomap.cache keys readings by it)."""
        digest = hashlib.sha256()
        for place in self:
            digest.update(repr(place_fields(place)).encode("utf-8"))
        digest.update(repr(sorted(self._parts.items())).encode("utf-8"))
        return digest.hexdigest()

    def point(self, place_id: str) -> tuple[float, float] | None:
        """(lat, lon) of a place, None when it is known but unlocated."""
        return self._store.point(place_id)

    def whole_of(self, place_id: str) -> str:
        """The place a derived directional part was cut from ("syria~east" -> "syria").

        Parameters
        ----------
        place_id : str

        Returns
        -------
        str
            The whole's id, or `place_id` itself when it is not a derived part.
        """
        return self._store.whole_of(place_id)

    def contains(self, outer_id: str, inner_id: str) -> bool:
        """Whether `outer_id` is `inner_id` or one of its ancestors in the parent chain.

        Parameters
        ----------
        outer_id, inner_id : str
            Place ids.

        Returns
        -------
        bool
        """
        return self._store.contains(outer_id, inner_id)

    # ------------------------------------------------------------------ find

    def find(self, text: str, language: str) -> list[Mention]:
        """Every place name in a text.

        Parameters
        ----------
        text : str
        language : str
            The text's language code; its place rules are used (English ones when it has none).

        Returns
        -------
        list of Mention
            Non-overlapping, sorted by start; an unknown name right after a place word has
            `place_id` None.
        """
        rules = self._languages.get(language) or self._languages[FALLBACK_LANGUAGE]
        found = self._matcher.mentions(text, rules)
        mentions = [self._directions.directional(text, mention, rules, found[index - 1] if index else None)
                    for index, mention in enumerate(found)]
        mentions += self._directions.anaphoric_parts(text, mentions, rules)
        return without_qualifiers(text, without_overlaps(mentions), self._store, rules)

    # ------------------------------------------------------------------ explain, check

    def explain(self, name: str, language: str = "fr") -> list[dict]:
        """Ranked candidates for a name, each with the reason it is one (for `geomap places`).

        Parameters
        ----------
        name : str
        language : str
            The language of the name's context words.

        Returns
        -------
        list of dict
            Best first: id, type, label, lat, lon, score and why.
        """
        scores: dict[str, tuple[float, str]] = {}
        reasons = lang.shared("messages")["explain"]

        def offer(place_id: str, score: float, why: str) -> None:
            if place_id and score > scores.get(place_id, (-1, ""))[0]:
                scores[place_id] = (score, why)

        tokens = name_tokens(name)
        keys, plain = tuple(t.key for t in tokens), tuple(t.plain for t in tokens)
        governorate_of = self._directions.governorate_of
        for entry in self._index.lookup(keys):
            exact = entry.plain == plain
            offer(entry.place_id, 1.0 if exact else 0.9,
                  reasons["alias" if exact else "same_key"].format(alias=entry.text))
            if entry.place_id in governorate_of:
                offer(governorate_of[entry.place_id], 0.5, reasons["governorate"].format(alias=entry.text))
        for mention in self.find(name, language):
            if mention.place_id:
                offer(mention.place_id, mention.confidence, reasons["found"].format(method=mention.method))
        hit = self._index.fuzzy(keys) if keys else None
        for place_id in (hit[0] if hit else ()):
            offer(place_id, 0.9 - 0.1 * hit[1], reasons["fuzzy"].format(edits=hit[1]))
        ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))
        return [self._describe(place_id, score, why, language) for place_id, (score, why) in ranked]

    def _describe(self, place_id: str, score: float, why: str, language: str) -> dict:
        place = self.get(place_id)
        return {"id": place.id, "type": place.type, "label": place.label(language), "lat": place.lat,
                "lon": place.lon, "score": round(score, 3), "why": why}

    def check(self) -> list[str]:
        """Problems in the loaded data.

        Returns
        -------
        list of str
            One line per problem; empty when the gazetteer is consistent.
        """
        return checks.problems(self._store, self._index, self._problems)


def place_fields(place: Place) -> tuple:
    """Every field of a place as plain values, its shape as WKB (hex): what to digest."""
    return tuple(place.geometry.wkb_hex if f.name == "geometry" and place.geometry is not None
                 else getattr(place, f.name) for f in fields(place))

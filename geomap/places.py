"""The gazetteer: load the place files, find place names in text, and resolve them to places.

`Gazetteer.load()` reads gazetteer/ (places, curated additions, shapes, named parts of cities) and
the per-language rules in geomap/lang/<language>/places.yaml; everything after that is in memory.
`find()` matches names token by token against an index of alias keys built at load (see
`normalise`), then lets the surrounding words choose between candidates: type cues ("province
d'Idleb"), directions ("l'ouest d'Alep" -> a part of the city), the other places of the text.
"""
from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

import yaml
from shapely.geometry import box, shape
from shapely.ops import unary_union

from geomap.models import Mention, Place

ATTRIBUTION = (
    "Places: CSR Conflict Urbanism: Aleppo (MIT, Columbia Center for Spatial Research); "
    "UNITAR-UNOSAT (UNOSAT terms); Natural Earth (public domain); geoBoundaries & OCHA (CC BY 3.0 IGO); "
    "OpenSyria (CC BY 4.0); Wikipedia (CC BY-SA); GeoNames (CC BY 4.0)"
)
DEFAULT_GAZETTEER = Path(__file__).resolve().parent.parent / "gazetteer"
LANGUAGE_FOLDER = Path(__file__).resolve().parent / "lang"
FALLBACK_LANGUAGE = "en"

PLACE_TYPES = ("neighbourhood", "landmark", "district", "region", "city", "town", "governorate",
               "country")
# which place types a type cue ("quartier de", "province of") accepts
CUE_TYPES = {"neighbourhood": {"neighbourhood", "district", "landmark"},
             "city": {"city", "town"},
             "governorate": {"governorate"}}
# Arabic article prefixes as transliterated in Latin script ("al-", "ash-"...); "al"/"el" are
# dropped even when written with a space, the others only when hyphenated (they are English or
# French words on their own: "as", "an", "at", "en", "et"...).
ARTICLES = frozenset({"al", "el", "ad", "ed", "as", "es", "ash", "esh", "az", "ez", "an", "en", "at",
                      "et", "ar", "er", "aj", "ej", "ach", "ech", "a", "ul"})
SPACED_ARTICLES = frozenset({"al", "el"})
# spelling variants folded together by the matching key, applied in this order
SPELLING_RULES = (("sch", "sh"), ("dj", "j"), ("tch", "ch"), ("ch", "sh"), ("kh", "k"), ("gh", "g"),
                  ("ph", "f"), ("qu", "k"), ("q", "k"), ("ck", "k"))
APOSTROPHES = "'’‘ʼʿʾ`´"
# a slice of a place's bounding box is a "part" of it (the western third...)
PART_FRACTION = 1 / 3
# how far from the point a part is put when the whole has no shape, by the whole's type (km)
PART_OFFSET_KM = {"neighbourhood": 0.5, "landmark": 0.2, "district": 1.5, "region": 3, "town": 1.5,
                  "city": 3, "governorate": 40, "country": 300}
# farthest a located place may lie from its located parent, by the parent's type, before
# check() reports it (km); country points are poles of inaccessibility, so they are not checked
PARENT_DISTANCE_KM = {"city": 30, "town": 30, "district": 30, "region": 30, "governorate": 250}
DIRECTION_VECTORS = {"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0),
                     "north-west": (-1, 1), "north-east": (1, 1), "south-west": (-1, -1),
                     "south-east": (1, -1)}
MIN_PHONETIC_LETTERS = 4   # shorter names ("Ham", "Dar") must match an alias letter for letter
MIN_FUZZY_LETTERS = 6

_WORD = re.compile(r"[^\W_]+(?:[" + APOSTROPHES + r"][^\W_]+)*")
_ELISION = re.compile(r"(?:[^\W\d_aeiouyàâäéèêëîïôöûùü]{1,2}|qu|jusqu|lorsqu|puisqu|quoiqu)["
                      + APOSTROPHES + "]", re.IGNORECASE)
_NAME_GAP = re.compile(r"[ \t\u00a0\-‐‑–]*")
_APOSTROPHE_CHARS = re.compile("[" + APOSTROPHES + "]")


class GazetteerError(Exception):
    """A gazetteer file cannot be read; the message names the file and the row or line."""


# --------------------------------------------------------------------------- matching keys

@lru_cache(maxsize=50_000)
def _fold(word: str) -> str:
    """Lowercase, without accents or apostrophes: the spelling as written, minus typography."""
    decomposed = unicodedata.normalize("NFKD", word)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _APOSTROPHE_CHARS.sub("", bare.lower())


@lru_cache(maxsize=50_000)
def _token_key(word: str) -> str:
    """The phonetic key of one word: transliteration variants of a name share it."""
    key = re.sub(r"(.)\1+", r"\1", _fold(word))
    for written, spoken in SPELLING_RULES:
        key = key.replace(written, spoken)
    key = re.sub(r"c(?=[aouk]|$)", "k", key).replace("c", "s")
    key = key.replace("w", "u").replace("ou", "u").replace("oo", "u").replace("o", "u")
    key = key.replace("ee", "i").replace("y", "i")
    key = re.sub(r"[ae]i", "ai", key)
    key = re.sub(r"(?<=[aeiu])h$", "", key)
    if len(key) > 3:   # French "-ine"/"-ane" and the final -a/-e/-eh of Arabic names
        key = re.sub(r"(?<=n)e$", "", key)
        key = re.sub(r"[ae]$", "", key)
    return re.sub(r"(.)\1+", r"\1", key.replace("e", "i"))


@dataclass(frozen=True)
class _Token:
    """A word of a text (or of an alias) with its offsets and matching keys."""
    text: str
    start: int
    end: int
    key: str            # phonetic key
    plain: str          # folded spelling
    article: bool       # an Arabic article that names drop ("al-", "ash-")
    linked: bool        # joined to the next word by spaces or a hyphen only (may continue a name)

    @property
    def capitalised(self) -> bool:
        first = self.text[0]
        return first.isupper() or not first.islower() and not first.isdigit()


def _split_words(text: str) -> list[tuple[str, int]]:
    """Words with their start offsets; French elision ("d'Idlib") splits off its particle."""
    words = []
    for match in _WORD.finditer(text):
        word, start = match.group(), match.start()
        elision = _ELISION.match(word)
        if elision and elision.end() < len(word):
            words.append((word[:elision.end()], start))
            word, start = word[elision.end():], start + elision.end()
        words.append((word, start))
    return words


def _tokenise(text: str, alias: bool = False) -> list[_Token]:
    """Tokens of `text`. In an alias every article before another word is dropped; in running
    text only "al"/"el" and hyphenated articles are (see ARTICLES)."""
    words = _split_words(text)
    tokens = []
    for index, (word, start) in enumerate(words):
        end = start + len(word)
        following = words[index + 1] if index + 1 < len(words) else None
        gap = text[end:following[1]] if following else "."
        linked = _NAME_GAP.fullmatch(gap) is not None
        plain = _fold(word)
        is_article = plain in ARTICLES and following is not None and linked and (
            alias or "-" in gap or "‐" in gap or plain in SPACED_ARTICLES)
        tokens.append(_Token(word, start, end, _token_key(word), plain, is_article, linked))
    return tokens


def normalise(name: str) -> str:
    """The matching key of a name: "Cheikh Saïd", "Sheikh Sa'id" and "Shaykh Said" share one."""
    return " ".join(token.key for token in _tokenise(name, alias=True) if not token.article)


def _levenshtein(left: str, right: str, limit: int) -> int:
    """Edit distance, or limit + 1 as soon as it must exceed `limit`."""
    if abs(len(left) - len(right)) > limit:
        return limit + 1
    previous = list(range(len(right) + 1))
    for row, left_char in enumerate(left, 1):
        current = [row]
        for column, right_char in enumerate(right, 1):
            current.append(min(previous[column] + 1, current[column - 1] + 1,
                               previous[column - 1] + (left_char != right_char)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def _distance_km(first: tuple[float, float], second: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    cos_angle = (math.sin(lat1) * math.sin(lat2)
                 + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1))
    return 6371.0 * math.acos(max(-1.0, min(1.0, cos_angle)))


# --------------------------------------------------------------------------- index records

@dataclass(frozen=True)
class _Alias:
    """One alias of one place, as stored in the index under its key."""
    place_id: str
    text: str
    plain: tuple[str, ...]
    case: tuple[str, ...]   # per word: "caps" (ALP), "upper" (Alep) or "" (d', eastern, عربي)


def _case_pattern(token: _Token) -> str:
    letters = [char for char in token.text if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return "caps"
    return "upper" if token.text[0].isupper() else ""


def _case_fits(pattern: str, token: _Token) -> bool:
    if pattern == "caps":
        return token.text.isupper()
    return pattern != "upper" or token.capitalised


@dataclass(frozen=True)
class _Match:
    """A span of text and the places it may name, before context chooses one."""
    start: int
    end: int
    candidates: tuple[str, ...]
    method: str
    confidence: float


@dataclass
class _Language:
    """The compiled rules of one language (from lang/<language>/places.yaml)."""
    cues_before: dict[str, re.Pattern]
    cues_after: dict[str, re.Pattern]
    place_word: re.Pattern
    list_joiner: re.Pattern
    directions: dict[str, str]
    direction_phrases: list[re.Pattern]
    anaphora: list[re.Pattern]
    direction_names: dict[str, str]
    part_label: str
    not_places: frozenset[str]
    needs_place_word: frozenset[str]
    rural_before: re.Pattern


def _compile_language(rules: dict) -> _Language:
    directions = {_fold(word): canonical for word, canonical in rules["directions"].items()}
    direction_group = "(?P<dir>" + "|".join(
        re.escape(word) for word in sorted(rules["directions"], key=len, reverse=True)) + r")\b"
    phrases = [phrase.replace("{dir}", direction_group) for phrase in rules["direction_phrases"]]
    anaphora = "(?P<anaphor>" + "|".join(re.escape(a) for a in rules["city_anaphora"]) + r")\b"
    words = "|".join(re.escape(w) for w in sorted(rules["place_words"], key=len, reverse=True))
    connectors = "|".join(re.escape(c) + (r"\s*" if c[-1] in APOSTROPHES else r"\s+")
                          for c in rules["connectors"])
    return _Language(
        cues_before={kind: re.compile(r"(?<!\w)(?:" + "|".join(cue["before"]) + r")\Z", re.I)
                     for kind, cue in rules["type_cues"].items() if cue.get("before")},
        cues_after={kind: re.compile(r"(?:" + "|".join(cue["after"]) + ")", re.I)
                    for kind, cue in rules["type_cues"].items() if cue.get("after")},
        place_word=re.compile(r"(?<!\w)(?:" + words + r")(?:\s+[a-zà-ÿœ]+)?\s+(?:(?:" + connectors
                              + r"))?(?=[^\W\d_])"),
        list_joiner=re.compile(r"(?:\s*,\s*|\s+(?:" + "|".join(rules["list_joiners"]) + r")\s+)(?:(?:"
                               + connectors + r"))?(?=[^\W\d_])"),
        directions=directions,
        direction_phrases=[re.compile(r"(?<!\w)(?:" + phrase + r")\Z", re.I) for phrase in phrases],
        anaphora=[re.compile(r"(?<!\w)" + phrase + anaphora, re.I) for phrase in phrases],
        direction_names=rules["direction_names"],
        part_label=rules["part_label"],
        not_places=frozenset(rules["not_places"]),
        needs_place_word=frozenset(normalise(name) for name in rules["needs_place_word"]),
        rural_before=re.compile(r"(?<!\w)(?:" + "|".join(rules.get("rural_before", [r"(?!x)x"])) + r")\Z", re.I),
    )


# --------------------------------------------------------------------------- reading files

def _read_rows(path: Path) -> list[tuple[str, dict]]:
    """Rows of a place file (CSV or YAML) with where each came from ("file:line")."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml_rows(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                rows.append((f"{path}:{reader.line_num}", {k: (v or "").strip() for k, v in row.items()
                                                           if k is not None}))
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise GazetteerError(f"{path}: cannot read: {error}") from error


def _read_yaml_rows(path: Path) -> list[tuple[str, dict]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise GazetteerError(f"{path}: cannot read: {' '.join(str(error).split())}") from error
    entries = data.get("places") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise GazetteerError(f"{path}: expected a list of places (or a 'places:' list)")
    rows = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise GazetteerError(f"{path}: entry {number}: expected a mapping of place fields")
        row = {str(k): "|".join(map(str, v)) if isinstance(v, list) else ("" if v is None else str(v))
               for k, v in entry.items()}
        rows.append((f"{path}: entry {number}", row))
    return rows


def _coordinate(row: dict, field: str, where: str) -> float | None:
    value = row.get(field, "")
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise GazetteerError(f"{where}: {field} is not a number: {value!r}") from None
    limit = 90 if field == "lat" else 180
    if not -limit <= number <= limit:
        raise GazetteerError(f"{where}: {field} {value} is out of range (-{limit} to {limit})")
    return number


def _place_from_row(row: dict, where: str, geometry) -> Place:
    if not row.get("id"):
        raise GazetteerError(f"{where}: missing id")
    names = tuple(name.strip() for name in row.get("names", "").split("|") if name.strip())
    if not names:
        raise GazetteerError(f"{where}: place {row['id']!r} has no names")
    if row.get("type") not in PLACE_TYPES:
        raise GazetteerError(f"{where}: place {row['id']!r} has unknown type {row.get('type')!r}")
    labels = {column[len("label_"):]: value for column, value in row.items()
              if column.startswith("label_") and value}
    return Place(id=row["id"], type=row["type"], names=names, labels=labels,
                 parent=row.get("parent") or None, lat=_coordinate(row, "lat", where),
                 lon=_coordinate(row, "lon", where), geometry=geometry,
                 source=row.get("source", ""), licence=row.get("licence", ""),
                 notes=" ".join(filter(None, (row.get("coord_method", ""), row.get("notes", "")))))


def _read_shapes(folder: Path) -> tuple[dict, list[str]]:
    """Geometries by place_id (several features of one place are merged), and problems."""
    pieces: dict[str, list] = {}
    problems = []
    for path in sorted(folder.glob("*.geojson")):
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
            for number, feature in enumerate(collection["features"], 1):
                place_id = (feature.get("properties") or {}).get("place_id")
                if place_id:
                    geometry = shape(feature["geometry"])
                    if not geometry.is_valid:
                        problems.append(f"{path.name}: feature {number} ({place_id}): invalid shape")
                    pieces.setdefault(place_id, []).append(geometry)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise GazetteerError(f"{path}: cannot read shapes: {error}") from error
    return {place_id: parts[0] if len(parts) == 1 else unary_union(parts)
            for place_id, parts in pieces.items()}, problems


def _read_parts(path: Path) -> dict[tuple[str, str], str]:
    """Curated directional parts: (whole id, direction) -> part id."""
    if not path.exists():
        return {}
    return {(row["whole"], row["direction"]): row["part"] for _, row in _read_rows(path)}


def _read_languages(folder: Path) -> dict[str, _Language]:
    languages = {}
    for path in sorted(folder.glob("*/places.yaml")):
        try:
            languages[path.parent.name] = _compile_language(yaml.safe_load(path.read_text("utf-8")))
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError, re.error) as error:
            raise GazetteerError(f"{path}: bad language rules: {' '.join(str(error).split())}") from error
    if FALLBACK_LANGUAGE not in languages:
        raise GazetteerError(f"{folder / FALLBACK_LANGUAGE / 'places.yaml'}: missing")
    return languages


def _merge_rows(base_files: list[Path], extra_files: Iterable[Path]) -> tuple[dict, list[str]]:
    """Place rows by id: base files must not repeat an id, extra files override field by field."""
    rows: dict[str, tuple[str, dict]] = {}
    problems = []
    for path in base_files:
        for where, row in _read_rows(path):
            if row.get("id") in rows:
                problems.append(f"{where}: duplicate id {row['id']!r} (first at {rows[row['id']][0]})")
                continue
            rows[row.get("id", "")] = (where, row)
    for path in extra_files:
        seen = set()
        for where, row in _read_rows(Path(path)):
            if row.get("id") in seen:
                problems.append(f"{where}: duplicate id {row['id']!r} in the same file")
            seen.add(row.get("id"))
            merged = dict(rows[row["id"]][1]) if row.get("id") in rows else {}
            merged.update({field: value for field, value in row.items() if value != ""})
            rows[row.get("id", "")] = (where, merged)
    return rows, problems


# --------------------------------------------------------------------------- the gazetteer

class Gazetteer:
    """Places by id, an alias index for finding them in text, and the language rules."""

    def __init__(self, places: list[Place], parts: dict[tuple[str, str], str],
                 languages: dict[str, _Language], problems: list[str]):
        self._places = {place.id: place for place in places}
        self._order = [place.id for place in places]
        self._parts = parts
        self._languages = languages
        self._problems = problems
        self._derived: dict[str, Place] = {}
        self._index: dict[tuple[str, ...], list[_Alias]] = {}
        self._fuzzy_buckets: dict[tuple[int, str], list[tuple[str, _Alias]]] = {}
        self._fuzzy_cache: dict[tuple[str, ...], tuple[tuple[str, ...], int] | None] = {}
        self._build_index()
        self._prefixes = {keys[:length] for keys in self._index for length in range(1, len(keys) + 1)}
        self._longest_alias = max(map(len, self._index), default=1)
        self._governorate_of = self._governorates_named_after_cities()

    @classmethod
    def load(cls, folder: Path = DEFAULT_GAZETTEER, extra_files: Iterable[Path] = ()) -> "Gazetteer":
        """Read the gazetteer folder, then `extra_files` (CSV or YAML) that add or override places."""
        folder = Path(folder)
        base_files = [path for path in (folder / "places.csv", folder / "extra_places.csv")
                      if path.exists()]
        if not base_files:
            raise GazetteerError(f"{folder / 'places.csv'}: missing")
        rows, problems = _merge_rows(base_files, extra_files)
        geometries, shape_problems = _read_shapes(folder / "shapes")
        places = [_place_from_row(row, where, geometries.get(place_id))
                  for place_id, (where, row) in rows.items()]
        problems += shape_problems + [f"shapes: place_id {place_id!r} is not in the gazetteer"
                                      for place_id in geometries if place_id not in rows]
        return cls(places, _read_parts(folder / "parts.csv"), _read_languages(LANGUAGE_FOLDER),
                   problems)

    def with_places(self, places: list[Place]) -> "Gazetteer":
        """A gazetteer with these places added (or replacing those of the same id): the names an
        online geocoder found."""
        added = {p.id for p in places}
        kept = [p for p in (self._places[i] for i in self._order) if p.id not in added]
        return Gazetteer(kept + list(places), self._parts, self._languages, self._problems)

    # ------------------------------------------------------------------ lookup

    def get(self, place_id: str) -> Place:
        """The place with this id; derived parts ("aleppo~west") are made on first use."""
        if place_id in self._places:
            return self._places[place_id]
        if place_id in self._derived:
            return self._derived[place_id]
        whole_id, _, direction = str(place_id).partition("~")
        if direction in DIRECTION_VECTORS and whole_id in self._places:
            return self._part(whole_id, direction)
        raise KeyError(place_id)

    def __contains__(self, place_id) -> bool:
        try:
            self.get(place_id)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[Place]:
        """The places of the files, in file order (derived parts are not included)."""
        return (self._places[place_id] for place_id in self._order)

    def __len__(self) -> int:
        return len(self._order)

    def point(self, place_id: str) -> tuple[float, float] | None:
        """(lat, lon) of a place, None when it is known but unlocated."""
        place = self.get(place_id)
        return (place.lat, place.lon) if place.located else None

    def contains(self, outer_id: str, inner_id: str) -> bool:
        """Whether `outer_id` is `inner_id` or one of its ancestors in the parent chain."""
        seen = set()
        current = inner_id
        while current and current not in seen:
            if current == outer_id:
                return True
            seen.add(current)
            current = self.get(current).parent if current in self else None
        return False

    # ------------------------------------------------------------------ index

    def _build_index(self) -> None:
        for place_id in self._order:
            place = self._places[place_id]
            for name in dict.fromkeys(place.names + tuple(place.labels.values())):
                tokens = [token for token in _tokenise(name, alias=True) if not token.article]
                if not tokens:
                    continue
                keys = tuple(token.key for token in tokens)
                alias = _Alias(place_id, name, tuple(token.plain for token in tokens),
                               tuple(_case_pattern(token) for token in tokens))
                entries = self._index.setdefault(keys, [])
                if all((entry.place_id, entry.plain) != (place_id, alias.plain) for entry in entries):
                    entries.append(alias)
                    self._add_fuzzy_entry(keys, alias)

    def _add_fuzzy_entry(self, keys: tuple[str, ...], alias: _Alias) -> None:
        joined = " ".join(keys)
        if "caps" in alias.case or not joined.isascii() or len(joined) < MIN_FUZZY_LETTERS:
            return
        self._fuzzy_buckets.setdefault((len(keys), joined[0]), []).append((joined, alias))

    def _governorates_named_after_cities(self) -> dict[str, str]:
        """City id -> the governorate that bears its name (Idlib -> idlib-governorate)."""
        named = {}
        for place in self:
            parent = self._places.get(place.parent or "")
            if place.type in ("city", "town") and parent and parent.type == "governorate":
                parent_key = " ".join(word for word in normalise(parent.names[0]).split()
                                      if word not in ("guvirnurat", "governorate"))
                if parent_key in {normalise(name) for name in place.names}:
                    named[place.id] = parent.id
        return named

    # ------------------------------------------------------------------ find

    def find(self, text: str, language: str) -> list[Mention]:
        """Every place name in `text`, non-overlapping, sorted by start (see module docstring)."""
        rules = self._languages.get(language) or self._languages[FALLBACK_LANGUAGE]
        tokens = _tokenise(text)
        matches = self._alias_matches(text, tokens, rules)
        matches = [self._apply_type_cue(text, match, rules) for match in matches]
        matches += self._unknown_and_fuzzy_matches(text, tokens, matches, rules)
        matches.sort(key=lambda match: match.start)
        chosen = self._choose_candidates(matches)
        mentions = [self._directional(text, mention, rules) for mention in chosen]
        mentions += self._anaphoric_parts(text, mentions, rules)
        return _without_overlaps(mentions)

    def _alias_matches(self, text: str, tokens: list[_Token], rules: _Language) -> list[_Match]:
        words = [index for index, token in enumerate(tokens) if not token.article]
        matches = []
        position = 0
        while position < len(words):
            match, length = self._longest_match(text, tokens, words, position, rules)
            if match:
                matches.append(match)
                position += length
            else:
                position += 1
        return matches

    def _longest_match(self, text, tokens, words, position, rules) -> tuple[_Match | None, int]:
        """Walk the alias prefixes from `position`, then accept the longest alias that fits."""
        keys: tuple[str, ...] = ()
        lengths = []
        for length in range(1, min(self._longest_alias, len(words) - position) + 1):
            if length > 1 and not all(tokens[index].linked for index in
                                      range(words[position + length - 2], words[position + length - 1])):
                break
            keys += (tokens[words[position + length - 1]].key,)
            if keys not in self._prefixes:
                break
            if keys in self._index:
                lengths.append((length, keys))
        for length, keys in reversed(lengths):
            span = [tokens[index] for index in words[position:position + length]]
            match = self._accept(text, tokens, words[position], span, self._index[keys], rules)
            if match:
                return match, length
        return None, 0

    def _accept(self, text, tokens, first_index, span, entries, rules) -> _Match | None:
        """The match of `span` against the aliases sharing its key, if case and context allow."""
        fitting = [entry for entry in entries
                   if all(_case_fits(case, token) for case, token in zip(entry.case, span))]
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
                and not self._after_place_word(text, start, rules)):
            return None
        candidates = tuple(dict.fromkeys(entry.place_id for entry in (exact or fitting)))
        method, confidence = ("alias", 1.0) if exact else ("normalised", 0.9)
        return _Match(start, span[-1].end, candidates, method, confidence)

    @staticmethod
    def _after_place_word(text: str, start: int, rules: _Language) -> bool:
        for match in rules.place_word.finditer(text, max(0, start - 40), start + 1):
            if match.end() == start:
                return True
        return False

    def _apply_type_cue(self, text: str, match: _Match, rules: _Language) -> _Match:
        """Narrow the candidates with a type cue around the match ("région d'", " province")."""
        cue = self._type_cue(text, match.start, match.end, rules)
        if not cue:
            return match
        typed = [c for c in match.candidates if self._places[c].type in CUE_TYPES[cue]]
        if cue == "governorate" and not typed:
            typed = [self._governorate_of[c] for c in match.candidates if c in self._governorate_of]
            typed += [self._governorate_part(c) for c in match.candidates
                      if self._governorate_part(c)]
        if not typed:
            return match
        return _Match(match.start, match.end, tuple(dict.fromkeys(typed)), match.method,
                      match.confidence)

    def _governorate_part(self, place_id: str) -> str | None:
        """west-aleppo in "western Aleppo countryside" -> the west of Aleppo governorate."""
        for (whole, direction), part in self._parts.items():
            if part == place_id and whole in self._governorate_of:
                return self._part(self._governorate_of[whole], direction).id
        return None

    @staticmethod
    def _type_cue(text: str, start: int, end: int, rules: _Language) -> str | None:
        window = text[max(0, start - 40):start]
        for kind, pattern in rules.cues_before.items():
            if pattern.search(window):
                return kind
        for kind, pattern in rules.cues_after.items():
            if pattern.match(text, end):
                return kind
        return None

    # ------------------------------------------------------------------ unknown names, fuzzy

    def _unknown_and_fuzzy_matches(self, text, tokens, matches, rules) -> list[_Match]:
        """Capitalised names the index missed: near-spellings of known places (fuzzy), and names
        right after a place word ("quartier d'Al Chahidine") that match nothing (place None)."""
        taken = [(match.start, match.end) for match in matches]
        found = []
        by_start = {token.start: index for index, token in enumerate(tokens)}
        for first, last in self._capitalised_runs(tokens, rules):
            if _overlaps(tokens[first].start, tokens[last].end, taken):
                continue
            for match in self._fuzzy_run(tokens, first, last):
                found.append(match)
                taken.append((match.start, match.end))
        for start in self._place_word_name_starts(text, rules):
            index = by_start.get(start)
            run = index is not None and self._name_run(tokens, index, rules)
            if run and not _overlaps(tokens[run[0]].start, tokens[run[1]].end, taken):
                match = _Match(tokens[run[0]].start, tokens[run[1]].end, (), "unresolved", 0.0)
                found.append(match)
                taken.append((match.start, match.end))
        return found

    def _place_word_name_starts(self, text: str, rules: _Language) -> Iterator[int]:
        for match in rules.place_word.finditer(text):
            position = match.end()
            yield position
            while True:   # "quartiers d'Al Chahidine, Karam al Effendi et ..."
                end = _name_end(text, position)
                joiner = rules.list_joiner.match(text, end)
                if not joiner:
                    break
                position = joiner.end()
                yield position

    def _capitalised_runs(self, tokens: list[_Token], rules: _Language) -> Iterator[tuple[int, int]]:
        index = 0
        while index < len(tokens):
            run = self._name_run(tokens, index, rules)
            if run:
                yield run
                index = run[1] + 1
            else:
                index += 1

    @staticmethod
    def _name_run(tokens: list[_Token], index: int, rules: _Language) -> tuple[int, int] | None:
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

    def _fuzzy_run(self, tokens: list[_Token], first: int, last: int) -> list[_Match]:
        """The whole capitalised run as a near-spelling of one alias ("Marcel Tillion" must
        match as a whole, so a first name alone never does)."""
        keys = tuple(tokens[index].key for index in range(first, last + 1) if not tokens[index].article)
        hit = self._fuzzy(keys) if len(keys) <= self._longest_alias else None
        if not hit:
            return []
        candidates, distance = hit
        return [_Match(tokens[first].start, tokens[last].end, candidates, "fuzzy", 0.9 - 0.1 * distance)]

    def _fuzzy(self, keys: tuple[str, ...]) -> tuple[tuple[str, ...], int] | None:
        """Places whose alias key is within a small edit distance of `keys` (cached)."""
        if keys not in self._fuzzy_cache:
            self._fuzzy_cache[keys] = self._fuzzy_lookup(keys)
        return self._fuzzy_cache[keys]

    def _fuzzy_lookup(self, keys: tuple[str, ...]) -> tuple[tuple[str, ...], int] | None:
        joined = " ".join(keys)
        if len(joined) < MIN_FUZZY_LETTERS or not joined.isascii():
            return None
        limit = 1 if len(joined) < 9 else 2
        best, best_ids = limit + 1, []
        for alias_key, alias in self._fuzzy_buckets.get((len(keys), joined[0]), ()):
            distance = _levenshtein(joined, alias_key, limit)
            if 0 < distance < best:
                best, best_ids = distance, [alias.place_id]
            elif 0 < distance == best <= limit:
                best_ids.append(alias.place_id)
        return (tuple(dict.fromkeys(best_ids)), best) if best_ids else None

    # ------------------------------------------------------------------ choosing

    def _choose_candidates(self, matches: list[_Match]) -> list[Mention]:
        """One place per match; ties go to the candidate nearest the text's unambiguous places."""
        anchors = [self.get(m.candidates[0]) for m in matches if len(m.candidates) == 1]
        anchor_points = [(place.lat, place.lon) for place in anchors if place.located]
        mentions = []
        for match in matches:
            place_id = self._nearest(match.candidates, anchor_points) if match.candidates else None
            mentions.append(Mention(text="", start=match.start, end=match.end, place_id=place_id,
                                    confidence=match.confidence, method=match.method))
        return mentions

    def _nearest(self, candidates: tuple[str, ...], anchor_points) -> str:
        if len(candidates) == 1 or not anchor_points:
            return candidates[0]

        def remoteness(place_id: str) -> float:
            point = self.point(place_id)
            if point is None:
                return math.inf
            return sum(_distance_km(point, anchor) for anchor in anchor_points)

        return min(candidates, key=remoteness)

    # ------------------------------------------------------------------ directional parts

    def _directional(self, text: str, mention: Mention, rules: _Language) -> Mention:
        """"l'ouest d'Alep", "la partie Ouest de la province d'Alep" -> a part of the place."""
        if mention.place_id is None:
            return _with_text(text, mention)
        window_start = max(0, mention.start - 60)
        window = text[window_start:mention.start]
        rural = rules.rural_before.search(window)
        if rural and self._governorate_part(mention.place_id):  # "la campagne à l'ouest d'Alep"
            return _with_text(text, Mention("", window_start + rural.start(), mention.end,
                                            self._governorate_part(mention.place_id), mention.confidence, "derived"))
        for pattern in rules.direction_phrases:
            phrase = pattern.search(window)
            if phrase:
                direction = rules.directions.get(_fold(phrase.group("dir")))
                whole = mention.place_id
                if phrase.groupdict().get("rural"):  # "la campagne à l'ouest d'Alep": the province's west
                    whole = self._governorate_of.get(whole, whole)
                part = direction and self._part_or_none(whole, direction)
                if part:
                    return _with_text(text, Mention(
                        "", window_start + phrase.start(), mention.end, part.id,
                        round(mention.confidence * 0.9, 3), _part_method(part)))
        return _with_text(text, mention)

    def _anaphoric_parts(self, text: str, mentions: list[Mention], rules: _Language) -> list[Mention]:
        """"la partie occidentale de la ville": a part of the city the text mentions most."""
        city = self._most_mentioned_city(mentions)
        if city is None:
            return []
        found = []
        for pattern in rules.anaphora:
            for phrase in pattern.finditer(text):
                direction = rules.directions.get(_fold(phrase.group("dir")))
                part = direction and self._part_or_none(city, direction)
                if part:
                    found.append(_with_text(text, Mention("", phrase.start(), phrase.end(), part.id,
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
        place = self.get(place_id)
        while place.type not in ("city", "governorate", "country") and place.parent in self:
            place = self.get(place.parent)
        return place.id if place.type == "city" else None

    def _part_or_none(self, whole_id: str, direction: str) -> Place | None:
        whole = self.get(whole_id)
        if (whole_id, direction) not in self._parts and not (whole.geometry or whole.located):
            return None
        return self._part(whole_id, direction)

    def _part(self, whole_id: str, direction: str) -> Place:
        """The curated part (west-aleppo) or the derived one (aleppo~west), kept for get()."""
        if (whole_id, direction) in self._parts:
            return self.get(self._parts[(whole_id, direction)])
        part_id = f"{whole_id}~{direction}"
        if part_id not in self._derived:
            self._derived[part_id] = self._derive_part(self.get(whole_id), direction, part_id)
        return self._derived[part_id]

    def _derive_part(self, whole: Place, direction: str, part_id: str) -> Place:
        geometry, point, method = _slice(whole, direction)
        labels = {language: rules.part_label.format(place=whole.label(language),
                                                    direction=rules.direction_names[direction])
                  for language, rules in self._languages.items()}
        return Place(id=part_id, type="region" if whole.type in ("governorate", "country") else "district",
                     names=(labels.get("en", part_id),), labels=labels, parent=whole.id,
                     lat=point[0] if point else None, lon=point[1] if point else None,
                     geometry=geometry, source=f"derived from {whole.id} ({whole.source})",
                     licence=whole.licence, notes=method)

    # ------------------------------------------------------------------ explain, check

    def explain(self, name: str, language: str = "fr") -> list[dict]:
        """Ranked candidates for a name, each with the reason it is one (for `geomap places`)."""
        scores: dict[str, tuple[float, str]] = {}

        def offer(place_id: str, score: float, why: str) -> None:
            if place_id and score > scores.get(place_id, (-1, ""))[0]:
                scores[place_id] = (score, why)

        tokens = [token for token in _tokenise(name, alias=True) if not token.article]
        keys, plain = tuple(t.key for t in tokens), tuple(t.plain for t in tokens)
        for entry in self._index.get(keys, ()):
            exact = entry.plain == plain
            offer(entry.place_id, 1.0 if exact else 0.9,
                  f"{'alias' if exact else 'same matching key as alias'} {entry.text!r}")
            if entry.place_id in self._governorate_of:
                offer(self._governorate_of[entry.place_id], 0.5,
                      f"governorate named after {entry.text!r} (chosen after 'province'/'région')")
        for mention in self.find(name, language):
            if mention.place_id:
                offer(mention.place_id, mention.confidence, f"found in text by {mention.method}")
        hit = self._fuzzy(keys) if keys else None
        for place_id in (hit[0] if hit else ()):
            offer(place_id, 0.9 - 0.1 * hit[1], f"fuzzy: {hit[1]} edit(s) from a known spelling")
        ranked = sorted(scores.items(), key=lambda item: (-item[1][0], item[0]))
        return [self._describe(place_id, score, why, language) for place_id, (score, why) in ranked]

    def _describe(self, place_id: str, score: float, why: str, language: str) -> dict:
        place = self.get(place_id)
        return {"id": place.id, "type": place.type, "label": place.label(language), "lat": place.lat,
                "lon": place.lon, "score": round(score, 3), "why": why}

    def check(self) -> list[str]:
        """Problems in the loaded data; an empty list means the gazetteer is consistent."""
        problems = list(self._problems)
        for place in self:
            problems += _coordinate_problems(place)
            if place.parent and place.parent not in self._places:
                problems.append(f"{place.id}: parent {place.parent!r} does not exist")
            elif place.parent:
                problems += self._parent_distance_problems(place)
            if place.geometry is not None and not place.geometry.is_valid:
                problems.append(f"{place.id}: invalid shape")
        return problems + self._alias_collisions()

    def _parent_distance_problems(self, place: Place) -> list[str]:
        parent = self._places[place.parent]
        limit = PARENT_DISTANCE_KM.get(parent.type)
        if not (limit and place.located and parent.located and _valid_point(place)
                and _valid_point(parent)):
            return []
        distance = _distance_km((place.lat, place.lon), (parent.lat, parent.lon))
        if distance > limit:
            return [f"{place.id}: {distance:.0f} km from its parent {parent.id} (limit {limit} km)"]
        return []

    def _alias_collisions(self) -> list[str]:
        """Aliases spelt alike (up to case, accents, articles) that name two places of a type.
        Aliases that only share the phonetic key are told apart by their exact spelling."""
        problems = []
        for keys, entries in self._index.items():
            by_type: dict[tuple, list[_Alias]] = {}
            for entry in entries:
                by_type.setdefault((self._places[entry.place_id].type, entry.plain), []).append(entry)
            for (kind, _), same_type in sorted(by_type.items()):
                if len(same_type) > 1:
                    names = ", ".join(f"{entry.place_id} ({entry.text!r})" for entry in same_type)
                    problems.append(f"alias {same_type[0].text!r} names several {kind} places: {names}")
        return problems


# --------------------------------------------------------------------------- helpers

def _valid_point(place: Place) -> bool:
    return -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def _coordinate_problems(place: Place) -> list[str]:
    if (place.lat is None) != (place.lon is None):
        return [f"{place.id}: only one of lat/lon is given"]
    if place.located and not _valid_point(place):
        return [f"{place.id}: coordinates out of range ({place.lat}, {place.lon})"]
    return []


def _slice(whole: Place, direction: str):
    """The `direction` part of a place: that third of its shape's bounding box (a corner for
    north-west...), or, without a shape, its point moved by PART_OFFSET_KM."""
    east, north = DIRECTION_VECTORS[direction]
    if whole.geometry is not None:
        min_x, min_y, max_x, max_y = whole.geometry.bounds
        width, height = (max_x - min_x) * PART_FRACTION, (max_y - min_y) * PART_FRACTION
        x_range = {-1: (min_x, min_x + width), 0: (min_x, max_x), 1: (max_x - width, max_x)}[east]
        y_range = {-1: (min_y, min_y + height), 0: (min_y, max_y), 1: (max_y - height, max_y)}[north]
        part = whole.geometry.intersection(box(x_range[0], y_range[0], x_range[1], y_range[1]))
        if not part.is_empty:
            centre = part.centroid if part.contains(part.centroid) else part.representative_point()
            method = (f"derived: the {direction} third of the bounding box of {whole.id}'s shape, "
                      "clipped to the shape; point = its centroid")
            return part, (round(centre.y, 5), round(centre.x, 5)), method
    if not whole.located:
        return None, None, f"derived: {whole.id} has no location"
    offset_km = PART_OFFSET_KM.get(whole.type, 1.0)
    scale = math.hypot(east, north)
    lat = whole.lat + north / scale * offset_km / 111.32
    lon = whole.lon + east / scale * offset_km / (111.32 * math.cos(math.radians(whole.lat)))
    method = f"derived: {whole.id}'s point moved {offset_km} km {direction}"
    return None, (round(lat, 5), round(lon, 5)), method


def _part_method(part: Place) -> str:
    return "derived" if "~" in part.id else "normalised"


_NAME = re.compile(r"[^\W_][\w" + APOSTROPHES + r"\-]*(?:\s+(?:(?:al|el|ad|as|ash|az|an|ar|at)[\s-]+)?"
                   r"[A-ZÀ-ÖØ-Þ][\w" + APOSTROPHES + r"\-]*)*")


def _name_end(text: str, position: int) -> int:
    """End of the capitalised name starting at `position` (words, hyphens, articles)."""
    match = _NAME.match(text, position)
    return match.end() if match else position


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < other_end and other_start < end for other_start, other_end in spans)


def _with_text(text: str, mention: Mention) -> Mention:
    return Mention(text[mention.start:mention.end], mention.start, mention.end, mention.place_id,
                   mention.confidence, mention.method)


def _without_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Sorted by start; of overlapping mentions the longer (then the earlier) is kept."""
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not _overlaps(mention.start, mention.end, [(m.start, m.end) for m in kept]):
            kept.append(mention)
    return sorted(kept, key=lambda m: m.start)

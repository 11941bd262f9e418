"""The optional online fallback for names the gazetteer lacks: a geopy geocoder behind a JSON cache.

The cache file holds every answer (including "not found"), keyed by language and name, written
with sorted keys so that it diffs cleanly and a rerun asks the network nothing.
"""
from __future__ import annotations

import json
from pathlib import Path

from geopy.exc import GeopyError
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import Nominatim

from geomap.models import Place

from .names import slug

DEFAULT_USER_AGENT = "geomap/0.1 (news mapping; offline-first gazetteer fallback)"
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
    return Place(id=f"geocoded-{slug(name)}", type=ADDRESS_TYPES.get(record["addresstype"], "town"),
                 names=(name,), lat=record["lat"], lon=record["lon"],
                 source=f"geocoder {geocoder_name}: {record['address']}", licence=licence,
                 notes="method: geocoder (online lookup, not curated)")

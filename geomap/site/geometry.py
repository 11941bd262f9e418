"""Points, bearings, route arrowheads and GeoJSON geometry for the maps (distances: geomap.geo)."""
from __future__ import annotations

import math
from typing import Any, Mapping

from shapely.geometry import mapping

from geomap.geo import LatLon
from geomap.models import Place


def place_point(place_id: str | None, places: Mapping[str, Place]) -> LatLon | None:
    """(lat, lon) of a located place, else None."""
    place = places.get(place_id) if place_id else None
    if place is None or not place.located:
        return None
    return (round(float(place.lat), 6), round(float(place.lon), 6))


def bearing_deg(a: LatLon, b: LatLon) -> float:
    """Initial compass bearing from a to b, 0 = north, clockwise."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    y = math.sin(lon2 - lon1) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(lon2 - lon1)
    return math.degrees(math.atan2(y, x)) % 360


def screen_angle_deg(a: LatLon, b: LatLon) -> float:
    """Direction of the segment a->b as drawn on a Web Mercator map (0 = up, clockwise).

    Mercator is conformal, so this angle holds at every zoom level.
    """
    def mercator_y(lat: float) -> float:
        return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))
    dx = math.radians(b[1] - a[1])
    dy = mercator_y(b[0]) - mercator_y(a[0])
    return round(math.degrees(math.atan2(dx, dy)) % 360, 1)


def arrowheads(points: tuple[LatLon, ...]) -> list[tuple[float, float, float]]:
    """(lat, lon, angle) of an arrowhead on each leg, at 60 % of it, and at the destination."""
    heads = []
    for start, end in zip(points, points[1:]):
        if start == end:
            continue
        angle = screen_angle_deg(start, end)
        heads.append((round(start[0] + 0.6 * (end[0] - start[0]), 6),
                      round(start[1] + 0.6 * (end[1] - start[1]), 6), angle))
        heads.append((end[0], end[1], angle))
    return heads


_ROUNDED: dict[int, tuple[Any, dict | None]] = {}   # id(geometry) -> (geometry, its GeoJSON)
ROUNDED_KEPT = 20000   # geometries kept converted (a gazetteer has hundreds; builds in one process add up)


def geojson_geometry(geometry: Any) -> dict | None:
    """A shapely geometry as a GeoJSON dict, coordinates rounded to ~1 m.

    Each geometry is converted once: every dated map, the slider and the exports share the
    result, which must not be modified (the cache holds the geometry, so its id is not
    reused while cached)."""
    if geometry is None:
        return None
    cached = _ROUNDED.get(id(geometry))
    if cached is None or cached[0] is not geometry:
        if len(_ROUNDED) >= ROUNDED_KEPT:
            _ROUNDED.clear()
        cached = _ROUNDED[id(geometry)] = (geometry, _rounded_geojson(geometry))
    return cached[1]


def _rounded_geojson(geometry: Any) -> dict | None:
    if geometry.is_empty:
        return None
    def rounded(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return [rounded(item) for item in value]
        return round(value, 5) if isinstance(value, float) else value
    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": rounded(shape["coordinates"])}

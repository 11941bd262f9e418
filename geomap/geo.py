"""Distances on the Earth: the one great-circle formula the gazetteer and the maps share."""
from __future__ import annotations

import math

LatLon = tuple[float, float]
EARTH_RADIUS_KM = 6371.0


def distance_km(first: LatLon, second: LatLon) -> float:
    """Great-circle distance between two (lat, lon) points, in km (haversine formula).

    Parameters
    ----------
    first, second : tuple of float
        (latitude, longitude) in degrees.

    Returns
    -------
    float
        The distance along the Earth's surface, on a sphere of radius EARTH_RADIUS_KM.
    """
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, h)))

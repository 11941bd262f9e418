"""The store of places: places by id in file order, their parents and points, and their parts.

A part is a place's side in a direction: curated (`parts.csv`: aleppo + west -> west-aleppo) or
derived on first use (aleppo~south: that third of the place's shape, or its point moved).
"""
from __future__ import annotations

import math
from typing import Iterator

from shapely.geometry import box

from geomap.models import Place

DIRECTION_VECTORS = {"north": (0, 1), "south": (0, -1), "east": (1, 0), "west": (-1, 0),
                     "north-west": (-1, 1), "north-east": (1, 1), "south-west": (-1, -1),
                     "south-east": (1, -1)}
# a slice of a place's bounding box is a "part" of it (the western third...)
PART_FRACTION = 1 / 3
# how far from the point a part is put when the whole has no shape, by the whole's type (km)
PART_OFFSET_KM = {"neighbourhood": 0.5, "landmark": 0.2, "district": 1.5, "region": 3, "town": 1.5,
                  "city": 3, "governorate": 40, "country": 300}
NAME_LANGUAGE = "en"   # the label of a derived part that becomes its name (names are English)


class PlaceStore:
    """Places by id, the curated parts, and the derived parts made so far.

    `part_labels` maps a language to its label template ("{place} ({direction})") and its names
    of the directions, for the labels of derived parts.
    """

    def __init__(self, places: list[Place], parts: dict[tuple[str, str], str],
                 part_labels: dict[str, tuple[str, dict[str, str]]]):
        self.places = {place.id: place for place in places}
        self.order = [place.id for place in places]
        self.parts = parts
        self._part_labels = part_labels
        self._derived: dict[str, Place] = {}

    def get(self, place_id: str) -> Place:
        """The place with this id; derived parts ("aleppo~west") are made on first use."""
        if place_id in self.places:
            return self.places[place_id]
        if place_id in self._derived:
            return self._derived[place_id]
        whole_id = self.whole_of(place_id)
        if whole_id != place_id:
            return self.part(whole_id, str(place_id).partition("~")[2])
        raise KeyError(place_id)

    def whole_of(self, place_id: str) -> str:
        """The place a derived part ("syria~east") was cut from; any other id itself."""
        whole_id, _, direction = str(place_id).partition("~")
        return whole_id if direction in DIRECTION_VECTORS and whole_id in self.places else place_id

    def __contains__(self, place_id) -> bool:
        try:
            self.get(place_id)
        except KeyError:
            return False
        return True

    def __iter__(self) -> Iterator[Place]:
        return (self.places[place_id] for place_id in self.order)

    def __len__(self) -> int:
        return len(self.order)

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

    def part_or_none(self, whole_id: str, direction: str) -> Place | None:
        """The part, unless it is not curated and the whole has neither shape nor point."""
        whole = self.get(whole_id)
        if (whole_id, direction) not in self.parts and not (whole.geometry or whole.located):
            return None
        return self.part(whole_id, direction)

    def part(self, whole_id: str, direction: str) -> Place:
        """The curated part (west-aleppo) or the derived one (aleppo~west), kept for get()."""
        if (whole_id, direction) in self.parts:
            return self.get(self.parts[(whole_id, direction)])
        part_id = f"{whole_id}~{direction}"
        if part_id not in self._derived:
            self._derived[part_id] = self._derive_part(self.get(whole_id), direction, part_id)
        return self._derived[part_id]

    def _derive_part(self, whole: Place, direction: str, part_id: str) -> Place:
        geometry, point, method = _slice(whole, direction)
        labels = {language: template.format(place=whole.label(language), direction=names[direction])
                  for language, (template, names) in self._part_labels.items()}
        return Place(id=part_id, type="region" if whole.type in ("governorate", "country") else "district",
                     names=(labels.get(NAME_LANGUAGE, part_id),), labels=labels, parent=whole.id,
                     lat=point[0] if point else None, lon=point[1] if point else None,
                     geometry=geometry, source=f"derived from {whole.id} ({whole.source})",
                     licence=whole.licence, notes=method)


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

"""The gazetteer checks behind `geomap check`: coordinates, parents, shapes and alias collisions."""
from __future__ import annotations

from geomap.geo import distance_km
from geomap.models import Place

from .aliases import Alias, AliasIndex
from .store import PlaceStore

# farthest a located place may lie from its located parent, by the parent's type, before
# check() reports it (km); country points are poles of inaccessibility, so they are not checked
PARENT_DISTANCE_KM = {"city": 30, "town": 30, "district": 30, "region": 30, "governorate": 250}


def problems(store: PlaceStore, index: AliasIndex, reading_problems: list[str]) -> list[str]:
    """The problems found reading the files, then those of the places, then alias collisions."""
    found = list(reading_problems)
    for place in store:
        found += _coordinate_problems(place)
        if place.parent and place.parent not in store.places:
            found.append(f"{place.id}: parent {place.parent!r} does not exist")
        elif place.parent:
            found += _parent_distance_problems(store, place)
        if place.geometry is not None and not place.geometry.is_valid:
            found.append(f"{place.id}: invalid shape")
    return found + _alias_collisions(store, index)


def _valid_point(place: Place) -> bool:
    return -90 <= place.lat <= 90 and -180 <= place.lon <= 180


def _coordinate_problems(place: Place) -> list[str]:
    if (place.lat is None) != (place.lon is None):
        return [f"{place.id}: only one of lat/lon is given"]
    if place.located and not _valid_point(place):
        return [f"{place.id}: coordinates out of range ({place.lat}, {place.lon})"]
    return []


def _parent_distance_problems(store: PlaceStore, place: Place) -> list[str]:
    parent = store.places[place.parent]
    limit = PARENT_DISTANCE_KM.get(parent.type)
    if not (limit and place.located and parent.located and _valid_point(place)
            and _valid_point(parent)):
        return []
    distance = distance_km((place.lat, place.lon), (parent.lat, parent.lon))
    if distance > limit:
        return [f"{place.id}: {distance:.0f} km from its parent {parent.id} (limit {limit} km)"]
    return []


def _alias_collisions(store: PlaceStore, index: AliasIndex) -> list[str]:
    """Aliases spelt alike (up to case, accents, articles) that name two places of a type.
    Aliases that only share the phonetic key are told apart by their exact spelling."""
    found = []
    for _, entries in index.items():
        by_type: dict[tuple, list[Alias]] = {}
        for entry in entries:
            by_type.setdefault((store.places[entry.place_id].type, entry.plain), []).append(entry)
        for (kind, _), same_type in sorted(by_type.items()):
            if len(same_type) > 1:
                names = ", ".join(f"{entry.place_id} ({entry.text!r})" for entry in same_type)
                found.append(f"alias {same_type[0].text!r} names several {kind} places: {names}")
    return found

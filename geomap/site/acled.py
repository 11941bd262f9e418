"""The ACLED-style columns of events.csv, beside geomap's own: what data desks load first.

ACLED (the Armed Conflict Location & Event Data project) publishes one row per event with
`event_date, event_type, sub_event_type, actor1, actor2, admin1, location, latitude,
longitude, geo_precision, time_precision, source, notes, fatalities`. geomap fills them from
its events as far as it knows, and leaves a cell empty rather than guess:

    event_type, sub_event_type   from geomap's type (`ACLED_TYPES`); a control change is a
                                 battle whose sub-type ACLED gives by who takes the ground
                                 (government or not): the config's sides do not say, left empty
    actor1, actor2               the side taking and the side losing a control change, else
                                 the first two actors; by their English label
    admin1                       the governorate the place lies in (the gazetteer's parents)
    geo_precision                1 a neighbourhood, landmark, town or city; 2 a district or a
                                 part of one; 3 a region, governorate or country (ACLED's codes)
    time_precision               1 the day; 2 a window of a week at most; 3 longer or unknown
    fatalities                   empty: geomap does not count the dead
"""
from __future__ import annotations

from geomap.models import Event

ACLED_FIELDS = ["event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location",
                "latitude", "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities"]

ACLED_TYPES = {
    "clash": ("Battles", "Armed clash"),
    "control_change": ("Battles", ""),
    "strike": ("Explosions/Remote violence", ""),
    "ceasefire": ("Strategic developments", "Agreement"),
    "diplomacy": ("Strategic developments", "Other"),
    "evacuation": ("Strategic developments", "Other"),
    "displacement": ("Strategic developments", "Other"),
}
EXACT_TYPES = {"neighbourhood", "landmark", "town", "city", "village"}
NEAR_TYPES = {"district"}
WEEK_DAYS = 7


def admin1(place_id: str | None, gazetteer) -> str:
    """The name of the governorate a place lies in (itself when it is one), else ''."""
    seen = set()
    while place_id and place_id in gazetteer and place_id not in seen:
        seen.add(place_id)
        place = gazetteer.get(place_id)
        if place.type == "governorate":
            return place.names[0]
        place_id = place.parent
    return ""


def geo_precision(place_id: str | None, gazetteer) -> str:
    """ACLED's 1, 2 or 3 for the place an event is at ('' when it is not located)."""
    if not place_id or place_id not in gazetteer or not gazetteer.get(place_id).located:
        return ""
    kind = gazetteer.get(place_id).type
    if "~" in place_id or kind in NEAR_TYPES:        # "aleppo~south": a part of a place
        return "2"
    return "1" if kind in EXACT_TYPES else "3"


def time_precision(event: Event) -> str:
    """ACLED's 1 (the day), 2 (a week at most) or 3 (longer, or unknown)."""
    if event.date is None:
        return ""
    if event.precision == "day":
        return "1"
    if event.window and (event.window[1] - event.window[0]).days <= WEEK_DAYS:
        return "2"
    return "3"


def actor_pair(event: Event, label) -> tuple[str, str]:
    """(actor1, actor2): taker and loser of a control change, else the first two actors."""
    if event.type == "control_change" and event.to:
        return label(event.to), label(event.from_) if event.from_ else ""
    actors = sorted(event.actors)
    return (label(actors[0]) if actors else "", label(actors[1]) if len(actors) > 1 else "")


def acled_row(event: Event, gazetteer, point: tuple[float, float] | None, label, place_id: str | None) -> dict:
    """The ACLED-style cells of one event; `point` is (lon, lat) or None, `label` names an actor,
    `place_id` is where the event is (a route's origin)."""
    event_type, sub_type = ACLED_TYPES.get(event.type, ("", ""))
    actor1, actor2 = actor_pair(event, label)
    location = gazetteer.get(place_id).names[0] if place_id and place_id in gazetteer else event.place_text
    return {
        "event_date": event.date.isoformat() if event.date else "", "event_type": event_type,
        "sub_event_type": sub_type, "actor1": actor1, "actor2": actor2, "admin1": admin1(place_id, gazetteer),
        "location": location, "latitude": point[1] if point else "", "longitude": point[0] if point else "",
        "geo_precision": geo_precision(place_id, gazetteer), "time_precision": time_precision(event),
        "source": "; ".join(dict.fromkeys(s.outlet or s.article for s in event.sources)),
        "notes": " | ".join(s.sentence for s in event.sources if s.sentence), "fatalities": "",
    }

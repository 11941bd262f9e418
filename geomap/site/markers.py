"""What goes on a map: each event as a mark (layer, symbol, points, texts), the off-map
panel's lines, the places mentioned, the days that have events, and the framing.

Framing. The view is fitted on the events within `SiteSettings.local_radius_km` of the focus
only. Events further away are still drawn (zooming out shows them) but they do not enter the
bounds, so a summit in a far capital does not shrink the city to a dot; the off-map panel
lists them with an arrow pointing their way and their distance. A second inset map was
rejected: it doubles the page weight and says less than "Moscow, 1 150 km north".

Events at one place. The symbols of a day's events that start at the same point are set apart
by a fixed pixel offset (`spread`): around a ring for a few, on a sunflower spiral for many, in
the events' sorted order, so each can be clicked or reached by Tab and the same input draws the
same picture at every zoom. The point itself stays where it is (the places layer marks it).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Iterable, Mapping

from geomap.geo import LatLon, distance_km
from geomap.models import EVENT_TYPES, Event, Place
from geomap.site.areas import AreaState
from geomap.site.escape import esc
from geomap.site.geometry import bearing_deg, place_point
from geomap.site.popups import accessible_name, event_heading, popup_html, sorted_sources, tooltip_text
from geomap.site.settings import SiteSettings
from geomap.site.symbols import ROUTE_COLOURS, SYMBOL_COLOURS, symbol_key, symbol_svg
from geomap.site.ui import format_number, load_ui, place_label

# Layers in the order of the layer switcher; event type -> layer.
LAYERS = ("territory", "changes", "evacuation", "strike", "clash", "diplomacy",
          "displacement", "places")
EVENT_LAYER = {"control_change": "changes", "evacuation": "evacuation", "strike": "strike",
               "clash": "clash", "ceasefire": "diplomacy", "diplomacy": "diplomacy",
               "displacement": "displacement"}
EVENT_TYPE_ORDER = EVENT_TYPES  # the order pages list the types in


@dataclass(frozen=True)
class Mark:
    """One event as drawn: its layer, symbol, geometry (1 point or a route) and texts."""
    layer: str
    symbol: str
    points: tuple[LatLon, ...]
    popup: str                      # escaped HTML
    tooltip: str                    # escaped HTML
    people_label: str               # '4 000 personnes' on routes, else ''
    route_colour: str
    planned: bool
    local: bool
    name: str = ""                  # plain text for screen readers: 'Strike, Al Amiriyah, 12 December 2016'
    offset: tuple[int, int] = (0, 0)   # pixels the symbol is moved by (x right, y down): `spread`


SPREAD_RING_PX = 16                 # radius of the ring of a few symbols at one point
SPREAD_RING_MAX = 6                 # more than this: a sunflower spiral
SPREAD_SPIRAL_PX = 15               # spacing of the spiral (symbols are 24 px wide)


def spread_offsets(count: int) -> list[tuple[int, int]]:
    """Pixel offsets of `count` symbols that share a point: none for one, a ring for a few
    (the first at the top, clockwise), a sunflower spiral beyond `SPREAD_RING_MAX`."""
    if count <= 1:
        return [(0, 0)] * count
    offsets = []
    for index in range(count):
        if count <= SPREAD_RING_MAX:
            radius, angle = SPREAD_RING_PX, -math.pi / 2 + 2 * math.pi * index / count
        else:
            radius, angle = SPREAD_SPIRAL_PX * math.sqrt(index + 0.5), index * math.radians(137.508)
        offsets.append((round(radius * math.cos(angle)), round(radius * math.sin(angle))))
    return offsets


def spread(marks: list[Mark]) -> list[Mark]:
    """The marks, those whose symbols share a point (to about a metre) set apart (`spread_offsets`)."""
    groups: dict[tuple[float, float], list[int]] = {}
    for index, mark in enumerate(marks):
        groups.setdefault((round(mark.points[0][0], 5), round(mark.points[0][1], 5)), []).append(index)
    result = list(marks)
    for indexes in groups.values():
        for index, offset in zip(indexes, spread_offsets(len(indexes))):
            result[index] = replace(marks[index], offset=offset)
    return result


@dataclass(frozen=True)
class OffMapEntry:
    """An event listed in the off-map panel: far away, or not located at all."""
    symbol: str
    text: str                       # escaped HTML
    bearing: float | None           # compass bearing from the focus, None when unlocated


def event_sort_key(event: Event) -> tuple:
    """A total, input-order-independent order of events."""
    return (event.date or date.max, EVENT_TYPE_ORDER.index(event.type)
            if event.type in EVENT_TYPE_ORDER else len(EVENT_TYPE_ORDER), event.type,
            event.id, event.place_id or "", event.route, event.status,
            tuple((s.article, s.start) for s in sorted_sources(event)))


def is_local(point: LatLon, settings: SiteSettings) -> bool:
    """Within the framed radius around the focus; without a focus every point is local."""
    return settings.focus is None or distance_km(point, settings.focus) <= settings.local_radius_km


def event_points(event: Event, places: Mapping[str, Place]) -> tuple[LatLon, ...]:
    """The located route (origin, stops, destination) or the event's point; () if unlocated."""
    route = tuple(p for p in (place_point(pid, places) for pid in event.route) if p)
    if len(route) >= 2:
        return route
    point = place_point(event.place_id, places) or (route[0] if route else None)
    return (point,) if point else ()


def event_mark(event: Event, places: Mapping[str, Place], settings: SiteSettings) -> Mark | None:
    """How an event is drawn, or None when none of its places is located."""
    points = event_points(event, places)
    if not points:
        return None
    ui = load_ui(settings.language)
    people = (ui["popup"]["people_count"].format(count=format_number(event.people, ui))
              if event.people is not None and len(points) >= 2 else "")
    return Mark(layer=EVENT_LAYER.get(event.type, "other"), symbol=symbol_key(event),
                points=points, popup=popup_html(event, places, settings),
                tooltip=tooltip_text(event, places, settings), people_label=esc(people),
                route_colour=ROUTE_COLOURS.get(event.type, SYMBOL_COLOURS["other"]),
                planned=event.status == "planned",
                local=any(is_local(point, settings) for point in points),
                name=accessible_name(event, places, settings))


def off_map_entry(event: Event, places: Mapping[str, Place],
                  settings: SiteSettings) -> OffMapEntry | None:
    """The off-map panel line of an event that is far away or unlocated, else None."""
    ui = load_ui(settings.language)
    points = event_points(event, places)
    heading = event_heading(event, ui)
    if not points:
        where = event.place_text or place_label(event.place_id, places, settings.language)
        text = f"{heading} — {where} ({ui['popup']['unlocated']})" if where else heading
        return OffMapEntry(symbol_key(event), esc(text), None)
    far = [p for p in points if not is_local(p, settings)]
    if not far:
        return None
    target = far[-1]
    target_id = next((pid for pid in reversed(event.route or (event.place_id,))
                      if place_point(pid, places) == target), event.place_id)
    bearing = bearing_deg(settings.focus, target)
    direction = ui["compass"][int((bearing + 22.5) // 45) % 8]
    where = ui["offmap"]["far"].format(
        place=place_label(target_id, places, settings.language),
        distance=format_number(int(round(distance_km(settings.focus, target), -1)), ui),
        direction=direction, focus=settings.focus_name)
    return OffMapEntry(symbol_key(event), esc(f"{heading} — {where}"), round(bearing, 1))


def off_map_html(entries: list[OffMapEntry], ui: dict) -> str:
    """The list inside the off-map panel ('' when nothing is off the map)."""
    if not entries:
        return ""
    items = []
    for entry in entries:
        arrow = (f'<span class="gm-bearing" aria-hidden="true" '
                 f'style="transform:rotate({entry.bearing}deg)">↑</span>'
                 if entry.bearing is not None else "")
        items.append(f"<li>{symbol_svg(entry.symbol, 16)}{arrow} {entry.text}</li>")
    return "<ul>" + "".join(items) + "</ul>"


def mentioned_places(events: Iterable[Event], places: Mapping[str, Place],
                     language: str) -> list[tuple[str, LatLon, str]]:
    """(id, point, escaped label) of every located place the events name, sorted by id."""
    ids = {pid for event in events for pid in (event.place_id, *event.route) if pid}
    found = [(pid, place_point(pid, places)) for pid in sorted(ids)]
    return [(pid, point, esc(place_label(pid, places, language)))
            for pid, point in found if point]


def local_bounds(marks: list[Mark], areas: list[AreaState], places: Mapping[str, Place],
                 settings: SiteSettings) -> list[list[float]]:
    """[[south, west], [north, east]] of the local marks; the areas or the focus when none."""
    points = [p for mark in marks for p in mark.points if is_local(p, settings)]
    if not points:
        for state in areas:
            minx, miny, maxx, maxy = places[state.area_id].geometry.bounds
            points += [(miny, minx), (maxy, maxx)]
    if not points:
        points = [settings.focus or (0.0, 0.0)]
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    half_lat = max(0.01, (north - south) * 0.55)      # 10 % margin, at least ~1 km
    half_lon = max(0.012, (east - west) * 0.55)
    return [[round(mid_lat - half_lat, 5), round(mid_lon - half_lon, 5)],
            [round(mid_lat + half_lat, 5), round(mid_lon + half_lon, 5)]]


def day_events(events: list[Event], day: date) -> list[Event]:
    """The events dated on a day, sorted."""
    return sorted((e for e in events if e.date == day), key=event_sort_key)


def dated_days(events: list[Event]) -> list[date]:
    """Every date that has at least one event, ascending."""
    return sorted({e.date for e in events if e.date is not None})

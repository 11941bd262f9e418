"""Publish events and territorial control as a small static web site.

Layout written under the output folder (see `write_site`):

    index.html          the dates, a one-line summary of each, links, copyable embed snippets,
                        and the events that have no date (they never go on a dated map)
    maps/YYYY-MM-DD.html one Leaflet map (via folium) per date that has events
    timeline.html       one map with a date slider (geomap/timeline.py)

Page structure of a map page, top to bottom (the same for dated maps and the timeline):

    <header>  site title, the date heading (the timeline adds its player controls here)
    <div class="folium-map">  the map, with Leaflet controls inside it:
        top right     the layer switcher: territory by faction, changes of the day,
                      evacuation routes, strikes, clashes, ceasefires & diplomacy,
                      displacement, places mentioned (and "other" when a new type appears)
        top left      zoom, then the "off the map" panel: events too far from Aleppo to be
                      framed (Moscow, Geneva, Ankara...) with their distance and direction,
                      and events whose place could not be located
        bottom left   the legend: factions (colour AND fill pattern) with their share of the
                      contested area, event symbols (shape AND colour), route and "planned"
        bottom right  tile attribution: OpenStreetMap only (one short line)
    <footer>  the articles the day's events were read in, linked when their URL is http(s),
              and the credits: map data and the gazetteer's (long) attribution

The left corners share the map's height (top 45 %, bottom the rest): a long off-map list or
legend scrolls inside its box instead of running over the other corner or the scale bar.
The panels are written in the body and moved into the map by Leaflet; until then they are
hidden (`body > .gm-control`), or they would squeeze the map while Leaflet measures it.

Framing. The view is fitted on the events within `SiteSettings.local_radius_km` of Aleppo
only. Events further away are still drawn (zooming out shows them) but they do not enter the
bounds, so a summit in Moscow does not shrink Aleppo to a dot; the off-map panel lists them
with an arrow pointing their way and their distance. A second inset map was rejected: it
doubles the page weight and says less than "Moscow, 1 150 km north".

Honesty. Planned events (status "planned") are drawn hollow and dashed and say "announced /
planned" wherever they appear; attempted and failed ones say so in their popup. Territory is
what the control stage computed from the events, and the legend says so.

Safety. Every string that comes from an article (quotes, titles, outlets, actors, place names
as written) is untrusted. It is HTML-escaped for HTML text and attributes, only http(s) URLs
become links, and text that goes into a <script> is JSON with <, >, & and the JS line
separators escaped (`script_json`). folium's own Popup/Tooltip put HTML into a JavaScript
template literal, where `${...}` would run; they are never used here: `BoundContent` binds
popups and tooltips from JSON strings instead. Untrusted text is never used as a jinja
template either (branca's `Element(text)` would evaluate `{{ ... }}` in it).

Determinism. branca gives every element a random id; `deterministic_ids` replaces the id
generator with a counter (branca's `Element._generate_id` hook) while a page is built and
rendered, so the same input gives the same bytes. Events, places and areas are sorted.
"""
from __future__ import annotations

import contextlib
import html
import itertools
import json
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator, Mapping
from urllib.parse import urlsplit

import folium
import yaml
from branca.element import Element, Figure, MacroElement
from jinja2 import Template
from shapely.geometry import mapping

from geomap import assets
from geomap.models import ControlSnapshot, Event, Place, Source

ALEPPO = (36.2021, 37.1343)   # citadel, (lat, lon)

DEFAULT_FACTIONS: dict[str, dict] = {
    "government": {"colour": "#d7301f", "pattern": "diagonal",
                   "label": {"fr": "Gouvernement et alliés", "en": "Government and allies"}},
    "rebels": {"colour": "#1a9850", "pattern": "dots",
               "label": {"fr": "Rebelles", "en": "Rebels"}},
    "isis": {"colour": "#252525", "pattern": "cross",
             "label": {"fr": "État islamique", "en": "Islamic State"}},
    "kurds": {"colour": "#fdb827", "pattern": "horizontal",
              "label": {"fr": "Forces kurdes", "en": "Kurdish forces"}},
    "contested": {"colour": "#969696", "pattern": "hatch",
                  "label": {"fr": "Disputé", "en": "Contested"}},
    "unknown": {"colour": "#d9d9d9", "pattern": "plain",
                "label": {"fr": "Inconnu", "en": "Unknown"}},
}

# Layers in the order of the layer switcher; event type -> layer.
LAYERS = ("territory", "changes", "evacuation", "strike", "clash", "diplomacy",
          "displacement", "places")
EVENT_LAYER = {"control_change": "changes", "evacuation": "evacuation", "strike": "strike",
               "clash": "clash", "ceasefire": "diplomacy", "diplomacy": "diplomacy",
               "displacement": "displacement"}
EVENT_TYPE_ORDER = ("control_change", "evacuation", "strike", "clash", "ceasefire",
                    "diplomacy", "displacement")

# Event symbols: a distinct shape per type (never colour alone), Okabe-Ito colours.
SYMBOL_PATHS = {
    "control_change": "M5 2h2v1h12l-4 5 4 5H7v9H5z",                           # flag
    "evacuation": "M4 4h16v16H4z",                                             # square
    "strike": "",                                                              # burst, computed
    "clash": "M4 7l3-3 5 5 5-5 3 3-5 5 5 5-3 3-5-5-5 5-3-3 5-5z",              # cross
    "ceasefire": "M12 2a10 10 0 1 0 0.01 0z",                                  # circle
    "diplomacy": "M12 1l11 11-11 11L1 12z",                                    # diamond
    "displacement": "M12 2l10 19H2z",                                          # triangle
    "other": "M9 2h6v7h7v6h-7v7H9v-7H2V9h7z",                                  # plus
}
SYMBOL_COLOURS = {"control_change": "#000000", "evacuation": "#0072b2", "strike": "#d55e00",
                  "clash": "#cc79a7", "ceasefire": "#56b4e9", "diplomacy": "#009e73",
                  "displacement": "#e69f00", "other": "#7f7f7f"}
ROUTE_COLOURS = {"evacuation": "#0072b2", "displacement": "#e69f00"}
PATTERN_SIZE = 8


@dataclass(frozen=True)
class SiteSettings:
    """How the site looks: title, language, faction styles, attribution, framing."""
    title: str = "Aleppo, December 2016"
    language: str = "fr"                 # UI language of pages: "fr" or "en"
    factions: dict[str, dict] = field(default_factory=lambda: dict(DEFAULT_FACTIONS))
    attribution: str = ""                # gazetteer data attribution line
    self_contained: bool = False         # inline scripts and styles (geomap/assets.py)
    base_url: str = ""                   # prefix of the iframe src in embed snippets
    focus: tuple[float, float] = ALEPPO  # (lat, lon) the maps are framed around
    focus_name: str = "Alep"             # its name in the UI language, for "1 200 km from …"
    local_radius_km: float = 50.0        # events further than this are listed off-map


# --------------------------------------------------------------------------- text helpers

@lru_cache(maxsize=None)
def load_ui(language: str) -> dict:
    """The UI strings of one language, from geomap/lang/<language>/ui.yaml."""
    path = Path(__file__).parent / "lang" / language / "ui.yaml"
    if not path.is_file():
        raise ValueError(f"no UI strings for language {language!r} ({path})")
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def esc(text: Any) -> str:
    """Escape text for HTML text and quoted attribute values.

    Besides html.escape, '{' and '`' become character references: branca re-reads the output
    of every MacroElement macro as a jinja template (so '{{ ... }}' in a quote would run on
    the build machine), and folium puts some HTML in JavaScript template literals.
    """
    escaped = html.escape("" if text is None else str(text), quote=True)
    return escaped.replace("{", "&#123;").replace("`", "&#96;")


_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script> rendered by branca.

    No '</script>' or '<!--' (<, >, & escaped), no raw U+2028/2029, and no jinja opener
    ('{{', '{%', '{#'), which branca would evaluate when it re-reads a macro's output. In
    compact JSON an object's '{' is always followed by '"' or '}', so any '{' followed by
    '{', '%' or '#' is inside a string, where '\\u007b' means the same.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return _JINJA_OPENER.sub(r"\\u007b", text)


_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (javascript:, data:, relative...)."""
    if not url:
        return None
    cleaned = _URL_NOISE.sub("", url)       # browsers ignore tabs/newlines inside schemes
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def format_number(count: int, ui: dict) -> str:
    """4000 -> '4 000' (fr) or '4,000' (en)."""
    return f"{count:,}".replace(",", ui["number_group_separator"])


def format_day(day: date, ui: dict) -> str:
    """12 December 2016 / 1er décembre 2016."""
    day_text = ui["date"]["first_of_month"] if day.day == 1 else str(day.day)
    return ui["date"]["day"].format(day=day_text, month=ui["months"][day.month - 1],
                                    year=day.year)


def format_event_date(event: Event, ui: dict) -> str:
    """The event's date with its precision: exact day, 'around ...', a window, or unknown."""
    if event.date is None or event.precision == "unknown":
        if event.window:
            return ui["date"]["window"].format(start=format_day(event.window[0], ui),
                                               end=format_day(event.window[1], ui))
        return ui["date"]["unknown"]
    if event.precision == "approximate":
        if event.window and event.window[0] != event.window[1]:
            return ui["date"]["window"].format(start=format_day(event.window[0], ui),
                                               end=format_day(event.window[1], ui))
        return ui["date"]["approximate"].format(date=format_day(event.date, ui))
    return format_day(event.date, ui)


def type_label(event_type: str, ui: dict, count: int = 1) -> str:
    """'strike' / 'strikes' in the UI language; unknown types read as 'other event'."""
    forms = ui["types"].get(event_type, ui["types"]["other"])
    return forms["one"] if count == 1 else forms["other"]


def faction_label(faction: str | None, settings: SiteSettings) -> str:
    """The faction's label in the UI language; the raw name for an unconfigured faction."""
    if not faction:
        return load_ui(settings.language)["territory"]["unknown_before"]
    labels = settings.factions.get(faction, {}).get("label", {})
    return labels.get(settings.language) or labels.get("en") or faction


def place_label(place_id: str | None, places: Mapping[str, Place], language: str) -> str:
    """The place's label in the UI language, or its id when it is not in the gazetteer."""
    place = places.get(place_id) if place_id else None
    return place.label(language) if place else (place_id or "")


# --------------------------------------------------------------------------- geometry helpers

LatLon = tuple[float, float]


def place_point(place_id: str | None, places: Mapping[str, Place]) -> LatLon | None:
    """(lat, lon) of a located place, else None."""
    place = places.get(place_id) if place_id else None
    if place is None or not place.located:
        return None
    return (round(float(place.lat), 6), round(float(place.lon), 6))


def distance_km(a: LatLon, b: LatLon) -> float:
    """Great-circle distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


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


def geojson_geometry(geometry: Any) -> dict | None:
    """A shapely geometry as a GeoJSON dict, coordinates rounded to ~1 m."""
    if geometry is None or geometry.is_empty:
        return None
    def rounded(value: Any) -> Any:
        if isinstance(value, (list, tuple)):
            return [rounded(item) for item in value]
        return round(value, 5) if isinstance(value, float) else value
    shape = mapping(geometry)
    return {"type": shape["type"], "coordinates": rounded(shape["coordinates"])}


# --------------------------------------------------------------------------- symbols

def _burst_path() -> str:
    """An eight-pointed burst, the strike symbol."""
    corners = []
    for index in range(16):
        radius = 11 if index % 2 == 0 else 5
        angle = math.pi * index / 8
        corners.append(f"{12 + radius * math.sin(angle):.1f} {12 - radius * math.cos(angle):.1f}")
    return "M" + "L".join(corners) + "z"


SYMBOL_PATHS["strike"] = _burst_path()


def symbol_key(event: Event) -> str:
    """Which symbol draws an event: its type, plus '-planned' for announced events."""
    base = event.type if event.type in SYMBOL_PATHS else "other"
    return base + ("-planned" if event.status == "planned" else "")


def symbol_svg(key: str, size: int = 24, label: str = "") -> str:
    """Inline SVG of an event symbol; planned ones are hollow and dashed."""
    base, _, planned = key.partition("-")
    colour = SYMBOL_COLOURS[base]
    if planned:
        paint = f'fill="#ffffff" stroke="{colour}" stroke-width="2.2" stroke-dasharray="3 2"'
    else:
        paint = f'fill="{colour}" stroke="#ffffff" stroke-width="1.5"'
    role = f'role="img" aria-label="{esc(label)}"' if label else 'aria-hidden="true"'
    return (f'<svg class="gm-symbol" width="{size}" height="{size}" viewBox="-1 -1 26 26" '
            f'{role}><path d="{SYMBOL_PATHS[base]}" {paint}/></svg>')


def arrow_svg(colour: str, angle: float) -> str:
    """A small triangle pointing along a route leg (drawn by us, no plugin)."""
    return (f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
            f'style="transform:rotate({angle}deg)"><path d="M8 1L14 14L8 11L2 14z" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1"/></svg>')


def faction_pattern_id(faction: str) -> str:
    """The SVG <pattern> id that fills areas held by a faction."""
    return "gm-pattern-" + re.sub(r"[^a-z0-9_-]", "_", faction.lower())


def _motif_colour(hex_colour: str) -> str:
    """White motif on dark fills, black on light ones (kurds' amber, unknown's grey)."""
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def pattern_svg(pattern_id: str, colour: str, motif: str) -> str:
    """One <pattern>: the faction colour with a motif, so areas differ by more than hue."""
    ink = _motif_colour(colour) if colour.startswith("#") and len(colour) == 7 else "#000000"
    strokes = {
        "diagonal": f'<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="{ink}" stroke-width="1.4" stroke-opacity=".65"/>',
        "dots": f'<circle cx="4" cy="4" r="1.6" fill="{ink}" fill-opacity=".75"/>',
        "cross": f'<path d="M0 0l8 8M8 0l-8 8" stroke="{ink}" stroke-width="1.2" stroke-opacity=".6"/>',
        "horizontal": f'<path d="M0 4h8" stroke="{ink}" stroke-width="1.4" stroke-opacity=".5"/>',
        "hatch": f'<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="{ink}" stroke-width="2.2" stroke-opacity=".8"/>',
        "changed": '<path d="M-2 6l4 4M0 0l8 8M6 -2l4 4" stroke="#000000" stroke-width="1.6" stroke-opacity=".75"/>',
        "plain": "",
    }
    background = "" if colour == "none" else f'<rect width="8" height="8" fill="{colour}"/>'
    return (f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="{PATTERN_SIZE}" '
            f'height="{PATTERN_SIZE}">{background}{strokes.get(motif, "")}</pattern>')


def pattern_defs(settings: SiteSettings, factions: Iterable[str]) -> str:
    """Hidden inline SVG holding every fill pattern the page uses (Leaflet paths refer to them)."""
    patterns = [pattern_svg("gm-pattern-changed", "none", "changed")]
    for faction in sorted(set(factions)):
        style = faction_style(faction, settings)
        patterns.append(pattern_svg(faction_pattern_id(faction), style["colour"], style["pattern"]))
    return ('<svg class="gm-defs" width="0" height="0" aria-hidden="true" focusable="false">'
            "<defs>" + "".join(patterns) + "</defs></svg>")


def faction_style(faction: str, settings: SiteSettings) -> dict:
    """Colour and pattern of a faction; unconfigured factions look 'unknown'."""
    fallback = settings.factions.get("unknown", DEFAULT_FACTIONS["unknown"])
    style = settings.factions.get(faction) or fallback
    return {"colour": style.get("colour", fallback["colour"]),
            "pattern": style.get("pattern", DEFAULT_FACTIONS.get(faction, fallback).get("pattern", "plain"))}


def area_style(faction: str, settings: SiteSettings) -> dict:
    """Leaflet path style of an area held by a faction (pattern fill, faction outline)."""
    colour = faction_style(faction, settings)["colour"]
    return {"color": colour, "weight": 1.5, "opacity": 0.9,
            "fillColor": f"url(#{faction_pattern_id(faction)})", "fillOpacity": 0.6}


CHANGED_STYLE = {"color": "#000000", "weight": 3, "opacity": 1, "dashArray": "6 4",
                 "fillColor": "url(#gm-pattern-changed)", "fillOpacity": 1}


# --------------------------------------------------------------------------- popups

def _source_html(source: Source, ui: dict) -> str:
    """One source: outlet and title (a link only for http(s) URLs), date, the quoted sentence."""
    name = " — ".join(esc(part) for part in (source.outlet, source.title) if part) \
        or esc(source.article or ui["popup"]["unnamed_source"])
    url = safe_url(source.url)
    head = (f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'
            if url else name)
    published = f", {esc(format_day(source.published, ui))}" if source.published else ""
    quote = f"<blockquote>{esc(source.sentence)}</blockquote>" if source.sentence else ""
    return f"<li>{head}{published}{quote}</li>"


def sorted_sources(event: Event) -> list[Source]:
    """An event's sources in a stable order."""
    return sorted(event.sources, key=lambda s: (s.published or date.min, s.outlet or "",
                                                s.article, s.start, s.sentence))


def where_text(event: Event, places: Mapping[str, Place], language: str) -> str:
    """'Al Amiriyah → Ramouseh' for a route, the place label, or the place as written."""
    if len(event.route) >= 2:
        return " → ".join(place_label(pid, places, language) for pid in event.route)
    if event.place_id:
        return place_label(event.place_id, places, language)
    return event.place_text


def event_heading(event: Event, ui: dict) -> str:
    """'Strike' or 'Diplomatic event — announced / planned' (plain text)."""
    heading = type_label(event.type, ui)
    heading = heading[:1].upper() + heading[1:]
    status = ui["status"].get(event.status, event.status)
    return f"{heading} — {status}" if status else heading


def popup_html(event: Event, places: Mapping[str, Place], settings: SiteSettings) -> str:
    """The popup of an event: what, when (with precision), where, who, and every source."""
    ui = load_ui(settings.language)
    labels = ui["popup"]
    planned = " gm-planned" if event.status == "planned" else ""
    rows = [f'<p class="gm-what{planned}"><strong>{esc(event_heading(event, ui))}</strong></p>',
            f'<p class="gm-when">{esc(format_event_date(event, ui))}</p>']
    details = []
    where = where_text(event, places, settings.language)
    if where:
        details.append((labels["route" if len(event.route) >= 2 else "place"], where))
    if event.actors:
        details.append((labels["actors"], ", ".join(sorted(event.actors))))
    if event.to:
        details.append((labels["to"], faction_label(event.to, settings)))
    if event.from_:
        details.append((labels["from"], faction_label(event.from_, settings)))
    if event.people is not None:
        details.append((labels["people"], format_number(event.people, ui)))
    rows += [f"<p>{esc(name)}{esc(labels['colon'])}{esc(value)}</p>" for name, value in details]
    sources = "".join(_source_html(source, ui) for source in sorted_sources(event))
    if sources:
        rows.append(f'<p class="gm-sources-title">{esc(labels["sources"])}</p>'
                    f'<ul class="gm-sources">{sources}</ul>')
    return f'<div class="gm-popup">{"".join(rows)}</div>'


def tooltip_text(event: Event, places: Mapping[str, Place], settings: SiteSettings) -> str:
    """Short hover text of an event: 'Strike — Al Amiriyah' (escaped HTML)."""
    ui = load_ui(settings.language)
    where = where_text(event, places, settings.language)
    return esc(f"{event_heading(event, ui)} — {where}" if where else event_heading(event, ui))


# --------------------------------------------------------------------------- what goes on a map

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
    """Within the framed radius around the focus (Aleppo)."""
    return distance_km(point, settings.focus) <= settings.local_radius_km


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
                local=any(is_local(point, settings) for point in points))


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


def snapshot_as_of(day: date, snapshots: list[ControlSnapshot]) -> ControlSnapshot | None:
    """The latest snapshot on or before the day (control holds until the next snapshot)."""
    earlier = [snap for snap in snapshots if snap.date <= day]
    return max(earlier, key=lambda snap: snap.date) if earlier else None


def snapshot_before(day: date, snapshots: list[ControlSnapshot]) -> ControlSnapshot | None:
    """The latest snapshot strictly before the day."""
    earlier = [snap for snap in snapshots if snap.date < day]
    return max(earlier, key=lambda snap: snap.date) if earlier else None


@dataclass(frozen=True)
class AreaState:
    """One territory area on one date: who holds it and, if it changed that day, from whom."""
    area_id: str
    holder: str
    changed: bool
    tooltip: str                    # escaped HTML


def area_states(day: date, snapshots: list[ControlSnapshot], places: Mapping[str, Place],
                settings: SiteSettings) -> list[AreaState]:
    """Who holds each drawable area as of the day, sorted by area id."""
    ui = load_ui(settings.language)
    current = snapshot_as_of(day, snapshots)
    if current is None:
        return []
    previous = snapshot_before(day, snapshots)
    changed_today = set(current.changed) if current.date == day else set()
    states = []
    for area_id, holder in sorted(current.holder.items()):
        place = places.get(area_id)
        if place is None or geojson_geometry(place.geometry) is None:
            continue
        area = place.label(settings.language)
        if area_id in changed_today:
            before = previous.holder.get(area_id) if previous else None
            text = ui["territory"]["changed"].format(area=area, before=faction_label(before, settings),
                                                     after=faction_label(holder, settings))
        else:
            text = ui["territory"]["holder"].format(area=area, faction=faction_label(holder, settings))
        states.append(AreaState(area_id, holder, area_id in changed_today, esc(text)))
    return states


def local_bounds(marks: list[Mark], areas: list[AreaState], places: Mapping[str, Place],
                 settings: SiteSettings) -> list[list[float]]:
    """[[south, west], [north, east]] of the local marks; the areas or Aleppo when none."""
    points = [p for mark in marks for p in mark.points if is_local(p, settings)]
    if not points:
        for state in areas:
            minx, miny, maxx, maxy = places[state.area_id].geometry.bounds
            points += [(miny, minx), (maxy, maxx)]
    if not points:
        points = [settings.focus]
    south, north = min(p[0] for p in points), max(p[0] for p in points)
    west, east = min(p[1] for p in points), max(p[1] for p in points)
    mid_lat, mid_lon = (south + north) / 2, (west + east) / 2
    half_lat = max(0.01, (north - south) * 0.55)      # 10 % margin, at least ~1 km
    half_lon = max(0.012, (east - west) * 0.55)
    return [[round(mid_lat - half_lat, 5), round(mid_lon - half_lon, 5)],
            [round(mid_lat + half_lat, 5), round(mid_lon + half_lon, 5)]]


# --------------------------------------------------------------------------- branca elements

@contextlib.contextmanager
def deterministic_ids(prefix: str = "gm") -> Iterator[None]:
    """Give branca elements counter-based ids while a page is built and rendered.

    branca >= 0.8.2 draws ids in the classmethod `Element._generate_id`; it is swapped for a
    counter and restored afterwards. Not thread-safe: pages are built one at a time.
    """
    counter = itertools.count(1)
    original = Element.__dict__["_generate_id"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}{next(counter):06d}")
    try:
        yield
    finally:
        Element._generate_id = original


class Markup(Element):
    """Trusted, already-escaped HTML inserted as is (never parsed as a jinja template)."""
    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str):
        super().__init__()
        self._name = "Markup"
        self.markup = markup


class Page(Figure):
    """A branca Figure with <html lang>, an escaped <title> and a phone-friendly viewport."""
    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang|e }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>{{ this.title|e }}</title>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "</body>\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</html>\n")

    def __init__(self, title: str, lang: str):
        super().__init__(title=title)
        self._name = "Page"
        self.lang = lang
        del self.header._children["meta_http"]       # the template declares the charset

    def render(self, **kwargs) -> str:
        """Render, then let users zoom the page (folium's viewport forbids pinch-zoom)."""
        text = super().render(**kwargs)
        return re.sub(r",\s*maximum-scale=1\.0, user-scalable=no", "", text)


class LeafletMap(folium.Map):
    """A folium Map that loads Leaflet only (no jQuery, Bootstrap or icon fonts: unused here)."""
    default_js = [(name, url) for name, url in folium.Map.default_js if name == "leaflet"]
    default_css = [(name, url) for name, url in folium.Map.default_css if name == "leaflet_css"]


class BoundContent(MacroElement):
    """Bind a popup or tooltip to its parent layer from a JSON string (no template literal)."""
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.{{ this.method }}({{ this.content_json }}, {{ this.options_json }});
        {% endmacro %}
    """)

    def __init__(self, content_html: str, kind: str = "popup", **options: Any):
        super().__init__()
        self._name = "BoundContent"
        self.method = {"popup": "bindPopup", "tooltip": "bindTooltip"}[kind]
        self.content_json = script_json(content_html)
        defaults = {"maxWidth": 320} if kind == "popup" else {"sticky": True}
        self.options_json = script_json({**defaults, **options})


class MapControl(MacroElement):
    """Move a block of page HTML into a Leaflet control at a corner of the map."""
    _template = Template("""
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-control {{ this.css_class }}">{{ this.markup }}</div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position_json }}});
            control.onAdd = function () {
                var box = document.getElementById({{ this.id_json }});
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                var details = box.querySelector("details");
                if ({{ this.collapse_json }} && details && window.innerWidth < 640) {
                    details.open = false;          /* phones: the map first, legend on tap */
                }
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, markup: str, position: str, css_class: str,
                 collapse_on_phone: bool = False):
        super().__init__()
        self._name = "MapControl"
        self.markup = markup
        self.css_class = css_class
        self.position_json = script_json(position)
        self.collapse_json = script_json(collapse_on_phone)

    @property
    def id_json(self) -> str:
        return script_json(self.get_name())


class BodyBlock(MacroElement):
    """Trusted HTML placed in the page body after the map (the footer)."""
    _template = Template("{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}")

    def __init__(self, markup: str):
        super().__init__()
        self._name = "BodyBlock"
        self.markup = markup


class PageStyle(MacroElement):
    """The site's CSS: header/map/footer column, controls, legend, popups, symbols."""
    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "PageStyle"
        self.css = SITE_CSS


SITE_CSS = """
html, body { height: 100%; margin: 0; }
body { display: flex; flex-direction: column; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a; }
.gm-header { flex: 0 0 auto; padding: .4rem .75rem; background: #fff; border-bottom: 1px solid #ccc; }
.gm-header h1 { font-size: 1.05rem; margin: 0; }
.gm-header h2.gm-date { font-size: 1rem; font-weight: 600; margin: .1rem 0 0; }
.folium-map { flex: 1 1 auto; min-height: 240px; height: auto !important; position: relative !important; }
.gm-footer { flex: 0 0 auto; padding: .3rem .75rem; font-size: 12px; background: #fff; border-top: 1px solid #ccc; max-height: 30vh; overflow: auto; }
.gm-footer ul { margin: .2rem 0; padding-left: 1.2rem; }
.gm-defs { position: absolute; width: 0; height: 0; overflow: hidden; }
.gm-control { background: rgba(255,255,255,.95); padding: .35rem .5rem; border-radius: 4px; box-shadow: 0 1px 4px rgba(0,0,0,.35); font-size: 12px; max-width: 17rem; max-height: 45vh; overflow: auto; }
body > .gm-control { display: none; }
.leaflet-left.leaflet-top, .leaflet-left.leaflet-bottom { display: flex; flex-direction: column; align-items: flex-start; }
.leaflet-left.leaflet-top { max-height: 45%; }
.leaflet-left.leaflet-bottom { max-height: calc(55% - 12px); }
.leaflet-left .leaflet-control { flex: 0 0 auto; }
.leaflet-left .leaflet-control.gm-control { flex: 0 1 auto; min-height: 2.2rem; max-height: none; }
.gm-control summary { font-weight: 600; cursor: pointer; }
.gm-control ul { list-style: none; margin: .2rem 0; padding: 0; }
.gm-control li { display: flex; align-items: center; gap: .35rem; margin: .15rem 0; }
.gm-swatch { flex: 0 0 auto; border: 1px solid #555; }
.gm-share { color: #444; }
.gm-note { font-style: italic; color: #444; margin: .2rem 0; }
.gm-bearing { display: inline-block; font-weight: 700; }
.gm-offmap:empty { display: none; }
.gm-icon { background: none; border: none; }
.gm-route-label { background: rgba(255,255,255,.9); border: 1px solid #0072b2; border-radius: 3px; padding: 0 3px; font-size: 11px; font-weight: 600; white-space: nowrap; }
.gm-popup p { margin: .15rem 0; }
.gm-popup blockquote { margin: .2rem 0 .4rem .4rem; padding-left: .4rem; border-left: 3px solid #999; font-style: italic; }
.gm-popup ul { margin: 0; padding-left: 1rem; }
.gm-planned strong { border-bottom: 2px dashed #555; }
.gm-player { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem; margin-top: .25rem; }
.gm-player button { font: inherit; min-width: 2.6rem; min-height: 2.2rem; }
.gm-player input[type=range] { flex: 1 1 10rem; min-width: 8rem; }
@media (max-width: 480px) { .gm-control { max-width: 12rem; max-height: 35vh; } .gm-header h1 { font-size: .95rem; } }
"""


# --------------------------------------------------------------------------- page pieces

def legend_html(factions: list[str], shares: Mapping[str, float], settings: SiteSettings,
                share_slots: bool = False) -> str:
    """The legend: factions with pattern swatches and shares, changes, event symbols.

    `share_slots`: emit an (initially filled) span per faction that the timeline rewrites.
    """
    ui = load_ui(settings.language)
    legend = ui["legend"]
    rows = []
    for faction in factions:
        share = shares.get(faction)
        share_text = legend["share"].format(share=round(100 * share)) if share is not None else ""
        share_span = (f' <span class="gm-share" data-faction="{esc(faction)}">{esc(share_text)}</span>'
                      if share_slots or share_text else "")
        rows.append(f'<li><svg class="gm-swatch" width="22" height="14" aria-hidden="true">'
                    f'<rect width="22" height="14" fill="{esc(faction_style(faction, settings)["colour"])}"/>'
                    f'<rect width="22" height="14" fill="url(#{faction_pattern_id(faction)})"/></svg>'
                    f"<span>{esc(faction_label(faction, settings))}{share_span}</span></li>")
    rows.append('<li><svg class="gm-swatch" width="22" height="14" aria-hidden="true">'
                '<rect width="22" height="14" fill="url(#gm-pattern-changed)" stroke="#000" '
                f'stroke-width="3" stroke-dasharray="6 4"/></svg><span>{esc(legend["changed"])}</span></li>')
    symbols = [f"<li>{symbol_svg(kind, 18)}<span>{esc(type_label(kind, ui).capitalize())}</span></li>"
               for kind in EVENT_TYPE_ORDER]
    symbols.append('<li><svg width="22" height="14" aria-hidden="true"><path d="M1 7H17" '
                   'stroke="#0072b2" stroke-width="4"/><path d="M15 2L21 7L15 12z" fill="#0072b2"/>'
                   f'</svg><span>{esc(legend["route"])}</span></li>')
    symbols.append('<li><svg width="18" height="18" aria-hidden="true"><circle cx="9" cy="9" r="4" '
                   f'fill="#fff" stroke="#000" stroke-width="2"/></svg><span>{esc(legend["place"])}</span></li>')
    symbols.append(f'<li>{symbol_svg("strike-planned", 18)}<span>{esc(legend["planned"])}</span></li>')
    return (f'<details open><summary>{esc(legend["title"])}</summary>'
            f'<p class="gm-legend-heading"><strong>{esc(legend["factions"])}</strong></p>'
            f'<ul>{"".join(rows)}</ul><p class="gm-note">{esc(legend["shares_note"])}</p>'
            f'<p class="gm-legend-heading"><strong>{esc(legend["events"])}</strong></p>'
            f'<ul>{"".join(symbols)}</ul></details>')


def header_html(settings: SiteSettings, date_heading: str, extra: str = "",
                heading_id: str = "gm-date") -> str:
    """The page header: the site title and the date heading."""
    return (f'<header class="gm-header"><h1>{esc(settings.title)}</h1>'
            f'<h2 class="gm-date" id="{heading_id}" aria-live="polite">{esc(date_heading)}</h2>'
            f"{extra}</header>")


def footer_html(events: list[Event], settings: SiteSettings) -> str:
    """The articles behind the page's events (linked when http(s)) and the data attribution."""
    ui = load_ui(settings.language)
    articles: dict[str, Source] = {}
    for event in events:
        for source in sorted_sources(event):
            articles.setdefault(source.article, source)
    items = []
    for article in sorted(articles):
        source = articles[article]
        name = " — ".join(esc(p) for p in (source.outlet, source.title) if p) or esc(article)
        url = safe_url(source.url)
        items.append(f'<li><a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{name}</a></li>'
                     if url else f"<li>{name}</li>")
    credits = [esc(ui["page"]["attribution"])] + ([esc(settings.attribution)] if settings.attribution else [])
    return (f'<footer class="gm-footer"><details><summary>{esc(ui["page"]["sources"])} '
            f'({len(articles)})</summary><ul>{"".join(items)}</ul></details>'
            f'<p class="gm-credits">{" · ".join(credits)}</p></footer>')


def tile_attribution(settings: SiteSettings) -> str:
    """The tile layer's attribution: OpenStreetMap.

    The gazetteer's line is in the footer's credits (`footer_html`): in the map it wrapped
    over the scale bar and the legend.
    """
    return ('&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> '
            "contributors")


def new_map_page(page_title: str, settings: SiteSettings, bounds: list[list[float]],
                 header: str, footer: str, factions: Iterable[str]) -> tuple[Page, folium.Map]:
    """An empty map page: header, map with OSM tiles fitted to bounds, footer, patterns, CSS."""
    page = Page(page_title, settings.language)
    page.html.add_child(Markup(header + pattern_defs(settings, factions)), name="gm_header")
    fmap = LeafletMap(location=list(settings.focus), zoom_start=12, tiles=None,
                      control_scale=True)
    folium.TileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                     attr=tile_attribution(settings), name="OpenStreetMap",
                     max_zoom=19, control=False).add_to(fmap)
    page.add_child(fmap)
    fmap.add_child(PageStyle())
    fmap.fit_bounds(bounds, max_zoom=15)
    fmap.add_child(BodyBlock(footer), name="gm_footer")
    return page, fmap


def layer_groups(fmap: folium.Map, ui: dict, with_other: bool) -> dict[str, folium.FeatureGroup]:
    """One toggleable FeatureGroup per layer, in switcher order, named in the UI language."""
    keys = LAYERS + (("other",) if with_other else ())
    return {key: folium.FeatureGroup(name=ui["layers"][key], show=True).add_to(fmap)
            for key in keys}


def add_mark(mark: Mark, group: folium.FeatureGroup) -> None:
    """Draw one event: a route line with arrowheads and people count, and/or its symbol."""
    if len(mark.points) >= 2:
        line = folium.PolyLine([list(p) for p in mark.points], color=mark.route_colour,
                               weight=4, opacity=0.85, dash_array="8 6" if mark.planned else None)
        line.add_child(BoundContent(mark.popup))
        line.add_child(BoundContent(mark.tooltip, "tooltip"))
        line.add_to(group)
        for lat, lon, angle in arrowheads(mark.points):
            folium.Marker([lat, lon], interactive=False, icon=folium.DivIcon(
                html=arrow_svg(mark.route_colour, angle), icon_size=(16, 16),
                icon_anchor=(8, 8), class_name="gm-icon")).add_to(group)
        if mark.people_label:
            middle = mark.points[len(mark.points) // 2 - 1: len(mark.points) // 2 + 1]
            folium.Marker([(middle[0][0] + middle[-1][0]) / 2, (middle[0][1] + middle[-1][1]) / 2],
                          interactive=False, icon=folium.DivIcon(
                              html=f'<span class="gm-route-label">{mark.people_label}</span>',
                              icon_size=(1, 1), icon_anchor=(-8, 10), class_name="gm-icon")
                          ).add_to(group)
    marker = folium.Marker(list(mark.points[0]), icon=folium.DivIcon(
        html=symbol_svg(mark.symbol, 24, label=html.unescape(mark.tooltip)),
        icon_size=(24, 24), icon_anchor=(12, 12), class_name="gm-icon"))
    marker.add_child(BoundContent(mark.popup))
    marker.add_child(BoundContent(mark.tooltip, "tooltip"))
    marker.add_to(group)


def add_area(state: AreaState, place: Place, style: dict, group: folium.FeatureGroup) -> None:
    """Draw one territory area with a fixed style and its hover text."""
    feature = {"type": "Feature", "properties": {},
               "geometry": geojson_geometry(place.geometry)}
    layer = folium.GeoJson(feature, style_function=lambda _feature, style=style: style,
                           highlight_function=None, zoom_on_click=False)
    layer.add_child(BoundContent(state.tooltip, "tooltip"))
    layer.add_to(group)


# --------------------------------------------------------------------------- pages

def day_events(events: list[Event], day: date) -> list[Event]:
    """The events dated on a day, sorted."""
    return sorted((e for e in events if e.date == day), key=event_sort_key)


def render_dated_map(day: date, events: list[Event], snapshots: list[ControlSnapshot],
                     places: Mapping[str, Place], settings: SiteSettings) -> str:
    """The HTML of one dated map (maps/YYYY-MM-DD.html)."""
    ui = load_ui(settings.language)
    todays = day_events(events, day)
    marks = [mark for mark in (event_mark(e, places, settings) for e in todays) if mark]
    areas = area_states(day, snapshots, places, settings)
    current = snapshot_as_of(day, snapshots)
    factions = sorted({state.holder for state in areas} | set(current.shares if current else ()))
    day_text = format_day(day, ui)
    with deterministic_ids():
        page, fmap = new_map_page(
            ui["page"]["map_title"].format(title=settings.title, date=day_text), settings,
            local_bounds(marks, areas, places, settings), header_html(settings, day_text),
            footer_html(todays, settings), factions)
        groups = layer_groups(fmap, ui, with_other=any(m.layer == "other" for m in marks))
        for state in areas:
            add_area(state, places[state.area_id], area_style(state.holder, settings),
                     groups["territory"])
            if state.changed:
                add_area(state, places[state.area_id], CHANGED_STYLE, groups["changes"])
        for mark in marks:
            add_mark(mark, groups[mark.layer])
        for _pid, point, label in mentioned_places(todays, places, settings.language):
            circle = folium.CircleMarker(list(point), radius=4, color="#000000", weight=2,
                                         fill=True, fill_color="#ffffff", fill_opacity=1)
            circle.add_child(BoundContent(label, "tooltip"))
            circle.add_to(groups["places"])
        folium.LayerControl(collapsed=True).add_to(fmap)
        entries = [e for e in (off_map_entry(ev, places, settings) for ev in todays) if e]
        if entries:
            fmap.add_child(MapControl(f'<details open><summary>{esc(ui["offmap"]["title"])}'
                                      f"</summary>{off_map_html(entries, ui)}</details>",
                                      "topleft", "gm-offmap"))
        fmap.add_child(MapControl(legend_html(factions, current.shares if current else {},
                                              settings), "bottomleft", "gm-legend",
                                  collapse_on_phone=True))
        return page.render()


def dated_days(events: list[Event]) -> list[date]:
    """Every date that has at least one event, ascending."""
    return sorted({e.date for e in events if e.date is not None})


def summary_text(todays: list[Event], places: Mapping[str, Place], ui: dict,
                 language: str) -> str:
    """'2 strikes, 1 evacuation — places: Al Amiriyah, Ramouseh' (plain text)."""
    counts = Counter(e.type if e.type in EVENT_TYPE_ORDER else "other" for e in todays)
    order = EVENT_TYPE_ORDER + ("other",)
    parts = [f"{counts[kind]} {type_label(kind, ui, counts[kind])}" for kind in order if counts[kind]]
    named = Counter(pid for e in todays for pid in dict.fromkeys((e.place_id, *e.route)) if pid)
    key_places = [place_label(pid, places, language)
                  for pid, _ in sorted(named.items(), key=lambda item: (-item[1], item[0]))[:3]]
    text = ", ".join(parts) or ui["index"]["no_events"]
    if key_places:
        text += " — " + ui["index"]["key_places"].format(places=", ".join(key_places))
    return text


def attr(text: str) -> str:
    """Escape text for a double-quoted attribute, leaving apostrophes readable (d'Alep)."""
    return esc(text).replace("&#x27;", "'")


def embed_snippet(src: str, label: str, description: str, slug: str) -> str:
    """A responsive iframe with title, aria-label and a visually hidden description."""
    desc_id = f"geomap-{slug}-desc"
    return (f'<iframe src="{attr(src)}" title="{attr(label)}" aria-label="{attr(label)}" '
            f'aria-describedby="{desc_id}" width="100%" height="520" loading="lazy" '
            'style="display:block;width:100%;height:70vh;min-height:320px;max-height:600px;border:0" '
            "allowfullscreen></iframe>\n"
            f'<p id="{desc_id}" style="position:absolute;width:1px;height:1px;overflow:hidden;'
            f'clip:rect(0 0 0 0);white-space:nowrap">{attr(description)}</p>')


def render_index(events: list[Event], places: Mapping[str, Place], settings: SiteSettings) -> str:
    """index.html: dates with summaries, links, embed snippets, the timeline, undated events."""
    ui = load_ui(settings.language)
    text = ui["index"]
    days = dated_days(events)
    sections = []
    for day in days:
        todays = day_events(events, day)
        day_text = format_day(day, ui)
        summary = summary_text(todays, places, ui, settings.language)
        href = f"maps/{day.isoformat()}.html"
        snippet = embed_snippet(settings.base_url + href,
                                ui["page"]["map_label"].format(title=settings.title, date=day_text),
                                text["alt"].format(title=settings.title, date=day_text, summary=summary),
                                day.isoformat())
        sections.append(_index_entry(day.isoformat(), day_text, summary, href, snippet, ui))
    if days:
        first, last = format_day(days[0], ui), format_day(days[-1], ui)
        dated_count = sum(1 for e in events if e.date is not None)
        snippet = embed_snippet(settings.base_url + "timeline.html",
                                ui["page"]["timeline_label"].format(title=settings.title, first=first, last=last),
                                text["timeline_alt"].format(title=settings.title, first=first, last=last,
                                                            count=dated_count),
                                "timeline")
        timeline = _index_entry("timeline", text["timeline"], text["timeline_summary"],
                                "timeline.html", snippet, ui, level=2)
    else:
        timeline = f"<p>{esc(ui['timeline']['nothing'])}</p>"
    undated = sorted((e for e in events if e.date is None), key=event_sort_key)
    undated_html = ("".join(f"<li>{popup_html(e, places, settings)}</li>" for e in undated)
                    if undated else "")
    return INDEX_TEMPLATE.format(
        lang=esc(settings.language), title=esc(ui["page"]["index_title"].format(title=settings.title)),
        intro=esc(text["intro"]), timeline=timeline,
        dates_heading=esc(text["dates"]), dates="".join(sections),
        undated_heading=esc(text["undated"]),
        undated=f'<ul class="undated">{undated_html}</ul>' if undated else f"<p>{esc(text['undated_none'])}</p>",
        credits=esc(ui["page"]["attribution"]) + (" · " + esc(settings.attribution) if settings.attribution else ""),
        copy=esc(text["copy"]), copied_json=script_json(text["copied"]))


def _index_entry(slug: str, heading: str, summary: str, href: str, snippet: str, ui: dict,
                 level: int = 3) -> str:
    """One index section: heading, summary, link, and the embed snippet in a textarea."""
    text = ui["index"]
    return (f'<section class="entry" id="{esc(slug)}"><h{level}><a href="{esc(href)}">{esc(heading)}</a></h{level}>'
            f'<p>{esc(summary)}</p><p><a href="{esc(href)}">{esc(text["open_map"])}</a></p>'
            f'<label for="embed-{esc(slug)}">{esc(text["embed"])}</label>'
            f'<textarea id="embed-{esc(slug)}" class="embed" rows="5" readonly spellcheck="false">'
            f"{esc(snippet)}</textarea>"
            f'<button type="button" class="copy" data-target="embed-{esc(slug)}">{esc(text["copy"])}</button>'
            "</section>")


INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<style>
body {{ font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 auto; padding: 1rem; max-width: 48rem; color: #1a1a1a; }}
h1 {{ font-size: 1.5rem; }} h2 {{ font-size: 1.2rem; margin-top: 2rem; }} h3 {{ font-size: 1.05rem; margin-bottom: .2rem; }}
.entry {{ border-top: 1px solid #ddd; padding: .5rem 0 1rem; }}
textarea.embed {{ box-sizing: border-box; width: 100%; font: 12px/1.4 ui-monospace, monospace; display: block; }}
button.copy {{ margin-top: .3rem; font: inherit; padding: .3rem .8rem; }}
.undated {{ padding-left: 1rem; }} .undated blockquote {{ font-style: italic; margin: .2rem 0 .6rem .5rem; }}
footer {{ margin-top: 2rem; font-size: .85rem; color: #444; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p>{intro}</p>
{timeline}
<h2>{dates_heading}</h2>
{dates}
<h2>{undated_heading}</h2>
{undated}
<footer><p>{credits}</p></footer>
<script>
document.querySelectorAll("button.copy").forEach(function (button) {{
  button.addEventListener("click", function () {{
    var area = document.getElementById(button.getAttribute("data-target"));
    area.select();
    var done = function () {{ button.textContent = {copied_json}; }};
    if (navigator.clipboard) {{ navigator.clipboard.writeText(area.value).then(done); }}
    else {{ document.execCommand("copy"); done(); }}
  }});
}});
</script>
</body>
</html>
"""


def warn_on_stderr(line: str) -> None:
    """The default warning channel of write_site: one 'warning: ...' line on stderr."""
    print(f"warning: {line}", file=sys.stderr)


def inline_assets(pages: Mapping[str, str], warn: Callable[[str], None]) -> dict[str, str]:
    """Every page with its CDN scripts and stylesheets inlined (geomap/assets.py).

    Files that cannot be had from the asset cache, the CDN or npm stay links; `warn` is told
    each of them once.
    """
    store = assets.AssetStore()
    inlined, missing = {}, []
    for relative, page in pages.items():
        inlined[relative], page_missing = assets.inline_page(page, store)
        missing += page_missing
    for line in assets.missing_warnings(missing, store):
        warn(line)
    return inlined


def write_site(out_dir: Path, events: list[Event], snapshots: list[ControlSnapshot],
               places: Mapping[str, Place], settings: SiteSettings,
               warn: Callable[[str], None] | None = None) -> list[Path]:
    """Write index.html, timeline.html and maps/YYYY-MM-DD.html under out_dir.

    Returns the paths written (out_dir / relative path), sorted. Files are written as UTF-8
    with '\\n' line ends, so the same input always gives the same bytes. With
    `settings.self_contained`, pages carry their scripts and styles inside (`inline_assets`);
    `warn` gets one line per file that could not be inlined (default: 'warning: ...' on
    stderr).
    """
    from geomap.timeline import render_timeline   # timeline.py builds on this module

    load_ui(settings.language)                      # fail early on an unknown language
    out_dir = Path(out_dir)
    (out_dir / "maps").mkdir(parents=True, exist_ok=True)
    snapshots = sorted(snapshots, key=lambda snap: snap.date)
    pages: dict[str, str] = {}
    for day in dated_days(events):
        pages[f"maps/{day.isoformat()}.html"] = render_dated_map(day, events, snapshots,
                                                                 places, settings)
    pages["timeline.html"] = render_timeline(events, snapshots, places, settings)
    pages["index.html"] = render_index(events, places, settings)
    if settings.self_contained:
        pages = inline_assets(pages, warn or warn_on_stderr)
    written = []
    for relative in sorted(pages):
        path = out_dir / relative
        path.write_bytes(pages[relative].encode("utf-8"))
        written.append(path)
    return written

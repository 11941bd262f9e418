"""timeline.html: one map with a date slider, territory and events changing together.

The page has the same header, layers, legend, off-map panel and footer as a dated map
(geomap/site/map_page.py); the header adds a player: previous, play/pause, next, a range
slider and the date heading (announced to screen readers through aria-live).
`timeline.html#2016-12-13` opens on that date, and the hash follows the slider.

Size grows with the events, not with dates x features:

    areas        every territory shape once, as one GeoJSON FeatureCollection
    areaChanges  per date, only the areas whose (holder, hover text) differ from the previous
                 date; the first date lists them all. The browser replays the diffs.
    changed      per date, the ids of the areas whose holder changed that very day
    marks        every dated event once, with the index of its date, its layer, points, symbol,
                 popup and tooltip (popups are escaped HTML built in Python, as on dated maps)
    places, offmap, shares   per date, only what that date mentions

All of it is one JSON object made safe for <script> by `escape.script_json`. The player is a
small branca MacroElement (`TimelinePlayer`) whose plain ES5 script, with no plugin, is
static/slider.js: on each date it empties the folium FeatureGroups (so the layer switcher
keeps working) and fills them with that date's areas, marks and places; mark layers are
built once and cached.
"""
from __future__ import annotations

import textwrap
from typing import Mapping

import folium
from branca.element import MacroElement
from jinja2 import Template

from geomap.models import ControlSnapshot, Event, Place
from geomap.site.static import static_text
from geomap.site.areas import area_states, snapshot_as_of
from geomap.site.elements import MapControl, deterministic_ids
from geomap.site.escape import esc, script_json
from geomap.site.geometry import arrowheads, geojson_geometry
from geomap.site.map_page import (footer_html, header_html, layer_groups, legend_html, new_map_page,
                                  stated_html)
from geomap.site.markers import (Mark, dated_days, day_events, event_mark, event_sort_key,
                                 local_bounds, mentioned_places, off_map_entry, off_map_html, spread)
from geomap.site.settings import SiteSettings
from geomap.site.symbols import CHANGED_STYLE, INFERRED_STYLE, area_style, arrow_svg, symbol_svg
from geomap.site.ui import format_day, load_ui

PLAY_INTERVAL_MS = 1600


def mark_payload(day_index: int, mark: Mark) -> dict:
    """One event mark as the player draws it."""
    return {
        "d": day_index, "layer": mark.layer, "points": [list(p) for p in mark.points],
        "symbol": mark.symbol, "popup": mark.popup, "tooltip": mark.tooltip,
        "people": mark.people_label, "colour": mark.route_colour, "planned": mark.planned,
        "name": mark.name, "offset": list(mark.offset),
        "arrows": [[lat, lon, arrow_svg(mark.route_colour, angle)]
                   for lat, lon, angle in arrowheads(mark.points)]
        if len(mark.points) >= 2 else [],
    }


def area_payload(snapshots: list[ControlSnapshot], places: Mapping[str, Place]) -> dict:
    """Every area held in some snapshot and drawable, once, as a FeatureCollection."""
    area_ids = sorted({area for snap in snapshots for area in snap.holder})
    features = []
    for area_id in area_ids:
        place = places.get(area_id)
        geometry = geojson_geometry(place.geometry) if place else None
        if geometry:
            features.append({"type": "Feature", "id": area_id, "properties": {},
                             "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def timeline_payload(events: list[Event], snapshots: list[ControlSnapshot],
                     places: Mapping[str, Place], settings: SiteSettings) -> dict:
    """Everything the player needs, per the layout in the module docstring."""
    ui = load_ui(settings.language)
    days = dated_days(events)
    payload: dict = {"dates": [d.isoformat() for d in days],
                     "labels": [format_day(d, ui) for d in days],
                     "areas": area_payload(snapshots, places), "areaChanges": [],
                     "changed": [], "inferred": [], "stated": [], "shares": [], "marks": [], "places": [], "offmap": []}
    previous: dict[str, list] = {}
    for index, day in enumerate(days):
        states = area_states(day, snapshots, places, settings)
        current = {s.area_id: [s.holder, s.tooltip] for s in states}
        diff = {area: value for area, value in current.items() if previous.get(area) != value}
        diff.update({area: None for area in previous if area not in current})
        payload["areaChanges"].append(diff)
        payload["changed"].append([s.area_id for s in states if s.changed])
        payload["inferred"].append([s.area_id for s in states if s.inferred])
        previous = current
        snapshot = snapshot_as_of(day, snapshots)
        payload["shares"].append(share_texts(snapshot.shares if snapshot else {}, ui))
        payload["stated"].append(stated_html(snapshot, day, settings))
        todays = day_events(events, day)
        for mark in spread([m for m in (event_mark(e, places, settings) for e in todays) if m]):
            payload["marks"].append(mark_payload(index, mark))
        payload["places"].append([[*point, label] for _pid, point, label
                                  in mentioned_places(todays, places, settings.language)])
        entries = [e for e in (off_map_entry(ev, places, settings) for ev in todays) if e]
        payload["offmap"].append(off_map_html(entries, ui))
    payload["symbols"] = {key: symbol_svg(key, 24)
                          for key in sorted({m["symbol"] for m in payload["marks"]})}
    payload["styles"] = {faction: area_style(faction, settings)
                         for faction in timeline_factions(snapshots)}
    payload["changedStyle"] = CHANGED_STYLE
    payload["inferredStyle"] = INFERRED_STYLE
    return payload


def share_texts(shares: Mapping[str, float], ui: dict) -> dict[str, str]:
    """faction -> '42 % de la zone disputée'."""
    return {faction: ui["legend"]["share"].format(share=round(100 * share))
            for faction, share in sorted(shares.items())}


def timeline_factions(snapshots: list[ControlSnapshot]) -> list[str]:
    """Every faction that holds an area or has a share on some date, sorted."""
    return sorted({f for snap in snapshots for f in (*snap.holder.values(), *snap.shares)})


def player_html(ui: dict) -> str:
    """Previous / play / next buttons and the date slider (filled in by the script)."""
    labels = ui["timeline"]
    return ('<div class="gm-player" role="group">'
            f'<button type="button" id="gm-prev" aria-label="{esc(labels["previous"])}" '
            f'title="{esc(labels["previous"])}">&#9664;&#9664;</button>'
            f'<button type="button" id="gm-play" aria-label="{esc(labels["play"])}" '
            f'title="{esc(labels["play"])}" aria-pressed="false">&#9654;</button>'
            f'<button type="button" id="gm-next" aria-label="{esc(labels["next"])}" '
            f'title="{esc(labels["next"])}">&#9654;&#9654;</button>'
            f'<input type="range" id="gm-slider" min="0" max="0" step="1" value="0" '
            f'aria-label="{esc(labels["slider"])}"></div>')


class TimelinePlayer(MacroElement):
    """Draws the date chosen by the slider into the map's FeatureGroups."""
    _template = Template("\n        {% macro script(this, kwargs) %}\n"
                         + textwrap.indent(static_text("slider.js"), " " * 8)
                         + "        {% endmacro %}\n    ")

    def __init__(self, payload: dict, groups: Mapping[str, folium.FeatureGroup],
                 offmap_control: MacroElement, ui: dict):
        super().__init__()
        self._name = "TimelinePlayer"
        self.data_json = script_json(payload)
        self.text_json = script_json({"play": ui["timeline"]["play"],
                                      "pause": ui["timeline"]["pause"]})
        self.groups = dict(groups)
        self.offmap_control = offmap_control
        self.interval = PLAY_INTERVAL_MS

    @property
    def offmap_id_json(self) -> str:
        return script_json(self.offmap_control.get_name())


def timeline_bounds(events: list[Event], snapshots: list[ControlSnapshot],
                    places: Mapping[str, Place], settings: SiteSettings) -> list[list[float]]:
    """Local bounds over every dated event (areas or the focus when there are none)."""
    marks = [m for m in (event_mark(e, places, settings)
                         for e in events if e.date is not None) if m]
    last_day = max((s.date for s in snapshots), default=None)
    areas = area_states(last_day, snapshots, places, settings) if last_day else []
    return local_bounds(marks, areas, places, settings)


def render_timeline(events: list[Event], snapshots: list[ControlSnapshot],
                    places: Mapping[str, Place], settings: SiteSettings) -> str:
    """The HTML of timeline.html."""
    ui = load_ui(settings.language)
    payload = timeline_payload(events, snapshots, places, settings)
    factions = timeline_factions(snapshots)
    days = dated_days(events)
    first_snapshot = snapshot_as_of(days[0], snapshots) if days else None
    first_shares = first_snapshot.shares if first_snapshot else {}
    first_label = payload["labels"][0] if payload["labels"] else ui["timeline"]["nothing"]
    dated = sorted((e for e in events if e.date is not None), key=event_sort_key)
    with deterministic_ids():
        page, fmap = new_map_page(
            ui["page"]["timeline_title"].format(title=settings.title), settings,
            timeline_bounds(events, snapshots, places, settings),
            header_html(settings, first_label, extra=player_html(ui)),
            footer_html(dated, settings), factions)
        groups = layer_groups(fmap, ui, with_other=any(
            m["layer"] == "other" for m in payload["marks"]))
        folium.LayerControl(collapsed=True).add_to(fmap)
        offmap = MapControl(f'<details open><summary>{esc(ui["offmap"]["title"])}</summary>'
                                   '<div id="gm-offmap-list"></div></details>',
                                   "topleft", "gm-offmap")
        fmap.add_child(offmap)
        legend = legend_html(factions, first_shares, settings, share_slots=True,
                             stated=stated_html(first_snapshot, days[0], settings) if days else "")
        fmap.add_child(MapControl(legend, "bottomleft", "gm-legend",
                                         collapse_on_phone=True))
        fmap.add_child(TimelinePlayer(payload, groups, offmap, ui))
        return page.render()

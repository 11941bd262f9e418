"""timeline.html: one map with a date slider, territory and events changing together.

The page has the same header, layers, legend, off-map panel and footer as a dated map
(geomap/render.py); the header adds a player: previous, play/pause, next, a range slider and
the date heading (announced to screen readers through aria-live). `timeline.html#2016-12-13`
opens on that date, and the hash follows the slider.

Size grows with the events, not with dates x features:

    areas        every territory shape once, as one GeoJSON FeatureCollection
    areaChanges  per date, only the areas whose (holder, hover text) differ from the previous
                 date; the first date lists them all. The browser replays the diffs.
    changed      per date, the ids of the areas whose holder changed that very day
    marks        every dated event once, with the index of its date, its layer, points, symbol,
                 popup and tooltip (popups are escaped HTML built in Python, as on dated maps)
    places, offmap, shares   per date, only what that date mentions

All of it is one JSON object made safe for <script> by `render.script_json`. The player is a
small branca MacroElement (`TimelinePlayer`) with plain ES5 JavaScript and no plugin: on each
date it empties the folium FeatureGroups (so the layer switcher keeps working) and fills them
with that date's areas, marks and places; mark layers are built once and cached.
"""
from __future__ import annotations

from typing import Mapping

import folium
from branca.element import MacroElement
from jinja2 import Template

from geomap import render
from geomap.models import ControlSnapshot, Event, Place
from geomap.render import SiteSettings, esc, load_ui, script_json

PLAY_INTERVAL_MS = 1600


def mark_payload(day_index: int, mark: render.Mark) -> dict:
    """One event mark as the player draws it."""
    return {
        "d": day_index, "layer": mark.layer, "points": [list(p) for p in mark.points],
        "symbol": mark.symbol, "popup": mark.popup, "tooltip": mark.tooltip,
        "people": mark.people_label, "colour": mark.route_colour, "planned": mark.planned,
        "arrows": [[lat, lon, render.arrow_svg(mark.route_colour, angle)]
                   for lat, lon, angle in render.arrowheads(mark.points)]
        if len(mark.points) >= 2 else [],
    }


def area_payload(snapshots: list[ControlSnapshot], places: Mapping[str, Place]) -> dict:
    """Every area held in some snapshot and drawable, once, as a FeatureCollection."""
    area_ids = sorted({area for snap in snapshots for area in snap.holder})
    features = []
    for area_id in area_ids:
        place = places.get(area_id)
        geometry = render.geojson_geometry(place.geometry) if place else None
        if geometry:
            features.append({"type": "Feature", "id": area_id, "properties": {},
                             "geometry": geometry})
    return {"type": "FeatureCollection", "features": features}


def timeline_payload(events: list[Event], snapshots: list[ControlSnapshot],
                     places: Mapping[str, Place], settings: SiteSettings) -> dict:
    """Everything the player needs, per the layout in the module docstring."""
    ui = load_ui(settings.language)
    days = render.dated_days(events)
    payload: dict = {"dates": [d.isoformat() for d in days],
                     "labels": [render.format_day(d, ui) for d in days],
                     "areas": area_payload(snapshots, places), "areaChanges": [],
                     "changed": [], "shares": [], "marks": [], "places": [], "offmap": []}
    previous: dict[str, list] = {}
    for index, day in enumerate(days):
        states = render.area_states(day, snapshots, places, settings)
        current = {s.area_id: [s.holder, s.tooltip] for s in states}
        diff = {area: value for area, value in current.items() if previous.get(area) != value}
        diff.update({area: None for area in previous if area not in current})
        payload["areaChanges"].append(diff)
        payload["changed"].append([s.area_id for s in states if s.changed])
        previous = current
        snapshot = render.snapshot_as_of(day, snapshots)
        payload["shares"].append(share_texts(snapshot.shares if snapshot else {}, ui))
        todays = render.day_events(events, day)
        for event in todays:
            mark = render.event_mark(event, places, settings)
            if mark:
                payload["marks"].append(mark_payload(index, mark))
        payload["places"].append([[*point, label] for _pid, point, label
                                  in render.mentioned_places(todays, places, settings.language)])
        entries = [e for e in (render.off_map_entry(ev, places, settings) for ev in todays) if e]
        payload["offmap"].append(render.off_map_html(entries, ui))
    payload["symbols"] = {key: render.symbol_svg(key, 24)
                          for key in sorted({m["symbol"] for m in payload["marks"]})}
    payload["styles"] = {faction: render.area_style(faction, settings)
                         for faction in timeline_factions(snapshots)}
    payload["changedStyle"] = render.CHANGED_STYLE
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
    _template = Template("""
        {% macro script(this, kwargs) %}
        (function () {
            var data = {{ this.data_json }};
            var text = {{ this.text_json }};
            var map = {{ this._parent.get_name() }};
            var groups = {
                {%- for key, group in this.groups.items() %}
                {{ key|tojson }}: {{ group.get_name() }},
                {%- endfor %}
            };
            var slider = document.getElementById("gm-slider");
            var heading = document.getElementById("gm-date");
            var playButton = document.getElementById("gm-play");
            var offmapList = document.getElementById("gm-offmap-list");
            var offmapBox = document.getElementById({{ this.offmap_id_json }});
            var timer = null;
            var current = -1;

            /* Replay the per-date diffs into a full {area: [holder, tooltip]} table per date. */
            var areaStates = [];
            var running = {};
            data.areaChanges.forEach(function (diff) {
                var next = {};
                Object.keys(running).forEach(function (area) { next[area] = running[area]; });
                Object.keys(diff).forEach(function (area) {
                    if (diff[area] === null) { delete next[area]; } else { next[area] = diff[area]; }
                });
                areaStates.push(next);
                running = next;
            });

            function areaLayer(state, ids, styleOf) {
                var features = data.areas.features.filter(function (f) { return ids.indexOf(f.id) >= 0; });
                return L.geoJSON({type: "FeatureCollection", features: features}, {
                    style: function (f) { return styleOf(f.id); },
                    onEachFeature: function (f, layer) { layer.bindTooltip(state[f.id][1], {sticky: true}); }
                });
            }

            function symbolIcon(html, size) {
                return L.divIcon({html: html, className: "gm-icon", iconSize: [size, size],
                                  iconAnchor: [size / 2, size / 2]});
            }

            var markLayers = {};
            function markLayer(index) {
                if (markLayers[index]) { return markLayers[index]; }
                var mark = data.marks[index];
                var parts = [];
                if (mark.points.length >= 2) {
                    var line = L.polyline(mark.points, {color: mark.colour, weight: 4, opacity: 0.85,
                                                        dashArray: mark.planned ? "8 6" : null});
                    line.bindPopup(mark.popup, {maxWidth: 320});
                    line.bindTooltip(mark.tooltip, {sticky: true});
                    parts.push(line);
                    mark.arrows.forEach(function (arrow) {
                        parts.push(L.marker([arrow[0], arrow[1]], {icon: symbolIcon(arrow[2], 16),
                                                                   interactive: false}));
                    });
                    if (mark.people) {
                        var mid = Math.floor(mark.points.length / 2);
                        var a = mark.points[mid - 1], b = mark.points[mid];
                        parts.push(L.marker([(a[0] + b[0]) / 2, (a[1] + b[1]) / 2], {interactive: false,
                            icon: L.divIcon({html: '<span class="gm-route-label">' + mark.people + "</span>",
                                             className: "gm-icon", iconSize: [1, 1], iconAnchor: [-8, 10]})}));
                    }
                }
                var marker = L.marker(mark.points[0], {icon: symbolIcon(data.symbols[mark.symbol], 24)});
                marker.bindPopup(mark.popup, {maxWidth: 320});
                marker.bindTooltip(mark.tooltip, {sticky: true});
                parts.push(marker);
                markLayers[index] = L.layerGroup(parts);
                return markLayers[index];
            }

            function drawDate(index) {
                Object.keys(groups).forEach(function (key) { groups[key].clearLayers(); });
                var state = areaStates[index];
                var held = Object.keys(state);
                areaLayer(state, held, function (id) { return data.styles[state[id][0]]; })
                    .addTo(groups.territory);
                areaLayer(state, data.changed[index], function () { return data.changedStyle; })
                    .addTo(groups.changes);
                data.marks.forEach(function (mark, i) {
                    if (mark.d === index) { markLayer(i).addTo(groups[mark.layer] || groups.other); }
                });
                data.places[index].forEach(function (place) {
                    L.circleMarker([place[0], place[1]], {radius: 4, color: "#000000", weight: 2,
                        fillColor: "#ffffff", fillOpacity: 1}).bindTooltip(place[2], {sticky: true})
                        .addTo(groups.places);
                });
            }

            function showDate(index) {
                if (!data.dates.length) { return; }
                index = Math.max(0, Math.min(data.dates.length - 1, index));
                if (index === current) { return; }
                current = index;
                drawDate(index);
                slider.value = String(index);
                slider.setAttribute("aria-valuetext", data.labels[index]);
                heading.textContent = data.labels[index];
                var shares = data.shares[index];
                document.querySelectorAll(".gm-share").forEach(function (span) {
                    span.textContent = shares[span.getAttribute("data-faction")] || "";
                });
                offmapList.innerHTML = data.offmap[index];
                offmapBox.style.display = data.offmap[index] ? "" : "none";
                if (window.history && history.replaceState) {
                    history.replaceState(null, "", "#" + data.dates[index]);
                }
            }

            function setPlaying(playing) {
                if (timer) { clearInterval(timer); timer = null; }
                if (playing) {
                    if (current >= data.dates.length - 1) { showDate(0); }
                    timer = setInterval(function () {
                        if (current >= data.dates.length - 1) { setPlaying(false); }
                        else { showDate(current + 1); }
                    }, {{ this.interval }});
                }
                playButton.innerHTML = playing ? "&#10074;&#10074;" : "&#9654;";
                playButton.setAttribute("aria-pressed", playing ? "true" : "false");
                playButton.setAttribute("aria-label", playing ? text.pause : text.play);
                playButton.title = playing ? text.pause : text.play;
            }

            slider.max = String(Math.max(0, data.dates.length - 1));
            slider.addEventListener("input", function () { setPlaying(false); showDate(Number(slider.value)); });
            document.getElementById("gm-prev").addEventListener("click", function () { setPlaying(false); showDate(current - 1); });
            document.getElementById("gm-next").addEventListener("click", function () { setPlaying(false); showDate(current + 1); });
            playButton.addEventListener("click", function () { setPlaying(timer === null); });
            var start = data.dates.indexOf(window.location.hash.slice(1));
            showDate(start >= 0 ? start : 0);
        })();
        {% endmacro %}
    """)

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
    """Local bounds over every dated event (areas or Aleppo when there are none)."""
    marks = [m for m in (render.event_mark(e, places, settings)
                         for e in events if e.date is not None) if m]
    last_day = max((s.date for s in snapshots), default=None)
    areas = render.area_states(last_day, snapshots, places, settings) if last_day else []
    return render.local_bounds(marks, areas, places, settings)


def render_timeline(events: list[Event], snapshots: list[ControlSnapshot],
                    places: Mapping[str, Place], settings: SiteSettings) -> str:
    """The HTML of timeline.html."""
    ui = load_ui(settings.language)
    payload = timeline_payload(events, snapshots, places, settings)
    factions = timeline_factions(snapshots)
    days = render.dated_days(events)
    first_snapshot = render.snapshot_as_of(days[0], snapshots) if days else None
    first_shares = first_snapshot.shares if first_snapshot else {}
    first_label = payload["labels"][0] if payload["labels"] else ui["timeline"]["nothing"]
    dated = sorted((e for e in events if e.date is not None), key=render.event_sort_key)
    with render.deterministic_ids():
        page, fmap = render.new_map_page(
            ui["page"]["timeline_title"].format(title=settings.title), settings,
            timeline_bounds(events, snapshots, places, settings),
            render.header_html(settings, first_label, extra=player_html(ui)),
            render.footer_html(dated, settings), factions)
        groups = render.layer_groups(fmap, ui, with_other=any(
            m["layer"] == "other" for m in payload["marks"]))
        folium.LayerControl(collapsed=True).add_to(fmap)
        offmap = render.MapControl(f'<details open><summary>{esc(ui["offmap"]["title"])}</summary>'
                                   '<div id="gm-offmap-list"></div></details>',
                                   "topleft", "gm-offmap")
        fmap.add_child(offmap)
        legend = render.legend_html(factions, first_shares, settings, share_slots=True)
        fmap.add_child(render.MapControl(legend, "bottomleft", "gm-legend",
                                         collapse_on_phone=True))
        fmap.add_child(TimelinePlayer(payload, groups, offmap, ui))
        return page.render()

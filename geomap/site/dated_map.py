"""maps/YYYY-MM-DD.html: one map of the events of one date and who held what that day."""
from __future__ import annotations

from datetime import date
from typing import Mapping

import folium

from geomap.models import ControlSnapshot, Event, Place
from geomap.site.areas import area_states, snapshot_as_of
from geomap.site.elements import BoundContent, MapControl, deterministic_ids
from geomap.site.escape import esc
from geomap.site.map_page import (add_area, add_mark, footer_html, header_html, layer_groups,
                                  legend_html, new_map_page, stated_html)
from geomap.site.markers import (day_events, event_mark, local_bounds, mentioned_places,
                                 off_map_entry, off_map_html, spread)
from geomap.site.settings import SiteSettings
from geomap.site.symbols import CHANGED_STYLE, INFERRED_STYLE, area_style
from geomap.site.ui import format_day, load_ui


def render_dated_map(day: date, events: list[Event], snapshots: list[ControlSnapshot],
                     places: Mapping[str, Place], settings: SiteSettings) -> str:
    """The HTML of one dated map (maps/YYYY-MM-DD.html)."""
    ui = load_ui(settings.language)
    todays = day_events(events, day)
    marks = spread([mark for mark in (event_mark(e, places, settings) for e in todays) if mark])
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
            if state.inferred:
                add_area(state, places[state.area_id], INFERRED_STYLE, groups["territory"])
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
                                              settings, stated=stated_html(current, day, settings)),
                                  "bottomleft", "gm-legend",
                                  collapse_on_phone=True))
        return page.render()

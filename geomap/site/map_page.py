"""The parts every map page shares (dated maps and the time slider alike).

Page structure of a map page, top to bottom:

    <header>  site title, the date heading (the slider adds its player controls here)
    <div class="folium-map" role="main">  the map (the page's main landmark), its Leaflet controls inside:
        top right     the layer switcher: territory by faction, changes of the day,
                      evacuation routes, strikes, clashes, ceasefires & diplomacy,
                      displacement, places mentioned (and "other" when a new type appears)
        top left      zoom, then the "off the map" panel: events too far from the focus to
                      be framed (a summit abroad) with their distance and direction, and
                      events whose place could not be located
        bottom left   the legend: factions (colour AND fill pattern) with their share of the
                      contested area, event symbols (shape AND colour), route and "planned"
        bottom right  tile attribution: OpenStreetMap only (one short line)
    <footer>  the articles the page's events were read in, linked when their URL is http(s),
              and the credits: map data and the gazetteer's (long) attribution

The left corners share the map's height (top 45 %, bottom the rest): a long off-map list or
legend scrolls inside its box instead of running over the other corner or the scale bar.

Honesty. Planned events are drawn hollow and dashed; territory is what the control stage
computed from the events, and the legend says so.
"""
from __future__ import annotations

import html
from typing import Iterable, Mapping

import folium

from geomap.control import SHARE_TOLERANCE
from geomap.models import Event, Place, Source
from geomap.site.areas import AreaState
from geomap.site.elements import AreaLayer, BodyBlock, BoundContent, LeafletMap, Markup, Page, PageScript, PageStyle
from geomap.site.escape import esc, safe_url
from geomap.site.geometry import arrowheads, geojson_geometry
from geomap.site.markers import EVENT_TYPE_ORDER, LAYERS, Mark
from geomap.site.popups import sorted_sources
from geomap.site.settings import SiteSettings
from geomap.site.symbols import (arrow_svg, faction_pattern_id, faction_style, pattern_defs,
                                 symbol_svg)
from geomap.site.ui import faction_label, load_ui, type_label


def stated_html(snapshot, day, settings: SiteSettings) -> str:
    """The shares the articles state for the day, beside the map's: one line each, flagged
    where they differ by more than the tolerance (escaped HTML; empty when none is stated)."""
    if snapshot is None or snapshot.date != day or not snapshot.stated:
        return ""
    legend = load_ui(settings.language)["legend"]
    flagged = {id(stated) for stated, _computed in snapshot.disagreements}
    lines = []
    for stated in snapshot.stated:
        text = (f"{faction_label(stated.side, settings)} — "
                + legend["stated"].format(share=round(100 * stated.share), source=stated.source))
        flag = (f' <strong class="gm-disagree">⚠ {esc(legend["disagree"].format(points=round(100 * SHARE_TOLERANCE)))}</strong>'
                if id(stated) in flagged else "")
        lines.append(f'<li title="{esc(stated.quote)}">{esc(text)}{flag}</li>')
    return f'<ul class="gm-stated-list">{"".join(lines)}</ul>'


def legend_html(factions: list[str], shares: Mapping[str, float], settings: SiteSettings,
                share_slots: bool = False, stated: str | None = None) -> str:
    """The legend: factions with pattern swatches and shares, the shares the articles state
    (`stated`, escaped HTML from `stated_html`), changes, inferred areas, event symbols.

    `share_slots`: emit an (initially filled) span per faction, and a box for the stated
    shares, that the timeline rewrites.
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
    rows.append('<li><svg class="gm-swatch" width="22" height="14" aria-hidden="true">'
                '<rect width="22" height="14" fill="#888" /><rect width="22" height="14" '
                'fill="url(#gm-pattern-inferred)" stroke="#444" stroke-width="2" stroke-dasharray="2 3"/></svg>'
                f'<span>{esc(legend["inferred"])}</span></li>')
    stated_box = (f'<div class="gm-stated">{stated or ""}</div>' if share_slots or stated else "")
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
            f'<ul>{"".join(rows)}</ul>{stated_box}<p class="gm-note">{esc(legend["shares_note"])}</p>'
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
    fmap = LeafletMap(location=list(settings.focus or (0.0, 0.0)), zoom_start=12, tiles=None,
                      control_scale=True)
    folium.TileLayer("https://tile.openstreetmap.org/{z}/{x}/{y}.png",
                     attr=tile_attribution(settings), name="OpenStreetMap",
                     max_zoom=19, control=False).add_to(fmap)
    page.add_child(fmap)
    fmap.add_child(PageStyle())
    fmap.add_child(PageScript())
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
        html=symbol_svg(mark.symbol, 24, label=mark.name or html.unescape(mark.tooltip)),
        icon_size=(24, 24), icon_anchor=(12 - mark.offset[0], 12 - mark.offset[1]), class_name="gm-icon"))
    marker.add_child(BoundContent(mark.popup))
    marker.add_child(BoundContent(mark.tooltip, "tooltip"))
    marker.add_to(group)


def add_area(state: AreaState, place: Place, style: dict, group: folium.FeatureGroup) -> None:
    """Draw one territory area with a fixed style and its hover text."""
    layer = AreaLayer(geojson_geometry(place.geometry), style)
    layer.add_child(BoundContent(state.tooltip, "tooltip"))
    layer.add_to(group)

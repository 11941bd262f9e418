"""The published site, as data: every page and export by its path, nothing written.

Layout of the output folder (`geomap.publish` writes it):

    index.html           the dates, a one-line summary of each, links, copyable embed snippets,
                         and the events that have no date (they never go on a dated map)
    maps/YYYY-MM-DD.html one Leaflet map (via folium) per date that has events
    maps/areas.js        the territory polygons, once, for every dated map (not when self-contained)
    maps/YYYY-MM-DD.png  a still picture of each dated map (`settings.png`, headless Chromium)
    timeline.html        one map with a date slider
    events.geojson, events.csv, places.geojson, unresolved.csv   the exports
    event_points.geojson, routes.geojson   the events as one geometry kind per file, for GIS
    events.gpkg          the same, and the territory on each mapped date, as GeoPackage layers
    assets/leaflet-1.9.3/  Leaflet's script, stylesheet, images and licence (shipped, never fetched)
    territory.csv, shares.csv   who held each area on each mapped date and why; the stated shares

Modules, each importing only the ones above it in this list:

    settings   SiteSettings: title, factions, focus, language... (from the config)
    escape     HTML, attribute and <script> escaping; safe links
    ui         the UI words of geomap/lang/<code>/ui.yaml; dates, numbers, labels
    geometry   points, bearings, arrowheads, GeoJSON (distances: geomap.geo)
    symbols    event symbols, territory fill patterns and styles
    popups     an event's popup and hover text
    areas      territory on a date
    markers    events as marks, the off-map panel, the days, the framing
    static     site.css, slider.js, index.html (package files)
    elements   the branca elements, deterministic ids
    map_page   what every map page shares: header, legend, footer, layers
    dated_map, slider, index   the three kinds of page
    acled      the ACLED-style columns of events.csv
    export     the GeoJSON and CSV exports
    geopackage, gpkg_export   events.gpkg: the GeoPackage format (sqlite3), and its layers
    assets     Leaflet shipped with geomap: written into assets/, inlined, or linked from a CDN
    shared_areas   maps/areas.js: the dated maps' polygons, shared
    snapshots      maps/YYYY-MM-DD.png: the dated maps' still pictures, taken in headless Chromium

Determinism: branca ids are counters while a page is built, events, places and areas are
sorted, and files are text with '\\n' line ends, so the same input gives the same bytes.
"""
from __future__ import annotations

import sys
from datetime import date
from typing import Callable, Iterable, Iterator, Mapping

from geomap.models import Article, ControlSnapshot, Event, Mention, Place
from geomap.progress import progress
from geomap.site.assets import PageAssets, with_assets
from geomap.site.dated_map import render_dated_map
from geomap.site.export import (english_actor_label, event_layers_parts, events_csv, events_geojson_parts, places_geojson,
                                shares_csv, territory_csv, unresolved_csv)
from geomap.site.gpkg_export import GPKG_FILE, events_gpkg
from geomap.site.index import map_alt, render_index
from geomap.site.markers import dated_days
from geomap.site.settings import SiteSettings
from geomap.site.shared_areas import SHARED_AREAS_FILE, SharedAreas, share_areas
from geomap.site.slider import render_timeline
from geomap.site.snapshots import take_snapshots, with_picture
from geomap.site.ui import load_ui, story_title

__all__ = ["SiteSettings", "export_files", "load_ui", "page_files", "render_exports", "render_pages", "render_site",
           "render_territory", "site_files", "story_title"]

Warn = Callable[[str], None]
BASE_URL_WARNING = ("base_url is empty: the embed snippets on index.html use relative links, which work only "
                    "on a page in the same folder as the maps; set base_url in config.yaml to where the site "
                    "will be published")


def warn_on_stderr(line: str) -> None:
    """The default warning channel: one 'warning: ...' line on stderr."""
    print(f"warning: {line}", file=sys.stderr)


def render_pages(events: list[Event], snapshots: list[ControlSnapshot],
                 places: Mapping[str, Place], settings: SiteSettings,
                 warn: Warn | None = None, awaiting: list[Event] | None = None) -> dict[str, str]:
    """The HTML pages: index.html, timeline.html and maps/YYYY-MM-DD.html (and maps/areas.js,
    the polygons they share, unless `settings.self_contained`); with `settings.png`, the dated
    maps' pictures (maps/YYYY-MM-DD.png, bytes) too, and the pages that show them.

    Parameters
    ----------
    events : list of Event
        The merged events; those with a date get a map, the others are listed in the index.
    snapshots : list of ControlSnapshot
        Who held each area, from the control stage (any order).
    places : mapping of place id to Place
        Every place the events and snapshots name.
    settings : SiteSettings
        Title, factions, focus, language and the rest, from the config.
    warn : callable, optional
        Told one line per warning about the pages (default: 'warning: ...' on stderr).
    awaiting : list of Event, optional
        The events of the reviewed file nobody has reviewed yet (geomap.review), listed by
        date on the index; None when no reviewed file is used.

    Returns
    -------
    dict of str to str or bytes
        Page HTML by its path relative to the output folder ('/' separated), and the
        Leaflet files under assets/ the pages link (`settings.assets`, geomap/site/assets).
    """
    if not settings.png:
        return dict(page_files(events, snapshots, places, settings, warn, awaiting))
    load_ui(settings.language)                      # fail early on an unknown language
    snapshots = sorted(snapshots, key=lambda snap: snap.date)
    pages: dict[str, str] = {}
    for day in progress(dated_days(events), "drawing maps", unit="map"):
        pages[f"maps/{day.isoformat()}.html"] = render_dated_map(day, events, snapshots, places, settings)
    pages["timeline.html"] = render_timeline(events, snapshots, places, settings)
    _warn_base_url(settings, warn)
    if settings.assets != "inline":   # a self-contained page keeps its polygons
        pages = share_areas(pages, places)
    pictures = take_snapshots(pages, settings.assets, warn or warn_on_stderr)
    pages = with_pictures(pages, pictures, events, places, settings)
    pages["index.html"] = render_index(events, places, settings, awaiting, pictures)
    return {**with_assets(pages, settings.assets), **pictures}


def page_files(events: list[Event], snapshots: list[ControlSnapshot], places: Mapping[str, Place],
               settings: SiteSettings, warn: Warn | None = None,
               awaiting: list[Event] | None = None) -> Iterator[tuple[str, str | bytes]]:
    """The pages of `render_pages`, one by one as each is drawn (its areas shared and its
    assets linked as it comes), then maps/areas.js and the asset files; without pictures
    (`settings.png` needs every page at once: `render_pages`)."""
    load_ui(settings.language)                      # fail early on an unknown language
    snapshots = sorted(snapshots, key=lambda snap: snap.date)
    assets = PageAssets(settings.assets)
    areas = SharedAreas(places) if settings.assets != "inline" else None   # a self-contained page keeps its polygons
    for day in progress(dated_days(events), "drawing maps", unit="map"):
        page = render_dated_map(day, events, snapshots, places, settings)
        yield assets.page(f"maps/{day.isoformat()}.html", areas.share(page) if areas else page)
    yield assets.page("timeline.html", render_timeline(events, snapshots, places, settings))
    _warn_base_url(settings, warn)
    if areas and areas.used:
        yield assets.page(SHARED_AREAS_FILE, areas.script())
    yield assets.page("index.html", render_index(events, places, settings, awaiting, {}))
    yield from assets.files().items()


def _warn_base_url(settings: SiteSettings, warn: Warn | None) -> None:
    if not settings.base_url:
        (warn or warn_on_stderr)(BASE_URL_WARNING)


def with_pictures(pages: dict[str, str], pictures: Mapping[str, bytes], events: list[Event],
                  places: Mapping[str, Place], settings: SiteSettings) -> dict[str, str]:
    """The dated maps that have a picture (geomap/site/snapshots) showing it where their script
    does not run, and naming it as their social card."""
    ui = load_ui(settings.language)
    result = dict(pages)
    for picture in pictures:
        path = picture[: -len(".png")] + ".html"
        day = date.fromisoformat(path[len("maps/"): -len(".html")])
        result[path] = with_picture(pages[path], picture, map_alt(day, events, places, settings, ui),
                                    settings.base_url)
    return result


def render_exports(events: list[Event], articles: list[Article],
                   mentions: dict[str, list[Mention]], gazetteer, language: str,
                   factions: Mapping[str, dict] | None = None) -> dict[str, str]:
    """The exports: events.geojson, event_points.geojson, routes.geojson, events.csv,
    places.geojson and unresolved.csv.

    Parameters
    ----------
    events : list of Event
        The merged events.
    articles : list of Article
        The articles read (for the sentences of unresolved names).
    mentions : dict of article name to list of Mention
        The place names found in each article.
    gazetteer : Gazetteer
        The places, with those the build added (GeoNames, geocoder).
    language : str
        The language of place labels.
    factions : mapping, optional
        The config's sides, for the English actor names of events.csv's ACLED-style columns.

    Returns
    -------
    dict of str to str
        File text by its path relative to the output folder.
    """
    return {name: whole(content) for name, content in export_files(events, articles, mentions, gazetteer, language,
                                                                   factions)}


def whole(content: str | bytes | Iterable[str]) -> str | bytes:
    """A file's content as one text (or bytes): the pieces of a file given in pieces joined."""
    return content if isinstance(content, (str, bytes)) else "".join(content)


def export_files(events: list[Event], articles: list[Article], mentions: dict[str, list[Mention]], gazetteer,
                 language: str, factions: Mapping[str, dict] | None = None) -> Iterator[tuple[str, str | Iterable[str]]]:
    """The exports of `render_exports`, one by one as each is made; the GeoJSON of the events
    in the pieces the encoder makes (geomap.publish.staging writes them as they come)."""
    yield "events.geojson", events_geojson_parts(events, gazetteer, language)     # in pieces: the largest files
    yield from event_layers_parts(events, gazetteer, language).items()
    yield "events.csv", events_csv(events, gazetteer, language, english_actor_label(dict(factions or {})))
    yield "places.geojson", places_geojson(mentions, gazetteer, events, language)
    yield "unresolved.csv", unresolved_csv(articles, mentions, gazetteer)


def render_territory(events: list[Event], snapshots: list[ControlSnapshot], shares) -> dict[str, str]:
    """territory.csv (every date that has a map) and shares.csv (the stated shares); none
    without a territory layer.

    Parameters
    ----------
    events : list of Event
        The merged events (their dates are the maps' dates).
    snapshots : list of ControlSnapshot
        Who held each area and why, from the control stage.
    shares : list of StatedShare
        Every share the articles state.
    """
    if not snapshots:
        return {}
    return {"territory.csv": territory_csv(dated_days(events), snapshots), "shares.csv": shares_csv(list(shares))}


def render_site(events: list[Event], snapshots: list[ControlSnapshot],
                places: Mapping[str, Place], settings: SiteSettings, *, articles: list[Article],
                mentions: dict[str, list[Mention]], gazetteer,
                warn: Warn | None = None, shares=(), awaiting: list[Event] | None = None) -> dict[str, str | bytes]:
    """Every file of the output folder: the pages and the exports (events.gpkg too). Nothing is written.

    Parameters
    ----------
    events, snapshots, places, settings, warn, awaiting
        As for `render_pages`.
    articles, mentions, gazetteer
        As for `render_exports` (its language is `settings.language`).
    shares : list of StatedShare
        The shares the articles state (shares.csv, with territory.csv when there is territory).

    Returns
    -------
    dict of str to str or bytes
        File text (UTF-8, '\\n' line ends), or bytes for the shipped images and events.gpkg, by its path
        relative to the output folder, sorted by path.
    """
    files = site_files(events, snapshots, places, settings, articles=articles, mentions=mentions,
                       gazetteer=gazetteer, warn=warn, shares=shares, awaiting=awaiting)
    return dict(sorted((name, whole(content)) for name, content in files))


def site_files(events: list[Event], snapshots: list[ControlSnapshot],
               places: Mapping[str, Place], settings: SiteSettings, *, articles: list[Article],
               mentions: dict[str, list[Mention]], gazetteer,
               warn: Warn | None = None, shares=(), awaiting: list[Event] | None = None
               ) -> Iterator[tuple[str, str | bytes]]:
    """The files of `render_site` one by one, each rendered when it is asked for, so that
    `geomap.publish.publish` writes each before the next is made and the site is never in
    memory whole (with `settings.png` the pages are, to take their pictures). Same
    parameters; (path, content) pairs, not sorted, the content text, bytes, or text in pieces
    (`whole` joins them)."""
    yield from export_files(events, articles, mentions, gazetteer, settings.language, settings.factions)
    if settings.png:
        yield from render_pages(events, snapshots, places, settings, warn, awaiting).items()
    else:
        yield from page_files(events, snapshots, places, settings, warn, awaiting)
    yield from render_territory(events, snapshots, shares).items()
    yield GPKG_FILE, events_gpkg(events, gazetteer, settings.language, dated_days(events), snapshots, places)

"""events.gpkg: the events and the territory as one GeoPackage, a layer per kind of geometry.

Layers (QGIS lists them when the file is dropped on it; GDAL's ogr2ogr converts each):

    event_points   POINT         every located event, at its place or its route's origin
    routes         LINESTRING    every route, origin through stops to destination
    territory      MULTIPOLYGON  every drawn area on every date that has a map: its holder
                                 (`side`), why (`basis`, `source`, `quote`), and `changed`
                                 when it changed hands that day (not written without territory)

The event layers carry the flat properties of event_points.geojson and routes.geojson, with
`date` as a DATE; unlocated events are in events.geojson and events.csv only. Every layer's
last_change is the latest date of the data (1970-01-01 when there is none), so the same
input gives the same bytes (geomap.site.geopackage).
"""
from __future__ import annotations

from datetime import date
from typing import Mapping

from shapely.geometry import MultiPolygon, shape

from geomap.models import ControlSnapshot, Event, Place
from geomap.site.export import event_geometry, holdings, layer_properties, preferred_name
from geomap.site.geopackage import Layer, gpkg_bytes

GPKG_FILE = "events.gpkg"
EVENT_COLUMNS = [("id", "TEXT"), ("type", "TEXT"), ("date", "DATE"), ("precision", "TEXT"), ("status", "TEXT"),
                 ("place", "TEXT"), ("place_name", "TEXT"), ("route", "TEXT"), ("to", "TEXT"), ("from", "TEXT"),
                 ("actors", "TEXT"), ("people", "INTEGER"), ("sources", "TEXT"), ("quote", "TEXT")]
TERRITORY_COLUMNS = [("date", "DATE"), ("area", "TEXT"), ("area_name", "TEXT"), ("side", "TEXT"),
                     ("basis", "TEXT"), ("source", "TEXT"), ("quote", "TEXT"), ("changed", "BOOLEAN")]
NO_DATE = date(1970, 1, 1)


def events_gpkg(events: list[Event], gazetteer, language: str, days: list[date],
                snapshots: list[ControlSnapshot], places: Mapping[str, Place]) -> bytes:
    """events.gpkg: the layers event_points, routes and (with territory) territory.

    Parameters
    ----------
    events : list of Event
        The merged events, in the order of events.geojson.
    gazetteer : Gazetteer
        Where the events' places are.
    language : str
        The pages' language (the layers' place names are the gazetteer's preferred ones).
    days : list of date
        The dates that have a map (the territory layer's dates).
    snapshots : list of ControlSnapshot
        Who held each area and why; none: no territory layer.
    places : mapping of place id to Place
        The areas' polygons.

    Returns
    -------
    bytes
        The GeoPackage file.
    """
    points, routes = event_layers(events, gazetteer, language)
    layers = [points, routes]
    if snapshots:
        layers.append(territory_layer(days, snapshots, places))
    latest = max([e.date for e in events if e.date] + list(days), default=NO_DATE)
    return gpkg_bytes(layers, f"{latest.isoformat()}T00:00:00.000Z")


def event_layers(events: list[Event], gazetteer, language: str) -> tuple[Layer, Layer]:
    """The event_points and routes layers (the rows of event_points.geojson and routes.geojson)."""
    points = Layer("event_points", "POINT", EVENT_COLUMNS, "geomap events: every located event as a point")
    routes = Layer("routes", "LINESTRING", EVENT_COLUMNS, "geomap events: the routes of evacuations and moves")
    for event in events:
        geometry = event_geometry(event, gazetteer)
        if geometry is None:
            continue
        properties = layer_properties(event, gazetteer, language)
        values = tuple(properties[name] for name, _ in EVENT_COLUMNS)
        line = shape(geometry)
        if geometry["type"] == "LineString":
            routes.rows.append((line, *values))
            line = shape({"type": "Point", "coordinates": geometry["coordinates"][0]})
        points.rows.append((line, *values))
    return points, routes


def territory_layer(days: list[date], snapshots: list[ControlSnapshot], places: Mapping[str, Place]) -> Layer:
    """The territory layer: one row per (mapped date, area with a polygon), by date then area."""
    layer = Layer("territory", "MULTIPOLYGON", TERRITORY_COLUMNS,
                  "geomap territory: who holds each area on each date that has a map, and why")
    for held in holdings(days, snapshots):
        polygons = _multipolygon(places.get(held.area))
        if polygons is None:
            continue
        basis = held.basis
        layer.rows.append((polygons, held.day.isoformat(), held.area, preferred_name(held.area, places, held.area),
                           held.side, basis.kind if basis else None, (basis.source or None) if basis else None,
                           (basis.quote or None) if basis else None, int(held.changed)))
    return layer


def _multipolygon(place: Place | None):
    """The place's polygon(s) as one MultiPolygon, or None when it has none."""
    geometry = place.geometry if place is not None else None
    if geometry is None or geometry.is_empty:
        return None
    if geometry.geom_type == "Polygon":
        return MultiPolygon([geometry])
    return geometry if geometry.geom_type == "MultiPolygon" else None

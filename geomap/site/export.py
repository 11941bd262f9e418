"""The exports: events and places as GeoJSON (the contract in ../shared/eval/README.md),
events as CSV for spreadsheets, the place names geomap could not map, who held each area on
each date that has a map and why (territory.csv), and the shares the articles state (shares.csv).

events.geojson: one Feature per distinct event; a Point at its place, a LineString from an
evacuation's origin through its stops to its destination, or no geometry when the place has
no coordinates (its name is still in `place_name`): the scorer's contract
(../shared/eval/README.md). For GIS software, which wants one kind of geometry per layer,
the same events are also two single-kind files: event_points.geojson (every located event
as a Point, at its place or its route's origin) and routes.geojson (the route LineStrings).
places.geojson: one Feature per place shown on the maps, with every mention `{source, text}`.

events.csv starts with a UTF-8 byte order mark (Excel then reads accents right on a
double-click); its `place_name` and `route` are the gazetteer's preferred names, the same
whatever the pages' language, with `place_name_<lang>` columns beside them; the ACLED-style
columns follow geomap's own (geomap/site/acled.py). All files are UTF-8, keys in a fixed order,
coordinates rounded to 5 decimals (about a metre), so the same input gives the same bytes.
"""
from __future__ import annotations

import bisect
import csv
import io
import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterator

from geomap import lang
from geomap.models import AreaBasis, Article, ControlSnapshot, Event, Mention, StatedShare
from geomap.site.acled import ACLED_FIELDS, acled_row

CSV_FIELDS = ["id", "type", "date", "precision", "date_first", "date_last", "status", "place", "place_name",
              "route", "to", "from", "actors", "people", "lat", "lon", "corroboration", "flags",
              "sources", "outlets", "urls", "published", "published_basis", "quote", "review"]
BOM = "\ufeff"


def _point(place) -> list[float] | None:
    if place is None or not place.located:
        return None
    return [round(place.lon, 5), round(place.lat, 5)]


def event_geometry(event: Event, gazetteer) -> dict | None:
    """Where the event is drawn: a route's line, else the place's point, else nothing."""
    if event.route:
        points = [_point(gazetteer.get(pid)) for pid in event.route if pid in gazetteer]
        points = [p for p in points if p]
        if len(points) >= 2:
            return {"type": "LineString", "coordinates": points}
    place = gazetteer.get(event.place_id) if event.place_id and event.place_id in gazetteer else None
    point = _point(place)
    return {"type": "Point", "coordinates": point} if point else None


def place_label(place_id: str | None, gazetteer, language: str, fallback: str = "") -> str:
    if place_id and place_id in gazetteer:
        return gazetteer.get(place_id).label(language)
    return fallback


def event_properties(event: Event, gazetteer, language: str) -> dict:
    """The properties of an event Feature (also the columns of events.csv)."""
    return {
        "id": event.id, "type": event.type,
        "date": event.date.isoformat() if event.date else None, "precision": event.precision,
        "date_window": [d.isoformat() for d in event.window] if event.window else None,
        "status": event.status,
        "place": event.place_id, "place_name": place_label(event.place_id, gazetteer, language, event.place_text),
        "route": list(event.route),
        "route_names": [place_label(p, gazetteer, language, p) for p in event.route],
        "to": event.to, "from": event.from_, "actors": list(event.actors), "people": event.people,
        "corroboration": event.corroboration, "flags": list(event.flags), "review": event.review or None,
        "sources": [{"article": s.article, "outlet": s.outlet, "title": s.title, "url": s.url,
                     "published": s.published.isoformat() if s.published else None,
                     "published_basis": s.published_basis,
                     "quote": s.sentence, "start": s.start, "end": s.end} for s in event.sources],
    }


def events_geojson(events: list[Event], gazetteer, language: str) -> str:
    return "".join(events_geojson_parts(events, gazetteer, language))


def events_geojson_parts(events: list[Event], gazetteer, language: str) -> Iterator[str]:
    """events.geojson in the pieces `json` writes it in (`json_parts`)."""
    features = [{"type": "Feature", "id": e.id, "geometry": event_geometry(e, gazetteer),
                 "properties": event_properties(e, gazetteer, language)} for e in events]
    return json_parts({"type": "FeatureCollection", "features": features})


def layer_properties(event: Event, gazetteer, language: str) -> dict:
    """Flat properties for GIS layers (no lists or objects, which Shapefiles cannot hold)."""
    p = event_properties(event, gazetteer, language)
    return {"id": p["id"], "type": p["type"], "date": p["date"], "precision": p["precision"], "status": p["status"],
            "place": p["place"], "place_name": preferred_name(event.place_id, gazetteer, event.place_text),
            "route": " > ".join(preferred_name(pid, gazetteer, pid) for pid in event.route),
            "to": p["to"], "from": p["from"], "actors": "; ".join(p["actors"]), "people": p["people"],
            "sources": "; ".join(s["article"] for s in p["sources"]),
            "quote": " | ".join(s["quote"] for s in p["sources"] if s["quote"])}


def event_layers(events: list[Event], gazetteer, language: str) -> dict[str, str]:
    """event_points.geojson (a Point per located event) and routes.geojson (the routes' lines)."""
    return {name: "".join(parts) for name, parts in event_layers_parts(events, gazetteer, language).items()}


def event_layers_parts(events: list[Event], gazetteer, language: str) -> dict[str, Iterator[str]]:
    """`event_layers`, each file in the pieces `json` writes it in (`json_parts`)."""
    points, routes = [], []
    for event in events:
        geometry = event_geometry(event, gazetteer)
        if geometry is None:
            continue
        properties = layer_properties(event, gazetteer, language)
        if geometry["type"] == "LineString":
            routes.append({"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties})
            geometry = {"type": "Point", "coordinates": geometry["coordinates"][0]}
        points.append({"type": "Feature", "id": event.id, "geometry": geometry, "properties": properties})
    return {"event_points.geojson": json_parts({"type": "FeatureCollection", "features": points}),
            "routes.geojson": json_parts({"type": "FeatureCollection", "features": routes})}


def english_actor_label(factions: dict):
    """An actor by its English name (ACLED's language): the config's faction label, else the
    `actors` of geomap/lang/en/ui.yaml, else its id."""
    names = lang.load("en", "ui").get("actors", {}) if "en" in lang.available() else {}

    def label(actor: str) -> str:
        return factions.get(actor, {}).get("label", {}).get("en") or names.get(actor) or actor
    return label


def preferred_name(place_id: str | None, gazetteer, fallback: str = "") -> str:
    """The gazetteer's preferred name of a place (its first name), whatever the UI language."""
    return gazetteer.get(place_id).names[0] if place_id and place_id in gazetteer else fallback


def places_geojson(mentions: dict[str, list[Mention]], gazetteer, events: list[Event], language: str) -> str:
    """Every located place named in the articles (as a location, outside page furniture)."""
    by_place = defaultdict(set)
    for article_name, found in mentions.items():
        for m in found:
            if m.place_id and m.place_id in gazetteer and gazetteer.get(m.place_id).located:
                by_place[m.place_id].add((article_name, m.text))
            if m.whole and m.whole[0] in gazetteer and gazetteer.get(m.whole[0]).located:
                by_place[m.whole[0]].add((article_name, m.whole[1]))   # "Alep-est" in "le nord d'Alep-est"
    counts = defaultdict(int)
    for e in events:
        for pid in {e.place_id, *e.route} - {None}:
            counts[pid] += 1
    features = []
    for pid in sorted(by_place):
        place = gazetteer.get(pid)
        features.append({"type": "Feature", "id": pid, "geometry": {"type": "Point", "coordinates": _point(place)},
                         "properties": {"id": pid, "name": place.label(language), "type": place.type,
                                        "parent": place.parent, "events": counts[pid],
                                        "mentions": [{"source": s, "text": t} for s, t in sorted(by_place[pid])],
                                        "source": place.source, "licence": place.licence}})
    return _dump({"type": "FeatureCollection", "features": features})


def events_csv(events: list[Event], gazetteer, language: str, actor_label=None) -> str:
    """events.csv: geomap's columns, `place_name_<lang>` per language, the ACLED-style columns;
    with a BOM. `actor_label` names an actor for actor1/actor2 (default: its id)."""
    languages = lang.available()
    fields = CSV_FIELDS + [f"place_name_{code}" for code in languages] + ACLED_FIELDS
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=fields, lineterminator="\n")
    writer.writeheader()
    for e in events:
        p = event_properties(e, gazetteer, language)
        geometry = event_geometry(e, gazetteer)
        lon, lat = (geometry["coordinates"][0] if geometry["type"] == "LineString" else geometry["coordinates"]) \
            if geometry else (None, None)
        writer.writerow(_guarded({
            "id": p["id"], "type": p["type"], "date": p["date"] or "", "precision": p["precision"],
            "date_first": p["date_window"][0] if p["date_window"] else "",
            "date_last": p["date_window"][1] if p["date_window"] else "",
            "status": p["status"], "place": p["place"] or "",
            "place_name": preferred_name(e.place_id, gazetteer, e.place_text),
            "route": " > ".join(preferred_name(pid, gazetteer, pid) for pid in e.route), "to": p["to"] or "", "from": p["from"] or "",
            "actors": "; ".join(p["actors"]), "people": p["people"] or "", "lat": lat if lat is not None else "",
            "lon": lon if lon is not None else "", "corroboration": p["corroboration"], "flags": "; ".join(p["flags"]),
            "sources": "; ".join(s["article"] for s in p["sources"]),
            "outlets": "; ".join(s["outlet"] or "" for s in p["sources"]),
            "urls": "; ".join(s["url"] or "" for s in p["sources"]),
            "published": "; ".join(s["published"] or "" for s in p["sources"]),
            "published_basis": "; ".join(s["published_basis"] for s in p["sources"]),
            "quote": " | ".join(s["quote"] for s in p["sources"]), "review": p["review"] or "",
            **{f"place_name_{code}": place_label(e.place_id, gazetteer, code, e.place_text) for code in languages},
            **acled_row(e, gazetteer, (lon, lat) if lat is not None else None, actor_label or str,
                        e.route[0] if geometry and geometry["type"] == "LineString" else e.place_id),
        }))
    return BOM + out.getvalue()


TERRITORY_FIELDS = ["date", "place_id", "side", "basis", "source"]
SHARES_FIELDS = ["date", "side", "share", "of_place", "source", "quote"]


def territory_csv(days, snapshots: list[ControlSnapshot]) -> str:
    """territory.csv: one row per (date, area) for every date that has a map: the holder then
    in force, its basis, and the article (or trusted file) behind it."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(TERRITORY_FIELDS)
    for held in holdings(days, snapshots):
        writer.writerow([_guarded_cell(cell) for cell in (held.day.isoformat(), held.area, held.side,
                                                          held.basis.kind if held.basis else "",
                                                          held.basis.source if held.basis else "")])
    return out.getvalue()


@dataclass(frozen=True)
class Holding:
    """Who holds an area on a mapped date, why (its AreaBasis, or None), and whether it
    changed hands that day."""
    day: date
    area: str
    side: str
    basis: AreaBasis | None
    changed: bool


def holdings(days, snapshots: list[ControlSnapshot]) -> list[Holding]:
    """Every (date, area) of the dates `days`, by date then area id: the snapshot then in force."""
    ordered = sorted(snapshots, key=lambda snap: snap.date)
    held = []
    for day in sorted(days):
        current = next((snap for snap in reversed(ordered) if snap.date <= day), None)
        for area, side in sorted(current.holder.items()) if current else ():
            held.append(Holding(day, area, side, current.basis.get(area),
                                current.date == day and area in current.changed))
    return held


def shares_csv(shares: list[StatedShare]) -> str:
    """shares.csv: every share an article states, as what a side holds afterwards (0..1)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(SHARES_FIELDS)
    for s in sorted(shares, key=lambda s: (s.date or date.min, s.source, s.side, s.share, s.quote)):
        writer.writerow([_guarded_cell(cell) for cell in
                         (s.date.isoformat() if s.date else "", s.side, s.share, s.of_place or "", s.source, s.quote)])
    return out.getvalue()


def unresolved(mention: Mention, gazetteer) -> bool:
    """Whether a place name cannot go on a map: not in the gazetteer, or there without coordinates."""
    return not (mention.place_id and mention.place_id in gazetteer and gazetteer.get(mention.place_id).located)


def unresolved_rows(articles: list[Article], mentions: dict[str, list[Mention]], gazetteer) -> set[tuple]:
    """(name, article, reason, gazetteer id, sentence) of every place name found in the articles
    that cannot go on a map."""
    by_name = {a.name: a for a in articles}
    rows = set()
    for article_name, found in mentions.items():
        article = by_name[article_name]
        starts = [s.start for s in article.sentences]
        for m in found:
            if not unresolved(m, gazetteer):
                continue
            known = m.place_id and m.place_id in gazetteer
            reason = "in the gazetteer without coordinates" if known else "not in the gazetteer"
            rows.add((m.text, article_name, reason, m.place_id or "", _sentence_around(article, starts, m.start)))
    return rows


def unresolved_count(articles: list[Article], mentions: dict[str, list[Mention]], gazetteer) -> int:
    """How many distinct place names cannot go on a map: the names of unresolved.csv's rows."""
    return len({row[0] for row in unresolved_rows(articles, mentions, gazetteer)})


def unresolved_csv(articles: list[Article], mentions: dict[str, list[Mention]], gazetteer) -> str:
    """unresolved.csv: the place names that cannot go on a map, with the sentence."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["name", "article", "reason", "gazetteer_id", "sentence"])
    for row in sorted(unresolved_rows(articles, mentions, gazetteer)):
        writer.writerow([_guarded_cell(cell) for cell in row])
    return out.getvalue()


def _sentence_around(article: Article, starts: list[int], offset: int) -> str:
    """The sentence holding the offset (`starts`: where each sentence starts, in text order)."""
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0 and offset < article.sentences[index].end:
        return article.sentences[index].text
    return ""


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _guarded(row: dict) -> dict:
    return {key: _guarded_cell(value) for key, value in row.items()}


def _guarded_cell(value) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @, tab or CR first) prefixed with '."""
    cell = str(value)
    return "'" + cell if cell.startswith(FORMULA_STARTS) and not _is_number(cell) else cell


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


def _dump(data) -> str:
    return "".join(json_parts(data))


_JSON = json.JSONEncoder(ensure_ascii=False, indent=1)


def json_parts(data) -> Iterator[str]:
    """The text of `json.dumps(data, ensure_ascii=False, indent=1)` and a line end, in the
    small pieces the encoder makes: a large export written piece by piece (geomap.publish.staging)
    is never held whole, nor as the list of its millions of pieces `json.dumps` joins."""
    yield from _JSON.iterencode(data)
    yield "\n"

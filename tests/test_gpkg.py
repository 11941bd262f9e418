"""events.gpkg, the GeoPackage a GIS desk opens: one layer per kind of geometry (event points,
route lines, territory polygons per date with side and basis), read back with pyogrio (GDAL,
as QGIS reads it), converted to FlatGeobuf, checked against the GeoPackage spec's required
tables, and the same bytes for the same input."""
from __future__ import annotations

import csv
import json
import sqlite3
from datetime import date
from pathlib import Path

import pyogrio   # installed with geopandas (the test extra)
import pytest

from geomap.gazetteer import Gazetteer
from geomap.models import AreaBasis, ControlSnapshot, Event, Source
from geomap.site.geopackage import APPLICATION_ID, Layer, geometry_blob, gpkg_bytes
from geomap.site.gpkg_export import GPKG_FILE, events_gpkg

REPO = Path(__file__).resolve().parents[1]
EVENT_FIELDS = ["id", "type", "date", "precision", "status", "place", "place_name", "route", "to", "from",
                "actors", "people", "sources", "quote"]


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def source(quote="Lundi, ils ont perdu Cheikh Saïd.") -> Source:
    return Source(article="a.txt", sentence=quote, start=0, end=len(quote), outlet="Journal",
                  published=date(2016, 12, 14))


EVENTS = [Event(type="control_change", date=date(2016, 12, 12), precision="day", window=None,
                place_id="sheikh-saeed", to="government", from_="rebels", sources=[source()], id="ev-1"),
          Event(type="evacuation", date=date(2016, 12, 15), precision="day", window=None, place_id="al-amiriyah",
                route=("al-amiriyah", "ramouseh"), people=3000, sources=[source("Ils sont partis.")], id="ev-2"),
          Event(type="strike", date=date(2016, 12, 8), precision="day", window=None,
                place_id="al-maadi", place_text="Maadi", sources=[source()], id="ev-3")]
DAYS = [date(2016, 12, 8), date(2016, 12, 12), date(2016, 12, 15)]
SNAPSHOTS = [ControlSnapshot(date(2016, 12, 1), {"sheikh-saeed": "rebels", "al-amiriyah": "rebels"},
                             basis={"sheikh-saeed": AreaBasis("baseline"), "al-amiriyah": AreaBasis("baseline")}),
             ControlSnapshot(date(2016, 12, 12), {"sheikh-saeed": "government", "al-amiriyah": "rebels"},
                             changed=("sheikh-saeed",),
                             basis={"sheikh-saeed": AreaBasis("reported", "a.txt", "Lundi, ils ont perdu Cheikh Saïd."),
                                    "al-amiriyah": AreaBasis("baseline")})]


@pytest.fixture(scope="module")
def package(gazetteer, tmp_path_factory) -> Path:
    places = {p.id: p for p in gazetteer}
    path = tmp_path_factory.mktemp("gpkg") / GPKG_FILE
    path.write_bytes(events_gpkg(EVENTS, gazetteer, "fr", DAYS, SNAPSHOTS, places))
    return path


def test_each_layer_holds_one_kind_of_geometry(package):
    assert [tuple(layer) for layer in pyogrio.list_layers(package)] == [
        ("event_points", "Point"), ("routes", "LineString"), ("territory", "MultiPolygon")]
    counts = {name: pyogrio.read_info(package, layer=name)["features"] for name, _ in pyogrio.list_layers(package)}
    # the unlocated strike (Maadi) has no point; 2 areas x 3 mapped dates
    assert counts == {"event_points": 2, "routes": 1, "territory": 6}
    for layer in ("event_points", "routes"):
        assert list(pyogrio.read_info(package, layer=layer)["fields"]) == EVENT_FIELDS
    assert pyogrio.read_info(package, layer="territory")["crs"] == "EPSG:4326"


def test_event_layers_carry_the_flat_properties_with_a_real_date(package):
    points = pyogrio.read_dataframe(package, layer="event_points")
    change = points[points["id"] == "ev-1"].iloc[0]
    assert (change["type"], change["to"], change["from"], change["place_name"]) == \
        ("control_change", "government", "rebels", "Sheikh Saeed")
    assert change["date"].date() == date(2016, 12, 12)
    assert (change.geometry.x, change.geometry.y) == (37.15581, 36.16462)
    route = pyogrio.read_dataframe(package, layer="routes").iloc[0]
    assert route["people"] == 3000 and route["quote"] == "Ils sont partis."
    assert [tuple(c) for c in route.geometry.coords] == [(37.12606, 36.1707), (37.13079, 36.15374)]


def null_as_none(value):
    """A NULL cell as None (pandas reads a NULL text as NaN)."""
    return None if value != value else value


def test_territory_has_each_area_on_each_mapped_date_with_side_basis_and_change(package):
    frame = pyogrio.read_dataframe(package, layer="territory")
    rows = {(r["date"].date().isoformat(), r["area"]): (r["side"], r["basis"], null_as_none(r["source"]),
                                                         bool(r["changed"]))
            for _, r in frame.iterrows()}
    assert rows[("2016-12-08", "sheikh-saeed")] == ("rebels", "baseline", None, False)
    assert rows[("2016-12-12", "sheikh-saeed")] == ("government", "reported", "a.txt", True)
    assert rows[("2016-12-15", "sheikh-saeed")] == ("government", "reported", "a.txt", False)
    assert set(frame["area_name"]) == {"Sheikh Saeed", "Al-Amiriyah"}
    assert all(g.geom_type == "MultiPolygon" and g.is_valid for g in frame.geometry)


def test_every_layer_converts_to_flatgeobuf(package, tmp_path):
    for layer, _ in pyogrio.list_layers(package):
        frame = pyogrio.read_dataframe(package, layer=layer)
        pyogrio.write_dataframe(frame, tmp_path / f"{layer}.fgb", driver="FlatGeobuf")
        assert pyogrio.read_info(tmp_path / f"{layer}.fgb")["features"] == len(frame)


def test_the_file_has_what_the_geopackage_spec_requires(package):
    db = sqlite3.connect(package)
    assert db.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID == int.from_bytes(b"GPKG", "big")
    assert db.execute("PRAGMA user_version").fetchone()[0] >= 10200
    assert db.execute("PRAGMA journal_mode").fetchone()[0] != "wal"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert {"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns"} <= tables
    assert {row[0] for row in db.execute("SELECT srs_id FROM gpkg_spatial_ref_sys")} >= {-1, 0, 4326}
    contents = db.execute("SELECT table_name, data_type, srs_id, last_change FROM gpkg_contents").fetchall()
    assert [(name, kind, srs) for name, kind, srs, _ in contents] == [
        ("event_points", "features", 4326), ("routes", "features", 4326), ("territory", "features", 4326)]
    assert {row[3] for row in contents} == {"2016-12-15T00:00:00.000Z"}   # the data's latest date, not now
    for name, *_ in contents:
        blob = db.execute(f'SELECT geom FROM "{name}" LIMIT 1').fetchone()[0]
        assert blob[:3] == b"GP\x00" and int.from_bytes(blob[4:8], "little") == 4326


def test_the_same_input_gives_the_same_bytes_and_no_data_gives_1970(gazetteer):
    places = {p.id: p for p in gazetteer}
    first = events_gpkg(EVENTS, gazetteer, "fr", DAYS, SNAPSHOTS, places)
    assert first == events_gpkg(EVENTS, gazetteer, "fr", DAYS, SNAPSHOTS, places)
    empty = events_gpkg([], gazetteer, "fr", [], [], places)
    assert empty[:16] == b"SQLite format 3\x00"
    assert b"1970-01-01T00:00:00.000Z" in empty
    assert b"territory" not in empty                          # no territory layer without territory


def test_an_empty_geometry_is_flagged_in_its_header():
    from shapely.geometry import LineString, Point
    assert geometry_blob(Point())[3] & 0x10
    assert geometry_blob(LineString([(0, 0), (1, 1)]))[3] == 0x03    # little-endian, xy envelope
    with pytest.raises(ValueError, match="column type"):
        gpkg_bytes([Layer("bad", "POINT", [("x", "BLOBBY")])], "1970-01-01T00:00:00.000Z")


# ---------------------------------------------------------------- the sample, built

@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> Path:
    from geomap import pipeline
    from geomap.config import load_config
    out = tmp_path_factory.mktemp("sample")
    pipeline.build(load_config(REPO / "config.yaml"), out=out)
    return out


def test_the_sample_build_writes_events_gpkg_matching_the_other_exports(sample):
    package = sample / GPKG_FILE
    points = json.loads((sample / "event_points.geojson").read_text(encoding="utf-8"))["features"]
    routes = json.loads((sample / "routes.geojson").read_text(encoding="utf-8"))["features"]
    assert pyogrio.read_info(package, layer="event_points")["features"] == len(points)
    assert pyogrio.read_info(package, layer="routes")["features"] == len(routes)
    territory = pyogrio.read_dataframe(package, layer="territory")
    with (sample / "territory.csv").open(encoding="utf-8") as f:
        rows = {(r["date"], r["place_id"]): (r["side"], r["basis"]) for r in csv.DictReader(f)}
    drawn = {(r["date"].date().isoformat(), r["area"]): (r["side"], r["basis"]) for _, r in territory.iterrows()}
    assert drawn and all(rows[key] == value for key, value in drawn.items())
    assert {day for day, _ in drawn} == {p.stem for p in (sample / "maps").glob("*.html")}
    manifest = (sample / ".geomap-manifest").read_text(encoding="utf-8")
    assert f"  {GPKG_FILE}\n" in manifest

"""The exports: the GeoJSON contract of ../shared/eval/README.md, the CSV, the unresolved names."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

import pyogrio   # installed with geopandas (the test extra): the GIS exports read back as a GIS desk would
import pytest

from geomap.site import export
from geomap.models import Event, Mention, Source
from geomap.gazetteer import Gazetteer


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def source(quote="Lundi, ils ont perdu Cheikh Saïd.") -> Source:
    return Source(article="a.txt", sentence=quote, start=10, end=10 + len(quote), outlet="Journal",
                  url="https://example.org/a", title="Titre", published=date(2016, 12, 14))


def test_a_control_change_is_a_point_with_its_day_and_side(gazetteer):
    event = Event(type="control_change", date=date(2016, 12, 12), precision="day", window=None,
                  place_id="sheikh-saeed", to="government", sources=[source()], id="ev-1")
    feature = json.loads(export.events_geojson([event], gazetteer, "fr"))["features"][0]
    assert feature["geometry"] == {"type": "Point", "coordinates": [37.15581, 36.16462]}
    props = feature["properties"]
    assert (props["type"], props["date"], props["to"], props["precision"]) == ("control_change", "2016-12-12", "government", "day")
    assert props["sources"][0]["quote"] == "Lundi, ils ont perdu Cheikh Saïd."


def test_a_route_is_a_line_from_origin_through_stops_to_destination(gazetteer):
    event = Event(type="evacuation", date=date(2016, 12, 15), precision="day", window=None,
                  place_id="al-amiriyah", route=("al-amiriyah", "ramouseh", "khan-al-asal"), sources=[source()])
    geometry = export.event_geometry(event, gazetteer)
    assert geometry["type"] == "LineString" and len(geometry["coordinates"]) == 3
    assert geometry["coordinates"][0] == [37.12606, 36.1707]


def test_an_unlocated_place_gives_no_geometry_but_keeps_its_name(gazetteer):
    event = Event(type="strike", date=date(2016, 12, 8), precision="day", window=None,
                  place_id="al-maadi", place_text="Maadi", sources=[source()])
    feature = json.loads(export.events_geojson([event], gazetteer, "fr"))["features"][0]
    assert feature["geometry"] is None and feature["properties"]["place_name"]


def test_places_list_each_mention_once_and_skip_unlocated_ones(gazetteer):
    mentions = {"a.txt": [Mention("Cheikh Saïd", 0, 11, "sheikh-saeed"), Mention("Cheikh Saïd", 40, 51, "sheikh-saeed"),
                          Mention("Maadi", 60, 65, "al-maadi")]}
    features = json.loads(export.places_geojson(mentions, gazetteer, [], "fr"))["features"]
    assert [f["id"] for f in features] == ["sheikh-saeed"]
    assert features[0]["properties"]["mentions"] == [{"source": "a.txt", "text": "Cheikh Saïd"}]


def test_a_part_named_through_its_whole_lists_the_whole_as_named_too(gazetteer):
    [part] = gazetteer.find("Des combats dans la partie nord d'Alep-est.", "fr")
    north = part.place_id
    mentions = {"a.txt": [part]}
    features = json.loads(export.places_geojson(mentions, gazetteer, [], "fr"))["features"]
    named = {f["id"]: f["properties"]["mentions"] for f in features}
    assert named["east-aleppo"] == [{"source": "a.txt", "text": "Alep-est"}]
    assert named[north] == [{"source": "a.txt", "text": "la partie nord d'Alep-est"}]


def test_csv_cells_cannot_run_as_spreadsheet_formulas(gazetteer):
    event = Event(type="strike", date=date(2016, 12, 8), precision="day", window=None, place_id="kallaseh",
                  sources=[source('=HYPERLINK("http://evil.example","clic")')])
    rows = list(csv.DictReader(io.StringIO(export.events_csv([event], gazetteer, "fr"))))
    assert rows[0]["quote"].startswith("'=")
    assert rows[0]["lat"] == "36.19374"


# --------------------------------------------------------------------------- for spreadsheets and GIS

def three_events() -> list[Event]:
    """A control change, an evacuation route and an unlocated strike."""
    return [Event(type="control_change", date=date(2016, 12, 12), precision="day", window=None,
                  place_id="sheikh-saeed", to="government", from_="rebels", sources=[source()], id="ev-1"),
            Event(type="evacuation", date=date(2016, 12, 15), precision="approximate",
                  window=(date(2016, 12, 14), date(2016, 12, 16)), place_id="al-amiriyah",
                  route=("al-amiriyah", "ramouseh"), actors=("government", "rebels"), sources=[source()], id="ev-2"),
            Event(type="strike", date=date(2016, 12, 8), precision="day", window=None,
                  place_id="al-maadi", place_text="Maadi", sources=[source()], id="ev-3")]


def csv_rows(text: str) -> list[dict]:
    assert text.startswith("\ufeff")                         # Excel reads UTF-8 accents right
    return list(csv.DictReader(io.StringIO(text[1:])))


def test_events_csv_has_a_bom_and_acled_style_columns(gazetteer):
    label = export.english_actor_label({"government": {"label": {"en": "Government and allies"}}})
    rows = csv_rows(export.events_csv(three_events(), gazetteer, "fr", label))
    assert {"event_date", "event_type", "sub_event_type", "actor1", "actor2", "admin1", "location", "latitude",
            "longitude", "geo_precision", "time_precision", "source", "notes", "fatalities"} <= set(rows[0])
    change, route, strike = rows
    assert (change["event_date"], change["event_type"], change["actor1"], change["actor2"]) == \
        ("2016-12-12", "Battles", "Government and allies", "Rebels")
    assert (change["admin1"], change["geo_precision"], change["time_precision"]) == ("Aleppo Governorate", "1", "1")
    assert change["notes"] == "Lundi, ils ont perdu Cheikh Saïd." and change["source"] == "Journal"
    assert (route["latitude"], route["longitude"], route["time_precision"]) == ("36.1707", "37.12606", "2")
    assert (strike["latitude"], strike["geo_precision"], strike["fatalities"]) == ("", "", "")


def test_csv_place_names_do_not_change_with_the_ui_language(gazetteer):
    french, english = (csv_rows(export.events_csv(three_events(), gazetteer, code)) for code in ("fr", "en"))
    assert french == english
    change = french[0]
    assert change["place_name"] == gazetteer.get("sheikh-saeed").names[0]
    assert change["place_name_fr"] == gazetteer.get("sheikh-saeed").label("fr")
    assert change["place_name_en"] == gazetteer.get("sheikh-saeed").label("en")


def test_gis_layers_have_one_geometry_kind_each_and_convert_to_flatgeobuf(gazetteer, tmp_path):
    files = export.event_layers(three_events(), gazetteer, "fr")
    kinds = {}
    for name, text in files.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        kinds[name] = (pyogrio.read_info(path)["geometry_type"], pyogrio.read_info(path)["features"])
        frame = pyogrio.read_dataframe(path)
        pyogrio.write_dataframe(frame, tmp_path / f"{path.stem}.fgb", driver="FlatGeobuf")
        assert pyogrio.read_info(tmp_path / f"{path.stem}.fgb")["features"] == len(frame)
    assert kinds == {"event_points.geojson": ("Point", 2), "routes.geojson": ("LineString", 1)}
    points = json.loads(files["event_points.geojson"])["features"]
    assert points[1]["geometry"]["coordinates"] == [37.12606, 36.1707]          # the route's origin


def test_places_geojson_is_one_point_layer_that_converts_to_flatgeobuf(gazetteer, tmp_path):
    mentions = {"a.txt": [Mention("Cheikh Saïd", 0, 11, "sheikh-saeed"), Mention("Ramoussa", 20, 28, "ramouseh"),
                          Mention("Maadi", 40, 45, "al-maadi")]}
    path = tmp_path / "places.geojson"
    path.write_text(export.places_geojson(mentions, gazetteer, three_events(), "fr"), encoding="utf-8")
    info = pyogrio.read_info(path)
    assert (info["geometry_type"], info["features"]) == ("Point", 2)           # Maadi has no coordinates
    frame = pyogrio.read_dataframe(path)
    pyogrio.write_dataframe(frame, tmp_path / "places.fgb", driver="FlatGeobuf")
    assert sorted(pyogrio.read_dataframe(tmp_path / "places.fgb")["id"]) == ["ramouseh", "sheikh-saeed"]

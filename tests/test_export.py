"""The exports: the GeoJSON contract of ../shared/eval/README.md, the CSV, the unresolved names."""
from __future__ import annotations

import csv
import io
import json
from datetime import date

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

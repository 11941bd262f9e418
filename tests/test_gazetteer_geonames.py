"""The offline GeoNames fallback: never a date word or a stopword, and only inside the story's region."""
from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from geomap import config as config_mod, pipeline
from geomap.gazetteer import Gazetteer, place_fields
from geomap.gazetteer.common_words import only_common_words
from geomap.gazetteer.geonames import GeoNamesLookup, story_region

ALEPPO = (36.2, 37.16)


@pytest.fixture(scope="module")
def lookup():
    return GeoNamesLookup()


@pytest.mark.parametrize("word", ["Dec", "Dec.", "Sept", "Mar", "Nov", "December", "Mardi", "Décembre",
                                  "Janv", "Tuesday", "Le", "The", "Selon"])
def test_a_date_word_or_stopword_of_any_language_is_never_a_town(lookup, word):
    assert only_common_words(word)
    assert lookup.geocode(word) is None
    place, why = lookup.locate(word, [ALEPPO])
    assert place is None and "date word or common word" in why


def test_a_name_with_a_real_word_in_it_is_not_refused_as_common():
    assert not only_common_words("Mar Elias")
    assert not only_common_words("Manbij")


def test_a_town_near_the_story_is_located(lookup):
    place, why = lookup.locate("Manbij", [ALEPPO])
    assert place is not None and why == ""
    assert abs(place.lat - 36.53) < 0.1 and "GeoNames" in place.source


def test_a_town_far_from_the_story_is_refused_with_the_distance(lookup):
    place, why = lookup.locate("Springfield", [ALEPPO])
    assert place is None
    assert "Springfield" in why and "km from the story's places" in why and "US" in why


def test_of_several_towns_sharing_a_name_the_one_in_the_region_wins(lookup):
    near_missouri = (37.2, -93.3)
    place, _ = lookup.locate("Springfield", [near_missouri])
    assert place is not None and abs(place.lat - 37.2) < 0.3


def test_without_located_places_nothing_is_guessed(lookup):
    place, why = lookup.locate("Manbij", [])
    assert place is None and "no located place" in why


def test_the_region_is_the_focus_or_the_places_named_more_than_once():
    assert story_region([(1.0, 1.0), (2.0, 2.0)], focus=(5.0, 5.0)) == [(5.0, 5.0)]
    assert story_region([(1.0, 1.0), (2.0, 2.0), (1.0, 1.0)], focus=None) == [(1.0, 1.0)]
    assert story_region([(2.0, 2.0), (1.0, 1.0)], focus=None) == [(1.0, 1.0), (2.0, 2.0)]


def test_a_month_after_a_place_word_is_not_an_unknown_place_name():
    gazetteer = Gazetteer.load()
    found = gazetteer.find("Buses left the district of Dec 14 at dawn; the village of Mardi too.", "en")
    assert found == []


ARTICLE = """---
published: 2016-12-15
language: en
---

ALEPPO, Syria, Dec 14, 2016 — Buses left the neighbourhood of Dec 14, 2016, and reached the town of
Springfield, west of Aleppo, rebels in Aleppo said.
"""


def test_a_build_never_puts_a_story_event_at_a_far_town_and_says_why(tmp_path: Path):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    cfg = replace(config_mod.load_config(None), root=tmp_path, output=tmp_path / "out")
    report = pipeline.build(cfg, [tmp_path / "a.md"])
    assert not any(e.place_id and e.place_id.startswith("geonames-") for e in report.events)
    refused = [w for w in report.warnings if "GeoNames (offline) left unlocated" in w]
    assert refused and "'Springfield'" in refused[0] and "km from the story's places" in refused[0]


def test_the_towns_of_names_asked_before_come_from_the_index_file_without_loading_the_towns(tmp_path):
    index = tmp_path / "geonames.json"
    first = GeoNamesLookup(index_file=index)
    first.prepare(["Binnish", "Springfield", "Zorblutzia"])
    again = GeoNamesLookup(index_file=index)
    again.prepare(["Binnish", "Springfield", "Zorblutzia"])
    assert again._cities is None                        # the 34,000 towns were not loaded
    for name in ("Binnish", "Springfield"):
        (place, why), (before, why_before) = again.locate(name, [ALEPPO]), first.locate(name, [ALEPPO])
        assert why == why_before and (place and place_fields(place)) == (before and place_fields(before))
    assert again.geocode("Zorblutzia") is None and again._cities is None


@pytest.mark.parametrize("spoiled", ['{"source": 1, "towns": []}', "not json", '{"towns": {"binnish": [{"name": 3}]}}',
                                     '[1, 2]'])
def test_a_damaged_index_file_is_ignored_and_written_again(tmp_path, spoiled):
    index = tmp_path / "geonames.json"
    index.write_text(spoiled, encoding="utf-8")
    lookup = GeoNamesLookup(index_file=index)
    lookup.prepare(["Binnish"])
    place, _ = lookup.locate("Binnish", [ALEPPO])
    assert place is not None and place.id == "geonames-171451-binnish"
    assert GeoNamesLookup(index_file=index)._from_index({"binnish"}) == {"binnish"}

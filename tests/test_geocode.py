"""The online fallback, tested with a fake geopy geocoder: no test touches the network."""
import json

from geopy.exc import GeocoderUnavailable
from geopy.location import Location

from geomap.gazetteer.geocoder import CachedGeocoder


class FakeGeocoder:
    """Has geopy's `geocode(query, ...)` interface; counts the questions it is asked."""

    def __init__(self, answers, fail=False):
        self.answers = answers
        self.fail = fail
        self.queries = []

    def geocode(self, query, exactly_one=True, language=None, **kwargs):
        self.queries.append((query, language))
        if self.fail:
            raise GeocoderUnavailable("no network in tests")
        return self.answers.get(query)


KAFR_HAMRA = Location("Kafr Hamra, Jebel Saman, Aleppo, Syria", (36.2633, 37.0883),
                      {"addresstype": "village"})


def make(tmp_path, answers=None, fail=False):
    fake = FakeGeocoder(answers or {}, fail)
    return fake, CachedGeocoder(tmp_path / "cache.json", geocoder=fake, min_delay_seconds=0)


def test_a_found_name_becomes_a_located_place_marked_as_geocoded(tmp_path):
    _, geocoder = make(tmp_path, {"Kafr Hamra": KAFR_HAMRA})
    place = geocoder.geocode("Kafr Hamra")
    assert place.located and (place.lat, place.lon) == (36.2633, 37.0883)
    assert place.type == "town"
    assert "geocoder" in place.notes and "Kafr Hamra, Jebel Saman" in place.source


def test_no_name_is_asked_twice_even_across_instances(tmp_path):
    fake, geocoder = make(tmp_path, {"Kafr Hamra": KAFR_HAMRA})
    geocoder.geocode("Kafr Hamra")
    geocoder.geocode("Kafr  Hamra")
    assert len(fake.queries) == 1
    again = FakeGeocoder({})
    assert CachedGeocoder(tmp_path / "cache.json", geocoder=again).geocode("Kafr Hamra").located
    assert again.queries == []


def test_not_found_is_cached_as_none(tmp_path):
    fake, geocoder = make(tmp_path)
    assert geocoder.geocode("Nowhere-on-earth") is None
    assert geocoder.geocode("Nowhere-on-earth") is None
    assert len(fake.queries) == 1


def test_a_service_failure_is_not_cached(tmp_path):
    fake, geocoder = make(tmp_path, fail=True)
    assert geocoder.geocode("Anadan") is None
    assert geocoder.geocode("Anadan") is None
    assert len(fake.queries) == 2
    assert not (tmp_path / "cache.json").exists()


def test_the_cache_file_has_a_stable_key_order(tmp_path):
    _, geocoder = make(tmp_path, {"Kafr Hamra": KAFR_HAMRA})
    geocoder.geocode("Zzz")
    geocoder.geocode("Kafr Hamra")
    text = (tmp_path / "cache.json").read_text(encoding="utf-8")
    assert list(json.loads(text)) == ["en|Kafr Hamra", "en|Zzz"]
    assert text == json.dumps(json.loads(text), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def test_the_language_is_passed_on_and_part_of_the_key(tmp_path):
    fake, geocoder = make(tmp_path, {"Kafr Hamra": KAFR_HAMRA})
    geocoder.geocode("Kafr Hamra", language="fr")
    geocoder.geocode("Kafr Hamra", language="en")
    assert fake.queries == [("Kafr Hamra", "fr"), ("Kafr Hamra", "en")]


def test_geonames_offline_finds_a_town_by_an_alternate_name_and_cites_it():
    from geomap.gazetteer.geonames import GeoNamesLookup
    place = GeoNamesLookup().geocode("Manbij")
    assert place is not None and place.type == "city"
    assert abs(place.lat - 36.53) < 0.1 and abs(place.lon - 37.95) < 0.1
    assert "GeoNames" in place.source and "CC BY" in place.licence


def test_geonames_offline_knows_nothing_of_an_invented_name():
    from geomap.gazetteer.geonames import GeoNamesLookup
    assert GeoNamesLookup().geocode("Qaryat al-Mukhtaraa") is None

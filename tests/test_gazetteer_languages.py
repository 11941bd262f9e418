"""The gazetteer reads each language's place rules through geomap.lang: a broken language folder
is reported in one line and left out, the other languages keep working."""
from __future__ import annotations

import shutil

import pytest
import yaml

from geomap import lang
from geomap.gazetteer import Gazetteer, GazetteerError, names
from geomap.gazetteer.common_words import common_words


@pytest.fixture
def lang_dir(tmp_path, monkeypatch):
    """A language folder holding copies of en and fr; the caches built on the real one are reset."""
    for code in ("en", "fr"):
        shutil.copytree(lang.LANG_DIR / code, tmp_path / code)
    monkeypatch.setattr(lang, "LANG_DIR", tmp_path)
    caches = (names.transliteration, common_words)
    for cache in caches:
        cache.cache_clear()
    yield tmp_path
    for cache in caches:
        cache.cache_clear()


def break_places(folder, key):
    path = folder / "places.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data[key]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


def test_a_half_made_language_is_one_line_and_the_others_still_find_places(lang_dir):
    shutil.copytree(lang_dir / "fr", lang_dir / "xx")
    break_places(lang_dir / "xx", "directions")
    gazetteer = Gazetteer.load()
    problems = [line for line in gazetteer.check() if "xx" in line]
    assert len(problems) == 1
    assert "language 'xx' left out" in problems[0] and "xx/places.yaml: missing required key 'directions'" in problems[0]
    found = gazetteer.find("Des frappes ont visé l'est d'Alep et le quartier de Cheikh Saïd.", "fr")
    assert [m.place_id for m in found] == ["east-aleppo", "sheikh-saeed"]
    assert [m.place_id for m in gazetteer.find("Shelling hit eastern Aleppo.", "en")] == ["east-aleppo"]


def test_a_text_in_the_left_out_language_is_read_with_the_fallback_rules(lang_dir):
    shutil.copytree(lang_dir / "fr", lang_dir / "xx")
    break_places(lang_dir / "xx", "place_words")
    found = Gazetteer.load().find("Shelling hit Aleppo.", "xx")
    assert [m.place_id for m in found] == ["aleppo"]


def test_without_usable_fallback_rules_the_load_fails_in_one_line_naming_the_file(lang_dir):
    break_places(lang_dir / "en", "directions")
    with pytest.raises(GazetteerError, match=r"en/places.yaml: missing required key 'directions'"):
        Gazetteer.load()

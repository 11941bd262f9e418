"""Language folders hold to geomap/lang/schema.yaml: every folder passes, a half-made one is one line."""
from __future__ import annotations

import shutil

import pytest
import yaml
from click.testing import CliRunner

from geomap import cli, lang
from geomap.lang import LANG_DIR, LanguageError, schema
from geomap.models import EVENT_TYPES


def test_every_language_folder_holds_to_the_schema():
    assert lang.available()
    for code in lang.available():
        assert lang.check(LANG_DIR / code) == [], code
    assert lang.check() == []


def test_the_schema_asks_every_event_type_of_events_yaml():
    assert set(EVENT_TYPES) <= set(schema.schema()["events"]["required"])


def test_the_regexes_of_a_language_are_compiled_once_at_load():
    assert lang.compiled("fr", "language", "sentence_break") is lang.compiled("fr", "language", "sentence_break")
    assert lang.compiled("en", "events", "strike.triggers")[0].pattern == lang.load("en", "events")["strike"]["triggers"][0]


def half_made(tmp_path, topic: str, change) -> str:
    """A copy of the French folder as geomap/lang/xx with one file changed; its folder's path."""
    folder = tmp_path / "xx"
    shutil.copytree(LANG_DIR / "fr", folder)
    path = folder / f"{topic}.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data = change(data)
    if data is None:
        path.unlink()
    else:
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return folder


def without(*keys):
    def change(data):
        node = data
        for key in keys[:-1]:
            node = node[key]
        del node[keys[-1]]
        return data
    return change


def with_value(value, *keys):
    def change(data):
        node = data
        for key in keys[:-1]:
            node = node[key]
        node[keys[-1]] = value
        return data
    return change


@pytest.mark.parametrize("topic, change, message", [
    ("events", lambda data: None, "xx/events.yaml: missing (a language folder has actors.yaml, dates.yaml"),
    ("places", without("directions"), "xx/places.yaml: missing required key 'directions'"),
    ("events", without("control_change", "capture"), "xx/events.yaml: missing required key 'control_change.capture'"),
    ("events", with_value(["(frapp"], "strike", "triggers"),
     "xx/events.yaml: 'strike.triggers' item 1 is not a valid regular expression (missing ), unterminated subpattern"),
    ("language", with_value(["le", True], "stopwords"), "xx/language.yaml: 'stopwords' item 2 must be text"),
    ("dates", with_value({"janvier": "un"}, "months"), "xx/dates.yaml: 'months.janvier' must be a whole number"),
    ("language", lambda data: {**data, "stopword": []}, "xx/language.yaml: unknown key 'stopword' (did you mean 'stopwords'?)"),
])
def test_a_half_made_language_folder_is_one_line_naming_the_file_and_key(tmp_path, topic, change, message):
    problems = lang.check(half_made(tmp_path, topic, change))
    assert len(problems) == 1, problems
    assert message in problems[0]


def test_loading_a_half_made_language_is_an_error_naming_file_and_key(tmp_path, monkeypatch):
    half_made(tmp_path, "places", without("directions"))
    monkeypatch.setattr(lang, "LANG_DIR", tmp_path)
    with pytest.raises(LanguageError, match=r"xx/places.yaml: missing required key 'directions'"):
        lang.load("xx", "dates")


def test_geomap_check_reports_a_half_made_language_in_one_line(tmp_path, monkeypatch):
    half_made(tmp_path, "places", without("directions"))
    monkeypatch.setattr(lang, "LANG_DIR", tmp_path)
    result = CliRunner().invoke(cli.main, ["check"])
    assert result.exit_code == 1
    assert result.stdout.strip().splitlines() == [f"{tmp_path}/xx/places.yaml: missing required key 'directions'"]
    assert result.stderr.strip().startswith("geomap: 1 problems in the language folders")

"""config.yaml values that reach the pages: refused by their shape with one line naming the file,
the line and the key; or normalised (CSS names to #rrggbb, one label for every language).

A colour is written into SVG, CSS and the map's script, where markup would run in the reader's
browser and a jinja `{{ }}` on the journalist's machine (branca re-reads what it renders), so
nothing but a CSS colour gets through; the site itself also never writes a colour it cannot
read as one (settings built without a config).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from geomap import lang
from geomap.config import ConfigError, load_config

sys.path.insert(0, str(Path(__file__).parent))
from aleppo_site import SiteSettings, write_site  # noqa: E402
from test_render import make_events, make_places, make_snapshots  # noqa: E402


def config(tmp_path: Path, text: str):
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def refused(tmp_path: Path, text: str) -> str:
    with pytest.raises(ConfigError) as error:
        config(tmp_path, text)
    message = str(error.value)
    assert "\n" not in message and "config.yaml" in message
    return message


FACTION = "title: T\nfactions:\n  rebels:\n    label: Rebels\n    colour: {}\n"


@pytest.mark.parametrize("colour", ['"#gggggg"', '"red\\"><script>alert(1)</script>"', '"{{ 7*7 }}"',
                                    '"#12345"', '"url(javascript:alert(1))"', "[red]", "12", '"red; fill: url(x)"'])
def test_a_colour_that_is_no_css_colour_is_refused_naming_its_line_and_key(tmp_path, colour):
    message = refused(tmp_path, FACTION.format(colour))
    assert re.search(r"config\.yaml:5: 'factions\.rebels\.colour' must be a CSS colour", message)


@pytest.mark.parametrize("colour, hex_colour", [('"#D7301F"', "#d7301f"), ('"#abc"', "#aabbcc"),
                                                ("darkred", "#8b0000"), ("SteelBlue", "#4682b4")])
def test_css_colours_hex_or_named_are_accepted_as_rrggbb(tmp_path, colour, hex_colour):
    assert config(tmp_path, FACTION.format(colour)).factions["rebels"]["colour"] == hex_colour


def test_a_label_given_as_one_text_is_the_label_in_every_language(tmp_path):
    labels = config(tmp_path, FACTION.format("red")).factions["rebels"]["label"]
    assert labels == {code: "Rebels" for code in lang.available()}


@pytest.mark.parametrize("label", ["[Rebels]", "{fr: [1, 2]}", "{}", "12"])
def test_a_label_that_is_no_text_is_refused(tmp_path, label):
    text = f"factions:\n  rebels:\n    label: {label}\n"
    assert "config.yaml:3: 'factions.rebels.label' must be text, or text per language" in refused(tmp_path, text)


@pytest.mark.parametrize("key, value, message", [
    ("allies", "russia", "'factions.rebels.allies' must be a list of actor ids"),
    ("opponent", "[a]", "'factions.rebels.opponent' must name another faction"),
    ("opponent", "nobody", "'factions.rebels.opponent' must name another faction"),
    ("pattern", "zigzag", "'factions.rebels.pattern' must be one of diagonal"),
])
def test_other_faction_values_of_the_wrong_shape_are_refused(tmp_path, key, value, message):
    assert message in refused(tmp_path, f"factions:\n  rebels:\n    {key}: {value}\n")


def test_a_faction_name_that_is_no_text_is_refused(tmp_path):
    assert "a faction name must be text" in refused(tmp_path, "factions:\n  1: {colour: red}\n")


@pytest.mark.parametrize("url", ["javascript:alert(1)//", "JavaScript:alert(1)", "java\\tscript:alert(1)",
                                 "data:text/html,<script>alert(1)</script>", "vbscript:x", "https://", "ftp://x.org/",
                                 "https://x.org/a b/"])
def test_a_base_url_that_is_neither_http_nor_relative_is_refused(tmp_path, url):
    message = refused(tmp_path, f'base_url: "{url}"\n')
    assert "config.yaml:1: 'base_url'" in message


@pytest.mark.parametrize("url", ["", "https://graphics.example.org/aleppo/", "http://x.org", "maps/", "/aleppo/",
                                 "//cdn.example.org/aleppo/"])
def test_http_and_relative_base_urls_are_accepted(tmp_path, url):
    assert config(tmp_path, f'base_url: "{url}"\n').base_url == url


def test_a_date_that_does_not_exist_names_its_line(tmp_path):
    message = refused(tmp_path, "title: T\ncontrol:\n  date: 2016-02-30\n")
    assert "config.yaml:3: 'control.date' must be a date" in message


def test_a_config_alias_bomb_is_refused_before_it_expands(tmp_path):
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [" + ", ".join([f"*{chr(97 + i)}"] * 10) + "]" for i in range(8)]
    message = refused(tmp_path, "\n".join(levels) + "\n")
    assert "expands to more than" in message


def test_a_config_that_holds_itself_is_refused(tmp_path):
    assert "a value containing itself" in refused(tmp_path, "metadata: &m {a.txt: *m}\n")


def test_the_site_writes_no_colour_it_cannot_read_as_one_whatever_its_settings(tmp_path):
    factions = {"rebels": {"colour": '"><b id=gmcolourxss>{{ 6*7 }}', "label": {"fr": "R"}}}
    write_site(tmp_path, make_events(), make_snapshots(), make_places(), SiteSettings(factions=factions))
    for page in tmp_path.rglob("*.html"):
        assert "gmcolourxss" not in page.read_text(encoding="utf-8"), page.name


def test_a_hostile_base_url_in_the_site_settings_makes_relative_links(tmp_path):
    write_site(tmp_path, make_events(), make_snapshots(), make_places(),
               SiteSettings(base_url="javascript:alert(1)//"))
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "javascript:alert" not in index.lower()

"""The build asks the online geocoder only when told to, only for unknown names, and says so."""
from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from geopy.location import Location

from geomap import config as config_mod, pipeline

ARTICLE = """---
published: 2016-12-14
language: fr
---

Lundi, des frappes aériennes ont visé le village de Kafr Naha, à l'ouest d'Alep.
"""


class FakeNominatim:
    """A geocoder with geopy's interface that knows one village and counts what it is asked."""

    def __init__(self):
        self.asked = []

    def geocode(self, query, exactly_one=True, language=None):
        self.asked.append(query)
        if query == "Kafr Naha":
            return Location("Kafr Naha, Aleppo, Syria", (36.18, 36.93),
                            {"addresstype": "village", "lat": "36.18", "lon": "36.93"})
        return None


def setup(tmp_path: Path, enabled: bool):
    (tmp_path / "a.md").write_text(ARTICLE, encoding="utf-8")
    cfg = replace(config_mod.load_config(None), root=tmp_path, output=tmp_path / "out",
                  geocoder={**config_mod.DEFAULTS["geocoder"], "enabled": enabled})
    return cfg


def test_the_geocoder_is_not_asked_unless_enabled(tmp_path):
    fake = FakeNominatim()
    report = pipeline.build(setup(tmp_path, False), [tmp_path / "a.md"], geocoder=fake)
    assert fake.asked == []
    assert not any(e.type == "strike" and e.place_id for e in report.events)


def test_an_unknown_village_is_geocoded_once_cached_and_mapped(tmp_path):
    fake = FakeNominatim()
    report = pipeline.build(setup(tmp_path, True), [tmp_path / "a.md"], geocoder=fake)
    assert fake.asked == ["Kafr Naha"]
    strike = next(e for e in report.events if e.type == "strike")
    assert strike.place_id == "geocoded-kafr-naha"
    assert any("geocoder" in w and "Kafr Naha" in w for w in report.warnings)
    cache = json.loads((tmp_path / ".cache" / "geocoder.json").read_text(encoding="utf-8"))
    assert any(key.endswith("Kafr Naha") for key in cache)
    again = FakeNominatim()
    pipeline.build(setup(tmp_path, True), [tmp_path / "a.md"], geocoder=again)
    assert again.asked == []

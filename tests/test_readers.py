"""Reading the articles (geomap.readers): once the GeoNames fallback added places, only the
articles whose text could name one are read again, and the site is what reading every article
again gave."""
from __future__ import annotations

import dataclasses
from pathlib import Path

from geomap import config, pipeline, readers
from geomap.articles import read_article
from geomap.gazetteer import Gazetteer
from geomap.models import Place

REPO = Path(__file__).resolve().parents[1]
FALLBACK = REPO / "tests" / "data" / "fallback_articles"
BINNISH = Place("geonames-171451-binnish", "city", ("Binnish", "Binnish"), lat=35.95664, lon=36.7138)
SALQIN = Place("geonames-164898-salqin", "city", ("Salqin", "Salqīn"), lat=36.13, lon=36.45)


def test_an_article_naming_an_added_place_by_name_or_near_spelling_is_read_again():
    idleb, wire, aleppo = (read_article(FALLBACK / name)[0]
                           for name in ("fr_idleb_10dec.txt", "en_wire_11dec.txt", "fr_alep_12dec.txt"))
    assert "Binnish" not in wire.text and "Binish" in wire.text          # a near-spelling only
    named = readers.places_named([idleb, wire, aleppo], [BINNISH, SALQIN], Gazetteer.load())
    assert {name: [p.id for p in places] for name, places in named.items()} == \
        {idleb.name: [BINNISH.id, SALQIN.id], wire.name: [BINNISH.id, SALQIN.id]}


def test_after_the_geonames_fallback_only_the_articles_naming_its_towns_are_read_again(tmp_path, monkeypatch):
    again = []
    read_many = readers.Readers.read_many

    def spy(self, articles, added=None, label="extracting"):
        if label == "extracting again":
            again.extend(a.name for a in articles)
        return read_many(self, articles, added, label)

    monkeypatch.setattr(readers.Readers, "read_many", spy)
    cfg = dataclasses.replace(config.load_config(REPO / "config.yaml"), cache=False, jobs=1)
    report = pipeline.build(cfg, [FALLBACK], tmp_path / "out")
    assert any("GeoNames (offline) located" in line and "Binnish" in line for line in report.warnings)
    assert sorted(again) == ["en_wire_11dec.txt", "fr_idleb_10dec.txt"]    # not fr_alep_12dec.txt
    located = {e.place_id for e in report.events if e.place_id and e.place_id.startswith("geonames-")}
    assert {"geonames-171451-binnish", "geonames-168661-kafranbel"} <= located
    strikes = [e for e in report.events if e.place_id == "geonames-171451-binnish"]
    assert {s.article for e in strikes for s in e.sources} == {"fr_idleb_10dec.txt", "en_wire_11dec.txt"}

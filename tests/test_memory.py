"""Memory that does not grow with the site: the articles' texts are let go once they are read,
and the site is rendered file by file, each written before the next is made (geomap.site.site_files,
geomap.publish.staging)."""
from __future__ import annotations

import csv
import dataclasses
from pathlib import Path

from geomap import config, pipeline, site

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "data" / "articles"


def configured() -> config.Config:
    return dataclasses.replace(config.load_config(REPO / "config.yaml"), cache=False, jobs=1)


def test_no_article_text_is_held_past_extraction_and_unresolved_csv_keeps_its_sentences(tmp_path):
    report = pipeline.build(configured(), [ARTICLES], tmp_path / "out", use_review=False)
    assert report.articles and all(article.text == "" for article in report.articles)
    with (tmp_path / "out" / "unresolved.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and all(row["sentence"] for row in rows)
    kept = {s.text for article in report.articles for s in article.sentences}
    assert {row["sentence"] for row in rows} <= kept      # only the sentences the file quotes are kept


def test_each_page_is_written_before_the_next_is_drawn(tmp_path, monkeypatch):
    out = tmp_path / "out"
    staged_when_drawn = []
    draw = site.render_dated_map

    def spy(day, *args):
        staged = out / ".geomap-staging"
        staged_when_drawn.append(sum(1 for p in staged.rglob("*") if p.is_file()))
        return draw(day, *args)

    monkeypatch.setattr(site, "render_dated_map", spy)
    report = pipeline.build(configured(), [ARTICLES], out, use_review=False)
    assert len(staged_when_drawn) == len(report.dates) > 2
    # the exports first, then one more file on disk for each map drawn before
    assert staged_when_drawn == list(range(staged_when_drawn[0], staged_when_drawn[0] + len(report.dates)))
    assert staged_when_drawn[0] >= 6
    assert not (out / ".geomap-staging").exists()

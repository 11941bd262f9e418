"""geomap.dating: every article's publication date and how it was found (metadata, dateline,
text, corpus, none), on handmade undated articles in French and English."""
import json
from datetime import date
from pathlib import Path

import pytest

from geomap import cli
from geomap.articles import read_article
from geomap.dating import date_articles
from geomap.models import Event, Source
from geomap.site import export
from geomap.site.popups import popup_html
from geomap.site.settings import SiteSettings
from test_cli import error_line, geomap, succeeded, write

YEAR = 2016


def dated(tmp_path: Path, body: str, language: str = "fr", front: str = "") -> tuple:
    """(published, basis) of a one-file article after the dating stage, the corpus year 2016."""
    path = write(tmp_path / "a.txt", f"---\nlanguage: {language}\n{front}---\n{body}\n")
    article, _ = read_article(path)
    article = date_articles([article], YEAR)[0][0]
    return article.published, article.published_basis


# ---------------------------------------------------------------- the article's own text

@pytest.mark.parametrize("language, body, expected", [
    ("en", "DAMASCUS, Dec. 12 (Xinhua) — The Syrian army captured the Sheikh Saeed district of Aleppo "
           "on Monday, state media said.", date(2016, 12, 12)),
    ("fr", "BEYROUTH, 15 déc. (AFP) - Les premiers bus ont quitté jeudi les quartiers rebelles d'Alep, "
           "selon le CICR.", date(2016, 12, 15)),
    ("fr", "Alep : les bus partent\n\nPublié le 13 décembre 2016 à 10h12\n\nLes premiers bus ont quitté "
           "mardi les quartiers rebelles d'Alep.", date(2016, 12, 13)),
    ("en", "Aleppo: the buses leave\n\nThe Daily Courier | Dec. 15, 2016 at 9:02 a.m.\n\nThe first buses "
           "left the rebel districts of Aleppo on Thursday.", date(2016, 12, 15)),
])
def test_a_dateline_or_the_pages_stamp_is_the_publication_date(tmp_path, language, body, expected):
    assert dated(tmp_path, body, language) == (expected, "dateline")


def test_a_report_published_on_a_day_inside_a_sentence_is_no_stamp(tmp_path):
    body = ("A report published on 3 March 2015 said the district had been shelled for months, "
            "and the rebels withdrew from the city on Sunday.")
    assert dated(tmp_path, body, "en")[1] != "dateline"


@pytest.mark.parametrize("language, body, expected", [
    ("fr", "Ce jeudi 15 décembre, les premiers bus ont évacué des civils des quartiers rebelles d'Alep.",
     date(2016, 12, 15)),
    ("en", "The first buses left the rebel districts of Aleppo on Wednesday (Dec 14), the Red Cross said.",
     date(2016, 12, 14)),
    ("fr", "Au moins 27 personnes ont été tuées samedi 19 novembre dans des bombardements sur Alep.",
     date(2016, 11, 19)),
])
def test_a_day_given_as_today_or_written_in_full_dates_the_article(tmp_path, language, body, expected):
    assert dated(tmp_path, body, language) == (expected, "text")


@pytest.mark.parametrize("language, body", [
    ("fr", "L'organisation Etat islamique a repris dimanche le contrôle de Palmyre. La reconquête de la "
           "cité était l'objectif de l'offensive déclenchée le 8 décembre dernier par les djihadistes."),
    ("en", "Islamic State fighters retook Palmyra on Sunday. The city was the goal of the offensive "
           "they launched on December 8."),
])
def test_a_background_date_bounds_the_day_and_the_weekday_after_it_gives_it(tmp_path, language, body):
    # 8 December 2016 was a Thursday: the Sunday after it is the 11th, not the 8th nor the 4th
    assert dated(tmp_path, body, language) == (date(2016, 12, 11), "text")


@pytest.mark.parametrize("language, body", [
    ("fr", "Une offensive, lancée le 15 novembre, a permis à l'armée de reprendre l'essentiel d'Alep-Est."),
    ("fr", "Les rebelles tiennent ce quartier d'Alep depuis le 20 juillet 2012, selon l'OSDH."),
    ("en", "Rebels have held the district since July 20, 2012, the monitor said."),
    ("en", "Fierce clashes have gone on in the district from December 11, the monitor said."),
    ("en", "Rebels seized the eastern districts of Aleppo on 19 July 2012, before the siege."),
])
def test_a_background_date_alone_never_dates_the_article(tmp_path, language, body):
    assert dated(tmp_path, body, language) == (None, "none")


def test_a_photo_captions_date_never_dates_the_article(tmp_path):
    caption = ("This image made from militant video posted online on Saturday, Dec. 10, 2016, purports to "
               "show fighters near Palmyra. (Militant Video/AP)")
    assert dated(tmp_path, caption, "en") == (None, "none")
    # it still bounds the day: "Sunday" is the Sunday after the picture
    assert dated(tmp_path, caption + "\n\nIslamic State fighters retook Palmyra on Sunday.", "en") == \
        (date(2016, 12, 11), "text")


@pytest.mark.parametrize("language, caption, story", [
    ("en", "Caption: A boy waits beside a truck in the northern quarter of Kafr Dumla on Dec. 9. The army says "
           "the road is open again. (Jane Roe/Reuters)",
     "Government forces took full control of Kafr Dumla on Tuesday after the last fighters left."),
    ("fr", "Légende : Un enfant attend près d'un camion dans le quartier nord de Kafr Doumla le 9 décembre. "
           "L'armée affirme que la route est rouverte. (Jean Dupont/AFP)",
     "Les forces gouvernementales ont repris mardi le contrôle de Kafr Doumla après le départ des derniers combattants."),
])
def test_every_sentence_of_a_short_caption_paragraph_is_caption_not_only_the_one_with_the_credit(
        tmp_path, language, caption, story):
    # 9 December 2016 was a Friday: the caption bounds the day, the story's Tuesday gives it (the 13th)
    assert dated(tmp_path, caption + "\n\n" + story, language) == (date(2016, 12, 13), "text")


def test_weekday_words_alone_do_not_date_an_article_by_themselves(tmp_path):
    assert dated(tmp_path, "Les forces du régime ont repris lundi le quartier de Cheikh Saïd.") == (None, "none")


@pytest.mark.parametrize("value", ["unknown", "n/a", "''", "", "bientôt"])
def test_a_metadata_value_that_is_no_date_is_a_warning_then_the_text_dates_the_article(tmp_path, value):
    path = write(tmp_path / "a.txt", f"---\npublished: {value}\n---\nCe jeudi 15 décembre, les premiers bus "
                 "ont évacué des civils d'Alep.\n")
    article, _ = read_article(path)
    [article], warnings = date_articles([article], YEAR)
    assert (article.published, article.published_basis) == (date(2016, 12, 15), "text")
    assert len(warnings) == 1 and warnings[0].startswith("a.txt: published ") and "not a date" in warnings[0]


def test_a_printed_metadata_date_is_the_metadata(tmp_path):
    assert dated(tmp_path, "Les bus ont quitté Alep.", front="published: 13 décembre 2016\n") == \
        (date(2016, 12, 13), "metadata")


# ---------------------------------------------------------------- the corpus, through the command

DATED_EN = """---
title: Army takes Sheikh Saeed
published: 2016-12-13
language: en
---
Government forces captured the Sheikh Saeed district of Aleppo on Monday, activists said.
"""

UNDATED_FR = """---
title: Le régime reprend Cheikh Saïd
published: unknown
language: fr
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud-est d'Alep, selon l'OSDH.
"""

UNFIXABLE_FR = """---
language: fr
---
Des frappes aériennes ont visé mardi le quartier de Soukkari, dans le sud d'Alep, selon l'OSDH.
"""


def build(tmp_path, files: dict) -> tuple:
    for name, text in files.items():
        write(tmp_path / "articles" / name, text)
    result = succeeded(geomap("build", "--articles", tmp_path / "articles", "--out", tmp_path / "out", cwd=tmp_path))
    events = json.loads((tmp_path / "out" / "events.geojson").read_text(encoding="utf-8"))["features"]
    return result, events


def sources_of(events, article: str) -> list[tuple]:
    return [(f["properties"]["date"], s["published"], s["published_basis"])
            for f in events for s in f["properties"]["sources"] if s["article"] == article]


def test_an_undated_article_takes_the_day_that_puts_its_weekday_on_a_dated_report(tmp_path):
    result, events = build(tmp_path, {"dated.txt": DATED_EN, "undated.txt": UNDATED_FR})
    assert ("2016-12-12", "2016-12-12", "corpus") in sources_of(events, "undated.txt")
    assert ("2016-12-12", "2016-12-13", "metadata") in sources_of(events, "dated.txt")
    # the unknown date: one warning line naming the file, and the article is kept
    assert [line for line in result.stderr.splitlines() if "undated.txt: published 'unknown'" in line]
    assert "skipped" not in result.stderr and "Traceback" not in result.output


CITY_WIDE_EN = """---
published: 2016-11-29
language: en
---
Government forces captured several districts in Aleppo on Monday, activists said. Fighting raged in Aleppo on Monday.
Clashes continued in Aleppo on Monday.
"""

UNDATED_CITY_AND_DISTRICT_FR = """---
language: fr
---
L'armée a repris lundi un grand quartier d'Alep après des combats dans la ville.
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud-est d'Alep.
"""


def test_one_neighbourhood_reported_on_one_day_outweighs_many_reports_of_the_whole_city(tmp_path):
    _, events = build(tmp_path, {"dated.txt": DATED_EN, "citywide.txt": CITY_WIDE_EN,
                                 "undated.txt": UNDATED_CITY_AND_DISTRICT_FR})
    assert {published for _, published, _ in sources_of(events, "undated.txt")} == {"2016-12-12"}


CAPTURED_MONDAY_28_NOV_EN = """---
published: 2016-11-29
language: en
---
Government forces captured the Sheikh Saeed district of Aleppo on Monday, activists said.
"""

FIGHTING_MONDAY_12_DEC_EN = """---
published: 2016-12-13
language: en
---
Fighting raged in Aleppo on Monday.
"""

UNDATED_SUNDAY_CAPTURE_FR = """---
language: fr
---
Des combats ont éclaté lundi dans Alep. Les forces du régime ont repris dimanche le quartier de Cheikh Saïd.
"""


def test_a_day_that_puts_a_capture_weeks_from_the_dated_reports_of_it_is_not_taken(tmp_path):
    # 12 Dec fits the fighting in the city, but would put the capture of Cheikh Saïd on Sunday
    # 11 Dec, two weeks after the day the dated report gives it: the corpus cannot tell
    _, events = build(tmp_path, {"nov.txt": CAPTURED_MONDAY_28_NOV_EN, "dec.txt": FIGHTING_MONDAY_12_DEC_EN,
                                 "undated.txt": UNDATED_SUNDAY_CAPTURE_FR})
    assert {(published, basis) for _, published, basis in sources_of(events, "undated.txt")} == {(None, "none")}


def test_a_capture_told_a_day_from_the_dated_report_of_it_is_no_contradiction(tmp_path):
    # fighting in the city on both Mondays; Sunday 27 Nov is a day from the dated capture (Monday
    # 28), Sunday 11 Dec two weeks from it: 28 Nov is the day
    november = CAPTURED_MONDAY_28_NOV_EN + "Fighting raged in Aleppo on Monday.\n"
    _, events = build(tmp_path, {"nov.txt": november, "dec.txt": FIGHTING_MONDAY_12_DEC_EN,
                                 "undated.txt": UNDATED_SUNDAY_CAPTURE_FR})
    assert {published for _, published, _ in sources_of(events, "undated.txt")} == {"2016-11-28"}


def test_an_article_no_dated_report_fits_stays_undated_with_a_warning(tmp_path):
    result, events = build(tmp_path, {"dated.txt": DATED_EN, "soukkari.txt": UNFIXABLE_FR})
    assert all(published is None and basis == "none" for _, published, basis in sources_of(events, "soukkari.txt"))
    assert "soukkari.txt: no publication date in metadata, dateline, text or corpus; its relative dates " \
        "('mardi') stay unresolved" in result.stderr   # its own words, not another article's


def test_published_unknown_is_one_warning_line_and_the_article_is_kept(tmp_path):
    write(tmp_path / "articles" / "unknown.txt", UNDATED_FR)
    result = succeeded(geomap("build", "--articles", tmp_path / "articles", "--out", tmp_path / "out", cwd=tmp_path))
    lines = [line for line in result.stderr.splitlines() if "unknown.txt: published 'unknown'" in line]
    assert len(lines) == 1 and "not a date" in lines[0]
    assert "1 articles read" in result.output + result.stderr and "skipped" not in result.stderr


# ---------------------------------------------------------------- popups and exports

def event_from(basis: str) -> Event:
    source = Source(article="a.txt", sentence="Les forces du régime ont repris Cheikh Saïd.", start=0, end=10,
                    outlet="Le Journal", published=date(2016, 12, 13), published_basis=basis)
    return Event(type="control_change", date=date(2016, 12, 12), precision="day", window=None,
                 place_id=None, place_text="Cheikh Saïd", sources=[source], id="ev-1")


@pytest.mark.parametrize("language, basis, shown", [
    ("fr", "corpus", "13 décembre 2016 (date déduite du corpus)"),
    ("en", "dateline", "13 December 2016 (date read from the dateline)"),
    ("fr", "metadata", "13 décembre 2016</li>"),
])
def test_the_popup_says_how_the_publication_date_was_found(language, basis, shown):
    html = popup_html(event_from(basis), {}, SiteSettings(title="T", factions={}, focus=None, focus_name="", language=language))
    assert shown in html.replace("<blockquote>Les forces du régime ont repris Cheikh Saïd.</blockquote>", "")


def test_the_exports_carry_published_basis_next_to_published(tmp_path):
    from geomap.gazetteer import Gazetteer
    gazetteer = Gazetteer.load()
    [feature] = json.loads(export.events_geojson([event_from("text")], gazetteer, "fr"))["features"]
    assert {k: feature["properties"]["sources"][0][k] for k in ("published", "published_basis")} == \
        {"published": "2016-12-13", "published_basis": "text"}
    header, row = export.events_csv([event_from("text")], gazetteer, "fr").splitlines()[:2]
    assert "published,published_basis" in header and "2016-12-13,text" in row

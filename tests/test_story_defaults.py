"""Without config.yaml the pages are the articles' story, not the sample's: in the language most
articles are in, titled on the busiest place (a city or larger) and the months of its events,
framed on that place; and the build summary counts the names unresolved.csv lists."""
import csv
import io
from datetime import date
from pathlib import Path

from click.testing import CliRunner

from geomap import cli
from geomap.articles import read_article
from geomap.site.ui import load_ui, story_title
from geomap.story import story_language

RAQQA = (35.93038, 39.01998)
STORM = """---
outlet: Test Wire
published: 2017-06-07
---
US-backed fighters storm Raqqa

US-backed Syrian Democratic Forces entered Raqqa on Tuesday, fighting Islamic State militants in the city's eastern districts, a spokesman said.

Coalition aircraft carried out air strikes on Raqqa overnight, activists said, and several civilians were killed in the bombardment.

Fighters also clashed with militants near Zorblutz, a village outside the city, the spokesman added.
"""
SIEGE = """---
outlet: Test Wire
published: 2017-06-20
---
Raqqa siege tightens as fighters cut last road

The Syrian Democratic Forces captured the last road south of Raqqa on Monday, encircling Islamic State militants inside the city, a monitoring group said.

Air strikes hit Raqqa again on Monday, killing civilians, the group said. Fighters shelled the district of Hayy Tafeh, the group added.
"""


def build_without_config(tmp_path: Path, monkeypatch) -> tuple[Path, str]:
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "storm.txt").write_text(STORM, encoding="utf-8")
    (tmp_path / "articles" / "siege.txt").write_text(SIEGE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)                  # no config.yaml here
    result = CliRunner().invoke(cli.main, ["build", "--articles", "articles", "--out", "out", "-q"])
    assert result.exit_code == 0, result.output
    return tmp_path / "out", result.output


def test_english_articles_about_raqqa_give_english_pages_titled_and_framed_on_raqqa(tmp_path, monkeypatch):
    out, _ = build_without_config(tmp_path, monkeypatch)
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<html lang="en"' in index
    assert "<title>Raqqa, June 2017</title>" in index
    for page in [out / "timeline.html", *sorted((out / "maps").glob("*.html"))]:
        assert f"center: [{RAQQA[0]}, {RAQQA[1]}]" in page.read_text(encoding="utf-8"), page.name
    assert "<h1>Raqqa, June 2017</h1>" in index


def test_the_summary_counts_the_names_unresolved_csv_lists(tmp_path, monkeypatch):
    out, output = build_without_config(tmp_path, monkeypatch)
    rows = list(csv.DictReader(io.StringIO((out / "unresolved.csv").read_text(encoding="utf-8-sig"))))
    names = {row["name"] for row in rows}
    summary = output.strip().splitlines()[-1]
    assert "Hayy Tafeh" in names
    assert f"{len(names)} unresolved place names (listed in " in summary and "unresolved.csv" in summary


def test_the_ui_language_is_the_one_most_articles_are_in(tmp_path):
    paths = []
    for name, text in (("a.txt", SIEGE), ("b.txt", STORM),
                       ("c.txt", "L'armée syrienne a repris lundi le quartier de Cheikh Saïd à Alep, "
                                 "après de violents combats contre les rebelles.\n")):
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    assert story_language([read_article(p)[0] for p in paths]) == "en"


def test_the_title_spans_the_months_of_the_events_in_the_ui_language():
    fr, en = load_ui("fr"), load_ui("en")
    assert story_title("Raqqa", [date(2017, 6, 7), date(2017, 6, 20)], fr) == "Raqqa, juin 2017"
    assert story_title("Alep", [date(2016, 11, 15), date(2016, 12, 22)], fr) == "Alep, novembre – décembre 2016"
    assert story_title("Aleppo", [date(2016, 12, 22), date(2017, 1, 3)], en) == "Aleppo, December 2016 – January 2017"
    assert story_title("", [date(2017, 6, 7)], en) == en["page"]["default_title"]

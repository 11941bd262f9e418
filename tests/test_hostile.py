"""Hostile and broken articles cost at most themselves (or one field), never the build: each is
built beside a good article, and the build exits 0 with the good article's event published and
a one-line message naming the bad file; no input gives an internal error (exit 70).

The pathological inputs here are small: how long the large ones take is measured by
scripts/adversarial.py, not by tests.
"""
from __future__ import annotations

import csv
import io
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from geomap import cli
from geomap.articles.sentences import LONGEST_SENTENCE
from geomap.site.export import _guarded_cell

REPO = Path(__file__).resolve().parents[1]

GOOD = """---
title: Le régime reprend Cheikh Saïd
published: 2016-12-12
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud d'Alep, selon l'Observatoire.
"""
HEAD = "Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud d'Alep"
BOMB = ("---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
        "d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\n"
        "g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\nh: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ntitle: *h\n---\n" + HEAD + ".\n")


def build(tmp_path: Path, *files: tuple[str | bytes, str | bytes], config: str = "", out: Path | None = None):
    """Build the good article and the given (name, content) files; the result and the output folder."""
    articles = tmp_path / "articles"
    articles.mkdir(exist_ok=True)
    (articles / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, content in files:
        path = os.path.join(os.fsencode(articles), name if isinstance(name, bytes) else os.fsencode(name))
        with open(path, "wb") as handle:
            handle.write(content if isinstance(content, bytes) else content.encode("utf-8", "surrogatepass"))
    (tmp_path / "config.yaml").write_text(config or "title: T\n", encoding="utf-8")
    out = out or tmp_path / "out"
    result = CliRunner().invoke(cli.main, ["build", "--config", str(tmp_path / "config.yaml"),
                                           "--articles", str(articles), "--out", str(out)])
    return result, out


def built(result, out: Path) -> list[dict]:
    """The events of a build that went through; fails on an internal error or a traceback."""
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert "internal error" not in result.output and "Traceback" not in result.output
    return json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]


def good_event_kept(events: list[dict]) -> bool:
    return any(s["article"] == "good.txt" for e in events for s in e["properties"]["sources"])


def skipped_lines(result) -> list[str]:
    return [line for line in result.stderr.splitlines() if line.startswith("skipped:")]


# ---------------------------------------------------------------- front matter and file names

def test_a_yaml_alias_bomb_in_front_matter_skips_that_article_and_publishes_the_rest(tmp_path):
    result, out = build(tmp_path, ("bomb.txt", BOMB))
    assert good_event_kept(built(result, out))
    assert any("bomb.txt:" in line and "expands to more than" in line for line in skipped_lines(result))


def test_a_front_matter_value_that_holds_itself_skips_that_article(tmp_path):
    result, out = build(tmp_path, ("loop.txt", "---\ntitle: &t [*t]\n---\n" + HEAD + ".\n"))
    assert good_event_kept(built(result, out))
    assert any("loop.txt:" in line and "containing itself" in line for line in skipped_lines(result))


def test_a_lone_surrogate_in_front_matter_is_replaced_and_the_article_is_read(tmp_path):
    result, out = build(tmp_path, ("odd.txt", '---\ntitle: "Alep \\ud800 titre"\npublished: 2016-12-13\n---\n'
                                   + HEAD.replace("lundi", "mardi") + ".\n"))
    events = built(result, out)
    titles = {s["title"] for e in events for s in e["properties"]["sources"] if s["article"] == "odd.txt"}
    assert titles == {"Alep \ufffd titre"}


def test_a_list_where_front_matter_wants_one_value_costs_that_field_only(tmp_path):
    result, out = build(tmp_path, ("list.txt", "---\ntitle: [a, b]\npublished: 2016-12-13\n---\n" + HEAD + ".\n"))
    events = built(result, out)
    assert any(s["article"] == "list.txt" for e in events for s in e["properties"]["sources"])
    assert "list.txt: metadata 'title' must be one value, not a list; ignored" in result.stderr


def test_an_undecodable_file_name_is_read_under_a_name_that_can_be_written(tmp_path):
    result, out = build(tmp_path, (b"caf\xe9.txt", GOOD.replace("lundi", "mardi")))
    events = built(result, out)
    assert any(s["article"] == "caf\ufffd.txt" for e in events for s in e["properties"]["sources"])


# ---------------------------------------------------------------- text

def test_a_run_longer_than_the_csv_field_limit_is_cut_into_sentences_and_exported(tmp_path):
    sentence = "Les rebelles ont quitté le quartier de Zorglubville" + " et les combats continuent" * 6000 + "."
    result, out = build(tmp_path, ("long.txt", "---\npublished: 2016-12-13\n---\n" + sentence + "\n"))
    built(result, out)
    rows = list(csv.DictReader(io.StringIO((out / "unresolved.csv").read_text(encoding="utf-8-sig"))))
    [row] = [r for r in rows if r["name"] == "Zorglubville"]
    assert sentence.startswith(row["sentence"]) and 0 < len(row["sentence"]) <= LONGEST_SENTENCE


def test_an_evacuation_from_a_place_the_gazetteer_does_not_know_is_kept_without_a_route(tmp_path):
    text = ("---\npublished: 2016-12-15\n---\nJeudi, des bus ont quitté le quartier de Zorglubville "
            "en direction de Ramoussa, selon le CICR.\n")
    result, out = build(tmp_path, ("bus.txt", text))
    evacuations = [e for e in built(result, out) if e["properties"]["type"] == "evacuation"]
    assert evacuations and all(None not in e["properties"].get("route", []) for e in evacuations)


def test_a_long_run_of_digits_before_a_people_word_is_no_count_and_no_crash(tmp_path):
    result, out = build(tmp_path, ("digits.txt", "---\npublished: 2016-12-13\n---\nPlus de " + "1" * 5000
                                   + " civils ont été évacués d'Alep vers Idlib mardi.\n"))
    assert good_event_kept(built(result, out))


@pytest.mark.parametrize("run", [".", "!", ". ", "M. ", "etc. "])
def test_a_long_run_of_marks_or_abbreviations_after_a_sentence_still_builds(tmp_path, run):
    result, out = build(tmp_path, ("marks.txt", "---\npublished: 2016-12-13\n---\n" + HEAD + run * 3000 + "\n"))
    assert good_event_kept(built(result, out))


def test_one_invalid_byte_in_a_utf8_article_is_replaced_not_a_change_of_codec(tmp_path):
    data = GOOD.replace("lundi", "mardi").encode("utf-8").replace(b"selon", b"\xff selon")
    result, out = build(tmp_path, ("byte.txt", data))
    events = built(result, out)
    assert any(e["properties"]["place"] == "sheikh-saeed" for e in events
               for s in e["properties"]["sources"] if s["article"] == "byte.txt")
    assert "1 bytes that are not UTF-8 replaced" in result.stderr


@pytest.mark.parametrize("invisible", ["\u200b", "\u00ad", "\ufeff", "\u2060"])
def test_an_invisible_character_inside_a_name_does_not_stop_it_resolving(tmp_path, invisible):
    text = GOOD.replace("Cheikh Saïd", f"Cheikh Sa{invisible}ïd").replace("good.txt", "x")
    result, out = build(tmp_path, ("zw.txt", text))
    assert any(s["article"] == "zw.txt" and e["properties"]["place"] == "sheikh-saeed"
               for e in built(result, out) for s in e["properties"]["sources"])


@pytest.mark.parametrize("space", ["\u202f", "\u00a0", "\u2009", "\u2007", "\u3000"])
def test_a_special_space_between_the_words_of_a_name_does_not_stop_it_resolving(tmp_path, space):
    result, out = build(tmp_path, ("sp.txt", GOOD.replace("Cheikh Saïd", f"Cheikh{space}Saïd")))
    assert any(s["article"] == "sp.txt" and e["properties"]["place"] == "sheikh-saeed"
               for e in built(result, out) for s in e["properties"]["sources"])


def test_an_article_without_line_breaks_keeps_its_story_when_a_cookie_notice_is_in_it(tmp_path):
    filler = " ".join(["Les habitants attendent des nouvelles de leurs proches à Alep."] * 40)
    text = ("---\npublished: 2016-12-13\n---\n" + filler + " Nous utilisons des cookies pour mesurer l'audience. "
            + HEAD.replace("lundi", "mardi") + ". " + filler)
    result, out = build(tmp_path, ("flat.txt", text))
    assert any(s["article"] == "flat.txt" for e in built(result, out) for s in e["properties"]["sources"])


def test_csv_cells_that_a_spreadsheet_would_run_are_guarded():
    for cell in ("=1+1", "+cmd", "-cmd", "@SUM(A1)", "\t=cmd", "\r=cmd"):
        assert _guarded_cell(cell) == "'" + cell
    assert (_guarded_cell("-12.5"), _guarded_cell("Alep")) == ("-12.5", "Alep")


# ---------------------------------------------------------------- folders

def test_an_output_folder_inside_the_articles_folder_is_never_read_back(tmp_path):
    out = tmp_path / "articles" / "site"
    first, _ = build(tmp_path, out=out)
    built(first, out)
    second, _ = build(tmp_path, out=out)
    built(second, out)
    assert second.stdout.splitlines()[-1].startswith("1 articles read")


def test_an_output_folder_equal_to_the_articles_folder_reads_only_the_articles(tmp_path):
    out = tmp_path / "articles"
    build(tmp_path, out=out)
    second, _ = build(tmp_path, out=out)
    built(second, out)
    assert second.stdout.splitlines()[-1].startswith("1 articles read")


def test_a_symbolic_link_leaving_the_articles_folder_is_skipped_with_its_name(tmp_path):
    secret = tmp_path / "private" / "notes.txt"
    secret.parent.mkdir()
    secret.write_text(GOOD.replace("Le régime reprend", "SECRET"), encoding="utf-8")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "link.txt").symlink_to(secret)
    result, out = build(tmp_path)
    built(result, out)
    assert any("link.txt: a symbolic link leading outside" in line for line in skipped_lines(result))
    assert "SECRET" not in "".join(p.read_text(encoding="utf-8") for p in out.rglob("*.html"))


# ---------------------------------------------------------------- anything at all

FRONT_PIECES = ["title: T\n", "published: 2016-12-13\n", "published: [\n", "language: 3\n", "title: &a [*a]\n",
                'title: "\\ud800"\n', "outlet: {a: b}\n", "published: 2016-02-30\n", "url: javascript:x\n", ": :\n"]
CONFIG_PIECES = ["title: T\n", "base_url: javascript:x\n", "factions: {r: {colour: '{{7*7}}'}}\n",
                 "factions: {r: {label: R}}\n", "factions: {r: {colour: red, opponent: r}}\n", "year: x\n",
                 "control: {date: 2016-02-30}\n", "focus: nowhere\n", "self_contained: 2\n", "metadata: {a: 1}\n"]


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(front=st.lists(st.sampled_from(FRONT_PIECES), max_size=3), body=st.text(max_size=300),
       raw=st.binary(max_size=200), config=st.lists(st.sampled_from(CONFIG_PIECES), max_size=2, unique=True))
def test_no_article_front_matter_or_config_value_gives_an_internal_error(tmp_path_factory, front, body, raw,
                                                                        config):
    tmp_path = tmp_path_factory.mktemp("fuzz")
    text = ("---\n" + "".join(front) + "---\n" if front else "") + HEAD + ". " + body
    result, _ = build(tmp_path, ("fuzz.txt", text), ("raw.txt", raw), config="".join(config))
    assert result.exit_code in (0, 1), result.output + repr(result.exception)
    assert "internal error" not in result.output and "Traceback" not in result.output

"""The review loop, through the real command: `geomap extract` writes events.yaml; the journalist
edits it (moves a date, rejects an event, adds one by hand, verifies one, changes a control
change's side, writes comments); a new article arrives and `geomap extract` runs again: every
edit and comment survives, the new article's events are added, untouched events keep their
ids; `geomap build` honours every edit, with the file's ids in events.geojson and events.csv.

The articles are our own, written for these tests; the gazetteer and baseline are the bundled ones.
"""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from geomap import cli

from review_project import FRIDAY, MONDAY, THURSDAY, add_articles, by_kind, csv_ids, edit, entries, features, \
    project, snapshot

MANUAL = """  - review: manual   # told by our correspondent on the phone
    type: clash
    date: 2016-12-14
    place: al-mashhad
    status: happened
    sources:
      - article: "Appel de notre correspondant"
        quote: "Des combats ont eu lieu mercredi à Al-Mashhad."
"""


def geomap(*args):
    result = CliRunner().invoke(cli.main, [str(a) for a in args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result


# ---------------------------------------------------------------- the loop

@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    """extract; edit; add an article; extract again; build twice. Returns what each step left."""
    root = tmp_path_factory.mktemp("loop")
    config = project(root, monday=MONDAY, thursday=THURSDAY)
    events_file = root / "events.yaml"
    first_output = geomap("extract", "--config", config).output
    first = entries(events_file)
    ids = {"change": by_kind(first, "control_change", "sheikh-saeed"),
           "moved": by_kind(first, "strike", "bustan-al-qasr"),
           "verified": by_kind(first, "strike", "al-salihin"),
           "rejected": by_kind(first, "evacuation", "al-amiriyah")}
    text = events_file.read_text(encoding="utf-8")
    text = edit(text, ids["moved"], "date: 2016-12-12", "date: 2016-12-13   # the rescuers said Tuesday")
    text = edit(text, ids["verified"], "review: extracted", "review: verified")
    text = edit(text, ids["rejected"], "review: extracted", "review: rejected   # the buses had not left: a plan")
    text = edit(text, ids["change"], "to: government", "to: rebels")
    text = edit(text, ids["change"], "review: extracted", "review: edited")
    text = text.replace("\n2016-12-15:\n", "\n# our correspondent's own report\n2016-12-15:\n" + MANUAL, 1)
    events_file.write_text(text, encoding="utf-8")
    edited = entries(events_file)
    add_articles(root, friday=FRIDAY)
    second_output = geomap("extract", "--config", config).output
    geomap("build", "--config", config, "--out", root / "out")
    geomap("build", "--config", config, "--out", root / "again")
    return {"root": root, "ids": ids, "first": first, "edited": edited, "edited_text": text,
            "first_output": first_output, "second_output": second_output,
            "after": entries(events_file), "after_text": events_file.read_text(encoding="utf-8")}


def test_extract_writes_every_event_with_its_sources_grouped_by_date(loop):
    first = loop["first"]
    assert len(first) == 4 and {e["review"] for e in first.values()} == {"extracted"}
    change = first[loop["ids"]["change"]]
    assert change["date"] == "2016-12-12" and change["precision"] == "day" and change["to"] == "government"
    assert change["place_name"] and change["date_basis"] and change["corroboration"] == 1
    assert change["sources"][0]["article"] == "monday.txt" and "Cheikh Saïd" in change["sources"][0]["quote"]
    text = (loop["root"] / "events.yaml").read_text(encoding="utf-8")
    assert text.startswith("# Reviewed events: geomap extract writes this file")
    assert re.findall(r"^(\S+):$", text, re.M)[:2] == ["2016-12-12", "2016-12-15"]
    assert "4 new events" in loop["first_output"]


def test_every_edit_and_comment_survives_a_new_extraction(loop):
    after, edited, ids = loop["after"], loop["edited"], loop["ids"]
    for key in ("moved", "verified", "rejected", "change"):
        mine, now = dict(edited[ids[key]]), dict(after[ids[key]])
        if key == "moved":                        # changed without a word: marked edited, fields kept
            assert now.pop("review") == "edited" and mine.pop("review") == "extracted"
        assert now == mine
    for comment in ("# the rescuers said Tuesday", "# told by our correspondent on the phone",
                    "# our correspondent's own report", "# the buses had not left: a plan"):
        assert comment in loop["after_text"]
    assert "1 changed by hand, now marked edited: " + ids["moved"] in loop["second_output"]


def test_the_new_articles_events_are_added_and_untouched_ids_stay(loop):
    after, first = loop["after"], loop["first"]
    assert set(first) <= set(after)
    new = {i: e for i, e in after.items() if i not in first}
    kinds = {(e["type"], e["place"], e["review"]) for e in new.values()}
    assert ("strike", "al-mashhad", "extracted") in kinds
    manual = [e for e in new.values() if e["review"] == "manual"]
    assert len(manual) == 1 and manual[0]["id"].startswith("ev-")   # the hand-made event was given an id
    assert "added by hand, given an id" in loop["second_output"]


def test_a_reviewed_event_keeps_its_sources_and_says_when_more_reports_tell_it(loop):
    change = loop["after"][loop["ids"]["change"]]
    assert [s["article"] for s in change["sources"]] == ["monday.txt"]     # as the journalist left it
    assert "now told by more reports than the file cites: " + loop["ids"]["change"] in loop["second_output"]


def test_the_build_honours_every_edit(loop):
    out, ids = loop["root"] / "out", loop["ids"]
    drawn = features(out)
    assert ids["rejected"] not in drawn and ids["rejected"] not in (out / "events.csv").read_text(encoding="utf-8")
    assert not any(ids["rejected"] in page.read_text(encoding="utf-8") for page in (out / "maps").glob("*.html"))
    assert drawn[ids["moved"]]["date"] == "2016-12-13"
    assert "Boustane" in (out / "maps" / "2016-12-13.html").read_text(encoding="utf-8")
    assert drawn[ids["change"]]["to"] == "rebels"
    manual = next(p for p in drawn.values() if p["review"] == "manual")
    assert manual["type"] == "clash" and manual["date"] == "2016-12-14"
    assert manual["sources"][0]["article"] == "Appel de notre correspondant"
    assert drawn[ids["verified"]]["review"] == "verified"


def test_the_territory_follows_the_reviewed_side(loop):
    page = (loop["root"] / "out" / "maps" / "2016-12-12.html").read_text(encoding="utf-8")
    assert "Cheikh Saïd : Rebelles → " not in page       # the rebels keep what they held


def test_popups_say_what_the_desk_checked_and_the_index_lists_what_awaits(loop):
    out, ids, after = loop["root"] / "out", loop["ids"], loop["after"]
    page = (out / "maps" / "2016-12-12.html").read_text(encoding="utf-8")
    assert "Vérifié par la rédaction" in page and "Corrigé par la rédaction" in page
    index = (out / "index.html").read_text(encoding="utf-8")
    awaiting = index[index.index('<section id="awaiting">'):]
    waiting = [i for i, e in after.items() if e["review"] == "extracted"]
    assert waiting and all(i in awaiting for i in waiting)
    assert ids["verified"] not in awaiting and ids["moved"] not in awaiting
    assert "17 décembre 2016" not in awaiting and "16 décembre 2016" in awaiting


def test_ids_are_the_same_in_the_file_the_geojson_and_the_csv(loop):
    out = loop["root"] / "out"
    drawn_in_file = {i for i, e in loop["after"].items() if e["review"] not in ("rejected", "orphaned")}
    assert set(features(out)) == drawn_in_file
    assert sorted(csv_ids(out)) == sorted(drawn_in_file)


def test_rebuilds_are_byte_identical(loop):
    assert snapshot(loop["root"] / "out") == snapshot(loop["root"] / "again")


def test_extracting_again_changes_nothing(loop, tmp_path):
    config = project(tmp_path, monday=MONDAY, thursday=THURSDAY)
    geomap("extract", "--config", config)
    once = (tmp_path / "events.yaml").read_bytes()
    assert "0 new events, 0 updated" in geomap("extract", "--config", config).output
    assert (tmp_path / "events.yaml").read_bytes() == once

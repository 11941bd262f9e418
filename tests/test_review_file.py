"""The reviewed events file on bad input and over time: every wrong value is one line with the
file and its line, exit 1, and nothing is published nor the file rewritten; `geomap check`
lists every problem; an event whose article is removed is kept as orphaned and reported, and
comes back when the article does; an event a later article moves to another day keeps its id;
the config can hide what nobody verified.
"""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from geomap import cli
from geomap.review import document, entries as entries_mod

from review_project import MONDAY, THURSDAY, add_articles, edit, entries, features, project, snapshot

UNDATED_ARTICLE = """---
title: Le régime avance
outlet: Journal de test
published: 2016-12-13
---
Les forces du régime ont repris le quartier de Karm al-Jabal, selon l'Observatoire.
"""

PRECISE_LATER = """---
title: Retour sur lundi
outlet: Hebdo de test
published: 2016-12-17
---
Les forces du régime avaient repris lundi 12 décembre le quartier de Karm al-Jabal, selon l'Observatoire.
"""


def run(*args):
    return CliRunner().invoke(cli.main, [str(a) for a in args])


def one_error_line(result) -> str:
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """A project extracted and built once; tests copy its files and break them."""
    root = tmp_path_factory.mktemp("built")
    config = project(root, monday=MONDAY, thursday=THURSDAY)
    assert run("extract", "--config", config).exit_code == 0
    assert run("build", "--config", config, "--out", root / "out").exit_code == 0
    return root, config


def line_number(text: str, needle: str, start_at: str = "") -> int:
    offset = text.index(needle, text.index(start_at) if start_at else 0)
    return text.count("\n", 0, offset) + 1


def first_id(root) -> str:
    return next(i for i, e in entries(root / "events.yaml").items() if e["type"] == "control_change")


BREAKAGES = [
    # (what is broken, old text, new text, what the message says)
    ("an impossible date", "date: 2016-12-12", "date: 2016-13-40", "'2016-13-40' is not a real date"),
    ("an unknown place", "place: sheikh-saeed", "place: sheikh-saed", "unknown place 'sheikh-saed' (did you mean 'sheikh-saeed'?)"),
    ("an unknown type", "type: control_change", "type: control_chang", "unknown type 'control_chang'"),
    ("a bad review value", "review: extracted", "review: checked", "unknown review 'checked'"),
    ("an unknown side", "to: government", "to: regime", "unknown side 'regime'"),
]


@pytest.mark.parametrize("what, old, new, says", BREAKAGES, ids=[b[0] for b in BREAKAGES])
def test_a_wrong_value_is_one_line_with_file_and_line_and_nothing_is_published(built, what, old, new, says):
    root, config = built
    before = snapshot(root / "out")
    path = root / "events.yaml"
    good = path.read_text(encoding="utf-8")
    broken = edit(good, first_id(root), old, new)
    path.write_text(broken, encoding="utf-8")
    try:
        line = one_error_line(run("build", "--config", config, "--out", root / "out"))
        assert line == f"geomap: {path}:{line_number(broken, new)}: {says}" or \
            line.startswith(f"geomap: {path}:{line_number(broken, new)}: {says}"), line
        assert snapshot(root / "out") == before
        assert one_error_line(run("extract", "--config", config)).startswith(f"geomap: {path}:")
        assert path.read_text(encoding="utf-8") == broken              # extract rewrote nothing
        checked = run("check", "--config", config)
        assert checked.exit_code == 1 and f"{path}:{line_number(broken, new)}: {says}" in checked.output
    finally:
        path.write_text(good, encoding="utf-8")


def test_a_yaml_error_is_one_line_with_its_line(built):
    root, config = built
    path = root / "events.yaml"
    good = path.read_text(encoding="utf-8")
    broken = edit(good, first_id(root), "status: happened", "status: [happened")
    path.write_text(broken, encoding="utf-8")
    try:
        before = snapshot(root / "out")
        line = one_error_line(run("build", "--config", config, "--out", root / "out"))
        assert line.startswith(f"geomap: {path}:") and "not valid YAML" in line
        reported = int(line.split(":")[2])
        assert abs(reported - line_number(broken, "status: [happened")) <= 1
        assert snapshot(root / "out") == before
    finally:
        path.write_text(good, encoding="utf-8")


def test_check_lists_every_problem_and_passes_a_sound_file(built):
    root, config = built
    ok = run("check", "--config", config)
    assert ok.exit_code == 0 and "reviewed events" in ok.output
    path = root / "events.yaml"
    good = path.read_text(encoding="utf-8")
    broken = edit(edit(good, first_id(root), "date: 2016-12-12", "date: 2016-02-30"),
                  first_id(root), "status: happened", "statut: happened")
    path.write_text(broken, encoding="utf-8")
    try:
        result = run("check", "--config", config)
        assert result.exit_code == 1
        assert f"{path}:{line_number(broken, 'date: 2016-02-30')}: '2016-02-30' is not a real date" in result.output
        assert f"{path}:{line_number(broken, 'statut:')}: unknown key 'statut' (did you mean 'status'?)" in result.output
        assert "2 problems in the reviewed events file" in result.stderr
    finally:
        path.write_text(good, encoding="utf-8")


def test_an_event_whose_article_is_removed_is_orphaned_reported_and_comes_back(tmp_path):
    config = project(tmp_path, monday=MONDAY, thursday=THURSDAY)
    assert run("extract", "--config", config).exit_code == 0
    evacuation = next(i for i, e in entries(tmp_path / "events.yaml").items() if e["type"] == "evacuation")
    (tmp_path / "articles" / "thursday.txt").unlink()
    result = run("extract", "--config", config)
    assert result.exit_code == 0 and f"1 orphaned (no longer found in the articles read; not drawn): {evacuation}" in result.output
    assert entries(tmp_path / "events.yaml")[evacuation]["review"] == "orphaned"
    assert run("build", "--config", config, "--out", tmp_path / "out").exit_code == 0
    assert evacuation not in features(tmp_path / "out")
    add_articles(tmp_path, thursday=THURSDAY)
    assert run("extract", "--config", config).exit_code == 0
    assert entries(tmp_path / "events.yaml")[evacuation]["review"] == "extracted"


def test_an_event_a_later_article_moves_to_another_day_keeps_its_id(tmp_path):
    config = project(tmp_path, undated=UNDATED_ARTICLE)
    assert run("extract", "--config", config).exit_code == 0
    [(first, entry)] = entries(tmp_path / "events.yaml").items()
    assert entry["date"] == "2016-12-13" and entry["precision"] == "approximate"
    add_articles(tmp_path, later=PRECISE_LATER)
    assert run("extract", "--config", config).exit_code == 0
    [(again, moved)] = entries(tmp_path / "events.yaml").items()
    assert again == first and moved["date"] == "2016-12-12" and moved["precision"] == "day"
    assert run("build", "--config", config, "--out", tmp_path / "out").exit_code == 0
    assert list(features(tmp_path / "out")) == [first]


def test_the_config_can_hide_what_nobody_verified(tmp_path):
    config = project(tmp_path, monday=MONDAY)
    assert run("extract", "--config", config).exit_code == 0
    path = tmp_path / "events.yaml"
    ids = list(entries(path))
    path.write_text(edit(path.read_text(encoding="utf-8"), ids[0], "review: extracted", "review: verified"),
                    encoding="utf-8")
    config.write_text(config.read_text(encoding="utf-8") + "\nreview:\n  hide_unverified: true\n", encoding="utf-8")
    assert run("build", "--config", config, "--out", tmp_path / "out").exit_code == 0
    assert list(features(tmp_path / "out")) == [ids[0]]
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert all(i in index for i in ids[1:])                       # still listed as awaiting review


def test_no_review_builds_from_the_extraction_alone(built, tmp_path):
    root, config = built
    path = root / "events.yaml"
    good = path.read_text(encoding="utf-8")
    path.write_text(edit(good, first_id(root), "review: extracted", "review: rejected"), encoding="utf-8")
    try:
        assert run("build", "--config", config, "--out", tmp_path / "plain", "--no-review").exit_code == 0
        assert first_id(root) in features(tmp_path / "plain")
        assert all(p["review"] is None for p in features(tmp_path / "plain").values())
    finally:
        path.write_text(good, encoding="utf-8")


def test_an_entry_read_back_is_the_event_written(built):
    """The file's round trip: every entry read back gives the event whose fingerprint it carries."""
    root, _ = built
    review_file = document.read(root / "events.yaml")
    for entry in review_file.entries():
        assert not entries_mod.changed_by_hand(entry)
    assert document.dump(review_file) == (root / "events.yaml").read_text(encoding="utf-8")

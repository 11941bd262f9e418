"""The `geomap` command on bad input: one line naming the file (and line), no traceback, the
right exit status; the build goes on past what it can skip, and never harms the user's files.

Most tests build a one-article corpus into tmp_path; one builds the bundled sample.
"""
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from geomap import cli
from site_files import published_files

REPO = Path(__file__).resolve().parents[1]

GOOD = """---
title: Le régime reprend Cheikh Saïd
outlet: Journal de test
published: 2016-12-12
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud d'Alep, selon l'Observatoire.

Les rebelles se sont retirés vers le centre de la ville après de violents combats.
"""

LATER = """---
title: Les premiers bus quittent Alep
published: 2016-12-15
---
Jeudi, les premiers bus ont quitté le quartier d'Al-Amiriyah vers Ramoussa, selon le CICR.
"""


# ---------------------------------------------------------------- helpers

def write(path: Path, content) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return path


def geomap(*args, cwd: Path | None = None):
    """Run `geomap ARGS` in-process (in `cwd`), as the shell would."""
    old = Path.cwd()
    os.chdir(cwd or old)
    try:
        return CliRunner().invoke(cli.main, [str(a) for a in args])
    finally:
        os.chdir(old)


def error_line(result) -> str:
    """The one error line on stderr; fails on a traceback or several lines."""
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"unexpected exception: {result.exception!r}"
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("geomap: ")
    return lines[0]


def succeeded(result):
    assert result.exit_code == 0, result.output + repr(result.exception)
    assert "Traceback" not in result.output
    return result


def features(out: Path) -> list[dict]:
    return json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]


def snapshot(folder: Path) -> dict[str, bytes]:
    return published_files(folder)


@pytest.fixture
def corpus(tmp_path):
    """A folder with one good article."""
    write(tmp_path / "articles" / "good.txt", GOOD)
    return tmp_path / "articles"


# ---------------------------------------------------------------- help

def test_geomap_help_lists_every_command():
    result = succeeded(geomap("--help"))
    for name, command in cli.main.commands.items():
        assert name in result.output
    assert "--version" in result.output


@pytest.mark.parametrize("command", sorted(cli.main.commands))
def test_every_command_help_mentions_every_option(command):
    result = succeeded(geomap(command, "--help"))
    for param in cli.main.commands[command].params:
        if isinstance(param, click.Option):
            assert any(opt in result.output for opt in param.opts), (command, param.opts)


# ---------------------------------------------------------------- articles

def test_a_good_article_builds_its_map(corpus, tmp_path):
    out = tmp_path / "out"
    result = succeeded(geomap("build", "--articles", corpus, "--out", out, cwd=tmp_path))
    assert "1 articles read" in result.stdout
    assert (out / "maps" / "2016-12-12.html").exists()
    assert any(f["properties"]["place"] == "sheikh-saeed" for f in features(out))


def test_a_path_that_does_not_exist_is_refused_naming_it(tmp_path):
    result = geomap("build", "--articles", tmp_path / "nowhere", "--out", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "nowhere: no such file or folder" in error_line(result)
    assert not (tmp_path / "out").exists()


def test_an_empty_folder_is_refused_naming_it(tmp_path):
    (tmp_path / "empty").mkdir()
    result = geomap("build", "--articles", tmp_path / "empty", "--out", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "empty: no .txt or .md articles" in error_line(result)


def test_an_empty_file_beside_a_good_article_is_skipped_with_its_name(corpus, tmp_path):
    write(corpus / "empty.txt", "")
    result = succeeded(geomap("build", "--articles", corpus, "--out", tmp_path / "out", cwd=tmp_path))
    assert "skipped: " in result.stderr and "empty.txt: the file is empty" in result.stderr
    assert "1 articles read (" in result.stdout and "from the cache), 1 skipped," in result.stdout
    assert (tmp_path / "out" / "events.geojson").exists()


def test_a_binary_file_is_skipped_with_its_name(corpus, tmp_path):
    write(corpus / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    result = succeeded(geomap("build", "--articles", corpus, "--out", tmp_path / "out", cwd=tmp_path))
    assert "photo.txt: a binary file, not text" in result.stderr
    assert "1 skipped" in result.stdout


def test_a_binary_file_alone_fails_naming_it(tmp_path):
    photo = write(tmp_path / "photo.txt", bytes(range(256)) * 4)
    result = geomap("build", "--articles", photo, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "photo.txt: a binary file, not text" in error_line(result)


def test_a_windows_1252_article_still_resolves_cheikh_said(tmp_path):
    article = write(tmp_path / "articles" / "cp1252.txt", GOOD.encode("cp1252"))
    out = tmp_path / "out"
    result = succeeded(geomap("build", "--articles", article, "--out", out, cwd=tmp_path))
    assert "read as windows-1252" in result.stderr
    [event] = [f for f in features(out) if f["properties"]["type"] == "control_change"]
    assert (event["properties"]["place"], event["properties"]["date"], event["properties"]["to"]) == \
        ("sheikh-saeed", "2016-12-12", "government")
    assert "Cheikh Saïd" in event["properties"]["sources"][0]["quote"]


def test_malformed_front_matter_is_skipped_naming_file_and_line(corpus, tmp_path):
    write(corpus / "bad.txt", "---\ntitle: ok\noutlet: a: b\n---\nLes combats ont repris à Alep.\n")
    result = succeeded(geomap("build", "--articles", corpus, "--out", tmp_path / "out", cwd=tmp_path))
    assert "skipped: bad.txt:3: front matter is not valid YAML" in result.stderr


def test_malformed_front_matter_alone_fails_naming_file_and_line(tmp_path):
    bad = write(tmp_path / "bad.txt", "---\ntitle: [Alep\n---\nLes combats ont repris à Alep.\n")
    result = geomap("build", "--articles", bad, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "bad.txt:2: front matter is not valid YAML" in error_line(result)


def test_an_absurd_publication_date_does_not_crash_the_build(tmp_path):
    article = write(tmp_path / "far.txt", GOOD.replace("2016-12-12", "9999-12-31").replace("lundi", "demain"))
    succeeded(geomap("build", "--articles", article, "--out", tmp_path / "out", cwd=tmp_path))


# ---------------------------------------------------------------- config.yaml

def build_with_config(tmp_path, corpus, config: str):
    write(tmp_path / "config.yaml", config)
    return geomap("build", "--config", tmp_path / "config.yaml", "--articles", corpus,
                  "--out", tmp_path / "out", cwd=tmp_path)


def test_a_config_yaml_syntax_error_names_its_line(tmp_path, corpus):
    result = build_with_config(tmp_path, corpus, "title: Alep\nlanguage: [fr\nyear: 2016\n")
    assert result.exit_code == 1
    assert "config.yaml:2: not valid YAML" in error_line(result)


def test_a_misspelt_config_key_names_its_line_and_the_key_meant(tmp_path, corpus):
    result = build_with_config(tmp_path, corpus, "title: Alep\ngazetteer:\n  extras: []\n")
    assert result.exit_code == 1
    assert "config.yaml:3: unknown key 'gazetteer.extras' (did you mean 'gazetteer.extra'?)" in error_line(result)


@pytest.mark.parametrize("config, message", [
    ("year: deux mille seize\n", "config.yaml:1: 'year' must be a whole number, not str"),
    ("title: Alep\nyear: true\n", "config.yaml:2: 'year' must be a whole number, not bool"),
    ("self_contained: 1\n", "'self_contained' must be true or false"),
    ("articles: [1, 2]\n", "config.yaml:1: 'articles' must be a list of file or folder paths"),
    ("gazetteer:\n  extra: [~]\n", "config.yaml:2: 'gazetteer.extra' must be a list of file or folder paths"),
    ("language: de\n", "config.yaml:1: language 'de' has no folder in geomap/lang"),
    ("control:\n  date: 2016-11-31\n", "config.yaml:2: 'control.date' must be a date (YYYY-MM-DD), not str"),
    ("- title\n", "config.yaml: must be a mapping"),
])
def test_a_config_value_of_the_wrong_kind_is_one_line_naming_the_file(tmp_path, corpus, config, message):
    result = build_with_config(tmp_path, corpus, config)
    assert result.exit_code == 1
    assert message in error_line(result)


def test_a_config_key_left_empty_takes_its_default(tmp_path, corpus):
    write(tmp_path / "config.yaml", f"output:\ntitle:\narticles: [{corpus.name}]\n")
    succeeded(geomap("build", cwd=tmp_path))
    assert (tmp_path / "outputs" / "events.geojson").exists()


def test_a_config_file_that_does_not_exist_is_named(tmp_path, corpus):
    result = geomap("build", "--config", tmp_path / "nope.yaml", "--articles", corpus, cwd=tmp_path)
    assert result.exit_code == 1
    assert "nope.yaml: no such config file" in error_line(result)


def test_config_metadata_with_a_bad_date_warns_naming_the_article_and_keeps_it(tmp_path, corpus):
    write(corpus / "other.txt", LATER)
    result = build_with_config(tmp_path, corpus, "metadata:\n  other.txt:\n    published: bientôt\n")
    succeeded(result)
    assert "other.txt: published 'bientôt' in front matter or config is not a date" in result.stderr
    assert "skipped" not in result.stderr


# ---------------------------------------------------------------- gazetteer extra files

def gazetteer_extra(tmp_path, corpus, name: str, content: str):
    write(tmp_path / name, content)
    return build_with_config(tmp_path, corpus, f"gazetteer:\n  extra: [{name}]\n")


def test_a_gazetteer_extra_file_with_a_coordinate_that_is_no_number_names_file_and_line(tmp_path, corpus):
    result = gazetteer_extra(tmp_path, corpus, "mine.csv", "id,names,lat,lon,type\n"
                             "hanano,Hanano,36.22,37.17,neighbourhood\nfoo,Foo,nord,37.1,neighbourhood\n")
    assert result.exit_code == 1
    assert "mine.csv:3: lat is not a number: 'nord'" in error_line(result)


def test_a_gazetteer_extra_file_with_coordinates_out_of_range_names_file_and_line(tmp_path, corpus):
    result = gazetteer_extra(tmp_path, corpus, "mine.csv", "id,names,lat,lon,type\nfoo,Foo,136.2,37.1,neighbourhood\n")
    assert result.exit_code == 1
    assert "mine.csv:2: lat 136.2 is out of range" in error_line(result)


def test_a_gazetteer_extra_file_with_a_duplicate_id_is_reported_naming_file_and_line(tmp_path, corpus):
    result = gazetteer_extra(tmp_path, corpus, "mine.csv", "id,names,lat,lon,type\n"
                             "foo,Foo,36.2,37.1,neighbourhood\nfoo,Foo bis,36.2,37.1,neighbourhood\n")
    succeeded(result)
    assert "warning: gazetteer: " in result.stderr
    assert "mine.csv:3: duplicate id 'foo'" in result.stderr


def test_a_gazetteer_extra_yaml_file_that_is_not_yaml_is_one_line_naming_it(tmp_path, corpus):
    result = gazetteer_extra(tmp_path, corpus, "mine.yaml", "- id: foo\n  names: [Foo\n")
    assert result.exit_code == 1
    assert "mine.yaml: cannot read" in error_line(result)


def test_a_gazetteer_extra_file_that_does_not_exist_is_one_line_naming_it(tmp_path, corpus):
    result = build_with_config(tmp_path, corpus, "gazetteer:\n  extra: [missing.csv]\n")
    assert result.exit_code == 1
    assert "missing.csv: cannot read" in error_line(result)


# ---------------------------------------------------------------- the output folder

def test_an_output_path_that_is_a_file_is_refused_and_left_alone(tmp_path, corpus):
    target = write(tmp_path / "out", "my notes\n")
    result = geomap("build", "--articles", corpus, "--out", target, cwd=tmp_path)
    assert result.exit_code == 1
    assert "out: exists and is a file, not a folder" in error_line(result)
    assert target.read_text() == "my notes\n"


def test_an_output_path_inside_a_file_is_one_line(tmp_path, corpus):
    write(tmp_path / "notes.txt", "my notes\n")
    result = geomap("build", "--articles", corpus, "--out", tmp_path / "notes.txt" / "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "cannot write the output folder" in error_line(result)
    assert (tmp_path / "notes.txt").read_text() == "my notes\n"


def test_a_user_file_named_like_a_geomap_output_is_refused_and_untouched(tmp_path, corpus):
    mine = write(tmp_path / "out" / "index.html", "<p>my own page</p>")
    result = geomap("build", "--articles", corpus, "--out", tmp_path / "out", cwd=tmp_path)
    assert result.exit_code == 1
    assert "index.html: exists and was not written by geomap" in error_line(result)
    assert mine.read_text() == "<p>my own page</p>"
    assert snapshot(tmp_path / "out") == {"index.html": b"<p>my own page</p>"}
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_user_file_with_another_name_is_kept_after_the_build(tmp_path, corpus):
    mine = write(tmp_path / "out" / "notes.md", "my notes\n")
    succeeded(geomap("build", "--articles", corpus, "--out", tmp_path / "out", cwd=tmp_path))
    assert mine.read_text() == "my notes\n"
    assert (tmp_path / "out" / "index.html").exists()


def test_a_second_build_replaces_only_geomaps_files(tmp_path, corpus):
    out = tmp_path / "out"
    succeeded(geomap("build", "--articles", corpus, "--out", out, cwd=tmp_path))
    assert (out / "maps" / "2016-12-12.html").exists()
    mine = write(out / "notes.md", "my notes\n")
    my_map = write(out / "maps" / "annotated.html", "<p>mine</p>")
    later = write(tmp_path / "later" / "later.txt", LATER)
    succeeded(geomap("build", "--articles", later, "--out", out, cwd=tmp_path))
    assert not (out / "maps" / "2016-12-12.html").exists()
    assert (out / "maps" / "2016-12-15.html").exists()
    assert mine.read_text() == "my notes\n" and my_map.read_text() == "<p>mine</p>"
    assert all(f["properties"]["date"] == "2016-12-15" for f in features(out))


def test_a_build_that_fails_halfway_leaves_the_previous_outputs_byte_identical(tmp_path, corpus, monkeypatch):
    out = tmp_path / "out"
    succeeded(geomap("build", "--articles", corpus, "--out", out, cwd=tmp_path))
    before = snapshot(out)
    write(corpus / "later.txt", LATER)

    def broken(*args, **kwargs):       # the site is rendered file by file as it is written: it breaks halfway
        yield "index.html", "<p>half a site</p>"
        raise RuntimeError("the renderer broke")

    monkeypatch.setattr("geomap.site.site_files", broken)
    result = geomap("build", "--articles", corpus, "--out", out, cwd=tmp_path)
    assert result.exit_code == 70
    assert "internal error (RuntimeError: the renderer broke)" in error_line(result)
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_build_that_cannot_write_its_files_leaves_the_previous_outputs_byte_identical(tmp_path, corpus,
                                                                                        monkeypatch):
    out = tmp_path / "out"
    succeeded(geomap("build", "--articles", corpus, "--out", out, cwd=tmp_path))
    before = snapshot(out)

    write_bytes = Path.write_bytes

    def disk_full_in_staging(self, data):  # the new site is written in "out/.geomap-sites" (or -staging)
        if {".geomap-sites", ".geomap-staging"} & set(self.parts):
            raise OSError(28, "No space left on device", str(self))
        return write_bytes(self, data)

    write(corpus / "again.txt", GOOD.replace("2016-12-12", "2016-12-13"))   # a new site to write
    monkeypatch.setattr(Path, "write_bytes", disk_full_in_staging)
    result = geomap("build", "--articles", corpus, "--out", out, cwd=tmp_path)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert "out: cannot write the output folder (No space left on device)" in error_line(result)
    assert snapshot(out) == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


# ---------------------------------------------------------------- without a config

def test_a_build_from_a_folder_without_config_uses_the_defaults(tmp_path):
    write(tmp_path / "mine" / "a.md", GOOD)
    write(tmp_path / "mine" / "b.txt", LATER)
    result = succeeded(geomap("build", "--articles", "mine", "--out", "site", cwd=tmp_path))
    assert "2 articles read" in result.stdout
    places = {f["properties"]["place"] for f in features(tmp_path / "site")}
    assert "sheikh-saeed" in places
    assert (tmp_path / "site" / "index.html").exists()


def test_a_build_without_articles_or_config_says_what_is_missing(tmp_path):
    result = geomap("build", "--out", "site", cwd=tmp_path)
    assert result.exit_code == 1
    assert "articles: no such file or folder" in error_line(result)


# ---------------------------------------------------------------- the bundled sample, end to end

@pytest.fixture(scope="module")
def sample_builds(tmp_path_factory):
    """The sample built twice, in two processes with different hash seeds, at the same time."""
    if shutil.which("geomap") is None:
        pytest.skip("the geomap command is not installed")
    root = tmp_path_factory.mktemp("sample")
    runs = []
    for seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        runs.append((root / f"seed{seed}", subprocess.Popen(
            [sys.executable, "-m", "geomap.cli", "build", "--quiet", "--out", str(root / f"seed{seed}")],
            cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)))
    outs = []
    for out, process in runs:
        stdout, stderr = process.communicate(timeout=300)
        assert process.returncode == 0, stderr
        assert "Traceback" not in stderr
        outs.append(out)
    return outs


def test_the_sample_builds_dated_maps_timeline_index_and_events(sample_builds):
    out = sample_builds[0]
    assert len(list((out / "maps").glob("2016-12-*.html"))) >= 6
    assert (out / "timeline.html").exists() and (out / "index.html").exists()
    assert len(features(out)) >= 15


def test_the_sample_puts_the_fall_of_sheikh_saeed_on_12_december_at_its_place(sample_builds):
    [event] = [f for f in features(sample_builds[0])
               if f["properties"]["type"] == "control_change" and f["properties"]["place"] == "sheikh-saeed"]
    assert (event["properties"]["date"], event["properties"]["to"]) == ("2016-12-12", "government")
    lon, lat = event["geometry"]["coordinates"]
    assert lat == pytest.approx(36.1646, abs=0.002) and lon == pytest.approx(37.1558, abs=0.002)


def test_the_sample_draws_the_evacuation_from_al_amiriyah_towards_ramouseh_on_15_december(sample_builds):
    routes = [f for f in features(sample_builds[0])
              if f["properties"]["type"] == "evacuation" and f["properties"]["date"] == "2016-12-15"
              and f["properties"]["route"][:1] == ["al-amiriyah"]]
    assert routes and "ramouseh" in routes[0]["properties"]["route"]
    assert routes[0]["geometry"]["type"] == "LineString"
    (lon0, lat0), (lon1, lat1) = routes[0]["geometry"]["coordinates"][:2]
    assert lat0 == pytest.approx(36.1707, abs=0.002) and lat1 == pytest.approx(36.1537, abs=0.002)


def test_two_sample_builds_with_different_hash_seeds_are_byte_identical(sample_builds):
    first, second = (snapshot(out) for out in sample_builds)
    assert sorted(first) == sorted(second)
    assert "events.gpkg" in first                 # SQLite, with a last_change that is not the build's time
    assert [name for name in first if first[name] != second[name]] == []

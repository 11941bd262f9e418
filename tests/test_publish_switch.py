"""The switch to a new site, as readers see it (geomap/publish/versioned.py): every address of the
site leads through one link to one version, so a reader sees the old site or the new one,
never a mix; addresses never change; the user's files stay where they put them. And an output
folder an older geomap wrote (file by file, a manifest without hashes) is taken over.

The pages are those of one real `geomap build` of the sample; each build below is that site
with a title of its own (the config's title is in every page)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from geomap import publish
from geomap.publish import MANIFEST, PublishError
from geomap.publish.claims import CURRENT, SITES
from test_publish import NEW, OLD, site, snapshot, text_of

ROOT = Path(__file__).resolve().parent.parent
TITLE = "Alep, décembre 2016"          # config.yaml's title
LINK = re.compile(r'(?:href|src)="([^"#:]+\.(?:html|js|css|geojson|csv))"')


@pytest.fixture(scope="module")
def sample(tmp_path_factory) -> dict[str, bytes]:
    """The files of the sample site, as `geomap build` writes them."""
    out = tmp_path_factory.mktemp("sample") / "out"
    done = subprocess.run([sys.executable, "-m", "geomap.cli", "build", "--out", str(out)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return {name: (out / name).read_bytes() for name in publish.read_manifest(out / MANIFEST, out)}


def titled(files: dict[str, bytes], title: str) -> dict[str, bytes]:
    """The site with another title in every page (a build with another config title)."""
    return {name: data.replace(TITLE.encode(), title.encode()) for name, data in files.items()}


def read_pass(out: Path) -> tuple[str, str, set[str]]:
    """One reader's pass: the index and every file it links, at their addresses; with the
    version `.geomap-current` named before and after, and the titles the pages bear."""
    before = os.readlink(out / CURRENT)
    index = (out / "index.html").read_text(encoding="utf-8")
    titles = set(re.findall(r"Build \d+", index))
    for link in sorted(set(LINK.findall(index))):
        text = (out / link).read_text(encoding="utf-8")          # a link to a missing file raises here
        titles |= set(re.findall(r"Build \d+", text))
    return before, os.readlink(out / CURRENT), titles


def test_a_reader_during_repeated_builds_sees_one_whole_site_never_a_mix(tmp_path, sample):
    out = tmp_path / "out"
    publish.publish(titled(sample, "Build 0"), out)
    assert len(set(LINK.findall((out / "index.html").read_text(encoding="utf-8")))) >= 5
    done, passes, failures = threading.Event(), [], []

    def reader():
        while not done.is_set():
            try:
                passes.append(read_pass(out))
            except Exception as error:               # noqa: BLE001 (the test reports what the reader met)
                failures.append(repr(error))
    thread = threading.Thread(target=reader)
    thread.start()
    try:
        for build in range(1, 25):
            publish.publish(titled(sample, f"Build {build}"), out)
    finally:
        done.set()
        thread.join()
    assert failures == []
    steady = [titles for before, after, titles in passes if before == after]
    assert steady and all(len(titles) == 1 for titles in steady)
    print(f"{len(passes)} passes, {len(passes) - len(steady)} across a switch")
    assert site(out)["index.html"].count("Build 24") >= 1


def test_a_build_changes_one_link_and_every_address_stays_as_it_was(tmp_path):
    out = tmp_path / "out"
    publish.publish(OLD, out)
    links = {p.name: os.readlink(p) for p in out.iterdir() if p.is_symlink()}
    current = links.pop(CURRENT)
    assert current.startswith(f"{SITES}/")
    assert links == {name: f"{CURRENT}/{name}" for name in ("index.html", "maps", "events.csv", MANIFEST)}
    publish.publish({**NEW, "events.csv": "new csv"}, out)
    after = {p.name: os.readlink(p) for p in out.iterdir() if p.is_symlink()}
    assert after.pop(CURRENT) != current
    assert after == {**links, "timeline.html": f"{CURRENT}/timeline.html"}
    assert site(out) == {**NEW, "events.csv": "new csv"}


def test_the_version_before_stays_whole_for_a_reader_and_older_ones_go(tmp_path):
    out = tmp_path / "out"
    versions = []
    for text in ("one", "two", "three"):
        publish.publish({"index.html": text, "maps/a.html": text}, out)
        versions.append(os.readlink(out / CURRENT))
    assert sorted(p.name for p in (out / SITES).iterdir()) == sorted(v.split("/")[1] for v in versions[1:])
    assert (out / versions[1] / "maps" / "a.html").read_text() == "two"


def test_a_file_the_user_put_in_a_folder_of_the_site_stays_at_its_address(tmp_path):
    out = tmp_path / "out"
    publish.publish(OLD, out)
    (out / "maps" / "notes.txt").write_text("mine")
    (out / "maps" / "2016-12-13.html").write_text("edited by the user")      # the new site drops it
    warnings = []
    for files in (NEW, {"index.html": "third"}, {"index.html": "fourth", "maps/b.html": "b"}):
        publish.publish(files, out, warnings.append)
    assert (out / "maps" / "notes.txt").read_text() == "mine"
    assert (out / "maps" / "2016-12-13.html").read_text() == "edited by the user"
    with pytest.raises(PublishError, match="maps/notes.txt: exists and was not written by geomap"):
        publish.publish({"index.html": "fifth", "maps/notes.txt": "geomap's"}, out)


def _written_by_an_older_geomap(out: Path, files: dict[str, bytes]) -> None:
    """The folder as an older geomap left it: the files in place, a manifest of paths only."""
    for name, data in files.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    (out / MANIFEST).write_text("".join(f"{name}\n" for name in files), encoding="utf-8")


def test_a_folder_an_older_geomap_wrote_is_taken_over_by_the_next_build(tmp_path, sample):
    out = tmp_path / "out"
    old = titled(sample, "Build 1")
    _written_by_an_older_geomap(out, {**old, "maps/2016-11-30.html": old["maps/2016-12-08.html"]})
    (out / "notes.md").write_text("mine")
    publish.publish(titled(sample, "Build 2"), out)
    assert site(out) == {**{n: text_of(d) for n, d in titled(sample, "Build 2").items()}, "notes.md": "mine"}
    assert (out / "index.html").is_symlink()


def test_an_older_manifest_claiming_a_page_geomap_did_not_write_refuses_naming_it(tmp_path, sample):
    out = tmp_path / "out"
    _written_by_an_older_geomap(out, titled(sample, "Build 1"))
    (out / "index.html").write_text("<p>the newsroom's own front page</p>")
    before = snapshot(out)
    with pytest.raises(PublishError) as error:
        publish.publish(titled(sample, "Build 2"), out)
    assert "\n" not in str(error.value) and str(error.value).startswith(str(out / "index.html"))
    assert snapshot(out) == before


def test_an_older_manifest_whose_pages_are_geomap_s_still_leaves_a_listed_file_it_cannot_vouch_for(tmp_path, sample):
    out = tmp_path / "out"
    _written_by_an_older_geomap(out, {**titled(sample, "Build 1"), "budget.xlsx": b"the newsroom's sheet"})
    warnings = []
    publish.publish(titled(sample, "Build 2"), out, warnings.append)
    assert (out / "budget.xlsx").read_bytes() == b"the newsroom's sheet"
    assert any("budget.xlsx" in w and "left as it is" in w for w in warnings)

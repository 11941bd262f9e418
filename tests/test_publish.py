"""Publishing under attack and faults: the manifest is a claim, never an order; the switch to the
new site is all or nothing, whatever stops it; two builds never mix; a mount point works.

Each test publishes small sites with `publish.publish` directly (what `geomap build` calls
last); test_cli.py covers the same through the command.
"""
import hashlib
import multiprocessing
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

from geomap import publish
from geomap.publish import MANIFEST, PublishError, ops
from geomap.publish.claims import CURRENT, SITES

LAYOUT = sorted([CURRENT, MANIFEST, SITES])   # geomap's own entries in a folder where links work

OLD = {"index.html": "<p>old index</p>", "maps/2016-12-12.html": "old map 12", "maps/2016-12-13.html": "old 13",
       "events.csv": "old csv"}
NEW = {"index.html": "<p>new index</p>", "maps/2016-12-12.html": "new map 12", "maps/2016-12-15.html": "new 15",
       "timeline.html": "new timeline"}


def snapshot(folder: Path) -> dict[str, str]:
    """Every file under the folder by relative path (geomap's own hidden files included)."""
    return {p.relative_to(folder).as_posix(): text_of(p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file()}


def site(out: Path) -> dict[str, str]:
    """The published site as a reader sees it: every file at its address (through geomap's
    links), less geomap's own entries (the manifest, the versions, the link to the current one)."""
    found = {}
    for folder, folders, files in os.walk(out, followlinks=True):
        here = Path(folder)
        folders[:] = [f for f in folders if here != out or not f.startswith(publish.claims.RESERVED)]
        for name in files:
            if here != out or name not in publish.claims.RESERVED:
                found[(here / name).relative_to(out).as_posix()] = text_of((here / name).read_bytes())
    return dict(sorted(found.items()))


def text_of(data: bytes) -> str:
    """A file's text (the bytes of a picture kept as they are, as escapes)."""
    return data.decode("utf-8", "surrogateescape")


def own_entries(out: Path) -> list[str]:
    """geomap's own entries in the folder once no build is running: those of its layout, no leftovers."""
    names = sorted(p.name for p in out.iterdir() if p.name.startswith("."))
    if (out / SITES).is_dir():
        assert all(publish.versioned.VERSION.fullmatch(p.name) for p in (out / SITES).iterdir())
    return names


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def claim(out: Path, *lines: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / MANIFEST).write_text("".join(line + "\n" for line in lines), encoding="utf-8")


@pytest.fixture(params=["links", "in place"])
def layout(request, monkeypatch) -> list[str]:
    """Each test of a published folder runs on both layouts: the versioned one (links) and the
    file-by-file one (where links cannot be made); the value is geomap's own entries in it."""
    if request.param == "in place":
        monkeypatch.setattr(publish, "usable", lambda out, tops: False)
        return [MANIFEST]
    return LAYOUT


@pytest.fixture
def published(tmp_path, layout):
    out = tmp_path / "out"
    publish.publish(OLD, out)
    return out


# ---------------------------------------------------------------- the manifest is a claim

@pytest.mark.parametrize("line", ["../victim.txt", "{victim}", "sub/../../victim.txt", "./../victim.txt"])
def test_a_manifest_line_outside_the_output_folder_deletes_nothing_and_is_one_line(tmp_path, line):
    victim = tmp_path / "victim.txt"
    victim.write_text("the user's file")
    out = tmp_path / "out"
    claim(out, f"{sha('the user s file')}  " + line.format(victim=victim))
    with pytest.raises(PublishError) as error:
        publish.publish(NEW, out)
    assert "\n" not in str(error.value) and "nothing was deleted" in str(error.value)
    assert victim.read_text() == "the user's file"
    assert sorted(p.name for p in out.iterdir()) == [MANIFEST]


def test_a_manifest_line_through_a_symbolic_link_out_of_the_folder_deletes_nothing(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "victim.txt").write_text("mine")
    out = tmp_path / "out"
    out.mkdir()
    (out / "maps").symlink_to(elsewhere)
    claim(out, f"{sha('mine')}  maps/victim.txt")
    with pytest.raises(PublishError, match="outside the output folder"):
        publish.publish(NEW, out)
    assert (elsewhere / "victim.txt").read_text() == "mine"


def test_an_output_folder_with_a_symbolic_link_out_of_it_is_never_written_through(tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "maps").symlink_to(elsewhere)
    with pytest.raises(PublishError, match="maps/2016-12-12.html: an output path that leads outside"):
        publish.publish(NEW, out)
    assert list(elsewhere.iterdir()) == []


def test_a_manifest_that_claims_the_users_own_page_does_not_get_it_overwritten(tmp_path):
    out = tmp_path / "out"
    claim(out, f"{sha('something else')}  index.html")
    (out / "index.html").write_text("<p>my own page</p>")
    with pytest.raises(PublishError, match="index.html: exists and was changed since geomap wrote it"):
        publish.publish(NEW, out)
    assert (out / "index.html").read_text() == "<p>my own page</p>"


def test_a_manifest_line_without_a_hash_proves_nothing_and_the_file_is_kept(tmp_path):
    out = tmp_path / "out"
    claim(out, "index.html")
    (out / "index.html").write_text("<p>my own page</p>")
    with pytest.raises(PublishError, match="records no hash"):
        publish.publish(NEW, out)
    assert (out / "index.html").read_text() == "<p>my own page</p>"


def test_a_claimed_file_the_new_site_drops_is_removed_only_if_geomap_wrote_that_content(published):
    (published / "events.csv").write_text("edited by the user")
    warnings = []
    publish.publish(NEW, published, warnings.append)
    assert (published / "events.csv").read_text() == "edited by the user"
    assert any("events.csv: listed in .geomap-manifest but was changed since geomap wrote it; left as it is" in w
               for w in warnings)
    assert not (published / "maps" / "2016-12-13.html").exists()      # geomap's, unchanged: removed


def test_a_manifest_that_is_not_text_is_one_line_and_nothing_is_touched(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / MANIFEST).write_bytes(b"\xff\xfe\x00garbage")
    (out / "notes.md").write_text("mine")
    with pytest.raises(PublishError, match="not a manifest geomap can read"):
        publish.publish(NEW, out)
    assert (out / "notes.md").read_text() == "mine"


def test_the_manifest_records_the_hash_of_every_file_written_sorted_by_path(published):
    lines = (published / MANIFEST).read_text().splitlines()
    assert lines == [f"{sha(text)}  {name}" for name, text in sorted(OLD.items())]


def test_a_build_replaces_the_whole_site_and_keeps_the_users_files(published):
    (published / "notes.md").write_text("mine")
    publish.publish(NEW, published)
    assert site(published) == {**NEW, "notes.md": "mine"}


# ---------------------------------------------------------------- all or nothing

OPERATIONS = ("replace", "back_up", "write_atomically", "link")


def _steps(out: Path) -> int:
    """How many file operations publishing NEW over OLD takes (each is a point of failure)."""
    calls = []
    real = {name: getattr(ops, name) for name in OPERATIONS}
    for name, function in real.items():
        setattr(ops, name, lambda *a, _f=function: (calls.append(1), _f(*a))[1])
    try:
        publish.publish(NEW, out)
    finally:
        for name, function in real.items():
            setattr(ops, name, function)
    return len(calls)


def _failing_at(step: int, failure):
    """Patch publish's file operations so that the `step`-th one calls `failure` first."""
    count = [0]

    def wrap(function):
        def wrapped(*args):
            count[0] += 1
            if count[0] == step:
                failure()
            return function(*args)
        return wrapped
    for name in OPERATIONS:
        setattr(ops, name, wrap(getattr(ops, name)))


def test_publishing_takes_several_steps_each_tested_below(published, layout):
    assert 4 <= _steps(published) < 15 if layout == LAYOUT else len(NEW) + 3 <= _steps(published) < 15


@pytest.mark.parametrize("step", range(1, 15))
def test_an_error_at_any_step_of_publishing_leaves_the_old_site_whole_and_the_next_build_works(
        published, monkeypatch, step, layout):
    before = snapshot(published)

    def disk_error():
        raise OSError(5, "Input/output error")
    real = {name: getattr(ops, name) for name in OPERATIONS}
    for name in OPERATIONS:
        monkeypatch.setattr(ops, name, getattr(ops, name))
    _failing_at(step, disk_error)
    try:
        publish.publish(NEW, published)
    except PublishError as error:
        assert "the previous site was left whole" in str(error)
        assert snapshot(published) == before
    else:
        assert site(published) == NEW            # fewer steps than `step`: it went through
    for name, function in real.items():
        setattr(ops, name, function)
    publish.publish(NEW, published)
    assert site(published) == NEW
    assert own_entries(published) == layout


def _publish_then_die(out: Path, step: int, how: str) -> None:
    """In a child process: publish NEW over OLD and die at the `step`-th file operation."""
    def die():
        if how == "kill":
            os._exit(9)                      # no cleanup at all, like SIGKILL or a power cut
        os.kill(os.getpid(), signal.SIGTERM)
    _failing_at(step, die)
    publish.publish(NEW, out)
    os._exit(0)


def _run_child(out: Path, step: int, how: str) -> int:
    child = multiprocessing.get_context("fork").Process(target=_publish_then_die, args=(out, step, how))
    child.start()
    child.join()
    return child.exitcode


@pytest.mark.parametrize("step", range(1, 15))
def test_a_kill_at_any_step_is_finished_or_undone_by_the_next_build(published, step, layout):
    _run_child(published, step, "kill")
    publish.recover(published)
    assert site(published) in (OLD, NEW)
    newest = {"index.html": "<p>newest</p>"}
    publish.publish(newest, published)
    assert site(published) == newest
    assert own_entries(published) == layout


@pytest.mark.parametrize("step", range(1, 15))
def test_sigterm_at_any_step_leaves_the_old_site_or_the_new_one_whole(published, step, layout):
    code = _run_child(published, step, "sigterm")
    assert code in (0, 128 + signal.SIGTERM, -signal.SIGTERM)
    assert site(published) in (OLD, NEW)
    assert own_entries(published) == layout


def test_leftovers_of_an_interrupted_build_are_cleaned_up_by_the_next_one(published):
    (published / ".geomap-staging" / "maps").mkdir(parents=True)
    (published / ".geomap-staging" / "maps" / "half.html").write_text("half written")
    publish.publish(NEW, published)
    assert site(published) == NEW
    assert not (published / ".geomap-staging").exists()


@pytest.mark.parametrize("own", [".geomap-old", ".geomap-staging", SITES])
def test_a_link_planted_where_geomap_keeps_its_backups_moves_and_deletes_nothing(published, tmp_path, own):
    elsewhere = tmp_path / "documents"
    elsewhere.mkdir()
    (elsewhere / "thesis.txt").write_text("years of work")
    (elsewhere / MANIFEST).write_text(f"{sha('x')}  thesis.txt\n")
    if (published / own).is_dir():                # the versions: moved to where the link leads
        shutil.copytree(published / own, elsewhere, dirs_exist_ok=True)
        shutil.rmtree(published / own)
    there = sorted(p.name for p in elsewhere.iterdir())
    (published / own).symlink_to(elsewhere)
    with pytest.raises(PublishError, match="not a folder geomap made"):
        publish.publish(NEW, published)
    assert sorted(p.name for p in elsewhere.iterdir()) == there
    assert (elsewhere / "thesis.txt").read_text() == "years of work"
    assert site(published) == OLD


# ---------------------------------------------------------------- two builds, mount points

def test_a_second_build_into_a_folder_being_written_fails_with_a_clear_message(published):
    with publish._locked(published):
        with pytest.raises(PublishError, match="another geomap build is writing this folder"):
            publish.publish(NEW, published)
    assert site(published) == OLD
    publish.publish(NEW, published)
    assert site(published) == NEW


def _mount_tmpfs(folder: Path):
    folder.mkdir(parents=True, exist_ok=True)
    if os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root")
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(folder)],
                      capture_output=True).returncode != 0:
        pytest.skip("this system does not let the tests mount a tmpfs")


@pytest.mark.parametrize("mounted", [".", "maps"])
def test_an_output_folder_or_sub_folder_that_is_a_mount_point_can_be_built_into(tmp_path, mounted):
    out = tmp_path / "out"
    point = out / mounted
    _mount_tmpfs(point)
    try:
        publish.publish(OLD, out)
        publish.publish(NEW, out)
        assert site(out) == NEW
    finally:
        subprocess.run(["umount", str(point)], check=True)


# ---------------------------------------------------------------- a site given file by file

def rendered(files: dict, fail_after: int | None = None, then=None):
    """The files one by one, as `geomap.site.site_files` renders them; `then` runs (raises,
    dies) after `fail_after` of them."""
    for count, item in enumerate(files.items()):
        if count == fail_after:
            then()
        yield item


def test_a_site_given_file_by_file_is_published_as_the_same_site_given_whole(tmp_path, layout):
    whole, streamed = tmp_path / "whole", tmp_path / "streamed"
    publish.publish(NEW, whole)
    assert publish.publish(rendered(NEW), streamed) == sorted(NEW)
    assert site(streamed) == site(whole) == NEW
    assert snapshot(streamed) == snapshot(whole)
    assert own_entries(streamed) == layout


def test_a_renderer_that_fails_halfway_leaves_the_old_site_whole_and_no_staging(published, layout):
    before = snapshot(published)

    def broken():
        raise RuntimeError("the renderer broke")
    with pytest.raises(RuntimeError, match="the renderer broke"):
        publish.publish(rendered(NEW, fail_after=2, then=broken), published)
    assert snapshot(published) == before
    assert own_entries(published) == layout


def test_a_build_killed_while_rendering_is_undone_by_the_next_one(published, layout):
    def render_then_die(out: Path) -> None:
        publish.publish(rendered(NEW, fail_after=2, then=lambda: os._exit(9)), out)
    child = multiprocessing.get_context("fork").Process(target=render_then_die, args=(published,))
    child.start()
    child.join()
    assert (published / ".geomap-staging").is_dir()           # half a site staged, no manifest
    warnings = []
    publish.recover(published, warnings.append)
    assert site(published) == OLD and not (published / ".geomap-staging").exists()
    assert warnings and "removed what an interrupted build had left" in warnings[0]
    assert own_entries(published) == layout


def test_a_path_given_twice_is_refused_and_nothing_changes(published):
    before = snapshot(published)
    twice = iter([("index.html", "one"), ("maps/a.html", "a"), ("index.html", "two")])
    with pytest.raises(PublishError, match="'index.html': an output path that is given twice"):
        publish.publish(twice, published)
    assert snapshot(published) == before


def test_a_file_given_in_pieces_is_written_as_they_come_and_is_the_file_given_whole(tmp_path, layout, monkeypatch):
    monkeypatch.setattr(publish.staging, "BUFFER_CHARS", 1000)
    out, on_disk = tmp_path / "out", []
    piece = "é" * 10_000 + "\n"              # more than a file's own write buffer

    def pieces():
        for _ in range(5):
            yield piece
            on_disk.append((out / ".geomap-staging" / "events.geojson").stat().st_size)
    publish.publish(iter([("events.geojson", pieces()), ("index.html", "<p>i</p>")]), out)
    text = piece * 5
    assert site(out) == {"events.geojson": text, "index.html": "<p>i</p>"}
    assert on_disk == sorted(on_disk) and 0 < on_disk[0] < on_disk[-1]     # written before the last piece came
    assert f"{sha(text)}  events.geojson" in (out / MANIFEST).read_text()

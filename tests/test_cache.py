"""The cache of readings (geomap.cache): a rebuild extracts only what changed, its site equals a
clean build's byte for byte, and a bad cache entry is read again, never trusted."""
from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
import time
from datetime import date
from pathlib import Path

from click.testing import CliRunner
import pytest
from hypothesis import given, settings, strategies as st

from geomap import cache, cache_folder, config, pipeline
from geomap.cache import ReadingCache, decode_reading, encode_reading
from geomap.cli import main
from geomap.extract.reading import Reading
from geomap.models import Event, Mention, Source
from site_files import published_files

REPO = Path(__file__).resolve().parents[1]
ARTICLES = REPO / "tests" / "data" / "articles"
ADDED = "en_aj_14dec.txt"     # a dated report of its own events: adding it changes no other reading


def sample_config(tmp_path: Path, **changes) -> config.Config:
    cfg = config.load_config(REPO / "config.yaml")
    return dataclasses.replace(cfg, cache_folder=tmp_path / "cache", jobs=1, **changes)


def copied_articles(tmp_path: Path, leave_out: str | None = None) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir(exist_ok=True)
    for path in ARTICLES.iterdir():
        if path.name != leave_out:
            shutil.copy(path, folder)
    return folder


def site_files(out: Path) -> dict[str, bytes]:
    return published_files(out)


def test_a_rebuild_with_nothing_changed_extracts_no_article(tmp_path):
    cfg, articles = sample_config(tmp_path), copied_articles(tmp_path)
    first = pipeline.build(cfg, [articles], tmp_path / "first")
    second = pipeline.build(cfg, [articles], tmp_path / "second")
    count = len(second.articles)
    assert first.from_cache == 0 and second.from_cache == count
    assert second.summary().startswith(f"{count} articles read ({count} from the cache),")
    assert site_files(tmp_path / "first") == site_files(tmp_path / "second")


def test_after_one_added_article_only_that_one_is_extracted_and_the_site_is_a_clean_builds(tmp_path):
    cfg, articles = sample_config(tmp_path), copied_articles(tmp_path, leave_out=ADDED)
    pipeline.build(cfg, [articles], tmp_path / "site")
    shutil.copy(ARTICLES / ADDED, articles)
    again = pipeline.build(cfg, [articles], tmp_path / "site")
    clean = pipeline.build(dataclasses.replace(cfg, cache=False), [articles], tmp_path / "clean")
    count = len(again.articles)
    assert again.summary().startswith(f"{count} articles read ({count - 1} from the cache),")
    assert clean.from_cache is None and "from the cache" not in clean.summary()
    assert site_files(tmp_path / "site") == site_files(tmp_path / "clean")


def test_a_changed_gazetteer_or_side_reads_every_article_again(tmp_path):
    cfg, articles = sample_config(tmp_path), copied_articles(tmp_path)
    pipeline.build(cfg, [articles], tmp_path / "site")
    extra = tmp_path / "places.csv"
    extra.write_text("id,type,names,lat,lon\nzorblutz,town,Zorblutz,36.3,37.3\n", encoding="utf-8")
    more_places = pipeline.build(dataclasses.replace(cfg, gazetteer_extra=(extra,)), [articles], tmp_path / "site")
    factions = {**cfg.factions, "government": {**cfg.factions["government"], "allies": ["russia"]}}
    other_allies = pipeline.build(dataclasses.replace(cfg, factions=factions), [articles], tmp_path / "site")
    assert more_places.from_cache == 0 and other_allies.from_cache == 0


def test_a_corrupt_or_hostile_entry_is_read_again_and_the_site_is_the_same(tmp_path):
    cfg, articles = sample_config(tmp_path), copied_articles(tmp_path)
    pipeline.build(cfg, [articles], tmp_path / "first")
    entries = sorted((tmp_path / "cache").rglob("*.json"))
    spoiled = [b"{not json", pickle.dumps(object), json.dumps({"format": 1, "key": "x"}).encode(), b"\xff\xfe"]
    for index, entry in enumerate(entries):
        data = json.loads(entry.read_bytes())
        wrong_type = {**data, "events": [{"record": "Event", "fields": {"type": 3}}]}
        bad = spoiled + [json.dumps(wrong_type).encode(), json.dumps({**data, "key": "0" * 64}).encode()]
        entry.write_bytes(bad[index % len(bad)])
    second = pipeline.build(cfg, [articles], tmp_path / "second")
    assert second.from_cache == 0
    assert site_files(tmp_path / "first") == site_files(tmp_path / "second")
    third = pipeline.build(cfg, [articles], tmp_path / "third")
    assert third.from_cache == len(third.articles)


READING = Reading(None, [Event("strike", date(2016, 12, 7), "day", (date(2016, 12, 6), date(2016, 12, 7)), "chaar",
                               route=("a", "b"), actors=("army",), people=9,
                               sources=[Source("a.txt", "Des avions ont bombardé.", 0, 24, published=date(2016, 12, 7))],
                               flags=["x"])],
                  [Mention("Chaar", 3, 8, "chaar", 0.9, "fuzzy", whole=("aleppo", "Alep"))], [], [], ["a warning"])


def test_a_reading_comes_back_from_its_entry_with_the_same_values_and_types():
    data = json.loads(json.dumps(encode_reading(READING, "k")))
    back = decode_reading(data, "k", None)
    assert back == READING
    assert isinstance(back.events_read[0].route, tuple) and isinstance(back.events_read[0].flags, list)


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
                    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=30)


@settings(max_examples=200, deadline=None)
@given(st.one_of(JSON, st.fixed_dictionaries({"format": st.just(1), "key": st.just("k"), "events": JSON,
                                              "mentions": JSON, "shares": JSON, "pockets": JSON, "warnings": JSON})))
def test_any_json_in_an_entry_is_a_reading_or_ignored_never_an_error(tmp_path_factory, data):
    folder = tmp_path_factory.mktemp("entries")
    store = ReadingCache(folder)
    (folder / "k").mkdir()
    (folder / "k" / "k.json").write_text(json.dumps(data), encoding="utf-8")
    found = store.get("k", None)
    assert found is None or isinstance(found, Reading)


def test_no_cache_neither_reads_nor_writes_the_cache(tmp_path, user_cache):
    articles = copied_articles(tmp_path)
    runner = CliRunner()
    before = set(user_cache.rglob("*.json"))
    result = runner.invoke(main, ["build", "--config", str(REPO / "config.yaml"), "--articles", str(articles),
                                  "--out", str(tmp_path / "out"), "--no-cache", "-q"])
    assert result.exit_code == 0, result.output
    assert "from the cache" not in result.output
    assert set(user_cache.rglob("*.json")) == before


def test_the_cache_is_in_the_users_cache_folder_not_in_the_published_site(tmp_path, user_cache):
    articles = copied_articles(tmp_path)
    result = CliRunner().invoke(main, ["build", "--config", str(REPO / "config.yaml"), "--articles", str(articles),
                                       "--out", str(tmp_path / "out"), "-q", "-j", "1"])
    assert result.exit_code == 0, result.output
    assert cache.default_folder().is_relative_to(user_cache) and any(cache.default_folder().rglob("*.json"))
    assert not any("cache" in p.name for p in (tmp_path / "out").rglob("*"))


# ---------------------------------------------------------------------- a bounded cache

DAY = 86400


def entry_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.json") if len(p.stem) == 64)


def aged(path: Path, days: float) -> None:
    """Mark a file as last used `days` ago."""
    when = time.time() - days * DAY
    os.utime(path, (when, when))


def test_pruning_removes_the_least_recently_used_entries_until_the_rest_fit(tmp_path):
    cfg, articles = sample_config(tmp_path), copied_articles(tmp_path)
    pipeline.build(cfg, [articles], tmp_path / "site")
    for other in (tmp_path / "cache").glob("geonames-*.json"):   # the GeoNames index: the oldest
        aged(other, 100)
    entries = entry_files(tmp_path / "cache")
    assert len(entries) >= 6
    for age, path in enumerate(reversed(entries), start=1):     # the last in name order is the newest
        aged(path, age)
    newest, sizes = entries[-3:], {p: p.stat().st_size for p in entries}
    removed, freed = cache_folder.prune(tmp_path / "cache", sum(sizes[p] for p in newest) / (1024 * 1024))
    assert entry_files(tmp_path / "cache") == newest
    assert removed >= len(entries) - 3 and freed >= sum(sizes[p] for p in entries[:-3])
    assert not list((tmp_path / "cache").glob("geonames-*.json"))


def test_a_build_prunes_after_itself_and_keeps_what_it_read(tmp_path):
    cfg, articles = sample_config(tmp_path, cache_max_days=30), copied_articles(tmp_path)
    pipeline.build(cfg, [articles], tmp_path / "site")
    entries = entry_files(tmp_path / "cache")
    forgotten = tmp_path / "cache" / "ab" / ("ab" + "0" * 62 + ".json")    # the reading of an article gone since
    forgotten.parent.mkdir(exist_ok=True)
    forgotten.write_text("{}", encoding="utf-8")
    for path in entries + [forgotten]:
        aged(path, 40)
    again = pipeline.build(cfg, [articles], tmp_path / "site")
    assert again.from_cache == len(again.articles)                # every reading came from the cache
    assert entry_files(tmp_path / "cache") == entries             # read, so used now: kept
    assert not forgotten.exists()


def test_with_a_tiny_bound_the_cache_holds_nothing_after_a_build_and_the_site_is_the_same(tmp_path):
    cfg, articles = sample_config(tmp_path, cache_max_mb=0.000001), copied_articles(tmp_path)
    pipeline.build(cfg, [articles], tmp_path / "bounded")
    pipeline.build(dataclasses.replace(cfg, cache=False), [articles], tmp_path / "clean")
    assert entry_files(tmp_path / "cache") == []
    assert site_files(tmp_path / "bounded") == site_files(tmp_path / "clean")


def test_pruning_and_clearing_touch_nothing_but_geomaps_own_files(tmp_path):
    folder, elsewhere = tmp_path / "cache", tmp_path / "documents"
    (folder / "cd").mkdir(parents=True)
    elsewhere.mkdir()
    mine = [folder / "notes.txt", folder / "cd" / "draft.json", elsewhere / ("ef" * 32 + ".json")]
    for path in mine:
        path.write_text("the user's", encoding="utf-8")
    (folder / "ef").symlink_to(elsewhere)                          # a shard that is a link: never followed
    ours = folder / "cd" / ("cd" + "1" * 62 + ".json")
    ours.write_text("{}", encoding="utf-8")
    stale_write = folder / "cd" / ".tmp-x1y2"
    stale_write.write_text("half", encoding="utf-8")
    aged(stale_write, 2)
    assert cache_folder.prune(folder, None) == (1, 4)              # only the write cut short, days ago
    assert cache_folder.clear(folder) == (1, 2)
    assert not ours.exists() and all(p.read_text(encoding="utf-8") == "the user's" for p in mine)


def test_entries_used_at_the_same_time_are_pruned_in_the_order_of_their_names(tmp_path):
    folder = tmp_path / "cache"
    names = [f"{c}{c}/{c * 64}.json" for c in "fedcba"]
    for name in names:
        (folder / name).parent.mkdir(parents=True)
        (folder / name).write_text("x" * 100, encoding="utf-8")
        os.utime(folder / name, (1_700_000_000, 1_700_000_000))
    cache_folder.prune(folder, 300 / (1024 * 1024))
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*.json")) == sorted(names)[3:]


def test_geomap_cache_says_what_it_holds_prunes_and_clears(tmp_path):
    cfg, articles = sample_config(tmp_path), copied_articles(tmp_path)
    pipeline.build(cfg, [articles], tmp_path / "site")
    count = len(entry_files(tmp_path / "cache"))
    (tmp_path / "config.yaml").write_text(f"cache:\n  folder: {tmp_path / 'cache'}\n  max_mb: 0.0001\n", encoding="utf-8")
    runner = CliRunner()
    info = runner.invoke(main, ["cache", "info", "--config", str(tmp_path / "config.yaml")])
    assert info.exit_code == 0 and f"cache: {count} entries" in info.output and "at most 0.0001 MB" in info.output
    pruned = runner.invoke(main, ["cache", "prune", "--config", str(tmp_path / "config.yaml")])
    assert pruned.exit_code == 0 and "removed" in pruned.output
    assert 0 < count - len(entry_files(tmp_path / "cache"))
    cleared = runner.invoke(main, ["cache", "clear", "--config", str(tmp_path / "config.yaml")])
    assert cleared.exit_code == 0 and entry_files(tmp_path / "cache") == []


def test_a_bound_of_zero_or_less_is_refused_by_the_config(tmp_path):
    path = tmp_path / "config.yaml"
    path.write_text("cache:\n  max_mb: 0\n", encoding="utf-8")
    with pytest.raises(config.ConfigError, match=r"config.yaml:2: 'cache.max_mb' must be more than 0"):
        config.load_config(path)
    path.write_text("cache:\n  max_days: 30\n  max_mb:\n", encoding="utf-8")
    loaded = config.load_config(path)
    assert (loaded.cache_max_mb, loaded.cache_max_days) == (None, 30)

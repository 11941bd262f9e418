#!/usr/bin/env python3
"""Measure geomap's speed and memory on a corpus of a chosen size.

    python3 scripts/benchmark.py [--copies 40] [--articles articles/] [--profile] [--memory]
                                 [--jobs N] [--merge-sizes 200,800,2000]

The corpus is the given articles copied N times under other names; each copy has its days
of the month shifted and its neighbourhood names swapped for others of the gazetteer (a fixed
seed per copy), so that the events keep growing with the corpus as in a newsroom's archive
(copies that shared their dates would collapse into the same few events and hide the costs
that grow). It reports, for one whole build, each stage's wall and CPU time (read, dating and
extraction, the GeoNames fallback, re-extraction, merge, control, render and publish: one stage,
since each file is rendered as it is written); extraction
speed in words and articles per second; a bare spaCy pass (the full pipelines, entity
recogniser included, models loaded) over the same texts and the ratio of the whole build to
it; the size of the outputs (per dated map, slider page, whole site); and the merge alone on
synthetic events of growing number (`--merge-sizes`) with its growth exponent. `--profile`
prints the build's top functions (cProfile, cumulative). The build is made in one process
with an empty cache of readings (written as it goes); then the same corpus is built again
(nothing changed: every reading from the cache) and once more after one article was added.
`--jobs N` also times a build with N worker processes and no cache (wall time: the workers'
CPU is not this process's); `--memory` builds the corpus once more in a separate process
(`geomap build --no-cache --jobs 1`) and reports its peak resident memory. Numbers depend on
the machine: compare runs on one machine.
"""
from __future__ import annotations

import argparse
import cProfile
import dataclasses
import math
import os
import pstats
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap import config as config_mod, fallbacks, lang, merge, pipeline, publish  # noqa: E402
from geomap.models import Event, Source  # noqa: E402

# the build's stages, as the module attributes `pipeline.build` calls them through
STAGES = [("read", pipeline, "read_articles"), ("date+extract", pipeline, "date_articles"),
          ("geonames", fallbacks, "geonames_unresolved"), ("re-extract", pipeline, "_extract_again"),
          ("merge", merge, "merge_events"), ("control", pipeline, "_snapshots"),
          ("render+publish", publish, "publish")]   # each file is rendered as the publisher writes it


# ---------------------------------------------------------------- corpus

def _month_pattern() -> re.Pattern:
    names = {name for code in lang.available() for name in lang.load(code, "dates").get("months", {})}
    months = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return re.compile(rf"\b(\d{{1,2}})(\s+(?:{months}))", re.IGNORECASE)


def _shift_days(text: str, shift: int, months: re.Pattern) -> str:
    """Days of the month moved by `shift` (kept within 1..28): '13 décembre' -> '16 décembre'."""
    def day(value: str) -> str:
        number = int(value)
        return str((number - 1 + shift) % 28 + 1) if 1 <= number <= 31 else value
    text = months.sub(lambda m: day(m.group(1)) + m.group(2), text)
    return re.sub(r"\b(20\d\d-\d\d-)(\d\d)\b", lambda m: m.group(1) + f"{int(day(m.group(2))):02d}", text)


def _name_swapper(gazetteer, seed: int):
    """A function that swaps each neighbourhood's first name for another's (a fixed permutation)."""
    names = sorted({p.names[0] for p in gazetteer if p.type == "neighbourhood" and p.names})
    shuffled = names[:]
    random.Random(seed).shuffle(shuffled)
    mapping = dict(zip(names, shuffled))
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    return lambda text: pattern.sub(lambda m: mapping[m.group(0)], text)


def make_corpus(source: Path, copies: int, into: Path, gazetteer) -> int:
    """`copies` varied copies of the articles of `source` in `into`; returns how many files."""
    files = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".md"))
    months = _month_pattern()
    for n in range(copies):
        swap = _name_swapper(gazetteer, n) if n else (lambda text: text)
        for f in files:
            text = _shift_days(swap(f.read_text(encoding="utf-8").rstrip("\n")), n % 28, months)
            (into / f"{n:04d}_{f.name}").write_text(f"{text}\n\nRef. {n:04d}.\n", encoding="utf-8")
    return len(files) * copies


# ---------------------------------------------------------------- timing

class StageClock:
    """Wall and CPU seconds spent in each stage function while patched (nested calls counted once)."""

    def __init__(self):
        self.wall: dict[str, float] = {}
        self.cpu: dict[str, float] = {}
        self._saved = []

    def __enter__(self):
        for label, module, name in STAGES:
            original = getattr(module, name)
            self._saved.append((module, name, original))
            setattr(module, name, self._timed(label, original))
        return self

    def __exit__(self, *exc):
        for module, name, original in self._saved:
            setattr(module, name, original)

    def _timed(self, label, fn):
        def run(*args, **kwargs):
            wall, cpu = time.perf_counter(), time.process_time()
            try:
                return fn(*args, **kwargs)
            finally:
                self.wall[label] = self.wall.get(label, 0) + time.perf_counter() - wall
                self.cpu[label] = self.cpu.get(label, 0) + time.process_time() - cpu
        return run


def bare_spacy_pass(articles) -> tuple[float, float]:
    """Wall and CPU seconds of spaCy's full pipelines (NER included) over the articles' texts, models loaded."""
    import spacy
    by_model = {}
    for article in articles:
        by_model.setdefault(lang.load(article.language, "syntax")["model"], []).append(article.text)
    nlps = {model: spacy.load(model) for model in by_model}
    wall, cpu = time.perf_counter(), time.process_time()
    for model, texts in by_model.items():
        for _ in nlps[model].pipe(texts, batch_size=64):
            pass
    return time.perf_counter() - wall, time.process_time() - cpu


def warm_parsers(articles) -> None:
    """Load the parsers before the build is timed (their load time is not the corpus's cost)."""
    from geomap.extract import syntax
    for code in sorted({a.language for a in articles}):
        syntax.pipeline_for(lang.load(code, "syntax")["model"])


# ---------------------------------------------------------------- merge on synthetic events

def synthetic_reports(distinct: int, gazetteer, seed: int = 7) -> list[Event]:
    """Reports of `distinct` events at the gazetteer's neighbourhoods over 90 days, each told
    one to three times: by day, by its article's day only, or at its city."""
    rng = random.Random(seed)
    areas = sorted(p.id for p in gazetteer if p.type == "neighbourhood")
    start, reports = date(2016, 10, 1), []
    for n in range(distinct):
        kind = rng.choice(["strike", "clash", "control_change", "evacuation"])
        place, day = rng.choice(areas), start + timedelta(days=rng.randrange(90))
        route = (place, rng.choice(areas)) if kind == "evacuation" and rng.random() < 0.4 else ()
        for telling in range(rng.randint(1, 3)):
            where = gazetteer.get(place).parent or place if telling == 2 and not route else place
            precise = telling != 1
            source = Source(article=f"a{n:05d}-{telling}.txt", sentence="", start=0, end=1,
                            published=day + timedelta(days=0 if precise else 1), published_basis="metadata")
            reports.append(Event(type=kind, date=day if precise else day + timedelta(days=1),
                                 precision="day" if precise else "approximate", window=None,
                                 place_id=where, route=route,
                                 to=rng.choice(["government", "rebels", None]) if kind == "control_change" else None,
                                 sources=[source]))
    return reports


def merge_scaling(sizes: list[int], gazetteer) -> list[tuple[int, int, int, float]]:
    """(distinct events, reports, merged events, CPU seconds) of the merge at each size."""
    rows = []
    for size in sizes:
        reports = synthetic_reports(size, gazetteer)
        started = time.process_time()
        merged, _ = merge.merge_events(reports, gazetteer)
        rows.append((size, len(reports), len(merged), time.process_time() - started))
    return rows


def exponent(rows) -> float | None:
    """The growth exponent of the time between the smallest and the largest size."""
    (n0, *_, t0), (n1, *_, t1) = rows[0], rows[-1]
    return math.log(t1 / t0) / math.log(n1 / n0) if n1 > n0 and t0 > 0 and t1 > 0 else None


# ---------------------------------------------------------------- report

def output_sizes(out: Path) -> str:
    maps = [p.stat().st_size for p in (out / "maps").glob("*.html")] if (out / "maps").is_dir() else []
    slider = (out / "timeline.html").stat().st_size if (out / "timeline.html").exists() else 0
    whole = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    per_map = f"{sum(maps) / len(maps) / 1e3:.0f} KB per dated map ({len(maps)} maps), " if maps else ""
    return f"{per_map}slider {slider / 1e3:.0f} KB, whole site {whole / 1e6:.2f} MB"


def print_build(clock: StageClock, whole: tuple[float, float], bare: tuple[float, float], words: int,
                count: int) -> None:
    print(f"{'stage':<16} {'wall s':>8} {'cpu s':>8} {'share':>6}")
    for label, *_ in STAGES:
        if label in clock.cpu:
            print(f"{label:<16} {clock.wall[label]:8.2f} {clock.cpu[label]:8.2f} {clock.cpu[label] / whole[1]:6.0%}")
    print(f"{'whole build':<16} {whole[0]:8.2f} {whole[1]:8.2f}")
    extract = clock.cpu.get("date+extract", 0) + clock.cpu.get("re-extract", 0)
    if extract:
        print(f"{'extraction':<16} {words / extract:8.0f} words/s, {count / extract:.1f} articles/s (CPU)")
    print(f"{'bare spaCy pass':<16} {bare[0]:8.2f} {bare[1]:8.2f} (full pipelines, NER included, models loaded)")
    print(f"{'build / bare':<16} {whole[0] / bare[0]:8.2f} {whole[1] / bare[1]:8.2f}")


def timed(work) -> tuple[object, tuple[float, float]]:
    """What `work()` returns, and its wall and CPU seconds (this process)."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


def peak_memory_of_build(corpus: Path, out: Path) -> float:
    """The peak resident memory (MB) of `geomap build --no-cache --jobs 1` over the corpus, run alone."""
    command = [sys.executable, "-m", "geomap.cli", "build", "--config", str(ROOT / "config.yaml"), "--articles",
               str(corpus), "--out", str(out), "--no-cache", "--jobs", "1", "-q", "--no-review"]
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": str(ROOT)})
    _, status, usage = os.wait4(child.pid, 0)     # that build's own usage, not that of other children
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode:
        raise SystemExit(f"the memory build failed (exit {child.returncode})")
    return usage.ru_maxrss / 1024


def incremental(cfg, corpus: Path, out: Path, gazetteer, source: Path) -> None:
    """A rebuild with nothing changed, then one after one more article (from the cache)."""
    again, seconds = timed(lambda: pipeline.build(cfg, [corpus], out, gazetteer, use_review=False))
    print(f"{'rebuild, same':<16} {seconds[0]:8.2f} {seconds[1]:8.2f}  {again.summary().split(',')[0]}")
    added = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".md"))[0]
    text = _shift_days(_name_swapper(gazetteer, 9999)(added.read_text(encoding="utf-8").rstrip("\n")), 11,
                       _month_pattern())
    (corpus / f"added_{added.name}").write_text(f"{text}\n\nRef. added.\n", encoding="utf-8")
    more, seconds = timed(lambda: pipeline.build(cfg, [corpus], out, gazetteer, use_review=False))
    print(f"{'rebuild, +1':<16} {seconds[0]:8.2f} {seconds[1]:8.2f}  {more.summary().split(',')[0]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--articles", type=Path, default=ROOT / "articles")
    parser.add_argument("--profile", action="store_true", help="print the build's top functions (cProfile)")
    parser.add_argument("--memory", action="store_true", help="a build in a separate process: peak resident memory")
    parser.add_argument("--no-bare", action="store_true", help="skip the bare spaCy pass (for large corpora)")
    parser.add_argument("--jobs", type=int, default=0, help="also time a build with this many worker processes")
    parser.add_argument("--merge-sizes", default="200,800,2000", help="distinct synthetic events ('' for none)")
    args = parser.parse_args()
    cfg = config_mod.load_config(ROOT / "config.yaml")
    gazetteer = pipeline.load_gazetteer(cfg)
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        cfg = dataclasses.replace(cfg, cache_folder=Path(tmp) / "cache", jobs=1)
        corpus.mkdir()
        count = make_corpus(args.articles, args.copies, corpus, gazetteer)
        read = pipeline.read_articles(cfg, [corpus], pipeline.BuildReport(out=out))
        warm_parsers(read)
        profiler = cProfile.Profile() if args.profile else None
        with StageClock() as clock:
            if profiler:
                profiler.enable()
            report, whole = timed(lambda: pipeline.build(cfg, [corpus], out, gazetteer, use_review=False))
            if profiler:
                profiler.disable()
        sizes = output_sizes(out)
        bare = (math.nan, math.nan) if args.no_bare else bare_spacy_pass(read)
        words = sum(len(s.text.split()) for a in read for s in a.sentences)
        print(f"corpus: {count} articles ({args.copies} varied copies of {args.articles}), {words} words kept")
        print_build(clock, whole, bare, words, count)
        print(f"{'events':<16} {len(report.events):8d} events on {len(report.dates)} dates")
        print(f"{'outputs':<16} {sizes}")
        if args.jobs > 1:
            parallel = dataclasses.replace(cfg, cache=False, jobs=args.jobs)
            _, seconds = timed(lambda: pipeline.build(parallel, [corpus], Path(tmp) / "jobs", gazetteer,
                                                      use_review=False))
            print(f"{f'--jobs {args.jobs}':<16} {seconds[0]:8.2f} wall s (no cache; workers started and their "
                  f"models loaded within it)")
        if args.memory:
            print(f"{'peak memory':<16} {peak_memory_of_build(corpus, Path(tmp) / 'memory'):8.0f} MB "
                  "(resident, a separate build: --no-cache --jobs 1)")
        incremental(cfg, corpus, out, gazetteer, args.articles)
        shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
    sizes_wanted = [int(n) for n in args.merge_sizes.split(",") if n.strip()]
    if sizes_wanted:
        rows = merge_scaling(sizes_wanted, gazetteer)
        for size, reports, merged, seconds in rows:
            print(f"{'merge':<16} {size:5d} events ({reports} reports -> {merged}): {seconds:8.2f} s CPU")
        growth = exponent(rows)
        if growth is not None:
            print(f"{'merge growth':<16} time ~ n^{growth:.2f}")
    if profiler:
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(30)


if __name__ == "__main__":
    main()

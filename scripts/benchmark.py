#!/usr/bin/env python3
"""Measure geomap's speed and memory on a corpus of a chosen size.

    python3 scripts/benchmark.py [--copies 20] [--articles articles/]

The corpus is the given articles copied N times under other names, each copy ending on a
line of its own so that no article is the same text twice (a large newsroom corpus has the
same shape: many articles telling overlapping events). It reports, for each stage, the wall
time; extraction speed in words and articles per second; the parsers' load time; a bare
spaCy pass (the full pipelines, entity recogniser included) over the same texts and the
ratio of the whole build to it; then the peak Python memory of a second whole build
(tracemalloc, which slows it) and the size of the outputs. Numbers depend on the machine:
compare runs on one machine.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from geomap import config as config_mod, lang, merge, pipeline  # noqa: E402
from geomap.extract import Extractor, syntax  # noqa: E402


def make_corpus(source: Path, copies: int, into: Path) -> int:
    files = sorted(p for p in source.iterdir() if p.suffix in (".txt", ".md"))
    for n in range(copies):
        for f in files:
            text = f.read_text(encoding="utf-8").rstrip("\n")
            (into / f"{n:04d}_{f.name}").write_text(f"{text}\n\nRef. {n:04d}.\n", encoding="utf-8")
    return len(files) * copies


def bare_spacy_pass(articles) -> float:
    """Seconds for spaCy's full pipelines (NER included) over the articles' texts, models loaded."""
    import spacy
    from geomap import lang
    by_model = {}
    for article in articles:
        by_model.setdefault(lang.load(article.language, "syntax")["model"], []).append(article.text)
    nlps = {model: spacy.load(model) for model in by_model}
    started = time.perf_counter()
    for model, texts in by_model.items():
        for _ in nlps[model].pipe(texts, batch_size=64):
            pass
    return time.perf_counter() - started


def timed(label: str, results: dict, fn, *args):
    started = time.perf_counter()
    value = fn(*args)
    results[label] = time.perf_counter() - started
    return value


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=20)
    parser.add_argument("--articles", type=Path, default=ROOT / "articles")
    args = parser.parse_args()
    cfg = config_mod.load_config(ROOT / "config.yaml")
    with tempfile.TemporaryDirectory() as tmp:
        corpus, out = Path(tmp) / "corpus", Path(tmp) / "out"
        corpus.mkdir()
        count = make_corpus(args.articles, args.copies, corpus)
        results: dict[str, float] = {}
        gazetteer = timed("load gazetteer", results, pipeline.load_gazetteer, cfg)
        report = pipeline.BuildReport(out=out)
        read = timed("read articles", results, pipeline.read_articles, cfg, [corpus], report)
        timed("load parsers", results, lambda: [syntax.pipeline_for(lang.load(code, "syntax")["model"])
                                                for code in sorted({a.language for a in read})])
        extractor = Extractor(gazetteer, pipeline.extraction_settings(cfg), 2016)
        found = timed("extract events", results, lambda: [e for a in read for e in extractor.extract(a)])
        merged, _ = timed("merge events", results, merge.merge_events, found, gazetteer)
        timed("whole build", results, pipeline.build, cfg, [corpus], out, gazetteer)
        bare = bare_spacy_pass(read)
        tracemalloc.start()
        pipeline.build(cfg, [corpus], out, gazetteer)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    words = sum(len(s.text.split()) for a in read for s in a.sentences)
    print(f"corpus: {count} articles ({args.copies} copies of {args.articles}), {words} words kept")
    for label, seconds in results.items():
        print(f"{label:<16} {seconds:8.2f} s")
    extract = results["extract events"]
    print(f"{'extraction':<16} {words / extract:8.0f} words/s, {len(read) / extract:.1f} articles/s")
    print(f"{'bare spaCy pass':<16} {bare:8.2f} s (full pipelines, NER included, models loaded)")
    print(f"{'build / bare':<16} {results['whole build'] / bare:8.2f}")
    print(f"{'events':<16} {len(found):8d} reports -> {len(merged)} events")
    print(f"{'peak memory':<16} {peak / 1e6:8.1f} MB (Python allocations, tracemalloc)")
    print(f"{'outputs':<16} {size / 1e6:8.2f} MB")


if __name__ == "__main__":
    main()

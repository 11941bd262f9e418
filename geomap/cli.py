"""The `geomap` command: a thin shell over geomap.pipeline and geomap.gazetteer.

    geomap extract [--config config.yaml] [--articles PATH ...] [--review FILE]
                                the events into the reviewed events file (events.yaml), merged
    geomap build [--config config.yaml] [--articles PATH ...] [--out DIR] [--png] [--review FILE | --no-review]
    geomap places NAME          how a place name resolves, and why
    geomap check                the language folders, the gazetteer, the config and the reviewed file are sound

Errors are one line on stderr naming the file (and line), with a non-zero exit status.
"""
from __future__ import annotations

import os
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

import click

from . import __version__, articles, cache_folder, config as config_mod, control, lang, pipeline, progress, readers, review
from .cache import default_folder
from .gazetteer import GazetteerError

EXPECTED = (config_mod.ConfigError, pipeline.BuildError, readers.ReaderError, articles.ArticleError, GazetteerError,
            control.BaselineError, lang.LanguageError, review.ReviewError)


def _fail(message: str, status: int = 1):
    click.echo(f"geomap: {message}", err=True)
    sys.exit(status)


def _load_config(path: str | None) -> config_mod.Config:
    if path is None and Path("config.yaml").exists():
        path = "config.yaml"
    return config_mod.load_config(Path(path) if path else None)


CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(dir_okay=False),
                             help="The configuration file. Default: ./config.yaml if it exists, else built-in defaults.")
ARTICLES_OPTION = click.option("--articles", "article_paths", multiple=True, type=click.Path(),
                               help="An article file or a folder of .txt/.md articles; repeat for several. "
                                    "Replaces the articles of the config.")

JOBS_OPTION = click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
                           help="Worker processes for extraction (1: in this process). Default: config `jobs`, "
                                "else the machine's cores.")
NO_CACHE_OPTION = click.option("--no-cache", is_flag=True,
                               help="Extract every article again, neither reading nor writing the cache of readings.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="geomap")
def main():
    """Turn news articles about a conflict into dated, sourced maps.

    Run `geomap build` in a folder with a config.yaml (the sample's is in the repository):
    it reads the articles, finds the places and events, and writes the maps and exports
    into outputs/. See README.md for the configuration keys.
    """


@main.command()
@CONFIG_OPTION
@ARTICLES_OPTION
@click.option("--out", "out", type=click.Path(), help="The output folder. Replaces `output` of the config.")
@click.option("--self-contained", is_flag=True, default=None,
              help="Write pages that carry Leaflet's script and styles inside (one file per map). "
                   "Default: written once into OUT/assets/ and linked.")
@click.option("--cdn", is_flag=True, default=None,
              help="Link Leaflet on its CDN (jsDelivr, same version) instead of writing OUT/assets/.")
@click.option("--png", is_flag=True, default=None,
              help="Also take a still picture of each dated map (OUT/maps/YYYY-MM-DD.png, for <noscript>, "
                   "social cards and print) in headless Chromium; skipped with a warning where it is not installed.")
@click.option("--geocode", is_flag=True, default=None,
              help="Ask the online geocoder of the config (Nominatim by default) for names the gazetteer lacks; "
                   "answers are cached on disk.")
@click.option("--review", "review_path", type=click.Path(dir_okay=False),
              help="The reviewed events file to draw from. Default: the config's review.file (events.yaml), if it exists.")
@click.option("--no-review", is_flag=True, help="Draw the events as extracted, ignoring the reviewed events file.")
@JOBS_OPTION
@NO_CACHE_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary line and errors.")
def build(config_path, article_paths, out, self_contained, cdn, png, geocode, review_path, no_review, jobs,
          no_cache, quiet):
    """Read the articles and write maps, timeline, index and exports."""
    progress.enable(progress.wanted(quiet))

    def run():
        cfg = _configured(config_path, geocode, jobs, no_cache)
        if self_contained:
            cfg = replace(cfg, self_contained=True)
        if cdn:
            cfg = replace(cfg, cdn=True)
        if png:
            cfg = replace(cfg, png=True)
        gazetteer = pipeline.load_gazetteer(cfg)
        return gazetteer, pipeline.build(cfg, [Path(p) for p in article_paths] or None, Path(out) if out else None,
                                         gazetteer, review_file=Path(review_path) if review_path else None,
                                         use_review=not no_review)
    gazetteer, report = _guarded(run, "the previous outputs were left as they were")
    _print_report(report, gazetteer, quiet, report.summary())


@main.command()
@CONFIG_OPTION
@ARTICLES_OPTION
@click.option("--review", "review_path", type=click.Path(dir_okay=False),
              help="The reviewed events file to write. Default: the config's review.file (events.yaml beside it).")
@click.option("--geocode", is_flag=True, default=None, help="As for `geomap build`.")
@JOBS_OPTION
@NO_CACHE_OPTION
@click.option("--quiet", "-q", is_flag=True, help="Print only the summary lines and errors.")
def extract(config_path, article_paths, review_path, geocode, jobs, no_cache, quiet):
    """Write the events, with their sources and quotes, into the reviewed events file to check
    and correct: new events are added, every edit already in it is kept."""
    progress.enable(progress.wanted(quiet))

    def run():
        cfg = _configured(config_path, geocode, jobs, no_cache)
        gazetteer = pipeline.load_gazetteer(cfg)
        return gazetteer, pipeline.extract_review(cfg, [Path(p) for p in article_paths] or None,
                                                  Path(review_path) if review_path else None, gazetteer)
    gazetteer, report = _guarded(run, "the reviewed events file was left as it was")
    _print_report(report, gazetteer, quiet, report.extract_summary())


def _configured(config_path, geocode, jobs=None, no_cache=False) -> config_mod.Config:
    cfg = _load_config(config_path)
    cfg = replace(cfg, jobs=jobs or cfg.jobs, cache=cfg.cache and not no_cache)
    return replace(cfg, geocoder={**cfg.geocoder, "enabled": True}) if geocode else cfg


def _guarded(run, untouched: str):
    """run(), with an expected error as one line, and a bug of ours as one line too (exit 70;
    GEOMAP_DEBUG=1 shows the trace)."""
    try:
        return run()
    except EXPECTED as e:
        _fail(str(e))
    except Exception as e:
        if os.environ.get("GEOMAP_DEBUG"):
            raise
        _fail(f"internal error ({type(e).__name__}: {e}); {untouched}; "
              "run again with GEOMAP_DEBUG=1 and report the trace", status=70)


def grouped(lines: list[str]) -> list[str]:
    """The lines once each, in the order first seen; a repeated one says how often ('... (x20)')."""
    counts = Counter(lines)
    return [f"{line} (x{counts[line]})" if counts[line] > 1 else line for line in dict.fromkeys(lines)]


def _print_report(report, gazetteer, quiet: bool, summary: str) -> None:
    if not quiet:
        for line in gazetteer.check():
            click.echo(f"warning: gazetteer: {line}", err=True)
        for line in report.skipped:
            click.echo(f"skipped: {line}", err=True)
        for line in grouped(report.warnings):
            click.echo(f"warning: {line}", err=True)
        for event in report.incomplete:
            src = event.sources[0]
            click.echo(f"left out: a control change at '{event.place_text}' ({src.article}) names no side taking it",
                       err=True)
        for line in report.disagreements:
            click.echo(f"shares disagree: {line}", err=True)
    for line in report.review:
        click.echo(f"review: {line}")
    click.echo(summary)


@main.command(name="places")
@click.argument("name")
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="The configuration file.")
@click.option("--language", default=None, help="The language of the name's context words (fr, en).")
def places_command(name, config_path, language):
    """Show how NAME resolves: candidates, ids, types, coordinates, and why the winner won."""
    try:
        cfg = _load_config(config_path)
        gazetteer = pipeline.load_gazetteer(cfg)
    except EXPECTED as e:
        _fail(str(e))
    chosen = language or cfg.language
    candidates = gazetteer.explain(name, chosen) if chosen else gazetteer.explain(name)
    if not candidates:
        click.echo(f"'{name}': no place in the gazetteer matches; add it to a file listed under gazetteer.extra")
        sys.exit(1)
    for rank, c in enumerate(candidates, start=1):
        where = f"{c['lat']:.5f}, {c['lon']:.5f}" if c.get("lat") is not None else "no coordinates"
        click.echo(f"{rank}. {c['label']} [{c['id']}] {c['type']} ({where}) score {c['score']:.2f}: {c['why']}")


@main.command()
@click.option("--config", "config_path", type=click.Path(dir_okay=False), help="The configuration file.")
@click.option("--review", "review_path", type=click.Path(dir_okay=False),
              help="The reviewed events file to check. Default: the config's review.file, if it exists.")
def check(config_path, review_path):
    """Check the language folders, the gazetteer (ids, coordinates, shapes, parents, aliases), the
    config and the reviewed events file."""
    language_problems = lang.check()
    for problem in language_problems:
        click.echo(problem)
    if language_problems:
        _fail(f"{len(language_problems)} problems in the language folders (geomap/lang/schema.yaml says what each file holds)")
    try:
        cfg = _load_config(config_path)
        gazetteer = pipeline.load_gazetteer(cfg)
        if cfg.baseline:
            control.load_baseline(cfg.baseline, cfg.baseline_statuses)
    except EXPECTED as e:
        _fail(str(e))
    problems = gazetteer.check()
    for problem in problems:
        click.echo(problem)
    if problems:
        _fail(f"{len(problems)} problems in the gazetteer")
    reviewed, path = "", Path(review_path) if review_path else cfg.review_file
    if review_path and not path.exists():
        _fail(f"{path}: no such reviewed events file (`geomap extract` writes it)")
    if path and path.exists():
        problems = review.problems_in(path, gazetteer, config_mod.sides_of(cfg.factions))
        for problem in problems:
            click.echo(problem)
        if problems:
            _fail(f"{len(problems)} problem{'s' if len(problems) > 1 else ''} in the reviewed events file {path}")
        reviewed = f", reviewed events {path}"
    click.echo(f"ok: {sum(1 for _ in gazetteer)} places, config {cfg.path or '(defaults)'}{reviewed}")



@main.group(name="cache")
def cache_group():
    """The cache of readings: `info` says what it holds, `prune` bounds it as the config says
    (every build does after it), `clear` empties it. Only geomap's own files are touched."""


def _cache_folder(config_path) -> tuple[config_mod.Config, Path]:
    try:
        cfg = _load_config(config_path)
    except EXPECTED as e:
        _fail(str(e))
    return cfg, cfg.cache_folder or default_folder()


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


@cache_group.command()
@CONFIG_OPTION
def info(config_path):
    """Where the cache is, how many entries it holds and their size, and its bounds."""
    cfg, folder = _cache_folder(config_path)
    found = cache_folder.entries(folder)
    bounds = ", ".join(b for b in (f"at most {cfg.cache_max_mb:g} MB" if cfg.cache_max_mb else "",
                                   f"entries unused for {cfg.cache_max_days:g} days removed" if cfg.cache_max_days
                                   else "") if b) or "no bound"
    state = "" if cfg.cache else " (disabled by the config: builds neither read nor write it)"
    click.echo(f"{folder}: {len(found)} entries, {_megabytes(sum(e.size for e in found))}; {bounds}{state}")


@cache_group.command()
@CONFIG_OPTION
def prune(config_path):
    """Remove the least recently used entries until the cache fits cache.max_mb, and those
    unused for cache.max_days."""
    cfg, folder = _cache_folder(config_path)
    removed, freed = cache_folder.prune(folder, cfg.cache_max_mb, cfg.cache_max_days)
    click.echo(f"{folder}: removed {removed} entries ({_megabytes(freed)})")


@cache_group.command()
@CONFIG_OPTION
def clear(config_path):
    """Remove every entry: the next build extracts every article again."""
    _, folder = _cache_folder(config_path)
    removed, freed = cache_folder.clear(folder)
    click.echo(f"{folder}: removed {removed} entries ({_megabytes(freed)})")


if __name__ == "__main__":
    main()

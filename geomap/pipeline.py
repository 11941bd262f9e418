"""`geomap build` as a library call: articles -> places -> events -> control -> maps.

Every stage is a function of the one before; this module only wires them. It writes
nothing itself: `site.site_files` renders every output file by its path, one by one, and
`publish.publish` writes each as it comes (staged inside the output folder, then switched in
all at once).
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterator

from . import articles as articles_mod
from . import config as config_mod
from . import budget, cache, control, dating, fallbacks, merge, publish, readers, review, site, story
from .progress import progress
from .extract import Settings, topic_patterns as language_topic_patterns
from .gazetteer import ATTRIBUTION, DEFAULT_GAZETTEER, Gazetteer, GazetteerError
from .models import HOLDER_STATES, Article
from .territory import TimelineError, load_timeline
from .site import export


class BuildError(Exception):
    """The build cannot be done; the message is one line."""


@dataclass
class BuildReport:
    out: Path
    language: str = ""                # the UI language: the config's, else the articles' (geomap.story)
    articles: list[Article] = field(default_factory=list)
    events: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    places: int = 0
    unresolved: int = 0
    incomplete: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    disagreements: list[str] = field(default_factory=list)   # dates where the map and a stated share differ
    review: list[str] = field(default_factory=list)      # what merging into the reviewed file did
    reviewed: Counter = field(default_factory=Counter)   # review state -> events of the reviewed file
    from_cache: int | None = None     # articles whose readings all came from the cache (None: no cache)

    def summary(self) -> str:
        reviewed = f" (reviewed file: {self._states()})" if self.reviewed else ""
        flagged = f", {len(self.disagreements)} stated shares the map disagrees with" if self.disagreements else ""
        return (f"{self._read()}, {len(self.events)} events{reviewed} on {len(self.dates)} dates, "
                f"{self.places} places, {self._unresolved()}{flagged} -> {self.out}")

    def _unresolved(self) -> str:
        listed = f" (listed in {self.out / 'unresolved.csv'})" if self.unresolved else ""
        return f"{self.unresolved} unresolved place names{listed}"

    def extract_summary(self) -> str:
        """The last line of `geomap extract`."""
        return (f"{self._read()}, {sum(self.reviewed.values())} events in the reviewed file ({self._states()}), "
                f"{len(self.events)} of them drawn on {len(self.dates)} dates -> {self.out}")

    def _read(self) -> str:
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        cached = f" ({self.from_cache} from the cache)" if self.from_cache is not None else ""
        return f"{len(self.articles)} articles read{cached}{skipped}"

    def _states(self) -> str:
        return ", ".join(f"{n} {state}" for state, n in sorted(self.reviewed.items()))


def build(cfg: config_mod.Config, article_paths: list[Path] | None = None, out: Path | None = None,
          gazetteer=None, geocoder=None, review_file: Path | None = None, use_review: bool = True) -> BuildReport:
    """Read, extract and write everything; returns what was done. `geocoder` replaces the
    configured online geocoder (any object with geopy's `geocode` method). The reviewed events
    file (`review_file`, else the config's) is drawn from when it exists and `use_review`."""
    out = Path(out or cfg.output)
    asset_mode(cfg)                                   # a contradiction fails before the long work
    report = BuildReport(out=out)
    mentions, gazetteer, statements = extract(cfg, report, article_paths, gazetteer, geocoder)
    awaiting = None
    path = review_file or cfg.review_file
    if use_review and path and path.exists():
        reviewed, gazetteer = merge_review(cfg, report, gazetteer, path)
        report.events, awaiting = reviewed.events, reviewed.awaiting
    report.dates = sorted({e.date for e in report.events if e.date})
    snapshots = _snapshots(cfg, report.events, gazetteer, statements)
    report.disagreements = [line for snap in snapshots for line in control.disagreement_lines(snap)]
    files = _render_files(cfg, report, mentions, snapshots, gazetteer, statements[0], awaiting)
    try:
        report.written = publish.publish(files, out, report.warnings.append)
    except publish.PublishError as e:
        raise BuildError(str(e)) from None
    return report


def extract(cfg: config_mod.Config, report: BuildReport, article_paths: list[Path] | None = None,
            gazetteer=None, geocoder=None) -> tuple[dict, object, tuple]:
    """The stages up to merge: the articles read and dated, their events merged (in `report`);
    returns each article's place mentions, the gazetteer with the places the run added, and the
    shares and pockets the articles state."""
    gazetteer = gazetteer or load_gazetteer(cfg)
    report.articles = read_articles(cfg, article_paths, report)
    report.language = cfg.language or story.story_language(report.articles)
    year_hint = cfg.year or dating.corpus_year(report.articles)
    context = readers.context_of(gazetteer, extraction_settings(cfg), year_hint)
    with _readers(cfg, context) as reader:
        report.articles, docs = date_articles(report, reader, year_hint)
        raw_events, mentions, statements = _events_and_mentions(report.articles, docs)
        known = gazetteer
        gazetteer = fallbacks.geonames_unresolved(gazetteer, mentions, report, cfg.focus, reader.cache.folder)
        if cfg.geocoder.get("enabled"):
            gazetteer = geocode_unresolved(cfg, gazetteer, mentions, report, geocoder)
        if gazetteer is not known:
            added = [p for p in gazetteer if p.id not in known or known.get(p.id) is not p]
            raw_events, mentions, statements = _extract_again(report, docs, reader, added)
        report.from_cache = (len([a for a in report.articles if a.name not in reader.extracted])
                             if reader.cache.enabled else None)
        reader.cache.prune(cfg.cache_max_mb, cfg.cache_max_days)     # least recently used first (geomap.cache_folder)
    report.articles = without_texts(report.articles, mentions, gazetteer)
    report.events, report.incomplete = merge.merge_events(raw_events, gazetteer, _taker_of(cfg))
    return mentions, gazetteer, statements


def without_texts(articles: list[Article], mentions: dict, gazetteer) -> list[Article]:
    """The articles as the stages after extraction need them: their metadata and dates, and of
    their text only the sentences that hold a place name unresolved.csv lists (with `gazetteer`,
    the build's last: a reviewed file only adds places). The texts are not held past extraction."""
    def kept(article: Article) -> tuple:
        starts = [m.start for m in mentions.get(article.name, ()) if export.unresolved(m, gazetteer)]
        return tuple(s for s in article.sentences if any(s.start <= start < s.end for start in starts))
    return [replace(article, text="", sentences=kept(article)) for article in articles]


def _taker_of(cfg: config_mod.Config):
    """Place id -> the side that can only have taken it: the opponent of its holder in the
    baseline (None without a baseline, or for a place it does not list, or a contested one)."""
    if not cfg.baseline:
        return None
    try:
        baseline = control.load_baseline(cfg.baseline, cfg.baseline_statuses)
    except control.BaselineError as e:
        raise BuildError(str(e)) from None
    opponents = config_mod.opponents_of(cfg.factions)
    return lambda place_id: opponents.get(baseline.get(place_id))


def _readers(cfg: config_mod.Config, context) -> readers.Readers:
    """How this build reads its articles: the cache (unless disabled), and processes or a cluster."""
    folder = (cfg.cache_folder or cache.default_folder()) if cfg.cache else None
    return readers.Readers(context, cache.ReadingCache(folder), cfg.jobs or readers.default_jobs(), cfg.scheduler)


def merge_review(cfg: config_mod.Config, report: BuildReport, gazetteer, path: Path, must_exist: bool = True):
    """The reviewed events file at `path`, checked, with the run's events merged in (in memory:
    `geomap extract` writes it); the merge's summary goes to the report."""
    try:
        review_file, gazetteer = review.open_checked(path, gazetteer, config_mod.sides_of(cfg.factions), must_exist)
    except review.ReviewError as e:
        raise BuildError(str(e)) from None
    reviewed = review.merge_extraction(
        review_file, report.events, lambda e: export.place_label(e.place_id, gazetteer, report.language, e.place_text),
        {a.name for a in report.articles}, cfg.hide_unverified)
    report.review = reviewed.summary.lines(path)
    report.reviewed = Counter(e.review for e in reviewed.every)
    return reviewed, gazetteer


def extract_review(cfg: config_mod.Config, article_paths: list[Path] | None = None, review_file: Path | None = None,
                   gazetteer=None, geocoder=None) -> BuildReport:
    """`geomap extract`: the run's events merged into the reviewed events file, written whole."""
    report = BuildReport(out=Path(review_file or cfg.review_file))
    _, gazetteer, _ = extract(cfg, report, article_paths, gazetteer, geocoder)
    reviewed, _ = merge_review(cfg, report, gazetteer, report.out, must_exist=False)
    try:
        review.document.write(reviewed.file)
    except review.ReviewError as e:
        raise BuildError(str(e)) from None
    report.events = reviewed.events
    report.dates = sorted({e.date for e in report.events if e.date})
    return report


def date_articles(report: BuildReport, reader: readers.Readers, year_hint: int | None) -> tuple[list[Article], dict]:
    """The dating stage (geomap.dating): each article dated from its metadata or text, then the
    undated ones from the dated articles' events; and every article's reading."""
    articles, warnings = dating.date_articles(report.articles, year_hint)
    report.warnings += warnings
    articles, docs = read_documents(articles, reader, report, "extracting")
    if any(article.published is None for article in articles):
        articles, docs = budget.guarded(lambda: dating.date_from_corpus(articles, docs, reader, year_hint),
                                        "dating the undated articles from the others", report.warnings.append,
                                        fallback=(articles, docs))
    for article in articles:
        if article.published is None:
            report.warnings.append(f"{article.name}: no publication date in metadata, dateline, text or corpus; "
                                   + _unresolved_dates(docs.get(article.name)))
    return articles, docs


def _unresolved_dates(reading) -> str:
    """What an undated article leaves unresolved: its own relative date words, as written."""
    words = reading.unresolved_dates if reading else []
    if not words:
        return "it has no relative dates to resolve"
    shown = ", ".join(f"'{w}'" for w in words[:5]) + (", ..." if len(words) > 5 else "")
    return f"its relative dates ({shown}) stay unresolved"


def read_documents(articles: list[Article], reader: readers.Readers, report: BuildReport,
                   label: str = "extracting", added: dict | None = None) -> tuple[list[Article], dict]:
    """Each article's reading (geomap.readers: from the cache, else extracted); an article whose
    reading fails or runs over its time budget (geomap.budget) is skipped with one line naming
    it, and the others are read."""
    kept, docs = [], {}
    for article, (reading, left_out) in zip(articles, reader.read_many(articles, added, label)):
        report.skipped += left_out
        if reading is not None:
            kept.append(article)
            docs[article.name] = reading
            report.warnings += [line for line in reading.warnings if line not in report.warnings]
    return kept, docs


def _extract_again(report: BuildReport, docs: dict, reader: readers.Readers, added: list) -> tuple[list, dict, tuple]:
    """The unmerged events, place mentions and statements (as `_events_and_mentions`) once the
    fallbacks added places: only the articles whose text could name one are read again."""
    named = readers.places_named(report.articles, added, reader.gazetteer)
    again, docs = [a for a in report.articles if a.name in named], dict(docs)
    kept, fresh = read_documents(again, reader, report, "extracting again", named)
    for article in again:
        docs.pop(article.name)
    docs.update(fresh)
    report.articles = [a for a in report.articles if a.name in docs]
    return _events_and_mentions(report.articles, docs)


def _events_and_mentions(articles: list[Article], docs: dict) -> tuple[list, dict, tuple]:
    raw_events, mentions, shares, pockets = [], {}, [], []
    for article in articles:
        raw_events += docs[article.name].events()
        mentions[article.name] = docs[article.name].named_mentions()
        stated, said = docs[article.name].statements()
        shares, pockets = shares + stated, pockets + said
    return raw_events, mentions, (shares, pockets)


def geocode_unresolved(cfg: config_mod.Config, gazetteer, mentions: dict, report: BuildReport, geocoder=None):
    """Ask the online geocoder (cached) for the names the gazetteer does not know; the build
    log says what was asked and found."""
    from .gazetteer.geocoder import CachedGeocoder
    names = fallbacks.unresolved_names(mentions)
    if not names:
        return gazetteer
    settings = cfg.geocoder
    service = geocoder or _geopy_geocoder(settings)
    coder = CachedGeocoder(cfg.root / settings["cache"], service, user_agent=settings["user_agent"],
                           min_delay_seconds=float(settings["min_delay_seconds"]))
    found = [p for p in (coder.geocode(n, report.language) for n in names) if p]
    report.warnings.append(f"geocoder: looked up {len(names)} names the gazetteer lacks online "
                           f"({type(service).__name__}, cached in {settings['cache']}); found {len(found)}: "
                           + ", ".join(p.names[0] for p in found))
    return gazetteer.with_places(found) if found else gazetteer


def _geopy_geocoder(settings: dict):
    from geopy.geocoders import get_geocoder_for_service
    try:
        service = get_geocoder_for_service(settings["provider"])
    except Exception:  # geopy raises its own ConfigurationError for an unknown name
        raise BuildError(f"config: geocoder.provider '{settings['provider']}' is not a geopy geocoder") from None
    return service(user_agent=settings["user_agent"])


def load_gazetteer(cfg: config_mod.Config):
    try:
        return Gazetteer.load(cfg.gazetteer_folder or DEFAULT_GAZETTEER, list(cfg.gazetteer_extra))
    except GazetteerError as e:
        raise BuildError(str(e)) from None


def read_articles(cfg: config_mod.Config, article_paths: list[Path] | None, report: BuildReport) -> list[Article]:
    """Every readable article; the unreadable ones are skipped with a message (dating is the next stage)."""
    try:
        files, skipped = articles_mod.find_article_files(list(article_paths or cfg.articles))
    except articles_mod.ArticleError as e:
        raise BuildError(str(e)) from None
    report.skipped += skipped
    if not files:
        raise BuildError("no articles to read: " + "; ".join(skipped or [str(p) for p in (article_paths or cfg.articles)]))
    result = _read_all(files, cfg, topic_patterns(), report)
    if not result:
        raise BuildError("none of the articles could be read: " + "; ".join(report.skipped))
    return result


def _read_all(files, cfg, topic, report: BuildReport) -> list[Article]:
    result = []
    for path in progress(files, "reading"):
        article = budget.guarded(lambda: _read_one(path, cfg, topic, report), str(path), report.skipped.append)
        if article is not None:
            result.append(article)
    return result


def _read_one(path: Path, cfg, topic, report: BuildReport) -> Article | None:
    """One article, its warnings told; None (with the one line that says why) when it cannot be read."""
    try:
        article, warnings = articles_mod.read_article(path, cfg.metadata.get(path.name), topic)
    except articles_mod.ArticleError as e:
        report.skipped.append(str(e))
        return None
    report.warnings += warnings
    return article


def topic_patterns() -> tuple[str, ...]:
    """What marks a paragraph as part of a conflict story, in every language: its event words
    and actor names (besides the topic words of furniture.yaml)."""
    from . import lang
    return tuple(p for code in lang.available() for p in language_topic_patterns(code))


def extraction_settings(cfg: config_mod.Config) -> Settings:
    """What extraction needs of the conflict: its sides, their allies and opponents."""
    return Settings(allies=config_mod.allies_of(cfg.factions), opponents=config_mod.opponents_of(cfg.factions),
                    sides=config_mod.sides_of(cfg.factions), areas=config_mod.areas_of(cfg.factions))


def _snapshots(cfg: config_mod.Config, events, gazetteer, statements: tuple = ((), ())):
    """Who holds what on each date: the baseline, the trusted timeline, the reported changes,
    and the shares and pockets the articles state (`statements`)."""
    if not cfg.baseline:
        return []
    try:
        baseline = control.load_baseline(cfg.baseline, cfg.baseline_statuses)
        trusted = (load_timeline(cfg.timeline, set(cfg.factions) | set(HOLDER_STATES), set(baseline))
                   if cfg.timeline else [])
    except (control.BaselineError, TimelineError) as e:
        raise BuildError(str(e)) from None
    shares, pockets = statements
    return control.control_timeline(baseline, cfg.baseline_date, events, gazetteer, config_mod.opponents_of(cfg.factions),
                                    cfg.contested, shares=shares, pockets=pockets, trusted=trusted)


def _focus(cfg: config_mod.Config, gazetteer, language: str, events) -> dict:
    """Where the maps are framed (config `focus`, a place id; without it the located place,
    a city or larger, most events stand at), and its name for the pages."""
    focus = cfg.focus or story.busiest_place(events, gazetteer)
    if focus is None:
        return {"focus": None, "focus_name": ""}
    if focus not in gazetteer or not gazetteer.get(focus).located:
        raise BuildError(f"{cfg.path or 'config'}: focus '{focus}' is not a located place of the gazetteer")
    place = gazetteer.get(focus)
    return {"focus": (place.lat, place.lon), "focus_name": place.label(language)}


def _places_shown(gazetteer, events) -> dict:
    """Every place of the gazetteer, and the derived ones the events stand at ("le sud de la métropole")."""
    places = {p.id: p for p in gazetteer}
    for event in events:
        for pid in (event.place_id, *event.route):
            if pid and pid not in places and pid in gazetteer:
                places[pid] = gazetteer.get(pid)
    return places


def asset_mode(cfg: config_mod.Config) -> str:
    """How the pages get Leaflet (geomap/site/assets): 'inline' (self_contained), 'cdn', else 'files'."""
    if cfg.self_contained and cfg.cdn:
        raise BuildError(f"{cfg.path or 'config'}: self_contained (--self-contained) and cdn (--cdn) "
                         "exclude each other; choose one")
    return "inline" if cfg.self_contained else "cdn" if cfg.cdn else "files"


def _render_files(cfg, report: BuildReport, mentions, snapshots, gazetteer, shares=(),
                  awaiting=None) -> Iterator[tuple[str, str | bytes]]:
    """Every output file by its path relative to the output folder, rendered one by one as
    `publish` writes them (`site.site_files`): the site is never held whole."""
    language = report.language
    focus = _focus(cfg, gazetteer, language, report.events)
    title = cfg.title or site.story_title(focus["focus_name"], report.dates, site.load_ui(language))
    settings = site.SiteSettings(title=title, language=language, factions=cfg.factions,
                                 attribution=ATTRIBUTION, assets=asset_mode(cfg), base_url=cfg.base_url, png=cfg.png, **focus)
    files = site.site_files(report.events, snapshots, _places_shown(gazetteer, report.events), settings,
                            articles=report.articles, mentions=mentions, gazetteer=gazetteer,
                            warn=report.warnings.append, shares=shares, awaiting=awaiting)
    report.unresolved = export.unresolved_count(report.articles, mentions, gazetteer)
    return _counting_places(files, report)


def _counting_places(files: Iterator[tuple[str, str | bytes]], report: BuildReport) -> Iterator[tuple[str, str | bytes]]:
    """The files as they are rendered; the places of places.geojson counted into the report on the way."""
    for name, content in files:
        if name == "places.geojson":
            report.places = content.count('"type": "Feature"')
        yield name, content

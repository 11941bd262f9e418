"""The extraction stage over many articles: each reading from the cache when it is there, the
others extracted in this process, in worker processes (`jobs`) or on a Dask cluster (config
`distributed.scheduler`).

One function, `read_task`, reads one article wherever it runs; the results come back in the
articles' order and the cache is written by this process alone, so the output is the same
byte for byte whichever way the articles were read. A worker (a process, or a Dask worker)
gets the `Context` once: the gazetteer, the conflict's settings and the year hint; then for
each article its text and metadata, and the places the fallbacks added that its text names;
it sends back what the reading found (events, place mentions, statements), not the article.
"""
from __future__ import annotations

import importlib.util
import json
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, replace
from functools import lru_cache
from multiprocessing import get_context
from pathlib import Path

from . import budget, lang
from .cache import ReadingCache, code_fingerprint, key_of
from .extract import Extractor, Settings
from .extract.places import sentence_mentions
from .extract.reading import Reading
from .gazetteer import place_fields
from .models import Article, Place
from .progress import progress
from .text import fold

ARTICLES_PER_WORKER = 25  # a worker process is started for each 25 articles to extract (up to `jobs`):
                          # starting one (its imports, its parser models) costs about as much as
                          # reading 10 to 15 articles; fewer articles are read in this process
CONNECT_SECONDS = 20      # how long to wait for a Dask scheduler
VARIANTS_KEPT = 32        # per worker, the gazetteers with fallback places kept built


class ReaderError(Exception):
    """The articles cannot be read as configured (a Dask scheduler out of reach); one line."""


@dataclass(frozen=True)
class Context:
    """What reading an article needs besides the article; `token` digests all of it, with
    geomap's code and language data and the parser models' versions."""
    gazetteer: object
    settings: Settings
    year_hint: int | None
    token: str
    article_seconds: float = budget.ARTICLE_SECONDS     # each article's time budget, wherever it is read


def context_of(gazetteer, settings: Settings, year_hint: int | None) -> Context:
    token = key_of(code_fingerprint(), gazetteer.fingerprint(), asdict(settings), year_hint, parser_versions())
    return Context(gazetteer, settings, year_hint, token)


@lru_cache(maxsize=None)
def parser_versions() -> tuple:
    """Each language's parser model and its version (None: not installed), and spaCy's."""
    from importlib.metadata import PackageNotFoundError, version
    try:
        spacy_version = version("spacy")
    except PackageNotFoundError:
        spacy_version = None
    models = []
    for code in lang.available():
        model = lang.load(code, "syntax")["model"]
        models.append((code, model, _model_version(model)))
    return ("spacy", spacy_version), tuple(models)


def _model_version(model: str) -> str | None:
    try:
        spec = importlib.util.find_spec(model)
        meta = Path(spec.origin).parent / "meta.json"
        return str(json.loads(meta.read_text(encoding="utf-8")).get("version"))
    except (ImportError, ValueError, AttributeError, TypeError, OSError):
        return None


def article_key(context: Context, article: Article, added: tuple[Place, ...] = ()) -> str:
    """The cache key of an article read in `context` with the fallback places `added`."""
    return key_of(context.token, replace(article, path=""), tuple(place_fields(p) for p in added))


# ---------------------------------------------------------------------- in a worker

class _Worker:
    """The extractors of one process (or thread) for one context: built once, then reused."""

    def __init__(self, context: Context):
        self.told: list[str] = []
        self.base = Extractor(context.gazetteer, context.settings, context.year_hint, self.told.append)
        self.variants: dict[tuple, Extractor] = {}

    def extractor(self, added: tuple[Place, ...]) -> Extractor:
        if not added:
            return self.base
        ids = tuple(p.id for p in added)
        if ids not in self.variants:
            if len(self.variants) >= VARIANTS_KEPT:
                self.variants.pop(next(iter(self.variants)))
            self.variants[ids] = self.base.with_gazetteer(self.base.gazetteer.with_places(list(added)))
        return self.variants[ids]


_WORKERS: dict[str, _Worker] = {}
_INSTALLED: list[Context] = []
_LOCK = threading.Lock()       # a Dask worker may run tasks in threads: one reading at a time


def read_task(context: Context, article: Article, added: tuple[Place, ...] = ()) -> tuple[Reading | None, list[str]]:
    """The work of one article, wherever it runs: its reading (None when it had to be left
    out, geomap.budget) and the lines that say why."""
    with _LOCK:
        worker = _WORKERS.get(context.token)
        if worker is None:
            _WORKERS.clear()
            worker = _WORKERS[context.token] = _Worker(context)
        worker.told.clear()
        left_out: list[str] = []
        doc = budget.guarded(lambda: worker.extractor(added).read(article), article.name, left_out.append,
                             seconds=context.article_seconds)
        return (Reading.of(doc, worker.told) if doc is not None else None), left_out


def _install(context: Context) -> None:
    _INSTALLED[:] = [context]


def _remote_task(article: Article, added: tuple[Place, ...] = (), context: Context | None = None):
    """`read_task` in a worker process or on a Dask worker; the article is not sent back."""
    reading, left_out = read_task(context or _INSTALLED[0], article, added)
    return (replace(reading, article=None) if reading is not None else None), left_out


# ---------------------------------------------------------------------- in the build

class Readers:
    """Reads articles for one build: from the cache, else in process, processes or Dask.

    Parameters
    ----------
    context : Context
        The gazetteer, settings and year hint (`context_of`).
    cache : ReadingCache
        Where readings are kept between builds (a disabled one for `--no-cache`).
    jobs : int
        Worker processes (1: read in this process).
    scheduler : str, optional
        A Dask scheduler's address: the articles are read on its cluster.
    """

    def __init__(self, context: Context, cache: ReadingCache, jobs: int = 1, scheduler: str | None = None):
        self.context, self.cache, self.jobs, self.scheduler = context, cache, max(1, jobs), scheduler
        self.extracted: set[str] = set()     # the articles extracted (not read from the cache) in this build
        self._pool = self._client = self._remote_context = None
        self._pool_size = 0

    @property
    def gazetteer(self):
        return self.context.gazetteer

    def __enter__(self) -> "Readers":
        return self

    def __exit__(self, *exc) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        if self._client is not None:
            self._client.close()

    def read(self, article: Article) -> Reading:
        """One article's reading (geomap.dating.corpus reads an article with a candidate day)."""
        (reading, left_out), = self.read_many([article], label="")
        if reading is None:
            raise RuntimeError("; ".join(left_out))
        return reading

    def read_many(self, articles: list[Article], added: dict | None = None,
                  label: str = "extracting") -> list[tuple[Reading | None, list[str]]]:
        """Each article's reading (None when it was left out) and the lines that say why, in
        the articles' order; `added`: article name -> the fallback places its text names."""
        added = added or {}
        keys = [article_key(self.context, a, added.get(a.name, ())) for a in articles]
        results = [(self.cache.get(key, a), []) for key, a in zip(keys, articles)]
        missing = [i for i, (reading, _) in enumerate(results) if reading is None]
        fresh = self._extract([articles[i] for i in missing], [added.get(articles[i].name, ()) for i in missing], label)
        for i, (reading, left_out) in zip(missing, fresh):
            results[i] = (replace(reading, article=articles[i]) if reading is not None else None), left_out
            self.extracted.add(articles[i].name)
            if reading is not None:
                self.cache.put(keys[i], results[i][0])
        return results

    def _extract(self, articles: list[Article], added: list[tuple], label: str) -> list:
        if not articles:
            return []
        if self.scheduler:
            return self._on_cluster(articles, added)
        workers = self._pool_size or min(self.jobs, len(articles) // ARTICLES_PER_WORKER)
        if workers > 1:
            pool = self._processes(workers)
            return list(progress(pool.map(_remote_task, articles, added), label))
        shown = progress(list(zip(articles, added)), label) if label else zip(articles, added)
        return [read_task(self.context, article, places) for article, places in shown]

    def _processes(self, workers: int) -> ProcessPoolExecutor:
        if self._pool is None:
            self._pool_size = workers
            self._pool = ProcessPoolExecutor(workers, mp_context=get_context("spawn"),
                                             initializer=_install, initargs=(self.context,))
        return self._pool

    def _on_cluster(self, articles: list[Article], added: list[tuple]) -> list:
        client = self._cluster()
        futures = client.map(_remote_task, articles, added, context=self._remote_context, pure=False)
        return client.gather(futures)

    def _cluster(self):
        if self._client is None:
            try:
                from dask.distributed import Client
            except ImportError:
                raise ReaderError(f"distributed.scheduler is set ({self.scheduler}) but dask.distributed is "
                                  "not installed: pip install 'geomap[dask]'") from None
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_SECONDS, set_as_default=False)
            except (OSError, TimeoutError, ValueError) as e:
                raise ReaderError(f"distributed.scheduler: cannot reach the Dask scheduler at {self.scheduler} "
                                  f"({type(e).__name__}: {e})") from None
            self._remote_context = self._client.scatter(self.context, broadcast=True, hash=False)
        return self._client


def default_jobs() -> int:
    """The cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


# ---------------------------------------------------------------------- the fallbacks' places

def places_named(articles: list[Article], places: list[Place], gazetteer) -> dict[str, tuple[Place, ...]]:
    """Per article, the places of `places` (added by the fallbacks) that could change its
    reading: those a gazetteer of only these places finds in its sentences (by name, part or
    near-spelling), and those whose name its text holds; articles with none are left out."""
    if not places:
        return {}
    only = gazetteer.of_places(places)
    names = {p.id: {fold(n) for n in p.names if n.strip()} for p in places}
    found = {}
    for article in articles:
        mentions, datelines = sentence_mentions(article, only)
        ids = {only.whole_of(m.place_id) for group in (mentions, datelines) for found_in in group.values()
               for m in found_in if m.place_id}
        folded = fold(article.text)
        named = tuple(p for p in places if p.id in ids or any(n in folded for n in names[p.id]))
        if named:
            found[article.name] = named
    return found

"""config.yaml: what to read, where to write, and what the conflict's sides are.

Every key is optional; `DEFAULTS` below is the whole schema. Paths are relative to the
folder of the config file. A key geomap does not know, or a value of the wrong kind, is an
error naming the file, the line and (for a misspelt key) the key it probably meant.

The conflict (its sides, who opposes whom, the area whose shares the legend gives, the
baseline's words, the focus, the title) comes from the config alone: the defaults are
neutral. Without factions every actor of the language data is a side of its own and no
territory is drawn. Without a language the pages are in the language most articles are in;
without a title they are titled on the story's place and months ("Raqqa, June 2017"); without
a focus the maps are framed on the place (a city or larger) most events stand at (geomap.story).
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

from . import lang, safe_yaml
from .config_values import ValueProblem, check_base_url, check_factions
from .models import HOLDER_STATES


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming the file."""


CONFIG_MAX_VALUES = 200_000     # what config.yaml may expand to (safe_yaml): metadata for thousands of articles

# What PyYAML raises beside YAMLError: a date that does not exist ("2016-02-30"), a bad
# "!!timestamp", brackets nested thousands deep.
YAML_VALUE_ERRORS = (ValueError, TypeError, AttributeError, RecursionError)


FACTION_KEYS = ("colour", "pattern", "label", "allies", "opponent", "area")

DEFAULTS = {
    "title": None,                        # None: the story's place and months (geomap.story)
    "language": None,                     # None: the language most articles are in
    "articles": ["articles"],
    "output": "outputs",
    "metadata": {},
    "year": None,
    "gazetteer": {"folder": None, "extra": []},
    "geocoder": {"enabled": False, "provider": "nominatim", "user_agent": "geomap (newsroom conflict maps)",
                 "cache": ".cache/geocoder.json", "min_delay_seconds": 1.0},
    "factions": {},
    "control": {"baseline": None, "date": None, "statuses": {}, "contested": [], "timeline": None},
    "self_contained": False,
    "cdn": False,                         # pages link Leaflet on its CDN instead of assets/
    "png": False,                         # a still picture of each dated map (headless Chromium)
    "focus": None,                        # None: the place (a city or larger) most events stand at
    "base_url": "",
    "review": {"file": "events.yaml", "hide_unverified": False},   # geomap.review
    "cache": {"enabled": True, "folder": None,    # geomap.cache; folder None: the user's cache folder
              "max_mb": 500, "max_days": None},   # pruned to this after each build (geomap.cache_folder)
    "jobs": None,                         # worker processes for extraction; None: the machine's cores
    "distributed": {"scheduler": None},   # a Dask scheduler's address: extraction runs on its cluster
}

TYPES = {"title": str, "language": str, "articles": (list, str), "output": str, "metadata": dict, "year": int,
         "gazetteer": dict, "geocoder": dict, "factions": dict, "control": dict, "self_contained": bool, "cdn": bool, "png": bool, "focus": str, "base_url": str,
         "review": dict, "review.file": str, "review.hide_unverified": bool,
         "gazetteer.folder": str, "gazetteer.extra": list, "geocoder.enabled": bool, "geocoder.provider": str,
         "geocoder.user_agent": str, "geocoder.cache": str, "geocoder.min_delay_seconds": (int, float),
         "control.baseline": str, "control.date": date, "control.statuses": dict, "control.contested": list,
         "control.timeline": str, "cache": dict, "cache.enabled": bool, "cache.folder": str, "cache.max_mb": (int, float),
         "cache.max_days": (int, float), "jobs": int,
         "distributed": dict, "distributed.scheduler": str}
PATH_LISTS = ("articles", "gazetteer.extra")


@dataclass(frozen=True)
class Config:
    """A checked configuration, with paths resolved."""
    path: Path | None
    root: Path
    title: str | None               # None: the story's place and months
    language: str | None            # None: the language most articles are in
    articles: tuple[Path, ...]
    output: Path
    metadata: dict
    year: int | None
    gazetteer_folder: Path | None
    gazetteer_extra: tuple[Path, ...]
    geocoder: dict
    factions: dict
    baseline: Path | None
    baseline_date: date | None
    baseline_statuses: dict
    contested: tuple[str, ...] = ()   # the sides whose areas at the start make the area the legend gives shares of
    timeline: Path | None = None      # a trusted CSV of control changes (date, place_id, side, source)
    self_contained: bool = False
    cdn: bool = False
    png: bool = False                 # maps/YYYY-MM-DD.png beside each dated map (geomap/site/snapshots)
    focus: str | None = None
    base_url: str = ""
    review_file: Path | None = None   # the reviewed events file (geomap.review); used when it exists
    hide_unverified: bool = False     # draw only the events a journalist verified, corrected or added
    cache: bool = True                # readings kept between builds (geomap.cache)
    cache_folder: Path | None = None  # None: the user's cache folder
    cache_max_mb: float | None = 500  # the cache pruned to this after each build, least recently used first
    cache_max_days: float | None = None   # and the entries not used for this long (None: no such bound)
    jobs: int | None = None           # worker processes for extraction; None: the machine's cores
    scheduler: str | None = None      # a Dask scheduler's address (distributed.scheduler)
    extra: dict = field(default_factory=dict)


def load_config(path: Path | None) -> Config:
    """The configuration in a config.yaml, checked, with its paths resolved.

    Parameters
    ----------
    path : pathlib.Path or None
        The config file; None gives the neutral defaults, with paths relative to the
        working folder.

    Returns
    -------
    Config
        Every key, given or defaulted; paths relative to the config file's folder.

    Raises
    ------
    ConfigError
        The file cannot be used: one line naming the file, the line and the key.
    """
    if path is None:
        return _build({}, None, Path.cwd())
    if not path.exists():
        raise ConfigError(f"{path}: no such config file")
    try:
        text = path.read_text(encoding="utf-8")
        raw = safe_yaml.load(text, max_values=CONFIG_MAX_VALUES) or {}
    except (OSError, UnicodeDecodeError):
        raise ConfigError(f"{path}: not a readable UTF-8 text file") from None
    except yaml.YAMLError as e:
        where = f"{path}:{yaml_error_line(e, text) + 1}" if getattr(e, "problem_mark", None) else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    except YAML_VALUE_ERRORS as e:
        raise ConfigError(f"{path}: a value YAML cannot read ({e})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be a mapping of 'key: value' lines")
    _check_keys(raw, DEFAULTS, path, "", text)
    try:
        return _build(raw, path, path.parent, text)
    except ValueProblem as e:
        raise ConfigError(str(e)) from None


def yaml_error_line(error: yaml.YAMLError, text: str) -> int:
    """The line (from 0) a YAML error is about: for an unclosed bracket or quote, where it
    opened, not where the parser gave up (often the end of the text)."""
    problem, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    if problem is None:
        return 0
    unclosed = any(word in (getattr(error, "context", None) or "") for word in ("flow", "quoted"))
    if context is not None and (unclosed or problem.index >= len(text.rstrip())):
        return context.line
    return problem.line


def _where(path: Path, text: str, dotted: str) -> str:
    """`file:line` of a dotted key, for an error message."""
    line = _key_line(text, dotted)
    return f"{path}:{line}" if line else str(path)


def _key_line(text: str, dotted: str) -> int | None:
    """The line (from 1) of a dotted key in the YAML text, None when it cannot be told."""
    node = yaml.compose(text)
    line = None
    for part in dotted.split("."):
        if not isinstance(node, yaml.MappingNode):
            return None
        found = next(((k, v) for k, v in node.value if str(k.value) == part), None)
        if found is None:
            return None
        line, node = found[0].start_mark.line + 1, found[1]
    return line


def _check_keys(raw: dict, schema: dict, path: Path, prefix: str, text: str) -> None:
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            close = difflib.get_close_matches(str(key), [str(k) for k in schema], n=1)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            raise ConfigError(f"{_where(path, text, dotted)}: unknown key '{dotted}'{hint}")
        expected, where = TYPES.get(dotted), lambda: _where(path, text, dotted)
        if expected and value is not None and not _is_kind(value, expected):
            raise ConfigError(f"{where()}: '{dotted}' must be {_kind(expected)}, not {type(value).__name__}")
        if dotted in PATH_LISTS and isinstance(value, list) and not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where()}: '{dotted}' must be a list of file or folder paths")
        if dotted == "language" and value is not None and value not in lang.available():
            raise ConfigError(f"{where()}: language '{value}' has no folder in geomap/lang"
                              f" (available: {', '.join(lang.available())})")
        if isinstance(value, dict) and isinstance(schema[key], dict) and key not in ("metadata", "factions", "statuses"):
            _check_keys(value, schema[key], path, dotted + ".", text)


def _is_kind(value, expected) -> bool:
    """isinstance, but true/false is not a number."""
    kinds = expected if isinstance(expected, tuple) else (expected,)
    return isinstance(value, expected) and not (isinstance(value, bool) and bool not in kinds)


def _kind(expected) -> str:
    names = {str: "text", list: "a list", dict: "a mapping", int: "a whole number", bool: "true or false",
             float: "a number", date: "a date (YYYY-MM-DD)"}
    if isinstance(expected, tuple):
        return " or ".join(names.get(t, t.__name__) for t in expected)
    return names.get(expected, expected.__name__)


def _merged(raw: dict, key: str) -> dict:
    return {**DEFAULTS[key], **(raw.get(key) or {})}


def _build(raw: dict, path: Path | None, root: Path, text: str = "") -> Config:
    def resolve(p):
        return (root / p) if p is not None else None

    def where(dotted: str) -> str:
        return _where(path, text, dotted) if path else "config"

    raw = {key: value for key, value in raw.items() if value is not None}  # "key:" alone: the default
    gazetteer, control, review = _merged(raw, "gazetteer"), _merged(raw, "control"), _merged(raw, "review")
    cache, jobs = _merged(raw, "cache"), raw.get("jobs")
    if jobs is not None and jobs < 1:
        raise ConfigError(f"{where('jobs')}: 'jobs' must be 1 or more (1: extract in one process)")
    for bound in ("max_mb", "max_days"):
        if cache.get(bound) is not None and cache[bound] <= 0:
            raise ConfigError(f"{where('cache.' + bound)}: 'cache.{bound}' must be more than 0 (or left empty: no bound)")
    articles = raw.get("articles", DEFAULTS["articles"])
    if isinstance(articles, str):
        articles = [articles]
    factions = check_factions(_factions(raw.get("factions"), where), where, lang.available())
    metadata = raw.get("metadata") or {}
    language = _text_or_none(raw.get("language", DEFAULTS["language"]))
    for name, meta in metadata.items():
        if not isinstance(meta, dict):
            raise ConfigError(f"{path}: metadata for '{name}' must be a mapping (title, url, outlet, published, language)")
    return Config(
        path=path, root=root, title=_text_or_none(raw.get("title") or None), language=language,
        articles=tuple(resolve(a) for a in articles), output=resolve(raw.get("output", DEFAULTS["output"])),
        metadata=metadata, year=raw.get("year"),
        gazetteer_folder=resolve(gazetteer.get("folder")),
        gazetteer_extra=tuple(resolve(p) for p in gazetteer.get("extra") or []),
        geocoder=_merged(raw, "geocoder"), factions=factions,
        baseline=resolve(control.get("baseline")), baseline_date=control.get("date"),
        baseline_statuses=dict(control.get("statuses") or {}),
        contested=tuple(str(side) for side in control.get("contested") or ()),
        timeline=resolve(control.get("timeline")),
        self_contained=bool(raw.get("self_contained", False)), cdn=bool(raw.get("cdn", False)),
        png=bool(raw.get("png", False)),
        focus=_text_or_none(raw.get("focus", DEFAULTS["focus"])), base_url=check_base_url(str(raw.get("base_url", DEFAULTS["base_url"])), where),
        review_file=resolve(review.get("file") or DEFAULTS["review"]["file"]),
        hide_unverified=bool(review.get("hide_unverified")),
        cache=bool(cache.get("enabled", True)), cache_folder=resolve(cache.get("folder")), jobs=jobs,
        cache_max_mb=cache.get("max_mb"), cache_max_days=cache.get("max_days"),
        scheduler=_text_or_none(_merged(raw, "distributed").get("scheduler")),
    )


def _text_or_none(value) -> str | None:
    return None if value is None else str(value)


def _factions(raw: dict | None, where) -> dict:
    """The configured factions, each a mapping of colour, pattern, label, allies, opponent."""
    factions = {}
    for name, spec in (raw or {}).items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{where(f'factions.{name}')}: faction '{name}' must be a mapping ({', '.join(FACTION_KEYS)})")
        unknown = set(spec) - set(FACTION_KEYS)
        if unknown:
            key = sorted(map(str, unknown))[0]
            raise ConfigError(f"{where(f'factions.{name}.{key}')}: faction '{name}' has unknown key '{key}'"
                              f" (known: {', '.join(FACTION_KEYS)})")
        factions[name] = dict(spec)
    return factions


def allies_of(factions: dict) -> dict:
    """actor id -> the faction it fights with."""
    return {ally: name for name, spec in factions.items() for ally in spec.get("allies", [])}


def areas_of(factions: dict) -> dict:
    """Faction -> the place id of the area it held when the story began (its `area`): what
    "the rebel districts", "rebel-held areas" mean."""
    return {name: spec["area"] for name, spec in factions.items() if isinstance(spec.get("area"), str)}


def sides_of(factions: dict) -> tuple[str, ...]:
    """The factions that can take and hold ground (not the map's HOLDER_STATES). Without any,
    every actor of the language data is a side of its own."""
    sides = tuple(name for name in factions if name not in HOLDER_STATES)
    return sides or actor_ids()


def actor_ids() -> tuple[str, ...]:
    """Every actor id of every language's actors.yaml, in first-seen order."""
    ids = (actor for code in lang.available() for actor in lang.load(code, "actors")["actors"])
    return tuple(dict.fromkeys(ids))


def opponents_of(factions: dict) -> dict:
    """faction -> the faction that takes what it loses."""
    return {name: spec["opponent"] for name, spec in factions.items() if spec.get("opponent")}

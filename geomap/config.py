"""config.yaml: what to read, where to write, and what the conflict's sides are.

Every key is optional; `DEFAULTS` below is the whole schema. Paths are relative to the
folder of the config file. A key geomap does not know, or a value of the wrong kind, is an
error naming the file, the line and (for a misspelt key) the key it probably meant.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml


class ConfigError(Exception):
    """A config file that cannot be used; the message is one line naming the file."""


DEFAULT_FACTIONS = {
    "government": {"colour": "#d7301f", "label": {"en": "Government and allies", "fr": "Régime et alliés"},
                   "allies": ["russia", "iran", "hezbollah"], "opponent": "rebels"},
    "rebels": {"colour": "#1a9850", "label": {"en": "Rebels", "fr": "Rebelles"}, "opponent": "government"},
    "isis": {"colour": "#252525", "label": {"en": "Islamic State", "fr": "État islamique"}, "opponent": "government"},
    "kurds": {"colour": "#f1b50e", "label": {"en": "Kurdish forces (YPG)", "fr": "Forces kurdes (YPG)"},
              "opponent": "rebels"},
    "contested": {"colour": "#9e9ac8", "label": {"en": "Contested or divided", "fr": "Disputé ou partagé"}},
    "unknown": {"colour": "#d9d9d9", "label": {"en": "Not reported", "fr": "Non renseigné"}},
}

DEFAULTS = {
    "title": "Aleppo, December 2016",
    "language": "fr",
    "articles": ["articles"],
    "output": "outputs",
    "metadata": {},
    "year": None,
    "gazetteer": {"folder": None, "extra": []},
    "geocoder": {"enabled": False, "provider": "nominatim", "user_agent": "geomap (newsroom conflict maps)",
                 "cache": ".cache/geocoder.json", "min_delay_seconds": 1.0},
    "factions": DEFAULT_FACTIONS,
    "control": {"baseline": None, "date": None, "statuses": {}},
    "self_contained": False,
}

TYPES = {"title": str, "language": str, "articles": list, "output": str, "metadata": dict, "year": int,
         "gazetteer": dict, "geocoder": dict, "factions": dict, "control": dict, "self_contained": bool,
         "gazetteer.folder": str, "gazetteer.extra": list, "geocoder.enabled": bool, "geocoder.provider": str,
         "geocoder.user_agent": str, "geocoder.cache": str, "geocoder.min_delay_seconds": (int, float),
         "control.baseline": str, "control.date": date, "control.statuses": dict}


@dataclass(frozen=True)
class Config:
    """A checked configuration, with paths resolved."""
    path: Path | None
    root: Path
    title: str
    language: str
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
    self_contained: bool = False
    extra: dict = field(default_factory=dict)


def load_config(path: Path | None) -> Config:
    """The configuration in `path`; the defaults (relative to the working folder) when None."""
    if path is None:
        return _build({}, None, Path.cwd())
    if not path.exists():
        raise ConfigError(f"{path}: no such config file")
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not a UTF-8 text file") from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark else str(path)
        raise ConfigError(f"{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: must be a mapping of 'key: value' lines")
    _check_keys(raw, DEFAULTS, path, "")
    return _build(raw, path, path.parent)


def _check_keys(raw: dict, schema: dict, path: Path, prefix: str) -> None:
    for key, value in raw.items():
        dotted = f"{prefix}{key}"
        if key not in schema:
            close = difflib.get_close_matches(str(key), [str(k) for k in schema], n=1)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            raise ConfigError(f"{path}: unknown key '{dotted}'{hint}")
        expected = TYPES.get(dotted)
        if expected and value is not None and not isinstance(value, expected):
            raise ConfigError(f"{path}: '{dotted}' must be {_kind(expected)}, not {type(value).__name__}")
        if isinstance(value, dict) and isinstance(schema[key], dict) and key not in ("metadata", "factions", "statuses"):
            _check_keys(value, schema[key], path, dotted + ".")


def _kind(expected) -> str:
    names = {str: "text", list: "a list", dict: "a mapping", int: "a whole number", bool: "true or false",
             float: "a number", date: "a date (YYYY-MM-DD)"}
    if isinstance(expected, tuple):
        return " or ".join(names.get(t, t.__name__) for t in expected)
    return names.get(expected, expected.__name__)


def _merged(raw: dict, key: str) -> dict:
    return {**DEFAULTS[key], **(raw.get(key) or {})}


def _build(raw: dict, path: Path | None, root: Path) -> Config:
    def resolve(p):
        return (root / p) if p is not None else None

    gazetteer, control = _merged(raw, "gazetteer"), _merged(raw, "control")
    articles = raw.get("articles", DEFAULTS["articles"])
    if isinstance(articles, str):
        articles = [articles]
    factions = _factions(raw.get("factions"), path)
    metadata = raw.get("metadata") or {}
    for name, meta in metadata.items():
        if not isinstance(meta, dict):
            raise ConfigError(f"{path}: metadata for '{name}' must be a mapping (title, url, outlet, published, language)")
    return Config(
        path=path, root=root, title=str(raw.get("title", DEFAULTS["title"])),
        language=str(raw.get("language", DEFAULTS["language"])),
        articles=tuple(resolve(a) for a in articles), output=resolve(raw.get("output", DEFAULTS["output"])),
        metadata=metadata, year=raw.get("year"),
        gazetteer_folder=resolve(gazetteer.get("folder")),
        gazetteer_extra=tuple(resolve(p) for p in gazetteer.get("extra") or []),
        geocoder=_merged(raw, "geocoder"), factions=factions,
        baseline=resolve(control.get("baseline")), baseline_date=control.get("date"),
        baseline_statuses=dict(control.get("statuses") or {}),
        self_contained=bool(raw.get("self_contained", False)),
    )


def _factions(raw: dict | None, path: Path | None) -> dict:
    """The configured factions over the defaults: a faction given in config replaces the default's keys it names."""
    factions = {k: dict(v) for k, v in DEFAULT_FACTIONS.items()}
    for name, spec in (raw or {}).items():
        if not isinstance(spec, dict):
            raise ConfigError(f"{path}: faction '{name}' must be a mapping (colour, label, allies, opponent)")
        unknown = set(spec) - {"colour", "label", "allies", "opponent"}
        if unknown:
            raise ConfigError(f"{path}: faction '{name}' has unknown key '{sorted(unknown)[0]}'"
                              " (known: colour, label, allies, opponent)")
        factions[name] = {**factions.get(name, {}), **spec}
    return factions


def allies_of(factions: dict) -> dict:
    """actor id -> the faction it fights with."""
    return {ally: name for name, spec in factions.items() for ally in spec.get("allies", [])}


def opponents_of(factions: dict) -> dict:
    """faction -> the faction that takes what it loses."""
    return {name: spec["opponent"] for name, spec in factions.items() if spec.get("opponent")}

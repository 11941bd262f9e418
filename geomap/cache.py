"""The cache of article readings: an article read once is not extracted again while nothing
that could change its reading has changed.

An entry is one article's `Reading` (geomap.extract.reading) as JSON, stored under a key that
digests everything the reading depends on (`key_of`): the article itself (text, sentences,
metadata, publication date and how it was found), the gazetteer's content, geomap's code and
language data, the parser models' versions, the conflict's settings and the year hint. The
folder is the user's cache folder (platformdirs) unless config `cache.folder` names another;
it is never inside the output folder, so it is never published.

The cache is read as untrusted: JSON only (nothing in it can run code), every record checked
against the type of each field; an entry that is unreadable, of another key or of a wrong
shape is ignored and the article read again. Writes are atomic (a temporary file renamed).
"""
from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import json
import os
import tempfile
import types
import typing
from datetime import date
from functools import lru_cache
from pathlib import Path

from .cache_folder import prune
from .extract.reading import Reading
from .models import Article, Event, Mention, Pocket, Sentence, Source, StatedShare

FORMAT = 1                                # the layout of an entry; a new one ignores older entries
RECORDS = {cls.__name__: cls for cls in (Event, Source, Mention, StatedShare, Pocket)}
KEY_RECORDS = (Article, Sentence)         # records a key digests (never read back)
MAX_ENTRY_BYTES = 64 * 1024 * 1024


class BadEntry(ValueError):
    """A cache entry that is not a reading geomap wrote."""


def default_folder() -> Path:
    """The user's cache folder for geomap (XDG_CACHE_HOME on Linux), its readings sub-folder."""
    import platformdirs
    return Path(platformdirs.user_cache_dir("geomap", appauthor=False)) / "readings"


class ReadingCache:
    """Readings on disk by key; `folder` None: a cache that keeps nothing (`--no-cache`).

    Parameters
    ----------
    folder : Path or None
        Where the entries are kept (created on first write).
    """

    def __init__(self, folder: Path | None):
        self.folder = Path(folder) if folder is not None else None

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def get(self, key: str, article: Article) -> Reading | None:
        """The reading kept under `key`, for `article`; None when there is none or it is bad.
        An entry read is marked used now (its time of change: what `prune` keeps the newest of)."""
        if self.folder is None:
            return None
        try:
            path = self._path(key)
            if path.stat().st_size > MAX_ENTRY_BYTES:
                return None
            reading = decode_reading(json.loads(path.read_bytes()), key, article)
        except (OSError, ValueError, TypeError, RecursionError, KeyError):
            return None
        with contextlib.suppress(OSError):
            os.utime(path)
        return reading

    def put(self, key: str, reading: Reading) -> None:
        """Keep a reading; a folder that cannot be written only costs the cache."""
        if self.folder is None:
            return
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            data = json.dumps(encode_reading(reading, key), ensure_ascii=False, separators=(",", ":"))
            handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(data)
            os.replace(temporary, path)
        except OSError:
            return

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def prune(self, max_mb: float | None, max_days: float | None = None) -> tuple[int, int]:
        """Drop the entries least recently used until the rest fit in `max_mb`, and those not
        used for `max_days` (None: no such bound); (entries, bytes) removed (geomap.cache_folder)."""
        if self.folder is None:
            return 0, 0
        return prune(self.folder, max_mb, max_days)


def key_of(*parts) -> str:
    """The digest of what a reading depends on (records, dates, tuples, plain values)."""
    text = json.dumps(encode(parts, KEY_RECORDS + tuple(RECORDS.values())), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=None)
def code_fingerprint() -> str:
    """geomap's version and a digest of its code and language data (every .py and .yaml file)."""
    from . import __version__    # at call time: geomap/__init__ imports the pipeline, which imports this
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256(__version__.encode())
    for path in sorted(p for p in root.rglob("*") if p.suffix in (".py", ".yaml") and p.is_file()):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return f"{__version__}:{digest.hexdigest()}"


# ---------------------------------------------------------------------- records <-> JSON

def encode(value, records=tuple(RECORDS.values())):
    """A JSON value for records, dates, tuples, lists, dicts and plain values, tagged so that
    `decode` gives back the same types."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, date):
        return {"date": value.isoformat()}
    if isinstance(value, tuple):
        return {"tuple": [encode(v, records) for v in value]}
    if isinstance(value, list):
        return [encode(v, records) for v in value]
    if isinstance(value, dict):
        return {"dict": [[encode(k, records), encode(v, records)] for k, v in value.items()]}
    if isinstance(value, records):
        return {"record": type(value).__name__,
                "fields": {f.name: encode(getattr(value, f.name), records) for f in dataclasses.fields(value)}}
    raise TypeError(f"cannot encode {type(value).__name__}")


def decode(value, depth: int = 0):
    """The value `encode` gave; BadEntry for anything else."""
    if depth > 40:
        raise BadEntry("too deep")
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, list):
        return [decode(v, depth + 1) for v in value]
    if not isinstance(value, dict) or len(value) not in (1, 2):
        raise BadEntry("not a tagged value")
    if set(value) == {"date"}:
        return date.fromisoformat(value["date"])
    if set(value) == {"tuple"} and isinstance(value["tuple"], list):
        return tuple(decode(v, depth + 1) for v in value["tuple"])
    if set(value) == {"dict"} and isinstance(value["dict"], list):
        return {_hashable(decode(k, depth + 1)): decode(v, depth + 1) for k, v in map(_pair, value["dict"])}
    if set(value) == {"record", "fields"}:
        return _record(value["record"], value["fields"], depth)
    raise BadEntry("unknown tag")


def _pair(item) -> tuple:
    if not isinstance(item, list) or len(item) != 2:
        raise BadEntry("not a key and a value")
    return item[0], item[1]


def _hashable(key):
    if isinstance(key, (list, dict)):
        raise BadEntry("a mapping key that cannot be one")
    return key


def _record(name, fields, depth: int):
    cls = RECORDS.get(name) if isinstance(name, str) else None
    if cls is None or not isinstance(fields, dict):
        raise BadEntry("not a known record")
    names = {f.name for f in dataclasses.fields(cls)}
    if set(fields) != names:
        raise BadEntry(f"{name}: other fields")
    hints = _hints(cls)
    values = {key: decode(raw, depth + 1) for key, raw in fields.items()}
    for key, value in values.items():
        if not _fits(value, hints[key]):
            raise BadEntry(f"{name}.{key}: not a {hints[key]}")
    return cls(**values)


@lru_cache(maxsize=None)
def _hints(cls) -> dict:
    return typing.get_type_hints(cls)


def _fits(value, hint) -> bool:
    """Whether a decoded value is of a field's annotated type."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if hint is typing.Any:
        return True
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, arg) for arg in args)
    if hint is type(None):
        return value is None
    if origin is tuple or hint is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_fits(v, args[0]) for v in value)
        return not args or (len(args) == len(value) and all(map(_fits, value, args)))
    if origin is list or hint is list:
        return isinstance(value, list) and (not args or all(_fits(v, args[0]) for v in value))
    if origin is dict or hint is dict:
        return isinstance(value, dict) and (not args or all(_fits(k, args[0]) and _fits(v, args[1])
                                                            for k, v in value.items()))
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, hint)


def encode_reading(reading: Reading, key: str) -> dict:
    """One cache entry: the key it answers and what the reading found (not the article)."""
    return {"format": FORMAT, "key": key, "events": encode(reading.events_read),
            "mentions": encode(reading.mentions), "shares": encode(reading.shares),
            "pockets": encode(reading.pockets), "warnings": encode(reading.warnings),
            "unresolved_dates": encode(reading.unresolved_dates)}


def decode_reading(data, key: str, article: Article) -> Reading:
    """The reading of an entry, checked; BadEntry (or another ValueError) when it is not one."""
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("key") != key:
        raise BadEntry("another format or key")
    kinds = {"events": Event, "mentions": Mention, "shares": StatedShare, "pockets": Pocket, "warnings": str,
             "unresolved_dates": str}
    found = {}
    for field_name, kind in kinds.items():
        values = decode(data.get(field_name))
        if not isinstance(values, list) or not all(isinstance(v, kind) for v in values):
            raise BadEntry(f"{field_name}: not a list of {kind.__name__}")
        found[field_name] = values
    return Reading(article, found["events"], found["mentions"], found["shares"], found["pockets"], found["warnings"],
                   found["unresolved_dates"])

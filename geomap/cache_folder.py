"""The cache folder's upkeep: what it holds, a bound on it, emptying it (`geomap cache`).

Only files geomap writes there are ever counted or removed: the readings
(`<2 hex>/<64 hex>.json`, geomap.cache), the GeoNames index of each geomap version
(`geonames-<16 hex>.json`, geomap.fallbacks) and the temporary files of a write that was cut
short (`.tmp-*`, older than a day). Anything else in the folder, a symbolic link, or a folder
reached through one, is left as it is. An entry is "used" when it is written or read (a read
marks it, geomap.cache); pruning removes the least recently used first, ties in the order of
their names, so the same folder is pruned the same way.
"""
from __future__ import annotations

import os
import re
import time
from dataclasses import dataclass
from pathlib import Path

ENTRY = re.compile(r"[0-9a-f]{2}/[0-9a-f]{64}\.json|geonames-[0-9a-f]{16}\.json")
TEMPORARY = re.compile(r"(?:[0-9a-f]{2}/)?\.tmp-[^/]*")
TEMPORARY_SECONDS = 24 * 3600        # a temporary file older than this is a write that was cut short
DEFAULT_MAX_MB = 500


@dataclass(frozen=True)
class Entry:
    name: str          # relative to the cache folder, '/' separated
    size: int
    used: int          # nanoseconds since the epoch: its time of change


def entries(folder: Path) -> list[Entry]:
    """The files geomap wrote in the cache folder (no link followed), least recently used first."""
    found = []
    if not folder.is_dir() or folder.is_symlink():
        return found
    for top in sorted(os.scandir(folder), key=lambda e: e.name):
        if top.is_dir(follow_symlinks=False):
            found += [_entry(f"{top.name}/{e.name}", e) for e in sorted(os.scandir(top.path), key=lambda e: e.name)
                      if e.is_file(follow_symlinks=False)]
        elif top.is_file(follow_symlinks=False):
            found.append(_entry(top.name, top))
    return sorted((e for e in found if e is not None), key=lambda e: (e.used, e.name))


def _entry(name: str, item: os.DirEntry) -> Entry | None:
    if not (ENTRY.fullmatch(name) or TEMPORARY.fullmatch(name)):
        return None
    stat = item.stat(follow_symlinks=False)
    return Entry(name, stat.st_size, stat.st_mtime_ns)


def prune(folder: Path, max_mb: float | None, max_days: float | None = None, now: float | None = None) -> tuple[int, int]:
    """Remove the entries not used for `max_days`, then the least recently used until the rest
    fit in `max_mb` megabytes (None: no such bound), and the temporary files of cut-short
    writes; (entries, bytes) removed. Nothing but geomap's own files is touched."""
    now_ns = int((time.time() if now is None else now) * 1e9)
    kept = entries(folder)
    doomed = [e for e in kept if TEMPORARY.fullmatch(e.name) and now_ns - e.used > TEMPORARY_SECONDS * 1e9]
    kept = [e for e in kept if not TEMPORARY.fullmatch(e.name)]
    if max_days is not None:
        doomed += [e for e in kept if now_ns - e.used > max_days * 86400e9]
        kept = [e for e in kept if now_ns - e.used <= max_days * 86400e9]
    if max_mb is not None:
        total, budget = sum(e.size for e in kept), max_mb * 1024 * 1024
        while kept and total > budget:
            total -= kept[0].size
            doomed.append(kept.pop(0))
    return _remove(folder, doomed)


def clear(folder: Path) -> tuple[int, int]:
    """Remove every entry geomap wrote in the cache folder; (entries, bytes) removed."""
    return _remove(folder, entries(folder))


def _remove(folder: Path, doomed: list[Entry]) -> tuple[int, int]:
    removed = freed = 0
    for entry in doomed:
        try:
            os.unlink(folder / entry.name)
        except FileNotFoundError:          # another build pruned it first
            continue
        removed, freed = removed + 1, freed + entry.size
    for shard in {entry.name.split("/")[0] for entry in doomed if "/" in entry.name}:
        try:
            os.rmdir(folder / shard)       # only when it is empty
        except OSError:
            pass
    return removed, freed

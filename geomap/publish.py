"""The only writer of the output folder: staging, the manifest, the move into place.

Output is written into a fresh folder beside the target and moved into place when complete,
so a build that fails halfway leaves the previous outputs as they were. geomap records what
it wrote in `.geomap-manifest`, and never deletes or overwrites a file it did not write.
"""
from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Mapping

MANIFEST = ".geomap-manifest"


class PublishError(Exception):
    """The output folder cannot be written; the message is one line."""


def publish(files: Mapping[str, str | bytes], out: Path) -> list[str]:
    """Write the files into `out`: staged beside it, then moved in one by one; files of the
    previous build that this one no longer writes are removed; nothing else is touched.

    Parameters
    ----------
    files : mapping of str to str or bytes
        File contents by path relative to `out` ('/' separated); text is written as UTF-8.
    out : Path
        The output folder; created when missing.

    Returns
    -------
    list of str
        The paths written, in the order of `files` (as the manifest lists them).
    """
    files = {name: data.encode("utf-8") if isinstance(data, str) else data
             for name, data in files.items()}
    for name in files:
        if Path(name).is_absolute() or ".." in Path(name).parts:
            raise PublishError(f"{name}: an output path outside the output folder")
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: exists and is a file, not a folder; choose another --out")
    previous = _manifest(out)
    clashes = sorted(name for name in files if (out / name).exists() and name not in previous)
    if clashes:
        raise PublishError(f"{out / clashes[0]}: exists and was not written by geomap; move it or choose another --out")
    try:
        _stage_and_move(files, out, previous)
    except OSError as e:
        raise PublishError(f"{out}: cannot write the output folder ({e.strerror or e})") from None
    return list(files)


def _stage_and_move(files: dict[str, bytes], out: Path, previous: set[str]) -> None:
    """Write the files into a staging folder beside `out`, then move them in."""
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        for name, data in files.items():
            target = staging / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (staging / MANIFEST).write_text("".join(f"{n}\n" for n in files), encoding="utf-8")
        _move_in(staging, out, list(files) + [MANIFEST], previous)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _manifest(out: Path) -> set[str]:
    path = out / MANIFEST
    if not path.exists():
        return set()
    return {line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()}


def _move_in(staging: Path, out: Path, names: list[str], previous: set[str]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    for name in names:
        target = out / name
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(staging / name, target)
    for name in sorted(previous - set(names)):
        stale = out / name
        if stale.is_file():
            stale.unlink()
    for folder in sorted({(out / n).parent for n in previous}, reverse=True):
        if folder != out and folder.is_dir() and not any(folder.iterdir()):
            folder.rmdir()

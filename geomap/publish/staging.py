"""The new site written file by file into `.geomap-staging/` as it is rendered, never held whole.

`stage` takes the files one by one (a path and its text, its bytes, or its text in pieces, as
a large export's encoder makes it), checks each path, writes it
into the staging folder inside the output folder and keeps only its digest: the site is never
in memory all at once. What it leaves is not yet a site: the staging folder has no manifest,
so a build killed while staging is undone by the next one (geomap/publish/in_place.py, the
recovery), and one that fails removes it at once. The layouts then take the staged files:
geomap/publish/versioned.py renames the folder into a version, geomap/publish/in_place.py
switches them in file by file.
"""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Iterable

from .claims import STAGING, PublishError, digest, name_problem

BUFFER_CHARS = 1 << 20          # a file given in pieces is written a megabyte (of text) at a time


def stage(out: Path, files: Iterable[tuple[str, str | bytes]]) -> dict[str, str]:
    """Write each file into `out/.geomap-staging`; path -> sha256, sorted by path.

    Raises
    ------
    PublishError
        A path outside the folder, or given twice; the staging folder is removed (as on any
        error, Ctrl-C included, while the files are rendered or written).
    """
    staging = out / STAGING
    staging.mkdir()
    claims: dict[str, str] = {}
    try:
        for name, content in files:
            claims[name] = _stage_one(staging, name, content, claims)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return dict(sorted(claims.items()))


def _stage_one(staging: Path, name: str, content: str | bytes | Iterable[str], claims: dict) -> str:
    problem = name_problem(name) or ("that is given twice" if name in claims else None)
    if problem:
        raise PublishError(f"{name!r}: an output path {problem}")
    target = staging / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if not isinstance(content, (str, bytes)):
        return _write_pieces(target, content)
    data = content.encode("utf-8") if isinstance(content, str) else content
    target.write_bytes(data)
    return digest(data)


def _write_pieces(target: Path, pieces: Iterable[str]) -> str:
    """Write a text given in pieces (a large export as its encoder makes it), a buffer at a
    time; its sha256."""
    found, buffer, size = hashlib.sha256(), [], 0
    with target.open("wb") as handle:
        for piece in pieces:
            buffer.append(piece)
            size += len(piece)
            if size >= BUFFER_CHARS:
                _flush(handle, found, buffer)
                buffer, size = [], 0
        _flush(handle, found, buffer)
    return found.hexdigest()


def _flush(handle, found, buffer: list[str]) -> None:
    data = "".join(buffer).encode("utf-8")
    found.update(data)
    handle.write(data)

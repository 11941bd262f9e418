"""The new site written file by file into `.geomap-staging/` as it is rendered, never held whole.

`stage` takes the files one by one (a path and its text or bytes), checks each path, writes it
into the staging folder inside the output folder and keeps only its digest: the site is never
in memory all at once. What it leaves is not yet a site: the staging folder has no manifest,
so a build killed while staging is undone by the next one (geomap/publish/in_place.py, the
recovery), and one that fails removes it at once. The layouts then take the staged files:
geomap/publish/versioned.py renames the folder into a version, geomap/publish/in_place.py
switches them in file by file.
"""
from __future__ import annotations

import shutil
from pathlib import Path
from typing import Iterable

from .claims import STAGING, PublishError, digest, name_problem


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


def _stage_one(staging: Path, name: str, content: str | bytes, claims: dict) -> str:
    problem = name_problem(name) or ("that is given twice" if name in claims else None)
    if problem:
        raise PublishError(f"{name!r}: an output path {problem}")
    data = content.encode("utf-8") if isinstance(content, str) else content
    target = staging / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    return digest(data)

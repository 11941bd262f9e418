"""The files of a built site as a reader (or a copy with links followed) sees them: every
address under the output folder, through geomap's `.geomap-current` link, without the
versioned folders behind it (geomap/publish/versioned.py)."""
from __future__ import annotations

import os
from pathlib import Path

BEHIND = (".geomap-sites", ".geomap-current")


def published_files(out: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file the site's addresses lead to."""
    found = {}
    for folder, dirs, files in os.walk(out, followlinks=True):
        dirs[:] = sorted(d for d in dirs if d not in BEHIND)
        for name in files:
            path = Path(folder) / name
            found[path.relative_to(out).as_posix()] = path.read_bytes()
    return dict(sorted(found.items()))

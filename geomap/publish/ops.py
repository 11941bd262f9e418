"""The file operations publishing is made of, one function each, so that a test can make any
one of them fail (or the process die there) and check what the folder is left with."""
from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path


def write_atomically(path: Path, data: str | bytes) -> None:
    """Write a file under a temporary name, flushed to disk, then renamed into place."""
    partial = path.with_name(path.name + ".partial")
    with partial.open("wb") as handle:
        handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def replace(source: Path, target: Path) -> None:
    """os.replace; across devices (a sub-folder that is a mount point), a copy renamed into place."""
    try:
        os.replace(source, target)
    except OSError as e:
        if e.errno != errno.EXDEV:
            raise
        partial = target.with_name(f".{target.name}.geomap-partial")
        shutil.copyfile(source, partial)
        os.replace(partial, target)
        os.unlink(source)


def back_up(target: Path, copy: Path) -> None:
    """Keep the old file by a hard link (a copy where links are not possible)."""
    if os.path.lexists(copy):
        return
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, copy, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, copy, follow_symlinks=False)


def link(path: Path, pointing_to: str) -> None:
    """Make `path` a symbolic link to `pointing_to` in one step (rename(2) of a new link over it)."""
    partial = path.with_name(path.name + ".geomap-link")
    if os.path.lexists(partial):
        os.unlink(partial)
    os.symlink(pointing_to, partial)
    os.replace(partial, path)

"""The switch file by file, for an output folder where links cannot be used (a file system
without symbolic links, or a sub-folder of the site that is a mount point).

The new site is written into `.geomap-staging/` (geomap/publish/staging.py), whose own
manifest, written last, marks it complete (the commit point). The switch moves each staged file in (the old one kept by a hard
link in `.geomap-old/`), removes what the new site no longer has, then writes the manifest.
An error, Ctrl-C or SIGTERM while switching moves the old files back; a kill that leaves no
chance is finished by the next build, from the complete staging folder. The folder ends with
the old site or the new one, whole; a reader during the sub-second switch can see a mix.
"""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import ops
from .claims import BACKUP, MANIFEST, STAGING, PublishError, Warn, manifest_text, ours, read_manifest

CREATED = ".geomap-created"       # in .geomap-old: the files the switch adds (an undo removes them)


def publish_in_place(out: Path, new: dict[str, str], previous: dict, stale: dict) -> None:
    """Mark the staged site complete, then switch it in file by file (undone on any error)."""
    try:
        ops.write_atomically(out / STAGING / MANIFEST, manifest_text(new))    # the commit point
    except BaseException:
        shutil.rmtree(out / STAGING, ignore_errors=True)
        raise
    try:
        _move_in(out, new, previous, stale)
        _finish(out, new)
    except BaseException:
        _undo(out)
        raise


def recover_in_place(out: Path, warn: Warn) -> None:
    """Finish (staging complete) or undo (otherwise) what an interrupted switch left in `out`."""
    staging, backup = out / STAGING, out / BACKUP
    if (staging / MANIFEST).is_file():
        new = read_manifest(staging / MANIFEST, out)
        previous = read_manifest(out / MANIFEST, out)
        stale = {name: d for name, d in previous.items() if name not in new and ours(out / name, d)}
        _move_in(out, new, previous, stale)
        _finish(out, new)
        warn(f"{out}: finished publishing the site of a build that was interrupted")
    elif staging.exists() or backup.exists():
        _undo(out)
        warn(f"{out}: removed what an interrupted build had left; the site it had is whole")


def _move_in(out: Path, new: dict, previous: dict, stale: dict) -> None:
    """Each staged file into place (the old one backed up), then the stale ones out."""
    staging, backup = out / STAGING, out / BACKUP
    backup.mkdir(exist_ok=True)
    if not (backup / CREATED).exists():
        created = {name: d for name, d in new.items() if not os.path.lexists(out / name)}
        ops.write_atomically(backup / CREATED, manifest_text(created))
    for name, digest in new.items():
        staged, target = staging / name, out / name
        if not staged.exists():
            continue                                   # moved by the interrupted run
        if os.path.lexists(target):
            if not ours(target, previous.get(name), digest):
                raise PublishError(f"{target}: exists and was not written by geomap; move it or choose another --out")
            ops.back_up(target, backup / name)
        target.parent.mkdir(parents=True, exist_ok=True)
        ops.replace(staged, target)
    for name in stale:
        if os.path.lexists(out / name):
            (backup / name).parent.mkdir(parents=True, exist_ok=True)
            ops.replace(out / name, backup / name)
    remove_empty_folders(out, stale)


def _finish(out: Path, new: dict) -> None:
    """Write the new manifest, then drop the backups and the staging folder (marker last)."""
    ops.write_atomically(out / MANIFEST, manifest_text(new))
    shutil.rmtree(out / BACKUP, ignore_errors=True)
    (out / STAGING / MANIFEST).unlink(missing_ok=True)
    shutil.rmtree(out / STAGING, ignore_errors=True)


def _undo(out: Path) -> None:
    """Put back the files a switch replaced or removed, remove those it added, drop the staging."""
    staging, backup = out / STAGING, out / BACKUP
    (staging / MANIFEST).unlink(missing_ok=True)       # first: from here on, recovery undoes
    if backup.is_dir():
        created = read_manifest(backup / CREATED, out) if (backup / CREATED).exists() else {}
        for name, digest in created.items():
            if ours(out / name, digest):
                (out / name).unlink()
        for kept in sorted(p for p in backup.rglob("*") if not p.is_dir() and p.name != CREATED):
            target = out / kept.relative_to(backup)
            target.parent.mkdir(parents=True, exist_ok=True)
            ops.replace(kept, target)
        remove_empty_folders(out, created)
        shutil.rmtree(backup)
    shutil.rmtree(staging, ignore_errors=True)


def remove_empty_folders(out: Path, names) -> None:
    """Remove the folders of these files that are left empty (never `out`, a link or a mount point)."""
    for folder in sorted({(out / n).parent for n in names}, key=lambda p: len(p.parts), reverse=True):
        while (folder != out and folder.is_dir() and not folder.is_symlink() and not os.path.ismount(folder)
               and not any(folder.iterdir())):
            folder.rmdir()
            folder = folder.parent

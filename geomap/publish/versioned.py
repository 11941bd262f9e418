"""The switch in one step: each build's site in a folder of its own, one link names the current one.

Inside the output folder `out`:

    .geomap-sites/<version>/  one build's whole site, and its manifest (version: the start of the
                              manifest's sha256, so the same site is the same folder); it was
                              `.geomap-staging/` while the site was rendered (staging.py)
    .geomap-sites/.pending    the version being switched to: written once the version is whole
                              (the commit point), removed when the switch is done
    .geomap-current           a symbolic link to .geomap-sites/<version>: the site readers see
    index.html, maps, ...     links to .geomap-current/index.html, .geomap-current/maps...: the
                              addresses pages are opened and embedded at; made once, they never change
    .geomap-manifest          a link to .geomap-current/.geomap-manifest

The switch is one rename(2) of a new `.geomap-current` link over the old one: at every instant
every address of the site leads into one version, the old or the new, never a mix. Addresses
do not change, so a reader that reads a page before the switch and the next one after it gets
the next one from the new site; the version folder it came from is kept until the build after
the next one, for a reader that follows `.geomap-current` once to read one version throughout.

A folder an older geomap wrote file by file is taken over once: its files (all geomap's,
by the manifest's claims) move into `.geomap-old/` and links take their place; that one switch
is not atomic. A kill at any point is finished (committed) or undone (not yet) by the next
build; an error or SIGTERM undoes it at once.
"""
from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

from . import ops
from .claims import (BACKUP, CURRENT, MANIFEST, SITES, STAGING, PublishError, Warn, digest, file_digest,
                     manifest_text, ours, read_manifest)

PENDING = ".pending"
VERSION = re.compile(r"[0-9a-f]{16}")


def usable(out: Path, tops: list[str]) -> bool:
    """Whether the folder can take the versioned layout: it has it already, or symbolic links
    can be made there and no entry the site needs is a mount point (that one must be written into)."""
    if (out / CURRENT).is_symlink():
        return True
    if any((out / top).is_dir() and not (out / top).is_symlink() and os.path.ismount(out / top) for top in tops):
        return False
    probe = out / ".geomap-probe.geomap-link"
    try:
        if os.path.lexists(probe):
            os.unlink(probe)
        os.symlink(SITES, probe)
        os.unlink(probe)
        return True
    except OSError:
        return False


def top_names(names) -> list[str]:
    """The first part of each path, in order: the entries of the output folder that become links."""
    return list(dict.fromkeys(name.split("/")[0] for name in names))


def publish_versioned(out: Path, new: dict[str, str], previous: dict, stale: dict, warn: Warn) -> None:
    """Make the staged files the new version, then switch `.geomap-current` to it (undone on any error)."""
    sites, text = out / SITES, manifest_text(new)
    version = digest(text.encode("utf-8"))[:16]
    made = _write_version(out, version, text)
    before = current_version(out)
    if before and before != version:
        _carry(sites / before, sites / version, new)
    legacy = _older_files(out, top_names(new) + top_names(stale), previous)
    try:
        _set_aside(out, legacy)
        ops.write_atomically(sites / PENDING, version)              # the commit point
        switch_to(out, version)
    except BaseException:
        _undo(out, before, version if made else None)
        raise
    tidy(out, version, before, warn)


def current_version(out: Path) -> str | None:
    """The version `.geomap-current` names (None when there is none)."""
    link = out / CURRENT
    if not link.is_symlink():
        return None
    target = os.readlink(link)
    name = target.removeprefix(f"{SITES}/")
    if not VERSION.fullmatch(name) or target != f"{SITES}/{name}":
        raise PublishError(f"{link}: a link geomap did not make (to {target!r}); nothing was touched: check it and remove it")
    return name


def _write_version(out: Path, version: str, text: str) -> bool:
    """The staged files become the version's folder (whole, or not at all); False when it was
    there already, whole (the staged copy is dropped)."""
    staging, sites = out / STAGING, out / SITES
    folder, partial = sites / version, sites / f"{version}.partial"
    try:
        sites.mkdir(exist_ok=True)
        if folder.is_dir() and _whole(folder, text):
            shutil.rmtree(staging)
            return False
        for leftover in (folder, partial):
            if leftover.is_dir() and not leftover.is_symlink():
                shutil.rmtree(leftover)
        ops.replace(staging, partial)
        ops.write_atomically(partial / MANIFEST, text)
        ops.replace(partial, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return True


def _whole(folder: Path, text: str) -> bool:
    try:
        if (folder / MANIFEST).read_text(encoding="utf-8") != text:
            return False
    except (OSError, UnicodeDecodeError):
        return False
    return all(file_digest(folder / name) == known for name, known in read_manifest(folder / MANIFEST, folder).items())


def _carry(old: Path, folder: Path, new: dict) -> None:
    """The files in the old version that are not geomap's (added, or changed, through the links)
    go on into the new one, at the same address (a hard link: nothing is copied)."""
    claims = read_manifest(old / MANIFEST, old)
    for path in sorted(p for p in old.rglob("*") if not p.is_dir() or p.is_symlink()):
        name = path.relative_to(old).as_posix()
        if name == MANIFEST or name in new or ours(path, claims.get(name)) or os.path.lexists(folder / name):
            continue
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        os.link(path, folder / name, follow_symlinks=False)


def _older_files(out: Path, tops: list[str], previous: dict) -> list[str]:
    """The entries of `out` an older geomap wrote in place that links are to replace; every
    file under them must be geomap's (else nothing is touched)."""
    found = []
    for top in dict.fromkeys(tops + [MANIFEST]):
        entry = out / top
        if entry.is_symlink() or not entry.exists():
            continue
        files = [entry] if not entry.is_dir() else sorted(p for p in entry.rglob("*") if not p.is_dir())
        for path in files:
            name = path.relative_to(out).as_posix()
            if name != MANIFEST and not ours(path, previous.get(name)):
                raise PublishError(f"{path}: exists and was not written by geomap (a link of the site is to take "
                                   "its folder's place); move it away (or delete it) or choose another --out")
        found.append(top)
    return found


def _set_aside(out: Path, entries: list[str]) -> None:
    (out / BACKUP).mkdir(exist_ok=True)
    for top in entries:
        ops.replace(out / top, out / BACKUP / top)


def switch_to(out: Path, version: str) -> None:
    """Links for the version's entries (new ones first: the old site links none of them), then
    `.geomap-current` to the version in one rename, then the manifest's link."""
    names = read_manifest(out / SITES / version / MANIFEST, out / SITES / version)
    for top in top_names(names):
        if not (out / top).is_symlink():
            ops.link(out / top, f"{CURRENT}/{top}")
    if current_version(out) != version:
        ops.link(out / CURRENT, f"{SITES}/{version}")
    if not (out / MANIFEST).is_symlink():
        ops.link(out / MANIFEST, f"{CURRENT}/{MANIFEST}")


def tidy(out: Path, version: str, before: str | None, warn: Warn) -> None:
    """After the switch: drop the links that lead nowhere now, what was set aside, and the
    versions older than the one before (a failure here leaves the new site whole)."""
    sites = out / SITES
    try:
        (sites / PENDING).unlink(missing_ok=True)
        for entry in out.iterdir():
            if entry.is_symlink() and os.readlink(entry) == f"{CURRENT}/{entry.name}" and not entry.exists():
                entry.unlink()
        shutil.rmtree(out / BACKUP, ignore_errors=True)
        for folder in sorted(sites.iterdir()):
            if folder.name not in (version, before) and VERSION.fullmatch(folder.name) and not folder.is_symlink():
                _prune(folder, sites / version, warn)
    except OSError as e:
        warn(f"{out}: the new site is published but an old version could not be removed ({e.strerror or e})")


def _prune(folder: Path, current: Path, warn: Warn) -> None:
    """Remove an old version: its files geomap wrote, and those carried on into the current one."""
    claims = read_manifest(folder / MANIFEST, folder) if (folder / MANIFEST).is_file() else {}
    kept = []
    for path in sorted(p for p in folder.rglob("*") if not p.is_dir() or p.is_symlink()):
        name = path.relative_to(folder).as_posix()
        carried = os.path.lexists(current / name) and os.path.samefile(path, current / name) \
            if not path.is_symlink() else False
        if name == MANIFEST:
            continue
        if ours(path, claims.get(name)) or carried:
            path.unlink()
        else:
            kept.append(name)
    if not kept:
        (folder / MANIFEST).unlink(missing_ok=True)
    for sub in sorted((p for p in folder.rglob("*") if p.is_dir() and not p.is_symlink()),
                      key=lambda p: len(p.parts), reverse=True):
        if not any(sub.iterdir()):
            sub.rmdir()
    if kept:
        warn(f"{folder}: an old version of the site still holds {kept[0]!r}, which geomap did not write; left as it is")
    elif not any(folder.iterdir()):
        folder.rmdir()


def _undo(out: Path, before: str | None, made: str | None) -> None:
    """Back to the site as it was: the link to the old version (or none), the entries set aside
    put back, the links the old version has no use for and the new version's folder removed."""
    (out / SITES / PENDING).unlink(missing_ok=True)
    if before is not None and current_version(out) != before:
        ops.link(out / CURRENT, f"{SITES}/{before}")
    backup = out / BACKUP
    if backup.is_dir():
        for entry in sorted(backup.iterdir()):
            if (out / entry.name).is_symlink():
                (out / entry.name).unlink()
            os.replace(entry, out / entry.name)
        backup.rmdir()
    kept = set(top_names(read_manifest(out / SITES / before / MANIFEST, out / SITES / before))) | {MANIFEST, CURRENT} \
        if before else set()
    for entry in out.iterdir():
        if entry.is_symlink() and entry.name not in kept and (
                entry.name == CURRENT or os.readlink(entry) == f"{CURRENT}/{entry.name}"):
            entry.unlink()
    if made is not None:
        for leftover in (out / SITES / made, out / SITES / f"{made}.partial"):
            shutil.rmtree(leftover, ignore_errors=True)
    if before is None and (out / SITES).is_dir() and not any((out / SITES).iterdir()):
        (out / SITES).rmdir()


def recover_versioned(out: Path, warn: Warn) -> None:
    """Finish the switch a killed build committed to, or undo one it had not committed to."""
    sites = out / SITES
    if not sites.is_dir():
        return
    pending = sites / PENDING
    version = pending.read_text(encoding="utf-8").strip() if pending.is_file() else None
    if version and VERSION.fullmatch(version) and (sites / version / MANIFEST).is_file():
        before = current_version(out)
        switch_to(out, version)
        tidy(out, version, before, warn)
        warn(f"{out}: finished publishing the site of a build that was interrupted")
        return
    leftovers = [p for p in sites.iterdir() if p.name.endswith(".partial") or p.name == PENDING]
    if leftovers or (out / BACKUP).is_dir():
        _undo(out, current_version(out), None)
        for leftover in leftovers:
            shutil.rmtree(leftover, ignore_errors=True) if leftover.is_dir() else leftover.unlink(missing_ok=True)
        warn(f"{out}: removed what an interrupted build had left; the site it had is whole")

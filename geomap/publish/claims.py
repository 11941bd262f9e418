"""The manifest of an output folder: what geomap wrote there, as claims to check, never orders.

`.geomap-manifest` has one 'sha256  path' line per file geomap wrote. A line that is no
relative path inside the folder is an error (nothing is touched); a file is geomap's, to
replace or remove, only when its content has the hash geomap recorded.

A manifest of an older geomap lists paths without hashes. Its files are geomap's when they
show it: a file whose content is what the new build writes there (replacing it loses
nothing); and, when every page the manifest lists bears geomap's mark (`GEOMAP_MARK`, in
every page geomap writes), any file the new build writes at the same path and any listed
page. Anything else it lists is not geomap's: in the new site's way it is an error naming the
file, otherwise it is left where it is.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path, PurePosixPath
from typing import Callable

MANIFEST = ".geomap-manifest"
STAGING = ".geomap-staging"
BACKUP = ".geomap-old"
SITES = ".geomap-sites"
CURRENT = ".geomap-current"
RESERVED = (MANIFEST, STAGING, BACKUP, SITES, CURRENT)
GEOMAP_MARK = re.compile(rb"data-geomap|geomap:height|=\"geomap-[\w-]*-desc\"")   # index, map pages, timeline

_MANIFEST_LINE = re.compile(r"([0-9a-f]{64})  (.+)")

Warn = Callable[[str], None]


class PublishError(Exception):
    """The output folder cannot be written; the message is one line."""


def name_problem(name: str) -> str | None:
    """Why a manifest or output path is not a plain relative path inside the folder, or None."""
    path = PurePosixPath(name)
    if not name or "\x00" in name or "\\" in name:
        return "that is empty or holds a NUL or backslash"
    if path.is_absolute():
        return "that is absolute"
    if any(part in ("..", ".") for part in name.split("/")) or "" in name.split("/"):
        return "with '..', '.' or an empty part"
    if path.parts[0] in RESERVED or path.parts[0].endswith((".partial", ".geomap-link")):
        return f"inside geomap's own {path.parts[0]}"
    return None


def read_manifest(path: Path, out: Path) -> dict[str, str | None]:
    """The claims of a manifest: path -> sha256 (None for a line of an older geomap without one).

    Raises
    ------
    PublishError
        The file is unreadable, or a line is no relative path inside `out`: nothing is touched.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError):
        raise PublishError(f"{path}: not a manifest geomap can read; delete it if geomap did not write it") from None
    claims = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        match = _MANIFEST_LINE.fullmatch(line)
        digest, name = (match.group(1), match.group(2)) if match else (None, line.strip())
        problem = name_problem(name) or leaves(out, name)
        if problem:
            raise PublishError(f"{path}:{number}: {name!r} is a path {problem}; nothing was deleted "
                               "(geomap never writes such a line: check who did)")
        claims[name] = digest
    return claims


def written_files(out: Path) -> set[Path]:
    """The files the manifest in `out` lists (read leniently: for the article reader to skip)."""
    try:
        text = (out / MANIFEST).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return set()
    names = {(m.group(2) if (m := _MANIFEST_LINE.fullmatch(line)) else line.strip()) for line in text.splitlines()}
    return {out / name for name in names if name and not name_problem(name)}


def manifest_text(claims: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in claims.items())


def leaves(out: Path, name: str) -> str | None:
    """Why `out/name` resolves outside `out` (a symlinked folder on the way), or None."""
    try:
        (out / name).resolve().relative_to(out.resolve())
    except ValueError:
        return "that leads outside the output folder (through a symbolic link)"
    return None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The sha256 of a regular file (not followed through a symbolic link), None otherwise."""
    if path.is_symlink() or not path.is_file():
        return None
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
            else digest(handle.read())


def ours(path: Path, *digests: str | None) -> bool:
    """Whether the file at `path` has one of the contents geomap recorded."""
    known = {d for d in digests if d}
    return bool(known) and file_digest(path) in known


def vouch_for_older(out: Path, previous: dict[str, str | None], new: dict[str, str]) -> dict[str, str | None]:
    """The claims of an older geomap's manifest (no hashes) given the hash of the files that
    show they are geomap's (see the module's docstring); the others keep no hash."""
    unhashed = [name for name, d in previous.items() if d is None and file_digest(out / name)]
    pages = [name for name in unhashed if name.endswith(".html")]
    marked = {name for name in pages if _marked(out / name)}
    trusted = bool(pages) and len(marked) == len(pages)
    vouched = dict(previous)
    for name in unhashed:
        found = file_digest(out / name)
        if found == new.get(name) or (trusted and (name in new or name in marked)):
            vouched[name] = found
    return vouched


def _marked(page: Path) -> bool:
    try:
        return bool(GEOMAP_MARK.search(page.read_bytes()))
    except OSError:
        return False


def check_claims(out: Path, new: dict, previous: dict, warn: Warn) -> dict[str, str]:
    """Refuse to replace a file geomap did not write; the previous files to remove (by hash).
    A file reached through geomap's links to the current site (versioned.py) is checked as
    the file it leads to: an edit made through the link is the user's."""
    for name in new:
        target = out / name
        problem = leaves(out, name)
        if problem:
            raise PublishError(f"{target}: an output path {problem}; choose another --out")
        behind = behind_link(out, name)
        if os.path.lexists(behind) and not ours(behind, previous.get(name)):
            raise PublishError(f"{target}: exists and {why_not_ours(behind, previous.get(name), name in previous)};"
                               " move it away (or delete it) or choose another --out")
    stale = {}
    for name, known in previous.items():
        target = behind_link(out, name)
        if name in new or not os.path.lexists(target):
            continue
        if ours(target, known):
            stale[name] = known
        else:
            warn(f"{out / name}: listed in {MANIFEST} but {why_not_ours(target, known, True)}; left as it is")
    return stale


def behind_link(out: Path, name: str) -> Path:
    """The file `out/name` is: itself, or the file geomap's link to the current site leads to."""
    return (out / name).resolve() if is_our_link(out, name) else out / name


def is_our_link(out: Path, name: str) -> bool:
    """Whether `out/name` is reached through one of geomap's links to the current site
    (`index.html` -> `.geomap-current/index.html`, or a file under such a folder link)."""
    top = name.split("/")[0]
    entry = out / top
    return entry.is_symlink() and os.readlink(entry) == f"{CURRENT}/{top}" and (out / CURRENT).is_symlink()


def why_not_ours(target: Path, known: str | None, claimed: bool) -> str:
    if not claimed:
        return "was not written by geomap"
    if target.is_symlink() or not target.is_file():
        return "is not a file geomap wrote (a link or a folder)"
    if known is None:
        return f"{MANIFEST} (from an older geomap) records no hash and it does not look like geomap's output"
    return "was changed since geomap wrote it"

"""The only writer of the output folder: a locked, all-or-nothing switch to the new site.

Inside the output folder `out`, besides the site:

    .geomap-manifest   what geomap wrote there: one 'sha256  path' line per file
    .geomap-staging/   the new site while it is written; its own .geomap-manifest, written
                       last, marks it complete (the commit point)
    .geomap-old/       the files the switch replaced or removed, until the switch is done

While a build writes `out` it holds a lock on the folder (flock): a second build into the
same folder fails at once with a clear message. Staging inside `out` keeps everything on one filesystem, so an output folder that is a mount
point works (a sub-folder on another device is copied, not renamed). The switch moves each
staged file in (the old one kept by a hard link in .geomap-old), removes what the new site no
longer has, then writes the manifest. An error or Ctrl-C or SIGTERM while switching moves the
old files back; a kill that leaves no chance (SIGKILL, power loss) is finished by the next
build before anything else, from the complete staging folder. Either way the folder ends with
the old site or the new one, whole; only a reader during the sub-second switch can see a mix.

The manifest is a claim, not an order: a line that is no relative path inside `out` is an
error (nothing is touched), and geomap replaces or removes a file only when its content has
the hash geomap recorded; a file that differs is left alone (with a warning when the new
site no longer has it, an error when the new site would replace it).
"""
from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import shutil
import signal
import threading
from pathlib import Path, PurePosixPath
from typing import Callable, Iterator, Mapping

MANIFEST = ".geomap-manifest"
STAGING = ".geomap-staging"
BACKUP = ".geomap-old"
CREATED = ".geomap-created"       # in .geomap-old: the files the switch adds (an undo removes them)
RESERVED = (MANIFEST, STAGING, BACKUP)

_MANIFEST_LINE = re.compile(r"([0-9a-f]{64})  (.+)")

Warn = Callable[[str], None]


class PublishError(Exception):
    """The output folder cannot be written; the message is one line."""


def publish(files: Mapping[str, str | bytes], out: Path, warn: Warn | None = None) -> list[str]:
    """Replace the site in `out` by `files`, all at once; nothing geomap did not write is touched.

    Parameters
    ----------
    files : mapping of str to str or bytes
        File contents by path relative to `out` ('/' separated); text is written as UTF-8.
    out : Path
        The output folder; created when missing.
    warn : callable, optional
        Told one line for each file of the previous site left in place because it changed
        since geomap wrote it, and when an interrupted build was finished or undone.

    Returns
    -------
    list of str
        The paths written, in the order of `files` (as the manifest lists them).

    Raises
    ------
    PublishError
        A path outside `out`, a file geomap did not write in the way, a malformed manifest,
        another build writing `out`, or a write that failed; the previous site is whole.
    """
    warn = warn or (lambda line: None)
    data = {name: content.encode("utf-8") if isinstance(content, str) else content
            for name, content in files.items()}
    for name in data:
        problem = name_problem(name)
        if problem:
            raise PublishError(f"{name!r}: an output path {problem}")
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: exists and is a file, not a folder; choose another --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out), _signals_raise():
            recover(out, warn)
            new = {name: _digest(content) for name, content in data.items()}
            previous = read_manifest(out / MANIFEST, out)
            stale = _check_claims(out, new, previous, warn)
            try:
                _stage(out, data, new)
            except BaseException:
                shutil.rmtree(out / STAGING, ignore_errors=True)
                raise
            _switch(out, new, previous, stale)
    except OSError as e:
        raise PublishError(f"{out}: cannot write the output folder ({e.strerror or e}); "
                           "the previous site was left whole") from None
    return list(data)


def name_problem(name: str) -> str | None:
    """Why a manifest or output path is not a plain relative path inside the folder, or None."""
    path = PurePosixPath(name)
    if not name or "\x00" in name or "\\" in name:
        return "that is empty or holds a NUL or backslash"
    if path.is_absolute():
        return "that is absolute"
    if any(part in ("..", ".") for part in name.split("/")) or "" in name.split("/"):
        return "with '..', '.' or an empty part"
    if path.parts[0] in RESERVED:
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
        problem = name_problem(name) or _leaves(out, name)
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


def _leaves(out: Path, name: str) -> str | None:
    """Why `out/name` resolves outside `out` (a symlinked folder on the way), or None."""
    try:
        (out / name).resolve().relative_to(out.resolve())
    except ValueError:
        return "that leads outside the output folder (through a symbolic link)"
    return None


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_digest(path: Path) -> str | None:
    """The sha256 of a regular file (not followed through a symbolic link), None otherwise."""
    if path.is_symlink() or not path.is_file():
        return None
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest() if hasattr(hashlib, "file_digest") \
            else _digest(handle.read())


def _ours(path: Path, *digests: str | None) -> bool:
    """Whether the file at `path` has one of the contents geomap recorded."""
    known = {d for d in digests if d}
    return bool(known) and _file_digest(path) in known


def _check_claims(out: Path, new: dict, previous: dict, warn: Warn) -> dict[str, str]:
    """Refuse to replace a file geomap did not write; the previous files to remove (by hash)."""
    for name in new:
        target = out / name
        problem = _leaves(out, name)
        if problem:
            raise PublishError(f"{target}: an output path {problem}; choose another --out")
        if os.path.lexists(target) and not _ours(target, previous.get(name)):
            raise PublishError(f"{target}: exists and {_why_not_ours(target, previous.get(name), name in previous)};"
                               " move it away (or delete it) or choose another --out")
    stale = {}
    for name, digest in previous.items():
        target = out / name
        if name in new or not os.path.lexists(target):
            continue
        if _ours(target, digest):
            stale[name] = digest
        else:
            warn(f"{target}: listed in {MANIFEST} but {_why_not_ours(target, digest, True)}; left as it is")
    return stale


def _why_not_ours(target: Path, digest: str | None, claimed: bool) -> str:
    if not claimed:
        return "was not written by geomap"
    if target.is_symlink() or not target.is_file():
        return "is not a file geomap wrote (a link or a folder)"
    if digest is None:
        return f"{MANIFEST} (from an older geomap) records no hash to show geomap wrote it"
    return "was changed since geomap wrote it"


@contextlib.contextmanager
def _locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the folder `out` itself (flock on the folder: no file is left
    behind, and the system releases it when the process ends, however it ends)."""
    try:
        import fcntl
    except ImportError:              # not a POSIX system: no lock
        yield
        return
    handle = os.open(out, os.O_RDONLY)
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublishError(f"{out}: another geomap build is writing this folder; "
                               "wait for it to end, or choose another --out") from None
        yield
    finally:
        os.close(handle)


def recover(out: Path, warn: Warn | None = None) -> None:
    """Finish (staging complete) or undo (otherwise) what an interrupted build left in `out`."""
    staging, backup = out / STAGING, out / BACKUP
    for own in (staging, backup):
        if own.is_symlink() or (own.exists() and not own.is_dir()):
            raise PublishError(f"{own}: not a folder geomap made (a link or a file); nothing was touched: "
                               "check it and remove it")
    if (staging / MANIFEST).is_file():
        new = read_manifest(staging / MANIFEST, out)
        previous = read_manifest(out / MANIFEST, out)
        stale = {name: d for name, d in previous.items() if name not in new and _ours(out / name, d)}
        _move_in(out, new, previous, stale)
        _finish(out, new)
        if warn:
            warn(f"{out}: finished publishing the site of a build that was interrupted")
    elif staging.exists() or backup.exists():
        _undo(out)
        if warn:
            warn(f"{out}: removed what an interrupted build had left; the site it had is whole")


def _stage(out: Path, data: dict[str, bytes], new: dict[str, str]) -> None:
    """Write every file into .geomap-staging, then its manifest (the commit point)."""
    staging = out / STAGING
    staging.mkdir()
    for name, content in data.items():
        target = staging / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
    _write_atomically(staging / MANIFEST, _manifest_text(new))


def _manifest_text(claims: dict[str, str]) -> str:
    return "".join(f"{digest}  {name}\n" for name, digest in claims.items())


def _write_atomically(path: Path, text: str) -> None:
    partial = path.with_name(path.name + ".partial")
    with partial.open("w", encoding="utf-8", newline="\n") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)


def _switch(out: Path, new: dict, previous: dict, stale: dict) -> None:
    """Move the staged site in; on any error or interruption, move the old one back."""
    try:
        _move_in(out, new, previous, stale)
        _finish(out, new)
    except BaseException:
        _undo(out)
        raise


def _move_in(out: Path, new: dict, previous: dict, stale: dict) -> None:
    """Each staged file into place (the old one backed up), then the stale ones out."""
    staging, backup = out / STAGING, out / BACKUP
    backup.mkdir(exist_ok=True)
    if not (backup / CREATED).exists():
        created = {name: d for name, d in new.items() if not os.path.lexists(out / name)}
        _write_atomically(backup / CREATED, _manifest_text(created))
    for name, digest in new.items():
        staged, target = staging / name, out / name
        if not staged.exists():
            continue                                   # moved by the interrupted run
        if os.path.lexists(target):
            if not _ours(target, previous.get(name), digest):
                raise PublishError(f"{target}: exists and was not written by geomap; move it or choose another --out")
            _back_up(target, backup / name)
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(staged, target)
    for name in stale:
        if os.path.lexists(out / name):
            (backup / name).parent.mkdir(parents=True, exist_ok=True)
            _replace(out / name, backup / name)
    _remove_empty_folders(out, stale)


def _finish(out: Path, new: dict) -> None:
    """Write the new manifest, then drop the backups and the staging folder (marker last)."""
    _write_atomically(out / MANIFEST, _manifest_text(new))
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
            if _ours(out / name, digest):
                (out / name).unlink()
        for kept in sorted(p for p in backup.rglob("*") if not p.is_dir() and p.name != CREATED):
            target = out / kept.relative_to(backup)
            target.parent.mkdir(parents=True, exist_ok=True)
            _replace(kept, target)
        _remove_empty_folders(out, created)
        shutil.rmtree(backup)
    shutil.rmtree(staging, ignore_errors=True)


def _back_up(target: Path, copy: Path) -> None:
    """Keep the old file by a hard link (a copy where links are not possible)."""
    if os.path.lexists(copy):
        return
    copy.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(target, copy, follow_symlinks=False)
    except OSError:
        shutil.copy2(target, copy, follow_symlinks=False)


def _replace(source: Path, target: Path) -> None:
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


def _remove_empty_folders(out: Path, names) -> None:
    for folder in sorted({(out / n).parent for n in names}, key=lambda p: len(p.parts), reverse=True):
        while (folder != out and folder.is_dir() and not folder.is_symlink() and not os.path.ismount(folder)
               and not any(folder.iterdir())):
            folder.rmdir()
            folder = folder.parent


@contextlib.contextmanager
def _signals_raise() -> Iterator[None]:
    """While publishing, SIGTERM raises SystemExit (so the switch is undone) instead of killing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(128 + signum)

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)

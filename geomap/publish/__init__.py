"""The only writer of the output folder: a locked, all-or-nothing switch to the new site.

While a build writes the output folder `out` it holds a lock on the folder (flock): a second
build into the same folder fails at once with a clear message. Everything is written inside
`out` (so an output folder that is a mount point works), as a whole new version of the site,
before anything readers see changes; then the switch:

- where symbolic links can be made (POSIX file systems), in one step a reader cannot see half
  of: every address of the site (`index.html`, `maps/...`) is a link through one link,
  `.geomap-current`, to the current version's folder, and the switch is one rename(2) of that
  link (geomap/publish/versioned.py). Addresses never change, so embeds and bookmarks keep
  working; the version before stays, for a reader following `.geomap-current` to finish it.
- elsewhere (no symbolic links, or a sub-folder of the site that is a mount point, which must
  be written into), file by file, all of them or none (geomap/publish/in_place.py): a reader
  during the sub-second switch can see a mix.

An error, Ctrl-C or SIGTERM while switching undoes it; a kill that leaves no chance (SIGKILL,
power loss) is finished or undone by the next build before anything else. The manifest is a
claim, not an order (geomap/publish/claims.py): geomap replaces or removes a file only when
its content has the hash geomap recorded.
"""
from __future__ import annotations

import contextlib
import os
import signal
import threading
from pathlib import Path
from typing import Iterator, Mapping

from .claims import (BACKUP, MANIFEST, SITES, STAGING, PublishError, Warn, check_claims, digest,
                     name_problem, read_manifest, vouch_for_older, written_files)
from .in_place import CREATED, publish_in_place, recover_in_place
from .versioned import current_version, publish_versioned, recover_versioned, top_names, usable

__all__ = ["MANIFEST", "PublishError", "name_problem", "publish", "read_manifest", "recover", "written_files"]


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
            new = {name: digest(content) for name, content in data.items()}
            previous = vouch_for_older(out, read_manifest(out / MANIFEST, out), new)
            stale = check_claims(out, new, previous, warn)
            if usable(out, top_names(new)):
                publish_versioned(out, data, new, previous, stale, warn)
            else:
                publish_in_place(out, data, new, previous, stale)
    except OSError as e:
        raise PublishError(f"{out}: cannot write the output folder ({e.strerror or e}); "
                           "the previous site was left whole") from None
    return list(data)


def recover(out: Path, warn: Warn | None = None) -> None:
    """Finish (committed) or undo (otherwise) what an interrupted build left in `out`."""
    warn = warn or (lambda line: None)
    for own in (out / STAGING, out / BACKUP, out / SITES):
        if own.is_symlink() or (own.exists() and not own.is_dir()):
            raise PublishError(f"{own}: not a folder geomap made (a link or a file); nothing was touched: "
                               "check it and remove it")
    current_version(out)                      # a .geomap-current geomap did not make is an error
    if (out / STAGING).exists() or (out / BACKUP / CREATED).exists() or not (out / SITES).is_dir():
        recover_in_place(out, warn)
    recover_versioned(out, warn)


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

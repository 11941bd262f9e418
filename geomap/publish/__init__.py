"""The only writer of the output folder: a locked, all-or-nothing switch to the new site.

While a build writes the output folder `out` it holds a lock on the folder (flock): a second
build into the same folder fails at once with a clear message. Everything is written inside
`out` (so an output folder that is a mount point works), as a whole new version of the site,
before anything readers see changes (file by file as it is rendered, into `.geomap-staging/`:
geomap/publish/staging.py); then the switch:

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
import shutil
import signal
import threading
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from .claims import (BACKUP, MANIFEST, SITES, STAGING, PublishError, Warn, check_claims, name_problem,
                     read_manifest, vouch_for_older, written_files)
from .in_place import CREATED, publish_in_place, recover_in_place
from .staging import stage
from .versioned import current_version, publish_versioned, recover_versioned, top_names, usable

__all__ = ["MANIFEST", "PublishError", "name_problem", "publish", "read_manifest", "recover", "written_files"]


def publish(files: Mapping[str, str | bytes] | Iterable[tuple[str, str | bytes]], out: Path,
            warn: Warn | None = None) -> list[str]:
    """Replace the site in `out` by `files`, all at once; nothing geomap did not write is touched.

    Parameters
    ----------
    files : mapping of str to str or bytes, or iterable of (str, str or bytes)
        File contents by path relative to `out` ('/' separated); text is written as UTF-8; a
        content may also be text in pieces (an iterable of str), written as the pieces come.
        An iterable (a generator rendering the site) is consumed file by file, each written
        into the staging folder as it comes (geomap/publish/staging.py): the site is never held whole.
    out : Path
        The output folder; created when missing.
    warn : callable, optional
        Told one line for each file of the previous site left in place because it changed
        since geomap wrote it, and when an interrupted build was finished or undone.

    Returns
    -------
    list of str
        The paths written, sorted (as the manifest lists them).

    Raises
    ------
    PublishError
        A path outside `out` (or given twice), a file geomap did not write in the way, a
        malformed manifest, another build writing `out`, or a write that failed; the previous
        site is whole. An error raised by `files` itself (the renderer) goes through, the
        previous site whole too.
    """
    warn = warn or (lambda line: None)
    items = files.items() if isinstance(files, Mapping) else files
    if out.exists() and not out.is_dir():
        raise PublishError(f"{out}: exists and is a file, not a folder; choose another --out")
    try:
        out.mkdir(parents=True, exist_ok=True)
        with _locked(out), _signals_raise():
            recover(out, warn)
            new = stage(out, items)
            _switch(out, new, warn)
    except OSError as e:
        raise PublishError(f"{out}: cannot write the output folder ({e.strerror or e}); "
                           "the previous site was left whole") from None
    return list(new)


def _switch(out: Path, new: dict[str, str], warn: Warn) -> None:
    """From the staged files to the published site, in the layout the folder can take."""
    try:
        previous = vouch_for_older(out, read_manifest(out / MANIFEST, out), new)
        stale = check_claims(out, new, previous, warn)
        versioned = usable(out, top_names(new))
    except BaseException:
        shutil.rmtree(out / STAGING, ignore_errors=True)
        raise
    if versioned:
        publish_versioned(out, new, previous, stale, warn)
    else:
        publish_in_place(out, new, previous, stale)


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

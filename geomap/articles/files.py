"""Which files are articles, and the error every step of reading one raises.

In a folder, every .txt/.md/.html file is an article except: hidden files and folders, a
README.md, every file geomap published (listed in a `.geomap-manifest`: an output folder inside
or equal to the articles folder is never read back as articles), and a symbolic link
that leads outside the folder given (skipped with a message naming it).
"""
from __future__ import annotations

import os
from pathlib import Path

from ..publish import MANIFEST, written_files

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


class ArticleError(Exception):
    """An article that cannot be read; the message is one line naming the file."""


def find_article_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The article files under the given files and folders, sorted; and what was skipped."""
    files, skipped = [], []
    for path in paths:
        if not path.exists():
            raise ArticleError(f"{path}: no such file or folder")
        if path.is_dir():
            found = _articles_under(path, skipped)
            if not found:
                skipped.append(f"{path}: no .txt or .md articles in this folder")
            files.extend(found)
        else:
            files.append(path)
    unique = sorted(dict.fromkeys(files), key=lambda p: (p.name, str(p)))
    return unique, skipped


def _articles_under(folder: Path, skipped: list[str]) -> list[Path]:
    """The article files under a folder (see the module docstring), sorted."""
    root = folder.resolve()
    found, written = [], set()
    for parent, folders, names in os.walk(folder, followlinks=False):
        here = Path(parent)
        if MANIFEST in names:
            written |= written_files(here)           # geomap's output: never articles
        folders[:] = sorted(f for f in folders if not f.startswith(".") and _inside(here / f, root, skipped))
        for name in names:
            path = here / name
            if (path.suffix.lower() in ARTICLE_SUFFIXES and not name.startswith(".")
                    and name.lower() != "readme.md" and path.is_file() and path not in written
                    and _inside(path, root, skipped)):
                found.append(path)
    return sorted(found)


def _inside(path: Path, root: Path, skipped: list[str]) -> bool:
    """Whether a path (a symbolic link followed) stays inside the articles folder; if not, say so."""
    if not path.is_symlink():
        return True
    try:
        path.resolve().relative_to(root)
        return True
    except (ValueError, OSError, RuntimeError):
        skipped.append(f"{path}: a symbolic link leading outside {root}; not read")
        return False

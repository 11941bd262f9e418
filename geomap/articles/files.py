"""Which files are articles, and the error every step of reading one raises."""
from __future__ import annotations

from pathlib import Path

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
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and not p.name.startswith(".") and p.name.lower() != "readme.md")
            if not found:
                skipped.append(f"{path}: no .txt or .md articles in this folder")
            files.extend(found)
        else:
            files.append(path)
    unique = sorted(dict.fromkeys(files), key=lambda p: (p.name, str(p)))
    return unique, skipped

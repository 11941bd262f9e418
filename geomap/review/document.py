"""The reviewed events file as a document: read with every line known, written back with the
user's comments, order and layout kept (ruamel.yaml's round trip).

The file is a mapping of date groups ('2016-12-12', or 'undated') to lists of event entries.
Dates are read as text, never by YAML itself, so an impossible date ('2016-13-40') is a
problem of its entry with a line, not a crash of the reader; they are written back plain.
"""
from __future__ import annotations

import datetime
import io
import os
import tempfile
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError

from geomap import lang

TIMESTAMP = "tag:yaml.org,2002:timestamp"
TEXT = "tag:yaml.org,2002:str"
UNDATED = "undated"


class ReviewError(Exception):
    """A reviewed events file that cannot be used; the message is one line with file and line."""


class DateText(str):
    """A date as the file writes it ('2016-12-12', or '2016-13-40' until it is corrected)."""


def _construct_date(constructor, node) -> DateText:
    return DateText(constructor.construct_scalar(node))


def _represent_date(representer, data):
    text = data.isoformat() if isinstance(data, datetime.date) else str(data)
    return representer.represent_scalar(TIMESTAMP, text)


INDICATORS = frozenset("?:-[]{},#&*!|>'\"%@`")


def _represent_text(representer, data: str):
    """Text as YAML reads it back the same: in double quotes (escaped) when it holds a control
    character or a line or paragraph separator that a plain or single-quoted scalar would not keep,
    or starts with a character YAML reads as syntax."""
    unsafe = any(unicodedata.category(ch) in ("Cc", "Zl", "Zp") and ch != "\n" for ch in data) \
        or data[:1] in INDICATORS   # "?0" in a flow list ("[?0]") reads back as a mapping key
    return representer.represent_scalar(TEXT, data, style='"' if unsafe else None)


def yaml_handler() -> YAML:
    """The round-trip YAML reader and writer of review files: dates as text, no line folding."""
    handler = YAML()
    handler.constructor.add_constructor(TIMESTAMP, _construct_date)
    handler.representer.add_representer(DateText, _represent_date)
    handler.representer.add_representer(datetime.date, _represent_date)
    handler.representer.add_representer(str, _represent_text)
    handler.preserve_quotes = True
    handler.indent(mapping=2, sequence=4, offset=2)
    handler.width = 4096
    handler.allow_unicode = True
    handler.representer.ignore_aliases = lambda data: True   # every date written out, no &anchors
    return handler


@dataclass
class ReviewFile:
    """A reviewed events file: its path and its groups (date -> list of entries)."""
    path: Path
    groups: CommentedMap

    def entries(self) -> list[CommentedMap]:
        """Every entry, in the file's order."""
        return [entry for _, entry in self.placed()]

    def placed(self) -> list[tuple[str, CommentedMap]]:
        """(group, entry) for every entry, in the file's order (entries that are no mapping left out)."""
        return [(str(group), entry) for group, items in self.groups.items()
                for entry in (items or []) if isinstance(entry, CommentedMap)]

    def where(self, container=None, key=None) -> str:
        """'file:line' of a key of a mapping, an item of a list, or the container itself."""
        line = line_of(container, key) if container is not None else None
        return f"{self.path}:{line}" if line else str(self.path)

    def add(self, group: str, entry: CommentedMap) -> None:
        """Append an entry to its date group, making the group in date order when it is new."""
        if self.groups.get(group) is None:
            if group not in self.groups:
                self.groups.insert(_group_position(self.groups, group), DateText(group), CommentedSeq())
            else:
                self.groups[group] = CommentedSeq()
        self.groups[group].append(entry)


def line_of(container, key=None) -> int | None:
    """The line (from 1) of a key of a ruamel mapping or an item of a list; of the container
    itself when `key` is None; None when ruamel did not read it from a file."""
    lc = getattr(container, "lc", None)
    if lc is None or lc.line is None:
        return None
    try:
        if key is None:
            return lc.line + 1
        if isinstance(container, CommentedSeq):
            return lc.item(key)[0] + 1
        return lc.value(key)[0] + 1
    except (KeyError, IndexError, TypeError):
        return lc.line + 1


def _group_position(groups: CommentedMap, group: str) -> int:
    """Where a new date group goes: before the first group that sorts after it ('undated' last)."""
    keys = [str(k) for k in groups]
    return next((i for i, key in enumerate(keys) if key > group), len(keys))


def read(path: Path) -> ReviewFile:
    """The reviewed events file at `path`.

    Raises
    ------
    ReviewError
        Not readable, not YAML, or not a mapping of date groups to lists: one line with the
        file and the line.
    """
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        raise ReviewError(f"{path}: not a readable UTF-8 text file") from None
    try:
        groups = yaml_handler().load(text)
    except YAMLError as e:
        mark = _error_mark(e)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        raise ReviewError(f"{where}: not valid YAML ({getattr(e, 'problem', None) or e})") from None
    except (ValueError, TypeError, RecursionError) as e:
        raise ReviewError(f"{path}: a value YAML cannot read ({e})") from None
    if groups is None:
        groups = new(path).groups
    if not isinstance(groups, CommentedMap):
        raise ReviewError(f"{path}:1: must be a mapping of dates (YYYY-MM-DD, or '{UNDATED}') to lists of events")
    for group, items in groups.items():
        if items is not None and not isinstance(items, CommentedSeq):
            raise ReviewError(f"{path}:{line_of(groups, group)}: the events of '{group}' must be a list "
                              "('- ' before each event)")
    return ReviewFile(path, groups)


def _error_mark(error: YAMLError):
    """Where a YAML error is: for an unclosed bracket or quote, where it opened, not where the
    parser gave up."""
    problem, context = getattr(error, "problem_mark", None), getattr(error, "context_mark", None)
    unclosed = any(word in (getattr(error, "context", None) or "") for word in ("flow", "quoted"))
    return context if context is not None and (unclosed or problem is None) else problem


def new(path: Path) -> ReviewFile:
    """An empty reviewed events file, with the comment that says how to edit it."""
    groups = CommentedMap()
    groups.yaml_set_start_comment(lang.shared("messages")["review"]["header"])
    return ReviewFile(path, groups)


def dump(review_file: ReviewFile) -> str:
    """The file's text."""
    out = io.StringIO()
    yaml_handler().dump(review_file.groups, out)
    return out.getvalue()


def write(review_file: ReviewFile) -> None:
    """Write the file whole or not at all: to a temporary file beside it, then moved over it."""
    path = review_file.path
    text = dump(review_file)
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
        os.replace(temporary, path)
    except OSError as e:
        if temporary and os.path.exists(temporary):
            os.remove(temporary)
        raise ReviewError(f"{path}: cannot write the reviewed events ({e.strerror or e})") from None

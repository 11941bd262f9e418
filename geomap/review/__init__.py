"""The journalist's review loop: the reviewed events file (events.yaml beside the config) that
`geomap extract` writes and merges, `geomap check` validates and `geomap build` draws from.

Modules, each importing only the ones above it:

    document   reading (every value's line known) and writing (comments and order kept) the file
    entries    an event as an entry and back; the fingerprint that shows a hand-made change
    checks     the entries held to the gazetteer, the sides and the vocabularies, with lines
    ids        which entry an extracted event is (same quoted sentence, else same id); new ids
    merging    a new extraction merged into the file without losing what the user wrote
    apply      the events a build draws, and those awaiting review

`open_checked` and `merge_extraction` are what geomap.pipeline calls.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geomap.models import Event

from . import apply, checks, document
from .document import ReviewError, ReviewFile
from .merging import MergeSummary, merge

__all__ = ["ReviewError", "ReviewFile", "Reviewed", "open_checked", "problems_in", "merge_extraction", "with_file_places"]


@dataclass
class Reviewed:
    """A reviewed file merged with a run's extraction: the file, what the merge did, every
    event of the file, the events drawn and those awaiting review."""
    file: ReviewFile
    summary: MergeSummary
    every: list[Event]
    events: list[Event]
    awaiting: list[Event]


def with_file_places(review_file: ReviewFile, gazetteer):
    """The gazetteer with the GeoNames towns the file names that this run did not add (an
    event placed there by hand, or one whose article is gone)."""
    wanted = {str(pid) for entry in review_file.entries()
              for pid in [entry.get("place"), *(entry.get("route") or [])] if isinstance(pid, str)}
    missing = sorted(pid for pid in wanted if pid.startswith("geonames-") and pid not in gazetteer)
    if not missing:
        return gazetteer
    from geomap.gazetteer.geonames import GeoNamesLookup
    lookup = GeoNamesLookup()
    found = [place for place in (lookup.by_id(pid) for pid in missing) if place]
    return gazetteer.with_places(found) if found else gazetteer


def open_checked(path: Path, gazetteer, sides, must_exist: bool = True) -> tuple[ReviewFile, object]:
    """The reviewed file at `path` (a new empty one when it does not exist and need not), checked;
    and the gazetteer with the places it names.

    Raises
    ------
    ReviewError
        The file cannot be read, or an entry is wrong: the first problem in one line, with the
        file and line, and how many more there are.
    """
    if not path.exists():
        if must_exist:
            raise ReviewError(f"{path}: no such reviewed events file (`geomap extract` writes it)")
        return document.new(path), gazetteer
    review_file = document.read(path)
    gazetteer = with_file_places(review_file, gazetteer)
    found = checks.problems(review_file, gazetteer, sides)
    if found:
        more = (f" (and {len(found) - 1} more problem{'s' if len(found) > 2 else ''}: `geomap check` lists them)"
                if len(found) > 1 else "")
        raise ReviewError(found[0] + more)
    return review_file, gazetteer


def problems_in(path: Path, gazetteer, sides) -> list[str]:
    """Every problem of the reviewed file at `path`, one line each with file and line (for
    `geomap check`); empty when it is sound."""
    try:
        review_file = document.read(path)
    except ReviewError as e:
        return [str(e)]
    return checks.problems(review_file, with_file_places(review_file, gazetteer), sides)


def merge_extraction(review_file: ReviewFile, events: list[Event], place_name, articles_read: set[str],
                     hide_unverified: bool = False) -> Reviewed:
    """Merge a run's events into the (checked) file in place; the events a build draws from it."""
    summary = merge(review_file, events, place_name, articles_read)
    every = apply.file_events(review_file)
    return Reviewed(review_file, summary, every, apply.drawn(every, hide_unverified), apply.awaiting(every))

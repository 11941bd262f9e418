"""The entries of a reviewed file held to what a build can draw: one line per problem, with the
file and the line of the value at fault.

An entry is a mapping of known keys (geomap.review.entries), with a review state, an event type,
precision and status of the vocabularies of geomap.models, real dates (YYYY-MM-DD), places
and routes of the gazetteer, sides of the config, and an id unique in the file (an entry added
by hand may leave it out: it is given one).
"""
from __future__ import annotations

import datetime
import difflib
import re

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from geomap.models import EVENT_TYPES, PRECISIONS, PUBLISHED_BASES, REVIEW_STATES, STATUSES

from .document import UNDATED, ReviewFile
from .entries import ENTRY_KEYS, SOURCE_KEYS

CHOICES = {"review": REVIEW_STATES, "type": EVENT_TYPES, "precision": PRECISIONS, "status": STATUSES}
LISTS_OF_TEXT = ("actors", "flags")
DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def problems(review_file: ReviewFile, gazetteer, sides) -> list[str]:
    """Every problem of the file, one line each ('file:line: what is wrong'); empty when sound.

    Parameters
    ----------
    review_file : ReviewFile
        The file as read.
    gazetteer : Gazetteer
        The places the entries may name (with those the build adds).
    sides : sequence of str
        The sides a control change may give (`to`, `from`).
    """
    found = []
    for group in review_file.groups:
        if str(group) != UNDATED and not _is_day(group):
            found.append(f"{review_file.where(review_file.groups, group)}: '{group}' is no date group "
                         f"(YYYY-MM-DD or '{UNDATED}')")
        for index, entry in enumerate(review_file.groups[group] or []):
            if not isinstance(entry, CommentedMap):
                found.append(f"{review_file.where(review_file.groups[group], index)}: an event must be a "
                             "mapping of 'key: value' lines")
                continue
            found += entry_problems(review_file, entry, gazetteer, sides)
    return found + _duplicate_ids(review_file)


def entry_problems(review_file: ReviewFile, entry: CommentedMap, gazetteer, sides) -> list[str]:
    """The problems of one entry."""
    def at(key=None, container=entry):
        return review_file.where(container, key)

    found = [f"{at(key)}: unknown key '{key}'{_did_you_mean(key, ENTRY_KEYS)}" for key in entry if key not in ENTRY_KEYS]
    for key in ("type", "review"):
        if entry.get(key) in (None, ""):
            found.append(f"{at()}: the event has no '{key}' (one of {', '.join(CHOICES[key])})")
    for key, choices in CHOICES.items():
        value = entry.get(key)
        if value not in (None, "") and value not in choices:
            found.append(f"{at(key)}: unknown {key} '{value}'{_did_you_mean(value, choices)} "
                         f"(one of {', '.join(choices)})")
    if not entry.get("id") and entry.get("review") != "manual":
        found.append(f"{at()}: the event has no id (only an event added by hand, review: manual, may leave it out)")
    found += _date_problems(entry, at)
    found += _place_problems(entry, at, gazetteer)
    found += _side_problems(entry, at, sides)
    found += _list_problems(entry, at)
    if entry.get("people") is not None and (not isinstance(entry["people"], int) or isinstance(entry["people"], bool)
                                            or entry["people"] < 0):
        found.append(f"{at('people')}: people must be a whole number, not '{entry['people']}'")
    return found + _source_problems(review_file, entry.get("sources"), at)


def _is_day(value) -> bool:
    """A real day written YYYY-MM-DD."""
    if isinstance(value, datetime.date):
        return True
    if not DAY.fullmatch(str(value)):
        return False
    try:
        datetime.date.fromisoformat(str(value))
    except ValueError:
        return False
    return True


def _date_problems(entry, at) -> list[str]:
    found = []
    value = entry.get("date")
    if value not in (None, "") and not _is_day(value):
        found.append(f"{at('date')}: '{value}' is not a real date (YYYY-MM-DD)")
    window = entry.get("window")
    if window is not None:
        if not isinstance(window, list) or len(window) != 2 or not all(_is_day(d) for d in window):
            found.append(f"{at('window')}: window must be [first day, last day], as YYYY-MM-DD")
        elif str(window[0]) > str(window[1]):
            found.append(f"{at('window')}: the window ends before it begins")
    return found


def _place_problems(entry, at, gazetteer) -> list[str]:
    found = []
    place = entry.get("place")
    if place not in (None, "") and str(place) not in gazetteer:
        found.append(f"{at('place')}: unknown place '{place}'{_did_you_mean(str(place), _ids(gazetteer))}"
                     " (`geomap places NAME` gives a place's id)")
    route = entry.get("route")
    if route is not None and not isinstance(route, list):
        found.append(f"{at('route')}: route must be a list of place ids, [from, ..., to]")
    for stop in route if isinstance(route, list) else ():
        if str(stop) not in gazetteer:
            found.append(f"{at('route')}: unknown place '{stop}' in the route{_did_you_mean(str(stop), _ids(gazetteer))}")
    if entry.get("review") == "manual" and not (place or route or entry.get("place_name")):
        found.append(f"{at()}: an event added by hand needs a place (a gazetteer id), a route or a place_name")
    return found


def _ids(gazetteer) -> list[str]:
    return [p.id for p in gazetteer]


def _side_problems(entry, at, sides) -> list[str]:
    return [f"{at(key)}: unknown side '{entry[key]}'{_did_you_mean(str(entry[key]), sides)} "
            f"(the sides of the config: {', '.join(sides)})"
            for key in ("to", "from") if entry.get(key) not in (None, "") and entry[key] not in sides]


def _list_problems(entry, at) -> list[str]:
    return [f"{at(key)}: {key} must be a list of text" for key in LISTS_OF_TEXT
            if entry.get(key) is not None and (not isinstance(entry[key], list)
                                                or not all(isinstance(v, str) for v in entry[key]))]


def _source_problems(review_file: ReviewFile, sources, at) -> list[str]:
    if sources is None:
        return []
    if not isinstance(sources, CommentedSeq):
        return [f"{at('sources')}: sources must be a list of mappings (article, quote, ...)"]
    found = []
    for index, source in enumerate(sources):
        if not isinstance(source, CommentedMap):
            found.append(f"{review_file.where(sources, index)}: a source must be a mapping (article, quote, ...)")
            continue
        def where(key, source=source):
            return review_file.where(source, key)
        found += [f"{where(key)}: unknown key '{key}' in a source{_did_you_mean(key, SOURCE_KEYS)}"
                  for key in source if key not in SOURCE_KEYS]
        if source.get("published") not in (None, "") and not _is_day(source["published"]):
            found.append(f"{where('published')}: '{source['published']}' is not a real date (YYYY-MM-DD)")
        if source.get("published_basis") not in (None, *PUBLISHED_BASES):
            found.append(f"{where('published_basis')}: unknown published_basis '{source['published_basis']}' "
                         f"(one of {', '.join(PUBLISHED_BASES)})")
        found += [f"{where(key)}: {key} must be a whole number (an offset in the article)"
                  for key in ("start", "end") if source.get(key) is not None
                  and (not isinstance(source[key], int) or isinstance(source[key], bool))]
    return found


def _duplicate_ids(review_file: ReviewFile) -> list[str]:
    seen, found = {}, []
    for _, entry in review_file.placed():
        key = entry.get("id")
        if not key:
            continue
        if key in seen:
            found.append(f"{review_file.where(entry, 'id')}: id '{key}' is also the id of the event at line {seen[key]}")
        else:
            seen[key] = review_file.where(entry, "id").rpartition(":")[2]
    return found


def _did_you_mean(value, choices) -> str:
    """' (did you mean 'x'?)': the choice that begins with the value, else the closest spelling."""
    choices = [str(c) for c in choices]
    close = sorted(c for c in choices if c.startswith(str(value)) and c != str(value))[:1] \
        or difflib.get_close_matches(str(value), choices, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""

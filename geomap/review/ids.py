"""Which entry of the reviewed file each event of a new extraction is, and the ids of the new ones.

An event's id is made once, when it is first extracted, from what makes the event itself:
its type, place or route, side and day (geomap.merge.event_id). From then on the file keeps
it: a new extraction's event is the entry that quotes the same sentence of the same article
(article and offset), whatever the event's day, place or side now says; failing that, the
entry with its id. So a later article that moves an event's day, or a journalist who corrects
it, does not make it a new event: it keeps its id in the file, in events.geojson and in
events.csv. An event found for the first time takes its own id, made unique in the file.
"""
from __future__ import annotations

import hashlib
import re

from geomap.merge import event_id
from geomap.models import Event

SEE_ID = re.compile(r"\bev-[0-9a-f]{10}(?:-[0-9a-f]+)?\b")


def source_keys(sources) -> set[tuple[str, int]]:
    """(article, offset) of every source: what makes a report the same report in every run."""
    return {(s.article, s.start) for s in sources}


def match(fresh: list[Event], known: list[Event]) -> dict[int, int]:
    """index in `fresh` -> index in `known` of the same event. An event is the known one that
    shares most of its sources (the one with its id first), else the one with its id; each
    known event is matched once, and the fresh events are taken in their order."""
    claimed: dict[int, int] = {}
    taken: set[int] = set()
    keys = [source_keys(e.sources) for e in known]
    for i, event in enumerate(fresh):
        mine = source_keys(event.sources)
        sharing = [(j, len(mine & keys[j])) for j in range(len(known)) if j not in taken and mine & keys[j]]
        if sharing:
            j = max(sharing, key=lambda pair: (known[pair[0]].id == event.id, pair[1], -pair[0]))[0]
            claimed[i] = j
            taken.add(j)
    by_id = {e.id: j for j, e in enumerate(known) if e.id}
    for i, event in enumerate(fresh):
        j = by_id.get(event.id)
        if i not in claimed and j is not None and j not in taken:
            claimed[i] = j
            taken.add(j)
    return claimed


def unique_id(event: Event, used: set[str]) -> str:
    """The event's own id, or, when the file already gives it to another event, the same id
    followed by a hash of its sources (the same every run)."""
    if event.id not in used:
        return event.id
    salt = "|".join(f"{article}:{start}" for article, start in sorted(source_keys(event.sources)))
    for attempt in range(1000):
        candidate = f"{event.id}-{hashlib.sha1(f'{salt}|{attempt}'.encode('utf-8')).hexdigest()[:6]}"
        if candidate not in used:
            return candidate
    raise ValueError(f"no free id for {event.id}")  # a thousand collisions: a bug, not input


def manual_id(entry_event: Event, used: set[str]) -> str:
    """The id of an event added by hand without one: from its fields, like every id."""
    entry_event.id = event_id(entry_event)
    return unique_id(entry_event, used)


def renamed_flags(flags: list[str], renamed: dict[str, str]) -> list[str]:
    """Flags that name other events ('see ev-…') with those events' ids in the file."""
    return sorted({SEE_ID.sub(lambda m: renamed.get(m.group(0), m.group(0)), flag) for flag in flags})

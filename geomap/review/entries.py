"""An event as an entry of the reviewed file, and an entry as an event; the fingerprint that
tells an entry the user changed from one as the machine wrote it.

An entry holds every field of an Event (`EVENT_KEYS`), and, for reading only, how its day was
found (`date_basis`), how many articles tell it (`corroboration`) and the fingerprint of what
the machine wrote. Entries are checked (geomap.review.checks) before they are read back.
"""
from __future__ import annotations

import datetime
import hashlib
import json

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from geomap import lang
from geomap.models import Event, Source

from .document import UNDATED

EVENT_KEYS = ("id", "review", "type", "date", "precision", "window", "place", "place_name", "route", "to",
              "from", "actors", "status", "people", "flags", "sources")
READING_KEYS = ("date_basis", "corroboration", "fingerprint")
ENTRY_KEYS = EVENT_KEYS + READING_KEYS
SOURCE_KEYS = ("article", "outlet", "title", "url", "published", "published_basis", "start", "end", "quote")
OPTIONAL_SOURCE_KEYS = ("outlet", "title", "url")


def group_of(event: Event) -> str:
    """The date group an event's entry is added to."""
    return event.date.isoformat() if event.date else UNDATED


def _flow(items) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def to_entry(event: Event, place_name: str) -> CommentedMap:
    """The entry of an event (`place_name`: its place's label, or the place as written)."""
    entry = CommentedMap()
    entry["id"] = event.id
    entry["review"] = event.review or "extracted"
    entry["type"] = event.type
    entry["date"] = event.date
    entry["precision"] = event.precision
    if event.window:
        entry["window"] = _flow(list(event.window))
    entry["date_basis"] = date_basis(event)
    entry["place"] = event.place_id
    entry["place_name"] = place_name
    if event.route:
        entry["route"] = _flow(list(event.route))
    if event.type == "control_change":
        entry["to"], entry["from"] = event.to, event.from_
    if event.actors:
        entry["actors"] = _flow([a for a in event.actors])
    entry["status"] = event.status
    if event.people is not None:
        entry["people"] = event.people
    entry["corroboration"] = event.corroboration
    if event.flags:
        entry["flags"] = CommentedSeq(f for f in event.flags)
    entry["sources"] = CommentedSeq(_source_entry(s) for s in event.sources)
    entry["fingerprint"] = fingerprint(event)
    return entry


def _source_entry(source: Source) -> CommentedMap:
    entry = CommentedMap()
    entry["article"] = source.article
    for key in OPTIONAL_SOURCE_KEYS:
        if getattr(source, key):
            entry[key] = getattr(source, key)
    entry["published"] = source.published
    entry["published_basis"] = source.published_basis
    entry["start"], entry["end"] = source.start, source.end
    entry["quote"] = source.sentence
    return entry


def date_basis(event: Event) -> str:
    """How the event's day was found: a flag saying which report gave it, else its precision."""
    filled = next((flag for flag in event.flags if flag.startswith("date: ")), None)
    if filled:
        return filled.removeprefix("date: ")
    words = lang.shared("messages")["review"]["date_basis"]
    if event.window:
        return words["window"]
    return words.get(event.precision, words["unknown"]) if event.date else words["unknown"]


def day(value) -> datetime.date | None:
    """A date of a checked entry (text, or a date object set by the code)."""
    if value is None or value == "":
        return None
    return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))


def to_event(entry) -> Event:
    """The event of a checked entry."""
    when = day(entry.get("date"))
    window = entry.get("window")
    return Event(type=str(entry["type"]), date=when,
                 precision=str(entry.get("precision") or ("day" if when else "unknown")),
                 window=(day(window[0]), day(window[1])) if window else None,
                 place_id=_text(entry.get("place")), route=tuple(str(p) for p in entry.get("route") or ()),
                 to=_text(entry.get("to")), from_=_text(entry.get("from")),
                 actors=tuple(str(a) for a in entry.get("actors") or ()),
                 status=str(entry.get("status") or "happened"), people=entry.get("people"),
                 place_text=str(entry.get("place_name") or ""),
                 sources=[_source(s) for s in entry.get("sources") or ()],
                 flags=[str(f) for f in entry.get("flags") or ()],
                 id=str(entry.get("id") or ""), review=str(entry.get("review") or "extracted"))


def _source(entry) -> Source:
    return Source(article=str(entry.get("article") or ""), sentence=str(entry.get("quote") or ""),
                  start=int(entry.get("start") or 0), end=int(entry.get("end") or 0),
                  outlet=_text(entry.get("outlet")), url=_text(entry.get("url")), title=_text(entry.get("title")),
                  published=day(entry.get("published")),
                  published_basis=str(entry.get("published_basis") or "none"))


def _text(value) -> str | None:
    return None if value is None or value == "" else str(value)


def fingerprint(event: Event) -> str:
    """A short hash of what an entry says of its event (not its id, review or reading fields):
    the same for the event and for its entry read back, different once a field is changed."""
    fields = [event.type, event.date, event.precision, event.window, event.place_id,
              "" if event.place_id else event.place_text, event.route, event.to,
              event.from_, event.actors, event.status, event.people, event.flags,
              [(s.article, s.sentence, s.start, s.end, s.outlet or None, s.url or None, s.title or None,
                s.published, s.published_basis) for s in event.sources]]
    text = json.dumps(fields, default=str, ensure_ascii=False)
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


def changed_by_hand(entry) -> bool:
    """An entry marked extracted whose fields are no longer what the machine wrote."""
    return str(entry.get("fingerprint") or "") != fingerprint(to_event(entry))

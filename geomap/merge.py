"""Join the reports of one event told several times; flag reports that contradict.

Two reports are one event when they have the same type, place (or route) and side, and
days that agree: the same day, or one day inside the other's window ("récemment"). Less
precise reports fold into more precise ones: a strike "à Alep" into a strike on a district
of Aleppo the same day; an evacuation from East Aleppo into a route that starts there.
A control change whose taker the text does not say joins a report of the same place that
says it, or is left out (returned apart, for the build log). Reports of one place changing
hands to different sides, or on different days, are kept and flagged against each other.
"""
from __future__ import annotations

import hashlib
from datetime import date

from .models import Event

STATUS_ORDER = {"happened": 0, "attempted": 1, "failed": 2, "planned": 3}


def merge_events(events: list[Event], gazetteer) -> tuple[list[Event], list[Event]]:
    """Distinct events with all their sources, sorted and with stable ids; and the reports
    left out because they could not be completed."""
    merged = _join(events, _same_event)
    merged = _fold_into(merged, lambda a, b: _less_precise_point(a, b, gazetteer))
    merged = _fold_into(merged, lambda a, b: _point_inside_route(a, b, gazetteer))
    merged, incomplete = _complete_control_changes(merged)
    for event in merged:
        event.id = event_id(event)
    _flag_contradictions(merged)
    return sorted(merged, key=sort_key), incomplete


def sort_key(event: Event):
    return (event.date or date.max, event.type, event.place_id or "", event.route, event.to or "", event.id)


def event_id(event: Event) -> str:
    """A stable id from what makes the event itself (not from its sources)."""
    key = "|".join([event.type, str(event.date), event.place_id or event.place_text, ",".join(event.route),
                    event.to or ""])
    return "ev-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]


# ---------------------------------------------------------------- same event

def _days_agree(a: Event, b: Event) -> bool:
    if a.date is None or b.date is None:
        return a.date is None and b.date is None
    if a.date == b.date:
        return True
    return _within(a.date, b.window) or _within(b.date, a.window) or _windows_overlap(a, b)


def _within(day: date, window) -> bool:
    return bool(window) and window[0] <= day <= window[1]


def _windows_overlap(a: Event, b: Event) -> bool:
    return bool(a.window and b.window) and a.window[0] <= b.window[1] and b.window[0] <= a.window[1]


def _same_event(a: Event, b: Event) -> bool:
    return (a.type == b.type and a.route == b.route and (a.place_id or a.place_text) == (b.place_id or b.place_text)
            and (a.to == b.to or not a.to or not b.to) and _days_agree(a, b))


def _join(events: list[Event], same) -> list[Event]:
    """Group events that `same` links (transitively) and combine each group. Only reports of one
    type, route and place can be linked, so each such bucket is grouped on its own; the groups
    keep the order of their last report."""
    buckets: dict[tuple, list[tuple[int, Event]]] = {}
    for index, event in enumerate(events):
        buckets.setdefault(_bucket(event), []).append((index, event))
    groups = [g for bucket in buckets.values() for g in _link(bucket, same)]
    return [_combine([e for _, e in g]) for g in sorted(groups, key=lambda g: g[-1][0])]


def _bucket(event: Event) -> tuple:
    return event.type, event.route, event.place_id or event.place_text


def _link(bucket: list[tuple[int, Event]], same) -> list[list[tuple[int, Event]]]:
    groups: list[list[tuple[int, Event]]] = []
    for index, event in bucket:
        linked = [g for g in groups if any(same(event, other) for _, other in g)]
        for g in linked:
            groups.remove(g)
        groups.append([member for g in linked for member in g] + [(index, event)])
    return groups


def _combine(group: list[Event], primary: Event | None = None) -> Event:
    """One event from several reports: the most precise day, the surest status, every source.
    `primary`, when given, decides the place and route (the others fold into it)."""
    best = min(group, key=lambda e: (_precision_rank(e), e.sources[0].article if e.sources else ""))
    where = primary or best
    reported = [e for e in group if e.status != "planned"] or group
    latest = max(reported, key=lambda e: (e.sources[0].published or date.min, -STATUS_ORDER[e.status]))
    sources = sorted({(s.article, s.start): s for e in group for s in e.sources}.values(),
                     key=lambda s: (s.article, s.start))
    return Event(type=best.type, date=best.date, precision=best.precision, window=best.window,
                 place_id=where.place_id, route=where.route,
                 to=next((e.to for e in group if e.to), None), from_=next((e.from_ for e in group if e.from_), None),
                 actors=tuple(sorted({a for e in group for a in e.actors})), status=latest.status,
                 people=max((e.people for e in group if e.people), default=None),
                 place_text=where.place_text, sources=sources,
                 flags=sorted({f for e in group for f in e.flags}))


def _precision_rank(event: Event) -> int:
    return {"day": 0, "approximate": 1}.get(event.precision, 2)


# ---------------------------------------------------------------- less precise into more precise

def _fold_into(events: list[Event], absorbs) -> list[Event]:
    """Fold each event into the first other event that `absorbs(event, other)` says covers it
    (the first in sort order; both predicates need the same type, so only those are tried)."""
    result = list(events)
    while True:
        ordered = sorted(result, key=sort_key)
        by_type: dict[str, list[Event]] = {}
        for event in ordered:
            by_type.setdefault(event.type, []).append(event)
        pair = next(((event, target) for event in ordered
                     for target in by_type[event.type] if target is not event and absorbs(event, target)), None)
        if pair is None:
            return result
        event, target = pair
        result.remove(event)
        result.remove(target)
        result.append(_combine([target, event], primary=target))


def _less_precise_point(a: Event, b: Event, gazetteer) -> bool:
    """`a` happened at a place containing `b`'s place, same type and day (not for control
    changes: taking a city is not taking one of its districts)."""
    return (a.type == b.type and a.type != "control_change" and not a.route and not b.route
            and a.place_id and b.place_id and a.place_id != b.place_id
            and gazetteer.contains(a.place_id, b.place_id) and _days_agree(a, b))


def _point_inside_route(a: Event, b: Event, gazetteer) -> bool:
    """An evacuation told without a route folds into a route that starts at, in or around its place."""
    if a.type != "evacuation" or b.type != "evacuation" or a.route or not b.route or not _days_agree(a, b):
        return False
    origin = b.route[0]
    return a.place_id == origin or gazetteer.contains(a.place_id, origin) or gazetteer.contains(origin, a.place_id)


# ---------------------------------------------------------------- control changes

def _complete_control_changes(events: list[Event]) -> tuple[list[Event], list[Event]]:
    complete = [e for e in events if e.type != "control_change" or e.to]
    incomplete = []
    for event in (e for e in events if e.type == "control_change" and not e.to):
        same_place = [o for o in complete if o.type == "control_change" and o.place_id == event.place_id
                      and (o.place_id or o.place_text == event.place_text)]
        if same_place:
            target = min(same_place, key=lambda o: abs(((o.date or date.max) - (event.date or date.max)).days)
                         if o.date and event.date else 0)
            complete.remove(target)
            complete.append(_combine([target, event], primary=target))
        else:
            incomplete.append(event)
    return complete, incomplete


def _flag_contradictions(events: list[Event]) -> None:
    changes = [e for e in events if e.type == "control_change" and e.place_id]
    for i, a in enumerate(changes):
        for b in changes[i + 1:]:
            if a.place_id != b.place_id:
                continue
            if a.to != b.to:
                _flag(a, b, f"sources disagree on who took it ({a.to} / {b.to})")
            elif a.precision == b.precision == "day" and a.date != b.date:
                _flag(a, b, f"sources give different days ({a.date} / {b.date})")


def _flag(a: Event, b: Event, why: str) -> None:
    for event, other in ((a, b), (b, a)):
        note = f"{why}: see {other.id}"
        if note not in event.flags:
            event.flags.append(note)
            event.flags.sort()

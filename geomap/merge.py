"""Join the reports of one event told several times; flag reports that contradict.

Two reports are one event when they have the same type, place (or route) and side, and
days that agree: the same day, or one day inside the other's window ("récemment"); two
reports without a day agree only within one article. Less
precise reports fold into more precise ones: a strike "à Alep" into a strike on a district
of Aleppo the same day; an evacuation from East Aleppo into a route that starts there.
Where reports agree, the better-sourced one fills what another lacks, and a flag names the
article it came from: a report with no day (an undated article, an unresolved "lundi") or
only the publication day (the sentence gave none: the report may be a day late)
takes the precise day of the reports of the same event its days allow, when they give one
day; a control change whose taker the text does not say takes the side of the reports of
the same place and days, when they all name one side, else the opponent of the side that held
the place at the start when the caller knows it (`taker_of`), or is left out (returned apart, for
the build log). Better-sourced: a precise day over an approximate one, an article dated by
its metadata, dateline or text over one dated from the corpus, more articles. Reports of
one place changing hands to different sides, or on different precise days, are never
joined: they are kept and flagged against each other.
"""
from __future__ import annotations

import hashlib
import heapq
from datetime import date, timedelta

from .models import Event

STATUS_ORDER = {"happened": 0, "attempted": 1, "failed": 2, "planned": 3}
REACH = timedelta(days=1)  # how much older than its article an event told without a day may be (a day late)
BASIS_RANK = {"metadata": 0, "dateline": 0, "text": 0, "corpus": 1}  # how surely an article is dated


def merge_events(events: list[Event], gazetteer, taker_of=None) -> tuple[list[Event], list[Event]]:
    """Distinct events with all their sources, sorted and with stable ids; and the reports
    left out because they could not be completed. `taker_of(place_id)` gives the side that can
    only have taken a place (the opponent of the side holding it at the start), or None: a
    control change no report gives a side takes it, with a flag."""
    merged = _join(events, _same_event)
    merged = _fill_days(merged)
    merged = _fold_into(merged, lambda a, b: _less_precise_point(a, b, gazetteer), gazetteer)
    merged = _fold_into(merged, lambda a, b: _point_inside_route(a, b, gazetteer), gazetteer)
    merged, incomplete = _complete_control_changes(merged)
    merged, incomplete = _taken_from_the_holder(merged, incomplete, taker_of)
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
    if a.date is None or b.date is None:   # two undated reports are one event only in one article:
        return a.date is None and b.date is None and not set(_articles(a)).isdisjoint(_articles(b))
    if a.date == b.date:
        return True
    return _within(a.date, b.window) or _within(b.date, a.window) or _windows_overlap(a, b)


def _within(day: date, window) -> bool:
    return bool(window) and window[0] <= day <= window[1]


def _windows_overlap(a: Event, b: Event) -> bool:
    return bool(a.window and b.window) and a.window[0] <= b.window[1] and b.window[0] <= a.window[1]


def _same_event(a: Event, b: Event) -> bool:
    return (a.type == b.type and a.route == b.route and (a.place_id or a.place_text) == (b.place_id or b.place_text)
            and a.to == b.to and _days_agree(a, b))


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
    """The bucket's reports in groups that `same` links; a report that joins one group is added
    to it in place (thousands of reports of one event stay linear)."""
    groups: list[list[tuple[int, Event]]] = []
    for index, event in bucket:
        linked = [g for g in groups if any(same(event, other) for _, other in g)]
        if len(linked) == 1:
            linked[0].append((index, event))
            continue
        groups = [g for g in groups if not any(g is joined for joined in linked)]
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


# ---------------------------------------------------------------- filling what a report lacks

def _place(event: Event):
    return event.place_id or event.place_text


def _span(event: Event) -> tuple[date, date] | None:
    """The days a report allows: its day or window; for a day that is only the publication
    date, the day before it too (after it, for a plan); any day (None) when it has none."""
    if event.date is None:
        return None
    if event.window:
        return event.window
    if event.precision == "day":
        return event.date, event.date
    if event.status == "planned":
        return event.date, event.date + REACH
    return event.date - REACH, event.date


def _spans_meet(a: Event, b: Event) -> bool:
    span_a, span_b = _span(a), _span(b)
    return span_a is None or span_b is None or (span_a[0] <= span_b[1] and span_b[0] <= span_a[1])


def _days_apart(a: Event, b: Event) -> int:
    return abs((a.date - b.date).days) if a.date and b.date else 0


def _sourcing(event: Event) -> tuple:
    """How well a report is sourced (lower is better): a precise day, a dated article, more articles."""
    basis = min((BASIS_RANK.get(s.published_basis, 2) for s in event.sources), default=2)
    return _precision_rank(event), basis, -event.corroboration


def _lacks_day(event: Event) -> bool:
    return event.precision != "day" and not event.window


def _fill_days(events: list[Event]) -> list[Event]:
    """A report with no day, or only its article's publication day, joins the report of the same
    event (type, place or route, side) that gives a day its own days allow: a precise day (any
    day, for a report with none), when all such reports give the same day."""
    result: list[Event | None] = list(events)
    position = {id(event): n for n, event in enumerate(result)}
    by_event: dict[tuple, list[Event]] = {}
    for event in events:
        by_event.setdefault((*_bucket(event), event.to), []).append(event)
    for event in sorted((e for e in events if _lacks_day(e)), key=sort_key):
        same = by_event[(*_bucket(event), event.to)]
        dated = [o for o in same if o is not event and o.date and _spans_meet(event, o)]
        precise = [o for o in dated if o.precision == "day"]
        givers = precise or (dated if event.date is None else [])
        if len({o.date for o in givers}) != 1:
            continue
        target = min(givers, key=_sourcing)
        merged = _fill(target, event, "date", "gives no day" if event.date is None else "gives only an approximate day")
        same.pop(_index_of(same, event))
        same[_index_of(same, target)] = merged
        result[position.pop(id(event))] = None
        position[id(merged)] = position.pop(id(target))
        result[position[id(merged)]] = merged
    return [event for event in result if event is not None]


def _index_of(events: list[Event], event: Event) -> int:
    """Where this very event is in the list (no two events of a merge are equal: equal reports
    are one event, joined first, and no two events share a source)."""
    return next(n for n, other in enumerate(events) if other is event)


def _fill(target: Event, report: Event, what: str, lacking: str) -> Event:
    """`report` joined to `target`, which gives it its `what`: the better-sourced day, the
    target's place and side, and a flag naming the articles it came from."""
    merged = _combine([target, report], primary=target)
    dated = min((target, report), key=_sourcing)
    merged.date, merged.precision, merged.window = dated.date, dated.precision, dated.window
    merged.to = target.to or report.to
    given, lacks = _articles(target), _articles(report)
    if not set(lacks) <= set(given):
        merged.flags = sorted({*merged.flags, f"{what}: from {', '.join(given)} ({', '.join(lacks)} {lacking})"})
    return merged


def _articles(event: Event) -> list[str]:
    return sorted({s.article for s in event.sources})


# ---------------------------------------------------------------- less precise into more precise

def _fold_into(events: list[Event], absorbs, gazetteer) -> list[Event]:
    """Fold events into others while any event is covered: the first event in sort order that
    `absorbs(event, other)` says another covers folds into the first such other in sort order,
    and the search starts again with the folded event in their place. Only the candidates of
    `_FoldIndex` are tried, and after a fold only the pairs of the three events concerned."""
    index = _FoldIndex(gazetteer)
    cover: dict[int, int | None] = {}         # position -> the first other event that covers it
    queue: list[tuple] = []                   # (sort key, position) of events that may be covered

    def settle(position: int) -> None:
        covering = [p for p in index.related(position) if absorbs(index.alive[position], index.alive[p])]
        cover[position] = min(covering, key=index.order.__getitem__) if covering else None
        if cover[position] is not None:
            heapq.heappush(queue, index.order[position])

    for position in [index.add(event) for event in events]:
        settle(position)
    while queue:
        _key, position = heapq.heappop(queue)
        if position not in index.alive or cover[position] is None:
            continue
        target = cover[position]
        neighbours = (index.related(position) | index.related(target)) - {position, target}
        folded = _combine([index.alive[target], index.alive[position]], primary=index.alive[target])
        index.remove(position)
        index.remove(target)
        new = index.add(folded)
        settle(new)
        for other in neighbours:
            if cover[other] in (position, target):
                settle(other)
        for other in index.related(new):
            if absorbs(index.alive[other], folded) and (cover[other] is None
                                                         or index.order[new] < index.order[cover[other]]):
                cover[other] = new
                heapq.heappush(queue, index.order[other])
    return [index.alive[p] for p in sorted(index.alive)]


class _FoldIndex:
    """The events of a fold by position (the order they came in, folded ones last), and the
    candidates of each: both fold predicates need the same type, days that agree, and anchors
    (a place, or a route's origin) one of which is in the other's parent chain."""

    def __init__(self, gazetteer):
        self._gazetteer = gazetteer
        self._chains: dict[str, tuple[str, ...]] = {}
        self.alive: dict[int, Event] = {}
        self.order: dict[int, tuple] = {}                # position -> (sort key, position)
        self._in_chain: dict[tuple, set[int]] = {}       # (type, place of the chain, slot) -> positions
        self._at: dict[tuple, set[int]] = {}             # (type, anchor, slot) -> positions

    def add(self, event: Event) -> int:
        position = len(self.order)
        self.alive[position], self.order[position] = event, (sort_key(event), position)
        slot = _day_slot(event)
        for place in self._chain(event):
            self._in_chain.setdefault((event.type, place, slot), set()).add(position)
        self._at.setdefault((event.type, _anchor(event), slot), set()).add(position)
        return position

    def remove(self, position: int) -> None:
        event = self.alive.pop(position)
        slot = _day_slot(event)
        for place in self._chain(event):
            self._in_chain[(event.type, place, slot)].discard(position)
        self._at[(event.type, _anchor(event), slot)].discard(position)

    def related(self, position: int) -> set[int]:
        """The other events whose anchor is in this one's chain or has it in theirs, on slots
        of days that may agree with its days."""
        event = self.alive[position]
        found: set[int] = set()
        for slot in _slots_agreeing(event):
            found.update(self._in_chain.get((event.type, _anchor(event), slot), ()))
            for place in self._chain(event):
                found.update(self._at.get((event.type, place, slot), ()))
        found.discard(position)
        return found

    def _chain(self, event: Event) -> tuple[str, ...]:
        """The anchor and its ancestors, as `Gazetteer.contains` walks them (none without an anchor)."""
        anchor = _anchor(event)
        if not anchor:
            return ()
        if anchor not in self._chains:
            chain, current = [], anchor
            while current and current not in chain:
                chain.append(current)
                current = self._gazetteer.get(current).parent if current in self._gazetteer else None
            self._chains[anchor] = tuple(chain)
        return self._chains[anchor]


def _anchor(event: Event) -> str | None:
    return event.route[0] if event.route else event.place_id


def _day_slot(event: Event):
    """Where an event is filed by its days: "none" without a day, "window" with one, else its day."""
    return "none" if event.date is None else "window" if event.window else event.date


def _slots_agreeing(event: Event) -> list:
    """The slots of the events whose days may agree with this one's (`_days_agree`)."""
    if event.date is None:
        return ["none"]
    if not event.window:
        return [event.date, "window"]
    first, last = event.window
    return ["window", event.date, *(first + timedelta(days=n) for n in range((last - first).days + 1))]


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
    """Each control change without a side joins the sided reports of its place whose days its
    own allow, when they all name one side (and give one day, if it has no day at all)."""
    complete = [e for e in events if e.type != "control_change" or e.to]
    at_place: dict[str, list[int]] = {}       # a sided change's place -> its positions in `complete`
    for n, event in enumerate(complete):
        if event.type == "control_change":
            at_place.setdefault(_place(event), []).append(n)
    incomplete = []
    for event in sorted((e for e in events if e.type == "control_change" and not e.to), key=sort_key):
        agreeing = [complete[n] for n in at_place.get(_place(event), ()) if _spans_meet(event, complete[n])]
        if len({o.to for o in agreeing}) != 1 or (event.date is None and len({o.date for o in agreeing}) != 1):
            incomplete.append(event)
            continue
        target = min(agreeing, key=lambda o: (_sourcing(o), _days_apart(o, event)))
        complete[_index_of(complete, target)] = _fill(target, event, "side", "names none")
    return complete, incomplete


def _taken_from_the_holder(events: list[Event], incomplete: list[Event], taker_of) -> tuple[list[Event], list[Event]]:
    """A control change whose side no report gives ("Ayant repris Chaar, l'armé syrienne...",
    "the district was recaptured"), of a place held by one side at the start: taken by its opponent."""
    if taker_of is None:
        return events, incomplete
    left = []
    for event in incomplete:
        taker = taker_of(event.place_id) if event.place_id else None
        if taker is None:
            left.append(event)
            continue
        event.to = taker
        event.flags = sorted({*event.flags, f"side: {taker}, the only side that could take it (the baseline's holder's opponent)"})
        events.append(event)
    return events, left


def _flag_contradictions(events: list[Event]) -> None:
    at_place: dict[str, list[Event]] = {}
    for event in events:
        if event.type == "control_change" and event.place_id:
            at_place.setdefault(event.place_id, []).append(event)
    for changes in at_place.values():
        for i, a in enumerate(changes):
            for b in changes[i + 1:]:
                _flag_pair(a, b)


def _flag_pair(a: Event, b: Event) -> None:
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

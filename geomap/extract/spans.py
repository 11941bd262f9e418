"""Which places, sides and day belong to an event word, by where they stand in the sentence
(characters between them): the reach of each kind of event word, lists of places, a place
claimed by a nearer event word, the markers of an evacuation's origin and destination."""
from __future__ import annotations

import bisect
import re

from ..gazetteer.names import transliteration
from ..models import DateExpr, Mention
from .document import ActorMention, Trigger
from .grammar import Grammar
from .memory import Memory
from .settings import Settings, faction

# how far (characters) from its event word a place may stand, after and before it
REACH = {"strike": (70, 45), "clash": (70, 45), "ceasefire": (80, 30), "diplomacy": (110, 30),
         "displacement": (60, 50), "evacuation": (50, 25), "capture": (70, 0), "loss": (70, 0), "noun": (40, 0),
         "passive": (0, 45)}
LIST_GAP = 32          # the most characters between two places of one list ("A, B et C")
CLAIM = 12             # a place this close to another event word belongs to it ("talks in Ankara")
MARKER_GAP = 40        # the most characters between "from", "vers"... and its place ("from the last rebel area of")


def distance(trigger: Trigger, start: int, end: int) -> int:
    if end <= trigger.start:
        return trigger.start - end
    if start >= trigger.end:
        return start - trigger.end
    return 0


# ---------------------------------------------------------------- when

def when(trigger: Trigger, exprs: list[DateExpr], memory: Memory, published) -> tuple:
    """The day of an event: the nearest date expression, else the paragraph's date, else the
    publication date (approximate: the report may be a day late; no window, so that it never
    joins a report of another day). Also the tense."""
    usable = [e for e in exprs if e.day or e.precision == "unknown"]
    if usable:
        e = min(usable, key=lambda e: (distance(trigger, e.start, e.end), e.start))
        return e.day, e.precision, e.window, e.tense
    carried = memory.carried_day()
    if carried:
        return carried.day, carried.precision, carried.window, "past"
    if published:
        return published, "approximate", None, "past"
    return None, "unknown", None, "past"


# ---------------------------------------------------------------- where

def located(gazetteer, mention: Mention) -> bool:
    return mention.place_id is None or mention.place_id in gazetteer


def _relative_clause_of_another(trigger: Trigger, triggers, folded: str, relative: re.Pattern | None) -> int:
    """Where a relative clause opens that belongs to a later event word ("se sont réunis pour
    préparer des négociations, qui devraient se tenir à Astana": Astana is the talks')."""
    if relative is None:
        return len(folded)
    for m in relative.finditer(folded, trigger.end):
        if any(trigger.end <= t.start < m.start() for t in triggers if t is not trigger):
            return m.start()
    return len(folded)


def places_after(trigger: Trigger, places: list[Mention], folded: str, reach: int, list_gap: re.Pattern,
                 triggers: list[Trigger] = (), relative: re.Pattern | None = None) -> list[Mention]:
    """The place right after the event word, and the places listed after it ("A, B et C"),
    up to the next event word of the same kind."""
    stop = min((t.start for t in triggers if t.type == trigger.type and t.start >= trigger.end), default=len(folded))
    stop = min(stop, _relative_clause_of_another(trigger, triggers, folded, relative))
    following = [m for m in places if m.start >= trigger.end and m.start - trigger.end <= reach and m.start < stop
                 and not re.search(r"[.;:!?]", folded[trigger.end:m.start])]
    if not following:
        return []
    chain = [following[0]]
    for m in following[1:]:
        gap = folded[chain[-1].end:m.start]
        if len(gap) > LIST_GAP or not list_gap.fullmatch(gap):
            break
        chain.append(m)
    return chain


def places_before(trigger: Trigger, places: list[Mention], folded: str, reach: int) -> list[Mention]:
    """The place right before the event word ("Palmyre, récemment reprise par")."""
    preceding = [m for m in places if m.end <= trigger.start and trigger.start - m.end <= reach
                 and not re.search(r"[.;:!?]", folded[m.end:trigger.start])]
    return preceding[-1:]


def nearest_places(trigger: Trigger, places: list[Mention], folded: str, kind: str, list_gap: re.Pattern,
                   triggers: list[Trigger] = (), relative: re.Pattern | None = None) -> list[Mention]:
    """The places of a strike, a clash, talks...: after the word, else just before it; a place
    nearer to an event word of another kind belongs to that one ("talks in Ankara on the evacuation")."""
    others = [t for t in triggers if t.type != trigger.type and t.type != "control_change"]
    free = [m for m in places if not any(distance(t, m.start, m.end) <= CLAIM
                                         and distance(t, m.start, m.end) < distance(trigger, m.start, m.end)
                                         for t in others)]
    after, before = REACH[kind]
    found = places_after(trigger, free, folded, after, list_gap, triggers, relative)
    return found or places_before(trigger, free, folded, before)


def most_specific(gazetteer, mentions: list[Mention]) -> list[Mention]:
    """Drop a place that contains another of the list ("à Alep, en Syrie" -> Alep)."""
    ids = [m.place_id for m in mentions if m.place_id]
    kept = []
    for m in mentions:
        if m.place_id and any(o != m.place_id and gazetteer.contains(m.place_id, o) for o in ids):
            continue
        if m.place_id not in {k.place_id for k in kept} or m.place_id is None:
            kept.append(m)
    return kept


def marked(marker: re.Pattern, places: list[Mention], folded: str) -> list[Mention]:
    """The places that come right after a marker word ("vers", "en direction d'"); each marker
    reads only the places within MARKER_GAP of it (a binary search over their starts)."""
    out, seen = [], set()
    ordered = all(a.start <= b.start for a, b in zip(places, places[1:]))
    starts = [p.start for p in places]
    for m in marker.finditer(folded):
        near = places[bisect.bisect_left(starts, m.end()):bisect.bisect_right(starts, m.end() + MARKER_GAP)] \
            if ordered else places
        following = [p for p in near if p.start >= m.end() and p.start - m.end() <= MARKER_GAP
                     and not re.search(r"[.;:!?,]", folded[m.end():p.start])]
        if following and following[0] not in seen:
            out.append(following[0])
            seen.add(following[0])
    return sorted(out, key=lambda p: p.start)


def possessor(mention: Mention, text: str) -> bool:
    """A place written with a possessive ending ("Syria's official news agency"): it says whose
    the next noun is, not where anyone went (the endings: places.yaml `enclitics`)."""
    rules = transliteration()
    word = rules.word.match(text, mention.start)
    return bool(word and word.end() > mention.end and rules.enclitic and rules.enclitic.search(word.group()))


def through_stops(origins, destinations, stops):
    """A place after "through"/"par" is a stop, even after a word of leaving ("left through the
    crossing"); with no end told, the last stop is as far as the route is told to go."""
    origins = [o for o in origins if o not in stops]
    if stops and not destinations:
        destinations, stops = stops[-1:], stops[:-1]
    return origins, destinations, stops


def sequenced(destinations, stops, folded, sequence: re.Pattern):
    """"crossed into A before heading to B": A is a stop on the way to B, not a second end."""
    ends = list(destinations)
    for a, b in zip(destinations, destinations[1:]):
        if sequence.search(folded[a.end:b.start]):
            ends.remove(a)
            stops = stops + [a]
    return ends, sorted(stops, key=lambda m: m.start)


def framing_place(places: list[Mention], folded: str, g: Grammar) -> list[Mention]:
    """A sentence that opens on a place ("In New York, the council was to meet...",
    "À Alep, ...") sets the scene for the whole sentence."""
    first = places[:1]
    if first and first[0].start <= 12 and g.locatives.search(folded[:first[0].start]) \
            and re.match(r"\s*,", folded[first[0].end:]):
        return first
    return []


# ---------------------------------------------------------------- who

def agent_after(targets: list[Mention], actors: list[ActorMention], folded: str, g: Grammar) -> str | None:
    """The side named right after the places, introduced by an agent word ("par", "by", "to")."""
    if not targets:
        return None
    end = targets[-1].end
    for a in actors:
        if a.start >= end and a.start - end <= 30 and g.agent.search(folded[end:a.start]):
            return a.actor
    return None


def actor_after(trigger: Trigger, actors: list[ActorMention]) -> str | None:
    after = [a for a in actors if a.start >= trigger.end - 4 and a.start - trigger.end <= 30]
    return after[0].actor if after else None


def subject(trigger: Trigger, actors: list[ActorMention], folded: str, g: Grammar, settings: Settings,
            memory: Memory) -> str | None:
    """Who did it: the nearest side named before the verb; for a pronoun just before the
    verb ("Lundi, ils ont perdu"), the side named last; else nobody we know."""
    before = [a for a in actors if a.end <= trigger.start and faction(a.actor, settings) in settings.sides]
    if before:
        return before[-1].actor
    lead = folded[max(0, trigger.start - 20):trigger.start]
    if any(m.end() >= len(lead) - 1 for m in g.pronouns.finditer(lead)):
        return memory.last_side
    return None


def people(folded: str, g: Grammar) -> int | None:
    """The largest number of people the sentence gives ("12 000 civils")."""
    counts = [int(re.sub(r"\D", "", m.group(1))) for m in g.people.finditer(folded)]
    return max(counts) if counts else None

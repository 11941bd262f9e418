"""Read events out of articles: what happened, where, on which day, by whom, said where.

For each sentence: the event words of the language (geomap/lang/<code>/events.yaml) say
what kind of event it is; the places the gazetteer finds say where (the places after a
capture verb, before a passive one, after "vers" for an evacuation's destination...); the
nearest date expression says when (else the date the paragraph was talking about, else the
publication date, marked approximate); the actor names (actors.yaml) say who, with "ils"
standing for the side named last. Questions, negations, tallies "depuis le début de
l'offensive" and calls for a truce are not events; announced ones are kept as `planned`.
`merge_events` then joins the reports of one event told several times.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import lru_cache

from . import dates, lang
from .models import Article, DateExpr, Event, Mention, Sentence, Source
from .text import alternation, fold

POINT_TYPES = ("strike", "clash", "ceasefire", "diplomacy", "displacement")
SIDES = ("government", "rebels", "isis", "kurds")  # the default sides that can hold ground
# how far (characters) from its event word a place may stand, after and before it
REACH = {"strike": (70, 45), "clash": (70, 45), "ceasefire": (80, 30), "diplomacy": (110, 30),
         "displacement": (60, 50), "evacuation": (50, 25), "capture": (70, 0), "loss": (70, 0), "noun": (40, 0),
         "passive": (0, 45)}
LIST_GAP = 32          # the most characters between two places of one list ("A, B et C")
CLAIM = 12             # a place this close to another event word belongs to it ("talks in Ankara")
MARKER_GAP = 40        # the most characters between "from", "vers"... and its place ("from the last rebel area of")
STATUS_WINDOW = 80     # how far around the event word its status words are looked for


@dataclass(frozen=True)
class Settings:
    """What extraction needs to know of the conflict (from config.yaml)."""
    allies: dict = field(default_factory=dict)      # actor id -> faction it fights with
    opponents: dict = field(default_factory=dict)   # faction -> the faction that takes what it loses
    fallback_types: tuple = ("ceasefire",)          # types placed at the story's place when the sentence names none
    sides: tuple = SIDES                            # the factions that can take and hold ground


@dataclass(frozen=True)
class Trigger:
    type: str
    group: str          # capture | loss | passive for control changes; the type otherwise
    start: int
    end: int


@dataclass(frozen=True)
class ActorMention:
    actor: str
    start: int
    end: int


# ---------------------------------------------------------------- the grammar of a language

@dataclass(frozen=True)
class Grammar:
    triggers: tuple
    markers: dict
    turned_back: re.Pattern | None
    requires: dict
    blockers_before: dict
    blockers_after: dict
    planned: re.Pattern
    failed: re.Pattern
    negations: re.Pattern
    aggregate: re.Pattern
    people: re.Pattern
    actors: re.Pattern
    actor_ids: dict
    pronouns: re.Pattern
    locatives: re.Pattern
    list_gap: re.Pattern
    relative: re.Pattern
    agent: re.Pattern


def _any(patterns, whole_words: bool = False) -> re.Pattern | None:
    patterns = list(patterns or [])
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    # a word may end on an elision ("en direction d'Idleb"): then the next letter may touch it
    return re.compile(rf"(?<!\w)(?:{body})(?:(?<=')|(?!\w))" if whole_words else body)


def _never() -> re.Pattern:
    return re.compile(r"(?!x)x")


@lru_cache(maxsize=None)
def grammar(language: str) -> Grammar:
    """The compiled event and actor words of one language."""
    data, actors = lang.load(language, "events"), lang.load(language, "actors")
    triggers = []
    for kind, spec in data.items():
        if kind == "control_change":
            triggers += [(kind, group, _any(spec[group], whole_words=True))
                         for group in ("capture", "loss", "passive", "noun") if spec.get(group)]
        elif isinstance(spec, dict) and spec.get("triggers"):
            triggers.append((kind, kind, _any(spec["triggers"], whole_words=True)))
    evac = data.get("evacuation", {})
    actor_ids = {re.sub(r"\s+", " ", fold(n)): a for a, names in actors.get("actors", {}).items() for n in names}
    people = alternation(data.get("people_words", []))
    return Grammar(
        triggers=tuple(triggers),
        markers={k: _any(evac.get(k), whole_words=True) or _never()
                 for k in ("origin", "destination", "via", "sequence")},
        turned_back=_any(evac.get("turned_back")),
        requires={k: _any(v.get("requires")) for k, v in data.items() if isinstance(v, dict) and v.get("requires")},
        blockers_before={k: _any(v.get("blockers_before")) for k, v in data.items() if isinstance(v, dict) and v.get("blockers_before")},
        blockers_after={k: _any(v.get("blockers_after")) for k, v in data.items() if isinstance(v, dict) and v.get("blockers_after")},
        planned=_any(data.get("planned")) or _never(),
        failed=_any(data.get("failed")) or _never(),
        negations=_any(data.get("negations")) or _never(),
        aggregate=_any(data.get("aggregate")) or _never(),
        people=re.compile(r"(?<![\d.,])(\d{1,3}(?:[ .,\u202f\u00a0]\d{3})+|\d+)\s+(?:\w+\s+)?" + people),
        actors=re.compile(alternation(actor_ids)),
        actor_ids=actor_ids,
        pronouns=re.compile(alternation(actors.get("pronouns", []))),
        locatives=re.compile(r"(?:" + alternation(actors.get("locatives", [])) + r")\s*(?:la\s+|le\s+|les\s+|l'|the\s+)?$"),
        list_gap=re.compile(r"(?:[\s,]|" + alternation(data.get("list_words", [])) + r")*"),
        relative=re.compile(r",\s*" + alternation(data.get("relative_pronouns", []))),
        agent=re.compile(alternation(data.get("control_change", {}).get("agent_words", []))),
    )


def topic_patterns(language: str) -> tuple[str, ...]:
    """Regular expressions that mark a paragraph as part of a conflict story: every event
    word and actor name of the language (articles.py drops paragraphs with none)."""
    g = grammar(language)
    return tuple(p.pattern for _, _, p in g.triggers) + (g.actors.pattern,)


# ---------------------------------------------------------------- one article

@dataclass
class _Context:
    """What a reader remembers while going through one article."""
    article: Article
    gazetteer: object
    settings: Settings
    grammar: Grammar
    year_hint: int | None
    mentions: dict                       # sentence index -> [Mention] (offsets in the sentence)
    main_place: str | None
    last_faction: str | None = None
    last_capture: str | None = None
    paragraph: int = -1
    paragraph_date: DateExpr | None = None
    paragraph_evacuation: Event | None = None
    sentence_triggers: tuple = ()
    section_date: DateExpr | None = None   # a live blog's date heading ("Mardi 13 décembre")


def extract_events(article: Article, gazetteer, settings: Settings = Settings(),
                   year_hint: int | None = None) -> tuple[list[Event], list[Mention]]:
    """The events one article tells (one Source each), and its place mentions that are
    locations (not actors), with offsets into the article text."""
    mentions = _sentence_mentions(article, gazetteer)
    ctx = _Context(article, gazetteer, settings, grammar(article.language), year_hint, mentions,
                   _main_place(mentions, gazetteer))
    events = []
    for index, sentence in enumerate(article.sentences):
        if sentence.paragraph != ctx.paragraph:
            ctx.paragraph, ctx.paragraph_date, ctx.paragraph_evacuation = sentence.paragraph, None, None
        events += _sentence_events(ctx, index, sentence)
    located = [replace(m, start=m.start + s.start, end=m.end + s.start)
               for i, s in enumerate(article.sentences) for m in mentions[i]]
    return events, located


def _sentence_mentions(article: Article, gazetteer) -> dict:
    """Location mentions per sentence: found on the whole kept text at once (so "la ville"
    can mean the city the article is about), minus the names used as actors."""
    joined, starts, pos = [], [], 0
    for s in article.sentences:
        starts.append(pos)
        joined.append(s.text)
        pos += len(s.text) + 1
    found = gazetteer.find("\n".join(joined), article.language) if joined else []
    g = grammar(article.language)
    per_sentence = {i: [] for i in range(len(article.sentences))}
    for m in found:
        i = _sentence_at(starts, m.start)
        sentence = article.sentences[i]
        local = replace(m, start=m.start - starts[i], end=m.end - starts[i])
        if local.end <= len(sentence.text) and not _is_actor(local, sentence.text, g) \
                and not _is_dateline(local, sentence.text):
            per_sentence[i].append(local)
    return per_sentence


def _sentence_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _is_actor(mention: Mention, text: str, g: Grammar) -> bool:
    """A place name standing for a government or a side: inside an actor's name ("les forces
    de Damas"), or an actor's name itself without a locative word before it ("Moscou et
    Ankara ont négocié", but "à Moscou")."""
    folded = fold(text)
    for m in g.actors.finditer(folded):
        if m.start() <= mention.start and mention.end <= m.end() and (m.end() - m.start()) > (mention.end - mention.start):
            return True
    name = re.sub(r"\s+", " ", fold(mention.text))
    name = re.sub(r"^(?:l'|la |le |les |the )", "", name)
    if name not in g.actor_ids:
        return False
    return not g.locatives.search(folded[max(0, mention.start - 40):mention.start])


def _is_dateline(mention: Mention, text: str) -> bool:
    """"BEIRUT (Reuters) -", "BEYROUTH -": where the reporter filed from, not where it happened."""
    return (mention.start <= 1 and mention.text.isupper()
            and bool(re.match(r"\s*(?:\(|,|-|–|—)", text[mention.end:])))


STORY_PLACE_TYPES = ("city", "region", "town", "district", "neighbourhood")


def _main_place(mentions: dict, gazetteer) -> str | None:
    """The place the story is about: the located place (a city or smaller) named most; on a
    tie, the larger kind of place (the city a dispatch is about, rather than one of its
    districts), then the one named first (in the headline)."""
    counts, first = Counter(), {}
    for index in sorted(mentions):
        for m in mentions[index]:
            if m.place_id and m.place_id in gazetteer:
                place = gazetteer.get(m.place_id)
                if place.located and place.type in STORY_PLACE_TYPES:
                    counts[m.place_id] += 1
                    first.setdefault(m.place_id, (index, m.start))
    rank = {pid: STORY_PLACE_TYPES.index(gazetteer.get(pid).type) for pid in counts}
    return min(counts, key=lambda p: (-counts[p], rank[p], first[p])) if counts else None


# ---------------------------------------------------------------- one sentence

def _sentence_events(ctx: _Context, index: int, sentence: Sentence) -> list[Event]:
    text, folded, g = sentence.text, fold(sentence.text), ctx.grammar
    actors = _actor_mentions(folded, g)
    exprs = dates.find_dates(text, ctx.article.language, ctx.article.published,
                             narrative=(ctx.paragraph_date.day if ctx.paragraph_date else None),
                             year_hint=ctx.year_hint)
    triggers = [] if g.aggregate.search(folded) else _triggers(text, g, question=text.rstrip().endswith("?"))
    if any(t.type == "ceasefire" for t in triggers):  # the talks that made a truce are the truce
        triggers = [t for t in triggers if t.type != "diplomacy"]
    ctx.sentence_triggers = tuple(triggers)
    places = ctx.mentions.get(index, [])
    events, subject = [], None
    for trigger in triggers:
        if trigger.type == "control_change":
            found, subject = _control_events(ctx, trigger, sentence, places, actors, exprs, triggers, subject)
            events += found
    evacuation_triggers = [t for t in triggers if t.type == "evacuation"]
    if evacuation_triggers:
        events += _evacuation_events(ctx, index, evacuation_triggers, sentence, places, actors, exprs, triggers)
    for trigger in triggers:
        if trigger.type in POINT_TYPES:
            events += _point_events(ctx, trigger, sentence, places, actors, exprs, triggers)
    _remember(ctx, actors, exprs, events)
    if _is_date_heading(text, exprs):  # the dateline (the publication day) leaves days approximate
        ctx.section_date = exprs[0] if exprs[0].day != ctx.article.published else None
    return events


def _triggers(text: str, g: Grammar, question: bool) -> list[Trigger]:
    """The event words of a sentence that tell a fact: not negated, not blocked ("appels à un
    cessez-le-feu"); in a question only a participle said of a place ("Palmyre, reprise par");
    a noun of capture only before a name ("la reprise d'Alep", not "la reprise des négociations")."""
    folded = fold(text)
    found = []
    for kind, group, pattern in g.triggers:
        for m in pattern.finditer(folded):
            if question and group != "passive":
                continue
            if group == "noun" and not re.match(r"\s*(?:(?:la|le|les|the)\s+|l')?[A-ZÀ-ÝŒ]", text[m.end():]):
                continue
            if _blocked(kind, m.start(), m.end(), folded, g):
                continue
            found.append(Trigger(kind, group, m.start(), m.end()))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept = []
    for t in found:  # overlapping words of one type count once
        if not any(k.type == t.type and k.start < t.end and t.start < k.end for k in kept):
            kept.append(t)
    return kept


def _blocked(kind: str, start: int, end: int, folded: str, g: Grammar) -> bool:
    before, after = folded[max(0, start - 40):start], folded[end:end + 60]
    if g.negations.search(folded[max(0, start - 25):end]):
        return True
    blocker = g.blockers_before.get(kind)
    if blocker and blocker.search(before):
        return True
    blocker = g.blockers_after.get(kind)
    if blocker and blocker.search(after):
        return True
    needed = g.requires.get(kind)
    return bool(needed and not needed.search(folded[max(0, start - 80):end + 80]))


def _actor_mentions(folded: str, g: Grammar) -> list[ActorMention]:
    out = []
    for m in g.actors.finditer(folded):
        actor = g.actor_ids.get(re.sub(r"\s+", " ", m.group(0)))
        if actor:
            out.append(ActorMention(actor, m.start(), m.end()))
    return out


def _is_date_heading(text: str, exprs: list[DateExpr]) -> bool:
    """A line that is only a day ("Mardi 13 décembre", "14 December 2016 - 09:30") heads the
    entries under it, as in a live blog."""
    if len(exprs) != 1 or not exprs[0].day or exprs[0].precision != "day":
        return False
    rest = text[:exprs[0].start] + text[exprs[0].end:]
    return len(text) <= 60 and not re.search(r"[^\W\d_]{4,}", re.sub(r"\b(?:le|on|at|à|a|h|GMT|UTC)\b", "", rest))


def _remember(ctx: _Context, actors: list[ActorMention], exprs: list[DateExpr], events: list[Event]) -> None:
    """Carry what the next sentences may refer back to: the side named last, the date."""
    factions = [_faction(a.actor, ctx.settings) for a in actors]
    factions = [f for f in factions if f in ctx.settings.sides]
    if factions:
        ctx.last_faction = factions[-1]
    for expr in exprs:
        if expr.day and expr.precision == "day" and expr.tense == "past":
            ctx.paragraph_date = expr
    for event in events:
        if event.type == "control_change" and event.to:
            ctx.last_capture = event.to
        if event.type == "evacuation" and event.status != "planned":
            ctx.paragraph_evacuation = event


def _faction(actor: str | None, settings: Settings) -> str | None:
    if actor is None:
        return None
    return actor if actor in settings.sides else settings.allies.get(actor, actor)


# ---------------------------------------------------------------- places of an event word

def _located(ctx: _Context, mention: Mention) -> bool:
    return mention.place_id is None or mention.place_id in ctx.gazetteer


def _relative_clause_of_another(trigger: Trigger, triggers, folded: str, relative: re.Pattern | None) -> int:
    """Where a relative clause opens that belongs to a later event word ("se sont réunis pour
    préparer des négociations, qui devraient se tenir à Astana": Astana is the talks')."""
    if relative is None:
        return len(folded)
    for m in relative.finditer(folded, trigger.end):
        if any(trigger.end <= t.start < m.start() for t in triggers if t is not trigger):
            return m.start()
    return len(folded)


def _places_after(trigger: Trigger, places: list[Mention], folded: str, reach: int, list_gap: re.Pattern,
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


def _places_before(trigger: Trigger, places: list[Mention], folded: str, reach: int) -> list[Mention]:
    """The place right before the event word ("Palmyre, récemment reprise par")."""
    preceding = [m for m in places if m.end <= trigger.start and trigger.start - m.end <= reach
                 and not re.search(r"[.;:!?]", folded[m.end:trigger.start])]
    return preceding[-1:]


def _nearest_places(trigger: Trigger, places: list[Mention], folded: str, kind: str, list_gap: re.Pattern,
                    triggers: list[Trigger] = (), relative: re.Pattern | None = None) -> list[Mention]:
    """The places of a strike, a clash, talks...: after the word, else just before it; a place
    nearer to an event word of another kind belongs to that one ("talks in Ankara on the evacuation")."""
    others = [t for t in triggers if t.type != trigger.type and t.type != "control_change"]
    free = [m for m in places if not any(_distance(t, m.start, m.end) <= CLAIM
                                         and _distance(t, m.start, m.end) < _distance(trigger, m.start, m.end)
                                         for t in others)]
    after, before = REACH[kind]
    found = _places_after(trigger, free, folded, after, list_gap, triggers, relative)
    return found or _places_before(trigger, free, folded, before)


def _most_specific(ctx: _Context, mentions: list[Mention]) -> list[Mention]:
    """Drop a place that contains another of the list ("à Alep, en Syrie" -> Alep)."""
    ids = [m.place_id for m in mentions if m.place_id]
    kept = []
    for m in mentions:
        if m.place_id and any(o != m.place_id and ctx.gazetteer.contains(m.place_id, o) for o in ids):
            continue
        if m.place_id not in {k.place_id for k in kept} or m.place_id is None:
            kept.append(m)
    return kept


# ---------------------------------------------------------------- when, how sure, status

def _when(ctx: _Context, trigger: Trigger, exprs: list[DateExpr]) -> tuple[date | None, str, tuple | None, str]:
    """The day of an event: the nearest date expression, else the paragraph's date, else the
    publication date (approximate: the report may be a day late; no window, so that it never
    joins a report of another day). Also the tense."""
    usable = [e for e in exprs if e.day or e.precision == "unknown"]
    if usable:
        e = min(usable, key=lambda e: (_distance(trigger, e.start, e.end), e.start))
        return e.day, e.precision, e.window, e.tense
    carried = ctx.paragraph_date or ctx.section_date
    if carried:
        return carried.day, carried.precision, carried.window, "past"
    published = ctx.article.published
    if published:
        return published, "approximate", None, "past"
    return None, "unknown", None, "past"


def _dated_in_clause(trigger: Trigger, triggers, exprs: list[DateExpr]) -> bool:
    lo, hi = _clause_window(trigger, triggers)
    return any(e.day and lo <= e.start and e.end <= hi for e in exprs)


def _distance(trigger: Trigger, start: int, end: int) -> int:
    if end <= trigger.start:
        return trigger.start - end
    if start >= trigger.end:
        return start - trigger.end
    return 0


CAN_FAIL = ("ceasefire", "diplomacy", "evacuation")


def _status(ctx: _Context, trigger: Trigger, text: str, tense: str) -> str:
    """happened, failed (a truce that broke down: said anywhere in the sentence), or planned."""
    folded = fold(text)
    lo, hi = _clause_window(trigger, ctx.sentence_triggers)
    g = ctx.grammar
    if trigger.type in CAN_FAIL and g.failed.search(folded):
        return "failed"
    if tense == "future" or g.planned.search(folded[lo:hi]) or dates.is_future(text[lo:hi], ctx.article.language):
        return "planned"
    return "happened"


def _not_before(day: date | None, published: date | None) -> date | None:
    """A planned event's day is not before its announcement: "la reprise des négociations le
    8 février", announced in December, is next February; a weekday, the coming one."""
    if day is None or published is None or day >= published:
        return day
    if (published - day).days < 7:
        return day + timedelta(days=7)
    try:
        return day.replace(year=published.year + (day.replace(year=published.year) < published))
    except ValueError:  # 29 February
        return day


def _clause_window(trigger: Trigger, triggers) -> tuple[int, int]:
    """The stretch around an event word where its status words are looked for: up to
    STATUS_WINDOW each side, but not into the words of another event of the sentence."""
    lo = max([trigger.start - STATUS_WINDOW] + [t.end for t in triggers if t.end <= trigger.start])
    hi = min([trigger.end + STATUS_WINDOW] + [t.start for t in triggers if t.start >= trigger.end])
    return max(0, lo), hi


def _people(folded: str, g: Grammar) -> int | None:
    counts = [int(re.sub(r"\D", "", m.group(1))) for m in g.people.finditer(folded)]
    return max(counts) if counts else None


def _event(ctx: _Context, kind: str, trigger: Trigger, sentence: Sentence, exprs, actors, **fields) -> Event:
    day, precision, window, tense = _when(ctx, trigger, exprs)
    a = ctx.article
    source = Source(article=a.name, sentence=sentence.text, start=sentence.start, end=sentence.end,
                    outlet=a.outlet, url=a.url, title=a.title, published=a.published)
    fields.setdefault("status", _status(ctx, trigger, sentence.text, tense))
    if fields["status"] == "planned":
        if any(e.day for e in exprs) and not _dated_in_clause(trigger, ctx.sentence_triggers, exprs):
            day, precision, window = None, "unknown", None  # announced; the day named is another clause's
        day = _not_before(day, a.published)
    return Event(type=kind, date=day, precision=precision, window=window,
                 actors=tuple(sorted({x.actor for x in actors})), sources=[source], **fields)


# ---------------------------------------------------------------- control changes

def _control_events(ctx, trigger, sentence, places, actors, exprs, triggers, previous_subject):
    """Control changes of one verb, and the side that did it (a later verb of the sentence
    without a subject of its own shares it: "ils ont perdu X puis se sont retirés de Y")."""
    folded = fold(sentence.text)
    subject = previous_subject
    if trigger.group == "passive":
        targets = _places_before(trigger, places, folded, REACH["passive"][1])
        taker, loser = _faction(_actor_after(trigger, actors), ctx.settings), None
    elif trigger.group == "noun":  # "la prise de Palmyre par Daech": the taker only after "par"
        targets = _places_after(trigger, places, folded, REACH["capture"][0], ctx.grammar.list_gap, triggers)
        taker, loser = _faction(_agent_after(targets, actors, folded, ctx.grammar), ctx.settings), None
    else:
        targets = _places_after(trigger, places, folded, REACH[trigger.group][0], ctx.grammar.list_gap, triggers)
        subject = _faction(_subject(ctx, trigger, actors, folded), ctx.settings) or previous_subject
        taker, loser = (subject, None) if trigger.group == "capture" else (None, subject)
        if loser:
            taker = ctx.settings.opponents.get(loser) or (ctx.last_capture if ctx.last_capture != loser else None)
    targets = [m for m in targets if _located(ctx, m)]
    status = _status(ctx, trigger, sentence.text, "past")
    if status == "planned":
        return [], subject  # a place that may fall is not a place that fell
    return [_event(ctx, "control_change", trigger, sentence, exprs, actors, place_id=m.place_id,
                   place_text=m.text, to=taker, from_=loser, status=status) for m in targets], subject


def _agent_after(targets: list[Mention], actors: list[ActorMention], folded: str, g: Grammar) -> str | None:
    """The side named right after the places, introduced by an agent word ("par", "by", "to")."""
    if not targets:
        return None
    end = targets[-1].end
    for a in actors:
        if a.start >= end and a.start - end <= 30 and g.agent.search(folded[end:a.start]):
            return a.actor
    return None


def _actor_after(trigger: Trigger, actors: list[ActorMention]) -> str | None:
    after = [a for a in actors if a.start >= trigger.end - 4 and a.start - trigger.end <= 30]
    return after[0].actor if after else None


def _subject(ctx: _Context, trigger: Trigger, actors: list[ActorMention], folded: str) -> str | None:
    """Who did it: the nearest side named before the verb; for a pronoun just before the
    verb ("Lundi, ils ont perdu"), the side named last; else nobody we know."""
    before = [a for a in actors if a.end <= trigger.start and _faction(a.actor, ctx.settings) in ctx.settings.sides]
    if before:
        return before[-1].actor
    lead = folded[max(0, trigger.start - 20):trigger.start]
    if any(m.end() >= len(lead) - 1 for m in ctx.grammar.pronouns.finditer(lead)):
        return ctx.last_faction
    return None


# ---------------------------------------------------------------- evacuations

def _evacuation_events(ctx, index, triggers, sentence, places, actors, exprs, all_triggers) -> list[Event]:
    """Routes from the origin through any stop to each destination; a point where no route is
    told. A sentence of destinations only ("d'autres vers la Turquie") continues the
    evacuation told just before it."""
    folded, g = fold(sentence.text), ctx.grammar
    usable = [m for m in places if _located(ctx, m)]
    # people leave a district, a town, a region: a whole country is only ever a destination
    local = [m for m in usable if m.place_id is None or ctx.gazetteer.get(m.place_id).type != "country"]
    origins = _marked(g.markers["origin"], local, folded)
    stops = _marked(g.markers["via"], usable, folded)
    destinations = [d for d in _marked(g.markers["destination"], usable, folded) if d not in origins + stops]
    destinations, stops = _sequenced(destinations, stops, folded, g.markers["sequence"])
    first = triggers[0]
    status = "attempted" if _turned_back(ctx, index) else None
    fields = {"people": _people(folded, g)}
    if status:
        fields["status"] = status
    if not origins and destinations and ctx.paragraph_evacuation:
        return _continued_routes(ctx, first, sentence, exprs, actors, destinations, stops, fields)
    if origins and destinations:
        o = origins[0]
        return [_event(ctx, "evacuation", first, sentence, exprs, actors, place_id=o.place_id, place_text=o.text,
                       route=tuple([o.place_id] + [s.place_id for s in stops] + [d.place_id]), **fields)
                for d in destinations if d.place_id != o.place_id]
    if destinations:
        return []  # going somewhere from nowhere told: not an evacuation we can draw
    if origins:
        point = origins[:1]
    else:
        point = _nearest_places(first, local, folded, "evacuation", g.list_gap, all_triggers)[:1]
        if not point:
            return []
    return [_event(ctx, "evacuation", first, sentence, exprs, actors, place_id=point[0].place_id,
                   place_text=point[0].text, **fields)]


def _continued_routes(ctx, trigger, sentence, exprs, actors, destinations, stops, fields) -> list[Event]:
    before = ctx.paragraph_evacuation
    events = []
    for d in destinations:
        e = _event(ctx, "evacuation", trigger, sentence, exprs, actors, place_id=before.place_id,
                   place_text=before.place_text,
                   route=tuple([before.place_id] + [s.place_id for s in stops] + [d.place_id]), **fields)
        if not any(x.day and x.precision == "day" for x in exprs):
            e.date, e.precision, e.window = before.date, before.precision, before.window
        e.people = None
        events.append(e)
    return events


def _sequenced(destinations, stops, folded, sequence: re.Pattern):
    """"crossed into A before heading to B": A is a stop on the way to B, not a second end."""
    ends = list(destinations)
    for a, b in zip(destinations, destinations[1:]):
        if sequence.search(folded[a.end:b.start]):
            ends.remove(a)
            stops = stops + [a]
    return ends, sorted(stops, key=lambda m: m.start)


def _marked(marker: re.Pattern, places: list[Mention], folded: str) -> list[Mention]:
    """The places that come right after a marker word ("vers", "en direction d'")."""
    out = []
    for m in marker.finditer(folded):
        following = [p for p in places if p.start >= m.end() and p.start - m.end() <= MARKER_GAP
                     and not re.search(r"[.;:!?,]", folded[m.end():p.start])]
        if following and following[0] not in out:
            out.append(following[0])
    return sorted(out, key=lambda p: p.start)


def _turned_back(ctx: _Context, index: int) -> bool:
    g = ctx.grammar
    if g.turned_back is None:
        return False
    sentences = ctx.article.sentences
    here = sentences[index]
    nearby = [here] + [s for s in sentences[index + 1:index + 2] if s.paragraph == here.paragraph]
    return any(g.turned_back.search(fold(s.text)) for s in nearby)


# ---------------------------------------------------------------- strikes, clashes, talks...

def _framing_place(places: list[Mention], folded: str, g: Grammar) -> list[Mention]:
    """A sentence that opens on a place ("In New York, the council was to meet...",
    "À Alep, ...") sets the scene for the whole sentence."""
    first = places[:1]
    if first and first[0].start <= 12 and g.locatives.search(folded[:first[0].start]) \
            and re.match(r"\s*,", folded[first[0].end:]):
        return first
    return []


def _point_events(ctx, trigger, sentence, places, actors, exprs, triggers) -> list[Event]:
    folded, g = fold(sentence.text), ctx.grammar
    # where people went is an evacuation's end, not the place of a truce or a strike;
    # for displaced people ("ont fui ... vers le quartier de Cheikh Maqsoud") it is where they are
    # (the destinations that count are those told after the word of people moving)
    moving = [t.start for t in ctx.sentence_triggers if t.type == "evacuation"] + \
        ([trigger.start] if trigger.type == "displacement" else [])
    destinations = [m for m in _marked(g.markers["destination"], places, folded)
                    if _located(ctx, m) and moving and m.start > min(moving)]
    if trigger.type == "displacement" and destinations:
        found = _most_specific(ctx, [m for m in destinations if m.start > trigger.start] or destinations)
    else:
        usable = [m for m in places if _located(ctx, m) and m not in destinations]
        found = _most_specific(ctx, _nearest_places(trigger, usable, folded, trigger.type, g.list_gap, triggers,
                                                    g.relative))
    if not found:
        found = _framing_place(usable, folded, g)
    if not found and trigger.type in ctx.settings.fallback_types and ctx.main_place:
        return [_event(ctx, trigger.type, trigger, sentence, exprs, actors, place_id=ctx.main_place,
                       place_text="", flags=["place: the story's location (the sentence names none)"])]
    return [_event(ctx, trigger.type, trigger, sentence, exprs, actors, place_id=m.place_id, place_text=m.text)
            for m in found]

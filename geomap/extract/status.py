"""The status step: whether an event happened, was attempted, failed or is only planned,
and the day of a planned one (not before its announcement)."""
from __future__ import annotations

from datetime import date, timedelta

from ..text import fold
from . import arguments, dates
from .document import Document, Trigger
from .grammar import Grammar, grammar

CAN_FAIL = ("ceasefire", "diplomacy", "evacuation")
HEARSAY = "unconfirmed: told in the conditional of hearsay"
STATUS_WINDOW = 80     # how far around the event word its status words are looked for


def decide_status(doc: Document, index: int) -> None:
    """The step: each event of the sentence gets its status (unless its roles already said
    it); a planned one is dated only by a date of its own clause, never before publication.
    What the article only recalls (history; an undated event noun used as a point in time,
    "après la reprise de la ville") is dropped."""
    layer, published = doc.sentences[index], doc.article.published
    for roles in layer.roles:
        day, precision, window, tense = roles.time
        if roles.status is None:
            roles.status, flags = told_status(layer, roles.trigger, tense, doc.language)
            roles.flags += flags
        elif roles.status == "happened" and tense == "future" and roles.clause_dated:
            roles.status = "planned"  # dated by its own clause to a day to come ("pour demain")
        if roles.status == "planned":
            if any(e.day for e in layer.dates) and (not dated_in_clause(roles.trigger, layer.triggers, layer.dates)
                                                    or arguments.put_off(layer, roles.trigger, doc.language)):
                day, precision, window = None, "unknown", None  # the day named is the announcement's or the delay's
            roles.time = (not_before(day, published), precision, window, tense)
    layer.roles = [r for r in layer.roles if not _history(r, published)
                   and not (not r.clause_dated and arguments.recalled(layer, r.trigger, doc.language))]


HISTORY_DAYS = 31   # an event its own clause dates this long before publication is background


def _history(roles, published: date | None) -> bool:
    """What the article recalls rather than reports ("seized in 2012", "had recaptured Palmyra
    in March"): a past event its own clause dates well before publication."""
    day, tense = roles.time[0], roles.time[3]
    return bool(roles.clause_dated and roles.status == "happened" and day and published
                and tense == "past" and (published - day).days > HISTORY_DAYS)


def told_status(layer, trigger: Trigger, tense: str, language: str) -> tuple[str, list[str]]:
    """The event's status (`status_of`, with the parse's mood of its verb), and the flags that
    mood gives: what is told in the conditional of hearsay is a fact, unconfirmed."""
    mood = arguments.clause_mood(layer, trigger, language)
    status = status_of(grammar(language), trigger, layer.text, tense, layer.triggers, language, mood)
    return status, [HEARSAY] if mood == "reported" else []


def status_of(g: Grammar, trigger: Trigger, text: str, tense: str, triggers, language: str,
              mood: str | None = None) -> str:
    """happened, failed (a truce that broke down: said anywhere in the sentence), or planned.
    `mood` is the parse's word on the event's verb ("indicative", "future", "conditional";
    "reported", what others say happened, is told as happened);
    without a parse, the future is told by the words around the event word."""
    folded = fold(text)
    lo, hi = clause_window(trigger, triggers)
    if trigger.type in CAN_FAIL and g.failed.search(folded):
        return "failed"
    if mood in ("future", "conditional"):
        return "planned"
    future_words = dates.is_future(text[lo:hi], language) if mood is None else False
    if tense == "future" or g.planned.search(folded[lo:hi]) or future_words:
        return "planned"
    return "happened"


def turned_back(sentences, index: int, g: Grammar) -> bool:
    """Whether this sentence or the next of its paragraph says the convoy turned back."""
    if g.turned_back is None:
        return False
    here = sentences[index]
    nearby = [here] + [s for s in sentences[index + 1:index + 2] if s.paragraph == here.paragraph]
    return any(g.turned_back.search(fold(s.text)) for s in nearby)


def dated_in_clause(trigger: Trigger, triggers, exprs) -> bool:
    lo, hi = clause_window(trigger, triggers)
    return any(e.day and lo <= e.start and e.end <= hi for e in exprs)


def not_before(day: date | None, published: date | None) -> date | None:
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


def clause_window(trigger: Trigger, triggers) -> tuple[int, int]:
    """The stretch around an event word where its status words are looked for: up to
    STATUS_WINDOW each side, but not into the words of another event of the sentence."""
    lo = max([trigger.start - STATUS_WINDOW] + [t.end for t in triggers if t.end <= trigger.start])
    hi = min([trigger.end + STATUS_WINDOW] + [t.start for t in triggers if t.start >= trigger.end])
    return max(0, lo), hi

"""The day an event word's clauses give it: its own clause's date or the one of a clause above,
the saying's day for an event told in the pluperfect under it, the source's day for one said
"selon une annonce faite dimanche", and the dates of clauses under it, which are not its."""
from __future__ import annotations

from ..models import DateExpr
from . import arguments, clauses
from .document import SentenceLayers, Trigger


def clause_date(layer: SentenceLayers, trigger: Trigger, language: str) -> DateExpr | None:
    """The date expression of the event word's own clause, else of the nearest clause above
    it that has one; the nearest to the word when a clause has several."""
    token = arguments.trigger_token(layer, trigger)
    if token is None:
        return None
    usable = [e for e in layer.dates if e.day or e.precision == "unknown"]
    positions = {id(e): layer.parse.at(e.start, e.end) for e in usable}
    for domain in clauses.clause_chain(layer.parse, token, clauses.scheme(language)):
        inside = [e for e in usable if positions[id(e)] is not None and positions[id(e)].i in domain]
        if inside:
            return min(inside, key=lambda e: (abs(positions[id(e)].i - token.i), e.start))
    return None


def told_before(layer: SentenceLayers, trigger: Trigger, expr: DateExpr, language: str) -> bool:
    """An event told in the pluperfect under a clause that has the date ("the army announced Monday
    that troops had recaptured X"): the date is the telling's, and the event may be older."""
    token = arguments.trigger_token(layer, trigger)
    word = layer.parse.at(expr.start, expr.end) if token is not None else None
    if word is None:
        return False
    s = clauses.scheme(language)
    verb = clauses.predicate_of(layer.parse, token)
    own = clauses.clause_chain(layer.parse, token, s)[0]
    return word.i not in own and clauses.anterior(layer.parse, verb, s)


def source_date(layer: SentenceLayers, trigger: Trigger, language: str) -> DateExpr | None:
    """The day of the phrase under the event verb that names its source ("reprise par l'EI, selon
    une annonce faite dimanche"): the telling's day, after the event or on it."""
    token = arguments.trigger_token(layer, trigger)
    if token is None:
        return None
    verb, s = clauses.predicate_of(layer.parse, token), clauses.scheme(language)
    for expr in subordinate_dates(layer, trigger, language):
        word = layer.parse.at(expr.start, expr.end)
        if expr.day and expr.precision == "day" and clauses.in_attribution(layer.parse, word, verb, s):
            return expr
    return None


def telling_date(layer: SentenceLayers, trigger: Trigger, expr: DateExpr | None, language: str) -> DateExpr | None:
    """The day of the telling rather than of the event, when the sentence gives one: its own
    clause's date `expr` when the event is told in the pluperfect under it, else (without such a
    date) the day of the phrase naming its source."""
    if expr is not None:
        return expr if told_before(layer, trigger, expr, language) else None
    return source_date(layer, trigger, language)


def subordinate_dates(layer: SentenceLayers, trigger: Trigger, language: str) -> list[DateExpr]:
    """The dates of the clauses embedded under the event word's clause ("took the district after
    clashes which continued from Sunday": Sunday is the clashes'; "the bombardment ended a respite,
    where Russia halted air strikes on October 18"): they date those clauses, never the event. For
    an event noun, a clause said of its own phrase ("l'accord de cessez-le-feu annoncé mardi") may
    tell its day and is not among them. Empty without a parse."""
    token = arguments.trigger_token(layer, trigger)
    if token is None:
        return []
    predicate = clauses.predicate_of(layer.parse, token)
    own = clauses.clause_chain(layer.parse, token, clauses.scheme(language))[0]
    below = {t.i for t in clauses.subtree(layer.parse, predicate)} - own
    if predicate.i != token.i:   # a clause said of the noun's own phrase may tell its day
        below -= {t.i for t in clauses.subtree(layer.parse, arguments.phrase_head(layer, token, language))}
    found = []
    for expr in layer.dates:
        word = layer.parse.at(expr.start, expr.end)
        if word is not None and word.i in below:
            found.append(expr)
    return found

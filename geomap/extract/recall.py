"""The steps that open and close a sentence: the memory (geomap.extract.memory) is told where a
paragraph starts, and what a sentence named, dated and reported, for the sentences after it."""
from __future__ import annotations

from ..models import DateExpr
from . import clause_dates
from .background import in_caption, is_background


def enter_sentence(doc, index: int) -> None:
    """The step that opens a sentence: a new paragraph starts a fresh paragraph memory."""
    doc.memory.enter(doc.sentences[index].sentence)


def remember(doc, index: int) -> None:
    """The step that closes a sentence: what it named is remembered for the next ones."""
    layer = doc.sentences[index]
    caption = in_caption(doc.article.sentences, index, doc.language)
    narrative = [expr for expr in layer.dates
                 if not caption and not is_background(expr, layer.sentence.text, doc.language)]
    doc.memory.remember(layer.sides, narrative, layer.events, layer.main_side)
    doc.memory.told_before = _told(layer, doc.language)
    doc.memory.note_lede(_told_kinds(layer))
    doc.memory.note_heading(layer.sentence.text, layer.dates, doc.article.published)
    if index == 0 and not caption and _one_line_title(doc):
        doc.memory.note_title(layer.dates, doc.article.published)


def _one_line_title(doc) -> bool:
    """Whether the article's first sentence is a paragraph of its own: its title line."""
    first = doc.article.sentences
    return len(first) > 1 and first[1].paragraph != first[0].paragraph


def _told(layer, language: str) -> dict:
    """What a sentence dated by an event's own clause, for the next sentence: the places of its
    reports, and the kinds of event it told at no named place."""
    told = {}
    for roles in layer.roles:
        day = roles.time[0] if roles.time else None
        if roles.clause_dated and day and roles.time[1] == "day" and roles.status == "happened" and roles.place_id:
            told[("place", roles.place_id)] = DateExpr("", 0, 0, day, "day", roles.time[2], roles.time[3])
    placed = {id(roles.trigger) for roles in layer.roles}
    for trigger in layer.triggers:
        expr = None if id(trigger) in placed or layer.parse is None else clause_dates.clause_date(layer, trigger, language)
        if expr is not None and expr.day and expr.precision == "day" and expr.tense == "past" \
                and not is_background(expr, layer.sentence.text, language):
            told.setdefault(("type", trigger.type), expr)
    return told


def _told_kinds(layer) -> dict:
    """The kinds of event the sentence told that happened on a day its own clause names."""
    return {roles.type: DateExpr("", 0, 0, roles.time[0], "day", roles.time[2], roles.time[3])
            for roles in layer.roles
            if roles.clause_dated and roles.time[0] and roles.time[1] == "day" and roles.status == "happened"}

"""What a reader remembers from one sentence to the next, as one object: the story's place,
the side named last, the side that took ground last, the day the paragraph is talking
about, the evacuation the paragraph told, and a live blog's day heading.

The steps `enter_sentence` (first of a sentence) and `remember` (last of a sentence) are
the only ones that change it; every step in between reads it as the sentences before left it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from ..models import DateExpr, Event, Sentence
from .background import is_background


@dataclass
class Memory:
    """The cross-sentence memory of one article."""
    story_place: str | None = None            # the place the story is about (a place id)
    last_side: str | None = None              # the side named last ("ils" stands for it)
    last_taker: str | None = None             # the side that took ground last
    paragraph: int = -1                       # the paragraph being read
    paragraph_day: DateExpr | None = None     # the day the paragraph was talking about
    paragraph_evacuation: Event | None = None # the evacuation the paragraph told
    section_day: DateExpr | None = None       # a live blog's date heading ("Mardi 13 décembre")

    def enter(self, sentence: Sentence) -> None:
        """A new paragraph forgets the previous one's day and evacuation."""
        if sentence.paragraph != self.paragraph:
            self.paragraph, self.paragraph_day, self.paragraph_evacuation = sentence.paragraph, None, None

    def carried_day(self) -> DateExpr | None:
        """The day a sentence naming none is about: the paragraph's, else the section's."""
        return self.paragraph_day or self.section_day

    def remember(self, sides: list[str], exprs: list[DateExpr], events: list[Event]) -> None:
        """Carry what the next sentences may refer back to: the side named last, the date."""
        if sides:
            self.last_side = sides[-1]
        for expr in exprs:
            if expr.day and expr.precision == "day" and expr.tense == "past":
                self.paragraph_day = expr
        for event in events:
            if event.type == "control_change" and event.to:
                self.last_taker = event.to
            if event.type == "evacuation" and event.status != "planned":
                self.paragraph_evacuation = event

    def note_heading(self, text: str, exprs: list[DateExpr], published) -> None:
        """A date heading dates the entries under it; the dateline (the publication day)
        leaves their days approximate."""
        if is_date_heading(text, exprs):
            self.section_day = exprs[0] if exprs[0].day != published else None


def is_date_heading(text: str, exprs: list[DateExpr]) -> bool:
    """A short line that is only a day ("Mardi 13 décembre", "14 December 2016 - 09:30 GMT")
    heads the entries under it, as in a live blog: no word of four letters or more besides
    the date."""
    if len(exprs) != 1 or not exprs[0].day or exprs[0].precision != "day":
        return False
    rest = text[:exprs[0].start] + text[exprs[0].end:]
    return len(text) <= 60 and not re.search(r"[^\W\d_]{4,}", rest)


def enter_sentence(doc, index: int) -> None:
    """The step that opens a sentence: a new paragraph starts a fresh paragraph memory."""
    doc.memory.enter(doc.sentences[index].sentence)


def remember(doc, index: int) -> None:
    """The step that closes a sentence: what it named is remembered for the next ones."""
    layer = doc.sentences[index]
    narrative = [expr for expr in layer.dates if not is_background(expr, layer.sentence.text, doc.language)]
    doc.memory.remember(layer.sides, narrative, layer.events)
    doc.memory.note_heading(layer.sentence.text, layer.dates, doc.article.published)

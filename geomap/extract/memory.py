"""What a reader remembers from one sentence to the next, as one object: the story's place,
the side named last, the side that took ground last, the day the paragraph is talking
about, the evacuation the paragraph told, a live blog's day heading, and the days of the
kinds of event the lede told (wire copy names the day once, "strikes killed 25 on Thursday",
and tells more of those strikes in the paragraphs after: "One of the strikes hit...").

The steps of geomap.extract.recall (`enter_sentence`, first of a sentence, and `remember`, last
of a sentence) are the only ones that change it; every step in between reads it as the
sentences before left it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import DateExpr, Event, Sentence


LEDE_PARAGRAPHS = 3   # the title, a date or byline line, the lede: where the story's day is named


@dataclass
class Memory:
    """The cross-sentence memory of one article."""
    story_place: str | None = None            # the place the story is about (a place id)
    story_actors: dict = field(default_factory=dict)  # actor id -> how often the article names it unambiguously
    last_side: str | None = None              # the side named last ("ils" stands for it)
    last_subject_side: str | None = None      # the side the last main subject named ("les forces" stand for it)
    last_taker: str | None = None             # the side that took ground last
    paragraph: int = -1                       # the paragraph being read
    paragraph_day: DateExpr | None = None     # the day the paragraph was talking about
    paragraph_evacuation: Event | None = None # the evacuation the paragraph told
    section_day: DateExpr | None = None       # a live blog's date heading ("Mardi 13 décembre")
    lede_days: dict = field(default_factory=dict)  # event type -> the day the lede's own clause gave it
    lede_over: bool = False                   # past the lede's paragraphs
    told_before: dict = field(default_factory=dict)  # what the sentence before dated by its own clause:
                                              # place id -> its day, and an event type told at no
                                              # named place ("ont repris samedi un quartier clé") -> its day

    def enter(self, sentence: Sentence) -> None:
        """A new paragraph forgets the previous one's day and evacuation."""
        if sentence.paragraph != self.paragraph:
            self.paragraph, self.paragraph_day, self.paragraph_evacuation = sentence.paragraph, None, None
        self.lede_over = self.lede_over or sentence.paragraph >= LEDE_PARAGRAPHS

    def continued_day(self, place_id: str | None, kind: str) -> DateExpr | None:
        """The day of the sentence before when it told the same place ("attaqué mardi le
        quartier de Chaar. Ayant repris Chaar, ..."), or told an event of this kind without
        naming where ("ont repris samedi un quartier clé. Les forces ont repris Masaken Hanano")."""
        return self.told_before.get(("place", place_id)) or self.told_before.get(("type", kind))

    def lede_day(self, kind: str) -> DateExpr | None:
        """The day the lede gave this kind of event, for a sentence of a paragraph naming no day."""
        return None if self.paragraph_day or self.section_day else self.lede_days.get(kind)

    def note_lede(self, told: dict) -> None:
        """What a lede sentence dated by an event's own clause (event type -> its day)."""
        if not self.lede_over:
            for kind, expr in told.items():
                self.lede_days.setdefault(kind, expr)

    def carried_day(self) -> DateExpr | None:
        """The day a sentence naming none is about: the paragraph's, else the section's."""
        return self.paragraph_day or self.section_day

    def remember(self, sides: list[str], exprs: list[DateExpr], events: list[Event],
                 main_side: str | None = None) -> None:
        """Carry what the next sentences may refer back to: the side named last, the side the
        main subject named, the date."""
        if sides:
            self.last_side = sides[-1]
        if main_side or sides:
            self.last_subject_side = main_side
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


    def note_title(self, exprs: list[DateExpr], published) -> None:
        """A title that dates its report with a written day ("Aleppo brief for 21/11/2016: ...")
        dates the body's sentences that name no day, as a heading does; a weekday word alone
        ("retake Palmyra on Sunday") is no such date."""
        days = [e for e in exprs if e.day and e.precision == "day" and e.tense == "past"]
        if len(days) == 1 and any(ch.isdigit() for ch in days[0].text) and (published is None or days[0].day <= published):
            self.section_day = days[0] if days[0].day != published else None


def is_date_heading(text: str, exprs: list[DateExpr]) -> bool:
    """A short line that is only a day ("Mardi 13 décembre", "14 December 2016 - 09:30 GMT")
    heads the entries under it, as in a live blog: no word of four letters or more besides
    the date."""
    if len(exprs) != 1 or not exprs[0].day or exprs[0].precision != "day":
        return False
    rest = text[:exprs[0].start] + text[exprs[0].end:]
    return len(text) <= 60 and not re.search(r"[^\W\d_]{4,}", rest)

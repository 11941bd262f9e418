"""The document the extraction steps fill in: one article and, per sentence, one layer per
kind of finding (places, dates, actors, event words, roles, events).

Every offset in a sentence's layers points into that sentence's text (and into its folded
text, which keeps offsets). A step reads the layers the steps before it filled and fills its
own; a later step can add a layer (a syntactic parse, in `SentenceLayers.parse`) without
reshaping the others.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..models import Article, DateExpr, Event, Mention, Sentence
from ..text import fold
from .memory import Memory


@dataclass(frozen=True)
class Trigger:
    """An event word: its type, its group (capture | loss | passive | noun for control
    changes; the type otherwise) and its span."""
    type: str
    group: str
    start: int
    end: int
    by: str = "pattern"     # pattern (events.yaml regexes) | lemma (found in the parse)


@dataclass(frozen=True)
class ActorMention:
    """An actor's name in a sentence: the actor id and the span."""
    actor: str
    start: int
    end: int


@dataclass
class Roles:
    """One event to be: its event word and what fills its roles (where, who, when, how it went)."""
    type: str
    trigger: Trigger
    place_id: str | None
    place_text: str
    route: tuple = ()
    to: str | None = None
    from_: str | None = None
    people: int | None = None
    status: str | None = None        # None until the status step decides it
    flags: list = field(default_factory=list)
    time: tuple | None = None        # (day, precision, window, tense)
    clause_dated: bool = False       # the day is a date of the event's own clause (or one above it)
    day_from: Event | None = None    # a route continued from an evacuation told before takes its
                                     # day when the sentence names none


@dataclass
class SentenceLayers:
    """One sentence and what the steps found in it."""
    sentence: Sentence
    folded: str                                                   # fold(sentence.text)
    places: list[Mention] = field(default_factory=list)          # location mentions (not actors)
    filed_from: list[Mention] = field(default_factory=list)      # a dateline's place: named, not where it happened
    naming_only: list[Mention] = field(default_factory=list)     # a country that names a city ("Syria's largest city")
    dates: list[DateExpr] = field(default_factory=list)          # date expressions, resolved
    actors: list[ActorMention] = field(default_factory=list)
    sides: list[str] = field(default_factory=list)               # the sides those actors fight for
    main_side: str | None = None                                 # the side the main verb's subject names
    triggers: list[Trigger] = field(default_factory=list)        # the event words that tell a fact
    roles: list[Roles] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    parse: object = None                                         # a syntactic parse, when a parser runs
    shares: list = field(default_factory=list)                   # StatedShares (shares.py)
    pockets: list = field(default_factory=list)                  # Pockets (shares.py)

    @property
    def text(self) -> str:
        return self.sentence.text


@dataclass
class Document:
    """An article being read: its sentences' layers and the reader's memory."""
    article: Article
    sentences: list[SentenceLayers]
    memory: Memory = field(default_factory=Memory)

    @classmethod
    def of(cls, article: Article) -> "Document":
        """An empty document for an article: one layer set per sentence."""
        return cls(article, [SentenceLayers(s, fold(s.text)) for s in article.sentences])

    @property
    def language(self) -> str:
        return self.article.language

    def events(self) -> list[Event]:
        """Every event of the article, in the order of its sentences."""
        return [e for layer in self.sentences for e in layer.events]

    def statements(self) -> tuple[list, list]:
        """The shares and the pockets the article states, in the order of its sentences."""
        return ([s for layer in self.sentences for s in layer.shares],
                [p for layer in self.sentences for p in layer.pockets])

    def located_mentions(self) -> list[Mention]:
        """The place mentions that are locations, with offsets into the article text."""
        return [replace(m, start=m.start + layer.sentence.start, end=m.end + layer.sentence.start)
                for layer in self.sentences for m in layer.places]

    def named_mentions(self) -> list[Mention]:
        """Every place the article names as a place: its locations, the place it was filed
        from (a dateline) and the countries that only name a city, with offsets into the article text."""
        datelines = [replace(m, start=m.start + layer.sentence.start, end=m.end + layer.sentence.start)
                     for layer in self.sentences for m in layer.filed_from + layer.naming_only]
        return sorted(self.located_mentions() + datelines, key=lambda m: (m.start, m.end))

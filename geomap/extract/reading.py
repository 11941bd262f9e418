"""What the build keeps of one article's reading: its events, place mentions and statements.

A `Document` holds every layer the steps filled (parses, triggers, roles); the stages after
extraction need only what `Reading` keeps, so that a reading is small enough to be cached on
disk (geomap.cache), sent back from another process or a cluster (geomap.readers), and read
back instead of extracting the article again.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Article, Event, Mention


@dataclass
class Reading:
    """One article as extraction read it.

    Parameters
    ----------
    article : Article
        The article read (with the publication date it was read with).
    events : list of Event
        Its events, unmerged, in the order of its sentences.
    mentions : list of Mention
        Every place it names as a place, with offsets into the article text.
    shares, pockets : list
        The StatedShares and Pockets it states.
    warnings : list of str
        What the reading told the build (a language read without its parser).
    unresolved_dates : list of str
        Its relative date words left without a day ("lundi", "hier"), as written.
    """
    article: Article
    events_read: list[Event] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    shares: list = field(default_factory=list)
    pockets: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unresolved_dates: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, doc, warnings: list[str] | None = None) -> "Reading":
        """What the build keeps of a filled Document."""
        shares, pockets = doc.statements()
        undated = sorted({e.text for layer in doc.sentences for e in layer.dates if e.day is None}, key=str.lower)
        return cls(doc.article, doc.events(), doc.named_mentions(), shares, pockets, list(warnings or ()), undated)

    def events(self) -> list[Event]:
        """Every event of the article, in the order of its sentences (as `Document.events`)."""
        return list(self.events_read)

    def named_mentions(self) -> list[Mention]:
        """The places the article names (as `Document.named_mentions`)."""
        return list(self.mentions)

    def statements(self) -> tuple[list, list]:
        """The shares and the pockets the article states (as `Document.statements`)."""
        return list(self.shares), list(self.pockets)

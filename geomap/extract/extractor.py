"""The extraction stage: read one article into a Document, step by step, and give its events.

The document steps run once over the whole article (the gazetteer over every sentence at
once); the sentence steps then run in order on each sentence, the memory carrying what the
sentences before named.
"""
from __future__ import annotations

from .. import budget
from ..models import Article, Event
from . import cues, recall
from .actors import FindActors, NameActors
from .builder import build_events
from .dates import FindDates
from .document import Document
from .places import FindPlaces
from .roles import FindRoles
from .side_areas import FindSideAreas
from .settings import Settings
from .shares import FindShares
from .status import decide_status
from .syntax import ParseSentences
from .triggers import FindTriggers


class Extractor:
    """Reads events out of articles.

    Parameters
    ----------
    gazetteer : Gazetteer
        The places to find in the text (its `find`, `get`, `contains` and `in`).
    settings : Settings
        The conflict's sides, allies and opponents (from config.yaml).
    year_hint : int or None
        The year of a date written without one when nothing else in the article gives it.
    warn : callable, optional
        Told of what the build should report (a language read without its parser).
    parser : ParseSentences, optional
        The parse step to use (and its cache of parses); by default a new one that parses only
        the sentences worth it (geomap.extract.cues).
    """

    def __init__(self, gazetteer, settings: Settings = Settings(), year_hint: int | None = None, warn=None,
                 parser: ParseSentences | None = None):
        self.gazetteer, self.settings, self.year_hint = gazetteer, settings, year_hint
        self.parser = parser or ParseSentences(warn, select=cues.worth_parsing)
        self.document_steps = [FindPlaces(gazetteer), NameActors(), self.parser]
        self.sentence_steps = [recall.enter_sentence, FindDates(year_hint), FindActors(settings),
                               FindSideAreas(gazetteer, settings), FindTriggers(),
                               FindRoles(gazetteer, settings), decide_status, build_events, FindShares(settings),
                               recall.remember]

    def with_gazetteer(self, gazetteer) -> "Extractor":
        """The same extractor over another gazetteer (places added by the fallbacks), keeping
        its parser and the parses it already made: a sentence is never parsed twice."""
        return Extractor(gazetteer, self.settings, self.year_hint, parser=self.parser)

    def read(self, article: Article) -> Document:
        """The article's document with every layer filled.

        Parameters
        ----------
        article : Article
            An article as `geomap.articles.read_article` gives it.

        Returns
        -------
        Document
            Its sentences' layers (places, dates, actors, event words, roles, events).
        """
        doc = Document.of(article)
        for step in self.document_steps:
            budget.check()
            step(doc)
        for index in range(len(doc.sentences)):
            budget.check()                       # the article's time budget, in any thread (geomap.budget)
            for step in self.sentence_steps:
                step(doc, index)
        return doc

    def extract(self, article: Article) -> list[Event]:
        """The events one article tells, one Source each, in the order of its sentences.

        Parameters
        ----------
        article : Article
            As for `read`.

        Returns
        -------
        list of Event
            Unmerged: `geomap.merge.merge_events` joins the reports of one event.
        """
        return self.read(article).events()

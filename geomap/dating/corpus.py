"""The publication date from the corpus: an undated article that reports events the dated
articles also report takes the day that puts its own events on theirs.

For each undated article, the candidates are the days implied by its matches (an event of the
same type at the same place, or in the same city, as a dated article's event of day D, or a
sentence told alike in a dated article whose day is D (geomap.dating.tellings): the
publication day in the week from D that puts the weekday word or "hier" of the event's sentence
on D and fits the text best, or D itself when the sentence has no such word). Each candidate
is tried by reading the article again with it as publication date; the best one puts
the article's events whose day depends on the publication date on the dated events' days (the
same place more than the same city, a day its sentence names more than the publication day
itself, a place reported on few days more than one reported on many; a neighbourhood's capture
put far from the dated reports' days counts against), then fits the text best
(geomap.dating.text). Articles dated so date others in turn, but only by a report at the same
neighbourhood (a chain of city-wide matches would carry one guess on). A report its own article
says was denied (geomap.dating.denials) is no anchor.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from fractions import Fraction

from ..extract.dates import find_dates
from ..models import WITHIN_A_CITY, Article, Event
from .denials import denied_sentences
from .tellings import Tellings
from .text import WEEK, TextFit

CITY_OR_SMALLER = WITHIN_A_CITY + ("city", "town")
SAME_PLACE, WITHIN = 5, 1     # how well two places agree: the same part of a city, or the same city or
                              # one inside the other;
                              # in a story about one city nearly every event is "within" it, so the
                              # same neighbourhood is far stronger evidence
DAY_WEIGHT = 2                # an event dated by a word of its sentence counts more than one dated
                              # by the publication day alone
ONCE = ("control_change",)    # what happens once at a place: its capture by a side, put on a day
CONTRADICTED = SAME_PLACE     # more than MARGIN from every day the dated reports give that
MARGIN = 1                    # neighbourhood's capture, counts against the candidate day as much
                              # as a landing would count for it


def date_from_corpus(articles: list[Article], docs: dict, extractor, year_hint: int | None) -> tuple[list[Article], dict]:
    """The articles, the undated ones dated from the corpus where their events fit (basis
    "corpus"), and the documents, those of the newly dated articles read again."""
    articles, docs = list(articles), dict(docs)
    readings = _Readings(extractor)
    tried: dict[str, tuple] = {}      # per undated article, the dated reports it was last tried against
    runs_read: dict = {}              # each article's runs of words (geomap.dating.tellings), read once
    changed = True
    while changed:
        changed = False
        known, tellings = _dated_events(articles, docs), Tellings(articles, year_hint, runs_read)
        for index, article in enumerate(articles):
            if article.published is not None:
                continue
            events, links = docs[article.name].events(), _links(article, tellings, year_hint)
            matched = frozenset(_signature(d) for e in events for d in _matches(e, known, extractor.gazetteer))
            if tried.get(article.name) == (matched, links):
                continue  # nothing new to fit it to
            tried[article.name] = (matched, links)
            found = _best_reading(article, events, known, links, readings, year_hint)
            if found is not None:
                articles[index], docs[article.name] = found.article, found
                changed = True
    return articles, docs


class _Readings:
    """An article read with a candidate publication day, once: a reprint under another name
    (the same text, as agency copy is) shares its readings, and only the winner is read again."""

    def __init__(self, extractor):
        self.extractor, self.gazetteer, self.cache = extractor, extractor.gazetteer, {}

    def events(self, article: Article, day: date) -> list[Event]:
        key = (article.text, article.language, day)
        if key not in self.cache:
            self.cache[key] = self.read(article, day)
        return self.cache[key].events()

    def read(self, article: Article, day: date):
        key = (article.text, article.language, day)
        doc = self.cache.get(key)
        if doc is None or doc.article.name != article.name:
            doc = self.extractor.read(replace(article, published=day, published_basis="corpus"))
        return doc


def _dated_events(articles: list[Article], docs: dict) -> dict[str, list[Event]]:
    """The events of the dated articles that stand at a place on a day, by type; not those its
    own article says were denied."""
    known: dict[str, list[Event]] = {}
    for article in articles:
        if article.published is None:
            continue
        denied = denied_sentences(article)
        for event in docs[article.name].events():
            if event.place_id is not None and event.date is not None and event.sources[0].sentence not in denied:
                known.setdefault(event.type, []).append(event)
    return known


def _place_agreement(a: str, b: str, gazetteer) -> int:
    """SAME_PLACE for one place within a city, WITHIN for one city or one inside the other."""
    if a == b:
        return SAME_PLACE if a in gazetteer and gazetteer.get(a).type in WITHIN_A_CITY else WITHIN
    for outer, inner in ((a, b), (b, a)):
        if outer in gazetteer and gazetteer.get(outer).type in CITY_OR_SMALLER and gazetteer.contains(outer, inner):
            return WITHIN
    return 0


def _agreement_with(event: Event, dated: Event, gazetteer) -> int:
    """How well two reports agree on the place (0: not the same event); a control change taken
    by a different side is another event, and an article dated from the corpus agrees only at
    the same place."""
    if event.place_id is None or (event.to and dated.to and event.to != dated.to):
        return 0
    level = _place_agreement(event.place_id, dated.place_id, gazetteer)
    return level if level >= SAME_PLACE or dated.sources[0].published_basis != "corpus" else 0


def _matches(event: Event, known: dict[str, list[Event]], gazetteer) -> list[Event]:
    return [d for d in known.get(event.type, ()) if _agreement_with(event, d, gazetteer)]


def _candidates(article: Article, events: list[Event], known: dict[str, list[Event]], gazetteer,
                fit: TextFit, year_hint: int | None) -> list[date]:
    """The publication days the matches imply, each the one that fits the text best."""
    days = set()
    for event in events:
        for dated in _matches(event, known, gazetteer):
            found = _implied(event.sources[0].sentence, dated.date, article.language, fit, year_hint)
            if found:
                days.add(found)
    return sorted(days)


def _implied(sentence: str, day: date, language: str, fit: TextFit, year_hint: int | None) -> date | None:
    """The publication day that puts a word of the sentence that needs one ("lundi", "hier")
    on `day`, the best for the text among the week after it; `day` itself when the sentence
    has no such word (its event then takes the publication day)."""
    relative = _relative(sentence, language, year_hint)
    if not relative:
        return day
    landing = [p for p in (day + timedelta(days=k) for k in range(WEEK))
               if any(x.start in relative and x.day == day for x in find_dates(sentence, language, p, year_hint=year_hint))]
    return min(landing, key=lambda p: (fit.cost(p), p)) if landing else None


def _signature(event: Event) -> tuple:
    return event.type, event.place_id, event.date, event.precision, event.to


def _agreement(events: list[Event], fixed: Counter, known: dict[str, list[Event]], gazetteer) -> Fraction:
    """How well the events whose day depends on publication land on the dated events' days.
    Each landing counts as much as it is rare: its agreement (the same place, or within the same
    city) shared out over the days the dated reports give that type at such a place. In a story
    about one city, a report "in the city" fits nearly any day; one neighbourhood fits one.
    A contradiction counts against: a neighbourhood's capture put more than a day away from every
    day the dated reports give it (a side takes a neighbourhood once; strikes and fighting recur)."""
    moved = Counter(_signature(e) for e in events) - fixed
    total = Fraction(0)
    for event in events:
        if moved[_signature(event)] <= 0 or event.place_id is None or event.date is None:
            continue
        moved[_signature(event)] -= 1
        levels = {d.date: 0 for d in known.get(event.type, ())}
        for dated in known.get(event.type, ()):
            levels[dated.date] = max(levels[dated.date], _agreement_with(event, dated, gazetteer))
        best = max(levels.values(), default=0)
        if best == 0:
            continue
        weight = DAY_WEIGHT if event.precision == "day" else 1
        days_that_fit = sum(1 for other in levels.values() if other >= best)
        if levels.get(event.date, 0) == best:
            total += Fraction(best * weight, days_that_fit)
        elif event.type in ONCE and best >= CONTRADICTED and not _near(event.date, [d for d, other in levels.items() if other >= best]):
            total -= Fraction(best * weight, days_that_fit)
    return total


def _near(day: date, days: list[date]) -> bool:
    """Whether a day is within MARGIN of one of the days (reports of one event a day apart agree)."""
    return any(abs((day - other).days) <= MARGIN for other in days)


def _best_reading(article: Article, events: list[Event], known: dict[str, list[Event]], links: dict,
                  readings: _Readings, year_hint: int | None):
    """The document of the article read with its best-fitting candidate day; None when no
    candidate puts an event whose day depends on publication on a dated event's day, or when
    two candidates fit equally well (the corpus cannot tell)."""
    gazetteer = readings.gazetteer
    fixed = Counter(_signature(e) for e in events)  # what the text gives without a publication date
    fit, ranked = TextFit.of(article, year_hint), []
    for day in sorted(set(_candidates(article, events, known, gazetteer, fit, year_hint))
                      | set(_linked_candidates(article, links, fit, year_hint))):
        if not fit.allows(day):
            continue
        score = _agreement(readings.events(article, day), fixed, known, gazetteer) \
            + _told_alike(article, links, day, year_hint)
        if score > 0:
            ranked.append(((-score, fit.cost(day)), day))
    ranked.sort()
    if not ranked or (len(ranked) > 1 and ranked[0][0] == ranked[1][0]):
        return None
    return readings.read(article, ranked[0][1])


def _relative(sentence: str, language: str, year_hint: int | None) -> list[int]:
    """Where the sentence's words that need a publication day start ("lundi", "hier")."""
    return [x.start for x in find_dates(sentence, language, year_hint=year_hint) if x.day is None]


def _links(article: Article, tellings: Tellings, year_hint: int | None) -> dict[int, frozenset]:
    """Per sentence of the article with a word that needs a publication day, the days of the dated
    sentences that tell the same (geomap.dating.tellings)."""
    found = {}
    for index, sentence in enumerate(article.sentences):
        days = tellings.linked_days(article, index)
        if days and _relative(sentence.text, article.language, year_hint):
            found[index] = frozenset(days)
    return found


def _linked_candidates(article: Article, links: dict, fit: TextFit, year_hint: int | None) -> list[date]:
    days = (_implied(article.sentences[i].text, day, article.language, fit, year_hint)
            for i, linked in links.items() for day in linked)
    return [d for d in days if d]


def _told_alike(article: Article, links: dict, published: date, year_hint: int | None) -> Fraction:
    """How well the publication day puts the sentences told alike in dated articles on their days:
    as much as an event in the same city dated by its sentence, shared out over the days they give."""
    total = Fraction(0)
    for index, days in links.items():
        text = article.sentences[index].text
        relative = _relative(text, article.language, year_hint)
        if any(x.start in relative and x.day in days
               for x in find_dates(text, article.language, published, year_hint=year_hint)):
            total += Fraction(WITHIN * DAY_WEIGHT, len(days))
    return total

"""The publication date from an article's own text, in this order: its dateline
("DAMASCUS, Dec. 12 (Xinhua) —", "BEYROUTH, 15 déc. (AFP) -") or the page's printed stamp
("Publié le 13 décembre 2016 à 10h12"); a day given as today ("ce jeudi 15 décembre"); else
the day its dates fit best.

The best fit: the publication day is on or after every day the text reports (its lower bound,
background days included), and within a week of it; among those seven days, the one that
makes the text's evidence most recent: the sum, over its full dates and weekday words, of
how many days before publication each falls ("dimanche" after "le 8 décembre dernier" is the
first Sunday after it). Background days and captions bound the day but are no evidence: a
text with no evidence stays undated.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..articles import split_front_matter
from ..extract.dates import find_dates
from ..models import Article
from ..text import fold
from .clues import EMBED_SIGNATURE, Clue, clues, cues, starts_with_this

WEEK = 7
DATELINE = re.compile(r"\s*(?P<city>[A-ZÀ-Ý][\w'’.-]*(?:[ -][A-ZÀ-Ý][\w'’.-]*){0,3})"
                      r"(?:\s*\([^()]{1,40}\))?,\s*")
AFTER_DATELINE = re.compile(r"\s*(?P<agency>\([^()]{1,40}\))?\s*[-—–]")
STAMP_REACH = 45   # characters between the stamp's word and its date ("published at 12:08 GMT ...")
STAMP_TAIL = 25    # what may follow the stamp's date in its sentence ("à 10h12")
HEAD = 6           # the lines where a dateline or a bare date line is the page's own
BYLINE = 80        # the longest first line read as a byline or a date line
TIME_ONLY = re.compile(r"\W*(?:\w{1,2}\s+)?(?:\d{1,2}\s*[h:.]\s*\d{0,2}\b.*)?$")  # "", "à 08h12", "at 9:02 a.m."
YEAR = re.compile(r"(?:19|20)\d\d")


def from_text(article: Article, year_hint: int | None) -> tuple[date | None, str]:
    """The publication day the text gives, and its basis: dateline, text or none."""
    found = dateline(article, year_hint) or stamp(article, year_hint)
    if found:
        return found, "dateline"
    fit = TextFit.of(article, year_hint)
    found = fit.today() or fit.best()
    return (found, "text") if found else (None, "none")


def dateline(article: Article, year_hint: int | None) -> date | None:
    """The day of a dateline opening one of the first lines: a place (in capitals, or followed
    by an agency in brackets), a comma, the day, a dash."""
    for line in head_lines(article):
        head = DATELINE.match(line)
        if not head:
            continue
        for expr in find_dates(line, article.language, year_hint=year_hint):
            after = AFTER_DATELINE.match(line[expr.end:])
            if expr.start == head.end() and _is_day(expr) and after \
                    and (head.group("city").isupper() or after.group("agency")):
                return expr.day
    return None


def stamp(article: Article, year_hint: int | None) -> date | None:
    """The latest day printed as the page's stamp: a stamp word just before a full day that
    ends its sentence ("published at 12:08 GMT 15 December 2016"; not "a report published on
    3 March said"), or one of the first lines, short as a byline, that ends with a day with
    its year and perhaps a time ("Le 19 décembre 2016 à 08h12", "Le Monde avec AFP |
    13.12.2016 à 11h02"), even where reading cut it as furniture."""
    days, pattern = [], cues(article.language).stamp
    lines = head_lines(article)
    for index, text in enumerate(lines + [s.text for s in article.sentences]):
        folded = fold(text)
        for expr in find_dates(text, article.language, year_hint=year_hint):
            if not _is_day(expr) or len(text[expr.end:].strip()) > STAMP_TAIL:
                continue
            if pattern.search(folded[max(0, expr.start - STAMP_REACH):expr.start]) \
                    or (index < len(lines) and YEAR.search(expr.text) and len(text) <= BYLINE
                        and TIME_ONLY.match(text[expr.end:])
                        and not EMBED_SIGNATURE.search(text)):  # a quoted post's date is not the page's
                days.append(expr.day)
    return max(days) if days else None


def head_lines(article: Article) -> list[str]:
    """The first lines of the body, as the file has them (before furniture was cut)."""
    body = article.text[split_front_matter(article.text, article.name)[1]:]
    return [line for line in (raw.strip() for raw in body.split("\n")) if line][:HEAD]


def _is_day(expr) -> bool:
    return expr.day is not None and expr.precision == "day" and any(ch.isdigit() for ch in expr.text)


@dataclass(frozen=True)
class TextFit:
    """How well each candidate publication day fits what the article's text says."""
    article: Article
    clues: tuple[Clue, ...]
    year_hint: int | None

    @classmethod
    def of(cls, article: Article, year_hint: int | None) -> "TextFit":
        return cls(article, tuple(clues(article, year_hint)), year_hint)

    def today(self) -> date | None:
        """A day the text gives as today: "ce jeudi 15 décembre", "this Thursday, Dec. 15"."""
        for clue in self.clues:
            if clue.kind == "fixed" and clue.evidence and starts_with_this(clue.expr, self.article.language):
                return clue.expr.day
        return None

    def lower_bound(self) -> date | None:
        """The latest day the text reports as past: the article cannot be older."""
        days = [c.expr.day for c in self.clues if c.kind == "fixed" and c.expr.tense == "past"]
        return max(days) if days else None

    def allows(self, day: date) -> bool:
        low = self.lower_bound()
        return low is None or day >= low

    def best(self) -> date | None:
        """The day of the week from the lower bound on that makes the evidence most recent;
        None without a lower bound or without evidence."""
        low = self.lower_bound()
        if low is None or not any(c.evidence for c in self.clues):
            return None
        return min((low + timedelta(days=k) for k in range(WEEK)), key=lambda day: (self.cost(day), day))

    def cost(self, published: date) -> int:
        """How many days before `published` the evidence falls, summed (lower is better)."""
        total, sentences = 0, self.article.sentences
        resolved: dict[int, dict[int, date | None]] = {}
        for clue in self.clues:
            if not clue.evidence:
                continue
            if clue.kind == "fixed":
                total += abs((published - clue.expr.day).days)
                continue
            if clue.sentence not in resolved:
                exprs = find_dates(sentences[clue.sentence].text, self.article.language, published,
                                   year_hint=self.year_hint)
                resolved[clue.sentence] = {e.start: e.day for e in exprs}
            day = resolved[clue.sentence].get(clue.expr.start)
            total += abs((published - day).days) if day else WEEK
        return total

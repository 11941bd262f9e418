"""The same telling in two articles: a sentence of an undated article and a sentence of a dated
one that share a run of words few articles of the corpus have (agency copy reprinted, reworded
in part: "avaient été attaqués et incendiés" / "ont été attaqués et incendiés") tell one thing,
so the undated sentence's weekday word or "hier" falls on the dated sentence's day.

A run is RUN words (folded, in one language) of which at least LONG_WORDS have LONG letters
or more, each of those in at most a quarter of the articles; it is rare when at most max(RARE,
a tenth of the articles) articles have it. A stock phrase ("l'Observatoire syrien des droits de
l'homme", "l'opération d'évacuation") is in many, or is made of words most articles use.
The dated sentence's
day is the one day it writes, else its article's publication day; a sentence that writes
several days gives none. A claim its article says was denied (geomap.dating.denials) gives none.
"""
from __future__ import annotations

import re
from collections import Counter
from datetime import date

from ..extract.dates import find_dates
from ..models import Article
from ..text import fold
from .denials import denied_sentences

RUN, LONG_WORDS, LONG = 4, 2, 5
RARE, RARE_SHARE, WORD_SHARE = 3, 10, 4
WORD = re.compile(r"\w+")


def runs(text: str) -> set[tuple[str, ...]]:
    """The runs of RUN words of a text that hold enough long words to say something."""
    words = WORD.findall(fold(text))
    return {tuple(words[i:i + RUN]) for i in range(len(words) - RUN + 1)
            if len(_long(words[i:i + RUN])) >= LONG_WORDS}


def _long(words) -> list[str]:
    return [w for w in words if len(w) >= LONG]


class Tellings:
    """The rare runs of a corpus, and the days its dated sentences give them."""

    def __init__(self, articles: list[Article], year_hint: int | None, read: dict | None = None):
        """`read`: the runs of each article's sentences, by name, kept between passes."""
        self.year_hint, read = year_hint, {} if read is None else read
        for article in articles:
            if article.name not in read:
                read[article.name] = [runs(s.text) for s in article.sentences]
        self.by_article = {a.name: read[a.name] for a in articles}
        spread = Counter(run for sentence_runs in self.by_article.values()
                         for run in set().union(*sentence_runs))
        words = Counter(w for sentence_runs in self.by_article.values()
                        for w in {w for run in set().union(*sentence_runs) for w in run})
        limit, word_limit = max(RARE, len(articles) // RARE_SHARE), max(RARE, len(articles) // WORD_SHARE)
        self.rare = {run for run, count in spread.items()
                     if count <= limit and all(words[w] <= word_limit for w in _long(run))}
        self.where: dict[tuple, list[tuple[Article, int]]] = {}  # (language, run) -> dated sentences
        for article in articles:
            if article.published is None:
                continue
            denied = denied_sentences(article)
            for index, sentence_runs in enumerate(self.by_article[article.name]):
                if article.sentences[index].text in denied:
                    continue
                for run in sentence_runs & self.rare:
                    self.where.setdefault((article.language, run), []).append((article, index))
        self.day_memo: dict[tuple[str, int], date | None] = {}

    def _day_of(self, article: Article, index: int) -> date | None:
        key = (article.name, index)
        if key not in self.day_memo:
            written = {e.day for e in find_dates(article.sentences[index].text, article.language, article.published,
                                                 year_hint=self.year_hint)
                       if e.day is not None and e.precision == "day"}
            self.day_memo[key] = (written.pop() if len(written) == 1 else None) if written else article.published
        return self.day_memo[key]

    def linked_days(self, article: Article, index: int) -> set[date]:
        """The days the dated sentences that share a rare run with sentence `index` of the article give."""
        found: set[date] = set()
        for run in self.by_article[article.name][index] & self.rare:
            for other, other_index in self.where.get((article.language, run), ()):
                day = self._day_of(other, other_index)
                if day is not None and other.name != article.name:
                    found.add(day)
        return found

"""The date expressions of an article's text, read for what they say of its publication day.

Each expression of the kept sentences (geomap.extract.dates finds and resolves them) is
classified: a `fixed` day ("samedi 19 novembre", "Dec. 12", "14/12/2016") or a `weekday`
word ("dimanche", "ce jeudi soir") whose day depends on the publication date; and marked as
`background` when it is a bound or a date from before the story ("depuis mardi", "l'offensive
lancée le 15 novembre", "le 8 décembre dernier", "last Monday", a past year) or as a `caption`
when its sentence is part of a photo caption. Background and caption days still bound the publication
day from below (the article cannot predate what it reports) but never give it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..extract.background import in_caption, is_background
from ..extract.dates import find_dates, grammar
from ..models import Article, DateExpr
from ..text import fold

ADJACENT = re.compile(r"\s*[(,]?\s*$")  # "Wednesday (Dec 14)", "mercredi, 14 décembre"
# an embedded social-media post signs off "— Name (@handle) 20 novembre 2016" (the embed format,
# in every language): the article is not older than the post, even where the post is furniture
EMBED_SIGNATURE = re.compile(r"\(@\w{1,30}\)\s*(?P<date>[^\n()]{4,40})")


@dataclass(frozen=True)
class Clue:
    """One date expression of the article: where it is, and what kind of evidence it is."""
    sentence: int                 # index into article.sentences
    expr: DateExpr                # resolved without a publication date (year from the hint)
    kind: str                     # fixed | weekday
    background: bool
    caption: bool

    @property
    def evidence(self) -> bool:
        """Whether the clue may give the publication day (not only bound it)."""
        return not (self.background or self.caption) and self.expr.tense == "past"


@dataclass(frozen=True)
class _Cues:
    stamp: re.Pattern
    this: frozenset[str]


@lru_cache(maxsize=None)
def cues(language: str) -> _Cues:
    """The publication-date cues of one language (dates.yaml: stamp_cues, this_words)."""
    data = lang.load(language, "dates")

    def one(key: str, tail: str = "") -> re.Pattern:
        found = data.get(key) or []
        return re.compile("(?:" + "|".join(f"(?:{p})" for p in found) + ")" + tail if found else r"(?!x)x")
    return _Cues(stamp=one("stamp_cues"),
                 this=frozenset(fold(w) for w in data.get("this_words", [])))


def clues(article: Article, year_hint: int | None) -> list[Clue]:
    """Every fixed day and weekday word of the article's kept sentences, classified."""
    found, language = [], article.language
    years = [y for y in (year_hint, _latest_year(article)) if y]
    current = max(years) if years else None  # a year before it is a past year
    for index, sentence in enumerate(article.sentences):
        caption = in_caption(article.sentences, index, language)
        exprs = find_dates(sentence.text, language, year_hint=year_hint)
        for position, expr in enumerate(exprs):
            kind = _kind(expr, language)
            if kind is None or (kind == "weekday" and _names_the_next(expr, exprs[position + 1:], sentence.text)):
                continue
            background = _is_background(expr, sentence.text, language, current)
            found.append(Clue(index, expr, kind, background, caption))
    return found + _embedded_posts(article, year_hint)


def _embedded_posts(article: Article, year_hint: int | None) -> list[Clue]:
    """The days of the posts the page embeds, as bounds (sentence -1: anywhere in the text)."""
    found = []
    for signature in EMBED_SIGNATURE.finditer(article.text):
        for expr in find_dates(signature.group("date"), article.language, year_hint=year_hint)[:1]:
            if expr.start == 0 and _kind(expr, article.language) == "fixed":
                found.append(Clue(-1, expr, "fixed", background=True, caption=False))
    return found


def _kind(expr: DateExpr, language: str) -> str | None:
    """fixed: a day with its number ("15 décembre", "Dec. 12"); weekday: a weekday word alone."""
    if any(ch.isdigit() for ch in expr.text):
        return "fixed" if expr.day and expr.precision == "day" else None
    words = set(re.findall(r"[\w']+", fold(expr.text)))
    return "weekday" if words & set(grammar(language).weekdays) else None


def _names_the_next(expr: DateExpr, following: list[DateExpr], sentence: str) -> bool:
    """A weekday written just before the fixed day it names ("on Wednesday (Dec 14)"): one clue."""
    nxt = following[0] if following else None
    return bool(nxt and nxt.day and any(ch.isdigit() for ch in nxt.text)
                and ADJACENT.match(sentence[expr.end:nxt.start]))


def _is_background(expr: DateExpr, sentence: str, language: str, year: int | None) -> bool:
    """A bound ("depuis", "lancée le"), a day marked as past ("dernier", "last"), or a past year."""
    if is_background(expr, sentence, language):
        return True
    written = re.search(r"(?:19|20)\d\d", expr.text)
    return bool(written and year and int(written.group(0)) < year)


def _latest_year(article: Article) -> int | None:
    years = [int(y) for s in article.sentences for y in re.findall(r"(?<!\d)(?:19|20)\d\d(?!\d)", s.text)]
    return max(years) if years else None


def starts_with_this(expr: DateExpr, language: str) -> bool:
    """"ce jeudi 15 décembre", "this Thursday, Dec. 15": the day given as today."""
    words = fold(expr.text).split()
    return bool(words) and words[0] in cues(language).this

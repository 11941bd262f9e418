"""The publication-date stage: every article gets a publication date where one can be found,
and the basis it was found on (`Article.published_basis`, one of models.PUBLISHED_BASES).

Run by the pipeline after reading. In order: the metadata (front matter or config: an ISO or
printed date; a value that is no date, such as "unknown", "n/a" or nothing, is a one-line
warning, then inference); the article's own text (geomap.dating.text: dateline or stamp, a day
given as today, the day its full dates and weekday words fit); then, once the dated articles
are extracted, the corpus (geomap.dating.corpus). An article nothing dates stays undated.
"""
from __future__ import annotations

import statistics
from dataclasses import replace
from datetime import date

from .. import lang
from ..extract.dates import printed_date
from ..models import Article
from .corpus import date_from_corpus
from .text import from_text

__all__ = ["corpus_year", "date_articles", "date_from_corpus", "from_text"]


def date_articles(articles: list[Article], year_hint: int | None) -> tuple[list[Article], list[str]]:
    """The articles dated from their metadata or their own text; one warning for each
    metadata `published` that is no date."""
    dated, warnings = [], []
    for article in articles:
        article, warning = _from_metadata(article)
        if warning:
            warnings.append(warning)
        if article.published is None:
            day, basis = from_text(article, year_hint)
            article = replace(article, published=day, published_basis=basis)
        dated.append(article)
    return dated, warnings


def _from_metadata(article: Article) -> tuple[Article, str | None]:
    """The article with its metadata's printed date read ("13 décembre 2016"), or a warning."""
    if article.published is not None or article.published_text is None:
        return article, None
    day = metadata_date(article.published_text)
    if day:
        return replace(article, published=day, published_basis="metadata"), None
    return article, (f"{article.name}: published '{article.published_text}' in front matter or config is not "
                     "a date; inferring it from the text and the corpus")


def metadata_date(text: str) -> date | None:
    """A printed date with its year, in any language with data ("13 décembre 2016", "Dec. 13, 2016")."""
    for code in lang.available():
        found = printed_date(text, code)
        if found:
            return found
    return None


def corpus_year(articles: list[Article]) -> int | None:
    """The year of the corpus, for dates written without one: the median year of the dates
    the metadata gives, else of those the texts give with their year (datelines, full dates)."""
    years = [a.published.year for a in articles if a.published]
    years += [d.year for d in (metadata_date(a.published_text) for a in articles if a.published_text) if d]
    if not years:
        years = [d.year for d in (from_text(a, None)[0] for a in articles) if d]
    return int(statistics.median_low(years)) if years else None

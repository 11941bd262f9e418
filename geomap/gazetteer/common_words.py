"""Words that never name a place on their own: the date words and the stopwords of every language.

A capitalised "Dec", "Mardi" or "Le" is not a town, whatever a list of the world's towns says.
The words come from the language folders (geomap/lang/<code>/dates.yaml: months and their
abbreviations, weekdays, day words; language.yaml: stopwords) of every language, because a
French article quotes English dates and the other way round. A folder that cannot be used adds
nothing (the gazetteer's loader reports it).
"""
from __future__ import annotations

from functools import lru_cache

from geomap import lang

from .names import tokenise

# the dates.yaml tables and lists whose words (keys, or items) are date words
DATE_TABLES = ("months", "weekdays", "relative_days", "narrative_days", "recent_windows",
               "week_windows", "month_parts")
DATE_LISTS = ("day_parts", "this_words", "past_words", "next_words")


def _phrases_of(code: str) -> list[str]:
    try:
        dates, language = lang.load(code, "dates"), lang.load(code, "language")
    except lang.LanguageError:
        return []
    phrases = [phrase for table in DATE_TABLES for phrase in (dates.get(table) or {})]
    phrases += [word for key in DATE_LISTS for word in (dates.get(key) or [])]
    return phrases + list(language.get("stopwords") or [])


@lru_cache(maxsize=None)
def common_words() -> frozenset[str]:
    """The spelling keys (geomap.gazetteer.names.spelling_key) of every date word and stopword."""
    return frozenset(token.plain for code in lang.available() for phrase in _phrases_of(code)
                     for token in tokenise(str(phrase)))


def only_common_words(name: str) -> bool:
    """Whether every word of `name` is a date word or a stopword ("Dec", "Mardi", "Le Mar")."""
    words = [token.plain for token in tokenise(name)]
    return bool(words) and all(word in common_words() for word in words)

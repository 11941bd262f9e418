"""What a story is about when the config does not say: the language most of its articles are
written in, and the place (a city or larger) most of its events are at, for the pages' UI
language, their title and the maps' frame."""
from __future__ import annotations

from collections import Counter

from .models import WITHIN_A_CITY, Article


def story_language(articles: list[Article], fallback: str = "en") -> str:
    """The language most articles are in (on a tie the first by code); `fallback` without articles."""
    counts = Counter(article.language for article in articles)
    return min(counts, key=lambda code: (-counts[code], code)) if counts else fallback


def busiest_place(events, gazetteer) -> str | None:
    """The located place (a city or larger) most events stand at or inside: an event in a
    neighbourhood counts for its city. On a tie the first by id; None when no event is located."""
    counts = Counter(story_place_of(e.place_id, gazetteer) for e in events
                     if e.place_id in gazetteer and gazetteer.get(e.place_id).located)
    return min(counts, key=lambda pid: (-counts[pid], pid)) if counts else None


def story_place_of(place_id: str, gazetteer) -> str:
    """The place itself, or the nearest located place above it that is a city or larger."""
    place, seen = gazetteer.get(place_id), {place_id}
    while place.type in WITHIN_A_CITY and place.parent and place.parent in gazetteer and place.parent not in seen:
        parent = gazetteer.get(place.parent)
        if not parent.located:
            break
        place, seen = parent, seen | {parent.id}
    return place.id

"""The places step: run the gazetteer over the article's sentences, keep the names that are
locations (not actors, not a dateline) per sentence, and remember the story's place."""
from __future__ import annotations

import bisect

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from .. import lang
from ..models import Article, Mention
from ..text import alternation, fold
from .capitals import capitals, with_capitals
from .document import Document
from .grammar import Grammar, grammar

STORY_PLACE_TYPES = ("city", "region", "town", "district", "neighbourhood")


class FindPlaces:
    """Fills each sentence's `places` layer and the memory's `story_place`."""

    def __init__(self, gazetteer):
        self.gazetteer = gazetteer
        self.capital_of = capitals(gazetteer)

    def __call__(self, doc: Document) -> None:
        mentions, datelines = sentence_mentions(doc.article, self.gazetteer)
        doc.memory.story_place = main_place(mentions, self.gazetteer)
        city = story_city(doc.memory.story_place, self.gazetteer)
        if city:
            anaphora = city_anaphora(doc.language)
            for index, layer in enumerate(doc.sentences):
                mentions[index] = with_city_anaphora(mentions.get(index, []), layer.text, anaphora, city)
        for index, layer in enumerate(doc.sentences):
            located, layer.naming_only = cities_of_countries(mentions.get(index, []), layer.text, doc.language,
                                                             city, self.gazetteer)
            layer.places = with_capitals(located, layer.text, doc.language, self.capital_of)
            layer.filed_from = datelines.get(index, [])


CITY_TYPES = ("city", "town")


def story_city(story_place: str | None, gazetteer) -> str | None:
    """The city "la ville", "the city" stand for: the story's place when it is a city, else the
    city it is part of (a story about East Aleppo says "the city" of Aleppo)."""
    for place_id in (story_place, story_place and gazetteer.get(story_place).parent):
        if place_id and place_id in gazetteer and gazetteer.get(place_id).type in CITY_TYPES:
            return place_id
    return None


@lru_cache(maxsize=None)
def city_anaphora(language: str) -> re.Pattern:
    """"la ville", "the city" standing alone (not "la ville de Homs"): the story's city."""
    data = lang.load(language, "places")
    words = alternation(fold(w) for w in data["city_anaphora"])
    connectors = alternation(fold(w) for w in data["connectors"])
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)(?!\s*(?:{connectors})(?:\s|(?<=')))")


@lru_cache(maxsize=None)
def country_city_patterns(language: str) -> tuple[re.Pattern | None, re.Pattern | None]:
    """What names a city by its country, right before the country's name and right after it."""
    data = lang.load(language, "places")
    before, after = data.get("city_of_country_before"), data.get("city_of_country_after")
    return (re.compile(r"(?<!\w)(?:" + "|".join(before) + r")\Z") if before else None,
            re.compile("(?:" + "|".join(after) + ")") if after else None)


def cities_of_countries(mentions: list[Mention], text: str, language: str, city: str | None,
                        gazetteer) -> tuple[list[Mention], list[Mention]]:
    """A country that only names a city ("Syria's largest city", "la deuxième ville de Syrie") stands for
    the story's city when that city lies in it, and for no place otherwise: the mentions where things
    happen, and the countries named only so."""
    before, after = country_city_patterns(language)
    if before is None and after is None:
        return mentions, []
    folded, kept, naming = fold(text), [], []
    for m in mentions:
        if not m.place_id or m.place_id not in gazetteer or gazetteer.get(m.place_id).type != "country":
            kept.append(m)
            continue
        lead = before.search(folded[max(0, m.start - 60):m.start]) if before else None
        tail = after.match(folded, m.end) if after else None
        if not (lead or tail):
            kept.append(m)
            continue
        naming.append(m)
        if city and gazetteer.contains(m.place_id, city):
            start, end = (m.start - len(lead.group(0)) if lead else m.start), (tail.end() if tail else m.end)
            kept.append(Mention(text[start:end], start, end, city, 0.8, "anaphora"))
    return kept, naming


def with_city_anaphora(mentions: list[Mention], text: str, pattern: re.Pattern, city: str) -> list[Mention]:
    """The sentence's mentions, and the story's city where "la ville" stands for it."""
    found = [Mention(text[m.start():m.end()], m.start(), m.end(), city, 0.8, "anaphora")
             for m in pattern.finditer(fold(text))
             if not any(k.start < m.end() and m.start() < k.end for k in mentions)]
    return sorted(mentions + found, key=lambda m: m.start) if found else mentions


def sentence_mentions(article: Article, gazetteer) -> tuple[dict, dict]:
    """Location mentions per sentence: found on the whole kept text at once (so "la ville"
    can mean the city the article is about), minus the names used as actors; and, apart, the
    dateline's place per sentence."""
    joined, starts, pos = [], [], 0
    for s in article.sentences:
        starts.append(pos)
        joined.append(s.text)
        pos += len(s.text) + 1
    found = gazetteer.find("\n".join(joined), article.language) if joined else []
    g = grammar(article.language)
    capital_datelines = lang.script_of(article.language)["capital_datelines"]
    per_sentence = {i: [] for i in range(len(article.sentences))}
    datelines = {i: [] for i in range(len(article.sentences))}
    actors = {}                                   # sentence index -> its folded text, its actor spans
    for m in found:
        i = _sentence_at(starts, m.start)
        sentence = article.sentences[i]
        local = replace(m, start=m.start - starts[i], end=m.end - starts[i])
        if local.end > len(sentence.text):
            continue
        if i not in actors:
            actors[i] = _actor_spans(sentence.text, g)
        if capital_datelines and _is_dateline(local, sentence.text):
            datelines[i].append(replace(local, role="dateline"))
        elif not _is_actor(local, *actors[i], g, article.language):
            per_sentence[i].append(local)
    return per_sentence, datelines


def _sentence_at(starts: list[int], offset: int) -> int:
    lo, hi = 0, len(starts) - 1
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if starts[mid] <= offset:
            lo = mid
        else:
            hi = mid - 1
    return lo


def _actor_spans(text: str, g: Grammar) -> tuple[str, list[int], list[int]]:
    """A sentence folded, and the starts and ends of its actor names (in order, not overlapping),
    found once for all its mentions."""
    folded = fold(text)
    spans = [(m.start(), m.end()) for m in g.actors.finditer(folded)]
    return folded, [start for start, _ in spans], [end for _, end in spans]


def _is_actor(mention: Mention, folded: str, actor_starts: list[int], actor_ends: list[int], g: Grammar,
              language: str) -> bool:
    """A place name standing for a government or a side: inside an actor's name ("les forces
    de Damas"), or an actor's name itself without a locative word before it ("Moscou et
    Ankara ont négocié", but "à Moscou")."""
    index = bisect.bisect_right(actor_starts, mention.start) - 1      # the one actor name that may hold it
    if index >= 0 and mention.end <= actor_ends[index] and \
            (actor_ends[index] - actor_starts[index]) > (mention.end - mention.start):
        return True
    name = re.sub(r"\s+", " ", fold(mention.text))
    name = g.article.sub("", name, count=1)
    if name not in g.actor_ids:
        return False
    before = folded[max(0, mention.start - 40):mention.start]
    return not (g.locatives.search(before) or compass_before(language).search(before))


@lru_cache(maxsize=None)
def compass_before(language: str) -> re.Pattern:
    """A direction and its connector right before a name ("au nord de Damas", "north of
    Damascus"): the name is where something lies, not a government acting."""
    data = lang.load(language, "places")
    directions = alternation(fold(w) for w in data["directions"])
    connectors = alternation(fold(w) for w in data["connectors"])
    return re.compile(rf"{directions}\s*(?:{connectors})\s*$")


def _is_dateline(mention: Mention, text: str) -> bool:
    """"BEIRUT (Reuters) -", "BEYROUTH -": where the reporter filed from, not where it happened
    (in a script whose datelines write the place in capitals)."""
    return (mention.start <= 1 and mention.text.isupper()
            and bool(re.match(r"\s*(?:\(|,|-|–|—)", text[mention.end:])))


def main_place(mentions: dict, gazetteer) -> str | None:
    """The place the story is about: the located place (a city or smaller) named most; on a
    tie, the larger kind of place (the city a dispatch is about, rather than one of its
    districts), then the one named first (in the headline)."""
    counts, first = Counter(), {}
    for index in sorted(mentions):
        for m in mentions[index]:
            if m.place_id and m.place_id in gazetteer:
                place = gazetteer.get(m.place_id)
                if place.located and place.type in STORY_PLACE_TYPES:
                    counts[m.place_id] += 1
                    first.setdefault(m.place_id, (index, m.start))
    rank = {pid: STORY_PLACE_TYPES.index(gazetteer.get(pid).type) for pid in counts}
    return min(counts, key=lambda p: (-counts[p], rank[p], first[p])) if counts else None

"""The event and actor words of a language (geomap/lang/<code>/events.yaml, actors.yaml), compiled once."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..text import alternation, fold


@dataclass(frozen=True)
class Grammar:
    triggers: tuple
    markers: dict
    topic: re.Pattern          # before the place talks are about ("une réunion sur la Syrie")
    turned_back: re.Pattern | None
    requires: dict
    blockers_before: dict
    blockers_after: dict
    planned: re.Pattern
    failed: re.Pattern
    negations: re.Pattern
    aggregate: re.Pattern
    people: re.Pattern
    people_words: frozenset    # folded: "civils", "residents"
    actors: re.Pattern
    actor_ids: dict
    actor_acronyms: frozenset  # names written in capitals ("IS", "US", "UN"): only so are they names
    ambiguous_names: dict      # folded name -> the actor ids it may stand for ("djihadistes")
    pronouns: re.Pattern
    locatives: re.Pattern
    list_gap: re.Pattern
    relative: re.Pattern
    agent: re.Pattern
    article: re.Pattern      # an article at the start of a name ("la ", "l'", "the ")
    name_ahead: re.Pattern   # a name (capitalised, maybe after an article) comes next


def _any(patterns, whole_words: bool = False) -> re.Pattern | None:
    patterns = list(patterns or [])
    if not patterns:
        return None
    body = "|".join(f"(?:{p})" for p in patterns)
    # a word may end on an elision ("en direction d'Idleb") or a marker on the space after it ("fui "):
    # then the next letter may touch it
    return re.compile(rf"(?<!\w)(?:{body})(?:(?<=['\s])|(?!\w))" if whole_words else body)


def _never() -> re.Pattern:
    return re.compile(r"(?!x)x")


@lru_cache(maxsize=None)
def name_articles() -> str:
    """A regex for the articles that may stand before a name ("la ", "l'", "the "). As before
    the move to data, the articles of every language are recognised in any language's text."""
    words = sorted({w for code in lang.available() for w in lang.load(code, "events").get("articles", [])})
    return "(?:" + "|".join(re.escape(w) + ("" if w.endswith("'") else r"\s+") for w in words) + ")"


@lru_cache(maxsize=None)
def grammar(language: str) -> Grammar:
    """The compiled event and actor words of one language."""
    data, actors = lang.load(language, "events"), lang.load(language, "actors")
    triggers = []
    for kind, spec in data.items():
        if kind == "control_change":
            triggers += [(kind, group, _any(spec[group], whole_words=True))
                         for group in ("capture", "loss", "passive", "noun") if spec.get(group)]
        elif isinstance(spec, dict) and spec.get("triggers"):
            triggers.append((kind, kind, _any(spec["triggers"], whole_words=True)))
    evac = data.get("evacuation", {})
    actor_ids = {re.sub(r"\s+", " ", fold(n)): a for a, names in actors.get("actors", {}).items() for n in names}
    people = alternation(data.get("people_words", []))
    article = name_articles()
    return Grammar(
        triggers=tuple(triggers),
        markers={k: _any(evac.get(k), whole_words=True) or _never()
                 for k in ("origin", "destination", "via", "sequence", "flight")},
        topic=_any(data.get("diplomacy", {}).get("topic_markers"), whole_words=True) or _never(),
        turned_back=_any(evac.get("turned_back")),
        requires={k: _any(v.get("requires")) for k, v in data.items() if isinstance(v, dict) and v.get("requires")},
        blockers_before={k: _any(v.get("blockers_before")) for k, v in data.items() if isinstance(v, dict) and v.get("blockers_before")},
        blockers_after={k: _any(v.get("blockers_after")) for k, v in data.items() if isinstance(v, dict) and v.get("blockers_after")},
        planned=_any(data.get("planned")) or _never(),
        failed=_any(data.get("failed")) or _never(),
        negations=_any(data.get("negations")) or _never(),
        aggregate=_any(data.get("aggregate")) or _never(),
        # at most 12 digits (a count, not a run of digits that int() refuses past 4300)
        people_words=frozenset(fold(w) for w in data.get("people_words", [])),
        people=re.compile(r"(?<![\d.,])(\d{1,3}(?:[ .,\u202f\u00a0]\d{3}){1,3}|\d{1,12})\s+(?:\w+\s+)?" + people),
        actors=re.compile(alternation(actor_ids)),
        actor_ids=actor_ids,
        actor_acronyms=frozenset(fold(n) for names in actors.get("actors", {}).values() for n in names
                                 if n.isupper() and " " not in n),
        ambiguous_names={re.sub(r"\s+", " ", fold(name)): tuple(ids)
                         for name, ids in (actors.get("ambiguous_names") or {}).items()},
        pronouns=re.compile(alternation(actors.get("pronouns", []))),
        locatives=re.compile(r"(?:" + alternation(actors.get("locatives", [])) + rf")\s*{article}?$"),
        list_gap=re.compile(r"(?:[\s,]|" + alternation(data.get("list_words", [])) + r")*"),
        relative=re.compile(r",\s*" + alternation(data.get("relative_pronouns", []))),
        agent=re.compile(alternation(data.get("control_change", {}).get("agent_words", []))),
        article=re.compile("^" + article),
        name_ahead=re.compile(rf"\s*{article}?{lang.script_of(language)['name_start']}"),
    )


def topic_patterns(language: str) -> tuple[str, ...]:
    """Regular expressions that mark a paragraph as part of a conflict story: every event
    word and actor name of the language (articles.py drops paragraphs with none)."""
    g = grammar(language)
    return tuple(p.pattern for _, _, p in g.triggers) + (g.actors.pattern,)

"""The place rules of one language, compiled once.

They come from geomap/lang/<code>/places.yaml (type cues, place words, directions...) and from
the script the language is written in (geomap/lang/scripts.yaml, read by geomap.lang), which
says whether a capitalised word may be a name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from geomap.text import fold

from .names import normalise, transliteration

FALLBACK_LANGUAGE = "en"   # whose rules serve a language that has none


@dataclass
class LanguageRules:
    """The compiled rules of one language."""
    cues_before: dict[str, re.Pattern]
    cues_after: dict[str, re.Pattern]
    place_word: re.Pattern
    place_word_after: re.Pattern       # a place word right after a name ("the Fardous district")
    apposition: re.Pattern             # ", quartier ", ", a district ": a place word naming the place before
    qualifier_after: re.Pattern        # between a place and the city qualifying it: " d'", " district of "
    qualifier_before: re.Pattern       # between a city and the place it qualifies: "'s ", " district of "
    list_joiner: re.Pattern
    directions: dict[str, str]
    direction_phrases: list[re.Pattern]
    anaphora: list[re.Pattern]
    direction_after: list[re.Pattern]  # matched right after the whole's name: "'s eastern districts"
    anaphora_after: list[re.Pattern]   # the same after "the city"
    direction_names: dict[str, str]
    part_label: str
    not_places: frozenset[str]
    needs_place_word: frozenset[str]
    rural_before: re.Pattern
    outside_before: re.Pattern
    name_before: re.Pattern         # right after a name: a place word that makes it a place ("the X district")
    governorate_keys: frozenset[str]   # keys of the words "governorate" of a governorate's name
    capitalised_names: bool            # the script: a capitalised word may be a name
    name: re.Pattern                   # a capitalised name and its later words


def _any(patterns) -> str:
    return "(?:" + "|".join(patterns) + ")"


def _longest_first(words) -> str:
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


def _connectors(rules: dict) -> str:
    apostrophes = transliteration().apostrophes
    return "|".join(re.escape(c) + (r"\s*" if c[-1] in apostrophes else r"\s+")
                    for c in rules["connectors"])


def _name_pattern(writing: dict) -> re.Pattern:
    word_tail = r"[\w" + transliteration().apostrophes + r"\-]*"
    articles = "|".join(transliteration().name_articles)
    return re.compile(r"[^\W_]" + word_tail + r"(?:\s+(?:(?:" + articles + r")[\s-]+)?"
                      + writing["capital"] + word_tail + ")*")


def compile_rules(rules: dict, writing: dict) -> LanguageRules:
    """Compile a places.yaml (`rules`) for a language written in the script `writing`."""
    direction_group = "(?P<dir>" + _longest_first(rules["directions"]) + r")\b"
    phrases = [phrase.replace("{dir}", direction_group) for phrase in rules["direction_phrases"]]
    after = [phrase.replace("{dir}", direction_group) for phrase in rules.get("direction_after", [])]
    anaphora = "(?P<anaphor>" + "|".join(re.escape(a) for a in rules["city_anaphora"]) + r")\b"
    connectors = _connectors(rules)
    return LanguageRules(
        cues_before={kind: re.compile(r"(?<!\w)" + _any(cue["before"]) + r"\Z", re.I)
                     for kind, cue in rules["type_cues"].items() if cue.get("before")},
        cues_after={kind: re.compile(_any(cue["after"]), re.I)
                    for kind, cue in rules["type_cues"].items() if cue.get("after")},
        # a place word and its name stand in one sentence (the gazetteer reads an article's
        # sentences joined by line breaks: "to war-torn city" + "Caption: ..." is no "city Caption")
        place_word=re.compile(r"(?<!\w)(?:" + _longest_first(rules["place_words"]) + r")(?:[^\S\n]+"
                              + writing["lowercase_word"] + r")?[^\S\n]+(?:(?:" + connectors
                              + r"))?(?=[^\W\d_])"),
        place_word_after=re.compile(r"\s+(?:" + _longest_first(rules["place_words"]) + r")(?!\w)", re.I),
        apposition=re.compile(r"\s*,\s*(?:[^\W\d_]{1,3}\s+)?(?:" + _longest_first(rules["place_words"]) + r")\s+(?:[^\W\d_]{1,6}\s+)?", re.I),
        qualifier_after=re.compile(r"\s*(?:,\s*" + writing["lowercase_word"] + r"\s+)?(?:(?:"
                                   + _longest_first(rules["place_words"]) + r")\s+)?(?:" + connectors + ")", re.I),
        # "Aleppo's Sheikh Saeed", "Aleppo's rebel-held Sheikh Saeed": one word may stand between
        qualifier_before=re.compile(r"(?:[" + transliteration().apostrophes + r"]s\s+(?:" + writing["lowercase_word"]
                                    + r"(?:-" + writing["lowercase_word"] + r")*\s+)?|\s+(?:"
                                    + _longest_first(rules["place_words"]) + r")\s+(?:" + connectors + "))", re.I),
        list_joiner=re.compile(r"(?:\s*,\s*|\s+" + _any(rules["list_joiners"]) + r"\s+)(?:(?:"
                               + connectors + r"))?(?=[^\W\d_])"),
        directions={fold(word): canonical for word, canonical in rules["directions"].items()},
        direction_phrases=[re.compile(r"(?<!\w)(?:" + phrase + r")\Z", re.I) for phrase in phrases],
        anaphora=[re.compile(r"(?<!\w)" + phrase + anaphora, re.I) for phrase in phrases],
        direction_after=[re.compile(phrase, re.I) for phrase in after],
        anaphora_after=[re.compile(r"(?<!\w)" + anaphora + phrase, re.I) for phrase in after],
        direction_names=rules["direction_names"],
        part_label=rules["part_label"],
        not_places=frozenset(rules["not_places"]),
        needs_place_word=frozenset(normalise(name) for name in rules["needs_place_word"]),
        rural_before=re.compile(r"(?<!\w)" + _any(rules.get("rural_before", [r"(?!x)x"])) + r"\Z", re.I),
        outside_before=re.compile(r"(?<!\w)" + _any(rules.get("outside_before", [r"(?!x)x"])) + r"\Z", re.I),
        name_before=re.compile(r"\s+(?:" + _longest_first(rules.get("name_before_words") or ["(?!x)x"]) + r")(?!\w)", re.I),
        governorate_keys=frozenset(normalise(word) for word in rules.get("governorate_words", [])),
        capitalised_names=bool(writing["capitalised_names"]),
        name=_name_pattern(writing),
    )

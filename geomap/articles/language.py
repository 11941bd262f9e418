"""Which language an article is written in, from the common words of each language."""
from __future__ import annotations

from .. import lang


RECOGNISED_SHARE = 0.08   # the least share of a text's words that are common words of its language:
                          # about a third in running prose; a text in a language geomap has no
                          # folder for scores a few per cent against every folder it has


def detect_language(text: str) -> str:
    """The available language whose common words are most frequent in the text (each
    language's words cut by its own `word` pattern, base.yaml's unless it has one)."""
    return _best(text)[0]


def recognised(text: str) -> bool:
    """Whether the text is in one of the languages geomap has a folder for (a long enough text
    whose words are common words of none of them is not)."""
    code, common, words = _best(text)
    return words < 50 or common / words >= RECOGNISED_SHARE


def _best(text: str) -> tuple[str, int, int]:
    lowered = text.lower()
    best, best_count, best_words = "en", -1, 0
    for code in lang.available():
        words = lang.compiled(code, "language", "word").findall(lowered)
        stop = set(lang.load(code, "language").get("stopwords", []))
        count = sum(1 for w in words if w in stop)
        if count > best_count:
            best, best_count, best_words = code, count, len(words)
    return best, best_count, best_words

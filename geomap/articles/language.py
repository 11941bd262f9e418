"""Which language an article is written in, from the common words of each language."""
from __future__ import annotations

from .. import lang


def detect_language(text: str) -> str:
    """The available language whose common words are most frequent in the text (each
    language's words cut by its own `word` pattern, base.yaml's unless it has one)."""
    lowered = text.lower()
    best, best_count = "en", -1
    for code in lang.available():
        words = lang.compiled(code, "language", "word").findall(lowered)
        stop = set(lang.load(code, "language").get("stopwords", []))
        count = sum(1 for w in words if w in stop)
        if count > best_count:
            best, best_count = code, count
    return best

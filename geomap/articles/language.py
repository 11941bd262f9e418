"""Which language an article is written in, from the common words of each language."""
from __future__ import annotations

import re

from .. import lang


def detect_language(text: str) -> str:
    """The available language whose common words are most frequent in the text."""
    words = re.findall(r"[a-zà-ÿ']+", text.lower())
    best, best_count = "en", -1
    for code in lang.available():
        stop = set(lang.load(code, "language").get("stopwords", []))
        count = sum(1 for w in words if w in stop)
        if count > best_count:
            best, best_count = code, count
    return best

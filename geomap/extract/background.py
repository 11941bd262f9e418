"""Background days: a date a sentence gives as a start or a bound ("depuis le 8", "lancée le 8
décembre", "since Monday") or marks as past ("le 8 décembre dernier", "last Monday") is the
time of what went before, not of what the sentence reports; and a caption's days date its
picture. The cues are each language's dates.yaml (`bound_cues`, `past_words`, `caption_cues`)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..models import DateExpr
from ..text import fold


@dataclass(frozen=True)
class _Cues:
    bound: re.Pattern            # right before a date: "depuis", "lancée le", "since"
    past_words: frozenset[str]   # right before or after a date: "dernier", "last"
    caption: re.Pattern          # a photo or video caption ("This image made from video posted on...")


@lru_cache(maxsize=None)
def _cues(language: str) -> _Cues:
    data = lang.load(language, "dates")
    patterns = data.get("bound_cues") or []
    bound = re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\W*$") if patterns else re.compile(r"(?!x)x")
    captions = data.get("caption_cues") or []
    caption = re.compile("|".join(f"(?:{p})" for p in captions)) if captions else re.compile(r"(?!x)x")
    return _Cues(bound, frozenset(fold(w) for w in data.get("past_words", [])), caption)


def is_caption(sentence: str, language: str) -> bool:
    """Whether the sentence is a photo or video caption: its dates date the picture."""
    return bool(_cues(language).caption.search(fold(sentence)))


def is_background(expr: DateExpr, sentence: str, language: str) -> bool:
    """Whether a date of the sentence is a start, a bound or a day marked as past."""
    cues, folded = _cues(language), fold(sentence)
    if cues.bound.search(folded[:expr.start]):
        return True
    words = fold(expr.text).split()
    before = folded[:expr.start].split()[-1:]
    return bool((words and words[-1] in cues.past_words) or (before and before[0] in cues.past_words))

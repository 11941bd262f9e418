"""Background days: a date a sentence gives as a start or a bound ("depuis le 8", "lancée le 8
décembre", "since Monday") or marks as past ("le 8 décembre dernier", "last Monday") is the
time of what went before, not of what the sentence reports; and a caption's days date its
picture. A caption is a sentence with a caption cue, and every sentence of a short paragraph
that holds one ("Caption: A child rides a bus ... on Dec. 18. The army says ... (Name/Reuters)").
A reference point ("for the first time in four years", "pour la première fois depuis 2012")
measures what the sentence reports against the past: its span of time neither dates the event
nor makes the sentence a tally. The cues are each language's dates.yaml (`bound_cues`,
`past_words`, `caption_cues`, `reference_points`)."""
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
    reference: re.Pattern        # a reference point: "for the first time since 2012"


@lru_cache(maxsize=None)
def _cues(language: str) -> _Cues:
    data = lang.load(language, "dates")
    patterns = data.get("bound_cues") or []
    bound = re.compile("(?:" + "|".join(f"(?:{p})" for p in patterns) + r")\W*$") if patterns else re.compile(r"(?!x)x")
    captions = data.get("caption_cues") or []
    caption = re.compile("|".join(f"(?:{p})" for p in captions)) if captions else re.compile(r"(?!x)x")
    references = data.get("reference_points") or []
    reference = re.compile("|".join(f"(?:{p})" for p in references)) if references else re.compile(r"(?!x)x")
    return _Cues(bound, frozenset(fold(w) for w in data.get("past_words", [])), caption, reference)


def reference_spans(folded: str, language: str) -> list[tuple[int, int]]:
    """The (start, end) of each reference point of a folded sentence ("pour la premiere fois depuis 2012")."""
    return [m.span() for m in _cues(language).reference.finditer(folded)]


def without_references(folded: str, language: str) -> str:
    """The folded sentence with its reference points blanked (same length: offsets hold)."""
    for start, end in reference_spans(folded, language):
        folded = folded[:start] + " " * (end - start) + folded[end:]
    return folded


def is_caption(sentence: str, language: str) -> bool:
    """Whether the sentence is a photo or video caption: its dates date the picture."""
    return bool(_cues(language).caption.search(fold(sentence)))


CAPTION_PARAGRAPH = 3   # sentences: a paragraph this short with a caption cue is a caption whole


def in_caption(sentences, index: int, language: str) -> bool:
    """Whether sentence `index` of `sentences` (models.Sentence, in order) is part of a caption:
    it has a caption cue, or a sentence of its paragraph has and the paragraph is short. Only
    the sentences around it are read."""
    paragraph = sentences[index].paragraph
    low, high = max(0, index - CAPTION_PARAGRAPH), min(len(sentences), index + CAPTION_PARAGRAPH + 1)
    members = [s for s in sentences[low:high] if s.paragraph == paragraph]
    if len(members) > CAPTION_PARAGRAPH:
        return is_caption(sentences[index].text, language)
    return any(is_caption(s.text, language) for s in members)


CUE_REACH = 200   # characters: a bound cue ends within this much before its date


def is_background(expr: DateExpr, sentence: str, language: str) -> bool:
    """Whether a date of the sentence is a start, a bound or a day marked as past. Only the
    characters just before the date are read (a sentence listing thousands of dates stays linear)."""
    cues, folded = _cues(language), _folded(sentence)
    if cues.bound.search(folded, max(0, expr.start - CUE_REACH), expr.start):
        return True
    words = fold(expr.text).split()
    before = _word_before(folded, expr.start)
    return bool((words and words[-1] in cues.past_words) or before in cues.past_words)


@lru_cache(maxsize=16)
def _folded(sentence: str) -> str:
    """The folded sentence, folded once for all its dates."""
    return fold(sentence)


def _word_before(text: str, end: int) -> str:
    """The run of non-space characters that ends last before `end` ("" when there is none)."""
    while end > 0 and text[end - 1].isspace():
        end -= 1
    start = end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    return text[start:end]

"""Small text helpers shared by the stages: accent folding that keeps offsets, word patterns."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_QUOTES = {"’": "'", "‘": "'", "ʼ": "'", "`": "'", "´": "'", "«": '"', "»": '"',
           "“": '"', "”": '"', "\u00a0": " ", "\u202f": " ", "\u2009": " ", "–": "-", "—": "-", "‑": "-"}


# Invisible characters that split a word without showing: zero-width space, joiners, word
# joiner, byte order mark, soft hyphen. Scraped text is full of them; a name must still match.
_INVISIBLE = re.compile("[\u200b-\u200d\u2060\ufeff\u00ad]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def clean_text(text: str) -> str:
    """Text that can be written as UTF-8 and matched: lone surrogates (from a YAML escape or an
    undecodable file name) become U+FFFD, invisible characters are removed."""
    return _INVISIBLE.sub("", _SURROGATE.sub("\ufffd", text))


@lru_cache(maxsize=8192)
def _fold_char(ch: str) -> str:
    if ch in _QUOTES:
        return _QUOTES[ch]
    base = unicodedata.normalize("NFD", ch)[0]
    low = base.lower()
    return low if len(low) == 1 else base


def fold(text: str) -> str:
    """Lowercase, strip accents, unify quotes and dashes, one character for one: offsets survive."""
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=4096)
def word_pattern(phrase: str) -> str:
    """A regex for a folded phrase as whole words; a phrase ending in "'" or "-" may touch the next word."""
    body = re.escape(fold(phrase)).replace(r"\ ", r"\s+")
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?![\w])" if phrase[-1:].isalnum() or phrase[-1:] == "." else ""
    return head + body + tail


def alternation(phrases, *, longest_first: bool = True) -> str:
    """One regex group matching any of the phrases as whole words, longest first."""
    items = sorted(set(phrases), key=lambda p: (-len(p), p)) if longest_first else list(phrases)
    return "(?:" + "|".join(word_pattern(p) for p in items) + ")" if items else r"(?!x)x"

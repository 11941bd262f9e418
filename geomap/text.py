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


class _FoldTable(dict):
    """Code point -> folded character, for `str.translate`; each character folded on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lowercase, strip accents, unify quotes and dashes, one character for one: offsets survive."""
    return text.translate(_FOLD_TABLE)


@lru_cache(maxsize=4096)
def word_pattern(phrase: str) -> str:
    """A regex for a folded phrase as whole words; a phrase ending in "'" or "-" may touch the next word."""
    return "".join(_word_parts(phrase))


@lru_cache(maxsize=4096)
def _word_parts(phrase: str) -> tuple[str, str, str]:
    """The look-behind, body and look-ahead of `word_pattern` (either look-around may be empty)."""
    body = re.escape(fold(phrase)).replace(r"\ ", r"\s+")
    head = r"(?<!\w)" if phrase[:1].isalnum() else ""
    tail = r"(?![\w])" if phrase[-1:].isalnum() or phrase[-1:] == "." else ""
    return head, body, tail


def alternation(phrases, *, longest_first: bool = True) -> str:
    """One regex group matching any of the phrases as whole words, longest first.

    Consecutive phrases with the same look-arounds share them outside a group of their bodies
    (the same matches: the alternatives are tried in the same order): a look-behind at the
    head of every alternative keeps the regex engine from skipping ahead to the characters a
    match can start with, which made long alternations (actors, months) scan 10-30x slower."""
    items = sorted(set(phrases), key=lambda p: (-len(p), p)) if longest_first else list(phrases)
    if not items:
        return r"(?!x)x"
    runs: list[tuple[str, str, list[str]]] = []
    for phrase in items:
        head, body, tail = _word_parts(phrase)
        if runs and runs[-1][:2] == (head, tail):
            runs[-1][2].append(body)
        else:
            runs.append((head, tail, [body]))
    return "(?:" + "|".join(head + (f"(?:{'|'.join(bodies)})" if len(bodies) > 1 else bodies[0]) + tail
                            for head, tail, bodies in runs) + ")"

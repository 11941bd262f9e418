"""Paragraphs of an article body (hard-wrapped or one a line) and their sentences, with offsets."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..gazetteer.names import transliteration
from ..models import Sentence

WRAP_WIDTH = 100  # a hard-wrapped paragraph has no line longer than this


@dataclass(frozen=True)
class Block:
    """A paragraph of the text: its lines joined, with its offset."""
    text: str
    start: int
    lines: int


def split_blocks(text: str, start: int) -> list[Block]:
    """Paragraphs of the body from `start`: runs of lines between blank lines. A run whose
    lines are all short and break where a wrapping editor would is one hard-wrapped paragraph;
    otherwise each line is a paragraph (scraped pages write one a line, list a menu's items
    one a line, and glue a teaser's title to its blurb)."""
    blocks = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text[start:]):
        chunk, offset = m.group(0), m.start() + start
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if len(lines) > 1 and _hard_wrapped(lines):
            blocks.append(Block(chunk.replace("\n", " "), offset, 1))
        else:
            blocks.extend(_lines_of(chunk, offset))
    return blocks


def _hard_wrapped(lines: list[str]) -> bool:
    """Whether short lines are one paragraph wrapped at a width: a wrapping editor breaks a line
    only where the next word would not fit, so a line that had room for the next line's first word
    ends for a reason of its own (a menu item, a title). Most breaks must be wrap breaks."""
    if any(len(line) > WRAP_WIDTH for line in lines):
        return False
    width = max(len(line.rstrip()) for line in lines)
    breaks = list(zip(lines, lines[1:]))
    wrapped = sum(len(line.rstrip()) + 1 + len(next_line.split()[0] if next_line.split() else "") > width
                  for line, next_line in breaks)
    return wrapped * 2 >= len(breaks)


def with_blocks(text: str, blocks: list[Block]) -> str:
    """The text with each block's joined lines in place of its hard-wrapped ones (same length)."""
    parts, pos = [], 0
    for block in blocks:
        parts += [text[pos:block.start], block.text]
        pos = block.start + len(block.text)
    return "".join(parts) + text[pos:]


def _lines_of(chunk: str, offset: int) -> list[Block]:
    lines = chunk.split("\n")
    out, pos = [], offset
    for i, line in enumerate(lines):
        if line.strip():
            # a line that heads a run of lines in a one-line-a-paragraph file is a teaser's title
            out.append(Block(line, pos, len(lines) if i == 0 else 0))
        pos += len(line) + 1
    return out


@dataclass(frozen=True)
class SentenceRules:
    """Where the sentences of one language end (from its language.yaml, over base.yaml)."""
    abbreviations: frozenset[str]   # words with a full stop that end no sentence
    sentence_break: re.Pattern      # the end of one sentence and the space before the next
    initials: re.Pattern            # a word of initials, which ends no sentence
    glued_break: re.Pattern         # a sentence end with no space after it ("insurgés.Une")


@lru_cache(maxsize=None)
def sentence_rules(language: str) -> SentenceRules:
    """The sentence rules of one language."""
    return SentenceRules(frozenset(lang.load(language, "language").get("abbreviations", [])),
                         lang.compiled(language, "language", "sentence_break"),
                         lang.compiled(language, "language", "initials"),
                         lang.compiled(language, "language", "glued_break"))


def split_sentences(block: Block, paragraph: int, rules: SentenceRules) -> list[Sentence]:
    """The sentences of a paragraph, with offsets into the article text."""
    text = block.text
    out, begin = [], 0
    spaces = [m.start() for m in _SPACE.finditer(text)]
    for stop, next_begin in _breaks(text, rules):
        if stop <= begin:
            continue
        last = _last_word(text, spaces, begin, stop)
        if last in rules.abbreviations or rules.initials.fullmatch(last):
            continue
        out.append((begin, next_begin))
        begin = next_begin
    out.append((begin, len(text)))
    sentences = []
    for s, e in (piece for span in out for piece in _cut_overlong(text, spaces, *span)):
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = block.start + s + lead
            sentences.append(Sentence(stripped, start, start + len(stripped), paragraph))
    return sentences


_SPACE = re.compile(r"\s")
LONGEST_SENTENCE = 2500   # characters: no sentence of the press is longer; a run of text that is
                          # (a list, a page without stops) is cut into pieces at white space, so
                          # that each later pass over a sentence stays bounded


def _cut_overlong(text: str, spaces: list[int], begin: int, end: int) -> list[tuple[int, int]]:
    """(begin, end) itself, or, when longer than LONGEST_SENTENCE, pieces of at most that length
    each ending at the last white space before it."""
    pieces = []
    while end - begin > LONGEST_SENTENCE:
        index = bisect.bisect_right(spaces, begin + LONGEST_SENTENCE) - 1
        cut = spaces[index] if index >= 0 and spaces[index] > begin else begin + LONGEST_SENTENCE
        pieces.append((begin, cut))
        begin = cut
    return pieces + [(begin, end)]


def _last_word(text: str, spaces: list[int], begin: int, stop: int) -> str:
    """The last word of text[begin:stop] (`spaces`: where the text's white space is, in order),
    found without re-reading the text since `begin`: a long run of abbreviations stays linear."""
    index = bisect.bisect_left(spaces, stop) - 1
    start = max(begin, spaces[index] + 1 if index >= 0 else 0)
    return text[start:stop].strip()


def _breaks(text: str, rules: SentenceRules) -> list[tuple[int, int]]:
    """Candidate sentence ends, in order: (where the last word ends, where the next sentence
    begins). A spaced break ends after its first mark; a glued one where the next begins."""
    spaced = [(m.start() + 1, m.end()) for m in rules.sentence_break.finditer(text)]
    glued = [(m.end(), m.end()) for m in rules.glued_break.finditer(text) if not _glued_article(m.group())]
    return sorted(spaced + glued)


def _glued_article(word: str) -> bool:
    """Whether a lowercase word glued to a capitalised one is an Arabic article written onto its
    name ("alSha'ar", "elBab"; gazetteer/transliteration.yaml `articles`), not a lost sentence end."""
    return word.lower() in transliteration().articles


def sentences_of(blocks: list[Block], language: str) -> tuple[Sentence, ...]:
    """Every sentence of the kept paragraphs. A sentence said twice (a standfirst repeated in
    the body) stays twice: each is read in its own paragraph, and merging joins their events."""
    rules = sentence_rules(language)
    return tuple(s for index, block in enumerate(blocks) for s in split_sentences(block, index, rules))

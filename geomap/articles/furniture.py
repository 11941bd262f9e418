"""Page furniture: cookie banners, "À lire aussi" links, teasers and lists of other stories,
off-topic paragraphs; cut before any extraction, with one line for each thing cut.

A paragraph longer than LONG_BLOCK characters is a page that lost its line breaks (scraped
text often has none): its notices and credits are cut sentence by sentence, so a cookie word
somewhere in it does not cost the whole article."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from html import unescape

from .. import lang
from ..models import Sentence
from ..text import alternation, fold
from .sentences import Block, sentence_rules, split_sentences

LONG_BLOCK = 2000


@dataclass(frozen=True)
class FurnitureRules:
    language: str
    section_ends: re.Pattern
    link_prefixes: re.Pattern
    notice_cues: re.Pattern
    topic: re.Pattern
    headline_end: re.Pattern    # how a line that is a sentence ends
    teaser_end: re.Pattern      # how a line that is no teaser's title ends
    link_marker: re.Pattern     # how a line that is a link to another story opens (">>")
    data_dump: re.Pattern       # serialised data a scraper kept ('string(765) "[{"id":...'): no text to read


@lru_cache(maxsize=32)
def furniture_rules(language: str, topic_extra: tuple[str, ...] = ()) -> FurnitureRules:
    """The furniture rules of one language; `topic_extra` adds regular expressions (over
    folded text) that also mark a paragraph as part of the story: actor names, event words."""
    data = lang.load(language, "furniture")
    return FurnitureRules(
        language=language,
        section_ends=re.compile(r"^\W*" + alternation(data.get("section_ends", []))),
        link_prefixes=re.compile(r"^\W*" + alternation(data.get("link_prefixes", []))),
        notice_cues=re.compile(alternation(data.get("notice_cues", []))),
        topic=re.compile("|".join([alternation(data.get("topic_words", []))] + list(topic_extra))),
        headline_end=lang.compiled(language, "furniture", "headline_end"),
        teaser_end=lang.compiled(language, "furniture", "teaser_end"),
        link_marker=lang.compiled(language, "furniture", "link_marker"),
        data_dump=lang.compiled(language, "furniture", "data_dump"),
    )


def remove_furniture(blocks: list[Block], rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """The blocks that belong to the article, and one line for each thing cut."""
    kept, dropped = [], []
    for index, block in enumerate(blocks):
        folded = fold(block.text.strip())
        if len(block.text) > LONG_BLOCK and rules.topic.search(folded):
            pieces, notes = _unbroken(block, rules)
            kept, dropped = kept + pieces, dropped + notes
            continue
        reason = _furniture_reason(block, folded, rules, index)
        if reason == "section end":
            dropped.append(f"from '{_short(block.text)}' to the end: {reason}")
            break
        if reason:
            dropped.append(f"'{_short(block.text)}': {reason}")
            continue
        kept.append(block)
    kept, dropped = _drop_teasers(kept, dropped, rules)
    return _drop_headline_runs(kept, dropped, rules)


def _unbroken(block: Block, rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """A paragraph without line breaks, less its sentences that are notices or credits: the
    runs of the other sentences, each a block."""
    pieces, dropped, run = [], [], []
    for sentence in split_sentences(block, 0, sentence_rules(rules.language)) + [None]:
        reason = sentence and _notice_reason(sentence.text, fold(sentence.text), rules)
        if sentence is not None and not reason:
            run.append(sentence)
            continue
        if run:
            begin, end = run[0].start - block.start, run[-1].end - block.start
            pieces.append(Block(block.text[begin:end], run[0].start, 1))
        if reason:
            dropped.append(f"'{_short(sentence.text)}': {reason}")
        run = []
    return pieces, dropped


def _notice_reason(text: str, folded: str, rules: FurnitureRules) -> str | None:
    if rules.notice_cues.search(folded):
        return "cookie or site notice"
    if "©" in text:
        return "photo credit"
    if rules.data_dump.search(text):
        return "serialised data"
    return None


HEADLINE_RUN = 3  # this many headline-like lines in a row, past the article's head, are a list of links
HEADLINE_WORDS = 15


def _is_headline(text: str, rules: FurnitureRules) -> bool:
    text = text.strip()
    return len(text.split()) <= HEADLINE_WORDS and not rules.headline_end.search(text)


def _drop_headline_runs(blocks: list[Block], dropped: list[str], rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """A run of short lines without a full stop ("Syrie : les frappes reprennent à Idleb",
    "Alep, ville martyre", ...) below the article's head is a list of other stories."""
    kept, run = [], []
    for index, block in enumerate(blocks + [None]):
        if block is not None and index >= 3 and _is_headline(block.text, rules):
            run.append(block)
            continue
        if len(run) >= HEADLINE_RUN:
            dropped += [f"'{_short(b.text)}': a list of other stories" for b in run]
        else:
            kept += run
        run = []
        if block is not None:
            kept.append(block)
    return kept, dropped


TITLE_WORDS = (3, 20)               # a title has this many words
TITLE_SHARED = 5                    # letters of the shortest word a title dropped as off-topic must share with the story
TITLE_FAULTS = (None, "off-topic")  # a title line is kept, or dropped only for naming no topic word


def with_headline(blocks: list[Block], kept: list[Block], dropped: list[str],
                  rules: FurnitureRules) -> tuple[list[Block], list[str], str | None]:
    """The kept blocks with the headline among them (a headline cut as off-topic, "• Alep : les
    premières sorties de l'enfer", is the story's whatever its words), the notes of what was cut
    less the headline's, and the title."""
    found = _title_block(blocks, kept, rules)
    if not found:
        return kept, dropped, None
    block, title = found
    if block not in kept:
        kept = sorted(kept + [block], key=lambda b: b.start)
        dropped = [note for note in dropped if note != f"'{_short(block.text)}': off-topic"]
    return kept, dropped, title


def _title_block(blocks: list[Block], kept: list[Block], rules: FurnitureRules) -> tuple[Block, str] | None:
    """The article's title when its metadata gives none, and its block: the first line that reads as a
    headline (a few words, not ended by a full stop) and is not page furniture: kept, or cut as
    off-topic but sharing a word with the story ("Syrie : l'EI reprend Palmyre"); never a
    cookie banner, a link, a live strap ("En direct A suivre") or a section name ("Summary")."""
    kept_starts = {b.start for b in kept}
    story = set(re.findall(rf"\w{{{TITLE_SHARED},}}", fold(" ".join(b.text for b in kept))))
    for index, block in enumerate(blocks):
        line = re.sub(r"^[^\w«\"“'(]+", "", unescape(block.text.split("©")[0])).strip()   # "• " opens a list item
        words = line.split()
        if not TITLE_WORDS[0] <= len(words) <= TITLE_WORDS[1] or re.search(r"[.,;]\s*$", line) \
                or _furniture_reason(block, fold(block.text.strip()), rules, index) not in TITLE_FAULTS:
            continue
        if block.start in kept_starts or set(re.findall(rf"\w{{{TITLE_SHARED},}}", fold(line))) & story:
            return block, " ".join(words)
    return None


LINK_WORDS = 25  # a line marked as a link (">> Syrie : ...") is a title: no longer than this


def _furniture_reason(block: Block, folded: str, rules: FurnitureRules, index: int) -> str | None:
    link = rules.link_prefixes.match(folded)
    if link and re.search(r"\w", folded[link.end():]):  # "À lire aussi : <title>" is one link
        return "link to another article"
    if index > 0 and len(folded) < 60 and rules.section_ends.match(folded):
        return "section end"
    if link or (rules.link_marker.match(block.text) and len(folded.split()) <= LINK_WORDS):
        return "link to another article"
    notice = _notice_reason(block.text, folded, rules)
    if notice:
        return notice
    if not rules.topic.search(folded) and not _is_date_line(block.text, rules.language):
        return "off-topic"
    return None


def _is_date_line(text: str, language: str) -> bool:
    """A short line that is a day ("Mardi 13 décembre"): a live blog's heading, kept so that
    the entries under it take its date."""
    line = fold(text.strip())
    found = _date_line(language).search(line) if len(line) <= 60 else None
    return bool(found) and found.end() - found.start() >= len(line) * 0.6


@lru_cache(maxsize=None)
def _date_line(language: str) -> re.Pattern:
    """A date: [weekday] day month [year], or [weekday] month day[, year], in the month and
    weekday words of the language's dates.yaml."""
    data = lang.load(language, "dates")
    month, weekday = alternation(data.get("months", {})), alternation(data.get("weekdays", {}))
    day = r"[0-3]?\d\w{0,2}"
    return re.compile(rf"(?:{weekday}\W+)?(?<!\d)(?:{day}\s+{month}|{month}\s+{day}(?!\d))(?:\W+(?:19|20)\d\d)?")


TEASER_BLURB = 400  # a teaser's blurb is a sentence or two: a longer line below a title is the story itself


def _drop_teasers(blocks: list[Block], dropped: list[str], rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """In a one-paragraph-a-line file, a title line glued to a short line below it (its blurb)
    heads a teaser of another story: both lines go. A title glued to a long paragraph heads the
    story itself, and a title and blurb that are all the page has are the story: they stay."""
    by_start = {b.start: b for b in blocks}
    teasers = set()
    for block in blocks:
        blurb = by_start.get(block.start + len(block.text) + 1)
        if block.lines == 2 and not rules.teaser_end.search(block.text) and \
                (blurb is None or len(blurb.text.strip()) <= TEASER_BLURB):
            teasers |= {block.start} | ({blurb.start} if blurb else set())
    if len(teasers) == len(blocks):
        return blocks, dropped
    dropped = dropped + [f"'{_short(b.text)}': teaser of another story" for b in blocks if b.start in teasers]
    return [b for b in blocks if b.start not in teasers], dropped


def drop_embedded_posts(sentences: tuple[Sentence, ...], language: str) -> tuple[tuple[Sentence, ...], list[str]]:
    """The sentences that are not an embedded post (a tweet signed "— Name (@handle) date"),
    and one line for each post cut."""
    signature = lang.compiled(language, "language", "embed_signature")
    posts = [s for s in sentences if signature.search(s.text)]
    return tuple(s for s in sentences if s not in posts), [f"'{_short(s.text)}': embedded post" for s in posts]


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"

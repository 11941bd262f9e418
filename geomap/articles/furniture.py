"""Page furniture: cookie banners, "À lire aussi" links, teasers and lists of other stories,
off-topic paragraphs; cut before any extraction, with one line for each thing cut."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .. import lang
from ..text import alternation, fold
from .sentences import Block


@dataclass(frozen=True)
class FurnitureRules:
    language: str
    section_ends: re.Pattern
    link_prefixes: re.Pattern
    notice_cues: re.Pattern
    topic: re.Pattern
    headline_end: re.Pattern    # how a line that is a sentence ends
    teaser_end: re.Pattern      # how a line that is no teaser's title ends


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
    )


def remove_furniture(blocks: list[Block], rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """The blocks that belong to the article, and one line for each thing cut."""
    kept, dropped = [], []
    for index, block in enumerate(blocks):
        folded = fold(block.text.strip())
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


HEADLINE_RUN = 3  # this many headline-like lines in a row, past the article's head, are a list of links


def _drop_headline_runs(blocks: list[Block], dropped: list[str], rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """A run of short lines without a full stop ("Syrie : les frappes reprennent à Idleb",
    "Alep, ville martyre", ...) below the article's head is a list of other stories."""
    def headline(block: Block) -> bool:
        text = block.text.strip()
        return len(text.split()) <= 15 and not rules.headline_end.search(text)

    kept, run = [], []
    for index, block in enumerate(blocks + [None]):
        if block is not None and index >= 3 and headline(block):
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


def _furniture_reason(block: Block, folded: str, rules: FurnitureRules, index: int) -> str | None:
    link = rules.link_prefixes.match(folded)
    if link and re.search(r"\w", folded[link.end():]):  # "À lire aussi : <title>" is one link
        return "link to another article"
    if index > 0 and len(folded) < 60 and rules.section_ends.match(folded):
        return "section end"
    if link:
        return "link to another article"
    if rules.notice_cues.search(folded):
        return "cookie or site notice"
    if "©" in block.text:
        return "photo credit"
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


def _drop_teasers(blocks: list[Block], dropped: list[str], rules: FurnitureRules) -> tuple[list[Block], list[str]]:
    """In a one-paragraph-a-line file, a title line glued to the line below it heads a teaser
    of another story: both lines go."""
    kept, skip_next = [], False
    by_start = {b.start: b for b in blocks}
    for block in blocks:
        if skip_next:
            skip_next = False
            dropped.append(f"'{_short(block.text)}': teaser of another story")
            continue
        if block.lines == 2 and not rules.teaser_end.search(block.text):
            following = block.start + len(block.text) + 1
            skip_next = following in by_start
            dropped.append(f"'{_short(block.text)}': teaser of another story")
            continue
        kept.append(block)
    return kept, dropped


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"

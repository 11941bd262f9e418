"""Read articles: decode, front matter, page furniture, paragraphs and sentences.

An article is a .txt or .md file (HTML is accepted and reduced to its text), optionally
opening with YAML front matter between `---` lines (title, url, outlet, published,
language). Metadata from config.yaml overrides the front matter. Page furniture (cookie
banners, "À lire aussi" links, teasers of other stories, off-topic paragraphs) is cut
before any extraction; what was cut is recorded on the Article. Offsets of sentences
point into `Article.text`, the decoded file with line ends normalised to "\\n".
"""
from __future__ import annotations

import codecs
import html
import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

import yaml

from . import lang
from .extract import dates
from .config import YAML_VALUE_ERRORS, yaml_error_line
from .models import Article, Sentence
from .text import alternation, fold

ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_BYTES = 2_000_000
FRONT_MATTER_KEYS = ("title", "url", "outlet", "published", "language")


class ArticleError(Exception):
    """An article that cannot be read; the message is one line naming the file."""


@dataclass(frozen=True)
class Block:
    """A paragraph of the text: its lines joined, with its offset."""
    text: str
    start: int
    lines: int


# ---------------------------------------------------------------- finding files

def find_article_files(paths: list[Path]) -> tuple[list[Path], list[str]]:
    """The article files under the given files and folders, sorted; and what was skipped."""
    files, skipped = [], []
    for path in paths:
        if not path.exists():
            raise ArticleError(f"{path}: no such file or folder")
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
                           and not p.name.startswith(".") and p.name.lower() != "readme.md")
            if not found:
                skipped.append(f"{path}: no .txt or .md articles in this folder")
            files.extend(found)
        else:
            files.append(path)
    unique = sorted(dict.fromkeys(files), key=lambda p: (p.name, str(p)))
    return unique, skipped


# ---------------------------------------------------------------- decoding

def decode(data: bytes, name: str, whole: bool = True) -> tuple[str, str]:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252.
    When the bytes are not the `whole` file, a character cut at the end is left out."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decoded(data, "utf-16", whole, errors="replace"), "utf-16"
    if b"\x00" in data[:8192]:
        raise ArticleError(f"{name}: a binary file, not text")
    try:
        return _decoded(data, "utf-8-sig", whole), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def _decoded(data: bytes, encoding: str, whole: bool, errors: str = "strict") -> str:
    """The bytes decoded; unless `whole`, an incomplete character at the end is dropped."""
    return codecs.getincrementaldecoder(encoding)(errors).decode(data, final=whole)


def read_text(path: Path) -> tuple[str, list[str]]:
    """The decoded text of a file (line ends normalised), and warnings about it."""
    warnings = []
    try:
        size = path.stat().st_size
        with path.open("rb") as f:
            data = f.read(MAX_BYTES)
    except OSError as e:
        raise ArticleError(f"{path}: cannot read ({e.strerror or e})") from None
    whole = size <= MAX_BYTES
    if not whole:
        warnings.append(f"{path}: {size:,} bytes; only the first {MAX_BYTES:,} were read")
        data = data[:MAX_BYTES]
    text, encoding = decode(data, str(path), whole)
    if encoding not in ("utf-8",):
        warnings.append(f"{path}: not UTF-8; read as {encoding}")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ArticleError(f"{path}: the file is empty")
    if looks_like_html(text):
        text = html_to_text(text)
    return text, warnings


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or len(re.findall(r"</?(?:p|div|br|span|a|h[1-6])\b", text[:5000], re.I)) > 5


class _TextExtractor(HTMLParser):
    BLOCKS = {"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header", "footer"}
    SKIP = {"script", "style", "noscript", "template", "svg", "head"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skipping = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.skipping += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self.skipping = max(0, self.skipping - 1)
        elif tag in self.BLOCKS:
            self.parts.append("\n\n")

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The visible text of an HTML page, one paragraph per block element; no markup survives."""
    parser = _TextExtractor()
    parser.feed(markup)
    parser.close()
    text = "".join(parser.parts)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r" ?\n ?", "\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


# ---------------------------------------------------------------- front matter

def split_front_matter(text: str, name: str) -> tuple[dict, int]:
    """The front matter as a dict, and the offset where the body starts (0 when there is none)."""
    if not text.startswith("---\n"):
        return {}, 0
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        raise ArticleError(f"{name}:1: front matter opened with --- is never closed")
    raw = text[4:4 + end.start()]
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as e:
        line = yaml_error_line(e, raw) + 2
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ArticleError(f"{name}:{line}: front matter is not valid YAML ({problem})") from None
    except YAML_VALUE_ERRORS as e:
        raise ArticleError(f"{name}:1: front matter has a value YAML cannot read ({e})") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{name}:2: front matter must be 'key: value' lines")
    body_start = 4 + end.end()
    if text[body_start:body_start + 1] == "\n":
        body_start += 1
    return meta, body_start


def clean_metadata(meta: dict, name: str) -> tuple[dict, list[str]]:
    """Front matter or config metadata checked: known keys, strings, a real date."""
    cleaned, warnings = {}, []
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            warnings.append(f"{name}: unknown metadata key '{key}' ignored (known: {', '.join(FRONT_MATTER_KEYS)})")
            continue
        if value is None:
            continue
        if key == "published":
            cleaned[key] = parse_published(value, name)
        else:
            cleaned[key] = re.sub(r"\s+", " ", str(value)).strip()
    return cleaned, warnings


def parse_published(value, name: str) -> date:
    """A publication date given as a YAML date, an ISO string or a printed date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value).strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        pass
    for code in lang.available():
        found = dates.printed_date(text, code)
        if found:
            return found
    raise ArticleError(f"{name}: published '{text}' is not a date (use YYYY-MM-DD)")


# ---------------------------------------------------------------- language

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


# ---------------------------------------------------------------- paragraphs

def blank_markdown(text: str) -> str:
    """Markdown syntax replaced by spaces, keeping every offset: links keep their words."""
    def blank(m):
        return " " * len(m.group(0))
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", blank, text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", lambda m: " " + m.group(1) + " " * (len(m.group(0)) - len(m.group(1)) - 1), text)
    text = re.sub(r"^(?:#{1,6}|>|[-*+])[ \t]", blank, text, flags=re.M)
    return re.sub(r"\*\*|__|(?<!\w)[*_](?=\w)|(?<=\w)[*_](?!\w)", blank, text)


WRAP_WIDTH = 100  # a hard-wrapped paragraph has no line longer than this


def split_blocks(text: str, start: int) -> list[Block]:
    """Paragraphs of the body from `start`: runs of lines between blank lines. A run whose
    lines are all short is one hard-wrapped paragraph; otherwise each line is a paragraph
    (scraped pages write one a line, and glue a teaser's title to its blurb)."""
    blocks = []
    for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", text[start:]):
        chunk, offset = m.group(0), m.start() + start
        if not chunk.strip():
            continue
        lines = chunk.split("\n")
        if len(lines) > 1 and all(len(line) <= WRAP_WIDTH for line in lines):
            blocks.append(Block(chunk.replace("\n", " "), offset, 1))
        else:
            blocks.extend(_lines_of(chunk, offset))
    return blocks


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


# ---------------------------------------------------------------- furniture

@dataclass(frozen=True)
class FurnitureRules:
    language: str
    section_ends: re.Pattern
    link_prefixes: re.Pattern
    notice_cues: re.Pattern
    topic: re.Pattern


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
    kept, dropped = _drop_teasers(kept, dropped)
    return _drop_headline_runs(kept, dropped)


HEADLINE_RUN = 3  # this many headline-like lines in a row, past the article's head, are a list of links


def _drop_headline_runs(blocks: list[Block], dropped: list[str]) -> tuple[list[Block], list[str]]:
    """A run of short lines without a full stop ("Syrie : les frappes reprennent à Idleb",
    "Alep, ville martyre", ...) below the article's head is a list of other stories."""
    def headline(block: Block) -> bool:
        text = block.text.strip()
        return len(text.split()) <= 15 and not re.search(r"[.!?»\"”:]\s*$", text)

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
    found = dates.find_dates(text, language, year_hint=2000) if len(text) <= 60 else []
    return len(found) == 1 and len(found[0].text) >= len(text.strip()) * 0.6


def _drop_teasers(blocks: list[Block], dropped: list[str]) -> tuple[list[Block], list[str]]:
    """In a one-paragraph-a-line file, a title line glued to the line below it heads a teaser
    of another story: both lines go."""
    kept, skip_next = [], False
    by_start = {b.start: b for b in blocks}
    for block in blocks:
        if skip_next:
            skip_next = False
            dropped.append(f"'{_short(block.text)}': teaser of another story")
            continue
        if block.lines == 2 and not re.search(r"[.!?»\"]\s*$", block.text):
            following = block.start + len(block.text) + 1
            skip_next = following in by_start
            dropped.append(f"'{_short(block.text)}': teaser of another story")
            continue
        kept.append(block)
    return kept, dropped


def _short(text: str, width: int = 50) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[:width - 1] + "…"


# ---------------------------------------------------------------- sentences

def split_sentences(block: Block, paragraph: int, abbreviations: frozenset[str]) -> list[Sentence]:
    """The sentences of a paragraph, with offsets into the article text."""
    text = block.text
    out, begin = [], 0
    for m in re.finditer(r"[.!?…]+[»\"”’)\]]*\s+(?=[«\"“(\[]?\s?[A-ZÀ-ÝŒ0-9])", text):
        words = text[begin:m.start() + 1].split()
        last = words[-1] if words else ""
        if last in abbreviations or re.fullmatch(r"(?:[A-Z]\.)+", last):
            continue
        out.append((begin, m.end()))
        begin = m.end()
    out.append((begin, len(text)))
    sentences = []
    for s, e in out:
        piece = text[s:e]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            start = block.start + s + lead
            sentences.append(Sentence(stripped, start, start + len(stripped), paragraph))
    return sentences


def sentences_of(blocks: list[Block], language: str) -> tuple[Sentence, ...]:
    """Every sentence of the kept paragraphs. A sentence said twice (a standfirst repeated in
    the body) stays twice: each is read in its own paragraph, and merging joins their events."""
    abbreviations = frozenset(lang.load(language, "language").get("abbreviations", []))
    return tuple(s for index, block in enumerate(blocks) for s in split_sentences(block, index, abbreviations))


# ---------------------------------------------------------------- the article

def publication_date(text: str, body_start: int, language: str, year_hint: int | None) -> tuple[date | None, str]:
    """The date the article was published, and how it was found: printed in its head, said
    as today ("ce jeudi 15 décembre"), or inferred as the latest day the text names."""
    head = "\n".join(text[body_start:].split("\n")[:15])
    found = dates.printed_date(head, language)
    if found:
        return found, "printed"
    found = dates.deictic_date(text[body_start:body_start + 3000], language, year_hint)
    if found:
        return found, "inferred"
    found = dates.latest_named_date(text[body_start:], language, year_hint)
    if found:
        return found, "inferred"
    return None, "none"


def read_article(path: Path, metadata: dict | None = None, year_hint: int | None = None,
                 topic_extra: tuple[str, ...] = ()) -> tuple[Article, list[str]]:
    """One article from disk, furniture removed; and the warnings it raised."""
    name = path.name
    text, warnings = read_text(path)
    front, body_start = split_front_matter(text, name)
    meta, meta_warnings = clean_metadata(front, name)
    config_meta, config_warnings = clean_metadata(metadata or {}, f"config.yaml ({name})")
    meta.update(config_meta)
    warnings += meta_warnings + config_warnings
    body = blank_markdown(text[body_start:]) if path.suffix.lower() in (".md", ".markdown") else text[body_start:]
    text = text[:body_start] + body
    language = meta.get("language") or detect_language(body)
    if language not in lang.available():
        warnings.append(f"{name}: language '{language}' has no data in geomap/lang; read as English")
        language = "en"
    blocks = split_blocks(text, body_start)
    text = with_blocks(text, blocks)
    title = meta.get("title") or (_strip_credit(blocks[0].text) if blocks else None)
    kept, dropped = remove_furniture(blocks, furniture_rules(language, topic_extra))
    published, basis = meta.get("published"), ("front matter or config" if meta.get("published") else "none")
    if published is None:
        published, basis = publication_date(text, body_start, language, year_hint)
    article = Article(path=str(path), name=name, text=text, sentences=sentences_of(kept, language),
                      language=language, title=title, url=meta.get("url"), outlet=meta.get("outlet"),
                      published=published, published_basis=basis, dropped=tuple(dropped))
    return article, warnings


def _strip_credit(line: str) -> str:
    return html.unescape(line.split("©")[0]).strip()

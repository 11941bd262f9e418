"""Read articles: decode, front matter, page furniture, paragraphs and sentences.

An article is a .txt or .md file (HTML is accepted and reduced to its text), optionally
opening with YAML front matter between `---` lines (title, url, outlet, published,
language). Metadata from config.yaml overrides the front matter. Page furniture (cookie
banners, "À lire aussi" links, teasers of other stories, off-topic paragraphs) is cut
before any extraction; what was cut is recorded on the Article. Offsets of sentences
point into `Article.text`, the decoded file with line ends normalised to "\\n".

One module per step, run in this order by `read_article`: decode (bytes -> text), html
(a page -> its text), frontmatter, markdown, language, sentences (paragraphs), furniture,
sentences (sentences of the kept paragraphs).
"""
from __future__ import annotations

from datetime import date
from html import unescape
from pathlib import Path

from .. import lang
from ..extract import dates
from ..models import Article
from .decode import read_text
from .files import ArticleError, find_article_files
from .frontmatter import clean_metadata, split_front_matter
from .furniture import furniture_rules, remove_furniture
from .html import html_to_text, looks_like_html
from .language import detect_language
from .markdown import blank_markdown
from .sentences import sentences_of, split_blocks, with_blocks

__all__ = ["ArticleError", "find_article_files", "publication_date", "read_article", "split_front_matter"]


def publication_date(text: str, body_start: int, language: str, year_hint: int | None) -> tuple[date | None, str]:
    """The date the article was published, and how it was found.

    Parameters
    ----------
    text : str
        The article's decoded text.
    body_start : int
        Offset where the body starts, after any front matter.
    language : str
        The article's language code ("fr", "en").
    year_hint : int or None
        The year of dates printed without one.

    Returns
    -------
    tuple of (datetime.date or None, str)
        The day, and how it was found: "printed" in the article's head, "inferred" from
        the day said as today ("ce jeudi 15 décembre") or the latest day the text names,
        or "none".
    """
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
    """One article from disk, furniture removed; and the warnings it raised.

    Parameters
    ----------
    path : pathlib.Path
        A .txt, .md or .html file.
    metadata : dict, optional
        Metadata from config.yaml (title, url, outlet, published, language); it overrides
        the article's front matter.
    year_hint : int, optional
        The year of dates printed without one, when the article's own date cannot tell.
    topic_extra : tuple of str, optional
        Regular expressions (over folded text) that also mark a paragraph as part of the
        story, besides the topic words of furniture.yaml: event words, actor names.

    Returns
    -------
    tuple of (Article, list of str)
        The article, and one line for each warning (encoding, size, metadata, language).

    Raises
    ------
    ArticleError
        The file cannot be read; the message is one line naming the file.
    """
    name = path.name
    text, warnings = read_text(path)
    if looks_like_html(text):
        text = html_to_text(text)
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
    return unescape(line.split("©")[0]).strip()

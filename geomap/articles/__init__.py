"""Read articles: decode, front matter, page furniture, paragraphs and sentences.

An article is a .txt or .md file (HTML is accepted and reduced to its text), optionally
opening with YAML front matter between `---` lines (title, url, outlet, published,
language). Metadata from config.yaml overrides the front matter. Page furniture (cookie
banners, "À lire aussi" links, teasers of other stories, off-topic paragraphs) is cut
before any extraction; what was cut is recorded on the Article. Offsets of sentences
point into `Article.text`, the decoded file with line ends normalised to "\\n".

One module per step, run in this order by `read_article`: decode (bytes -> text), html
(a page -> its text), frontmatter, markdown, language, sentences (paragraphs), furniture,
sentences (sentences of the kept paragraphs). This stage only reads: an article whose
metadata gives no publication date is dated by geomap.dating, the next stage.
"""
from __future__ import annotations

from pathlib import Path

from .. import lang
from ..models import Article
from ..text import clean_text
from .decode import read_text
from .files import ArticleError, find_article_files
from .frontmatter import clean_metadata, split_front_matter
from .furniture import drop_embedded_posts, furniture_rules, remove_furniture, with_headline
from .html import html_to_text, looks_like_html
from .language import detect_language, recognised
from .markdown import blank_markdown
from .sentences import sentences_of, split_blocks, with_blocks

__all__ = ["ArticleError", "find_article_files", "read_article", "split_front_matter"]


def read_article(path: Path, metadata: dict | None = None,
                 topic_extra: tuple[str, ...] = ()) -> tuple[Article, list[str]]:
    """One article from disk, furniture removed; and the warnings it raised.

    Parameters
    ----------
    path : pathlib.Path
        A .txt, .md or .html file.
    metadata : dict, optional
        Metadata from config.yaml (title, url, outlet, published, language); it overrides
        the article's front matter.
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
    name = clean_text(path.name)              # an undecodable file name has lone surrogates
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
    if not meta.get("language") and not recognised(body):
        warnings.append(f"{name}: not written in a language geomap reads ({', '.join(lang.available())}); "
                        f"read as {language}: add geomap/lang/<code>/ or set its `language`")
    if language not in lang.available():
        warnings.append(f"{name}: language '{language}' has no data in geomap/lang; read as English")
        language = "en"
    blocks = split_blocks(text, body_start)
    text = with_blocks(text, blocks)
    rules = furniture_rules(language, topic_extra)
    kept, dropped = remove_furniture(blocks, rules)
    kept, dropped, headline = with_headline(blocks, kept, dropped, rules)
    title = meta.get("title") or headline or name
    sentences, posts = drop_embedded_posts(sentences_of(kept, language), language)
    published = meta.get("published")
    article = Article(path=clean_text(str(path)), name=name, text=text, sentences=sentences,
                      language=language, title=title, url=meta.get("url"), outlet=meta.get("outlet"),
                      published=published, published_basis="metadata" if published else "none",
                      published_text=meta.get("published_text"), dropped=tuple(dropped + posts))
    return article, warnings

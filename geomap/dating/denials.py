"""Denied claims: the sentences of an article that tell what the article itself says was denied
("The army said it had taken the district on Wednesday. Rebels denied this."; "Les rebelles ont
démenti"), in that sentence or the next. Such a claim dates no undated article: neither its
event (geomap.dating.corpus) nor its wording (geomap.dating.tellings) is an anchor.
The words are the language's `denials` patterns (geomap/lang/<code>/events.yaml), on folded text.
"""
from __future__ import annotations

from .. import lang
from ..models import Article
from ..text import fold

SCOPE = 2   # the sentence and the next one


def denied_sentences(article: Article) -> set[str]:
    """The texts of the article's sentences that tell a claim it says was denied."""
    patterns = _patterns(article.language)
    says_denied = [any(p.search(fold(s.text)) for p in patterns) for s in article.sentences]
    return {s.text for i, s in enumerate(article.sentences) if any(says_denied[i:i + SCOPE])}


def _patterns(language: str) -> tuple:
    if language not in lang.available() or "denials" not in lang.load(language, "events"):
        return ()
    return lang.compiled(language, "events", "denials")

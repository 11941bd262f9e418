"""The parse step: each sentence's syntax (tokens, lemmas, morphology, dependency heads).

spaCy parses; its Doc is turned into plain records (`Token`, `Parse`) so that the steps after
this one read clause structure without holding spaCy objects, and a test can build a parse by
hand. The pipeline of each language is data (`geomap/lang/<code>/syntax.yaml`, key `model`),
installed as a Python package (pyproject.toml); a language whose model is not installed is
read without a parse, by the rules alone, and the build says so once. The extractor has only
the sentences a later step reads the parse of parsed (geomap/extract/cues.py), each distinct
sentence once.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import Iterator

from .. import budget, lang
from .document import Document


MAX_SENTENCE = 5000   # characters: a real sentence is far shorter; longer runs are glued page text
WORDLIKE = re.compile(r"[^\W_]")   # a letter or a digit, of any script


@dataclass(frozen=True)
class Token:
    """One word of a parsed sentence; `start`/`end` are offsets into the sentence's text."""
    i: int
    start: int
    end: int
    text: str
    lemma: str
    pos: str            # universal part of speech: VERB, AUX, NOUN, PROPN...
    dep: str            # the relation to its head, in the model's scheme
    head: int           # the head's index (its own index for the root)
    morph: str          # "Mood=Ind|Tense=Past|VerbForm=Part"

    def feature(self, name: str) -> str | None:
        """One morphological feature ("Tense" -> "Past"), None when absent."""
        for pair in self.morph.split("|"):
            key, _, value = pair.partition("=")
            if key == name:
                return value
        return None


@dataclass(frozen=True)
class Parse:
    """A sentence's tokens; each token's children are found through the `head` indexes."""
    tokens: tuple[Token, ...]

    @cached_property
    def _children(self) -> tuple[list[Token], ...]:
        children: tuple[list[Token], ...] = tuple([] for _ in self.tokens)
        for t in self.tokens:
            if t.head != t.i:
                children[t.head].append(t)
        return children

    @cached_property
    def memo(self) -> dict:
        """What the passes over this parse computed once for all its words (clauses.clause_tokens, subtree)."""
        return {}

    def children(self, i: int) -> list[Token]:
        return self._children[i]

    def head_of(self, token: Token) -> Token | None:
        return None if token.head == token.i else self.tokens[token.head]

    def ancestors(self, token: Token) -> list[Token]:
        """The token's head, its head's head... up to the root."""
        return list(self.climb(token))

    def climb(self, token: Token) -> Iterator[Token]:
        """The ancestors one by one, nearest first: a search for the nearest of a kind stops there."""
        seen = {token.i}
        while (head := self.head_of(token)) is not None and head.i not in seen:
            yield head
            seen.add(head.i)
            token = head

    def at(self, start: int, end: int) -> Token | None:
        """The first token overlapping the characters start..end of the sentence."""
        return next(iter(self.overlapping(start, end)), None)

    def overlapping(self, start: int, end: int) -> list[Token]:
        """The tokens overlapping the characters start..end, in order (a binary search: a long
        sentence with many event words stays linear-logarithmic)."""
        if self._ends is None:
            return [t for t in self.tokens if t.end > start and t.start < end]
        found, index = [], bisect.bisect_right(self._ends, start)
        while index < len(self.tokens) and self.tokens[index].start < end:
            found.append(self.tokens[index])
            index += 1
        return found

    @cached_property
    def _ends(self) -> tuple[int, ...] | None:
        """The tokens' ends when tokens follow each other in the text (as a parser gives them)."""
        ordered = all(a.start <= b.start and a.end <= b.end for a, b in zip(self.tokens, self.tokens[1:]))
        return tuple(t.end for t in self.tokens) if ordered else None


def from_spacy(doc) -> Parse:
    """The plain records of a spaCy Doc."""
    endings = verb_endings(doc.lang_)
    return Parse(tuple(Token(t.i, t.idx, t.idx + len(t.text), t.text, _lemma(t, endings), t.pos_, t.dep_, t.head.i,
                             str(t.morph)) for t in doc))


@lru_cache(maxsize=None)
def verb_endings(language: str) -> tuple[tuple[str, str], ...]:
    """The language's inflected verb endings and their infinitive's (syntax.yaml
    `verb_lemma_endings`), longest first."""
    try:
        endings = lang.load(language, "syntax").get("verb_lemma_endings") or {}
    except (KeyError, FileNotFoundError, ValueError):
        return ()
    return tuple(sorted(endings.items(), key=lambda pair: -len(pair[0])))


def _lemma(token, endings: tuple[tuple[str, str], ...]) -> str:
    """The token's lemma. A rule lemmatizer keeps the form of a verb missing from its index
    ("tente", "cherche" for "tenter", "chercher"): such a verb gets its infinitive from the
    language's endings."""
    lemma = token.lemma_
    if not endings or token.pos_ != "VERB" or lemma != token.text or "VerbForm=Inf" in str(token.morph):
        return lemma
    form = lemma.lower()
    for ending, infinitive in endings:
        if form.endswith(ending) and len(form) > len(ending) + 1:
            return form[:-len(ending)] + infinitive
    return lemma


@lru_cache(maxsize=None)
def pipeline_for(model: str):
    """The loaded spaCy pipeline (without its entity recogniser), None when not installed."""
    try:
        import spacy
        return spacy.load(model, exclude=["ner"])
    except (ImportError, OSError):
        return None


class ParseSentences:
    """The document step that fills each sentence's `parse` layer, all sentences in one pass.

    Parameters
    ----------
    warn : callable, optional
        Told once per language whose model is not installed.
    select : callable, optional
        ``select(texts, folded, language, nlp)`` -> one bool per sentence: whether to parse it
        (`geomap.extract.cues.worth_parsing` in the extractor); every sentence by default. A
        sentence left out gets no parse, as in a language without its parser.
    """

    CACHE_SENTENCES = 16384   # a sentence read again (its article dated anew from the corpus, or
                              # repeated in a page) is not parsed again

    def __init__(self, warn=None, select=None):
        self.warn, self.select = warn, select
        self.warned: set[str] = set()
        self.parsed: dict[tuple[str, str], Parse] = {}
        self.count = 0   # sentences given to the parser so far

    def __call__(self, doc: Document) -> None:
        model = lang.load(doc.language, "syntax")["model"]
        nlp = pipeline_for(model)
        if nlp is None:
            self._missing(doc.language, model)
            return
        texts = [layer.text for layer in doc.sentences]
        wanted = self._wanted(texts, [layer.folded for layer in doc.sentences], doc.language, nlp)
        known = {t: self.parsed[(model, t)] for t, want in zip(texts, wanted) if want and (model, t) in self.parsed}
        fresh = self._parse(nlp, model, [t for t in dict.fromkeys(t for t, w in zip(texts, wanted) if w) if t not in known])
        for layer, want in zip(doc.sentences, wanted):
            layer.parse = (known.get(layer.text) or fresh.get(layer.text)) if want else None

    def _wanted(self, texts: list[str], folded: list[str], language: str, nlp) -> list[bool]:
        """A sentence too long to be one (glued page text) is not parsed, and is read by the
        rules, so that no text can exhaust the parser; nor is a run without a letter or a digit
        ("!!!!", "* * *"): it has nothing a parse could tell; nor one `select` leaves out."""
        fits = [len(text) <= MAX_SENTENCE and bool(WORDLIKE.search(text)) for text in texts]
        if self.select is None:
            return fits
        chosen = self.select([t for t, ok in zip(texts, fits) if ok], [f for f, ok in zip(folded, fits) if ok],
                             language, nlp)
        chosen = iter(chosen)
        return [ok and next(chosen) for ok in fits]

    def _parse(self, nlp, model: str, texts: list[str]) -> dict[str, Parse]:
        """Each text's parse, kept in the cache (the oldest parses leave it when it is full)."""
        fresh = {}
        for text, doc in zip(texts, nlp.pipe(texts, batch_size=256)):
            budget.check()                   # the article's time budget (geomap.budget)
            fresh[text] = from_spacy(doc)
        for text, parse in fresh.items():
            if len(self.parsed) >= self.CACHE_SENTENCES:
                self.parsed.pop(next(iter(self.parsed)))
            self.parsed[(model, text)] = parse
        self.count += len(texts)
        return fresh

    def _missing(self, language: str, model: str) -> None:
        if self.warn and language not in self.warned:
            self.warned.add(language)
            self.warn(f"spaCy model '{model}' is not installed: {language} articles are read without a parse "
                      f"(pip install -e . installs it)")

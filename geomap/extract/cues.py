"""Which sentences are worth parsing: those in which a later step reads something from the parse.

Parsing is the costly step (most of the build's time, and all of it on a long hostile text),
and most sentences of an article tell nothing a parse would add to. A step reads a sentence's
parse only for a word it knows, so a sentence is parsed when, on its surface, it has one of:

- an event word: a match of an events.yaml pattern, or a word one of whose possible lemmas
  is an event lemma (`lemmas`, `carry_lemmas`, `capture_lemmas`, ...; `control_nouns`);
- an actor's name, or a side word (actors.yaml `qualifiers`): the main subject a later "ils" or
  "les forces" stands for is read from the parse of a sentence that may tell no event;
- a date: the parse says whether its clause speaks of what is to come, which decides the
  day the next sentences are about;
- a share or a pocket word (territory.yaml: `share_patterns`, `confine_lemmas`,
  `pocket_nouns`, `area_nouns`).

A word's possible lemmas are found without the tagger: the parser's own lemmatizer is asked
for the word's lemma under every part of speech its tagger could choose (and the fixed lemmas
of its attribute ruler are added), so that whatever the tagger picks in context, the lemma it
gives is among them. Every other sentence gets no parse, as a language without its parser
does; what the steps find in it does not change.
"""
from __future__ import annotations

from functools import lru_cache

from ..text import fold
from . import arguments, dates
from .grammar import grammar
from .lemmas import lemma_table
from .shares import stems_of, vocabulary

PARTS_OF_SPEECH = ("ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
                   "PUNCT", "SCONJ", "SYM", "VERB", "X")
WORD_CACHE = 200_000   # words whose possible lemmas are kept (a corpus has far fewer distinct words)


@lru_cache(maxsize=None)
def cue_patterns(language: str) -> tuple:
    """The regexes over folded text that make a sentence worth parsing: event words, actors,
    shares."""
    g = grammar(language)
    return tuple(p for _, _, p in g.triggers) + (g.actors,) + tuple(vocabulary(language).patterns)


@lru_cache(maxsize=None)
def cue_lemmas(language: str) -> frozenset[str]:
    """The folded lemmas (or words) that make a sentence worth parsing."""
    words = vocabulary(language)
    return (frozenset(lemma_table(language)) | arguments.control_words(language, "control_nouns")
            | frozenset(arguments.qualifiers(language)) | words.confine | words.pocket_nouns | words.area_nouns)


@lru_cache(maxsize=None)
def cue_stems(language: str) -> tuple[str, ...]:
    """The stems a word may start with to count as a territory word (shares.is_word)."""
    words = vocabulary(language)
    return stems_of(words.confine | words.pocket_nouns | words.area_nouns, words.stem_cut)


class SurfaceLemmas:
    """The lemmas a spaCy pipeline could give the words of a text, from its tokenizer and
    lemmatizer alone (no tagger, no parser).

    Parameters
    ----------
    nlp : spacy.Language
        The loaded pipeline.
    """

    def __init__(self, nlp):
        self.tokenizer, self.vocab = nlp.tokenizer, nlp.vocab
        self.lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
        self.fixed, self.anywhere = _ruled_lemmas(nlp)
        self.known: dict[str, frozenset[str]] = {}

    def complete(self) -> bool:
        """Whether the lemmas can be told without the tagger (else every sentence is parsed)."""
        return self.lemmatizer is not None

    def words(self, text: str) -> list[tuple[str, frozenset[str]]]:
        """Each distinct word of the text (folded), as the tokenizer cuts it, with its possible
        lemmas (folded)."""
        strings = self.vocab.strings
        found = []
        for orth in set(self.tokenizer(text).to_array("ORTH").tolist()):
            word = strings[orth]
            if word not in self.known:
                if len(self.known) >= WORD_CACHE:
                    self.known.clear()
                self.known[word] = self._lemmas(word)
            found.append((fold(word), self.known[word]))
        return found

    def _lemmas(self, word: str) -> frozenset[str]:
        from spacy.tokens import Doc       # spaCy is there: this pipeline is one of its
        token = Doc(self.vocab, words=[word])[0]
        lemmas = {word, word.lower()} | self.fixed.get(word.lower(), set())
        own_cache, self.lemmatizer.cache = self.lemmatizer.cache, {}   # the pipeline's cache stays as it was
        try:
            for pos in PARTS_OF_SPEECH:
                token.pos_ = pos
                lemmas.update(self.lemmatizer.lemmatize(token))
        finally:
            self.lemmatizer.cache = own_cache
        return frozenset(fold(lemma) for lemma in lemmas)


def _ruled_lemmas(nlp) -> tuple[dict[str, set[str]], frozenset[str]]:
    """The lemmas the attribute ruler sets: by the lowercase word of a one-word pattern, and
    those it may set on any word (a pattern not tied to one word)."""
    fixed: dict[str, set[str]] = {}
    anywhere: set[str] = set()
    if "attribute_ruler" not in nlp.pipe_names:
        return fixed, frozenset()
    for rule in nlp.get_pipe("attribute_ruler").patterns:
        lemma = rule.get("attrs", {}).get("LEMMA")
        if not isinstance(lemma, str):
            continue
        for pattern in rule.get("patterns", []):
            word = _one_word(pattern)
            if word is None:
                anywhere.add(fold(lemma))
            else:
                fixed.setdefault(word, set()).add(lemma)
    return fixed, frozenset(anywhere)


def _one_word(pattern) -> str | None:
    """The lowercase word a one-token pattern matches, None when it is not tied to one word."""
    if not isinstance(pattern, list) or len(pattern) != 1 or not isinstance(pattern[0], dict):
        return None
    spec = {key.upper(): value for key, value in pattern[0].items()}
    word = spec.get("LOWER", spec.get("ORTH", spec.get("TEXT")))
    return word.lower() if isinstance(word, str) else None


@lru_cache(maxsize=None)
def surface_lemmas(nlp) -> SurfaceLemmas:
    """One pipeline's SurfaceLemmas (and the words it already looked up)."""
    return SurfaceLemmas(nlp)


def worth_parsing(texts: list[str], folded: list[str], language: str, nlp) -> list[bool]:
    """For each sentence, whether a step would read something from its parse.

    Parameters
    ----------
    texts, folded : list of str
        The sentences, and the same folded (`geomap.text.fold`).
    language : str
        Their language code.
    nlp : spacy.Language
        The language's pipeline (its tokenizer and lemmatizer tell a word's possible lemmas).

    Returns
    -------
    list of bool
        One per sentence.
    """
    lemmas, surface = cue_lemmas(language), surface_lemmas(nlp)
    if not surface.complete() or surface.anywhere & lemmas:
        return [True] * len(texts)
    return [_has_cue(text, low, language, surface, lemmas) for text, low in zip(texts, folded)]


def _has_cue(text: str, folded: str, language: str, surface: SurfaceLemmas, lemmas: frozenset[str]) -> bool:
    if any(p.search(folded) for p in cue_patterns(language)) or dates.has_date(folded, language):
        return True
    stems = cue_stems(language)
    return any(word in lemmas or not possible.isdisjoint(lemmas) or (stems and word.startswith(stems))
               for word, possible in surface.words(text))

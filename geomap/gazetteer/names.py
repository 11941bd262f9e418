"""Match keys: a name's spelling folded so that its transliteration variants share one key.

The rules are data, loaded once: geomap/gazetteer/transliteration.yaml (apostrophes, Arabic
articles, the rewrites of the phonetic key) and the `elision` particles of every
geomap/lang/<code>/places.yaml (the alias index serves all languages, so a word is split at the
elisions of every language, as "d'Idlib" is).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from geomap import lang
from geomap.text import fold

TRANSLITERATION_FILE = Path(__file__).resolve().parent / "transliteration.yaml"
_NAME_GAP = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000\-‐‑–]*")   # what may join two words of one name (any space)


@dataclass(frozen=True)
class Transliteration:
    """The compiled rules of transliteration.yaml."""
    apostrophes: str
    articles: frozenset[str]
    spaced_articles: frozenset[str]
    name_articles: tuple[str, ...]
    key_stages: tuple[tuple[int | None, tuple[tuple[re.Pattern, str], ...]], ...]
    word: re.Pattern
    apostrophe_chars: re.Pattern
    elision: re.Pattern | None
    enclitic: re.Pattern | None
    vowel_blind: tuple[tuple[re.Pattern, str], ...]
    vowel_blind_letters: int


@lru_cache(maxsize=None)
def transliteration() -> Transliteration:
    """The transliteration rules (read and compiled on first use)."""
    data = yaml.safe_load(TRANSLITERATION_FILE.read_text(encoding="utf-8"))
    apostrophes = data["apostrophes"]
    stages = tuple((stage.get("longer_than"),
                    tuple((re.compile(pattern), replacement) for pattern, replacement in stage["rules"]))
                   for stage in data["key_stages"])
    return Transliteration(
        apostrophes=apostrophes, articles=frozenset(data["articles"]),
        spaced_articles=frozenset(data["spaced_articles"]), name_articles=tuple(data["name_articles"]),
        key_stages=stages, word=re.compile(r"[^\W_]+(?:[" + apostrophes + r"][^\W_]+)*"),
        apostrophe_chars=re.compile("[" + apostrophes + "]"), elision=_elision(apostrophes),
        enclitic=_enclitic(apostrophes),
        vowel_blind=tuple((re.compile(pattern), replacement) for pattern, replacement in data["vowel_blind"]),
        vowel_blind_letters=int(data["vowel_blind_letters"]))


def _elision(apostrophes: str) -> re.Pattern | None:
    """The elided particles of every usable language (a broken folder is reported by the loader)."""
    particles = [particle for code in lang.available() for particle in _places_list(code, "elision")]
    if not particles:
        return None
    return re.compile("(?:" + "|".join(particles) + ")[" + apostrophes + "]", re.IGNORECASE)


def _enclitic(apostrophes: str) -> re.Pattern | None:
    """The endings of every usable language written onto a name ("'s"), at the end of a word
    of at least three letters before them ("Ra's" keeps its ending)."""
    endings = [ending for code in lang.available() for ending in _places_list(code, "enclitics")]
    if not endings:
        return None
    return re.compile(r"(?<=[^\W\d_]{3})[" + apostrophes + "](?:" + "|".join(endings) + r")\Z", re.IGNORECASE)


def _places_list(code: str, key: str) -> list[str]:
    try:
        return lang.load(code, "places").get(key, [])
    except lang.LanguageError:
        return []


@lru_cache(maxsize=50_000)
def spelling_key(word: str) -> str:
    """The exact-spelling key of a word: folded (geomap.text.fold: lowercase, no accents), its
    apostrophes and ayn/hamza marks dropped. Two words match letter for letter when it is equal."""
    return transliteration().apostrophe_chars.sub("", fold(word))


@lru_cache(maxsize=50_000)
def token_key(word: str) -> str:
    """The phonetic key of one word: transliteration variants of a name share it."""
    key = spelling_key(word)
    for longer_than, rules in transliteration().key_stages:
        if longer_than is not None and len(key) <= longer_than:
            continue
        for pattern, replacement in rules:
            key = pattern.sub(replacement, key)
    return key


def vowel_blind(key: str) -> str:
    """A phonetic key with its short vowels merged ("zabdi", "zibdi" -> "zabda"), or "" when the
    key is too short for that to be safe (transliteration.yaml `vowel_blind_letters`)."""
    rules = transliteration()
    if len(key.replace(" ", "")) < rules.vowel_blind_letters:
        return ""
    for pattern, replacement in rules.vowel_blind:
        key = pattern.sub(replacement, key)
    return key


@dataclass(frozen=True)
class Token:
    """A word of a text (or of an alias) with its offsets and matching keys."""
    text: str
    start: int
    end: int
    key: str            # phonetic key
    plain: str          # exact-spelling key (spelling_key)
    article: bool       # an Arabic article that names drop ("al-", "ash-")
    linked: bool        # joined to the next word by spaces or a hyphen only (may continue a name)

    @property
    def capitalised(self) -> bool:
        first = self.text[0]
        return first.isupper() or not first.islower() and not first.isdigit()


def _split_words(text: str) -> list[tuple[str, int]]:
    """Words with their start offsets; an elision ("d'Idlib") splits off its particle, an
    enclitic ("Aleppo's") its ending, and two words glued by a lost space ("IdlebMais") part."""
    rules = transliteration()
    words = []
    for match in rules.word.finditer(text):
        word, start = match.group(), match.start()
        elision = rules.elision.match(word) if rules.elision else None
        if elision and elision.end() < len(word):
            words.append((word[:elision.end()], start))
            word, start = word[elision.end():], start + elision.end()
        enclitic = rules.enclitic.search(word) if rules.enclitic else None
        ending = None
        if enclitic:
            word, ending = word[:enclitic.start()], (word[enclitic.start():], start + enclitic.start())
        words += _unglued(word, start)
        if ending:
            words.append(ending)
    return words


def _unglued(word: str, start: int) -> list[tuple[str, int]]:
    """A word cut where a capitalised word begins right after two lowercase letters
    ("IdlebMais" -> "Idleb", "Mais"): text extraction lost the space between them."""
    cuts = [index for index in range(2, len(word) - 1)
            if word[index].isupper() and word[index + 1].islower()
            and word[index - 1].islower() and word[index - 2].islower()]
    bounds = [0] + cuts + [len(word)]
    return [(word[left:right], start + left) for left, right in zip(bounds, bounds[1:])]


def tokenise(text: str, alias: bool = False) -> list[Token]:
    """Tokens of `text`. In an alias every article before another word is dropped; in running
    text only the spaced articles ("al"/"el") and hyphenated ones are (see transliteration.yaml)."""
    rules = transliteration()
    words = _split_words(text)
    tokens = []
    for index, (word, start) in enumerate(words):
        end = start + len(word)
        following = words[index + 1] if index + 1 < len(words) else None
        gap = text[end:following[1]] if following else "."
        linked = _NAME_GAP.fullmatch(gap) is not None
        plain = spelling_key(word)
        is_article = plain in rules.articles and following is not None and linked and (
            alias or "-" in gap or "‐" in gap or plain in rules.spaced_articles)
        tokens.append(Token(word, start, end, token_key(word), plain, is_article, linked))
    return tokens


def name_tokens(name: str) -> list[Token]:
    """The tokens of an alias that its key is made of (its articles dropped)."""
    return [token for token in tokenise(name, alias=True) if not token.article]


def normalise(name: str) -> str:
    """The matching key of a name.

    Parameters
    ----------
    name : str
        A place name in any spelling.

    Returns
    -------
    str
        Its key: "Cheikh Saïd", "Sheikh Sa'id" and "Shaykh Said" share one.
    """
    return " ".join(token.key for token in name_tokens(name))


def case_pattern(token: Token) -> str:
    """How an alias word is written: "caps" (ALP), "upper" (Alep) or "" (d', eastern, عربي)."""
    letters = [char for char in token.text if char.isalpha()]
    if len(letters) > 1 and all(char.isupper() for char in letters):
        return "caps"
    return "upper" if token.text[0].isupper() else ""


def case_fits(pattern: str, token: Token) -> bool:
    """Whether a word of a text is written as the alias word of this case pattern requires."""
    if pattern == "caps":
        return token.text.isupper()
    return pattern != "upper" or token.capitalised


def slug(name: str) -> str:
    """A name as a piece of a place id ("Kafr Hamra" -> "kafr-hamra")."""
    return re.sub(r"[^\w]+", "-", name.lower()).strip("-")

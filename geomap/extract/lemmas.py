"""Event words found by their lemma in the parse, whatever the tense, voice or word order:
"les forces ont fini par reprendre", "Palmyre, reprise dimanche par l'EI", "3,500 civilians
left eastern Aleppo". The lemmas of each type are language data (events.yaml: `lemmas`,
`carry_lemmas` for evacuations, and `capture_lemmas`, `loss_lemmas`, `noun_lemmas` for
control changes).

A verb counts only with a place among its objects and obliques (its clause, less its
subject): "ont pris part aux combats" takes nothing. A verb of capture in the passive
("a été reprise par", "reprise par", "taken by") puts the place before it and the taker after.
"""
from __future__ import annotations

from functools import lru_cache

from .. import lang
from ..text import fold
from . import clauses
from .arguments import control_words
from .document import SentenceLayers, Trigger

CONTROL_GROUPS = {"capture_lemmas": "capture", "loss_lemmas": "loss", "noun_lemmas": "noun",
                  "withdrawal_lemmas": "withdrawal"}


@lru_cache(maxsize=None)
def lemma_table(language: str) -> dict[str, list[tuple[str, str, str | None]]]:
    """Folded lemma -> [(type, group, part of speech or None)] for one language. A lemma written
    "attack:VERB" counts only as that part of speech ("attacked the district", not "a rocket
    attack", which is a strike)."""
    table: dict[str, list[tuple[str, str, str | None]]] = {}
    for kind, spec in lang.load(language, "events").items():
        if not isinstance(spec, dict):
            continue
        groups = CONTROL_GROUPS.items() if kind == "control_change" else (("lemmas", kind), ("carry_lemmas", "carry"))
        for key, group in groups:
            for entry in spec.get(key, []):
                lemma, _, pos = entry.partition(":")
                table.setdefault(fold(lemma), []).append((kind, group, pos or None))
    return table


def lemma_triggers(layer: SentenceLayers, language: str) -> list[Trigger]:
    """The event words of a parsed sentence named by their lemma, each with a place to go with."""
    if layer.parse is None:
        return []
    table, s = lemma_table(language), clauses.scheme(language)
    found = []
    control = control_words(language, "control_nouns")  # "established control over X"
    for token in layer.parse.tokens:
        entries = table.get(fold(token.lemma), ())
        if not entries and token.pos in clauses.PREDICATES and any(
                c.dep in s.object and fold(c.lemma) in control for c in layer.parse.children(token.i)):
            entries = (("control_change", "control", None),)  # "established control over X"
        for kind, group, pos in entries:
            if pos and token.pos != pos:
                continue
            wide = group == "control"
            if group == "withdrawal":  # only a place it withdrew from: "se sont retirés mardi de la médina"
                if token.pos in clauses.PREDICATES and _withdrawn_from(layer, token, language):
                    found.append(Trigger(kind, "loss", token.start, token.end, by="lemma"))
                continue
            if group == "carry":  # "des bus ont transporté des civils d'Alep": people carried from a place
                if token.pos in clauses.PREDICATES and _carried_from(layer, token, language):
                    found.append(Trigger(kind, kind, token.start, token.end, by="lemma"))
                continue
            group = "capture" if wide else group
            if group == "noun" and token.pos not in ("NOUN", "PROPN"):
                continue
            if group in ("capture", "loss") and token.pos not in clauses.PREDICATES:
                continue
            if group == "capture" and _passive(layer, token, s):
                group = "passive"
            if _has_place(layer, token, s, "loss" if wide else group):  # "control over X": any argument
                found.append(Trigger(kind, group, token.start, token.end, by="lemma"))
    return found


def _withdrawn_from(layer: SentenceLayers, token, language: str) -> bool:
    """A place in a complement of the verb opened by a word of leaving ("de", "from")."""
    words, parse, s = control_words(language, "withdrawal_from"), layer.parse, clauses.scheme(language)
    return any(clauses.places_in(parse, layer.places, {t.i for t in clauses.subtree(parse, child)})
               for child in parse.children(token.i)
               if any(fold(m.text) in words for m in clauses.opening_words(parse, child, s)))


def _carried_from(layer: SentenceLayers, token, language: str) -> bool:
    """A place the verb's load was carried from: in a complement of the verb, or of its object
    ("transporting people from Aleppo"), opened by a word of leaving."""
    parse, s = layer.parse, clauses.scheme(language)
    objects = [c for c in parse.children(token.i) if c.dep in s.object]
    heads = [token] + objects
    return any(_withdrawn_from(layer, head, language) for head in heads)


def _passive(layer: SentenceLayers, token, s: clauses.Scheme) -> bool:
    children = layer.parse.children(token.i)
    return any(c.dep in s.passive_auxiliary for c in children) or (
        token.feature("VerbForm") == "Part" and token.dep in s.participle_of)


def _has_place(layer: SentenceLayers, token, s: clauses.Scheme, group: str) -> bool:
    """A place among what the word governs: a capture verb's object; another verb's clause less
    its subject (for a passive, the place is the subject, or the noun the participle is said
    of); a noun's own phrase."""
    parse = layer.parse
    if group == "capture" and token.pos in clauses.PREDICATES:  # "took X", not "took effect in X"
        domain = {t.i for c in parse.children(token.i) if c.dep in s.object for t in clauses.subtree(parse, c)}
    elif token.pos in clauses.PREDICATES:
        domain = clauses.clause_tokens(parse, token, s)
        subject, _ = clauses.subject_of(parse, token, s)
        if group != "passive":
            domain -= {t.i for t in subject}
        elif (head := parse.head_of(token)) is not None and token.dep in s.participle_of:
            domain |= {t.i for t in clauses.subtree(parse, head)}
    else:
        domain = {t.i for t in clauses.subtree(parse, token)} | _light_verb_domain(parse, token, s)
    return bool(clauses.places_in(parse, layer.places, domain))


def _light_verb_domain(parse, noun, s: clauses.Scheme) -> set[int]:
    """A noun in the object of a support verb ("ont lancé une contre-offensive dans le quartier
    de X", "launched an offensive on X"; syntax.yaml `support_verbs`) takes the verb's
    complements: the verb only carries it."""
    verb = clauses.predicate_of(parse, noun)
    if verb.i == noun.i or verb.lemma.lower() not in s.support_verbs:
        return set()
    objects = [c for c in parse.children(verb.i) if c.dep in s.object]
    if not any(noun.i in {t.i for t in clauses.subtree(parse, o)} for o in objects):
        return set()
    subject, _ = clauses.subject_of(parse, verb, s)
    return clauses.clause_tokens(parse, verb, s) - {t.i for t in subject}

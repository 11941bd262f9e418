"""The event-words step: the words of each sentence that tell an event of a known type
(geomap/lang/<code>/events.yaml), minus those negated, blocked or in a tally."""
from __future__ import annotations

from ..text import fold
from . import arguments
from .background import without_references
from .lemmas import lemma_triggers
from .document import Document, Trigger
from .grammar import Grammar, grammar


class FindTriggers:
    """Fills each sentence's `triggers` layer. A tally ("depuis le début de l'offensive")
    tells no event; the talks that made a truce are the truce."""

    def __call__(self, doc: Document, index: int) -> None:
        layer, g = doc.sentences[index], grammar(doc.language)
        text = layer.text
        question = text.rstrip().endswith("?")
        tally = g.aggregate.search(without_references(layer.folded, doc.language))  # not "first time since 2012"
        triggers = [] if tally else with_lemma_triggers(
            find_triggers(text, g, question), lemma_triggers(layer, doc.language), text, g, question)
        if any(t.type == "ceasefire" for t in triggers):
            triggers = [t for t in triggers if t.type != "diplomacy"]
        layer.triggers = [t for t in triggers if not arguments.denied(layer, t, doc.language)]
        layer.triggers = [t for t in layer.triggers if t.type != "evacuation"
                          or not arguments.done_by_an_event(layer, t, doc.language)]


def find_triggers(text: str, g: Grammar, question: bool) -> list[Trigger]:
    """The event words of a sentence that tell a fact: not negated, not blocked ("appels à un
    cessez-le-feu"); in a question only a participle said of a place ("Palmyre, reprise par");
    a noun of capture only before a name ("la reprise d'Alep", not "la reprise des négociations")."""
    folded = fold(text)
    found = []
    for kind, group, pattern in g.triggers:
        for m in pattern.finditer(folded):
            if question and group != "passive":
                continue
            if group == "noun" and not g.name_ahead.match(text[m.end():]):
                continue
            if _blocked(kind, m.start(), m.end(), folded, g):
                continue
            found.append(Trigger(kind, group, m.start(), m.end()))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    kept = []
    for t in found:  # overlapping words of one type count once
        if not any(k.type == t.type and k.start < t.end and t.start < k.end for k in kept):
            kept.append(t)
    return kept


def with_lemma_triggers(found: list[Trigger], by_lemma: list[Trigger], text: str, g: Grammar,
                        question: bool) -> list[Trigger]:
    """The words the patterns found, and those the parse found by their lemma that no pattern
    found (same conditions: not blocked, in a question only a passive participle; a noun of
    capture has a place in its own phrase, lemmas.py)."""
    folded = fold(text)
    kept = list(found)
    for t in by_lemma:
        if question and t.group != "passive":
            continue
        if _blocked(t.type, t.start, t.end, folded, g):
            continue
        same = [k for k in kept if k.type == t.type and k.start < t.end + 12 and t.start < k.end + 12]
        if not same:
            kept.append(t)
        elif t.group == "passive" and same[0].group != "passive":  # the parse knows the voice
            kept[kept.index(same[0])] = t
    return sorted(kept, key=lambda t: (t.start, -(t.end - t.start)))


def _blocked(kind: str, start: int, end: int, folded: str, g: Grammar) -> bool:
    before, after = folded[max(0, start - 40):start], folded[end:end + 60]
    if g.negations.search(folded[max(0, start - 25):end]):
        return True
    blocker = g.blockers_before.get(kind)
    if blocker and blocker.search(before):
        return True
    blocker = g.blockers_after.get(kind)
    if blocker and blocker.search(after):
        return True
    needed = g.requires.get(kind)
    return bool(needed and not needed.search(folded[max(0, start - 80):end + 80]))

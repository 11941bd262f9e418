"""The actors steps: the names of actors in each sentence (actors.yaml), and the sides they fight for."""
from __future__ import annotations

import re
from collections import Counter

from . import arguments
from .document import ActorMention, Document
from .grammar import Grammar, grammar
from .settings import Settings, faction


class NameActors:
    """The document step: every sentence's actor names as written (its `actors` layer, before
    context), and in the memory how often the article names each actor by a name of its own."""

    def __call__(self, doc: Document) -> None:
        g = grammar(doc.language)
        for layer in doc.sentences:
            layer.actors = actor_mentions(layer.folded, g, layer.text)
        doc.memory.story_actors = story_actors(doc, g)


class FindActors:
    """Fills each sentence's `actors` layer in context (a name several actors go by taken for
    the one the article names most), `sides`: the factions of those actors that can
    hold ground, in the order they are named (not a name that only qualifies a thing: "the
    largest rebel district", "les quartiers rebelles"), and `main_side`: the one its main
    subject names. Reads the names `NameActors` found."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document, index: int) -> None:
        layer, g = doc.sentences[index], grammar(doc.language)
        layer.actors = in_context(layer.actors, layer.folded, g, doc.memory.story_actors)
        acting = [a for a in layer.actors if not arguments.qualifies_a_thing(layer, a, doc.language)]
        factions = [faction(a.actor, self.settings) for a in acting]
        layer.sides = [f for f in factions if f in self.settings.sides]
        layer.main_side = arguments.main_side(layer, doc.language, self.settings)


def actor_mentions(folded: str, g: Grammar, text: str | None = None) -> list[ActorMention]:
    """Every actor name of a folded sentence, with its actor id. An acronym ("IS", "US") is a
    name only written in capitals in `text` (the sentence as written): "is", "us" are words."""
    out = []
    for m in g.actors.finditer(folded):
        name = re.sub(r"\s+", " ", m.group(0))
        actor = g.actor_ids.get(name)
        if actor and not (text is not None and name in g.actor_acronyms and not text[m.start():m.end()].isupper()):
            out.append(ActorMention(actor, m.start(), m.end()))
    return out


def story_actors(doc: Document, g: Grammar) -> Counter:
    """How often the article names each actor by a name that is only its own (from the
    sentences' names as written)."""
    return Counter(mention.actor for layer in doc.sentences for mention in layer.actors
                   if _name(layer.folded, mention) not in g.ambiguous_names)


def in_context(mentions: list[ActorMention], folded: str, g: Grammar, story: Counter) -> list[ActorMention]:
    """The mentions, a name several actors go by ("les djihadistes": rebels or the Islamic
    State; actors.yaml `ambiguous_names`) taken for the one of them the article names most
    (its own actor when the article names none of them)."""
    if not g.ambiguous_names or not story:
        return mentions
    resolved = []
    for mention in mentions:
        candidates = g.ambiguous_names.get(_name(folded, mention))
        if candidates:
            named = max(candidates, key=lambda actor: (story.get(actor, 0), actor == mention.actor))
            if story.get(named, 0):
                mention = ActorMention(named, mention.start, mention.end)
        resolved.append(mention)
    return resolved


def _name(folded: str, mention: ActorMention) -> str:
    return re.sub(r"\s+", " ", folded[mention.start:mention.end])

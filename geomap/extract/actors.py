"""The actors step: the names of actors in each sentence (actors.yaml), and the sides they fight for."""
from __future__ import annotations

import re

from . import arguments
from .document import ActorMention, Document
from .grammar import Grammar, grammar
from .settings import Settings, faction


class FindActors:
    """Fills each sentence's `actors` layer, `sides`: the factions of those actors that can
    hold ground, in the order they are named (not a name that only qualifies a thing: "the
    largest rebel district", "les quartiers rebelles"), and `main_side`: the one its main
    subject names."""

    def __init__(self, settings: Settings):
        self.settings = settings

    def __call__(self, doc: Document, index: int) -> None:
        layer = doc.sentences[index]
        layer.actors = actor_mentions(layer.folded, grammar(doc.language), layer.text)
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

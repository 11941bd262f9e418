"""The side-areas step: "les derniers quartiers rebelles", "rebel-held areas", "la poche
rebelle" name no place but the area a side held when the story began (config.yaml: a faction's
`area`); they become place mentions of that area (method "side area": where a strike fell or
people left from, never a place taken: that is a share, or a pocket, of geomap.extract.shares).
Area nouns are territory.yaml's (`area_nouns`, `pocket_nouns`), side words actors.yaml's
`qualifiers`."""
from __future__ import annotations

from ..models import Mention
from ..text import fold
from . import clauses
from .arguments import qualifiers
from .document import Document
from .settings import Settings, faction
from .shares import is_word, vocabulary

REACH = 3   # words around the area noun where its side word stands ("rebel-held areas", "quartiers rebelles")


def _counted(parse, noun) -> bool:
    """"six formerly rebel-held districts", "plusieurs quartiers rebelles": some of the area, not all of it."""
    return any(c.pos == "NUM" or c.dep in ("nummod",) for c in parse.children(noun.i))


class FindSideAreas:
    """Adds to each parsed sentence's `places` the areas its side-qualified area nouns name."""

    def __init__(self, gazetteer, settings: Settings):
        self.gazetteer, self.settings = gazetteer, settings
        self.areas = {side: area for side, area in settings.areas.items() if area in gazetteer}

    def __call__(self, doc: Document, index: int) -> None:
        layer, areas = doc.sentences[index], self.areas
        if layer.parse is None or not areas:
            return
        words, named = vocabulary(doc.language), qualifiers(doc.language)
        nouns = words.area_nouns | words.pocket_nouns
        found = []
        for token in layer.parse.tokens:
            if token.pos != "NOUN" or not is_word(token, nouns, words) or _counted(layer.parse, token):
                continue
            phrase = [t for t in clauses.subtree(layer.parse, token) if abs(t.i - token.i) <= REACH]
            sides = {faction(named.get(fold(t.lemma)) or named.get(fold(t.text)), self.settings) for t in phrase}
            side = next((s for s in sorted(sides - {None}) if s in areas), None)
            if side is None:
                continue
            start, end = min(t.start for t in phrase), max(t.end for t in phrase)
            if self._free(layer.places + found, start, end, areas[side]):
                found.append(Mention(layer.text[start:end], start, end, areas[side], 0.7, "side area"))
        layer.places = sorted(layer.places + found, key=lambda m: (m.start, m.end))

    def _free(self, mentions: list[Mention], start: int, end: int, area: str) -> bool:
        """No mention overlaps the phrase, unless it names a place the area lies in ("les
        quartiers rebelles d'Alep": the rebel part of Aleppo)."""
        for m in mentions:
            if m.start < end and start < m.end and not (m.place_id and self.gazetteer.contains(m.place_id, area)):
                return False
        return True

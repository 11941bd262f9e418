"""A city named only to qualify a neighbourhood of it ("le quartier de Cheikh Saïd d'Alep",
"the Sheikh Saeed district of Aleppo", "Aleppo's Sheikh Saeed district", "the Aleppo district
of Sheikh Saeed") is not a second place of the sentence: the neighbourhood is the place, and the
qualifying mention is left out, so that nothing downstream takes the city for it.
"""
from __future__ import annotations

from geomap.models import Mention

from .rules import LanguageRules
from .store import PlaceStore


def without_qualifiers(text: str, mentions: list[Mention], store: PlaceStore,
                       rules: LanguageRules) -> list[Mention]:
    """The mentions (sorted by start) less those that only qualify a neighbour they contain."""
    dropped = set()
    for index in range(len(mentions) - 1):
        first, second = mentions[index], mentions[index + 1]
        gap = text[first.end:second.start]
        if _qualifies(store, second, first) and rules.qualifier_after.fullmatch(gap):
            dropped.add(index + 1)          # "Cheikh Saïd d'Alep": Alep qualifies
        elif _qualifies(store, first, second) and rules.qualifier_before.fullmatch(gap):
            dropped.add(index)              # "Aleppo's Sheikh Saeed": Aleppo qualifies
    return [mention for index, mention in enumerate(mentions) if index not in dropped]


def _qualifies(store: PlaceStore, outer: Mention, inner: Mention) -> bool:
    return bool(outer.place_id and inner.place_id and outer.place_id != inner.place_id
                and store.contains(outer.place_id, inner.place_id))

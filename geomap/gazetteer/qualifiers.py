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
    """`outer` contains `inner`; a part named by a direction ("southeast Aleppo's Sheikh Saeed")
    qualifies what lies in its whole, however loosely the direction is meant."""
    if not (outer.place_id and inner.place_id and outer.place_id != inner.place_id):
        return False
    whole = store.get(outer.place_id).parent if outer.method == "derived" and outer.place_id in store else None
    return store.contains(outer.place_id, inner.place_id) or bool(whole and store.contains(whole, inner.place_id))

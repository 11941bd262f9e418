"""What the articles' statements and the map itself imply about who holds the areas no report names.

On each date, after the trusted timeline and the reported changes (geomap.control):

- a pocket ("the rebels are confined to A, B, C", "la dernière poche rebelle, dans le sud"):
  the side keeps the areas of the pocket (the named areas, the areas inside a named part
  such as "the south of East Aleppo"); the rest of what it held of the contested area passes
  to its opponent. A pocket naming no part (or only the whole city) says the side holds one
  pocket: the groups of its areas cut off from the largest pass to the opponent.
- a stated share ("les rebelles ne contrôlent plus que 15 %"): while the side holds more
  than it is said to, its most exposed area (the largest part of its border on the ground
  the opponent has gained: the front that moves) passes to the opponent, until the computed
  share is nearest the stated one; and the other way when it holds less.
- an enclave: a group of a side's areas cut off from the side's largest group and bordered
  only by its opponent (areas nobody reported aside) passes to the opponent (`inferred`).
- an area between two areas the opponent took the same day, which do not touch each other,
  passes to it (`inferred`).

A reported change or a trusted row is never undone by what is only implied: the most
reported frontline wins. Nothing here names a conflict's sides.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..models import CONTESTED, UNKNOWN, AreaBasis, Pocket, StatedShare
from .areas import AreaGraph

FIRM = ("reported", "timeline")      # bases that inference never overrides


@dataclass
class Territory:
    """Who holds each area and why, as the dates go by; `changed` and `taken` are the day's."""
    graph: AreaGraph
    holder: dict
    basis: dict
    contested: list                              # the areas the shares are of
    opponents: dict
    pinned: set = field(default_factory=set)     # areas a trusted row has set: nothing else moves them
    changed: set = field(default_factory=set)
    taken: dict = field(default_factory=dict)    # area -> the side that took it today
    start_main: dict = field(default_factory=dict)  # side -> its largest group of areas at the start

    def start_day(self) -> None:
        self.changed, self.taken = set(), {}

    def move(self, area: str, side: str, basis: AreaBasis) -> None:
        if self.holder.get(area) != side:
            self.holder[area] = side
            self.changed.add(area)
            self.taken[area] = side
        self.basis[area] = basis

    def firm(self, area: str) -> bool:
        return area in self.pinned or self.basis[area].kind in FIRM

    def share(self, side: str) -> float:
        total = self.graph.size(self.contested)
        return self.graph.size(p for p in self.contested if self.holder[p] == side) / total if total else 0.0

    def areas_of(self, side: str) -> set:
        return {p for p, h in self.holder.items() if h == side}


def remember_start(territory: Territory) -> None:
    """Each side's largest group of areas at the start: a group cut off later was part of it."""
    for side in sorted(set(territory.holder.values()) - {CONTESTED, UNKNOWN}):
        groups = territory.graph.components(territory.areas_of(side))
        territory.start_main[side] = groups[0] if groups else set()


def apply_pocket(territory: Territory, pocket: Pocket, gazetteer, whole: float = 0.5) -> None:
    """What the side still holds is the pocket; the rest of its contested areas pass to its
    opponent. Places that hold most of the contested area ("Alep", "Syria") name no part; a
    part where the side holds nothing on the map is left unread."""
    opponent = territory.opponents.get(pocket.side)
    if opponent is None:
        return
    named = _pocket_areas(territory, pocket.places, gazetteer, whole)
    kept = named & territory.areas_of(pocket.side)
    basis = AreaBasis("pocket", pocket.source, pocket.quote)
    if named and not kept:      # a part where the map has none of the side's areas: not drawable
        return
    if not kept:
        _cut_off_groups(territory, pocket.side, opponent, basis, surrounded=False)
        return
    for area in sorted(set(territory.contested) & territory.areas_of(pocket.side) - kept):
        if area not in territory.pinned and area not in territory.taken:
            territory.move(area, opponent, basis)


def _pocket_areas(territory: Territory, places, gazetteer, whole: float) -> set:
    graph, kept = territory.graph, set()
    contested_size = graph.size(territory.contested)
    for pid in places:
        if pid in graph.shapes:
            kept.add(pid)
            continue
        shape = gazetteer.get(pid).geometry if pid in gazetteer else None
        inside = graph.within(shape)
        if graph.size(inside & set(territory.contested)) < whole * contested_size:
            kept |= inside
    return kept


def apply_share(territory: Territory, stated: StatedShare, tolerance: float = 0.0) -> None:
    """Move the most exposed areas across the front until the stated share is nearest:
    from the side when it holds more than it is said to, to it when it holds less; nothing
    when the map is already within `tolerance` of it (the press rounds, "more than 90 %": a
    map the reports agree with is not moved back to a round figure)."""
    side, opponent = stated.side, territory.opponents.get(stated.side)
    if opponent is None or abs(territory.share(side) - stated.share) <= tolerance:
        return
    giver, taker, giver_target = ((side, opponent, stated.share) if territory.share(side) > stated.share
                                  else (opponent, side, None))
    basis = AreaBasis("stated share", stated.source, stated.quote)
    while True:
        gap = abs(territory.share(side) - stated.share)
        area = _most_exposed(territory, giver, taker)
        if area is None:
            return
        before = territory.holder[area]
        territory.holder[area] = taker
        if abs(territory.share(side) - stated.share) >= gap:
            territory.holder[area] = before
            return
        territory.holder[area] = before
        territory.move(area, taker, basis)
        if giver_target is not None and territory.share(giver) <= giver_target:
            return


def _most_exposed(territory: Territory, giver: str, taker: str) -> str | None:
    """The giver's contested area with the largest part of its border on the ground the taker
    has gained (the front that is moving); before any gain, on anything the taker holds."""
    held = territory.areas_of(taker)
    for front in (held & set(territory.contested), held):
        best, best_exposure = None, 0.0
        for area in sorted(territory.contested):
            if territory.holder[area] != giver or territory.firm(area):
                continue
            exposure = territory.graph.border_with(area, front)
            if exposure > best_exposure:
                best, best_exposure = area, exposure
        if best is not None:
            return best
    return None


def infer_from_map(territory: Territory) -> None:
    """Enclaves cut off and surrounded, and areas between two of the opponent's gains of the day."""
    basis = AreaBasis("inferred")
    for side in sorted(set(territory.opponents) & set(territory.holder.values())):
        _cut_off_groups(territory, side, territory.opponents[side], basis, surrounded=True)
    _between_gains(territory, basis)


def _cut_off_groups(territory: Territory, side: str, opponent: str, basis: AreaBasis, surrounded: bool) -> None:
    """The side's groups of areas other than its largest, that were part of its largest group
    at the start, pass to the opponent (`surrounded`: only when every held neighbour is the
    opponent's). A group with a reported or trusted area stays."""
    groups = territory.graph.components(territory.areas_of(side))
    for group in groups[1:]:
        if not group <= territory.start_main.get(side, set()) or any(territory.firm(a) for a in group):
            continue
        if surrounded and not _surrounded_by(territory, group, opponent):
            continue
        for area in sorted(group):
            territory.move(area, opponent, basis)


def _surrounded_by(territory: Territory, group: set, opponent: str) -> bool:
    around = {n for a in group for n in territory.graph.neighbours[a]} - group
    held = {territory.holder[n] for n in around} - {UNKNOWN}
    return held == {opponent}


def _between_gains(territory: Territory, basis: AreaBasis) -> None:
    neighbours, taken = territory.graph.neighbours, dict(territory.taken)
    for area in sorted(territory.holder):
        side = territory.holder[area]
        opponent = territory.opponents.get(side)
        if opponent is None or territory.firm(area) or area in taken:
            continue
        gains = sorted(n for n in neighbours[area] if taken.get(n) == opponent)
        if any(b not in neighbours[a] for i, a in enumerate(gains) for b in gains[i + 1:]):
            territory.move(area, opponent, basis)

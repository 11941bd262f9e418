"""Who holds each area on each date: a baseline, then the control changes in date order.

The baseline is a CSV of `place_id` and a status column (for the sample: who held each
neighbourhood on its start date). Statuses are mapped to factions by config
(`control.statuses`; without it a status is the faction's own name). Each dated control
change that happened moves its area to the side that took it; between dates with events the
state holds. Shares of the initially contested area (the areas that the sides of config's
`control.contested` held at the start) are computed from the polygons' areas in a metric
projection, so the legend can say "government: 87 % of the contested area, computed from
the events". Nothing here names a conflict's sides: they all come from the config.
"""
from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date
from pathlib import Path

from .models import CONTESTED, AreaBasis, ControlSnapshot, Event
from .territory import AreaGraph, inference
from .territory.inference import Territory

BASELINE = AreaBasis("baseline")
SHARE_TOLERANCE = 0.10    # a computed share this far from a stated one is flagged


class BaselineError(Exception):
    """A baseline file that cannot be used; the message is one line naming the file."""


def load_baseline(path: Path, statuses: dict | None = None) -> dict[str, str]:
    """area place_id -> faction at the start. Several rows of one area that disagree make it
    contested. `statuses` maps the file's words to factions; without it each word is a faction."""
    mapping = {k.lower(): v for k, v in (statuses or {}).items()}
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            rows = list(csv.DictReader(f))
    except OSError as e:
        raise BaselineError(f"{path}: cannot read the control baseline ({e.strerror or e})") from None
    if rows and "place_id" not in rows[0]:
        raise BaselineError(f"{path}:1: the control baseline needs a 'place_id' column")
    status_column = next((c for c in (rows[0] if rows else {}) if c.startswith("status")), None)
    if rows and status_column is None:
        raise BaselineError(f"{path}:1: the control baseline needs a 'status…' column")
    seen = defaultdict(set)
    for line, row in enumerate(rows, start=2):
        status = (row.get(status_column) or "").strip().lower()
        if not status or (mapping and status not in mapping):
            raise BaselineError(f"{path}:{line}: unknown status '{status}' (known: {', '.join(sorted(mapping))})")
        seen[row["place_id"].strip()].add(mapping.get(status, status))
    return {pid: (factions.pop() if len(factions) == 1 else CONTESTED) for pid, factions in sorted(seen.items())}


def control_timeline(baseline: dict[str, str], baseline_date: date | None, events: list[Event],
                     gazetteer, opponents: dict | None = None, contested: tuple[str, ...] = (), *,
                     shares=(), pockets=(), trusted=()) -> list[ControlSnapshot]:
    """A snapshot for the baseline date and for every later date that has events, statements
    or trusted rows; each area's holder has its basis.

    A change of a larger area ("le secteur nord-est d'Alep", "Alep") moves the mapped areas
    inside it that its loser held, or that were divided; `opponents` tells the loser when the
    text does not. The shares are of the areas that the `contested` sides held at the start
    (none: no shares). Then, on each date (geomap.territory): the `trusted` rows
    (TimelineRow) first, the reported changes, the `pockets` and the stated `shares` of the
    date, and what the map implies (enclaves, areas between two gains)."""
    areas = {pid: gazetteer.get(pid).geometry for pid in baseline if pid in gazetteer and gazetteer.get(pid).geometry is not None}
    if not areas:
        return []
    graph = AreaGraph(areas)
    territory = Territory(graph, {pid: baseline[pid] for pid in graph.ids}, {pid: BASELINE for pid in graph.ids},
                          [pid for pid in graph.ids if baseline.get(pid) in contested], dict(opponents or {}))
    inference.remember_start(territory)
    later = lambda day: day is not None and (baseline_date is None or day >= baseline_date)  # noqa: E731
    changes = _changes_by_date(_uncontradicted(events, territory, gazetteer, opponents or {}, shares, pockets),
                               areas, baseline_date, gazetteer)
    stated = _by_date(s for s in shares if later(s.date) and _of_contested(s.of_place, territory, gazetteer))
    said = _by_date(p for p in pockets if later(p.date) and p.date != baseline_date)
    rows = _by_date(r for r in trusted if r.place_id in areas)
    days = sorted({e.date for e in events if later(e.date)} | set(stated) | set(said) | set(rows)
                  | ({baseline_date} if baseline_date else set()))
    snapshots = []
    for day in days:
        territory.start_day()
        _apply_trusted(territory, rows.get(day, []))
        _apply_reports(territory, changes.get(day, []), opponents or {})
        if day != baseline_date:
            for pocket in said.get(day, []):
                inference.apply_pocket(territory, pocket, gazetteer)
            inference.infer_from_map(territory)
            for share in stated.get(day, []):   # what the press states corrects what the map infers
                inference.apply_share(territory, share, SHARE_TOLERANCE)
        snapshots.append(_snapshot(territory, day, stated.get(day, [])))
    return snapshots


def _apply_trusted(territory: Territory, rows) -> None:
    for row in rows:
        territory.pinned.add(row.place_id)
        territory.move(row.place_id, row.side, AreaBasis("timeline", row.source))


def _apply_reports(territory: Territory, changes, opponents: dict) -> None:
    for area, faction, loser, inside, basis in changes:
        loser, holder = loser or opponents.get(faction), territory.holder.get(area)
        if area in territory.pinned:
            continue
        if holder == faction:
            if not inside and territory.basis[area].kind != "reported":
                territory.basis[area] = basis      # a report confirms what was only implied
        elif not inside or holder in (loser, CONTESTED):
            territory.move(area, faction, basis)


def _snapshot(territory: Territory, day: date, stated: list) -> ControlSnapshot:
    shares = {side: round(territory.share(side), 4)
              for side in sorted({territory.holder[p] for p in territory.contested})} if territory.contested else {}
    disagreements = tuple((s, shares.get(s.side, 0.0)) for s in stated
                          if abs(shares.get(s.side, 0.0) - s.share) > SHARE_TOLERANCE)
    return ControlSnapshot(day, dict(territory.holder), tuple(sorted(territory.changed)), shares,
                           dict(territory.basis), tuple(stated), disagreements)


def _of_contested(place_id: str | None, territory: Territory, gazetteer) -> bool:
    """A share said of the whole story (no place) or of a place that holds most of the
    contested area ("Alep-Est", "Alep") can be set beside the map's."""
    if not territory.contested:
        return False
    if place_id is None:
        return True
    shape = gazetteer.get(place_id).geometry if place_id in gazetteer else None
    graph = territory.graph
    return graph.size(graph.within(shape) & set(territory.contested)) >= 0.5 * graph.size(territory.contested)


def _uncontradicted(events: list[Event], territory: Territory, gazetteer, opponents: dict, shares, pockets) -> list[Event]:
    """The events less the claims of a whole ("the army took Aleppo") that later statements
    contradict: the taker reported taking ground inside it later, a pocket its loser still
    holds, or a share that says the loser still holds some of it."""
    def contradicted(claim: Event) -> bool:
        loser = claim.from_ or opponents.get(claim.to)
        inside = set(_areas_within(claim.place_id, territory.graph.shapes, gazetteer))
        return (any(e.to == claim.to and e.date > claim.date and e.place_id in inside for e in changes)
                or any(p.side == loser and p.date and p.date > claim.date for p in pockets)
                or any(s.date and s.date > claim.date and ((s.side == loser and s.share > 0.01)
                       or (s.side == claim.to and s.share < 0.99)) for s in shares))
    changes = [e for e in events if e.type == "control_change" and e.to and e.date and e.status == "happened"]
    wholes = {id(e) for e in changes if e.place_id not in territory.graph.shapes
              and _of_contested(e.place_id, territory, gazetteer) and e.place_id is not None}
    return [e for e in events if id(e) not in wholes or not contradicted(e)]


def _by_date(records) -> dict:
    found = defaultdict(list)
    for record in records:
        found[record.date].append(record)
    return found


def _changes_by_date(events: list[Event], areas: dict, baseline_date: date | None, gazetteer) -> dict:
    """date -> [(area, taker, loser, inside, basis)] from control changes that happened on a
    known day: the area itself, or (inside=True) each mapped area within the changed place's shape."""
    changes = defaultdict(list)
    for e in sorted(events, key=lambda e: (e.date or date.max, e.id)):
        if not (e.type == "control_change" and e.to and e.date and e.status == "happened"
                and (baseline_date is None or e.date >= baseline_date)):
            continue
        basis = AreaBasis("reported", "; ".join(dict.fromkeys(s.article for s in e.sources)),
                          e.sources[0].sentence if e.sources else "")
        if e.place_id in areas:
            changes[e.date].append((e.place_id, e.to, e.from_, False, basis))
        else:
            changes[e.date] += [(pid, e.to, e.from_, True, basis) for pid in _areas_within(e.place_id, areas, gazetteer)]
    return changes


def _areas_within(place_id: str | None, areas: dict, gazetteer) -> list[str]:
    shape = gazetteer.get(place_id).geometry if place_id and place_id in gazetteer else None
    if shape is None or shape.geom_type not in ("Polygon", "MultiPolygon"):
        return []
    return sorted(pid for pid, geometry in areas.items() if shape.contains(geometry.representative_point()))


def disagreement_lines(snapshot: ControlSnapshot) -> list[str]:
    """One line per stated share the snapshot's map disagrees with by more than the tolerance."""
    return [f"{snapshot.date.isoformat()}: {stated.side} hold {round(100 * computed)} % of the contested area on the map, "
            f"{round(100 * stated.share)} % in {stated.source}" for stated, computed in snapshot.disagreements]

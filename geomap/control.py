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

import geopandas as gpd

from .models import CONTESTED, ControlSnapshot, Event


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
                     gazetteer, opponents: dict | None = None, contested: tuple[str, ...] = ()) -> list[ControlSnapshot]:
    """A snapshot for the baseline date and for every date that has events. A change of a
    larger area ("le secteur nord-est d'Alep", "Alep") moves the mapped areas inside it that
    its loser held, or that were divided; `opponents` tells the loser when the text does not.
    The shares are of the areas that the `contested` sides held at the start (none: no shares)."""
    areas = {pid: gazetteer.get(pid).geometry for pid in baseline if pid in gazetteer and gazetteer.get(pid).geometry is not None}
    if not areas:
        return []
    sizes = _area_sizes(areas)
    contested_areas = [pid for pid in areas if baseline.get(pid) in contested]
    holder = {pid: baseline[pid] for pid in areas}
    changes = _changes_by_date(events, areas, baseline_date, gazetteer)
    days = sorted({e.date for e in events if e.date and (baseline_date is None or e.date >= baseline_date)}
                  | ({baseline_date} if baseline_date else set()))
    snapshots = []
    for day in days:
        changed = []
        for area, faction, loser, inside in changes.get(day, []):
            loser = loser or (opponents or {}).get(faction)
            if holder.get(area) != faction and (not inside or holder.get(area) in (loser, CONTESTED)):
                holder[area] = faction
                changed.append(area)
        snapshots.append(ControlSnapshot(day, dict(holder), tuple(sorted(set(changed))),
                                         _shares(holder, contested_areas, sizes)))
    return snapshots


def _changes_by_date(events: list[Event], areas: dict, baseline_date: date | None, gazetteer) -> dict:
    """date -> [(area, taker, loser, inside)] from control changes that happened on a known
    day: the area itself, or (inside=True) each mapped area within the changed place's shape."""
    changes = defaultdict(list)
    for e in sorted(events, key=lambda e: (e.date or date.max, e.id)):
        if not (e.type == "control_change" and e.to and e.date and e.status == "happened"
                and (baseline_date is None or e.date >= baseline_date)):
            continue
        if e.place_id in areas:
            changes[e.date].append((e.place_id, e.to, e.from_, False))
        else:
            changes[e.date] += [(pid, e.to, e.from_, True) for pid in _areas_within(e.place_id, areas, gazetteer)]
    return changes


def _areas_within(place_id: str | None, areas: dict, gazetteer) -> list[str]:
    shape = gazetteer.get(place_id).geometry if place_id and place_id in gazetteer else None
    if shape is None or shape.geom_type not in ("Polygon", "MultiPolygon"):
        return []
    return sorted(pid for pid, geometry in areas.items() if shape.contains(geometry.representative_point()))


def _area_sizes(areas: dict) -> dict[str, float]:
    """Square metres of each area, measured in the UTM zone of the areas' centre."""
    series = gpd.GeoSeries(list(areas.values()), index=list(areas.keys()), crs="EPSG:4326")
    utm = series.estimate_utm_crs()
    return {pid: float(a) for pid, a in series.to_crs(utm).area.items()}


def _shares(holder: dict, contested: list[str], sizes: dict) -> dict[str, float]:
    total = sum(sizes[p] for p in contested)
    if not total:
        return {}
    shares = defaultdict(float)
    for pid in contested:
        shares[holder[pid]] += sizes[pid] / total
    return {faction: round(share, 4) for faction, share in sorted(shares.items())}

"""Territory on a date: the control snapshot in force, and each drawn area's holder and text."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Mapping

from geomap.models import ControlSnapshot, Place
from geomap.site.escape import esc
from geomap.site.geometry import geojson_geometry
from geomap.site.settings import SiteSettings
from geomap.site.ui import faction_label, load_ui


def snapshot_as_of(day: date, snapshots: list[ControlSnapshot]) -> ControlSnapshot | None:
    """The latest snapshot on or before the day (control holds until the next snapshot)."""
    earlier = [snap for snap in snapshots if snap.date <= day]
    return max(earlier, key=lambda snap: snap.date) if earlier else None


def snapshot_before(day: date, snapshots: list[ControlSnapshot]) -> ControlSnapshot | None:
    """The latest snapshot strictly before the day."""
    earlier = [snap for snap in snapshots if snap.date < day]
    return max(earlier, key=lambda snap: snap.date) if earlier else None


@dataclass(frozen=True)
class AreaState:
    """One territory area on one date: who holds it and, if it changed that day, from whom."""
    area_id: str
    holder: str
    changed: bool
    tooltip: str                    # escaped HTML


def area_states(day: date, snapshots: list[ControlSnapshot], places: Mapping[str, Place],
                settings: SiteSettings) -> list[AreaState]:
    """Who holds each drawable area as of the day, sorted by area id."""
    ui = load_ui(settings.language)
    current = snapshot_as_of(day, snapshots)
    if current is None:
        return []
    previous = snapshot_before(day, snapshots)
    changed_today = set(current.changed) if current.date == day else set()
    states = []
    for area_id, holder in sorted(current.holder.items()):
        place = places.get(area_id)
        if place is None or geojson_geometry(place.geometry) is None:
            continue
        area = place.label(settings.language)
        if area_id in changed_today:
            before = previous.holder.get(area_id) if previous else None
            text = ui["territory"]["changed"].format(area=area, before=faction_label(before, settings),
                                                     after=faction_label(holder, settings))
        else:
            text = ui["territory"]["holder"].format(area=area, faction=faction_label(holder, settings))
        states.append(AreaState(area_id, holder, area_id in changed_today, esc(text)))
    return states

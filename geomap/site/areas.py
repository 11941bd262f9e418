"""Territory on a date: the control snapshot in force, and each drawn area's holder, why it
has that holder (its basis, with the article and sentence), and its text."""
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
    inferred: bool = False          # its holder is inferred from the map, not reported


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
        basis = current.basis.get(area_id)
        states.append(AreaState(area_id, holder, area_id in changed_today, esc(text) + basis_html(basis, ui),
                                bool(basis) and basis.kind == "inferred"))
    return states


QUOTE_LENGTH = 200


def basis_html(basis, ui: dict) -> str:
    """The lines of a popup that say why an area has its holder (escaped HTML, each after a <br>)."""
    if basis is None:
        return ""
    words = ui["territory"]
    lines = [words["basis_line"].format(basis=words["basis"].get(basis.kind, basis.kind))]
    if basis.source:
        quote = basis.quote if len(basis.quote) <= QUOTE_LENGTH else basis.quote[:QUOTE_LENGTH - 1] + "…"
        lines.append(words["source_line"].format(source=basis.source, quote=quote) if quote else basis.source)
    return "".join("<br>" + esc(line) for line in lines)

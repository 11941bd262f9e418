"""The fallbacks behind the curated gazetteer, run once the articles are read: the names no
place matched, looked up offline in GeoNames' towns (geomap.gazetteer.geonames) near the story."""
from __future__ import annotations

from pathlib import Path

from .cache import code_fingerprint, key_of


def unresolved_names(mentions: dict) -> list[str]:
    """The names the articles give as places that no place matched, once each, sorted."""
    return sorted({m.text for found in mentions.values() for m in found if m.place_id is None})


def geonames_unresolved(gazetteer, mentions: dict, report, focus: str | None = None, cache_folder: Path | None = None):
    """Look the unknown names up offline in GeoNames' towns (behind the curated gazetteer), kept
    within reach of the story (the `focus` place, else the places the articles name); the build
    log (`report.warnings`) says what was found and why the other names were left unlocated.
    With a `cache_folder`, the towns of the names asked are kept there between builds."""
    from .gazetteer.geonames import GeoNamesLookup, story_region
    names = unresolved_names(mentions)
    if not names:
        return gazetteer
    lookup = GeoNamesLookup(index_file=cache_folder / f"geonames-{key_of(code_fingerprint())[:16]}.json"
                            if cache_folder else None)
    lookup.prepare(names)
    focus_point = gazetteer.point(focus) if focus and focus in gazetteer else None
    region = story_region(_story_points(gazetteer, mentions), focus_point)
    found, refused = [], []
    for name in names:
        place, why = lookup.locate(name, region)
        if place:
            found.append(place)
        else:
            refused.append(why)
    if found:
        report.warnings.append("GeoNames (offline) located names the gazetteer lacks: "
                               + ", ".join(f"{p.names[0]} ({p.source})" for p in found))
    if refused:
        report.warnings.append("GeoNames (offline) left unlocated: " + "; ".join(refused))
    return gazetteer.with_places(found) if found else gazetteer


def _story_points(gazetteer, mentions: dict) -> list[tuple[float, float]]:
    """The points of the located places the articles name, one per mention (countries left
    out: their points are far from most of what happens in them; and datelines: a reporter
    files from a capital far from the story)."""
    points = []
    for found in mentions.values():
        for mention in found:
            if mention.place_id and mention.role == "location" and gazetteer.get(mention.place_id).type != "country":
                point = gazetteer.point(mention.place_id)
                if point:
                    points.append(point)
    return points

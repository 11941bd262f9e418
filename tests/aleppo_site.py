"""The site settings the render tests were written for (Aleppo, December 2016), and a
`write_site` that writes `geomap.site.render_pages` into a folder, as the tests read pages
from disk. These values belong to the tests; the library has no defaults for a conflict.
"""
from __future__ import annotations

from pathlib import Path

from geomap import site

ALEPPO = (36.2021, 37.1343)   # citadel, (lat, lon)

FACTIONS: dict[str, dict] = {
    "government": {"colour": "#d7301f",
                   "label": {"fr": "Gouvernement et alliés", "en": "Government and allies"}},
    "rebels": {"colour": "#1a9850", "label": {"fr": "Rebelles", "en": "Rebels"}},
    "isis": {"colour": "#252525", "label": {"fr": "État islamique", "en": "Islamic State"}},
    "kurds": {"colour": "#fdb827", "label": {"fr": "Forces kurdes", "en": "Kurdish forces"}},
    "contested": {"colour": "#969696", "label": {"fr": "Disputé", "en": "Contested"}},
    "unknown": {"colour": "#d9d9d9", "label": {"fr": "Inconnu", "en": "Unknown"}},
}


def SiteSettings(**settings) -> site.SiteSettings:  # noqa: N802 (stands for the class in the tests)
    """`geomap.site.SiteSettings` with the tests' title, factions and focus unless given."""
    defaults = {"title": "Aleppo, December 2016", "factions": dict(FACTIONS), "focus": ALEPPO,
                "focus_name": "Alep"}
    return site.SiteSettings(**{**defaults, **settings})


def write_site(out_dir: Path, events, snapshots, places, settings: site.SiteSettings,
               warn=None) -> list[Path]:
    """Write the pages under out_dir; the paths written, sorted."""
    out_dir = Path(out_dir)
    (out_dir / "maps").mkdir(parents=True, exist_ok=True)
    pages = site.render_pages(events, snapshots, places, settings, warn)
    written = []
    for relative in sorted(pages):
        path = out_dir / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = pages[relative]
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        written.append(path)
    return written

"""The settings of a site: what the pages say and look like, all given by the caller.

The conflict (title, factions, focus) comes from the config (`pipeline` builds these settings
from it); nothing here defaults to a particular place or war.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SiteSettings:
    """How the site looks: title, language, faction styles, attribution, framing."""
    title: str                           # site title, on every page
    factions: dict[str, dict]            # name -> {colour, label: {language: text}}, in config order
    focus: tuple[float, float] | None    # (lat, lon) the maps are framed around; None: every event is local
    focus_name: str                      # its name in the UI language, for "1 200 km from …"
    language: str = "fr"                 # UI language of pages: a folder of geomap/lang
    attribution: str = ""                # gazetteer data attribution line
    assets: str = "files"                # how pages get Leaflet: "files" (assets/), "inline", "cdn" (geomap/site/assets)
    base_url: str = ""                   # prefix of the iframe src in embed snippets
    local_radius_km: float = 50.0        # events further than this are listed off-map
    png: bool = False                    # take a still picture of each dated map (geomap/site/snapshots)

"""maps/areas.js: every territory polygon once, shared by the dated maps.

Each dated map draws the same neighbourhood polygons (their holders change, their shapes do
not); inlined, they were nine tenths of every page. The dated maps are built as folium draws
them, then each polygon's GeoJSON in the page's script is replaced by a reference to it in
`GM_AREAS`, which `areas.js` (loaded by a plain `<script src>`, so pages still work opened
from disk, offline) defines. A polygon the page draws that is not an area of `places` stays
inlined. Self-contained sites (`self_contained`) keep every page one file: nothing shared.
"""
from __future__ import annotations

import re
from typing import Mapping

from jinja2 import Template

from geomap.models import Place
from geomap.site.escape import script_json
from geomap.site.geometry import geojson_geometry

SHARED_AREAS_FILE = "maps/areas.js"
SCRIPT_TAG = '<script src="areas.js"></script>'
# a polygon as folium's `tojson` writes it into a page (coordinates hold no braces)
INLINED_POLYGON = re.compile(r'"geometry": (\{"coordinates": [^{}]*?, "type": "(?:Multi)?Polygon"\})')
_TOJSON = Template("{{ value|tojson }}")


class SharedAreas:
    """The areas of `places` by their polygon as a page inlines it; the ones pages referred to."""

    def __init__(self, places: Mapping[str, Place]):
        self._by_text: dict[str, str] = {}
        self._geometry: dict[str, dict] = {}
        for place_id in sorted(places):
            geometry = geojson_geometry(places[place_id].geometry)
            if geometry and geometry["type"] in ("Polygon", "MultiPolygon"):
                self._by_text.setdefault(_TOJSON.render(value=geometry), place_id)
                self._geometry[place_id] = geometry
        self.used: set[str] = set()

    def share(self, page_html: str) -> str:
        """The page with its areas' polygons referred to in `GM_AREAS`, and areas.js loaded."""
        found = False

        def refer(match: re.Match) -> str:
            nonlocal found
            area = self._by_text.get(match[1])
            if area is None:
                return match[0]
            found = True
            self.used.add(area)
            return f'"geometry": GM_AREAS[{script_json(area)}]'

        shared = INLINED_POLYGON.sub(refer, page_html)
        return shared.replace("\n</head>\n", f"\n{SCRIPT_TAG}\n</head>\n", 1) if found else page_html

    def script(self) -> str:
        """areas.js: the polygons the pages referred to, by area id."""
        return ("window.GM_AREAS = " + script_json({a: self._geometry[a] for a in sorted(self.used)}) + ";\n")


def share_areas(pages: dict[str, str], places: Mapping[str, Place]) -> dict[str, str]:
    """The dated maps (maps/*.html) with their areas shared, and areas.js when any is."""
    areas = SharedAreas(places)
    shared = {path: areas.share(page) if path.startswith("maps/") else page for path, page in pages.items()}
    if areas.used:
        shared[SHARED_AREAS_FILE] = areas.script()
    return shared

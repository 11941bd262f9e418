"""What tells things apart on a map besides words: event symbols and territory fills.

Each event type has its own shape (never colour alone) in an Okabe-Ito colour; planned
events are hollow and dashed. Each faction's areas are filled with its colour AND a motif:
the config's sides get, in their order, diagonal lines, dots, crosses, horizontal lines
(plain past the fourth); the holders every map has, "contested" and "unknown", get a hatch
and no motif. A faction the settings do not name looks "unknown".
"""
from __future__ import annotations

import math
import re
from typing import Iterable

from geomap.config_values import css_colour
from geomap.models import Event
from geomap.site.escape import esc
from geomap.site.settings import SiteSettings

# Event symbols: a distinct shape per type (never colour alone), Okabe-Ito colours.
SYMBOL_PATHS = {
    "control_change": "M5 2h2v1h12l-4 5 4 5H7v9H5z",                           # flag
    "evacuation": "M4 4h16v16H4z",                                             # square
    "strike": "",                                                              # burst, computed
    "clash": "M4 7l3-3 5 5 5-5 3 3-5 5 5 5-3 3-5-5-5 5-3-3 5-5z",              # cross
    "ceasefire": "M12 2a10 10 0 1 0 0.01 0z",                                  # circle
    "diplomacy": "M12 1l11 11-11 11L1 12z",                                    # diamond
    "displacement": "M12 2l10 19H2z",                                          # triangle
    "other": "M9 2h6v7h7v6h-7v7H9v-7H2V9h7z",                                  # plus
}
SYMBOL_COLOURS = {"control_change": "#000000", "evacuation": "#0072b2", "strike": "#d55e00",
                  "clash": "#cc79a7", "ceasefire": "#56b4e9", "diplomacy": "#009e73",
                  "displacement": "#e69f00", "other": "#7f7f7f"}
ROUTE_COLOURS = {"evacuation": "#0072b2", "displacement": "#e69f00"}
PATTERN_SIZE = 8
SIDE_MOTIFS = ("diagonal", "dots", "cross", "horizontal")
HOLDER_MOTIFS = {"contested": "hatch", "unknown": "plain"}
UNKNOWN_COLOUR = "#d9d9d9"       # when the settings have no "unknown" faction


def _burst_path() -> str:
    """An eight-pointed burst, the strike symbol."""
    corners = []
    for index in range(16):
        radius = 11 if index % 2 == 0 else 5
        angle = math.pi * index / 8
        corners.append(f"{12 + radius * math.sin(angle):.1f} {12 - radius * math.cos(angle):.1f}")
    return "M" + "L".join(corners) + "z"


SYMBOL_PATHS["strike"] = _burst_path()


def symbol_key(event: Event) -> str:
    """Which symbol draws an event: its type, plus '-planned' for announced events."""
    base = event.type if event.type in SYMBOL_PATHS else "other"
    return base + ("-planned" if event.status == "planned" else "")


def symbol_svg(key: str, size: int = 24, label: str = "") -> str:
    """Inline SVG of an event symbol; planned ones are hollow and dashed."""
    base, _, planned = key.partition("-")
    colour = SYMBOL_COLOURS[base]
    if planned:
        paint = f'fill="#ffffff" stroke="{colour}" stroke-width="2.2" stroke-dasharray="3 2"'
    else:
        paint = f'fill="{colour}" stroke="#ffffff" stroke-width="1.5"'
    role = f'role="img" aria-label="{esc(label)}"' if label else 'aria-hidden="true"'
    return (f'<svg class="gm-symbol" width="{size}" height="{size}" viewBox="-1 -1 26 26" '
            f'{role}><path d="{SYMBOL_PATHS[base]}" {paint}/></svg>')


def arrow_svg(colour: str, angle: float) -> str:
    """A small triangle pointing along a route leg (drawn by us, no plugin)."""
    return (f'<svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" '
            f'style="transform:rotate({angle}deg)"><path d="M8 1L14 14L8 11L2 14z" '
            f'fill="{colour}" stroke="#ffffff" stroke-width="1"/></svg>')


def faction_pattern_id(faction: str) -> str:
    """The SVG <pattern> id that fills areas held by a faction."""
    return "gm-pattern-" + re.sub(r"[^a-z0-9_-]", "_", faction.lower())


def _motif_colour(hex_colour: str) -> str:
    """White motif on dark fills, black on light ones (kurds' amber, unknown's grey)."""
    red, green, blue = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#ffffff"


def pattern_svg(pattern_id: str, colour: str, motif: str) -> str:
    """One <pattern>: the faction colour with a motif, so areas differ by more than hue."""
    ink = _motif_colour(colour) if colour.startswith("#") and len(colour) == 7 else "#000000"
    strokes = {
        "diagonal": f'<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="{ink}" stroke-width="1.4" stroke-opacity=".65"/>',
        "dots": f'<circle cx="4" cy="4" r="1.6" fill="{ink}" fill-opacity=".75"/>',
        "cross": f'<path d="M0 0l8 8M8 0l-8 8" stroke="{ink}" stroke-width="1.2" stroke-opacity=".6"/>',
        "horizontal": f'<path d="M0 4h8" stroke="{ink}" stroke-width="1.4" stroke-opacity=".5"/>',
        "hatch": f'<path d="M-2 2l4-4M0 8l8-8M6 10l4-4" stroke="{ink}" stroke-width="2.2" stroke-opacity=".8"/>',
        "changed": '<path d="M-2 6l4 4M0 0l8 8M6 -2l4 4" stroke="#000000" stroke-width="1.6" stroke-opacity=".75"/>',
        "inferred": '<path d="M4 0v8M0 4h8" stroke="#ffffff" stroke-width="1.2" stroke-opacity=".9"'
                    ' stroke-dasharray="2 2"/>',
        "plain": "",
    }
    background = "" if colour == "none" else f'<rect width="8" height="8" fill="{colour}"/>'
    return (f'<pattern id="{pattern_id}" patternUnits="userSpaceOnUse" width="{PATTERN_SIZE}" '
            f'height="{PATTERN_SIZE}">{background}{strokes.get(motif, "")}</pattern>')


def pattern_defs(settings: SiteSettings, factions: Iterable[str]) -> str:
    """Hidden inline SVG holding every fill pattern the page uses (Leaflet paths refer to them)."""
    patterns = [pattern_svg("gm-pattern-changed", "none", "changed"),
                pattern_svg("gm-pattern-inferred", "none", "inferred")]
    for faction in sorted(set(factions)):
        style = faction_style(faction, settings)
        patterns.append(pattern_svg(faction_pattern_id(faction), style["colour"], style["pattern"]))
    return ('<svg class="gm-defs" width="0" height="0" aria-hidden="true" focusable="false">'
            "<defs>" + "".join(patterns) + "</defs></svg>")


def faction_motif(faction: str, factions: Iterable[str]) -> str:
    """The fill motif of a configured faction: by its place among the sides."""
    if faction in HOLDER_MOTIFS:
        return HOLDER_MOTIFS[faction]
    sides = [name for name in factions if name not in HOLDER_MOTIFS]
    position = sides.index(faction)
    return SIDE_MOTIFS[position] if position < len(SIDE_MOTIFS) else "plain"


def faction_style(faction: str, settings: SiteSettings) -> dict:
    """Colour and pattern of a faction; unconfigured factions look 'unknown'."""
    fallback = settings.factions.get("unknown") or {"colour": UNKNOWN_COLOUR}
    style = settings.factions.get(faction) or fallback
    motif = (faction_motif(faction, settings.factions) if faction in settings.factions
             else HOLDER_MOTIFS["unknown"])
    colour = css_colour(style.get("colour", fallback["colour"])) or UNKNOWN_COLOUR   # never markup
    return {"colour": colour, "pattern": motif}


def area_style(faction: str, settings: SiteSettings) -> dict:
    """Leaflet path style of an area held by a faction (pattern fill, faction outline)."""
    colour = faction_style(faction, settings)["colour"]
    return {"color": colour, "weight": 1.5, "opacity": 0.9,
            "fillColor": f"url(#{faction_pattern_id(faction)})", "fillOpacity": 0.6}


# an area whose holder is only inferred from the map: a dotted outline and a light grid over its fill
INFERRED_STYLE = {"color": "#444444", "weight": 1.5, "opacity": 1, "dashArray": "2 3",
                  "fillColor": "url(#gm-pattern-inferred)", "fillOpacity": 1}

CHANGED_STYLE = {"color": "#000000", "weight": 3, "opacity": 1, "dashArray": "6 4",
                 "fillColor": "url(#gm-pattern-changed)", "fillOpacity": 1}

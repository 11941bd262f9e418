"""Territory over time, beyond the reported changes (geomap.control runs them, in order).

    areas      the mapped areas as a graph: sizes in square metres, neighbours, shapes
    trusted    the newsroom's trusted timeline (config `control.timeline`), a CSV
    inference  what the articles' statements and the map imply: pockets, stated shares,
               enclaves cut off and surrounded, areas between two of the opponent's gains
"""
from .areas import AreaGraph
from .trusted import TimelineError, TimelineRow, load_timeline

__all__ = ["AreaGraph", "TimelineError", "TimelineRow", "load_timeline"]

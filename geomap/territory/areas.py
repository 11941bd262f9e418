"""The mapped areas as a graph: each one's size, its neighbours, and what lies within a shape.

Two areas are neighbours when their polygons, measured in the UTM zone of the areas' centre,
come within `TOUCH_METRES` of each other (digitised boundaries leave slivers between
neighbours); the weight of a contact is the area where the widened polygons overlap, which
grows with the length of the border they share.
"""
from __future__ import annotations

from collections import defaultdict

import numpy as np
import shapely
from pyproj import CRS, Transformer
from pyproj.aoi import AreaOfInterest
from pyproj.database import query_utm_crs_info
from shapely.strtree import STRtree

TOUCH_METRES = 15.0
QUAD_SEGMENTS = 16   # segments per quarter circle of a widened corner (geopandas' default, not shapely's 8)


class AreaGraph:
    """The areas of a map by place id (shapely geometries in degrees).

    Parameters
    ----------
    geometries : dict of str to shapely geometry
        Each area's polygon, in longitude and latitude.
    """

    def __init__(self, geometries: dict):
        self.ids = sorted(geometries)
        self.shapes = {pid: geometries[pid] for pid in self.ids}
        metric = to_utm([self.shapes[p] for p in self.ids])
        self.sizes = {pid: float(a) for pid, a in zip(self.ids, shapely.area(metric))}
        self.contacts = _contacts(self.ids, list(shapely.buffer(metric, TOUCH_METRES, quad_segs=QUAD_SEGMENTS)))
        self.neighbours = {pid: frozenset(self.contacts[pid]) for pid in self.ids}

    def size(self, areas) -> float:
        """Square metres of the areas together."""
        return sum(self.sizes[p] for p in areas)

    def within(self, shape) -> set[str]:
        """The areas whose inner point lies in the shape (a polygon of the gazetteer)."""
        if shape is None or shape.geom_type not in ("Polygon", "MultiPolygon"):
            return set()
        return {pid for pid in self.ids if shape.contains(self.shapes[pid].representative_point())}

    def components(self, areas) -> list[set[str]]:
        """The connected groups of the given areas, largest (in square metres) first."""
        left, groups = set(areas), []
        while left:
            start = min(left)
            group, todo = {start}, [start]
            while todo:
                for other in self.neighbours[todo.pop()] & left:
                    if other not in group:
                        group.add(other)
                        todo.append(other)
            left -= group
            groups.append(group)
        return sorted(groups, key=lambda g: (-self.size(g), min(g)))

    def border_with(self, area: str, others) -> float:
        """The share (0..1) of the area's border that touches the given areas."""
        total = sum(self.contacts[area].values())
        return sum(w for p, w in self.contacts[area].items() if p in others) / total if total else 0.0


def to_utm(shapes: list) -> np.ndarray:
    """The shapes (longitude, latitude) in metres, in the UTM zone (WGS 84) of the centre of
    their bounds: what geopandas' `estimate_utm_crs` and `to_crs` give, without importing it."""
    data = np.array(shapes, dtype=object)
    if not len(data):
        return data
    bounds = shapely.bounds(data)
    x_center = np.mean([np.nanmin(bounds[:, 0]), np.nanmax(bounds[:, 2])])
    y_center = np.mean([np.nanmin(bounds[:, 1]), np.nanmax(bounds[:, 3])])
    zones = query_utm_crs_info(datum_name="WGS 84", area_of_interest=AreaOfInterest(
        west_lon_degree=x_center, south_lat_degree=y_center, east_lon_degree=x_center, north_lat_degree=y_center))
    transformer = Transformer.from_crs(CRS.from_epsg(4326), CRS.from_epsg(zones[0].code), always_xy=True)
    return shapely.transform(data, lambda xy: np.column_stack(transformer.transform(xy[:, 0], xy[:, 1])))


def _contacts(ids: list[str], widened: list) -> dict[str, dict[str, float]]:
    tree = STRtree(widened)
    contacts: dict[str, dict[str, float]] = defaultdict(dict)
    for i, shape in enumerate(widened):
        for j in tree.query(shape, predicate="intersects"):
            if j != i:
                contacts[ids[i]][ids[int(j)]] = float(shape.intersection(widened[int(j)]).area)
    return {pid: dict(sorted(contacts[pid].items())) for pid in ids}

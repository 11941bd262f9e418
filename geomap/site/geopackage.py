"""Layers of features written as one OGC GeoPackage (1.3) file, with the stdlib's sqlite3.

A GeoPackage is an SQLite database with three tables of its own (gpkg_spatial_ref_sys,
gpkg_contents, gpkg_geometry_columns) and a feature table per layer, whose geometry column
holds a small GeoPackage header (magic 'GP', flags, SRS id, envelope) before the WKB. QGIS,
GDAL/OGR and ArcGIS open it natively, one layer per table.

Byte-identical output for the same layers: no WAL, a fixed page size, rows in the order
given, and `last_change` (which GDAL would set to the time of writing) is the caller's
value (the latest date of the data). The bytes still depend on the SQLite library's version,
which the file's header records.
"""
from __future__ import annotations

import sqlite3
import struct
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import shapely

APPLICATION_ID = 0x47504B47          # 'GPKG'
USER_VERSION = 10300                 # GeoPackage 1.3.0
PAGE_SIZE = 4096
WGS84 = 4326
WGS84_WKT = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
             'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
             'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
             'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]')
# the rows every GeoPackage must hold (spec 1.3, requirement 11)
SPATIAL_REF_SYS = [
    ("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
    ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
    ("WGS 84 geodetic", WGS84, "EPSG", WGS84, WGS84_WKT, "longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid"),
]
CORE_TABLES = """
CREATE TABLE gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL,
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT uk_gc_table_name UNIQUE (table_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
"""
COLUMN_TYPES = ("TEXT", "INTEGER", "REAL", "DATE", "BOOLEAN")


@dataclass
class Layer:
    """One feature table: its name, geometry type (POINT, LINESTRING, MULTIPOLYGON...), its
    columns as (name, SQL type of COLUMN_TYPES), and its rows as (shapely geometry, values)."""
    name: str
    geometry_type: str
    columns: list[tuple[str, str]]
    description: str = ""
    rows: list[tuple] = field(default_factory=list)


def gpkg_bytes(layers: list[Layer], last_change: str) -> bytes:
    """The GeoPackage holding `layers` (in WGS 84 longitude/latitude), as bytes.

    Parameters
    ----------
    layers : list of Layer
        The feature tables, each with rows in the order they are to be stored.
    last_change : str
        gpkg_contents.last_change of every layer, 'YYYY-MM-DDTHH:MM:SS.SSSZ'.

    Returns
    -------
    bytes
        The SQLite file.
    """
    with tempfile.TemporaryDirectory(prefix="geomap-gpkg-") as folder:
        path = Path(folder) / "layers.gpkg"
        connection = sqlite3.connect(path, isolation_level=None)
        try:
            _write(connection, layers, last_change)
        finally:
            connection.close()
        return path.read_bytes()


def _write(connection: sqlite3.Connection, layers: list[Layer], last_change: str) -> None:
    connection.execute(f"PRAGMA page_size = {PAGE_SIZE}")
    connection.execute("PRAGMA journal_mode = DELETE")
    connection.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    connection.execute(f"PRAGMA user_version = {USER_VERSION}")
    connection.execute("BEGIN")
    for statement in filter(str.strip, CORE_TABLES.split(";")):
        connection.execute(statement)
    connection.executemany("INSERT INTO gpkg_spatial_ref_sys VALUES (?, ?, ?, ?, ?, ?)", SPATIAL_REF_SYS)
    for layer in layers:
        _write_layer(connection, layer, last_change)
    connection.execute("COMMIT")


def _write_layer(connection: sqlite3.Connection, layer: Layer, last_change: str) -> None:
    for _, kind in layer.columns:
        if kind not in COLUMN_TYPES:
            raise ValueError(f"{layer.name}: column type {kind!r} is not one of {COLUMN_TYPES}")
    columns = ", ".join(f"{_quoted(name)} {kind}" for name, kind in layer.columns)
    connection.execute(f"CREATE TABLE {_quoted(layer.name)} (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, "
                       f"geom {layer.geometry_type}{', ' + columns if columns else ''})")
    bounds = _bounds([geometry for geometry, *_ in layer.rows])
    connection.execute("INSERT INTO gpkg_contents VALUES (?, 'features', ?, ?, ?, ?, ?, ?, ?, ?)",
                       (layer.name, layer.name, layer.description, last_change, *bounds, WGS84))
    connection.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, ?, 0, 0)",
                       (layer.name, layer.geometry_type, WGS84))
    names = ", ".join(["geom"] + [_quoted(name) for name, _ in layer.columns])
    marks = ", ".join("?" * (len(layer.columns) + 1))
    connection.executemany(f"INSERT INTO {_quoted(layer.name)} ({names}) VALUES ({marks})",
                           [(geometry_blob(geometry), *values) for geometry, *values in layer.rows])


def geometry_blob(geometry) -> bytes:
    """A shapely geometry as GeoPackage binary: the 'GP' header (little-endian, WGS 84, an
    xy envelope for all but points) followed by its 2D WKB."""
    empty = geometry.is_empty
    envelope = b"" if empty or geometry.geom_type == "Point" else struct.pack("<4d", *_envelope(geometry))
    flags = 0x01 | (0x02 if envelope else 0) | (0x10 if empty else 0)
    wkb = shapely.to_wkb(geometry, byte_order=1, output_dimension=2)
    return b"GP" + bytes([0, flags]) + struct.pack("<i", WGS84) + envelope + wkb


def _envelope(geometry) -> tuple[float, float, float, float]:
    """minx, maxx, miny, maxy: the order of a GeoPackage header's envelope."""
    minx, miny, maxx, maxy = geometry.bounds
    return minx, maxx, miny, maxy


def _bounds(geometries: list) -> tuple:
    """min_x, min_y, max_x, max_y of the non-empty geometries, or four NULLs."""
    boxes = [g.bounds for g in geometries if not g.is_empty]
    if not boxes:
        return (None, None, None, None)
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _quoted(identifier: str) -> str:
    """An SQL identifier in double quotes ('from', 'to' and 'date' are column names here)."""
    return '"' + identifier.replace('"', '""') + '"'

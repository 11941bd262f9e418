"""Reading the gazetteer's files: place rows (CSV or YAML), shapes (GeoJSON), curated parts, and
the place rules of every language. A file that cannot be read raises GazetteerError in one line
naming the file and the row or line; smaller problems are returned for `check()`.
"""
from __future__ import annotations

import csv
import json
import re
from pathlib import Path
from typing import Iterable

import yaml
from shapely.geometry import shape
from shapely.ops import unary_union

from geomap import lang, safe_yaml
from geomap.models import PLACE_TYPES, Place

from .rules import FALLBACK_LANGUAGE, LanguageRules, compile_rules

ATTRIBUTION = (
    "Places: CSR Conflict Urbanism: Aleppo (MIT, Columbia Center for Spatial Research); "
    "UNITAR-UNOSAT (UNOSAT terms); Natural Earth (public domain); geoBoundaries & OCHA (CC BY 3.0 IGO); "
    "OpenSyria (CC BY 4.0); Wikipedia (CC BY-SA); GeoNames (CC BY 4.0)"
)
GAZETTEER_MAX_VALUES = 5_000_000    # what one YAML place file may expand to (geomap.safe_yaml)
DEFAULT_GAZETTEER = Path(__file__).resolve().parents[2] / "gazetteer"


class GazetteerError(Exception):
    """A gazetteer file cannot be read; the message names the file and the row or line."""


def read_rows(path: Path) -> list[tuple[str, dict]]:
    """Rows of a place file (CSV or YAML) with where each came from ("file:line")."""
    if path.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml_rows(path)
    try:
        with path.open(newline="", encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            rows = []
            for row in reader:
                rows.append((f"{path}:{reader.line_num}", {k: (v or "").strip() for k, v in row.items()
                                                           if k is not None}))
            return rows
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise GazetteerError(f"{path}: cannot read: {error}") from error


def _read_yaml_rows(path: Path) -> list[tuple[str, dict]]:
    try:
        data = safe_yaml.load(path.read_text(encoding="utf-8"), max_values=GAZETTEER_MAX_VALUES)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError, TypeError) as error:
        raise GazetteerError(f"{path}: cannot read: {' '.join(str(error).split())}") from error
    entries = data.get("places") if isinstance(data, dict) else data
    if not isinstance(entries, list):
        raise GazetteerError(f"{path}: expected a list of places (or a 'places:' list)")
    rows = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, dict):
            raise GazetteerError(f"{path}: entry {number}: expected a mapping of place fields")
        row = {str(k): _field_text(v, f"{path}: entry {number}: {k}") for k, v in entry.items()}
        rows.append((f"{path}: entry {number}", row))
    return rows


def _field_text(value, where: str) -> str:
    """A YAML place field as the CSV text it stands for: a value, or a list of values ('|' between)."""
    values = value if isinstance(value, list) else [value]
    if any(isinstance(v, (list, dict)) for v in values):
        raise GazetteerError(f"{where}: must be a value or a list of values, not {value!r:.60}")
    return "|".join("" if v is None else str(v) for v in values)


def _coordinate(row: dict, field: str, where: str) -> float | None:
    value = row.get(field, "")
    if value == "":
        return None
    try:
        number = float(value)
    except ValueError:
        raise GazetteerError(f"{where}: {field} is not a number: {value!r}") from None
    limit = 90 if field == "lat" else 180
    if not -limit <= number <= limit:
        raise GazetteerError(f"{where}: {field} {value} is out of range (-{limit} to {limit})")
    return number


def _place_from_row(row: dict, where: str, geometry) -> Place:
    if not row.get("id"):
        raise GazetteerError(f"{where}: missing id")
    names = tuple(name.strip() for name in row.get("names", "").split("|") if name.strip())
    if not names:
        raise GazetteerError(f"{where}: place {row['id']!r} has no names")
    if row.get("type") not in PLACE_TYPES:
        raise GazetteerError(f"{where}: place {row['id']!r} has unknown type {row.get('type')!r}")
    labels = {column[len("label_"):]: value for column, value in row.items()
              if column.startswith("label_") and value}
    return Place(id=row["id"], type=row["type"], names=names, labels=labels,
                 parent=row.get("parent") or None, lat=_coordinate(row, "lat", where),
                 lon=_coordinate(row, "lon", where), geometry=geometry,
                 source=row.get("source", ""), licence=row.get("licence", ""),
                 notes=" ".join(filter(None, (row.get("coord_method", ""), row.get("notes", "")))))


def _read_shapes(folder: Path) -> tuple[dict, list[str]]:
    """Geometries by place_id (several features of one place are merged), and problems."""
    pieces: dict[str, list] = {}
    problems = []
    for path in sorted(folder.glob("*.geojson")):
        try:
            collection = json.loads(path.read_text(encoding="utf-8"))
            for number, feature in enumerate(collection["features"], 1):
                place_id = (feature.get("properties") or {}).get("place_id")
                if place_id:
                    geometry = shape(feature["geometry"])
                    if not geometry.is_valid:
                        problems.append(f"{path.name}: feature {number} ({place_id}): invalid shape")
                    pieces.setdefault(place_id, []).append(geometry)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            raise GazetteerError(f"{path}: cannot read shapes: {error}") from error
    return {place_id: parts[0] if len(parts) == 1 else unary_union(parts)
            for place_id, parts in pieces.items()}, problems


def read_parts(path: Path) -> dict[tuple[str, str], str]:
    """Curated directional parts: (whole id, direction) -> part id."""
    if not path.exists():
        return {}
    return {(row["whole"], row["direction"]): row["part"] for _, row in read_rows(path)}


def _language_rules(code: str) -> LanguageRules:
    """The compiled place rules of one language, read through geomap.lang (its schema check):
    its places.yaml, and the script its language.yaml names (the default when it names none)."""
    places = lang.load(code, "places")
    try:
        writing = lang.script_of(code)
    except KeyError as error:
        raise lang.LanguageError(f"{lang.LANG_DIR / code / 'language.yaml'}: unknown script {error}") from None
    try:
        return compile_rules(places, writing)
    except (re.error, KeyError, TypeError) as error:
        raise lang.LanguageError(f"{lang.LANG_DIR / code / 'places.yaml'}: bad language rules: "
                                 f"{' '.join(str(error).split())}") from None


def read_languages() -> tuple[dict[str, LanguageRules], list[str]]:
    """The compiled place rules of every language folder of geomap/lang, and one line for each
    folder that cannot be used (it is left out: the other languages keep working)."""
    languages, problems = {}, []
    for code in lang.available():
        try:
            languages[code] = _language_rules(code)
        except lang.LanguageError as error:
            problems.append(f"language '{code}' left out of the gazetteer: {error}")
    if FALLBACK_LANGUAGE not in languages:
        raise GazetteerError(next((problem for problem in problems if f"'{FALLBACK_LANGUAGE}'" in problem),
                                  f"{lang.LANG_DIR / FALLBACK_LANGUAGE / 'places.yaml'}: missing"))
    return languages, problems


def _merge_rows(base_files: list[Path], extra_files: Iterable[Path]) -> tuple[dict, list[str]]:
    """Place rows by id: base files must not repeat an id, extra files override field by field."""
    rows: dict[str, tuple[str, dict]] = {}
    problems = []
    for path in base_files:
        for where, row in read_rows(path):
            if row.get("id") in rows:
                problems.append(f"{where}: duplicate id {row['id']!r} (first at {rows[row['id']][0]})")
                continue
            rows[row.get("id", "")] = (where, row)
    for path in extra_files:
        seen = set()
        for where, row in read_rows(Path(path)):
            if row.get("id") in seen:
                problems.append(f"{where}: duplicate id {row['id']!r} in the same file")
            seen.add(row.get("id"))
            merged = dict(rows[row["id"]][1]) if row.get("id") in rows else {}
            merged.update({field: value for field, value in row.items() if value != ""})
            rows[row.get("id", "")] = (where, merged)
    return rows, problems


def read_places(folder: Path, extra_files: Iterable[Path] = ()) -> tuple[list[Place], list[str]]:
    """The places of a gazetteer folder and of `extra_files`, and the problems found reading them."""
    folder = Path(folder)
    base_files = [path for path in (folder / "places.csv", folder / "extra_places.csv")
                  if path.exists()]
    if not base_files:
        raise GazetteerError(f"{folder / 'places.csv'}: missing")
    rows, problems = _merge_rows(base_files, extra_files)
    geometries, shape_problems = _read_shapes(folder / "shapes")
    places = [_place_from_row(row, where, geometries.get(place_id))
              for place_id, (where, row) in rows.items()]
    problems += shape_problems + [f"shapes: place_id {place_id!r} is not in the gazetteer"
                                  for place_id in geometries if place_id not in rows]
    return places, problems

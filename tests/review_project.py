"""A project of our own for the review tests: the sample's config (its sides and baseline, the
bundled gazetteer) in a folder of handmade articles, and readers of what the commands leave."""
from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from pathlib import Path

from ruamel.yaml import YAML
from site_files import published_files

REPO = Path(__file__).resolve().parents[1]

MONDAY = """---
title: Le régime reprend Cheikh Saïd
outlet: Journal de test
published: 2016-12-12
---
Les forces du régime ont repris lundi le quartier de Cheikh Saïd, dans le sud d'Alep, selon l'Observatoire.

Des frappes aériennes ont touché lundi le quartier de Boustane al-Qasr, selon des secouristes.

Le quartier d'Al-Salihin a été bombardé lundi par l'aviation, selon l'Observatoire.
"""

THURSDAY = """---
title: Les premiers bus quittent Alep
outlet: Quotidien de test
published: 2016-12-15
---
Jeudi, les premiers bus ont quitté le quartier d'Al-Amiriyah vers Ramoussa, selon le CICR.
"""

FRIDAY = """---
title: Nouveaux combats
outlet: Hebdo de test
published: 2016-12-17
---
Vendredi, des frappes aériennes ont visé le quartier d'Al-Mashhad, selon l'Observatoire.

Les forces du régime avaient repris lundi 12 décembre le quartier de Cheikh Saïd, selon l'Observatoire.
"""



def project(tmp_path: Path, **articles: str) -> Path:
    """A folder with the sample's config (its sides and baseline, the bundled gazetteer) and
    these articles; returns the config's path."""
    config = (REPO / "config.yaml").read_text(encoding="utf-8")
    config = config.replace("folder: gazetteer", f"folder: {REPO / 'gazetteer'}")
    config = config.replace("baseline: gazetteer/", f"baseline: {REPO / 'gazetteer'}/")
    config = re.sub(r"\nmetadata:\n(?:  .*\n)+", "\nmetadata: {}\n", config)
    (tmp_path / "config.yaml").write_text(config, encoding="utf-8")
    add_articles(tmp_path, **articles)
    return tmp_path / "config.yaml"


def add_articles(root: Path, **articles: str) -> None:
    for name, text in articles.items():
        path = root / "articles" / f"{name}.txt"
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")


def entries(path: Path) -> dict[str, dict]:
    """id -> entry of a reviewed file, as plain data with dates as text ('manual' for an
    entry added by hand without an id)."""
    data = _dates_as_text(YAML(typ="safe").load(path.read_text(encoding="utf-8")))
    return {e.get("id") or "manual": e for group in data.values() for e in group or []}


def _dates_as_text(value):
    if isinstance(value, dict):
        return {str(k): _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, date) else value


def by_kind(found: dict[str, dict], kind: str, place: str) -> str:
    return next(i for i, e in found.items() if e["type"] == kind and e["place"] == place)


def edit(text: str, event_id: str, old: str, new: str) -> str:
    """Replace `old` by `new` in the entry of `event_id`, as a journalist would in an editor."""
    start = text.index(f"- id: {event_id}\n")
    at = text.index(old, start)
    assert text.find("- id:", start + 1, at) == -1, f"{old!r} not in the entry of {event_id}"
    return text[:at] + new + text[at + len(old):]


def features(out: Path) -> dict[str, dict]:
    data = json.loads((out / "events.geojson").read_text(encoding="utf-8"))
    return {f["id"]: f["properties"] for f in data["features"]}


def csv_ids(out: Path) -> list[str]:
    return [row["id"] for row in csv.DictReader(io.StringIO((out / "events.csv").read_text(encoding="utf-8-sig")))]


def snapshot(folder: Path) -> dict[str, bytes]:
    return published_files(folder)

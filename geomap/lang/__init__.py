"""Language knowledge as data: one folder per language, one YAML file per topic.

`geomap/lang/fr/dates.yaml`, `fr/events.yaml`, `fr/actors.yaml`, ... Adding a language is
adding a folder with the same files; nothing in the code names a language's words.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

LANG_DIR = Path(__file__).resolve().parent


def available() -> list[str]:
    """The language codes that have a folder here, sorted."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


@lru_cache(maxsize=None)
def load(language: str, topic: str) -> dict:
    """The data of one topic for one language; an empty dict when the file does not exist."""
    path = LANG_DIR / language / f"{topic}.yaml"
    if not path.exists():
        return {}
    with path.open(encoding="utf-8") as f:
        return yaml.safe_load(f) or {}

"""Front matter: the YAML block between `---` lines that opens an article, and its metadata checked.

A `published` value that is a YAML or ISO date is kept as a date; any other value (a printed
date such as "13 décembre 2016", or "unknown", "n/a", nothing) is kept as `published_text`,
as written: the dating stage (geomap.dating) reads it or warns, and infers the date.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from ..config import YAML_VALUE_ERRORS, yaml_error_line
from .files import ArticleError

FRONT_MATTER_KEYS = ("title", "url", "outlet", "published", "language")


def split_front_matter(text: str, name: str) -> tuple[dict, int]:
    """The front matter as a dict, and the offset where the body starts (0 when there is none)."""
    if not text.startswith("---\n"):
        return {}, 0
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        raise ArticleError(f"{name}:1: front matter opened with --- is never closed")
    raw = text[4:4 + end.start()]
    try:
        meta = yaml.safe_load(raw) or {}
    except yaml.YAMLError as e:
        line = yaml_error_line(e, raw) + 2
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise ArticleError(f"{name}:{line}: front matter is not valid YAML ({problem})") from None
    except YAML_VALUE_ERRORS as e:
        raise ArticleError(f"{name}:1: front matter has a value YAML cannot read ({e})") from None
    if not isinstance(meta, dict):
        raise ArticleError(f"{name}:2: front matter must be 'key: value' lines")
    body_start = 4 + end.end()
    if text[body_start:body_start + 1] == "\n":
        body_start += 1
    return meta, body_start


def clean_metadata(meta: dict, name: str) -> tuple[dict, list[str]]:
    """Front matter or config metadata checked: known keys, strings, a real date."""
    cleaned, warnings = {}, []
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            warnings.append(f"{name}: unknown metadata key '{key}' ignored (known: {', '.join(FRONT_MATTER_KEYS)})")
            continue
        if key == "published":
            cleaned.update(parse_published(value))
        elif value is None:
            continue
        else:
            cleaned[key] = re.sub(r"\s+", " ", str(value)).strip()
    return cleaned, warnings


def parse_published(value) -> dict:
    """`{"published": date}` for a YAML date or an ISO string; otherwise `{"published_text": text}`,
    the value as written (empty when there is none), for the dating stage to read."""
    if isinstance(value, datetime):
        return {"published": value.date(), "published_text": None}
    if isinstance(value, date):
        return {"published": value, "published_text": None}
    text = re.sub(r"\s+", " ", "" if value is None else str(value)).strip()
    try:
        return {"published": date.fromisoformat(text[:10]), "published_text": None}
    except ValueError:
        return {"published": None, "published_text": text}

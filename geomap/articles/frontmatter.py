"""Front matter: the YAML block between `---` lines that opens an article, and its metadata checked.

A `published` value that is a YAML or ISO date is kept as a date; any other value (a printed
date such as "13 décembre 2016", or "unknown", "n/a", nothing) is kept as `published_text`,
as written: the dating stage (geomap.dating) reads it or warns, and infers the date.
"""
from __future__ import annotations

import re
from datetime import date, datetime

import yaml

from .. import safe_yaml
from ..config import YAML_VALUE_ERRORS, yaml_error_line
from ..text import clean_text
from .files import ArticleError

FRONT_MATTER_KEYS = ("title", "url", "outlet", "published", "language")
MAX_FRONT_MATTER = 20_000       # characters of YAML
MAX_FRONT_VALUES = 1_000        # values it may expand to (safe_yaml: anchors and aliases)
MAX_VALUE_LENGTH = 2_000        # characters of one metadata value


def split_front_matter(text: str, name: str) -> tuple[dict, int]:
    """The front matter as a dict, and the offset where the body starts (0 when there is none)."""
    if not text.startswith("---\n"):
        return {}, 0
    end = re.search(r"^(?:---|\.\.\.)[ \t]*$", text[4:], re.M)
    if not end:
        raise ArticleError(f"{name}:1: front matter opened with --- is never closed")
    raw = text[4:4 + end.start()]
    if len(raw) > MAX_FRONT_MATTER:
        raise ArticleError(f"{name}:2: front matter of {len(raw):,} characters (at most {MAX_FRONT_MATTER:,})")
    try:
        meta = safe_yaml.load(raw, max_values=MAX_FRONT_VALUES) or {}
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
    """Front matter or config metadata checked: known keys, one value each (text, a number or a
    date; a list or mapping is left out with a warning), at most MAX_VALUE_LENGTH characters."""
    cleaned, warnings = {}, []
    for key, value in meta.items():
        if key not in FRONT_MATTER_KEYS:
            shown = clean_text(str(key))[:40] if isinstance(key, (str, int, float, date)) else type(key).__name__
            warnings.append(f"{name}: unknown metadata key '{shown}' ignored (known: {', '.join(FRONT_MATTER_KEYS)})")
            continue
        if isinstance(value, (list, dict, set, bytes)):
            warnings.append(f"{name}: metadata '{key}' must be one value, not a {type(value).__name__}; ignored")
            continue
        if isinstance(value, str) and len(value) > MAX_VALUE_LENGTH:
            warnings.append(f"{name}: metadata '{key}' of {len(value):,} characters cut to {MAX_VALUE_LENGTH:,}")
            value = value[:MAX_VALUE_LENGTH]
        if key == "published":
            cleaned.update(parse_published(value))
        elif value is not None:
            cleaned[key] = re.sub(r"\s+", " ", clean_text(str(value))).strip()
    return cleaned, warnings


def parse_published(value) -> dict:
    """`{"published": date}` for a YAML date or an ISO string; otherwise `{"published_text": text}`,
    the value as written (empty when there is none), for the dating stage to read."""
    if isinstance(value, datetime):
        return {"published": value.date(), "published_text": None}
    if isinstance(value, date):
        return {"published": value, "published_text": None}
    text = re.sub(r"\s+", " ", "" if value is None else clean_text(str(value))).strip()
    try:
        return {"published": date.fromisoformat(text[:10]), "published_text": None}
    except ValueError:
        return {"published": None, "published_text": text}

"""Escaping for the pages: HTML text and attributes, JSON inside <script>, safe links.

Every string that comes from an article (quotes, titles, outlets, actors, place names as
written) is untrusted. It is HTML-escaped for HTML text and attributes, only http(s) URLs
become links, and text that goes into a <script> is JSON with <, >, & and the JS line
separators escaped (`script_json`). Untrusted text is never used as a jinja template
(branca's `Element(text)` would evaluate `{{ ... }}` in it).
"""
from __future__ import annotations

import html
import json
import re
from typing import Any
from urllib.parse import urlsplit


def esc(text: Any) -> str:
    """Escape text for HTML text and quoted attribute values.

    Besides html.escape, '{' and '`' become character references: branca re-reads the output
    of every MacroElement macro as a jinja template (so '{{ ... }}' in a quote would run on
    the build machine), and folium puts some HTML in JavaScript template literals.
    """
    escaped = html.escape("" if text is None else str(text), quote=True)
    return escaped.replace("{", "&#123;").replace("`", "&#96;")


_JINJA_OPENER = re.compile(r"\{(?=[{%#])")


def script_json(value: Any) -> str:
    """JSON that is safe inside an HTML <script> rendered by branca.

    No '</script>' or '<!--' (<, >, & escaped), no raw U+2028/2029, and no jinja opener
    ('{{', '{%', '{#'), which branca would evaluate when it re-reads a macro's output. In
    compact JSON an object's '{' is always followed by '"' or '}', so any '{' followed by
    '{', '%' or '#' is inside a string, where '\\u007b' means the same.
    """
    text = json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(raw, escaped)
    return _JINJA_OPENER.sub(r"\\u007b", text)


_URL_NOISE = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) with a host, else None (javascript:, data:, relative...)."""
    if not url:
        return None
    cleaned = _URL_NOISE.sub("", url)       # browsers ignore tabs/newlines inside schemes
    try:
        parts = urlsplit(cleaned)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return cleaned


def safe_base_url(url: str) -> str:
    """A prefix for links: an http(s) URL (`safe_url`), or a relative path; '' for anything else."""
    if not url or safe_url(url):
        return url or ""
    relative = not _URL_NOISE.search(url) and ":" not in url.split("/", 1)[0]
    return url if relative else ""


def attr(text: str) -> str:
    """Escape text for a double-quoted attribute, leaving apostrophes readable (l'armée)."""
    return esc(text).replace("&#x27;", "'")

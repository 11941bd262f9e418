"""The values of config.yaml that reach the pages, checked by their shape and normalised.

A faction's colour goes into SVG attributes, CSS and the map's script, where markup or a
jinja `{{ ... }}` would run: it must be a CSS colour (`#rgb`, `#rrggbb` or a CSS name, by
webcolors) and comes out as `#rrggbb`. A label is text, or text per UI language (a single text
is every language's); allies a list of actor ids; the opponent another faction; the pattern
one of the fill motifs. `base_url` prefixes the iframe `src` of the embed snippets: it must
be an http(s) address or a relative path, never `javascript:` or `data:`. Each error is one
line naming the config file, the line and the key (`where`).
"""
from __future__ import annotations

import re
from typing import Callable
from urllib.parse import urlsplit

import webcolors

PATTERNS = ("diagonal", "dots", "cross", "horizontal", "hatch", "plain")

Where = Callable[[str], str]       # dotted key -> "config.yaml:LINE" for an error message


class ValueProblem(Exception):
    """A config value of the wrong shape; the message is one line naming the file, line and key."""


def css_colour(value) -> str | None:
    """`#rrggbb` of a CSS colour (`#rgb`, `#rrggbb`, a CSS name); None for anything else."""
    if not isinstance(value, str):
        return None
    text = value.strip().lower()
    try:
        return webcolors.normalize_hex(text) if text.startswith("#") else webcolors.name_to_hex(text)
    except ValueError:
        return None


def check_factions(factions: dict, where: Where, languages: tuple[str, ...]) -> dict:
    """The factions with each value checked; colours as `#rrggbb`, labels per language."""
    checked = {}
    for name, spec in factions.items():
        if not isinstance(name, str) or not name.strip():
            raise ValueProblem(f"{where('factions')}: a faction name must be text, not {name!r}")
        checked[name] = _faction(name, spec or {}, where, languages, factions)
    return checked


def _faction(name: str, spec: dict, where: Where, languages: tuple[str, ...], factions: dict) -> dict:
    key = f"factions.{name}"
    result = dict(spec)
    if "colour" in spec:
        result["colour"] = css_colour(spec["colour"])
        if result["colour"] is None:
            raise ValueProblem(f"{where(key + '.colour')}: '{key}.colour' must be a CSS colour "
                               f"(#rgb, #rrggbb or a name such as 'darkred'), not {_shown(spec['colour'])}")
    if "pattern" in spec and spec["pattern"] not in PATTERNS:
        raise ValueProblem(f"{where(key + '.pattern')}: '{key}.pattern' must be one of {', '.join(PATTERNS)}, "
                           f"not {_shown(spec['pattern'])}")
    if "label" in spec:
        result["label"] = _label(spec["label"], f"{key}.label", where, languages)
    allies = spec.get("allies")
    if allies is not None and not (isinstance(allies, list) and all(isinstance(a, str) for a in allies)):
        raise ValueProblem(f"{where(key + '.allies')}: '{key}.allies' must be a list of actor ids "
                           f"([russia, iran]), not {_shown(allies)}")
    opponent = spec.get("opponent")
    if opponent is not None and (not isinstance(opponent, str) or opponent not in factions):
        raise ValueProblem(f"{where(key + '.opponent')}: '{key}.opponent' must name another faction "
                           f"({', '.join(n for n in factions if n != name) or 'none is configured'}), not {_shown(opponent)}")
    return result


def _label(label, key: str, where: Where, languages: tuple[str, ...]) -> dict:
    """A label as text per language: a single text stands for every language."""
    if isinstance(label, str):
        return {code: label for code in languages}
    if isinstance(label, dict) and label and all(isinstance(k, str) and isinstance(v, str) for k, v in label.items()):
        return dict(label)
    raise ValueProblem(f"{where(key)}: '{key}' must be text, or text per language ({{fr: ..., en: ...}}), "
                       f"not {_shown(label)}")


_URL_NOISE = re.compile(r"[\x00-\x20\x7f\\]")


def check_base_url(value: str, where: Where) -> str:
    """`base_url` if it is an http(s) address with a host, or a relative path ('', 'maps/', '/x/')."""
    problem = None
    if _URL_NOISE.search(value):
        problem = "holds spaces, control characters or backslashes"
    else:
        try:
            parts = urlsplit(value)
        except ValueError:
            parts, problem = None, "is not an address"
        if parts is not None and parts.scheme and (parts.scheme.lower() not in ("http", "https") or not parts.netloc):
            problem = "is neither an http(s) address nor a relative path"
    if problem:
        raise ValueProblem(f"{where('base_url')}: 'base_url' {problem} ({_shown(value)}); "
                           "give e.g. https://graphics.example.org/aleppo/")
    return value


def _shown(value) -> str:
    """A value for an error message: short, on one line."""
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."

"""Holding a language's data to its schema (schema.yaml beside this file): keys, kinds, regexes.

Every problem is one line naming the file and the (dotted) key. The regular expressions of
the data are compiled here, once, and handed back with the data.
"""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

SCHEMA_FILE = Path(__file__).resolve().with_name("schema.yaml")
SHARED = "shared"   # the schema's entry for the files beside it that every language draws on

KIND_NAMES = {"text": "text", "flag": "true or false", "number": "a whole number", "words": "a list of texts",
              "numbers": "a list of whole numbers", "pattern": "a regular expression",
              "patterns": "a list of regular expressions"}


@dataclass
class Checked:
    """What checking found: one line for each problem, and the compiled regexes by (topic, dotted key)."""
    problems: list[str] = field(default_factory=list)
    patterns: dict = field(default_factory=dict)


@lru_cache(maxsize=None)
def schema() -> dict:
    """file (topic) -> {"required": {key: spec}, "optional": {key: spec}}."""
    return yaml.safe_load(SCHEMA_FILE.read_text(encoding="utf-8"))


def topics() -> tuple[str, ...]:
    """The files every language folder has, by topic name ("dates" for dates.yaml)."""
    return tuple(topic for topic in schema() if topic != SHARED)


def shared_files() -> tuple[str, ...]:
    """The files beside schema.yaml that every language draws on ("scripts" for scripts.yaml)."""
    return tuple(schema().get(SHARED, {}))


def _spec(topic: str) -> dict:
    return schema()[topic] if topic in topics() else schema()[SHARED][topic]


def check_topic(topic: str, sources: list[tuple[dict, str]], checked: Checked) -> dict:
    """The data of one topic, merged from its sources (base file first, the language's own
    last, each given as (data, shown path)); problems and compiled regexes go into `checked`."""
    spec, merged = _spec(topic), {}
    for data, where in sources:
        _check_mapping(spec, data, where, topic, "", checked, required=False)
        merged.update(data)
    own_where = sources[-1][1]
    for key in spec.get("required", {}):
        if key not in merged:
            checked.problems.append(f"{own_where}: missing required key '{key}'")
    return merged


def _check_mapping(spec: dict, data, where: str, topic: str, prefix: str, checked: Checked,
                   required: bool = True) -> None:
    known = {**spec.get("required", {}), **spec.get("optional", {})}
    if required:
        for key in spec.get("required", {}):
            if key not in data:
                checked.problems.append(f"{where}: missing required key '{prefix}{key}'")
    for key, value in data.items():
        if key not in known:
            close = difflib.get_close_matches(str(key), [str(k) for k in known], n=1)
            hint = f" (did you mean '{prefix}{close[0]}'?)" if close else ""
            checked.problems.append(f"{where}: unknown key '{prefix}{key}'{hint}")
            continue
        _check_value(known[key], value, where, topic, f"{prefix}{key}", checked)


def _check_value(spec, value, where: str, topic: str, dotted: str, checked: Checked) -> None:
    if isinstance(spec, dict) or spec.startswith("table of "):
        if not isinstance(value, dict):
            checked.problems.append(f"{where}: '{dotted}' must be a mapping, not {_kind_of(value)}")
        elif isinstance(spec, dict) and "table" not in spec:
            _check_mapping(spec, value, where, topic, dotted + ".", checked)
        else:
            inner = spec["table"] if isinstance(spec, dict) else spec[len("table of "):]
            for key, item in value.items():
                _check_value(inner, item, where, topic, f"{dotted}.{key}", checked)
        return
    if spec not in KIND_NAMES:
        raise ValueError(f"{SCHEMA_FILE}: unknown kind '{spec}' for '{topic}.{dotted}'")
    problem = _kind_problem(spec, value)
    if problem:
        checked.problems.append(f"{where}: '{dotted}' {problem}")
    elif spec in ("pattern", "patterns"):
        _compile(spec, value, where, topic, dotted, checked)


def _kind_problem(spec: str, value) -> str | None:
    """What is wrong with the kind of the value, or None."""
    item_kind = {"words": str, "numbers": int, "patterns": str}.get(spec)
    if item_kind is None:
        kind = {"text": str, "pattern": str, "flag": bool, "number": int}[spec]
        return None if _is(value, kind) else f"must be {KIND_NAMES[spec]}, not {_kind_of(value)}"
    if not isinstance(value, list):
        return f"must be {KIND_NAMES[spec]}, not {_kind_of(value)}"
    bad = next((i for i, item in enumerate(value) if not _is(item, item_kind)), None)
    return None if bad is None else f"item {bad + 1} must be {KIND_NAMES[{str: 'text', int: 'number'}[item_kind]]}," \
                                    f" not {_kind_of(value[bad])}"


def _is(value, kind) -> bool:
    """isinstance, but true/false is not a number."""
    return isinstance(value, kind) and not (isinstance(value, bool) and kind is not bool)


def _compile(spec: str, value, where: str, topic: str, dotted: str, checked: Checked) -> None:
    items = [value] if spec == "pattern" else value
    compiled = []
    for index, item in enumerate(items):
        try:
            compiled.append(re.compile(item))
        except re.error as e:
            which = f"'{dotted}'" if spec == "pattern" else f"'{dotted}' item {index + 1}"
            checked.problems.append(f"{where}: {which} is not a valid regular expression ({e}): {item!r}")
            return
    checked.patterns[(topic, dotted)] = compiled[0] if spec == "pattern" else tuple(compiled)


def _kind_of(value) -> str:
    names = {dict: "a mapping", list: "a list", str: "text", bool: "true or false", int: "a number",
             float: "a number", type(None): "nothing"}
    return names.get(type(value), type(value).__name__)

"""Language knowledge as data: one folder per language, one YAML file per topic.

`geomap/lang/fr/dates.yaml`, `fr/events.yaml`, `fr/actors.yaml`, ... Adding a language is
adding a folder with the same files; nothing in the code names a language's words. What
every language shares is in `base.yaml`; what each file holds (required and optional keys,
kinds of values) is in `schema.yaml`, and a folder is held to it when first loaded: a
missing file or key, or a regular expression that does not compile, is a `LanguageError`
in one line naming the file and the key. `check()` lists every problem, for `geomap check`.
Beside the folders, files every language draws on (`shared`), held to the schema too: how names
are written (capitals or none) is a property of a script, in `scripts.yaml`, and a language's
`language.yaml` names its script (`script_of`); the command line's own words are in
`messages.yaml`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from . import schema

LANG_DIR = Path(__file__).resolve().parent
BASE_FILE = LANG_DIR / "base.yaml"
SCRIPTS_FILE = LANG_DIR / "scripts.yaml"
PROJECT_DIR = LANG_DIR.parent.parent   # paths in messages are shown from here


class LanguageError(Exception):
    """A language folder that does not hold to the schema; the message is one line naming the file."""


@dataclass(frozen=True)
class _Folder:
    data: dict          # topic -> its data, base.yaml's under the language's own
    patterns: dict      # (topic, dotted key) -> compiled regex, or a tuple of them
    problems: tuple


def available() -> list[str]:
    """The language codes that have a folder here, sorted."""
    return sorted(p.name for p in LANG_DIR.iterdir() if p.is_dir() and not p.name.startswith("_"))


def load(language: str, topic: str) -> dict:
    """The data of one topic ("dates", "events", ...) for one language, checked; loaded once."""
    return _loaded(LANG_DIR / language).data[topic]


def compiled(language: str, topic: str, key: str) -> re.Pattern | tuple[re.Pattern, ...]:
    """The compiled regular expression (or tuple of them) of a `pattern` (`patterns`) key."""
    return _loaded(LANG_DIR / language).patterns[(topic, key)]


def shared(name: str) -> dict:
    """A file beside the language folders ("scripts" for scripts.yaml), checked; loaded once."""
    found = _read_shared(name)
    if found.problems:
        raise LanguageError(found.problems[0])
    return found.data[name]


def scripts() -> dict:
    """scripts.yaml, checked: the default script's name and each script's properties."""
    return shared("scripts")


def script(name: str | None = None) -> dict:
    """The properties of a script (the default one for None); KeyError for an unknown name."""
    return scripts()["scripts"][name or scripts()["default"]]


def script_of(language: str) -> dict:
    """The properties of the script a language is written in (its language.yaml `script:`)."""
    return script(load(language, "language").get("script"))


def check(folder: Path | None = None) -> list[str]:
    """Every problem of the shared files and of one language folder, or of every folder in
    geomap/lang; one line each."""
    folders = [folder] if folder is not None else [LANG_DIR / code for code in available()]
    found = [p for name in schema.shared_files() for p in _read_shared(name).problems]
    found += [p for f in folders for p in _read_folder(Path(f)).problems]
    return list(dict.fromkeys(found))


@lru_cache(maxsize=None)
def _loaded(folder: Path) -> _Folder:
    found = _read_folder(folder)
    if found.problems:
        raise LanguageError(found.problems[0])
    return found


@lru_cache(maxsize=None)
def _read_folder(folder: Path) -> _Folder:
    checked = schema.Checked()
    if not folder.is_dir():
        return _Folder({}, {}, (f"{_shown(folder)}: no such language folder",))
    base = _read_yaml(BASE_FILE, checked.problems)
    data = {}
    for topic in schema.topics():
        path = folder / f"{topic}.yaml"
        if not path.is_file():
            names = ", ".join(f"{t}.yaml" for t in sorted(schema.topics()))
            checked.problems.append(f"{_shown(path)}: missing (a language folder has {names})")
            continue
        sources = [(base.get(topic) or {}, _shown(BASE_FILE)), (_read_yaml(path, checked.problems), _shown(path))]
        data[topic] = schema.check_topic(topic, sources, checked)
    for path in sorted(folder.glob("*.yaml")):
        if path.stem not in schema.topics():
            checked.problems.append(f"{_shown(path)}: not a file of a language folder"
                                    f" (known: {', '.join(schema.topics())})")
    checked.problems += _script_problems(data.get("language", {}), folder / "language.yaml")
    return _Folder(data, checked.patterns, tuple(checked.problems))


@lru_cache(maxsize=None)
def _read_shared(name: str) -> _Folder:
    checked = schema.Checked()
    path = LANG_DIR / f"{name}.yaml"
    data = schema.check_topic(name, [(_read_yaml(path, checked.problems), _shown(path))], checked)
    if name == "scripts" and "default" in data and data["default"] not in (data.get("scripts") or {}):
        checked.problems.append(f"{_shown(path)}: 'default' {data['default']!r} is not one of its scripts")
    return _Folder({name: data}, checked.patterns, tuple(checked.problems))


def _script_problems(language: dict, path: Path) -> list[str]:
    """A language.yaml `script:` that names no script of scripts.yaml."""
    known = _read_shared("scripts").data["scripts"].get("scripts") or {}
    named = language.get("script")
    if named is None or named in known:
        return []
    return [f"{_shown(path)}: 'script' {named!r} is not a script of {_shown(SCRIPTS_FILE)}"
            f" (known: {', '.join(known)})"]


def _read_yaml(path: Path, problems: list[str]) -> dict:
    """The mapping in a YAML file; {} (and a problem) when it is not one."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        problems.append(f"{_shown(path)}: not readable YAML ({' '.join(str(e).split())})")
        return {}
    if data is None:
        return {}
    if not isinstance(data, dict):
        problems.append(f"{_shown(path)}: must be a mapping of 'key: value' lines")
        return {}
    return data


def _shown(path: Path) -> str:
    """The path as the messages show it: from the project folder when it is inside geomap/lang."""
    return str(path.relative_to(PROJECT_DIR)) if path.is_relative_to(PROJECT_DIR) else str(path)

"""The layout's rules: modules import downwards only, and none grows past about 400 lines."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
spec = importlib.util.spec_from_file_location("import_cycles", ROOT / "scripts" / "import_cycles.py")
import_cycles = importlib.util.module_from_spec(spec)
spec.loader.exec_module(import_cycles)


def test_no_module_imports_one_that_imports_it_back():
    paths = sorted((ROOT / "geomap").rglob("*.py"))
    modules = {import_cycles.module_name(p) for p in paths}
    graph = {import_cycles.module_name(p): import_cycles.imports_of(p, modules) for p in paths}
    assert import_cycles.cycles(graph) == []


def test_a_cycle_is_found_when_there_is_one():
    assert import_cycles.cycles({"a": {"b"}, "b": {"a"}}) == [["a", "b", "a"]]


def test_no_module_is_over_about_400_lines():
    sizes = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines())
             for p in (ROOT / "geomap").rglob("*.py")}
    assert {path: n for path, n in sizes.items() if n > 420} == {}

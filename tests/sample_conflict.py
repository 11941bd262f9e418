"""The bundled sample's conflict, from its config.yaml: its sides, its baseline's words and the
area whose shares the legend gives, for tests that need them (the library's defaults are neutral)."""
from __future__ import annotations

from functools import partial
from pathlib import Path

from geomap import control
from geomap.config import load_config

SAMPLE = load_config(Path(__file__).resolve().parents[1] / "config.yaml")
FACTIONS = SAMPLE.factions
load_baseline = partial(control.load_baseline, statuses=SAMPLE.baseline_statuses)
control_timeline = partial(control.control_timeline, contested=SAMPLE.contested)

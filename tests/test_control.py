"""Control over time: a baseline, then the control changes in date order."""
from __future__ import annotations

from datetime import date

import pytest

from geomap.control import BaselineError
from geomap.models import Event
from geomap.gazetteer import DEFAULT_GAZETTEER, Gazetteer
from sample_conflict import control_timeline, load_baseline

BASELINE = DEFAULT_GAZETTEER / "baselines" / "aleppo_2016-11-15.csv"


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


@pytest.fixture(scope="module")
def baseline():
    return load_baseline(BASELINE)


def change(place: str, to: str, day: date, status: str = "happened") -> Event:
    return Event(type="control_change", date=day, precision="day", window=None, place_id=place, to=to,
                 status=status, id=f"{place}-{day}")


def test_the_baseline_maps_statuses_to_sides(baseline):
    assert baseline["sheikh-saeed"] == "rebels"
    assert baseline["ramouseh"] == "government"
    assert baseline["sheikh-maqsoud"] == "kurds"
    assert baseline["abraj"] == "unknown"


def test_a_capture_moves_the_area_on_its_day_and_the_state_holds_after(gazetteer, baseline):
    events = [change("sheikh-saeed", "government", date(2016, 12, 12)),
              Event(type="strike", date=date(2016, 12, 14), precision="day", window=None, place_id="kallaseh")]
    snapshots = control_timeline(baseline, date(2016, 11, 15), events, gazetteer)
    by_day = {s.date: s for s in snapshots}
    assert by_day[date(2016, 11, 15)].holder["sheikh-saeed"] == "rebels"
    assert by_day[date(2016, 12, 12)].holder["sheikh-saeed"] == "government"
    assert by_day[date(2016, 12, 12)].changed == ("sheikh-saeed",)
    assert by_day[date(2016, 12, 14)].holder["sheikh-saeed"] == "government"
    assert by_day[date(2016, 12, 14)].changed == ()


def test_planned_or_undated_changes_do_not_move_anything(gazetteer, baseline):
    events = [change("sheikh-saeed", "government", date(2016, 12, 12), status="planned"),
              change("sukkari", "government", None)]
    snapshots = control_timeline(baseline, date(2016, 11, 15), events, gazetteer)
    assert all(s.holder["sheikh-saeed"] == "rebels" and s.holder["sukkari"] == "rebels" for s in snapshots)


def test_shares_of_the_contested_area_add_up_and_grow_with_captures(gazetteer, baseline):
    events = [change("sheikh-saeed", "government", date(2016, 12, 12)),
              change("masaken-hanano", "government", date(2016, 11, 26))]
    snapshots = control_timeline(baseline, date(2016, 11, 15), events, gazetteer)
    first, last = snapshots[0], snapshots[-1]
    assert sum(first.shares.values()) == pytest.approx(1.0, abs=1e-3)
    assert first.shares.get("government", 0) == 0
    assert last.shares["government"] > snapshots[1].shares["government"] > 0


def test_an_unknown_status_is_an_error_naming_the_line(tmp_path):
    bad = tmp_path / "baseline.csv"
    bad.write_text("place_id,status\nsukkari,rebel\nshaar,occupied\n", encoding="utf-8")
    with pytest.raises(BaselineError, match=r"baseline.csv:3: unknown status 'occupied'"):
        load_baseline(bad)


def test_taking_a_whole_city_moves_what_its_opponent_held_but_not_a_third_side(gazetteer, baseline):
    events = [change("aleppo", "government", date(2016, 12, 22))]
    last = control_timeline(baseline, date(2016, 11, 15), events, gazetteer, {"government": "rebels"})[-1]
    assert last.holder["sheikh-saeed"] == "government" and last.holder["sukkari"] == "government"
    assert last.holder["sheikh-maqsoud"] == "kurds"
    assert last.shares == {"government": 1.0}

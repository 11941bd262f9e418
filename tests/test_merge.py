"""Merging across articles: one event from several reports, what a report lacks filled from
the agreeing better-sourced ones (and flagged), contradictions kept apart and flagged."""
from __future__ import annotations

from datetime import date

import pytest

from geomap.gazetteer import Gazetteer
from geomap.merge import merge_events
from geomap.models import Event, Source

DEC = 12


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def report(kind: str, place: str, day: int | None, article: str, precision: str = "day", to: str | None = None,
           basis: str = "metadata", published: int | None = None, **more) -> Event:
    """One report as extraction gives it: `day` in December 2016 (None: no day at all)."""
    when = date(2016, DEC, day) if day else None
    if published is None and precision == "approximate":
        published = day                    # a sentence without a day: its article's publication day
    source = Source(article=article, sentence="...", start=0, end=3, published_basis=basis,
                    published=date(2016, DEC, published) if published else None)
    return Event(type=kind, date=when, precision=precision if when else "unknown", window=None, place_id=place,
                 to=to, sources=[source], **more)


def merged(events, gazetteer):
    return merge_events(events, gazetteer)


def only(events):
    assert len(events) == 1, events
    return events[0]


# ---------------------------------------------------------------- a missing day

def test_an_undated_report_takes_the_day_of_the_agreeing_dated_one_and_says_from_which_article(gazetteer):
    events, _ = merged([report("strike", "sheikh-saeed", 12, "21_en_x.txt"),
                        report("strike", "sheikh-saeed", None, "16_fr_y.txt", basis="none")], gazetteer)
    event = only(events)
    assert event.date == date(2016, DEC, 12) and event.precision == "day" and event.corroboration == 2
    assert "date: from 21_en_x.txt (16_fr_y.txt gives no day)" in event.flags


def test_an_undated_report_stays_undated_when_the_dated_reports_give_several_days(gazetteer):
    events, _ = merged([report("strike", "sheikh-saeed", 12, "a.txt"), report("strike", "sheikh-saeed", 15, "b.txt"),
                        report("strike", "sheikh-saeed", None, "c.txt", basis="none")], gazetteer)
    assert sorted(str(e.date) for e in events) == ["2016-12-12", "2016-12-15", "None"]
    assert not any(f.startswith("date:") for e in events for f in e.flags)


def test_undated_reports_of_different_articles_are_not_taken_for_one_event(gazetteer):
    events, _ = merged([report("evacuation", "east-aleppo", None, "a.txt", basis="none"),
                        report("evacuation", "east-aleppo", None, "b.txt", basis="none"),
                        report("evacuation", "east-aleppo", None, "b.txt", basis="none")], gazetteer)
    assert sorted(e.corroboration for e in events) == [1, 1]   # b.txt's two reports are one


def test_a_publication_day_report_takes_the_precise_day_of_the_day_before(gazetteer):
    events, _ = merged([report("evacuation", "east-aleppo", 15, "a.txt"),
                        report("evacuation", "east-aleppo", 16, "b.txt", precision="approximate")], gazetteer)
    event = only(events)
    assert event.date == date(2016, DEC, 15) and event.precision == "day"
    assert "date: from a.txt (b.txt gives only an approximate day)" in event.flags


def test_a_publication_day_report_does_not_reach_a_day_days_earlier_nor_a_later_one(gazetteer):
    events, _ = merged([report("evacuation", "east-aleppo", 12, "a.txt"),
                        report("evacuation", "east-aleppo", 17, "b.txt"),
                        report("evacuation", "east-aleppo", 16, "c.txt", precision="approximate")], gazetteer)
    assert sorted((str(e.date), e.precision) for e in events) == [
        ("2016-12-12", "day"), ("2016-12-16", "approximate"), ("2016-12-17", "day")]


def test_a_day_is_taken_only_from_the_same_event(gazetteer):
    """Another type, another place or another side is another event."""
    events, _ = merged([report("strike", "sheikh-saeed", 12, "a.txt"),
                        report("clash", "sheikh-saeed", None, "b.txt", basis="none"),
                        report("strike", "ramouseh", None, "c.txt", basis="none")], gazetteer)
    assert len(events) == 3 and not any(e.flags for e in events)


def test_the_better_sourced_day_wins_between_approximate_reports(gazetteer):
    """Same event, same approximate day: a report from an article dated by its metadata gives the
    day over one dated only from the corpus, whichever article comes first."""
    events, _ = merged([report("clash", "aleppo", 13, "a.txt", precision="approximate", basis="corpus"),
                        report("clash", "aleppo", 13, "b.txt", precision="approximate")], gazetteer)
    assert only(events).date == date(2016, DEC, 13)


# ---------------------------------------------------------------- a missing side

def test_a_capture_without_a_side_takes_the_side_all_agreeing_reports_name(gazetteer):
    events, incomplete = merged([report("control_change", "sheikh-saeed", 12, "a.txt", to="government"),
                                 report("control_change", "sheikh-saeed", 12, "b.txt", to="government",
                                        precision="approximate", published=13),
                                 report("control_change", "sheikh-saeed", 12, "c.txt")], gazetteer)
    event = only(events)
    assert event.to == "government" and event.corroboration == 3 and not incomplete
    assert any(f.startswith("side: from ") and "(c.txt names none)" in f for f in event.flags)


def test_a_capture_without_a_side_is_left_out_when_the_agreeing_reports_name_different_sides(gazetteer):
    events, incomplete = merged([report("control_change", "palmyra", 11, "a.txt", to="isis"),
                                 report("control_change", "palmyra", 11, "b.txt", to="government"),
                                 report("control_change", "palmyra", 11, "c.txt")], gazetteer)
    assert [e.sources[0].article for e in incomplete] == ["c.txt"]
    assert {e.to for e in events} == {"isis", "government"}
    assert all(any("sources disagree on who took it" in f for f in e.flags) for e in events)


def test_a_capture_without_a_side_does_not_join_a_capture_of_another_week(gazetteer):
    events, incomplete = merged([report("control_change", "east-aleppo", 13, "a.txt", to="government"),
                                 report("control_change", "east-aleppo", 4, "b.txt")], gazetteer)
    assert only(events).corroboration == 1 and len(incomplete) == 1


def test_a_capture_no_report_gives_a_side_is_taken_by_the_opponent_of_the_starting_holder(gazetteer):
    holders = {"shaar": "rebels"}
    taker_of = {"rebels": "government"}.get
    events, incomplete = merge_events([report("control_change", "shaar", 6, "a.txt"),
                                       report("control_change", "palmyra", 11, "b.txt")], gazetteer,
                                      lambda place: taker_of(holders.get(place)))
    assert [(e.place_id, e.to) for e in events] == [("shaar", "government")]
    assert any(f.startswith("side: government, the only side") for f in events[0].flags)
    assert [e.place_id for e in incomplete] == ["palmyra"]   # held by no side the baseline lists
    assert merge_events([report("control_change", "shaar", 6, "a.txt")], gazetteer)[0] == []


def test_an_undated_capture_without_a_side_joins_only_one_day(gazetteer):
    one_day, _ = merged([report("control_change", "haydariya", 8, "a.txt", to="government"),
                         report("control_change", "haydariya", None, "b.txt", basis="none")], gazetteer)
    assert only(one_day).to == "government" and one_day[0].corroboration == 2
    two_days, incomplete = merged([report("control_change", "haydariya", 8, "a.txt", to="government"),
                                   report("control_change", "haydariya", 9, "b.txt", to="government"),
                                   report("control_change", "haydariya", None, "c.txt", basis="none")], gazetteer)
    assert len(two_days) == 2 and len(incomplete) == 1


# ---------------------------------------------------------------- contradictions

def test_reports_naming_different_takers_are_never_joined(gazetteer):
    events, _ = merged([report("control_change", "sheikh-saeed", 12, "a.txt", to="government"),
                        report("control_change", "sheikh-saeed", 12, "b.txt", to="rebels")], gazetteer)
    assert len(events) == 2 and all(any("sources disagree" in f for f in e.flags) for e in events)


def test_precise_days_apart_are_kept_apart_and_flagged(gazetteer):
    events, _ = merged([report("control_change", "sheikh-saeed", 12, "a.txt", to="government"),
                        report("control_change", "sheikh-saeed", 16, "b.txt", to="government")], gazetteer)
    assert len(events) == 2 and all(any("sources give different days" in f for f in e.flags) for e in events)


def test_the_merge_does_not_depend_on_the_order_of_the_reports(gazetteer):
    reports = [report("strike", "sheikh-saeed", 12, "a.txt"), report("strike", "sheikh-saeed", None, "b.txt"),
               report("control_change", "sheikh-saeed", 12, "c.txt", to="government"),
               report("control_change", "sheikh-saeed", 12, "d.txt"),
               report("evacuation", "east-aleppo", 16, "e.txt", precision="approximate"),
               report("evacuation", "east-aleppo", 15, "f.txt")]
    forward, _ = merged([*reports], gazetteer)
    backward, _ = merged([*reversed(reports)], gazetteer)
    assert repr(forward) == repr(backward)


def test_a_thousand_reports_of_one_event_become_one_event_with_every_source_and_another_day_stays_apart(gazetteer):
    reports = [report("strike", "sheikh-saeed", 12, f"{n:04}.txt") for n in range(1000)]
    reports.insert(500, report("strike", "sheikh-saeed", 20, "other-day.txt"))
    events, _ = merged(reports, gazetteer)
    assert len(events) == 2
    assert sorted((e.date.day, len(e.sources)) for e in events) == [(12, 1000), (20, 1)]

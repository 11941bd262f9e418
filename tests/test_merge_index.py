"""The merge at scale: folding less precise reports into more precise ones goes through an
index (type, day, the place's parent chain) and looks again only at the events a fold touched,
yet folds exactly as the plain rule says: the first event in sort order that another covers
folds into the first such other in sort order, then the search starts again."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geomap import merge
from geomap.gazetteer import Gazetteer
from geomap.models import Event, Source

PLACES = ["aleppo", "east-aleppo", "west-aleppo", "sheikh-saeed", "al-amiriyah", "ramouseh",
          "aleppo-governorate", "idlib", "syria"]
START = date(2016, 12, 1)


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer.load()


def fold_by_trying_every_pair(events, absorbs, gazetteer):
    """The rule itself: sort, try every pair in order, fold the first, start again."""
    result = list(events)
    while True:
        ordered = sorted(result, key=merge.sort_key)
        pair = next(((event, target) for event in ordered for target in ordered
                     if target is not event and target.type == event.type and absorbs(event, target)), None)
        if pair is None:
            return result
        event, target = pair
        result = [e for e in result if e is not event and e is not target]
        result.append(merge._combine([target, event], primary=target))


@st.composite
def reports(draw):
    """Reports of strikes and evacuations at nested places, on close days, some with a window,
    some with no day, some evacuations with a route."""
    count = draw(st.integers(min_value=1, max_value=14))
    found = []
    for n in range(count):
        kind = draw(st.sampled_from(["strike", "evacuation"]))
        day = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=4)))
        when = START + timedelta(days=day) if day is not None else None
        window = None
        if when and draw(st.booleans()):
            window = (when - timedelta(days=draw(st.integers(0, 2))), when + timedelta(days=draw(st.integers(0, 2))))
        route = ()
        if kind == "evacuation" and draw(st.booleans()):
            route = (draw(st.sampled_from(PLACES)), draw(st.sampled_from(["idlib", "west-aleppo"])))
        source = Source(article=f"{n:02d}.txt", sentence="...", start=0, end=3, published=START,
                        published_basis=draw(st.sampled_from(["metadata", "corpus"])))
        found.append(Event(type=kind, date=when, precision=("approximate" if window else "day") if when else "unknown",
                           window=window, place_id=route[0] if route else draw(st.sampled_from(PLACES)),
                           route=route, sources=[source]))
    return found


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(found=reports())
def test_the_indexed_fold_folds_as_trying_every_pair(found, gazetteer, monkeypatch):
    indexed = merge.merge_events([_copy(e) for e in found], gazetteer)
    with monkeypatch.context() as patched:
        patched.setattr(merge, "_fold_into", fold_by_trying_every_pair)
        plain = merge.merge_events([_copy(e) for e in found], gazetteer)
    assert indexed == plain


def test_a_city_wide_strike_folds_into_the_neighbourhood_strike_of_that_day_not_of_another(gazetteer):
    def strike(place, day, article):
        return Event(type="strike", date=START + timedelta(days=day), precision="day", window=None, place_id=place,
                     sources=[Source(article=article, sentence="...", start=0, end=3)])
    events, _ = merge.merge_events([strike("sheikh-saeed", 1, "a.txt"), strike("aleppo", 1, "b.txt"),
                                    strike("ramouseh", 2, "c.txt")], gazetteer)
    assert [(e.place_id, e.corroboration) for e in events] == [("sheikh-saeed", 2), ("ramouseh", 1)]


def _copy(event: Event) -> Event:
    return Event(**{**event.__dict__, "sources": list(event.sources), "flags": list(event.flags)})

"""The reviewed file's round trip, for any text an article may hold: an event written as an
entry and read back is the same event, its fingerprint says it is unchanged, and a second
write gives the same bytes; a field changed by hand changes the fingerprint."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings, strategies as st

from geomap.models import EVENT_TYPES, PRECISIONS, STATUSES, Event, Source
from geomap.review import document
from geomap.review.entries import changed_by_hand, group_of, to_entry, to_event

text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=80)
given_text = st.none() | text.filter(bool)   # an outlet, url or title: none, or some text
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def events(draw) -> Event:
    day = draw(st.none() | days)
    sources = draw(st.lists(st.builds(Source, article=text, sentence=text, start=st.integers(0, 10**6),
                                      end=st.integers(0, 10**6), outlet=given_text, url=given_text,
                                      title=given_text, published=st.none() | days,
                                      published_basis=st.sampled_from(("metadata", "text", "corpus", "none"))),
                            max_size=3))
    kind = draw(st.sampled_from(EVENT_TYPES))
    return Event(type=kind, date=day, precision=draw(st.sampled_from(PRECISIONS)), window=None,
                 place_id=draw(st.none() | st.sampled_from(("aleppo", "east-aleppo", "aleppo~south"))),
                 route=tuple(draw(st.lists(st.sampled_from(("aleppo", "idlib")), max_size=2))),
                 to=draw(st.none() | st.sampled_from(("government", "rebels"))) if kind == "control_change" else None,
                 actors=tuple(draw(st.lists(text, max_size=2))), status=draw(st.sampled_from(STATUSES)),
                 people=draw(st.none() | st.integers(0, 10**6)), place_text=draw(text),
                 sources=sources, flags=draw(st.lists(text, max_size=2)), id="ev-0123456789")


def written_and_read(event: Event, tmp: Path):
    review_file = document.new(tmp / "events.yaml")
    review_file.add(group_of(event), to_entry(event, event.place_text))
    document.write(review_file)
    return document.read(tmp / "events.yaml")


@settings(max_examples=60, deadline=None)
@given(event=events())
def test_an_event_written_and_read_back_is_the_same_event(tmp_path_factory, event):
    tmp = tmp_path_factory.mktemp("roundtrip")
    read = written_and_read(event, tmp)
    [entry] = read.entries()
    back = to_event(entry)
    assert not changed_by_hand(entry)
    assert (back.type, back.date, back.precision, back.place_id, back.route, back.to, back.actors, back.status,
            back.people, back.flags, back.sources) == \
        (event.type, event.date, event.precision, event.place_id, event.route, event.to, event.actors,
         event.status, event.people, event.flags, event.sources)
    assert document.dump(read) == (tmp / "events.yaml").read_text(encoding="utf-8")


def test_a_field_changed_by_hand_changes_the_fingerprint(tmp_path):
    event = Event(type="strike", date=date(2016, 12, 12), precision="day", window=None, place_id="aleppo",
                  sources=[Source("a.txt", "Des frappes ont visé Alep.", 0, 26)], id="ev-0123456789")
    [entry] = written_and_read(event, tmp_path).entries()
    entry["date"] = document.DateText("2016-12-13")
    assert changed_by_hand(entry)

"""The events step: each filled set of roles becomes an Event, quoting its sentence."""
from __future__ import annotations

from ..models import Event, Source
from .document import Document, Roles, SentenceLayers


def build_events(doc: Document, index: int) -> None:
    """Fills each sentence's `events` layer from its `roles`."""
    layer = doc.sentences[index]
    layer.events = [event_of(doc, layer, roles) for roles in layer.roles]


def event_of(doc: Document, layer: SentenceLayers, roles: Roles) -> Event:
    """The Event of one set of roles; a route continued from an evacuation told before keeps
    that one's day when its own sentence names none. A route with a point the gazetteer does
    not know ("from the X district", X unknown) cannot be drawn: the event keeps its place
    as written, without a route."""
    a, sentence = doc.article, layer.sentence
    day, precision, window, _ = roles.time
    if roles.day_from and not any(x.day and x.precision == "day" for x in layer.dates):
        day, precision, window = roles.day_from.date, roles.day_from.precision, roles.day_from.window
    source = Source(article=a.name, sentence=sentence.text, start=sentence.start, end=sentence.end,
                    outlet=a.outlet, url=a.url, title=a.title, published=a.published,
                    published_basis=a.published_basis)
    return Event(type=roles.type, date=day, precision=precision, window=window, place_id=roles.place_id,
                 route=_drawable(roles.route), to=roles.to, from_=roles.from_,
                 actors=tuple(sorted({x.actor for x in layer.actors})), status=roles.status,
                 people=roles.people, place_text=roles.place_text, sources=[source], flags=list(roles.flags))


def _drawable(route: tuple) -> tuple:
    """The route when every point of it is a known place, else none."""
    return route if all(route) else ()

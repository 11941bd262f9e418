"""The reviewed file applied to a build: the events drawn, and those still awaiting review.

Rejected events are never drawn, nor orphaned ones (their articles are gone); events as
extracted are drawn unless the config hides what nobody verified (`review.hide_unverified`);
verified, edited and manual events are drawn as the file says, with the file's sources.
"""
from __future__ import annotations

from geomap.merge import sort_key
from geomap.models import Event

from .document import ReviewFile
from .entries import to_event

NEVER_DRAWN = ("rejected", "orphaned")
UNVERIFIED = "extracted"


def file_events(review_file: ReviewFile) -> list[Event]:
    """Every event of the file, with its review state, in date order."""
    return sorted((to_event(entry) for entry in review_file.entries()), key=sort_key)


def drawn(events: list[Event], hide_unverified: bool = False) -> list[Event]:
    """The events the maps and exports show."""
    return [e for e in events if e.review not in NEVER_DRAWN and not (hide_unverified and e.review == UNVERIFIED)]


def awaiting(events: list[Event]) -> list[Event]:
    """The events nobody has reviewed yet (as extracted), for the index page."""
    return [e for e in events if e.review == UNVERIFIED]

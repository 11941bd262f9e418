"""The plain records that flow through the pipeline, one stage to the next.

articles -> Article; places -> Place, Mention; dates -> DateExpr;
events -> Event (with Source), StatedShare, Pocket; control -> ControlSnapshot. Nothing here does I/O.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

# The vocabularies, each defined here once; every other module takes them from here.
EVENT_TYPES = ("control_change", "evacuation", "strike", "clash", "ceasefire",
               "diplomacy", "displacement")          # in the order pages list them
STATUSES = ("happened", "attempted", "failed", "planned")
PRECISIONS = ("day", "approximate", "unknown")
# how an article's publication date was found: front matter or config, a dateline or the page's
# "published" stamp, what the text says (a day given as today, full dates, weekday words), the
# dated articles that report the same events, or not at all (geomap.dating)
PUBLISHED_BASES = ("metadata", "dateline", "text", "corpus", "none")
# how far a journalist has checked an event (geomap.review): as extracted; checked and right;
# corrected by hand; false (never drawn); added by hand; extracted once, its articles gone
REVIEW_STATES = ("extracted", "verified", "edited", "rejected", "manual", "orphaned")
PLACE_TYPES = ("neighbourhood", "landmark", "district", "region", "city", "town", "governorate",
               "country")
WITHIN_A_CITY = ("neighbourhood", "landmark", "district")   # the place types that are parts of a city
# what holds an area besides the configured sides: several sides (the sources disagree or
# the area is divided), or nobody reported
CONTESTED, UNKNOWN = "contested", "unknown"
HOLDER_STATES = (CONTESTED, UNKNOWN)


@dataclass(frozen=True)
class Sentence:
    """One sentence of an article body, with offsets into the article's decoded text."""
    text: str
    start: int
    end: int
    paragraph: int


@dataclass(frozen=True)
class Article:
    """An article as read from disk, with page furniture already removed."""
    path: str                     # as given on the command line or in config
    name: str                     # file name: the source id used in every export
    text: str                     # the whole decoded text (offsets point into it)
    sentences: tuple[Sentence, ...]
    language: str                 # "fr", "en", ...
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    published_basis: str = "none"  # how `published` was found: one of PUBLISHED_BASES
    published_text: str | None = None  # the metadata's `published` when it is no ISO date: geomap.dating reads it
    dropped: tuple[str, ...] = ()  # what furniture removal cut, one line each, for the log


@dataclass(frozen=True, eq=False)
class Place:
    """A gazetteer entry. `geometry` is a shapely geometry or None."""
    id: str
    type: str                     # neighbourhood, landmark, district, region, city, town,
                                  # governorate, country
    names: tuple[str, ...]        # the first is the preferred English/source label
    labels: dict[str, str] = field(default_factory=dict)  # language -> preferred label
    parent: str | None = None
    lat: float | None = None
    lon: float | None = None
    geometry: Any = None
    source: str = ""
    licence: str = ""
    notes: str = ""

    @property
    def located(self) -> bool:
        return self.lat is not None and self.lon is not None

    def label(self, language: str = "en") -> str:
        return self.labels.get(language) or self.names[0]


@dataclass(frozen=True)
class Mention:
    """A place name found in text: its span, and what it resolved to (if anything)."""
    text: str
    start: int                    # offsets into the string that was searched
    end: int
    place_id: str | None          # None: looked like a place, matched nothing
    confidence: float = 1.0       # 1.0 exact alias; < 1 normalised or fuzzy
    method: str = "alias"         # alias | normalised | fuzzy | derived | geocoder | anaphora ("la ville")
    role: str = "location"        # location | dateline (where the reporter filed from)
    whole: tuple = ()             # a part's phrase: (id, name) of the whole it names ("Alep-est" in "le nord d'Alep-est")


@dataclass(frozen=True)
class DateExpr:
    """A date expression in a sentence, resolved against the publication date."""
    text: str
    start: int
    end: int
    day: date | None              # the best single day, None when unresolvable
    precision: str = "day"        # day | approximate | unknown
    window: tuple[date, date] | None = None
    tense: str = "past"           # past | future (from the expression itself)


@dataclass(frozen=True)
class Source:
    """Where an event was read: the article and the sentence."""
    article: str                  # file name
    sentence: str
    start: int
    end: int
    outlet: str | None = None
    url: str | None = None
    title: str | None = None
    published: date | None = None
    published_basis: str = "none"  # one of PUBLISHED_BASES


@dataclass
class Event:
    """One real-world event, possibly told by several sources."""
    type: str
    date: date | None
    precision: str                # day | approximate | unknown
    window: tuple[date, date] | None
    place_id: str | None          # where it happened (the origin for a route)
    route: tuple[str, ...] = ()   # evacuation: origin, stops..., destination
    to: str | None = None         # control_change: the faction that took control
    from_: str | None = None
    actors: tuple[str, ...] = ()
    status: str = "happened"      # happened | attempted | failed | planned
    people: int | None = None
    place_text: str = ""          # the place as written, for unresolved places
    sources: list[Source] = field(default_factory=list)
    flags: list[str] = field(default_factory=list)
    id: str = ""
    review: str = ""              # one of REVIEW_STATES; "" when no reviewed file is used

    @property
    def corroboration(self) -> int:
        return len({s.article for s in self.sources})


@dataclass(frozen=True)
class ControlSnapshot:
    """Who holds each mapped area on one date (the state holds until the next date)."""
    date: date
    holder: dict[str, str]        # area place_id -> a configured side, or one of HOLDER_STATES
    changed: tuple[str, ...] = () # areas whose holder changed on this date
    shares: dict[str, float] = field(default_factory=dict)  # faction -> share (0..1) of the contested area
    basis: dict = field(default_factory=dict)  # area place_id -> AreaBasis: why it has its holder
    stated: tuple = ()            # the StatedShares said of this date's contested area
    disagreements: tuple = ()     # (StatedShare, computed share) more than 10 points apart


# why an area has its holder on a date (geomap.control): the start, a reported change, a share
# or a pocket an article states, the polygons' neighbours, or the newsroom's trusted timeline
BASES = ("baseline", "reported", "stated share", "pocket", "inferred", "timeline")


@dataclass(frozen=True)
class AreaBasis:
    """Why an area has its holder: one of BASES, and the article (or file) and sentence."""
    kind: str
    source: str = ""
    quote: str = ""


@dataclass(frozen=True)
class StatedShare:
    """A share of territory an article states: `side` holds `share` (0..1) of `of_place`
    (None: the area the story is about) on `date`; `source` is the article, `quote` the sentence."""
    side: str
    share: float
    of_place: str | None
    date: date | None
    source: str
    quote: str


@dataclass(frozen=True)
class Pocket:
    """An article's statement that `side` holds only `places` (place ids; none named: one
    pocket) on `date`: the rest of what it held has passed to its opponent."""
    side: str
    places: tuple[str, ...]
    date: date | None
    source: str
    quote: str

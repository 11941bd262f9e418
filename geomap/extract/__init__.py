"""Read events out of articles: what happened, where, on which day, by whom, said where.

An `Extractor` reads each article into a `Document` (document.py) whose layers its steps
fill in order: the places the gazetteer finds (places.py), the date expressions (dates.py),
the actors (actors.py), the event words of the language (triggers.py, from
geomap/lang/<code>/events.yaml), the places, sides and day of each event word (roles.py,
with the distances of spans.py), its status (status.py), and the events (builder.py). What
a sentence leaves for the next ones (the paragraph's day, the side named last...) is the
document's `Memory` (memory.py). Questions, negations, tallies "depuis le début de
l'offensive" and calls for a truce are not events; announced ones are kept as `planned`.
`geomap.merge` then joins the reports of one event told several times.
"""
from __future__ import annotations

from .document import Document
from .extractor import Extractor
from .grammar import topic_patterns
from .settings import Settings

__all__ = ["Document", "Extractor", "Settings", "topic_patterns"]

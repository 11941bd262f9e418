"""A new extraction merged into the reviewed file, without losing anything the user wrote.

Each event of the extraction is an entry of the file (geomap.review.ids) or a new one:
- an entry still as extracted (or orphaned) takes the extraction's fields, in place: its key
  order, its comments and its sources' comments kept where nothing changed;
- an entry the user verified, edited, rejected or added by hand is kept as written, every
  field of it; an entry marked extracted whose fields the user changed is marked edited first;
- a new event is added as extracted, at the end of its date group;
- an entry as extracted that the extraction no longer finds (its articles removed) is marked
  orphaned, never dropped; it comes back as extracted when its event is found again.
An event added by hand without an id is given one. The flags that name other events ('see
ev-…') name them by their ids in the file.
"""
from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable

from ruamel.yaml.comments import CommentedMap, CommentedSeq

from geomap.models import Event

from .document import ReviewFile
from .entries import changed_by_hand, group_of, to_entry, to_event
from .ids import manual_id, match, renamed_flags, source_keys, unique_id

MACHINE_OWNED = ("extracted", "orphaned")


@dataclass
class MergeSummary:
    """What a merge did, for the command's summary."""
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    kept: Counter = field(default_factory=Counter)          # review state -> entries kept as written
    marked_edited: list[str] = field(default_factory=list)  # changed by hand, still marked extracted
    named: list[str] = field(default_factory=list)          # events added by hand, given an id
    orphaned: list[str] = field(default_factory=list)
    new_sources: list[str] = field(default_factory=list)    # reviewed events that more reports now tell
    unread: list[str] = field(default_factory=list)         # reviewed events none of whose articles was read

    def lines(self, path) -> list[str]:
        """The summary, one line each: what was added and kept, then what needs a look."""
        kept = ", ".join(f"{n} {state}" for state, n in sorted(self.kept.items()))
        lines = [f"{path}: {len(self.added)} new events, {len(self.updated)} updated as extracted"
                 + (f", kept as reviewed: {kept}" if kept else "")]
        for ids, what in ((self.marked_edited, "changed by hand, now marked edited"),
                          (self.named, "added by hand, given an id"),
                          (self.orphaned, "orphaned (no longer found in the articles read; not drawn)"),
                          (self.new_sources, "reviewed, and now told by more reports than the file cites"),
                          (self.unread, "reviewed, citing only articles this run did not read")):
            if ids:
                lines.append(f"{path}: {len(ids)} {what}: {', '.join(ids)}")
        return lines


def merge(review_file: ReviewFile, fresh: list[Event], place_name: Callable[[Event], str],
          articles_read: set[str]) -> MergeSummary:
    """Merge the extraction's events (geomap.merge.merge_events) into the checked file, in place.

    Parameters
    ----------
    review_file : ReviewFile
        The reviewed file, checked (geomap.review.checks); changed in place.
    fresh : list of Event
        The events of the new extraction, with their ids.
    place_name : callable
        An event's place label, or its place as written, for the entries.
    articles_read : set of str
        The names of the articles this run read.
    """
    summary = MergeSummary()
    entries = review_file.entries()
    known = [_known_event(entry, summary) for entry in entries]
    _name_manual(entries, known, summary)
    claimed = match(fresh, known)
    final = _final_ids(fresh, known, claimed)
    renamed = {event.id: final[i] for i, event in enumerate(fresh)}
    events = [_renamed(event, final[i], renamed) for i, event in enumerate(fresh)]
    for i, event in enumerate(events):
        if i in claimed:
            _update(entries[claimed[i]], known[claimed[i]], event, place_name, summary)
        else:
            review_file.add(group_of(event), to_entry(event, place_name(event)))
            summary.added.append(event.id)
    matched = set(claimed.values())
    for j, entry in enumerate(entries):
        if j not in matched:
            _unmatched(entry, known[j], articles_read, summary)
    return summary


def _known_event(entry: CommentedMap, summary: MergeSummary) -> Event:
    if entry.get("review") in MACHINE_OWNED and changed_by_hand(entry):
        entry["review"] = "edited"
        summary.marked_edited.append(str(entry.get("id")))
    return to_event(entry)


def _name_manual(entries: list[CommentedMap], known: list[Event], summary: MergeSummary) -> None:
    used = {e.id for e in known if e.id}
    for entry, event in zip(entries, known):
        if not event.id:
            event.id = manual_id(event, used)
            used.add(event.id)
            entry.insert(0, "id", event.id)
            summary.named.append(event.id)


def _final_ids(fresh: list[Event], known: list[Event], claimed: dict[int, int]) -> dict[int, str]:
    """index in `fresh` -> its id in the file: its entry's, or its own made unique."""
    used = {e.id for e in known}
    final = {i: known[j].id for i, j in claimed.items()}
    for i, event in enumerate(fresh):
        if i not in final:
            final[i] = unique_id(event, used)
            used.add(final[i])
    return final


def _renamed(event: Event, final_id: str, renamed: dict[str, str]) -> Event:
    """A copy of the event with its id in the file, naming other events by theirs."""
    return replace(event, id=final_id, flags=renamed_flags(event.flags, renamed))


def _update(entry: CommentedMap, reviewed: Event, event: Event, place_name, summary: MergeSummary) -> None:
    state = str(entry.get("review"))
    if state in MACHINE_OWNED:
        if refresh(entry, to_entry(event, place_name(event))):
            summary.updated.append(event.id)
        return
    summary.kept[state] += 1
    if source_keys(event.sources) - source_keys(reviewed.sources):
        summary.new_sources.append(reviewed.id)


def _unmatched(entry: CommentedMap, event: Event, articles_read: set[str], summary: MergeSummary) -> None:
    state = str(entry.get("review"))
    if state in MACHINE_OWNED:
        entry["review"] = "orphaned"
        summary.orphaned.append(event.id)
        return
    summary.kept[state] += 1
    cited = {s.article for s in event.sources}
    if state != "manual" and cited and not cited & articles_read:
        summary.unread.append(event.id)


# ---------------------------------------------------------------- updating an entry in place

def plain(value):
    """A ruamel value as plain Python (mappings, lists, dates as text), for comparing."""
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value) if isinstance(value, str) else value


def refresh(entry: CommentedMap, new: CommentedMap) -> bool:
    """Give `entry` the keys and values of `new` in place (comments stay on the keys that stay,
    and on the sources that stay); True when something changed."""
    changed = False
    for key in [k for k in entry if k not in new]:
        del entry[key]
        changed = True
    for position, (key, value) in enumerate(new.items()):
        if key not in entry:
            entry.insert(min(position, len(entry)), key, value)
            changed = True
        elif plain(entry[key]) != plain(value):
            entry[key] = _reusing(entry[key], value)
            changed = True
    return changed


def _reusing(old, new):
    """`new`, but a list keeps the items of `old` equal to its own (and their comments)."""
    if not (isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq)) or new.fa.flow_style():
        return new
    pool = list(old)
    items = []
    for item in new:
        same = next((o for o in pool if plain(o) == plain(item)), None)
        if same is not None:
            pool.remove(same)
        items.append(item if same is None else same)
    return CommentedSeq(items)

"""Progress bars for the long stages (reading, extracting, drawing), on stderr, by tqdm.

Off unless the command line turns them on (`geomap build` and `geomap extract` do when stderr
is a terminal and `-q` is not given), so tests, CI logs and pipes get no bar at all. tqdm is
used because it redraws one line in place, sizes itself to the terminal and leaves nothing
behind (`leave=False`).
"""
from __future__ import annotations

import sys
from typing import Iterable, Iterator, TypeVar

Item = TypeVar("Item")
_state = {"on": False}


def enable(on: bool) -> None:
    """Turn the bars on or off for this process."""
    _state["on"] = bool(on)


def wanted(quiet: bool) -> bool:
    """True when a bar helps: stderr is a terminal and the user did not ask for quiet."""
    return not quiet and sys.stderr.isatty()


def progress(items: Iterable[Item], label: str, unit: str = "article") -> Iterator[Item] | Iterable[Item]:
    """The items, with a bar on stderr while they are gone through when bars are on."""
    if not _state["on"]:
        return items
    from tqdm import tqdm
    return tqdm(items, desc=label, unit=unit, file=sys.stderr, leave=False, dynamic_ncols=True)

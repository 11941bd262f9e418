"""The newsroom's trusted timeline (config `control.timeline`): a CSV of control changes with
the columns `date, place_id, side, source`, one change a row. Its rows override what was
extracted or inferred from their date on, and each area they move says so (basis `timeline`).
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from datetime import date
from pathlib import Path

COLUMNS = ("date", "place_id", "side", "source")


class TimelineError(Exception):
    """A timeline file that cannot be used; the message is one line naming the file and line."""


@dataclass(frozen=True)
class TimelineRow:
    """One trusted change: from `date` on, `side` holds `place_id`, as `source` says."""
    date: date
    place_id: str
    side: str
    source: str


def load_timeline(path: Path, sides, areas) -> list[TimelineRow]:
    """The rows of a trusted timeline, in date order.

    Parameters
    ----------
    path : Path
        The CSV file.
    sides : collection of str
        The holders a row may name (the configured factions, `contested`, `unknown`).
    areas : collection of str
        The mapped areas a row may name (the baseline's place ids).

    Raises
    ------
    TimelineError
        The file cannot be read, lacks a column, or a row has a bad date, area or side.
    """
    try:
        with path.open(encoding="utf-8-sig", newline="") as f:
            reader = csv.DictReader(f)
            missing = [c for c in COLUMNS if c not in (reader.fieldnames or ())]
            if missing:
                raise TimelineError(f"{path}:1: the control timeline needs the columns {', '.join(COLUMNS)} "
                                    f"(missing: {', '.join(missing)})")
            rows = [_row(path, line, raw, sides, areas) for line, raw in enumerate(reader, start=2)]
    except OSError as e:
        raise TimelineError(f"{path}: cannot read the control timeline ({e.strerror or e})") from None
    except (UnicodeDecodeError, csv.Error) as e:
        raise TimelineError(f"{path}: the control timeline is not a UTF-8 CSV ({e})") from None
    return sorted(rows, key=lambda r: (r.date, r.place_id))


def _row(path: Path, line: int, raw: dict, sides, areas) -> TimelineRow:
    text = {c: (raw.get(c) or "").strip() for c in COLUMNS}
    try:
        day = date.fromisoformat(text["date"])
    except ValueError:
        raise TimelineError(f"{path}:{line}: '{text['date']}' is not a date (YYYY-MM-DD)") from None
    if text["place_id"] not in areas:
        raise TimelineError(f"{path}:{line}: '{text['place_id']}' is not an area of the control baseline")
    if text["side"] not in sides:
        raise TimelineError(f"{path}:{line}: unknown side '{text['side']}' (known: {', '.join(sorted(sides))})")
    return TimelineRow(day, text["place_id"], text["side"], text["source"] or path.name)

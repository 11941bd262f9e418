"""Date windows: a part of a month ("mi-décembre"), a whole month or year ("en mars 2016"), a
season of a year ("l'été 2012"), a calendar week ("la semaine dernière"); and the year of a day
written without one. geomap.extract.dates finds the expressions and calls these with its grammar
(`months`, `month_parts`, `seasons`)."""
from __future__ import annotations

import re
from calendar import monthrange
from datetime import MAXYEAR, MINYEAR, date, timedelta


def shift(day: date | None, days: int) -> date | None:
    """`day` moved by `days`; None without a day or past either end of the calendar."""
    if day is None:
        return None
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return None


def infer_year(month: int, day: int, weekday: int | None, anchor: date | None,
               year_hint: int | None, future: bool = False) -> int | None:
    """The year of a day and month given without one.

    A weekday fixes it (nearest matching year to the anchor); otherwise the occurrence
    nearest the anchor, on the side the tense says (past: not after the anchor but for a
    day of slack; future: not before it).
    """
    base = anchor or (date(year_hint, 7, 1) if year_hint and MINYEAR <= year_hint <= MAXYEAR else None)
    if base is None:
        return None
    candidates = []
    for year in range(base.year - 12, base.year + 13):
        try:
            d = date(year, month, day)
        except ValueError:
            continue
        if weekday is not None and d.weekday() != weekday:
            continue
        candidates.append(d)
    if not candidates:
        return None
    if weekday is not None or anchor is None:
        return min(candidates, key=lambda d: (abs((d - base).days), d)).year
    if future:
        ahead = [d for d in candidates if d >= anchor]
        return min(ahead).year if ahead else None
    behind = [d for d in candidates if d <= (shift(anchor, 1) or anchor)]
    return max(behind).year if behind else None


def month_part_window(m, g, anchor, year_hint, future):
    first, last = g.month_parts[re.sub(r"\s+", " ", m["part"])]
    month = g.months[re.sub(r"\s+", " ", m["m"])]
    year = int(m["y"]) if m["y"] else infer_year(month, 1, None, anchor, year_hint, future)
    if year is None:
        return None, "unknown", None, "past"
    start = date(year, month, first)
    end = date(year, month, min(last, monthrange(year, month)[1]))
    middle = start + (end - start) / 2
    return middle, "approximate", (start, end), "future" if future else "past"


def period_window(m, g, anchor, year_hint, future):
    """A whole month ("en mars", "in March 2016") or year ("en 2012"), as a window; its day is
    the window's last (a past one not after the anchor). The anchor's own year says nothing."""
    if not m["m"]:
        year = int(m["yo"])
        if anchor and year == anchor.year:
            return None
        start, end = date(year, 1, 1), date(year, 12, 31)
    else:
        month = g.months[re.sub(r"\s+", " ", m["m"])]
        year = int(m["y"]) if m["y"] else infer_year(month, 1, None, anchor, year_hint, future)
        if year is None:
            return None, "unknown", None, "past"
        start, end = date(year, month, 1), date(year, month, monthrange(year, month)[1])
    last = min(end, anchor) if anchor and not future and start <= anchor else end
    return last, "approximate", (start, end), "future" if future else "past"


def season_window(m, g, anchor, future):
    """A season of a year ("l'été 2012"), as the window of its months (winter runs on into the
    next year); its day is the window's last, or the anchor within it."""
    first, last = g.seasons[re.sub(r"\s+", " ", m["season"])]
    year = int(m["y"])
    start = date(year, first, 1)
    end_year = year + 1 if last < first else year
    end = date(end_year, last, monthrange(end_year, last)[1])
    day = min(end, anchor) if anchor and not future and start <= anchor else end
    return day, "approximate", (start, end), "future" if future else "past"


def week_window(offset: int, anchor):
    """A calendar week (Monday to Sunday) `offset` weeks from the publication's: "la semaine
    dernière" is the whole previous week; its best single day is its last, or publication."""
    monday = shift(anchor, 7 * offset - anchor.weekday()) if anchor else None
    if monday is None:
        return None, "unknown", None, "past"
    last = min(shift(monday, 6) or date.max, anchor)
    return last, "approximate", (monday, last), "past"

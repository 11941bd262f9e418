"""Find date expressions in a sentence and resolve them to days.

Absolute dates ("21 décembre 2016", "Décembre 14, 2016", "14/12/2016"), dates without a
year ("le 20 décembre", "ce jeudi 15 décembre": the weekday or the nearest year fixes it),
weekdays ("lundi" is the latest Monday on or before publication, "samedi" in a sentence in
the future tense is the next one), words relative to the publication date ("hier", "ce
matin"), to the date the text was just talking about ("la veille"), and vague words that
only give a window ("récemment", "mi-novembre"). The words of each language are in
geomap/lang/<code>/dates.yaml. `FindDates` is the extraction step that fills each
sentence's `dates` layer.
"""
from __future__ import annotations

import bisect

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from .. import lang
from ..models import DateExpr
from ..text import alternation, fold
from . import arguments
from .background import reference_spans
from .document import Document
from .windows import infer_year, month_part_window, period_window, season_window, shift, week_window


NARRATIVE = ("narrative", "offset")  # kinds counted from the day named before them in the sentence
TENSE_REACH = 60  # characters around a date expression whose tense decides it ("se tiendraient samedi")


@dataclass(frozen=True)
class _Grammar:
    months: dict[str, int]
    weekdays: dict[str, int]
    patterns: list[tuple[str, re.Pattern]]
    relative: dict[str, int]
    narrative: dict[str, int]
    recent: dict[str, int]
    weeks: dict[str, int]
    month_parts: dict[str, tuple[int, int]]
    seasons: dict[str, tuple[int, int]]
    counts: dict[str, int]
    future: list[re.Pattern]
    past_words: frozenset[str]
    next_words: frozenset[str]
    numeric_order: str
    month_day_alone: bool
    name: re.Pattern   # a capitalised word past the first (in the language's script): a name


def _folded_keys(mapping: dict) -> dict:
    return {fold(k): v for k, v in (mapping or {}).items()}


@lru_cache(maxsize=None)
def grammar(language: str) -> _Grammar:
    """The compiled date grammar of one language."""
    data = lang.load(language, "dates")
    months, weekdays = _folded_keys(data.get("months")), _folded_keys(data.get("weekdays"))
    month = alternation(months)
    wday = alternation(weekdays)
    ords = "|".join(re.escape(s) for s in data.get("ordinal_suffixes", []))
    ordinal = f"(?:{ords})?" if ords else ""
    parts = alternation(fold(p) for p in data.get("day_parts", []))
    this = alternation(fold(p) for p in data.get("this_words", []))
    past, nxt = data.get("past_words", []), data.get("next_words", [])
    mod = alternation(fold(p) for p in past + nxt)
    night = data.get("night_of") or {}
    year = r"(?P<y>(?:19|20)\d\d)"
    patterns = [
        ("dmy", rf"(?:(?P<this>{this})\s+)?(?:(?P<wd>{wday})\s+)?(?<!\d)(?P<d>[0-3]?\d){ordinal}\s+(?P<m>{month})(?:,?\s+{year})?(?:\s+(?P<mod>{mod}))?"),
        ("mdy", rf"(?:(?P<wd>{wday}),?\s+)?(?P<m>{month})\s+(?P<d>[0-3]?\d){ordinal}(?:[-–](?P<d2>[0-3]?\d))?(?![\d:])(?:,?\s+{year})?"),
        ("iso", r"(?<!\d)(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)"),
        ("numeric", r"(?<![\d/.])(?P<a>[0-3]?\d)[/.](?P<b>[0-3]?\d)[/.](?P<y>(?:19|20)\d\d)(?!\d)"),
        ("month_part", rf"(?P<part>{alternation(_folded_keys(data.get('month_parts')))})\s*(?P<m>{month})(?:\s+{year})?"),
        ("relative", alternation(_folded_keys(data.get("relative_days")))),
        ("narrative", alternation(_folded_keys(data.get("narrative_days")))),
        ("recent", alternation(_folded_keys(data.get("recent_windows")))),
        ("week", alternation(_folded_keys(data.get("week_windows")))),
    ]
    lead = alternation(fold(w) for w in data.get("period_words", []))
    if lead:  # "en mars 2016", "in March", "en 2012": a whole month or year
        patterns += [("period", rf"(?<!\w)(?:{lead})\s+(?:(?P<m>{month})(?:\s+{year})?|(?P<yo>(?:19|20)\d\d))(?!\w)")]
    seasons = _folded_keys(data.get("seasons"))
    if seasons:  # "durant l'été 2012", "in the summer of 2012": a past span of months
        links = alternation(fold(w) for w in data.get("season_links", [])) or "(?!x)x"
        patterns.append(("season", rf"(?P<season>{alternation(seasons)})(?:\s+(?:{links}))?\s*{year}(?!\d)"))
    offsets = data.get("day_offsets")
    if offsets:  # "a day after", "deux jours plus tard": days from the day named before
        count = alternation(_folded_keys(offsets["counts"]))
        way = "|".join(f"(?P<{k}>{fold(offsets[k])})" for k in ("after", "before", "later"))
        patterns.append(("offset", rf"(?<!\w)(?P<n>{count}|\d{{1,2}})\s+{fold(offsets['unit'])}\s+(?:{way})"))
    if night:
        patterns.append(("night", rf"{fold(night['lead'])}\s+(?P<wd1>{wday})\s+{fold(night['link'])}\s+(?P<wd>{wday})"))
    patterns.append(("weekday", rf"(?:(?P<this>{this})\s+)?(?P<wd>{wday})(?:\s+(?:{parts}))?(?:\s+(?P<mod>{mod}))?"))
    return _Grammar(
        months=months, weekdays=weekdays,
        patterns=[(kind, re.compile(p)) for kind, p in patterns],
        relative=_folded_keys(data.get("relative_days")),
        narrative=_folded_keys(data.get("narrative_days")),
        recent=_folded_keys(data.get("recent_windows")),
        weeks=_folded_keys(data.get("week_windows")),
        month_parts={k: tuple(v) for k, v in _folded_keys(data.get("month_parts")).items()},
        seasons={k: tuple(v) for k, v in seasons.items()},
        counts=_folded_keys((offsets or {}).get("counts")),
        future=[re.compile(fold(p)) for p in data.get("future_cues", [])],
        past_words=frozenset(fold(w) for w in past),
        next_words=frozenset(fold(w) for w in nxt),
        numeric_order=data.get("numeric_order", "dmy"),
        month_day_alone=bool(data.get("month_day_alone", False)),
        name=re.compile(rf"(?<!^)\b{lang.script_of(language)['name_start']}[\w'’-]*"),
    )


def is_future(sentence: str, language: str) -> bool:
    """Whether the sentence speaks of what is to come (future, conditional, "prévu"). Names
    are masked first: "Ankara" or "Palmyra" end like a French future tense."""
    masked = fold(grammar(language).name.sub(lambda m: "_" * len(m.group(0)), sentence))
    return any(p.search(masked) for p in grammar(language).future)


class _Spans:
    """Spans that do not overlap, kept sorted: whether a new one overlaps any is a binary
    search (a sentence listing thousands of dates stays linear-logarithmic)."""

    def __init__(self):
        self.starts, self.ends = [], []

    def overlaps(self, start: int, end: int) -> bool:
        index = bisect.bisect_left(self.starts, end) - 1      # the last span starting before `end`
        return index >= 0 and self.ends[index] > start

    def add(self, start: int, end: int) -> None:
        index = bisect.bisect_left(self.starts, start)
        self.starts.insert(index, start)
        self.ends.insert(index, end)


def has_date(folded: str, language: str) -> bool:
    """Whether a folded sentence has a date expression (what `find_dates` would read)."""
    return any(m.end() > m.start() for _, pattern in grammar(language).patterns for m in pattern.finditer(folded))


def find_dates(sentence: str, language: str, published: date | None = None,
               narrative: date | None = None, year_hint: int | None = None,
               future_at=None) -> list[DateExpr]:
    """Every date expression of the sentence, resolved; sorted by position.

    `published` anchors relative words; `narrative` (the date the text was just talking
    about) anchors "la veille"; `year_hint` gives the year when nothing else does;
    `future_at(start, end)` says whether the verb governing an expression speaks of what is
    to come (True, False, or None when it cannot tell: then the words around it decide).
    """
    g = grammar(language)
    folded = fold(sentence)
    found = []
    for kind, pattern in g.patterns:
        for m in pattern.finditer(folded):
            if m.end() > m.start():
                found.append((m.start(), -(m.end() - m.start()), kind, m))
    chosen, taken = [], _Spans()
    for start, neg_len, kind, m in sorted(found, key=lambda t: (t[1], t[0])):
        end = start - neg_len
        if taken.overlaps(start, end):
            continue
        if kind == "mdy" and not (m.group("y") or m.group("wd") or g.month_day_alone):
            continue  # "mai 12" alone is too weak; "Décembre 14, 2016" or "Monday, December 14" is not
        chosen.append((start, end, kind, m))
        taken.add(start, end)
    exprs, last_day = [], None
    for start, end, kind, m in sorted(chosen, key=lambda c: c[0]):
        # "on Monday ... later that day": a narrative word follows the day named before it
        base = last_day or narrative
        # the tense of the clause around the expression, not of the whole sentence
        future = future_at(start, end) if future_at else None
        if future is None:
            future = is_future(sentence[max(0, start - TENSE_REACH):end + TENSE_REACH], language)
        resolved = _resolve(kind, m, g, published, base if kind in NARRATIVE else narrative, year_hint, future)
        if resolved is not None:
            day, precision, window, tense = resolved
            exprs.append(DateExpr(sentence[start:end], start, end, day, precision, window, tense))
            if day and precision == "day":
                last_day = day
    return exprs


def _resolve(kind, m, g: _Grammar, published, narrative, year_hint, future):
    anchor = published
    tense = "future" if future else "past"
    if kind in ("dmy", "mdy"):
        return _resolve_day_month(m, g, anchor, year_hint, future)
    if kind == "iso":
        return _exact(int(m["y"]), int(m["m"]), int(m["d"]))
    if kind == "numeric":
        return _exact(int(m["y"]), *_month_day(int(m["a"]), int(m["b"]), g.numeric_order))
    if kind == "relative":  # "demain", "tomorrow" speak of what is to come, whatever the verb
        offset = g.relative[_key(m)]
        return _day_or_unknown(shift(anchor, offset), "future" if offset > 0 else tense)
    if kind == "narrative":
        return _day_or_unknown(shift(narrative or anchor, g.narrative[_key(m)]), tense)
    if kind == "offset":  # "Friday, a day after X": X was the Thursday; "two days later": after it
        n = int(m["n"]) if m["n"].isdigit() else g.counts[m["n"]]
        if m["later"] and narrative is None:   # later than nothing the text named
            return None, "unknown", None, tense
        return _day_or_unknown(shift(narrative or anchor, -n if m["after"] else n), tense)
    if kind == "recent":
        first = shift(anchor, -g.recent[_key(m)])
        if first is None:
            return None, "unknown", None, "past"
        return anchor, "approximate", (first, anchor), "past"
    if kind == "week":
        return week_window(g.weeks[_key(m)], anchor)
    if kind == "month_part":
        return month_part_window(m, g, anchor, year_hint, future)
    if kind == "period":
        return period_window(m, g, anchor, year_hint, future)
    if kind == "season":
        return season_window(m, g, anchor, future)
    if kind in ("weekday", "night"):
        return _resolve_weekday(m, g, anchor, future)
    return None


def _day_or_unknown(day: date | None, tense: str):
    return (day, "day", None, tense) if day else (None, "unknown", None, tense)


def _month_day(a: int, b: int, order: str) -> tuple[int, int]:
    """Month and day of a numeric date "a/b/yyyy" written in `order` (dmy or mdy); a number
    above 12 where the month should be can only be the day."""
    month_first = order == "mdy"
    if (a if month_first else b) > 12:
        month_first = not month_first
    return (a, b) if month_first else (b, a)


def _key(m) -> str:
    return re.sub(r"\s+", " ", m.group(0))


def _exact(y: int, mo: int, d: int):
    try:
        return date(y, mo, d), "day", None, "past"
    except ValueError:
        return None


def _resolve_day_month(m, g: _Grammar, anchor, year_hint, future):
    month = g.months[re.sub(r"\s+", " ", m["m"])]
    day = int(m["d"])
    if m.groupdict().get("d2") and int(m["d2"]) > day:  # "the night of November 26-27": the later day
        day = int(m["d2"])
    weekday = g.weekdays.get(m["wd"]) if m["wd"] else None
    modifier = m.groupdict().get("mod")
    if m["y"]:
        return _exact(int(m["y"]), month, day)
    if modifier in g.next_words:
        future = True
    elif modifier in g.past_words:
        future = False
    year = infer_year(month, day, weekday, anchor, year_hint, future)
    if year is None:
        return None, "unknown", None, "future" if future else "past"
    return date(year, month, day), "day", None, "future" if future else "past"


def _resolve_weekday(m, g: _Grammar, anchor, future):
    weekday = g.weekdays[m["wd"]]
    groups = m.groupdict()
    modifier, this = groups.get("mod"), groups.get("this")
    if modifier in g.next_words:
        future = True
    elif modifier in g.past_words:
        future = False
    tense = "future" if future else "past"
    if anchor is None:
        return None, "unknown", None, tense
    delta, back_delta = (weekday - anchor.weekday()) % 7, (anchor.weekday() - weekday) % 7
    back, ahead = shift(anchor, -back_delta), shift(anchor, delta)
    if this:  # "ce lundi": the nearest one, this week
        nearer_back = back is not None and (ahead is None or back_delta <= delta)
        day = back if nearer_back and not future else ahead
    elif future:
        day = shift(anchor, delta or 7)
    elif modifier in g.past_words:
        day = shift(anchor, -(back_delta or 7))
    else:
        day = back
    return _day_or_unknown(day, tense)


def printed_date(head: str, language: str) -> date | None:
    """The first full date with a year in an article's head (its dateline)."""
    for expr in find_dates(head, language):
        if expr.day and expr.precision == "day" and re.search(r"(?:19|20)\d\d", expr.text):
            return expr.day
    return None


def deictic_date(text: str, language: str, year_hint: int | None) -> date | None:
    """A date the text gives as today ("ce jeudi 15 décembre"): weekday, day and month."""
    this = lang.load(language, "dates").get("this_words", [])
    for expr in find_dates(text, language, year_hint=year_hint):
        words = fold(expr.text).split()
        if expr.day and words and words[0] in {fold(w) for w in this} and any(ch.isdigit() for ch in expr.text):
            return expr.day
    return None


def latest_named_date(text: str, language: str, year_hint: int | None) -> date | None:
    """The latest day the text names with at least a day and a month (for undated articles)."""
    days = [e.day for e in find_dates(text, language, year_hint=year_hint)
            if e.day and e.precision == "day" and any(ch.isdigit() for ch in e.text)]
    return max(days) if days else None


class FindDates:
    """Fills each sentence's `dates` layer: its date expressions resolved against the
    publication date, "la veille" against the day the paragraph is talking about; the dates of
    a reference point ("for the first time since 2012") date nothing the sentence reports."""

    def __init__(self, year_hint: int | None = None):
        self.year_hint = year_hint

    def __call__(self, doc: Document, index: int) -> None:
        layer, article, narrative = doc.sentences[index], doc.article, doc.memory.paragraph_day
        found = find_dates(layer.text, article.language, article.published,
                           narrative=(narrative.day if narrative else None), year_hint=self.year_hint,
                           future_at=arguments.future_at(layer, article.language))
        references = reference_spans(layer.folded, article.language)  # "for the first time since 2012"
        layer.dates = [e for e in found if not any(lo <= e.start and e.end <= hi for lo, hi in references)]

"""The pages' words: UI strings from geomap/lang/<code>/ui.yaml, dates, numbers, labels."""
from __future__ import annotations

from datetime import date
from typing import Mapping

from geomap import lang
from geomap.models import Event, Place
from geomap.site.settings import SiteSettings


def load_ui(language: str) -> dict:
    """The UI strings of one language, from geomap/lang/<language>/ui.yaml, held to the schema
    (geomap.lang: loaded once; a LanguageError naming the file for a missing or half-made one)."""
    return lang.load(language, "ui")


def format_number(count: int, ui: dict) -> str:
    """4000 -> '4 000' (fr) or '4,000' (en)."""
    return f"{count:,}".replace(",", ui["number_group_separator"])


def format_day(day: date, ui: dict) -> str:
    """12 December 2016 / 1er décembre 2016."""
    day_text = ui["date"]["first_of_month"] if day.day == 1 else str(day.day)
    return ui["date"]["day"].format(day=day_text, month=ui["months"][day.month - 1],
                                    year=day.year)


def story_title(place_name: str, days: list[date], ui: dict) -> str:
    """The pages' title when the config gives none: the story's place and the months of its
    events ("Raqqa, June 2017", "Alep, novembre – décembre 2016"); `page.default_title`
    without a place or a date."""
    if not place_name or not days:
        return ui["page"]["default_title"]
    first, last = min(days), max(days)
    month_year = ui["date"]["month_year"]
    last_text = month_year.format(month=ui["months"][last.month - 1], year=last.year)
    if (first.year, first.month) == (last.year, last.month):
        months = last_text
    else:
        first_text = ui["months"][first.month - 1] if first.year == last.year else \
            month_year.format(month=ui["months"][first.month - 1], year=first.year)
        months = ui["date"]["month_span"].format(first=first_text, last=last_text)
    return ui["page"]["story_title"].format(place=place_name, months=months)


def format_event_date(event: Event, ui: dict) -> str:
    """The event's date with its precision: exact day, 'around ...', a window, or unknown."""
    if event.date is None or event.precision == "unknown":
        if event.window:
            return ui["date"]["window"].format(start=format_day(event.window[0], ui),
                                               end=format_day(event.window[1], ui))
        return ui["date"]["unknown"]
    if event.precision == "approximate":
        if event.window and event.window[0] != event.window[1]:
            return ui["date"]["window"].format(start=format_day(event.window[0], ui),
                                               end=format_day(event.window[1], ui))
        return ui["date"]["approximate"].format(date=format_day(event.date, ui))
    return format_day(event.date, ui)


def type_label(event_type: str, ui: dict, count: int = 1) -> str:
    """'strike' / 'strikes' in the UI language; unknown types read as 'other event'."""
    forms = ui["types"].get(event_type, ui["types"]["other"])
    return forms["one"] if count == 1 else forms["other"]


def faction_label(faction: str | None, settings: SiteSettings) -> str:
    """The faction's label in the UI language; the raw name for an unconfigured faction."""
    if not faction:
        return load_ui(settings.language)["territory"]["unknown_before"]
    labels = settings.factions.get(faction, {}).get("label", {})
    return labels.get(settings.language) or labels.get("en") or faction


def place_label(place_id: str | None, places: Mapping[str, Place], language: str) -> str:
    """The place's label in the UI language, or its id when it is not in the gazetteer."""
    place = places.get(place_id) if place_id else None
    return place.label(language) if place else (place_id or "")

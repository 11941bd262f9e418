"""An event's texts: its popup (what, when, where, who, every source) and its hover text.

Each source shows its publication date, and how it was found when no metadata gave it
(dateline, text, corpus: geomap.dating).

When the events come from a reviewed file (geomap.review), the popup says whether the desk
verified, corrected or added the event, or that nobody has checked it yet.

Planned events say "announced / planned"; attempted and failed ones say so too. Sources are
linked only when their URL is http(s); everything from an article is escaped.
"""
from __future__ import annotations

from datetime import date
from typing import Mapping

from geomap.models import Event, Place, Source
from geomap.site.escape import esc, safe_url
from geomap.site.settings import SiteSettings
from geomap.site.ui import (faction_label, format_day, format_event_date, format_number,
                            load_ui, place_label, type_label)


def _source_html(source: Source, ui: dict) -> str:
    """One source: outlet and title (a link only for http(s) URLs), date, the quoted sentence."""
    name = " — ".join(esc(part) for part in (source.outlet, source.title) if part) \
        or esc(source.article or ui["popup"]["unnamed_source"])
    url = safe_url(source.url)
    head = (f'<a href="{esc(url)}" target="_blank" rel="noopener noreferrer">{name}</a>'
            if url else name)
    published = f", {esc(published_text(source, ui))}" if source.published else ""
    quote = f"<blockquote>{esc(source.sentence)}</blockquote>" if source.sentence else ""
    return f"<li>{head}{published}{quote}</li>"


def published_text(source: Source, ui: dict) -> str:
    """'13 décembre 2016', and how it was found when no metadata gave it: '13 décembre 2016
    (date déduite du corpus)'."""
    day = format_day(source.published, ui)
    basis = ui["popup"].get("published_basis", {}).get(source.published_basis)
    return f"{day} ({basis})" if basis else day


def sorted_sources(event: Event) -> list[Source]:
    """An event's sources in a stable order."""
    return sorted(event.sources, key=lambda s: (s.published or date.min, s.outlet or "",
                                                s.article, s.start, s.sentence))


def where_text(event: Event, places: Mapping[str, Place], language: str) -> str:
    """'Al Amiriyah → Ramouseh' for a route, the place label, or the place as written."""
    if len(event.route) >= 2:
        return " → ".join(place_label(pid, places, language) for pid in event.route)
    if event.place_id:
        return place_label(event.place_id, places, language)
    return event.place_text


def event_heading(event: Event, ui: dict) -> str:
    """'Strike' or 'Diplomatic event — announced / planned' (plain text)."""
    heading = type_label(event.type, ui)
    heading = heading[:1].upper() + heading[1:]
    status = ui["status"].get(event.status, event.status)
    return f"{heading} — {status}" if status else heading


def popup_html(event: Event, places: Mapping[str, Place], settings: SiteSettings) -> str:
    """The popup of an event: what, when (with precision), where, who, and every source."""
    ui = load_ui(settings.language)
    labels = ui["popup"]
    planned = " gm-planned" if event.status == "planned" else ""
    rows = [f'<p class="gm-what{planned}"><strong>{esc(event_heading(event, ui))}</strong></p>',
            f'<p class="gm-when">{esc(format_event_date(event, ui))}</p>']
    details = []
    where = where_text(event, places, settings.language)
    if where:
        details.append((labels["route" if len(event.route) >= 2 else "place"], where))
    if event.actors:
        details.append((labels["actors"], actors_text(event, settings)))
    if event.to:
        details.append((labels["to"], faction_label(event.to, settings)))
    if event.from_:
        details.append((labels["from"], faction_label(event.from_, settings)))
    if event.people is not None:
        details.append((labels["people"], format_number(event.people, ui)))
    rows += [f"<p>{esc(name)}{esc(labels['colon'])}{esc(value)}</p>" for name, value in details]
    review = labels.get("review", {}).get(event.review)
    if review:
        rows.append(f'<p class="gm-review gm-review-{esc(event.review)}">{esc(review)}</p>')
    sources = "".join(_source_html(source, ui) for source in sorted_sources(event))
    if sources:
        rows.append(f'<p class="gm-sources-title">{esc(labels["sources"])}</p>'
                    f'<ul class="gm-sources">{sources}</ul>')
    return f'<div class="gm-popup">{"".join(rows)}</div>'


def actor_label(actor: str, settings: SiteSettings) -> str:
    """An actor by its name in the UI language: the config's faction label, else the `actors`
    labels of ui.yaml, else the id with spaces ('united_states' -> 'united states')."""
    if actor in settings.factions:
        return faction_label(actor, settings)
    return load_ui(settings.language).get("actors", {}).get(actor) or actor.replace("_", " ")


def actors_text(event: Event, settings: SiteSettings) -> str:
    """'Gouvernement et alliés, Rebelles, Russie': the event's actors by label, in label order."""
    return ", ".join(sorted({actor_label(actor, settings) for actor in event.actors}))


def accessible_name(event: Event, places: Mapping[str, Place], settings: SiteSettings) -> str:
    """What a screen reader says for a marker: 'Prise de contrôle, Cheikh Saïd, 12 décembre 2016'."""
    ui = load_ui(settings.language)
    where = where_text(event, places, settings.language)
    return ", ".join(part for part in (event_heading(event, ui), where, format_event_date(event, ui)) if part)


def tooltip_text(event: Event, places: Mapping[str, Place], settings: SiteSettings) -> str:
    """Short hover text of an event: 'Strike — Al Amiriyah' (escaped HTML)."""
    ui = load_ui(settings.language)
    where = where_text(event, places, settings.language)
    return esc(f"{event_heading(event, ui)} — {where}" if where else event_heading(event, ui))

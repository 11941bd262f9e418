"""index.html: the dates with a one-line summary each, links, copyable embed snippets, the
slider's entry, and the events that have no date (they never go on a dated map).

The page is static/index.html, a `string.Template`; its parts are built here, escaped.
"""
from __future__ import annotations

from collections import Counter
from string import Template
from typing import Mapping

from geomap.models import Event, Place
from geomap.site.static import static_text
from geomap.site.escape import attr, esc, safe_base_url, script_json
from geomap.site.markers import EVENT_TYPE_ORDER, dated_days, day_events, event_sort_key
from geomap.site.popups import event_heading, popup_html, where_text
from geomap.site.settings import SiteSettings
from geomap.site.ui import format_day, load_ui, place_label, type_label


def summary_text(todays: list[Event], places: Mapping[str, Place], ui: dict,
                 language: str) -> str:
    """'2 strikes, 1 evacuation — places: Al Amiriyah, Ramouseh' (plain text)."""
    counts = Counter(e.type if e.type in EVENT_TYPE_ORDER else "other" for e in todays)
    order = EVENT_TYPE_ORDER + ("other",)
    parts = [f"{counts[kind]} {type_label(kind, ui, counts[kind])}" for kind in order if counts[kind]]
    named = Counter(pid for e in todays for pid in dict.fromkeys((e.place_id, *e.route)) if pid)
    key_places = [place_label(pid, places, language)
                  for pid, _ in sorted(named.items(), key=lambda item: (-item[1], item[0]))[:3]]
    text = ", ".join(parts) or ui["index"]["no_events"]
    if key_places:
        text += " — " + ui["index"]["key_places"].format(places=", ".join(key_places))
    return text


# The host page's one line for auto-height embeds: a map page posts {type: "geomap:height",
# height} (static/page.js); this sets the height of the iframe that sent it, within limits.
RESIZE_SCRIPT = ('<script>addEventListener("message",function(e){var d=e.data;'
                 'if(!d||d.type!=="geomap:height"||!(d.height>0))return;'
                 'document.querySelectorAll("iframe[data-geomap]").forEach(function(f){'
                 'if(f.contentWindow===e.source)f.style.height=Math.min(Math.max(d.height,240),3000)+"px"})})'
                 "</script>")


def embed_snippet(src: str, label: str, description: str, slug: str) -> str:
    """A responsive iframe with title, aria-label and a visually hidden description; it takes
    the map's height when the host page has `RESIZE_SCRIPT`, else 70 % of the window."""
    desc_id = f"geomap-{slug}-desc"
    return (f'<iframe src="{attr(src)}" title="{attr(label)}" aria-label="{attr(label)}" '
            f'aria-describedby="{desc_id}" data-geomap width="100%" height="520" loading="lazy" '
            'style="display:block;width:100%;height:70vh;min-height:320px;border:0" '
            "allowfullscreen></iframe>\n"
            f'<p id="{desc_id}" style="position:absolute;width:1px;height:1px;overflow:hidden;'
            f'clip:rect(0 0 0 0);white-space:nowrap">{attr(description)}</p>')


def map_alt(day, events: list[Event], places: Mapping[str, Place], settings: SiteSettings, ui: dict) -> str:
    """What a dated map shows, in a sentence: its snippet's description and its picture's alt text."""
    summary = summary_text(day_events(events, day), places, ui, settings.language)
    return ui["index"]["alt"].format(title=settings.title, date=format_day(day, ui), summary=summary)


PICTURE_SIZE = (1200, 630)     # a dated map's still picture (geomap/site/snapshots): the social-card size


def picture_snippet(src: str, href: str, alt: str) -> str:
    """The map's still picture (geomap/site/snapshots), linked to the live map: for newsletters,
    print and hosts that strip iframes."""
    return (f'<a href="{attr(href)}"><img src="{attr(src)}" alt="{attr(alt)}" width="{PICTURE_SIZE[0]}" height="{PICTURE_SIZE[1]}" '
            'style="display:block;max-width:100%;height:auto;border:0"></a>')


def render_index(events: list[Event], places: Mapping[str, Place], settings: SiteSettings,
                 awaiting: list[Event] | None = None, pictures: Mapping[str, bytes] | None = None) -> str:
    """index.html: dates with summaries, links, embed snippets, the timeline, undated events,
    and the events of the reviewed file still awaiting review (`awaiting`; None: no such file).
    A dated map with a picture in `pictures` (maps/YYYY-MM-DD.png) gets its picture's snippet too."""
    ui = load_ui(settings.language)
    text = ui["index"]
    days = dated_days(events)
    base = safe_base_url(settings.base_url)
    sections = []
    for day in days:
        day_text = format_day(day, ui)
        summary = summary_text(day_events(events, day), places, ui, settings.language)
        href = f"maps/{day.isoformat()}.html"
        alt = map_alt(day, events, places, settings, ui)
        snippet = embed_snippet(base + href, ui["page"]["map_label"].format(title=settings.title, date=day_text),
                                alt, day.isoformat())
        picture = f"maps/{day.isoformat()}.png"
        still = picture_snippet(base + picture, base + href, alt) if picture in (pictures or {}) else None
        sections.append(_index_entry(day.isoformat(), day_text, summary, href, snippet, ui, picture=still))
    if days:
        first, last = format_day(days[0], ui), format_day(days[-1], ui)
        dated_count = sum(1 for e in events if e.date is not None)
        snippet = embed_snippet(safe_base_url(settings.base_url) + "timeline.html",
                                ui["page"]["timeline_label"].format(title=settings.title, first=first, last=last),
                                text["timeline_alt"].format(title=settings.title, first=first, last=last,
                                                            count=dated_count),
                                "timeline")
        timeline = _index_entry("timeline", text["timeline"], text["timeline_summary"],
                                "timeline.html", snippet, ui, level=2)
    else:
        timeline = f"<p>{esc(ui['timeline']['nothing'])}</p>"
    undated = sorted((e for e in events if e.date is None), key=event_sort_key)
    undated_html = ("".join(f"<li>{popup_html(e, places, settings)}</li>" for e in undated)
                    if undated else "")
    return Template(static_text("index.html")).substitute(
        lang=esc(settings.language), title=esc(ui["page"]["index_title"].format(title=settings.title)),
        intro=esc(text["intro"]), timeline=timeline,
        dates_heading=esc(text["dates"]), dates="".join(sections),
        undated_heading=esc(text["undated"]),
        undated=f'<ul class="undated">{undated_html}</ul>' if undated else f"<p>{esc(text['undated_none'])}</p>",
        credits=esc(ui["page"]["attribution"]) + (" · " + esc(settings.attribution) if settings.attribution else ""),
        awaiting=awaiting_html(awaiting, places, settings, ui) if awaiting is not None else "",
        embed_help=embed_help_html(settings, ui),
        copy=esc(text["copy"]), copied_json=script_json(text["copied"]))


def embed_help_html(settings: SiteSettings, ui: dict) -> str:
    """How to paste the snippets: the host page's auto-height line, and a warning when the
    snippets' links are relative (no `base_url`)."""
    text = ui["index"]
    before, _, after = text["embed_resize"].partition("{script}")
    parts = [f'<section id="embedding"><p>{esc(before)}</p>'
             f'<textarea class="embed" rows="3" readonly spellcheck="false" aria-label="{attr(before)}">'
             f"{esc(RESIZE_SCRIPT)}</textarea>{esc(after)}"]
    if not settings.base_url:
        parts.append(f'<p class="warning" role="note">⚠ {esc(text["embed_relative"])}</p>')
    return "".join(parts) + "</section>"


def awaiting_html(awaiting: list[Event], places: Mapping[str, Place], settings: SiteSettings, ui: dict) -> str:
    """The events nobody has reviewed yet, under their dates: 'Strike — Al-Maadi (ev-7fdc4ad489)',
    so a desk sees what is unchecked before publishing."""
    text = ui["index"]
    parts = [f'<section id="awaiting"><h2>{esc(text["awaiting"])}</h2><p>{esc(text["awaiting_intro"])}</p>']
    if not awaiting:
        parts.append(f"<p>{esc(text['awaiting_none'])}</p>")
    by_day: dict = {}
    for event in sorted(awaiting, key=event_sort_key):
        by_day.setdefault(event.date, []).append(event)
    for day, todays in sorted(by_day.items(), key=lambda item: (item[0] is None, item[0] or "")):
        heading = format_day(day, ui) if day else text["undated"]
        items = "".join(f"<li>{esc(event_heading(e, ui))} — {esc(where_text(e, places, settings.language))} "
                        f"<code>{esc(e.id)}</code></li>" for e in todays)
        parts.append(f'<h3>{esc(heading)}</h3><ul class="awaiting">{items}</ul>')
    return "".join(parts) + "</section>"


def _index_entry(slug: str, heading: str, summary: str, href: str, snippet: str, ui: dict,
                 level: int = 3, picture: str | None = None) -> str:
    """One index section: heading, summary, link, and the embed snippet in a textarea (and the
    `picture` snippet in another, when the map has one)."""
    text = ui["index"]
    still = "" if picture is None else (
        f'<label for="picture-{esc(slug)}">{esc(text["picture"])}</label>'
        f'<textarea id="picture-{esc(slug)}" class="embed" rows="3" readonly spellcheck="false">'
        f"{esc(picture)}</textarea>"
        f'<button type="button" class="copy" data-target="picture-{esc(slug)}">{esc(text["copy"])}</button>')
    return (f'<section class="entry" id="{esc(slug)}"><h{level}><a href="{esc(href)}">{esc(heading)}</a></h{level}>'
            f'<p>{esc(summary)}</p><p><a href="{esc(href)}">{esc(text["open_map"])}</a></p>'
            f'<label for="embed-{esc(slug)}">{esc(text["embed"])}</label>'
            f'<textarea id="embed-{esc(slug)}" class="embed" rows="5" readonly spellcheck="false">'
            f"{esc(snippet)}</textarea>"
            f'<button type="button" class="copy" data-target="embed-{esc(slug)}">{esc(text["copy"])}</button>'
            f"{still}</section>")

"""The published site: one map per date, a timeline, an index with embed snippets.

Fixtures are a hand-made slice of December 2016: four east-Aleppo neighbourhoods, the
evacuation route Al Amiriyah -> Ramouseh, a strike, a summit announced in Moscow, an undated
event, and a hostile source that tries to inject script through its quote, title and URL.
"""
from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from shapely.geometry import box

from geomap.models import ControlSnapshot, Event, Place, Source
from aleppo_site import SiteSettings, write_site
from geomap.site.escape import safe_url, script_json

ROOT = Path(__file__).resolve().parents[1]
D12, D13, D15 = date(2016, 12, 12), date(2016, 12, 13), date(2016, 12, 15)
HOSTILE_QUOTE = 'Ils ont dit "</script><script>alert(1)</script>" ${alert(2)} `x` {{ 7*7 }}'


def neighbourhood(pid: str, name: str, south: float, west: float) -> Place:
    """A square neighbourhood polygon about 1.5 km wide."""
    return Place(id=pid, type="neighbourhood", names=(name,), lat=south + 0.007,
                 lon=west + 0.008, geometry=box(west, south, west + 0.016, south + 0.014))


def make_places() -> dict[str, Place]:
    """Four neighbourhoods, two landmarks on the route, Moscow, and an unlocated place."""
    places = [
        neighbourhood("al-amiriyah", "Al Amiriyah", 36.170, 37.125),
        neighbourhood("sukkari", "Sukkari", 36.180, 37.145),
        neighbourhood("al-mashhad", "Al Mashhad", 36.186, 37.128),
        neighbourhood("bustan-al-qasr", "Bustan al-Qasr", 36.194, 37.140),
        Place(id="ramouseh", type="landmark", names=("Ramouseh",), lat=36.162, lon=37.152),
        Place(id="al-rashidin", type="district", names=("Al-Rashidin",), lat=36.175, lon=37.05),
        Place(id="moscow", type="city", names=("Moscow",), labels={"fr": "Moscou"},
              lat=55.7558, lon=37.6173),
        Place(id="nowhere", type="town", names=("Nowhere",)),
    ]
    return {place.id: place for place in places}


def source(article: str, sentence: str, **extra) -> Source:
    return Source(article=article, sentence=sentence, start=0, end=len(sentence), **extra)


def make_events() -> list[Event]:
    """Events on three dates plus one undated; one source is hostile."""
    hostile = source("evil.html", HOSTILE_QUOTE, outlet="<script>alert(1)</script>",
                     title="x</script><img src=x onerror=alert(1)>",
                     url="javascript:alert(1)", published=D12)
    return [
        Event(type="evacuation", date=D15, precision="day", window=None,
              place_id="al-amiriyah", route=("al-amiriyah", "ramouseh", "al-rashidin"),
              actors=("ICRC", "SARC"), people=4000,
              sources=[source("lemonde.html", "Les premiers bus ont quitté Al Amiriyah.",
                              outlet="Le Monde", title="Alep : l'évacuation commence",
                              url="https://www.lemonde.fr/alep", published=D15)], id="e1"),
        Event(type="strike", date=D12, precision="day", window=None, place_id="sukkari",
              sources=[hostile, source("afp.html", "Des frappes ont touché Sukkari.",
                                       outlet="AFP", url="https://afp.com/a", published=D12)],
              id="e2"),
        Event(type="diplomacy", date=D13, precision="approximate", window=None,
              place_id="moscow", status="planned", actors=("Russia", "Turkey", "Iran"),
              sources=[source("reuters.html", "A summit will be held in Moscow.",
                              outlet="Reuters", url="https://reuters.com/x")], id="e3"),
        Event(type="control_change", date=D13, precision="day", window=None,
              place_id="al-mashhad", to="government", from_="rebels",
              sources=[source("bbc.html", "Government forces took Al Mashhad.",
                              outlet="BBC", url="http://bbc.co.uk/y")], id="e4"),
        Event(type="clash", date=None, precision="unknown", window=None, place_id=None,
              place_text="Nowhere", sources=[source("afp.html", "Clashes went on.")], id="e5"),
    ]


def make_snapshots() -> list[ControlSnapshot]:
    """Control on the 12th and the 13th (Al Mashhad changes hands on the 13th)."""
    before = {"al-amiriyah": "rebels", "sukkari": "rebels", "al-mashhad": "rebels",
              "bustan-al-qasr": "contested"}
    after = dict(before, **{"al-mashhad": "government"})
    return [ControlSnapshot(date=D12, holder=before, shares={"rebels": 0.75, "contested": 0.25}),
            ControlSnapshot(date=D13, holder=after, changed=("al-mashhad",),
                            shares={"rebels": 0.5, "government": 0.25, "contested": 0.25})]


def render(out: Path, language: str = "fr") -> list[Path]:
    settings = SiteSettings(language=language, attribution="Gazetteer © OSM contributors (ODbL)")
    return write_site(out, make_events(), make_snapshots(), make_places(), settings)


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("site")
    render(out)
    return out


def read(site: Path, relative: str) -> str:
    return (site / relative).read_text(encoding="utf-8")


def script_payload(page: str, marker: str) -> dict:
    """The first JSON object literal assigned as `var <marker> = {...};` in the page."""
    match = re.search(rf"var {marker} = (\{{.*?\}});\n", page)
    assert match, f"no var {marker}"
    return json.loads(match.group(1))


JS_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')


def decoded(page: str) -> str:
    """The page followed by every double-quoted JS string in it, decoded (as the browser sees them)."""
    strings = []
    for literal in JS_STRING.findall(page):
        try:
            strings.append(json.loads(literal))
        except ValueError:
            pass
    return page + "\n" + "\n".join(s for s in strings if isinstance(s, str))


class Tags(HTMLParser):
    """Collects start tags with attributes, and text per tag."""
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict]]:
    parser = Tags()
    parser.feed(page)
    return parser.tags


# --------------------------------------------------------------------------- layout

def test_one_map_per_dated_day_plus_index_and_timeline(tmp_path):
    written = render(tmp_path)
    relative = sorted(p.relative_to(tmp_path).as_posix() for p in written)
    pages = [name for name in relative if not name.startswith("assets/")]
    assert pages == ["index.html", "maps/2016-12-12.html", "maps/2016-12-13.html",
                     "maps/2016-12-15.html", "maps/areas.js", "timeline.html"]
    assert "assets/leaflet-1.9.3/leaflet.js" in relative       # Leaflet, written once beside the pages


def test_pages_declare_language_and_title(site):
    for relative in ("index.html", "timeline.html", "maps/2016-12-12.html"):
        page = read(site, relative)
        assert page.startswith('<!DOCTYPE html>\n<html lang="fr">')
        assert re.search(r"<title>Aleppo, December 2016[^<]*</title>", page)
    assert "<title>Aleppo, December 2016 — 12 décembre 2016</title>" in read(site, "maps/2016-12-12.html")
    assert "user-scalable=no" not in read(site, "maps/2016-12-12.html")


def test_english_pages(tmp_path):
    render(tmp_path, language="en")
    page = read(tmp_path, "maps/2016-12-13.html")
    assert '<html lang="en">' in page and "13 December 2016" in page
    assert "Evacuation routes" in page and "computed from the events" in page
    assert "announced / planned" in page


# --------------------------------------------------------------------------- dated maps

def overlay_names(page: str) -> list[str]:
    """The layer names of the page's layer switcher, in order."""
    block = re.search(r"overlays :  \{(.*?)\n\s*\},", page, re.S).group(1)
    return [json.loads(name) for name in re.findall(r'^\s*(".*?") :', block, re.M)]


def test_dated_map_has_every_layer_in_the_switcher(site):
    assert overlay_names(read(site, "maps/2016-12-12.html")) == [
        "Territoire par faction", "Changements du jour", "Itinéraires d'évacuation", "Frappes",
        "Combats", "Cessez-le-feu et diplomatie", "Déplacements de population",
        "Lieux mentionnés"]


def test_each_map_shows_only_its_own_events(site):
    strike_day = read(site, "maps/2016-12-12.html")
    evacuation_day = read(site, "maps/2016-12-15.html")
    assert "Des frappes ont touché Sukkari." in strike_day
    assert "Les premiers bus" not in strike_day
    assert "Les premiers bus ont quitté Al Amiriyah." in evacuation_day
    assert "Clashes went on." not in strike_day + evacuation_day   # undated: index only


def test_route_is_a_polyline_with_drawn_arrowheads_and_people(site):
    page = read(site, "maps/2016-12-15.html")
    line = re.search(r"L\.polyline\(\s*(\[\[.*?\]\])", page, re.S)
    assert line
    assert json.loads(line.group(1)) == [[36.177, 37.133], [36.162, 37.152], [36.175, 37.05]]
    arrows = re.findall(r"transform:rotate\(([\d.]+)deg\)", page)
    assert len(arrows) == 4                             # two legs x (mid-leg + end)
    assert "4\u202f000 personnes" in decoded(page)
    assert "leaflet.polylineDecorator" not in page.lower()


def test_territory_uses_pattern_fills_and_marks_the_day_changes(site):
    page = read(site, "maps/2016-12-13.html")
    assert '<pattern id="gm-pattern-government"' in page
    assert '<pattern id="gm-pattern-rebels"' in page
    assert "url(#gm-pattern-government)" in page and "url(#gm-pattern-changed)" in page
    assert "Al Mashhad : Rebelles → Gouvernement et alliés ce jour" in page
    assert "url(#gm-pattern-changed)" in page
    # Only Al Mashhad changed on the 13th; the 12th has no change outline in its map data.
    assert page.count('"dashArray": "6 4"') == 1
    assert '"dashArray": "6 4"' not in read(site, "maps/2016-12-12.html")


def test_far_event_is_listed_off_map_and_not_framed(site):
    page = read(site, "maps/2016-12-13.html")
    assert "Hors carte" in page
    assert re.search(r"Moscou — à 2\u202f\d{3} km, direction nord \(depuis Alep\)", page)
    bounds = re.search(r"fitBounds\(\s*(\[\[.*?\]\])", page, re.S)
    (south, west), (north, east) = json.loads(bounds.group(1))
    assert 36.0 < south < north < 36.4 and 37.0 < west < east < 37.3


def test_planned_event_is_hollow_dashed_and_labelled(site):
    page = read(site, "maps/2016-12-13.html")
    assert "Événement diplomatique — annoncé / prévu" in page
    assert 'fill=\\"#ffffff\\" stroke=\\"#009e73\\" stroke-width=\\"2.2\\" stroke-dasharray' in page
    assert "vers le 13 décembre 2016 (date approximative)" in page


def test_legend_has_factions_shares_note_and_symbols(site):
    page = read(site, "maps/2016-12-13.html")
    legend = page[page.index('class="gm-control gm-legend"'):]
    for text in ("Gouvernement et alliés", "Rebelles", "Disputé", "25 % de la zone disputée",
                 "50 % de la zone disputée", "Parts calculées à partir des événements",
                 "Frappe", "Évacuation", "Lieu mentionné", "annoncé / prévu"):
        assert text in legend, text


def test_attribution_and_articles_are_credited(site):
    page = decoded(read(site, "maps/2016-12-12.html"))
    assert "OpenStreetMap</a> contributors" in page
    assert "Gazetteer © OSM contributors (ODbL)" in page
    assert '<a href="https://afp.com/a" target="_blank" rel="noopener noreferrer">AFP</a>' in page


def test_popup_shows_date_sources_and_quote(site):
    page = read(site, "maps/2016-12-15.html")
    popup = json.loads(re.search(r"\.bindPopup\((\".*?\"), ", page).group(1))
    assert "15 décembre 2016" in popup
    assert "Al Amiriyah → Ramouseh → Al-Rashidin" in popup
    assert "ICRC, SARC" in popup and "4\u202f000" in popup
    assert '<a href="https://www.lemonde.fr/alep"' in popup
    assert "<blockquote>Les premiers bus ont quitté Al Amiriyah.</blockquote>" in popup


# --------------------------------------------------------------------------- hostile text

LIVE_SCRIPT = re.compile(r"<script>\s*alert|<img[^>]*onerror", re.I)


def test_hostile_text_is_escaped_everywhere(site):
    for path in sorted(site.rglob("*.html")):
        page = path.read_text(encoding="utf-8")
        # Neither the page nor any JS string in it holds live markup from the article.
        assert not LIVE_SCRIPT.search(decoded(page)), path
        assert "javascript:" not in decoded(page).lower(), path
        # Every </script> in the page closes one of the page's own <script> tags.
        assert page.count("</script>") == page.count("<script")
        # Article text never lands in a JS template literal, nor is it run as a template.
        assert not re.search(r"`[^`]*alert", page), path
        assert "`x`" not in page, path
        if "alert(2)" in decoded(page):
            assert "7*7 }}" in decoded(page) and "&#96; 49" not in decoded(page), path


def test_hostile_popup_decodes_to_inert_html(site):
    page = read(site, "maps/2016-12-12.html")
    popups = [json.loads(m) for m in re.findall(r"\.bindPopup\((\".*?\"), ", page)]
    hostile = next(p for p in popups if "alert(2)" in p)
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in hostile
    assert "&lt;script&gt;alert(1)&lt;/script&gt; — x&lt;/script&gt;&lt;img" in hostile
    assert "&#123;&#123; 7*7 }}" in hostile                # shown as {{ 7*7 }}, never evaluated
    hostile_item = hostile.split("<li>")[1]                 # sorted first: published on the 12th
    assert "evil" not in hostile_item and "href" not in hostile_item   # javascript: is no link


def test_safe_url_and_script_json():
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", " JaVa\tScRiPt:alert(1)", "data:text/html,x",
                "//evil.org", "/relative", "vbscript:x", "", None):
        assert safe_url(bad) is None, bad
    assert "</" not in script_json({"q": "</script><!-- \u2028"})
    assert json.loads(script_json({"q": "</script>"})) == {"q": "</script>"}


# --------------------------------------------------------------------------- timeline

def test_timeline_steps_through_every_dated_day(site):
    page = read(site, "timeline.html")
    data = script_payload(page, "data")
    assert data["dates"] == ["2016-12-12", "2016-12-13", "2016-12-15"]
    assert data["labels"][0] == "12 décembre 2016"
    for control in ('id="gm-prev"', 'id="gm-play"', 'id="gm-next"', 'type="range"', 'id="gm-date"'):
        assert control in page
    assert "Rebelles" in page and "Parts calculées à partir des événements" in page


def test_timeline_sends_each_shape_once_and_holder_diffs(site):
    data = script_payload(read(site, "timeline.html"), "data")
    assert sorted(f["id"] for f in data["areas"]["features"]) == [
        "al-amiriyah", "al-mashhad", "bustan-al-qasr", "sukkari"]
    first, second, third = data["areaChanges"]
    assert len(first) == 4
    assert list(second) == ["al-mashhad"] and second["al-mashhad"][0] == "government"
    assert list(third) == ["al-mashhad"]                # only its hover text changes back
    assert data["changed"] == [[], ["al-mashhad"], []]


def test_timeline_events_carry_their_date(site):
    data = script_payload(read(site, "timeline.html"), "data")
    by_day = sorted((mark["d"], mark["layer"]) for mark in data["marks"])
    assert by_day == [(0, "strike"), (1, "changes"), (1, "diplomacy"), (2, "evacuation")]
    assert "Moscou" in data["offmap"][1] and data["offmap"][0] == ""


def test_timeline_size_grows_with_events_not_dates(tmp_path):
    """Ten more days of strikes, with no control change, add marks but no shapes or holders."""
    snapshots = make_snapshots()
    events = make_events()
    write_site(tmp_path / "a", events, snapshots, make_places(), SiteSettings())
    extra_days = [Event(type="strike", date=date(2016, 12, 16 + n), precision="day",
                        window=None, place_id="sukkari", id=f"s{n}") for n in range(10)]
    write_site(tmp_path / "b", events + extra_days, snapshots, make_places(), SiteSettings())
    data = script_payload(read(tmp_path / "b", "timeline.html"), "data")
    assert len(data["dates"]) == 13 and len(data["areas"]["features"]) == 4
    assert all(diff == {} for diff in data["areaChanges"][3:])
    growth = ((tmp_path / "b" / "timeline.html").stat().st_size
              - (tmp_path / "a" / "timeline.html").stat().st_size)
    assert growth < 10 * 2500                          # ~one strike's popup and mark per day


# --------------------------------------------------------------------------- index

def test_index_lists_dates_with_summaries_links_and_undated_events(site):
    page = read(site, "index.html")
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    for day in ("2016-12-12", "2016-12-13", "2016-12-15"):
        assert f'href="maps/{day}.html"' in page
    assert 'href="timeline.html"' in page
    assert "1 frappe — lieux : Sukkari" in page
    assert "1 changement de contrôle, 1 événement diplomatique" in page
    assert "Événements sans date" in page and "Clashes went on." in page
    assert "date inconnue" in page


def test_index_embed_snippets_are_accessible_iframes(site):
    page = read(site, "index.html")
    areas = re.findall(r'<textarea id="embed-([\w-]+)"[^>]*>(.*?)</textarea>', page, re.S)
    assert [slug for slug, _ in areas] == ["timeline", "2016-12-12", "2016-12-13", "2016-12-15"]
    for slug, escaped in areas:
        snippet = html.unescape(escaped)
        (tag, attrs), *rest = tags(snippet)
        assert tag == "iframe"
        assert attrs["src"] == ("timeline.html" if slug == "timeline" else f"maps/{slug}.html")
        assert attrs["title"] and attrs["aria-label"] == attrs["title"]
        assert attrs["height"] == "520" and "width:100%" in attrs["style"]
        description = rest[0][1]
        assert attrs["aria-describedby"] == description["id"]
        alternative = snippet.split("</p>")[0].rsplit(">", 1)[-1]
        assert "carte" in alternative and "événements" in alternative or "carte du" in alternative


# --------------------------------------------------------------------------- determinism

def test_two_renders_are_byte_identical(tmp_path):
    first = render(tmp_path / "one")
    second = render(tmp_path / "two")
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_output_does_not_depend_on_hash_seed(tmp_path):
    code = ("import sys; sys.path[:0] = [sys.argv[2], sys.argv[3]];"
            "from pathlib import Path; from test_render import render; render(Path(sys.argv[1]))")
    for seed in ("1", "4242"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", code, str(tmp_path / seed), str(ROOT / "tests"),
                        str(ROOT)], check=True, env=env, cwd=ROOT)
    for path in sorted((tmp_path / "1").rglob("*.html")):
        twin = tmp_path / "4242" / path.relative_to(tmp_path / "1")
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_input_order_does_not_matter(tmp_path):
    places = make_places()
    write_site(tmp_path / "a", make_events(), make_snapshots(), places, SiteSettings())
    shuffled_places = dict(reversed(list(places.items())))
    write_site(tmp_path / "b", make_events()[::-1], make_snapshots()[::-1], shuffled_places,
               SiteSettings())
    for path in sorted((tmp_path / "a").rglob("*.html")):
        assert path.read_bytes() == (tmp_path / "b" / path.relative_to(tmp_path / "a")).read_bytes()


# --------------------------------------------------------------------------- edge cases

def test_empty_input_still_gives_an_index_and_a_timeline(tmp_path):
    written = write_site(tmp_path, [], [], {}, SiteSettings())
    assert sorted(p.name for p in written if p.suffix == ".html") == ["index.html", "timeline.html"]
    assert "Aucun événement daté." in read(tmp_path, "timeline.html")


def test_unknown_type_and_faction_fall_back_visibly(tmp_path):
    places = make_places()
    siege = Event(type="siege", date=D12, precision="day", window=None, place_id="sukkari",
                  route=("sukkari", "nowhere"), id="x")
    snapshots = [ControlSnapshot(date=D12, holder={"sukkari": "sdf"})]
    write_site(tmp_path, [siege], snapshots, places, SiteSettings())
    page = read(tmp_path, "maps/2016-12-12.html")
    assert overlay_names(page)[-1] == "Autres événements"
    assert "Sukkari : sdf" in decoded(page)              # raw faction name, 'unknown' look
    assert '<pattern id="gm-pattern-sdf"' in page

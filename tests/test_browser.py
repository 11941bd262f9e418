"""The built site in a real browser: headless Debian Chromium driven by Playwright.

Once per session the bundled sample (articles/, config.yaml) plus a hostile article written
here is built as a user builds it (Leaflet written into assets/) into a tmp folder and served
by http.server on 127.0.0.1. Every request that would leave the machine is stopped:
OpenStreetMap tiles get a blank PNG, anything else is aborted and counted as a failure (the
site must carry Leaflet itself).

What is drawn is compared with what should be: the events of each date in events.geojson
(one symbol per located event, one line per route) and the page's own data (the territory
areas folium adds to each layer, the timeline's JSON payload). `map_problems` does the
comparison and is itself tested on broken copies of a page.

Skipped only when Chromium or Playwright is missing, and never under CI=true (fails then).
Nothing is fetched by the build: Leaflet ships inside geomap (geomap/site/assets).
"""
from __future__ import annotations

import http.server
import json
import os
import re
import struct
import subprocess
import sys
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from geomap.site.shared_areas import SCRIPT_TAG, SHARED_AREAS_FILE
from geomap.site.ui import load_ui

try:
    from playwright.sync_api import sync_playwright
except ImportError:                                  # the test extra is not installed
    sync_playwright = None

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def missing_browser() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is not installed (apt-get install chromium)"
    if sync_playwright is None:
        return "the playwright package is not installed (pip install -e '.[test]')"
    return None


pytestmark = pytest.mark.skipif(missing_browser() is not None and not IN_CI,
                                reason=f"browser tests need Chromium and Playwright: {missing_browser()}")

HOSTILE_SCRIPT = "<script>window.__pwned=1</script>"
HOSTILE_BITS = (HOSTILE_SCRIPT, '<img src=x onerror="window.__pwned=1">', "</script>",
                "${window.__pwned=1}", "{{ 7*7 }}")
HOSTILE_ARTICLE = f"""---
title: 'Alep {HOSTILE_SCRIPT} <img src=x onerror="window.__pwned=1"> ${{window.__pwned=1}} {{{{ 7*7 }}}}'
outlet: '</script><script>window.__pwned=1</script> {{{{ 7*7 }}}}'
url: 'javascript:window.__pwned=1'
published: 2016-12-13
---
Alep {HOSTILE_SCRIPT} : la chute de Cheikh Saïd

Les rebelles ont perdu le quartier de Cheikh Saïd {" ".join(HOSTILE_BITS)} javascript:window.__pwned=1 lundi.
"""
HOSTILE_NAME = "zz_hostile.txt"
LEAFLET_URL = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"


# --------------------------------------------------------------------------- the site

def blank_png(size: int = 256, grey: int = 0xF2) -> bytes:
    """A plain light-grey PNG tile, made here (no image library)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes([grey]) * size for _ in range(size))
    header = struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0)       # 8-bit greyscale
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


BLANK_TILE = blank_png()


def require(condition: bool, reason: str) -> None:
    """Skip with the reason, or fail under CI=true where nothing may be skipped."""
    if not condition:
        (pytest.fail if IN_CI else pytest.skip)(reason)


@dataclass
class Site:
    """The built site: its folder, its URL, the events per date, the UI language."""
    folder: Path
    url: str
    features: list[dict]
    language: str

    def events_on(self, day: str) -> list[dict]:
        """The located events of a date (those that have a symbol on the map)."""
        return [f for f in self.features
                if f["properties"]["date"] == day and f["geometry"] is not None]

    @property
    def days(self) -> list[str]:
        return sorted(p.stem for p in (self.folder / "maps").glob("*.html"))


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site folder without a log line per request."""
    def log_message(self, *args) -> None:
        pass


def build_site(out: Path) -> subprocess.CompletedProcess:
    """`geomap build` of the sample plus the hostile article."""
    hostile_folder = out.parent / "hostile-article"
    hostile_folder.mkdir(exist_ok=True)
    (hostile_folder / HOSTILE_NAME).write_text(HOSTILE_ARTICLE, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "geomap.cli", "build", "--config", str(ROOT / "config.yaml"),
         "--articles", str(ROOT / "articles"), "--articles", str(hostile_folder / HOSTILE_NAME),
         "--out", str(out)],
        cwd=ROOT, capture_output=True, text=True, timeout=300)


# The session's `site` and `browser` fixtures are in tests/conftest.py (shared with
# test_browser_reader.py: one build, one Chromium).


# --------------------------------------------------------------------------- opening a page

@dataclass
class PageLog:
    """What went wrong while a page was open: console errors, exceptions, dialogs, requests."""
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    external: list[str] = field(default_factory=list)


def route_request(route, log: PageLog) -> None:
    """Local requests pass, tiles get the blank PNG, everything else is stopped and noted."""
    url = route.request.url
    host = urlsplit(url).hostname or ""
    if host == "127.0.0.1" or url.startswith("data:"):
        route.continue_()
    elif host.endswith("tile.openstreetmap.org"):
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
    else:
        log.external.append(url)
        route.abort()


# True once the map has stopped moving (folium fits the bounds with an animation after load).
SETTLED_JS = """() => {
    const pane = document.querySelector(".leaflet-map-pane");
    const icons = Array.from(document.querySelectorAll(".leaflet-marker-pane > *")).slice(0, 40);
    const layout = JSON.stringify([pane ? pane.style.transform : "",
        icons.map(icon => { const box = icon.getBoundingClientRect(); return [box.x, box.y]; })]);
    const settled = window.__gmLayout === layout;
    window.__gmLayout = layout;
    return settled;
}"""


@pytest.fixture
def open_page(browser):
    """open_page(url) -> (page, log): a fresh 1200x800 tab with requests routed and logged."""
    contexts = []

    def opener(url: str):
        context = browser.new_context(viewport={"width": 1200, "height": 800})
        contexts.append(context)
        log = PageLog()
        context.route("**/*", lambda route: route_request(route, log))
        page = context.new_page()
        page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: log.errors.append(f"uncaught: {error}"))
        page.on("dialog", lambda dialog: (log.dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(url, wait_until="load")
        page.wait_for_function(SETTLED_JS, polling=150, timeout=10_000)
        return page, log

    yield opener
    for context in contexts:
        context.close()


# --------------------------------------------------------------------------- what is drawn

INSPECT_JS = """() => {
    const result = {leaflet: typeof L !== "undefined", maps: 0, groups: {}, dom: {},
                    heading: (document.getElementById("gm-date") || {}).textContent || ""};
    if (!result.leaflet) { return result; }
    const names = Object.keys(window);
    result.maps = names.filter(k => { try { return window[k] instanceof L.Map; }
                                      catch (e) { return false; } }).length;
    const control = names.find(k => /^layer_control_.*_layers$/.test(k));
    const overlays = control ? window[control].overlays : {};
    const leaves = (layer, out) => {
        if (layer instanceof L.LayerGroup) { layer.eachLayer(l => leaves(l, out)); }
        else { out.push(layer); }
        return out;
    };
    const kind = l => {
        if (l instanceof L.Marker) {
            const html = (l.options.icon && l.options.icon.options.html) || "";
            return html.indexOf("gm-symbol") >= 0 ? "symbols" : "decor";
        }
        if (l instanceof L.CircleMarker) { return "circles"; }
        if (l instanceof L.Polygon) { return "areas"; }
        if (l instanceof L.Polyline) { return "routes"; }
        return "other";
    };
    const drawn = l => { const el = l._icon || l._path; return !!(l._map && el && el.isConnected); };
    for (const [name, group] of Object.entries(overlays)) {
        const counts = {areas: 0, routes: 0, symbols: 0, circles: 0, decor: 0, other: 0};
        leaves(group, []).filter(drawn).forEach(l => { counts[kind(l)] += 1; });
        result.groups[name] = counts;
    }
    result.dom.symbols = document.querySelectorAll(".leaflet-marker-pane .gm-symbol").length;
    result.dom.paths = document.querySelectorAll(".leaflet-overlay-pane path").length;
    return result;
}"""

OPEN_ALL_JS = """kind => {
    const control = Object.keys(window).find(k => /^layer_control_.*_layers$/.test(k));
    const overlays = control ? window[control].overlays : {};
    const layers = [];
    const walk = layer => {
        layers.push(layer);
        if (layer instanceof L.LayerGroup) { layer.eachLayer(walk); }
    };
    Object.values(overlays).forEach(walk);
    const texts = [];
    layers.forEach(layer => {
        const bound = kind === "popup" ? layer.getPopup() : layer.getTooltip();
        if (!bound || !layer._map) { return; }
        const symbol = layer instanceof L.Marker;
        if (kind === "popup") { layer.openPopup(); } else { layer.openTooltip(); }
        const element = bound.getElement();          /* the one just opened, not a fading one */
        const box = element && element.isConnected
            ? (kind === "popup" ? element.querySelector(".leaflet-popup-content") : element) : null;
        texts.push({symbol: symbol, text: box ? box.innerText : null,
                    html: box ? box.innerHTML : null,
                    quotes: box ? Array.from(box.querySelectorAll("blockquote"),
                                             quote => quote.innerText) : []});
        if (kind === "popup") { layer.closePopup(); } else { layer.closeTooltip(); }
    });
    return texts;
}"""


def inspect(page) -> dict:
    """Leaflet's layers as drawn now: counts per layer-switcher entry and in the DOM."""
    return page.evaluate(INSPECT_JS)


def open_all(page, kind: str) -> list[dict]:
    """Open every popup (or tooltip) of every layer in turn; their text and HTML."""
    return page.evaluate(OPEN_ALL_JS, kind)


def layer_names(language: str) -> dict[str, str]:
    """Layer key -> its name in the layer switcher."""
    return load_ui(language)["layers"]


def page_area_counts(page_html: str) -> dict[str, int]:
    """Per layer-switcher name, the territory areas a dated page's script adds to it."""
    groups = {}
    overlays = re.search(r"overlays :\s*\{(.*?)\}", page_html, re.S)
    for name, group in re.findall(r'("(?:[^"\\]|\\.)*") : (feature_group_gm\d+)', overlays[1]):
        groups[group] = json.loads(name)
    counts = {name: 0 for name in groups.values()}
    for group in re.findall(r"geo_json_gm\d+\.addTo\((feature_group_gm\d+)\)", page_html):
        counts[groups[group]] += 1
    return counts


def expected_dated(site: Site, day: str) -> dict:
    """What a dated map must draw: from events.geojson and the page's own data."""
    page_html = (site.folder / "maps" / f"{day}.html").read_text(encoding="utf-8")
    names = layer_names(site.language)
    areas = page_area_counts(page_html)
    events = site.events_on(day)
    return {"areas": areas[names["territory"]], "changes": areas[names["changes"]],
            "symbols": len(events),
            "routes": sum(1 for f in events if f["geometry"]["type"] == "LineString"),
            "circles": page_html.count("L.circleMarker(")}


def timeline_data(site: Site) -> dict:
    """The timeline's JSON payload, as the page carries it."""
    page_html = (site.folder / "timeline.html").read_text(encoding="utf-8")
    return json.loads(re.search(r"var data = (\{.*?\});\n", page_html)[1])


def expected_timeline(data: dict, index: int) -> dict:
    """What the timeline must draw on its index-th date, replaying the payload's diffs."""
    held: dict = {}
    for diff in data["areaChanges"][:index + 1]:
        for area, value in diff.items():
            if value is None:
                held.pop(area, None)
            else:
                held[area] = value
    marks = [m for m in data["marks"] if m["d"] == index]
    inferred = len(data["inferred"][index])      # each drawn again with the inferred hatching
    return {"areas": len(held) + inferred, "changes": len(data["changed"][index]), "symbols": len(marks),
            "routes": sum(1 for m in marks if len(m["points"]) >= 2),
            "circles": len(data["places"][index])}


def map_problems(page, log: PageLog, expected: dict, names: dict[str, str]) -> list[str]:
    """Everything wrong with an open map page, [] when it is right.

    expected: areas (territory layer), changes, symbols, routes, circles (places).
    """
    seen = inspect(page)
    problems = [f"console: {e}" for e in log.errors]
    problems += [f"request left the machine: {u}" for u in log.external]
    if not seen["leaflet"] or seen["maps"] != 1:
        return problems + [f"no Leaflet map (L loaded: {seen['leaflet']}, maps: {seen['maps']})"]
    groups = seen["groups"]
    if set(names.values()) - set(groups) - {names.get("other")}:
        problems.append(f"layer switcher lacks {sorted(set(names.values()) - set(groups))}")
    drawn = {
        "areas": groups.get(names["territory"], {}).get("areas", 0),
        "changes": groups.get(names["changes"], {}).get("areas", 0),
        "symbols": sum(g["symbols"] for g in groups.values()),
        "routes": sum(g["routes"] for g in groups.values()),
        "circles": groups.get(names["places"], {}).get("circles", 0),
    }
    problems += [f"{what}: {drawn[what]} drawn, {count} expected"
                 for what, count in expected.items() if drawn[what] != count]
    if seen["dom"]["symbols"] != drawn["symbols"]:
        problems.append(f"{seen['dom']['symbols']} symbols in the page, {drawn['symbols']} layers")
    paths = sum(g["areas"] + g["routes"] + g["circles"] for g in groups.values())
    if seen["dom"]["paths"] != paths:
        problems.append(f"{seen['dom']['paths']} SVG paths in the page, {paths} path layers")
    return problems


def normalised(text: str) -> str:
    return " ".join(text.split())


def popup_problems(popups: list[dict], events: list[dict]) -> list[str]:
    """One symbol popup per event, quoting exactly that event's source sentences."""
    quoted = [sorted(normalised(q) for q in p["quotes"]) for p in popups if p["symbol"]]
    problems = ([] if len(quoted) == len(events)
                else [f"{len(quoted)} symbol popups, {len(events)} events"])
    for event in events:
        quotes = sorted(normalised(s["quote"]) for s in event["properties"]["sources"]
                        if s["quote"])
        if quotes in quoted:
            quoted.remove(quotes)
        else:
            problems.append(f"no popup quotes event {event['id']} ({quotes[0][:60]}...)")
    return problems


# --------------------------------------------------------------------------- dated maps

def test_every_dated_map_draws_its_events_areas_and_places(site, open_page):
    names = layer_names(site.language)
    assert len(site.days) >= 5
    for day in site.days:
        page, log = open_page(f"{site.url}/maps/{day}.html")
        problems = map_problems(page, log, expected_dated(site, day), names)
        assert problems == [], f"{day}: {problems}"


def test_every_popup_quotes_its_events_sentences(site, open_page):
    for day in site.days:
        page, log = open_page(f"{site.url}/maps/{day}.html")
        problems = popup_problems(open_all(page, "popup"), site.events_on(day))
        assert problems == [] and log.errors == [], f"{day}: {problems} {log.errors}"


CLICKABLE_SYMBOL_JS = """() => {
    for (const symbol of document.querySelectorAll(".leaflet-marker-pane .gm-symbol")) {
        const box = symbol.getBoundingClientRect();
        const x = box.left + box.width / 2, y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        if (hit && symbol.parentElement.contains(hit)) { return [x, y]; }
    }
    return null;
}"""


def test_a_real_click_opens_a_popup_and_hover_a_tooltip(site, open_page):
    page, log = open_page(f"{site.url}/maps/2016-12-12.html")
    point = page.evaluate(CLICKABLE_SYMBOL_JS)
    assert point, "no symbol can be clicked (all off screen or covered)"
    page.mouse.move(*point)
    page.wait_for_selector(".leaflet-tooltip", timeout=5000)
    page.mouse.click(*point)
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=5000)
    assert popup.locator("blockquote").count() >= 1
    assert log.errors == []


def test_unticking_a_layer_hides_its_features(site, open_page):
    names = layer_names(site.language)
    day = next(d for d in site.days
               if any(f["geometry"]["type"] == "LineString" for f in site.events_on(d)))
    page, log = open_page(f"{site.url}/maps/{day}.html")
    before = inspect(page)
    evacuation = before["groups"][names["evacuation"]]
    assert evacuation["routes"] >= 1 and evacuation["symbols"] >= 1
    page.hover(".leaflet-control-layers")
    checkbox = page.locator(".leaflet-control-layers-overlays label",
                            has_text=names["evacuation"]).locator("input")
    checkbox.click()
    hidden = inspect(page)
    assert all(count == 0 for count in hidden["groups"][names["evacuation"]].values())
    assert hidden["dom"]["symbols"] == before["dom"]["symbols"] - evacuation["symbols"]
    assert hidden["dom"]["paths"] == before["dom"]["paths"] - evacuation["routes"]
    checkbox.click()
    assert inspect(page)["groups"][names["evacuation"]] == evacuation
    assert log.errors == []


# --------------------------------------------------------------------------- timeline

def test_timeline_draws_every_date_and_steps_with_next_and_previous(site, open_page):
    data = timeline_data(site)
    names = layer_names(site.language)
    assert data["dates"] == site.days
    page, log = open_page(f"{site.url}/timeline.html")
    for index, day in enumerate(data["dates"]):
        if index:
            page.click("#gm-next")
        assert inspect(page)["heading"] == data["labels"][index]
        assert page.evaluate("location.hash") == f"#{day}"
        expected = expected_timeline(data, index)
        assert expected["symbols"] == len(site.events_on(day))
        problems = map_problems(page, log, expected, names)
        problems += popup_problems(open_all(page, "popup"), site.events_on(day))
        assert problems == [], f"timeline on {day}: {problems}"
    page.click("#gm-next")                              # already on the last date: stays
    assert inspect(page)["heading"] == data["labels"][-1]
    page.click("#gm-prev")
    assert inspect(page)["heading"] == data["labels"][-2]
    assert map_problems(page, log, expected_timeline(data, len(data["dates"]) - 2), names) == []


def test_timeline_play_slider_and_hash(site, open_page):
    data = timeline_data(site)
    names = layer_names(site.language)
    page, log = open_page(f"{site.url}/timeline.html#{data['dates'][2]}")
    assert inspect(page)["heading"] == data["labels"][2]
    page.click("#gm-play")
    assert page.get_attribute("#gm-play", "aria-pressed") == "true"
    page.wait_for_function("label => document.getElementById('gm-date').textContent === label",
                           arg=data["labels"][3], timeout=5000)
    page.click("#gm-play")
    assert page.get_attribute("#gm-play", "aria-pressed") == "false"
    assert map_problems(page, log, expected_timeline(data, 3), names) == []
    last = len(data["dates"]) - 1
    page.eval_on_selector("#gm-slider", "(el, v) => { el.value = v; "
                          "el.dispatchEvent(new Event('input')); }", str(last))
    assert inspect(page)["heading"] == data["labels"][last]
    assert map_problems(page, log, expected_timeline(data, last), names) == []


# --------------------------------------------------------------------------- hostile input

def test_hostile_article_runs_nothing_and_keeps_its_event(site, open_page):
    assert HOSTILE_NAME in (site.folder / "events.geojson").read_text(encoding="utf-8")
    carrying = [f"maps/{day}.html" for day in site.days] + ["timeline.html"]
    pages = [relative for relative in carrying
             if "__pwned" in (site.folder / relative).read_text(encoding="utf-8")]
    assert len(pages) >= 2, pages                     # its date's map and the timeline at least
    pages.append("index.html")
    quote_seen = False
    for relative in pages:
        page, log = open_page(f"{site.url}/{relative}")
        steps = len(timeline_data(site)["dates"]) if relative == "timeline.html" else 1
        for step in range(steps):
            if step:
                page.click("#gm-next")
            if relative != "index.html":
                popups = open_all(page, "popup")
                open_all(page, "tooltip")
                quote_seen |= any("Cheikh Saïd" in (p["text"] or "") and HOSTILE_SCRIPT
                                  in (p["text"] or "") for p in popups)
        if page.locator("footer details summary").count():
            page.click("footer details summary")         # show the article list
        assert page.evaluate("typeof window.__pwned") == "undefined", relative
        assert log.dialogs == [] and log.errors == [], (relative, log.dialogs, log.errors)
        assert page.locator("a[href^='javascript' i]").count() == 0, relative
    assert quote_seen, "the hostile sentence's event (Cheikh Saïd) is not in any popup"


def test_hostile_popup_shows_the_markup_as_text(site, open_page):
    page, log = open_page(f"{site.url}/maps/2016-12-12.html")
    popups = [p for p in open_all(page, "popup") if HOSTILE_SCRIPT in (p["text"] or "")]
    assert len(popups) == 1
    text, markup = popups[0]["text"], popups[0]["html"]
    assert all(bit in text for bit in HOSTILE_BITS)       # shown literally, {{ 7*7 }} unevaluated
    assert "<script" not in markup and "<img" not in markup
    assert "Cheikh Saïd" in text and "2016" in text
    page.click("footer details summary")
    footer = page.locator("footer").inner_text()
    assert "Alep <script>window.__pwned=1</script>" in footer
    assert page.evaluate("typeof window.__pwned") == "undefined" and log.dialogs == []


# --------------------------------------------------------------------------- the checker itself

def broken_copy(site: Site, day: str, name: str, script: str = "", unlink_leaflet=False) -> str:
    """A copy of a dated map, with a script run after Leaflet has drawn, or with Leaflet
    linked from its (unreachable) CDN instead of assets/; the copy's URL."""
    page_html = (site.folder / "maps" / f"{day}.html").read_text(encoding="utf-8")
    if script:
        page_html = page_html.replace("</html>", f"<script>{script}</script>\n</html>")
    if unlink_leaflet:
        shipped = '<script src="../assets/leaflet-1.9.3/leaflet.js"></script>'
        assert shipped in page_html, "Leaflet is not linked from assets/"
        page_html = page_html.replace(shipped, f'<script src="{LEAFLET_URL}"></script>', 1)
    (site.folder / "maps" / f"broken-{name}-{day}.html").write_text(page_html, encoding="utf-8")
    return f"{site.url}/maps/broken-{name}-{day}.html"


@pytest.fixture
def broken_day(site):
    """The date used for broken copies; removes the copies afterwards."""
    day = next(d for d in site.days if len(site.events_on(d)) >= 3)
    yield day
    for copy in (site.folder / "maps").glob("broken-*"):
        copy.unlink()


def test_checker_catches_a_javascript_error(site, open_page, broken_day):
    names = layer_names(site.language)
    page, log = open_page(broken_copy(site, broken_day, "error",
                                      "throw new Error('injected failure');"))
    problems = map_problems(page, log, expected_dated(site, broken_day), names)
    assert any("injected failure" in p for p in problems), problems


def test_checker_catches_an_emptied_layer(site, open_page, broken_day):
    names = layer_names(site.language)
    script = ("Object.values(window[Object.keys(window).find(k => /^layer_control_.*_layers$/"
              ".test(k))].overlays).forEach(g => g.clearLayers());")
    page, log = open_page(broken_copy(site, broken_day, "empty", script))
    problems = map_problems(page, log, expected_dated(site, broken_day), names)
    assert any(p.startswith("symbols:") for p in problems), problems


def test_checker_catches_a_page_whose_leaflet_is_on_a_dead_cdn(site, open_page, broken_day):
    names = layer_names(site.language)
    page, log = open_page(broken_copy(site, broken_day, "cdn", unlink_leaflet=True))
    problems = map_problems(page, log, expected_dated(site, broken_day), names)
    assert any("no Leaflet map" in p for p in problems), problems
    assert f"request left the machine: {LEAFLET_URL}" in problems
    assert any(p.startswith("console: uncaught") for p in problems), problems


# --------------------------------------------------------------------------- shared polygons, from disk
# A default build: the dated maps refer to maps/areas.js for their polygons; opened from disk
# (file://) with nothing from the network (Leaflet is written beside the pages), they still
# draw every area.

@pytest.fixture(scope="module")
def shared_site(site) -> Site:
    """The sample built as by default (Leaflet in assets/, polygons shared)."""
    return site


def open_from_disk(browser, url: str):
    """A tab on a file:// page; tiles blank, anything else from the network stopped."""
    log = PageLog()
    context = browser.new_context(viewport={"width": 1200, "height": 800})

    def answer(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            return route.continue_()
        if "tile.openstreetmap.org" in url:
            return route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        log.external.append(url)
        return route.abort()

    context.route("**/*", answer)
    page = context.new_page()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(f"uncaught: {error}"))
    page.goto(url, wait_until="load")
    page.wait_for_function(SETTLED_JS, polling=150, timeout=10_000)
    return context, page, log


def test_dated_maps_refer_to_the_shared_polygons_instead_of_inlining_them(shared_site):
    shared = (shared_site.folder / SHARED_AREAS_FILE).read_text(encoding="utf-8")
    assert shared.startswith("window.GM_AREAS = {")
    for day in shared_site.days:
        page = (shared_site.folder / "maps" / f"{day}.html").read_text(encoding="utf-8")
        assert SCRIPT_TAG in page and 'GM_AREAS["' in page
        assert '"type": "MultiPolygon"' not in page and '"type": "Polygon"' not in page


def test_every_dated_map_opened_from_disk_draws_its_areas_from_the_shared_file(shared_site, browser):
    names = layer_names(shared_site.language)
    for day in shared_site.days:
        context, page, log = open_from_disk(browser, (shared_site.folder / "maps" / f"{day}.html").as_uri())
        try:
            expected = expected_dated(shared_site, day)
            assert expected["areas"] > 0
            assert map_problems(page, log, expected, names) == [], day
        finally:
            context.close()

"""What a reader sees, in headless Chromium: pages that work with no network, every event's
marker openable (also where several events share a place), a short Tab order with named
markers, and popups that no panel covers on a phone.

The site is the one tests/test_browser.py builds (the sample plus a hostile article, default
build: Leaflet in assets/). Offline pages are opened from file:// with every other request
refused, tiles included.
"""
from __future__ import annotations

import functools
import html
import http.server
import re
import threading
from datetime import date
from urllib.parse import urlsplit

import pytest

from aleppo_site import SiteSettings, write_site
from geomap.models import Event, Place, Source
from test_browser import QuietHandler, missing_browser

pytestmark = pytest.mark.skipif(missing_browser() is not None,
                                reason=f"browser tests need Chromium and Playwright: {missing_browser()}")

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

DRAWN_JS = """() => ({leaflet: typeof L !== "undefined",
    symbols: document.querySelectorAll(".leaflet-marker-pane .gm-symbol").length})"""


@pytest.fixture
def offline_page(browser):
    """offline_page(url, viewport) -> (page, refused, errors): only file:// requests are served."""
    contexts = []

    def opener(url: str, viewport: dict = DESKTOP):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        refused, errors = [], []

        def route(request_route):
            if request_route.request.url.startswith(("file:", "data:")):
                request_route.continue_()
            else:
                refused.append(request_route.request.url)
                request_route.abort()
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda error: errors.append(f"uncaught: {error}"))
        page.goto(url, wait_until="load")
        page.wait_for_timeout(400)
        return page, refused, errors

    yield opener
    for context in contexts:
        context.close()


def tile_errors(errors: list[str]) -> list[str]:
    """Console errors other than the refused tile requests."""
    return [e for e in errors if "ERR_FAILED" not in e and "net::" not in e]


# --------------------------------------------------------------------------- offline

@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_the_default_build_draws_every_map_with_no_network(site, offline_page, viewport):
    for day in site.days:
        page, refused, errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri(), viewport)
        drawn = page.evaluate(DRAWN_JS)
        assert drawn == {"leaflet": True, "symbols": len(site.events_on(day))}, day
        assert all("tile.openstreetmap.org" in url for url in refused), refused
        assert tile_errors(errors) == [], (day, errors)
    page, refused, errors = offline_page((site.folder / "timeline.html").as_uri(), viewport)
    assert page.evaluate(DRAWN_JS)["leaflet"] and page.evaluate(DRAWN_JS)["symbols"] >= 1
    assert tile_errors(errors) == []


def test_a_self_contained_page_works_alone_with_no_network(tmp_path, offline_page):
    place = Place(id="sukkari", type="neighbourhood", names=("Sukkari",), lat=36.18, lon=37.15)
    sentence = "Des frappes ont touché Sukkari."
    event = Event(type="strike", date=date(2016, 12, 12), precision="day", window=None, place_id="sukkari",
                  id="e1", sources=[Source(article="a.txt", sentence=sentence, start=0, end=len(sentence))])
    write_site(tmp_path, [event], [], {place.id: place}, SiteSettings(assets="inline"))
    alone = tmp_path / "elsewhere.html"
    alone.write_bytes((tmp_path / "maps" / "2016-12-12.html").read_bytes())     # no assets/ beside it
    page, refused, errors = offline_page(alone.as_uri())
    assert page.evaluate(DRAWN_JS) == {"leaflet": True, "symbols": 1}
    assert all("tile.openstreetmap.org" in url for url in refused) and tile_errors(errors) == []


# --------------------------------------------------------------------------- every event openable

def shared_point_day(site) -> tuple[str, int]: 
    """A date on which several events' symbols start at one point, and how many."""
    best = ("", 0)
    for day in site.days:
        starts = [tuple(f["geometry"]["coordinates"][0] if f["geometry"]["type"] == "LineString"
                        else f["geometry"]["coordinates"]) for f in site.events_on(day)]
        most = max((starts.count(point) for point in starts), default=0)
        if most > best[1]:
            best = (day, most)
    return best


# The symbols in view, each with the point a real click reaches it at (null: covered by
# another symbol or a panel). Far events (Moscow) are out of view: the off-map panel lists them.
CLICKABLE_JS = """() => { const view = document.querySelector(".folium-map").getBoundingClientRect();
    return Array.from(document.querySelectorAll(".leaflet-marker-icon.leaflet-interactive"))
    .filter(icon => { const box = icon.getBoundingClientRect();
                      return box.right > view.left && box.left < view.right
                             && box.bottom > view.top && box.top < view.bottom; })
    .map(icon => { const box = icon.getBoundingClientRect();
                   const x = box.left + box.width / 2, y = box.top + box.height / 2;
                   const hit = document.elementFromPoint(x, y);
                   return hit && icon.contains(hit) ? [x, y] : null; }); }"""


KEEP_VIEW_JS = """() => { const map = Object.values(window).find(v => { try { return v instanceof L.Map; }
                                                                   catch (e) { return false; } });
    window.__gmView = [map, map.getCenter(), map.getZoom()]; }"""
BACK_TO_VIEW_JS = "() => window.__gmView[0].setView(window.__gmView[1], window.__gmView[2], {animate: false})"


def test_every_event_in_view_can_be_clicked_open_also_where_events_share_a_place(site, offline_page):
    shared_day, sharing = shared_point_day(site)
    assert sharing >= 2, "the sample has no date with two events at one place"
    opened = {day: clicked_open(site, offline_page, day) for day in site.days}
    assert opened[shared_day] >= sharing


def clicked_open(site, offline_page, day: str) -> int:
    """Click each event symbol in view on the day's map, as a reader does: each must open its
    own popup with no console error. Returns how many were opened."""
    page, _refused, errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri())
    points = page.evaluate(CLICKABLE_JS)
    assert all(points), (day, points)
    page.evaluate(KEEP_VIEW_JS)
    headings = set()
    for index in range(len(points)):
        page.evaluate(BACK_TO_VIEW_JS)                  # an open popup pans the map
        point = page.evaluate(CLICKABLE_JS)[index]
        assert point, index
        page.mouse.click(*point)
        page.wait_for_selector(".leaflet-popup-content", timeout=5000)
        headings.add(page.inner_text(".leaflet-popup-content"))
        page.keyboard.press("Escape")
        page.wait_for_selector(".leaflet-popup", state="detached", timeout=5000)
        page.wait_for_timeout(300)
    assert len(headings) == len(points), day            # each click opened its own event
    assert tile_errors(errors) == [], day
    return len(points)


def test_the_timeline_sets_apart_events_at_one_place_too(site, offline_page):
    day, sharing = shared_point_day(site)
    page, _refused, _errors = offline_page((site.folder / "timeline.html").as_uri() + f"#{day}")
    points = page.evaluate(CLICKABLE_JS)
    assert len(points) >= sharing and all(points), points


# --------------------------------------------------------------------------- keyboard

TAB_JS = """() => { const e = document.activeElement;
    const inner = e.querySelector && e.querySelector("[aria-label]");
    return {tag: e.tagName, marker: e.classList.contains("leaflet-marker-icon"),
            name: e.getAttribute("aria-label") || (inner && inner.getAttribute("aria-label"))
                  || e.getAttribute("title") || (e.innerText || "").trim()}; }"""


def tab_stops(page, most: int = 60) -> list[dict]:
    stops = []
    for _ in range(most):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_JS)
        if stop["tag"] == "BODY":
            break
        stops.append(stop)
    return stops


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_tab_reaches_the_markers_quickly_and_every_stop_has_a_name(site, offline_page, viewport):
    day = max(site.days, key=lambda d: len(site.events_on(d)))
    page, _refused, _errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri(), viewport)
    stops = tab_stops(page)
    first_marker = next(i for i, stop in enumerate(stops) if stop["marker"])
    assert first_marker < 10, stops[:12]
    assert not any(stop["tag"].lower() == "path" for stop in stops)         # no territory stops
    markers = [stop for stop in stops if stop["marker"]]
    assert len(markers) == len(site.events_on(day))
    assert all(stop["name"] for stop in stops[1:]), [s for s in stops if not s["name"]]
    assert all(", " in stop["name"] and "2016" in stop["name"] for stop in markers), markers
    page.keyboard.press("Shift+Tab")
    while not page.evaluate(TAB_JS)["marker"]:
        page.keyboard.press("Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_selector(".leaflet-popup", state="detached", timeout=5000)


def test_every_marker_of_every_map_opens_from_the_keyboard(site, offline_page):
    for day in site.days:
        page, _refused, _errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri())
        markers = page.locator(".leaflet-marker-icon.leaflet-interactive")
        assert markers.count() == len(site.events_on(day)), day
        opened = set()
        for index in range(markers.count()):
            markers.nth(index).focus()                  # a Tab stop (see the test above)
            page.keyboard.press("Enter")
            page.wait_for_selector(".leaflet-popup-content", timeout=5000)
            opened.add(page.inner_text(".leaflet-popup-content"))
            page.keyboard.press("Escape")
            page.wait_for_selector(".leaflet-popup", state="detached", timeout=5000)
            assert page.evaluate("() => document.activeElement.classList.contains('leaflet-marker-icon')")
        assert len(opened) == markers.count(), day      # each its own event's popup


def test_timeline_markers_have_names(site, offline_page):
    page, _refused, _errors = offline_page((site.folder / "timeline.html").as_uri())
    names = page.evaluate("""() => Array.from(document.querySelectorAll(
        ".leaflet-marker-icon.leaflet-interactive"), icon => icon.getAttribute("aria-label"))""")
    assert names and all(names), names


# --------------------------------------------------------------------------- phones

# Is the popup's text the topmost thing where it is drawn (heading, date, place lines)?
POPUP_SEEN_JS = """() => {
    const content = document.querySelector(".leaflet-popup-content");
    if (!content) { return ["no popup"]; }
    const hidden = [];
    content.querySelectorAll(".gm-popup > p").forEach(line => {
        const box = line.getBoundingClientRect();
        const x = box.left + Math.min(20, box.width / 2), y = box.top + box.height / 2;
        const hit = document.elementFromPoint(x, y);
        if (!hit || !content.contains(hit)) {
            hidden.push(line.innerText + " under " + (hit ? hit.className || hit.tagName : "nothing"));
        }
    });
    return hidden;
}"""


def test_on_a_phone_panels_start_folded_and_no_popup_is_covered(site, offline_page):
    for day in site.days:
        page, _refused, _errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri(), PHONE)
        assert page.evaluate("Array.from(document.querySelectorAll('.gm-control details')).every(d => !d.open)")
        count = page.locator(".leaflet-marker-icon.leaflet-interactive").count()
        for index in range(count):
            page.locator(".leaflet-marker-icon.leaflet-interactive").nth(index).dispatch_event("click")
            page.wait_for_selector(".leaflet-popup-content", timeout=5000)
            page.wait_for_timeout(350)                  # the popup's pan into view
            assert page.evaluate(POPUP_SEEN_JS) == [], (day, index)
            page.keyboard.press("Escape")


def test_on_a_phone_the_scale_bar_and_the_attribution_do_not_overlap(site, offline_page):
    page, _refused, _errors = offline_page((site.folder / "maps" / f"{site.days[0]}.html").as_uri(), PHONE)
    scale, credit = (page.locator(selector).bounding_box()
                     for selector in (".leaflet-control-scale", ".leaflet-control-attribution"))
    assert scale["x"] + scale["width"] <= credit["x"] or scale["y"] + scale["height"] <= credit["y"]


# The open popup's box and the map's, and whether the popup's text scrolls (and is a Tab stop).
POPUP_BOX_JS = """() => { const popup = document.querySelector(".leaflet-popup-content-wrapper");
    const content = document.querySelector(".leaflet-popup-content");
    const box = popup.getBoundingClientRect(), map = document.querySelector(".folium-map").getBoundingClientRect();
    return {inside: box.top >= map.top - 1 && box.bottom <= map.bottom + 1,
            scrolls: content.scrollHeight > content.clientHeight + 1,
            focusable: content.getAttribute("tabindex") === "0"}; }"""


def test_on_a_phone_a_long_popup_scrolls_inside_the_map(site, offline_page):
    seen_scrolling = False
    for day in site.days:
        page, _refused, _errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri(), PHONE)
        markers = page.locator(".leaflet-marker-icon.leaflet-interactive")
        for index in range(markers.count()):
            markers.nth(index).dispatch_event("click")
            page.wait_for_selector(".leaflet-popup-content", timeout=5000)
            page.wait_for_timeout(350)                  # the popup's pan into view
            box = page.evaluate(POPUP_BOX_JS)
            assert box["inside"], (day, index)
            assert box["focusable"] or not box["scrolls"], (day, index)   # the keyboard can scroll it
            seen_scrolling |= box["scrolls"]
            page.keyboard.press("Escape")
    assert seen_scrolling, "no popup of the sample is taller than a phone's map"


# --------------------------------------------------------------------------- embeds

def index_snippet(site, slug: str) -> str:
    """The embed code of index.html for a map, and the host line, as a user copies them."""
    page = (site.folder / "index.html").read_text(encoding="utf-8")
    areas = re.findall(r'<textarea[^>]*>(.*?)</textarea>', page, re.S)
    snippet = html.unescape(next(a for a in areas if f"geomap-{slug}-desc" in a))
    resize = html.unescape(next(a for a in areas if "geomap:height" in a))
    return snippet, resize


@pytest.fixture
def host_page(site, tmp_path, browser):
    """host_page(body, viewport) -> (page, frame): a story page on another origin (localhost,
    another port) carrying `body`; the site's own URLs are made absolute on 127.0.0.1."""
    servers, contexts = [], []

    def opener(body: str, viewport: dict = DESKTOP):
        (tmp_path / "story.html").write_text(
            f"<!DOCTYPE html><html><body><p>Story text.</p>{body}<p>More story.</p>"
            + "<p>filler</p>" * 80 + "</body></html>", encoding="utf-8")
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(
            QuietHandler, directory=str(tmp_path)))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_()
                      if (urlsplit(route.request.url).hostname or "") in ("127.0.0.1", "localhost")
                      else route.abort())
        page = context.new_page()
        page.goto(f"http://localhost:{server.server_port}/story.html", wait_until="load")
        page.wait_for_timeout(800)
        return page, page.frames[1]

    yield opener
    for context in contexts:
        context.close()
    for server in servers:
        server.shutdown()
        server.server_close()


def test_an_embed_on_another_origin_takes_its_height_and_leaves_the_wheel_to_the_story(site, host_page):
    day = site.days[0]
    snippet, resize = index_snippet(site, day)
    snippet = snippet.replace(f'src="maps/{day}.html"', f'src="{site.url}/maps/{day}.html"')
    page, frame = host_page(snippet + resize)
    height = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
    assert height != round(0.7 * DESKTOP["height"]) and 400 <= height <= 1000, height
    map_height = frame.evaluate("document.querySelector('.folium-map').getBoundingClientRect().height")
    assert map_height >= 0.6 * height                                 # the map has most of it
    wheel = ("Object.keys(window).map(k => { try { return window[k]; } catch (e) { return null; } })"
             ".find(v => v instanceof L.Map).scrollWheelZoom.enabled()")
    assert frame.evaluate(wheel) is False
    box = page.locator("iframe").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)    # over the map
    page.mouse.wheel(0, 300)
    page.wait_for_function("window.scrollY > 0", timeout=10000)        # the story scrolled (a slow machine scrolls late)
    assert page.evaluate("window.scrollY") > 0
    box = page.locator("iframe").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    assert frame.evaluate(wheel) is True


def test_an_embed_without_the_host_line_keeps_its_fallback_height(site, host_page):
    day = site.days[0]
    snippet, _resize = index_snippet(site, day)
    page, _frame = host_page(snippet.replace(f'src="maps/{day}.html"', f'src="{site.url}/maps/{day}.html"'))
    height = page.evaluate("document.querySelector('iframe').getBoundingClientRect().height")
    assert height == round(0.7 * DESKTOP["height"])

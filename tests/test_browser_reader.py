"""What a reader sees, in headless Chromium: pages that work with no network, every event's
marker openable (also where several events share a place), a short Tab order with named
markers, and popups that no panel covers on a phone.

The site is the one tests/test_browser.py builds (the sample plus a hostile article, default
build: Leaflet in assets/). Offline pages are opened from file:// with every other request
refused, tiles included.
"""
from __future__ import annotations

from datetime import date

import pytest

from aleppo_site import SiteSettings, write_site
from geomap.models import Event, Place, Source
from test_browser import browser, missing_browser, site  # noqa: F401 (fixtures)

pytestmark = pytest.mark.skipif(missing_browser() is not None,
                                reason=f"browser tests need Chromium and Playwright: {missing_browser()}")

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 800}

DRAWN_JS = """() => ({leaflet: typeof L !== "undefined",
    symbols: document.querySelectorAll(".leaflet-marker-pane .gm-symbol").length})"""


@pytest.fixture
def offline_page(browser):  # noqa: F811 (the fixture imported above)
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

def test_the_default_build_draws_every_map_with_no_network(site, offline_page):  # noqa: F811
    for day in site.days:
        page, refused, errors = offline_page((site.folder / "maps" / f"{day}.html").as_uri())
        drawn = page.evaluate(DRAWN_JS)
        assert drawn == {"leaflet": True, "symbols": len(site.events_on(day))}, day
        assert all("tile.openstreetmap.org" in url for url in refused), refused
        assert tile_errors(errors) == [], (day, errors)
    page, refused, errors = offline_page((site.folder / "timeline.html").as_uri())
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

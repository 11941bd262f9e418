"""axe-core, the accessibility engine, on the built pages in headless Chromium: the index, the
dated map with the most events and the time slider, at desktop (1280x800) and phone (390x844)
sizes, as they load, then with every panel unfolded and an event's popup open. No violation
may be serious or critical; every page has one main landmark (the map on a map page).

axe-core comes from the PyPI package axe-playwright-python (the test extra), which ships
axe.min.js; the site is the one tests/test_browser.py builds (conftest.py), opened from disk
with every other request refused.
"""
from __future__ import annotations

import pytest

from test_browser import IN_CI, missing_browser

try:
    from axe_playwright_python.sync_playwright import Axe
except ImportError:                                  # the test extra is not installed
    Axe = None


def missing_axe() -> str | None:
    """Why these tests cannot run here, or None."""
    if Axe is None:
        return "the axe-playwright-python package is not installed (pip install -e '.[test]')"
    return missing_browser()


pytestmark = pytest.mark.skipif(missing_axe() is not None and not IN_CI,
                                reason=f"accessibility tests need axe-core and Chromium: {missing_axe()}")

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
BLOCKING = ("serious", "critical")
OPEN_PANELS_JS = "() => document.querySelectorAll('details').forEach(details => { details.open = true; })"


def page_paths(site) -> dict[str, str]:
    busiest = max(site.days, key=lambda day: len(site.events_on(day)))
    return {"index": "index.html", "dated map": f"maps/{busiest}.html", "slider": "timeline.html"}


@pytest.fixture
def opened(browser):
    """opened(path of a file, viewport) -> page: loaded from disk, nothing else fetched."""
    if Axe is None:
        pytest.fail(f"CI=true and {missing_axe()}")
    contexts = []

    def opener(path, viewport: dict):
        context = browser.new_context(viewport=viewport)
        contexts.append(context)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("file:", "data:"))
                      else route.abort())
        page = context.new_page()
        page.goto(path.as_uri(), wait_until="load")
        page.wait_for_timeout(400)
        return page

    yield opener
    for context in contexts:
        context.close()


def violations(page, rules: tuple[str, ...] = ()) -> list[str]:
    """axe-core's serious and critical violations (or those of the given rules, whatever their
    impact), one line each: rule, impact, the first nodes."""
    found = Axe().run(page).response["violations"]
    return [f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
            for v in found if (v["id"] in rules if rules else v["impact"] in BLOCKING)]


def open_a_popup(page) -> bool:
    """Open the first event's popup, as a reader's click does; False when the page has none."""
    markers = page.locator(".leaflet-marker-icon.leaflet-interactive")
    if markers.count() == 0:
        return False
    markers.first.dispatch_event("click")
    page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    page.wait_for_timeout(300)
    return True


@pytest.mark.parametrize("size", SIZES)
def test_no_page_has_a_serious_accessibility_violation_as_it_loads(site, opened, size):
    for name, path in page_paths(site).items():
        page = opened(site.folder / path, SIZES[size])
        assert violations(page) == [], (name, size)


@pytest.mark.parametrize("size", SIZES)
def test_open_panels_and_popups_have_no_serious_violation_either(site, opened, size):
    for name, path in page_paths(site).items():
        if name == "index":
            continue
        page = opened(site.folder / path, SIZES[size])
        page.evaluate(OPEN_PANELS_JS)
        assert open_a_popup(page), name
        assert violations(page) == [], (name, size)


def test_every_page_has_one_main_landmark_holding_its_content(site, opened):
    for name, path in page_paths(site).items():
        page = opened(site.folder / path, SIZES["phone"])
        assert page.locator("main, [role=main]").count() == 1, name
        assert violations(page, rules=("landmark-one-main", "region")) == [], name

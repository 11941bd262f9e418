"""The dated maps of a default build share their polygons (maps/areas.js) and still draw
every area, opened from disk (file://) in a real browser with nothing from the network but
Leaflet, which is answered from the asset cache as the CDN would.

Uses the browser, the page checker and the helpers of tests/test_browser.py (same skips).
"""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from geomap.site import assets
from geomap.site.shared_areas import SCRIPT_TAG, SHARED_AREAS_FILE
from test_browser import (BLANK_TILE, IN_CI, ROOT, SETTLED_JS, PageLog, Site, browser,  # noqa: F401
                          expected_dated, layer_names, map_problems, missing_browser, require)

pytestmark = pytest.mark.skipif(missing_browser() is not None and not IN_CI,
                                reason=f"browser tests need Chromium and Playwright: {missing_browser()}")


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Site:
    """The sample built as by default (pages link Leaflet; polygons shared), never online."""
    require(assets.cache_is_filled(), f"the asset cache {assets.cache_folder()} lacks Leaflet")
    out = tmp_path_factory.mktemp("shared") / "site"
    result = subprocess.run([sys.executable, "-m", "geomap.cli", "build", "--config", str(ROOT / "config.yaml"),
                             "--articles", str(ROOT / "articles"), "--out", str(out)],
                            cwd=ROOT, env=dict(os.environ, **{assets.OFFLINE_ENV: "1"}),
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    language = re.search(r'<html lang="([a-z]+)"', (out / "index.html").read_text("utf-8"))[1]
    return Site(out, out.as_uri(), features, language)


def open_from_disk(browser, url: str):
    """A tab on a file:// page; Leaflet from the asset cache, tiles blank, anything else stopped."""
    store, log = assets.AssetStore(), PageLog()
    context = browser.new_context(viewport={"width": 1200, "height": 800})

    def answer(route):
        url = route.request.url
        if url.startswith(("file:", "data:")):
            return route.continue_()
        if "tile.openstreetmap.org" in url:
            return route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        cached = store.read(url)
        if cached is None:
            log.external.append(url)
            return route.abort()
        return route.fulfill(status=200, body=cached,
                             content_type="text/css" if url.endswith(".css") else "application/javascript")

    context.route("**/*", answer)
    page = context.new_page()
    page.on("console", lambda m: log.errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(f"uncaught: {error}"))
    page.goto(url, wait_until="load")
    page.wait_for_function(SETTLED_JS, polling=150, timeout=10_000)
    return context, page, log


def test_dated_maps_refer_to_the_shared_polygons_instead_of_inlining_them(site):
    shared = (site.folder / SHARED_AREAS_FILE).read_text(encoding="utf-8")
    assert shared.startswith("window.GM_AREAS = {")
    for day in site.days:
        page = (site.folder / "maps" / f"{day}.html").read_text(encoding="utf-8")
        assert SCRIPT_TAG in page and 'GM_AREAS["' in page
        assert '"type": "MultiPolygon"' not in page and '"type": "Polygon"' not in page


def test_every_dated_map_opened_from_disk_draws_its_areas_from_the_shared_file(site, browser):
    names = layer_names(site.language)
    for day in site.days:
        context, page, log = open_from_disk(browser, f"{site.url}/maps/{day}.html")
        try:
            expected = expected_dated(site, day)
            assert expected["areas"] > 0
            assert map_problems(page, log, expected, names) == [], day
        finally:
            context.close()

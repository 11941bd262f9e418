"""Session fixtures shared by several suites: the extractor over the real parsers (tests/test_syntax.py,
tests/test_shares.py); and for the browser suites (tests/test_browser.py, tests/test_browser_reader.py)
the sample site built once and served on 127.0.0.1, and one headless Chromium (Playwright's
sync API allows one at a time, so both suites must share it)."""
from __future__ import annotations

import functools
import http.server
import json
import os
import re
import threading

import pytest
from pathlib import Path

from geomap.extract import Extractor
from geomap.extract.syntax import pipeline_for
from geomap.gazetteer import Gazetteer
from test_browser import QuietHandler, Site, build_site, missing_browser, sync_playwright, CHROMIUM, CHROMIUM_ARGS
from test_syntax import MODELS, SETTINGS


@pytest.fixture(scope="session", autouse=True)
def user_cache(tmp_path_factory):
    """The session's own user cache folder (XDG_CACHE_HOME, which geomap.cache's default folder is
    under, also for the builds run as commands), never the user's."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("user-cache"))
    yield Path(os.environ["XDG_CACHE_HOME"])
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(scope="session")
def extractor():
    """An extractor over the sample's conflict and the real spaCy parsers (skipped without them)."""
    for model in MODELS.values():
        if pipeline_for(model) is None:
            pytest.skip(f"spaCy model {model} is not installed (pip install -e . installs it)")
    return Extractor(Gazetteer.load(), SETTINGS, 2016)


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    """The site, built once and served on 127.0.0.1 for the whole session."""
    out = tmp_path_factory.mktemp("browser") / "site"
    result = build_site(out)
    assert result.returncode == 0, result.stderr
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    features = json.loads((out / "events.geojson").read_text(encoding="utf-8"))["features"]
    language = re.search(r'<html lang="([a-z]+)"', (out / "index.html").read_text("utf-8"))[1]
    yield Site(out, f"http://127.0.0.1:{server.server_port}", features, language)
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session."""
    reason = missing_browser()
    if reason:
        pytest.fail(f"CI=true and {reason}")         # outside CI the module was skipped
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()

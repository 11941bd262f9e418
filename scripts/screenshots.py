#!/usr/bin/env python3
"""Screenshots of the sample's map of 12 December 2016 and of its timeline, for docs/.

    python3 scripts/screenshots.py [--out docs/screenshots] [--chromium /usr/bin/chromium]

Builds the bundled sample (articles/, config.yaml) into a temporary folder (Leaflet in assets/),
serves it on 127.0.0.1, and photographs the pages at desktop (1280x800) and phone (390x844)
sizes in headless Chromium driven by Playwright (`pip install -e '.[test]'`): the map and the
timeline as they open, and on the phone the map again with an event's popup open. No request leaves the machine: OpenStreetMap tiles
are answered with a plain light-grey tile, anything else is refused, so the pictures show
the site's own drawing on a blank background and are the same from run to run.
"""
from __future__ import annotations

import argparse
import functools
import http.server
import struct
import subprocess
import sys
import tempfile
import threading
import zlib
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
# (file name after the size, page, whether an event's popup is opened), per size
SHOTS = {"desktop": [("map-2016-12-12", "maps/2016-12-12.html", False), ("timeline", "timeline.html", False)],
         "phone": [("map-2016-12-12", "maps/2016-12-12.html", False), ("map-2016-12-12-popup", "maps/2016-12-12.html", True),
                   ("timeline", "timeline.html", False)]}


def blank_tile(size: int = 256, grey: int = 0xEE) -> bytes:
    """A plain grey PNG tile (8-bit greyscale), made without an image library."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    rows = b"".join(b"\x00" + bytes([grey]) * size for _ in range(size))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", size, size, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def build_sample(out: Path) -> None:
    """`geomap build` of the bundled sample into `out`."""
    subprocess.run([sys.executable, "-m", "geomap.cli", "build", "--config",
                    str(ROOT / "config.yaml"), "--out", str(out), "--quiet"],
                   cwd=ROOT, check=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site without a log line per request."""
    def log_message(self, *args) -> None:
        pass


def serve(folder: Path) -> http.server.ThreadingHTTPServer:
    """An HTTP server for the folder on a free 127.0.0.1 port, running in a thread."""
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def route_offline(route, tile: bytes) -> None:
    """Local pages pass, map tiles get the blank tile, the rest is refused."""
    host = urlsplit(route.request.url).hostname or ""
    if host == "127.0.0.1":
        route.continue_()
    elif host.endswith("tile.openstreetmap.org"):
        route.fulfill(status=200, content_type="image/png", body=tile)
    else:
        route.abort()


# True once the map has stopped moving (folium fits the bounds with an animation after load).
SETTLED_JS = """() => {
    const pane = document.querySelector(".leaflet-map-pane");
    const layout = pane ? pane.style.transform : "";
    const settled = window.__gmLayout === layout;
    window.__gmLayout = layout;
    return settled;
}"""


def photograph(base_url: str, out: Path, chromium: str) -> list[Path]:
    """Screenshot each page of SHOTS at its size into `out`; the files written."""
    from playwright.sync_api import sync_playwright
    tile = blank_tile()
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        for size, shots in SHOTS.items():
            context = browser.new_context(viewport=SIZES[size], device_scale_factor=1)
            context.route("**/*", lambda route: route_offline(route, tile))
            page = context.new_page()
            for name, relative, popup in shots:
                page.goto(f"{base_url}/{relative}", wait_until="networkidle")
                page.wait_for_function(SETTLED_JS, polling=200, timeout=10_000)
                if popup:
                    open_first_popup(page)
                page.wait_for_timeout(300)
                written.append(out / f"{size}-{name}.png")
                page.screenshot(path=str(written[-1]))
            context.close()
        browser.close()
    return written


def open_first_popup(page) -> None:
    """Click the first event symbol, as a reader does, and wait for the popup's pan."""
    page.locator(".leaflet-marker-icon.leaflet-interactive").first.click()
    page.wait_for_selector(".leaflet-popup-content", timeout=5000)
    page.wait_for_function(SETTLED_JS, polling=200, timeout=10_000)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="geomap-screenshots-") as scratch:
        site = Path(scratch) / "site"
        build_sample(site)
        server = serve(site)
        try:
            written = photograph(f"http://127.0.0.1:{server.server_port}", args.out, args.chromium)
        finally:
            server.shutdown()
            server.server_close()
    for path in written:
        print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
    return 0


if __name__ == "__main__":
    sys.exit(main())

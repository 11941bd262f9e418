"""maps/YYYY-MM-DD.png: a still picture of each dated map, taken in headless Chromium.

A picture is the map page's fallback where its script cannot run: `<noscript>` in the page,
the social card (`og:image`, `twitter:card`, with `base_url` only: they need absolute links)
and the index's "static image" snippet for newsletters, print and hosts that strip iframes.

How: the rendered pages (and the Leaflet files and maps/areas.js they need) are written to a
private temporary folder and each dated map is opened as a file:// page by Debian's
`chromium --headless --screenshot`, at SIZE, with a virtual time budget so the map has drawn.
The network is shut (every host name resolves to nothing): no build fetches anything, so the
OpenStreetMap tiles are absent and the picture shows the territory, the events, the legend
and the panels on Leaflet's grey background. In --cdn mode the copy gets the shipped Leaflet.

Chromium missing, failing or over its time on a map: one warning line, and that map has no
picture; a page only refers to pictures that were taken. PNG metadata chunks (tIME, text)
are dropped, so the same pages give the same bytes.
"""
from __future__ import annotations

import os
import shutil
import struct
import subprocess
import tempfile
import zlib
from pathlib import Path
from typing import Callable, Iterable, Mapping

from geomap.site.assets import with_assets
from geomap.site.escape import attr, safe_base_url
from geomap.site.index import PICTURE_SIZE

SIZE = PICTURE_SIZE                      # the social-card size (og:image's recommended 1.91:1)
CHROMIUM_CANDIDATES = ("chromium", "chromium-browser", "google-chrome")
TIMEOUT_SECONDS = 60                     # one map's ceiling; a shot takes a few seconds
VIRTUAL_TIME_MS = 3000                   # page time Chromium lets pass before the shot
# Drawing in one pass, on one thread, without partial or deferred rasters: the same page, the same pixels.
STEADY_RENDERING = ("--run-all-compositor-stages-before-draw", "--disable-partial-raster", "--disable-checker-imaging",
                    "--disable-threaded-animation", "--disable-threaded-scrolling", "--num-raster-threads=1",
                    "--disable-image-animation-resync", "--font-render-hinting=none")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
KEPT_CHUNKS = {b"IHDR", b"PLTE", b"tRNS", b"IDAT", b"IEND", b"sRGB", b"gAMA", b"cHRM", b"iCCP", b"sBIT", b"pHYs"}

Warn = Callable[[str], None]


def chromium_path() -> str | None:
    """The Chromium executable on PATH (GEOMAP_CHROMIUM, when set, names it instead), else None."""
    chosen = os.environ.get("GEOMAP_CHROMIUM")
    if chosen is not None:
        return shutil.which(chosen)
    return next((found for found in map(shutil.which, CHROMIUM_CANDIDATES) if found), None)


def picture_path(page_path: str) -> str:
    """maps/2016-12-13.html -> maps/2016-12-13.png"""
    return page_path[: -len(".html")] + ".png"


def take_snapshots(pages: Mapping[str, str], mode: str, warn: Warn) -> dict[str, bytes]:
    """The picture of each dated map that could be taken, by its path.

    Parameters
    ----------
    pages : mapping of str to str
        Every page as folium wrote it (CDN links; before `with_assets`), maps/areas.js too.
    mode : {"files", "inline", "cdn"}
        The pages' asset mode; "cdn" pages are shot with the shipped Leaflet.
    warn : callable
        Told one line when Chromium is missing, and per map it could not draw.

    Returns
    -------
    dict of str to bytes
        maps/YYYY-MM-DD.png -> PNG bytes (SIZE, metadata chunks dropped).
    """
    maps = sorted(path for path in pages if path.startswith("maps/") and path.endswith(".html"))
    if not maps:
        return {}
    browser = chromium_path()
    if browser is None:
        warn("--png: no Chromium found (apt-get install chromium, or set GEOMAP_CHROMIUM); "
             "the maps have no PNG pictures")
        return {}
    pictures: dict[str, bytes] = {}
    with tempfile.TemporaryDirectory(prefix="geomap-png-") as folder:
        root = Path(folder)
        _write_site(root / "site", with_assets(pages, "files" if mode == "cdn" else mode))
        for path in maps:
            shot = _shoot(browser, root / "site" / path, root, warn)
            if shot is not None:
                pictures[picture_path(path)] = shot
    return pictures


def _write_site(folder: Path, files: Mapping[str, str | bytes]) -> None:
    for name, content in files.items():
        target = folder / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))


def _shoot(browser: str, page: Path, scratch: Path, warn: Warn) -> bytes | None:
    """One page's PNG, or None with a warning line."""
    output = scratch / "shot.png"
    output.unlink(missing_ok=True)
    command = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
               "--no-first-run", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--disable-extensions", "--mute-audio", "--force-device-scale-factor=1",
               *STEADY_RENDERING,
               "--host-resolver-rules=MAP * ~NOTFOUND", f"--user-data-dir={scratch / 'profile'}",
               f"--window-size={SIZE[0]},{SIZE[1]}", f"--virtual-time-budget={VIRTUAL_TIME_MS}",
               f"--screenshot={output}", page.as_uri()]
    name = f"maps/{page.name}"
    try:
        subprocess.run(command, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        warn(f"--png: Chromium took over {TIMEOUT_SECONDS} s on {name}; it has no PNG picture")
        return None
    except OSError as e:
        warn(f"--png: Chromium could not run ({e.strerror}); {name} has no PNG picture")
        return None
    data = output.read_bytes() if output.exists() else b""
    if not data.startswith(PNG_SIGNATURE):
        warn(f"--png: Chromium drew no picture of {name}; it has no PNG picture")
        return None
    return stripped_png(data)


def png_chunks(data: bytes) -> Iterable[tuple[bytes, bytes]]:
    """(type, body) of each chunk of a PNG."""
    at = len(PNG_SIGNATURE)
    while at + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[at: at + 8])
        yield kind, data[at + 8: at + 8 + length]
        at += 12 + length


def stripped_png(data: bytes) -> bytes:
    """The PNG without its metadata chunks (time, text, EXIF): only what draws the picture."""
    parts = [PNG_SIGNATURE]
    for kind, body in png_chunks(data):
        if kind in KEPT_CHUNKS:
            parts.append(struct.pack(">I4s", len(body), kind) + body
                         + struct.pack(">I", zlib.crc32(kind + body) & 0xFFFFFFFF))
    return b"".join(parts)


def png_size(data: bytes) -> tuple[int, int]:
    """(width, height) of a PNG, from its IHDR chunk."""
    kind, body = next(iter(png_chunks(data)))
    if not data.startswith(PNG_SIGNATURE) or kind != b"IHDR":
        raise ValueError("not a PNG")
    return struct.unpack(">II", body[:8])


def with_picture(page_html: str, picture: str, alt: str, base_url: str) -> str:
    """A dated map page that shows its picture (`picture`, its path in the output folder) where
    its script does not run (<noscript>), and names it as its social card when `base_url` is set."""
    width, height = SIZE
    name = picture.rsplit("/", 1)[-1]
    fallback = (f'<noscript><img class="gm-snapshot" src="{attr(name)}" alt="{attr(alt)}" width="{width}" '
                f'height="{height}" style="display:block;max-width:100%;height:auto"></noscript>')
    page_html = page_html.replace("<body>", "<body>\n" + fallback, 1)
    base = safe_base_url(base_url)
    if not base:
        return page_html
    card = (f'<meta property="og:image" content="{attr(base + picture)}">\n'
            f'<meta property="og:image:width" content="{width}">\n'
            f'<meta property="og:image:height" content="{height}">\n'
            f'<meta property="og:image:alt" content="{attr(alt)}">\n'
            '<meta name="twitter:card" content="summary_large_image">\n'
            f'<meta name="twitter:image" content="{attr(base + picture)}">\n')
    return page_html.replace("</head>", card + "</head>", 1)

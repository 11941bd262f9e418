"""Self-contained pages: inline the scripts and stylesheets map pages load from a CDN.

A map page normally loads Leaflet from a CDN (`<script src="https://cdn.jsdelivr.net/npm/
leaflet@1.9.3/dist/leaflet.js">` and its stylesheet). With `self_contained` on, every such
`<script src>` and `<link rel="stylesheet">` with an http(s) URL is replaced by the file's
text, and the images the stylesheet refers to (`url(images/layers.png)`) become data: URIs,
so a published page opens offline and survives the CDN going away. Tiles still come from
OpenStreetMap: an offline page shows the map without its background.

Where the files come from. A local cache folder mirrors the URLs (`<cache>/<host>/<path>`):

    default      ~/.cache/geomap/assets
    override     env GEOMAP_ASSET_CACHE=/some/folder

A URL missing from the cache is fetched, and the cache filled, from (in this order)

    1. the URL itself, when the machine is online;
    2. the npm registry, for CDN URLs that name an npm package and version
       (cdn.jsdelivr.net/npm/NAME@VERSION/FILE, unpkg.com/NAME@VERSION/FILE): `npm pack
       NAME@VERSION` in a temporary folder, and every file of the package goes to the cache
       (the CDN serves exactly those files).

env GEOMAP_ASSET_OFFLINE=1 skips both: the cache only (the test suite uses it). A file that
cannot be had stays a link and the build warns about it. Cached files are keyed by versioned
URLs, so the same input gives the same bytes.

`python -m geomap.site.assets` fills the cache for the files the pages use (CI runs it before
the tests) and exits non-zero when one is missing.
"""
from __future__ import annotations

import base64
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Callable, Iterable
from urllib.parse import urljoin, urlsplit

from geomap.site.elements import LeafletMap

CACHE_ENV = "GEOMAP_ASSET_CACHE"
OFFLINE_ENV = "GEOMAP_ASSET_OFFLINE"
DEFAULT_CACHE = Path("~/.cache/geomap/assets")
DOWNLOAD_TIMEOUT_S = 15
NPM_TIMEOUT_S = 180

# npm-backed CDNs: the URL prefix before NAME@VERSION/FILE.
NPM_CDN_URL = re.compile(
    r"^(?P<prefix>https://(?:cdn\.jsdelivr\.net/npm|unpkg\.com)/)"
    r"(?P<package>(?:@[a-z0-9][\w.-]*/)?[a-z0-9][\w.-]*)@(?P<version>\d[\w.+-]*)/(?P<file>[^?#]+)$")

# Data URI types by file extension (fixed here, not read from the system's mime.types).
DATA_URI_TYPES = {".png": "image/png", ".gif": "image/gif", ".jpg": "image/jpeg",
                  ".jpeg": "image/jpeg", ".svg": "image/svg+xml", ".webp": "image/webp",
                  ".woff": "font/woff", ".woff2": "font/woff2", ".ttf": "font/ttf",
                  ".cur": "image/x-icon", ".ico": "image/x-icon"}

SCRIPT_TAG = re.compile(r'<script src="(?P<url>https?://[^"<>\s]+)"></script>')
STYLESHEET_TAG = re.compile(r'<link rel="stylesheet" href="(?P<url>https?://[^"<>\s]+)"\s*/?>')
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<ref>[^'")]+)(?P=quote)\s*\)""")
SOURCE_MAP_COMMENT = re.compile(r"^[ \t]*(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^\n]*?\*/)[ \t]*$\n?",
                                re.MULTILINE)


class AssetError(Exception):
    """A file could not be fetched; the message says why, in one line."""


Fetcher = Callable[[str, Path], None]   # (url, cache folder) -> None, fills the cache or raises


# --------------------------------------------------------------------------- the cache

def cache_folder() -> Path:
    """The cache folder: $GEOMAP_ASSET_CACHE, else ~/.cache/geomap/assets."""
    return Path(os.environ.get(CACHE_ENV) or DEFAULT_CACHE).expanduser()


def cache_path(url: str, folder: Path) -> Path:
    """Where a URL's file lives in the cache: <folder>/<host>/<path>."""
    parts = urlsplit(url)
    segments = [s for s in PurePosixPath(parts.path).parts if s not in ("/", "")]
    if parts.scheme not in ("http", "https") or not parts.hostname or not segments \
            or any(s in (".", "..") for s in segments):
        raise AssetError(f"{url}: not an http(s) URL of a file")
    return folder.joinpath(parts.hostname.lower(), *segments)


def store_file(target: Path, data: bytes) -> None:
    """Write a cache file atomically (a half-written file is never seen)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=".part-")
    with os.fdopen(handle, "wb") as stream:
        stream.write(data)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


# --------------------------------------------------------------------------- fetchers

def download(url: str, folder: Path) -> None:
    """Fetch the URL itself into the cache (online machines)."""
    try:
        with urllib.request.urlopen(url, timeout=DOWNLOAD_TIMEOUT_S) as response:
            data = response.read()
    except Exception as error:              # URLError, timeouts, HTTP errors, bad TLS...
        raise AssetError(f"download failed ({error})") from None
    store_file(cache_path(url, folder), data)


def npm_source(url: str) -> tuple[str, str, str, str] | None:
    """(CDN prefix, package, version, file in the package) of an npm CDN URL, else None."""
    match = NPM_CDN_URL.match(url)
    if not match:
        return None
    return match["prefix"], match["package"], match["version"], match["file"]


def package_files(tarball: Path) -> Iterable[tuple[str, bytes]]:
    """(path inside the package, bytes) of every regular file of an `npm pack` tarball."""
    with tarfile.open(tarball, "r:gz") as archive:
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            if not member.isfile() or len(path.parts) < 2 or ".." in path.parts \
                    or path.is_absolute():
                continue
            stream = archive.extractfile(member)
            if stream is not None:
                yield PurePosixPath(*path.parts[1:]).as_posix(), stream.read()  # drop package/


def from_npm(url: str, folder: Path) -> None:
    """Fill the cache with the npm package a CDN URL points into (`npm pack NAME@VERSION`)."""
    source = npm_source(url)
    if source is None:
        raise AssetError("not an npm CDN URL")
    prefix, package, version, _file = source
    npm = shutil.which("npm")
    if npm is None:
        raise AssetError("npm is not installed")
    with tempfile.TemporaryDirectory(prefix="geomap-npm-") as scratch:
        try:
            subprocess.run([npm, "pack", f"{package}@{version}", "--silent"], cwd=scratch,
                           check=True, capture_output=True, timeout=NPM_TIMEOUT_S)
        except subprocess.CalledProcessError as error:
            last = (error.stderr or b"").decode("utf-8", "replace").strip().splitlines()[-1:]
            raise AssetError(f"npm pack {package}@{version} failed ({' '.join(last)})") from None
        except subprocess.TimeoutExpired:
            raise AssetError(f"npm pack {package}@{version} timed out") from None
        tarballs = sorted(Path(scratch).glob("*.tgz"))
        if not tarballs:
            raise AssetError(f"npm pack {package}@{version} wrote no tarball")
        for inner, data in package_files(tarballs[0]):
            store_file(cache_path(f"{prefix}{package}@{version}/{inner}", folder), data)


def source_key(url: str) -> str:
    """What a fetch failure is remembered by: the npm package@version, else the host."""
    source = npm_source(url)
    return f"{source[1]}@{source[2]}" if source else (urlsplit(url).hostname or url)


def default_fetchers() -> tuple[Fetcher, ...]:
    """Download then npm; none when $GEOMAP_ASSET_OFFLINE is set (cache only)."""
    if os.environ.get(OFFLINE_ENV, "").strip() not in ("", "0"):
        return ()
    return (download, from_npm)


@dataclass
class AssetStore:
    """The cache plus the ways to fill it; remembers why a URL could not be had."""
    folder: Path = field(default_factory=cache_folder)
    fetchers: tuple[Fetcher, ...] = field(default_factory=default_fetchers)
    failures: dict[str, str] = field(default_factory=dict)
    failed_sources: dict[tuple[int, str], str] = field(default_factory=dict)

    def read(self, url: str) -> bytes | None:
        """The file's bytes, from the cache or fetched into it; None (and a failure) if not."""
        try:
            target = cache_path(url, self.folder)
        except AssetError as error:
            self.failures[url] = str(error)
            return None
        if target.is_file():
            return target.read_bytes()
        if url in self.failures:
            return None
        reasons = []
        for number, fetch in enumerate(self.fetchers):
            source = (number, source_key(url))
            if source in self.failed_sources:      # one try per host or package and fetcher
                reasons.append(self.failed_sources[source])
                continue
            try:
                fetch(url, self.folder)
            except AssetError as error:
                reasons.append(str(error))
                self.failed_sources[source] = str(error)
                continue
            if target.is_file():
                return target.read_bytes()
            reasons.append(f"{getattr(fetch, '__name__', 'a fetcher')} did not bring the file")
        self.failures[url] = (f"not in the asset cache {self.folder}; "
                              + ("; ".join(reasons) or "fetching is off"))
        return None


# --------------------------------------------------------------------------- inlining

def data_uri(url: str, data: bytes) -> str:
    """A base64 data: URI for an image or font, its type taken from the URL's extension."""
    suffix = PurePosixPath(urlsplit(url).path).suffix.lower()
    kind = DATA_URI_TYPES.get(suffix, "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def inline_css(css: str, css_url: str, store: AssetStore) -> tuple[str, list[str]]:
    """The stylesheet with every url(...) it refers to as a data: URI; and what was missing.

    Fragment (`#default#VML`) and data: references are left alone; a file that cannot be
    had keeps an absolute URL, so the page still works online.
    """
    missing: list[str] = []

    def replace(match: re.Match) -> str:
        ref = match["ref"].strip()
        if ref.startswith(("#", "data:")):
            return match.group(0)
        absolute = urljoin(css_url, ref)
        data = store.read(absolute)
        if data is None:
            missing.append(absolute)
            return f'url("{absolute}")'
        return f'url("{data_uri(absolute, data)}")'

    return CSS_URL.sub(replace, css), missing


def script_text(source: str) -> str:
    """JavaScript made safe inside an inline <script>: no '</script', no '<!--', no source map."""
    source = SOURCE_MAP_COMMENT.sub("", source)
    source = re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)
    return source.replace("<!--", "<\\!--")


def style_text(css: str) -> str:
    """CSS made safe inside an inline <style>: no '</style', no source map comment."""
    css = SOURCE_MAP_COMMENT.sub("", css)
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def inline_page(page_html: str, store: AssetStore) -> tuple[str, list[str]]:
    """The page with its http(s) scripts and stylesheets inlined; and the URLs left as links.

    Only the exact tags folium writes in the <head> are matched; untrusted text in a page is
    escaped, so it cannot form one.
    """
    missing: list[str] = []

    def replace_script(match: re.Match) -> str:
        data = store.read(match["url"])
        if data is None:
            missing.append(match["url"])
            return match.group(0)
        return f"<script>\n{script_text(data.decode('utf-8')).rstrip()}\n</script>"

    def replace_stylesheet(match: re.Match) -> str:
        data = store.read(match["url"])
        if data is None:
            missing.append(match["url"])
            return match.group(0)
        css, images_missing = inline_css(data.decode("utf-8"), match["url"], store)
        missing.extend(images_missing)
        return f"<style>\n{style_text(css).rstrip()}\n</style>"

    page_html = SCRIPT_TAG.sub(replace_script, page_html)
    page_html = STYLESHEET_TAG.sub(replace_stylesheet, page_html)
    return page_html, missing


def missing_warnings(missing: Iterable[str], store: AssetStore) -> list[str]:
    """One line per URL that could not be inlined, with the reason."""
    return [f"self-contained: could not inline {url} ({store.failures.get(url, 'unknown reason')}); "
            f"the pages link to it instead" for url in sorted(set(missing))]


# --------------------------------------------------------------------------- filling the cache

def page_asset_urls() -> list[str]:
    """The scripts and stylesheets a map page loads (folium's defaults kept by `LeafletMap`)."""
    return sorted(url for _name, url in (*LeafletMap.default_js, *LeafletMap.default_css))


def fill_cache(store: AssetStore, urls: Iterable[str] | None = None) -> list[str]:
    """Fetch the pages' files (and the images their stylesheets use); the URLs still missing."""
    missing = []
    for url in urls if urls is not None else page_asset_urls():
        data = store.read(url)
        if data is None:
            missing.append(url)
        elif urlsplit(url).path.endswith(".css"):
            missing += inline_css(data.decode("utf-8"), url, store)[1]
    return missing


def cache_is_filled(folder: Path | None = None) -> bool:
    """True when every file the pages load is in the cache (no fetching)."""
    store = AssetStore(folder=folder or cache_folder(), fetchers=())
    return not fill_cache(store)


def main(argv: list[str] | None = None) -> int:
    """`python -m geomap.site.assets`: fill the asset cache; exit 1 if a file is still missing."""
    store = AssetStore()
    missing = fill_cache(store)
    for line in missing_warnings(missing, store):
        print(f"geomap.site.assets: {line}", file=sys.stderr)
    if missing:
        return 1
    print(f"geomap.site.assets: {len(page_asset_urls())} page assets cached in {store.folder}")
    return 0


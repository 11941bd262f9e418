"""The scripts and stylesheets the map pages need, shipped inside geomap: no build fetches them.

folium writes a page that loads Leaflet from a CDN (`<script src="https://cdn.jsdelivr.net/npm/
leaflet@1.9.3/dist/leaflet.js">` and its stylesheet). geomap carries the same files, as
published on npm (`npm pack leaflet@1.9.3`) with their licence, in this folder (package data):

    geomap/site/assets/leaflet-1.9.3/   leaflet.js, leaflet.css, images/*.png, LICENSE

A page gets them in one of three ways (`SiteSettings.assets`):

    "files"   the default: the files are written once into the output folder
              (`assets/leaflet-1.9.3/...`, with the licence) and the pages link them by a
              relative path, so the site works offline and wherever it is copied
    "inline"  `--self-contained`: every page carries the script and stylesheet inside, the
              stylesheet's images as data: URIs (one file per map, heavier)
    "cdn"     `--cdn`: the pages keep folium's CDN links (same version), nothing is written

Only the OpenStreetMap tiles still need the network. A page that links a CDN file geomap does
not ship (a folium upgrade that changed Leaflet's version) is an `AssetError`: a bug to fix
here, never a silent download. The same input gives the same bytes.
"""
from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Mapping

HERE = Path(__file__).resolve().parent
MODES = ("files", "inline", "cdn")

# Data URI types by file extension (fixed here, not read from the system's mime.types).
DATA_URI_TYPES = {".png": "image/png", ".gif": "image/gif", ".svg": "image/svg+xml"}

SCRIPT_TAG = re.compile(r'<script src="(?P<url>https?://[^"<>\s]+)"></script>')
STYLESHEET_TAG = re.compile(r'<link rel="stylesheet" href="(?P<url>https?://[^"<>\s]+)"\s*/?>')
CSS_URL = re.compile(r"""url\(\s*(?P<quote>['"]?)(?P<ref>[^'")]+)(?P=quote)\s*\)""")
SOURCE_MAP_COMMENT = re.compile(r"^[ \t]*(?://[#@] sourceMappingURL=[^\n]*|/\*[#@] sourceMappingURL=[^\n]*?\*/)[ \t]*$\n?",
                                re.MULTILINE)


class AssetError(Exception):
    """A page needs a file geomap does not ship; the message says which, in one line."""


@dataclass(frozen=True)
class Library:
    """A library shipped with geomap: its folder here and the CDN folder its files mirror."""
    folder: str            # under geomap/site/assets/ and under assets/ of the output
    cdn: str               # the CDN URL of the folder the files come from

    def file_for(self, url: str) -> str | None:
        """The path inside the library of a CDN URL it mirrors, else None."""
        if not url.startswith(self.cdn):
            return None
        inner = url[len(self.cdn):]
        return inner if (HERE / self.folder / inner).is_file() and ".." not in inner.split("/") else None


LIBRARIES = (Library("leaflet-1.9.3", "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/"),)


def shipped_file(url: str) -> tuple[Library, str]:
    """The library and inner path that ship the file of a CDN URL; AssetError if none does."""
    for library in LIBRARIES:
        inner = library.file_for(url)
        if inner:
            return library, inner
    raise AssetError(f"pages link {url}, which geomap does not ship in geomap/site/assets/ "
                     "(add the npm package's files there, or build with --cdn)")


@lru_cache(maxsize=None)
def package_bytes(folder: str, inner: str) -> bytes:
    """A shipped file's bytes."""
    return (HERE / folder / inner).read_bytes()


def output_files() -> dict[str, bytes]:
    """Every shipped file, by its path in the output folder (assets/<library>/...), licences included."""
    files = {}
    for library in LIBRARIES:
        root = HERE / library.folder
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            inner = path.relative_to(root).as_posix()
            files[f"assets/{library.folder}/{inner}"] = package_bytes(library.folder, inner)
    return files


# --------------------------------------------------------------------------- linking

def link_page(page_html: str, prefix: str) -> str:
    """The page with its CDN scripts and stylesheets linked to the copies in assets/.

    `prefix` leads from the page to the output folder ('' for timeline.html, '../' for maps/).
    """
    def relative(match: re.Match) -> str:
        library, inner = shipped_file(match["url"])
        return match.group(0).replace(match["url"], f"{prefix}assets/{library.folder}/{inner}")

    return STYLESHEET_TAG.sub(relative, SCRIPT_TAG.sub(relative, page_html))


# --------------------------------------------------------------------------- inlining

def data_uri(inner: str, data: bytes) -> str:
    """A base64 data: URI for an image, its type taken from the file's extension."""
    kind = DATA_URI_TYPES.get(PurePosixPath(inner).suffix.lower(), "application/octet-stream")
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


def inline_css(css: str, library: Library, css_inner: str) -> str:
    """The stylesheet with every file it refers to as a data: URI (fragments and data: kept)."""
    base = PurePosixPath(css_inner).parent

    def replace(match: re.Match) -> str:
        ref = match["ref"].strip()
        if ref.startswith(("#", "data:")):
            return match.group(0)
        inner = (base / ref).as_posix()
        _library, inner = shipped_file(library.cdn + inner)
        return f'url("{data_uri(inner, package_bytes(library.folder, inner))}")'

    return CSS_URL.sub(replace, css)


def script_text(source: str) -> str:
    """JavaScript made safe inside an inline <script>: no '</script', no '<!--', no source map."""
    source = SOURCE_MAP_COMMENT.sub("", source)
    source = re.sub(r"</(script)", r"<\\/\1", source, flags=re.IGNORECASE)
    return source.replace("<!--", "<\\!--")


def style_text(css: str) -> str:
    """CSS made safe inside an inline <style>: no '</style', no source map comment."""
    css = SOURCE_MAP_COMMENT.sub("", css)
    return re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)


def inline_page(page_html: str) -> str:
    """The page with its CDN scripts and stylesheets replaced by the shipped files' text.

    Only the exact tags folium writes in the <head> are matched; untrusted text in a page is
    escaped, so it cannot form one.
    """
    def replace_script(match: re.Match) -> str:
        library, inner = shipped_file(match["url"])
        source = package_bytes(library.folder, inner).decode("utf-8")
        return f"<script>\n{script_text(source).rstrip()}\n</script>"

    def replace_stylesheet(match: re.Match) -> str:
        library, inner = shipped_file(match["url"])
        css = inline_css(package_bytes(library.folder, inner).decode("utf-8"), library, inner)
        return f"<style>\n{style_text(css).rstrip()}\n</style>"

    return STYLESHEET_TAG.sub(replace_stylesheet, SCRIPT_TAG.sub(replace_script, page_html))


class PageAssets:
    """The pages one at a time as `mode` wants them, then the asset files they link.

    Parameters
    ----------
    mode : {"files", "inline", "cdn"}
        How pages get their scripts and stylesheets (see the module docstring).
    """

    def __init__(self, mode: str):
        if mode not in MODES:
            raise ValueError(f"asset mode {mode!r} is not one of {MODES}")
        self.mode, self.linked = mode, False

    def page(self, path: str, page_html: str) -> tuple[str, str]:
        """One page (folium's HTML, CDN links) as the mode wants it, by its path in the output folder."""
        if self.mode == "cdn":
            return path, page_html
        if self.mode == "inline":
            return path, inline_page(page_html)
        linked = link_page(page_html, "../" * path.count("/"))
        self.linked = self.linked or linked != page_html
        return path, linked

    def files(self) -> dict[str, bytes]:
        """The shipped files to write: in "files" mode, once a page links one."""
        return output_files() if self.linked else {}


def with_assets(pages: Mapping[str, str], mode: str) -> dict[str, str | bytes]:
    """The pages as `mode` wants them (see the module docstring), plus the asset files to write.

    Parameters
    ----------
    pages : mapping of str to str
        Page HTML by its path in the output folder, as folium wrote it (CDN links).
    mode : {"files", "inline", "cdn"}
        How pages get their scripts and stylesheets.

    Returns
    -------
    dict of str to str or bytes
        The pages, and in "files" mode the shipped files under assets/ (only when a page links one).
    """
    assets = PageAssets(mode)
    result: dict[str, str | bytes] = dict(assets.page(path, page) for path, page in pages.items())
    result.update(assets.files())
    return result

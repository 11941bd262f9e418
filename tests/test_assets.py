"""Self-contained pages: the asset cache, its fetchers and the inlining (geomap/site/assets).

Everything here runs on fake files in a tmp cache; no test goes to the network. The npm path
is exercised with a fake `npm` on PATH that "packs" a tarball made here. The last test uses
the real cache (filled by `python -m geomap.site.assets`, as .ci/run does) when it is there.
"""
from __future__ import annotations

import io
import os
import re
import stat
import tarfile
from datetime import date
from pathlib import Path

import pytest

from aleppo_site import SiteSettings, write_site
from geomap.models import Event, Place, Source
from geomap.site import assets
from geomap.site.assets import AssetError, AssetStore

CDN = "https://cdn.example.org/npm/fakelib@1.0.0"
SCRIPT_URL = f"{CDN}/dist/fakelib.js"
STYLE_URL = f"{CDN}/dist/fakelib.css"
FAKE_JS = 'var fake = "</script><!-- x";\n//# sourceMappingURL=fakelib.js.map\n'
FAKE_CSS = ('.a { background: url(images/icon.png); }\n.b { behavior: url(#default#VML); }\n'
            '.c { background: url("data:image/gif;base64,R0lGOD=="); }\n'
            '.d { background: url(\'images/gone.png\'); }\n')
FAKE_PNG = b"\x89PNG\r\n\x1a\nfake"
PAGE = (f'<head>\n<script src="{SCRIPT_URL}"></script>\n'
        f'<link rel="stylesheet" href="{STYLE_URL}"/>\n</head>\n'
        f'<body>&lt;script src="{SCRIPT_URL}"&gt;&lt;/script&gt;</body>')
LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"


def put(folder: Path, url: str, data: bytes | str) -> None:
    """Place a fake file in a cache folder, where the URL's copy lives."""
    target = assets.cache_path(url, folder)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)


@pytest.fixture
def cache(tmp_path) -> Path:
    """A cache holding fakelib's script, stylesheet and one of its two images."""
    folder = tmp_path / "cache"
    put(folder, SCRIPT_URL, FAKE_JS)
    put(folder, STYLE_URL, FAKE_CSS)
    put(folder, f"{CDN}/dist/images/icon.png", FAKE_PNG)
    return folder


# --------------------------------------------------------------------------- the cache

def test_cache_folder_default_and_override(monkeypatch, tmp_path):
    monkeypatch.delenv(assets.CACHE_ENV, raising=False)
    assert assets.cache_folder() == Path.home() / ".cache" / "geomap" / "assets"
    monkeypatch.setenv(assets.CACHE_ENV, str(tmp_path / "elsewhere"))
    assert assets.cache_folder() == tmp_path / "elsewhere"


def test_cache_path_mirrors_the_url_and_refuses_escapes(tmp_path):
    assert assets.cache_path(SCRIPT_URL, tmp_path) == \
        tmp_path / "cdn.example.org" / "npm" / "fakelib@1.0.0" / "dist" / "fakelib.js"
    for bad in ("https://cdn.example.org/a/../../etc/passwd", "file:///etc/passwd",
                "javascript:alert(1)", "https://cdn.example.org/"):
        with pytest.raises(AssetError):
            assets.cache_path(bad, tmp_path)


def test_npm_source_reads_package_version_and_file():
    assert assets.npm_source(LEAFLET_JS) == (
        "https://cdn.jsdelivr.net/npm/", "leaflet", "1.9.3", "dist/leaflet.js")
    assert assets.npm_source("https://unpkg.com/@scope/pkg@2.0.1/x/y.css") == (
        "https://unpkg.com/", "@scope/pkg", "2.0.1", "x/y.css")
    assert assets.npm_source("https://cdn.jsdelivr.net/npm/leaflet/dist/leaflet.js") is None
    assert assets.npm_source("https://example.org/leaflet@1.9.3/leaflet.js") is None


# --------------------------------------------------------------------------- inlining

def test_inline_page_inlines_script_and_style_with_images(cache):
    store = AssetStore(folder=cache, fetchers=())
    page, missing = assets.inline_page(PAGE, store)
    assert f'<script src="{SCRIPT_URL}">' not in page and f'href="{STYLE_URL}"' not in page
    assert 'var fake = "<\\/script><\\!-- x";' in page          # cannot close the tag
    assert "sourceMappingURL" not in page
    assert 'url("data:image/png;base64,iVBORw0KGgpmYWtl")' in page
    assert "url(#default#VML)" in page and 'url("data:image/gif;base64,R0lGOD==")' in page
    assert f'url("{CDN}/dist/images/gone.png")' in page            # absolute, still works online
    assert missing == [f"{CDN}/dist/images/gone.png"]
    assert f'&lt;script src="{SCRIPT_URL}"&gt;' in page           # escaped text is not a tag


def test_a_missing_file_stays_a_link_and_is_reported(tmp_path):
    store = AssetStore(folder=tmp_path / "empty", fetchers=())
    page, missing = assets.inline_page(PAGE, store)
    assert page == PAGE
    assert missing == [SCRIPT_URL, STYLE_URL]
    lines = assets.missing_warnings(missing + [SCRIPT_URL], store)
    assert len(lines) == 2
    assert lines[1].startswith(f"self-contained: could not inline {SCRIPT_URL} (not in the asset cache")
    assert lines[1].endswith("; fetching is off); the pages link to it instead")


def test_inlining_is_deterministic(cache):
    first = assets.inline_page(PAGE, AssetStore(folder=cache, fetchers=()))
    second = assets.inline_page(PAGE, AssetStore(folder=cache, fetchers=()))
    assert first == second


# --------------------------------------------------------------------------- fetchers

def test_a_fetcher_fills_the_cache_once(tmp_path):
    calls = []

    def fake_cdn(url: str, folder: Path) -> None:
        calls.append(url)
        put(folder, url, f"/* {url} */")

    store = AssetStore(folder=tmp_path, fetchers=(fake_cdn,))
    assert store.read(SCRIPT_URL) == f"/* {SCRIPT_URL} */".encode()
    assert AssetStore(folder=tmp_path, fetchers=(fake_cdn,)).read(SCRIPT_URL)
    assert calls == [SCRIPT_URL]                                   # then from the cache


def test_failing_fetchers_are_tried_in_order_once_per_source(tmp_path):
    calls = []

    def offline(url: str, folder: Path) -> None:
        calls.append(("offline", url))
        raise AssetError("download failed (no network)")

    def npm_brings_the_package(url: str, folder: Path) -> None:
        calls.append(("npm", url))
        put(folder, SCRIPT_URL, "js")

    store = AssetStore(folder=tmp_path, fetchers=(offline, npm_brings_the_package))
    assert store.read(SCRIPT_URL) == b"js"
    assert store.read(STYLE_URL) is None                           # npm had no stylesheet
    assert calls == [("offline", SCRIPT_URL), ("npm", SCRIPT_URL), ("npm", STYLE_URL)]
    assert "download failed (no network)" in store.failures[STYLE_URL]
    assert "did not bring the file" in store.failures[STYLE_URL]


def test_offline_env_turns_fetching_off(monkeypatch):
    monkeypatch.setenv(assets.OFFLINE_ENV, "1")
    assert assets.default_fetchers() == ()
    monkeypatch.setenv(assets.OFFLINE_ENV, "0")
    assert assets.default_fetchers() == (assets.download, assets.from_npm)


def fake_package(path: Path) -> Path:
    """An `npm pack` tarball of fakelib@1.0.0, with an entry trying to leave the folder."""
    with tarfile.open(path, "w:gz") as archive:
        for name, data in (("package/dist/fakelib.js", FAKE_JS.encode()),
                           ("package/dist/fakelib.css", FAKE_CSS.encode()),
                           ("package/dist/images/icon.png", FAKE_PNG),
                           ("package/../../escape.txt", b"no")):
            info = tarfile.TarInfo(name)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def fake_npm(tmp_path, monkeypatch) -> Path:
    """An `npm` on PATH whose `pack` copies the fake tarball into the working folder."""
    tarball = fake_package(tmp_path / "fakelib-1.0.0.tgz")
    bin_folder = tmp_path / "bin"
    bin_folder.mkdir()
    npm = bin_folder / "npm"
    npm.write_text(f'#!/bin/sh\necho "$@" >> "{tmp_path}/npm-calls"\n'
                   f'[ "$1 $2" = "pack fakelib@1.0.0" ] || {{ echo "E404 $2" >&2; exit 1; }}\n'
                   f'cp "{tarball}" .\necho fakelib-1.0.0.tgz\n')
    npm.chmod(npm.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_folder}{os.pathsep}{os.environ['PATH']}")
    return tmp_path / "npm-calls"


def test_npm_pack_fills_the_cache_with_the_package(tmp_path, fake_npm):
    cache = tmp_path / "cache"
    url = "https://cdn.jsdelivr.net/npm/fakelib@1.0.0/dist/fakelib.js"
    store = AssetStore(folder=cache, fetchers=(assets.from_npm,))
    assert store.read(url) == FAKE_JS.encode()
    assert store.read(url.replace("fakelib.js", "fakelib.css")) == FAKE_CSS.encode()
    assert fake_npm.read_text().splitlines() == ["pack fakelib@1.0.0 --silent"]   # once
    assert assets.cache_path(url.replace("fakelib.js", "images/icon.png"), cache).is_file()
    assert not (tmp_path / "escape.txt").exists() and not list(tmp_path.rglob("escape.txt"))


def test_npm_failure_is_a_reason(tmp_path, fake_npm):
    store = AssetStore(folder=tmp_path / "cache", fetchers=(assets.from_npm,))
    assert store.read("https://unpkg.com/nosuchlib@9.9.9/x.js") is None
    assert "npm pack nosuchlib@9.9.9 failed (E404 nosuchlib@9.9.9)" in \
        store.failures["https://unpkg.com/nosuchlib@9.9.9/x.js"]
    with pytest.raises(AssetError, match="not an npm CDN URL"):
        assets.from_npm("https://example.org/x.js", tmp_path)


def test_fill_cache_reports_what_is_missing(cache, tmp_path):
    store = AssetStore(folder=cache, fetchers=())
    assert assets.fill_cache(store, [SCRIPT_URL, STYLE_URL]) == [f"{CDN}/dist/images/gone.png"]
    assert assets.fill_cache(AssetStore(folder=tmp_path / "none", fetchers=()),
                             [SCRIPT_URL]) == [SCRIPT_URL]


def test_main_exits_non_zero_when_the_cache_cannot_be_filled(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv(assets.CACHE_ENV, str(tmp_path / "empty"))
    monkeypatch.setenv(assets.OFFLINE_ENV, "1")
    assert assets.main([]) == 1
    assert f"could not inline {LEAFLET_JS}" in capsys.readouterr().err
    put(tmp_path / "empty", LEAFLET_JS, "L={}")
    put(tmp_path / "empty", LEAFLET_CSS, ".leaflet{}")
    assert assets.main([]) == 0
    assert assets.cache_is_filled(tmp_path / "empty")


# --------------------------------------------------------------------------- write_site

def tiny_site() -> tuple[list[Event], dict[str, Place]]:
    """One strike at one place: enough for a dated map, a timeline and an index."""
    place = Place(id="sukkari", type="neighbourhood", names=("Sukkari",), lat=36.18, lon=37.15)
    sentence = "Des frappes ont touché Sukkari."
    event = Event(type="strike", date=date(2016, 12, 12), precision="day", window=None,
                  place_id="sukkari", id="e1",
                  sources=[Source(article="a.txt", sentence=sentence, start=0, end=len(sentence))])
    return [event], {place.id: place}


def render_pages(out: Path, self_contained: bool, warnings: list[str]) -> dict[str, bytes]:
    events, places = tiny_site()
    settings = SiteSettings(self_contained=self_contained)
    written = write_site(out, events, [], places, settings, warn=warnings.append)
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in written}


def test_self_contained_site_carries_the_cached_files(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    put(cache, LEAFLET_JS, "window.L_FAKE = 1;")
    put(cache, LEAFLET_CSS, ".leaflet-control-layers-toggle { background: url(images/layers.png); }")
    put(cache, LEAFLET_CSS.replace("leaflet.css", "images/layers.png"), FAKE_PNG)
    monkeypatch.setenv(assets.CACHE_ENV, str(cache))
    monkeypatch.setenv(assets.OFFLINE_ENV, "1")
    warnings: list[str] = []
    pages = render_pages(tmp_path / "a", True, warnings)
    assert warnings == []
    for name in ("maps/2016-12-12.html", "timeline.html"):
        text = pages[name].decode("utf-8")
        assert "cdn.jsdelivr.net" not in text, name
        assert "<script>\nwindow.L_FAKE = 1;\n</script>" in text
        assert "url(\"data:image/png;base64," in text
    assert pages == render_pages(tmp_path / "b", True, [])            # byte-identical
    plain = render_pages(tmp_path / "c", False, [])
    assert LEAFLET_JS in plain["maps/2016-12-12.html"].decode("utf-8")


def test_self_contained_site_warns_and_links_what_it_lacks(tmp_path, monkeypatch):
    monkeypatch.setenv(assets.CACHE_ENV, str(tmp_path / "empty"))
    monkeypatch.setenv(assets.OFFLINE_ENV, "1")
    warnings: list[str] = []
    pages = render_pages(tmp_path / "out", True, warnings)
    assert [re.search(r"could not inline (\S+)", w)[1] for w in warnings] == [LEAFLET_CSS, LEAFLET_JS]
    assert LEAFLET_JS in pages["maps/2016-12-12.html"].decode("utf-8")


def test_the_real_cache_inlines_leaflet_with_its_images(tmp_path, monkeypatch):
    if not assets.cache_is_filled():
        reason = (f"the asset cache {assets.cache_folder()} lacks Leaflet; fill it with "
                  "`python -m geomap.site.assets` (.ci/run does)")
        (pytest.fail if os.environ.get("CI", "").lower() == "true" else pytest.skip)(reason)
    monkeypatch.setenv(assets.OFFLINE_ENV, "1")
    warnings: list[str] = []
    page = render_pages(tmp_path, True, warnings)["maps/2016-12-12.html"].decode("utf-8")
    assert warnings == []
    assert "Leaflet 1.9.3" in page and ".leaflet-container" in page
    assert "https://cdn.jsdelivr.net" not in page
    assert "url(images/" not in page and page.count("url(\"data:image/png;base64,") >= 3

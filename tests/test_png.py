"""`geomap build --png`: a still picture of each dated map (geomap/site/snapshots).

Built from one sample article (three dated maps) in headless Debian Chromium, twice: each dated
map gets maps/YYYY-MM-DD.png (a PNG of 1200×630, no metadata chunks, the same bytes both
times), its page shows it in <noscript>, and the index offers it; no page names a picture that
was not written. Without Chromium the build still succeeds, says so in one warning line, and
no page names a picture. Skipped only when Chromium is missing, and never under CI=true.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from geomap.site import snapshots
from test_browser import CHROMIUM, IN_CI
from test_cli import geomap, succeeded

ROOT = Path(__file__).resolve().parents[1]
ARTICLE = ROOT / "articles" / "004_b6a57d74ee4d09ec.txt"
PICTURE_REF = re.compile(r'(?:src|content)="([^"]*\.png)"')

needs_chromium = pytest.mark.skipif(not CHROMIUM.exists() and not IN_CI,
                                    reason=f"--png needs Chromium: {CHROMIUM} is not installed (apt-get install chromium)")


def build_png(out: Path):
    return succeeded(geomap("build", "--png", "--articles", ARTICLE, "--out", out, cwd=ROOT))


def picture_refs(out: Path) -> set[Path]:
    """Every .png a page of the site names, as a path in the site."""
    refs = set()
    for page in out.rglob("*.html"):
        for ref in PICTURE_REF.findall(page.read_text(encoding="utf-8")):
            refs.add((page.parent / ref).resolve())
    return refs


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("png") / "site"
    build_png(out)
    return out


@needs_chromium
def test_every_dated_map_gets_its_picture_at_social_card_size(built):
    maps = sorted(built.glob("maps/*.html"))
    assert maps
    for page in maps:
        data = page.with_suffix(".png").read_bytes()
        assert data.startswith(snapshots.PNG_SIGNATURE)
        assert snapshots.png_size(data) == (1200, 630)
        assert {kind for kind, _ in snapshots.png_chunks(data)} <= snapshots.KEPT_CHUNKS   # no tIME, no text


@needs_chromium
def test_a_dated_map_shows_its_picture_where_scripts_do_not_run(built):
    for page in built.glob("maps/*.html"):
        text = page.read_text(encoding="utf-8")
        assert f'<noscript><img class="gm-snapshot" src="{page.stem}.png" alt="' in text
        assert "og:image" not in text                       # no base_url: a social card needs an absolute link


@needs_chromium
def test_pages_name_only_pictures_that_were_written(built):
    refs = picture_refs(built)
    assert refs, "no page names a picture"
    assert all(ref.is_file() for ref in refs), refs
    index = (built / "index.html").read_text(encoding="utf-8")
    assert all(f"maps/{page.stem}.png" in index for page in built.glob("maps/*.html"))


@needs_chromium
def test_the_same_input_gives_the_same_pictures(built, tmp_path):
    again = tmp_path / "again"
    build_png(again)
    for picture in built.glob("maps/*.png"):
        assert (again / "maps" / picture.name).read_bytes() == picture.read_bytes(), picture.name


def test_without_chromium_the_build_succeeds_without_pictures(tmp_path, monkeypatch):
    monkeypatch.setenv("GEOMAP_CHROMIUM", "no-such-chromium-here")
    result = build_png(tmp_path / "site")
    warnings = [line for line in result.stderr.splitlines() if "--png" in line]
    assert len(warnings) == 1 and "no Chromium found" in warnings[0], result.stderr
    assert not list((tmp_path / "site" / "maps").glob("*.png"))
    assert not picture_refs(tmp_path / "site")
    maps = list((tmp_path / "site" / "maps").glob("*.html"))
    assert maps and not any("<noscript>" in page.read_text(encoding="utf-8") for page in maps)


def test_with_base_url_the_picture_is_the_pages_social_card():
    page = "<html><head>\n<title>t</title>\n</head>\n<body>\n<div></div></body></html>"
    shown = snapshots.with_picture(page, "maps/2016-12-20.png", 'Aleppo "20 Dec"', "https://news.example/aleppo/")
    assert '<meta property="og:image" content="https://news.example/aleppo/maps/2016-12-20.png">' in shown
    assert '<meta name="twitter:card" content="summary_large_image">' in shown
    assert 'alt="Aleppo &quot;20 Dec&quot;"' in shown
    assert shown.index("og:image") < shown.index("</head>") < shown.index("<noscript>")


def test_a_png_loses_its_metadata_chunks_and_keeps_its_picture():
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I4s", len(body), kind) + body + struct.pack(">I", zlib.crc32(kind + body))
    header = chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
    pixels = chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff\x00\x00" * 2))
    data = (snapshots.PNG_SIGNATURE + header + chunk(b"tIME", b"\x07\xea\x0c\x01\x0f\x00\x00")
            + chunk(b"tEXt", b"Software\x00Chromium") + pixels + chunk(b"IEND", b""))
    stripped = snapshots.stripped_png(data)
    assert stripped == snapshots.PNG_SIGNATURE + header + pixels + chunk(b"IEND", b"")
    assert snapshots.png_size(stripped) == (2, 1)

"""Leaflet ships inside geomap (geomap/site/assets): written into assets/, inlined, or linked on
its CDN; no build fetches anything.

Network access is made impossible here (socket.socket and subprocess.run replaced), so a
build that tried to download or `npm pack` would fail these tests.
"""
from __future__ import annotations

import hashlib
import re
import socket
import subprocess
from datetime import date
from pathlib import Path

import folium
import pytest

from aleppo_site import SiteSettings, write_site
from geomap.models import Event, Place, Source
from geomap.site import assets
from geomap.site.assets import AssetError
from geomap.site.elements import LeafletMap

LEAFLET_JS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js"
LEAFLET_CSS = "https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.css"
PAGE = (f'<head>\n<script src="{LEAFLET_JS}"></script>\n'
        f'<link rel="stylesheet" href="{LEAFLET_CSS}"/>\n</head>\n'
        f'<body>&lt;script src="{LEAFLET_JS}"&gt;&lt;/script&gt;</body>')
# sha256 of the files of `npm pack leaflet@1.9.3` (package/dist/...), as committed
NPM_SHA256 = {"leaflet.js": "5819285cec137b229c94e1ee5ad73e8b6b84345a4367d60f75fe477fe0fb7b03"}


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Any socket or subprocess (npm) during a test is an error."""
    def refuse(*_args, **_kwargs):
        raise AssertionError("geomap tried to reach the network or run a program")
    monkeypatch.setattr(socket, "socket", refuse)
    monkeypatch.setattr(subprocess, "run", refuse)


def tiny_site() -> tuple[list[Event], dict[str, Place]]:
    """One strike at one place: enough for a dated map, a timeline and an index."""
    place = Place(id="sukkari", type="neighbourhood", names=("Sukkari",), lat=36.18, lon=37.15)
    sentence = "Des frappes ont touché Sukkari."
    event = Event(type="strike", date=date(2016, 12, 12), precision="day", window=None,
                  place_id="sukkari", id="e1",
                  sources=[Source(article="a.txt", sentence=sentence, start=0, end=len(sentence))])
    return [event], {place.id: place}


def built(out: Path, mode: str) -> dict[str, bytes]:
    events, places = tiny_site()
    written = write_site(out, events, [], places, SiteSettings(assets=mode))
    return {path.relative_to(out).as_posix(): path.read_bytes() for path in written}


def test_the_shipped_leaflet_is_the_npm_package_with_its_licence():
    folder = assets.HERE / "leaflet-1.9.3"
    assert hashlib.sha256((folder / "leaflet.js").read_bytes()).hexdigest() == NPM_SHA256["leaflet.js"]
    assert (folder / "leaflet.js").read_text("utf-8").startswith("/* @preserve\n * Leaflet 1.9.3")
    assert "BSD 2-Clause License" in (folder / "LICENSE").read_text("utf-8")
    assert {p.name for p in (folder / "images").iterdir()} >= {"layers.png", "layers-2x.png"}


def test_every_file_folium_links_is_shipped():
    for _name, url in (*LeafletMap.default_js, *LeafletMap.default_css):
        library, inner = assets.shipped_file(url)
        assert (assets.HERE / library.folder / inner).is_file()
    with pytest.raises(AssetError, match="does not ship"):
        assets.shipped_file("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.js")
    with pytest.raises(AssetError):
        assets.shipped_file("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/../../../etc/passwd")


def test_default_site_writes_leaflet_once_and_links_it_relatively(tmp_path):
    files = built(tmp_path / "site", "files")
    dated = files["maps/2016-12-12.html"].decode("utf-8")
    timeline = files["timeline.html"].decode("utf-8")
    assert '<script src="../assets/leaflet-1.9.3/leaflet.js"></script>' in dated
    assert '<link rel="stylesheet" href="../assets/leaflet-1.9.3/leaflet.css"/>' in dated
    assert '<script src="assets/leaflet-1.9.3/leaflet.js"></script>' in timeline
    assert "cdn.jsdelivr.net" not in dated + timeline
    assert files["assets/leaflet-1.9.3/leaflet.js"] == (assets.HERE / "leaflet-1.9.3/leaflet.js").read_bytes()
    assert "assets/leaflet-1.9.3/LICENSE" in files and "assets/leaflet-1.9.3/images/layers.png" in files
    assert files == built(tmp_path / "again", "files")                  # byte-identical


def test_self_contained_pages_carry_leaflet_and_its_images(tmp_path):
    files = built(tmp_path / "site", "inline")
    assert not any(path.startswith("assets/") for path in files)
    for name in ("maps/2016-12-12.html", "timeline.html"):
        page = files[name].decode("utf-8")
        assert "Leaflet 1.9.3" in page and ".leaflet-container" in page, name
        assert "https://cdn.jsdelivr.net" not in page and "<script src=" not in page, name
        assert "url(images/" not in page and page.count('url("data:image/png;base64,') >= 3, name
        assert "sourceMappingURL" not in page, name


def test_cdn_pages_keep_the_cdn_links_and_write_no_assets(tmp_path):
    files = built(tmp_path / "site", "cdn")
    assert LEAFLET_JS in files["maps/2016-12-12.html"].decode("utf-8")
    assert not any(path.startswith("assets/") for path in files)


def test_inlining_is_safe_inside_a_script_and_leaves_escaped_text_alone():
    page = assets.inline_page(PAGE)
    assert "&lt;script src=" in page                    # the escaped copy in the body is untouched
    head = page.split("</head>")[0]
    assert head.count("</script>") == 1 and "<!--" not in head.replace("<\\!--", "")
    assert assets.script_text('var a = "</script><!-- x";\n//# sourceMappingURL=a.js.map\n') == \
        'var a = "<\\/script><\\!-- x";\n'
    assert assets.style_text(".a{}</style>") == ".a{}<\\/style>"


def test_a_page_linking_an_unshipped_file_is_an_error_not_a_download():
    page = '<script src="https://unpkg.com/other@2.0.0/x.js"></script>'
    for mode in ("files", "inline"):
        with pytest.raises(AssetError, match="other@2.0.0"):
            assets.with_assets({"maps/a.html": page}, mode)
    assert assets.with_assets({"maps/a.html": page}, "cdn") == {"maps/a.html": page}


def test_the_cli_refuses_self_contained_with_cdn(tmp_path):
    from click.testing import CliRunner
    from geomap.cli import main
    result = CliRunner().invoke(main, ["build", "--self-contained", "--cdn", "--out", str(tmp_path / "o"),
                                       "--articles", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert re.search(r"self_contained .* and cdn .* exclude each other", result.output)


def test_folium_still_links_the_version_geomap_ships():
    assert dict(folium.Map.default_js)["leaflet"] == LEAFLET_JS

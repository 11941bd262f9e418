"""The branca elements the pages are made of, and deterministic ids while a page is built.

folium's own Popup/Tooltip put HTML into a JavaScript template literal, where `${...}` would
run; they are never used here: `BoundContent` binds popups and tooltips from JSON strings
instead. The panels are written in the body and moved into the map by Leaflet (`MapControl`);
until then they are hidden (`body > .gm-control` in static/site.css), or they would squeeze
the map while Leaflet measures it.

Determinism. branca gives every element a random id; `deterministic_ids` replaces the id
generator with a counter (branca's `Element._generate_id` hook) while a page is built and
rendered, so the same input gives the same bytes.

Speed. branca's `MacroElement.render` wraps the text each macro renders in a new
`Element(text)`, which compiles that text as a jinja template (and then as Python): one
compilation per polygon, marker and popup of every page. While a page is built,
`deterministic_ids` also puts `RenderedText` in its place: the same text, given back as jinja
would render it, compiled only when it holds template syntax.
"""
from __future__ import annotations

import contextlib
import itertools
import re
from html import escape
from typing import Any, Iterator

import folium
from branca.element import Element, Figure, MacroElement
from jinja2 import Template

from geomap.site.static import static_text
from geomap.site.escape import script_json

@contextlib.contextmanager
def deterministic_ids(prefix: str = "gm") -> Iterator[None]:
    """Give branca elements counter-based ids while a page is built and rendered.

    branca >= 0.8.2 draws ids in the classmethod `Element._generate_id`; it is swapped for a
    counter and restored afterwards. Not thread-safe: pages are built one at a time.
    """
    counter = itertools.count(1)
    original, original_render = Element.__dict__["_generate_id"], MacroElement.__dict__["render"]
    Element._generate_id = classmethod(lambda cls: f"{prefix}{next(counter):06d}")
    MacroElement.render = _render_macros
    try:
        yield
    finally:
        Element._generate_id = original
        MacroElement.render = original_render


JINJA_SYNTAX = re.compile(r"\{[{%#]")
NEWLINE = re.compile(r"\r\n|\r|\n")


class RenderedText(Element):
    """Text a macro rendered, given back as `Element(text)` renders it: newlines made "\\n"
    and one trailing newline dropped (jinja's defaults); compiled only if it holds `{{`, `{%`
    or `{#`, as branca would."""

    def __init__(self, text: str):
        super().__init__(template=text if JINJA_SYNTAX.search(text) else None)
        self._text = None if JINJA_SYNTAX.search(text) else text

    def render(self, **kwargs) -> str:
        if self._text is None:
            return super().render(**kwargs)
        lines = NEWLINE.split(self._text)
        if lines[-1] == "":
            del lines[-1]
        return "\n".join(lines)


def _render_macros(self: MacroElement, **kwargs) -> None:
    """branca's `MacroElement.render`, with `RenderedText` for `Element(text)`."""
    figure = self.get_root()
    assert isinstance(figure, Figure), "You cannot render this Element if it is not in a Figure."
    macros = self._template.module.__dict__
    for part, target in (("header", figure.header), ("html", figure.html), ("script", figure.script)):
        macro = macros.get(part)
        if macro is not None:
            target.add_child(RenderedText(macro(self, kwargs)), name=self.get_name())
    for element in self._children.values():
        element.render(**kwargs)


class Markup(Element):
    """Trusted, already-escaped HTML inserted as is (never parsed as a jinja template)."""
    _template = Template("{{ this.markup }}")

    def __init__(self, markup: str):
        super().__init__()
        self._name = "Markup"
        self.markup = markup


class Page(Figure):
    """A branca Figure with <html lang>, an escaped <title> and a phone-friendly viewport."""
    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang|e }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        "<title>{{ this.title|e }}</title>\n"
        "    {{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "    {{ this.html.render(**kwargs) }}\n"
        "</body>\n"
        "<script>\n"
        "    {{ this.script.render(**kwargs) }}\n"
        "</script>\n"
        "</html>\n")

    def __init__(self, title: str, lang: str):
        super().__init__(title=title)
        self._name = "Page"
        self.lang = lang
        del self.header._children["meta_http"]       # the template declares the charset

    def render(self, **kwargs) -> str:
        """Render, then let users zoom the page (folium's viewport forbids pinch-zoom), and make
        the map the page's main landmark, named by the page's title (between the <header> and
        the <footer>, so screen readers can jump to it and every control is inside a landmark)."""
        text = super().render(**kwargs)
        text = text.replace('<div class="folium-map" id=',
                            f'<div class="folium-map" role="main" aria-label="{escape(self.title)}" id=', 1)
        return re.sub(r",\s*maximum-scale=1\.0, user-scalable=no", "", text)


class LeafletMap(folium.Map):
    """A folium Map that loads Leaflet only (no jQuery, Bootstrap or icon fonts: unused here)."""
    default_js = [(name, url) for name, url in folium.Map.default_js if name == "leaflet"]
    default_css = [(name, url) for name, url in folium.Map.default_css if name == "leaflet_css"]


class BoundContent(MacroElement):
    """Bind a popup or tooltip to its parent layer from a JSON string (no template literal)."""
    _template = Template("""
        {% macro script(this, kwargs) %}
        {{ this._parent.get_name() }}.{{ this.method }}({{ this.content_json }}, {{ this.options_json }});
        {% endmacro %}
    """)

    def __init__(self, content_html: str, kind: str = "popup", **options: Any):
        super().__init__()
        self._name = "BoundContent"
        self.method = {"popup": "bindPopup", "tooltip": "bindTooltip"}[kind]
        self.content_json = script_json(content_html)
        defaults = {"maxWidth": 320} if kind == "popup" else {"sticky": True}
        self.options_json = script_json({**defaults, **options})


class AreaLayer(MacroElement):
    """A territory polygon drawn with a fixed style, added to its layer group (folium's
    GeoJson wrote a style switch, an event hook and a loader for each polygon of each page).
    Named like folium's (geo_json_...)."""
    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.geoJson({{ this.feature|tojson }}, {style: {{ this.style|tojson }}});
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, geometry: dict, style: dict):
        super().__init__()
        self._name = "GeoJson"
        self.feature = {"type": "Feature", "properties": {}, "geometry": geometry}
        self.style = style


class MapControl(MacroElement):
    """Move a block of page HTML into a Leaflet control at a corner of the map."""
    _template = Template("""
        {% macro html(this, kwargs) %}
        <div id="{{ this.get_name() }}" class="gm-control {{ this.css_class }}">{{ this.markup }}</div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        (function () {
            var control = L.control({position: {{ this.position_json }}});
            control.onAdd = function () {
                var box = document.getElementById({{ this.id_json }});
                L.DomEvent.disableClickPropagation(box);
                L.DomEvent.disableScrollPropagation(box);
                var details = box.querySelector("details");
                if ({{ this.collapse_json }} && details && window.innerWidth < {{ this.phone_px }}) {
                    details.open = false;          /* phones: the map first, legend on tap */
                }
                return box;
            };
            control.addTo({{ this._parent.get_name() }});
        })();
        {% endmacro %}
    """)

    def __init__(self, markup: str, position: str, css_class: str,
                 collapse_on_phone: bool = False):
        super().__init__()
        self._name = "MapControl"
        self.markup = markup
        self.css_class = css_class
        self.position_json = script_json(position)
        self.collapse_json = script_json(collapse_on_phone)
        self.phone_px = PHONE_PX

    @property
    def id_json(self) -> str:
        return script_json(self.get_name())


PHONE_PX = 600        # narrower than this, a screen is a phone's: panels start folded


class PageScript(MacroElement):
    """What every map page does for its readers (static/page.js): territory out of the Tab
    order, named markers, Escape, folded panels on phones, the wheel and the height in embeds."""
    _template = Template("\n        {% macro script(this, kwargs) %}\n"
                         + static_text("page.js")
                         + "        {% endmacro %}\n    ")

    def __init__(self):
        super().__init__()
        self._name = "PageScript"
        self.phone_px = PHONE_PX


class BodyBlock(MacroElement):
    """Trusted HTML placed in the page body after the map (the footer)."""
    _template = Template("{% macro html(this, kwargs) %}{{ this.markup }}{% endmacro %}")

    def __init__(self, markup: str):
        super().__init__()
        self._name = "BodyBlock"
        self.markup = markup


class PageStyle(MacroElement):
    """The site's CSS: header/map/footer column, controls, legend, popups, symbols."""
    _template = Template("""
        {% macro header(this, kwargs) %}
        <style>{{ this.css }}</style>
        {% endmacro %}
    """)

    def __init__(self):
        super().__init__()
        self._name = "PageStyle"
        self.css = "\n" + static_text("site.css")

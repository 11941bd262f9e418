"""The site's static files: the map pages' CSS, the slider's script, the index page.

`site.css` is the map pages' stylesheet, `slider.js` the time-slider's script (a jinja
macro body: branca fills in the payload and the layer names), `index.html` the index page
(a `string.Template`: `$title`, `$dates`, ...). They are package data, read once.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources


@lru_cache(maxsize=None)
def static_text(name: str) -> str:
    """The text of one static file of this folder."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")

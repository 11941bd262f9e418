"""geomap: dated, sourced, geolocated conflict events from news articles, as maps.

The public API; the `geomap` command (geomap.cli) is a thin shell over it::

    import geomap
    report = geomap.build("config.yaml")          # what `geomap build` does
    article, warnings = geomap.read_article(Path("articles/a.txt"))
"""
from __future__ import annotations

from pathlib import Path

from .articles import ArticleError, read_article
from .config import Config, ConfigError, load_config
from .control import BaselineError
from .extract import Extractor
from .gazetteer import Gazetteer, GazetteerError
from .lang import LanguageError
from .site import render_site
from .pipeline import BuildError, BuildReport
from .pipeline import build as _build

__version__ = "0.1.0"

__all__ = ["ArticleError", "BaselineError", "BuildError", "BuildReport", "Config", "ConfigError", "Extractor",
           "Gazetteer", "GazetteerError", "LanguageError", "build", "load_config", "read_article", "render_site"]



def build(config: Config | Path | str | None = None, articles: list[Path] | None = None,
          out: Path | None = None, geocoder=None) -> BuildReport:
    """Read the articles and write the maps, timeline, index and exports: `geomap build` as a call.

    Parameters
    ----------
    config : Config, path or None, optional
        A loaded configuration, or the path of a config.yaml to load; None: the neutral
        defaults (no sides, no territory, paths relative to the working folder).
    articles : list of pathlib.Path, optional
        Article files or folders; they replace the config's `articles`.
    out : pathlib.Path, optional
        The output folder; it replaces the config's `output`.
    geocoder : object, optional
        Replaces the configured online geocoder: anything with geopy's `geocode` method.

    Returns
    -------
    BuildReport
        The articles read, the events and their dates, what was skipped or warned about,
        and the files written.

    Raises
    ------
    ConfigError, BuildError, LanguageError
        The build cannot be done; the message is one line naming the file.
    """
    if not isinstance(config, Config):
        config = load_config(Path(config) if config is not None else None)
    return _build(config, articles, out, geocoder=geocoder)

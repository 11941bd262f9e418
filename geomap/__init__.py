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
from .lang import LanguageError
from .pipeline import BuildError, BuildReport
from .pipeline import build as _build

__version__ = "0.1.0"

__all__ = ["ArticleError", "BuildError", "BuildReport", "Config", "ConfigError", "LanguageError", "build",
           "load_config", "read_article"]

# TODO(lead), when the restructure branches are merged, export here with numpydoc docstrings:
#   - Gazetteer             from geomap.gazetteer   (the "gazetteer" branch; today geomap.places.Gazetteer)
#   - Extractor             from geomap.extract     (the "extract" branch)
#   - render_site           from geomap.site        (the "site" branch): events, snapshots, places -> {path: html}
#   - publish               from geomap.publish     (the only writer of the output folder), if it is public
#   - GazetteerError, BaselineError (geomap.control) beside the errors above
#   and add them to __all__. Then models.PLACE_TYPES should replace places.PLACE_TYPES, and
#   models.EVENT_TYPES render.EVENT_TYPE_ORDER (same values, same order).


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

"""geomap: dated, sourced, geolocated conflict events from news articles, as maps."""

__version__ = "0.1.0"

"""`python3 -m geomap.site.assets`: fill the asset cache for the pages (CI runs it first)."""
import sys

from geomap.site.assets import main

sys.exit(main())

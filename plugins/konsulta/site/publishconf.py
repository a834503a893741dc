"""Settings for deployment: pelicanconf.py, then what publishing adds (absolute addresses under SITEURL,
a Content-Security-Policy on every page). The publish workflow builds with it:

    KONSULTA_SITEURL=https://consult.example.gov .venv/bin/pelican content -s publishconf.py -o output
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403
from konsulta.publish import *  # noqa: E402,F401,F403

# Where the site is published, without a trailing slash: https://host or https://host/path. The publish
# workflow sets KONSULTA_SITEURL (the GitHub Pages address, or the repository variable KONSULTA_SITEURL).
SITEURL = os.environ.get("KONSULTA_SITEURL", "https://consult.example.gov").rstrip("/")

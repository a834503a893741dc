"""Settings for deployment: absolute URLs under SITEURL, everything else as pelicanconf."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

SITEURL = os.environ.get("KONSULTA_SITEURL", "https://konsulta.example.org")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

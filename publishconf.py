"""Settings for deployment: everything as pelicanconf.py, plus absolute URLs under SITEURL and a
Content-Security-Policy. Build with:

    KONSULTA_SITEURL=https://consult.example.gov .venv/bin/pelican content -s publishconf.py -o output

The output is plain files (HTML, CSS, one script, ICS, CSV, JSON, attachments) that any static host
serves as they are: GitHub Pages, nginx or Apache, an object store behind a CDN. Every page is
`<lang>/<slug>/index.html`, so the host only has to serve `index.html` for a folder address.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F401,F403

HERE = os.path.dirname(os.path.abspath(__file__))

# Where the site is published, without a trailing slash: https://host or https://host/path.
SITEURL = os.environ.get("KONSULTA_SITEURL", "https://konsulta.example.org").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True

# The Content-Security-Policy of every page: scripts, styles, images, fonts and requests only from
# the site's own origin, no inline script or style, no plugins, no <base>, no form posts elsewhere.
# Pages carry it as <meta http-equiv="Content-Security-Policy"> (theme/templates/components/csp.html),
# because GitHub Pages cannot send headers. Directives a <meta> cannot carry (frame-ancestors,
# report-uri, sandbox) are left out here; hosts that send headers add them: see theme/static/_headers.
# Images in documents must be files in the content folder: an image from another site is blocked.
KONSULTA_CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; "
                "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'")

# The same policy as HTTP headers, at the root of the output, for hosts that read a _headers file
# (Netlify, Cloudflare Pages); CONTRIBUTING.md has the nginx equivalent.
TEMPLATE_PAGES = {os.path.join(HERE, "theme", "static", "_headers"): "_headers"}
# ... and not copied, unrendered, with the theme's other static files.
IGNORE_FILES = ["**/.*", "_headers"]

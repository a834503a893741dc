"""What deployment adds to a site's pelicanconf.py: absolute addresses under SITEURL and a
Content-Security-Policy. A site's publishconf.py is

    from pelicanconf import *  # noqa: F403
    from konsulta.publish import *  # noqa: F403

    SITEURL = os.environ.get("KONSULTA_SITEURL", "https://consult.example.gov").rstrip("/")

and builds with ``KONSULTA_SITEURL=https://consult.example.gov pelican content -s publishconf.py -o output``.
SITEURL is read in the site's own file: Pelican runs that file for every build, while this module is
imported once per process.

The output is plain files (HTML, CSS, one script, ICS, CSV, JSON, attachments) that any static host
serves as they are: GitHub Pages, nginx or Apache, an object store behind a CDN. Every page is
`<lang>/<slug>/index.html`, so the host only has to serve `index.html` for a folder address.
"""

import os

import konsulta_theme

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
TEMPLATE_PAGES = {os.path.join(konsulta_theme.PATH, "static", "_headers"): "_headers"}
# ... and not copied, unrendered, with the theme's other static files.
IGNORE_FILES = ["**/.*", "_headers"]

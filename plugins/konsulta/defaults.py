"""The settings every Konsulta site starts from: a site's pelicanconf.py imports them, then sets its own.

    from konsulta.defaults import *  # noqa: F403

    SITENAME = "Komuna e Prishtinës"
    TIMEZONE = "Europe/Belgrade"
    DEFAULT_LANG = "sq"
    KONSULTA = {"languages": ["sq", "en"], ...}

Konsulta's own settings are the ``KONSULTA`` dict (docs/settings.md). The Pelican settings below are
what makes any content folder that follows docs/content-model.md build with the standard command,
``pelican CONTENT -s pelicanconf.py -o OUTPUT``; a site changes them at its own risk.
"""

import konsulta_theme
from konsulta_content.compiled_templates import SharedCompiledTemplates

# A site's own choices; every site sets these in its pelicanconf.py.
SITENAME = "Konsulta"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
KONSULTA: dict = {}

# Every Konsulta concern is one plugin package, installed with Konsulta.
PLUGINS = ["konsulta_content", "konsulta_i18n", "konsulta_listings", "konsulta_consultations", "konsulta_outcomes",
           "konsulta_calendar", "konsulta_plan", "konsulta_history", "konsulta_feeds", "konsulta_opendata", "konsulta_search"]

THEME = konsulta_theme.PATH
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    # Front matter is editor text: escape it everywhere; only the sanitised body is marked safe.
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Every build makes its own environment; checking each template's file on every include (tens of
    # thousands of stat calls per build) is for long-running servers.
    "auto_reload": False,
    # Pelican makes one environment per generator: they share each template's compiled code.
    "bytecode_cache": SharedCompiledTemplates(),
}

# Every document is read as a Pelican article; Konsulta decides what is written.
PATH_METADATA = ""
ARTICLE_PATHS = [""]
ARTICLE_EXCLUDES = []
PAGE_PATHS = []
STATIC_PATHS = []
USE_FOLDER_AS_CATEGORY = False
# Translations are found by konsulta_content (Site.translations_of: the same slug in another language
# folder); Pelican's own grouping wants one of them in DEFAULT_LANG and warns for every other group.
ARTICLE_TRANSLATION_ID = None
ARTICLE_URL = ARTICLE_LANG_URL = "{lang}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DIRECT_TEMPLATES = []
CATEGORY_SAVE_AS = TAG_SAVE_AS = AUTHOR_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
SLUGIFY_SOURCE = "basename"

# Pelican's own feeds are off: feeds are Konsulta's concern.
FEED_ALL_ATOM = FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = None
TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# Pelican reads only Markdown; an .rst or .html file in content is not a document.
READERS = {"rst": None, "html": None, "htm": None, "mkd": None, "mdown": None}

DEFAULT_PAGINATION = False
DELETE_OUTPUT_DIRECTORY = True
LOAD_CONTENT_CACHE = False

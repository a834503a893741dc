"""Konsulta settings for local builds.

Konsulta's own settings live in the single ``KONSULTA`` dict, documented in
``docs/settings.md`` and validated when the build starts. Everything else is
a standard Pelican setting, fixed here so that any content folder that follows
``docs/content-model.md`` builds with ``pelican DIR -s pelicanconf.py -o OUT``.
"""

SITENAME = "Konsulta"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Europe/Istanbul"
DEFAULT_LANG = "en"

KONSULTA = {
    # Languages the site is published in; each has a folder under the content path.
    "languages": ["tr", "ro", "sq", "en"],
    # Names of the site per language (falls back to SITENAME).
    "site_names": {
        "tr": "Konsulta: Açık Danışma",
        "ro": "Konsulta: Consultare publică",
        "sq": "Konsulta: Konsultim publik",
        "en": "Konsulta: Open consultation",
    },
    # Front matter fields beyond the content model, as JSON Schema fragments.
    "extra_fields": {},
    # Categories a consultation response's submitter may belong to.
    "submitter_categories": ["citizen", "ngo", "business", "public-body", "academia"],
    # "Now" for consultation statuses: None is the clock; KONSULTA_NOW in the environment wins.
    "now": None,
    # A consultation shorter than this many days is a build warning that names the draft.
    "min_consultation_days": 20,
    # An outcome is due this many days after a consultation closes; later ones are shown as overdue.
    "outcome_due_days": 60,
    # The external comment form: placeholders {slug} {lang} {title} {section} {version}, URL-encoded.
    "comment_form": "https://forms.example.org/konsulta?document={slug}&lang={lang}&title={title}&section={section}&version={version}",
    # Hosts a comment form may live on (https only); any other address is a build error.
    "comment_hosts": ["forms.example.org"],
    # An address for people who cannot use the form (None: not offered).
    "comment_email": "consultation@example.org",
    # Links to the source repository: a commit, a file's source, and its editor (for pull requests).
    "repository": {
        "commit": "https://github.com/konsulta/konsulta/commit/{commit}",
        "view": "https://github.com/konsulta/konsulta/blob/main/{path}",
        "edit": "https://github.com/konsulta/konsulta/edit/main/{path}",
    },
}

# Every Konsulta concern is one plugin package under plugins/.
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["konsulta_content", "konsulta_i18n", "konsulta_listings", "konsulta_consultations", "konsulta_outcomes",
           "konsulta_calendar", "konsulta_plan", "konsulta_history", "konsulta_feeds", "konsulta_opendata", "konsulta_search"]

THEME = "theme"
JINJA_ENVIRONMENT = {
    "extensions": ["jinja2.ext.i18n"],
    # Front matter is editor text: escape it everywhere; only the sanitised body is marked safe.
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    # Every build makes its own environment; checking each template's file on every include (tens of
    # thousands of stat calls per build) is for long-running servers.
    "auto_reload": False,
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

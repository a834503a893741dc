"""Settings of the bundled demo site, for local builds: Konsulta's packaged defaults, then this site's
own choices, as `konsulta init` writes them for any site.

Konsulta's own settings live in the single ``KONSULTA`` dict, documented in ``docs/settings.md`` and
validated when the build starts. Any content folder that follows ``docs/content-model.md`` builds with
``pelican DIR -s pelicanconf.py -o OUT``.
"""

from konsulta.defaults import *  # noqa: F403

SITENAME = "Konsulta"
SITEURL = ""
RELATIVE_URLS = True
TIMEZONE = "Europe/Istanbul"
DEFAULT_LANG = "en"

KONSULTA = {
    # Languages the site is published in; each has a folder under the content path.
    "languages": ["tr", "ro", "sq", "sr", "en"],
    # Names of the site per language (falls back to SITENAME).
    "site_names": {
        "tr": "Konsulta: Açık Danışma",
        "ro": "Konsulta: Consultare publică",
        "sq": "Konsulta: Konsultim publik",
        "sr": "Konsulta: Javne konsultacije",
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
    # Where people register their interest in being consulted (body pages, plan entries): {body} {year}
    # {item} {lang}. A form service preset works here too (docs/form-services.md).
    "interest_form": "https://forms.example.org/interest?unit={body}&year={year}&item={item}&lang={lang}",
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

"""Settings of this site: Konsulta's defaults, then this site's own choices.

`konsulta init` wrote this file. Konsulta's settings are the KONSULTA dict below; every key is explained
in Konsulta's docs/settings.md, and a mistake stops the build with a message naming the key. Build with
`make html`; deployment adds publishconf.py.
"""

from konsulta.defaults import *  # noqa: F403

SITENAME = @SITENAME@
# The site's time zone: dates in documents (publication, consultation opening and closing) are days
# here. If you change it, change the schedule in .github/workflows/publish.yml too (`konsulta schedule`).
TIMEZONE = "@TIMEZONE@"
# The language of the root page; the first of the site's languages.
DEFAULT_LANG = @DEFAULT_LANG@

KONSULTA = {
    # Languages the site is published in, in the order the language switcher shows them; each has a
    # folder under content/.
    "languages": @LANGUAGES@,
    # The site's name in each language: translate each one.
    "site_names": @SITE_NAMES@,
    # TODO: the comment form. While a draft is open for consultation, its page links to this address,
    # for the whole draft and for each section; until it is set, open drafts say when comments close
    # but offer no way to send one. Placeholders {slug} {lang} {title} {section} {version} are filled
    # in (URL-encoded), for example
    #     "comment_form": "https://forms.example.org/consultation?document={slug}&lang={lang}&section={section}",
    #     "comment_hosts": ["forms.example.org"],
    # The form's host must be in comment_hosts (https only): any other form address is a build error.
    # A form service's preset takes its own ids instead, e.g. {"service": "formbricks", ...}: see
    # docs/form-services.md in Konsulta for LimeSurvey, KoboToolbox, Formbricks, EUSurvey, Typeform,
    # Google Forms and Microsoft Forms.
    "comment_form": None,
    # TODO: a form where the public registers interest in a body's work and in each planned
    # consultation ({body} {year} {item} {lang}), same rules as comment_form; None: no link.
    "interest_form": None,
    "comment_hosts": [],
    # TODO: an address for people who cannot use the form, e.g. "consultation@example.org" (None: not offered).
    "comment_email": None,
    # TODO: the licence under which the public may reuse the documents and data, stated on the Open data
    # page, in the data files and in the feeds, e.g.
    #     "licence": {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"},
    "licence": None,
    # TODO: once the site has a repository, link each document's history to it:
    # "repository": {
    #     "commit": "https://github.com/OWNER/REPOSITORY/commit/{commit}",
    #     "view": "https://github.com/OWNER/REPOSITORY/blob/main/{path}",
    #     "edit": "https://github.com/OWNER/REPOSITORY/edit/main/{path}",
    # },
}

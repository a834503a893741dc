"""What konsulta_content is (plugins.py): the content model and the build every other plugin builds on;
its KONSULTA settings (the languages, the content model, the build, the site's look) and the Pelican
settings a site sets, declared once (declare.py)."""

from __future__ import annotations

from . import appearance, files
from .declare import Custom, Invalid, OneOf, PelicanSetting, Removed, Setting, TextList
from .plugins import Plugin, for_site, on_documents

DEFAULT_SUBMITTERS = ["citizen", "ngo", "business", "public-body", "academia"]


def _checked_by_basics(value, basics):
    return basics.languages  # checked first, by _basics: every other check may rely on it


def _site_names(value, basics):
    if not isinstance(value, dict):
        raise Invalid("give a dict from language code to site name")
    return dict(value)


def _licence(value, basics):
    if value is None:
        return None
    if (not isinstance(value, dict) or set(value) != {"name", "url"}
            or not all(isinstance(v, str) and v.strip() for v in value.values())
            or not value["url"].startswith("https://") or any(c in value["url"] for c in " <>\"'\\")):
        raise Invalid("give the licence's name and https address, e.g. {'name': 'CC BY 4.0', "
                      "'url': 'https://creativecommons.org/licenses/by/4.0/'}, or None")
    return {"name": value["name"].strip(), "url": value["url"]}


def _extra_fields(value, basics):
    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise Invalid("give a dict from field name to a JSON Schema, e.g. {'sector': {'type': 'string'}}")
    return dict(value)


KONSULTA_SETTINGS = (
    Setting("languages", Custom(_checked_by_basics, "list of language codes"), None,
            "Languages the site is published in, in the order the language switcher shows them. Each has a "
            "folder under the content path (`content/tr/`, `content/en/`, …). Any language Babel knows works; "
            "the bundled theme has catalogues for `tr`, `ro`, `sq` and `en`, and falls back to English "
            "interface text for others. `DEFAULT_LANG` must be one of them.",
            default_doc="`[DEFAULT_LANG]`"),
    Setting("site_names", Custom(_site_names, "dict language → text"), {},
            "The site's name in each language; `SITENAME` where missing."),
    Setting("licence", Custom(_licence, "dict with `name` and `url`, or `None`"), None,
            "The licence under which the site's documents and data may be reused, e.g. `{\"name\": \"CC BY 4.0\", "
            "\"url\": \"https://creativecommons.org/licenses/by/4.0/\"}`. It is stated on the Open data page, in "
            "`documents.json` and `decisions.json` (`licence`), in CSVW metadata beside each CSV "
            "(`documents.csv-metadata.json`, W3C's convention for describing a CSV file) and in every feed (Atom "
            "`rights`, RSS `copyright`). `None`: no licence is stated, and the Open data page says so."),
    Setting("extra_fields", Custom(_extra_fields, "dict field → JSON Schema"), {},
            "Front matter fields beyond the content model. An undeclared field is an error. "
            "Example: `{\"sector\": {\"type\": \"string\"}}`."),
    Setting("submitter_categories", TextList("give a list of category names"), tuple(DEFAULT_SUBMITTERS),
            "Categories a consultation response's `submitter` may take. They are categories, never "
            "people's names.", default_doc=f"`{', '.join(DEFAULT_SUBMITTERS)}`"),
    Setting("build_processes",
            OneOf((1, 2), "give 1 (write everything in one process) or 2 (the default)", "`1` or `2`"), 2,
            "Processes that share the build on a site with 200 documents or more. With 2 (and two CPUs), a "
            "second process reads half of the documents, then makes the feeds' and the search index's files "
            "while this one writes the pages; the output is the same file for file (a quality gate compares "
            "the two). 1 does everything in one process."),
    Removed("fragment_cache", "0.3.0", "the header and footer are rendered on every page (caching them saved "
            "0.1 s at 1,000 documents): remove it"),
    *appearance.SETTINGS,
)

# The Pelican settings a site sets itself, in its own pelicanconf.py (konsulta.defaults gives each a
# value to start from). load_config checks DEFAULT_LANG and TIMEZONE; Pelican checks the rest.
PELICAN_SETTINGS = (
    PelicanSetting("SITENAME", "The site's name, where `KONSULTA['site_names']` has none for a language.",
                   '"Komuna e Prishtinës"'),
    PelicanSetting("DEFAULT_LANG", "The language of the root page and the `x-default` alternate; must be one of "
                   "`KONSULTA['languages']`.", '"sq"'),
    PelicanSetting("TIMEZONE", "The site's time zone: dates in front matter (publication, consultation opening "
                   "and closing) are days in this zone. Must be an IANA name. Pages name it by its city in the "
                   "page's language, or by `KONSULTA['zone_labels']`: `15 Aralık 2026 23:59 (İstanbul saati)`; "
                   "the IANA name appears only in machine-readable attributes.", '"Europe/Belgrade"'),
    PelicanSetting("SITEURL", "Where the site is published, without a trailing slash. Empty for local builds "
                   "(with `RELATIVE_URLS = True`, the output works under any path); `publishconf.py` sets it "
                   "from the `KONSULTA_SITEURL` environment variable, and every link is then absolute under it.",
                   'os.environ.get("KONSULTA_SITEURL", "https://consult.example.gov").rstrip("/")',
                   "publishconf.py"),
    PelicanSetting("RELATIVE_URLS", "`True` locally, `False` in `publishconf.py` (set by `konsulta.publish`).",
                   "True"),
    PelicanSetting("THEME_TEMPLATES_OVERRIDES", "Folders searched for templates before the theme's own: a file "
                   "there with the path of a theme template (`base.html`, `components/footer-links.html`, …) "
                   "replaces it, without forking the theme ([customising](customising.md#templates-and-components)).",
                   '[os.path.join(os.path.dirname(__file__), "templates")]'),
    PelicanSetting("KONSULTA_CSP", "A Content-Security-Policy for every page, written as a "
                   "`<meta http-equiv>` tag (GitHub Pages cannot send headers): only the site's own scripts, "
                   "styles, images and fonts, no inline script or style, no other origin. `None` leaves it "
                   "out. The same policy, with `frame-ancestors 'none'`, is written to `_headers` at the output "
                   "root for hosts that read that file; `CONTRIBUTING.md` has the nginx equivalent. A top-level "
                   "setting, not a `KONSULTA` key, because templates read it directly; `konsulta.publish` sets it.",
                   "\"default-src 'self'; …\"", "publishconf.py"),
)


PLUGIN = Plugin(
    "konsulta_content",
    "The content model: reads every document (YAML front matter, then Markdown made safe), checks it, "
    "indexes the site, gathers every problem of the build and stops before anything is written; the "
    "site's look; writes into a staging folder and publishes the files documents name.",
    provides=(
        on_documents("doc", "the Document: validated fields, safe HTML, plain text, headings, attachments, "
                            "responses, its problems (set by KonsultaReader)"),
        for_site("site", "the Site: every document by language, slug, type, topic and issuing body, "
                         "translations, outcomes (set by Build.index)"),
        for_site("tag_authority", "the site's host in the permanent ids of documents (feeds, JSON-LD, open data)"),
    ),
    writes=("{lang}/{slug}/", f"{files.FILES_FOLDER}/"),
    reports="front matter, body and file problems of each document; duplicate slugs, translations that "
            "disagree, references to missing documents; files that would leave the content folder or "
            "overwrite what the build wrote",
    settings=KONSULTA_SETTINGS,
)

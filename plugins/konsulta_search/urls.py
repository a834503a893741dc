"""Where the search page and its index files live. "search" sits beside document slugs in a language
folder, so it is a reserved slug (the plugin's declared files, plugin.py)."""

from __future__ import annotations

SEARCH_PATH = "search"


def search_url(lang: str) -> str:
    return f"{lang}/{SEARCH_PATH}/"


SEARCH_FOLDER = "search"  # at the output root: search/{lang}.json, search/{lang}/terms-*.json...
SEARCH_SCRIPT = f"{SEARCH_FOLDER}/search.js"  # the theme's js/search.js, minified by the build (generator.page_script)

"""Rules written once (ARCHITECTURE.md, "One definition per rule"): the document types and how search
reads each language are declared in one place, and nothing else in the code or the theme lists them."""

from __future__ import annotations

import itertools
import json
import re

from conftest import ROOT

from konsulta_content.doctypes import DOCUMENT_TYPES, MENU_TYPES, TYPES
from konsulta_content.schema import _type_fields
from konsulta_search.pipeline import LANGUAGES, OTHER, language

SOURCES = [*(ROOT / "plugins").glob("konsulta_*/*.py"), *(ROOT / "scripts").glob("*.py"),
           ROOT / "scripts" / "new", *(ROOT / "theme" / "templates").rglob("*.html"),
           *(ROOT / "theme" / "static" / "js").glob("*.js")]


def test_every_type_has_its_fields_and_the_themes_words():
    assert set(_type_fields(("citizen",))) == set(TYPES)
    assert MENU_TYPES == ("outcome", "policy", "strategy", "project", "body", "news")
    for template in ("type-name.html", "type-plural.html"):
        words = (ROOT / "theme" / "templates" / "components" / template).read_text("utf-8")
        assert [name for name in TYPES if f'doc_type == "{name}"' not in words] == [], template
    assert all(t.noun and t.described and t.schema_org for t in DOCUMENT_TYPES)


def test_no_other_file_lists_the_document_types():
    """Three or more quoted type names in a row (a tuple or list) outside konsulta_content/doctypes.py is a
    second list of the types."""
    name = "[\"'](?:" + "|".join(TYPES) + ")[\"']"
    listing = re.compile(rf"(?:{name}\s*,\s*){{2,}}{name}")
    found = [f"{path.relative_to(ROOT)}: {match.group(0)[:60]}" for path in SOURCES
             if path.name != "doctypes.py" for match in listing.finditer(path.read_text("utf-8"))]
    assert found == []


def test_the_search_page_reads_each_languages_pipeline_from_the_build(demo_site):
    from konsulta_search.pipeline import rules_manifest, suffix_rules

    for lang in ("tr", "ro", "sq", "sr", "en"):
        manifest = json.loads((demo_site / "search" / f"{lang}.json").read_text("utf-8"))
        assert manifest["index_pipeline"] == list(language(lang).index)
        assert manifest["lowercase"] == language(lang).lowercase
        assert manifest["pipeline"] == list(language(lang).query)
        assert manifest.get("rules") == rules_manifest(lang)
    script = (ROOT / "theme" / "static" / "js" / "search.js").read_text("utf-8")
    assert "INDEX_PIPELINES" not in script and "manifest.index_pipeline" in script
    # The Albanian suffix rules live in stem-sq.json alone: the script reads them from the manifest.
    assert "manifest.rules" in script
    assert not [e for e in suffix_rules("sq").endings if len(e) > 2 and f'"{e}"' in script]
    assert language("xx") == OTHER


def test_the_vendored_stemmers_are_those_the_languages_name():
    vendored = {p.name for p in (ROOT / "theme" / "static" / "js" / "vendor").glob("lunr.*.js")}
    named = {f"lunr.{lang.browser_stemmer}.js" for lang in LANGUAGES.values() if lang.browser_stemmer}
    assert vendored - {"lunr.min.js", "lunr.stemmer.support.js"} == named


def test_each_pipeline_label_is_a_registered_function():
    from lunr.pipeline import Pipeline

    labels = set(itertools.chain.from_iterable((lang.index + lang.query) for lang in [*LANGUAGES.values(), OTHER]))
    assert labels <= set(Pipeline.registered_functions)

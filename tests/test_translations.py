"""Interface translations: every template string is translated, placeholders survive, spelling rules hold.

Strings are extracted from the templates exactly as `pybabel extract -F babel.cfg` does, so a template
that gains a string fails here until the catalogues are updated:

    .venv/bin/pybabel extract -F babel.cfg --no-location --sort-output --project Konsulta \\
        --version 0.1.0 --copyright-holder "Konsulta contributors" -o theme/translations/messages.pot .
    .venv/bin/pybabel update -i theme/translations/messages.pot -d theme/translations \\
        --ignore-obsolete --no-fuzzy-matching

then translate the new entries in theme/translations/<lang>/LC_MESSAGES/messages.po.
"""

from __future__ import annotations

import gettext
import re
import runpy
from pathlib import Path

import pytest
from babel.messages import frontend
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "theme" / "translations"
TEMPLATES = ("theme", "templates")
# Languages whose catalogues must translate every string; English msgids are the source language.
TRANSLATED = ["tr", "ro", "sq", "sr"]
# A printf conversion with a name, as Jinja's newstyle gettext formats them: %(name)s, %(num)d ...
PLACEHOLDER = re.compile(r"%\(([^)]*)\)[-#0 +]*\d*(?:\.\d+)?[a-zA-Z]")
CEDILLA = "şţŞŢ"  # Romanian takes comma below: ș ț Ș Ț (U+0219, U+021B, U+0218, U+021A)


# Python modules that word text themselves (babel.cfg lists them too).
WORDING_MODULES = (("plugins", "konsulta_i18n"),)


def _only_templates(dirpath) -> bool:
    """Walk only towards and inside theme/templates and the wording modules (skips content, output, build
    and the venv)."""
    parts = Path(dirpath).relative_to(ROOT).parts
    return any(parts[: len(walked)] == walked[: len(parts)] for walked in (TEMPLATES, *WORDING_MODULES))


@pytest.fixture(scope="module")
def template_messages() -> dict[str | tuple[str, str], list[str]]:
    """msgid (a (singular, plural) pair for ngettext) -> template files using it, per babel.cfg."""
    parse = getattr(frontend, "parse_mapping_cfg", None) or frontend.parse_mapping
    with open(ROOT / "babel.cfg", encoding="utf-8") as cfg:
        method_map, options_map = parse(cfg, str(ROOT / "babel.cfg"))
    assert any(method == "jinja2" for _, method in method_map), "babel.cfg extracts no templates with jinja2"
    found: dict = {}
    for filename, _lineno, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map, directory_filter=_only_templates
    ):
        assert context is None, f"{filename}: message contexts (pgettext) need this test extended: {message!r}"
        key = message if isinstance(message, str) else tuple(message[:2])
        found.setdefault(key, []).append(filename)
    assert found, "no strings extracted from theme/templates: is babel.cfg's pattern right?"
    return found


def _catalogue(lang: str):
    path = TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po"
    assert path.is_file(), f"no catalogue for {lang!r} at {path.relative_to(ROOT)}"
    with open(path, "rb") as source:
        return read_po(source, locale=lang)


def _key(message):
    return tuple(message.id) if message.pluralizable else message.id


def _strings(message) -> list[str]:
    return list(message.string) if message.pluralizable else [message.string]


def _describe(key) -> str:
    return " / ".join(map(repr, key)) if isinstance(key, tuple) else repr(key)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_template_string_is_translated(lang, template_messages):
    catalogue = _catalogue(lang)
    entries = {_key(m): m for m in catalogue if m.id}
    problems = []
    for key, files in sorted(template_messages.items(), key=lambda item: _describe(item[0])):
        where = f"  (in {', '.join(sorted(set(files)))})"
        message = entries.get(key)
        if message is None:
            problems.append(f"missing: {_describe(key)}{where}")
        elif message.fuzzy:
            problems.append(f"fuzzy: {_describe(key)}{where}")
        elif len(_strings(message)) != catalogue.num_plurals and message.pluralizable:
            problems.append(f"needs {catalogue.num_plurals} plural forms: {_describe(key)}")
        elif not all(s.strip() for s in _strings(message)):
            problems.append(f"untranslated: {_describe(key)}{where}")
    assert not problems, (
        f"{len(problems)} template string(s) not translated in {lang}/LC_MESSAGES/messages.po "
        "(re-extract and `pybabel update`, see this file's docstring):\n" + "\n".join(problems)
    )


def test_every_site_language_has_a_complete_catalogue(template_messages):
    """English may leave msgstr empty (identity), but every site language has every msgid and no fuzzy entry."""
    languages = runpy.run_path(str(ROOT / "pelicanconf.py"))["KONSULTA"]["languages"]
    problems = []
    for lang in languages:
        catalogue = _catalogue(lang)
        entries = {_key(m): m for m in catalogue if m.id}
        problems += [f"{lang}: missing {_describe(k)}" for k in template_messages if k not in entries]
        problems += [f"{lang}: fuzzy {_describe(k)}" for k, m in entries.items() if m.fuzzy]
    assert not problems, "\n".join(problems)


def test_template_for_translators_is_current(template_messages):
    with open(TRANSLATIONS / "messages.pot", "rb") as source:
        pot = {_key(m) for m in read_po(source) if m.id}
    missing = sorted(map(_describe, set(template_messages) - pot))
    stale = sorted(map(_describe, pot - set(template_messages)))
    assert not missing and not stale, (
        "theme/translations/messages.pot is out of date; re-extract (see this file's docstring).\n"
        f"missing: {missing}\nno longer in templates: {stale}"
    )


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_match_the_msgid(lang):
    problems = []
    for message in _catalogue(lang):
        if not message.id:
            continue
        ids = list(message.id) if message.pluralizable else [message.id]
        expected = sorted({p.group(0) for text in ids for p in PLACEHOLDER.finditer(text)})
        names = {p.group(1): "x" for text in ids for p in PLACEHOLDER.finditer(text)}
        for form, text in enumerate(_strings(message)):
            if not text:
                continue
            got = sorted({p.group(0) for p in PLACEHOLDER.finditer(text)})
            label = f"{_describe(_key(message))}" + (f" [form {form}]" if message.pluralizable else "")
            if got != expected:
                problems.append(f"{label}: has {got}, msgid has {expected}: {text!r}")
                continue
            try:  # newstyle gettext always %-formats: a lone '%' would break the page at build time
                text % {**names, "num": 1}
            except (KeyError, ValueError, TypeError) as error:
                problems.append(f"{label}: does not format ({error}): {text!r}")
    assert not problems, f"placeholders differ in {lang}:\n" + "\n".join(problems)


def test_romanian_uses_comma_below_not_cedilla():
    problems = []
    for message in _catalogue("ro"):
        for text in _strings(message) if message.id else []:
            bad = sorted({c for c in text if c in CEDILLA})
            if bad:
                problems.append(f"{_describe(_key(message))}: {' '.join(bad)} in {text!r}")
    assert not problems, "Romanian takes ș ț (comma below), not ş ţ (cedilla):\n" + "\n".join(problems)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_build_loader_serves_every_translation(lang):
    """The build compiles the .po in memory (konsulta_i18n.catalogues); every entry must come back out of it."""
    from konsulta_i18n.catalogues import translations_for

    translations = translations_for(TRANSLATIONS, lang)
    catalogue = _catalogue(lang)
    plural_index = gettext.c2py(catalogue.plural_expr)
    wrong = []
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        if message.pluralizable:
            singular, plural = message.id
            for n in (0, 1, 2, 5, 21, 101):
                form = plural_index(n)
                if translations.ungettext(singular, plural, n) != message.string[form]:
                    wrong.append(f"{_describe(message.id)} n={n}")
        elif translations.ugettext(message.id) != message.string:
            wrong.append(_describe(message.id))
    assert not wrong, f"{lang}: the build's catalogue loader returns other strings for:\n" + "\n".join(wrong)


def test_template_gettext_escapes_formats_and_follows_the_page_language(tmp_path):
    """konsulta_i18n's one-call gettext does what Jinja's newstyle gettext does: the message is
    translated in the page's language, variables are escaped, and '%%' is a percent sign."""
    from types import SimpleNamespace

    from jinja2 import DictLoader, Environment
    from pelican.settings import read_settings

    from konsulta_i18n import templates as i18n

    templates = {"page": '{{ _("Skip to main content") }}|{{ _("100%% of %(name)s", name=who) }}|'
                         '{% trans %}Skip to main content{% endtrans %}'}
    env = Environment(loader=DictLoader(templates), autoescape=True, extensions=["jinja2.ext.i18n"])
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    i18n.install(SimpleNamespace(env=env, theme=str(ROOT / "theme"), settings=settings))
    page = env.get_template("page")
    skip_tr = _catalogue("tr").get("Skip to main content").string
    assert skip_tr != "Skip to main content"
    assert page.render(page_lang="en", who="<b>") == (
        "Skip to main content|100% of &lt;b&gt;|Skip to main content")
    assert page.render(page_lang="tr", who="x") == f"{skip_tr}|100% of x|{skip_tr}"
    assert page.render(page_lang="en", who="y") == "Skip to main content|100% of y|Skip to main content"


def test_serbian_dates_and_numbers_are_latin_and_a_sentence_ends_with_one_full_stop():
    """Serbian is published in Latin script (its Babel locale is sr_Latn), and its dates end with a full stop
    ("18. decembar 2026."), which a message that ends with the date must not double."""
    import datetime as dt
    from types import SimpleNamespace

    from jinja2 import DictLoader, Environment
    from pelican.settings import read_settings

    from konsulta_i18n import templates as i18n

    templates = {"page": '{{ _("Comments closed on %(date)s.", date=day|local_date) }}|{{ 1234.5|number }}|'
                         '{{ "sr"|language_name }}'}
    env = Environment(loader=DictLoader(templates), autoescape=True, extensions=["jinja2.ext.i18n"])
    i18n.install(SimpleNamespace(env=env, theme=str(ROOT / "theme"), settings=read_settings(str(ROOT / "pelicanconf.py"))))
    page = env.get_template("page")
    assert page.render(page_lang="sr", day=dt.date(2026, 12, 18)) == (
        "Komentari su zatvoreni 18. decembar 2026.|1.234,5|Srpski")
    assert page.render(page_lang="en", day=dt.date(2026, 12, 18)) == (
        "Comments closed on December 18, 2026.|1,234.5|Srpski")

"""Settings are declared once, in the plugin that reads them (konsulta_content.declare): the build checks
a site's KONSULTA dict against those declarations with a message per mistake, docs/settings.md is
written from them, renamed keys name their replacement, and the order of PLUGINS changes nothing."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from pelican.settings import read_settings

from konsulta_content import settings_doc
from konsulta_content.config import ConfigError, load_config
from konsulta_content.declare import Basics, Removed, Renamed, Setting, Whole, check, collect, declarations

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"]


def settings(plugins=PLUGINS, **konsulta) -> dict:
    return {"KONSULTA": {"languages": ["en", "tr"], **konsulta}, "DEFAULT_LANG": "en", "TIMEZONE": "Europe/Istanbul",
            "PLUGINS": list(plugins), "PATH": str(ROOT / "content")}


def problems_of(**konsulta) -> list[str]:
    with pytest.raises(ConfigError) as stopped:
        load_config(settings(**konsulta))
    return str(stopped.value).splitlines()[1:]


# --- the documentation is the declarations

def test_committed_settings_doc_is_written_from_the_declarations():
    written = settings_doc.for_settings_file(str(ROOT / "pelicanconf.py"))
    committed = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    assert committed == written, ("docs/settings.md differs from the settings the plugins declare: "
                                  "run .venv/bin/python -m konsulta_content.settings_doc")


def test_check_mode_of_the_doc_writer_fails_on_a_stale_file(tmp_path, monkeypatch):
    monkeypatch.chdir(ROOT)
    stale = tmp_path / "settings.md"
    stale.write_text("# Settings\n", encoding="utf-8")
    assert settings_doc.main(["--check", "--output", str(stale)]) == 1
    assert settings_doc.main(["--output", str(stale)]) == 0
    assert settings_doc.main(["--check", "--output", str(stale)]) == 0


def test_every_setting_is_documented_with_type_default_and_meaning():
    text = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    declared = declarations(PLUGINS)
    for name, setting in declared.settings.items():
        assert setting.meaning.strip() and setting.type_doc.strip(), name
        assert re.search(rf"^\| `{name}` \| .+ \| .+ \| .+ \|$", text, re.M), name
    for name in ("repository", "history_redactions", "always_in_menu", "logo", "colours", "footer_links"):
        assert name in declared.settings
    for pelican in ("SITENAME", "SITEURL", "TIMEZONE", "DEFAULT_LANG", "THEME_TEMPLATES_OVERRIDES", "KONSULTA_CSP"):
        assert f"| `{pelican}` |" in text


def test_every_key_the_code_reads_is_declared():
    """A KONSULTA key named in a plugin or template (KONSULTA['x'], KONSULTA.x) has a declaration."""
    declared = declarations(PLUGINS).settings
    used = set()
    for path in [*(ROOT / "plugins").rglob("*.py"), *(ROOT / "theme" / "templates").rglob("*.html")]:
        if path.name == "settings_doc.py":
            continue  # its examples of mistakes name unknown and renamed keys on purpose
        text = path.read_text(encoding="utf-8")
        used.update(re.findall(r"KONSULTA\[['\"](\w+)['\"]\]", text))
        used.update(re.findall(r"\bKONSULTA\.(\w+)", text))
    assert used, "found no KONSULTA key in the code: is the pattern right?"
    assert sorted(used - set(declared)) == []


def test_every_default_passes_its_own_check():
    declared = declarations(PLUGINS)
    basics = Basics(("en",), "en", ZoneInfo("UTC"), None)
    values, problems = check({}, declared, basics)
    assert problems == []
    assert set(values) == set(declared.settings)


def test_konsulta_content_imports_no_other_plugin():
    plugins = {p.name for p in (ROOT / "plugins").iterdir() if p.name.startswith("konsulta")} - {"konsulta_content"}
    offenders = []
    for path in (ROOT / "plugins" / "konsulta_content").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else \
                [node.module or ""] if isinstance(node, ast.ImportFrom) and not node.level else []
            offenders += [f"{path.name}: {n}" for n in names if n.split(".")[0] in plugins]
    assert offenders == []


def test_declarations_are_read_without_running_the_plugins_build_code():
    """scripts/validate and the build's other process read the plugins' declarations (<plugin>.plugin) without
    loading Pelican or any plugin's generators: a plugin's package connects Pelican's signals only in
    register(), which Pelican calls for a build."""
    others = [p for p in PLUGINS if p != "konsulta_content"]
    code = ("import sys\nfrom konsulta_content.declare import declarations\n"
            f"declared = declarations({others!r})\n"
            f"print(sorted(set(declared.owners.values())))\n"
            "print(sorted(m for m in sys.modules if m == 'pelican' or m.startswith('pelican.') "
            "or m.endswith('.generator')))\n")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=ROOT, env={"PYTHONPATH": str(ROOT / "plugins")})
    owners, imported = run.stdout.splitlines()
    assert "konsulta_search" in owners and "konsulta_history" in owners and "konsulta_listings" in owners
    assert imported == "[]"


# --- order does not matter

def test_the_order_of_plugins_changes_no_check():
    bad = {"now": 5, "search_chunk_bytes": 1, "repository": {"x": 1}, "colours": {"link": "#999999"}, "colour": 1}
    forwards, backwards = declarations(PLUGINS), declarations(list(reversed(PLUGINS)))
    assert forwards.owners == backwards.owners
    basics = Basics(("en",), "en", ZoneInfo("UTC"), None)
    assert check(bad, forwards, basics) == check(bad, backwards, basics)
    assert [p.split(":")[0] for p in check(bad, forwards, basics)[1]] == [
        "['colour']", "['colours']", "['colours']", "['now']", "['repository']", "['search_chunk_bytes']"]


def test_a_plugin_left_out_of_plugins_takes_its_settings_with_it():
    without_search = [p for p in PLUGINS if p != "konsulta_search"]
    with pytest.raises(ConfigError, match=r"KONSULTA\['search_chunk_bytes'\]: unknown setting"):
        load_config(settings(without_search, search_chunk_bytes=2000))
    config = load_config(settings(without_search))
    assert config.comment_form is None
    with pytest.raises(AttributeError, match="no plugin in PLUGINS declares KONSULTA\\['search_chunk_bytes'\\]"):
        config.search_chunk_bytes  # noqa: B018


def test_config_keeps_its_attributes_with_defaults():
    config = load_config(settings())
    assert config.languages == ("en", "tr") and config.default_lang == "en"
    assert config.timezone == ZoneInfo("Europe/Istanbul")
    assert (config.min_consultation_days, config.outcome_due_days, config.build_processes) == (20, 60, 2)
    assert (config.search_chunk_bytes, config.history_redactions) == (10_000, ())
    assert (config.logo, config.colours, config.footer_links, config.always_in_menu) == (None, {}, (), ())
    assert config.submitter_categories == ("citizen", "ngo", "business", "public-body", "academia")
    assert config.site_name("tr", "Fallback") == "Fallback"


# --- each setting's mistakes, in the words the build uses

@pytest.mark.parametrize("konsulta, expected", [
    ({"languages": []}, "KONSULTA['languages']: give a non-empty list of language codes, e.g. ['tr', 'en']"),
    ({"languages": ["en", "EN"]}, "KONSULTA['languages']: 'EN' is not a language code such as 'tr' or 'sq'"),
    ({"languages": ["en", "qq"]}, "KONSULTA['languages']: Babel knows no locale 'qq'"),
    ({"languages": ["tr"]}, "KONSULTA['languages']: DEFAULT_LANG 'en' must be one of the site languages ['tr']"),
    ({"site_names": ["x"]}, "KONSULTA['site_names']: give a dict from language code to site name"),
    ({"extra_fields": {"sector": "string"}},
     "KONSULTA['extra_fields']: give a dict from field name to a JSON Schema, e.g. {'sector': {'type': 'string'}}"),
    ({"submitter_categories": "citizen"}, "KONSULTA['submitter_categories']: give a list of category names"),
    ({"now": 20261215}, "KONSULTA['now']: give text or None"),
    ({"min_consultation_days": -1}, "KONSULTA['min_consultation_days']: give a whole number of days, e.g. 20"),
    ({"outcome_due_days": "60"}, "KONSULTA['outcome_due_days']: give a whole number of days, e.g. 60"),
    ({"comment_form": ["x"]}, "KONSULTA['comment_form']: give the form's address as text, or a preset such as"),
    ({"comment_hosts": ["forms.example.org", ""]},
     "KONSULTA['comment_hosts']: give a list of host names, e.g. ['forms.example.org']"),
    ({"comment_email": False}, "KONSULTA['comment_email']: False is not an e-mail address such as 'consultation@example.org'"),
    ({"repository": {"edit": "http://example.org/{path}"}},
     "KONSULTA['repository']: give https address templates for any of 'commit' ({commit}), 'view' and 'edit' "
     "({path}), e.g. {'edit': 'https://github.com/org/site/edit/main/{path}'}"),
    ({"repository": {"source": "https://example.org/{path}"}}, "KONSULTA['repository']: give https address"),
    ({"build_processes": 3}, "KONSULTA['build_processes']: give 1 (write everything in one process) or 2 (the default)"),
    ({"build_processes": True}, "KONSULTA['build_processes']: give 1 (write everything in one process) or 2"),
    ({"search_chunk_bytes": 499}, "KONSULTA['search_chunk_bytes']: give a whole number of bytes, at least 500, e.g. 10000"),
    ({"fragment_cache": False}, "KONSULTA['fragment_cache']: no longer a setting since Konsulta 0.3.0: the header "
                                "and footer are rendered on every page"),
    ({"history_redactions": "3f9c2a17"}, "KONSULTA['history_redactions']: give a list of commit ids, e.g. ['3f9c2a17']"),
    ({"always_in_menu": ["policy", "policies"]},
     "KONSULTA['always_in_menu']: 'policies' is not a document type; types are policy, strategy, draft, outcome, "
     "project, body, page, news"),
    ({"always_in_menu": "policy"}, "KONSULTA['always_in_menu']: give a list of document types"),
    ({"zone_labels": {"sq": "ora e Prishtinës"}}, "KONSULTA['zone_labels']: sq not in KONSULTA['languages'] (en, tr)"),
    ({"zone_labels": {"en": ""}}, "KONSULTA['zone_labels']: give a dict from language code to the zone's name"),
])
def test_each_setting_says_what_to_write_instead(konsulta, expected):
    assert any(line.startswith(expected) for line in problems_of(**konsulta)), (expected, problems_of(**konsulta))


def test_pelican_settings_konsulta_depends_on_are_checked():
    with pytest.raises(ConfigError) as stopped:
        load_config({**settings(), "TIMEZONE": "Mars/Olympus_Mons"})
    assert str(stopped.value).splitlines()[1:] == [
        "TIMEZONE: 'Mars/Olympus_Mons' is not an IANA time zone such as 'Europe/Istanbul'"]
    with pytest.raises(ConfigError, match=r"^Konsulta settings are not valid:\nKONSULTA: give a dict of settings"):
        load_config({**settings(), "KONSULTA": ["en"]})


def test_every_mistake_is_reported_at_once():
    """The languages first (every other check relies on them), then unknown keys, then by name."""
    found = problems_of(now=1, colour="red", languages=["en", "xx_"], search_chunk_bytes="big")
    assert [line.split(":")[0] for line in found] == [
        "KONSULTA['languages']", "KONSULTA['colour']", "KONSULTA['now']", "KONSULTA['search_chunk_bytes']"]


def test_an_unknown_key_is_named_with_the_nearest_known_one():
    assert problems_of(colour="red")[0].startswith("KONSULTA['colour']: unknown setting (did you mean 'colours'?)")
    assert problems_of(comment_host="x") == [
        "KONSULTA['comment_host']: unknown setting (did you mean 'comment_hosts'?); known settings are "
        + ", ".join(sorted(declarations(PLUGINS).settings))]
    assert problems_of(**{"sitenames": {}})[0].startswith("KONSULTA['sitenames']: unknown setting (did you mean 'site_names'?)")
    assert problems_of(zzz=1)[0].startswith("KONSULTA['zzz']: unknown setting; known settings are always_in_menu, ")


# --- renamed and removed keys

def test_a_renamed_or_removed_key_names_its_replacement():
    """Konsulta has renamed no key so far (docs/settings.md says so); a table of this test's own shows
    how a site that still uses an old key is told, beside the plugin's other declarations."""
    retired = (Renamed("chunk_bytes", "search_chunk_bytes", "0.2"),
               Removed("search_stemming", "0.2", "stemming is chosen by language now: remove the key"))
    search = ("konsulta_search", (Setting("search_chunk_bytes", Whole("give bytes", minimum=500), 10_000, "."),
                                  *retired))
    declared = collect([("konsulta_content", ()), search])
    basics = Basics(("en",), "en", ZoneInfo("UTC"), None)
    values, problems = check({"chunk_bytes": 2000, "search_stemming": True}, declared, basics)
    assert problems == [
        "['chunk_bytes']: renamed to 'search_chunk_bytes' in Konsulta 0.2: write KONSULTA['search_chunk_bytes'] "
        "instead (it takes the same value)",
        "['search_stemming']: no longer a setting since Konsulta 0.2: stemming is chosen by language now: "
        "remove the key",
    ]
    assert values == {"search_chunk_bytes": 10_000}
    text = settings_doc.render(declared, ["konsulta_search"])
    assert "| `chunk_bytes` | 0.2 | `search_chunk_bytes` |" in text
    assert "| `search_stemming` | 0.2 | stemming is chosen by language now: remove the key |" in text


def test_the_products_retired_keys_are_listed_in_the_docs():
    assert set(declarations(PLUGINS).retired) == {"fragment_cache"}
    assert "| `fragment_cache` | 0.3.0 | the header and footer are rendered on every page" in (
        ROOT / "docs" / "settings.md").read_text("utf-8")


def test_contradicting_declarations_are_reported_as_such():
    one = Setting("badge", Whole("give a number"), 1, ".")
    declared = collect([("konsulta_content", (one,)), ("konsulta_extra", (one, Renamed("badge", "emblem", "0.3")))])
    assert declared.mistakes == (
        "['badge']: declared as a setting by konsulta_content and as retired by konsulta_extra: a name cannot be both",
        "['badge']: declared twice, by konsulta_content and by konsulta_extra: each setting has one owner",
    )
    assert check({}, declared, Basics(("en",), "en", ZoneInfo("UTC"), None))[1][:2] == list(declared.mistakes)

"""Form service presets: each builds the address its service documents (docs/form-services.md), carries
every value exactly, hostile ones included, and passes the same safety check as a written address."""

from __future__ import annotations

import urllib.parse

import pytest
from bs4 import BeautifulSoup
from conftest import SITES, build

from konsulta_consultations.checks import check_site_form
from konsulta_consultations.comments import check_template, form_url
from konsulta_consultations.interest import interest_url
from konsulta_consultations.plugin import COMMENT_PLACEHOLDERS, INTEREST_PLACEHOLDERS
from konsulta_content.config import ConfigError, load_config
from konsulta_content.form_services import PresetError, preset_template

# A heading id and a title that would break an address if a value were not encoded: a new parameter,
# a fragment, a path step, a backslash, userinfo, a placeholder, a line break, non-Latin letters.
HOSTILE_SECTION = "a&doc=evil#x/../y?z=1\\@evil.example{slug}%41\nçelik"
HOSTILE_TITLE = "Rregullore: ç'ka & pse? <b>\"=HYPERLINK()\"</b>"
VALUES = {"slug": "harbour-rules", "lang": "sq", "title": HOSTILE_TITLE, "version": "2026-11-02",
          "section": HOSTILE_SECTION}

# (preset, the address its service documents with no values filled in: scheme, host and path, the
# parameters every address carries first, where values go, and the name each value is sent under).
PRESETS = {
    "limesurvey": ({"service": "limesurvey", "host": "anketa.example.org", "path": "/limesurvey", "survey_id": 482751,
                    "fields": {"slug": "doc", "section": "482751X12X34", "lang": "lang"}},
                   "https://anketa.example.org/limesurvey/index.php", "query",
                   [("r", "survey/index"), ("sid", "482751"), ("newtest", "Y")],
                   {"doc": "slug", "482751X12X34": "section", "lang": "lang"}),
    "kobotoolbox": ({"service": "kobotoolbox", "form_id": "hEkHk50v",
                     "fields": {"slug": "/data/doc", "section": "/data/section", "version": "/data/version"}},
                    "https://ee.kobotoolbox.org/x/hEkHk50v", "query", [],
                    {"d[/data/doc]": "slug", "d[/data/section]": "section", "d[/data/version]": "version"}),
    "formbricks": ({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy",
                    "fields": {"slug": "doc", "section": "section", "title": "title"}},
                   "https://app.formbricks.com/s/clin3dxja02k8l80hpwmx4bjy", "query", [],
                   {"doc": "slug", "section": "section", "title": "title"}),
    "eusurvey": ({"service": "eusurvey", "alias": "Harbour-Rules-2026", "fields": {"slug": "doc", "section": "section"}},
                 "https://ec.europa.eu/eusurvey/runner/Harbour-Rules-2026", "query", [],
                 {"doc": "slug", "section": "section"}),
    "typeform": ({"service": "typeform", "host": "komuna.typeform.com", "form_id": "Myg4qNJA",
                  "fields": {"slug": "doc", "section": "section", "lang": "lang"}},
                 "https://komuna.typeform.com/to/Myg4qNJA", "fragment", [],
                 {"doc": "slug", "section": "section", "lang": "lang"}),
    "google_forms": ({"service": "google_forms", "form_id": "1FAIpQLSfX2v9abcDEF-ghi_jk",
                      "fields": {"slug": "entry.1028374655", "section": "entry.55512"}},
                     "https://docs.google.com/forms/d/e/1FAIpQLSfX2v9abcDEF-ghi_jk/viewform", "query",
                     [("usp", "pp_url")], {"entry.1028374655": "slug", "entry.55512": "section"}),
    "microsoft_forms": ({"service": "microsoft_forms", "form_id": "DQSIkWdsW0yxEjajBLZtrQAAAAAAAAAAAAMAABqTSThU",
                         "fields": {"slug": "rf840", "section": "ree28"}},
                        "https://forms.office.com/Pages/ResponsePage.aspx", "query",
                        [("id", "DQSIkWdsW0yxEjajBLZtrQAAAAAAAAAAAAMAABqTSThU")], {"rf840": "slug", "ree28": "section"}),
}


@pytest.mark.parametrize("name", PRESETS)
def test_each_preset_makes_its_services_address_and_carries_every_value_exactly(name):
    preset, base, place, fixed, sent_as = PRESETS[name]
    template = preset_template(preset, COMMENT_PLACEHOLDERS)
    host = urllib.parse.urlsplit(base).hostname
    check_template(template, [host])  # the same check as a written address; raises if it fails
    url = form_url(template, **VALUES)
    parts = urllib.parse.urlsplit(url)
    assert f"{parts.scheme}://{parts.netloc}{parts.path}" == base
    carried = parts.query if place == "query" else parts.fragment
    assert (parts.fragment if place == "query" else parts.query) == ""
    pairs = urllib.parse.parse_qsl(carried, keep_blank_values=True, strict_parsing=True)
    assert pairs[:len(fixed)] == fixed
    assert dict(pairs[len(fixed):]) == {field: VALUES[value] for field, value in sent_as.items()}
    assert len(pairs) == len(fixed) + len(sent_as), "no value may add a parameter of its own"


def test_a_preset_without_a_section_field_gives_drafts_one_link_not_one_per_section():
    template = preset_template({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy",
                                "fields": {"slug": "doc"}}, COMMENT_PLACEHOLDERS)
    assert "{section}" not in template and template.endswith("?doc={slug}")


@pytest.mark.parametrize("preset, message", [
    ({"service": "surveymonkey", "fields": {"slug": "doc"}}, "'service' is 'surveymonkey': give one of limesurvey"),
    ({"service": "formbricks", "survey_id": "x/../../admin", "fields": {"slug": "doc"}}, "'survey_id' is 'x/../../admin'"),
    ({"service": "limesurvey", "host": "evil.example/x", "survey_id": 1, "fields": {"slug": "doc"}}, "'host' is 'evil.example/x'"),
    ({"service": "limesurvey", "host": "a.example@evil.example", "survey_id": 1, "fields": {"slug": "doc"}}, "'host' is"),
    ({"service": "limesurvey", "host": "s.example.org", "path": "/x?y", "survey_id": 1, "fields": {"slug": "doc"}}, "'path' is '/x?y'"),
    ({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy", "fields": {"slug": "doc&x=1"}}, "'fields' gives 'doc&x=1'"),
    ({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy", "fields": {"slug": "{title}"}}, "'fields' gives '{title}'"),
    ({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy", "fields": {"email": "e"}}, "'fields' has 'email'"),
    ({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy", "fields": {"slug": "d", "section": "d"}}, "gives 'd' twice"),
    ({"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy"}, "'fields' names the Formbricks field"),
    ({"service": "kobotoolbox", "form_id": "hEkHk50v", "fields": {"slug": "doc"}}, "the XPath of a hidden or calculate field"),
    ({"service": "google_forms", "form_id": "1FAIpQLSfX2v9abc", "fields": {"slug": "entry.12]"}}, "entry id"),
    ({"service": "typeform", "form_id": "Myg4qNJA", "token": "x", "fields": {"slug": "doc"}}, "'token' is not one of them"),
])
def test_a_preset_that_does_not_fit_its_service_is_refused_with_what_to_write(preset, message):
    with pytest.raises(PresetError, match=message.replace("?", r"\?").replace("{", r"\{").replace("[", r"\[")
                       .replace("]", r"\]").replace(".", r"\.").replace("&", "&")):
        preset_template(preset, COMMENT_PLACEHOLDERS)


def _settings(**konsulta):
    return {"KONSULTA": {"languages": ["en"], **konsulta},
            "PLUGINS": ["konsulta_content", "konsulta_consultations"], "DEFAULT_LANG": "en"}


def test_a_preset_is_a_setting_checked_with_the_others_and_its_host_must_be_allowed():
    preset = PRESETS["eusurvey"][0]
    config = load_config(_settings(comment_form=preset, comment_hosts=["ec.europa.eu"]))
    assert config.comment_form == "https://ec.europa.eu/eusurvey/runner/Harbour-Rules-2026?doc={slug}&section={section}"
    check_site_form(config)  # allowed: no error
    with pytest.raises(ConfigError, match=r"KONSULTA\['comment_form'\]: 'ec.europa.eu' is not an allowed comment form host"):
        check_site_form(load_config(_settings(comment_form=preset, comment_hosts=["forms.example.org"])))
    with pytest.raises(ConfigError, match=r"KONSULTA\['interest_form'\]: 'service' is 'nope'"):
        load_config(_settings(interest_form={"service": "nope"}))


def test_interest_form_takes_its_own_placeholders_only():
    ok = {"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy",
          "fields": {"body": "unit", "year": "year", "item": "proposal"}}
    config = load_config(_settings(interest_form=ok, comment_hosts=["app.formbricks.com"]))
    check_site_form(config)
    url = interest_url(config.interest_form, body="ministry-of-transport", lang="sq", year=2027,
                       item="Ligji për rrugët & urat #2")
    assert dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(url).query)) == {
        "unit": "ministry-of-transport", "year": "2027", "proposal": "Ligji për rrugët & urat #2"}
    with pytest.raises(ConfigError, match=r"'fields' has 'slug': the values are body, year, item, lang"):
        load_config(_settings(interest_form={**ok, "fields": {"slug": "doc"}}))
    with pytest.raises(ConfigError, match=r"unknown placeholder \{section\}: use \{body\}"):
        check_site_form(load_config(_settings(interest_form="https://app.formbricks.com/s/x?s={section}",
                                              comment_hosts=["app.formbricks.com"])))
    assert interest_url(None, body="b", lang="en") is None
    assert set(INTEREST_PLACEHOLDERS) == {"body", "year", "item", "lang"}


def test_a_site_with_a_preset_links_each_section_of_an_open_draft_to_the_service(tmp_path):
    preset = PRESETS["formbricks"][0]
    site = build(SITES / "consultations", tmp_path / "output",
                 KONSULTA={"languages": ["en"], "comment_form": preset, "comment_hosts": ["app.formbricks.com"],
                           "interest_form": {**preset, "fields": {"body": "unit"}}})
    links = []
    for page in sorted(site.rglob("index.html")):
        soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
        links += [a["href"] for a in soup.select(".section-comment a")]
    assert links, "the fixture has an open draft with sections"
    for href in links:
        parts = urllib.parse.urlsplit(href)
        assert (parts.netloc, parts.path) == ("app.formbricks.com", "/s/clin3dxja02k8l80hpwmx4bjy")
        query = dict(urllib.parse.parse_qsl(parts.query))
        assert set(query) == {"doc", "section", "title"} and query["section"]
    body_page = BeautifulSoup((site / "en" / "ministry" / "index.html").read_text("utf-8"), "html.parser")
    interest = body_page.select_one("#interest-heading").find_parent("section").select_one("a.button")["href"]
    assert interest == "https://app.formbricks.com/s/clin3dxja02k8l80hpwmx4bjy?unit=ministry"


def test_each_plan_entry_links_to_the_interest_form_with_its_body_year_and_item(tmp_path):
    import shutil

    content = shutil.copytree(SITES / "roundtrip", tmp_path / "content")
    for outcome in content.rglob("harbour-rules-outcome.md"):
        outcome.unlink()  # their responses are imported in tests/test_import_responses.py
    (content / "plans").mkdir()
    (content / "plans" / "2027.yaml").write_text(
        "consultations:\n  - body: port-authority\n    quarter: 2\n    title:\n      en: Rules for the fishing quay & nets\n"
        "      sq: Rregullat për kalatën e peshkatarëve\n", encoding="utf-8")
    preset = {"service": "formbricks", "survey_id": "clin3dxja02k8l80hpwmx4bjy",
              "fields": {"body": "unit", "year": "year", "item": "proposal", "lang": "lang"}}
    site = build(content, tmp_path / "output", KONSULTA={"languages": ["sq", "en"], "interest_form": preset,
                                                          "comment_hosts": ["app.formbricks.com"]})
    for lang in ("sq", "en"):
        page = BeautifulSoup((site / lang / "plan" / "2027" / "index.html").read_text("utf-8"), "html.parser")
        links = [a["href"] for a in page.select("a[href^='https://app.formbricks.com/']")]
        assert len(links) == 1, lang
        query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(links[0]).query))
        # The item is named in the site's default language on every page, so answers group by item.
        assert query == {"unit": "port-authority", "year": "2027", "proposal": "Rules for the fishing quay & nets",
                         "lang": lang}

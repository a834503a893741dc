"""Old addresses keep working: a document renamed in git, or listing earlier addresses under `aliases`,
gets a page at each old address that sends readers on (a link, a refresh without delay, a canonical
link, no script) and a line in `_redirects`; an alias that cannot lead to its document is a problem
naming both, reported alike by the build and scripts/validate."""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from bs4 import BeautifulSoup
from browser import chromium, serve
from conftest import ROOT
from gitrepo import PAGE, commit, git, init
from hostile import pelican_cli, problem_lines, validate_cli
from quality import validate_html

from konsulta_content.plugins import load
from konsulta_history.redirects import redirects_file

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
EN = "content/en/"


def page_text(title: str, body: str = "Some text.", extra: str = "") -> str:
    return PAGE.format(title=title, body=body, extra=extra)


@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    repo = init(tmp_path_factory.mktemp("redirects") / "repo")
    commit(repo, {EN + "old-home.md": page_text("Home rules"),
                  EN + "older.md": page_text("Older rules"),
                  EN + "guide.md": page_text("Editing guide", extra="aliases: [/en/guides/old-guide/, /old/guide.html, "
                                                                     "en/legacy, /en/older/]\n")},
           "Publish", "2026-03-01T09:00:00+03:00")
    git(repo, "mv", EN + "old-home.md", EN + "new-home.md")
    git(repo, "mv", EN + "older.md", EN + "newer.md")
    commit(repo, {}, "Rename two documents", "2026-03-02T09:00:00+03:00")
    return repo


@pytest.fixture(scope="module")
def run(repo):
    result = pelican_cli(repo / "content", repo.parent / "output", repo.parent)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    result.output = repo.parent / "output"
    return result


REDIRECT_PAGES = {"en/old-home/index.html": "en/new-home/", "en/guides/old-guide/index.html": "en/guide/",
                  "old/guide.html": "en/guide/", "en/legacy/index.html": "en/guide/"}


def html(run, path) -> BeautifulSoup:
    return BeautifulSoup((run.output / path).read_text("utf-8"), "html.parser")


@pytest.mark.parametrize("path, target", REDIRECT_PAGES.items())
def test_each_old_address_has_a_page_that_sends_readers_on(run, path, target):
    page = html(run, path)
    link = "../" * path.count("/") + target
    assert page.html["lang"] == "en"
    assert page.find("meta", attrs={"http-equiv": "refresh"})["content"] == f"0; url={link}"
    assert page.find("link", rel="canonical")["href"] == link
    assert page.find("main").a["href"] == link
    assert page.find("main").a.get_text() == ("Home rules" if "home" in path else "Editing guide")
    assert page.find("script") is None
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


def test_redirects_file_lists_every_old_address(run):
    assert (run.output / "_redirects").read_text().splitlines()[1:] == [
        "/en/guides/old-guide/ /en/guide/ 301",
        "/en/legacy/ /en/guide/ 301",
        "/en/old-home/ /en/new-home/ 301",
        "/en/older/ /en/guide/ 301",
        "/old/guide.html /en/guide/ 301",
    ]


def test_an_alias_wins_over_an_earlier_address_from_git_and_the_build_says_so(run):
    assert "Editing guide" in html(run, "en/older/index.html").main.a.get_text()
    assert re.search(r"en/newer\.md: its earlier address /en/older/ is an alias of \S*en/guide\.md: the alias is "
                     "kept, and the address does not lead to this document", run.stdout)


def test_old_addresses_are_not_in_the_sitemap(run):
    sitemap = (run.output / "sitemap.xml").read_text()
    assert "en/new-home/" in sitemap
    assert not any(address in sitemap for address in ("old-home", "old-guide", "old/guide", "legacy", "en/older/"))


def test_redirects_file_follows_the_sites_path():
    article = SimpleNamespace(url="en/guide/")
    redirects = [SimpleNamespace(source="en/old guide/", article=article)]
    assert redirects_file(redirects, "https://example.org/konsulta/").decode().splitlines()[1:] == [
        "/konsulta/en/old%20guide/ /konsulta/en/guide/ 301"]


@pytest.mark.browser
def test_old_address_lands_on_the_document_in_a_browser(run):
    with serve(run.output) as base_url, chromium() as browser:
        page = browser.new_page()
        page.goto(f"{base_url}/en/old-home/")
        page.wait_for_url(f"{base_url}/en/new-home/")
        assert page.locator("h1").first.inner_text() == "Home rules"


@pytest.mark.browser
def test_redirect_pages_pass_axe(run):
    from axe_playwright_python.sync_playwright import Axe

    with serve(run.output) as base_url, chromium() as browser:
        page = browser.new_page()
        # The refresh would leave the page before axe reads it: the document it leads to answers 204 No
        # Content, which a browser does not navigate to.
        page.route(re.compile(r".*/en/(new-home|guide)/$"), lambda route: route.fulfill(status=204))
        failures = []
        for path in REDIRECT_PAGES:
            page.goto(f"{base_url}/{path.removesuffix('index.html')}")
            page.wait_for_timeout(300)  # the refresh has been tried
            assert page.url.endswith(path.removesuffix("index.html"))
            results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
            failures += [f"{path}: {v['id']}: {v['help']}" for v in results.response["violations"]]
        assert failures == []


def test_redirect_and_changes_pages_pass_the_nu_html_checker(run):
    pages = [run.output / path for path in REDIRECT_PAGES]
    pages += sorted(run.output.glob("en/*/changes/*/index.html"))
    assert len(pages) > len(REDIRECT_PAGES)
    assert validate_html(pages, run.output) == []


def test_every_top_level_name_a_build_writes_is_known(demo_site):
    from pelican.settings import read_settings

    settings = read_settings(str(ROOT / "pelicanconf.py"))
    known = {*load(settings["PLUGINS"]).top_level(), settings["THEME_STATIC_DIR"], *settings["KONSULTA"]["languages"]}
    assert sorted(p.name for p in demo_site.iterdir() if p.name not in known) == []


ALIASED = {
    "en/a.md": page_text("A", extra="aliases: [/en/b/, /en/a/, /en/topics/old/, /feeds/old/, /en/, /shared/]\n"),
    "en/b.md": page_text("B", extra="aliases: [/shared/, /en/b/changes/x/, /en/fine/, /en/fine]\n"),
    "en/c.md": page_text("C", extra="aliases: [../outside/, /x/page.php, /.hidden/]\n"),
}


@pytest.fixture(scope="module")
def aliased(tmp_path_factory):
    folder = tmp_path_factory.mktemp("aliases")
    for name, text in ALIASED.items():
        (folder / "content" / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / "content" / name).write_text(text, encoding="utf-8")
    return folder


def test_aliases_that_cannot_lead_to_their_document_are_problems_naming_both(aliased):
    build = pelican_cli(aliased / "content", aliased / "output", aliased)
    assert build.returncode != 0
    lines = problem_lines(build)
    a, b, c = (f"content/en/{name}.md:6: aliases" for name in "abc")
    today = "an old address cannot be a page of the site today; remove it from 'aliases'"
    one = "an old address can lead to one document only; remove it from all but one"
    schema = ("is not an address of this site: write it from the site's root, as /en/old-name/ or /old/page.html "
              "(letters, digits and - _ . ~)")
    assert lines == [
        f"{a}[0]: '/en/b/' is the address of content/en/b.md: {today}",
        f"{a}[1]: '/en/a/' is this document's own address: remove it from 'aliases'",
        f"{a}[2]: '/en/topics/old/' is where the site lists documents (en/topics/): {today}",
        f"{a}[3]: '/feeds/old/' is where the site publishes feeds/: {today}",
        f"{a}[4]: '/en/' is the home page of the language 'en': {today}",
        f"{a}[5]: '/shared/' is also an alias of content/en/b.md: {one}",
        f"{b}[0]: '/shared/' is also an alias of content/en/a.md: {one}",
        f"{b}[1]: '/en/b/changes/x/' is under this document's own address: remove it from 'aliases'",
        f"{b}[3]: '/en/fine' is given twice: keep one",
        f'{c}[0]: "../outside/" {schema}',
        f'{c}[1]: "/x/page.php" {schema}',
        f'{c}[2]: "/.hidden/" {schema}',
    ]
    validate = validate_cli(aliased / "content", aliased)
    assert validate.returncode == 1
    assert problem_lines(validate) == lines

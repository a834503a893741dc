"""The deployment build (publishconf.py): absolute URLs under SITEURL, a Content-Security-Policy on
every page that the pages themselves keep to, and plain files any static host can serve."""

from __future__ import annotations

import mimetypes
import os
import posixpath
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from browser import chromium
from conftest import DEMO, ROOT, build

SITEURL = "https://konsulta.example.org"
JAVASCRIPT_TYPES = {"", "module", "text/javascript", "application/javascript", "application/ecmascript", "text/ecmascript"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "poster", "data", "cite", "srcset"}


def publish_build(content: Path, output: Path, **overrides) -> Path:
    """Builds ``content`` in-process with publishconf.py, as `pelican content -s publishconf.py` would."""
    return build(content, output, settings_file="publishconf.py", **overrides)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    os.environ.pop("KONSULTA_SITEURL", None)
    return publish_build(DEMO, tmp_path_factory.mktemp("publish") / "output")


@pytest.fixture(scope="module")
def csp():
    from pelican.settings import read_settings

    return read_settings(str(ROOT / "publishconf.py"))["KONSULTA_CSP"]


class Page(HTMLParser):
    """Every URL in a page, whether it is inside the document's own text, and what CSP cares about."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, bool]] = []  # (url, inside .document__body)
        self.csp_metas: list[str] = []
        self.first_resource_at: int | None = None  # order of the first <link>, <script> or <style>
        self.csp_at: int | None = None
        self.inline_scripts = 0
        self.style_elements = 0
        self.style_attributes: list[str] = []
        self.event_attributes: list[str] = []
        self._order = 0
        self._body_depth = 0  # >0 while inside <div class="document__body">
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        self._order += 1
        attributes = dict(attrs)
        void = tag in {"meta", "link", "img", "br", "hr", "input", "source", "col", "area", "base", "wbr", "embed"}
        if not void:
            self._depth += 1
            if self._body_depth:
                self._body_depth += 1
            elif tag == "div" and "document__body" in (attributes.get("class") or "").split():
                self._body_depth = 1
        if tag == "meta" and (attributes.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp_metas.append(attributes.get("content") or "")
            self.csp_at = self.csp_at or self._order
        if tag in ("link", "script", "style") and self.first_resource_at is None:
            self.first_resource_at = self._order
        script_type = (attributes.get("type") or "").strip().lower()
        runs = script_type in JAVASCRIPT_TYPES  # any other type is a data block (JSON-LD): it never runs
        if tag == "script" and runs and not attributes.get("src"):
            self.inline_scripts += 1
        if tag == "style":
            self.style_elements += 1
        for name, value in attrs:
            if name == "style":
                self.style_attributes.append(value or "")
            if name.startswith("on"):
                self.event_attributes.append(name)
            if name in URL_ATTRIBUTES and value is not None:
                self.urls.append((value.strip(), self._body_depth > 0))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in {"meta", "link", "img", "br", "hr", "input", "source", "col", "area", "base", "wbr", "embed"}:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self._body_depth:
            self._body_depth -= 1
        self._depth -= 1


def pages(output: Path) -> list[tuple[str, Page]]:
    found = []
    for path in sorted(output.rglob("*.html")):
        page = Page()
        page.feed(path.read_text("utf-8"))
        found.append((path.relative_to(output).as_posix(), page))
    return found


def page_url(relative: str) -> str:
    folder = relative[: -len("index.html")] if relative.endswith("index.html") else relative
    return f"{SITEURL}/{folder}"


def output_file(output: Path, url: str) -> Path | None:
    """The file a static host serves for an address under SITEURL (a folder serves its index.html)."""
    path = urllib.parse.unquote(urllib.parse.urlsplit(url).path)
    target = output / path.lstrip("/")
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def test_every_page_carries_the_policy_before_any_resource(published, csp):
    found = pages(published)
    assert len(found) > 50
    for name, page in found:
        assert page.csp_metas == [csp], name
        assert page.first_resource_at is None or page.csp_at < page.first_resource_at, name


def test_the_policy_allows_no_inline_script_and_no_other_origin(csp):
    directives = {d.split()[0]: d.split()[1:] for d in csp.split(";") if d.strip()}
    for name in ("default-src", "script-src", "style-src", "img-src"):
        assert directives[name] == ["'self'"], name
    assert directives["object-src"] == ["'none'"]
    assert "base-uri" in directives and "form-action" in directives
    assert not any(v in csp for v in ("'unsafe-inline'", "'unsafe-eval'", "data:", "*", "http:", "https:"))
    # A <meta> policy cannot carry these; a browser reports them as errors.
    assert not any(d in directives for d in ("frame-ancestors", "report-uri", "sandbox"))


def test_no_inline_script_style_or_event_handler_the_policy_would_block(published):
    for name, page in pages(published):
        assert page.inline_scripts == 0, name
        assert page.style_elements == 0, name
        assert page.style_attributes == [], name
        assert page.event_attributes == [], name
        assert not any(url.lower().startswith("javascript:") for url, _ in page.urls), name


def test_theme_links_are_absolute_under_siteurl(published):
    """Every address the theme writes is absolute; only links editors write in a document's text may
    be relative (docs/content-model.md suggests ../slug/), and those must lead to a published page."""
    for name, page in pages(published):
        for url, in_text in page.urls:
            if url.startswith(("#", "mailto:", "tel:")):
                continue
            parts = urllib.parse.urlsplit(url)
            if parts.scheme:
                assert parts.scheme == "https", (name, url)
                continue
            assert in_text, f"{name}: relative address {url!r} written by the theme"
            resolved = urllib.parse.urljoin(page_url(name), url)
            assert resolved.startswith(SITEURL + "/"), (name, url)
            assert output_file(published, resolved), f"{name}: {url!r} leads to no page"


def test_every_address_under_siteurl_is_a_file_in_the_output(published):
    missing = set()
    for name, page in pages(published):
        for url, _ in page.urls:
            absolute = urllib.parse.urljoin(page_url(name), url)
            if absolute.startswith(SITEURL + "/") and not output_file(published, absolute.split("#")[0]):
                missing.add((name, url))
    assert not missing


def test_output_is_plain_files_any_static_host_serves(published, csp):
    files = [p for p in published.rglob("*") if p.is_file()]
    assert not [p for p in published.rglob("*") if p.is_symlink()]
    assert (published / "index.html").is_file() and (published / "404.html").is_file()
    # Every page address is a folder with an index.html: no host rewriting needed. The 404 pages (the
    # site's and each language's) are what a host serves for an address that is not there.
    for path in published.rglob("*.html"):
        assert path.name == "index.html" or path.parent == published or (
            path.name == "404.html" and path.parent.parent == published), path
    # Names that need no escaping in a URL, on any file system.
    bad = [p for p in files if not re.fullmatch(r"[A-Za-z0-9._-]+", p.name)]
    assert not bad
    # Hosts that send headers get the same policy, plus what only a header can say.
    headers = (published / "_headers").read_text("utf-8")
    assert f"Content-Security-Policy: {csp}; frame-ancestors 'none'" in headers
    assert not (published / "theme" / "_headers").exists()
    # Every file has a type a host can send.
    untyped = {p.suffix for p in files if p.name != "_headers" and mimetypes.guess_type(p.name)[0] is None}
    assert not untyped


def test_siteurl_comes_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("KONSULTA_SITEURL", "https://consult.example.gov/ministry/")
    output = publish_build(ROOT / "tests" / "sites" / "minimal", tmp_path / "output")
    html = (output / "en" / "parking-rules" / "index.html").read_text("utf-8")
    assert 'href="https://consult.example.gov/ministry/theme/css/konsulta.css"' in html
    assert "https://konsulta.example.org" not in html and "ministry//" not in html


def test_local_builds_have_no_policy_and_relative_urls(demo_site):
    html = (demo_site / "en" / "e-participation-policy" / "index.html").read_text("utf-8")
    assert "Content-Security-Policy" not in html
    assert 'href="../../theme/css/konsulta.css"' in html


# --- in Chromium: the pages keep to their own policy


def violations_on(browser, output: Path, paths: list[str], extra_routes=None) -> tuple[dict, list]:
    """Loads each path from SITEURL, served from ``output``; returns CSP violations and console errors
    by path, and any request that went elsewhere or found no file."""
    context = browser.new_context()
    context.add_init_script("""
        window.__violations = [];
        document.addEventListener('securitypolicyviolation',
            e => window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline')));
    """)
    stray = []

    def elsewhere(route):
        stray.append(route.request.url)
        route.abort()

    def from_output(route):
        url = route.request.url
        if extra_routes and url in extra_routes:
            return route.fulfill(status=200, content_type="text/html", body=extra_routes[url])
        target = output_file(output, url)
        if target is None:
            stray.append(url)
            return route.fulfill(status=404, body="not found")
        content_type = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        return route.fulfill(status=200, content_type=content_type, body=target.read_bytes())

    context.route("**/*", elsewhere)
    context.route(f"{SITEURL}/**", from_output)  # routes added later are tried first
    found = {}
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    for path in paths:
        errors.clear()
        page.goto(f"{SITEURL}/{path}", wait_until="load")  # deferred scripts have run by then
        seen = page.evaluate("window.__violations")
        if seen or errors:
            found[path] = seen + list(errors)
    context.close()
    return found, stray


@pytest.mark.browser
def test_pages_in_chromium_cause_no_policy_violation(published):
    from konsulta.browser import pages_of

    # Every page (an address that only leads on, such as type/draft/, is left by the browser at once).
    folders = sorted(posixpath.dirname(path) or "." for path in pages_of(published) if path.endswith("index.html"))
    paths = ["" if folder == "." else folder + "/" for folder in folders]
    assert "" in paths and "en/e-participation-guideline/" in paths
    with chromium() as browser:
        found, stray = violations_on(browser, published, paths)
    assert not found
    assert not stray


@pytest.mark.browser
def test_chromium_reports_what_the_policy_blocks(published, csp):
    """The check above can fail: a page with an inline script, a style attribute and a foreign image
    under the same policy is reported."""
    probe = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Security-Policy" content="{csp}">'
             '<title>probe</title></head><body><p style="color: red">x</p>'
             '<script>document.title = "ran"</script><img src="https://elsewhere.example.net/x.png" alt="x">'
             '</body></html>')
    url = f"{SITEURL}/__probe/"
    with chromium() as browser:
        found, stray = violations_on(browser, published, ["__probe/"], extra_routes={url: probe})
    reported = " ".join(found.get("__probe/", []))
    assert "script-src" in reported and "style-src" in reported and "img-src" in reported

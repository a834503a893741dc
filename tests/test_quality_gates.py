"""Quality gates over the built demo site: valid HTML, links that resolve, byte-identical rebuilds.

Each gate names every file (and line) at fault in its assertion message, so one run lists all of them.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import DEMO, ROOT, build
from quality import LinkChecker, tree_differences, validate_html


def _pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_demo_site_has_pages(demo_site):
    # The gates below would pass vacuously on an empty build.
    assert len(_pages(demo_site)) > 50


def test_every_page_is_valid_html(demo_site):
    """The Nu HTML Checker (vnu.jar, as the W3C validator runs it) finds no error in any page."""
    errors = validate_html(_pages(demo_site), demo_site)
    assert not errors, f"{len(errors)} HTML errors:\n" + "\n".join(errors)


def test_every_internal_link_anchor_and_asset_resolves(demo_site):
    checker = LinkChecker(demo_site)
    broken = [problem for page in _pages(demo_site) for problem in checker.check_page(page)]
    assert not broken, f"{len(broken)} broken links:\n" + "\n".join(broken)
    # External addresses are only listed (there is no network in tests); the demo does have some.
    assert checker.external, "no external link found: is the checker reading the pages?"


def test_every_link_in_feeds_and_sitemap_resolves(demo_site):
    checker = LinkChecker(demo_site)
    xml_files = sorted(demo_site.rglob("*.xml"))
    assert (demo_site / "sitemap.xml") in xml_files
    broken = [problem for file in xml_files for problem in checker.check_xml(file)]
    assert not broken, f"{len(broken)} broken links in feeds and the sitemap:\n" + "\n".join(broken)


def test_link_checker_finds_what_is_broken(tmp_path):
    """The checker itself: a missing page, a missing anchor and an address above the root are reported."""
    (tmp_path / "en" / "a").mkdir(parents=True)
    (tmp_path / "en" / "a" / "index.html").write_text(
        '<!doctype html><title>a</title><h2 id="here">x</h2>'
        '<a href="#here">ok</a><a href="../b/">missing page</a><a href="./#gone">missing anchor</a>'
        '<a href="../../../x/">above</a><a href="https://example.org/">external</a><a href="javascript:alert(1)">js</a>'
        '<img src="../../theme/x.png" alt="">',
        encoding="utf-8",
    )
    checker = LinkChecker(tmp_path)
    problems = checker.check_page(tmp_path / "en" / "a" / "index.html")
    assert len(problems) == 5, problems
    assert any("'../b/'" in p and "no such file" in p for p in problems)
    assert any("'./#gone'" in p and "no element with id 'gone'" in p for p in problems)
    assert any("above the site root" in p for p in problems)
    assert any("javascript" in p for p in problems)
    assert any("theme/x.png" in p for p in problems)
    assert checker.external == {"https://example.org/"}


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory):
    """The demo content built twice in this process, into folders with different names, same frozen clock:
    first sharing its work with another process (konsulta_content.workers: documents read, feeds and search
    files made there), then in one: the two may not differ by a byte."""
    from konsulta_content import workers
    from konsulta_content.build import BUILD_KEY
    from pelican import Pelican
    from pelican.settings import read_settings

    assert os.environ.get("KONSULTA_NOW"), "conftest freezes the clock"
    if workers.usable_cpus() < 2:
        pytest.skip("sharing the build needs a second CPU")
    content = DEMO
    first = tmp_path_factory.mktemp("first") / "output"
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": str(content), "OUTPUT_PATH": str(first), "CACHE_PATH": str(first.parent / "cache")})
    threshold, workers.PARALLEL_FROM = workers.PARALLEL_FROM, 2  # the demo is below it: share it all the same
    try:
        Pelican(settings).run()
    finally:
        workers.PARALLEL_FROM = threshold
    # Which batches the other process takes depends on how soon it starts; what it is given does not.
    assert settings[BUILD_KEY].workers.given > 0, "the build shared no work with another process"
    one_process = {**read_settings(str(ROOT / "pelicanconf.py"))["KONSULTA"], "build_processes": 1}
    second = build(content, tmp_path_factory.mktemp("second-build") / "out", KONSULTA=one_process)
    return first, second


def test_two_builds_are_byte_identical(two_builds):
    first, second = two_builds
    differences = tree_differences(first, second)
    assert not differences, f"{len(differences)} files differ between two builds:\n" + "\n".join(differences)


def test_output_does_not_leak_build_paths(two_builds):
    """Absolute paths of the machine that built the site (content or output folder) are not published."""
    leaks = []
    for site in two_builds:
        for file in site.rglob("*"):
            if file.is_file() and file.suffix in (".html", ".xml", ".json", ".csv", ".ics", ".txt", ".js", ".css"):
                text = file.read_text(encoding="utf-8", errors="replace")
                for needle in (str(site.parent), str(ROOT)):
                    if needle in text:
                        leaks.append(f"{file.relative_to(site)} contains {needle}")
    assert not leaks, "\n".join(sorted(set(leaks)))

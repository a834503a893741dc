"""The notices a public body must publish: a privacy notice and an accessibility statement are pages of
the site (`notice:` on a `type: page` document), linked from every footer, and the privacy notice is named
beside every comment link with who receives the comments and what is published of them."""

from __future__ import annotations

import shutil
import subprocess
import sys

from bs4 import BeautifulSoup
from conftest import ROOT, SITES


def page(site, path):
    return BeautifulSoup((site / path).read_text("utf-8"), "html.parser")


def test_a_comment_link_says_who_receives_comments_what_is_published_and_links_the_privacy_notice(demo_site):
    for lang, privacy in (("en", "../../en/privacy-notice/"), ("tr", "../../tr/privacy-notice/")):
        draft = page(demo_site, f"{lang}/e-participation-guideline/index.html")
        notice = draft.select_one("[data-consultation-notice] p.comment-privacy")
        assert notice is not None, lang
        link = notice.find("a")
        assert link["href"] == privacy and not link.has_attr("lang"), lang
        issuer = draft.select_one("dl.facts a").get_text()  # the issuing body the facts name
        assert issuer in notice.get_text(), (lang, notice.get_text())
    assert "without names" in page(demo_site, "en/e-participation-guideline/index.html").select_one(
        "p.comment-privacy").get_text()


def test_every_footer_links_the_notices_in_the_pages_language_or_marks_another(demo_site):
    turkish = page(demo_site, "tr/index.html").select("footer a")
    assert {a["href"] for a in turkish} >= {"../tr/privacy-notice/", "../tr/accessibility-statement/"}
    albanian = [a for a in page(demo_site, "sq/index.html").select("footer a") if "privacy" in a["href"]
                or "accessibility" in a["href"]]
    assert [(a["href"], a["lang"], a["hreflang"]) for a in albanian] == [
        ("../en/privacy-notice/", "en", "en"), ("../en/accessibility-statement/", "en", "en")]


def validate(folder):
    return subprocess.run([sys.executable, str(ROOT / "scripts" / "validate"), str(folder)],
                          capture_output=True, text=True, cwd=ROOT)


def test_a_site_with_a_comment_form_and_no_privacy_notice_is_warned(tmp_path):
    result = validate(SITES / "minimal")
    assert result.returncode == 0
    assert "no page is its privacy notice" in result.stdout + result.stderr
    # With a privacy notice page, the warning goes.
    content = shutil.copytree(SITES / "minimal", tmp_path / "content")
    (content / "en" / "privacy.md").write_text(
        "---\ntitle: Privacy\ntype: page\nnotice: privacy\ndate: 2026-01-01\nsummary: How comments are handled.\n---\n"
        "Comments go to the council.\n", encoding="utf-8")
    result = validate(content)
    assert result.returncode == 0 and "privacy notice" not in result.stdout + result.stderr, result.stdout


def test_two_privacy_notices_and_an_unknown_notice_are_errors(tmp_path):
    content = shutil.copytree(SITES / "minimal", tmp_path / "content")
    for slug in ("privacy", "data-protection"):
        (content / "en" / f"{slug}.md").write_text(
            f"---\ntitle: {slug}\ntype: page\nnotice: privacy\ndate: 2026-01-01\nsummary: Comments.\n---\nText.\n",
            encoding="utf-8")
    (content / "en" / "imprint.md").write_text(
        "---\ntitle: Imprint\ntype: page\nnotice: imprint\ndate: 2026-01-01\nsummary: Who we are.\n---\nText.\n",
        encoding="utf-8")
    result = validate(content)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "en/privacy.md:4: notice: 'data-protection', 'privacy' are all the site's privacy notice" in output, output
    assert "en/data-protection.md:4: notice:" in output
    assert 'en/imprint.md:4: notice: "imprint" is not a notice a page can be: give privacy or accessibility' in output
    assert "Traceback" not in output

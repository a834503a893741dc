"""The bundled demo site (content/, built with this repository's pelicanconf.py) passes the same site checks
any adopter's `make test` runs: validation, the build, then `konsulta check` (links and anchors, HTML
validity, accessibility in Chromium). The engine's own tests use tests/sites/demo, never content/."""

from __future__ import annotations

import subprocess
import sys

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT

pytestmark = pytest.mark.browser  # konsulta check drives Chromium


@pytest.fixture(scope="module")
def demo_output(tmp_path_factory):
    output = tmp_path_factory.mktemp("demo-site") / "output"
    validated = subprocess.run([sys.executable, "scripts/validate", "content"], cwd=ROOT, capture_output=True, text=True)
    assert validated.returncode == 0, validated.stderr
    built = subprocess.run([sys.executable, "-m", "pelican", "content", "-s", "pelicanconf.py", "-o", str(output),
                            "--fatal", "errors"], cwd=ROOT, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    return output


def test_the_demo_site_passes_the_site_checks(demo_output):
    checked = subprocess.run([sys.executable, "-m", "konsulta", "check", str(demo_output)], cwd=ROOT,
                             capture_output=True, text=True, timeout=900)
    assert checked.returncode == 0, checked.stdout[-5000:] + checked.stderr[-5000:]
    assert checked.stdout.count(": no problem") == 3, checked.stdout


def test_the_demo_site_shows_its_history_from_this_repository(demo_output):
    if not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    page = BeautifulSoup((demo_output / "en" / "e-participation-policy" / "index.html").read_text("utf-8"), "html.parser")
    assert page.select(".history__list li"), "the demo content is committed, so its history is known"

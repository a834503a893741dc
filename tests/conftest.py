"""Shared set-up: run Pelican with the project's settings on a content folder."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITES = ROOT / "tests" / "sites"
# The engine tests' rich fixture: every document type, four languages, drafts in each state, a full outcome.
# It began as a copy of the demo site's content/; the engine tests never read content/, so the demo site
# (or a site made from this repository) may change its content freely. KONSULTA_TEST_CONTENT runs them on
# other content.
DEMO = Path(os.environ.get("KONSULTA_TEST_CONTENT", SITES / "demo"))
# The day the demo content was written for: consultation statuses in every test build are computed
# as of this moment (KONSULTA_NOW reaches subprocess builds too). Clock tests override it.
FROZEN_NOW = "2026-11-24T12:00:00+03:00"
sys.path.insert(0, str(ROOT / "plugins"))


try:
    from hypothesis import settings as _hypothesis_settings

    # Under CI the same examples every run: a red run must point at a change, not at luck. Locally
    # the examples vary, and the failures found are kept in .hypothesis/ to be tried first next time.
    _hypothesis_settings.register_profile("ci", derandomize=True, database=None)
    if os.environ.get("CI", "").lower() == "true":
        _hypothesis_settings.load_profile("ci")
except ImportError:
    pass


def pytest_configure(config):
    # Problems name files relative to the working directory, as editors see them.
    os.chdir(ROOT)
    os.environ["KONSULTA_NOW"] = FROZEN_NOW


def build(content: Path, output: Path, settings_file: str = "pelicanconf.py", **overrides) -> Path:
    """Builds ``content`` in-process, as `pelican content -s pelicanconf.py` (or ``settings_file``) would."""
    from pelican import Pelican
    from pelican.settings import read_settings

    settings = read_settings(
        str(ROOT / settings_file),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), "CACHE_PATH": str(output.parent / "cache"),
                  **overrides},
    )
    Pelican(settings).run()
    return output


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory) -> Path:
    """The demo fixture, built once for the whole test session from a copy outside the repository, so that
    its dates are the front matter's whatever git holds (tests/test_history*.py build real repositories)."""
    folder = tmp_path_factory.mktemp("demo")
    return build(shutil.copytree(DEMO, folder / "content"), folder / "output")


@pytest.fixture(scope="session")
def minimal_site(tmp_path_factory) -> Path:
    return build(SITES / "minimal", tmp_path_factory.mktemp("minimal") / "output")


def copy_site(name: str, destination: Path) -> Path:
    shutil.copytree(SITES / name, destination)
    return destination


def deadline_pattern(moment: dt.datetime, lang: str, zone_label: str) -> str:
    """A regular expression for a deadline as the theme writes it: the locale's long date in Babel's words
    (CLDR data, changed only by a lock refresh), the time on the 24-hour clock without seconds, then the
    zone's label in brackets (``zone_label``, e.g. 'Istanbul time'). Only punctuation and spaces may lie
    between them: no zone name from CLDR, no IANA id, no AM/PM."""
    from babel.dates import format_date

    day = format_date(moment, "long", locale=lang)
    return rf"{re.escape(day)}\W+{moment:%H:%M}\W+\({re.escape(zone_label)}\)"


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    import browser

    browser.current_test["item"] = item  # module fixtures that start Chromium are set up here, for the first test


def pytest_runtest_teardown(item):
    import browser

    browser.current_test["item"] = None

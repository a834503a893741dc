"""Real headless Chromium (Debian's /usr/bin/chromium) serving a built site on loopback: the package's
own (konsulta.browser, which `konsulta check` uses), skipping on a developer machine without the browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from konsulta import browser, tools
from quality import missing_tool

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = browser.CHROMIUM_ARGS
serve = browser.serve

# The test being set up or run (tests/conftest.py keeps it): a test that drives Chromium must say so with
# @pytest.mark.browser, or `pytest -m "not browser"` would still start a browser.
current_test: dict = {"item": None}


def require_chromium():
    """Skips on a developer machine without Chromium; under CI a missing browser is a failure."""
    if not CHROMIUM.exists():
        missing_tool(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")


def chromium():
    """`with chromium() as browser:` a launched headless Chromium."""
    item = current_test["item"]
    if item is not None and item.get_closest_marker("browser") is None:
        pytest.fail(f"{item.nodeid} drives Chromium: mark it (or its module) with @pytest.mark.browser")
    require_chromium()
    try:
        tools.playwright()
    except tools.MissingTool as missing:
        missing_tool(str(missing))
    return browser.chromium(CHROMIUM)

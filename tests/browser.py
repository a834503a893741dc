"""Real headless Chromium (Debian's /usr/bin/chromium) serving a built site on loopback: the package's
own (konsulta.browser, which `konsulta check` uses), skipping on a developer machine without the browser."""

from __future__ import annotations

from pathlib import Path

from konsulta import browser, tools
from quality import missing_tool

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = browser.CHROMIUM_ARGS
serve = browser.serve


def require_chromium():
    """Skips on a developer machine without Chromium; under CI a missing browser is a failure."""
    if not CHROMIUM.exists():
        missing_tool(f"{CHROMIUM} is missing: install Debian's chromium package (apt-get install chromium)")


def chromium():
    """`with chromium() as browser:` a launched headless Chromium."""
    require_chromium()
    try:
        tools.playwright()
    except tools.MissingTool as missing:
        missing_tool(str(missing))
    return browser.chromium(CHROMIUM)

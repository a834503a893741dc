"""The accessibility check: a built site served on loopback, every page in headless Chromium with axe-core
(WCAG 2.2 A and AA), and every request the pages make that leaves the site."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from pathlib import Path

from . import tools

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@contextlib.contextmanager
def serve(directory: Path, port: int = 0):
    """Serves ``directory`` on 127.0.0.1 at ``port`` (0: a free one); yields the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@contextlib.contextmanager
def chromium(executable: Path | None = None):
    """Headless Chromium (tools.chromium() unless ``executable``), driven by Playwright.
    Raises tools.MissingTool without the browser or Playwright."""
    executable = executable or tools.chromium()
    sync_api = tools.playwright()
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def page_url(base_url: str, page: str) -> str:
    """The address a reader opens for the built file ``page`` (en/x/index.html is /en/x/)."""
    return f"{base_url}/{page.removesuffix('index.html')}"


REFRESH = re.compile(rb'<meta http-equiv="refresh"', re.IGNORECASE)


def pages_of(output: Path) -> list[str]:
    """The pages of a built site (paths from its root) a person reads: not the addresses that only lead
    on to a page with a meta refresh (earlier addresses, the drafts' listing), which a browser leaves at
    once for a page that is on this list."""
    return sorted(path.relative_to(output).as_posix() for path in output.rglob("*.html")
                  if not REFRESH.search(path.read_bytes()))


def accessibility_problems(browser, base_url: str, pages: list[str], viewport: dict | None = None) -> tuple[list[str], list[str]]:
    """(every axe violation of WCAG 2.2 A and AA on ``pages`` (paths from the site root) and every page
    that did not load, as 'page: rule (impact): help at targets'; every address requested outside
    ``base_url``). A page of the site must load nothing from elsewhere. ``viewport``: e.g. a phone's,
    {"width": 320, "height": 640}."""
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        raise tools.MissingTool(f"axe-playwright-python is missing: {tools.CHECK_EXTRA}") from None

    axe = Axe()
    context = browser.new_context(**({"viewport": viewport} if viewport else {}))
    foreign, failures = [], []
    context.on("request", lambda request: foreign.append(request.url) if not request.url.startswith(base_url + "/") else None)
    tab = context.new_page()
    for path in pages:
        response = tab.goto(page_url(base_url, path))
        if response is None or not response.ok:
            failures.append(f"{path}: HTTP {response.status if response else 'none'}")
            continue
        results = axe.run(tab, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
        for violation in results.response["violations"]:
            targets = [node["target"] for node in violation["nodes"]][:3]
            failures.append(f"{path}: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    context.close()
    return failures, foreign

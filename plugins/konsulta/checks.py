"""`konsulta check OUTPUT`: the site checks on a built site, the ones Konsulta's own tests run on the demo.

Links and anchors (every internal address resolves), HTML validity (the Nu HTML Checker; needs Java)
and accessibility (axe-core in headless Chromium, WCAG 2.2 A and AA, and no request to another
origin). Every problem is printed, one line each; the exit status is 1 when there is one. A missing
tool fails the check under CI (CI=true) and is reported and skipped elsewhere.
"""

from __future__ import annotations

import sys
from pathlib import Path

from . import tools


def _links(output: Path) -> tuple[list[str], str]:
    from .links import broken_links

    broken, external = broken_links(output)
    return broken, f"{len(external)} external address{'es' if len(external) != 1 else ''} listed, not fetched"


def _html(output: Path) -> tuple[list[str], str]:
    from .html_validity import validate_html

    pages = sorted(output.rglob("*.html"))
    return validate_html(pages, output), f"{len(pages)} pages, Nu HTML Checker"


def _accessibility(output: Path) -> tuple[list[str], str]:
    from .browser import accessibility_problems, chromium, pages_of, serve

    pages = pages_of(output)
    with serve(output) as base_url, chromium() as browser:
        failures, foreign = accessibility_problems(browser, base_url, pages)
    failures += [f"a page requested {address}: pages load nothing from other sites" for address in sorted(set(foreign))]
    return failures, f"{len(pages)} pages, axe-core WCAG 2.2 AA in Chromium"


CHECKS = (("links and anchors", _links), ("HTML validity", _html), ("accessibility", _accessibility))


def check_output(output: Path, out=sys.stdout, err=sys.stderr) -> int:
    """Runs every check on the built site in ``output``; 0 when all passed (or were skipped off CI)."""
    output = output.resolve()
    if not (output / "index.html").is_file():
        print(f"konsulta check: {output} holds no built site (no index.html): build it first (make html)", file=err)
        return 1
    failed = 0
    for name, check in CHECKS:
        try:
            problems, what = check(output)
        except tools.MissingTool as missing:
            if tools.under_ci():
                print(f"konsulta check: {name}: {missing} (CI=true: a check that cannot run fails)", file=err)
                failed += 1
            else:
                print(f"konsulta check: {name}: skipped: {missing}", file=err)
            continue
        for problem in problems:
            print(f"{name}: {problem}", file=err)
        count = len(problems)
        print(f"konsulta check: {name}: {'no problem' if not count else f'{count} problem' + ('s' if count != 1 else '')}"
              f" ({what})", file=out if not count else err)
        failed += bool(count)
    return 1 if failed else 0

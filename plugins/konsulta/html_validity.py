"""The HTML validity check: the Nu HTML Checker (vnu.jar, as the W3C validator runs it) on built pages."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from . import tools


def validate_html(pages: list[Path], root: Path) -> list[str]:
    """Every error the Nu HTML Checker reports for ``pages``, as 'page:line:column: message'; one JVM for all.
    Raises tools.MissingTool without Java or vnu.jar."""
    result = subprocess.run(
        [tools.java(), "-jar", str(tools.vnu_jar()), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    try:
        report = json.loads(result.stderr or result.stdout)
    except json.JSONDecodeError:
        return [f"the Nu HTML Checker did not answer in JSON (exit {result.returncode}): {result.stderr[:2000]}"]
    errors = []
    for message in report.get("messages", []):
        if message.get("type") not in ("error", "non-document-error"):
            continue
        url = message.get("url", "")
        path = Path(unquote(urlsplit(url).path)) if url.startswith("file:") else Path(url)
        try:
            shown = path.relative_to(root)
        except ValueError:
            shown = path
        where = f"{shown}:{message.get('lastLine', message.get('firstLine', '?'))}:{message.get('firstColumn', '?')}"
        extract = (message.get("extract") or "").strip().replace("\n", " ")
        errors.append(f"{where}: {message.get('message')}" + (f"  [{extract[:120]}]" if extract else ""))
    return errors

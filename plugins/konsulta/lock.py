"""A site's dependency lock: the lock this Konsulta was tested with, shipped in the package (lock.txt).

It pins every dependency of the engine, of the site checks (``konsulta[check]``) and the build backend,
each file with its hash; `make lock` in Konsulta's repository writes it with the repository's own lock.
`konsulta init` writes it into a new site as requirements/lock.txt, and the site's `make` runs
`konsulta lock` after installing the engine named in requirements/konsulta.txt, so that after an
upgrade the site installs the new engine's lock, never a mix.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from . import __version__, tools

SITE_LOCK = Path("requirements") / "lock.txt"


def site_lock_text() -> str:
    """requirements/lock.txt of a site built with this Konsulta."""
    packaged = resources.files("konsulta").joinpath("lock.txt").read_text("utf-8")
    lines = packaged.splitlines(keepends=True)
    while lines and lines[0].startswith("#"):  # uv's note that `make lock` wrote it: not the site's command
        lines.pop(0)
    header = (f"# The dependencies of Konsulta {__version__} and of its site checks, each file with its hash, as\n"
              "# Konsulta was tested with them. `make` writes this file (`konsulta lock`) after installing the\n"
              "# engine named in requirements/konsulta.txt: do not edit it; upgrade by editing that file.\n")
    return header + "".join(lines)


def write_site_lock(path: Path = SITE_LOCK) -> str | None:
    """Writes the lock at ``path`` unless it is already this engine's: None when it was, else a message
    to show. Under CI a lock out of step with the engine is an error (SystemExit): commit it first."""
    text = site_lock_text()
    if path.is_file() and path.read_text("utf-8") == text:
        return None
    if tools.under_ci():
        raise SystemExit(f"konsulta lock: {path} is not the dependency lock of Konsulta {__version__}, the engine "
                         f"requirements/konsulta.txt names: run `make` on your computer and commit {path}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, "utf-8")
    return f"konsulta lock: wrote Konsulta {__version__}'s dependency lock to {path}: commit it with requirements/konsulta.txt"

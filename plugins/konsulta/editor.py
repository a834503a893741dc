"""`konsulta validate` and `konsulta new`: the editor scripts of Konsulta's repository (scripts/validate,
scripts/new), shipped as the package konsulta_scripts and run exactly as `python scripts/NAME` runs
them, with the site's own pelicanconf.py. The checks are the build's own code, never a copy of it."""

from __future__ import annotations

import importlib.util
import runpy
import sys
from pathlib import Path

SETTINGS = "pelicanconf.py"


def scripts_folder() -> Path:
    spec = importlib.util.find_spec("konsulta_scripts._konsulta")
    if spec is None or spec.origin is None:
        raise SystemExit("konsulta: the editor scripts are missing from this installation: reinstall Konsulta")
    return Path(spec.origin).parent


def run_script(name: str, args: list[str]) -> None:
    """Runs scripts/NAME with ``args`` (after ``-s pelicanconf.py``, which an ``-s`` in ``args`` overrides);
    ends with the script's exit status."""
    if not Path(SETTINGS).is_file() and not any(a in ("-s", "--settings", "-h", "--help") for a in args):
        raise SystemExit(f"konsulta {name}: no {SETTINGS} here: run it in the site's folder (or give -s SETTINGS)")
    sys.argv = [f"konsulta {name}", "-s", SETTINGS, *args]
    runpy.run_path(str(scripts_folder() / name), run_name="__main__")

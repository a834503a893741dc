"""A build writes into a staging folder beside the output, which replaces the output only when the
whole build succeeded: a failed build (a mistyped date, a crash) leaves the published site as it was.

Pelican empties the output folder before it reads any content (DELETE_OUTPUT_DIRECTORY), so without
this, an in-place build that stops on a problem takes the whole site down. With the setting off,
Pelican never empties the output, and Konsulta writes nothing before every check has passed, so
there is nothing to protect and the build writes in place as Pelican does.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

STAGING_SUFFIX = ".konsulta-staging"
REPLACED_SUFFIX = ".konsulta-replaced"


def staging_folder(output: str | os.PathLike) -> Path:
    final = Path(output).resolve()
    return final.with_name(final.name + STAGING_SUFFIX)


def begin(pelican) -> None:
    """Points the build at a new, empty staging folder (on Pelican's `initialized` signal)."""
    if not pelican.settings.get("DELETE_OUTPUT_DIRECTORY"):
        return
    final = Path(pelican.output_path).resolve()
    staging = staging_folder(final)
    _remove(staging)  # left by a build that crashed
    _remove(final.with_name(final.name + REPLACED_SUFFIX))
    staging.mkdir(parents=True)
    pelican.settings["KONSULTA_FINAL_OUTPUT"] = str(final)
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(staging)


def abandon(settings: dict) -> None:
    """The build stopped on a problem: its staging folder goes, the output stays as it was."""
    final = settings.get("KONSULTA_FINAL_OUTPUT")
    if final and Path(settings["OUTPUT_PATH"]) == staging_folder(final):
        _remove(Path(settings["OUTPUT_PATH"]))


def finish(pelican) -> None:
    """The staging folder becomes the output; files Pelican keeps between builds (OUTPUT_RETENTION,
    such as a .git folder of a gh-pages checkout) come along from the previous output."""
    final = pelican.settings.get("KONSULTA_FINAL_OUTPUT")
    if not final:
        return
    final, staging = Path(final), Path(pelican.output_path)
    if final.is_dir():
        for name in pelican.settings.get("OUTPUT_RETENTION", ()):
            kept = final / name
            if (kept.exists() or kept.is_symlink()) and not (staging / name).exists():
                kept.rename(staging / name)
        replaced = final.with_name(final.name + REPLACED_SUFFIX)
        final.rename(replaced)  # the output is missing only between these two renames
        staging.rename(final)
        shutil.rmtree(replaced)
    else:
        _remove(final)  # a file where the output folder should be
        staging.rename(final)
    pelican.output_path = pelican.settings["OUTPUT_PATH"] = str(final)
    pelican.settings.pop("KONSULTA_FINAL_OUTPUT", None)


def _remove(path: Path) -> None:
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.is_dir():
        shutil.rmtree(path)

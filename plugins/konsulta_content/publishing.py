"""Publishing the files documents point to, and making sure Pelican publishes nothing else from content.

Konsulta resolves link markers itself (konsulta_content.links), so Pelican's static generator should
find no file to copy from content. Should one reach it anyway (a marker in a form the renderer missed,
a site's own STATIC_PATHS with a symlink out of the tree), the build stops before anything is written.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import files
from .problems import ContentErrors, Problem, display_path


def published_files(site) -> set[str]:
    """Every file the documents publish (attachments, body images and links), relative to the content folder."""
    found = {a.source for article in site.articles for a in article.doc.attachments}
    found.update(source for article in site.articles for source in article.doc.body_files)
    return found


def check_static_files(context: dict, settings: dict) -> list[Problem]:
    """Problems with the files Pelican's static generator is about to copy: each must lie inside the
    content folder, and be written inside the output folder."""
    content = Path(settings["PATH"]).resolve()
    output = Path(settings["OUTPUT_PATH"]).resolve()
    found = []
    for static in context.get("staticfiles", []):
        source = Path(static.source_path)
        target = (output / static.save_as).resolve()
        if not source.resolve().is_relative_to(content):
            found.append(Problem(display_path(source), None, None,
                                 "leads outside the content folder (a link or a symlink): it is not published; "
                                 "copy the file into the content folder"))
        elif not target.is_relative_to(output):
            found.append(Problem(display_path(source), None, None,
                                 f"would be written outside the output folder (as {static.save_as!r}): "
                                 "check STATIC_PATHS and the static file settings"))
    for link in sorted(context.get("static_links", ())):
        found.append(Problem(display_path(Path(settings["PATH"]) / link), None, None,
                             "a link marker names this file, but Konsulta did not resolve it: link files with "
                             "{attach}path inside a document's body"))
    return found


def clear_files_folder(output_path) -> None:
    """A previous build's published files go (DELETE_OUTPUT_DIRECTORY may be off): only this build's stay."""
    folder = Path(output_path) / files.FILES_FOLDER
    if folder.is_symlink() or folder.is_file():
        folder.unlink()
    elif folder.is_dir():
        shutil.rmtree(folder)


def publish_files(content_path, output_path, sources) -> None:
    try:
        files.copy_published(Path(content_path), Path(output_path), sources)
    except files.Collision as collision:
        written = os.path.relpath(collision.target, output_path)
        raise ContentErrors([Problem(display_path(Path(content_path) / collision.source), None, None,
                                     f"would be published as {written!r}, which the build already wrote: "
                                     "rename the file or move it to another folder")]) from None

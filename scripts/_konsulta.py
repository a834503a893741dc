"""Shared by scripts/new, scripts/validate and scripts/codeowners: the project's settings, read as Pelican
reads them, and the build's own reading and checks.

Nothing here re-implements the content model or the order of the checks: documents are read by the
content plugin's reader (konsulta_content.loading), checked by the build's Build (Build.index, then
every plugin's checking steps, Build.run_steps), and problems are printed by ``ContentErrors``, exactly
as ``pelican`` prints them. What is left out is the steps that only make pages, and writing them.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
DEFAULT_SETTINGS = ROOT / "pelicanconf.py"

def use_plugins() -> None:
    """Makes the plugin modules importable. Their packages connect nothing on import (each plugin's
    register() does, for a build), so a script loads only the modules it uses."""
    if str(PLUGINS) not in sys.path:
        sys.path.insert(0, str(PLUGINS))


def shown_path(path: str | os.PathLike) -> str:
    """A path as editors type it: relative to the working directory where possible."""
    path = Path(path).resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def load_settings(settings_file: str | os.PathLike = DEFAULT_SETTINGS, content: str | os.PathLike = "content") -> dict:
    """Pelican's settings as a build with ``pelican CONTENT -s SETTINGS`` has them."""
    if not Path(content).is_dir():
        raise SystemExit(f"{content} is not a folder: give the content folder (for example: content)")
    use_plugins()
    from pelican.settings import read_settings

    return read_settings(str(settings_file), override={"PATH": os.path.abspath(content)})


@dataclass
class Entry:
    """What Site.build and the checks use of a Pelican article: the Document and the date."""

    doc: object
    date: object


@dataclass
class Checked:
    entries: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    plans: list = field(default_factory=list)
    site: object = None


def document_files(settings: dict) -> list[str]:
    """Every file the build reads with KonsultaReader, as Pelican's ArticlesGenerator finds them
    (ARTICLE_PATHS, ARTICLE_EXCLUDES, IGNORE_FILES), relative to the content folder."""
    from konsulta_content.loading import FILE_EXTENSIONS

    return [name for name in content_files(settings) if os.path.splitext(name)[1][1:] in FILE_EXTENSIONS]


def content_files(settings: dict) -> list[str]:
    """Every file Pelican's ArticlesGenerator looks at, whatever its extension (its get_files with
    extensions=False), relative to the content folder."""
    import fnmatch

    root = settings["PATH"]
    ignores = settings.get("IGNORE_FILES", [])
    excluded: dict[str, set] = {}
    for name in settings.get("ARTICLE_EXCLUDES", []):
        parent, sub = os.path.split(os.path.join(root, name))
        excluded.setdefault(parent, set()).add(sub)
    found = set()
    for path in settings.get("ARTICLE_PATHS", [""]):
        top = os.path.join(root, path) if path else root
        if os.path.isfile(top):
            found.add(os.path.relpath(top, root))
            continue
        for dirpath, dirs, files in os.walk(top, topdown=True, followlinks=True):
            skip = excluded.get(dirpath, ())
            dirs[:] = [d for d in dirs if d not in skip and not any(fnmatch.fnmatch(d, i) for i in ignores)]
            for name in files:
                if not any(fnmatch.fnmatch(name, i) for i in ignores):
                    found.add(os.path.join(os.path.relpath(dirpath, root), name))
    return sorted(found)


def read_documents(settings: dict, files: list[str], workers=None) -> list:
    """Entries for ``files``, read as the build reads them (konsulta_content.loading.read_many), shared with
    ``workers`` (konsulta_content.workers) from PARALLEL_FROM documents on. Reading never fails: each
    document carries its own problems (Site.problems() lists them)."""
    import datetime as dt

    from konsulta_content.config import load_config
    from konsulta_content.loading import ReadFailure, publication_day, read_document, read_many
    from konsulta_content import workers as sharing

    config = load_config(settings)
    root = settings["PATH"]
    paths = [os.path.abspath(os.path.join(root, relative)) for relative in files]
    if workers is not None and len(paths) >= sharing.PARALLEL_FROM:
        workers.start()
    found = read_many(paths, Path(root), config, workers)
    entries = []
    for path in paths:
        doc = found[path]
        if isinstance(doc, ReadFailure):  # its reading process failed: read here, as KonsultaReader does
            doc = read_document(path, Path(root), config)
        day = publication_day(doc)
        entries.append(Entry(doc, dt.datetime(day.year, day.month, day.day, tzinfo=config.timezone)))
    return entries


def unread_documents(settings: dict) -> list:
    """Problems for the files the build leaves out that look like documents (konsulta_content.reader)."""
    from konsulta_content.loading import unread_document
    from konsulta_content.problems import Problem, display_path

    return [Problem(display_path(os.path.join(settings["PATH"], name)), None, None, message)
            for name in content_files(settings) if (message := unread_document(os.path.basename(name)))]


def _default_jobs() -> int:
    from konsulta_content.workers import usable_cpus

    return max(1, min(usable_cpus(), 8))


def check(settings: dict, jobs: int = 0) -> Checked:
    """Every check a build makes before it writes a page, with the build's own code: the documents read,
    indexed and checked (Build.index), then every plugin's checking steps (Build.run_steps), as the build
    runs them. ``jobs``: processes that read (0: one per CPU)."""
    from konsulta_content.build import Build

    build = Build.start(settings, processes=jobs or _default_jobs(), log_warnings=False)  # settings errors stop here
    result = Checked()
    try:
        result.entries = read_documents(settings, document_files(settings), build.workers)
        result.site = build.index(result.entries, context={}, unread=unread_documents(settings))
        build.run_steps(checks_only=True)
    finally:
        build.workers.close()
    result.problems = list(build.problems.problems)
    result.warnings = list(build.warnings)
    result.plans = build.context.get("consultation_plans", [])
    return result


def slugs_by_type(content: Path) -> dict[str, set[str]]:
    """type -> file names (without extension) of the documents in ``content``, read cheaply from the
    ``type:`` line of each front matter; for suggestions only, never for validation."""
    import re

    found: dict[str, set[str]] = {}
    pattern = re.compile(r"^type:\s*['\"]?([a-z]+)", re.MULTILINE)
    for path in content.rglob("*"):
        if path.suffix not in (".md", ".markdown") or not path.is_file():
            continue
        try:
            head = path.read_text("utf-8-sig")[:4000]
        except (OSError, UnicodeDecodeError):
            continue
        end = head.find("\n---", 3)
        match = pattern.search(head[: end if end > 0 else None])
        if match:
            found.setdefault(match.group(1), set()).add(path.stem)
    return found

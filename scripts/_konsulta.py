"""Shared by scripts/new, scripts/validate and scripts/codeowners: the project's settings and the
content plugin's own reader and checks, loaded without the parts of Pelican only a build needs.

Nothing here re-implements the content model: documents are read by ``KonsultaReader`` and checked
by ``Site.check()``, the consultation and plan checks are the plugins' functions, and problems are
printed by ``ContentErrors``, exactly as ``pelican`` prints them. What is left out is writing pages.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"
DEFAULT_SETTINGS = ROOT / "pelicanconf.py"

# Packages whose __init__ only wires a plugin into a Pelican build. Importing them whole would load
# Pelican's generators, writers, Jinja2, feeds and the development server for nothing (measured:
# 0.04-0.08 s, 10-20 % of validating the demo content); their modules are imported one by one.
# lean_imports() also stands in for two modules scripts never use (Pelican's rich log, Pygments).
_BUILD_ONLY_INITS = ("pelican", "konsulta_content", "konsulta_consultations", "konsulta_plan", "konsulta_history",
                     "konsulta_outcomes")


def use_plugins() -> None:
    """Makes the plugin modules importable."""
    if str(PLUGINS) not in sys.path:
        sys.path.insert(0, str(PLUGINS))


def lean_imports() -> None:
    """For a script's own process only: later imports of these packages' modules skip their
    build-only __init__ files. (A process that also builds the site must not call this.)"""
    use_plugins()
    for name in _BUILD_ONLY_INITS:
        if name in sys.modules:
            continue
        spec = importlib.util.find_spec(name)
        if spec is None or spec.submodule_search_locations is None:
            raise SystemExit(f"cannot find the package {name!r}: run `make html` once to set up .venv")
        sys.modules[name] = importlib.util.module_from_spec(spec)  # a package with no __init__ run
    if "pelican.log" not in sys.modules:
        sys.modules["pelican.log"] = _quiet_pelican_log()
    # Markdown's fenced_code loads Pygments for codehilite, an extension Konsulta does not enable (the
    # HTML is the same without it): 0.008 s. None in sys.modules makes `import pygments` fail cleanly.
    sys.modules.setdefault("pygments", None)


def _quiet_pelican_log():
    """pelican.settings needs only LimitFilter from pelican.log (to record LOG_FILTER); the real module
    loads rich's console, 0.015 s of validating the demo content, for scripts that print plainly."""
    import logging
    import types

    class LimitFilter(logging.Filter):
        _ignore: set = set()

    module = types.ModuleType("pelican.log", "Stand-in for scripts: LimitFilter only.")
    module.LimitFilter = LimitFilter
    return module


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


def read_documents(settings: dict, files: list[str], jobs: int = 0) -> tuple[list, list]:
    """(entries, problems), read as the build reads them (konsulta_content.loading.read_many). Reading
    never fails, so ``problems`` is empty: each document carries its own (Site.problems() lists them).
    ``jobs`` > 1 reads in that many forked processes; 0 chooses (one per CPU from PARALLEL_FROM documents)."""
    import datetime as dt

    from konsulta_content.config import load_config
    from konsulta_content.loading import ReadFailure, publication_day, read_document, read_many

    config = load_config(settings)
    root = settings["PATH"]
    paths = [os.path.abspath(os.path.join(root, relative)) for relative in files]
    found = read_many(paths, Path(root), config, jobs or _default_jobs())
    entries = []
    for path in paths:
        doc = found[path]
        if isinstance(doc, ReadFailure):  # its reading process failed: read here, as KonsultaReader does
            doc = read_document(path, Path(root), config)
        day = publication_day(doc)
        entries.append(Entry(doc, dt.datetime(day.year, day.month, day.day, tzinfo=config.timezone)))
    return entries, []


def unread_documents(settings: dict) -> list:
    """Problems for the files the build leaves out that look like documents (konsulta_content.reader)."""
    from konsulta_content.loading import unread_document
    from konsulta_content.problems import Problem, display_path

    return [Problem(display_path(os.path.join(settings["PATH"], name)), None, None, message)
            for name in content_files(settings) if (message := unread_document(os.path.basename(name)))]


def _default_jobs() -> int:
    if sys.platform != "linux":
        return 1
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover
        cpus = os.cpu_count() or 1
    return max(1, min(cpus, 8))


def check(settings: dict, jobs: int = 0) -> Checked:
    """Every check a build makes before it writes a page, with the build's own code."""
    from konsulta_consultations.checks import (check_site_form, form_template, has_usable_period,
                                               short_consultation_warning)
    from konsulta_consultations.clock import build_now
    from konsulta_consultations.lifecycle import consultation_of
    from konsulta_content.config import load_config
    from konsulta_content.site import Site
    from konsulta_history.redirects import alias_problems
    from konsulta_outcomes.checks import response_problems
    from konsulta_plan.plans import load_plans

    config = load_config(settings)  # settings errors stop here, as at the start of a build
    result = Checked()
    result.entries, result.problems = read_documents(settings, document_files(settings), jobs)

    # konsulta_content.index_documents
    site = Site.build(result.entries, config)
    result.site = site
    result.warnings.extend(site.warnings())
    result.problems.extend(site.problems())
    result.problems.extend(site.check())
    result.problems.extend(unread_documents(settings))

    # konsulta_consultations.generator.ConsultationsGenerator.generate_context
    check_site_form(config)
    now = build_now(config)
    for article in site.articles:
        doc = article.doc
        if not has_usable_period(doc):
            continue
        warning = short_consultation_warning(doc, consultation_of(article, None, now, config).length_days, config)
        if warning:
            result.warnings.append(warning)
        _, problem = form_template(doc, config)
        if problem:
            result.problems.append(problem)

    # konsulta_outcomes.generator.ResponsesGenerator.generate_context
    result.problems.extend(response_problems(site, config, now))

    # konsulta_plan.generator.PlanGenerator.generate_context
    result.plans, plan_problems = load_plans(Path(settings["PATH"]), site)
    result.problems.extend(plan_problems)

    # konsulta_history.generator.HistoryGenerator.generate_context (aliases; the history itself is not read)
    result.problems.extend(alias_problems(site, settings))
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

"""The KONSULTA settings dict: defaults, types and helpful errors (MkDocs-style)."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from babel import Locale, UnknownLocaleError

DEFAULT_SUBMITTERS = ["citizen", "ngo", "business", "public-body", "academia"]


class ConfigError(SystemExit):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__(
            "Konsulta settings are not valid:\n" + "\n".join(f"KONSULTA{p}" for p in problems)
        )


@dataclass(frozen=True)
class KonsultaConfig:
    languages: tuple[str, ...]
    default_lang: str
    timezone: ZoneInfo
    site_names: dict[str, str]
    extra_fields: dict[str, dict]
    submitter_categories: tuple[str, ...]
    now: str | None = None
    min_consultation_days: int = 20
    outcome_due_days: int = 60
    comment_form: str | None = None
    comment_hosts: tuple[str, ...] = ()
    comment_email: str | None = None
    repository: dict | None = None
    build_processes: int = 2
    search_chunk_bytes: int = 10_000
    fragment_cache: bool = True
    history_redactions: tuple[str, ...] = ()
    content_root_name: str = field(default="content")

    def site_name(self, lang: str, fallback: str) -> str:
        return self.site_names.get(lang, fallback)


_LANG_CODE = re.compile(r"^[a-z]{2,3}(?:_[A-Z]{2})?$")


def load_config(settings: dict) -> KonsultaConfig:
    """Validates settings['KONSULTA'] and Pelican settings Konsulta depends on."""
    raw = settings.get("KONSULTA") or {}
    problems: list[str] = []
    known = {"languages", "site_names", "extra_fields", "submitter_categories", "now", "min_consultation_days",
             "outcome_due_days", "comment_form", "comment_hosts", "comment_email", "repository", "build_processes",
             "search_chunk_bytes", "fragment_cache", "history_redactions"}
    for key in sorted(set(raw) - known):
        problems.append(f"[{key!r}]: unknown setting; known settings are {', '.join(sorted(known))}")

    languages = raw.get("languages", [settings.get("DEFAULT_LANG", "en")])
    if not isinstance(languages, (list, tuple)) or not languages:
        problems.append("['languages']: give a non-empty list of language codes, e.g. ['tr', 'en']")
        languages = [settings.get("DEFAULT_LANG", "en")]
    for code in languages:
        if not isinstance(code, str) or not _LANG_CODE.match(code):
            problems.append(f"['languages']: {code!r} is not a language code such as 'tr' or 'sq'")
            continue
        try:
            Locale.parse(code)
        except (UnknownLocaleError, ValueError):
            problems.append(f"['languages']: Babel knows no locale {code!r}")
    default_lang = settings.get("DEFAULT_LANG", languages[0])
    if default_lang not in languages:
        problems.append(
            f"['languages']: DEFAULT_LANG {default_lang!r} must be one of the site languages {list(languages)}"
        )

    try:
        timezone = ZoneInfo(settings.get("TIMEZONE") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        problems.append(f": TIMEZONE {settings.get('TIMEZONE')!r} is not an IANA time zone such as 'Europe/Istanbul'")
        timezone = ZoneInfo("UTC")

    site_names = raw.get("site_names", {})
    if not isinstance(site_names, dict):
        problems.append("['site_names']: give a dict from language code to site name")
        site_names = {}

    extra_fields = raw.get("extra_fields", {})
    if not isinstance(extra_fields, dict) or not all(isinstance(v, dict) for v in extra_fields.values()):
        problems.append("['extra_fields']: give a dict from field name to a JSON Schema, e.g. {'sector': {'type': 'string'}}")
        extra_fields = {}

    submitters = raw.get("submitter_categories", DEFAULT_SUBMITTERS)
    if not isinstance(submitters, (list, tuple)) or not all(isinstance(s, str) for s in submitters):
        problems.append("['submitter_categories']: give a list of category names")
        submitters = DEFAULT_SUBMITTERS

    for key, default in (("min_consultation_days", 20), ("outcome_due_days", 60)):
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or value < 0:
            problems.append(f"[{key!r}]: give a whole number of days, e.g. {default}")
    processes = raw.get("build_processes", 2)
    if not isinstance(processes, int) or isinstance(processes, bool) or not 1 <= processes <= 2:
        problems.append("['build_processes']: give 1 (write everything in one process) or 2 (the default)")
    chunk_bytes = raw.get("search_chunk_bytes", 10_000)
    if not isinstance(chunk_bytes, int) or isinstance(chunk_bytes, bool) or chunk_bytes < 500:
        problems.append("['search_chunk_bytes']: give a whole number of bytes, at least 500, e.g. 10000")
    fragment_cache = raw.get("fragment_cache", True)
    if not isinstance(fragment_cache, bool):
        problems.append("['fragment_cache']: give True (the default) or False")
    for key in ("now", "comment_form", "comment_email"):
        if raw.get(key) is not None and not isinstance(raw[key], str):
            problems.append(f"[{key!r}]: give text or None")
    hosts = raw.get("comment_hosts", ())
    if not isinstance(hosts, (list, tuple)) or not all(isinstance(h, str) and h for h in hosts):
        problems.append("['comment_hosts']: give a list of host names, e.g. ['forms.example.org']")
        hosts = ()

    repository = raw.get("repository")
    if repository is not None:
        allowed = {"commit", "view", "edit"}
        if not isinstance(repository, dict) or set(repository) - allowed or not all(
                isinstance(v, str) and v.startswith("https://") for v in repository.values()):
            problems.append("['repository']: give https address templates for any of 'commit' ({commit}), "
                            "'view' and 'edit' ({path}), e.g. {'edit': 'https://github.com/org/site/edit/main/{path}'}")
            repository = None

    redactions = _history_redactions(raw.get("history_redactions", []), settings.get("PATH"), problems)

    if problems:
        raise ConfigError(problems)
    return KonsultaConfig(
        languages=tuple(languages),
        default_lang=default_lang,
        timezone=timezone,
        site_names=dict(site_names),
        extra_fields=dict(extra_fields),
        submitter_categories=tuple(submitters),
        now=raw.get("now"),
        min_consultation_days=raw.get("min_consultation_days", 20),
        outcome_due_days=raw.get("outcome_due_days", 60),
        comment_form=raw.get("comment_form"),
        comment_hosts=tuple(hosts),
        comment_email=raw.get("comment_email"),
        repository=repository,
        build_processes=processes if isinstance(processes, int) else 2,
        search_chunk_bytes=chunk_bytes,
        fragment_cache=fragment_cache,
        history_redactions=redactions,
    )


_COMMIT_PREFIX = re.compile(r"^[0-9a-f]{7,64}$")
_known_commits: set = set()  # (content path, commit id prefix) already found in the repository


def _history_redactions(value, content_path, problems: list[str]) -> tuple[str, ...]:
    """Commit ids (or unambiguous prefixes of at least 7 characters) whose versions the history leaves out."""
    key = "['history_redactions']"
    if not isinstance(value, (list, tuple)):
        problems.append(f"{key}: give a list of commit ids, e.g. ['3f9c2a17']")
        return ()
    prefixes = []
    for item in value:
        if not isinstance(item, str) or not _COMMIT_PREFIX.match(item.strip().lower()):
            problems.append(f"{key}: {item!r} is not a commit id: give the commit's id or its first 7 or more "
                            "characters (0-9, a-f), as `git log --oneline` shows them")
        else:
            prefixes.append(item.strip().lower())
    for prefix, why in _unknown_commits(content_path, prefixes):
        problems.append(f"{key}: {prefix!r} {why}: copy the id from `git log --oneline`, or remove it")
    return tuple(prefixes)


def _unknown_commits(content_path, prefixes: list[str]) -> list[tuple[str, str]]:
    """(prefix, why) for each prefix that names no commit, or more than one, in the content's repository.
    Nothing to check without git or a repository, or in a shallow clone (its history is not shown)."""
    todo = [p for p in prefixes if (content_path, p) not in _known_commits]
    if not todo or not content_path:
        return []
    request = "".join(f"{prefix}^{{commit}}\n" for prefix in todo)
    try:
        run = subprocess.run(["git", "cat-file", "--batch-check"], cwd=content_path, input=request,
                             capture_output=True, text=True, check=False)
    except OSError:  # no git, or no such folder
        return []
    if run.returncode != 0:
        return []  # not a git repository
    found = []
    for prefix, line in zip(todo, run.stdout.splitlines()):
        if line.endswith(" ambiguous"):
            found.append((prefix, "is the start of more than one commit id; give more characters"))
        elif line.endswith(" missing"):
            found.append((prefix, "is not a commit of this repository"))
        else:
            _known_commits.add((content_path, prefix))
    if found:
        shallow = subprocess.run(["git", "rev-parse", "--is-shallow-repository"], cwd=content_path,
                                 capture_output=True, text=True, check=False).stdout.strip()
        if shallow == "true":
            return []
    return found

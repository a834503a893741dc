"""What konsulta_history is (konsulta_content.plugins), and the KONSULTA settings it reads
(konsulta_content.declare)."""

from __future__ import annotations

import re
import subprocess

from konsulta_content.declare import Custom, Invalid, Setting
from konsulta_content.plugins import Need, Plugin, Step, for_site, on_documents

from .redirects import REDIRECTS_FILE

REPOSITORY_LINKS = {"commit": "{commit}", "view": "{path}", "edit": "{path}"}  # kind -> its placeholder


def _repository(value, basics) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) - set(REPOSITORY_LINKS) or not all(
            isinstance(v, str) and v.startswith("https://") for v in value.values()):
        raise Invalid("give https address templates for any of 'commit' ({commit}), "
                      "'view' and 'edit' ({path}), e.g. {'edit': 'https://github.com/org/site/edit/main/{path}'}")
    return dict(value)


_COMMIT_PREFIX = re.compile(r"^[0-9a-f]{7,64}$")
_known_commits: set = set()  # (content path, commit id prefix) already found in the repository


def _history_redactions(value, basics) -> tuple[str, ...]:
    """Commit ids (or unambiguous prefixes of at least 7 characters) whose versions the history leaves out."""
    if not isinstance(value, (list, tuple)):
        raise Invalid("give a list of commit ids, e.g. ['3f9c2a17']")
    problems, prefixes = [], []
    for item in value:
        if not isinstance(item, str) or not _COMMIT_PREFIX.match(item.strip().lower()):
            problems.append(f"{item!r} is not a commit id: give the commit's id or its first 7 or more "
                            "characters (0-9, a-f), as `git log --oneline` shows them")
        else:
            prefixes.append(item.strip().lower())
    for prefix, why in _unknown_commits(basics.content_path, prefixes):
        problems.append(f"{prefix!r} {why}: copy the id from `git log --oneline`, or remove it")
    if problems:
        raise Invalid(*problems)
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


def _messages_lang(value, basics):
    if value is None:
        return basics.default_lang
    if not isinstance(value, str) or not re.fullmatch(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*", value):
        raise Invalid("give the language code commit messages are written in, e.g. 'en', or None for DEFAULT_LANG")
    return value


KONSULTA_SETTINGS = (
    Setting("history_messages_lang", Custom(_messages_lang, "language code or `None`"), None,
            "The language the repository's commit messages are written in. A document's history shows a "
            "version's `change_note` (written in the document's language, [content model](content-model.md)) "
            "where the version has one, else its commit message, marked as this language (`lang`) on pages of "
            "other languages. `None`: `DEFAULT_LANG`."),
    Setting("repository", Custom(_repository, "dict link → https address template, or `None`"), None,
            "Links from each document's history to the site's source repository: `commit` (each version's "
            "commit, placeholder `{commit}`), `view` (\"View the source of this document\", placeholder "
            "`{path}`, the file's path in the repository) and `edit` (\"Propose a change\": the hosting "
            "service's editor, where a reader without write access is offered a fork and a pull request). "
            "Each is an `https://` address; any may be left out, and `None` shows none of them. Example: "
            "`{\"commit\": \"https://github.com/org/site/commit/{commit}\", "
            "\"view\": \"https://github.com/org/site/blob/main/{path}\", "
            "\"edit\": \"https://github.com/org/site/edit/main/{path}\"}`."),
    Setting("history_redactions", Custom(_history_redactions, "list of commit ids"), (),
            "Commits whose versions the public history leaves out, without rewriting git: no message, no changes "
            "page, no text; the versions before and after are compared with each other "
            "([history](history.md#taking-a-version-out-of-the-public-history)). Each is a commit id or its "
            "first 7 or more characters (`git log --oneline`); an id that is not a commit of the content's "
            "repository, or that starts more than one, is a settings error. Not checked in builds without git "
            "or in shallow clones."),
)

PLUGIN = Plugin(
    "konsulta_history",
    "Each document's history from git: \"Last updated\", its revisions, a page per change showing what "
    "changed word by word (and what changed after its consultation), with versions that fail today's rules "
    "withheld; and a page at each earlier address of a document that sends readers on.",
    needs=(Need("konsulta_content", "site"), Need("konsulta_i18n")),
    # The text as consulted: a draft's closing moment. A version's comment form is checked as that plugin does.
    uses=(Need("konsulta_consultations", "consultation"),),
    provides=(
        on_documents("history", "the DocumentHistory (views.py): versions, the revisions a page lists, "
                                "\"Last updated\", what changed after the consultation"),
        for_site("redirects", "the earlier addresses of documents (aliases, renames in git) and where they lead"),
    ),
    steps=(Step("konsulta_history.redirects:check_aliases", checks=True),
           Step("konsulta_history.steps:attach_history", provides=("history", "redirects"))),
    # Pages at earlier addresses go wherever those addresses were; aliases are checked against every other file.
    writes=("{lang}/{slug}/changes/", REDIRECTS_FILE),
    reports="aliases that are a page of the site today or another document's alias; earlier addresses "
            "from git that cannot lead to their document, as warnings",
    settings=KONSULTA_SETTINGS,
)

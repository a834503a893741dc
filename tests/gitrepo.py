"""Real git repositories for history tests: commits with chosen dates, branches, merges, renames."""

from __future__ import annotations

import os
import subprocess
import textwrap
from pathlib import Path

# A page document whose title, extra front matter lines and body a test fills in.
PAGE = textwrap.dedent("""\
    ---
    title: {title}
    type: page
    date: 2026-03-01
    summary: {title}.
    {extra}---
    {body}
    """)


def git(repo: Path, *args: str, date: str | None = None) -> str:
    """Runs git in ``repo`` as an editor would; ``date`` is the author's and the committer's."""
    env = {**os.environ, "GIT_AUTHOR_NAME": "Editor", "GIT_AUTHOR_EMAIL": "editor@example.org",
           "GIT_COMMITTER_NAME": "Editor", "GIT_COMMITTER_EMAIL": "editor@example.org"}
    if date:
        env.update(GIT_AUTHOR_DATE=date, GIT_COMMITTER_DATE=date)
    return subprocess.run(["git", *args], cwd=repo, env=env, check=True, capture_output=True).stdout.decode()


def init(repo: Path) -> Path:
    repo.mkdir(parents=True, exist_ok=True)
    git(repo, "init", "-q", "-b", "main")
    return repo


def write(repo: Path, files: dict) -> None:
    """Writes ``files`` (path -> text or bytes) and stages them."""
    for path, content in files.items():
        target = repo / path
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
        git(repo, "add", "--", path)


def commit(repo: Path, files: dict, message: str, date: str) -> str:
    """Writes ``files`` and commits them (with whatever else is staged); returns the commit id."""
    write(repo, files)
    git(repo, "commit", "-q", "--allow-empty", "-m", message, date=date)
    return head(repo)


def head(repo: Path) -> str:
    return git(repo, "rev-parse", "HEAD").strip()

"""The history of the whole content tree from one `git log` run, renames followed.

Cost grows with the number of commits touching content, not with files × commits:
one log for the metadata, one `git cat-file --batch` process for the texts a page needs.
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

RECORD, UNIT = "\x1e", "\x1f"


@dataclass(frozen=True)
class Version:
    commit: str
    date: dt.datetime  # author date: when the editor made the change
    message: str
    path: str  # repository-relative path of the file in this commit

    @property
    def short(self) -> str:
        return self.commit[:10]


@dataclass
class History:
    """Versions per current repository-relative path, newest first; ``reason`` says why there are none."""

    root: Path | None
    versions: dict[str, list[Version]] = field(default_factory=dict)
    reason: str | None = None

    @property
    def available(self) -> bool:
        return self.reason is None

    def relative(self, path: Path) -> str | None:
        try:
            return path.resolve().relative_to(self.root).as_posix() if self.root else None
        except ValueError:
            return None


def _git(args, cwd, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False, **kwargs)


def read_history(content_path: Path, timezone=None) -> History:
    content_path = content_path.resolve()
    try:
        top = _git(["rev-parse", "--show-toplevel"], content_path, text=True)
    except FileNotFoundError:
        return History(None, reason="git is not installed")
    if top.returncode != 0:
        return History(None, reason="the content is not in a git repository")
    root = Path(top.stdout.strip()).resolve()
    shallow = _git(["rev-parse", "--is-shallow-repository"], root, text=True).stdout.strip()
    if shallow == "true":
        return History(root, reason="the repository is a shallow clone")
    if _git(["rev-parse", "--verify", "-q", "HEAD"], root).returncode != 0:
        return History(root, reason="the repository has no commits yet")
    log = _git(["-c", "core.quotepath=off", "log", "--no-merges", "-M", "--name-status", "-z",
                f"--format={RECORD}%H{UNIT}%aI{UNIT}%s{UNIT}", "--", content_path.relative_to(root).as_posix() or "."],
               root)
    if log.returncode != 0:
        return History(root, reason="git log failed: " + log.stderr.decode("utf-8", "replace").strip())
    return History(root, versions=_parse(log.stdout.decode("utf-8", "replace"), timezone))


def _parse(output: str, timezone=None) -> dict[str, list[Version]]:
    """Walks commits newest first; a rename makes the older path's versions belong to the newer file."""
    versions: dict[str, list[Version]] = {}
    current_name: dict[str, str] = {}  # path as seen in an older commit -> path of the file today
    for record in output.split(RECORD)[1:]:
        commit, date, message, changes = record.split(UNIT, 3)
        when = dt.datetime.fromisoformat(date).astimezone(timezone) if timezone else dt.datetime.fromisoformat(date)
        fields = [f for f in changes.strip("\n\x00").split("\x00")]
        fields = [f.lstrip("\n") for f in fields if f != ""]
        index = 0
        while index < len(fields):
            status = fields[index]
            if status[:1] in ("R", "C"):
                old, new = fields[index + 1], fields[index + 2]
                index += 3
            else:
                old = new = fields[index + 1]
                index += 2
            if status[:1] == "D":
                current_name.setdefault(new, None)  # deleted later: its older versions belong to no file today
                continue
            today = current_name.get(new, new)
            if today is None:
                continue
            versions.setdefault(today, []).append(Version(commit, when, message, new))
            if status[:1] == "R":
                current_name[old] = today
    return versions


class Blobs:
    """File texts at given commits, read through one `git cat-file --batch` process."""

    def __init__(self, root: Path):
        self.root = root
        self._cache: dict[tuple[str, str], str | None] = {}

    def texts(self, wanted: list[tuple[str, str]]) -> dict[tuple[str, str], str | None]:
        missing = sorted({w for w in wanted if w not in self._cache})
        if missing:
            request = "".join(f"{commit}:{path}\n" for commit, path in missing).encode("utf-8")
            out = subprocess.run(["git", "cat-file", "--batch"], cwd=self.root, input=request,
                                 capture_output=True, check=True).stdout
            position = 0
            for key in missing:
                end = out.index(b"\n", position)
                header = out[position:end].decode("utf-8", "replace")
                position = end + 1
                if header.endswith(" missing"):
                    self._cache[key] = None
                    continue
                size = int(header.rsplit(" ", 1)[1])
                self._cache[key] = out[position:position + size].decode("utf-8", "replace")
                position += size + 1
        return {w: self._cache[w] for w in wanted}

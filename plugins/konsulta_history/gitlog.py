"""The history of the whole content tree from one `git log` run, renames followed.

Cost grows with the number of commits touching content, not with files × commits:
one log for the metadata, one `git cat-file --batch-check` and one `git cat-file --batch` process for
the texts the pages need.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

# Fields are NUL-separated (`-z`), and each commit starts with an empty field: git never writes a NUL
# inside a subject (%s stops at one) and never an empty status or path, so neither a commit message nor
# a file name can be mistaken for the start of a commit, whatever characters they hold.
LOG_FORMAT = "--format=%x00%H%x00%aI%x00%s"
COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")


@dataclass(frozen=True)
class Version:
    commit: str
    date: dt.datetime  # author date: when the editor made the change
    message: str  # the subject line, without control characters
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
    paths: set[str] = field(default_factory=set)  # every path the log names, today's or not

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
    log = _git(["-c", "core.quotepath=off", "-c", "i18n.logOutputEncoding=UTF-8", "log", "--no-merges", "-M",
                "--name-status", "-z", LOG_FORMAT, "--", content_path.relative_to(root).as_posix() or "."], root)
    if log.returncode != 0:
        return History(root, reason="git log failed: " + log.stderr.decode("utf-8", "replace").strip())
    try:
        versions, paths = _parse(log.stdout.decode("utf-8", "replace"), timezone)
    except LogFormatError as error:
        return History(root, reason=f"git log could not be read ({error})")
    return History(root, versions=versions, paths=paths)


class LogFormatError(ValueError):
    """`git log` wrote something other than the records asked for (never expected; no page is worth a crash)."""


def _parse(output: str, timezone=None) -> tuple[dict[str, list[Version]], set[str]]:
    """Walks commits newest first; a rename makes the older path's versions belong to the newer file.
    Returns the versions of each file there is today, and every path seen."""
    versions: dict[str, list[Version]] = {}
    paths: set[str] = set()
    current_name: dict[str, str | None] = {}  # path as seen in an older commit -> path of the file today
    fields = output.split("\x00")
    index = 0
    while index < len(fields):
        if fields[index] != "":
            raise LogFormatError(f"expected the start of a commit, found {fields[index][:40]!r}")
        if index == len(fields) - 1:
            break  # the NUL that ends the last record
        if index + 3 >= len(fields) or not COMMIT_ID.fullmatch(fields[index + 1]):
            raise LogFormatError("a commit record is incomplete")
        commit, date, subject = fields[index + 1:index + 4]
        try:
            when = dt.datetime.fromisoformat(date)
        except ValueError:
            raise LogFormatError(f"{date[:40]!r} is not a date") from None
        when = when.astimezone(timezone) if timezone else when
        version = {"commit": commit, "date": when, "message": clean_message(subject)}
        index += 4
        while index < len(fields) and fields[index] != "":
            status = fields[index].lstrip("\n")
            named = 2 if status[:1] in ("R", "C") else 1
            if index + named >= len(fields) or not status:
                raise LogFormatError("a file change is incomplete")
            old, new = fields[index + 1], fields[index + named]
            index += 1 + named
            paths.update((old, new))
            if status[:1] == "D":
                current_name.setdefault(new, None)  # deleted later: its older versions belong to no file today
                continue
            today = current_name.get(new, new)
            if today is None:
                continue
            versions.setdefault(today, []).append(Version(path=new, **version))
            if status[:1] == "R":
                current_name[old] = today
    return versions, paths


def clean_message(text: str) -> str:
    """A commit subject fit for any page: control characters (invalid in HTML and XML, or able to
    disguise text) and Unicode noncharacters become spaces, runs of spaces one space."""
    kept = "".join(" " if unicodedata.category(ch) in ("Cc", "Cs") or _noncharacter(ch) else ch for ch in text)
    return " ".join(kept.split())


def _noncharacter(ch: str) -> bool:
    code = ord(ch)
    return 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE


@dataclass(frozen=True)
class Blob:
    oid: str
    size: int


class Blobs:
    """Files at given commits, through `git cat-file`. Keys are (commit, repository-relative path)."""

    def __init__(self, root: Path):
        self.root = root
        self._found: dict[tuple[str, str], Blob | None] = {}

    def find(self, wanted) -> dict[tuple[str, str], Blob | None]:
        """The blob behind each key (None: no such file in that commit), without reading any content."""
        missing = sorted({key for key in wanted if key not in self._found})
        askable = [key for key in missing if _askable(key)]
        for key in set(missing) - set(askable):
            self._found[key] = None
        if askable:
            request = "".join(f"{commit}:{path}\n" for commit, path in askable).encode("utf-8")
            out = subprocess.run(["git", "cat-file", "--batch-check"], cwd=self.root, input=request,
                                 capture_output=True, check=True).stdout.decode("utf-8", "replace").splitlines()
            for key, line in zip(askable, out, strict=True):
                parts = line.split(" ")
                self._found[key] = Blob(parts[0], int(parts[2])) if len(parts) == 3 and parts[1] == "blob" else None
        return {key: self._found[key] for key in wanted}

    def export(self, targets: dict[tuple[str, str], Path]) -> None:
        """Writes each existing key's bytes to its target file, streamed: an old file of any size costs
        no memory (whether it may be read is for the reader of the target to decide)."""
        found = self.find(list(targets))
        keys = [key for key in sorted(targets) if found[key] is not None]
        if not keys:
            return
        with tempfile.TemporaryFile() as request:
            request.write("".join(f"{found[key].oid}\n" for key in keys).encode("ascii"))
            request.seek(0)
            with subprocess.Popen(["git", "cat-file", "--batch"], cwd=self.root, stdin=request,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as git:
                for key in keys:
                    header = git.stdout.readline().split()
                    if len(header) != 3:
                        continue  # gone since find(): no content follows
                    _copy(git.stdout, targets[key], int(header[2]))
                    git.stdout.read(1)  # the newline after each object
            if git.returncode != 0:
                raise subprocess.CalledProcessError(git.returncode, git.args)


def _askable(key: tuple[str, str]) -> bool:
    """`git cat-file` reads one request per line: a path with a line break cannot be asked for."""
    return not any(ch in key[1] for ch in "\n\r\x00")


def _copy(source, target: Path, size: int) -> None:
    """``size`` bytes of ``source`` into ``target``; read and dropped when the file cannot be made (a name
    that is a folder in another commit, say): its reader then finds no file, as for a missing one."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        out = open(target, "wb")
    except OSError:
        out = None
    with out or open(os.devnull, "wb") as sink:
        left = size
        while left:
            chunk = source.read(min(left, 1 << 20))
            if not chunk:
                raise EOFError("git cat-file stopped early")
            sink.write(chunk)
            left -= len(chunk)


"""The history of the whole content tree from one `git log` run: the branch as it was published.

The history is the first-parent chain of the branch being built (`git log --first-parent`): the
commits that made the site's text, one after the other. A pull request merged with a merge commit is
one version, the merge compared with its first parent (the branch before the merge): what the merge
changed on the site, edits made in the merge commit itself included. The commits inside the pull
request were never the site's text and are not versions of their own.

Each file's versions form a lineage followed oldest first: a commit that adds a file starts a new
lineage, a rename moves the lineage to the new name, a deletion ends it. So a document renamed (or
deleted) and a later document given the old name have separate histories.

Cost grows with the number of commits touching content, not with files × commits:
one log for the metadata, one `git cat-file --batch-check` and one `git cat-file --batch` process for
the texts the pages need (and one more `git cat-file --batch` for the messages of merge commits).
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
LOG_FORMAT = "--format=%x00%H%x00%cI%x00%P%x00%s"
COMMIT_ID = re.compile(r"[0-9a-f]{40}|[0-9a-f]{64}")
# The subjects hosts give merge commits; the request's title is the message's first line after them.
GITHUB_MERGE = re.compile(r"Merge pull request (#\d+) from \S+$")
GITLAB_REQUEST = re.compile(r"See merge request \S*?(![0-9]+)$")
# Lines of a message that name people (Signed-off-by, Co-authored-by…): never a title.
TRAILER = re.compile(r"[A-Za-z-]+-by:", re.IGNORECASE)


@dataclass(frozen=True)
class Version:
    commit: str
    # The committer date of the commit on the branch: when this version became the site's text (a
    # pull request's merge, not the day its commits were written).
    date: dt.datetime
    message: str  # the subject line (a merged request's title), without control characters
    path: str  # repository-relative path of the file in this commit
    merge: bool = False  # a merge commit: the merged branch's changes, as one version

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


@dataclass(frozen=True)
class Change:
    status: str  # git's letter: A, M, D, R, C, T
    old: str  # the path in the first parent (the same as ``new`` but for renames and copies)
    new: str


@dataclass
class Commit:
    commit: str
    date: dt.datetime
    merge: bool
    message: str
    changes: list[Change]


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
    # --diff-merges=first-parent: a merge's changes are those against the branch it was merged into.
    log = _git(["-c", "core.quotepath=off", "-c", "i18n.logOutputEncoding=UTF-8", "log", "--first-parent",
                "--diff-merges=first-parent", "-M", "--name-status", "-z", LOG_FORMAT, "--",
                content_path.relative_to(root).as_posix() or "."], root)
    if log.returncode != 0:
        return History(root, reason="git log failed: " + log.stderr.decode("utf-8", "replace").strip())
    try:
        commits = _parse(log.stdout.decode("utf-8", "replace"), timezone)
    except LogFormatError as error:
        return History(root, reason=f"git log could not be read ({error})")
    _name_merges(root, [c for c in commits if c.merge])
    versions, paths = lineages(commits)
    return History(root, versions=versions, paths=paths)


class LogFormatError(ValueError):
    """`git log` wrote something other than the records asked for (never expected; no page is worth a crash)."""


def _parse(output: str, timezone=None) -> list[Commit]:
    """The commits of the log, newest first, each with its changes against its first parent."""
    commits = []
    fields = output.split("\x00")
    index = 0
    while index < len(fields):
        if fields[index] != "":
            raise LogFormatError(f"expected the start of a commit, found {fields[index][:40]!r}")
        if index == len(fields) - 1:
            break  # the NUL that ends the last record
        if index + 4 >= len(fields) or not COMMIT_ID.fullmatch(fields[index + 1]):
            raise LogFormatError("a commit record is incomplete")
        commit, date, parents, subject = fields[index + 1:index + 5]
        try:
            when = dt.datetime.fromisoformat(date)
        except ValueError:
            raise LogFormatError(f"{date[:40]!r} is not a date") from None
        when = when.astimezone(timezone) if timezone else when
        index += 5
        changes = []
        while index < len(fields) and fields[index] != "":
            status = fields[index].lstrip("\n")
            named = 2 if status[:1] in ("R", "C") else 1
            if index + named >= len(fields) or not status:
                raise LogFormatError("a file change is incomplete")
            changes.append(Change(status[:1], fields[index + 1], fields[index + named]))
            index += 1 + named
        commits.append(Commit(commit, when, len(parents.split()) > 1, clean_message(subject), changes))
    return commits


def lineages(commits: list[Commit]) -> tuple[dict[str, list[Version]], set[str]]:
    """Each file's versions, oldest commit first: an added (or copied) file starts a lineage of its own,
    a rename carries the lineage to the new name, a deletion ends it. Returns the versions of each file
    there is today, newest first, and every path seen."""
    alive: dict[str, list[Version]] = {}  # path -> the versions of the file at that path
    paths: set[str] = set()
    for commit in reversed(commits):
        # Names a commit frees first: one commit may rename a file away and add another under its name.
        moved = {c.old: alive.pop(c.old, None) for c in commit.changes if c.status in ("D", "R")}
        for change in commit.changes:
            paths.update((change.old, change.new))
            if change.status == "D":
                continue
            if change.status == "R":
                lineage = moved.get(change.old) or []
            elif change.status in ("A", "C"):
                lineage = []  # a new file, whatever had this name before
            else:
                lineage = alive.get(change.new) or []
            lineage.append(Version(commit.commit, commit.date, commit.message, change.new, commit.merge))
            alive[change.new] = lineage
    return {path: lineage[::-1] for path, lineage in alive.items()}, paths


def _name_merges(root: Path, merges: list[Commit]) -> None:
    """A merge commit's message in place of its subject: a merged request's title (its message's first
    line after the subject, as GitHub and GitLab write them) with the request's number; the branch's
    name otherwise ("Merge branch 'x'"). Read from the commit objects, which may hold any bytes."""
    if not merges:
        return
    request = "".join(f"{merge.commit}\n" for merge in merges).encode("ascii")
    with tempfile.TemporaryFile() as ids:
        ids.write(request)
        ids.seek(0)
        with subprocess.Popen(["git", "cat-file", "--batch"], cwd=root, stdin=ids,
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL) as git:
            for merge in merges:
                header = git.stdout.readline().split()
                if len(header) != 3:
                    continue
                raw = git.stdout.read(int(header[2]))
                git.stdout.read(1)
                merge.message = merge_message(raw.decode("utf-8", "replace")) or merge.message


def merge_message(raw_commit: str) -> str:
    """The message a history shows for a merge commit, from the commit object's text."""
    message = raw_commit.split("\n\n", 1)[1] if "\n\n" in raw_commit else ""
    lines = [clean_message(line) for line in message.splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return ""
    subject, rest = lines[0], lines[1:]
    github = GITHUB_MERGE.match(subject)
    gitlab = next((m for line in rest if (m := GITLAB_REQUEST.search(line))), None)
    title = next((line for line in rest if not GITLAB_REQUEST.search(line) and not TRAILER.match(line)), None)
    if github:
        # The subject names the branch's owner and name; the title is what the request was about.
        return f"{title} ({github.group(1)})" if title else f"Pull request {github.group(1)}"
    if gitlab and title:
        return f"{title} ({gitlab.group(1)})"
    return subject


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


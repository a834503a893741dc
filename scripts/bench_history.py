#!/usr/bin/env python3
"""Benchmark and check of the history: a repository worked on in pull requests, built and judged.

Makes a throw-away repository with `git fast-import` (or takes an existing one with --repository): N
documents of ten paragraphs, M pull requests each branched off the main branch when it opens, with one
to three commits editing a paragraph of one or two documents, merged with a merge commit while other
requests are open (so that `git log` in date order mixes branches), every fifth merge carrying an edit
of its own; between them, commits on the main branch: edits, paragraphs rewrapped (the Markdown
changes, the text does not), a chain of renames, a name renamed away and reused, a name renamed,
deleted and reused.

Then it reports, for the history as konsulta_history builds it:

- wrong pairs: changes pages whose older version is not the one the newer was made from. The judge asks
  git directly: the newer commit's first parent, the file's name there (`git diff -M` of the two
  commits), and that file's content; a pair is right when the older version is that content, or
  publishes exactly as it does (a formatting-only version in between is not listed);
- merges with edits of their own (`git show --cc`: files that differ from every parent) that no changes
  page shows;
- changes pages that show no change, and pages whose text did not change (fields only);
- the time of a full `pelican` build, --runs times (median), and with --against DIR the same for
  another checkout (its plugins/, theme/ and pelicanconf.py, e.g. from `git archive`), as before/after.

Run:  .venv/bin/python scripts/bench_history.py [--documents 57] [--requests 300] [--runs 3]
      .venv/bin/python scripts/bench_history.py --repository . --content content   # this repository
"""

from __future__ import annotations

import argparse
import functools
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = ("kamu kurumları görüş öneri taslak katılım şeffaflık consultare publică transparență konsultim "
         "policy ministry agency data review rule").split()
PARAGRAPHS = 10


# --- the repository


def paragraph(doc: int, number: int, revision: int) -> str:
    words = [f"{WORDS[(doc * 7 + number * 3 + k) % len(WORDS)]}{(doc * 31 + k) % 97}" for k in range(40)]
    if revision:
        words[5:8] = [f"rev{revision}"] * 3
    return " ".join(words)


def document(title: str, paragraphs: list[str], wrapped: frozenset = frozenset()) -> str:
    """A news item; the paragraphs in ``wrapped`` are written over two lines (the same text on the page)."""
    body = []
    for number, text in enumerate(paragraphs):
        if number in wrapped:
            cut = text.index(" ", len(text) // 2)
            text = text[:cut] + "\n" + text[cut + 1:]
        body.append(text)
    return (f"---\ntitle: {title}\ntype: news\ndate: 2026-01-01\nsummary: {title}.\n---\n## Section\n\n"
            + "\n\n".join(body) + "\n")


class Writer:
    """A fast-import stream for a repository whose files are documents of paragraphs."""

    def __init__(self, start: int):
        self.stream: list[bytes] = []
        self.mark = 0
        self.clock = start

    def commit(self, branch: str, message: str, files: dict, parent=None, merge=None, deleted=(), renamed=()) -> int:
        self.mark += 1
        self.clock += 3600
        text = message.encode()
        lines = [f"commit refs/heads/{branch}\nmark :{self.mark}\n"
                 f"committer Bench <bench@example.org> {self.clock} +0300\ndata {len(text)}\n".encode() + text + b"\n"]
        if parent:
            lines.append(f"from :{parent}\n".encode())
        if merge:
            lines.append(f"merge :{merge}\n".encode())
        lines += [f"R {old} {new}\n".encode() for old, new in renamed]
        lines += [f"D {path}\n".encode() for path in deleted]
        for path, content in sorted(files.items()):
            data = content.encode()
            lines.append(f"M 100644 inline {path}\ndata {len(data)}\n".encode() + data + b"\n")
        self.stream.append(b"".join(lines))
        return self.mark


def make_repository(repo: Path, documents: int, requests: int) -> None:
    """The repository described above, on branch main."""
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    writer = Writer(1767250800)
    names = {i: f"content/en/doc-{i:03d}.md" for i in range(documents)}
    titles = {i: f"Document {i}" for i in range(documents)}
    state = {i: [0] * PARAGRAPHS for i in range(documents)}  # the revision of each paragraph on main
    wrapped = {i: frozenset() for i in range(documents)}

    def text(i, revisions=None):
        return document(titles[i], [paragraph(i, n, r) for n, r in enumerate(revisions or state[i])], wrapped[i])

    main = writer.commit("main", "Publish the documents", {names[i]: text(i) for i in range(documents)})
    revision = 0
    open_requests = []  # [branch, head mark, {doc: paragraph revisions}, commits left]
    for number in range(requests):
        # Open a request off the main branch as it is now.
        docs = sorted({(number * 13) % documents, (number * 29 + 3) % documents})[: 1 + number % 2]
        open_requests.append([f"request-{number}", main, {i: list(state[i]) for i in docs}, 1 + number % 3])
        # Work on every open request, merge the finished ones (the oldest first).
        for request in list(open_requests):
            branch, head, edits, left = request
            revision += 1
            i = sorted(edits)[revision % len(edits)]
            edits[i][(number + revision) % PARAGRAPHS] = revision  # each request edits its own paragraphs
            request[1] = writer.commit(branch, f"Edit {branch}", {names[i]: text(i, edits[i])}, parent=head)
            request[3] -= 1
            if request[3] > 0:
                continue
            open_requests.remove(request)
            changed = {}
            for j, revisions in edits.items():
                for k, r in enumerate(revisions):
                    if r > state[j][k] and r != 0:
                        state[j][k] = r
                changed[j] = True
            if number % 5 == 0:  # an edit made in the merge itself
                revision += 1
                j = sorted(edits)[0]
                state[j][PARAGRAPHS - 1] = revision
            main = writer.commit("main", f"Merge pull request #{number} from bench/{branch}\n\nRequest {number}",
                                 {names[j]: text(j) for j in changed}, parent=main, merge=request[1])
        # Between requests, the main branch changes on its own.
        i = (number * 17 + 5) % documents
        if number % 4 == 1:
            wrapped[i] = frozenset({number % PARAGRAPHS}) if not wrapped[i] else frozenset()
            main = writer.commit("main", f"Rewrap document {i}", {names[i]: text(i)}, parent=main)
        elif number % 4 == 3:
            revision += 1
            state[i][number % PARAGRAPHS] = revision
            main = writer.commit("main", f"Edit document {i}", {names[i]: text(i)}, parent=main)
        if number in (requests // 4, requests // 2):  # a chain of renames
            old, names[1] = names[1], f"content/en/renamed-{number}.md"
            main = writer.commit("main", "Rename document 1", {}, parent=main, renamed=[(old, names[1])])
    # A name renamed away and reused; a name renamed, deleted and reused.
    old = names[2]
    names[2] = "content/en/moved-2.md"
    main = writer.commit("main", "Move document 2", {}, parent=main, renamed=[(old, names[2])])
    titles[documents] = "A new document under an old name"
    names[documents], state[documents], wrapped[documents] = old, [0] * PARAGRAPHS, frozenset()
    main = writer.commit("main", "Reuse a name", {old: text(documents)}, parent=main)
    old = names[3]
    main = writer.commit("main", "Rename document 3", {}, parent=main, renamed=[(old, "content/en/gone.md")])
    main = writer.commit("main", "Delete it", {}, parent=main, deleted=["content/en/gone.md"])
    titles[documents + 1] = "Another new document under an old name"
    names[documents + 1], state[documents + 1], wrapped[documents + 1] = old, [0] * PARAGRAPHS, frozenset()
    writer.commit("main", "Reuse that name", {old: text(documents + 1)}, parent=main)
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(writer.stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)


# --- the judge: which version a version was made from, asked of git


def _git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, capture_output=True, check=True).stdout.decode("utf-8", "replace")


class Judge:
    """Whether a changes page compares a version with the one it was made from. ``same_form(a, b)`` says
    whether two blobs (ids) publish exactly the same; it is the code under test's own notion."""

    def __init__(self, root: Path, same_form):
        self.root = root
        self.same_form = same_form

    @functools.lru_cache(maxsize=None)
    def _renames(self, parent: str, commit: str) -> dict[str, str]:
        """path in ``commit`` -> its path in ``parent``, for renamed files (the whole tree, as git sees it)."""
        fields = _git(self.root, "diff", "-M", "--name-status", "-z", parent, commit).split("\x00")
        found, index = {}, 0
        while index < len(fields) - 1:
            status = fields[index]
            if status[:1] in ("R", "C"):
                found[fields[index + 2]] = fields[index + 1]
                index += 3
            else:
                index += 2
        return found

    @functools.lru_cache(maxsize=None)
    def blob(self, commit: str, path: str) -> str | None:
        result = subprocess.run(["git", "rev-parse", "-q", "--verify", f"{commit}:{path}"], cwd=self.root,
                                capture_output=True)
        return result.stdout.decode().strip() or None

    def made_from(self, commit: str, path: str) -> str | None:
        """The blob of the file in the commit's first parent, renames followed; None for a new file."""
        parents = _git(self.root, "rev-list", "--parents", "-n", "1", commit).split()[1:]
        if not parents:
            return None
        return self.blob(parents[0], self._renames(parents[0], commit).get(path, path))

    def wrong(self, newer: tuple[str, str], older: tuple[str, str]) -> bool:
        """``newer``, ``older``: (commit, path) of the two versions a changes page compares."""
        expected, compared = self.made_from(*newer), self.blob(*older)
        if expected is None or compared is None:
            return True
        return expected != compared and not self.same_form(expected, compared)

    def left_later(self, commit: str, path: str) -> bool:
        """Whether the file left ``path`` after ``commit`` (deleted, or renamed away): a history of it is
        no current document's."""
        return bool(_git(self.root, "log", "--first-parent", "--format=%H", "--diff-filter=D",
                         f"{commit}..HEAD", "--", path).strip())

    def merge_edits(self, content: Path) -> list[tuple[str, str]]:
        """(merge, path) of every merge on the first-parent chain with an edit of its own to a content file."""
        folder = content.resolve().relative_to(self.root).as_posix()
        merges = _git(self.root, "rev-list", "--first-parent", "--merges", "HEAD", "--", folder).split()
        return [(merge, path) for merge in merges
                for path in _git(self.root, "show", "--cc", "--format=", "--name-only", merge, "--", folder).split("\n")
                if path]


# --- the history as konsulta_history builds it


def history_step(content: Path):
    """Times the history step of a build (one `git log`, every version read, every revision compared) and
    returns (log seconds, total seconds, number of versions, pairs compared, revisions, forms by blob)."""
    from pelican.settings import read_settings

    from konsulta_content.config import load_config
    from konsulta_content.loading import read_many
    from konsulta_history.gitlog import Blobs, read_history
    from konsulta_history.published import VersionReader
    from konsulta_history.redirects import page_address
    from konsulta_history.views import PUBLISHED, revisions

    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": str(content)})
    config = load_config(settings)
    files = sorted(content.rglob("*.md"))
    # The build has read every current document before the history step; so does this, untimed.
    docs = read_many([str(f) for f in files], content, config)
    started = time.perf_counter()
    history = read_history(content)
    logged = time.perf_counter()
    current = {f.resolve().relative_to(history.root).as_posix(): (f, docs[str(f)]) for f in files}
    versions = [v for vs in history.versions.values() for v in vs]
    blobs = Blobs(history.root)
    reader = VersionReader(blobs, content, config, lambda doc: page_address(settings, doc.lang, doc.slug), history.paths)
    forms = reader.read(versions, current)
    listed = {}
    for path, vs in history.versions.items():
        statuses = {v: PUBLISHED for v in vs if forms[v] is not None}
        listed[path] = revisions(vs, statuses, forms, None)
    total = time.perf_counter() - started
    pairs = [((r.version.commit, r.version.path), (r.comparison.older.commit, r.comparison.older.path), r.comparison)
             for found in listed.values() for r in found if r.comparison is not None]
    found = blobs.find([(v.commit, v.path) for v in versions])
    by_blob = {found[(v.commit, v.path)].oid: forms[v] for v in versions if found[(v.commit, v.path)] and forms[v]}
    return logged - started, total, len(versions), pairs, listed, by_blob


def judge_current(root: Path, content: Path) -> dict:
    log_seconds, seconds, versions, pairs, listed, by_blob = history_step(content)

    def same_form(a, b):
        return a in by_blob and b in by_blob and by_blob[a] == by_blob[b]

    judge = Judge(root, same_form)
    wrong = sum(judge.wrong(newer, older) for newer, older, _ in pairs)
    shown = {(r.version.commit, r.version.path) for found in listed.values() for r in found if r.comparison}
    edits = judge.merge_edits(content)
    return {
        "versions": versions, "changes pages": len(pairs), "wrong pairs": wrong,
        "merge edits": len(edits),
        "merge edits not shown": sum((m, p) not in shown for m, p in edits),
        "merge edits not shown, in files that left their name since": sum(
            (m, p) not in shown and judge.left_later(m, p) for m, p in edits),
        "pages showing no change": sum(not c.changed for _, _, c in pairs),
        "pages whose text did not change (fields only)": sum(not c.text_changed for _, _, c in pairs),
        # The generator's rewrap commits change the Markdown only (a generated repository's messages say so).
        "pages of commits that only rewrapped paragraphs": sum(c.newer.message.startswith("Rewrap") for _, _, c in pairs),
        "history step, s": round(seconds, 2), "git log, s": round(log_seconds, 2),
    }


# --- builds


def build_seconds(tree: Path, content: Path) -> float:
    """One full `pelican` build of ``content`` with the plugins, theme and settings of ``tree``."""
    env = {**os.environ, "KONSULTA_NOW": "2026-11-24T12:00:00+03:00"}
    with tempfile.TemporaryDirectory(prefix="bench-history-") as scratch:
        if tree != ROOT:
            (Path(scratch) / "konsulta_theme").symlink_to(tree / "theme")
            env["PYTHONPATH"] = os.pathsep.join([str(tree / "plugins"), scratch])
        started = time.perf_counter()
        subprocess.run([sys.executable, "-m", "pelican", str(content), "-s", str(tree / "pelicanconf.py"), "-o",
                        str(Path(scratch) / "output"), "--fatal", "errors", "-q"], cwd=tree, env=env, check=True,
                       capture_output=True)
        return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=57)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--repository", type=Path, help="an existing repository instead of a generated one")
    parser.add_argument("--content", default="content", help="its content folder (default: content)")
    parser.add_argument("--runs", type=int, default=3, help="builds timed (0: none)")
    parser.add_argument("--against", type=Path, help="another checkout to time the same builds with")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "plugins"))
    with tempfile.TemporaryDirectory() as folder:
        if args.repository:
            repo = args.repository.resolve()
        else:
            repo = Path(folder) / "repo"
            started = time.perf_counter()
            make_repository(repo, args.documents, args.requests)
            commits = _git(repo, "rev-list", "--count", "HEAD").strip()
            merges = _git(repo, "rev-list", "--count", "--merges", "HEAD").strip()
            print(f"repository: {args.documents} documents, {commits} commits of which {merges} merges, "
                  f"made in {time.perf_counter() - started:.1f} s")
        content = repo / args.content
        for name, value in judge_current(repo, content).items():
            print(f"{name}: {value}")
        trees = {"this checkout": ROOT, **({"--against": args.against.resolve()} if args.against else {})}
        times = {label: [] for label in trees}
        for _ in range(args.runs):  # in turns, so that a busy moment of the machine costs both alike
            for label, tree in trees.items():
                times[label].append(build_seconds(tree, content))
        for label, found in times.items() if args.runs else ():
            print(f"full build ({label}): median {statistics.median(found):.2f} s of {', '.join(f'{t:.2f}' for t in found)}")


if __name__ == "__main__":
    main()

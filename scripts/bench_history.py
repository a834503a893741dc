#!/usr/bin/env python3
"""Benchmark: the history step for N documents with M commits each (default 1,000 × 10).

Builds a throw-away repository with `git fast-import` (each commit edits every document
once, and the third renames a tenth of them), then times what konsulta_history does in a
build: one `git log` for the whole tree, every old version read as the build reads a document
(konsulta_history.published), and the word diffs of every pair of versions.
Run:  .venv/bin/python scripts/bench_history.py [--documents 1000] [--commits 10]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from konsulta_content.config import load_config  # noqa: E402
from konsulta_content.loading import read_many  # noqa: E402
from konsulta_history.gitlog import Blobs, read_history  # noqa: E402
from konsulta_history.published import VersionReader  # noqa: E402
from konsulta_history.views import PUBLISHED, revisions  # noqa: E402

WORDS = "kamu kurumları görüş öneri taslak katılım şeffaflık consultare publică transparență konsultim".split()


def document(index: int, revision: int) -> str:
    """About 600 words in 10 paragraphs; each revision rewrites a few words of one paragraph."""
    paragraphs = []
    for number in range(10):
        # Own words per document: git pairs renamed files by similarity, and look-alike files mislead it.
        words = [f"{WORDS[(index + number * 7 + k) % len(WORDS)]}{(index * 31 + k) % 997}" for k in range(60)]
        if number == revision % 10:
            words[10:14] = [f"revision-{revision}"] * 4
        paragraphs.append(" ".join(words))
    return (f"---\ntitle: Document {index}\ntype: news\ndate: 2026-01-01\nsummary: Item {index}.\n---\n"
            + "## Section\n\n" + "\n\n".join(paragraphs) + "\n")


def make_repository(repo: Path, documents: int, commits: int) -> None:
    subprocess.run(["git", "init", "-q", "-b", "main", str(repo)], check=True)
    stream = []
    names = {i: f"content/en/doc-{i:05d}.md" for i in range(documents)}
    for revision in range(commits):
        stamp = 1767250800 + revision * 86400
        message = f"Revision {revision}".encode()
        stream.append(f"commit refs/heads/main\ncommitter Bench <bench@example.org> {stamp} +0300\n"
                      f"data {len(message)}\n".encode() + message + b"\n")
        for i in range(documents):
            if revision == 2 and i % 10 == 0:
                old, names[i] = names[i], f"content/en/renamed-{i:05d}.md"
                stream.append(f"R {old} {names[i]}\n".encode())
            data = document(i, revision).encode()
            stream.append(f"M 100644 inline {names[i]}\ndata {len(data)}\n".encode() + data + b"\n")
    subprocess.run(["git", "fast-import", "--quiet"], cwd=repo, input=b"".join(stream), check=True)
    subprocess.run(["git", "checkout", "-q", "main"], cwd=repo, check=True)


def history_step(content: Path) -> tuple[float, float, int]:
    config = load_config({"KONSULTA": {"languages": ["en"]}, "DEFAULT_LANG": "en", "PATH": str(content)})
    files = sorted(content.rglob("*.md"))
    # The build has read every current document before the history step; so does this, untimed.
    docs = read_many([str(f) for f in files], content, config, config.build_processes)
    started = time.perf_counter()
    history = read_history(content)
    logged = time.perf_counter()
    current = {f.resolve().relative_to(history.root).as_posix(): (f, docs[str(f)]) for f in files}
    versions = [v for vs in history.versions.values() for v in vs]
    address_of = lambda doc: f"{doc.lang}/{doc.slug}/"  # noqa: E731 (ARTICLE_URL)
    forms = VersionReader(Blobs(history.root), content, config, address_of, history.paths).read(versions, current)
    for vs in history.versions.values():
        statuses = {v: PUBLISHED for v in vs if forms[v] is not None}
        revisions(vs, statuses, forms, None)
    return logged - started, time.perf_counter() - started, len(versions)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--commits", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        repo = Path(folder) / "repo"
        started = time.perf_counter()
        make_repository(repo, args.documents, args.commits)
        print(f"repository: {args.documents} documents x {args.commits} commits, made in {time.perf_counter() - started:.1f} s")
        log_seconds, total_seconds, versions = history_step(repo / "content")
        print(f"git log over the tree (one run): {log_seconds:.2f} s")
        print(f"history step with every version read and compared ({versions} versions): {total_seconds:.2f} s")


if __name__ == "__main__":
    main()

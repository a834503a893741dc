#!/usr/bin/env python3
"""Benchmark: the history step for N documents with M commits each (default 1,000 × 10).

Builds a throw-away repository with `git fast-import` (each commit edits every document
once, and the third renames a tenth of them), then times what konsulta_history does in a
build: one `git log` for the whole tree, and the texts and word diffs of every version.
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

from konsulta_history.gitlog import Blobs, read_history  # noqa: E402
from konsulta_history.views import compare  # noqa: E402

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
    started = time.perf_counter()
    history = read_history(content)
    logged = time.perf_counter()
    blobs = Blobs(history.root)
    versions = [v for vs in history.versions.values() for v in vs]
    texts = blobs.texts([(v.commit, v.path) for v in versions])
    for vs in history.versions.values():
        for newer, older in zip(vs, vs[1:]):
            compare(texts[(older.commit, older.path)], texts[(newer.commit, newer.path)], older, newer)
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
        print(f"history step with texts and word diffs of {versions} versions: {total_seconds:.2f} s")


if __name__ == "__main__":
    main()

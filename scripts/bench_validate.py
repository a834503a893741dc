#!/usr/bin/env python3
"""Validation benchmark: `scripts/validate` against a full build of the same content.

Runs, interleaved and repeated, `pelican CONTENT -s pelicanconf.py -o TMP` and `scripts/validate CONTENT`
on the demo content and on the demo copied N times (copies renamed slug-2, slug-3...; references
resolve to the originals, except a copied draft's outcome), and prints the medians of the wall-clock times and their ratio.
The editor-workflow target: validating the demo content is at least 5x faster than building it.

Usage: .venv/bin/python scripts/bench_validate.py [--runs 5] [--copies 20]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable


def copied_demo(target: Path, copies: int) -> Path:
    shutil.copytree(ROOT / "content", target)
    originals = [p for p in target.rglob("*.md")]
    pairs = re.compile(r"^(outcome|responds_to): *['\"]?([a-z0-9-]+)['\"]? *$", re.MULTILINE)
    for n in range(2, copies + 1):
        for path in originals:
            # A copied draft and its copied outcome answer each other; other references stay on the originals.
            text = pairs.sub(lambda m: f"{m.group(1)}: {m.group(2)}-{n}", path.read_text("utf-8"))
            path.with_name(f"{path.stem}-{n}{path.suffix}").write_text(text, "utf-8")
    return target


def wall(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env={**os.environ, "KONSULTA_NOW": os.environ.get("KONSULTA_NOW", "2026-11-24T12:00:00+03:00")})
    return time.perf_counter() - started


def measure(content: Path, runs: int, work: Path) -> tuple[float, float]:
    build = [PYTHON, "-m", "pelican", str(content), "-s", "pelicanconf.py", "-o", str(work / "out"), "-q"]
    validate = [PYTHON, "scripts/validate", str(content)]
    builds, validations = [], []
    for _ in range(runs):
        builds.append(wall(build))
        validations.append(wall(validate))
    return statistics.median(builds), statistics.median(validations)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--copies", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="konsulta-bench-validate-") as tmp:
        work = Path(tmp)
        rows = [("the demo (content/)", ROOT / "content")]
        if args.copies > 1:
            rows.append((f"the demo x{args.copies}", copied_demo(work / "copied", args.copies)))
        print("| content | documents | build | scripts/validate | faster by |\n| --- | --- | --- | --- | --- |")
        for label, content in rows:
            documents = sum(1 for _ in content.rglob("*.md"))
            build, validate = measure(content, args.runs, work)
            print(f"| {label} | {documents} | {build:.2f} s | {validate:.2f} s | {build / validate:.1f}x |", flush=True)


if __name__ == "__main__":
    main()

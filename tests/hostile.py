"""Running the standard CLI on hostile content, as a pull request's build would, and reading its report."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT


def snapshot(folder: Path, skip: Path | None = None) -> dict[str, tuple[int, int]]:
    """Every file under ``folder`` except those under ``skip``: (size, mtime) by path."""
    found = {}
    for path in folder.rglob("*"):
        if skip is not None and (path == skip or skip in path.parents):
            continue
        stat = path.lstat()
        found[path.relative_to(folder).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return found


def limit_memory():
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (3 * 1024 ** 3, 3 * 1024 ** 3))  # a runaway build stops at 3 GB


def _run(command: list[str], cwd: Path, timeout: int) -> subprocess.CompletedProcess:
    # COLUMNS: Pelican's log wraps at the terminal's width, which would split the messages looked for.
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=timeout, preexec_fn=limit_memory,
                          env={**os.environ, "COLUMNS": "400"})


def pelican_cli(content: Path, output: Path, cwd: Path, *flags: str, timeout: int = 300,
                fatal: bool = True) -> subprocess.CompletedProcess:
    """`pelican CONTENT -s pelicanconf.py -o OUTPUT [--fatal errors]`, run from ``cwd`` (paths relative to it)."""
    return _run([sys.executable, "-m", "pelican", str(Path(content).relative_to(cwd)), "-s", str(ROOT / "pelicanconf.py"),
                 "-o", str(Path(output).relative_to(cwd)), *(["--fatal", "errors"] if fatal else []), *flags], cwd, timeout)


def validate_cli(content: Path, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    return _run([sys.executable, str(ROOT / "scripts" / "validate"), str(Path(content).relative_to(cwd))], cwd, timeout)


def problem_lines(run: subprocess.CompletedProcess) -> list[str]:
    """The lines after "Konsulta found N problems", in the order printed."""
    lines = run.stderr.splitlines()
    start = next((i for i, line in enumerate(lines) if line.startswith("Konsulta found")), None)
    assert start is not None, f"no problem report\n--- stdout\n{run.stdout[-3000:]}\n--- stderr\n{run.stderr[-3000:]}"
    return [line for line in lines[start + 1:] if line.strip()]

"""Problems found in content, gathered over a whole build and reported together."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one document: where it is, what is wrong, what to do."""

    path: str
    line: int | None
    field: str | None
    message: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        what = f"{self.field}: {self.message}" if self.field else self.message
        return f"{where}: {what}"


class ContentErrors(SystemExit):
    """Ends the build with every problem listed and a non-zero exit status.

    A SystemExit, so the CLI prints the report without a traceback, while code
    that runs Pelican in-process can still catch it and read ``problems``.
    """

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(set(problems), key=lambda p: (p.path, p.line or 0, p.field or "", p.message))
        count = len(self.problems)
        heading = f"Konsulta found {count} problem{'s' if count != 1 else ''} in the content:"
        super().__init__("\n".join([heading, *map(str, self.problems)]))


def display_path(path: str | Path) -> str:
    """A path as editors know it: relative to the working directory where possible."""
    path = Path(path)
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


@dataclass
class BuildProblems:
    """Problems of the current build; Pelican's own error logs count as problems too."""

    problems: list[Problem] = field(default_factory=list)

    def add(self, path, message, *, line=None, field=None):
        self.problems.append(Problem(display_path(path), line, field, message))

    def extend(self, problems):
        self.problems.extend(problems)

    def raise_if_any(self):
        if self.problems:
            raise ContentErrors(self.problems)


class PelicanErrorLog(logging.Handler):
    """Turns errors Pelican logs while reading (a file it could not process) into problems,
    so a document that cannot be read fails the build instead of going missing."""

    def __init__(self, sink: BuildProblems):
        super().__init__(level=logging.ERROR)
        self.sink = sink

    def emit(self, record):
        if record.levelno >= logging.CRITICAL:
            return
        message = record.getMessage()
        path = record.args[0] if isinstance(record.args, tuple) and record.args else "content"
        if record.exc_info and record.exc_info[1] is not None:
            message = f"{message}: {record.exc_info[1]}"
        self.sink.add(path if isinstance(path, str) else "content", message)
